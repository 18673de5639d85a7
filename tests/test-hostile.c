/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "mailroom-core.h"
#include "mr-test-util.h"

/* Hostile bytes and inputs, each its own test: domain names, API keys,
 * draft files, and replies served to the client over loopback. */

/* Domain normalisation is idempotent {{{ */

static const char * const idempotent_inputs[] = {
  "www.www.foo.com",
  "WWW.WWW.WWW.Foo.COM.",
  "https://https://foo.com/",
  "http://www.www.example.org:8080/path?q=1#x",
  "foo.com./",
  "www.com",
  "www.www.com",
  "  https://www.Bücher.de/  ",
  "xn--bcher-kva.de",
  "www.xn--bcher-kva.com",
  "https://www.foo.com:443",
  "foo.com:8080:9090",
};

static void
test_idempotent (gconstpointer data)
{
  const char *input = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *once = mr_domain_name_normalize (input, &error);
  g_autofree char *twice = NULL;

  if (once == NULL)
    {
      g_test_message ("“%s” is refused: %s", input, error->message);
      return;
    }

  twice = mr_domain_name_normalize (once, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (twice, ==, once);
}

static void
test_www_www (void)
{
  g_autofree char *ascii = mr_domain_name_normalize ("www.www.foo.com", NULL);

  g_assert_cmpstr (ascii, ==, "foo.com");
}

/* }}} */

/* API keys {{{ */

typedef struct
{
  const char *name;
  const char *key;
  gboolean    valid;
} KeyCase;

static const KeyCase key_cases[] = {
  { "plain", "mrtest-KEY_0123:abc.DEF~xyz=", TRUE },
  { "newline", "mrtest-KEY\nabc", FALSE },
  { "trailing-newline", "mrtest-KEY-abc\n", FALSE },
  { "carriage-return", "mrtest-KEY\r\nX-Injected: 1", FALSE },
  { "space", "mrtest KEY", FALSE },
  { "tab", "\tmrtest-KEY", FALSE },
  { "non-ascii", "mrtest-KEY-schl\xc3\xbcssel", FALSE },
  { "delete", "mrtest-KEY\x7f", FALSE },
  { "empty", "", FALSE },
};

static void
test_key_check (gconstpointer data)
{
  const KeyCase *c = data;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mr_api_key_check (c->key, &error), ==, c->valid);
  if (!c->valid)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      /* the key is a secret: never in a message */
      g_assert_null (strstr (error->message, "mrtest"));
    }
}

static void
test_key_too_long (void)
{
  g_autofree char *key = g_strnfill (4097, 'k');

  g_assert_false (mr_api_key_check (key, NULL));
  key[4096] = '\0';
  g_assert_true (mr_api_key_check (key, NULL));
}

/* A key with a newline must not reach libsoup (a CRITICAL, and a request
 * without Authorization): refused before anything is sent. */
static void
test_client_refuses_bad_key (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, "mailroom-demo-key\n");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = NULL;

  mr_api_client_list_orders_async (client, 0, NULL, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 5000);
  page = mr_api_client_list_orders_finish (client, result, &error);

  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (mr_sim_server_get_n_requests (sim, NULL), ==, 0);

  mr_sim_server_disconnect (sim);
}

/* }}} */

/* Drafts {{{ */

static void
test_draft_leftovers (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mailroom-draft-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "draft.json", NULL);
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = mr_order_item_new ("acme.com");
  g_autoptr(MrOrder) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *leftovers[] = { "draft.json.Ab12Cd", "draft.json.ZZZZZZ", "draft.json.000000" };
  const char *kept[] = { "draft.json.bak", "draft.json.Ab12Cd7", "other.json.Ab12Cd", "draft.json" };

  mr_order_append_items (order, &item, 1);
  g_assert_true (mr_draft_store_save (order, path, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (leftovers); i++)
    {
      g_autofree char *file = g_build_filename (dir, leftovers[i], NULL);

      g_assert_true (g_file_set_contents_full (file, "{\"items\": [", -1, 0, 0600, NULL));
    }
  for (guint i = 0; i + 1 < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *file = g_build_filename (dir, kept[i], NULL);

      g_assert_true (g_file_set_contents (file, "x", -1, NULL));
    }

  /* loading is what happens at start */
  loaded = mr_draft_store_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mr_order_get_n_items (loaded), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (leftovers); i++)
    {
      g_autofree char *file = g_build_filename (dir, leftovers[i], NULL);

      g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *file = g_build_filename (dir, kept[i], NULL);

      g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
      g_unlink (file);
    }

  g_rmdir (dir);
}

/* }}} */

/* Replies served to the client over loopback {{{ */

typedef struct
{
  SoupServer *server;
  GBytes     *body;
  char       *url;
} Served;

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Served *served = user_data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (served->body, NULL),
                                    g_bytes_get_size (served->body));
}

