/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mr-money.h"
#include "mr-problem.h"
#include "mr-types.h"

G_BEGIN_DECLS

/* `order_error` of the reply. UNKNOWN keeps the raw string for a value a
 * newer server may add. */
typedef enum
{
  MR_ORDER_ERROR_NONE,
  MR_ORDER_ERROR_UNAVAILABLE_DOMAINS,
  MR_ORDER_ERROR_BLACKLIST_DOMAINS,
  MR_ORDER_ERROR_INVALID_DOMAINS,
  MR_ORDER_ERROR_INVALID_FORWARDING_DOMAINS,
  MR_ORDER_ERROR_INVALID_ACCOUNTS,
  MR_ORDER_ERROR_PAYMENT_FAILED,
  MR_ORDER_ERROR_MISSING_DOMAIN_ORDERS,
  MR_ORDER_ERROR_DOMAINS_WITHOUT_ACCOUNTS,
  MR_ORDER_ERROR_PROVIDER_MISMATCH,
  MR_ORDER_ERROR_UNSUPPORTED_PROVIDER,
  MR_ORDER_ERROR_PROVIDER_UNAVAILABLE,
  MR_ORDER_ERROR_UNKNOWN,
} MrOrderError;

typedef enum
{
  MR_PAYMENT_FAILURE_NONE,
  MR_PAYMENT_FAILURE_METHOD_NOT_SUPPORTED,  /* payment_method_not_supported */
  MR_PAYMENT_FAILURE_AUTHENTICATION_REQUIRED,
  MR_PAYMENT_FAILURE_CARD_EXPIRED,
  MR_PAYMENT_FAILURE_GENERIC_DECLINE,
  MR_PAYMENT_FAILURE_UNKNOWN,
} MrPaymentFailure;

const char *mr_order_error_to_string       (MrOrderError     error);   /* API value or NULL */
MrOrderError mr_order_error_from_string    (const char      *str);
char       *mr_order_error_describe        (MrOrderError     error);   /* translated sentence */
MrPaymentFailure mr_payment_failure_from_string (const char *str);
char       *mr_payment_failure_describe    (MrPaymentFailure failure); /* translated sentence */

/* Fields of a quote whose value was sent but cannot be used (out of
 * range, a fraction where a count is due, negative money) or, in a placed
 * order's reply, missing: they are shown as unknown, never as 0. */
typedef enum
{
  MR_QUOTE_FIELD_NUMBER_OF_DOMAINS_ORDERED      = 1 << 0,
  MR_QUOTE_FIELD_NUMBER_OF_ACCOUNTS_ORDERED     = 1 << 1,
  MR_QUOTE_FIELD_PRICE_PER_ACCOUNT_PER_MONTH    = 1 << 2,
  MR_QUOTE_FIELD_PRICE_PER_DOMAIN_PER_MONTH     = 1 << 3,
  MR_QUOTE_FIELD_PRICE_PER_DOMAIN_PER_YEAR      = 1 << 4,
  MR_QUOTE_FIELD_TOTAL_DOMAINS_PRICE_PER_YEAR   = 1 << 5,
  MR_QUOTE_FIELD_TOTAL_ACCOUNTS_PRICE_PER_MONTH = 1 << 6,
  MR_QUOTE_FIELD_TOTAL_PRICE_PER_MONTH          = 1 << 7,
  MR_QUOTE_FIELD_TOTAL_PRICE_PER_YEAR           = 1 << 8,
  MR_QUOTE_FIELD_TOTAL_PRICE                    = 1 << 9,
  MR_QUOTE_FIELD_TOTAL_DISCOUNT                 = 1 << 10,
  MR_QUOTE_FIELD_PRICE_BY_ACCOUNT_TYPE          = 1 << 11,
  MR_QUOTE_FIELD_ORDER_ITEMS                    = 1 << 12,  /* an item's field is unknown */
} MrQuoteField;

/* the same for one item of order_items */
typedef enum
{
  MR_QUOTE_ITEM_FIELD_DOMAIN_PRICE         = 1 << 0,
  MR_QUOTE_ITEM_FIELD_ACCOUNTS_PRICE       = 1 << 1,
  MR_QUOTE_ITEM_FIELD_DOMAIN_MONTHLY_PRICE = 1 << 2,
  MR_QUOTE_ITEM_FIELD_TOTAL_PRICE          = 1 << 3,
  MR_QUOTE_ITEM_FIELD_TOTAL_DISCOUNT       = 1 << 4,
} MrQuoteItemField;

typedef struct
{
  char     *email_address_prefix;
  char     *first_name;
  char     *last_name;
  gboolean  has_price;           /* the undocumented order_items[].accounts[].price */
  MrCents   price;

  /*< private >*/
  gboolean  packed;              /* the texts share the struct's block (parsed replies) */
} MrQuoteAccount;

