/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mr-sim-catalog.h"
#include "mr-sim-json.h"
#include "mr-sim-json-writer.h"
#include "mr-sim-order-private.h"
#include "mr-sim-tree-oracle.h"

/* The simulator's request path as it was before it read the reader's
 * document directly: json-glib trees, the schema checks that walked them,
 * the quote read from a JsonObject, and the catalogue's name checks that
 * split and copied. Kept unchanged (only renamed) as the reference the
 * document path must match byte for byte (test-sim-doc). */

typedef enum
{
  KIND_OBJECT,
  KIND_ARRAY,
  KIND_STRING,
  KIND_NUMBER,
  KIND_BOOLEAN,
} Kind;

/* Paths are made for every element checked, so without printf */
static char *
path_child (const char *path,
            const char *name)
{
  return g_strconcat (path, "/", name, NULL);
}

static char *
path_index (const char *path,
            guint       index)
{
  char digits[16];
  char *at = digits + sizeof digits;

  *--at = '\0';
  do
    *--at = '0' + index % 10;
  while ((index /= 10) > 0);
  *--at = '/';

  return g_strconcat (path, at, NULL);
}

static const char * const kind_names[] = { "object", "array", "string", "number", "boolean" };

static gboolean
is_kind (JsonNode *node,
         Kind      kind)
{
  GType type;

  switch (kind)
    {
    case KIND_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case KIND_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    case KIND_STRING:
    case KIND_NUMBER:
    case KIND_BOOLEAN:
    default:
      break;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (kind == KIND_STRING)
    return type == G_TYPE_STRING;
  if (kind == KIND_BOOLEAN)
    return type == G_TYPE_BOOLEAN;

  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static char *
check_kind (JsonNode   *node,
            const char *path,
            Kind        kind)
{
  if (node == NULL || !is_kind (node, kind))
    return g_strdup_printf ("%s must be %s", path, kind_names[kind]);

  return NULL;
}

static char *
check_required (JsonObject         *object,
                const char         *path,
                const char * const *required)
{
  for (guint i = 0; required[i] != NULL; i++)
    if (!json_object_has_member (object, required[i]))
      return g_strdup_printf ("%s must have required property '%s'", path, required[i]);

  return NULL;
}

/* An object with every member named in @required */
static char *
check_object (JsonNode            *node,
              const char          *path,
              const char * const  *required,
              JsonObject         **out_object)
{
  char *message;

  if ((message = check_kind (node, path, KIND_OBJECT)) != NULL)
    return message;

  *out_object = json_node_get_object (node);
  return check_required (*out_object, path, required);
}

static char *
check_bounds (JsonArray  *array,
              const char *path,
              guint       min_items,
              guint       max_items)
{
  guint n = json_array_get_length (array);

  if (max_items > 0 && n > max_items)
    return g_strdup_printf ("%s must NOT have more than %u items", path, max_items);
  if (n < min_items)
    return g_strdup_printf ("%s must NOT have fewer than %u items", path, min_items);

  return NULL;
}

static char *
check_string_enum (JsonNode           *node,
                   const char         *path,
                   const char * const *values)
{
  char *message = check_kind (node, path, KIND_STRING);

  if (message != NULL)
    return message;

  if (values != NULL && !g_strv_contains (values, json_node_get_string (node)))
    return g_strdup_printf ("%s must be equal to one of the allowed values", path);

  return NULL;
}

static gboolean
tree_number_equals (JsonNode *node,
                              gint64    value)
{
  if (node == NULL || !is_kind (node, KIND_NUMBER))
    return FALSE;

  return json_node_get_double (node) == (double) value;
}

typedef char * (*CheckFunc) (JsonNode   *node,
                             const char *path);

/* @check on every element of @array, at "@path/index" */
static char *
check_each (JsonArray  *array,
            const char *path,
            CheckFunc   check)
{
  char *message;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = path_index (path, i);

      if ((message = check (json_array_get_element (array, i), element_path)) != NULL)
        return message;
    }

  return NULL;
}

/* An array whose items are strings, optionally from @values */
static char *
check_string_array (JsonNode           *node,
                    const char         *path,
                    guint               min_items,
                    guint               max_items,
                    const char * const *values)
{
  JsonArray *array;
  char *message;

  if ((message = check_kind (node, path, KIND_ARRAY)) != NULL)
    return message;

  array = json_node_get_array (node);
  if ((message = check_bounds (array, path, min_items, max_items)) != NULL)
    return message;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = path_index (path, i);

      message = check_string_enum (json_array_get_element (array, i), item_path, values);
      if (message != NULL)
        return message;
    }

  return NULL;
}

