/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Accessibility repairs a widget asks for itself, where it is made. Each
 * fixes one thing GTK 4.8 or libadwaita 1.2 gets wrong for a screen reader;
 * where a newer GTK gets it right, the repair does nothing there. */

/* GTK before 4.12 names a button whose label has a mnemonic ("_Cancel") by
 * its raw label and by its child label ("_Cancel Cancel"): @button keeps
 * the child label's name alone, also when its label changes later. */
void mr_a11y_button_name_by_label     (GtkButton       *button);
/* The same for every button with a mnemonic under @widget now (the
 * buttons of a template, of a message dialog's responses). */
void mr_a11y_buttons_name_by_label    (GtkWidget       *widget);
/* The same for the buttons of @dialog's responses, also the ones it is
 * given after this call: they are named when the dialog is mapped. */
void mr_a11y_message_dialog_fix_names (AdwMessageDialog *dialog);

/* Names the row of @list_item in a list, as a screen reader reads it
 * (GtkListItem:accessible-label on GTK 4.12 and later). Call it from a
 * factory's bind. */
void mr_a11y_list_item_set_label      (GtkListItem     *list_item,
                                       const char      *label);

/* A drop-down as the ones in the header bar: its button is named after its
 * tooltip and its choice ("Kind of Order: Pre-Warmed"), the items of its
 * list after their text. Keeps @drop_down's default factory. */
void mr_a11y_drop_down_fix_names      (GtkDropDown     *drop_down);
/* A combo row: its lists are named after its title, their items after
 * their text. Keeps @row's default factory. */
void mr_a11y_combo_row_fix_names      (AdwComboRow     *row);

/* A status page with nothing to do in it (no child) is no stop for Tab: its
 * scrolled window would take the focus as a blank, unnamed stop. For every
 * status page under @widget now, also when it gets or loses a child. */
void mr_a11y_status_pages_fix_focus   (GtkWidget       *widget);

/* The toasts of @overlay: libadwaita 1.2 leaves a toast's close button
 * without name or tooltip (a screen reader says "GtkImage"), and its action
 * button ("_Undo") is named twice on GTK 4.8. Each toast @overlay shows is
 * repaired as it appears. */
void mr_a11y_toast_overlay_fix_names  (AdwToastOverlay *overlay);

/* The menu of @button (a GtkPopoverMenu made from its menu model): each
 * item is named after its text when the menu opens. GTK 4.18 labels the
 * items by labels it leaves out of the AT-SPI tree, so they have no name. */
void mr_a11y_menu_button_fix_names    (GtkMenuButton   *button);

/* A window GTK or libadwaita builds for us (About, Keyboard Shortcuts):
 * named @title when it has no title (GtkShortcutsWindow has none), its
 * buttons named after what they show (GTK 4.8 names icon buttons and
 * buttons with a label child after their class, and doubles mnemonic
 * labels), its boxed lists without a group title after their rows. */
void mr_a11y_built_window_fix_names   (GtkWindow       *window,
                                       const char      *title);

/* What a widget's template needs, called at the end of its init: its
 * buttons with a mnemonic, its status pages and its toast overlays (also
 * the one an AdwPreferencesWindow holds), each repaired as above. */
void mr_a11y_fix_template             (GtkWidget       *widget);

G_END_DECLS
