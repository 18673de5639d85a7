/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mr-sim-server.h"
#include "mr-sim-test-util.h"

/* The simulator over real HTTP, with plain libsoup requests (never core's
 * client: the two are meant to check each other). */

#define API "/api/v2/dfy-email-account-orders"
#define DEMO MR_SIM_DEMO_KEY

typedef struct
{
  MrSimServer *sim;
  SoupSession *session;
} Fixture;

typedef struct
{
  guint       status;
  JsonNode   *json;
  GBytes     *body;
  char       *retry_after;
  char       *content_type;
  GError     *error;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->json, json_node_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_free (reply->retry_after);
  g_free (reply->content_type);
  g_clear_error (&reply->error);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->sim = mr_sim_test_server_new ();
  f->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  mr_sim_server_disconnect (f->sim);
  g_assert_finalize_object (f->sim);
}

static Reply *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *key,
      const char *body)
{
  g_autoptr(SoupMessage) msg = NULL;
  Reply *reply = g_new0 (Reply, 1);
  const char *value;

  reply->body = mr_sim_test_send (f->session, f->sim, method, path, key, body, &msg, &reply->error);
  if (reply->error != NULL)
    return reply;

  reply->status = soup_message_get_status (msg);
  value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  reply->retry_after = g_strdup (value);
  reply->content_type = g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL));
  reply->json = json_from_string (g_bytes_get_data (reply->body, NULL), NULL);

  return reply;
}

static JsonObject *
obj (Reply *reply)
{
  g_assert_no_error (reply->error);
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));

  return json_node_get_object (reply->json);
}

static void
assert_envelope (Reply      *reply,
                 guint       status,
                 const char *error,
                 const char *message)
{
  JsonObject *o;

  g_assert_cmpuint (reply->status, ==, status);
  o = obj (reply);
  g_assert_cmpint (json_object_get_int_member (o, "statusCode"), ==, status);
  g_assert_cmpstr (json_object_get_string_member (o, "error"), ==, error);
  if (message != NULL)
    g_assert_cmpstr (json_object_get_string_member (o, "message"), ==, message);
  else
    g_assert_nonnull (json_object_get_string_member (o, "message"));
}

static gint64
cents (JsonObject *o,
       const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  g_assert_nonnull (node);
  return llround (json_node_get_double (node) * 100.0);
}

static gboolean
array_has (JsonObject *o,
           const char *member,
           const char *value)
{
  JsonArray *array = json_object_get_array_member (o, member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

static guint
array_len (JsonObject *o,
           const char *member)
{
  return json_array_get_length (json_object_get_array_member (o, member));
}

static char *
accounts_json (const char *prefix,
               guint       n)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s{\"email_address_prefix\":\"%s%u\",\"first_name\":\"First\","
                            "\"last_name\":\"Last\"}", i > 0 ? "," : "", prefix, i + 1);
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

/* One item with @n accounts named prefix1..n */
static Reply *
order_one (Fixture    *f,
           const char *order_type,
           const char *domain,
           int         provider,
           guint       n,
           gboolean    simulation)
{
  g_autofree char *accounts = accounts_json ("user", n);
  g_autofree char *body =
    g_strdup_printf ("{\"order_type\":\"%s\",\"simulation\":%s,\"items\":[{\"domain\":\"%s\","
                     "\"email_provider\":%d,\"accounts\":%s}]}",
                     order_type, simulation ? "true" : "false", domain, provider, accounts);

  return call (f, "POST", API, DEMO, body);
}

static guint
count_items (Fixture    *f,
             const char *path,
             const char *key)
{
  g_autoptr(Reply) reply = call (f, "GET", path, key, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return array_len (obj (reply), "items");
}

/* Auth, scopes, plan, 404 */

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Reply) missing = call (f, "GET", API, NULL, NULL);
  g_autoptr(Reply) unknown = call (f, "GET", API, "not-a-key", NULL);
  g_autoptr(Reply) ok = call (f, "GET", API, DEMO, NULL);
  g_autoptr(Reply) removed = NULL;
  g_autoptr(Reply) back = NULL;
  g_autoptr(Reply) narrowed = NULL;

  assert_envelope (missing, 401, "Unauthorized", "Missing Authorization header");
  assert_envelope (unknown, 401, "Unauthorized", NULL);
  g_assert_cmpuint (ok->status, ==, 200);

  mr_sim_server_remove_key (f->sim, DEMO);
  removed = call (f, "GET", API, DEMO, NULL);
  assert_envelope (removed, 401, "Unauthorized", NULL);

  /* a key added again, and again with other scopes, is the new key at
   * once (the server remembers the last key it found) */
  mr_sim_server_add_key (f->sim, DEMO, "all:read");
  back = call (f, "GET", API, DEMO, NULL);
  g_assert_cmpuint (back->status, ==, 200);
  mr_sim_server_add_key (f->sim, DEMO, "all:delete");
  narrowed = call (f, "GET", API, DEMO, NULL);
  assert_envelope (narrowed, 403, "Forbidden", NULL);
}

/* The scheme and the media type are matched in any case, as Fastify
 * does: "bearer" and "Application/JSON" work as the usual spellings do. */
static guint
send_spelled (Fixture    *f,
              const char *authorization,
              const char *content_type)
{
  static const char body[] = "{\"domains\":[\"acme-outreach.com\"]}";
  g_autofree char *url = g_strconcat (mr_sim_server_get_url (f->sim), API "/domains/check", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new_static (body, strlen (body));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  soup_message_set_request_body_from_bytes (msg, content_type, request);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    mr_sim_test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = soup_session_send_and_read_finish (f->session, result, &error);
  g_assert_no_error (error);

  return soup_message_get_status (msg);
}

static void
test_any_case (Fixture       *f,
               gconstpointer  data)
{
  g_assert_cmpuint (send_spelled (f, "Bearer " DEMO, "application/json"), ==, 200);
  g_assert_cmpuint (send_spelled (f, "bearer " DEMO, "application/json"), ==, 200);
  g_assert_cmpuint (send_spelled (f, "BEARER " DEMO, "Application/JSON"), ==, 200);
  g_assert_cmpuint (send_spelled (f, "Bearer " DEMO, "application/json; charset=utf-8"), ==, 200);
  g_assert_cmpuint (send_spelled (f, "Bearer " DEMO, "application/jsonx"), ==, 415);
  g_assert_cmpuint (send_spelled (f, "Basic " DEMO, "application/json"), ==, 401);
  g_assert_cmpuint (send_spelled (f, "Bearer" DEMO, "application/json"), ==, 401);
}

static void
test_scopes (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Reply) place = NULL;
  g_autoptr(Reply) list = NULL;
  g_autoptr(Reply) check = NULL;
  g_autoptr(Reply) cancel = NULL;
  g_autoptr(Reply) cancel_denied = NULL;
  g_autoptr(Reply) prewarmed = NULL;

  mr_sim_server_add_key (f->sim, "reader", "dfy_email_account_orders:read");
  mr_sim_server_add_key (f->sim, "deleter", "all:delete");
  mr_sim_server_add_key (f->sim, "creator", "dfy_email_account_orders:create");

  place = call (f, "POST", API, "reader",
                "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"acme-outreach.com\"}]}");
  assert_envelope (place, 403, "Forbidden", NULL);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 0);

  list = call (f, "GET", API "/accounts", "reader", NULL);
  g_assert_cmpuint (list->status, ==, 200);
  prewarmed = call (f, "POST", API "/domains/pre-warmed-up-list", "reader", NULL);
  g_assert_cmpuint (prewarmed->status, ==, 200);

  check = call (f, "POST", API "/domains/check", "deleter", "{\"domains\":[]}");
  assert_envelope (check, 403, "Forbidden", NULL);
  cancel = call (f, "POST", API "/accounts/cancel", "deleter", "{\"accounts\":[\"a@b.com\"]}");
  g_assert_cmpuint (cancel->status, ==, 200);
  cancel_denied = call (f, "POST", API "/accounts/cancel", "creator", "{\"accounts\":[\"a@b.com\"]}");
  assert_envelope (cancel_denied, 403, "Forbidden", NULL);
}

