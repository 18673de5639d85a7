/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-sim-order.h"

G_BEGIN_DECLS

/* What a quote holds, for mr-sim-order.c and the tests' reference writer
 * (tests/mr-sim-tree-oracle.c) only */

#define PROVIDER_GOOGLE    1
#define PROVIDER_AIRMAIL   2
#define PROVIDER_MICROSOFT 3

typedef enum
{
  ORDER_DFY,
  ORDER_PRE_WARMED_UP,
  ORDER_EXTRA_ACCOUNTS,
} MrSimOrderType;

/* The strings are the request's (see mr_sim_quote_add_account()), or
 * the quote's own in self->owned */
typedef struct
{
  const char *prefix;
  const char *first_name;
  const char *last_name;
} MrSimQuoteAccount;

typedef struct
{
  char              *domain;            /* normalised */
  char              *forwarding_domain; /* normalised, NULL when absent or empty */
  int                email_provider;
  MrSimQuoteAccount *accounts;
  guint              n_accounts;
  guint              accounts_size;     /* room for this many */
  gint64             domain_price;
  gint64             accounts_price;
  gint64             monthly_price;     /* Microsoft only, else -1 */
  gint64             discount;
} MrSimQuoteItem;

typedef struct
{
  char *domain;
  char *first_name;
  char *last_name;
  char *email;
  char *reason;
} MrSimQuoteInvalidAccount;

struct _MrSimQuote
{
  MrSimOrderType order_type;
  /* plain arrays: a quote is made and freed for every request */
  MrSimQuoteItem *items;
  guint      n_items;
  guint      items_size;        /* room for this many */

  /* the lists are made when their first entry comes (NULL: empty) */
  GPtrArray *unavailable_domains;
  GPtrArray *blacklist_domains;
  GPtrArray *blacklist_keywords;
  GPtrArray *invalid_domains;
  GPtrArray *invalid_forwarding_domains;
  GPtrArray *missing_domain_orders;
  GPtrArray *provider_mismatch_domains;
  GPtrArray *unsupported_provider_domains;
  GPtrArray *domains_without_accounts;
  GPtrArray *free_domains;
  GPtrArray *invalid_accounts;  /* MrSimQuoteInvalidAccount* */
  gboolean   provider_unavailable[4];

  guint      n_accounts;
  gboolean   finished;
  GPtrArray *owned;             /* strings the accounts point to, NULL: none */
  gint64     total_domains;
  gint64     total_accounts;
  gint64     total_discount;
};

G_END_DECLS
