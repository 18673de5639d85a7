/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-sim"

#include "config.h"

#include <string.h>

#include "mr-sim-catalog.h"
#include "mr-sim-json-private.h"
#include "mr-sim-order.h"
#include "mr-sim-order-private.h"
#include "mr-sim-request.h"

/* up to this many, duplicates are found by comparing one by one */
#define MAX_LINEAR_PREFIXES 16
#define MAX_LINEAR_DOMAINS  16

typedef MrSimQuoteAccount Account;
typedef MrSimQuoteItem Item;
typedef MrSimQuoteInvalidAccount InvalidAccount;

static const Account prewarmed_accounts[] = {
  { "alex", "Alex", "Morgan" },
  { "sam", "Sam", "Taylor" },
  { "jordan", "Jordan", "Lee" },
  { "casey", "Casey", "Rivera" },
  { "robin", "Robin", "Parker" },
};

static void
item_clear (Item *self)
{
  g_free (self->domain);
  g_free (self->forwarding_domain);
  g_free (self->accounts);
}

/* Room for @n more accounts at the end of @item's: returns the first */
static Account *
item_add_accounts (Item  *item,
                   guint  n)
{
  guint first = item->n_accounts;

  if (first + n > item->accounts_size)
    {
      item->accounts_size = MAX (first + n, item->accounts_size * 2);
      item->accounts = g_renew (Account, item->accounts, item->accounts_size);
    }
  item->n_accounts += n;

  return &item->accounts[first];
}

static void
invalid_account_free (gpointer data)
{
  InvalidAccount *self = data;

  g_free (self->domain);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->email);
  g_free (self->reason);
  g_free (self);
}

void
mr_sim_quote_free (MrSimQuote *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_items; i++)
    item_clear (&self->items[i]);
  g_free (self->items);
  g_clear_pointer (&self->unavailable_domains, g_ptr_array_unref);
  g_clear_pointer (&self->blacklist_domains, g_ptr_array_unref);
  g_clear_pointer (&self->blacklist_keywords, g_ptr_array_unref);
  g_clear_pointer (&self->invalid_domains, g_ptr_array_unref);
  g_clear_pointer (&self->invalid_forwarding_domains, g_ptr_array_unref);
  g_clear_pointer (&self->missing_domain_orders, g_ptr_array_unref);
  g_clear_pointer (&self->provider_mismatch_domains, g_ptr_array_unref);
  g_clear_pointer (&self->unsupported_provider_domains, g_ptr_array_unref);
  g_clear_pointer (&self->domains_without_accounts, g_ptr_array_unref);
  g_clear_pointer (&self->free_domains, g_ptr_array_unref);
  g_clear_pointer (&self->invalid_accounts, g_ptr_array_unref);
  g_clear_pointer (&self->owned, g_ptr_array_unref);
  g_free (self);
}

G_ALWAYS_INLINE static inline guint
list_len (GPtrArray *list)
{
  return list != NULL ? list->len : 0;
}

static void
add_unique (GPtrArray  **list,
            const char  *value)
{
  if (*list == NULL)
    *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < (*list)->len; i++)
    if (g_str_equal (g_ptr_array_index (*list, i), value))
      return;

  g_ptr_array_add (*list, g_strdup (value));
}