static void
test_no_plan (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Reply) list = NULL;
  g_autoptr(Reply) check = NULL;
  g_autoptr(Reply) back = NULL;

  mr_sim_server_set_has_plan (f->sim, FALSE);
  list = call (f, "GET", API, DEMO, NULL);
  assert_envelope (list, 402, "Payment Required", "Workspace does not have an active paid plan");
  check = call (f, "POST", API "/domains/check", DEMO, "{\"domains\":[\"acme.com\"]}");
  assert_envelope (check, 402, "Payment Required", NULL);

  mr_sim_server_set_has_plan (f->sim, TRUE);
  back = call (f, "GET", API, DEMO, NULL);
  g_assert_cmpuint (back->status, ==, 200);
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Reply) unknown = call (f, "GET", "/api/v2/nothing-here", DEMO, NULL);
  g_autoptr(Reply) method = call (f, "GET", API "/domains/check", DEMO, NULL);
  g_autoptr(Reply) method2 = call (f, "DELETE", API, DEMO, NULL);
  g_autoptr(Reply) no_key = call (f, "POST", API "/domains/nope", NULL, "{}");

  assert_envelope (unknown, 404, "Not Found", "Resource not found");
  assert_envelope (method, 404, "Not Found", "Resource not found");
  assert_envelope (method2, 404, "Not Found", "Resource not found");
  /* 404 comes before 401 */
  assert_envelope (no_key, 404, "Not Found", "Resource not found");
}

/* 404 path, then 401, 403, 402, 429, 400 */
static void
test_precedence (Fixture       *f,
                 gconstpointer  data)
{
  const char *bad_body = "{\"domains\": nope";
  g_autoptr(Reply) r401 = NULL;
  g_autoptr(Reply) r403 = NULL;
  g_autoptr(Reply) r402 = NULL;
  g_autoptr(Reply) r429 = NULL;
  g_autoptr(Reply) r400 = NULL;
  g_autoptr(Reply) first = NULL;

  mr_sim_server_add_key (f->sim, "reader", "all:read");
  mr_sim_server_set_has_plan (f->sim, FALSE);
  mr_sim_server_set_rate_limits (f->sim, 1, 0);

  r401 = call (f, "POST", API "/domains/check", "wrong", bad_body);
  assert_envelope (r401, 401, "Unauthorized", NULL);
  r403 = call (f, "POST", API "/domains/check", "reader", bad_body);
  assert_envelope (r403, 403, "Forbidden", NULL);
  r402 = call (f, "POST", API "/domains/check", DEMO, bad_body);
  assert_envelope (r402, 402, "Payment Required", NULL);

  mr_sim_server_set_has_plan (f->sim, TRUE);
  first = call (f, "POST", API "/domains/check", DEMO, "{\"domains\":[]}");
  g_assert_cmpuint (first->status, ==, 200);
  r429 = call (f, "POST", API "/domains/check", DEMO, bad_body);
  assert_envelope (r429, 429, "Too Many Requests", "Rate limit exceeded");

  mr_sim_server_set_rate_limits (f->sim, 30, 6000);
  r400 = call (f, "POST", API "/domains/check", DEMO, bad_body);
  assert_envelope (r400, 400, "Bad Request", NULL);
}

static void
assert_400 (Fixture    *f,
            const char *method,
            const char *path,
            const char *body,
            const char *message)
{
  g_autoptr(Reply) reply = call (f, method, path, DEMO, body);

  assert_envelope (reply, 400, "Bad Request", message);
}

static void
test_bad_requests (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) many = g_string_new ("{\"domains\":[");

  for (guint i = 0; i < 51; i++)
    g_string_append_printf (many, "%s\"d%u.com\"", i > 0 ? "," : "", i);
  g_string_append (many, "]}");

  assert_400 (f, "POST", API, "{\"order_type\":\"dfy\"}", "body must have required property 'items'");
  assert_400 (f, "POST", API, "{\"items\":[]}", "body must have required property 'order_type'");
  assert_400 (f, "POST", API, "[]", "body must be object");
  assert_400 (f, "POST", API, "", "Body cannot be empty when content-type is set to 'application/json'");
  assert_400 (f, "POST", API, "{\"items\":{},\"order_type\":\"dfy\"}", "body/items must be array");
  assert_400 (f, "POST", API, "{\"items\":[],\"order_type\":\"bulk\"}",
              "body/order_type must be equal to one of the allowed values");
  assert_400 (f, "POST", API, "{\"items\":[{\"domain\":\"a.com\",\"email_provider\":4}],\"order_type\":\"dfy\"}",
              "body/items/0/email_provider must be equal to one of the allowed values");
  assert_400 (f, "POST", API, "{\"items\":[{\"domain\":\"a.com\",\"email_provider\":\"1\"}],\"order_type\":\"dfy\"}",
              "body/items/0/email_provider must be number");
  assert_400 (f, "POST", API, "{\"items\":[{}],\"order_type\":\"dfy\"}",
              "body/items/0 must have required property 'domain'");
  assert_400 (f, "POST", API,
              "{\"items\":[{\"domain\":\"a.com\",\"accounts\":[{\"email_address_prefix\":\"a\",\"first_name\":\"A\"}]}],\"order_type\":\"dfy\"}",
              "body/items/0/accounts/0 must have required property 'last_name'");
  assert_400 (f, "POST", API, "{\"items\":[],\"order_type\":\"dfy\",\"simulation\":\"yes\"}",
              "body/simulation must be boolean");
  assert_400 (f, "POST", API "/domains/check", many->str, "body/domains must NOT have more than 50 items");
  assert_400 (f, "POST", API "/domains/check", "{\"domains\":\"acme.com\"}", "body/domains must be array");
  assert_400 (f, "POST", API "/domains/similar", "{\"domain\":\"acme.com\",\"tlds\":[\"net\"]}",
              "body/tlds/0 must be equal to one of the allowed values");
  assert_400 (f, "POST", API "/domains/similar", "{}", "body must have required property 'domain'");
  assert_400 (f, "POST", API "/domains/pre-warmed-up-list", "{\"extensions\":[\"io\"]}",
              "body/extensions/0 must be equal to one of the allowed values");
  assert_400 (f, "POST", API "/accounts/cancel", "{\"accounts\":[]}",
              "body/accounts must NOT have fewer than 1 items");
  assert_400 (f, "GET", API "?limit=0", NULL, "querystring/limit must be >= 1");
  assert_400 (f, "GET", API "/accounts?limit=101", NULL, "querystring/limit must be <= 100");
  assert_400 (f, "GET", API "/accounts?limit=ten", NULL, "querystring/limit must be integer");
  assert_400 (f, "GET", API "/accounts?with_passwords=maybe", NULL, "querystring/with_passwords must be boolean");
  assert_400 (f, "GET", API "?starting_after=nonsense", NULL, NULL);

  {
    g_autoptr(Reply) reply = call (f, "POST", API, DEMO, "{\"items\": [");

    assert_envelope (reply, 400, "Bad Request", NULL);
    g_assert_true (g_str_has_prefix (json_object_get_string_member (obj (reply), "message"),
                                     "Body is not valid JSON"));
  }
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Reply) limited = NULL;
  g_autoptr(Reply) other = NULL;
  guint64 retry;

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(Reply) reply = call (f, "POST", API "/domains/check", DEMO, "{\"domains\":[\"acme.com\"]}");

      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_null (reply->retry_after);
    }

  limited = call (f, "POST", API "/domains/check", DEMO, "{\"domains\":[\"acme.com\"]}");
  assert_envelope (limited, 429, "Too Many Requests", "Rate limit exceeded");
  g_assert_nonnull (limited->retry_after);
  g_assert_true (g_ascii_string_to_unsigned (limited->retry_after, 10, 1, 60, &retry, NULL));

  /* The check limit is its own; other endpoints still answer. */
  other = call (f, "GET", API, DEMO, NULL);
  g_assert_cmpuint (other->status, ==, 200);
  g_assert_cmpuint (mr_sim_server_get_n_requests (f->sim, API "/domains/check"), ==, 31);
}

