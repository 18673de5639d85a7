/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Small helpers shared by several widgets. */

/* Shows @title for a few seconds in the AdwToastOverlay that is @widget or
 * holds it; does nothing outside one. */
void  mr_show_toast (GtkWidget  *widget,
                     const char *title);

G_END_DECLS
