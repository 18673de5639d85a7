/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mr-json-reader.h"
#include "mr-sim-catalog.h"
#include "mr-sim-json.h"
#include "mr-sim-json-private.h"
#include "mr-sim-json-writer.h"
#include "mr-sim-order.h"
#include "mr-sim-request.h"
#include "mr-sim-server.h"
#include "mr-sim-state.h"
#include "mr-sim-test-util.h"
#include "mr-sim-tree-oracle.h"

/* The simulator reads request bodies straight from the reader's document.
 * Here that path is compared with the json-glib path it replaced
 * (mr-sim-tree-oracle.c, the old code renamed): the same schema message
 * for every body and every endpoint, byte-identical quote replies, and
 * over HTTP the same status and body for every place-order request, on
 * the contract's examples and on thousands of generated requests, valid
 * and broken. */

#define API "/api/v2/dfy-email-account-orders"
#define MAX_DEPTH 64
#define WORKSPACE "6f1d3a52-2c4b-4e8a-9b7d-0d5e4c3b2a19"
#define N_GENERATED 3000
#define N_OVER_HTTP 800

/* Generated bodies */

static const char * const domains[] = {
  "throughput-outreach-0001.com", "acme-outreach.com", "getacme.org", "google.com",
  "acme.com", "gmail-team.com", "my-paypal.org", "acme-growth.com", "acme-reach.co",
  "corelead-hq.org", "  Example-Outreach.COM ", "Bücher-Shop.com", "not a domain!",
  "a.b", "x.co", "", "   ", "-bad.com", "bad-.com", "a..com", "123.com", "abc.c0m",
  "abcd.com", "dup-domain.com", "dup-domain.com", "DUP-DOMAIN.com", "ordered-before.com",
  "extra-owned.com", "extra-ms.com", "shop.example", "trailing.com.", ".lead.com",
  "x.toolongtldbutletters", "ünïcode.com", "tab\\tname.com", "quote\\\"d.com",
};

static const char * const prefixes[] = {
  "ada", "Ada", " ada ", "ADA", "a..b", ".a", "a.", "", "  ", "ok_name-1", "grace.hopper",
  "ünï", "x\\u0000y", "sp ace", "alan", "alan", "edsger", "barbara", "\\ud800",
  "a123456789012345678901234567890123456789012345678901234567890123456789",
};

static const char * const names[] = {
  "Ada", "Lovelace", "", "  ", "\\t", "Ünïcode", "quote\\\"s", "ctl\\u0001x", "Grace",
  "Hopper", "\\ud83d\\ude00", "\\udc00 lone", "back\\\\slash", "new\\nline",
};

/* what a careful client sends */
static const char * const good_domains[] = {
  "throughput-outreach-0001.com", "acme-outreach.com", "getacme.org", "acmemail.com",
  "tryacme.com", "mycompany-mail.com", "acme-growth.com",
};

static const char * const good_prefixes[] = { "ada", "alan", "grace", "edsger", "barbara", "ken" };

static const char * const order_types[] = {
  "\"dfy\"", "\"dfy\"", "\"dfy\"", "\"pre_warmed_up\"", "\"extra_accounts\"",
  "\"extra_accounts\"", "\"DFY\"", "\"bogus\"", "5", "null", "[]",
};

static const char * const scalars[] = {
  "null", "true", "false", "0", "1", "2", "3", "4", "-1", "1.0", "2.5", "3e0", "1e2",
  "\"1\"", "\"\"", "\"com\"", "[]", "{}", "[1]", "{\"a\":1}", "12345678901234567890",
};

static const char * const tlds[] = {
  "\"com\"", "\"org\"", "\"co\"", "\"net\"", "\"COM\"", "1", "null",
};

static void
add_string (GString    *out,
            GRand      *rand,
            const char *const *list,
            guint       n)
{
  g_string_append_printf (out, "\"%s\"", list[g_rand_int_range (rand, 0, n)]);
}

static void
add_scalar (GString *out,
            GRand   *rand)
{
  g_string_append (out, scalars[g_rand_int_range (rand, 0, G_N_ELEMENTS (scalars))]);
}

/* with probability @percent */
static gboolean
chance (GRand *rand,
        int    percent)
{
  return g_rand_int_range (rand, 0, 100) < percent;
}

/* Whether the body being made gets wrong types and missing members (half
 * of them), or only the problems the schema lets through */
static gboolean noisy;

static gboolean
chance_of_noise (GRand *rand,
                 int    percent)
{
  return noisy && chance (rand, percent);
}

