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
void          mr_sim_pricing_free        (MrSimPricing  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrSimPricing, mr_sim_pricing_free)

G_END_DECLS
