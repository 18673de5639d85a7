/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "mailroom-core.h"
#include "mr-json-guard.h"

/* Replies the contract allows but the client cannot fully use, replies
 * the contract does not allow, and hostile bytes: each case is its own
 * test, named after the reply. */

#define RAW_MARK "@@raw@@"

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static GBytes *
bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* @fixture with the member at @path ("order_items.0.total_price") set to
 * the JSON text @raw, exactly as written; @raw NULL removes the member. */
static GBytes *
fixture_with (const char *fixture,
              const char *path,
              const char *raw)
{
  g_autoptr(GBytes) bytes = load_fixture (fixture);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) steps = g_strsplit (path, ".", -1);
  g_autoptr(GString) text = NULL;
  g_autofree char *generated = NULL;
  JsonNode *node;
  guint n_steps = g_strv_length (steps);

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  node = json_parser_get_root (parser);

  for (guint i = 0; i + 1 < n_steps; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), atoi (steps[i]));
      else
        node = json_object_get_member (json_node_get_object (node), steps[i]);
      g_assert_nonnull (node);
    }

  if (raw == NULL)
    json_object_remove_member (json_node_get_object (node), steps[n_steps - 1]);
  else
    json_object_set_string_member (json_node_get_object (node), steps[n_steps - 1], RAW_MARK);

  json_generator_set_root (generator, json_parser_get_root (parser));
  generated = json_generator_to_data (generator, NULL);
  text = g_string_new (generated);
  if (raw != NULL)
    g_assert_cmpuint (g_string_replace (text, "\"" RAW_MARK "\"", raw, 0), ==, 1);

  return g_bytes_new (text->str, text->len);
}

