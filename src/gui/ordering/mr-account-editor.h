/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_TYPE_ACCOUNT_EDITOR (mr_account_editor_get_type ())
G_DECLARE_FINAL_TYPE (MrAccountEditor, mr_account_editor, MR, ACCOUNT_EDITOR, AdwBin)

/* The editor of one domain of the order: provider, forwarding domain and
 * its mailboxes. Actions "editor.add-mailbox" and "editor.remove-mailbox"
 * (removes the mailbox whose row has the focus). */
GtkWidget    *mr_account_editor_new            (void);
MrOrderItem  *mr_account_editor_get_item       (MrAccountEditor *self);
/* NULL shows the "Select a Domain" empty state */
void          mr_account_editor_set_item       (MrAccountEditor *self,
                                                MrOrderItem     *item);
MrOrderType   mr_account_editor_get_order_type (MrAccountEditor *self);
void          mr_account_editor_set_order_type (MrAccountEditor *self,
                                                MrOrderType      type);
/* MrProblem*s of the whole order; those of the item's domain are shown */
/* the session told when the person leaves a mailbox field */
void          mr_account_editor_set_session    (MrAccountEditor *self,
                                                MrOrderSession  *session);
void          mr_account_editor_set_problems   (MrAccountEditor *self,
                                                GPtrArray       *problems);

G_END_DECLS
