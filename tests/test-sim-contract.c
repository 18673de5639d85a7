/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mr-sim-server.h"
#include "mr-sim-test-util.h"

/* Every kind of simulator reply, checked against the response schemas of
 * the contract (tests/data/instantly-openapi-dfy.json) with a small
 * JSON-Schema subset: type (also arrays of types with "null"), required,
 * properties, additionalProperties (false or a schema), enum, items and
 * $ref into the document. A mismatch fails with its path. */

#define API "/api/v2/dfy-email-account-orders"
#define DEMO MR_SIM_DEMO_KEY

static JsonNode *contract;

/* Validator */

static JsonNode *
resolve_ref (const char *ref)
{
  g_auto(GStrv) parts = NULL;
  JsonNode *node = contract;

  g_assert_true (g_str_has_prefix (ref, "#/"));
  parts = g_strsplit (ref + 2, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      node = json_object_get_member (json_node_get_object (node), parts[i]);
      g_assert_nonnull (node);
    }

  return node;
}

static gboolean
type_matches (const char *type,
              JsonNode   *value)
{
  GType vt;

  if (g_str_equal (type, "null"))
    return JSON_NODE_HOLDS_NULL (value);
  if (g_str_equal (type, "object"))
    return JSON_NODE_HOLDS_OBJECT (value);
  if (g_str_equal (type, "array"))
    return JSON_NODE_HOLDS_ARRAY (value);
  if (!JSON_NODE_HOLDS_VALUE (value))
    return FALSE;

  vt = json_node_get_value_type (value);
  if (g_str_equal (type, "string"))
    return vt == G_TYPE_STRING;
  if (g_str_equal (type, "boolean"))
    return vt == G_TYPE_BOOLEAN;
  if (g_str_equal (type, "integer"))
    return vt == G_TYPE_INT64;
  if (g_str_equal (type, "number"))
    return vt == G_TYPE_INT64 || vt == G_TYPE_DOUBLE;

  g_error ("unknown schema type %s", type);
}

static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  if (JSON_NODE_HOLDS_NULL (a) || JSON_NODE_HOLDS_NULL (b))
    return JSON_NODE_HOLDS_NULL (a) && JSON_NODE_HOLDS_NULL (b);
  if (!JSON_NODE_HOLDS_VALUE (a) || !JSON_NODE_HOLDS_VALUE (b))
    return FALSE;
  if (type_matches ("number", a) && type_matches ("number", b))
    return json_node_get_double (a) == json_node_get_double (b);
  if (json_node_get_value_type (a) != json_node_get_value_type (b))
    return FALSE;
  if (json_node_get_value_type (a) == G_TYPE_STRING)
    return g_str_equal (json_node_get_string (a), json_node_get_string (b));

  return json_node_get_boolean (a) == json_node_get_boolean (b);
}

/* NULL when @value matches @schema, else "path: problem" */
static char *
validate (JsonNode   *schema_node,
          JsonNode   *value,
          const char *path)
{
  JsonObject *schema;
  JsonNode *member;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (schema_node));
  schema = json_node_get_object (schema_node);

  if (json_object_has_member (schema, "$ref"))
    return validate (resolve_ref (json_object_get_string_member (schema, "$ref")), value, path);

  if ((member = json_object_get_member (schema, "type")) != NULL)
    {
      gboolean ok = FALSE;

      if (JSON_NODE_HOLDS_ARRAY (member))
        {
          JsonArray *types = json_node_get_array (member);

          for (guint i = 0; i < json_array_get_length (types); i++)
            ok = ok || type_matches (json_array_get_string_element (types, i), value);
        }
      else
        {
          ok = type_matches (json_node_get_string (member), value);
        }

      if (!ok)
        return g_strdup_printf ("%s: wrong type", path);
    }

  if ((member = json_object_get_member (schema, "enum")) != NULL)
    {
      JsonArray *values = json_node_get_array (member);
      gboolean ok = FALSE;

      for (guint i = 0; i < json_array_get_length (values); i++)
        ok = ok || values_equal (json_array_get_element (values, i), value);

      if (!ok)
        return g_strdup_printf ("%s: not one of the allowed values", path);
    }

  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);
      JsonObject *properties = NULL;
      JsonNode *additional = json_object_get_member (schema, "additionalProperties");
      g_autoptr(GList) members = json_object_get_members (object);

      if ((member = json_object_get_member (schema, "required")) != NULL)
        {
          JsonArray *required = json_node_get_array (member);

          for (guint i = 0; i < json_array_get_length (required); i++)
            if (!json_object_has_member (object, json_array_get_string_element (required, i)))
              return g_strdup_printf ("%s: missing required member “%s”", path,
                                      json_array_get_string_element (required, i));
        }

      if ((member = json_object_get_member (schema, "properties")) != NULL)
        properties = json_node_get_object (member);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *sub = g_strdup_printf ("%s/%s", path, (const char *) l->data);
          JsonNode *child = json_object_get_member (object, l->data);
          char *problem = NULL;

          if (properties != NULL && json_object_has_member (properties, l->data))
            problem = validate (json_object_get_member (properties, l->data), child, sub);
          else if (additional != NULL && JSON_NODE_HOLDS_VALUE (additional) &&
                   !json_node_get_boolean (additional))
            problem = g_strdup_printf ("%s: member not allowed", sub);
          else if (additional != NULL && JSON_NODE_HOLDS_OBJECT (additional))
            problem = validate (additional, child, sub);

          if (problem != NULL)
            return problem;
        }
    }

  if (JSON_NODE_HOLDS_ARRAY (value) && (member = json_object_get_member (schema, "items")) != NULL)
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s/%u", path, i);
          char *problem = validate (member, json_array_get_element (array, i), sub);

          if (problem != NULL)
            return problem;
        }
    }

  return NULL;
}

