/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "mailroom-core.h"
#include "mr-test-util.h"

#define WAIT_MS 10000
#define PATH_ORDERS "/api/v2/dfy-email-account-orders"

typedef struct
{
  MrSimServer   *sim;
  MrApiClient   *client;
  MrOrder       *order;
  MrOrderPlacer *placer;
  GArray        *states;   /* MrPlaceState from notify::state */
} Fixture;

static void
state_notify_cb (MrOrderPlacer *placer,
                 GParamSpec    *pspec,
                 Fixture       *fixture)
{
  MrPlaceState state = mr_order_placer_get_state (placer);

  g_array_append_val (fixture->states, state);
}

static void
fill_order (MrOrder    *order,
            const char *domain)
{
  g_autoptr(MrOrderItem) item = mr_order_item_new (domain);
  g_autoptr(MrAccount) jane = mr_account_new ("Jane", "Doe", "jane");
  g_autoptr(MrAccount) john = mr_account_new ("John", "Smith", "john");

  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_GOOGLE);
  mr_order_item_append_account (item, jane);
  mr_order_item_append_account (item, john);
  mr_order_append_item (order, item);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *domain = data != NULL ? data : "mailroom-demo.com";

  fixture->sim = mr_test_sim_new ();
  fixture->client = mr_test_client_new (fixture->sim, NULL);
  fixture->order = mr_order_new (MR_ORDER_TYPE_DFY);
  fill_order (fixture->order, domain);
  fixture->placer = mr_order_placer_new (fixture->client, fixture->order);
  fixture->states = g_array_new (FALSE, FALSE, sizeof (MrPlaceState));
  g_signal_connect (fixture->placer, "notify::state", G_CALLBACK (state_notify_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->placer);
  g_clear_object (&fixture->order);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sim);
  g_array_unref (fixture->states);
}

static MrQuote *
simulate (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MrQuote *quote;

  mr_api_client_simulate_order_async (fixture->client, fixture->order, NULL,
                                      mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  quote = mr_api_client_simulate_order_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quote);

  return quote;
}

/* Returns the reply, or NULL with @error set */
static MrQuote *
place (Fixture  *fixture,
       MrQuote  *quote,
       GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mr_order_placer_place_async (fixture->placer, quote, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);

  return mr_order_placer_place_finish (fixture->placer, result, error);
}

static guint
n_place_requests (Fixture *fixture)
{
  /* the simulations of a test are made before, so the rest are placing attempts */
  return mr_sim_server_get_n_requests (fixture->sim, PATH_ORDERS);
}

static void
test_refuses_without_quote (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) reply = NULL;

  g_assert_cmpint (mr_order_placer_get_state (fixture->placer), ==, MR_PLACE_STATE_READY);

  reply = place (fixture, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NOT_PLACED);
  g_assert_cmpint (mr_order_placer_get_state (fixture->placer), ==, MR_PLACE_STATE_FAILED);
  g_assert_cmpuint (n_place_requests (fixture), ==, 0);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);
}

static void
test_refuses_old_revision (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MrQuote) quote = simulate (fixture);
  g_autoptr(MrQuote) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (quote->order_is_valid);
  mr_account_set_first_name (mr_order_item_get_account (mr_order_get_item (fixture->order, 0), 0),
                             "Janet");

  reply = place (fixture, quote, &error);
  g_assert_null (reply);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NOT_PLACED);
  g_assert_cmpuint (n_place_requests (fixture), ==, 1);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);
}

static void
test_refuses_invalid_quote (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MrQuote) quote = simulate (fixture);
  g_autoptr(MrQuote) reply = NULL;
  g_autoptr(MrQuote) not_simulated = NULL;
  g_autoptr(GError) error = NULL;

  /* acme.com is taken: the server says the order is not valid */
  g_assert_false (quote->order_is_valid);
  g_assert_cmpuint (quote->revision, ==, mr_order_get_revision (fixture->order));

  reply = place (fixture, quote, &error);
  g_assert_null (reply);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NOT_PLACED);
  g_clear_error (&error);

  /* a reply that is not a simulation is no quote to place on */
  not_simulated = mr_quote_new ();
  not_simulated->revision = mr_order_get_revision (fixture->order);
  not_simulated->order_is_valid = TRUE;
  not_simulated->simulation = FALSE;
  reply = place (fixture, not_simulated, &error);
  g_assert_null (reply);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NOT_PLACED);

  g_assert_cmpuint (n_place_requests (fixture), ==, 1);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);
}

