/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mr-sim-catalog.h"
#include "mr-sim-server.h"
#include "mr-sim-test-util.h"

/* The simulator's faults aimed at placements or quotes only (a quote and
 * a placement both POST the same path; the body's `simulation` tells
 * them apart), with plain libsoup requests. */

#define API "/api/v2/dfy-email-account-orders"

typedef struct
{
  MrSimServer *sim;
  SoupSession *session;
  guint        n_domains;
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

/* A new domain the simulator offers */
static char *
free_domain (Fixture *f)
{
  for (;;)
    {
      char *domain = g_strdup_printf ("fault-target-%u.com", ++f->n_domains);

      if (mr_sim_catalog_check (domain, NULL) == MR_SIM_AVAILABLE)
        return domain;
      g_free (domain);
    }
}

static char *
order_body (const char *domain,
            gboolean    simulation)
{
  return g_strdup_printf ("{\"order_type\": \"dfy\", \"simulation\": %s, \"items\": [{"
                          "\"domain\": \"%s\", \"email_provider\": 1, \"accounts\": [{"
                          "\"first_name\": \"Jane\", \"last_name\": \"Doe\", "
                          "\"email_address_prefix\": \"jane\"}]}]}",
                          simulation ? "true" : "false", domain);
}

/* POSTs @body to the orders path; the status, or 0 when the connection
 * was closed without a reply */
static guint
post (Fixture    *f,
      const char *body)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = mr_sim_test_send (f->session, f->sim, "POST", API, MR_SIM_DEMO_KEY, body, &msg, &error);
  if (reply == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }

  return soup_message_get_status (msg);
}

static guint
quote (Fixture    *f,
       const char *domain)
{
  g_autofree char *body = order_body (domain, TRUE);

  return post (f, body);
}

static guint
place (Fixture    *f,
       const char *domain)
{
  g_autofree char *body = order_body (domain, FALSE);

  return post (f, body);
}

static void
inject (Fixture    *f,
        const char *spec)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mr_sim_server_inject_fault_spec (f->sim, spec, &error));
  g_assert_no_error (error);
}

/* place:drop-after: the quote goes through, the placement is recorded
 * and its reply lost; the fault is used up */
static void
test_place_drop_after (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *domain = free_domain (f);
  g_autofree char *other = free_domain (f);

  inject (f, "place:drop-after");

  g_assert_cmpuint (quote (f, domain), ==, 200);
  g_assert_cmpuint (quote (f, domain), ==, 200);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 0);

  g_assert_cmpuint (place (f, domain), ==, 0);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 1);
  g_assert_cmpuint (mr_sim_server_get_n_place_requests (f->sim), ==, 1);

  g_assert_cmpuint (place (f, other), ==, 200);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 2);
}

/* place:drop-before (and its older name drop): no reply, no order */
static void
test_place_drop_before (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *domain = free_domain (f);

  inject (f, "place:drop-before");
  inject (f, "place:drop");

  g_assert_cmpuint (quote (f, domain), ==, 200);
  g_assert_cmpuint (place (f, domain), ==, 0);
  g_assert_cmpuint (place (f, domain), ==, 0);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 0);
  g_assert_cmpuint (mr_sim_server_get_n_place_requests (f->sim), ==, 2);

  g_assert_cmpuint (place (f, domain), ==, 200);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 1);
}

/* place:500:2 and place:malformed: the placements fail, quotes do not */
static void
test_place_500 (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *domain = free_domain (f);

  inject (f, "place:500:2");

  g_assert_cmpuint (place (f, domain), ==, 500);
  g_assert_cmpuint (quote (f, domain), ==, 200);
  g_assert_cmpuint (place (f, domain), ==, 500);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 0);

  inject (f, "place:malformed");
  g_assert_cmpuint (quote (f, domain), ==, 200);
  g_assert_cmpuint (place (f, domain), ==, 200);   /* 200, body not JSON */
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 0);
  g_assert_cmpuint (place (f, domain), ==, 200);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 1);
}

/* quote:KIND spares the placement */
static void
test_quote_only (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *domain = free_domain (f);

  inject (f, "quote:500");
  inject (f, "quote:drop-after");

  g_assert_cmpuint (place (f, domain), ==, 200);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 1);
  g_assert_cmpuint (quote (f, domain), ==, 500);
  g_assert_cmpuint (quote (f, domain), ==, 0);
  g_assert_cmpuint (quote (f, domain), ==, 200);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 1);
  g_assert_cmpuint (mr_sim_server_get_n_place_requests (f->sim), ==, 1);
}

/* PATH:KIND[:COUNT] still hits quotes and placements alike, and "*" any path */
static void
test_path_form (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *domain = free_domain (f);

  inject (f, API ":500:2");
  g_assert_cmpuint (quote (f, domain), ==, 500);
  g_assert_cmpuint (place (f, domain), ==, 500);
  g_assert_cmpuint (place (f, domain), ==, 200);

  mr_sim_server_inject_fault (f->sim, API, MR_SIM_FAULT_DROP, 1);
  g_assert_cmpuint (quote (f, domain), ==, 0);

  inject (f, "*:500");
  g_assert_cmpuint (quote (f, domain), ==, 500);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 1);
}

/* A body that is not {"simulation": true} is a placement, as the endpoint
 * treats it: no body, a string "true", not JSON, nested past any limit */
static void
test_what_is_a_placement (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new ("{\"simulation\": true, \"x\": ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');

  mr_sim_server_inject_fault_on (f->sim, MR_SIM_FAULT_TARGET_PLACE, MR_SIM_FAULT_SERVER_ERROR, 4);

  g_assert_cmpuint (post (f, "{\"order_type\": \"dfy\", \"simulation\": \"true\", \"items\": []}"), ==, 500);
  g_assert_cmpuint (post (f, "not json"), ==, 500);
  g_assert_cmpuint (post (f, "[true]"), ==, 500);
  g_assert_cmpuint (post (f, deep->str), ==, 500);
  g_assert_cmpuint (mr_sim_server_get_n_place_requests (f->sim), ==, 4);

  /* GET on the same path is neither */
  mr_sim_server_inject_fault_on (f->sim, MR_SIM_FAULT_TARGET_QUOTE, MR_SIM_FAULT_SERVER_ERROR, 1);
  {
    g_autoptr(SoupMessage) msg = NULL;
    g_autoptr(GBytes) reply = NULL;

    reply = mr_sim_test_send (f->session, f->sim, "GET", API, MR_SIM_DEMO_KEY, NULL, &msg, NULL);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  }
  g_assert_cmpuint (mr_sim_server_get_n_place_requests (f->sim), ==, 4);
}

static void
test_bad_specs (Fixture       *f,
                gconstpointer  data)
{
  static const char * const bad[] = {
    "place", "place:boom", "quote:500:0", "place:drop-after:x", ":", "place:500:-1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mr_sim_server_inject_fault_spec (f->sim, bad[i], &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/mr/sim/faults/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("place-drop-after-spares-quotes", test_place_drop_after);
  ADD ("place-drop-before-records-nothing", test_place_drop_before);
  ADD ("place-500-and-malformed-spare-quotes", test_place_500);
  ADD ("quote-faults-spare-placements", test_quote_only);
  ADD ("path-kind-form-still-works", test_path_form);
  ADD ("what-counts-as-a-placement", test_what_is_a_placement);
  ADD ("bad-specs-are-refused", test_bad_specs);

  return g_test_run ();
}
