/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mr-window.h"

G_BEGIN_DECLS

#define MR_TYPE_PRESENTATION_WINDOW (mr_presentation_window_get_type ())
G_DECLARE_FINAL_TYPE (MrPresentationWindow, mr_presentation_window, MR, PRESENTATION_WINDOW, AdwWindow)

/* The quote of @window in large type, following it as it changes. F11
 * toggles full screen, Escape leaves, Ctrl+plus/minus/0 zoom. */
GtkWidget   *mr_presentation_window_new      (MrWindow             *window);
GtkWidget   *mr_presentation_window_get_view (MrPresentationWindow *self);

G_END_DECLS
