/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-delete-shortcut"

#include "config.h"

#include "mr-delete-shortcut.h"

gboolean
mr_focus_is_text_field (GtkWidget *focus)
{
  for (GtkWidget *widget = focus; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (GTK_IS_EDITABLE (widget) || GTK_IS_TEXT_VIEW (widget))
        return TRUE;
    }

  return FALSE;
}

static gboolean
delete_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  const char *action_name = user_data;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* FALSE: not handled, the text field gets the key */
  if (mr_focus_is_text_field (focus))
    return FALSE;

  return gtk_widget_activate_action (widget, action_name, NULL);
}

GtkEventController *
mr_delete_shortcut_controller_new (const char *action_name)
{
  GtkEventController *controller;
  const guint keyvals[] = { GDK_KEY_Delete, GDK_KEY_KP_Delete };

  g_return_val_if_fail (action_name != NULL, NULL);

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (controller, "mr-delete-shortcut");

  for (guint i = 0; i < G_N_ELEMENTS (keyvals); i++)
    {
      GtkShortcutAction *action = gtk_callback_action_new (delete_cb,
                                                           g_strdup (action_name),
                                                           g_free);

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (keyvals[i], 0),
                                                              action));
    }

  return controller;
}