static void
test_global_rate_limit (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Reply) limited = NULL;

  mr_sim_server_set_rate_limits (f->sim, 0, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (count_items (f, API, DEMO), ==, 0);

  limited = call (f, "GET", API "/accounts", DEMO, NULL);
  assert_envelope (limited, 429, "Too Many Requests", "Rate limit exceeded");
  g_assert_nonnull (limited->retry_after);
}

/* Catalogue */

static JsonObject *
find_result (JsonObject *o,
             const char *domain)
{
  JsonArray *results = json_object_get_array_member (o, "results");

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);

      if (g_str_equal (json_object_get_string_member (r, "domain"), domain))
        return r;
    }

  g_assert_not_reached ();
}

static gboolean
is_available (JsonObject *o,
              const char *domain)
{
  return json_object_get_boolean_member (find_result (o, domain), "available");
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Reply) reply = call (f, "POST", API "/domains/check", DEMO,
                                 "{\"domains\":[\"acme.com\",\"acme-outreach.com\",\"getacme.org\","
                                 "\"google-partners.com\",\"my-equifax.org\",\"acme.net\",\"abc.com\","
                                 "\"not a domain\",\"example.com\"]}");
  g_autoptr(Reply) again = NULL;
  JsonObject *o = obj (reply);
  JsonObject *r;

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (array_len (o, "results"), ==, 9);
  g_assert_false (is_available (o, "acme.com"));
  g_assert_true (is_available (o, "acme-outreach.com"));
  g_assert_true (is_available (o, "getacme.org"));
  g_assert_false (is_available (o, "acme.net"));
  g_assert_false (is_available (o, "abc.com"));
  g_assert_false (is_available (o, "not a domain"));
  g_assert_false (is_available (o, "example.com"));
  g_assert_false (json_object_has_member (find_result (o, "acme.com"), "unavailable_reason"));

  r = find_result (o, "google-partners.com");
  g_assert_false (json_object_get_boolean_member (r, "available"));
  g_assert_cmpstr (json_object_get_string_member (r, "unavailable_reason"), ==, "restricted");
  g_assert_cmpstr (json_object_get_string_member (r, "restricted_keyword"), ==, "google");
  r = find_result (o, "my-equifax.org");
  g_assert_cmpstr (json_object_get_string_member (r, "restricted_keyword"), ==, "equifax");

  /* Deterministic */
  again = call (f, "POST", API "/domains/check", DEMO,
                "{\"domains\":[\"acme.com\",\"acme-outreach.com\",\"getacme.org\"]}");
  g_assert_false (is_available (obj (again), "acme.com"));
  g_assert_true (is_available (obj (again), "acme-outreach.com"));
}

static void
test_similar (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Reply) both = call (f, "POST", API "/domains/similar", DEMO, "{\"domain\":\"acme.com\"}");
  g_autoptr(Reply) org = call (f, "POST", API "/domains/similar", DEMO,
                               "{\"domain\":\"acme.com\",\"tlds\":[\"org\"]}");
  g_autoptr(Reply) restricted = call (f, "POST", API "/domains/similar", DEMO,
                                      "{\"domain\":\"paypal-team.com\"}");
  g_autoptr(GString) batch = g_string_new ("{\"domains\":[");
  g_autoptr(Reply) checked = NULL;
  JsonArray *domains;
  guint n_com = 0, n_org = 0;
  JsonObject *o;

  g_assert_cmpuint (both->status, ==, 200);
  domains = json_object_get_array_member (obj (both), "domains");
  for (guint i = 0; i < json_array_get_length (domains); i++)
    {
      const char *d = json_array_get_string_element (domains, i);

      if (g_str_has_suffix (d, ".com"))
        n_com++;
      else if (g_str_has_suffix (d, ".org"))
        n_org++;
      else
        g_assert_not_reached ();
      g_assert_nonnull (strstr (d, "acme"));
      if (i < 50)
        g_string_append_printf (batch, "%s\"%s\"", i > 0 ? "," : "", d);
    }
  g_assert_cmpuint (n_com, >, 10);
  g_assert_cmpuint (n_org, >, 10);
  g_assert_cmpuint (n_com, <=, 67);
  g_assert_cmpuint (n_org, <=, 67);
  g_string_append (batch, "]}");

  /* Every suggestion is orderable */
  checked = call (f, "POST", API "/domains/check", DEMO, batch->str);
  o = obj (checked);
  for (guint i = 0; i < array_len (o, "results"); i++)
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (json_object_get_array_member (o, "results"), i), "available"));

  domains = json_object_get_array_member (obj (org), "domains");
  g_assert_cmpuint (json_array_get_length (domains), >, 0);
  for (guint i = 0; i < json_array_get_length (domains); i++)
    g_assert_true (g_str_has_suffix (json_array_get_string_element (domains, i), ".org"));

  g_assert_cmpuint (restricted->status, ==, 400);
  o = obj (restricted);
  g_assert_cmpint (json_object_get_int_member (o, "statusCode"), ==, 400);
  g_assert_cmpstr (json_object_get_string_member (o, "error"), ==, "Bad Request");
  g_assert_cmpstr (json_object_get_string_member (o, "code"), ==, "restricted_domain");
  g_assert_cmpstr (json_object_get_string_member (o, "keyword"), ==, "paypal");
  g_assert_nonnull (strstr (json_object_get_string_member (o, "message"), "\"paypal\""));
}

static void
test_prewarmed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Reply) all = call (f, "POST", API "/domains/pre-warmed-up-list", DEMO, NULL);
  g_autoptr(Reply) co = call (f, "POST", API "/domains/pre-warmed-up-list", DEMO, "{\"extensions\":[\"co\"]}");
  g_autoptr(Reply) acme = call (f, "POST", API "/domains/pre-warmed-up-list", DEMO, "{\"search\":\"acme\"}");
  g_autoptr(Reply) placed = NULL;
  g_autoptr(Reply) after = NULL;
  JsonArray *domains, *typed;
  guint n_all;

  domains = json_object_get_array_member (obj (all), "domains");
  typed = json_object_get_array_member (obj (all), "domains_with_type");
  n_all = json_array_get_length (domains);
  g_assert_cmpuint (n_all, >=, 25);
  g_assert_cmpuint (json_array_get_length (typed), ==, n_all);
  for (guint i = 0; i < n_all; i++)
    {
      JsonObject *t = json_array_get_object_element (typed, i);
      gint64 type = json_object_get_int_member (t, "account_type");

      g_assert_cmpstr (json_object_get_string_member (t, "domain"), ==, json_array_get_string_element (domains, i));
      g_assert_true (type >= 1 && type <= 3);
    }

  domains = json_object_get_array_member (obj (co), "domains");
  g_assert_cmpuint (json_array_get_length (domains), >, 0);
  for (guint i = 0; i < json_array_get_length (domains); i++)
    g_assert_true (g_str_has_suffix (json_array_get_string_element (domains, i), ".co"));

  domains = json_object_get_array_member (obj (acme), "domains");
  g_assert_cmpuint (json_array_get_length (domains), ==, 2);
  g_assert_true (array_has (obj (acme), "domains", "acme-reach.co"));

  placed = order_one (f, "pre_warmed_up", "acme-reach.co", 1, 0, FALSE);
  g_assert_true (json_object_get_boolean_member (obj (placed), "order_placed"));
  after = call (f, "POST", API "/domains/pre-warmed-up-list", DEMO, NULL);
  g_assert_cmpuint (array_len (obj (after), "domains"), ==, n_all - 1);
  g_assert_false (array_has (obj (after), "domains", "acme-reach.co"));
}