static JsonNode *
response_schema (const char *path,
                 const char *method,
                 guint       status)
{
  g_autofree char *status_text = g_strdup_printf ("%u", status);
  const char *steps[] = { "paths", path, method, "responses", status_text,
                          "content", "application/json", "schema" };
  JsonNode *node = contract;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      node = json_object_get_member (json_node_get_object (node), steps[i]);
      if (node == NULL)
        g_error ("The contract has no %s in %s %s %u", steps[i], method, path, status);
    }

  return node;
}

/* HTTP */

typedef struct
{
  MrSimServer *sim;
  SoupSession *session;
  guint        n_checked;
} Fixture;

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
  g_clear_object (&f->sim);
}

static JsonNode *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *key,
      const char *body,
      guint      *status)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  bytes = mr_sim_test_send (f->session, f->sim, method, path, key, body, &msg, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  node = json_from_string (g_bytes_get_data (bytes, NULL), &error);
  g_assert_no_error (error);

  return node;
}

/* Calls, checks the status and validates against the contract's schema of
 * @schema_path / @schema_method for that status. */
static JsonNode *
check_reply (Fixture    *f,
             const char *method,
             const char *path,
             const char *key,
             const char *body,
             guint       expected_status,
             const char *schema_path,
             const char *schema_method)
{
  guint status;
  JsonNode *node = call (f, method, path, key, body, &status);
  g_autofree char *problem = NULL;
  g_autofree char *where = NULL;

  g_assert_cmpuint (status, ==, expected_status);
  problem = validate (response_schema (schema_path, schema_method, status), node, "");
  if (problem != NULL)
    {
      g_autofree char *text = json_to_string (node, FALSE);

      g_test_message ("%s %s -> %u: %s", method, path, status, text);
      g_error ("%s %s: reply does not match the contract at %s", method, path, problem);
    }
  f->n_checked++;

  return node;
}

static void
check_and_free (Fixture    *f,
                const char *method,
                const char *path,
                const char *key,
                const char *body,
                guint       expected_status)
{
  g_autofree char *schema_path = g_strdup (path);
  char *query = strchr (schema_path, '?');
  g_autofree char *lower = g_ascii_strdown (method, -1);

  if (query != NULL)
    *query = '\0';
  json_node_unref (check_reply (f, method, path, key, body, expected_status, schema_path, lower));
}

typedef struct
{
  const char *method;
  const char *path;
  const char *body;
} Operation;

