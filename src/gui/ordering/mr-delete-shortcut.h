/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Delete removes the selected domain or the focused mailbox, but in a text
 * field it edits the text. These are the shortcut and its decision. */

/* TRUE when @focus is a text field or inside one (GtkText in a GtkEntry,
 * AdwEntryRow or GtkSearchEntry, a GtkTextView, a GtkSpinButton...) */
gboolean            mr_focus_is_text_field             (GtkWidget  *focus);

/* A shortcut controller for Delete and KP_Delete that activates
 * @action_name on its widget unless the window's focus is in a text
 * field; then the key is left unhandled. */
GtkEventController *mr_delete_shortcut_controller_new  (const char *action_name);

G_END_DECLS