/* Orders */

static const char * const list_members[] = {
  "unavailable_domains", "blacklist_domains", "invalid_domains", "invalid_forwarding_domains",
  "missing_domain_orders", "provider_mismatch_domains", "unsupported_provider_domains",
  "unavailable_email_providers", "domains_without_accounts", "invalid_accounts", "free_domains",
};

static void
assert_all_lists (JsonObject *o)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_members); i++)
    {
      JsonNode *node = json_object_get_member (o, list_members[i]);

      g_assert_nonnull (node);
      g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
    }
}

static void
test_simulation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Reply) quote = order_one (f, "dfy", "acme-outreach.com", 1, 3, TRUE);
  g_autoptr(Reply) check = NULL;
  JsonObject *o = obj (quote);

  g_assert_cmpuint (quote->status, ==, 200);
  assert_all_lists (o);
  g_assert_false (json_object_get_boolean_member (o, "order_placed"));
  g_assert_true (json_object_get_boolean_member (o, "order_is_valid"));
  g_assert_true (json_object_get_boolean_member (o, "simulation"));
  g_assert_false (json_object_has_member (o, "order_error"));

  /* Nothing changed, even with a payment failure or checkout set up */
  mr_sim_server_set_payment (f->sim, MR_SIM_PAYMENT_GENERIC_DECLINE);
  mr_sim_server_set_checkout_required (f->sim, TRUE);
  {
    g_autoptr(Reply) again = order_one (f, "dfy", "acme-outreach.com", 1, 3, TRUE);

    g_assert_false (json_object_has_member (obj (again), "order_error"));
    g_assert_false (json_object_has_member (obj (again), "checkout_url"));
  }
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 0);
  g_assert_cmpuint (count_items (f, API, DEMO), ==, 0);
  g_assert_cmpuint (count_items (f, API "/accounts", DEMO), ==, 0);
  check = call (f, "POST", API "/domains/check", DEMO, "{\"domains\":[\"acme-outreach.com\"]}");
  g_assert_true (is_available (obj (check), "acme-outreach.com"));
}

static void
test_place (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Reply) placed = call (f, "POST", API, DEMO,
                                  "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"Acme-Outreach.com\","
                                  "\"forwarding_domain\":\"acme.com\",\"accounts\":["
                                  "{\"email_address_prefix\":\"john.doe\",\"first_name\":\"John\",\"last_name\":\"Doe\"},"
                                  "{\"email_address_prefix\":\"jane\",\"first_name\":\"Jane\",\"last_name\":\"Roe\"}]}]}");
  g_autoptr(Reply) orders = NULL;
  g_autoptr(Reply) accounts = NULL;
  g_autoptr(Reply) check = NULL;
  g_autoptr(Reply) twice = NULL;
  JsonObject *o = obj (placed);
  JsonObject *record;
  JsonArray *items;

  g_assert_true (json_object_get_boolean_member (o, "order_placed"));
  g_assert_true (json_object_get_boolean_member (o, "order_is_valid"));
  g_assert_false (json_object_get_boolean_member (o, "simulation"));
  g_assert_false (json_object_has_member (o, "order_error"));
  g_assert_cmpint (json_object_get_int_member (o, "number_of_domains_ordered"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "number_of_accounts_ordered"), ==, 2);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 1);

  orders = call (f, "GET", API, DEMO, NULL);
  items = json_object_get_array_member (obj (orders), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  record = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (record, "domain"), ==, "acme-outreach.com");
  g_assert_cmpstr (json_object_get_string_member (record, "forwarding_domain"), ==, "acme.com");
  g_assert_false (json_object_get_boolean_member (record, "is_pre_warmed_up"));
  g_assert_true (json_object_get_null_member (record, "timestamp_cancelled"));
  g_assert_nonnull (json_object_get_string_member (record, "workspace_id"));
  g_assert_false (json_object_has_member (obj (orders), "next_starting_after"));

  accounts = call (f, "GET", API "/accounts?with_passwords=true", DEMO, NULL);
  items = json_object_get_array_member (obj (accounts), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *a = json_array_get_object_element (items, i);
      const char *email = json_object_get_string_member (a, "email");

      g_assert_true (g_str_equal (email, "john.doe@acme-outreach.com") ||
                     g_str_equal (email, "jane@acme-outreach.com"));
      g_assert_cmpint (json_object_get_int_member (a, "email_provider"), ==, 1);
      g_assert_cmpuint (strlen (json_object_get_string_member (a, "password")), >=, 8);
      g_assert_cmpuint (strlen (json_object_get_string_member (a, "id")), ==, 36);
      g_assert_cmpstr (json_object_get_string_member (a, "timestamp_cancelled"), ==, "");
    }
  {
    g_autoptr(Reply) no_passwords = call (f, "GET", API "/accounts", DEMO, NULL);
    JsonArray *plain = json_object_get_array_member (obj (no_passwords), "items");

    g_assert_false (json_object_has_member (json_array_get_object_element (plain, 0), "password"));
  }

  check = call (f, "POST", API "/domains/check", DEMO, "{\"domains\":[\"acme-outreach.com\"]}");
  g_assert_false (is_available (obj (check), "acme-outreach.com"));
  twice = order_one (f, "dfy", "acme-outreach.com", 1, 1, FALSE);
  g_assert_false (json_object_get_boolean_member (obj (twice), "order_placed"));
  g_assert_cmpstr (json_object_get_string_member (obj (twice), "order_error"), ==, "unavailable_domains");
  g_assert_true (array_has (obj (twice), "unavailable_domains", "acme-outreach.com"));
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 1);
}

static const char *
error_of (Fixture    *f,
          const char *body)
{
  static char error[64];
  g_autoptr(Reply) reply = call (f, "POST", API, DEMO, body);
  JsonObject *o = obj (reply);

  assert_all_lists (o);
  g_assert_false (json_object_get_boolean_member (o, "order_placed"));
  g_strlcpy (error, json_object_get_string_member_with_default (o, "order_error", ""), sizeof error);

  return error;
}

#define ACC1 "[{\"email_address_prefix\":\"a\",\"first_name\":\"A\",\"last_name\":\"B\"}]"
#define ACC_BAD "[{\"email_address_prefix\":\"a\",\"first_name\":\"\",\"last_name\":\"B\"}]"

