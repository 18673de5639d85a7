/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "mailroom-core.h"

/* Helpers {{{ */

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

static JsonNode *
parse_text (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));

  return json_node_copy (json_parser_get_root (parser));
}

/* writes @root out and parses it as a quote reply */
static MrQuote *
parse_quote_node (JsonNode  *root,
                  GError   **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (text, length);

  return mr_json_parse_quote (bytes, error);
}

static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

static void
assert_string_member (JsonObject *object,
                      const char *member,
                      const char *expected)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (json_node_get_value_type (node) == G_TYPE_STRING);
  g_assert_cmpstr (json_node_get_string (node), ==, expected);
}

static void
assert_int_member (JsonObject *object,
                   const char *member,
                   gint64      expected)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, expected);
}

static void
assert_bool_member (JsonObject *object,
                    const char *member,
                    gboolean    expected)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (json_node_get_value_type (node) == G_TYPE_BOOLEAN);
  g_assert_cmpint (json_node_get_boolean (node), ==, expected);
}

static void
assert_strings (JsonArray          *array,
                const char * const *expected)
{
  g_assert_cmpuint (json_array_get_length (array), ==, g_strv_length ((GStrv) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (json_array_get_string_element (array, i), ==, expected[i]);
}

static void
assert_strv (GStrv               actual,
             const char * const *expected)
{
  g_assert_nonnull (actual);
  g_assert_true (g_strv_equal ((const char * const *) actual, expected));
}

static const char * const empty_strv[] = { NULL };

static void
assert_date (GDateTime  *date_time,
             const char *expected_utc)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (date_time);
  utc = g_date_time_to_utc (date_time);
  text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  g_assert_cmpstr (text, ==, expected_utc);
}

static void
assert_parse_error (const GError *error,
                    const char   *member_path)
{
  g_autofree char *prefix = g_strdup_printf ("%s: ", member_path);

  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PARSE);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected an error about “%s”, got “%s”", member_path, error->message);
}

/* }}} */

/* Requests {{{ */

static MrOrder *
make_order (MrOrderType order_type)
{
  g_autoptr(MrOrder) order = mr_order_new (order_type);
  g_autoptr(MrOrderItem) first = mr_order_item_new ("  Acme-Growth.COM ");
  g_autoptr(MrOrderItem) second = mr_order_item_new ("acmegrowth.org");
  g_autoptr(MrOrderItem) third = mr_order_item_new ("bad domain!.com");
  g_autoptr(MrAccount) dana = mr_account_new (" Dana", "Whitfield ", " dana ");
  g_autoptr(MrAccount) sam = mr_account_new ("Sam", "Ortiz", "sam.ortiz");
  g_autoptr(MrAccount) hello = mr_account_new ("Priya", "Raman", "hello");

  mr_order_item_set_email_provider (first, MR_EMAIL_PROVIDER_GOOGLE);
  mr_order_item_append_account (first, dana);
  mr_order_item_append_account (first, sam);

  mr_order_item_set_email_provider (second, MR_EMAIL_PROVIDER_AIRMAIL);
  mr_order_item_set_forwarding_domain (second, " AcmeGrowth.io ");
  mr_order_item_append_account (second, hello);

  mr_order_item_set_email_provider (third, MR_EMAIL_PROVIDER_MICROSOFT);
  mr_order_item_set_forwarding_domain (third, "   ");

  mr_order_append_item (order, first);
  mr_order_append_item (order, second);
  mr_order_append_item (order, third);

  return g_steal_pointer (&order);
}

static void
assert_account (JsonArray  *accounts,
                guint       index,
                const char *prefix,
                const char *first_name,
                const char *last_name)
{
  JsonObject *account = json_array_get_object_element (accounts, index);

  g_assert_nonnull (account);
  g_assert_cmpuint (json_object_get_size (account), ==, 3);
  assert_string_member (account, "email_address_prefix", prefix);
  assert_string_member (account, "first_name", first_name);
  assert_string_member (account, "last_name", last_name);
}

static void
test_request_order (void)
{
  g_autoptr(MrOrder) order = make_order (MR_ORDER_TYPE_DFY);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *items;
  JsonObject *item;
  JsonArray *accounts;

  text = mr_json_order_request (order, TRUE);
  g_assert_nonnull (text);
  root = parse_text (text);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);

  g_assert_cmpuint (json_object_get_size (object), ==, 3);
  assert_string_member (object, "order_type", "dfy");
  assert_bool_member (object, "simulation", TRUE);

  items = array_member (object, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 3);

  /* normalised domain, number provider, no forwarding_domain */
  item = json_array_get_object_element (items, 0);
  g_assert_cmpuint (json_object_get_size (item), ==, 3);
  assert_string_member (item, "domain", "acme-growth.com");
  assert_int_member (item, "email_provider", 1);
  g_assert_false (json_object_has_member (item, "forwarding_domain"));
  accounts = array_member (item, "accounts");
  g_assert_cmpuint (json_array_get_length (accounts), ==, 2);
  assert_account (accounts, 0, "dana", "Dana", "Whitfield");
  assert_account (accounts, 1, "sam.ortiz", "Sam", "Ortiz");

  item = json_array_get_object_element (items, 1);
  g_assert_cmpuint (json_object_get_size (item), ==, 4);
  assert_string_member (item, "domain", "acmegrowth.org");
  assert_int_member (item, "email_provider", 2);
  assert_string_member (item, "forwarding_domain", "acmegrowth.io");
  accounts = array_member (item, "accounts");
  g_assert_cmpuint (json_array_get_length (accounts), ==, 1);
  assert_account (accounts, 0, "hello", "Priya", "Raman");

  /* a name that does not normalise goes out trimmed and lowercase, so the
   * server names it back; blank forwarding is omitted; empty accounts sent */
  item = json_array_get_object_element (items, 2);
  g_assert_cmpuint (json_object_get_size (item), ==, 3);
  assert_string_member (item, "domain", "bad domain!.com");
  assert_int_member (item, "email_provider", 3);
  g_assert_false (json_object_has_member (item, "forwarding_domain"));
  g_assert_cmpuint (json_array_get_length (array_member (item, "accounts")), ==, 0);
}

static void
test_request_order_types (void)
{
  const struct {
    MrOrderType  type;
    const char  *name;
  } cases[] = {
    { MR_ORDER_TYPE_DFY, "dfy" },
    { MR_ORDER_TYPE_PRE_WARMED_UP, "pre_warmed_up" },
    { MR_ORDER_TYPE_EXTRA_ACCOUNTS, "extra_accounts" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MrOrder) order = mr_order_new (cases[i].type);
      g_autofree char *text = mr_json_order_request (order, FALSE);
      g_autoptr(JsonNode) root = parse_text (text);
      JsonObject *object = json_node_get_object (root);

      assert_string_member (object, "order_type", cases[i].name);
      assert_bool_member (object, "simulation", FALSE);
      g_assert_cmpuint (json_array_get_length (array_member (object, "items")), ==, 0);
    }
}

static void
test_request_order_idn (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = mr_order_item_new ("https://www.Bücher.com/shop");
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  mr_order_append_item (order, item);
  text = mr_json_order_request (order, TRUE);
  root = parse_text (text);
  object = json_array_get_object_element (array_member (json_node_get_object (root), "items"), 0);

  assert_string_member (object, "domain", "xn--bcher-kva.com");
  /* the model still holds what the user typed */
  g_assert_cmpstr (mr_order_item_get_domain (item), ==, "https://www.Bücher.com/shop");
}

static void
test_request_small (void)
{
  const char *domains[] = { " AcmeGrowth.com", "acmegrowth.org.", NULL };
  const char *tlds[] = { "com", ".ORG", NULL };
  const char *extensions[] = { "co", NULL };
  const char *emails[] = { "dana@acmegrowth.com", " sam@acmegrowth.org ", NULL };
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  text = mr_json_check_request (domains);
  root = parse_text (text);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (object), ==, 1);
  assert_strings (array_member (object, "domains"),
                  (const char * const[]) { "acmegrowth.com", "acmegrowth.org", NULL });
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&root, json_node_unref);

  text = mr_json_similar_request ("AcmeGrowth.com", tlds);
  root = parse_text (text);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  assert_string_member (object, "domain", "acmegrowth.com");
  assert_strings (array_member (object, "tlds"), (const char * const[]) { "com", "org", NULL });
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&root, json_node_unref);

  text = mr_json_similar_request ("acmegrowth.com", NULL);
  root = parse_text (text);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (object), ==, 1);
  assert_string_member (object, "domain", "acmegrowth.com");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&root, json_node_unref);

  text = mr_json_prewarmed_request (NULL, NULL);
  root = parse_text (text);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpuint (json_object_get_size (json_node_get_object (root)), ==, 0);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&root, json_node_unref);

  text = mr_json_prewarmed_request ("acme", extensions);
  root = parse_text (text);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  assert_string_member (object, "search", "acme");
  assert_strings (array_member (object, "extensions"), (const char * const[]) { "co", NULL });
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&root, json_node_unref);

  text = mr_json_cancel_request (emails);
  root = parse_text (text);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (object), ==, 1);
  assert_strings (array_member (object, "accounts"),
                  (const char * const[]) { "dana@acmegrowth.com", "sam@acmegrowth.org", NULL });
}

