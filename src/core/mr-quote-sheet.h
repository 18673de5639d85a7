/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mr-money.h"
#include "mr-quote.h"
#include "mr-types.h"

G_BEGIN_DECLS

/* A quote as people read it: line items, the discount, the totals, with
 *
 *   subtotal (the sum of the lines) - discount = due now
 *
 * always. Used by the exports, the presentation view and the pricing
 * panel. */

typedef enum
{
  MR_QUOTE_LINE_DOMAIN,        /* a domain, its first year */
  MR_QUOTE_LINE_MAILBOXES,     /* Google/AirMail/pre-warmed mailboxes, their first month */
  MR_QUOTE_LINE_PER_DOMAIN,    /* Microsoft: one monthly price per domain, whatever the mailboxes */
  MR_QUOTE_LINE_ADJUSTMENT,    /* what the server's total holds beyond its own items */
} MrQuoteLineKind;

typedef struct
{
  MrQuoteLineKind  kind;
  char            *domain;       /* NULL on a summary line */
  MrEmailProvider  provider;
  guint            quantity;     /* domains (DOMAIN, PER_DOMAIN) or mailboxes (MAILBOXES) */
  guint            n_mailboxes;  /* the mailboxes the line pays for */
  gboolean         has_unit_price;
  MrCents          unit_price;   /* per domain per year, per mailbox or domain per month */
  MrCents          amount;       /* what the line adds to the subtotal */
  gboolean         free;         /* a free domain (its price is in the discount) */
  char            *label;        /* translated: "Domain, first year" */
  char            *detail;       /* translated: "3 × $5.00 per month"; may be "" */
} MrQuoteLine;

typedef struct
{
  /*< private >*/
  gatomicrefcount  ref_count;

  /*< public >*/
  MrQuote         *quote;
  MrOrderType      order_type;
  gboolean         demo;           /* prices from the demo simulator */
  GDateTime       *created;
  GDateTime       *valid_until;

  GPtrArray       *lines;          /* MrQuoteLine*, one or two per domain */
  GPtrArray       *summary_lines;  /* MrQuoteLine*, grouped by kind, provider and price */

  /*< private >*/
  GArray          *item_starts;    /* guint: where each order item's lines start in lines,
                                    * and one more past the last item's */

  /*< public >*/

  guint            n_domains;
  guint            n_mailboxes;
  guint            n_free_domains;
  MrCents          subtotal;       /* sum of lines */
  MrCents          free_domains_discount;
  MrCents          other_discount; /* percentage or other promotions */
  MrCents          discount;       /* free_domains_discount + other_discount */
  MrCents          due_now;
  MrCents          per_month;
  MrCents          per_year;
} MrQuoteSheet;

#define MR_TYPE_QUOTE_SHEET (mr_quote_sheet_get_type ())
GType         mr_quote_sheet_get_type    (void);
/* @now: NULL for the current time */
MrQuoteSheet *mr_quote_sheet_new         (MrQuote      *quote,
                                          MrOrderType   order_type,
                                          gboolean      demo,
                                          GDateTime    *now);
MrQuoteSheet *mr_quote_sheet_ref         (MrQuoteSheet *self);
void          mr_quote_sheet_unref       (MrQuoteSheet *self);

/* the lines of the quote's order item @index (order_items), in @lines'
 * order; *n_lines 0 when it has none */
MrQuoteLine * const *mr_quote_sheet_get_item_lines (MrQuoteSheet *self,
                                                    guint         index,
                                                    guint        *n_lines);

/* translated sentences for the foot of a quote */
char         *mr_quote_sheet_get_price_note  (MrQuoteSheet *self);
char         *mr_quote_sheet_get_valid_note  (MrQuoteSheet *self);
/* "5 domains · 15 mailboxes" */
char         *mr_quote_sheet_describe_counts (MrQuoteSheet *self);
/* "6 December 2026" in the locale's words */
char         *mr_quote_sheet_format_date     (GDateTime    *date);

/* The whole quote: a title, the date, every line, the totals, the notes */
char         *mr_quote_sheet_to_text         (MrQuoteSheet *self);
char         *mr_quote_sheet_to_markdown     (MrQuoteSheet *self);
/* RFC 4180, amounts as plain decimal numbers ("15.00") */
char         *mr_quote_sheet_to_csv          (MrQuoteSheet *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrQuoteSheet, mr_quote_sheet_unref)

G_END_DECLS
