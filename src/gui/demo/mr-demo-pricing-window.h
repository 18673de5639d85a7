/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mr-sim-thread.h"

G_BEGIN_DECLS

#define MR_TYPE_DEMO_PRICING_WINDOW (mr_demo_pricing_window_get_type ())
G_DECLARE_FINAL_TYPE (MrDemoPricingWindow, mr_demo_pricing_window, MR, DEMO_PRICING_WINDOW,
                      AdwPreferencesWindow)

/* The demo price controls for @sim. Every change is applied to @sim at
 * once, kept in the demo state directory, and announced with "changed". */
GtkWidget *mr_demo_pricing_window_new  (MrSimThread          *sim);
gboolean   mr_demo_pricing_window_load (MrDemoPricingWindow  *self,
                                        const char           *path,
                                        GError              **error);
gboolean   mr_demo_pricing_window_save (MrDemoPricingWindow  *self,
                                        const char           *path,
                                        GError              **error);

G_END_DECLS
