/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-bulk-dialog.h"
#include "mr-window.h"

G_BEGIN_DECLS

/* The window's file and bulk actions (mr-window-files.c):
 *   win.import-csv      Import CSV… (a file chooser)
 *   win.import-text (s) a pasted table of domains and mailboxes
 *   win.open-order      Open… an order file (replaces the order; undo)
 *   win.save-order-as   Save As… the order file mailroom-cli reads
 *   win.bulk-setup      the bulk dialog for the selected domains
 *   win.show-report     the last report of what was left out
 * The functions below are what the actions do once a file is chosen. */
void          _mr_window_class_init_files   (GtkWidgetClass *widget_class);

/* Returns the number of good rows taken; bad rows are reported in a
 * dialog (mr_window_get_report_dialog()). */
guint         mr_window_import_csv_text     (MrWindow       *self,
                                             const char     *data,
                                             gssize          length,
                                             const char     *source_name);
gboolean      mr_window_open_order_file     (MrWindow       *self,
                                             GFile          *file);
gboolean      mr_window_save_order_file     (MrWindow       *self,
                                             GFile          *file);
MrBulkDialog *mr_window_show_bulk_dialog    (MrWindow       *self);
/* the dialog listing bad rows or left-out mailboxes, NULL when none is open */
GtkWindow    *mr_window_get_report_dialog   (MrWindow       *self);

G_END_DECLS