static void
test_error_precedence (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Reply) all = NULL;
  JsonObject *o;

  mr_sim_server_set_provider_available (f->sim, 2, FALSE);

  /* Every problem at once: every list is reported, the first one wins */
  all = call (f, "POST", API, DEMO,
              "{\"order_type\":\"dfy\",\"simulation\":true,\"items\":["
              "{\"domain\":\"bad_name.com\",\"accounts\":" ACC1 "},"
              "{\"domain\":\"google-team.com\",\"accounts\":" ACC1 "},"
              "{\"domain\":\"acme.com\",\"accounts\":" ACC1 "},"
              "{\"domain\":\"airmail-demo-one.com\",\"email_provider\":2,\"accounts\":" ACC1 "},"
              "{\"domain\":\"acme-outreach.com\",\"forwarding_domain\":\"acme-outreach.com\",\"accounts\":" ACC1 "},"
              "{\"domain\":\"getacme.org\",\"accounts\":[]},"
              "{\"domain\":\"tryacme.com\",\"accounts\":" ACC_BAD "}]}");
  o = obj (all);
  g_assert_cmpstr (json_object_get_string_member (o, "order_error"), ==, "invalid_domains");
  g_assert_false (json_object_get_boolean_member (o, "order_is_valid"));
  g_assert_true (array_has (o, "invalid_domains", "bad_name.com"));
  g_assert_true (array_has (o, "blacklist_domains", "google-team.com"));
  g_assert_true (array_has (o, "blacklist_keywords", "google"));
  g_assert_true (array_has (o, "unavailable_domains", "acme.com"));
  g_assert_cmpuint (array_len (o, "unavailable_email_providers"), ==, 1);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (o, "unavailable_email_providers"), 0), ==, 2);
  g_assert_true (array_has (o, "invalid_forwarding_domains", "acme-outreach.com"));
  g_assert_true (array_has (o, "domains_without_accounts", "getacme.org"));
  g_assert_cmpuint (array_len (o, "invalid_accounts"), ==, 1);

  g_assert_cmpstr (error_of (f, "{\"order_type\":\"dfy\",\"items\":["
                                "{\"domain\":\"google-team.com\",\"accounts\":" ACC1 "},"
                                "{\"domain\":\"acme.com\",\"accounts\":" ACC1 "}]}"), ==, "blacklist_domains");
  g_assert_cmpstr (error_of (f, "{\"order_type\":\"dfy\",\"items\":["
                                "{\"domain\":\"acme.com\",\"email_provider\":2,\"accounts\":" ACC1 "}]}"), ==, "unavailable_domains");
  g_assert_cmpstr (error_of (f, "{\"order_type\":\"dfy\",\"items\":["
                                "{\"domain\":\"acme-outreach.com\",\"email_provider\":2,\"forwarding_domain\":\"x\",\"accounts\":[]}]}"),
                   ==, "provider_unavailable");
  g_assert_cmpstr (error_of (f, "{\"order_type\":\"dfy\",\"items\":["
                                "{\"domain\":\"acme-outreach.com\",\"forwarding_domain\":\"nodot\",\"accounts\":[]}]}"),
                   ==, "invalid_forwarding_domains");
  g_assert_cmpstr (error_of (f, "{\"order_type\":\"dfy\",\"items\":["
                                "{\"domain\":\"acme-outreach.com\",\"accounts\":[]},"
                                "{\"domain\":\"getacme.org\",\"accounts\":" ACC_BAD "}]}"),
                   ==, "domains_without_accounts");
  g_assert_cmpstr (error_of (f, "{\"order_type\":\"dfy\",\"items\":["
                                "{\"domain\":\"getacme.org\",\"accounts\":" ACC_BAD "}]}"),
                   ==, "invalid_accounts");
  g_assert_cmpstr (error_of (f, "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"acme-outreach.net\",\"accounts\":" ACC1 "}]}"),
                   ==, "invalid_domains");
  g_assert_cmpstr (error_of (f, "{\"order_type\":\"dfy\",\"items\":["
                                "{\"domain\":\"getacme.org\",\"accounts\":" ACC1 "},"
                                "{\"domain\":\"GetAcme.org\",\"accounts\":" ACC1 "}]}"), ==, "invalid_domains");
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 0);
}

static JsonArray *
invalid_accounts (Reply *reply)
{
  return json_object_get_array_member (obj (reply), "invalid_accounts");
}

static void
test_account_rules (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Reply) names = call (f, "POST", API, DEMO,
                                 "{\"order_type\":\"dfy\",\"simulation\":true,\"items\":[{\"domain\":\"getacme.org\",\"accounts\":["
                                 "{\"email_address_prefix\":\"ok\",\"first_name\":\"Ok\",\"last_name\":\"Fine\"},"
                                 "{\"email_address_prefix\":\"nofirst\",\"first_name\":\" \",\"last_name\":\"X\"},"
                                 "{\"email_address_prefix\":\"nolast\",\"first_name\":\"X\",\"last_name\":\"\"},"
                                 "{\"email_address_prefix\":\"bad prefix!\",\"first_name\":\"X\",\"last_name\":\"Y\"},"
                                 "{\"email_address_prefix\":\"OK\",\"first_name\":\"Dup\",\"last_name\":\"Licate\"}]}]}");
  g_autoptr(Reply) six = order_one (f, "dfy", "getacme.org", 1, 6, TRUE);
  g_autoptr(Reply) five = order_one (f, "dfy", "getacme.org", 2, 5, TRUE);
  g_autoptr(Reply) ms_few = order_one (f, "dfy", "getacme.org", 3, 10, TRUE);
  g_autoptr(Reply) ms_ok = order_one (f, "dfy", "getacme.org", 3, 50, TRUE);
  JsonArray *invalid = invalid_accounts (names);
  JsonObject *entry;

  g_assert_cmpuint (json_array_get_length (invalid), ==, 4);
  entry = json_array_get_object_element (invalid, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "domain"), ==, "getacme.org");
  g_assert_cmpstr (json_object_get_string_member (entry, "email"), ==, "nofirst@getacme.org");
  g_assert_cmpstr (json_object_get_string_member (entry, "reason"), ==, "First name is required");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (invalid, 1), "reason"),
                   ==, "Last name is required");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (invalid, 2), "email"),
                   ==, "bad prefix!@getacme.org");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (invalid, 3), "first_name"),
                   ==, "Dup");

  g_assert_cmpuint (json_array_get_length (invalid_accounts (six)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (invalid_accounts (six), 0), "email"),
                   ==, "user6@getacme.org");
  g_assert_true (json_object_get_boolean_member (obj (five), "order_is_valid"));
  g_assert_cmpuint (json_array_get_length (invalid_accounts (ms_few)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (obj (ms_few), "order_error"), ==, "invalid_accounts");
  g_assert_true (json_object_get_boolean_member (obj (ms_ok), "order_is_valid"));
}

static void
test_pre_warmed_order (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Reply) quote = order_one (f, "pre_warmed_up", "harborview-mail.co", 1, 0, TRUE);
  g_autoptr(Reply) unknown = order_one (f, "pre_warmed_up", "acme-outreach.com", 1, 0, TRUE);
  g_autoptr(Reply) dfy_co = order_one (f, "dfy", "harborview-mail.co", 1, 1, TRUE);
  g_autoptr(Reply) placed = NULL;
  g_autoptr(Reply) accounts = NULL;
  g_autoptr(Reply) orders = NULL;
  JsonObject *o = obj (quote);
  JsonObject *item = json_array_get_object_element (json_object_get_array_member (o, "order_items"), 0);

  g_assert_true (json_object_get_boolean_member (o, "order_is_valid"));
  g_assert_cmpint (json_object_get_int_member (item, "email_provider"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "accounts")), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "number_of_accounts_ordered"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (obj (unknown), "order_error"), ==, "unavailable_domains");
  g_assert_cmpstr (json_object_get_string_member (obj (dfy_co), "order_error"), ==, "invalid_domains");

  placed = order_one (f, "pre_warmed_up", "harborview-mail.co", 1, 0, FALSE);
  g_assert_true (json_object_get_boolean_member (obj (placed), "order_placed"));
  accounts = call (f, "GET", API "/accounts", DEMO, NULL);
  g_assert_cmpuint (array_len (obj (accounts), "items"), ==, 3);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (json_object_get_array_member (obj (accounts), "items"), 0), "is_pre_warmed_up"));
  orders = call (f, "GET", API, DEMO, NULL);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (json_object_get_array_member (obj (orders), "items"), 0), "is_pre_warmed_up"));
}