static gboolean
warnings_name (GPtrArray  *warnings,
               const char *member)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      if (strstr (g_ptr_array_index (warnings, i), member) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Quote replies with one field the client cannot use {{{ */

typedef struct
{
  const char *name;
  const char *fixture;
  const char *path;
  const char *raw;
  guint       unknown;       /* MrQuoteField expected unknown, 0: none */
  guint       item_unknown;  /* MrQuoteItemField of order_items[0] */
} DegradeCase;

static const DegradeCase degrade_cases[] = {
  { "count-fractional", "quote-simulated.json", "number_of_accounts_ordered", "2.5",
    MR_QUOTE_FIELD_NUMBER_OF_ACCOUNTS_ORDERED, 0 },
  { "count-negative", "quote-simulated.json", "number_of_domains_ordered", "-1",
    MR_QUOTE_FIELD_NUMBER_OF_DOMAINS_ORDERED, 0 },
  { "count-1e19", "quote-simulated.json", "number_of_accounts_ordered", "1e19",
    MR_QUOTE_FIELD_NUMBER_OF_ACCOUNTS_ORDERED, 0 },
  { "count-overflow-int", "quote-simulated.json", "number_of_accounts_ordered", "99999999999999999999999",
    MR_QUOTE_FIELD_NUMBER_OF_ACCOUNTS_ORDERED, 0 },
  { "count-2^63-int", "quote-simulated.json", "number_of_accounts_ordered", "9223372036854775808",
    MR_QUOTE_FIELD_NUMBER_OF_ACCOUNTS_ORDERED, 0 },
  { "count-2^63-double", "quote-simulated.json", "number_of_domains_ordered", "9223372036854775808.0",
    MR_QUOTE_FIELD_NUMBER_OF_DOMAINS_ORDERED, 0 },
  { "count-minus-2^63-minus-1", "quote-simulated.json", "number_of_domains_ordered", "-9223372036854775809",
    MR_QUOTE_FIELD_NUMBER_OF_DOMAINS_ORDERED, 0 },
  { "price-negative", "quote-simulated.json", "total_price", "-1",
    MR_QUOTE_FIELD_TOTAL_PRICE, 0 },
  { "price-huge", "quote-simulated.json", "total_price", "1e300",
    MR_QUOTE_FIELD_TOTAL_PRICE, 0 },
  { "price-beyond-double", "quote-simulated.json", "total_price_per_year", "1e400",
    MR_QUOTE_FIELD_TOTAL_PRICE_PER_YEAR, 0 },
  { "price-overflow-int", "quote-simulated.json", "total_discount", "99999999999999999999999",
    MR_QUOTE_FIELD_TOTAL_DISCOUNT, 0 },
  { "price-by-type-negative", "quote-simulated.json", "price_per_account_per_month_by_account_type",
    "{\"1\": -2}", MR_QUOTE_FIELD_PRICE_BY_ACCOUNT_TYPE, 0 },
  { "item-price-negative", "quote-simulated.json", "order_items.0.domain_price", "-3",
    MR_QUOTE_FIELD_ORDER_ITEMS, MR_QUOTE_ITEM_FIELD_DOMAIN_PRICE },
  { "item-price-fractional-cent-negative", "quote-simulated.json", "order_items.0.total_price", "-0.005",
    MR_QUOTE_FIELD_ORDER_ITEMS, MR_QUOTE_ITEM_FIELD_TOTAL_PRICE },
  { "item-price-minus-zero", "quote-simulated.json", "order_items.0.total_price", "-0", 0, 0 },
  { "account-price-n/a", "quote-simulated.json", "order_items.0.accounts.0.price", "\"n/a\"", 0, 0 },
  { "account-price-true", "quote-simulated.json", "order_items.0.accounts.0.price", "true", 0, 0 },
  { "account-price-object", "quote-simulated.json", "order_items.0.accounts.0.price", "{\"usd\": 4}", 0, 0 },
  { "account-price-negative", "quote-simulated.json", "order_items.0.accounts.0.price", "-4.99", 0, 0 },
  { "provider-negative", "quote-simulated.json", "order_items.0.email_provider", "-1", 0, 0 },
  { "provider-fractional", "quote-simulated.json", "order_items.0.email_provider", "1.5", 0, 0 },
  { "provider-4294967297", "quote-simulated.json", "order_items.0.email_provider", "4294967297", 0, 0 },
  { "unavailable-provider-negative", "quote-simulated.json", "unavailable_email_providers", "[-1]", 0, 0 },
};

static void
test_degrade (gconstpointer data)
{
  const DegradeCase *c = data;
  g_autoptr(GBytes) bytes = fixture_with (c->fixture, c->path, c->raw);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = NULL;
  const MrQuoteItem *item;

  quote = mr_json_parse_quote (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quote);

  g_assert_cmpuint (quote->unknown_fields, ==, c->unknown);
  item = g_ptr_array_index (quote->order_items, 0);
  g_assert_cmpuint (item->unknown_fields, ==, c->item_unknown);

  if (c->unknown != 0)
    {
      g_autofree char *reason = NULL;
      const char *last = strrchr (c->path, '.');

      g_assert_true (warnings_name (quote->warnings, last != NULL ? last + 1 : c->path));
      g_assert_false (mr_quote_field_is_known (quote, c->unknown));
      if (c->unknown & (MR_QUOTE_FIELD_TOTAL_PRICE | MR_QUOTE_FIELD_TOTAL_PRICE_PER_YEAR))
        {
          g_assert_false (mr_quote_allows_placing (quote, &reason));
          g_assert_nonnull (reason);
        }
    }

  if (g_str_has_suffix (c->path, "accounts.0.price"))
    {
      const MrQuoteAccount *account = g_ptr_array_index (item->accounts, 0);

      g_assert_false (account->has_price);
    }

  if (g_str_has_suffix (c->path, "email_provider"))
    g_assert_cmpint ((int) item->email_provider, ==, 0);

  if (g_str_equal (c->path, "unavailable_email_providers"))
    {
      g_assert_cmpuint (quote->unavailable_email_providers->len, ==, 1);
      g_assert_cmpint (g_array_index (quote->unavailable_email_providers, int, 0), ==, 0);
      g_assert_false (mr_quote_allows_placing (quote, NULL));
    }
}

static void
test_count_max_int64 (void)
{
  g_autoptr(GBytes) bytes = fixture_with ("quote-simulated.json", "number_of_accounts_ordered",
                                          "9223372036854775807");
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpint (quote->number_of_accounts_ordered, ==, G_MAXINT64);
  g_assert_true (mr_quote_field_is_known (quote, MR_QUOTE_FIELD_NUMBER_OF_ACCOUNTS_ORDERED));
}

static void
test_count_whole_double (void)
{
  g_autoptr(GBytes) bytes = fixture_with ("quote-simulated.json", "number_of_accounts_ordered", "3.0");
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpint (quote->number_of_accounts_ordered, ==, 3);
}

static void
test_price_fractional_cent (void)
{
  g_autoptr(GBytes) bytes = fixture_with ("quote-simulated.json", "total_discount", "0.285");
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, &error);

  /* a price is a decimal: to the nearest cent, as written */
  g_assert_no_error (error);
  g_assert_cmpint (quote->total_discount, ==, 29);
  g_assert_cmpuint (quote->unknown_fields, ==, 0);
}

/* }}} */

/* Replies the contract does not allow {{{ */

typedef struct
{
  const char *name;
  const char *path;
  const char *raw;     /* NULL: removed */
  const char *named;   /* what the error names */
} BrokenCase;

static const BrokenCase broken_cases[] = {
  { "price-string", "total_price", "\"12\"", "total_price" },
  { "price-missing", "total_price", NULL, "total_price" },
  { "order-items-missing", "order_items", NULL, "order_items" },
  { "order-items-not-list", "order_items", "{}", "order_items" },
  { "item-not-object", "order_items", "[5]", "order_items[0]" },
  { "list-wrong-type", "unavailable_domains", "\"acme.com\"", "unavailable_domains" },
  { "list-element-number", "blacklist_domains", "[1]", "blacklist_domains[0]" },
  { "order-placed-string", "order_placed", "\"yes\"", "order_placed" },
  { "order-placed-missing", "order_placed", NULL, "order_placed" },
  { "provider-string", "order_items.0.email_provider", "\"1\"", "order_items[0].email_provider" },
};

static void
test_broken (gconstpointer data)
{
  const BrokenCase *c = data;
  g_autoptr(GBytes) bytes = fixture_with ("quote-simulated.json", c->path, c->raw);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = NULL;

  quote = mr_json_parse_quote (bytes, &error);
  g_assert_null (quote);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, c->named));
}

/* The same breakage in the reply to a placed order: it was placed. */
static void
test_placed_broken (gconstpointer data)
{
  const BrokenCase *c = data;
  g_autoptr(GBytes) bytes = fixture_with ("quote-placed.json", c->path, c->raw);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = NULL;

  quote = mr_json_parse_quote (bytes, &error);

  if (g_str_has_prefix (c->path, "order_placed"))
    {
      /* without a readable order_placed nothing is known */
      g_assert_null (quote);
      g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PARSE);
      return;
    }

  g_assert_no_error (error);
  g_assert_true (quote->order_placed);
  g_assert_cmpuint (quote->warnings->len, >, 0);
  g_assert_true (warnings_name (quote->warnings, c->named));
  if (g_str_equal (c->path, "total_price"))
    g_assert_false (mr_quote_field_is_known (quote, MR_QUOTE_FIELD_TOTAL_PRICE));
}