static void
add_invalid_account (MrSimQuote    *self,
                     const Item    *item,
                     const Account *account,
                     const char    *reason)
{
  InvalidAccount *invalid = g_new0 (InvalidAccount, 1);

  invalid->domain = g_strdup (item->domain);
  invalid->first_name = g_strdup (account->first_name);
  invalid->last_name = g_strdup (account->last_name);
  invalid->email = g_strdup_printf ("%s@%s", account->prefix, item->domain);
  invalid->reason = g_strdup (reason);
  if (self->invalid_accounts == NULL)
    self->invalid_accounts = g_ptr_array_new_with_free_func (invalid_account_free);
  g_ptr_array_add (self->invalid_accounts, invalid);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

/* 1 for the bytes a mailbox prefix may hold: letters, digits, . - _ */
static const guint8 prefix_bytes[256] = {
  ['-'] = 1, ['.'] = 1, ['_'] = 1,
  ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
  ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
  ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
  ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
  ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
  ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
  ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
  ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
  ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
  ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static gboolean
is_valid_prefix (const char *prefix)
{
  const char *p;

  /* 1-64 letters, digits, dots, hyphens and underscores, no dot first,
   * last or twice in a row (NUL is not in the table: the loop stops there) */
  if (*prefix == '.')
    return FALSE;

  for (p = prefix; prefix_bytes[(guchar) *p]; p++)
    if (G_UNLIKELY (*p == '.') && p[1] == '.')
      return FALSE;

  return *p == '\0' && p > prefix && p - prefix <= 64 && p[-1] != '.';
}

static const char *
provider_name (int provider)
{
  switch (provider)
    {
    case PROVIDER_AIRMAIL:
      return "AirMail";
    case PROVIDER_MICROSOFT:
      return "Microsoft/Outlook";
    case PROVIDER_GOOGLE:
    default:
      return "Google";
    }
}

/* g_ascii_strcasecmp (@a, @b) == 0 without a call per byte */
G_ALWAYS_INLINE static inline gboolean
same_without_case (const char *a,
                   const char *b)
{
  for (;; a++, b++)
    {
      if (*a != *b)
        {
          if (mr_sim_ascii_lower (*a) != mr_sim_ascii_lower (*b))
            return FALSE;
        }
      else if (*a == '\0')
        {
          return TRUE;
        }
    }
}

/* Whether an account before the @i-th of @item has its prefix, compared
 * without ASCII case; @prefixes holds the earlier ones lower-cased when
 * there are many, @lower is the @i-th's lower-cased then. */
static gboolean
prefix_seen (const Item *item,
             guint       i,
             GHashTable *prefixes,
             const char *lower)
{
  const char *prefix = item->accounts[i].prefix;

  if (prefixes != NULL)
    return g_hash_table_contains (prefixes, lower);

  for (guint j = 0; j < i; j++)
    if (same_without_case (item->accounts[j].prefix, prefix))
      return TRUE;

  return FALSE;
}

static void
check_accounts (MrSimQuote *self,
                Item       *item,
                MrSimState *state,
                const char *workspace_id,
                guint       existing)
{
  /* a few mailboxes are compared one by one; a hundred through a table */
  g_autoptr(GHashTable) prefixes = NULL;
  guint max = item->email_provider == PROVIDER_MICROSOFT ? 100 : 5;
  guint n = item->n_accounts;

  if (n == 0)
    {
      add_unique (&self->domains_without_accounts, item->domain);
      return;
    }

  if (n > MAX_LINEAR_PREFIXES)
    prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      Account *account = &item->accounts[i];
      g_autofree char *lower = prefixes != NULL ? g_ascii_strdown (account->prefix, -1) : NULL;
      g_autofree char *reason = NULL;

      if (is_blank (account->first_name))
        reason = g_strdup ("First name is required");
      else if (is_blank (account->last_name))
        reason = g_strdup ("Last name is required");
      else if (*account->prefix == '\0')
        reason = g_strdup ("Email address prefix is required");
      else if (!is_valid_prefix (account->prefix))
        reason = g_strdup ("Email address prefix may only contain letters, digits, dots, "
                           "hyphens and underscores, and may not start or end with a dot");
      else if (prefix_seen (item, i, prefixes, lower))
        reason = g_strdup ("Duplicate email address in this order");
      else if (self->order_type == ORDER_EXTRA_ACCOUNTS && state != NULL)
        {
          g_autofree char *email = NULL;
          MrSimAccountRecord *record;

          if (lower == NULL)
            lower = g_ascii_strdown (account->prefix, -1);
          email = g_strdup_printf ("%s@%s", lower, item->domain);
          record = mr_sim_state_find_account (state, workspace_id, email);

          if (record != NULL && record->cancelled == 0)
            reason = g_strdup ("Email address already exists");
        }

      if (reason == NULL && existing + i >= max)
        reason = g_strdup_printf ("%s domains take at most %u accounts",
                                  provider_name (item->email_provider), max);

      if (prefixes != NULL)
        g_hash_table_add (prefixes, g_steal_pointer (&lower));

      if (reason != NULL)
        add_invalid_account (self, item, account, reason);
    }

  if (item->email_provider == PROVIDER_MICROSOFT && self->order_type == ORDER_DFY && n < 50)
    {
      g_autofree char *reason =
        g_strdup_printf ("Microsoft/Outlook domains need 50 to 100 accounts; this one has %u", n);

      add_invalid_account (self, item, &item->accounts[0], reason);
    }
}

static void
check_item (MrSimQuote *self,
            Item       *item,
            GHashTable *seen,
            MrSimState *state,
            const char *workspace_id)
{
  gboolean valid_name = mr_sim_catalog_is_valid_name (item->domain);
  const char *tld = mr_sim_catalog_get_tld (item->domain);
  const char *keyword = mr_sim_catalog_restricted_keyword (item->domain);
  guint existing = 0;

  if (seen != NULL)
    {
      if (g_hash_table_contains (seen, item->domain))
        add_unique (&self->invalid_domains, item->domain);
      g_hash_table_add (seen, item->domain);
    }
  else
    {
      /* a few items are compared one by one */
      for (guint i = 0; i < self->n_items && &self->items[i] != item; i++)
        if (g_str_equal (self->items[i].domain, item->domain))
          {
            add_unique (&self->invalid_domains, item->domain);
            break;
          }
    }

  switch (self->order_type)
    {
    case ORDER_DFY:
      if (!valid_name || (!g_str_equal (tld, "com") && !g_str_equal (tld, "org")))
        add_unique (&self->invalid_domains, item->domain);
      else if (keyword != NULL)
        {
          add_unique (&self->blacklist_domains, item->domain);
          add_unique (&self->blacklist_keywords, keyword);
        }
      else if (mr_sim_catalog_is_taken (item->domain) ||
               mr_sim_state_domain_is_ordered (state, item->domain))
        add_unique (&self->unavailable_domains, item->domain);
      check_accounts (self, item, state, workspace_id, 0);
      break;

    case ORDER_PRE_WARMED_UP:
      if (!valid_name || (!g_str_equal (tld, "com") && !g_str_equal (tld, "org") &&
                          !g_str_equal (tld, "co")))
        add_unique (&self->invalid_domains, item->domain);
      else if (keyword != NULL)
        {
          add_unique (&self->blacklist_domains, item->domain);
          add_unique (&self->blacklist_keywords, keyword);
        }
      else if (mr_sim_catalog_find_prewarmed (item->domain) == NULL ||
               mr_sim_state_domain_is_ordered (state, item->domain))
        add_unique (&self->unavailable_domains, item->domain);
      break;

    case ORDER_EXTRA_ACCOUNTS:
      if (!valid_name)
        {
          add_unique (&self->invalid_domains, item->domain);
        }
      else
        {
          MrSimOrderRecord *order = mr_sim_state_find_order (state, workspace_id, item->domain);
          guint providers = 0;

          if (order == NULL)
            {
              add_unique (&self->missing_domain_orders, item->domain);
            }
          else
            {
              existing = mr_sim_state_count_accounts (state, workspace_id, item->domain, &providers);
              providers |= 1u << order->email_provider;

              if (providers & (1u << PROVIDER_MICROSOFT))
                add_unique (&self->unsupported_provider_domains, item->domain);
              else if (providers != (1u << item->email_provider))
                add_unique (&self->provider_mismatch_domains, item->domain);
            }
        }
      check_accounts (self, item, state, workspace_id, existing);
      break;

    default:
      g_assert_not_reached ();
    }

  if (item->forwarding_domain != NULL &&
      (!mr_sim_catalog_is_valid_name (item->forwarding_domain) ||
       g_str_equal (item->forwarding_domain, item->domain)))
    add_unique (&self->invalid_forwarding_domains, item->forwarding_domain);
}

static void
price_item (MrSimQuote         *self,
            Item               *item,
            const MrSimPricing *pricing,
            guint              *n_free)
{
  gint64 rest;

  item->monthly_price = -1;

  switch (self->order_type)
    {
    case ORDER_PRE_WARMED_UP:
      item->domain_price = pricing->prewarmed_domain_per_year;
      item->accounts_price = pricing->prewarmed_account_per_month * item->n_accounts;
      break;

    case ORDER_EXTRA_ACCOUNTS:
    case ORDER_DFY:
    default:
      item->domain_price = self->order_type == ORDER_DFY ? pricing->domain_per_year : 0;
      if (item->email_provider == PROVIDER_MICROSOFT)
        {
          item->accounts_price = self->order_type == ORDER_DFY ? pricing->microsoft_domain_per_month : 0;
          item->monthly_price = item->accounts_price;
        }
      else
        {
          item->accounts_price = pricing->account_per_month[item->email_provider] * item->n_accounts;
        }
      break;
    }

  /* Promotions. The contract says only that free_domains are "domains free
   * because of a promotion" and that total_discount holds the promotions,
   * applied automatically. Our choices: a free domain costs nothing for
   * its first year (its domain_price is waived in full, its mailboxes are
   * still charged); the percentage comes off what is left of the item.
   * Both are counted in the item's total_discount, so the discount never
   * exceeds the item's price and total_price = domains + accounts -
   * total_discount, never negative. */
  item->discount = 0;
  if (item->domain_price > 0 && *n_free > 0)
    {
      (*n_free)--;
      item->discount = item->domain_price;
      add_unique (&self->free_domains, item->domain);
    }

  rest = item->domain_price + item->accounts_price - item->discount;
  item->discount += (rest * pricing->discount_percent + 50) / 100;

  self->total_domains += item->domain_price;
  self->total_accounts += item->accounts_price;
  self->total_discount += item->discount;
  self->n_accounts += item->n_accounts;
}

/* Pre-warmed domains come with their own mailboxes: the requested ones
 * are ignored. */
/* @text, kept until the quote is freed */
static const char *
keep (MrSimQuote *self,
      char       *text)
{
  if (self->owned == NULL)
    self->owned = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->owned, text);

  return text;
}