static char *
check_account (JsonNode   *node,
               const char *path)
{
  static const char * const required[] = { "email_address_prefix", "first_name", "last_name", NULL };
  JsonObject *object;
  char *message;

  if ((message = check_object (node, path, required, &object)) != NULL)
    return message;

  for (guint i = 0; required[i] != NULL; i++)
    {
      g_autofree char *sub = path_child (path, required[i]);

      if ((message = check_kind (json_object_get_member (object, required[i]), sub, KIND_STRING)) != NULL)
        return message;
    }

  return NULL;
}

static char *
check_item (JsonNode   *node,
            const char *path)
{
  static const char * const required[] = { "domain", NULL };
  g_autofree char *sub = NULL;
  JsonObject *object;
  JsonNode *member;
  char *message;

  if ((message = check_object (node, path, required, &object)) != NULL)
    return message;

  sub = path_child (path, "domain");
  if ((message = check_kind (json_object_get_member (object, "domain"), sub, KIND_STRING)) != NULL)
    return message;

  if ((member = json_object_get_member (object, "email_provider")) != NULL)
    {
      g_free (sub);
      sub = path_child (path, "email_provider");
      if ((message = check_kind (member, sub, KIND_NUMBER)) != NULL)
        return message;
      if (!tree_number_equals (member, 1) &&
          !tree_number_equals (member, 2) &&
          !tree_number_equals (member, 3))
        return g_strdup_printf ("%s must be equal to one of the allowed values", sub);
    }

  if ((member = json_object_get_member (object, "forwarding_domain")) != NULL)
    {
      g_free (sub);
      sub = path_child (path, "forwarding_domain");
      if ((message = check_kind (member, sub, KIND_STRING)) != NULL)
        return message;
    }

  if ((member = json_object_get_member (object, "accounts")) != NULL)
    {
      JsonArray *accounts;

      g_free (sub);
      sub = path_child (path, "accounts");
      if ((message = check_kind (member, sub, KIND_ARRAY)) != NULL)
        return message;

      accounts = json_node_get_array (member);
      if ((message = check_bounds (accounts, sub, 0, 100)) != NULL ||
          (message = check_each (accounts, sub, check_account)) != NULL)
        return message;
    }

  return NULL;
}

char *
mr_sim_tree_check_place_order (JsonNode *body)
{
  static const char * const required[] = { "items", "order_type", NULL };
  static const char * const order_types[] = { "dfy", "pre_warmed_up", "extra_accounts", NULL };
  JsonObject *object;
  JsonNode *member;
  char *message;

  if ((message = check_object (body, "body", required, &object)) != NULL)
    return message;

  member = json_object_get_member (object, "items");
  if ((message = check_kind (member, "body/items", KIND_ARRAY)) != NULL ||
      (message = check_each (json_node_get_array (member), "body/items", check_item)) != NULL)
    return message;

  member = json_object_get_member (object, "order_type");
  if ((message = check_string_enum (member, "body/order_type", order_types)) != NULL)
    return message;

  if ((member = json_object_get_member (object, "simulation")) != NULL &&
      (message = check_kind (member, "body/simulation", KIND_BOOLEAN)) != NULL)
    return message;

  return NULL;
}

