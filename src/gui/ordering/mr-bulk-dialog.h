/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_TYPE_BULK_DIALOG (mr_bulk_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MrBulkDialog, mr_bulk_dialog, MR, BULK_DIALOG, AdwWindow)

/* Sets up many domains of @order at once: provider, forwarding domain,
 * the same people on each with an address pattern, fill to N mailboxes,
 * or remove them. Apply makes one change of the order (one quote).
 * Signal "applied" (gpointer MrBulkReport*, borrowed) after Apply or
 * Remove; the dialog then closes. */
MrBulkDialog *mr_bulk_dialog_new       (GtkWindow        *parent,
                                        MrOrder          *order,
                                        GPtrArray        *items);
void          mr_bulk_dialog_set_people   (MrBulkDialog     *self,
                                           const char       *people);
void          mr_bulk_dialog_set_pattern  (MrBulkDialog     *self,
                                           MrAddressPattern  pattern);
void          mr_bulk_dialog_set_provider (MrBulkDialog     *self,
                                           MrEmailProvider   provider);
void          mr_bulk_dialog_set_forwarding (MrBulkDialog   *self,
                                             const char     *forwarding_domain);
void          mr_bulk_dialog_set_fill     (MrBulkDialog     *self,
                                           guint             n_accounts);
/* what Apply would do, in one sentence (shown in the dialog) */
const char   *mr_bulk_dialog_get_preview  (MrBulkDialog     *self);
/* the same as the Apply button; returns the report (owned by the caller) */
MrBulkReport *mr_bulk_dialog_apply        (MrBulkDialog     *self);
MrBulkReport *mr_bulk_dialog_remove       (MrBulkDialog     *self);

G_END_DECLS
