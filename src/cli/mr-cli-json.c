/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mailroom-cli"

#include "config.h"

#include "mr-cli-private.h"
#include "mr-json-reader.h"

/* The replies as core parsed them, written back with the contract's
 * member names, so --json output can be fed to other tools. */

/* Prints @node, and frees it: callers pass what _mr_cli_json_*() made */
void
_mr_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) owned = node;
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
add_money (JsonBuilder *builder,
           const char  *name,
           MrCents      cents)
{
  json_builder_set_member_name (builder, name);
  if (cents % 100 == 0)
    json_builder_add_int_value (builder, cents / 100);
  else
    json_builder_add_double_value (builder, mr_money_to_double (cents));
}

static void
add_optional_money (JsonBuilder *builder,
                    const char  *name,
                    gboolean     present,
                    MrCents      cents)
{
  if (present)
    {
      add_money (builder, name, cents);
    }
  else
    {
      json_builder_set_member_name (builder, name);
      json_builder_add_null_value (builder);
    }
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

/* null when NULL */
static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *time)
{
  json_builder_set_member_name (builder, name);
  if (time != NULL)
    {
      g_autofree char *text = g_date_time_format_iso8601 (time);

      json_builder_add_string_value (builder, text);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

typedef void (*AddMembersFunc) (JsonBuilder   *builder,
                                gconstpointer  item);

/* @name: [ { members of each item }, ... ]; NULL @items make an empty list */
static void
add_object_array (JsonBuilder    *builder,
                  const char     *name,
                  GPtrArray      *items,
                  AddMembersFunc  add_members)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      json_builder_begin_object (builder);
      add_members (builder, g_ptr_array_index (items, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_quote_account (JsonBuilder   *builder,
                   gconstpointer  data)
{
  const MrQuoteAccount *account = data;

  add_string (builder, "email_address_prefix", account->email_address_prefix);
  add_string (builder, "first_name", account->first_name);
  add_string (builder, "last_name", account->last_name);
  if (account->has_price)
    add_money (builder, "price", account->price);
}

static void
add_quote_item (JsonBuilder   *builder,
                gconstpointer  data)
{
  const MrQuoteItem *item = data;

  add_string (builder, "domain", item->domain);
  add_object_array (builder, "accounts", item->accounts, add_quote_account);

  add_int (builder, "email_provider", item->email_provider);
  if (item->forwarding_domain != NULL)
    add_string (builder, "forwarding_domain", item->forwarding_domain);
  add_money (builder, "domain_price", item->domain_price);
  add_money (builder, "accounts_price", item->accounts_price);
  add_optional_money (builder, "domain_monthly_price",
                      item->has_domain_monthly_price, item->domain_monthly_price);
  add_money (builder, "total_price", item->total_price);
  add_money (builder, "total_discount", item->total_discount);
}

static void
add_invalid_account (JsonBuilder   *builder,
                     gconstpointer  data)
{
  const MrInvalidAccount *account = data;

  add_string (builder, "domain", account->domain);
  add_string (builder, "first_name", account->first_name);
  add_string (builder, "last_name", account->last_name);
  add_string (builder, "email", account->email);
  add_string (builder, "reason", account->reason);
}

JsonNode *
_mr_cli_json_quote (MrQuote *quote)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean any_by_type = FALSE;

  json_builder_begin_object (builder);
  add_boolean (builder, "order_placed", quote->order_placed);
  add_boolean (builder, "order_is_valid", quote->order_is_valid);
  if (quote->order_error_raw != NULL)
    add_string (builder, "order_error", quote->order_error_raw);
  if (quote->payment_failure_reason_raw != NULL)
    add_string (builder, "payment_failure_reason", quote->payment_failure_reason_raw);

  add_strv (builder, "unavailable_domains", (const char * const *) quote->unavailable_domains);
  add_strv (builder, "blacklist_domains", (const char * const *) quote->blacklist_domains);
  add_strv (builder, "blacklist_keywords", (const char * const *) quote->blacklist_keywords);
  add_strv (builder, "invalid_domains", (const char * const *) quote->invalid_domains);
  add_strv (builder, "invalid_forwarding_domains",
            (const char * const *) quote->invalid_forwarding_domains);
  add_strv (builder, "missing_domain_orders", (const char * const *) quote->missing_domain_orders);
  add_strv (builder, "provider_mismatch_domains",
            (const char * const *) quote->provider_mismatch_domains);
  add_strv (builder, "unsupported_provider_domains",
            (const char * const *) quote->unsupported_provider_domains);

  json_builder_set_member_name (builder, "unavailable_email_providers");
  json_builder_begin_array (builder);
  for (guint i = 0; quote->unavailable_email_providers != NULL &&
                    i < quote->unavailable_email_providers->len; i++)
    json_builder_add_int_value (builder,
                                g_array_index (quote->unavailable_email_providers, int, i));
  json_builder_end_array (builder);

  add_strv (builder, "domains_without_accounts",
            (const char * const *) quote->domains_without_accounts);

  add_object_array (builder, "invalid_accounts", quote->invalid_accounts, add_invalid_account);

  add_strv (builder, "free_domains", (const char * const *) quote->free_domains);
  add_int (builder, "number_of_domains_ordered", quote->number_of_domains_ordered);
  add_int (builder, "number_of_accounts_ordered", quote->number_of_accounts_ordered);
  add_optional_money (builder, "price_per_account_per_month",
                      quote->has_price_per_account_per_month,
                      quote->price_per_account_per_month);

  for (guint i = 1; i < G_N_ELEMENTS (quote->has_price_by_account_type); i++)
    any_by_type |= quote->has_price_by_account_type[i];
  if (any_by_type)
    {
      json_builder_set_member_name (builder, "price_per_account_per_month_by_account_type");
      json_builder_begin_object (builder);
      for (guint i = 1; i < G_N_ELEMENTS (quote->has_price_by_account_type); i++)
        {
          char key[4];

          if (!quote->has_price_by_account_type[i])
            continue;
          g_snprintf (key, sizeof key, "%u", i);
          add_money (builder, key, quote->price_by_account_type[i]);
        }
      json_builder_end_object (builder);
    }

  add_optional_money (builder, "price_per_domain_per_month",
                      quote->has_price_per_domain_per_month,
                      quote->price_per_domain_per_month);
  add_money (builder, "price_per_domain_per_year", quote->price_per_domain_per_year);
  add_money (builder, "total_domains_price_per_year", quote->total_domains_price_per_year);
  add_money (builder, "total_accounts_price_per_month", quote->total_accounts_price_per_month);
  add_money (builder, "total_price_per_month", quote->total_price_per_month);
  add_money (builder, "total_price_per_year", quote->total_price_per_year);
  add_money (builder, "total_price", quote->total_price);
  add_money (builder, "total_discount", quote->total_discount);
  add_string (builder, "payment_method_last_4_digits", quote->payment_method_last_4_digits);
  add_string (builder, "payment_method_brand", quote->payment_method_brand);
  add_string (builder, "payment_method_name_on_card", quote->payment_method_name_on_card);
  add_boolean (builder, "checkout_required", quote->checkout_required);
  if (quote->checkout_url != NULL)
    add_string (builder, "checkout_url", quote->checkout_url);
  if (quote->cart_order_id != NULL)
    add_string (builder, "cart_order_id", quote->cart_order_id);
  add_boolean (builder, "simulation", quote->simulation);

  add_object_array (builder, "order_items", quote->order_items, add_quote_item);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_availability (JsonBuilder   *builder,
                  gconstpointer  data)
{
  const MrDomainAvailability *result = data;

  add_string (builder, "domain", result->domain);
  add_boolean (builder, "available", result->availability == MR_AVAILABILITY_AVAILABLE);
  if (result->availability == MR_AVAILABILITY_RESTRICTED)
    {
      add_string (builder, "unavailable_reason", "restricted");
      if (result->restricted_keyword != NULL)
        add_string (builder, "restricted_keyword", result->restricted_keyword);
    }
}

JsonNode *
_mr_cli_json_check (GPtrArray *results)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_object_array (builder, "results", results, add_availability);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
_mr_cli_json_similar (const char * const *domains)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_strv (builder, "domains", domains);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
_mr_cli_json_prewarmed (GPtrArray *domains)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean any_type = FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "domains");
  json_builder_begin_array (builder);
  for (guint i = 0; i < domains->len; i++)
    {
      const MrPrewarmedDomain *domain = g_ptr_array_index (domains, i);

      json_builder_add_string_value (builder, domain->domain);
      any_type |= domain->has_account_type;
    }
  json_builder_end_array (builder);

  if (any_type)
    {
      json_builder_set_member_name (builder, "domains_with_type");
      json_builder_begin_array (builder);
      for (guint i = 0; i < domains->len; i++)
        {
          const MrPrewarmedDomain *domain = g_ptr_array_index (domains, i);

          if (!domain->has_account_type)
            continue;
          json_builder_begin_object (builder);
          add_string (builder, "domain", domain->domain);
          add_int (builder, "account_type", domain->account_type);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_order_record (JsonBuilder   *builder,
                  gconstpointer  data)
{
  const MrOrderRecord *record = data;

  add_string (builder, "workspace_id", record->workspace_id);
  add_string (builder, "domain", record->domain);
  add_nullable_string (builder, "forwarding_domain", record->forwarding_domain);
  add_nullable_string (builder, "forwarding_mode", record->forwarding_mode);
  json_builder_set_member_name (builder, "is_pre_warmed_up");
  if (record->has_is_pre_warmed_up)
    json_builder_add_boolean_value (builder, record->is_pre_warmed_up);
  else
    json_builder_add_null_value (builder);
  add_time (builder, "timestamp_cancelled", record->timestamp_cancelled);
  add_time (builder, "timestamp_created", record->timestamp_created);
}

static void
add_ordered_account (JsonBuilder   *builder,
                     gconstpointer  data)
{
  const MrOrderedAccount *account = data;

  add_string (builder, "id", account->id);
  add_string (builder, "domain", account->domain);
  add_string (builder, "email", account->email);
  add_int (builder, "email_provider", account->email_provider);
  add_string (builder, "first_name", account->first_name);
  add_string (builder, "last_name", account->last_name);
  add_boolean (builder, "is_pre_warmed_up", account->is_pre_warmed_up);
  add_time (builder, "timestamp_cancelled", account->timestamp_cancelled);
  add_time (builder, "timestamp_created", account->timestamp_created);
  if (account->password != NULL)
    add_string (builder, "password", account->password);
}

/* { "items": [ ... ], "next_starting_after": ... } */
static JsonNode *
build_page (GPtrArray      *items,
            AddMembersFunc  add_members,
            const char     *next_starting_after)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_object_array (builder, "items", items, add_members);
  if (next_starting_after != NULL)
    add_string (builder, "next_starting_after", next_starting_after);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
_mr_cli_json_orders (GPtrArray  *records,
                     const char *next_starting_after)
{
  return build_page (records, add_order_record, next_starting_after);
}

JsonNode *
_mr_cli_json_accounts (GPtrArray  *accounts,
                       const char *next_starting_after)
{
  return build_page (accounts, add_ordered_account, next_starting_after);
}

static const char *
problem_kind_name (MrProblemKind kind)
{
  switch (kind)
    {
    case MR_PROBLEM_ORDER_EMPTY:
      return "order_empty";
    case MR_PROBLEM_DOMAIN_INVALID:
      return "domain_invalid";
    case MR_PROBLEM_DOMAIN_TLD:
      return "domain_tld";
    case MR_PROBLEM_DOMAIN_DUPLICATE:
      return "domain_duplicate";
    case MR_PROBLEM_DOMAIN_UNAVAILABLE:
      return "domain_unavailable";
    case MR_PROBLEM_DOMAIN_BLACKLISTED:
      return "domain_blacklisted";
    case MR_PROBLEM_FORWARDING_DOMAIN:
      return "forwarding_domain";
    case MR_PROBLEM_MISSING_DOMAIN_ORDER:
      return "missing_domain_order";
    case MR_PROBLEM_NO_ACCOUNTS:
      return "no_accounts";
    case MR_PROBLEM_ACCOUNT_COUNT:
      return "account_count";
    case MR_PROBLEM_PROVIDER_MISMATCH:
      return "provider_mismatch";
    case MR_PROBLEM_PROVIDER_UNSUPPORTED:
      return "provider_unsupported";
    case MR_PROBLEM_PROVIDER_UNAVAILABLE:
      return "provider_unavailable";
    case MR_PROBLEM_ACCOUNT_NAME:
      return "account_name";
    case MR_PROBLEM_ACCOUNT_PREFIX:
      return "account_prefix";
    case MR_PROBLEM_ACCOUNT_DUPLICATE:
      return "account_duplicate";
    case MR_PROBLEM_ACCOUNT_INVALID:
      return "account_invalid";
    case MR_PROBLEM_PAYMENT_FAILED:
      return "payment_failed";
    default:
      return "unknown";
    }
}

static void
add_problem (JsonBuilder   *builder,
             gconstpointer  data)
{
  const MrProblem *problem = data;

  add_string (builder, "kind", problem_kind_name (problem->kind));
  add_nullable_string (builder, "domain", problem->domain);
  add_nullable_string (builder, "account", problem->account_prefix);
  add_nullable_string (builder, "detail", problem->detail);
  add_string (builder, "message", problem->message);
}

JsonNode *
_mr_cli_json_problems (GPtrArray *problems)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_boolean (builder, "order_is_valid", problems->len == 0);
  add_object_array (builder, "problems", problems, add_problem);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

void
_mr_cli_keep_reply (GPtrArray    *replies,
                    GAsyncResult *result)
{
  GBytes *reply = mr_api_result_get_reply (result);

  if (reply != NULL)
    g_ptr_array_add (replies, g_bytes_ref (reply));
}

static JsonNode *
reply_root (GBytes  *reply,
            GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  const char *data;
  gsize size = 0;

  data = g_bytes_get_data (reply, &size);
  if (!mr_json_read (data, size, MR_JSON_MAX_DEPTH, &root, error))
    return NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return g_steal_pointer (&root);
}

void
_mr_cli_print_replies (GPtrArray  *replies,
                       const char *list_member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonArray) items = NULL;

  if (replies->len == 0)
    return;

  if (replies->len == 1)
    {
      g_autofree char *text = mr_json_pretty (g_ptr_array_index (replies, 0), &error);

      if (text == NULL)
        _mr_cli_message ("%s", error->message);
      else
        g_print ("%s\n", text);
      return;
    }

  items = json_array_new ();
  for (guint i = 0; i < replies->len; i++)
    {
      g_autoptr(JsonNode) root = reply_root (g_ptr_array_index (replies, i), &error);
      JsonNode *list;
      JsonArray *array = NULL;

      if (root == NULL)
        {
          _mr_cli_message ("%s", error != NULL ? error->message : "");
          return;
        }

      list = json_object_get_member (json_node_get_object (root), list_member);
      if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
        array = json_node_get_array (list);
      for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
        json_array_add_element (items, json_node_copy (json_array_get_element (array, j)));

      g_clear_pointer (&merged, json_node_unref);
      merged = g_steal_pointer (&root);
    }

  json_object_set_array_member (json_node_get_object (merged), list_member, g_steal_pointer (&items));
  _mr_cli_print_json (g_steal_pointer (&merged));
}