typedef struct
{
  char            *domain;
  GPtrArray       *accounts;              /* MrQuoteAccount* */
  MrEmailProvider  email_provider;        /* raw number kept as is */
  char            *forwarding_domain;     /* NULL when absent */
  MrCents          domain_price;
  MrCents          accounts_price;
  gboolean         has_domain_monthly_price;
  MrCents          domain_monthly_price;
  MrCents          total_price;
  MrCents          total_discount;
  guint            unknown_fields;        /* MrQuoteItemField */
} MrQuoteItem;

typedef struct
{
  char *domain;
  char *first_name;
  char *last_name;
  char *email;
  char *reason;
} MrInvalidAccount;

/* The reply of POST /dfy-email-account-orders: a quote when simulated,
 * the result when placed. Reference counted; read the fields directly,
 * never change them after parsing. */
typedef struct
{
  /*< private >*/
  gatomicrefcount  ref_count;

  /*< public >*/
  guint64          revision;   /* the MrOrder revision it was asked for; 0 if unknown */

  gboolean         order_placed;
  gboolean         order_is_valid;
  gboolean         simulation;
  MrOrderError     order_error;
  char            *order_error_raw;           /* as sent, or NULL */
  MrPaymentFailure payment_failure_reason;
  char            *payment_failure_reason_raw;

  GStrv            unavailable_domains;       /* never NULL; empty when absent */
  GStrv            blacklist_domains;
  GStrv            blacklist_keywords;
  GStrv            invalid_domains;
  GStrv            invalid_forwarding_domains;
  GStrv            missing_domain_orders;
  GStrv            provider_mismatch_domains;
  GStrv            unsupported_provider_domains;
  GStrv            domains_without_accounts;
  GStrv            free_domains;
  GArray          *unavailable_email_providers; /* int */
  GPtrArray       *invalid_accounts;            /* MrInvalidAccount* */

  gint64           number_of_domains_ordered;
  gint64           number_of_accounts_ordered;

  gboolean         has_price_per_account_per_month;  /* FALSE when null */
  MrCents          price_per_account_per_month;
  gboolean         has_price_by_account_type[4];     /* index = provider */
  MrCents          price_by_account_type[4];
  gboolean         has_price_per_domain_per_month;
  MrCents          price_per_domain_per_month;
  MrCents          price_per_domain_per_year;
  MrCents          total_domains_price_per_year;
  MrCents          total_accounts_price_per_month;
  MrCents          total_price_per_month;
  MrCents          total_price_per_year;
  MrCents          total_price;            /* due now */
  MrCents          total_discount;

  char            *payment_method_last_4_digits;  /* "" when absent */
  char            *payment_method_brand;
  char            *payment_method_name_on_card;

  gboolean         checkout_required;
  char            *checkout_url;    /* NULL when absent */
  char            *cart_order_id;   /* NULL when absent */

  GPtrArray       *order_items;     /* MrQuoteItem* */

  guint            unknown_fields;  /* MrQuoteField: sent, but shown as unknown */
  GPtrArray       *warnings;        /* char*: translated, each naming its field; never NULL */

  /*< private >*/
  GPtrArray       *prepared_problems;  /* see mr-quote-private.h; nullable */
  gpointer         prepared_sheet;     /* MrQuoteSheet* without its quote; nullable */
} MrQuote;

#define MR_TYPE_QUOTE (mr_quote_get_type ())
GType      mr_quote_get_type          (void);
MrQuote   *mr_quote_new               (void);
MrQuote   *mr_quote_ref               (MrQuote *self);
void       mr_quote_unref             (MrQuote *self);
/* every problem the reply names, per domain and account, as MrProblem*s */
GPtrArray *mr_quote_collect_problems  (MrQuote *self);
const MrQuoteItem *mr_quote_find_item (MrQuote    *self,
                                       const char *domain);
gboolean   mr_quote_is_free_domain    (MrQuote    *self,
                                       const char *domain);
/* TRUE unless the field was sent but cannot be used */
gboolean   mr_quote_field_is_known    (MrQuote      *self,
                                       MrQuoteField  field);
/* The one rule for whether this quote allows placing its order:
 * order_is_valid, no order_error, no problem list naming anything, and
 * the amounts a confirmation shows are known. When it does not, *reason
 * (if not NULL) says why, in words for the user. */
gboolean   mr_quote_allows_placing    (MrQuote      *self,
                                       char        **reason);

void       mr_quote_item_free         (MrQuoteItem      *item);
void       mr_quote_account_free      (MrQuoteAccount   *account);
void       mr_invalid_account_free    (MrInvalidAccount *account);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrQuote, mr_quote_unref)

G_END_DECLS