static void
test_extra_accounts (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Reply) first = order_one (f, "dfy", "getacme.org", 1, 2, FALSE);
  g_autoptr(Reply) missing = order_one (f, "extra_accounts", "tryacme.com", 1, 1, TRUE);
  g_autoptr(Reply) mismatch = NULL;
  g_autoptr(Reply) unsupported = NULL;
  g_autoptr(Reply) exists = NULL;
  g_autoptr(Reply) too_many = NULL;
  g_autoptr(Reply) ok = NULL;
  g_autoptr(Reply) orders = NULL;
  JsonObject *o;

  g_assert_true (json_object_get_boolean_member (obj (first), "order_placed"));
  g_assert_cmpstr (json_object_get_string_member (obj (missing), "order_error"), ==, "missing_domain_orders");
  g_assert_true (array_has (obj (missing), "missing_domain_orders", "tryacme.com"));

  mismatch = order_one (f, "extra_accounts", "getacme.org", 2, 1, TRUE);
  g_assert_cmpstr (json_object_get_string_member (obj (mismatch), "order_error"), ==, "provider_mismatch");
  g_assert_true (array_has (obj (mismatch), "provider_mismatch_domains", "getacme.org"));

  mr_sim_server_add_ordered_domain (f->sim, "acmehq.com", 3, 50);
  unsupported = order_one (f, "extra_accounts", "acmehq.com", 3, 1, TRUE);
  g_assert_cmpstr (json_object_get_string_member (obj (unsupported), "order_error"), ==, "unsupported_provider");
  g_assert_true (array_has (obj (unsupported), "unsupported_provider_domains", "acmehq.com"));

  /* user1 and user2 exist already */
  exists = order_one (f, "extra_accounts", "getacme.org", 1, 2, TRUE);
  g_assert_cmpstr (json_object_get_string_member (obj (exists), "order_error"), ==, "invalid_accounts");
  g_assert_cmpuint (json_array_get_length (invalid_accounts (exists)), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (invalid_accounts (exists), 0), "reason"),
                   ==, "Email address already exists");

  {
    g_autofree char *accounts = accounts_json ("extra", 4);
    g_autofree char *body = g_strdup_printf ("{\"order_type\":\"extra_accounts\",\"simulation\":true,"
                                             "\"items\":[{\"domain\":\"getacme.org\",\"accounts\":%s}]}", accounts);

    too_many = call (f, "POST", API, DEMO, body);
    g_assert_cmpuint (json_array_get_length (invalid_accounts (too_many)), ==, 1);
  }

  {
    g_autofree char *accounts = accounts_json ("extra", 3);
    g_autofree char *body = g_strdup_printf ("{\"order_type\":\"extra_accounts\","
                                             "\"items\":[{\"domain\":\"getacme.org\",\"accounts\":%s}]}", accounts);

    ok = call (f, "POST", API, DEMO, body);
  }
  o = obj (ok);
  g_assert_true (json_object_get_boolean_member (o, "order_placed"));
  g_assert_cmpint (cents (json_array_get_object_element (json_object_get_array_member (o, "order_items"), 0), "domain_price"), ==, 0);
  g_assert_cmpuint (count_items (f, API "/accounts?limit=100", DEMO), ==, 2 + 50 + 3);
  orders = call (f, "GET", API, DEMO, NULL);
  g_assert_cmpuint (array_len (obj (orders), "items"), ==, 2);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 2);
}

/* Pricing */

typedef struct
{
  gint64 domain;
  gint64 google;
  gint64 airmail;
  gint64 microsoft;
} Prices;

static gint64
file_cents (JsonObject *o,
            const char *member)
{
  return llround (json_object_get_double_member (o, member) * 100.0);
}

static void
load_prices (Prices *p)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *accounts;

  json_parser_load_from_file (parser, g_getenv ("MR_SIM_PRICING"), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  accounts = json_object_get_object_member (root, "account_price_per_month");
  p->domain = file_cents (root, "domain_price_per_year");
  p->google = file_cents (accounts, "1");
  p->airmail = file_cents (accounts, "2");
  p->microsoft = file_cents (root, "microsoft_price_per_domain_per_month");
  g_assert_true (json_object_has_member (root, "sources"));
}

static JsonObject *
item_at (JsonObject *o,
         guint       i)
{
  return json_array_get_object_element (json_object_get_array_member (o, "order_items"), i);
}

static char *
mixed_order_body (void)
{
  g_autofree char *g2 = accounts_json ("g", 2);
  g_autofree char *g3 = accounts_json ("h", 3);
  g_autofree char *a1 = accounts_json ("a", 1);
  g_autofree char *m50 = accounts_json ("m", 50);

  return g_strdup_printf ("{\"order_type\":\"dfy\",\"simulation\":true,\"items\":["
                          "{\"domain\":\"getacme.org\",\"email_provider\":1,\"accounts\":%s},"
                          "{\"domain\":\"tryacme.com\",\"email_provider\":1,\"accounts\":%s},"
                          "{\"domain\":\"acmemail.com\",\"email_provider\":2,\"accounts\":%s},"
                          "{\"domain\":\"acme-team.org\",\"email_provider\":3,\"accounts\":%s}]}",
                          g2, g3, a1, m50);
}

static void
test_pricing (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *body = mixed_order_body ();
  g_autoptr(Reply) reply = call (f, "POST", API, DEMO, body);
  g_autoptr(Reply) google_only = order_one (f, "dfy", "getacme.org", 1, 3, TRUE);
  JsonObject *o = obj (reply);
  JsonObject *by_type;
  Prices p;
  gint64 accounts, domains;

  load_prices (&p);
  accounts = 5 * p.google + 1 * p.airmail + p.microsoft;
  domains = 4 * p.domain;

  g_assert_true (json_object_get_boolean_member (o, "order_is_valid"));
  g_assert_cmpint (cents (o, "total_accounts_price_per_month"), ==, accounts);
  g_assert_cmpint (cents (o, "total_domains_price_per_year"), ==, domains);
  g_assert_cmpint (cents (o, "total_price"), ==, accounts + domains);
  g_assert_cmpint (cents (o, "total_discount"), ==, 0);
  g_assert_cmpint (cents (o, "total_price_per_year"), ==, domains);
  g_assert_cmpint (cents (o, "total_price_per_month"), ==, accounts);
  g_assert_cmpint (cents (o, "price_per_domain_per_year"), ==, p.domain);
  g_assert_cmpint (cents (o, "price_per_domain_per_month"), ==, p.microsoft);
  g_assert_true (json_object_get_null_member (o, "price_per_account_per_month"));
  by_type = json_object_get_object_member (o, "price_per_account_per_month_by_account_type");
  g_assert_cmpint (cents (by_type, "1"), ==, p.google);
  g_assert_cmpint (cents (by_type, "2"), ==, p.airmail);
  g_assert_cmpint (json_object_get_int_member (o, "number_of_domains_ordered"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "number_of_accounts_ordered"), ==, 56);

  g_assert_cmpint (cents (item_at (o, 0), "accounts_price"), ==, 2 * p.google);
  g_assert_cmpint (cents (item_at (o, 0), "domain_price"), ==, p.domain);
  g_assert_cmpint (cents (item_at (o, 0), "total_price"), ==, 2 * p.google + p.domain);
  g_assert_true (json_object_get_null_member (item_at (o, 0), "domain_monthly_price"));
  g_assert_cmpint (cents (item_at (o, 2), "accounts_price"), ==, p.airmail);
  g_assert_cmpint (cents (item_at (o, 3), "accounts_price"), ==, p.microsoft);
  g_assert_cmpint (cents (item_at (o, 3), "domain_monthly_price"), ==, p.microsoft);

  o = obj (google_only);
  g_assert_cmpint (cents (o, "price_per_account_per_month"), ==, p.google);
  g_assert_true (json_object_get_null_member (o, "price_per_domain_per_month"));
  g_assert_cmpint (cents (o, "total_price"), ==, 3 * p.google + p.domain);
}

