/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MR_TYPE_PRICING_PANEL_QUOTE (mr_pricing_panel_quote_get_type ())
G_DECLARE_FINAL_TYPE (MrPricingPanelQuote, mr_pricing_panel_quote, MR, PRICING_PANEL_QUOTE, GtkBox)

/* The pricing panel's quote page: the price lines, the totals and the
 * problems under them. Only the widgets, built from its template; the
 * panel (MrPricingPanel) makes it when it first shows a quote, and fills
 * it, reaching its parts with mr_pricing_panel_quote_get_part (). */
GtkWidget *mr_pricing_panel_quote_new      (void);
GtkWidget *mr_pricing_panel_quote_get_part (MrPricingPanelQuote *self,
                                            const char          *name);

G_END_DECLS