/* }}} */

/* Order files {{{ */

static void
assert_model_account (MrOrderItem *item,
                      guint        index,
                      const char  *prefix,
                      const char  *first_name,
                      const char  *last_name)
{
  MrAccount *account = mr_order_item_get_account (item, index);

  g_assert_nonnull (account);
  g_assert_cmpstr (mr_account_get_email_address_prefix (account), ==, prefix);
  g_assert_cmpstr (mr_account_get_first_name (account), ==, first_name);
  g_assert_cmpstr (mr_account_get_last_name (account), ==, last_name);
}

static void
test_order_file (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("order-request.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOrder) order = NULL;
  g_autoptr(MrOrder) again = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autofree char *text = NULL;
  MrOrderItem *item;

  order = mr_json_parse_order_request (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);

  g_assert_cmpint (mr_order_get_order_type (order), ==, MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 3);
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 2);

  item = mr_order_get_item (order, 0);
  g_assert_cmpstr (mr_order_item_get_domain (item), ==, "  Bücher-Shop.COM ");
  g_assert_cmpint (mr_order_item_get_email_provider (item), ==, MR_EMAIL_PROVIDER_AIRMAIL);
  g_assert_cmpstr (mr_order_item_get_forwarding_domain (item), ==, "bücher.example");
  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 2);
  assert_model_account (item, 0, " Dana ", "Dana ", "Whitfield");
  assert_model_account (item, 1, "sam..ortiz", "", "Ortiz");

  /* provider defaults to Google, as in the API */
  item = mr_order_get_item (order, 1);
  g_assert_cmpstr (mr_order_item_get_domain (item), ==, "not a domain!");
  g_assert_cmpint (mr_order_item_get_email_provider (item), ==, MR_EMAIL_PROVIDER_GOOGLE);
  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 0);

  item = mr_order_get_item (order, 2);
  g_assert_cmpstr (mr_order_item_get_domain (item), ==, "acmegrowth.org");
  g_assert_cmpint (mr_order_item_get_email_provider (item), ==, MR_EMAIL_PROVIDER_MICROSOFT);
  g_assert_cmpstr (mr_order_item_get_forwarding_domain (item), ==, "");

  /* what we send for it reads back as the same order, normalised */
  text = mr_json_order_request (order, TRUE);
  written = bytes_from_string (text);
  again = mr_json_parse_order_request (written, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mr_order_get_order_type (again), ==, MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  g_assert_cmpuint (mr_order_get_n_items (again), ==, 3);
  item = mr_order_get_item (again, 0);
  g_assert_cmpstr (mr_order_item_get_domain (item), ==, "xn--bcher-shop-9db.com");
  g_assert_cmpint (mr_order_item_get_email_provider (item), ==, MR_EMAIL_PROVIDER_AIRMAIL);
  assert_model_account (item, 0, "Dana", "Dana", "Whitfield");
  assert_model_account (item, 1, "sam..ortiz", "", "Ortiz");
}

static void
test_order_file_bad (void)
{
  const struct {
    const char *file;
    const char *member;
  } cases[] = {
    { "bad-order-request-provider.json", "items[0].email_provider" },
    { "bad-order-request-type.json", "order_type" },
    { "bad-order-request-account.json", "items[0].accounts[0].last_name" },
    { "bad-top-array.json", "file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = load_fixture (cases[i].file);
      g_autoptr(GError) error = NULL;
      g_autoptr(MrOrder) order = NULL;

      order = mr_json_parse_order_request (bytes, &error);
      g_assert_null (order);
      assert_parse_error (error, cases[i].member);
    }
}

/* }}} */

/* The quote {{{ */

/* A quote of @n items copied from quote-placed.json's first (placed:
 * a lenient parse) or quote-simulated.json's, each with its own domain;
 * @edit changes item i's JsonObject */
static GBytes *
long_quote (gboolean   placed,
            guint      n,
            void     (*edit) (JsonObject *item, guint i))
{
  g_autoptr(GBytes) fixture = load_fixture (placed ? "quote-placed.json" : "quote-simulated.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  g_autofree char *first_text = NULL;
  JsonArray *items;
  char *text;

  json_parser_load_from_data (parser, g_bytes_get_data (fixture, NULL), g_bytes_get_size (fixture), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  items = json_object_get_array_member (root, "order_items");
  /* json_node_copy() would share the object: each item is read anew */
  first_text = json_to_string (json_array_get_element (items, 0), FALSE);
  items = json_array_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonNode *copy = json_from_string (first_text, &error);
      g_autofree char *domain = g_strdup_printf ("long-%04u.com", i);

      json_object_set_string_member (json_node_get_object (copy), "domain", domain);
      if (edit != NULL)
        edit (json_node_get_object (copy), i);
      json_array_add_element (items, copy);
    }
  json_object_set_array_member (root, "order_items", items);

  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, NULL);
  return g_bytes_new_take (text, strlen (text));
}

static void
break_100_and_400 (JsonObject *item,
                   guint       i)
{
  if (i == 100 || i == 400)
    json_object_set_string_member (item, "total_price", "a lot");
}

static void
break_400 (JsonObject *item,
           guint       i)
{
  if (i == 400)
    json_object_remove_member (item, "domain");
}

/* Long lists are read in two halves at once (see parse_elements_split()):
 * the result is that of reading them in one piece, items, warnings and
 * the first error in order */
static void
test_quote_long_lists (void)
{
  for (guint pass = 0; pass < 2; pass++)
    {
      guint n = pass == 0 ? 999 : 1000;
      g_autoptr(GBytes) bytes = long_quote (FALSE, n, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (quote->order_items->len, ==, n);
      for (guint i = 0; i < n; i++)
        {
          const MrQuoteItem *item = g_ptr_array_index (quote->order_items, i);
          g_autofree char *domain = g_strdup_printf ("long-%04u.com", i);

          g_assert_cmpstr (item->domain, ==, domain);
          g_assert_cmpuint (item->accounts->len, >, 0);
        }
    }

  {
    g_autoptr(GBytes) bytes = long_quote (FALSE, 1000, break_400);
    g_autoptr(GError) error = NULL;
    g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, &error);

    g_assert_null (quote);
    assert_parse_error (error, "order_items[400].domain");
  }
  {
    g_autoptr(GBytes) bytes = long_quote (FALSE, 1000, break_100_and_400);
    g_autoptr(GError) error = NULL;
    g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, &error);

    g_assert_null (quote);
    assert_parse_error (error, "order_items[100].total_price");
  }
  {
    g_autoptr(GBytes) bytes = long_quote (TRUE, 1000, break_100_and_400);
    g_autoptr(GError) error = NULL;
    g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, &error);
    guint seen_100 = G_MAXUINT;
    guint seen_400 = G_MAXUINT;

    g_assert_no_error (error);
    g_assert_cmpuint (quote->order_items->len, ==, 1000);
    for (guint i = 0; i < quote->warnings->len; i++)
      {
        const char *warning = g_ptr_array_index (quote->warnings, i);

        if (g_str_has_prefix (warning, "order_items[100].total_price: "))
          seen_100 = i;
        if (g_str_has_prefix (warning, "order_items[400].total_price: "))
          seen_400 = i;
      }
    g_assert_cmpuint (seen_100, <, seen_400);
    g_assert_cmpuint (seen_400, !=, G_MAXUINT);
  }
}

/* An order file of 1,000 domains, read in two halves as well */
static void
test_order_file_long (void)
{
  for (guint broken = 0; broken < 3; broken++)
    {
      g_autoptr(GString) text = g_string_new ("{\"order_type\":\"dfy\",\"items\":[");
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(MrOrder) order = NULL;

      for (guint i = 0; i < 1000; i++)
        {
          gboolean bad = (broken == 1 && i == 700) || (broken == 2 && (i == 300 || i == 700));

          g_string_append_printf (text, "%s{\"domain\":\"file-%04u.com\",\"email_provider\":%d,"
                                  "\"accounts\":[{\"email_address_prefix\":\"ada\","
                                  "\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"}]}",
                                  i > 0 ? "," : "", i, bad ? 9 : 1);
        }
      g_string_append (text, "]}");
      bytes = g_bytes_new (text->str, text->len);

      order = mr_json_parse_order_request (bytes, &error);
      if (broken == 0)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (mr_order_get_n_items (order), ==, 1000);
          for (guint i = 0; i < 1000; i++)
            {
              g_autofree char *domain = g_strdup_printf ("file-%04u.com", i);

              g_assert_cmpstr (mr_order_item_get_domain (mr_order_get_item (order, i)), ==, domain);
            }
        }
      else
        {
          g_assert_null (order);
          assert_parse_error (error, broken == 1 ? "items[700].email_provider" : "items[300].email_provider");
        }
    }
}


static MrQuote *
parse_quote_fixture (const char *name)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  g_autoptr(GError) error = NULL;
  MrQuote *quote;

  quote = mr_json_parse_quote (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quote);

  return quote;
}

