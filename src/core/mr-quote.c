/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mr-quote"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mr-domain-name.h"
#include "mr-problem-private.h"
#include "mr-quote.h"
#include "mr-quote-private.h"

G_DEFINE_BOXED_TYPE (MrQuote, mr_quote, mr_quote_ref, mr_quote_unref)

static const struct {
  MrOrderError  error;
  const char   *name;
} order_errors[] = {
  { MR_ORDER_ERROR_UNAVAILABLE_DOMAINS,        "unavailable_domains" },
  { MR_ORDER_ERROR_BLACKLIST_DOMAINS,          "blacklist_domains" },
  { MR_ORDER_ERROR_INVALID_DOMAINS,            "invalid_domains" },
  { MR_ORDER_ERROR_INVALID_FORWARDING_DOMAINS, "invalid_forwarding_domains" },
  { MR_ORDER_ERROR_INVALID_ACCOUNTS,           "invalid_accounts" },
  { MR_ORDER_ERROR_PAYMENT_FAILED,             "payment_failed" },
  { MR_ORDER_ERROR_MISSING_DOMAIN_ORDERS,      "missing_domain_orders" },
  { MR_ORDER_ERROR_DOMAINS_WITHOUT_ACCOUNTS,   "domains_without_accounts" },
  { MR_ORDER_ERROR_PROVIDER_MISMATCH,          "provider_mismatch" },
  { MR_ORDER_ERROR_UNSUPPORTED_PROVIDER,       "unsupported_provider" },
  { MR_ORDER_ERROR_PROVIDER_UNAVAILABLE,       "provider_unavailable" },
};

static const struct {
  MrPaymentFailure  failure;
  const char       *name;
} payment_failures[] = {
  { MR_PAYMENT_FAILURE_METHOD_NOT_SUPPORTED,     "payment_method_not_supported" },
  { MR_PAYMENT_FAILURE_AUTHENTICATION_REQUIRED,  "authentication_required" },
  { MR_PAYMENT_FAILURE_CARD_EXPIRED,             "card_expired" },
  { MR_PAYMENT_FAILURE_GENERIC_DECLINE,          "generic_decline" },
};

const char *
mr_order_error_to_string (MrOrderError error)
{
  for (guint i = 0; i < G_N_ELEMENTS (order_errors); i++)
    {
      if (order_errors[i].error == error)
        return order_errors[i].name;
    }

  return NULL;
}

MrOrderError
mr_order_error_from_string (const char *str)
{
  if (str == NULL || str[0] == '\0')
    return MR_ORDER_ERROR_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (order_errors); i++)
    {
      if (g_str_equal (order_errors[i].name, str))
        return order_errors[i].error;
    }

  return MR_ORDER_ERROR_UNKNOWN;
}

char *
mr_order_error_describe (MrOrderError error)
{
  switch (error)
    {
    case MR_ORDER_ERROR_NONE:
      return g_strdup (_("The order has no errors."));
    case MR_ORDER_ERROR_UNAVAILABLE_DOMAINS:
      return g_strdup (_("Some domains are no longer available. Replace them with other domains."));
    case MR_ORDER_ERROR_BLACKLIST_DOMAINS:
      return g_strdup (_("Some domains contain a restricted word, such as a trademark. Replace them with other domains."));
    case MR_ORDER_ERROR_INVALID_DOMAINS:
      return g_strdup (_("Some domains are not valid. New domains must end in .com or .org."));
    case MR_ORDER_ERROR_INVALID_FORWARDING_DOMAINS:
      return g_strdup (_("Some forwarding domains are not valid. A forwarding domain must be a real domain, different from the domain itself."));
    case MR_ORDER_ERROR_INVALID_ACCOUNTS:
      return g_strdup (_("Some mailboxes were refused. Check their names and addresses."));
    case MR_ORDER_ERROR_PAYMENT_FAILED:
      return g_strdup (_("The payment failed. Make sure the payment method in Instantly is valid and has enough funds."));
    case MR_ORDER_ERROR_MISSING_DOMAIN_ORDERS:
      return g_strdup (_("Extra mailboxes can only be added to domains this workspace has already ordered."));
    case MR_ORDER_ERROR_DOMAINS_WITHOUT_ACCOUNTS:
      return g_strdup (_("Some domains have no mailboxes. Add at least one mailbox to each domain."));
    case MR_ORDER_ERROR_PROVIDER_MISMATCH:
      return g_strdup (_("Some domains already use another email provider. All mailboxes on a domain must use the same provider."));
    case MR_ORDER_ERROR_UNSUPPORTED_PROVIDER:
      return g_strdup (_("Extra mailboxes cannot be added to some domains because of their email provider."));
    case MR_ORDER_ERROR_PROVIDER_UNAVAILABLE:
      return g_strdup (_("An email provider in this order cannot be ordered right now. Choose another provider or try later."));
    case MR_ORDER_ERROR_UNKNOWN:
    default:
      break;
    }

  return g_strdup (_("Instantly refused the order for a reason Mailroom does not know. Check the order in Instantly."));
}