char *
mr_sim_tree_check_similar (JsonNode *body)
{
  static const char * const required[] = { "domain", NULL };
  static const char * const tlds[] = { "com", "org", NULL };
  JsonObject *object;
  JsonNode *member;
  char *message;

  if ((message = check_object (body, "body", required, &object)) != NULL)
    return message;

  if ((message = check_kind (json_object_get_member (object, "domain"), "body/domain", KIND_STRING)) != NULL)
    return message;

  if ((member = json_object_get_member (object, "tlds")) != NULL)
    return check_string_array (member, "body/tlds", 0, 0, tlds);

  return NULL;
}

/* A body that is { @member: [strings] } */
static char *
check_string_list_body (JsonNode   *body,
                        const char *member,
                        guint       min_items,
                        guint       max_items)
{
  const char * const required[] = { member, NULL };
  g_autofree char *path = path_child ("body", member);
  JsonObject *object;
  char *message;

  if ((message = check_object (body, "body", required, &object)) != NULL)
    return message;

  return check_string_array (json_object_get_member (object, member), path, min_items, max_items, NULL);
}

char *
mr_sim_tree_check_domains (JsonNode *body)
{
  return check_string_list_body (body, "domains", 0, 50);
}

char *
mr_sim_tree_check_prewarmed (JsonNode *body)
{
  static const char * const extensions[] = { "com", "org", "co", NULL };
  JsonObject *object;
  JsonNode *member;
  char *message;

  if (body == NULL || JSON_NODE_HOLDS_NULL (body))
    return NULL;

  if ((message = check_kind (body, "body", KIND_OBJECT)) != NULL)
    return message;

  object = json_node_get_object (body);
  if ((member = json_object_get_member (object, "extensions")) != NULL &&
      (message = check_string_array (member, "body/extensions", 0, 0, extensions)) != NULL)
    return message;

  if ((member = json_object_get_member (object, "search")) != NULL &&
      (message = check_kind (member, "body/search", KIND_STRING)) != NULL)
    return message;

  return NULL;
}

char *
mr_sim_tree_check_cancel (JsonNode *body)
{
  return check_string_list_body (body, "accounts", 1, 0);
}


static const char * const restricted_keywords[] = {
  "google", "gmail", "microsoft", "outlook", "hotmail", "apple", "amazon",
  "paypal", "equifax", "instantly", "facebook", "instagram", "whatsapp",
  "linkedin", "youtube", "netflix", "yahoo", "stripe", "mastercard",
};

gboolean
mr_sim_tree_is_valid_name (const char *domain)
{
  g_auto(GStrv) labels = NULL;
  guint n;

  if (domain == NULL || *domain == '\0' || strlen (domain) > 253)
    return FALSE;

  labels = g_strsplit (domain, ".", -1);
  n = g_strv_length (labels);
  if (n < 2)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);

      if (len == 0 || len > 63 || label[0] == '-' || label[len - 1] == '-')
        return FALSE;

      for (gsize j = 0; j < len; j++)
        {
          char c = label[j];

          if (!g_ascii_isalnum (c) && c != '-')
            return FALSE;
          if (i == n - 1 && !g_ascii_isalpha (c))
            return FALSE;
        }
    }

  return strlen (labels[n - 1]) >= 2;
}

const char *
mr_sim_tree_restricted_keyword (const char *domain)
{
  GString *squashed = g_string_new (NULL);
  const char *dot = strrchr (domain, '.');
  const char *end = dot != NULL ? dot : domain + strlen (domain);
  const char *found = NULL;

  for (const char *p = domain; p < end; p++)
    if (*p != '-')
      g_string_append_c (squashed, g_ascii_tolower (*p));

  for (guint i = 0; i < G_N_ELEMENTS (restricted_keywords); i++)
    {
      if (strstr (squashed->str, restricted_keywords[i]) != NULL)
        {
          found = restricted_keywords[i];
          break;
        }
    }

  g_string_free (squashed, TRUE);

  return found;
}

