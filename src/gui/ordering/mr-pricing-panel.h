/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_TYPE_PRICING_PANEL (mr_pricing_panel_get_type ())
G_DECLARE_FINAL_TYPE (MrPricingPanel, mr_pricing_panel, MR, PRICING_PANEL, AdwBin)

/* The quote of the order: per domain, the totals, the problems and what
 * to do about a failed request. Signal "problem-activated" (const char
 * *domain) when a problem row is clicked. */
GtkWidget        *mr_pricing_panel_new                (void);
MrQuoteScheduler *mr_pricing_panel_get_scheduler      (MrPricingPanel   *self);
void              mr_pricing_panel_set_scheduler      (MrPricingPanel   *self,
                                                       MrQuoteScheduler *scheduler);
/* every problem of the order, each once: the session's GListModel of
 * MrProblem, followed as it changes */
void              mr_pricing_panel_set_problems       (MrPricingPanel   *self,
                                                       GListModel       *problems);
/* the items left out of the quote (MrProblem, one reason each), shown
 * under "Not Included" with a Remove All button (win.remove-excluded) */
void              mr_pricing_panel_set_excluded       (MrPricingPanel   *self,
                                                       GListModel       *excluded);
/* the sidebar lists the first few of each; "Show All" opens the whole
 * list on a page of the panel, and this (or Escape) goes back */
void              mr_pricing_panel_close_list         (MrPricingPanel   *self);
void              mr_pricing_panel_set_animated       (MrPricingPanel   *self,
                                                       gboolean          animated);

/* the totals last said aloud (a screen reader hears each change of the
 * current quote's totals once), and how many times they were said */
const char       *mr_pricing_panel_get_announced      (MrPricingPanel   *self);
guint             mr_pricing_panel_get_n_announced    (MrPricingPanel   *self);
/* TRUE from the first quote of a long order until its price lines are all
 * in the list's model (from the frame after the one that shows the totals
 * on; the list's MrFillModel then shows them a step a frame) */
gboolean          mr_pricing_panel_get_adding_lines   (MrPricingPanel   *self);

G_END_DECLS