MrPaymentFailure
mr_payment_failure_from_string (const char *str)
{
  if (str == NULL || str[0] == '\0')
    return MR_PAYMENT_FAILURE_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (payment_failures); i++)
    {
      if (g_str_equal (payment_failures[i].name, str))
        return payment_failures[i].failure;
    }

  return MR_PAYMENT_FAILURE_UNKNOWN;
}

char *
mr_payment_failure_describe (MrPaymentFailure failure)
{
  switch (failure)
    {
    case MR_PAYMENT_FAILURE_METHOD_NOT_SUPPORTED:
      return g_strdup (_("The payment failed: the workspace’s payment method cannot be used for this purchase. Add a card in Instantly’s billing settings, then try again."));
    case MR_PAYMENT_FAILURE_AUTHENTICATION_REQUIRED:
      return g_strdup (_("The payment failed: the bank asked for the payment to be confirmed. Complete or update the payment in Instantly’s billing settings, then try again."));
    case MR_PAYMENT_FAILURE_CARD_EXPIRED:
      return g_strdup (_("The payment failed: the card has expired. Update the card in Instantly’s billing settings, then try again."));
    case MR_PAYMENT_FAILURE_GENERIC_DECLINE:
      return g_strdup (_("The payment failed: the card was declined. Contact your bank or use another card in Instantly’s billing settings."));
    case MR_PAYMENT_FAILURE_NONE:
    case MR_PAYMENT_FAILURE_UNKNOWN:
    default:
      break;
    }

  return g_strdup (_("The payment failed. Make sure the payment method in Instantly is valid and has enough funds."));
}

void
mr_quote_account_free (MrQuoteAccount *account)
{
  if (account == NULL)
    return;

  if (!account->packed)
    {
      g_free (account->email_address_prefix);
      g_free (account->first_name);
      g_free (account->last_name);
    }
  g_free (account);
}

void
mr_quote_item_free (MrQuoteItem *item)
{
  if (item == NULL)
    return;

  g_free (item->domain);
  g_clear_pointer (&item->accounts, g_ptr_array_unref);
  g_free (item->forwarding_domain);
  g_free (item);
}

void
mr_invalid_account_free (MrInvalidAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->domain);
  g_free (account->first_name);
  g_free (account->last_name);
  g_free (account->email);
  g_free (account->reason);
  g_free (account);
}

MrQuote *
mr_quote_new (void)
{
  MrQuote *self;

  self = g_new0 (MrQuote, 1);
  g_atomic_ref_count_init (&self->ref_count);

  self->order_error = MR_ORDER_ERROR_NONE;
  self->payment_failure_reason = MR_PAYMENT_FAILURE_NONE;

  self->unavailable_domains = g_new0 (char *, 1);
  self->blacklist_domains = g_new0 (char *, 1);
  self->blacklist_keywords = g_new0 (char *, 1);
  self->invalid_domains = g_new0 (char *, 1);
  self->invalid_forwarding_domains = g_new0 (char *, 1);
  self->missing_domain_orders = g_new0 (char *, 1);
  self->provider_mismatch_domains = g_new0 (char *, 1);
  self->unsupported_provider_domains = g_new0 (char *, 1);
  self->domains_without_accounts = g_new0 (char *, 1);
  self->free_domains = g_new0 (char *, 1);
  self->unavailable_email_providers = g_array_new (FALSE, TRUE, sizeof (int));
  self->invalid_accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_invalid_account_free);

  self->payment_method_last_4_digits = g_strdup ("");
  self->payment_method_brand = g_strdup ("");
  self->payment_method_name_on_card = g_strdup ("");

  self->order_items = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_quote_item_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);

  return self;
}