/* "name": starts a member; a comma before all but the first */
static void
member (GString    *out,
        gboolean   *first,
        const char *name)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  g_string_append_printf (out, "\"%s\":", name);
}

static void
add_account (GString *out,
             GRand   *rand,
             guint    index)
{
  static const char * const fields[] = { "email_address_prefix", "first_name", "last_name" };
  gboolean first = TRUE;

  if (chance_of_noise (rand, 3))
    {
      add_scalar (out, rand);
      return;
    }

  g_string_append_c (out, '{');
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (chance_of_noise (rand, 4))
        continue;
      member (out, &first, fields[i]);
      if (chance_of_noise (rand, 4))
        add_scalar (out, rand);
      else if (i == 0 && !noisy && chance (rand, 90))
        g_string_append_printf (out, "\"%s\"", good_prefixes[index % G_N_ELEMENTS (good_prefixes)]);
      else if (i == 0)
        add_string (out, rand, prefixes, G_N_ELEMENTS (prefixes));
      else if (!noisy && chance (rand, 90))
        add_string (out, rand, names, 2);
      else
        add_string (out, rand, names, G_N_ELEMENTS (names));
    }
  if (chance (rand, 10))
    {
      member (out, &first, "signature");
      add_scalar (out, rand);
    }
  if (chance (rand, 5))
    {
      /* a member twice: the last value counts */
      member (out, &first, "first_name");
      add_string (out, rand, names, G_N_ELEMENTS (names));
    }
  g_string_append_c (out, '}');
}

static void
add_item (GString *out,
          GRand   *rand)
{
  gboolean first = TRUE;
  guint n_accounts;

  if (chance_of_noise (rand, 3))
    {
      add_scalar (out, rand);
      return;
    }

  g_string_append_c (out, '{');
  if (!chance_of_noise (rand, 4))
    {
      member (out, &first, "domain");
      if (chance_of_noise (rand, 4))
        add_scalar (out, rand);
      else if (!noisy && chance (rand, 70))
        add_string (out, rand, good_domains, G_N_ELEMENTS (good_domains));
      else
        add_string (out, rand, domains, G_N_ELEMENTS (domains));
    }
  if (chance (rand, 70))
    {
      static const char * const providers[] = { "1", "1", "2", "3", "3", "1.0", "3.0", "0", "4",
                                                 "2.5", "\"2\"", "null", "true" };

      member (out, &first, "email_provider");
      if (!noisy && chance (rand, 70))
        g_string_append (out, "1");
      else
        g_string_append (out, providers[g_rand_int_range (rand, 0, G_N_ELEMENTS (providers))]);
    }
  if (chance (rand, noisy ? 25 : 5))
    {
      member (out, &first, "forwarding_domain");
      if (chance_of_noise (rand, 20))
        add_scalar (out, rand);
      else
        add_string (out, rand, domains, G_N_ELEMENTS (domains));
    }
  if (chance (rand, 85))
    {
      member (out, &first, "accounts");
      if (chance_of_noise (rand, 4))
        {
          add_scalar (out, rand);
        }
      else
        {
          if (!noisy && chance (rand, 80))
            n_accounts = g_rand_int_range (rand, 1, 6);
          else if (chance (rand, 3))
            n_accounts = 101;
          else if (chance (rand, 8))
            n_accounts = g_rand_int_range (rand, 45, 60);
          else
            n_accounts = g_rand_int_range (rand, 0, 8);

          g_string_append_c (out, '[');
          for (guint i = 0; i < n_accounts; i++)
            {
              if (i > 0)
                g_string_append_c (out, ',');
              add_account (out, rand, i);
            }
          g_string_append_c (out, ']');
        }
    }
  if (chance (rand, 5))
    {
      member (out, &first, "domain");
      add_string (out, rand, domains, G_N_ELEMENTS (domains));
    }
  g_string_append_c (out, '}');
}

static void
add_string_list (GString            *out,
                 GRand              *rand,
                 const char * const *list,
                 guint               n_list,
                 guint               max)
{
  guint n = g_rand_int_range (rand, 0, max);

  if (chance_of_noise (rand, 5))
    {
      add_scalar (out, rand);
      return;
    }

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (chance_of_noise (rand, 3))
        add_scalar (out, rand);
      else if (list == tlds)
        g_string_append (out, tlds[g_rand_int_range (rand, 0, n_list)]);
      else
        add_string (out, rand, list, n_list);
    }
  g_string_append_c (out, ']');
}

/* A place-order body most of the time, else a body of another endpoint,
 * sometimes broken on purpose */
