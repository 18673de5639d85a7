/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mr-json-reader.h"

#include "mr-sim-pricing.h"
#include "mr-sim-state.h"

G_BEGIN_DECLS

/* Validation and pricing of one place-order request (already checked
 * against the request schema).
 *
 * Every validation list is always filled in. order_error names the first
 * non-empty list in this order (domain problems first, then provider,
 * forwarding, accounts; payment only once everything else is fine):
 *   invalid_domains, blacklist_domains, unavailable_domains,
 *   missing_domain_orders, unsupported_provider, provider_mismatch,
 *   provider_unavailable, invalid_forwarding_domains,
 *   domains_without_accounts, invalid_accounts, (payment_failed).
 *
 * Pricing (cents, list prices from MrSimPricing):
 *   dfy Google/AirMail: domain_price = domain/year,
 *     accounts_price = mailboxes x price per mailbox per month;
 *   dfy Microsoft: domain_price = domain/year, accounts_price =
 *     domain_monthly_price = Microsoft price per domain per month;
 *   pre_warmed_up: the domain comes with prewarmed_accounts_per_domain
 *     mailboxes of its account type at the pre-warmed mailbox price, plus
 *     the pre-warmed domain price per year (not included in the mailboxes);
 *   extra_accounts: no domain price, mailboxes as for dfy.
 *   Discounts per item: the first free_domains items with a domain price
 *   get it back, then discount_percent of what is left (rounded to the
 *   cent). total_price = accounts per month + domains per year - discount;
 *   total_price_per_month = accounts + domains / 12; per_year = accounts x
 *   12 + domains (both list prices, before discounts). */

typedef struct _MrSimQuote MrSimQuote;

/* The quote of a request body (the reader's document, already checked
 * with mr_sim_request_check_place_order()). The quote points into
 * @request's strings: free it first. */
MrSimQuote *mr_sim_quote_new        (const MrJsonValue  *request,
                                     MrSimState         *state,
                                     const MrSimPricing *pricing,
                                     const char         *workspace_id);
/* The same, one piece at a time, for a request held some other way:
 * begin with the order_type, add each item (email_provider 0: not given)
 * followed by its accounts, then finish once before any other call. The
 * account's strings are not copied: they must outlive the quote. */
MrSimQuote *mr_sim_quote_begin      (const char         *order_type);
void        mr_sim_quote_add_item   (MrSimQuote         *self,
                                     const char         *domain,
                                     const char         *forwarding_domain,
                                     int                 email_provider);
void        mr_sim_quote_add_account (MrSimQuote        *self,
                                      const char        *email_address_prefix,
                                      const char        *first_name,
                                      const char        *last_name);
void        mr_sim_quote_finish     (MrSimQuote         *self,
                                     MrSimState         *state,
                                     const MrSimPricing *pricing,
                                     const char         *workspace_id);
void        mr_sim_quote_free       (MrSimQuote         *self);
gboolean    mr_sim_quote_is_valid   (MrSimQuote         *self);
/* The validation order_error, NULL when valid */
const char *mr_sim_quote_get_error  (MrSimQuote         *self);
gint64      mr_sim_quote_get_total  (MrSimQuote         *self);
guint       mr_sim_quote_get_n_domains (MrSimQuote      *self);
const char *mr_sim_quote_get_domain (MrSimQuote         *self,
                                     guint               i);
/* Records the order records and accounts */
void        mr_sim_quote_commit     (MrSimQuote         *self,
                                     MrSimState         *state,
                                     const char         *workspace_id);
/* The 200 reply. @order_error overrides the validation one (payment_failed);
 * @payment_failure_reason, @checkout_url and @cart_order_id may be NULL. */
char       *mr_sim_quote_to_json    (MrSimQuote         *self,
                                     const MrSimPricing *pricing,
                                     gboolean            simulation,
                                     gboolean            placed,
                                     const char         *order_error,
                                     const char         *payment_failure_reason,
                                     const char         *checkout_url,
                                     const char         *cart_order_id,
                                     gsize              *length);
/* The same reply appended to @out */
void        mr_sim_quote_write_json (MrSimQuote         *self,
                                     const MrSimPricing *pricing,
                                     gboolean            simulation,
                                     gboolean            placed,
                                     const char         *order_error,
                                     const char         *payment_failure_reason,
                                     const char         *checkout_url,
                                     const char         *cart_order_id,
                                     GString            *out);
/* About how many bytes that reply takes */
gsize       mr_sim_quote_json_size  (MrSimQuote         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrSimQuote, mr_sim_quote_free)

G_END_DECLS