MrQuote *
mr_quote_ref (MrQuote *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

static void
mr_quote_free (MrQuote *self)
{
  g_free (self->order_error_raw);
  g_free (self->payment_failure_reason_raw);

  g_strfreev (self->unavailable_domains);
  g_strfreev (self->blacklist_domains);
  g_strfreev (self->blacklist_keywords);
  g_strfreev (self->invalid_domains);
  g_strfreev (self->invalid_forwarding_domains);
  g_strfreev (self->missing_domain_orders);
  g_strfreev (self->provider_mismatch_domains);
  g_strfreev (self->unsupported_provider_domains);
  g_strfreev (self->domains_without_accounts);
  g_strfreev (self->free_domains);
  g_clear_pointer (&self->unavailable_email_providers, g_array_unref);
  g_clear_pointer (&self->invalid_accounts, g_ptr_array_unref);

  g_free (self->payment_method_last_4_digits);
  g_free (self->payment_method_brand);
  g_free (self->payment_method_name_on_card);

  g_free (self->checkout_url);
  g_free (self->cart_order_id);

  g_clear_pointer (&self->order_items, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  g_clear_pointer (&self->prepared_problems, g_ptr_array_unref);
  g_clear_pointer (&self->prepared_sheet, mr_quote_sheet_unref);

  g_free (self);
}

void
mr_quote_unref (MrQuote *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    mr_quote_free (self);
}

/* The server sends normalised ASCII names; the caller may hold what the
 * user typed. Compare both ways. */
static char *
normalize_for_compare (const char *domain)
{
  return mr_domain_key (domain);
}

static gboolean
domain_matches (const char *reply_domain,
                const char *wanted,
                const char *wanted_normalized)
{
  if (reply_domain == NULL)
    return FALSE;

  return g_ascii_strcasecmp (reply_domain, wanted) == 0 ||
         g_ascii_strcasecmp (reply_domain, wanted_normalized) == 0;
}

const MrQuoteItem *
mr_quote_find_item (MrQuote    *self,
                    const char *domain)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  normalized = normalize_for_compare (domain);

  for (guint i = 0; i < self->order_items->len; i++)
    {
      const MrQuoteItem *item = g_ptr_array_index (self->order_items, i);

      if (domain_matches (item->domain, domain, normalized))
        return item;
    }

  return NULL;
}

gboolean
mr_quote_is_free_domain (MrQuote    *self,
                         const char *domain)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (domain != NULL, FALSE);

  /* most quotes have none: no need to normalise the name */
  if (self->free_domains[0] == NULL)
    return FALSE;

  normalized = normalize_for_compare (domain);

  for (guint i = 0; self->free_domains[i] != NULL; i++)
    {
      if (domain_matches (self->free_domains[i], domain, normalized))
        return TRUE;
    }

  return FALSE;
}

static const char *
find_blacklist_keyword (MrQuote    *self,
                        const char *domain)
{
  g_autofree char *lower = g_ascii_strdown (domain, -1);
  const char *best = NULL;

  /* the longest keyword contained in the domain names it best */
  for (guint i = 0; self->blacklist_keywords[i] != NULL; i++)
    {
      g_autofree char *keyword = g_ascii_strdown (self->blacklist_keywords[i], -1);

      if (keyword[0] == '\0' || strstr (lower, keyword) == NULL)
        continue;

      if (best == NULL || strlen (self->blacklist_keywords[i]) > strlen (best))
        best = self->blacklist_keywords[i];
    }

  return best;
}

