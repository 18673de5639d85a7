/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prices in cents, read from data/sim-pricing.json. */
typedef struct
{
  gint64    domain_per_year;
  gint64    account_per_month[4];        /* by email_provider 1..3; 3 unused */
  gint64    microsoft_domain_per_month;
  gint64    prewarmed_account_per_month;
  gint64    prewarmed_domain_per_year;
  guint     prewarmed_accounts_per_domain;
  guint     free_domains;
  guint     discount_percent;
  gboolean  provider_unavailable[4];     /* by email_provider */
  char     *card_brand;
  char     *card_last_4;
  char     *card_name;
} MrSimPricing;

MrSimPricing *mr_sim_pricing_new_default (void);
MrSimPricing *mr_sim_pricing_new_from_file (const char    *path,
                                            GError       **error);
/* The same format from memory (what the app's demo controls load) */
MrSimPricing *mr_sim_pricing_new_from_data (const char    *data,
                                            gssize         length,
                                            GError       **error);
MrSimPricing *mr_sim_pricing_copy        (const MrSimPricing *self);
gboolean      mr_sim_pricing_equal       (const MrSimPricing *a,
                                          const MrSimPricing *b);
/* Pretty-printed JSON in the format of data/sim-pricing.json; reading it
 * back gives an equal price list. */
char         *mr_sim_pricing_to_data     (const MrSimPricing *self);
/* Written atomically */
gboolean      mr_sim_pricing_save_to_file (const MrSimPricing *self,
                                           const char         *path,
                                           GError            **error);
void          mr_sim_pricing_free        (MrSimPricing  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrSimPricing, mr_sim_pricing_free)

G_END_DECLS