/* }}} */

/* The one rule for placing {{{ */

static void
test_allows_placing_valid (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("quote-simulated.json");
  g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, NULL);
  g_autofree char *reason = NULL;

  g_assert_true (mr_quote_allows_placing (quote, &reason));
  g_assert_null (reason);
}

static void
test_allows_placing_order_error (void)
{
  /* the contract's own example: valid, yet refused */
  g_autoptr(GBytes) step = fixture_with ("quote-simulated.json", "order_error", "\"unavailable_domains\"");
  g_autoptr(MrQuote) quote = mr_json_parse_quote (step, NULL);
  g_autofree char *reason = NULL;

  g_assert_nonnull (quote);
  g_assert_true (quote->order_is_valid);
  g_assert_false (mr_quote_allows_placing (quote, &reason));
  g_assert_nonnull (reason);
}

static void
test_allows_placing_list (void)
{
  g_autoptr(GBytes) bytes = fixture_with ("quote-simulated.json", "blacklist_domains", "[\"acme.com\"]");
  g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, NULL);
  g_autofree char *reason = NULL;

  g_assert_true (quote->order_is_valid);
  g_assert_cmpint (quote->order_error, ==, MR_ORDER_ERROR_NONE);
  g_assert_false (mr_quote_allows_placing (quote, &reason));
  g_assert_nonnull (strstr (reason, "acme.com"));
}