static char *
generate_body (GRand *rand)
{
  GString *out = g_string_new (NULL);
  gboolean first = TRUE;
  int shape = g_rand_int_range (rand, 0, 100);

  noisy = chance (rand, 50);
  if (shape < 3 && noisy)
    {
      add_scalar (out, rand);
      return g_string_free (out, FALSE);
    }

  g_string_append_c (out, '{');
  if (shape < 80)
    {
      if (!chance_of_noise (rand, 3))
        {
          guint n = chance (rand, 5) ? g_rand_int_range (rand, 5, 12)
                    : g_rand_int_range (rand, noisy ? 0 : 1, noisy ? 4 : 3);

          member (out, &first, "items");
          if (chance_of_noise (rand, 3))
            {
              add_scalar (out, rand);
            }
          else
            {
              g_string_append_c (out, '[');
              for (guint i = 0; i < n; i++)
                {
                  if (i > 0)
                    g_string_append_c (out, ',');
                  add_item (out, rand);
                }
              g_string_append_c (out, ']');
            }
        }
      if (!chance_of_noise (rand, 3))
        {
          member (out, &first, "order_type");
          g_string_append (out, order_types[g_rand_int_range (rand, 0, G_N_ELEMENTS (order_types))]);
        }
      if (chance (rand, 85))
        {
          static const char * const values[] = { "true", "true", "true", "false", "\"true\"", "null", "1" };

          member (out, &first, "simulation");
          g_string_append (out, values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);
        }
      if (chance (rand, 5))
        {
          member (out, &first, "note");
          add_scalar (out, rand);
        }
    }
  else if (shape < 85)
    {
      if (!chance (rand, 5))
        {
          member (out, &first, "domain");
          if (chance (rand, 5))
            add_scalar (out, rand);
          else
            add_string (out, rand, domains, G_N_ELEMENTS (domains));
        }
      if (chance (rand, 60))
        {
          member (out, &first, "tlds");
          add_string_list (out, rand, tlds, G_N_ELEMENTS (tlds), 4);
        }
    }
  else if (shape < 90)
    {
      member (out, &first, chance (rand, 95) ? "domains" : "domain");
      add_string_list (out, rand, domains, G_N_ELEMENTS (domains), chance (rand, 10) ? 60 : 6);
    }
  else if (shape < 95)
    {
      if (chance (rand, 60))
        {
          member (out, &first, "extensions");
          add_string_list (out, rand, tlds, G_N_ELEMENTS (tlds), 4);
        }
      if (chance (rand, 50))
        {
          member (out, &first, "search");
          if (chance (rand, 10))
            add_scalar (out, rand);
          else
            add_string (out, rand, prefixes, G_N_ELEMENTS (prefixes));
        }
    }
  else
    {
      member (out, &first, "accounts");
      add_string_list (out, rand, prefixes, G_N_ELEMENTS (prefixes), 4);
    }
  g_string_append_c (out, '}');

  /* broken text: cut short, or something after the value */
  if (chance_of_noise (rand, 3))
    g_string_truncate (out, g_rand_int_range (rand, 0, out->len));
  else if (chance_of_noise (rand, 1))
    g_string_append (out, " x");

  return g_string_free (out, FALSE);
}

/* The corpus: the contract's example request, the test data and the
 * generated bodies */
static GPtrArray *
make_bodies (void)
{
  static const char * const files[] = {
    "order-request.json", "bad-order-request-account.json", "bad-order-request-provider.json",
    "bad-order-request-type.json", "bad-top-array.json", "bad-truncated.json", "bad-not-json.txt",
  };
  GPtrArray *bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", files[i], NULL);
      char *text = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_ptr_array_add (bodies, text);
    }

  /* the benchmark's request, and a deeply nested one */
  g_ptr_array_add (bodies, g_strdup ("{\"items\":[{\"domain\":\"throughput-outreach-0001.com\","
                                     "\"email_provider\":1,\"accounts\":[{\"email_address_prefix\":"
                                     "\"ada.lovelace\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"}]}],"
                                     "\"order_type\":\"dfy\",\"simulation\":true}"));
  {
    GString *deep = g_string_new ("{\"items\":");

    for (guint i = 0; i < 70; i++)
      g_string_append_c (deep, '[');
    for (guint i = 0; i < 70; i++)
      g_string_append_c (deep, ']');
    g_string_append (deep, ",\"order_type\":\"dfy\"}");
    g_ptr_array_add (bodies, g_string_free (deep, FALSE));
  }

  for (guint i = 0; i < N_GENERATED; i++)
    g_ptr_array_add (bodies, generate_body (rand));

  return bodies;
}