static void
add_prewarmed_accounts (MrSimQuote         *self,
                        Item               *item,
                        const MrSimPricing *pricing)
{
  const MrSimPrewarmed *known = mr_sim_catalog_find_prewarmed (item->domain);

  if (known != NULL)
    item->email_provider = known->account_type;

  item->n_accounts = 0;
  for (guint i = 0; i < pricing->prewarmed_accounts_per_domain; i++)
    {
      const Account *model = &prewarmed_accounts[i % G_N_ELEMENTS (prewarmed_accounts)];
      Account *account = item_add_accounts (item, 1);

      *account = *model;
      if (i >= G_N_ELEMENTS (prewarmed_accounts))
        account->prefix = keep (self, g_strdup_printf ("%s%u", model->prefix, i + 1));
    }
}

static MrSimQuote *
begin (const char *order_type,
       guint       n_items)
{
  /* g_new() and a cleared struct: glibc's calloc() has no per-thread
   * cache, and this runs for every quote */
  MrSimQuote *self = g_new (MrSimQuote, 1);

  *self = (MrSimQuote) { 0 };
  if (g_str_equal (order_type, "pre_warmed_up"))
    self->order_type = ORDER_PRE_WARMED_UP;
  else if (g_str_equal (order_type, "extra_accounts"))
    self->order_type = ORDER_EXTRA_ACCOUNTS;
  else
    self->order_type = ORDER_DFY;

  self->items_size = MAX (n_items, 1);
  self->items = g_new (Item, self->items_size);

  return self;
}