/* invalid_forwarding_domains may name the item's domain or its forwarding
 * domain; either way the problem belongs to the item. */
static const MrQuoteItem *
find_item_for_forwarding (MrQuote    *self,
                          const char *name)
{
  const MrQuoteItem *item;

  item = mr_quote_find_item (self, name);
  if (item != NULL)
    return item;

  for (guint i = 0; i < self->order_items->len; i++)
    {
      item = g_ptr_array_index (self->order_items, i);

      if (item->forwarding_domain != NULL &&
          g_ascii_strcasecmp (item->forwarding_domain, name) == 0)
        return item;
    }

  return NULL;
}

/* The problems collected from one quote, and a set of what each names so
 * that a server naming the same domain twice (or a domain in two lists of
 * the same kind) gives one problem, without a search per problem: a refused
 * order of 1,000 domains names up to several thousand. */
typedef struct
{
  GPtrArray  *problems;
  GHashTable *named;
} Collector;

static char *
problem_key (MrProblemKind  kind,
             const char    *domain,
             const char    *account_prefix)
{
  /* each name with its length, so that no two problems share a key; a
   * NULL name (-1) and an empty one (0) differ, as with g_strcmp0() */
  return g_strdup_printf ("%d %d:%s %d:%s", (int) kind,
                          domain != NULL ? (int) strlen (domain) : -1,
                          domain != NULL ? domain : "",
                          account_prefix != NULL ? (int) strlen (account_prefix) : -1,
                          account_prefix != NULL ? account_prefix : "");
}

static void
add_problem (Collector     *collector,
             MrProblemKind  kind,
             const char    *domain,
             const char    *account_prefix,
             const char    *detail,
             const char    *message)
{
  char *key = problem_key (kind, domain, account_prefix);

  if (!g_hash_table_add (collector->named, key))
    return;

  g_ptr_array_add (collector->problems,
                   mr_problem_new (kind, domain, account_prefix, detail, message));
}

static void
add_domain_list (Collector     *collector,
                 GStrv          domains,
                 MrProblemKind  kind)
{
  for (guint i = 0; domains[i] != NULL; i++)
    {
      g_autofree char *message = _mr_problem_server_sentence (kind, MR_SERVER_SAYS_ORDER,
                                                              domains[i], NULL, NULL, FALSE);

      add_problem (collector, kind, domains[i], NULL, NULL, message);
    }
}

static MrProblemKind
problem_kind_for_order_error (MrOrderError error)
{
  switch (error)
    {
    case MR_ORDER_ERROR_UNAVAILABLE_DOMAINS:
      return MR_PROBLEM_DOMAIN_UNAVAILABLE;
    case MR_ORDER_ERROR_BLACKLIST_DOMAINS:
      return MR_PROBLEM_DOMAIN_BLACKLISTED;
    case MR_ORDER_ERROR_INVALID_FORWARDING_DOMAINS:
      return MR_PROBLEM_FORWARDING_DOMAIN;
    case MR_ORDER_ERROR_INVALID_ACCOUNTS:
      return MR_PROBLEM_ACCOUNT_INVALID;
    case MR_ORDER_ERROR_PAYMENT_FAILED:
      return MR_PROBLEM_PAYMENT_FAILED;
    case MR_ORDER_ERROR_MISSING_DOMAIN_ORDERS:
      return MR_PROBLEM_MISSING_DOMAIN_ORDER;
    case MR_ORDER_ERROR_DOMAINS_WITHOUT_ACCOUNTS:
      return MR_PROBLEM_NO_ACCOUNTS;
    case MR_ORDER_ERROR_PROVIDER_MISMATCH:
      return MR_PROBLEM_PROVIDER_MISMATCH;
    case MR_ORDER_ERROR_UNSUPPORTED_PROVIDER:
      return MR_PROBLEM_PROVIDER_UNSUPPORTED;
    case MR_ORDER_ERROR_PROVIDER_UNAVAILABLE:
      return MR_PROBLEM_PROVIDER_UNAVAILABLE;
    case MR_ORDER_ERROR_NONE:
    case MR_ORDER_ERROR_INVALID_DOMAINS:
    case MR_ORDER_ERROR_UNKNOWN:
    default:
      break;
    }

  return MR_PROBLEM_DOMAIN_INVALID;
}

