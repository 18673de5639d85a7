/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mr-window.h"

G_BEGIN_DECLS

/* rows of the grid, for mr_compare_window_get_cell() */
enum {
  MR_COMPARE_ROW_TITLE,
  MR_COMPARE_ROW_DUE_NOW,
  MR_COMPARE_ROW_PER_MONTH,
  MR_COMPARE_ROW_FIRST_YEAR,
  MR_COMPARE_ROW_PER_MAILBOX,
  MR_COMPARE_ROW_CAPACITY,
  MR_COMPARE_ROW_PER_1000,
  MR_COMPARE_ROW_NOTE,
  MR_COMPARE_ROW_BUTTON,
};

#define MR_TYPE_COMPARE_WINDOW (mr_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (MrCompareWindow, mr_compare_window, MR, COMPARE_WINDOW, AdwWindow)

/* Prices @window's order for each provider at once ("running" notifies) */
GtkWidget    *mr_compare_window_new         (MrWindow        *window);
void          mr_compare_window_refresh     (MrCompareWindow *self);
gboolean      mr_compare_window_get_running (MrCompareWindow *self);
/* MrCompareColumn*, NULL before the first result */
GPtrArray    *mr_compare_window_get_columns (MrCompareWindow *self);
GtkWidget    *mr_compare_window_get_cell    (MrCompareWindow *self,
                                             guint            row,
                                             MrCompareKind    kind);
/* Makes the order what the column priced (mr_compare_column_apply()):
 * one undoable change, reported in a toast */
void          mr_compare_window_pick        (MrCompareWindow *self,
                                             MrCompareKind    kind);
/* what the last pick did and left out, or NULL */
MrBulkReport *mr_compare_window_get_picked  (MrCompareWindow *self);

G_END_DECLS