/* The new path's message, or NULL, for the body at @text */
typedef char * (*DocCheck) (const MrJsonValue *body);
typedef char * (*TreeCheck) (JsonNode *body);

static void
assert_same_message (const char *text,
                     const char *what,
                     char       *tree_message,
                     char       *doc_message)
{
  if (g_strcmp0 (tree_message, doc_message) != 0)
    g_error ("%s of %s: the tree path says \"%s\", the document path \"%s\"",
             what, text, tree_message != NULL ? tree_message : "(fine)",
             doc_message != NULL ? doc_message : "(fine)");
  g_free (tree_message);
  g_free (doc_message);
}

/* Every endpoint's schema check on every body that reads as JSON */
static void
test_checks (void)
{
  static const struct { const char *name; TreeCheck tree; DocCheck doc; } checks[] = {
    { "place order", mr_sim_tree_check_place_order, mr_sim_request_check_place_order },
    { "similar", mr_sim_tree_check_similar, mr_sim_request_check_similar },
    { "check", mr_sim_tree_check_domains, mr_sim_request_check_domains },
    { "pre-warmed", mr_sim_tree_check_prewarmed, mr_sim_request_check_prewarmed },
    { "cancel", mr_sim_tree_check_cancel, mr_sim_request_check_cancel },
  };
  g_autoptr(GPtrArray) bodies = make_bodies ();
  guint n_read = 0, n_fine[G_N_ELEMENTS (checks)] = { 0 }, n_refused[G_N_ELEMENTS (checks)] = { 0 };

  for (guint i = 0; i < bodies->len; i++)
    {
      const char *text = g_ptr_array_index (bodies, i);
      g_autoptr(JsonNode) tree = NULL;
      g_autoptr(MrJsonDoc) doc = mr_json_doc_read (text, strlen (text), MAX_DEPTH, NULL);

      g_assert_cmpint (doc != NULL, ==, mr_json_read (text, strlen (text), MAX_DEPTH, &tree, NULL));
      if (doc == NULL || tree == NULL)
        continue;
      n_read++;

      for (guint c = 0; c < G_N_ELEMENTS (checks); c++)
        {
          char *tree_message = checks[c].tree (tree);

          if (tree_message == NULL)
            n_fine[c]++;
          else
            n_refused[c]++;
          assert_same_message (text, checks[c].name, tree_message,
                               checks[c].doc (mr_json_doc_get_root (doc)));
        }
    }

  /* pre-warmed takes no body at all */
  assert_same_message ("no body", "pre-warmed", mr_sim_tree_check_prewarmed (NULL),
                       mr_sim_request_check_prewarmed (NULL));

  g_test_message ("%u bodies read; place-order bodies fine %u, refused %u", n_read, n_fine[0],
                  n_refused[0]);
  /* the generator reaches both sides of every check */
  for (guint c = 0; c < G_N_ELEMENTS (checks); c++)
    {
      g_assert_cmpuint (n_fine[c], >, 20);
      g_assert_cmpuint (n_refused[c], >, 20);
    }
}

static MrSimState *
make_state (void)
{
  MrSimState *state = mr_sim_state_new ();
  gint64 now = mr_sim_state_now ();

  mr_sim_state_add_order (state, WORKSPACE, "ordered-before.com", NULL, 1, FALSE, now);
  mr_sim_state_add_order (state, WORKSPACE, "extra-owned.com", NULL, 1, FALSE, now);
  mr_sim_state_add_account (state, WORKSPACE, "extra-owned.com", "ada", "Ada", "Lovelace", 1, FALSE, now);
  mr_sim_state_add_account (state, WORKSPACE, "extra-owned.com", "alan", "Alan", "Turing", 1, FALSE, now);
  mr_sim_state_add_order (state, WORKSPACE, "extra-ms.com", NULL, 3, FALSE, now);

  return state;
}

typedef char *(*QuoteWriter) (MrSimQuote         *self,
                              const MrSimPricing *pricing,
                              gboolean            simulation,
                              gboolean            placed,
                              const char         *order_error,
                              const char         *payment_failure_reason,
                              const char         *checkout_url,
                              const char         *cart_order_id,
                              gsize              *length);