GPtrArray *
mr_quote_collect_problems (MrQuote *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) named = NULL;
  Collector collector;

  g_return_val_if_fail (self != NULL, NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_problem_free);
  named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collector.problems = problems;
  collector.named = named;

  add_domain_list (&collector, self->invalid_domains, MR_PROBLEM_DOMAIN_INVALID);
  add_domain_list (&collector, self->unavailable_domains, MR_PROBLEM_DOMAIN_UNAVAILABLE);

  for (guint i = 0; self->blacklist_domains[i] != NULL; i++)
    {
      const char *domain = self->blacklist_domains[i];
      const char *keyword = find_blacklist_keyword (self, domain);
      g_autofree char *message = _mr_problem_server_sentence (MR_PROBLEM_DOMAIN_BLACKLISTED,
                                                              MR_SERVER_SAYS_ORDER, domain,
                                                              NULL, keyword, FALSE);

      add_problem (&collector, MR_PROBLEM_DOMAIN_BLACKLISTED, domain, NULL, keyword, message);
    }

  for (guint i = 0; self->invalid_forwarding_domains[i] != NULL; i++)
    {
      const char *name = self->invalid_forwarding_domains[i];
      const MrQuoteItem *item = find_item_for_forwarding (self, name);
      const char *domain = item != NULL ? item->domain : name;
      const char *forwarding = item != NULL && item->forwarding_domain != NULL ? item->forwarding_domain : NULL;
      g_autofree char *message = _mr_problem_server_sentence (MR_PROBLEM_FORWARDING_DOMAIN,
                                                              MR_SERVER_SAYS_ORDER, domain,
                                                              NULL, forwarding, FALSE);

      add_problem (&collector, MR_PROBLEM_FORWARDING_DOMAIN, domain, NULL, forwarding, message);
    }

  add_domain_list (&collector, self->missing_domain_orders, MR_PROBLEM_MISSING_DOMAIN_ORDER);
  add_domain_list (&collector, self->provider_mismatch_domains, MR_PROBLEM_PROVIDER_MISMATCH);
  add_domain_list (&collector, self->unsupported_provider_domains, MR_PROBLEM_PROVIDER_UNSUPPORTED);
  add_domain_list (&collector, self->domains_without_accounts, MR_PROBLEM_NO_ACCOUNTS);

  for (guint i = 0; i < self->invalid_accounts->len; i++)
    {
      const MrInvalidAccount *account = g_ptr_array_index (self->invalid_accounts, i);
      g_autofree char *prefix = NULL;
      g_autofree char *message = NULL;
      const char *at;

      if (account->email != NULL && (at = strrchr (account->email, '@')) != NULL)
        prefix = g_strndup (account->email, at - account->email);
      else
        prefix = g_strdup (account->email);

      message = _mr_problem_server_sentence (MR_PROBLEM_ACCOUNT_INVALID, MR_SERVER_SAYS_ORDER,
                                             account->domain, account->email, account->reason,
                                             FALSE);

      add_problem (&collector, MR_PROBLEM_ACCOUNT_INVALID, account->domain, prefix,
                   account->reason, message);
    }

  for (guint i = 0; i < self->unavailable_email_providers->len; i++)
    {
      int provider = g_array_index (self->unavailable_email_providers, int, i);
      g_autofree char *detail = g_strdup_printf ("%d", provider);
      g_autofree char *message = NULL;
      gboolean seen = FALSE;

      for (guint j = 0; j < i; j++)
        seen |= g_array_index (self->unavailable_email_providers, int, j) == provider;
      if (seen)
        continue;

      if (mr_email_provider_is_valid (provider))
        message = g_strdup_printf (_("%s mailboxes cannot be ordered right now. Choose another email provider or try again later."),
                                   mr_email_provider_to_label ((MrEmailProvider) provider));
      else
        message = g_strdup_printf (_("Mailboxes of email provider %d cannot be ordered right now. Choose another email provider or try again later."),
                                   provider);

      g_ptr_array_add (problems,
                       mr_problem_new (MR_PROBLEM_PROVIDER_UNAVAILABLE, NULL, NULL, detail, message));
    }

  if (self->order_error == MR_ORDER_ERROR_PAYMENT_FAILED ||
      self->payment_failure_reason != MR_PAYMENT_FAILURE_NONE)
    {
      g_autofree char *message = mr_payment_failure_describe (self->payment_failure_reason);

      add_problem (&collector, MR_PROBLEM_PAYMENT_FAILED, NULL, NULL,
                   self->payment_failure_reason_raw, message);
    }

  /* A refusal must never go unexplained, even when the server names no
   * domain for it or sends an order_error this version does not know. */
  if (problems->len == 0 && self->order_error != MR_ORDER_ERROR_NONE)
    {
      g_autofree char *message = mr_order_error_describe (self->order_error);

      add_problem (&collector, problem_kind_for_order_error (self->order_error), NULL, NULL,
                   self->order_error_raw, message);
    }

  for (guint i = 0; i < problems->len; i++)
    mr_problem_set_origin (g_ptr_array_index (problems, i), MR_PROBLEM_SERVER);

  return g_steal_pointer (&problems);
}