static void
test_pricing_promotions (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *body = mixed_order_body ();
  g_autoptr(Reply) reply = NULL;
  gint64 subtotal[4], discount[4];
  gint64 total_discount = 0, accounts, domains;
  JsonObject *o;
  Prices p;

  load_prices (&p);
  mr_sim_server_set_free_domains (f->sim, 1);
  mr_sim_server_set_discount_percent (f->sim, 15);
  reply = call (f, "POST", API, DEMO, body);
  o = obj (reply);

  subtotal[0] = p.domain + 2 * p.google;
  subtotal[1] = p.domain + 3 * p.google;
  subtotal[2] = p.domain + p.airmail;
  subtotal[3] = p.domain + p.microsoft;
  for (guint i = 0; i < 4; i++)
    {
      gint64 free_part = i == 0 ? p.domain : 0;

      discount[i] = free_part + ((subtotal[i] - free_part) * 15 + 50) / 100;
      total_discount += discount[i];
      g_assert_cmpint (cents (item_at (o, i), "total_discount"), ==, discount[i]);
      g_assert_cmpint (cents (item_at (o, i), "total_price"), ==, subtotal[i] - discount[i]);
    }

  accounts = 5 * p.google + p.airmail + p.microsoft;
  domains = 4 * p.domain;
  g_assert_cmpuint (array_len (o, "free_domains"), ==, 1);
  g_assert_true (array_has (o, "free_domains", "getacme.org"));
  g_assert_cmpint (cents (o, "total_discount"), ==, total_discount);
  g_assert_cmpint (cents (o, "total_price"), ==, accounts + domains - total_discount);
}

static void
test_payment_failure (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Reply) failed = NULL;
  JsonObject *o;

  mr_sim_server_set_payment (f->sim, MR_SIM_PAYMENT_CARD_EXPIRED);
  mr_sim_server_set_payment_method (f->sim, "Mastercard", "5454", "Ada Lovelace");
  failed = order_one (f, "dfy", "getacme.org", 1, 1, FALSE);
  o = obj (failed);
  g_assert_false (json_object_get_boolean_member (o, "order_placed"));
  g_assert_true (json_object_get_boolean_member (o, "order_is_valid"));
  g_assert_cmpstr (json_object_get_string_member (o, "order_error"), ==, "payment_failed");
  g_assert_cmpstr (json_object_get_string_member (o, "payment_failure_reason"), ==, "card_expired");
  g_assert_cmpstr (json_object_get_string_member (o, "payment_method_brand"), ==, "Mastercard");
  g_assert_cmpstr (json_object_get_string_member (o, "payment_method_last_4_digits"), ==, "5454");
  g_assert_cmpstr (json_object_get_string_member (o, "payment_method_name_on_card"), ==, "Ada Lovelace");
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 0);
  g_assert_cmpuint (count_items (f, API, DEMO), ==, 0);
}

static void
test_checkout (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  g_autoptr(Reply) page = NULL;
  g_autoptr(Reply) paid = NULL;
  g_autoptr(Reply) gone = NULL;
  g_autofree char *prefix = NULL;
  const char *url;
  JsonObject *o;

  mr_sim_server_set_checkout_required (f->sim, TRUE);
  reply = order_one (f, "dfy", "getacme.org", 1, 2, FALSE);
  o = obj (reply);
  g_assert_false (json_object_get_boolean_member (o, "order_placed"));
  g_assert_true (json_object_get_boolean_member (o, "order_is_valid"));
  g_assert_false (json_object_has_member (o, "order_error"));
  g_assert_true (json_object_get_boolean_member (o, "checkout_required"));
  g_assert_cmpuint (strlen (json_object_get_string_member (o, "cart_order_id")), ==, 36);
  url = json_object_get_string_member (o, "checkout_url");
  prefix = g_strconcat (mr_sim_server_get_url (f->sim), "/checkout/", NULL);
  g_assert_true (g_str_has_prefix (url, prefix));
  g_assert_cmpuint (count_items (f, API, DEMO), ==, 0);

  page = call (f, "GET", url + strlen (mr_sim_server_get_url (f->sim)), NULL, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_cmpstr (page->content_type, ==, "text/html");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (page->body, NULL), g_bytes_get_size (page->body), "getacme.org"));

  paid = call (f, "POST", url + strlen (mr_sim_server_get_url (f->sim)), NULL, "");
  g_assert_cmpuint (paid->status, ==, 200);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 1);
  g_assert_cmpuint (count_items (f, API, DEMO), ==, 1);
  g_assert_cmpuint (count_items (f, API "/accounts", DEMO), ==, 2);

  gone = call (f, "GET", url + strlen (mr_sim_server_get_url (f->sim)), NULL, NULL);
  g_assert_cmpuint (gone->status, ==, 404);
}

/* Lists */

static GPtrArray *
collect_pages (Fixture    *f,
               const char *path,
               guint       limit,
               guint      *n_pages)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;
  gint64 last_time = G_MAXINT64;

  *n_pages = 0;
  do
    {
      g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      g_autofree char *url = cursor != NULL
        ? g_strdup_printf ("%s?limit=%u&starting_after=%s", path, limit, escaped)
        : g_strdup_printf ("%s?limit=%u", path, limit);
      g_autoptr(Reply) reply = call (f, "GET", url, DEMO, NULL);
      JsonObject *o = obj (reply);
      JsonArray *items = json_object_get_array_member (o, "items");

      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpuint (json_array_get_length (items), <=, limit);
      (*n_pages)++;

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          const char *id = json_object_has_member (item, "id")
            ? json_object_get_string_member (item, "id")
            : json_object_get_string_member (item, "domain");
          g_autoptr(GDateTime) created =
            g_date_time_new_from_iso8601 (json_object_get_string_member (item, "timestamp_created"), NULL);

          g_assert_nonnull (created);
          /* newest first */
          g_assert_cmpint (g_date_time_to_unix (created), <=, last_time);
          last_time = g_date_time_to_unix (created);
          g_ptr_array_add (ids, g_strdup (id));
        }

      g_clear_pointer (&cursor, g_free);
      if (json_object_has_member (o, "next_starting_after"))
        {
          cursor = g_strdup (json_object_get_string_member (o, "next_starting_after"));
          g_assert_cmpuint (json_array_get_length (items), ==, limit);
        }
    }
  while (cursor != NULL && *n_pages < 100);

  return ids;
}

static void
assert_unique (GPtrArray *ids)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_add (seen, g_ptr_array_index (ids, i)));
}