static void
test_allows_placing_not_valid (void)
{
  g_autoptr(GBytes) bytes = fixture_with ("quote-simulated.json", "order_is_valid", "false");
  g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, NULL);

  g_assert_false (mr_quote_allows_placing (quote, NULL));
}

static void
test_allows_placing_invalid_account (void)
{
  g_autoptr(GBytes) bytes = fixture_with ("quote-simulated.json", "invalid_accounts",
                                          "[{\"domain\":\"a.com\",\"first_name\":\"A\",\"last_name\":\"B\","
                                          "\"email\":\"ab@a.com\",\"reason\":\"taken\"}]");
  g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, NULL);

  g_assert_false (mr_quote_allows_placing (quote, NULL));
}

/* }}} */

/* Timestamps {{{ */

typedef struct
{
  const char *name;
  const char *raw;
  const char *expected;   /* ISO 8601 in UTC, NULL: unknown */
  gboolean    warned;
} TimeCase;

static const TimeCase time_cases[] = {
  { "rfc3339", "\"2025-01-01T10:00:00.000Z\"", "2025-01-01T10:00:00Z", FALSE },
  { "lowercase-t-z", "\"2025-01-01t10:00:00z\"", "2025-01-01T10:00:00Z", FALSE },
  { "offset", "\"2025-01-01T12:00:00+02:00\"", "2025-01-01T10:00:00Z", FALSE },
  { "date-only", "\"2025-01-01\"", "2025-01-01T00:00:00Z", FALSE },
  { "unix-seconds", "\"1735725600\"", "2025-01-01T10:00:00Z", FALSE },
  { "unix-milliseconds", "\"1735725600000\"", "2025-01-01T10:00:00Z", FALSE },
  { "empty", "\"\"", NULL, FALSE },
  { "words", "\"last Tuesday\"", NULL, TRUE },
  { "bad-date", "\"2025-02-30\"", NULL, TRUE },
};

static void
assert_time (GDateTime  *time,
             const char *expected)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  if (expected == NULL)
    {
      g_assert_null (time);
      return;
    }

  g_assert_nonnull (time);
  utc = g_date_time_to_utc (time);
  text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  g_assert_cmpstr (text, ==, expected);
}

static void
test_orders_created (gconstpointer data)
{
  const TimeCase *c = data;
  g_autoptr(GBytes) bytes = fixture_with ("orders-page.json", "items.0.timestamp_created", c->raw);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = mr_json_parse_orders (bytes, &error);
  const MrOrderRecord *record;

  g_assert_no_error (error);
  record = g_ptr_array_index (page->items, 0);
  assert_time (record->timestamp_created, c->expected);
  g_assert_cmpint (warnings_name (page->warnings, "items[0].timestamp_created"), ==, c->warned);
}

static void
test_accounts_cancelled (gconstpointer data)
{
  const TimeCase *c = data;
  g_autoptr(GBytes) bytes = fixture_with ("accounts-page.json", "items.0.timestamp_cancelled", c->raw);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = mr_json_parse_accounts (bytes, &error);
  const MrOrderedAccount *account;

  g_assert_no_error (error);
  account = g_ptr_array_index (page->items, 0);
  assert_time (account->timestamp_cancelled, c->expected);
  /* "" is an active account; any other string a cancelled one, even
   * when its time cannot be read */
  g_assert_cmpint (account->cancelled, ==, g_strcmp0 (c->raw, "\"\"") != 0);
}

static void
test_accounts_provider_negative (void)
{
  g_autoptr(GBytes) bytes = fixture_with ("accounts-page.json", "items.0.email_provider", "-1");
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = mr_json_parse_accounts (bytes, &error);
  const MrOrderedAccount *account;

  g_assert_no_error (error);
  account = g_ptr_array_index (page->items, 0);
  /* unknown, never 4294967295 */
  g_assert_cmpint ((gint64) account->email_provider, ==, 0);
  g_assert_true (warnings_name (page->warnings, "items[0].email_provider"));
}