static void
assert_quote_account (MrQuoteItem *item,
                      guint        index,
                      const char  *prefix,
                      const char  *first_name,
                      const char  *last_name,
                      gboolean     has_price,
                      MrCents      price)
{
  MrQuoteAccount *account;

  g_assert_cmpuint (index, <, item->accounts->len);
  account = g_ptr_array_index (item->accounts, index);
  g_assert_cmpstr (account->email_address_prefix, ==, prefix);
  g_assert_cmpstr (account->first_name, ==, first_name);
  g_assert_cmpstr (account->last_name, ==, last_name);
  g_assert_cmpint (account->has_price, ==, has_price);
  if (has_price)
    g_assert_cmpint (account->price, ==, price);
}

static void
assert_no_lists (MrQuote *quote)
{
  assert_strv (quote->unavailable_domains, empty_strv);
  assert_strv (quote->blacklist_domains, empty_strv);
  assert_strv (quote->blacklist_keywords, empty_strv);
  assert_strv (quote->invalid_domains, empty_strv);
  assert_strv (quote->invalid_forwarding_domains, empty_strv);
  assert_strv (quote->missing_domain_orders, empty_strv);
  assert_strv (quote->provider_mismatch_domains, empty_strv);
  assert_strv (quote->unsupported_provider_domains, empty_strv);
  assert_strv (quote->domains_without_accounts, empty_strv);
  g_assert_cmpuint (quote->unavailable_email_providers->len, ==, 0);
  g_assert_cmpuint (quote->invalid_accounts->len, ==, 0);
}