gboolean
mr_quote_field_is_known (MrQuote      *self,
                         MrQuoteField  field)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return (self->unknown_fields & field) == 0;
}

static gboolean
strv_is_empty (GStrv strv)
{
  return strv == NULL || strv[0] == NULL;
}

gboolean
mr_quote_allows_placing (MrQuote  *self,
                         char    **reason)
{
  const MrQuoteField charged = MR_QUOTE_FIELD_TOTAL_PRICE |
                               MR_QUOTE_FIELD_TOTAL_PRICE_PER_MONTH |
                               MR_QUOTE_FIELD_TOTAL_PRICE_PER_YEAR;
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (reason != NULL)
    *reason = NULL;

  /* the verdict and every list the server fills when it refuses: any
   * one of them is enough to stop, whatever order_is_valid says */
  if (!self->order_is_valid ||
      self->order_error != MR_ORDER_ERROR_NONE ||
      self->payment_failure_reason != MR_PAYMENT_FAILURE_NONE ||
      !strv_is_empty (self->unavailable_domains) ||
      !strv_is_empty (self->blacklist_domains) ||
      !strv_is_empty (self->invalid_domains) ||
      !strv_is_empty (self->invalid_forwarding_domains) ||
      !strv_is_empty (self->missing_domain_orders) ||
      !strv_is_empty (self->provider_mismatch_domains) ||
      !strv_is_empty (self->unsupported_provider_domains) ||
      !strv_is_empty (self->domains_without_accounts) ||
      self->invalid_accounts->len > 0 ||
      self->unavailable_email_providers->len > 0)
    {
      if (reason != NULL)
        {
          problems = mr_quote_collect_problems (self);
          if (self->order_error != MR_ORDER_ERROR_NONE)
            *reason = mr_order_error_describe (self->order_error);
          else if (problems->len > 0)
            *reason = g_strdup (((MrProblem *) g_ptr_array_index (problems, 0))->message);
          else
            *reason = g_strdup (_("The server says this order cannot be placed."));
        }
      return FALSE;
    }

  if ((self->unknown_fields & charged) != 0)
    {
      if (reason != NULL)
        *reason = g_strdup (_("The price the server sent for this order cannot be read, "
                              "so it cannot be shown before placing the order."));
      return FALSE;
    }

  return TRUE;
}

void
_mr_quote_prepare (MrQuote *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->prepared_problems == NULL && self->prepared_sheet == NULL);

  self->prepared_problems = mr_quote_collect_problems (self);
  /* the pricing panel's sheet (mr_quote_sheet_new() shares its lines) */
  self->prepared_sheet = _mr_quote_sheet_new_detached (self, MR_ORDER_TYPE_DFY);
}

GPtrArray *
_mr_quote_take_problems (MrQuote *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_steal_pointer (&self->prepared_problems);
}