/* }}} */

/* /domains/check {{{ */

static void
test_check_result (gconstpointer data)
{
  g_autofree char *text = g_strdup_printf ("{\"results\": [%s, {\"domain\": \"ok.com\", \"available\": true}]}",
                                           (const char *) data);
  g_autoptr(GBytes) bytes = bytes_from_string (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = mr_json_parse_check (bytes, &error);
  const MrDomainAvailability *first;
  const MrDomainAvailability *second;

  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  first = g_ptr_array_index (results, 0);
  second = g_ptr_array_index (results, 1);
  g_assert_cmpint (first->availability, ==, MR_AVAILABILITY_UNKNOWN);
  g_assert_cmpint (second->availability, ==, MR_AVAILABILITY_AVAILABLE);
}

/* }}} */

/* Hostile bytes {{{ */

static GBytes *
nested (const char *prefix,
        guint       depth,
        gboolean    closed)
{
  GString *text = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; closed && i < depth; i++)
    g_string_append_c (text, ']');
  if (closed)
    g_string_append_c (text, '}');

  return g_string_free_to_bytes (text);
}

static void
test_nested_80000 (void)
{
  g_autoptr(GBytes) bytes = nested ("{\"items\":", 80000, FALSE);
  g_autoptr(GError) quote_error = NULL;
  g_autoptr(GError) orders_error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(GError) draft_error = NULL;

  g_assert_null (mr_json_parse_quote (bytes, &quote_error));
  g_assert_error (quote_error, MR_API_ERROR, MR_API_ERROR_PARSE);
  g_assert_nonnull (strstr (quote_error->message, "64"));
  g_assert_null (mr_json_parse_orders (bytes, &orders_error));
  g_assert_error (orders_error, MR_API_ERROR, MR_API_ERROR_PARSE);
  g_assert_null (mr_json_parse_check (bytes, &check_error));
  g_assert_error (check_error, MR_API_ERROR, MR_API_ERROR_PARSE);
  g_assert_null (mr_json_parse_order_request (bytes, &draft_error));
  g_assert_error (draft_error, MR_API_ERROR, MR_API_ERROR_PARSE);
}

static void
test_nested_limit (void)
{
  /* the root object is level 1: 63 arrays more is the limit */
  g_autoptr(GBytes) ok = nested ("{\"domains\":[],\"x\":", 63, TRUE);
  g_autoptr(GBytes) deep = nested ("{\"domains\":[],\"x\":", 64, TRUE);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = NULL;

  domains = mr_json_parse_similar (ok, &error);
  g_assert_no_error (error);
  g_clear_pointer (&domains, g_strfreev);

  domains = mr_json_parse_similar (deep, &error);
  g_assert_null (domains);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PARSE);
}

static void
test_nested_in_string (void)
{
  g_autoptr(GString) text = g_string_new ("{\"domains\":[\"");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = NULL;

  /* brackets inside a string are not nesting */
  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "[{");
  g_string_append (text, "\"]}");
  bytes = g_bytes_new (text->str, text->len);

  domains = mr_json_parse_similar (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (domains[0]), ==, 2000);
}

typedef struct
{
  const char *name;
  const char *json_string;   /* the JSON string literal, quotes included */
  const char *expected;      /* UTF-8 */
} StringCase;

static const StringCase string_cases[] = {
  { "lone-surrogate", "\"acme\\ud800x.com\"", "acme\xef\xbf\xbdx.com" },
  { "lone-low-surrogate", "\"acme\\udc00.com\"", "acme\xef\xbf\xbd.com" },
  { "surrogate-at-end", "\"acme\\ud800\"", "acme\xef\xbf\xbd" },
  { "two-high-surrogates", "\"\\ud800\\ud800\"", "\xef\xbf\xbd\xef\xbf\xbd" },
  { "surrogate-pair", "\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80" },
  { "nul-escape", "\"a\\u0000b\"", "a\xef\xbf\xbd" "b" },
  { "invalid-byte", "\"a\xff" "b\"", "a\xef\xbf\xbd" "b" },
  { "truncated-sequence", "\"a\xe2\x82\"", "a\xef\xbf\xbd\xef\xbf\xbd" },
  { "encoded-surrogate", "\"a\xed\xa0\x80" "b\"", "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "b" },
  { "escaped-backslash-u", "\"a\\\\ud800\"", "a\\ud800" },
};

static void
test_string_utf8 (gconstpointer data)
{
  const StringCase *c = data;
  g_autofree char *text = g_strdup_printf ("{\"domains\": [%s]}", c->json_string);
  g_autoptr(GBytes) bytes = bytes_from_string (text);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = mr_json_parse_similar (bytes, &error);

  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (domains[0], -1, NULL));
  g_assert_cmpstr (domains[0], ==, c->expected);
}