static void
test_quote_simulated (void)
{
  g_autoptr(MrQuote) quote = parse_quote_fixture ("quote-simulated.json");
  g_autoptr(GPtrArray) problems = NULL;
  MrQuoteItem *item;

  g_assert_cmpuint (quote->revision, ==, 0);
  g_assert_false (quote->order_placed);
  g_assert_true (quote->order_is_valid);
  g_assert_true (quote->simulation);
  g_assert_cmpint (quote->order_error, ==, MR_ORDER_ERROR_NONE);
  g_assert_null (quote->order_error_raw);
  g_assert_cmpint (quote->payment_failure_reason, ==, MR_PAYMENT_FAILURE_NONE);
  g_assert_null (quote->payment_failure_reason_raw);
  assert_no_lists (quote);
  assert_strv (quote->free_domains, empty_strv);

  g_assert_cmpint (quote->number_of_domains_ordered, ==, 2);
  g_assert_cmpint (quote->number_of_accounts_ordered, ==, 5);

  g_assert_false (quote->has_price_per_account_per_month);
  g_assert_false (quote->has_price_by_account_type[0]);
  g_assert_true (quote->has_price_by_account_type[1]);
  g_assert_cmpint (quote->price_by_account_type[1], ==, 499);
  g_assert_true (quote->has_price_by_account_type[2]);
  g_assert_cmpint (quote->price_by_account_type[2], ==, 350);
  g_assert_false (quote->has_price_by_account_type[3]);
  g_assert_false (quote->has_price_per_domain_per_month);
  g_assert_cmpint (quote->price_per_domain_per_year, ==, 1299);
  g_assert_cmpint (quote->total_domains_price_per_year, ==, 2598);
  g_assert_cmpint (quote->total_accounts_price_per_month, ==, 2197);
  g_assert_cmpint (quote->total_price_per_month, ==, 2197);
  /* 289.62 is 289.6199999… as a double: it must still be 28962 cents */
  g_assert_cmpint (quote->total_price_per_year, ==, 28962);
  g_assert_cmpint (quote->total_price, ==, 4795);
  g_assert_cmpint (quote->total_discount, ==, 0);

  g_assert_cmpstr (quote->payment_method_last_4_digits, ==, "4242");
  g_assert_cmpstr (quote->payment_method_brand, ==, "Visa");
  g_assert_cmpstr (quote->payment_method_name_on_card, ==, "Dana Whitfield");
  g_assert_false (quote->checkout_required);
  g_assert_null (quote->checkout_url);
  g_assert_cmpstr (quote->cart_order_id, ==, "0190a3c2-6f1e-7c55-9d2e-3b8f41a7c001");

  g_assert_cmpuint (quote->order_items->len, ==, 2);

  item = g_ptr_array_index (quote->order_items, 0);
  g_assert_cmpstr (item->domain, ==, "acmegrowth.com");
  g_assert_cmpint (item->email_provider, ==, MR_EMAIL_PROVIDER_GOOGLE);
  g_assert_null (item->forwarding_domain);
  g_assert_cmpint (item->domain_price, ==, 1299);
  g_assert_cmpint (item->accounts_price, ==, 1497);
  g_assert_false (item->has_domain_monthly_price);
  g_assert_cmpint (item->total_price, ==, 2796);
  g_assert_cmpint (item->total_discount, ==, 0);
  g_assert_cmpuint (item->accounts->len, ==, 3);
  assert_quote_account (item, 0, "dana", "Dana", "Whitfield", TRUE, 499);
  assert_quote_account (item, 1, "sam.ortiz", "Sam", "Ortiz", TRUE, 499);
  assert_quote_account (item, 2, "priya", "Priya", "Raman", TRUE, 499);

  item = g_ptr_array_index (quote->order_items, 1);
  g_assert_cmpstr (item->domain, ==, "acmegrowth.org");
  g_assert_cmpint (item->email_provider, ==, MR_EMAIL_PROVIDER_AIRMAIL);
  g_assert_cmpstr (item->forwarding_domain, ==, "acmegrowth.io");
  g_assert_cmpint (item->domain_price, ==, 1299);
  g_assert_cmpint (item->accounts_price, ==, 700);
  g_assert_false (item->has_domain_monthly_price);
  g_assert_cmpint (item->total_price, ==, 1999);
  g_assert_cmpint (item->total_discount, ==, 0);
  g_assert_cmpuint (item->accounts->len, ==, 2);
  assert_quote_account (item, 0, "hello", "Dana", "Whitfield", FALSE, 0);
  assert_quote_account (item, 1, "team", "Sam", "Ortiz", FALSE, 0);

  g_assert_true (mr_quote_find_item (quote, "acmegrowth.org") == item);
  g_assert_true (mr_quote_find_item (quote, " AcmeGrowth.ORG ") == item);
  g_assert_null (mr_quote_find_item (quote, "acmegrowth.net"));
  g_assert_false (mr_quote_is_free_domain (quote, "acmegrowth.com"));

  problems = mr_quote_collect_problems (quote);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_quote_placed (void)
{
  g_autoptr(MrQuote) quote = parse_quote_fixture ("quote-placed.json");
  MrQuoteItem *item;

  g_assert_true (quote->order_placed);
  g_assert_true (quote->order_is_valid);
  g_assert_false (quote->simulation);
  g_assert_cmpint (quote->order_error, ==, MR_ORDER_ERROR_NONE);
  assert_no_lists (quote);

  g_assert_cmpint (quote->number_of_domains_ordered, ==, 1);
  g_assert_cmpint (quote->number_of_accounts_ordered, ==, 50);
  g_assert_false (quote->has_price_per_account_per_month);
  for (guint i = 0; i < G_N_ELEMENTS (quote->has_price_by_account_type); i++)
    g_assert_false (quote->has_price_by_account_type[i]);
  g_assert_true (quote->has_price_per_domain_per_month);
  g_assert_cmpint (quote->price_per_domain_per_month, ==, 2000);
  g_assert_cmpint (quote->price_per_domain_per_year, ==, 1299);
  g_assert_cmpint (quote->total_domains_price_per_year, ==, 1299);
  g_assert_cmpint (quote->total_accounts_price_per_month, ==, 2000);
  g_assert_cmpint (quote->total_price_per_month, ==, 2000);
  g_assert_cmpint (quote->total_price_per_year, ==, 25299);
  g_assert_cmpint (quote->total_price, ==, 3299);
  g_assert_cmpstr (quote->payment_method_last_4_digits, ==, "0005");
  g_assert_cmpstr (quote->payment_method_brand, ==, "American Express");
  g_assert_cmpstr (quote->payment_method_name_on_card, ==, "Northwind Traders LLC");
  g_assert_false (quote->checkout_required);
  g_assert_null (quote->checkout_url);
  g_assert_null (quote->cart_order_id);

  g_assert_cmpuint (quote->order_items->len, ==, 1);
  item = g_ptr_array_index (quote->order_items, 0);
  g_assert_cmpstr (item->domain, ==, "northwindmail.com");
  g_assert_cmpint (item->email_provider, ==, MR_EMAIL_PROVIDER_MICROSOFT);
  g_assert_true (item->has_domain_monthly_price);
  g_assert_cmpint (item->domain_monthly_price, ==, 2000);
  g_assert_cmpint (item->accounts_price, ==, 2000);
  g_assert_cmpint (item->total_price, ==, 3299);
  g_assert_cmpuint (item->accounts->len, ==, 50);
  assert_quote_account (item, 0, "alex.ames", "Alex", "Ames", FALSE, 0);
  assert_quote_account (item, 49, "jordan.egan", "Jordan", "Egan", FALSE, 0);
}

static void
test_quote_checkout (void)
{
  g_autoptr(MrQuote) quote = parse_quote_fixture ("quote-checkout.json");
  MrQuoteItem *item;

  g_assert_false (quote->order_placed);
  g_assert_true (quote->order_is_valid);
  g_assert_false (quote->simulation);
  g_assert_true (quote->checkout_required);
  g_assert_cmpstr (quote->checkout_url, ==, "https://checkout.stripe.com/c/pay/cs_test_b1Xy9kQ2");
  g_assert_cmpstr (quote->cart_order_id, ==, "0190a3c2-7a0b-7d11-8e4f-5c6d7e8f9a0b");
  g_assert_true (quote->has_price_per_account_per_month);
  g_assert_cmpint (quote->price_per_account_per_month, ==, 499);
  g_assert_cmpint (quote->total_discount, ==, 1299);
  g_assert_cmpint (quote->total_price, ==, 499);
  g_assert_cmpint (quote->total_price_per_year, ==, 5988);
  g_assert_cmpstr (quote->payment_method_last_4_digits, ==, "");
  g_assert_cmpstr (quote->payment_method_brand, ==, "");
  g_assert_cmpstr (quote->payment_method_name_on_card, ==, "");

  assert_strv (quote->free_domains, (const char * const[]) { "brightpath.org", NULL });
  g_assert_true (mr_quote_is_free_domain (quote, "brightpath.org"));
  g_assert_true (mr_quote_is_free_domain (quote, "BrightPath.org."));
  g_assert_false (mr_quote_is_free_domain (quote, "brightpath.com"));

  item = g_ptr_array_index (quote->order_items, 0);
  g_assert_cmpint (item->total_discount, ==, 1299);
  g_assert_cmpint (item->total_price, ==, 499);
}

static void
test_quote_baseline (void)
{
  g_autoptr(MrQuote) quote = parse_quote_fixture ("quote-2025-09-23.json");
  MrQuoteItem *item;

  g_assert_false (quote->order_placed);
  g_assert_true (quote->order_is_valid);
  g_assert_true (quote->simulation);
  g_assert_cmpint (quote->order_error, ==, MR_ORDER_ERROR_NONE);
  /* the lists that did not exist yet read as empty, never NULL */
  assert_no_lists (quote);
  assert_strv (quote->free_domains, empty_strv);

  g_assert_true (quote->has_price_per_account_per_month);
  g_assert_cmpint (quote->price_per_account_per_month, ==, 450);
  for (guint i = 0; i < G_N_ELEMENTS (quote->has_price_by_account_type); i++)
    g_assert_false (quote->has_price_by_account_type[i]);
  g_assert_false (quote->has_price_per_domain_per_month);
  g_assert_cmpint (quote->price_per_domain_per_year, ==, 1500);
  g_assert_cmpint (quote->total_domains_price_per_year, ==, 1500);
  g_assert_cmpint (quote->total_accounts_price_per_month, ==, 900);
  g_assert_cmpint (quote->total_price_per_month, ==, 900);
  g_assert_cmpint (quote->total_price_per_year, ==, 12300);
  g_assert_cmpint (quote->total_price, ==, 2400);
  g_assert_cmpint (quote->total_discount, ==, 0);
  g_assert_cmpstr (quote->payment_method_last_4_digits, ==, "1881");
  g_assert_cmpstr (quote->payment_method_brand, ==, "Visa");
  g_assert_cmpstr (quote->payment_method_name_on_card, ==, "Jon Baptiste");
  g_assert_false (quote->checkout_required);
  g_assert_null (quote->checkout_url);
  g_assert_null (quote->cart_order_id);

  g_assert_cmpuint (quote->order_items->len, ==, 1);
  item = g_ptr_array_index (quote->order_items, 0);
  g_assert_cmpstr (item->domain, ==, "outboundlab.com");
  g_assert_cmpint (item->email_provider, ==, MR_EMAIL_PROVIDER_GOOGLE);
  g_assert_cmpstr (item->forwarding_domain, ==, "outboundlab.io");
  g_assert_cmpint (item->domain_price, ==, 1500);
  g_assert_cmpint (item->accounts_price, ==, 900);
  g_assert_false (item->has_domain_monthly_price);
  g_assert_cmpint (item->total_price, ==, 2400);
  assert_quote_account (item, 0, "jon", "Jon", "Baptiste", FALSE, 0);
  assert_quote_account (item, 1, "jon.b", "Jon", "Baptiste", FALSE, 0);
}

static const MrProblem *
find_problem (GPtrArray     *problems,
              MrProblemKind  kind,
              const char    *domain)
{
  const MrProblem *found = NULL;

  for (guint i = 0; i < problems->len; i++)
    {
      const MrProblem *problem = g_ptr_array_index (problems, i);

      if (problem->kind == kind && g_strcmp0 (problem->domain, domain) == 0)
        {
          g_assert_null (found);
          found = problem;
        }
    }

  if (found == NULL)
    g_error ("no problem of kind %d for %s", kind, domain);

  g_assert_nonnull (found->message);
  g_assert_cmpstr (found->message, !=, "");
  if (domain != NULL)
    g_assert_nonnull (strstr (found->message, domain));

  return found;
}

static void
test_quote_rejected (void)
{
  g_autoptr(MrQuote) quote = parse_quote_fixture ("quote-rejected.json");
  g_autoptr(GPtrArray) problems = NULL;
  const MrInvalidAccount *invalid;
  const MrProblem *problem;

  g_assert_false (quote->order_is_valid);
  g_assert_cmpint (quote->order_error, ==, MR_ORDER_ERROR_BLACKLIST_DOMAINS);
  g_assert_cmpstr (quote->order_error_raw, ==, "blacklist_domains");

  assert_strv (quote->unavailable_domains, (const char * const[]) { "taken-already.com", NULL });
  assert_strv (quote->blacklist_domains,
               (const char * const[]) { "googlemailteam.com", "myequifaxreports.org", "brandless.com", NULL });
  assert_strv (quote->blacklist_keywords, (const char * const[]) { "google", "equifax", NULL });
  assert_strv (quote->invalid_domains, (const char * const[]) { "bad_name.com", NULL });
  assert_strv (quote->invalid_forwarding_domains, (const char * const[]) { "fwd-target.com", NULL });
  assert_strv (quote->missing_domain_orders, (const char * const[]) { "never-ordered.com", NULL });
  assert_strv (quote->provider_mismatch_domains, (const char * const[]) { "mixedbag.com", NULL });
  assert_strv (quote->unsupported_provider_domains, (const char * const[]) { "outlookonly.com", NULL });
  assert_strv (quote->domains_without_accounts, (const char * const[]) { "emptybox.org", NULL });
  g_assert_cmpuint (quote->unavailable_email_providers->len, ==, 1);
  g_assert_cmpint (g_array_index (quote->unavailable_email_providers, int, 0), ==, 2);
  g_assert_cmpuint (quote->invalid_accounts->len, ==, 1);
  invalid = g_ptr_array_index (quote->invalid_accounts, 0);
  g_assert_cmpstr (invalid->domain, ==, "sales-crew.com");
  g_assert_cmpstr (invalid->first_name, ==, "");
  g_assert_cmpstr (invalid->last_name, ==, "Ng");
  g_assert_cmpstr (invalid->email, ==, "lee.ng@sales-crew.com");
  g_assert_cmpstr (invalid->reason, ==, "First name is required");

  problems = mr_quote_collect_problems (quote);
  g_assert_cmpuint (problems->len, ==, 12);

  problem = find_problem (problems, MR_PROBLEM_DOMAIN_UNAVAILABLE, "taken-already.com");
  g_assert_null (problem->account_prefix);

  problem = find_problem (problems, MR_PROBLEM_DOMAIN_BLACKLISTED, "googlemailteam.com");
  g_assert_cmpstr (problem->detail, ==, "google");
  g_assert_nonnull (strstr (problem->message, "google"));
  problem = find_problem (problems, MR_PROBLEM_DOMAIN_BLACKLISTED, "myequifaxreports.org");
  g_assert_cmpstr (problem->detail, ==, "equifax");
  problem = find_problem (problems, MR_PROBLEM_DOMAIN_BLACKLISTED, "brandless.com");
  g_assert_null (problem->detail);

  find_problem (problems, MR_PROBLEM_DOMAIN_INVALID, "bad_name.com");

  /* the forwarding domain is named; the problem belongs to its item */
  problem = find_problem (problems, MR_PROBLEM_FORWARDING_DOMAIN, "sales-crew.com");
  g_assert_cmpstr (problem->detail, ==, "fwd-target.com");
  g_assert_nonnull (strstr (problem->message, "fwd-target.com"));

  find_problem (problems, MR_PROBLEM_MISSING_DOMAIN_ORDER, "never-ordered.com");
  find_problem (problems, MR_PROBLEM_PROVIDER_MISMATCH, "mixedbag.com");
  find_problem (problems, MR_PROBLEM_PROVIDER_UNSUPPORTED, "outlookonly.com");
  find_problem (problems, MR_PROBLEM_NO_ACCOUNTS, "emptybox.org");

  problem = find_problem (problems, MR_PROBLEM_ACCOUNT_INVALID, "sales-crew.com");
  g_assert_cmpstr (problem->account_prefix, ==, "lee.ng");
  g_assert_cmpstr (problem->detail, ==, "First name is required");
  g_assert_nonnull (strstr (problem->message, "lee.ng@sales-crew.com"));
  g_assert_nonnull (strstr (problem->message, "First name is required"));

  problem = find_problem (problems, MR_PROBLEM_PROVIDER_UNAVAILABLE, NULL);
  g_assert_cmpstr (problem->detail, ==, "2");
  g_assert_nonnull (strstr (problem->message, "AirMail"));
}

static void
test_quote_payment_failed (void)
{
  g_autoptr(MrQuote) quote = parse_quote_fixture ("quote-payment-failed.json");
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *expected = NULL;
  const MrProblem *problem;

  g_assert_false (quote->order_placed);
  g_assert_false (quote->simulation);
  g_assert_cmpint (quote->order_error, ==, MR_ORDER_ERROR_PAYMENT_FAILED);
  g_assert_cmpint (quote->payment_failure_reason, ==, MR_PAYMENT_FAILURE_CARD_EXPIRED);
  g_assert_cmpstr (quote->payment_failure_reason_raw, ==, "card_expired");
  g_assert_cmpint (quote->total_price_per_year, ==, 13275);
  g_assert_cmpint (quote->total_price, ==, 2297);

  problems = mr_quote_collect_problems (quote);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = find_problem (problems, MR_PROBLEM_PAYMENT_FAILED, NULL);
  g_assert_cmpstr (problem->detail, ==, "card_expired");
  expected = mr_payment_failure_describe (MR_PAYMENT_FAILURE_CARD_EXPIRED);
  g_assert_cmpstr (problem->message, ==, expected);
  g_assert_nonnull (strstr (problem->message, "expired"));
}

static void
test_quote_unknown_order_error (void)
{
  g_autoptr(GBytes) base = load_fixture ("quote-simulated.json");
  g_autoptr(JsonNode) root = parse_text (g_bytes_get_data (base, NULL));
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  JsonObject *object = json_node_get_object (root);
  const MrProblem *problem;

  json_object_set_string_member (object, "order_error", "quota_exceeded");
  json_object_set_boolean_member (object, "order_is_valid", FALSE);
  quote = parse_quote_node (root, &error);
  g_assert_no_error (error);
  g_assert_cmpint (quote->order_error, ==, MR_ORDER_ERROR_UNKNOWN);
  g_assert_cmpstr (quote->order_error_raw, ==, "quota_exceeded");
  g_assert_cmpint (quote->payment_failure_reason, ==, MR_PAYMENT_FAILURE_NONE);

  /* never silent: a refusal that names nothing gets an order-wide problem */
  problems = mr_quote_collect_problems (quote);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_null (problem->domain);
  g_assert_null (problem->account_prefix);
  g_assert_cmpstr (problem->detail, ==, "quota_exceeded");
  g_assert_nonnull (problem->message);
  g_assert_cmpstr (problem->message, !=, "");
}

/* A refused order of 1,000 domains: each domain the server names twice in
 * one list gives one problem, a domain named in two lists one of each kind,
 * and each refused mailbox named twice one problem. (The same as before the
 * problems were looked up in a set; this checks the set's keys.) */
static void
test_quote_problems_named_twice (void)
{
  g_autoptr(GBytes) base = load_fixture ("quote-simulated.json");
  g_autoptr(JsonNode) root = parse_text (g_bytes_get_data (base, NULL));
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *object = json_node_get_object (root);
  JsonArray *unavailable = json_array_new ();
  JsonArray *without = json_array_new ();
  JsonArray *accounts = json_array_new ();
  guint n_unavailable = 0, n_without = 0, n_accounts = 0;

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 1000; i++)
      {
        g_autofree char *domain = g_strdup_printf ("refused-%04u.com", i);

        json_array_add_string_element (unavailable, domain);
        if (i % 10 == 0)
          json_array_add_string_element (without, domain);
      }
  for (guint round = 0; round < 2; round++)
    {
      JsonObject *account = json_object_new ();
      JsonObject *empty = json_object_new ();

      JsonObject *each[] = { account, empty };

      json_object_set_string_member (account, "email", "ada@refused-0001.com");
      json_object_set_string_member (empty, "email", "");
      for (guint j = 0; j < G_N_ELEMENTS (each); j++)
        {
          json_object_set_string_member (each[j], "domain", "refused-0001.com");
          json_object_set_string_member (each[j], "first_name", "Ada");
          json_object_set_string_member (each[j], "last_name", "Lovelace");
          json_object_set_string_member (each[j], "reason", "taken");
          json_array_add_object_element (accounts, each[j]);
        }
    }

  json_object_set_array_member (object, "unavailable_domains", unavailable);
  json_object_set_array_member (object, "domains_without_accounts", without);
  json_object_set_array_member (object, "invalid_accounts", accounts);
  json_object_set_string_member (object, "order_error", "unavailable_domains");
  json_object_set_boolean_member (object, "order_is_valid", FALSE);
  quote = parse_quote_node (root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (quote->unavailable_domains), ==, 2000);

  problems = mr_quote_collect_problems (quote);
  for (guint i = 0; i < problems->len; i++)
    {
      const MrProblem *problem = g_ptr_array_index (problems, i);
      char *key = g_strdup_printf ("%d/%s/%s", problem->kind,
                                   problem->domain ? problem->domain : "(null)",
                                   problem->account_prefix ? problem->account_prefix : "(null)");

      g_assert_true (g_hash_table_add (seen, key));
      if (problem->kind == MR_PROBLEM_DOMAIN_UNAVAILABLE)
        n_unavailable++;
      else if (problem->kind == MR_PROBLEM_NO_ACCOUNTS)
        n_without++;
      else if (problem->kind == MR_PROBLEM_ACCOUNT_INVALID)
        n_accounts++;
    }
  g_assert_cmpuint (n_unavailable, ==, 1000);
  g_assert_cmpuint (n_without, ==, 100);
  /* "ada" and "" */
  g_assert_cmpuint (n_accounts, ==, 2);
  g_assert_cmpstr (((MrProblem *) g_ptr_array_index (problems, 0))->domain, ==, "refused-0000.com");
  g_assert_cmpstr (((MrProblem *) g_ptr_array_index (problems, 999))->domain, ==, "refused-0999.com");
}