static const Operation operations[] = {
  { "POST", API, "{\"order_type\":\"dfy\",\"simulation\":true,\"items\":[]}" },
  { "GET", API, NULL },
  { "POST", API "/domains/similar", "{\"domain\":\"acme.com\"}" },
  { "POST", API "/domains/check", "{\"domains\":[\"acme.com\"]}" },
  { "POST", API "/domains/pre-warmed-up-list", "{}" },
  { "GET", API "/accounts", NULL },
  { "POST", API "/accounts/cancel", "{\"accounts\":[\"nobody@acme.com\"]}" },
};

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      const Operation *op = &operations[i];
      g_autofree char *lower = g_ascii_strdown (op->method, -1);
      g_autofree char *bogus = g_strconcat (op->path, "/bogus", NULL);

      json_node_unref (check_reply (f, op->method, op->path, NULL, op->body, 401, op->path, lower));
      json_node_unref (check_reply (f, op->method, op->path, "bad", op->body, 401, op->path, lower));
      json_node_unref (check_reply (f, op->method, bogus, DEMO, op->body, 404, op->path, lower));

      mr_sim_server_set_has_plan (f->sim, FALSE);
      json_node_unref (check_reply (f, op->method, op->path, DEMO, op->body, 402, op->path, lower));
      mr_sim_server_set_has_plan (f->sim, TRUE);

      mr_sim_server_set_rate_limits (f->sim, 0, 1);
      json_node_unref (check_reply (f, op->method, op->path, DEMO, op->body, 200, op->path, lower));
      json_node_unref (check_reply (f, op->method, op->path, DEMO, op->body, 429, op->path, lower));
      mr_sim_server_set_rate_limits (f->sim, 30, 6000);
    }

  /* The only documented 400 */
  check_and_free (f, "POST", API "/domains/similar", DEMO, "{\"domain\":\"instantly-mail.com\"}", 400);
  g_assert_cmpuint (f->n_checked, ==, G_N_ELEMENTS (operations) * 6 + 1);
}

/* 403 and the generic 400 and 500 are not in the contract; they share the
 * documented envelope, checked here with the 401 schema's shape. */
static void
test_undocumented_errors (Fixture       *f,
                          gconstpointer  data)
{
  const char *envelope = "{\"type\":\"object\",\"additionalProperties\":false,"
                         "\"required\":[\"statusCode\",\"error\",\"message\"],\"properties\":{"
                         "\"statusCode\":{\"type\":\"number\"},\"error\":{\"type\":\"string\"},"
                         "\"message\":{\"type\":\"string\"}}}";
  g_autoptr(JsonNode) schema = json_from_string (envelope, NULL);
  struct { const char *key; const char *body; guint status; } cases[] = {
    { "reader", "{\"order_type\":\"dfy\",\"items\":[]}", 403 },
    { DEMO, "{\"order_type\":\"dfy\"}", 400 },
    { DEMO, "{\"order_type\":", 400 },
    { DEMO, "{\"order_type\":\"dfy\",\"items\":[]}", 500 },
  };

  mr_sim_server_add_key (f->sim, "reader", "all:read");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *problem = NULL;
      guint status;

      if (cases[i].status == 500)
        mr_sim_server_inject_fault (f->sim, API, MR_SIM_FAULT_SERVER_ERROR, 1);
      node = call (f, "POST", API, cases[i].key, cases[i].body, &status);
      g_assert_cmpuint (status, ==, cases[i].status);
      problem = validate (schema, node, "");
      g_assert_null (problem);
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "statusCode"), ==, status);
    }
}

#define ACC(p) "{\"email_address_prefix\":\"" p "\",\"first_name\":\"F\",\"last_name\":\"L\"}"

static char *
accounts (const char *prefix,
          guint       n)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s{\"email_address_prefix\":\"%s%u\",\"first_name\":\"F\",\"last_name\":\"L\"}",
                            i > 0 ? "," : "", prefix, i);
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