/* a suggestion with a lone surrogate, clicked into the order, must leave a
 * draft that loads again */
static void
test_surrogate_draft (void)
{
  g_autoptr(GBytes) reply = bytes_from_string ("{\"domains\": [\"acme\\ud800x.com\"]}");
  g_auto(GStrv) domains = mr_json_parse_similar (reply, NULL);
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = mr_order_item_new (domains[0]);
  g_autoptr(MrOrder) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;
  g_autoptr(MrOrderItem) loaded = NULL;

  mr_order_append_items (order, &item, 1);
  draft = mr_json_order_draft (order);
  g_assert_true (g_utf8_validate (draft, -1, NULL));

  bytes = bytes_from_string (draft);
  again = mr_json_parse_order_request (bytes, &error);
  g_assert_no_error (error);
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (mr_order_item_get_domain (loaded), ==, domains[0]);
}

static void
test_guard_numbers (void)
{
  g_autoptr(GBytes) bytes = bytes_from_string ("{\"a\": 99999999999999999999, \"b\": -9223372036854775809,"
                                               " \"c\": 9223372036854775807, \"d\": 1e400, \"e\": \"99999999999999999999\"}");
  g_autoptr(GBytes) guarded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  guarded = mr_json_guard (bytes, MR_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (guarded, NULL), g_bytes_get_size (guarded));
  /* read as the doubles they are, the same on every json-glib */
  g_assert_cmpstr (text, ==, "{\"a\": 99999999999999999999.0, \"b\": -9223372036854775809.0,"
                             " \"c\": 9223372036854775807, \"d\": 1.0e308, \"e\": \"99999999999999999999\"}");
}

static void
test_guard_untouched (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("quote-placed.json");
  g_autoptr(GBytes) guarded = mr_json_guard (bytes, MR_JSON_MAX_DEPTH, NULL);

  /* nothing to change: the same bytes, not a copy */
  g_assert_true (guarded == bytes);
}

/* }}} */

/* The contract's own examples {{{ */

static JsonNode *
resolve (JsonObject *document,
         JsonNode   *schema)
{
  JsonObject *object = json_node_get_object (schema);
  const char *ref;

  if (!json_object_has_member (object, "$ref"))
    return schema;

  ref = json_object_get_string_member (object, "$ref");
  g_assert_true (g_str_has_prefix (ref, "#/components/schemas/"));
  return json_object_get_member (json_object_get_object_member (json_object_get_object_member (document, "components"),
                                                                "schemas"),
                                 ref + strlen ("#/components/schemas/"));
}

/* An instance made of the schema's own examples, as a mock server of the
 * contract answers: every property, each from its example. */