static char *
quote_text (QuoteWriter         write,
            MrSimQuote         *quote,
            const MrSimPricing *pricing,
            guint               variant)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  /* the reply's variants: quote, placed, refused payment, checkout */
  switch (variant % 4)
    {
    case 0:
      text = write (quote, pricing, TRUE, FALSE, NULL, NULL, NULL, NULL, &length);
      break;
    case 1:
      text = write (quote, pricing, FALSE, mr_sim_quote_is_valid (quote), NULL, NULL, NULL, NULL,
                    &length);
      break;
    case 2:
      text = write (quote, pricing, FALSE, FALSE, "payment_failed", "card_expired", NULL, NULL,
                    &length);
      break;
    default:
      text = write (quote, pricing, FALSE, FALSE, NULL, NULL, "http://127.0.0.1:1/checkout/x",
                    "x", &length);
      break;
    }

  g_assert_cmpuint (length, ==, strlen (text));

  return g_steal_pointer (&text);
}

/* Quotes of every body that passes the place-order check, with orders on
 * record, promotions and an unavailable provider, read both ways */
static void
test_quotes (void)
{
  g_autoptr(GPtrArray) bodies = make_bodies ();
  MrSimState *state = make_state ();
  MrSimPricing *pricing = mr_sim_pricing_new_default ();
  guint n_quoted = 0, n_valid = 0, n_replies = 0;

  pricing->free_domains = 1;
  pricing->discount_percent = 15;
  pricing->provider_unavailable[2] = TRUE;

  for (guint i = 0; i < bodies->len; i++)
    {
      const char *text = g_ptr_array_index (bodies, i);
      g_autoptr(JsonNode) tree = NULL;
      g_autoptr(MrJsonDoc) doc = mr_json_doc_read (text, strlen (text), MAX_DEPTH, NULL);
      g_autoptr(MrSimQuote) tree_quote = NULL;
      g_autoptr(MrSimQuote) doc_quote = NULL;
      g_autofree char *message = NULL;

      if (doc == NULL || mr_json_doc_get_root (doc) == NULL ||
          (message = mr_sim_request_check_place_order (mr_json_doc_get_root (doc))) != NULL)
        continue;

      g_assert_true (mr_json_read (text, strlen (text), MAX_DEPTH, &tree, NULL));
      tree_quote = mr_sim_tree_quote_new (json_node_get_object (tree), state, pricing, WORKSPACE);
      doc_quote = mr_sim_quote_new (mr_json_doc_get_root (doc), state, pricing, WORKSPACE);
      n_quoted++;
      if (mr_sim_quote_is_valid (doc_quote))
        n_valid++;

      /* the old path (json-glib tree, generic writer) against the new one */
      for (guint variant = 0; variant < 4; variant++)
        {
          g_autofree char *expected = quote_text (mr_sim_tree_quote_to_json, tree_quote, pricing,
                                                  variant);
          g_autofree char *got = quote_text (mr_sim_quote_to_json, doc_quote, pricing, variant);

          if (!g_str_equal (expected, got))
            g_error ("The quote of %s differs:\ntree:     %s\ndocument: %s", text, expected, got);
          n_replies++;
        }
    }

  g_test_message ("%u quotes compared, %u of them valid, in %u replies", n_quoted, n_valid,
                  n_replies);
  g_assert_cmpuint (n_quoted, >, 300);
  g_assert_cmpuint (n_valid, >, 20);
  g_assert_cmpuint (n_quoted - n_valid, >, 100);

  mr_sim_pricing_free (pricing);
  mr_sim_state_free (state);
}

/* What the old server answered to POST /dfy-email-account-orders with
 * @text, given no orders on record: the status and the body */
static char *
tree_reply (const char         *text,
            const MrSimPricing *pricing,
            guint              *status)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autoptr(MrSimQuote) quote = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) envelope = NULL;
  MrSimState *state;
  gboolean simulation;
  char *reply;

  if (!mr_json_read (text, strlen (text), MAX_DEPTH, &root, &error))
    {
      if (g_error_matches (error, MR_JSON_READER_ERROR, MR_JSON_READER_ERROR_DEPTH))
        message = g_strdup ("Body is not valid JSON: it is nested too deeply");
      else
        message = g_strdup_printf ("Body is not valid JSON: %s", error->message);
    }
  else if (root == NULL)
    {
      message = g_strdup ("Body cannot be empty when content-type is set to 'application/json'");
    }
  else
    {
      message = mr_sim_tree_check_place_order (root);
    }

  if (message != NULL)
    {
      *status = 400;
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "statusCode");
      json_builder_add_int_value (builder, 400);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, "Bad Request");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
      json_builder_end_object (builder);
      envelope = json_builder_get_root (builder);

      return mr_sim_json_to_string (envelope, NULL);
    }

  *status = 200;
  state = mr_sim_state_new ();
  simulation = json_object_get_boolean_member_with_default (json_node_get_object (root),
                                                            "simulation", FALSE);
  quote = mr_sim_tree_quote_new (json_node_get_object (root), state, pricing, WORKSPACE);
  reply = mr_sim_tree_quote_to_json (quote, pricing, simulation,
                                     !simulation && mr_sim_quote_is_valid (quote),
                                     NULL, NULL, NULL, NULL, NULL);
  mr_sim_state_free (state);

  return reply;
}