static void
test_orders (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *ms = accounts ("m", 50);
  g_autofree char *mixed = g_strdup_printf (
    "{\"order_type\":\"dfy\",\"simulation\":true,\"items\":["
    "{\"domain\":\"getacme.org\",\"forwarding_domain\":\"acme.com\",\"accounts\":[" ACC ("a") "]},"
    "{\"domain\":\"tryacme.com\",\"email_provider\":2,\"accounts\":[" ACC ("b") "]},"
    "{\"domain\":\"acme-team.org\",\"email_provider\":3,\"accounts\":%s}]}", ms);
  const char *everything_wrong =
    "{\"order_type\":\"dfy\",\"simulation\":true,\"items\":["
    "{\"domain\":\"bad_name.com\",\"accounts\":[" ACC ("a") "]},"
    "{\"domain\":\"google-team.com\",\"accounts\":[" ACC ("a") "]},"
    "{\"domain\":\"acme.com\",\"accounts\":[" ACC ("a") "]},"
    "{\"domain\":\"acmehq.com\",\"email_provider\":2,\"forwarding_domain\":\"acmehq.com\",\"accounts\":[]},"
    "{\"domain\":\"acmemail.com\",\"accounts\":[" ACC ("a") "," ACC ("A") "]}]}";
  const char *valid = "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"getacme.org\",\"accounts\":[" ACC ("a") "," ACC ("b") "]}]}";

  mr_sim_server_set_free_domains (f->sim, 1);
  mr_sim_server_set_discount_percent (f->sim, 7);
  check_and_free (f, "POST", API, DEMO, mixed, 200);
  mr_sim_server_set_free_domains (f->sim, 0);
  mr_sim_server_set_discount_percent (f->sim, 0);

  mr_sim_server_set_provider_available (f->sim, 2, FALSE);
  check_and_free (f, "POST", API, DEMO, everything_wrong, 200);
  mr_sim_server_set_provider_available (f->sim, 2, TRUE);

  check_and_free (f, "POST", API, DEMO, "{\"order_type\":\"dfy\",\"items\":[]}", 200);

  mr_sim_server_set_payment (f->sim, MR_SIM_PAYMENT_AUTHENTICATION_REQUIRED);
  check_and_free (f, "POST", API, DEMO, valid, 200);
  mr_sim_server_set_payment (f->sim, MR_SIM_PAYMENT_OK);

  mr_sim_server_set_checkout_required (f->sim, TRUE);
  check_and_free (f, "POST", API, DEMO, valid, 200);
  mr_sim_server_set_checkout_required (f->sim, FALSE);

  check_and_free (f, "POST", API, DEMO, valid, 200);
  check_and_free (f, "POST", API, DEMO,
                  "{\"order_type\":\"pre_warmed_up\",\"items\":[{\"domain\":\"acme-reach.co\"}]}", 200);
  check_and_free (f, "POST", API, DEMO,
                  "{\"order_type\":\"extra_accounts\",\"simulation\":true,\"items\":["
                  "{\"domain\":\"getacme.org\",\"accounts\":[" ACC ("c") "," ACC ("a") "]},"
                  "{\"domain\":\"nothere.com\",\"email_provider\":2,\"accounts\":[" ACC ("c") "]}]}", 200);
  check_and_free (f, "POST", API, DEMO,
                  "{\"order_type\":\"pre_warmed_up\",\"simulation\":true,\"items\":[{\"domain\":\"harborview-mail.co\"},"
                  "{\"domain\":\"lumen-growth.co\"}]}", 200);
}

static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  const char *domains[] = { "getacme.org", "tryacme.com", "acmehq.com" };
  g_autoptr(JsonNode) page = NULL;
  g_autofree char *next = NULL;
  g_autofree char *path = NULL;

  /* empty lists */
  check_and_free (f, "GET", API, DEMO, NULL, 200);
  check_and_free (f, "GET", API "/accounts", DEMO, NULL, 200);

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"%s\",%s"
                                               "\"accounts\":[" ACC ("a") "," ACC ("b") "]}]}",
                                               domains[i], i == 0 ? "\"forwarding_domain\":\"acme.com\"," : "");

      check_and_free (f, "POST", API, DEMO, body, 200);
    }
  check_and_free (f, "POST", API "/accounts/cancel", DEMO,
                  "{\"accounts\":[\"a@getacme.org\",\"b@getacme.org\",\"unknown@getacme.org\"]}", 200);
  check_and_free (f, "POST", API "/accounts/cancel", DEMO, "{\"accounts\":[\"a@getacme.org\"]}", 200);

  page = check_reply (f, "GET", API "?limit=2", DEMO, NULL, 200, API, "get");
  next = g_uri_escape_string (json_object_get_string_member (json_node_get_object (page), "next_starting_after"), NULL, FALSE);
  path = g_strdup_printf (API "?limit=2&starting_after=%s", next);
  check_and_free (f, "GET", path, DEMO, NULL, 200);

  check_and_free (f, "GET", API "/accounts?limit=4&with_passwords=true", DEMO, NULL, 200);
  check_and_free (f, "GET", API "/accounts?with_passwords=false", DEMO, NULL, 200);
}

