/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-cancel-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-cancel-dialog.h"
#include "mr-message-dialog.h"

static GtkWidget *
build_address_list (const char * const *emails)
{
  GtkWidget *list;

  list = g_object_new (GTK_TYPE_LIST_BOX,
                       "selection-mode", GTK_SELECTION_NONE,
                       NULL);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Mailboxes to cancel"),
                                  -1);

  for (guint i = 0; emails[i] != NULL; i++)
    {
      GtkWidget *row = g_object_new (ADW_TYPE_ACTION_ROW,
                                     "title", emails[i],
                                     "use-markup", FALSE,
                                     NULL);

      gtk_widget_add_css_class (row, "property");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  return g_object_new (GTK_TYPE_SCROLLED_WINDOW,
                       "hscrollbar-policy", GTK_POLICY_NEVER,
                       "propagate-natural-height", TRUE,
                       "max-content-height", 240,
                       "child", list,
                       NULL);
}

AdwMessageDialog *
mr_cancel_dialog_new (GtkWindow          *parent,
                      const char * const *emails)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  guint n;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (emails != NULL, NULL);

  n = g_strv_length ((GStrv) emails);
  heading = g_strdup_printf (ngettext ("Cancel %u Mailbox?", "Cancel %u Mailboxes?", n), n);
  /* Instantly's inbox (the API calls it "Unibox") keeps the mail: say so plainly */
  dialog = ADW_MESSAGE_DIALOG (mr_message_dialog_new (parent, heading,
                                                      ngettext ("Cancelling permanently deletes "
                                                                "this mailbox and all its emails "
                                                                "and conversations in Instantly. "
                                                                "This cannot be undone.",
                                                                "Cancelling permanently deletes "
                                                                "these mailboxes and all their "
                                                                "emails and conversations in "
                                                                "Instantly. This cannot be undone.",
                                                                n)));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_set_extra_child (dialog, build_address_list (emails));
  adw_message_dialog_add_responses (dialog,
                                    "keep", ngettext ("_Keep It", "_Keep Them", n),
                                    "cancel", ngettext ("_Cancel Mailbox", "_Cancel Mailboxes", n),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "cancel", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data_full (G_OBJECT (dialog), "emails",
                          g_strdupv ((GStrv) emails), (GDestroyNotify) g_strfreev);

  return dialog;
}

const char * const *
mr_cancel_dialog_get_emails (AdwMessageDialog *dialog)
{
  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  return g_object_get_data (G_OBJECT (dialog), "emails");
}
