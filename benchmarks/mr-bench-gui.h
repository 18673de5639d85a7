/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-application.h"
#include "mr-window.h"

G_BEGIN_DECLS

/* An application whose client talks to the simulator at @url */
MrApplication *mr_bench_app_new             (const char *url);
/* A presented window of 1180 × 760 whose first frame is painted */
MrWindow      *mr_bench_window_new          (MrApplication *app);
/* Counts painted frames and remembers when the last one was painted */
guint          mr_bench_window_get_frames   (MrWindow      *window);
double         mr_bench_window_last_paint_ms (MrWindow     *window);
/* Iterates until a frame is painted after this call (a redraw is queued
 * so that one comes); returns when it was painted, in ms */
double         mr_bench_wait_frame          (MrWindow      *window);
/* Iterates until the window has painted a fresh quote of its order;
 * returns when that frame was painted (0 on timeout). *@reply_ms (may be
 * NULL) is when the quote arrived. */
double         mr_bench_wait_fresh_quote    (MrWindow      *window,
                                             double        *reply_ms,
                                             guint          timeout_ms);
/* @n_domains domains of 5 mailboxes each */
void           mr_bench_fill_order          (MrOrder       *order,
                                             guint          n_domains);
/* The first descendant of @widget of type @type_name, or NULL */
GtkWidget     *mr_bench_find_widget         (GtkWidget     *widget,
                                             const char    *type_name);

G_END_DECLS