static void
test_domains (Fixture       *f,
              gconstpointer  data)
{
  check_and_free (f, "POST", API "/domains/check", DEMO,
                  "{\"domains\":[\"acme.com\",\"acme-outreach.com\",\"paypal-billing.com\",\"x.net\",\"???\"]}", 200);
  check_and_free (f, "POST", API "/domains/check", DEMO, "{\"domains\":[]}", 200);
  check_and_free (f, "POST", API "/domains/similar", DEMO, "{\"domain\":\"acme.com\",\"tlds\":[\"com\",\"org\"]}", 200);
  check_and_free (f, "POST", API "/domains/similar", DEMO, "{\"domain\":\"---\"}", 200);
  check_and_free (f, "POST", API "/domains/pre-warmed-up-list", DEMO, NULL, 200);
  check_and_free (f, "POST", API "/domains/pre-warmed-up-list", DEMO, "{\"extensions\":[\"co\"],\"search\":\"mail\"}", 200);
  check_and_free (f, "POST", API "/domains/pre-warmed-up-list", DEMO, "{\"search\":\"no-such-thing\"}", 200);
}

/* The validator itself must catch what it claims to. */
static void
test_validator (void)
{
  struct { const char *path; const char *method; const char *json; const char *problem; } cases[] = {
    { API "/accounts", "get", "{\"items\":[],\"extra\":1}", "/extra: member not allowed" },
    { API "/accounts", "get",
      "{\"items\":[{\"id\":\"1\",\"domain\":\"a.com\",\"email\":\"x@a.com\",\"email_provider\":1,"
      "\"first_name\":\"F\",\"last_name\":\"L\",\"is_pre_warmed_up\":false,\"timestamp_cancelled\":null,"
      "\"timestamp_created\":\"t\"}]}", "/items/0/timestamp_cancelled: wrong type" },
    { API "/accounts", "get",
      "{\"items\":[{\"id\":\"1\",\"domain\":\"a.com\",\"email_provider\":4}]}", "/items/0: missing required member “email”" },
    { API, "get",
      "{\"items\":[{\"workspace_id\":\"w\",\"domain\":\"a.com\",\"timestamp_created\":\"t\",\"forwarding_mode\":\"bounce\"}]}",
      "/items/0/forwarding_mode: not one of the allowed values" },
    { API, "get", "{\"items\":[{\"workspace_id\":\"w\",\"domain\":\"a.com\",\"timestamp_created\":\"t\",\"id\":\"x\"}]}",
      "/items/0/id: member not allowed" },
    { API "/domains/pre-warmed-up-list", "post",
      "{\"domains_with_type\":[{\"domain\":\"a.co\",\"account_type\":\"1\"}]}",
      "/domains_with_type/0/account_type: wrong type" },
    { API "/domains/check", "post", "[]", ": wrong type" },
  };
  struct { const char *path; const char *method; const char *json; } good[] = {
    { API, "get", "{\"items\":[{\"workspace_id\":\"w\",\"domain\":\"a.com\",\"timestamp_created\":\"t\","
                  "\"forwarding_mode\":null,\"is_pre_warmed_up\":null}]}" },
    { API "/domains/check", "post", "{\"results\":[{\"domain\":\"a.com\",\"available\":true}]}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, NULL);
      g_autofree char *problem = NULL;
      guint status = 200;

      g_assert_nonnull (node);
      problem = validate (response_schema (cases[i].path, cases[i].method, status), node, "");
      g_assert_cmpstr (problem, ==, cases[i].problem);
    }

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (good[i].json, NULL);
      g_autofree char *problem = validate (response_schema (good[i].path, good[i].method, 200), node, "");

      g_assert_null (problem);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  path = g_test_build_filename (G_TEST_DIST, "data", "instantly-openapi-dfy.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  contract = json_node_ref (json_parser_get_root (parser));

  g_test_add_func ("/mr/sim/contract/validator", test_validator);
  g_test_add ("/mr/sim/contract/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/mr/sim/contract/undocumented-errors", Fixture, NULL, fixture_setup, test_undocumented_errors, fixture_teardown);
  g_test_add ("/mr/sim/contract/orders", Fixture, NULL, fixture_setup, test_orders, fixture_teardown);
  g_test_add ("/mr/sim/contract/lists", Fixture, NULL, fixture_setup, test_lists, fixture_teardown);
  g_test_add ("/mr/sim/contract/domains", Fixture, NULL, fixture_setup, test_domains, fixture_teardown);

  ret = g_test_run ();
  json_node_unref (contract);

  return ret;
}