static void
test_places_once (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MrQuote) quote = simulate (fixture);
  g_autoptr(MrQuote) reply = NULL;
  g_autoptr(MrQuote) again = NULL;
  g_autoptr(GError) error = NULL;
  MrPlaceState expected[] = { MR_PLACE_STATE_SENDING, MR_PLACE_STATE_PLACED };

  g_assert_true (quote->order_is_valid);

  reply = place (fixture, quote, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_true (reply->order_placed);
  g_assert_false (reply->simulation);
  g_assert_cmpint (mr_order_placer_get_state (fixture->placer), ==, MR_PLACE_STATE_PLACED);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 1);

  g_assert_cmpuint (fixture->states->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (g_array_index (fixture->states, MrPlaceState, i), ==, expected[i]);

  /* never twice, even with a quote that looks fine */
  again = place (fixture, quote, &error);
  g_assert_null (again);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NOT_PLACED);
  g_assert_cmpint (mr_order_placer_get_state (fixture->placer), ==, MR_PLACE_STATE_PLACED);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 1);
  g_assert_cmpuint (n_place_requests (fixture), ==, 2);
}

static void
test_rejected (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(MrQuote) quote = simulate (fixture);
  g_autoptr(MrQuote) reply = NULL;
  g_autoptr(GError) error = NULL;

  mr_sim_server_set_payment (fixture->sim, MR_SIM_PAYMENT_GENERIC_DECLINE);

  reply = place (fixture, quote, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_false (reply->order_placed);
  g_assert_cmpint (reply->order_error, ==, MR_ORDER_ERROR_PAYMENT_FAILED);
  g_assert_cmpint (mr_order_placer_get_state (fixture->placer), ==, MR_PLACE_STATE_REJECTED);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);
}

static void
test_unknown (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(MrQuote) quote = simulate (fixture);
  g_autoptr(MrQuote) reply = NULL;
  g_autoptr(GError) error = NULL;

  mr_sim_server_inject_fault (fixture->sim, PATH_ORDERS, MR_SIM_FAULT_DROP, 3);

  reply = place (fixture, quote, &error);
  g_assert_null (reply);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN);
  g_assert_cmpint (mr_order_placer_get_state (fixture->placer), ==, MR_PLACE_STATE_UNKNOWN);
  /* the simulation and exactly one placing request */
  g_assert_cmpuint (n_place_requests (fixture), ==, 2);
}

/* The dangerous case: the server placed the order, then the reply was
 * lost. The placer must report "unknown", not "failed", and not resend. */
static void
test_unknown_after_placing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MrQuote) quote = simulate (fixture);
  g_autoptr(MrQuote) reply = NULL;
  g_autoptr(GError) error = NULL;

  mr_sim_server_inject_fault (fixture->sim, PATH_ORDERS, MR_SIM_FAULT_DROP_AFTER, 3);

  reply = place (fixture, quote, &error);
  g_assert_null (reply);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN);
  g_assert_cmpint (mr_order_placer_get_state (fixture->placer), ==, MR_PLACE_STATE_UNKNOWN);
  /* the server did record it, exactly once */
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 1);
  g_assert_cmpuint (n_place_requests (fixture), ==, 2);
}

static void
test_failed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(MrQuote) quote = simulate (fixture);
  g_autoptr(MrQuote) reply = NULL;
  g_autoptr(GError) error = NULL;

  mr_sim_server_set_has_plan (fixture->sim, FALSE);

  reply = place (fixture, quote, &error);
  g_assert_null (reply);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PAYMENT_REQUIRED);
  g_assert_cmpint (mr_order_placer_get_state (fixture->placer), ==, MR_PLACE_STATE_FAILED);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);

  /* a failure is final for this placer too: the user decides on a new attempt */
  mr_sim_server_set_has_plan (fixture->sim, TRUE);
  g_clear_error (&error);
  g_clear_pointer (&reply, mr_quote_unref);
  reply = place (fixture, quote, &error);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NOT_PLACED);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add ("/mr/order-placer/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("refuses/no-quote", NULL, test_refuses_without_quote);
  ADD ("refuses/old-revision", NULL, test_refuses_old_revision);
  ADD ("refuses/invalid-quote", "acme.com", test_refuses_invalid_quote);
  ADD ("places-once", NULL, test_places_once);
  ADD ("rejected", NULL, test_rejected);
  ADD ("unknown", NULL, test_unknown);
  ADD ("unknown/after-placing", NULL, test_unknown_after_placing);
  ADD ("failed", NULL, test_failed);

#undef ADD

  return g_test_run ();
}
