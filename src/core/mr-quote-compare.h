/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mr-api-client.h"
#include "mr-order.h"
#include "mr-order-bulk.h"
#include "mr-quote.h"

G_BEGIN_DECLS

/* "What if": the current order priced for each provider, and pre-warmed
 * when the inventory has enough domains, each through the simulation
 * endpoint (one request at a time; a 429 waits as long as the server
 * asks, then asks again). */

#define MR_COMPARE_DEFAULT_EMAILS_PER_DAY 30

typedef enum
{
  MR_COMPARE_GOOGLE,
  MR_COMPARE_AIRMAIL,
  MR_COMPARE_MICROSOFT,
  MR_COMPARE_PRE_WARMED,
  MR_COMPARE_N_COLUMNS,
} MrCompareKind;

typedef struct
{
  MrCompareKind    kind;
  MrEmailProvider  provider;       /* PRE_WARMED: the inventory's first domain's */
  MrOrderType      order_type;
  char            *title;          /* translated: "Google", "Pre-warmed" */
  MrQuote         *quote;          /* NULL when not priced */
  char            *note;           /* translated: why not priced, or what was changed; or NULL */
  guint            n_domains;
  guint            n_mailboxes;
  MrCents          due_now;
  MrCents          per_month;
  MrCents          first_year;     /* due now + 11 more months */
  MrCents          per_mailbox_per_month;
  guint64          emails_per_day;
  MrCents          per_1000_emails; /* the first year over a year of sending */
} MrCompareColumn;

GType            mr_compare_column_get_type (void);
void             mr_compare_column_free     (MrCompareColumn *column);
/* Fills in the figures that follow from the quote and the assumption */
void             mr_compare_column_update   (MrCompareColumn *column,
                                             guint            emails_per_mailbox_per_day);

/* Makes @order what @column priced, as one change of the order (one
 * revision: one quote request, one undo step): every domain on the
 * column's provider (mr_order_bulk_set_provider(): a domain that exists
 * already, or has more mailboxes than the provider allows, keeps its
 * provider and is in the report), and each domain on it filled to the
 * provider's smallest number of mailboxes with numbered addresses from its
 * first mailbox's names (mr_order_bulk_fill(): 50 for Microsoft). Not for
 * MR_COMPARE_PRE_WARMED, which would replace the domains. */
MrBulkReport    *mr_compare_column_apply    (const MrCompareColumn *column,
                                             MrOrder               *order);

/* The order @kind prices: @order's domains and names, every item on
 * @provider, each domain's mailboxes brought within the provider's range
 * (*out_adjusted says so). NULL for MR_COMPARE_PRE_WARMED. */
MrOrder         *mr_quote_compare_make_order (MrOrder         *order,
                                              MrEmailProvider  provider,
                                              gboolean        *out_adjusted);

/* Result: a GPtrArray of MR_COMPARE_N_COLUMNS MrCompareColumn*, in
 * MrCompareKind order. Fails only when nothing at all could be priced. */
void             mr_quote_compare_async     (MrApiClient         *client,
                                             MrOrder             *order,
                                             guint                emails_per_mailbox_per_day,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray       *mr_quote_compare_finish    (GAsyncResult        *result,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrCompareColumn, mr_compare_column_free)

G_END_DECLS