MrSimQuote *
mr_sim_quote_begin (const char *order_type)
{
  g_return_val_if_fail (order_type != NULL, NULL);

  return begin (order_type, 0);
}

/* @n_accounts: how many accounts will follow, when known */
static Item *
add_item (MrSimQuote *self,
          const char *domain,
          const char *forwarding_domain,
          int         email_provider,
          guint       n_accounts)
{
  Item *item;

  if (self->n_items == self->items_size)
    {
      self->items_size *= 2;
      self->items = g_renew (Item, self->items, self->items_size);
    }
  item = &self->items[self->n_items++];

  *item = (Item) { 0 };
  item->domain = mr_sim_catalog_normalize (domain);
  if (forwarding_domain != NULL && !is_blank (forwarding_domain))
    item->forwarding_domain = mr_sim_catalog_normalize (forwarding_domain);
  item->email_provider = email_provider != 0 ? email_provider : PROVIDER_GOOGLE;
  if (n_accounts > 0)
    {
      item->accounts_size = n_accounts;
      item->accounts = g_new (Account, n_accounts);
    }

  return item;
}

/* @account as the request gives it; the prefix without its surrounding
 * white space, as g_strstrip(): a copy only when there is some */
static void
fill_account (MrSimQuote *self,
              Account    *account,
              const char *email_address_prefix,
              const char *first_name,
              const char *last_name)
{
  const char *start = email_address_prefix;
  const char *end;

  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  account->prefix = *end == '\0' && start == email_address_prefix
                    ? email_address_prefix : keep (self, g_strndup (start, end - start));
  account->first_name = first_name;
  account->last_name = last_name;
}

static void
add_account (MrSimQuote *self,
             Item       *item,
             const char *email_address_prefix,
             const char *first_name,
             const char *last_name)
{
  if (self->order_type == ORDER_PRE_WARMED_UP)
    return;

  fill_account (self, item_add_accounts (item, 1), email_address_prefix, first_name, last_name);
}

void
mr_sim_quote_add_item (MrSimQuote *self,
                       const char *domain,
                       const char *forwarding_domain,
                       int         email_provider)
{
  g_return_if_fail (self != NULL && !self->finished);
  g_return_if_fail (domain != NULL);
  g_return_if_fail (email_provider >= 0 && email_provider <= 3);

  add_item (self, domain, forwarding_domain, email_provider, 0);
}

void
mr_sim_quote_add_account (MrSimQuote *self,
                          const char *email_address_prefix,
                          const char *first_name,
                          const char *last_name)
{
  g_return_if_fail (self != NULL && !self->finished && self->n_items > 0);
  g_return_if_fail (email_address_prefix != NULL && first_name != NULL && last_name != NULL);

  add_account (self, &self->items[self->n_items - 1],
               email_address_prefix, first_name, last_name);
}