/* The whole server over HTTP against the old path: the same status and
 * bytes for quotes, placements and refusals */
static void
test_over_http (void)
{
  g_autoptr(GPtrArray) bodies = make_bodies ();
  g_autoptr(MrSimServer) sim = mr_sim_test_server_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  guint n_ok = 0, n_refused = 0;

  for (guint i = 0; i < MIN (bodies->len, N_OVER_HTTP); i++)
    {
      const char *text = g_ptr_array_index (bodies, i);
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) got = NULL;
      g_autofree char *expected = NULL;
      guint status = 0;

      if (*text == '\0')
        continue;

      expected = tree_reply (text, mr_sim_server_get_pricing (sim), &status);
      got = mr_sim_test_send (session, sim, "POST", API, MR_SIM_DEMO_KEY, text, &msg, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (soup_message_get_status (msg), ==, status);
      if (g_bytes_get_size (got) != strlen (expected) ||
          memcmp (g_bytes_get_data (got, NULL), expected, strlen (expected)) != 0)
        g_error ("The reply to %s differs:\nold: %s\nnew: %.*s", text, expected,
                 (int) g_bytes_get_size (got), (const char *) g_bytes_get_data (got, NULL));

      if (status == 200)
        n_ok++;
      else
        n_refused++;
      /* a placement went through: start again from no orders */
      mr_sim_server_reset_state (sim);
    }

  g_test_message ("%u replies compared: %u quotes or placements, %u refusals", n_ok + n_refused,
                  n_ok, n_refused);
  g_assert_cmpuint (n_ok, >, 100);
  g_assert_cmpuint (n_refused, >, 100);

  mr_sim_server_disconnect (sim);
}

/* The catalogue's name checks and normalising, rewritten without copies,
 * against the old ones on generated names */