/* The quote as mr_sim_quote_new() read it from a JsonObject (read_item()
 * and the loop around it), handing each value to the quote's builder */
MrSimQuote *
mr_sim_tree_quote_new (JsonObject         *request,
                       MrSimState         *state,
                       const MrSimPricing *pricing,
                       const char         *workspace_id)
{
  const char *order_type = json_object_get_string_member (request, "order_type");
  JsonArray *items = json_object_get_array_member (request, "items");
  MrSimQuote *self = mr_sim_quote_begin (order_type);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *object = json_array_get_object_element (items, i);
      const char *forwarding = json_object_get_string_member_with_default (object, "forwarding_domain", NULL);
      JsonNode *provider = json_object_get_member (object, "email_provider");
      JsonNode *accounts_node = json_object_get_member (object, "accounts");
      JsonArray *accounts = accounts_node != NULL && JSON_NODE_HOLDS_ARRAY (accounts_node)
                            ? json_node_get_array (accounts_node) : NULL;

      mr_sim_quote_add_item (self, json_object_get_string_member (object, "domain"), forwarding,
                             provider != NULL ? (int) json_node_get_double (provider) : 0);

      for (guint j = 0; accounts != NULL && j < json_array_get_length (accounts); j++)
        {
          JsonObject *a = json_array_get_object_element (accounts, j);
          g_autofree char *prefix = g_strdup (json_object_get_string_member (a, "email_address_prefix"));

          /* stripped as the old reader did; the quote keeps pointing into
           * the tree, so the stripped prefix goes back into it */
          json_object_set_string_member (a, "email_address_prefix", g_strstrip (prefix));
          mr_sim_quote_add_account (self, json_object_get_string_member (a, "email_address_prefix"),
                                    json_object_get_string_member (a, "first_name"),
                                    json_object_get_string_member (a, "last_name"));
        }
    }

  mr_sim_quote_finish (self, state, pricing, workspace_id);

  return self;
}

char *
mr_sim_tree_normalize (const char *domain)
{
  g_autofree char *copy = g_strdup (domain != NULL ? domain : "");

  g_strstrip (copy);

  return g_ascii_strdown (copy, -1);
}

/* The quote reply as mr_sim_json_writer wrote it, before the quote had a
 * writer of its own */

static guint
list_len (GPtrArray *list)
{
  return list != NULL ? list->len : 0;
}

/* "member": money or "member": [strings], @member a string literal */
#define add_money(writer, member, cents) \
  mr_sim_json_writer_member_money ((writer), member, (cents))
#define write_list(writer, member, list) \
  G_STMT_START { \
    if (list_len (list) == 0) \
      mr_sim_json_writer_member_json ((writer), member, "[]"); \
    else \
      { \
        mr_sim_json_writer_member ((writer), member); \
        mr_sim_json_writer_strings ((writer), (list)); \
      } \
  } G_STMT_END

static gint64
tree_per_account_price (MrSimQuote         *self,
                   const MrSimPricing *pricing,
                   int                 provider)
{
  if (self->order_type == ORDER_PRE_WARMED_UP)
    return pricing->prewarmed_account_per_month;

  return pricing->account_per_month[provider];
}