void
mr_sim_quote_finish (MrSimQuote         *self,
                     MrSimState         *state,
                     const MrSimPricing *pricing,
                     const char         *workspace_id)
{
  g_autoptr(GHashTable) seen = NULL;
  guint n_free = pricing->free_domains;

  g_return_if_fail (self != NULL && !self->finished);

  self->finished = TRUE;
  if (self->n_items > MAX_LINEAR_DOMAINS)
    seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->n_items; i++)
    {
      Item *item = &self->items[i];

      if (self->order_type == ORDER_PRE_WARMED_UP)
        add_prewarmed_accounts (self, item, pricing);
      check_item (self, item, seen, state, workspace_id);
      if (pricing->provider_unavailable[item->email_provider])
        self->provider_unavailable[item->email_provider] = TRUE;
      price_item (self, item, pricing, &n_free);
    }
}

MrSimQuote *
mr_sim_quote_new (const MrJsonValue  *request,
                  MrSimState         *state,
                  const MrSimPricing *pricing,
                  const char         *workspace_id)
{
  static const char * const field_names[] = { "email_address_prefix", "first_name", "last_name" };
  const MrJsonValue *items = mr_json_value_get_member (request, "items");
  MrSimQuote *self = begin (mr_sim_request_get_string (request, "order_type"), items->length);
  const char *names[G_N_ELEMENTS (field_names)] = { NULL, NULL, NULL };   /* as matched */

  for (guint i = 0; i < items->length; i++)
    {
      const MrJsonValue *item = &items->elements[i];
      const MrJsonValue *provider = mr_json_value_get_member (item, "email_provider");
      const MrJsonValue *accounts = mr_sim_request_get_array (item, "accounts");
      Item *quote_item;

      quote_item = add_item (self, mr_sim_request_get_string (item, "domain"),
                             mr_sim_request_get_string (item, "forwarding_domain"),
                             provider != NULL ? (int) mr_json_value_get_double (provider) : 0,
                             accounts != NULL ? accounts->length : 0);

      /* pre-warmed domains come with their own mailboxes (see
       * add_prewarmed_accounts()); the others take the request's, the
       * array sized once */
      if (accounts == NULL || self->order_type == ORDER_PRE_WARMED_UP)
        continue;
      item_add_accounts (quote_item, accounts->length);

      for (guint j = 0; j < accounts->length; j++)
        {
          const MrJsonValue *account = &accounts->elements[j];
          const char *fields[3] = { NULL, NULL, NULL };

          /* one pass over the mailbox's members (checked: all three are
           * there), their first letters told apart before the names; a
           * document keeps a repeated name once, so the next mailboxes'
           * names are mostly the very strings matched before */
          for (guint k = 0; k < account->length; k++)
            {
              const MrJsonMember *m = &account->members[k];
              guint which;

              if (m->value.kind != MR_JSON_STRING)
                continue;
              which = m->name[0] == 'e' ? 0 : m->name[0] == 'f' ? 1 : m->name[0] == 'l' ? 2 : 3;
              if (which < 3 && (m->name == names[which] || strcmp (m->name, field_names[which]) == 0))
                {
                  names[which] = m->name;
                  fields[which] = m->value.string;
                }
            }

          fill_account (self, &quote_item->accounts[j],
                        fields[0], fields[1], fields[2]);
        }
    }

  mr_sim_quote_finish (self, state, pricing, workspace_id);

  return self;
}

const char *
mr_sim_quote_get_error (MrSimQuote *self)
{
  if (list_len (self->invalid_domains) > 0)
    return "invalid_domains";
  if (list_len (self->blacklist_domains) > 0)
    return "blacklist_domains";
  if (list_len (self->unavailable_domains) > 0)
    return "unavailable_domains";
  if (list_len (self->missing_domain_orders) > 0)
    return "missing_domain_orders";
  if (list_len (self->unsupported_provider_domains) > 0)
    return "unsupported_provider";
  if (list_len (self->provider_mismatch_domains) > 0)
    return "provider_mismatch";
  if (self->provider_unavailable[1] || self->provider_unavailable[2] || self->provider_unavailable[3])
    return "provider_unavailable";
  if (list_len (self->invalid_forwarding_domains) > 0)
    return "invalid_forwarding_domains";
  if (list_len (self->domains_without_accounts) > 0)
    return "domains_without_accounts";
  if (list_len (self->invalid_accounts) > 0)
    return "invalid_accounts";

  return NULL;
}

/* An order without items is not valid, but names no error either. */
gboolean
mr_sim_quote_is_valid (MrSimQuote *self)
{
  return self->n_items > 0 && mr_sim_quote_get_error (self) == NULL;
}