static void
test_names (void)
{
  static const char alphabet[] = "abcxyz0129-._ \t\nAZ\xc3\xbc";
  /* every restricted keyword, some split by hyphens or in capitals, and
   * near misses */
  static const char * const keywords[] = {
    "gmail", "pay-pal", "google", "Microsoft", "out-look", "HOTMAIL", "apple", "ama-zon",
    "paypal", "equi-fax", "instantly", "FaceBook", "insta-gram", "whatsapp", "linked-in",
    "you-tube", "netflix", "yahoo", "stripe", "master-card", "goo", "outloo", "strip",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint n_valid = 0, n_restricted = 0;

  for (guint i = 0; i < 20000; i++)
    {
      GString *name = g_string_new (NULL);
      guint length = chance (rand, 2) ? g_rand_int_range (rand, 250, 400) : g_rand_int_range (rand, 0, 24);

      for (guint j = 0; j < length; j++)
        g_string_append_c (name, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
      if (chance (rand, 30))
        g_string_append (name, chance (rand, 50) ? ".com" : ".org");
      if (chance (rand, 10))
        g_string_insert (name, g_rand_int_range (rand, 0, name->len + 1),
                         keywords[g_rand_int_range (rand, 0, G_N_ELEMENTS (keywords))]);

      g_assert_cmpint (mr_sim_catalog_is_valid_name (name->str), ==,
                       mr_sim_tree_is_valid_name (name->str));
      g_assert_cmpstr (mr_sim_catalog_restricted_keyword (name->str), ==,
                       mr_sim_tree_restricted_keyword (name->str));
      {
        g_autofree char *expected = mr_sim_tree_normalize (name->str);
        g_autofree char *got = mr_sim_catalog_normalize (name->str);

        g_assert_cmpstr (got, ==, expected);
      }
      if (mr_sim_catalog_is_valid_name (name->str))
        n_valid++;
      if (mr_sim_catalog_restricted_keyword (name->str) != NULL)
        n_restricted++;
      g_string_free (name, TRUE);
    }

  g_assert_false (mr_sim_catalog_is_valid_name (NULL));
  g_assert_cmpuint (n_valid, >, 100);
  g_assert_cmpuint (n_restricted, >, 100);
}

/* The catalogue's taken rule, written out plainly for a name in none of
 * its lists: a label before the TLD of 4 or fewer, else FNV-1a % 100 < 20 */
static gboolean
plain_taken_rule (const char *name)
{
  const char *dot = strrchr (name, '.');
  guint32 hash = 2166136261u;

  if (dot != NULL && dot == strchr (name, '.') && dot - name <= 4)
    return TRUE;
  for (const char *p = name; *p != '\0'; p++)
    {
      hash ^= (guchar) *p;
      hash *= 16777619u;
    }

  return hash % 100 < 20;
}

/* The built-in lists: free names are free, taken ones and the pre-warmed
 * inventory taken, each pre-warmed name found with its type; names next
 * to them follow the rule */
static void
test_catalog_lists (void)
{
  static const char * const free_names[] = {
    "acme-outreach.com", "getacme.org", "getacme.com", "tryacme.com", "acmehq.com",
    "mailroom-demo.com", "mailroom-demo.org", "initech-mail.org",
  };
  static const char * const taken_names[] = {
    "google.com", "acme.com", "acme.org", "example.com", "wayne-enterprises.com",
    "sales.org", "email.org", "marketing.com",
  };
  static const char * const near_misses[] = {
    "getacme.co", "acme-outreach.org", "tryacme.com.", "wayne-enterprises.org",
    "acme-growth.org", "acme-growthh.com", "copperfield-mail.com", "zenith-outreach.com",
    "mailroom-demo.net", "getacmee.com", "throughput-outreach-0000.com", "x",
  };
  const MrSimPrewarmed *inventory;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (free_names); i++)
    {
      g_assert_false (mr_sim_catalog_is_taken (free_names[i]));
      g_assert_null (mr_sim_catalog_find_prewarmed (free_names[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (taken_names); i++)
    {
      g_assert_true (mr_sim_catalog_is_taken (taken_names[i]));
      g_assert_null (mr_sim_catalog_find_prewarmed (taken_names[i]));
    }

  inventory = mr_sim_catalog_get_prewarmed (&n);
  g_assert_cmpuint (n, ==, 30);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *upper = g_ascii_strup (inventory[i].domain, -1);

      g_assert_true (mr_sim_catalog_find_prewarmed (inventory[i].domain) == &inventory[i]);
      g_assert_true (mr_sim_catalog_is_taken (inventory[i].domain));
      /* names are compared as given: the callers normalise */
      g_assert_null (mr_sim_catalog_find_prewarmed (upper));
    }

  for (guint i = 0; i < G_N_ELEMENTS (near_misses); i++)
    {
      g_test_message ("%s", near_misses[i]);
      g_assert_null (mr_sim_catalog_find_prewarmed (near_misses[i]));
      g_assert_cmpint (mr_sim_catalog_is_taken (near_misses[i]), ==,
                       plain_taken_rule (near_misses[i]));
    }
}

/* The mailbox prefix rule, written out plainly: 1-64 letters, digits,
 * dots, hyphens and underscores once the white space around it is gone,
 * no dot first, last or twice in a row */
static gboolean
plain_prefix_rule (const char *text)
{
  g_autofree char *prefix = g_strstrip (g_strdup (text));
  gsize length = strlen (prefix);

  if (length == 0 || length > 64 || prefix[0] == '.' || prefix[length - 1] == '.' ||
      strstr (prefix, "..") != NULL)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (prefix[i]) && prefix[i] != '.' && prefix[i] != '-' && prefix[i] != '_')
      return FALSE;

  return TRUE;
}

/* Generated prefixes: a quote of one free domain with one mailbox is
 * valid exactly when the prefix follows the rule */
static void
test_prefixes (void)
{
  static const char alphabet[] = "ab9Z.._- \t\xc3\xbc";
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  MrSimState *state = mr_sim_state_new ();
  MrSimPricing *pricing = mr_sim_pricing_new_default ();
  guint n_valid = 0;

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) prefix = g_string_new (NULL);
      guint length = chance (rand, 10) ? g_rand_int_range (rand, 60, 70) : g_rand_int_range (rand, 0, 8);
      g_autoptr(MrSimQuote) quote = mr_sim_quote_begin ("dfy");

      for (guint j = 0; j < length; j++)
        g_string_append_c (prefix, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);

      mr_sim_quote_add_item (quote, "acme-outreach.com", NULL, 1);
      mr_sim_quote_add_account (quote, prefix->str, "Ada", "Lovelace");
      mr_sim_quote_finish (quote, state, pricing, WORKSPACE);

      if (mr_sim_quote_is_valid (quote) != plain_prefix_rule (prefix->str))
        g_error ("The prefix \"%s\" is %s", prefix->str,
                 mr_sim_quote_is_valid (quote) ? "taken" : "refused");
      if (mr_sim_quote_is_valid (quote))
        n_valid++;
    }

  g_test_message ("%u of 20000 prefixes valid", n_valid);
  g_assert_cmpuint (n_valid, >, 1000);
  g_assert_cmpuint (n_valid, <, 19000);

  mr_sim_pricing_free (pricing);
  mr_sim_state_free (state);
}