static Served *
served_new (GBytes *body)
{
  Served *served = g_new0 (Served, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  served->body = g_bytes_ref (body);
  served->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (served->server, NULL, serve_cb, served, NULL);
  soup_server_listen_local (served->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (served->server);
  served->url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  if (g_str_has_suffix (served->url, "/"))
    served->url[strlen (served->url) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return served;
}

static void
served_free (Served *served)
{
  soup_server_disconnect (served->server);
  g_object_unref (served->server);
  g_bytes_unref (served->body);
  g_free (served->url);
  g_free (served);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Served, served_free)

static MrApiClient *
served_client (Served *served)
{
  g_autoptr(GError) error = NULL;
  MrApiClient *client = mr_api_client_new (served->url, "mrtest-key", &error);

  g_assert_no_error (error);
  return client;
}

static GBytes *
nested_bytes (void)
{
  GString *text = g_string_new ("{\"items\":");

  for (guint i = 0; i < 80000; i++)
    g_string_append_c (text, '[');

  return g_string_free_to_bytes (text);
}

static void
test_reply_nested_list (void)
{
  g_autoptr(GBytes) body = nested_bytes ();
  g_autoptr(Served) served = served_new (body);
  g_autoptr(MrApiClient) client = served_client (served);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = NULL;

  mr_api_client_list_orders_async (client, 0, NULL, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 10000);
  page = mr_api_client_list_orders_finish (client, result, &error);

  g_assert_null (page);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PARSE);
}

static void
test_reply_nested_place (void)
{
  g_autoptr(GBytes) body = nested_bytes ();
  g_autoptr(Served) served = served_new (body);
  g_autoptr(MrApiClient) client = served_client (served);
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = mr_order_item_new ("acme.com");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = NULL;

  mr_order_append_items (order, &item, 1);
  mr_api_client_place_order_async (client, order, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 10000);
  quote = mr_api_client_place_order_finish (client, result, &error);

  /* sent, and no answer that can be read: never "not placed" */
  g_assert_null (quote);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN);
}

static void
test_reply_bytes_kept (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"domains\": [\"acme\\ud800x.com\"], \"future\": {\"n\": 1.50}}", 55);
  g_autoptr(Served) served = served_new (body);
  g_autoptr(MrApiClient) client = served_client (served);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = NULL;
  g_autofree char *pretty = NULL;
  GBytes *reply;

  mr_api_client_similar_domains_async (client, "acme.com", NULL, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 10000);
  domains = mr_api_client_similar_domains_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (domains[0], -1, NULL));

  /* the bytes as they came, for --json */
  reply = mr_api_result_get_reply (result);
  g_assert_nonnull (reply);
  g_assert_true (g_bytes_equal (reply, body));

  pretty = mr_json_pretty (reply, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (pretty, -1, NULL));
  g_assert_cmpstr (pretty, ==,
                   "{\n"
                   "  \"domains\": [\n"
                   "    \"acme\\ufffdx.com\"\n"
                   "  ],\n"
                   "  \"future\": {\n"
                   "    \"n\": 1.50\n"
                   "  }\n"
                   "}");
}

/* }}} */

/* json-glib 1.6 reads "{...} {...}" as its first value and leaks the rest:
 * anything after the top-level value is refused before it gets there */
static void
test_trailing_value (void)
{
  static const char * const bodies[] = {
    "{\"results\": []} {\"x\": 1}",
    "{\"results\": []}\"x\"",
    "[] []",
    "{}}",
    "18446744073709551615{\"items\": []}",
    "\"x\" {}",
    "null []",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bodies[i], strlen (bodies[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = mr_json_parse_check (bytes, &error);

      g_assert_null (results);
      g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, "more after its value"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (idempotent_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mr/domain-name/idempotent/%u", i);

      g_test_add_data_func (path, idempotent_inputs[i], test_idempotent);
    }
  g_test_add_func ("/mr/domain-name/www-www", test_www_www);

  for (guint i = 0; i < G_N_ELEMENTS (key_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mr/api-key/%s", key_cases[i].name);

      g_test_add_data_func (path, &key_cases[i], test_key_check);
    }
  g_test_add_func ("/mr/api-key/too-long", test_key_too_long);
  g_test_add_func ("/mr/api-key/client-sends-nothing", test_client_refuses_bad_key);

  g_test_add_func ("/mr/draft/leftover-temp-files-removed", test_draft_leftovers);

  g_test_add_func ("/mr/client/reply/nested-80000-list", test_reply_nested_list);
  g_test_add_func ("/mr/json/reply/trailing-value", test_trailing_value);
  g_test_add_func ("/mr/client/reply/nested-80000-place-is-unknown", test_reply_nested_place);
  g_test_add_func ("/mr/client/reply/bytes-kept-for-json", test_reply_bytes_kept);

  return g_test_run ();
}
