/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mr-window.h"

G_BEGIN_DECLS

/* For benchmarks/bench-startup: when $MR_STARTUP_PROBE is "frame" (or
 * "quote"), prints "probe <event> <monotonic µs> <width>x<height>" once the window's first
 * frame (or the first frame showing a fresh quote) is painted, then quits
 * the application. Does nothing when the variable is unset. */
void mr_startup_probe_attach (MrWindow *window);

G_END_DECLS
