/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_TYPE_PRICING_SUMMARY (mr_pricing_summary_get_type ())
G_DECLARE_FINAL_TYPE (MrPricingSummary, mr_pricing_summary, MR, PRICING_SUMMARY, AdwBin)

/* A one-line "Due now $55.00 ›" bar for narrow windows. Signal
 * "activated" when clicked (the window then shows the whole quote). */
GtkWidget        *mr_pricing_summary_new           (void);
MrQuoteScheduler *mr_pricing_summary_get_scheduler (MrPricingSummary *self);
void              mr_pricing_summary_set_scheduler (MrPricingSummary *self,
                                                    MrQuoteScheduler *scheduler);

G_END_DECLS