static void
test_pagination (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(Reply) first = NULL;
  const char *domains[] = { "getacme.org", "tryacme.com", "acmehq.com", "acmemail.com", "acme-team.org" };
  guint n_pages;

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      g_autoptr(Reply) reply = order_one (f, "dfy", domains[i], 1, 5, FALSE);

      g_assert_true (json_object_get_boolean_member (obj (reply), "order_placed"));
    }

  accounts = collect_pages (f, API "/accounts", 7, &n_pages);
  g_assert_cmpuint (accounts->len, ==, 25);
  g_assert_cmpuint (n_pages, ==, 4);
  assert_unique (accounts);

  orders = collect_pages (f, API, 2, &n_pages);
  g_assert_cmpuint (orders->len, ==, 5);
  g_assert_cmpuint (n_pages, ==, 3);
  assert_unique (orders);
  /* newest first */
  g_assert_cmpstr (g_ptr_array_index (orders, 0), ==, "acme-team.org");
  g_assert_cmpstr (g_ptr_array_index (orders, 4), ==, "getacme.org");

  {
    g_autoptr(GPtrArray) exact = collect_pages (f, API "/accounts", 25, &n_pages);

    g_assert_cmpuint (exact->len, ==, 25);
    g_assert_cmpuint (n_pages, ==, 1);
  }

  /* Default limit: 10 */
  first = call (f, "GET", API "/accounts", DEMO, NULL);
  g_assert_cmpuint (array_len (obj (first), "items"), ==, 10);
  g_assert_true (json_object_has_member (obj (first), "next_starting_after"));
  g_assert_nonnull (strchr (json_object_get_string_member (obj (first), "next_starting_after"), ':'));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Reply) placed = order_one (f, "dfy", "getacme.org", 1, 3, FALSE);
  g_autoptr(Reply) foreign_order = NULL;
  g_autoptr(Reply) cancel = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) foreign = NULL;
  g_autoptr(Reply) list = NULL;
  g_autofree char *stamp = NULL;
  JsonArray *items;
  guint n_cancelled = 0;

  mr_sim_server_add_key_for_workspace (f->sim, "other", "all:all", "other-workspace");
  foreign_order = call (f, "POST", API, "other",
                        "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"tryacme.com\",\"accounts\":" ACC1 "}]}");
  g_assert_true (json_object_get_boolean_member (obj (foreign_order), "order_placed"));
  g_assert_cmpuint (count_items (f, API, DEMO), ==, 1);
  g_assert_cmpuint (count_items (f, API, "other"), ==, 1);

  cancel = call (f, "POST", API "/accounts/cancel", DEMO,
                 "{\"accounts\":[\"user1@getacme.org\",\"USER2@getacme.org\",\"nobody@getacme.org\",\"a@tryacme.com\"]}");
  items = json_object_get_array_member (obj (cancel), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "email"), ==, "user1@getacme.org");
  stamp = g_strdup (json_object_get_string_member (json_array_get_object_element (items, 0), "timestamp_cancelled"));
  g_assert_cmpuint (strlen (stamp), >, 0);

  /* Already cancelled: returned unchanged */
  again = call (f, "POST", API "/accounts/cancel", DEMO, "{\"accounts\":[\"user1@getacme.org\"]}");
  items = json_object_get_array_member (obj (again), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "timestamp_cancelled"), ==, stamp);

  list = call (f, "GET", API "/accounts", DEMO, NULL);
  items = json_object_get_array_member (obj (list), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (*json_object_get_string_member (json_array_get_object_element (items, i), "timestamp_cancelled") != '\0')
      n_cancelled++;
  g_assert_cmpuint (n_cancelled, ==, 2);

  /* The other workspace's account is untouched */
  foreign = call (f, "GET", API "/accounts", "other", NULL);
  items = json_object_get_array_member (obj (foreign), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "timestamp_cancelled"), ==, "");
}

/* Faults, latency, state */

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  const char *check = API "/domains/check";
  const char *body = "{\"domains\":[\"acme.com\"]}";

  mr_sim_server_inject_fault (f->sim, check, MR_SIM_FAULT_SERVER_ERROR, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Reply) reply = call (f, "POST", check, DEMO, body);

      assert_envelope (reply, 500, "Internal Server Error", NULL);
    }
  {
    g_autoptr(Reply) reply = call (f, "POST", check, DEMO, body);
    g_autoptr(Reply) other = NULL;

    g_assert_cmpuint (reply->status, ==, 200);

    mr_sim_server_inject_fault (f->sim, check, MR_SIM_FAULT_MALFORMED, 1);
    other = call (f, "GET", API, DEMO, NULL);
    g_assert_cmpuint (other->status, ==, 200);
    g_assert_nonnull (other->json);
  }
  {
    g_autoptr(Reply) reply = call (f, "POST", check, DEMO, body);
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_null (reply->json);
    g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (reply->body, NULL),
                                                g_bytes_get_size (reply->body), NULL));
  }

  /* A fresh connection: libsoup silently retries a request whose reused
   * keep-alive connection was closed. */
  g_clear_object (&f->session);
  f->session = soup_session_new ();
  mr_sim_server_inject_fault (f->sim, NULL, MR_SIM_FAULT_DROP, 1);
  {
    g_autoptr(Reply) dropped = call (f, "GET", API "/accounts", DEMO, NULL);
    g_autoptr(Reply) after = call (f, "GET", API "/accounts", DEMO, NULL);

    g_assert_nonnull (dropped->error);
    g_assert_cmpuint (after->status, ==, 200);
  }

  g_assert_cmpuint (mr_sim_server_get_n_requests (f->sim, check), ==, 4);
  g_assert_cmpuint (mr_sim_server_get_n_requests (f->sim, API "/accounts"), ==, 2);
  g_assert_cmpuint (mr_sim_server_get_n_requests (f->sim, NULL), ==, 7);
}

static void
test_latency (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  gint64 start;

  mr_sim_server_set_latency (f->sim, 300);
  start = g_get_monotonic_time ();
  reply = call (f, "GET", API, DEMO, NULL);
  /* a lower bound only: the reply was held back */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 250 * 1000);
  g_assert_cmpuint (reply->status, ==, 200);
}

static void
test_state_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mr-sim-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "state.json", NULL);
  g_autoptr(Reply) placed = NULL;
  g_autoptr(MrSimServer) second = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  MrSimServer *first = f->sim;

  g_assert_no_error (error);
  g_assert_true (mr_sim_server_set_state_file (f->sim, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  placed = order_one (f, "dfy", "getacme.org", 1, 2, FALSE);
  g_assert_true (json_object_get_boolean_member (obj (placed), "order_placed"));
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);

  second = mr_sim_server_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mr_sim_server_set_state_file (second, path, &error));
  mr_sim_server_listen (second, "127.0.0.1", 0, &error);
  g_assert_no_error (error);

  f->sim = second;
  g_assert_cmpuint (count_items (f, API, DEMO), ==, 1);
  g_assert_cmpuint (count_items (f, API "/accounts", DEMO), ==, 2);
  {
    g_autoptr(Reply) check = call (f, "POST", API "/domains/check", DEMO, "{\"domains\":[\"getacme.org\"]}");

    g_assert_false (is_available (obj (check), "getacme.org"));
  }
  f->sim = first;
  mr_sim_server_disconnect (second);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/mr/sim/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("auth/key", test_auth);
  ADD ("auth/scopes", test_scopes);
  ADD ("auth/any-case", test_any_case);
  ADD ("auth/no-plan", test_no_plan);
  ADD ("http/not-found", test_not_found);
  ADD ("http/precedence", test_precedence);
  ADD ("http/bad-requests", test_bad_requests);
  ADD ("limits/check", test_rate_limit);
  ADD ("limits/global", test_global_rate_limit);
  ADD ("catalog/check", test_check);
  ADD ("catalog/similar", test_similar);
  ADD ("catalog/pre-warmed", test_prewarmed);
  ADD ("order/simulation", test_simulation);
  ADD ("order/place", test_place);
  ADD ("order/error-precedence", test_error_precedence);
  ADD ("order/account-rules", test_account_rules);
  ADD ("order/pre-warmed", test_pre_warmed_order);
  ADD ("order/extra-accounts", test_extra_accounts);
  ADD ("order/pricing", test_pricing);
  ADD ("order/promotions", test_pricing_promotions);
  ADD ("order/payment-failure", test_payment_failure);
  ADD ("order/checkout", test_checkout);
  ADD ("lists/pagination", test_pagination);
  ADD ("lists/cancel", test_cancel);
  ADD ("faults/injected", test_faults);
  ADD ("faults/latency", test_latency);
  ADD ("state/file", test_state_file);
#undef ADD

  return g_test_run ();
}