gint64
mr_sim_quote_get_total (MrSimQuote *self)
{
  return self->total_accounts + self->total_domains - self->total_discount;
}

guint
mr_sim_quote_get_n_domains (MrSimQuote *self)
{
  return self->n_items;
}

const char *
mr_sim_quote_get_domain (MrSimQuote *self,
                         guint       i)
{
  g_return_val_if_fail (i < self->n_items, NULL);

  return self->items[i].domain;
}

void
mr_sim_quote_commit (MrSimQuote *self,
                     MrSimState *state,
                     const char *workspace_id)
{
  gint64 now = mr_sim_state_now ();
  gboolean prewarmed = self->order_type == ORDER_PRE_WARMED_UP;

  g_return_if_fail (mr_sim_quote_is_valid (self));

  for (guint i = 0; i < self->n_items; i++)
    {
      Item *item = &self->items[i];

      if (self->order_type != ORDER_EXTRA_ACCOUNTS)
        mr_sim_state_add_order (state, workspace_id, item->domain, item->forwarding_domain,
                                item->email_provider, prewarmed, now);

      for (guint j = 0; j < item->n_accounts; j++)
        {
          Account *account = &item->accounts[j];

          mr_sim_state_add_account (state, workspace_id, item->domain, account->prefix,
                                    account->first_name, account->last_name,
                                    item->email_provider, prewarmed, now);
        }
    }

  mr_sim_state_save (state);
}

static gint64
per_account_price (MrSimQuote         *self,
                   const MrSimPricing *pricing,
                   int                 provider)
{
  if (self->order_type == ORDER_PRE_WARMED_UP)
    return pricing->prewarmed_account_per_month;

  return pricing->account_per_month[provider];
}

/* ,"member":[strings...], @member a string literal */
#define put_list(out, member, list) \
  G_STMT_START { \
    if (list_len (list) == 0) \
      mr_sim_json_put_literal ((out), ",\"" member "\":[]"); \
    else \
      put_strings ((out), ",\"" member "\":[", sizeof (",\"" member "\":[") - 1, (list)); \
  } G_STMT_END

static void
put_strings (GString    *out,
             const char *head,
             gsize       head_length,
             GPtrArray  *list)
{
  for (guint i = 0; i < list->len; i++)
    {
      if (i == 0)
        mr_sim_json_put_string (out, head, head_length, g_ptr_array_index (list, i));
      else
        mr_sim_json_put_literal_string (out, ",", g_ptr_array_index (list, i));
    }
  mr_sim_json_put_literal (out, "]");
}

static void
put_item (GString *out,
          Item    *item)
{
  mr_sim_json_put_literal_string (out, "{\"domain\":", item->domain);
  mr_sim_json_put_literal (out, ",\"accounts\":[");
  /* each account's closing brace goes out with what follows it */
  for (guint j = 0; j < item->n_accounts; j++)
    {
      Account *account = &item->accounts[j];

      if (j == 0)
        mr_sim_json_put_literal_string (out, "{\"email_address_prefix\":", account->prefix);
      else
        mr_sim_json_put_literal_string (out, "},{\"email_address_prefix\":", account->prefix);
      mr_sim_json_put_literal_string (out, ",\"first_name\":", account->first_name);
      mr_sim_json_put_literal_string (out, ",\"last_name\":", account->last_name);
    }
  if (item->n_accounts > 0)
    mr_sim_json_put_literal_int (out, "}],\"email_provider\":", item->email_provider);
  else
    mr_sim_json_put_literal_int (out, "],\"email_provider\":", item->email_provider);
  if (item->forwarding_domain != NULL)
    mr_sim_json_put_literal_string (out, ",\"forwarding_domain\":", item->forwarding_domain);
  mr_sim_json_put_literal_money (out, ",\"domain_price\":", item->domain_price);
  mr_sim_json_put_literal_money (out, ",\"accounts_price\":", item->accounts_price);
  if (item->monthly_price >= 0)
    mr_sim_json_put_literal_money (out, ",\"domain_monthly_price\":", item->monthly_price);
  else
    mr_sim_json_put_literal (out, ",\"domain_monthly_price\":null");
  mr_sim_json_put_literal_money (out, ",\"total_price\":",
                                 item->domain_price + item->accounts_price - item->discount);
  mr_sim_json_put_literal_money (out, ",\"total_discount\":", item->discount);
  mr_sim_json_put_literal (out, "}");
}

/* The reply has a fixed shape: it is written as literal pieces with their
 * punctuation and the values between them (test-sim-doc compares it with
 * what the generic writer wrote) */
gsize
mr_sim_quote_json_size (MrSimQuote *self)
{
  /* about 360 bytes a domain of 5 mailboxes, and 1.5 KiB for the rest */
  return 1536 + 360 * self->n_items;
}

