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
/* spins the main loop for @ms (for things that must NOT happen) */
void       mr_ui_wait_frames   (guint       ms);
/* Waits until @widget is mapped, has a size, and its window has painted
 * @n_frames frames since (so what changed before is laid out and drawn).
 * Fails the test if that does not happen in time. */
void       mr_ui_wait_drawn    (GtkWidget  *widget,
                                guint       n_frames);
/* Waits for @widget to be drawn (animations included) and saves it as
 * $MR_SCREENSHOT_DIR/@name; does nothing without $MR_SCREENSHOT_DIR. */
void       mr_ui_screenshot    (GtkWidget  *widget,
                                const char *name);

G_END_DECLS
