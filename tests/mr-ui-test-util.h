/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Helpers for the window tests: find widgets, read what they say, save
 * screenshots into $MR_SCREENSHOT_DIR. */
GPtrArray *mr_ui_find_all      (GtkWidget  *root,
                                GType       type);
GtkWidget *mr_ui_find_first    (GtkWidget  *root,
                                GType       type);
/* every visible label's text under @root, one per line */
char      *mr_ui_collect_text  (GtkWidget  *root);
void       mr_ui_wait_frames   (guint       ms);
void       mr_ui_screenshot    (GtkWidget  *widget,
                                const char *name);

G_END_DECLS