char *
mr_sim_tree_quote_to_json (MrSimQuote         *self,
                           const MrSimPricing *pricing,
                           gboolean            simulation,
                           gboolean            placed,
                           const char         *order_error,
                           const char         *payment_failure_reason,
                           const char         *checkout_url,
                           const char         *cart_order_id,
                           gsize              *length)
{
  MrSimJsonWriter writer;
  MrSimJsonWriter *w = &writer;
  guint providers = 0;
  guint n_providers = 0;
  int single = PROVIDER_GOOGLE;

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

  /* about 360 bytes a domain of 5 mailboxes, and 1.5 KiB for the rest */
  mr_sim_json_writer_init (w, 1536 + 360 * self->n_items);

  mr_sim_json_writer_begin_object (w);
  mr_sim_json_writer_member (w, "order_placed");
  mr_sim_json_writer_boolean (w, placed);
  mr_sim_json_writer_member (w, "order_is_valid");
  mr_sim_json_writer_boolean (w, mr_sim_quote_is_valid (self));
  if (order_error != NULL)
    {
      mr_sim_json_writer_member_string (w, "order_error", order_error);
    }
  if (payment_failure_reason != NULL)
    {
      mr_sim_json_writer_member_string (w, "payment_failure_reason", payment_failure_reason);
    }

  write_list (w, "unavailable_domains", self->unavailable_domains);
  write_list (w, "blacklist_domains", self->blacklist_domains);
  write_list (w, "blacklist_keywords", self->blacklist_keywords);
  write_list (w, "invalid_domains", self->invalid_domains);
  write_list (w, "invalid_forwarding_domains", self->invalid_forwarding_domains);
  write_list (w, "missing_domain_orders", self->missing_domain_orders);
  write_list (w, "provider_mismatch_domains", self->provider_mismatch_domains);
  write_list (w, "unsupported_provider_domains", self->unsupported_provider_domains);

  mr_sim_json_writer_member (w, "unavailable_email_providers");
  mr_sim_json_writer_begin_array (w);
  for (int p = 1; p <= 3; p++)
    if (self->provider_unavailable[p])
      mr_sim_json_writer_int (w, p);
  mr_sim_json_writer_end_array (w);

  write_list (w, "domains_without_accounts", self->domains_without_accounts);

  mr_sim_json_writer_member (w, "invalid_accounts");
  mr_sim_json_writer_begin_array (w);
  for (guint i = 0; i < list_len (self->invalid_accounts); i++)
    {
      MrSimQuoteInvalidAccount *a = g_ptr_array_index (self->invalid_accounts, i);

      mr_sim_json_writer_begin_object (w);
      mr_sim_json_writer_member_string (w, "domain", a->domain);
      mr_sim_json_writer_member_string (w, "first_name", a->first_name);
      mr_sim_json_writer_member_string (w, "last_name", a->last_name);
      mr_sim_json_writer_member_string (w, "email", a->email);
      mr_sim_json_writer_member_string (w, "reason", a->reason);
      mr_sim_json_writer_end_object (w);
    }
  mr_sim_json_writer_end_array (w);

  write_list (w, "free_domains", self->free_domains);

  mr_sim_json_writer_member (w, "number_of_domains_ordered");
  mr_sim_json_writer_int (w, self->n_items);
  mr_sim_json_writer_member (w, "number_of_accounts_ordered");
  mr_sim_json_writer_int (w, self->n_accounts);

  /* Per-mailbox price: null when providers are mixed or only Microsoft
   * (billed per domain) is ordered. */
  mr_sim_json_writer_member (w, "price_per_account_per_month");
  if (n_providers > 1 || (n_providers == 1 && single == PROVIDER_MICROSOFT &&
                               self->order_type != ORDER_PRE_WARMED_UP))
    mr_sim_json_writer_null (w);
  else
    mr_sim_json_writer_money (w, tree_per_account_price (self, pricing, single));

  if (n_providers > 0 && providers != (1u << PROVIDER_MICROSOFT))
    {
      mr_sim_json_writer_member (w, "price_per_account_per_month_by_account_type");
      mr_sim_json_writer_begin_object (w);
      for (int p = 1; p <= 3; p++)
        {
          char key[2] = { (char) ('0' + p), '\0' };

          if (!(providers & (1u << p)) ||
              (p == PROVIDER_MICROSOFT && self->order_type != ORDER_PRE_WARMED_UP))
            continue;
          mr_sim_json_writer_name (w, key);
          mr_sim_json_writer_money (w, tree_per_account_price (self, pricing, p));
        }
      mr_sim_json_writer_end_object (w);
    }

  mr_sim_json_writer_member (w, "price_per_domain_per_month");
  if ((providers & (1u << PROVIDER_MICROSOFT)) && self->order_type != ORDER_PRE_WARMED_UP)
    mr_sim_json_writer_money (w, pricing->microsoft_domain_per_month);
  else
    mr_sim_json_writer_null (w);

  add_money (w, "price_per_domain_per_year",
             self->order_type == ORDER_PRE_WARMED_UP ? pricing->prewarmed_domain_per_year
                                                          : pricing->domain_per_year);
  add_money (w, "total_domains_price_per_year", self->total_domains);
  add_money (w, "total_accounts_price_per_month", self->total_accounts);
  /* What recurs: every month the mailboxes, every year the domains. The
   * amount due now is the first of each (the contract's definition of
   * total_price), which is also how the UI sketch reads these two. */
  add_money (w, "total_price_per_month", self->total_accounts);
  add_money (w, "total_price_per_year", self->total_domains);
  add_money (w, "total_price", mr_sim_quote_get_total (self));
  add_money (w, "total_discount", self->total_discount);

  mr_sim_json_writer_member_string (w, "payment_method_last_4_digits", pricing->card_last_4);
  mr_sim_json_writer_member_string (w, "payment_method_brand", pricing->card_brand);
  mr_sim_json_writer_member_string (w, "payment_method_name_on_card", pricing->card_name);

  if (checkout_url != NULL)
    {
      mr_sim_json_writer_member (w, "checkout_required");
      mr_sim_json_writer_boolean (w, TRUE);
      mr_sim_json_writer_member_string (w, "checkout_url", checkout_url);
    }
  if (cart_order_id != NULL)
    {
      mr_sim_json_writer_member_string (w, "cart_order_id", cart_order_id);
    }

  mr_sim_json_writer_member (w, "simulation");
  mr_sim_json_writer_boolean (w, simulation);

  mr_sim_json_writer_member (w, "order_items");
  mr_sim_json_writer_begin_array (w);
  for (guint i = 0; i < self->n_items; i++)
    {
      MrSimQuoteItem *item = &self->items[i];

      mr_sim_json_writer_begin_object (w);
      mr_sim_json_writer_member_string (w, "domain", item->domain);
      mr_sim_json_writer_member (w, "accounts");
      mr_sim_json_writer_begin_array (w);
      for (guint j = 0; j < item->n_accounts; j++)
        {
          MrSimQuoteAccount *account = &item->accounts[j];

          mr_sim_json_writer_begin_object (w);
          mr_sim_json_writer_member_string (w, "email_address_prefix", account->prefix);
          mr_sim_json_writer_member_string (w, "first_name", account->first_name);
          mr_sim_json_writer_member_string (w, "last_name", account->last_name);
          mr_sim_json_writer_end_object (w);
        }
      mr_sim_json_writer_end_array (w);
      mr_sim_json_writer_member (w, "email_provider");
      mr_sim_json_writer_int (w, item->email_provider);
      if (item->forwarding_domain != NULL)
        {
          mr_sim_json_writer_member_string (w, "forwarding_domain", item->forwarding_domain);
        }
      add_money (w, "domain_price", item->domain_price);
      add_money (w, "accounts_price", item->accounts_price);
      mr_sim_json_writer_member (w, "domain_monthly_price");
      if (item->monthly_price >= 0)
        mr_sim_json_writer_money (w, item->monthly_price);
      else
        mr_sim_json_writer_null (w);
      add_money (w, "total_price", item->domain_price + item->accounts_price - item->discount);
      add_money (w, "total_discount", item->discount);
      mr_sim_json_writer_end_object (w);
    }
  mr_sim_json_writer_end_array (w);
  mr_sim_json_writer_end_object (w);

  return mr_sim_json_writer_finish (w, length);
}