char *
mr_sim_quote_to_json (MrSimQuote         *self,
                      const MrSimPricing *pricing,
                      gboolean            simulation,
                      gboolean            placed,
                      const char         *order_error,
                      const char         *payment_failure_reason,
                      const char         *checkout_url,
                      const char         *cart_order_id,
                      gsize              *length)
{
  GString *out = g_string_sized_new (mr_sim_quote_json_size (self));

  mr_sim_quote_write_json (self, pricing, simulation, placed, order_error,
                           payment_failure_reason, checkout_url, cart_order_id, out);
  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

void
mr_sim_quote_write_json (MrSimQuote         *self,
                         const MrSimPricing *pricing,
                         gboolean            simulation,
                         gboolean            placed,
                         const char         *order_error,
                         const char         *payment_failure_reason,
                         const char         *checkout_url,
                         const char         *cart_order_id,
                         GString            *out)
{
  gsize size = mr_sim_quote_json_size (self);
  guint providers = 0;
  guint n_providers = 0;
  int single = PROVIDER_GOOGLE;
  gboolean first;

  for (guint i = 0; i < self->n_items; i++)
    providers |= 1u << self->items[i].email_provider;
  for (int p = 1; p <= 3; p++)
    if (providers & (1u << p))
      {
        n_providers++;
        single = p;
      }

  if (order_error == NULL)
    order_error = mr_sim_quote_get_error (self);

  /* room for all of it, so that each piece is one check and a copy */
  mr_sim_json_reserve (out, size);

  if (placed)
    mr_sim_json_put_literal (out, "{\"order_placed\":true");
  else
    mr_sim_json_put_literal (out, "{\"order_placed\":false");
  if (mr_sim_quote_is_valid (self))
    mr_sim_json_put_literal (out, ",\"order_is_valid\":true");
  else
    mr_sim_json_put_literal (out, ",\"order_is_valid\":false");
  if (order_error != NULL)
    mr_sim_json_put_literal_string (out, ",\"order_error\":", order_error);
  if (payment_failure_reason != NULL)
    mr_sim_json_put_literal_string (out, ",\"payment_failure_reason\":", payment_failure_reason);

  /* the domain lists are all empty in a valid order: in one piece then */
  if (list_len (self->unavailable_domains) + list_len (self->blacklist_domains) +
      list_len (self->blacklist_keywords) + list_len (self->invalid_domains) +
      list_len (self->invalid_forwarding_domains) + list_len (self->missing_domain_orders) +
      list_len (self->provider_mismatch_domains) +
      list_len (self->unsupported_provider_domains) == 0)
    {
      mr_sim_json_put_literal (out, ",\"unavailable_domains\":[],\"blacklist_domains\":[]"
                                    ",\"blacklist_keywords\":[],\"invalid_domains\":[]"
                                    ",\"invalid_forwarding_domains\":[]"
                                    ",\"missing_domain_orders\":[]"
                                    ",\"provider_mismatch_domains\":[]"
                                    ",\"unsupported_provider_domains\":[]");
    }
  else
    {
      put_list (out, "unavailable_domains", self->unavailable_domains);
      put_list (out, "blacklist_domains", self->blacklist_domains);
      put_list (out, "blacklist_keywords", self->blacklist_keywords);
      put_list (out, "invalid_domains", self->invalid_domains);
      put_list (out, "invalid_forwarding_domains", self->invalid_forwarding_domains);
      put_list (out, "missing_domain_orders", self->missing_domain_orders);
      put_list (out, "provider_mismatch_domains", self->provider_mismatch_domains);
      put_list (out, "unsupported_provider_domains", self->unsupported_provider_domains);
    }

  mr_sim_json_put_literal (out, ",\"unavailable_email_providers\":[");
  first = TRUE;
  for (int p = 1; p <= 3; p++)
    if (self->provider_unavailable[p])
      {
        if (first)
          mr_sim_json_put_literal_int (out, "", p);
        else
          mr_sim_json_put_literal_int (out, ",", p);
        first = FALSE;
      }
  mr_sim_json_put_literal (out, "]");

  put_list (out, "domains_without_accounts", self->domains_without_accounts);

  mr_sim_json_put_literal (out, ",\"invalid_accounts\":[");
  for (guint i = 0; i < list_len (self->invalid_accounts); i++)
    {
      InvalidAccount *a = g_ptr_array_index (self->invalid_accounts, i);

      if (i == 0)
        mr_sim_json_put_literal_string (out, "{\"domain\":", a->domain);
      else
        mr_sim_json_put_literal_string (out, ",{\"domain\":", a->domain);
      mr_sim_json_put_literal_string (out, ",\"first_name\":", a->first_name);
      mr_sim_json_put_literal_string (out, ",\"last_name\":", a->last_name);
      mr_sim_json_put_literal_string (out, ",\"email\":", a->email);
      mr_sim_json_put_literal_string (out, ",\"reason\":", a->reason);
      mr_sim_json_put_literal (out, "}");
    }
  mr_sim_json_put_literal (out, "]");

  put_list (out, "free_domains", self->free_domains);

  mr_sim_json_put_literal_int (out, ",\"number_of_domains_ordered\":", self->n_items);
  mr_sim_json_put_literal_int (out, ",\"number_of_accounts_ordered\":", self->n_accounts);

  /* Per-mailbox price: null when providers are mixed or only Microsoft
   * (billed per domain) is ordered. */
  if (n_providers > 1 || (n_providers == 1 && single == PROVIDER_MICROSOFT &&
                          self->order_type != ORDER_PRE_WARMED_UP))
    mr_sim_json_put_literal (out, ",\"price_per_account_per_month\":null");
  else
    mr_sim_json_put_literal_money (out, ",\"price_per_account_per_month\":",
                                   per_account_price (self, pricing, single));

  if (n_providers > 0 && providers != (1u << PROVIDER_MICROSOFT))
    {
      mr_sim_json_put_literal (out, ",\"price_per_account_per_month_by_account_type\":{");
      first = TRUE;
      for (int p = 1; p <= 3; p++)
        {
          static const char * const heads[] = { NULL, "\"1\":", "\"2\":", "\"3\":" };
          static const char * const comma_heads[] = { NULL, ",\"1\":", ",\"2\":", ",\"3\":" };

          if (!(providers & (1u << p)) ||
              (p == PROVIDER_MICROSOFT && self->order_type != ORDER_PRE_WARMED_UP))
            continue;
          if (first)
            mr_sim_json_put_money (out, heads[p], 4, per_account_price (self, pricing, p));
          else
            mr_sim_json_put_money (out, comma_heads[p], 5, per_account_price (self, pricing, p));
          first = FALSE;
        }
      mr_sim_json_put_literal (out, "}");
    }

  if ((providers & (1u << PROVIDER_MICROSOFT)) && self->order_type != ORDER_PRE_WARMED_UP)
    mr_sim_json_put_literal_money (out, ",\"price_per_domain_per_month\":",
                                   pricing->microsoft_domain_per_month);
  else
    mr_sim_json_put_literal (out, ",\"price_per_domain_per_month\":null");

  mr_sim_json_put_literal_money (out, ",\"price_per_domain_per_year\":",
                                 self->order_type == ORDER_PRE_WARMED_UP
                                 ? pricing->prewarmed_domain_per_year : pricing->domain_per_year);
  mr_sim_json_put_literal_money (out, ",\"total_domains_price_per_year\":", self->total_domains);
  mr_sim_json_put_literal_money (out, ",\"total_accounts_price_per_month\":", self->total_accounts);
  /* What recurs: every month the mailboxes, every year the domains. The
   * amount due now is the first of each (the contract's definition of
   * total_price), which is also how the UI sketch reads these two. */
  mr_sim_json_put_literal_money (out, ",\"total_price_per_month\":", self->total_accounts);
  mr_sim_json_put_literal_money (out, ",\"total_price_per_year\":", self->total_domains);
  mr_sim_json_put_literal_money (out, ",\"total_price\":", mr_sim_quote_get_total (self));
  mr_sim_json_put_literal_money (out, ",\"total_discount\":", self->total_discount);

  mr_sim_json_put_literal_string (out, ",\"payment_method_last_4_digits\":", pricing->card_last_4);
  mr_sim_json_put_literal_string (out, ",\"payment_method_brand\":", pricing->card_brand);
  mr_sim_json_put_literal_string (out, ",\"payment_method_name_on_card\":", pricing->card_name);

  if (checkout_url != NULL)
    mr_sim_json_put_literal_string (out, ",\"checkout_required\":true,\"checkout_url\":",
                                    checkout_url);
  if (cart_order_id != NULL)
    mr_sim_json_put_literal_string (out, ",\"cart_order_id\":", cart_order_id);

  if (simulation)
    mr_sim_json_put_literal (out, ",\"simulation\":true,\"order_items\":[");
  else
    mr_sim_json_put_literal (out, ",\"simulation\":false,\"order_items\":[");
  for (guint i = 0; i < self->n_items; i++)
    {
      if (i > 0)
        mr_sim_json_put_literal (out, ",");
      put_item (out, &self->items[i]);
    }
  mr_sim_json_put_literal (out, "]}");
}
