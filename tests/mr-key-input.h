/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Real key input for the window tests: key presses and releases go to the
 * X server through its XTest extension and come back to GTK as a
 * keyboard's would, through the input method, the key controllers and the
 * shortcuts. Needs the X11 backend (Xvfb in the test suite). */

/* NULL when keys can be sent to @window's display, else why not (to skip) */
const char *mr_key_input_unavailable (GtkWidget  *window);
/* gives @window the keyboard, as a window manager would, and waits until
 * GTK says it is active */
void        mr_key_input_focus       (GtkWindow  *window);
/* presses and releases @accelerator ("Return", "<Control>v",
 * "<Control><Shift>z"), the modifiers held around it, and waits until GTK
 * has handled the events */
void        mr_key_input_press       (const char *accelerator);
/* types @text key by key (Shift where the keyboard needs it) */
void        mr_key_input_type        (const char *text);

G_END_DECLS