static JsonNode *
example_of (JsonObject *document,
            JsonNode   *schema_node)
{
  JsonObject *schema = json_node_get_object (resolve (document, schema_node));
  JsonNode *type_node = json_object_get_member (schema, "type");
  const char *type = NULL;

  if (json_object_has_member (schema, "example"))
    return json_node_copy (json_object_get_member (schema, "example"));
  if (json_object_has_member (schema, "examples"))
    return json_node_copy (json_array_get_element (json_object_get_array_member (schema, "examples"), 0));

  if (type_node != NULL && JSON_NODE_HOLDS_ARRAY (type_node))
    {
      JsonArray *types = json_node_get_array (type_node);

      for (guint i = 0; i < json_array_get_length (types); i++)
        if (!g_str_equal (json_array_get_string_element (types, i), "null"))
          type = json_array_get_string_element (types, i);
    }
  else if (type_node != NULL)
    {
      type = json_node_get_string (type_node);
    }

  if (g_strcmp0 (type, "object") == 0 || json_object_has_member (schema, "properties"))
    {
      JsonObject *instance = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      if (json_object_has_member (schema, "properties"))
        {
          JsonObject *properties = json_object_get_object_member (schema, "properties");
          g_autoptr(GList) names = json_object_get_members (properties);

          for (GList *l = names; l != NULL; l = l->next)
            json_object_set_member (instance, l->data,
                                    example_of (document, json_object_get_member (properties, l->data)));
        }
      json_node_take_object (node, instance);
      return node;
    }

  if (g_strcmp0 (type, "array") == 0)
    {
      JsonArray *array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      json_array_add_element (array, example_of (document, json_object_get_member (schema, "items")));
      json_node_take_array (node, array);
      return node;
    }

  if (json_object_has_member (schema, "enum"))
    return json_node_copy (json_array_get_element (json_object_get_array_member (schema, "enum"), 0));

  if (g_strcmp0 (type, "string") == 0)
    return json_node_init_string (json_node_alloc (), "text");
  if (g_strcmp0 (type, "boolean") == 0)
    return json_node_init_boolean (json_node_alloc (), TRUE);
  if (g_strcmp0 (type, "number") == 0 || g_strcmp0 (type, "integer") == 0)
    return json_node_init_int (json_node_alloc (), 1);

  return json_node_init_null (json_node_alloc ());
}