/* A string goes out as it is exactly when none of its bytes is special:
 * every byte value, at every place of strings from 0 to 40 bytes (the
 * writer looks at eight bytes at a time) */
static void
test_plain_strings (void)
{
  char text[41];

  /* the writer's scan stops at the end of a string through the table */
  g_assert_true (mr_sim_json_special[0]);

  for (guint length = 0; length < sizeof text; length++)
    {
      memset (text, 'a', length);
      text[length] = '\0';
      g_assert_cmpint (mr_sim_json_plain_length (text), ==, length);

      for (guint at = 0; at < length; at++)
        for (guint byte = 1; byte < 256; byte++)
          {
            text[at] = (char) byte;
            g_assert_cmpint (mr_sim_json_plain_length (text), ==,
                             mr_sim_json_special[byte] ? -1 : (gssize) length);
            text[at] = 'a';
          }
    }
}

/* The tests' writer (which writes the oracle's quote) and the simulator's
 * tree writer (which writes every reply but the quote) give the same JSON,
 * commas, escapes and money included. */
static void
test_json_writer (void)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  MrSimJsonWriter writer;
  JsonObject *object;
  gsize len;

  g_ptr_array_add (strings, "a\"b\\c");
  g_ptr_array_add (strings, "line\nbreak\ttab\x01");

  mr_sim_json_writer_init (&writer, 0);
  mr_sim_json_writer_begin_object (&writer);
  mr_sim_json_writer_name (&writer, "empty");
  mr_sim_json_writer_begin_array (&writer);
  mr_sim_json_writer_end_array (&writer);
  mr_sim_json_writer_strv (&writer, "strings", strings);
  mr_sim_json_writer_name (&writer, "nested");
  mr_sim_json_writer_begin_array (&writer);
  mr_sim_json_writer_begin_object (&writer);
  mr_sim_json_writer_end_object (&writer);
  mr_sim_json_writer_int (&writer, G_MININT64);
  mr_sim_json_writer_int (&writer, 0);
  mr_sim_json_writer_boolean (&writer, FALSE);
  mr_sim_json_writer_string (&writer, NULL);
  mr_sim_json_writer_null (&writer);
  mr_sim_json_writer_end_array (&writer);
  mr_sim_json_writer_name (&writer, "whole");
  mr_sim_json_writer_money (&writer, 4900);
  mr_sim_json_writer_name (&writer, "cents");
  mr_sim_json_writer_money (&writer, 1205);
  mr_sim_json_writer_name (&writer, "negative");
  mr_sim_json_writer_money (&writer, -1250);
  mr_sim_json_writer_end_object (&writer);
  text = mr_sim_json_writer_finish (&writer, &len);

  g_assert_cmpuint (len, ==, strlen (text));
  g_assert_cmpstr (text, ==,
                   "{\"empty\":[],\"strings\":[\"a\\\"b\\\\c\",\"line\\nbreak\\ttab\\u0001\"],"
                   "\"nested\":[{},-9223372036854775808,0,false,null,null],"
                   "\"whole\":49,\"cents\":12.05,\"negative\":-12.50}");

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "strings"), 1),
                   ==, "line\nbreak\ttab\x01");
  g_assert_cmpfloat (json_object_get_double_member (object, "cents"), ==, 12.05);

  /* the tree writer gives the same text back */
  again = mr_sim_json_to_string (json_parser_get_root (parser), NULL);
  g_assert_cmpstr (again, ==, text);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/doc/checks", test_checks);
  g_test_add_func ("/sim/doc/quotes", test_quotes);
  g_test_add_func ("/sim/doc/over-http", test_over_http);
  g_test_add_func ("/sim/doc/names", test_names);
  g_test_add_func ("/sim/doc/catalog-lists", test_catalog_lists);
  g_test_add_func ("/sim/doc/prefixes", test_prefixes);
  g_test_add_func ("/sim/doc/json-writer", test_json_writer);
  g_test_add_func ("/sim/doc/plain-strings", test_plain_strings);

  return g_test_run ();
}