static void
test_quote_boxed (void)
{
  MrQuote *quote = parse_quote_fixture ("quote-simulated.json");
  MrQuote *copy;

  g_assert_true (G_TYPE_IS_BOXED (MR_TYPE_QUOTE));
  copy = g_boxed_copy (MR_TYPE_QUOTE, quote);
  g_assert_true (copy == quote);
  mr_quote_unref (quote);
  /* still alive through the copy */
  g_assert_cmpstr (copy->payment_method_brand, ==, "Visa");
  g_boxed_free (MR_TYPE_QUOTE, copy);

  quote = mr_quote_new ();
  assert_no_lists (quote);
  assert_strv (quote->free_domains, empty_strv);
  g_assert_cmpstr (quote->payment_method_brand, ==, "");
  g_assert_cmpuint (quote->order_items->len, ==, 0);
  mr_quote_unref (quote);
}

/* Each member the contract has required since 2025-09-23 is required;
 * each one added later may be missing. */
static void
test_quote_members (void)
{
  const char *required[] = {
    "order_placed", "order_is_valid", "unavailable_domains", "blacklist_domains",
    "invalid_domains", "invalid_forwarding_domains", "invalid_accounts",
    "missing_domain_orders", "domains_without_accounts", "free_domains",
    "number_of_domains_ordered", "number_of_accounts_ordered",
    "price_per_account_per_month", "price_per_domain_per_year",
    "total_domains_price_per_year", "total_accounts_price_per_month",
    "total_price_per_month", "total_price_per_year", "total_price", "total_discount",
    "simulation", "order_items",
    "order_items[0].domain", "order_items[0].accounts", "order_items[0].email_provider",
    "order_items[0].domain_price", "order_items[0].accounts_price",
    "order_items[0].total_price", "order_items[1].total_discount",
    "order_items[0].accounts[1].email_address_prefix",
    "order_items[0].accounts[0].first_name", "order_items[1].accounts[1].last_name",
  };
  const char *optional[] = {
    "order_error", "payment_failure_reason", "blacklist_keywords",
    "provider_mismatch_domains", "unsupported_provider_domains",
    "unavailable_email_providers", "price_per_account_per_month_by_account_type",
    "price_per_domain_per_month", "checkout_required", "checkout_url", "cart_order_id",
    "payment_method_last_4_digits", "payment_method_brand", "payment_method_name_on_card",
    "order_items[1].forwarding_domain", "order_items[0].domain_monthly_price",
    "order_items[0].accounts[0].price",
  };
  g_autoptr(GBytes) base = load_fixture ("quote-simulated.json");

  for (guint pass = 0; pass < 2; pass++)
    {
      const char **members = pass == 0 ? required : optional;
      guint n_members = pass == 0 ? G_N_ELEMENTS (required) : G_N_ELEMENTS (optional);

      for (guint i = 0; i < n_members; i++)
        {
          g_autoptr(JsonNode) root = parse_text (g_bytes_get_data (base, NULL));
          g_autoptr(GError) error = NULL;
          g_autoptr(MrQuote) quote = NULL;
          g_auto(GStrv) parts = g_strsplit (members[i], ".", -1);
          JsonObject *object = json_node_get_object (root);
          guint n_parts = g_strv_length (parts);

          /* walk "order_items[0].accounts[1].x" down to the parent object */
          for (guint p = 0; p + 1 < n_parts; p++)
            {
              g_autofree char *name = g_strdup (parts[p]);
              char *bracket = strchr (name, '[');
              guint index = 0;

              if (bracket != NULL)
                {
                  index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);
                  *bracket = '\0';
                }
              object = json_array_get_object_element (array_member (object, name), index);
            }

          /* optional members the fixture leaves out are covered by parsing it */
          if (pass == 1 && !json_object_has_member (object, parts[n_parts - 1]))
            continue;

          g_assert_true (json_object_has_member (object, parts[n_parts - 1]));
          json_object_remove_member (object, parts[n_parts - 1]);

          quote = parse_quote_node (root, &error);
          if (pass == 0)
            {
              g_autofree char *expected = g_strdup_printf ("%s: required member is missing", members[i]);

              g_assert_null (quote);
              assert_parse_error (error, members[i]);
              g_assert_cmpstr (error->message, ==, expected);
            }
          else
            {
              g_assert_no_error (error);
              g_assert_nonnull (quote);
            }
        }
    }
}