static void
test_contract_examples (gconstpointer data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", data, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *document;
  JsonObject *paths;
  g_autoptr(GList) names = NULL;
  guint n_parsed = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  document = json_node_get_object (json_parser_get_root (parser));
  paths = json_object_get_object_member (document, "paths");
  names = json_object_get_members (paths);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *api_path = l->data;
      JsonObject *operations = json_object_get_object_member (paths, api_path);
      g_autoptr(GList) methods = json_object_get_members (operations);

      for (GList *m = methods; m != NULL; m = m->next)
        {
          JsonObject *operation = json_object_get_object_member (operations, m->data);
          JsonObject *ok = json_object_get_object_member (json_object_get_object_member (operation, "responses"), "200");
          JsonObject *content = json_object_get_object_member (json_object_get_object_member (ok, "content"),
                                                               "application/json");
          g_autoptr(JsonNode) instance = example_of (document, json_object_get_member (content, "schema"));
          g_autofree char *text = json_to_string (instance, FALSE);
          g_autoptr(GBytes) bytes = bytes_from_string (text);
          g_autoptr(GError) parse_error = NULL;
          gboolean parsed = FALSE;

          g_test_message ("%s %s: %s", (const char *) m->data, api_path, text);

          if (g_str_has_suffix (api_path, "/dfy-email-account-orders") && g_str_equal (m->data, "post"))
            {
              g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, &parse_error);

              parsed = quote != NULL;
              /* the example says valid, names an order_error and fills
               * every list: it must not allow placing */
              if (quote != NULL)
                g_assert_false (mr_quote_allows_placing (quote, NULL));
            }
          else if (g_str_has_suffix (api_path, "/dfy-email-account-orders"))
            {
              g_autoptr(MrPage) page = mr_json_parse_orders (bytes, &parse_error);

              parsed = page != NULL && page->items->len == 1;
            }
          else if (g_str_has_suffix (api_path, "/similar"))
            {
              g_auto(GStrv) domains = mr_json_parse_similar (bytes, &parse_error);

              parsed = domains != NULL;
            }
          else if (g_str_has_suffix (api_path, "/check"))
            {
              g_autoptr(GPtrArray) results = mr_json_parse_check (bytes, &parse_error);

              parsed = results != NULL && results->len == 1;
            }
          else if (g_str_has_suffix (api_path, "/pre-warmed-up-list"))
            {
              g_autoptr(GPtrArray) domains = mr_json_parse_prewarmed (bytes, &parse_error);

              parsed = domains != NULL && domains->len >= 1;
            }
          else if (g_str_has_suffix (api_path, "/accounts"))
            {
              g_autoptr(MrPage) page = mr_json_parse_accounts (bytes, &parse_error);

              parsed = page != NULL && page->items->len == 1;
            }
          else if (g_str_has_suffix (api_path, "/cancel"))
            {
              g_autoptr(GPtrArray) items = mr_json_parse_cancel (bytes, &parse_error);

              parsed = items != NULL && items->len == 1;
            }
          else
            {
              g_assert_not_reached ();
            }

          g_assert_no_error (parse_error);
          g_assert_true (parsed);
          n_parsed++;
        }
    }

  g_assert_cmpuint (n_parsed, ==, 7);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (degrade_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mr/json/quote/%s", degrade_cases[i].name);

      g_test_add_data_func (path, &degrade_cases[i], test_degrade);
    }
  g_test_add_func ("/mr/json/quote/count-max-int64", test_count_max_int64);
  g_test_add_func ("/mr/json/quote/count-whole-double", test_count_whole_double);
  g_test_add_func ("/mr/json/quote/price-fractional-cent", test_price_fractional_cent);

  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mr/json/quote/broken/%s", broken_cases[i].name);
      g_autofree char *placed = g_strdup_printf ("/mr/json/quote/placed-despite/%s", broken_cases[i].name);

      g_test_add_data_func (path, &broken_cases[i], test_broken);
      g_test_add_data_func (placed, &broken_cases[i], test_placed_broken);
    }

  g_test_add_func ("/mr/json/quote/allows-placing/valid", test_allows_placing_valid);
  g_test_add_func ("/mr/json/quote/allows-placing/order-error-while-valid", test_allows_placing_order_error);
  g_test_add_func ("/mr/json/quote/allows-placing/problem-list-while-valid", test_allows_placing_list);
  g_test_add_func ("/mr/json/quote/allows-placing/not-valid", test_allows_placing_not_valid);
  g_test_add_func ("/mr/json/quote/allows-placing/invalid-account", test_allows_placing_invalid_account);

  for (guint i = 0; i < G_N_ELEMENTS (time_cases); i++)
    {
      g_autofree char *created = g_strdup_printf ("/mr/json/orders/timestamp-created/%s", time_cases[i].name);
      g_autofree char *cancelled = g_strdup_printf ("/mr/json/accounts/timestamp-cancelled/%s", time_cases[i].name);

      g_test_add_data_func (created, &time_cases[i], test_orders_created);
      g_test_add_data_func (cancelled, &time_cases[i], test_accounts_cancelled);
    }
  g_test_add_func ("/mr/json/accounts/email-provider-negative", test_accounts_provider_negative);

  g_test_add_data_func ("/mr/json/check/result-without-available", "{\"domain\": \"a.com\"}", test_check_result);
  g_test_add_data_func ("/mr/json/check/result-without-domain", "{\"available\": true}", test_check_result);
  g_test_add_data_func ("/mr/json/check/result-empty", "{}", test_check_result);
  g_test_add_data_func ("/mr/json/check/result-nulls", "{\"domain\": null, \"available\": null}", test_check_result);

  g_test_add_func ("/mr/json/bytes/nested-80000", test_nested_80000);
  g_test_add_func ("/mr/json/bytes/nested-64-limit", test_nested_limit);
  g_test_add_func ("/mr/json/bytes/brackets-in-string", test_nested_in_string);
  for (guint i = 0; i < G_N_ELEMENTS (string_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mr/json/bytes/string-%s", string_cases[i].name);

      g_test_add_data_func (path, &string_cases[i], test_string_utf8);
    }
  g_test_add_func ("/mr/json/bytes/lone-surrogate-draft", test_surrogate_draft);
  g_test_add_func ("/mr/json/bytes/numbers-beyond-int64", test_guard_numbers);
  g_test_add_func ("/mr/json/bytes/untouched", test_guard_untouched);

  g_test_add_data_func ("/mr/json/contract/examples", "instantly-openapi-dfy.json", test_contract_examples);
  g_test_add_data_func ("/mr/json/contract/examples-2025-09-23", "instantly-openapi-dfy-2025-09-23.json",
                        test_contract_examples);

  return g_test_run ();
}
