/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MR_TYPE_MESSAGE_DIALOG (mr_message_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (MrMessageDialog, mr_message_dialog, MR, MESSAGE_DIALOG, AdwMessageDialog)

struct _MrMessageDialogClass
{
  AdwMessageDialogClass parent_class;
};

/* An AdwMessageDialog that asks for one constant size: its natural width,
 * and the height its contents need at that width. Use it for every message
 * dialog with wrapping text (see mr-message-dialog.c for why). */
GtkWidget *mr_message_dialog_new (GtkWindow  *parent,
                                  const char *heading,
                                  const char *body);

G_END_DECLS