/* }}} */

/* The other replies {{{ */

static void
test_check (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("check.json");
  g_autoptr(GBytes) old_bytes = load_fixture ("check-2025-09-23.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  MrDomainAvailability *result;

  results = mr_json_parse_check (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 3);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpstr (result->domain, ==, "acmegrowth.com");
  g_assert_cmpint (result->availability, ==, MR_AVAILABILITY_AVAILABLE);
  g_assert_null (result->restricted_keyword);
  result = g_ptr_array_index (results, 1);
  g_assert_cmpstr (result->domain, ==, "taken-already.com");
  g_assert_cmpint (result->availability, ==, MR_AVAILABILITY_UNAVAILABLE);
  g_assert_null (result->restricted_keyword);
  result = g_ptr_array_index (results, 2);
  g_assert_cmpstr (result->domain, ==, "myequifaxreports.com");
  g_assert_cmpint (result->availability, ==, MR_AVAILABILITY_RESTRICTED);
  g_assert_cmpstr (result->restricted_keyword, ==, "equifax");

  {
    g_autoptr(MrDomainAvailability) copy = mr_domain_availability_copy (result);

    g_assert_true (copy != result);
    g_assert_cmpstr (copy->domain, ==, result->domain);
    g_assert_cmpint (copy->availability, ==, result->availability);
    g_assert_cmpstr (copy->restricted_keyword, ==, "equifax");
  }

  g_clear_pointer (&results, g_ptr_array_unref);
  results = mr_json_parse_check (old_bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpstr (result->domain, ==, "outboundlab.com");
  g_assert_cmpint (result->availability, ==, MR_AVAILABILITY_AVAILABLE);
  result = g_ptr_array_index (results, 1);
  g_assert_cmpstr (result->domain, ==, "outboundlab.org");
  g_assert_cmpint (result->availability, ==, MR_AVAILABILITY_UNAVAILABLE);
}

static void
test_similar (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("similar.json");
  g_autoptr(GBytes) empty = bytes_from_string ("{}");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = NULL;
  g_auto(GStrv) none = NULL;

  domains = mr_json_parse_similar (bytes, &error);
  g_assert_no_error (error);
  assert_strv (domains, (const char * const[]) { "acmegrowthhq.com", "getacmegrowth.com", "acmegrowthteam.org", NULL });

  none = mr_json_parse_similar (empty, &error);
  g_assert_no_error (error);
  assert_strv (none, empty_strv);
}

static void
assert_prewarmed (GPtrArray       *domains,
                  guint            index,
                  const char      *name,
                  gboolean         has_type,
                  MrEmailProvider  type)
{
  MrPrewarmedDomain *domain = g_ptr_array_index (domains, index);

  g_assert_cmpstr (domain->domain, ==, name);
  g_assert_cmpint (domain->has_account_type, ==, has_type);
  if (has_type)
    g_assert_cmpint (domain->account_type, ==, type);
}

static void
test_prewarmed (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("prewarmed.json");
  g_autoptr(GBytes) old_bytes = load_fixture ("prewarmed-2025-09-23.json");
  g_autoptr(GBytes) empty_bytes = load_fixture ("prewarmed-empty.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) domains = NULL;

  domains = mr_json_parse_prewarmed (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (domains->len, ==, 3);
  assert_prewarmed (domains, 0, "warmreach.com", TRUE, MR_EMAIL_PROVIDER_GOOGLE);
  assert_prewarmed (domains, 1, "inboxready.co", TRUE, MR_EMAIL_PROVIDER_MICROSOFT);
  assert_prewarmed (domains, 2, "steadysend.org", TRUE, MR_EMAIL_PROVIDER_AIRMAIL);

  {
    g_autoptr(MrPrewarmedDomain) copy = mr_prewarmed_domain_copy (g_ptr_array_index (domains, 1));

    g_assert_cmpstr (copy->domain, ==, "inboxready.co");
    g_assert_true (copy->has_account_type);
    g_assert_cmpint (copy->account_type, ==, MR_EMAIL_PROVIDER_MICROSOFT);
  }

  g_clear_pointer (&domains, g_ptr_array_unref);
  domains = mr_json_parse_prewarmed (old_bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (domains->len, ==, 2);
  assert_prewarmed (domains, 0, "warmreach.com", FALSE, 0);
  assert_prewarmed (domains, 1, "inboxready.co", FALSE, 0);

  g_clear_pointer (&domains, g_ptr_array_unref);
  domains = mr_json_parse_prewarmed (empty_bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (domains->len, ==, 0);
}

static void
test_orders (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("orders-page.json");
  g_autoptr(GBytes) old_bytes = load_fixture ("orders-2025-09-23.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = NULL;
  g_autoptr(MrPage) copy = NULL;
  MrOrderRecord *record;

  page = mr_json_parse_orders (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (page->next_starting_after, ==, "0191b2f1-3c4d-7e5f-8a9b-0c1d2e3f4a5b");
  g_assert_cmpuint (page->items->len, ==, 2);

  record = g_ptr_array_index (page->items, 0);
  g_assert_cmpstr (record->workspace_id, ==, "0190a3c2-0000-7000-8000-00000000beef");
  g_assert_cmpstr (record->domain, ==, "acmegrowth.com");
  g_assert_cmpstr (record->forwarding_domain, ==, "acmegrowth.io");
  g_assert_cmpstr (record->forwarding_mode, ==, "redirect");
  g_assert_true (record->has_is_pre_warmed_up);
  g_assert_false (record->is_pre_warmed_up);
  assert_date (record->timestamp_created, "2026-08-03T14:21:09");
  g_assert_cmpint (g_date_time_get_microsecond (record->timestamp_created), ==, 512000);
  g_assert_null (record->timestamp_cancelled);

  record = g_ptr_array_index (page->items, 1);
  g_assert_cmpstr (record->domain, ==, "warmreach.com");
  g_assert_null (record->forwarding_domain);
  g_assert_null (record->forwarding_mode);
  g_assert_true (record->has_is_pre_warmed_up);
  g_assert_true (record->is_pre_warmed_up);
  assert_date (record->timestamp_created, "2026-07-30T08:15:00");
  assert_date (record->timestamp_cancelled, "2026-08-10T09:00:00");

  {
    g_autoptr(MrOrderRecord) record_copy = mr_order_record_copy (record);

    g_assert_cmpstr (record_copy->domain, ==, "warmreach.com");
    g_assert_true (g_date_time_equal (record_copy->timestamp_cancelled, record->timestamp_cancelled));
  }

  copy = g_boxed_copy (MR_TYPE_PAGE, page);
  g_clear_pointer (&page, mr_page_free);
  g_assert_cmpuint (copy->items->len, ==, 2);
  g_assert_cmpstr (copy->next_starting_after, ==, "0191b2f1-3c4d-7e5f-8a9b-0c1d2e3f4a5b");
  record = g_ptr_array_index (copy->items, 0);
  g_assert_cmpstr (record->domain, ==, "acmegrowth.com");

  page = mr_json_parse_orders (old_bytes, &error);
  g_assert_no_error (error);
  g_assert_null (page->next_starting_after);
  g_assert_cmpuint (page->items->len, ==, 1);
  record = g_ptr_array_index (page->items, 0);
  g_assert_cmpstr (record->workspace_id, ==, "workspace_12345");
  g_assert_cmpstr (record->domain, ==, "outboundlab.com");
  g_assert_null (record->forwarding_domain);
  g_assert_null (record->forwarding_mode);
  g_assert_false (record->has_is_pre_warmed_up);
  assert_date (record->timestamp_created, "2025-10-01T12:00:00");
  g_assert_null (record->timestamp_cancelled);
}

static void
test_accounts (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("accounts-page.json");
  g_autoptr(GBytes) old_bytes = load_fixture ("accounts-2025-09-23.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = NULL;
  MrOrderedAccount *account;

  page = mr_json_parse_accounts (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (page->next_starting_after, ==,
                   "0191c001-aaaa-7bbb-8ccc-000000000002:2026-07-30T08:15:00.000Z");
  g_assert_cmpuint (page->items->len, ==, 2);

  account = g_ptr_array_index (page->items, 0);
  g_assert_cmpstr (account->id, ==, "0191c001-aaaa-7bbb-8ccc-000000000001");
  g_assert_cmpstr (account->domain, ==, "acmegrowth.com");
  g_assert_cmpstr (account->email, ==, "dana@acmegrowth.com");
  g_assert_cmpint (account->email_provider, ==, MR_EMAIL_PROVIDER_GOOGLE);
  g_assert_cmpstr (account->first_name, ==, "Dana");
  g_assert_cmpstr (account->last_name, ==, "Whitfield");
  g_assert_false (account->is_pre_warmed_up);
  assert_date (account->timestamp_created, "2026-08-03T14:21:09");
  g_assert_null (account->timestamp_cancelled);
  g_assert_cmpstr (account->password, ==, "tR4!nq8Lw#2p");

  account = g_ptr_array_index (page->items, 1);
  g_assert_cmpstr (account->email, ==, "alex@warmreach.com");
  g_assert_cmpint (account->email_provider, ==, MR_EMAIL_PROVIDER_MICROSOFT);
  g_assert_true (account->is_pre_warmed_up);
  assert_date (account->timestamp_cancelled, "2026-08-10T09:00:00");
  g_assert_cmpstr (account->password, ==, "");

  {
    g_autoptr(MrOrderedAccount) copy = mr_ordered_account_copy (account);

    g_assert_cmpstr (copy->email, ==, "alex@warmreach.com");
    g_assert_cmpstr (copy->password, ==, "");
    g_assert_true (g_date_time_equal (copy->timestamp_created, account->timestamp_created));
  }

  g_clear_pointer (&page, mr_page_free);
  page = mr_json_parse_accounts (old_bytes, &error);
  g_assert_no_error (error);
  g_assert_null (page->next_starting_after);
  g_assert_cmpuint (page->items->len, ==, 1);
  account = g_ptr_array_index (page->items, 0);
  g_assert_cmpstr (account->email, ==, "jon@outboundlab.com");
  g_assert_cmpint (account->email_provider, ==, MR_EMAIL_PROVIDER_GOOGLE);
  g_assert_null (account->timestamp_cancelled);
  g_assert_null (account->password);
}

static void
test_cancel (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("cancel.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  MrOrderedAccount *account;

  items = mr_json_parse_cancel (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  account = g_ptr_array_index (items, 0);
  g_assert_cmpstr (account->id, ==, "0191c001-aaaa-7bbb-8ccc-000000000001");
  g_assert_cmpstr (account->domain, ==, "acmegrowth.com");
  g_assert_cmpstr (account->email, ==, "dana@acmegrowth.com");
  g_assert_cmpint (account->email_provider, ==, MR_EMAIL_PROVIDER_GOOGLE);
  g_assert_cmpstr (account->first_name, ==, "Dana");
  g_assert_cmpstr (account->last_name, ==, "Whitfield");
  g_assert_false (account->is_pre_warmed_up);
  assert_date (account->timestamp_created, "2026-08-03T14:21:09");
  assert_date (account->timestamp_cancelled, "2026-08-21T16:45:30");
  g_assert_null (account->password);
}

/* }}} */

/* Malformed replies {{{ */

typedef enum
{
  PARSE_QUOTE,
  PARSE_CHECK,
  PARSE_SIMILAR,
  PARSE_PREWARMED,
  PARSE_ORDERS,
  PARSE_ACCOUNTS,
  PARSE_CANCEL,
} ParseKind;

static gboolean
run_parser (ParseKind  kind,
            GBytes    *bytes,
            GError   **error)
{
  switch (kind)
    {
    case PARSE_QUOTE:
      {
        g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, error);
        return quote != NULL;
      }
    case PARSE_CHECK:
      {
        g_autoptr(GPtrArray) results = mr_json_parse_check (bytes, error);
        return results != NULL;
      }
    case PARSE_SIMILAR:
      {
        g_auto(GStrv) domains = mr_json_parse_similar (bytes, error);
        return domains != NULL;
      }
    case PARSE_PREWARMED:
      {
        g_autoptr(GPtrArray) domains = mr_json_parse_prewarmed (bytes, error);
        return domains != NULL;
      }
    case PARSE_ORDERS:
      {
        g_autoptr(MrPage) page = mr_json_parse_orders (bytes, error);
        return page != NULL;
      }
    case PARSE_ACCOUNTS:
      {
        g_autoptr(MrPage) page = mr_json_parse_accounts (bytes, error);
        return page != NULL;
      }
    case PARSE_CANCEL:
      {
        g_autoptr(GPtrArray) items = mr_json_parse_cancel (bytes, error);
        return items != NULL;
      }
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static void
test_malformed (void)
{
  const struct {
    const char *file;
    ParseKind   kind;
    const char *member;  /* NULL: the message is about the whole reply */
  } cases[] = {
    { "bad-quote-item-price-string.json", PARSE_QUOTE, "order_items[1].total_price" },
    { "bad-quote-missing-total-price.json", PARSE_QUOTE, "total_price" },
    { "bad-quote-missing-item-domain.json", PARSE_QUOTE, "order_items[0].domain" },
    { "bad-quote-list-element.json", PARSE_QUOTE, "blacklist_domains[1]" },
    { "bad-quote-list-type.json", PARSE_QUOTE, "unavailable_domains" },
    { "bad-quote-invalid-account.json", PARSE_QUOTE, "invalid_accounts[0].reason" },
    { "bad-quote-boolean-string.json", PARSE_QUOTE, "order_is_valid" },
    { "bad-quote-by-type.json", PARSE_QUOTE, "price_per_account_per_month_by_account_type.2" },
    { "bad-quote-null-required.json", PARSE_QUOTE, "price_per_domain_per_year" },
    { "bad-top-array.json", PARSE_QUOTE, "reply" },
    { "bad-top-array.json", PARSE_ORDERS, "reply" },
    { "bad-not-json.txt", PARSE_QUOTE, NULL },
    { "bad-not-json.txt", PARSE_ACCOUNTS, NULL },
    { "bad-truncated.json", PARSE_QUOTE, NULL },
    { "bad-orders-missing-created.json", PARSE_ORDERS, "items[0].timestamp_created" },
    { "bad-accounts-provider-string.json", PARSE_ACCOUNTS, "items[0].email_provider" },
    { "bad-accounts-no-items.json", PARSE_ACCOUNTS, "items" },
    { "bad-accounts-no-items.json", PARSE_CANCEL, "items" },
    { "bad-accounts-no-items.json", PARSE_ORDERS, "items" },
    { "bad-check-available.json", PARSE_CHECK, "results[0].available" },
    { "bad-prewarmed-type.json", PARSE_PREWARMED, "domains_with_type[0].account_type" },
    { "bad-similar-element.json", PARSE_SIMILAR, "domains[1]" },
    { "bad-cancel-item-not-object.json", PARSE_CANCEL, "items[0]" },
    { "quote-simulated.json", PARSE_ACCOUNTS, "items" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = load_fixture (cases[i].file);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].file);
      g_assert_false (run_parser (cases[i].kind, bytes, &error));

      if (cases[i].member != NULL)
        {
          assert_parse_error (error, cases[i].member);
        }
      else
        {
          g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PARSE);
          g_assert_nonnull (strstr (error->message, "JSON"));
        }
    }
}

static void
test_empty_reply (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) blank = bytes_from_string ("  \n");

  for (guint kind = PARSE_QUOTE; kind <= PARSE_CANCEL; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) blank_error = NULL;

      g_assert_false (run_parser (kind, empty, &error));
      g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PARSE);
      g_assert_false (run_parser (kind, blank, &blank_error));
      g_assert_error (blank_error, MR_API_ERROR, MR_API_ERROR_PARSE);
    }
}

static void
test_decimal_prices (void)
{
  const struct {
    const char *text;
    MrCents     cents;
  } cases[] = {
    { "4.99", 499 },
    { "0.1", 10 },
    { "0.285", 29 },
    { "1234567.89", 123456789 },
    { "0", 0 },
    { "7", 700 },
    { "1e2", 10000 },
  };
  g_autoptr(GBytes) base = load_fixture ("quote-simulated.json");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (g_bytes_get_data (base, NULL));
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(MrQuote) quote = NULL;

      g_assert_cmpuint (g_string_replace (text, "\"total_discount\": 0,\n  \"payment",
                                          "\"total_discount\": @,\n  \"payment", 1), ==, 1);
      g_string_replace (text, "@", cases[i].text, 1);
      bytes = g_bytes_new (text->str, text->len);

      quote = mr_json_parse_quote (bytes, &error);
      g_assert_no_error (error);
      g_assert_cmpint (quote->total_discount, ==, cases[i].cents);
    }
}

/* }}} */

/* Error envelopes {{{ */

static void
test_error_envelopes (void)
{
  const struct {
    guint       status;
    const char *file;
    MrApiError  code;
    const char *server_error;
    const char *message;
  } cases[] = {
    { 401, "error-401.json", MR_API_ERROR_UNAUTHORIZED, "Unauthorized", "Missing Authorization header" },
    { 402, "error-402.json", MR_API_ERROR_PAYMENT_REQUIRED, "Payment Required", "Workspace does not have an active paid plan" },
    { 403, "error-403.json", MR_API_ERROR_FORBIDDEN, "Forbidden", "Forbidden" },
    { 404, "error-404.json", MR_API_ERROR_NOT_FOUND, "Not Found", "Resource not found" },
    { 429, "error-429.json", MR_API_ERROR_RATE_LIMITED, "Too Many Requests", "Rate limit exceeded" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = load_fixture (cases[i].file);
      g_autoptr(GError) error = mr_json_parse_error_reply (cases[i].status, bytes);
      g_autofree char *description = NULL;

      g_assert_error (error, MR_API_ERROR, (gint) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpuint (mr_api_error_get_status (error), ==, cases[i].status);
      g_assert_cmpstr (mr_api_error_get_server_error (error), ==, cases[i].server_error);
      g_assert_cmpint (mr_api_error_get_retry_after (error), ==, -1);
      g_assert_null (mr_api_error_get_code (error));
      g_assert_null (mr_api_error_get_keyword (error));

      description = mr_api_error_describe (error);
      g_assert_nonnull (description);
      if (g_strcmp0 (cases[i].message, cases[i].server_error) != 0)
        g_assert_nonnull (strstr (description, cases[i].message));
    }
}

static void
test_error_restricted (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("error-400-restricted.json");
  g_autoptr(GError) error = mr_json_parse_error_reply (400, bytes);
  g_autofree char *description = NULL;

  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_BAD_REQUEST);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 400);
  g_assert_cmpstr (mr_api_error_get_server_error (error), ==, "Bad Request");
  g_assert_cmpstr (mr_api_error_get_code (error), ==, "restricted_domain");
  g_assert_cmpstr (mr_api_error_get_keyword (error), ==, "equifax");
  g_assert_nonnull (strstr (error->message, "restricted keyword"));

  description = mr_api_error_describe (error);
  g_assert_nonnull (strstr (description, "“equifax”"));
}

static void
test_error_not_envelope (void)
{
  const struct {
    guint       status;
    const char *file;       /* NULL: empty body */
    const char *text;
    MrApiError  code;
  } cases[] = {
    { 502, "bad-not-json.txt", NULL, MR_API_ERROR_SERVER },
    { 429, NULL, NULL, MR_API_ERROR_RATE_LIMITED },
    { 401, "bad-top-array.json", NULL, MR_API_ERROR_UNAUTHORIZED },
    { 403, NULL, "{\"statusCode\": \"403\", \"message\": \"Forbidden\"}", MR_API_ERROR_FORBIDDEN },
    { 404, NULL, "{\"detail\": \"no such route\"}", MR_API_ERROR_NOT_FOUND },
    { 418, NULL, "{\"message\": 7}", MR_API_ERROR_HTTP },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      if (cases[i].file != NULL)
        bytes = load_fixture (cases[i].file);
      else if (cases[i].text != NULL)
        bytes = bytes_from_string (cases[i].text);

      error = mr_json_parse_error_reply (cases[i].status, bytes);
      g_assert_error (error, MR_API_ERROR, (gint) cases[i].code);
      g_assert_cmpuint (mr_api_error_get_status (error), ==, cases[i].status);
      g_assert_nonnull (strstr (error->message, "not understood"));
      g_assert_nonnull (mr_api_error_get_server_error (error));
      /* the HTTP reason rides along */
      g_assert_nonnull (strstr (error->message, mr_api_error_get_server_error (error)));
    }
}

/* }}} */

/* Order bodies are written as text, not through a node tree: they must
 * be the JSON json-glib itself writes for the same document, whatever
 * the names hold. */
static void
test_request_order_text (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = mr_order_item_new ("Zoë-outreach.com");
  g_autoptr(MrOrderItem) plain = mr_order_item_new ("acme-outreach.com");
  g_autoptr(MrAccount) odd = mr_account_new (" Ann \"Q\" \\ Lee\t", "Zoë 日本\n\x01\x7f", "ann");
  g_autoptr(MrAccount) blank = mr_account_new ("", "", "");
  gboolean raw_modes[] = { FALSE, TRUE };

  mr_order_item_set_forwarding_domain (item, " Acme.com ");
  mr_order_item_append_account (item, odd);
  mr_order_item_append_account (item, blank);
  mr_order_append_item (order, item);
  mr_order_append_item (order, plain);

  for (guint i = 0; i < G_N_ELEMENTS (raw_modes); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *text = raw_modes[i] ? mr_json_order_draft (order)
                                           : mr_json_order_request (order, TRUE);
      g_autofree char *again = NULL;
      JsonObject *root;
      JsonObject *account;

      g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
      g_assert_no_error (error);
      json_generator_set_root (generator, json_parser_get_root (parser));
      again = json_generator_to_data (generator, NULL);
      g_assert_cmpstr (text, ==, again);

      root = json_node_get_object (json_parser_get_root (parser));
      account = json_array_get_object_element (
        json_object_get_array_member (json_array_get_object_element (
          json_object_get_array_member (root, "items"), 0), "accounts"), 0);
      g_assert_cmpstr (json_object_get_string_member (account, "first_name"), ==,
                       raw_modes[i] ? " Ann \"Q\" \\ Lee\t" : "Ann \"Q\" \\ Lee");
      g_assert_cmpstr (json_object_get_string_member (account, "last_name"), ==,
                       raw_modes[i] ? "Zoë 日本\n\x01\x7f" : "Zoë 日本\n\x01\x7f");
      g_assert_cmpint (json_object_has_member (root, "simulation"), ==, !raw_modes[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mr/json/request/order", test_request_order);
  g_test_add_func ("/mr/json/request/order-types", test_request_order_types);
  g_test_add_func ("/mr/json/request/order-idn", test_request_order_idn);
  g_test_add_func ("/mr/json/request/order-text", test_request_order_text);
  g_test_add_func ("/mr/json/request/small", test_request_small);
  g_test_add_func ("/mr/json/order-file/parse", test_order_file);
  g_test_add_func ("/mr/json/order-file/bad", test_order_file_bad);
  g_test_add_func ("/mr/json/quote/simulated", test_quote_simulated);
  g_test_add_func ("/mr/json/quote/placed", test_quote_placed);
  g_test_add_func ("/mr/json/quote/checkout", test_quote_checkout);
  g_test_add_func ("/mr/json/quote/2025-09-23", test_quote_baseline);
  g_test_add_func ("/mr/json/quote/rejected", test_quote_rejected);
  g_test_add_func ("/mr/json/quote/payment-failed", test_quote_payment_failed);
  g_test_add_func ("/mr/json/quote/unknown-order-error", test_quote_unknown_order_error);
  g_test_add_func ("/mr/json/quote/problems-named-twice", test_quote_problems_named_twice);
  g_test_add_func ("/mr/json/quote/boxed", test_quote_boxed);
  g_test_add_func ("/mr/json/quote/members", test_quote_members);
  g_test_add_func ("/mr/json/quote/decimal-prices", test_decimal_prices);
  g_test_add_func ("/mr/json/quote/long-lists", test_quote_long_lists);
  g_test_add_func ("/mr/json/order-file/long", test_order_file_long);
  g_test_add_func ("/mr/json/check", test_check);
  g_test_add_func ("/mr/json/similar", test_similar);
  g_test_add_func ("/mr/json/prewarmed", test_prewarmed);
  g_test_add_func ("/mr/json/orders", test_orders);
  g_test_add_func ("/mr/json/accounts", test_accounts);
  g_test_add_func ("/mr/json/cancel", test_cancel);
  g_test_add_func ("/mr/json/malformed", test_malformed);
  g_test_add_func ("/mr/json/empty", test_empty_reply);
  g_test_add_func ("/mr/json/error/envelopes", test_error_envelopes);
  g_test_add_func ("/mr/json/error/restricted", test_error_restricted);
  g_test_add_func ("/mr/json/error/not-envelope", test_error_not_envelope);

  return g_test_run ();
}
