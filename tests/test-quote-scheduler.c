/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "mailroom-core.h"
#include "mr-test-util.h"

#define WAIT_MS 10000
#define PATH_ORDERS "/api/v2/dfy-email-account-orders"

typedef struct
{
  MrSimServer      *sim;
  MrApiClient      *client;
  MrOrder          *order;
  MrQuoteScheduler *scheduler;
  GArray           *states;        /* MrQuoteState, from notify::state */
  guint             n_quotes;      /* notify::quote with a quote */
  gboolean          stale_quote;   /* a quote set for a revision that was not current */
} Fixture;

static MrOrderItem *
make_item (const char *domain)
{
  MrOrderItem *item = mr_order_item_new (domain);
  g_autoptr(MrAccount) account = mr_account_new ("Jane", "Doe", "jane");

  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_GOOGLE);
  mr_order_item_append_account (item, account);

  return item;
}

static void
state_notify_cb (MrQuoteScheduler *scheduler,
                 GParamSpec       *pspec,
                 Fixture          *fixture)
{
  MrQuoteState state = mr_quote_scheduler_get_state (scheduler);

  g_array_append_val (fixture->states, state);
}

static void
quote_notify_cb (MrQuoteScheduler *scheduler,
                 GParamSpec       *pspec,
                 Fixture          *fixture)
{
  MrQuote *quote = mr_quote_scheduler_get_quote (scheduler);

  if (quote == NULL)
    return;

  fixture->n_quotes++;
  if (quote->revision != mr_order_get_revision (fixture->order))
    fixture->stale_quote = TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->sim = mr_test_sim_new ();
  fixture->client = mr_test_client_new (fixture->sim, NULL);
  fixture->order = mr_order_new (MR_ORDER_TYPE_DFY);
  fixture->states = g_array_new (FALSE, FALSE, sizeof (MrQuoteState));
}

static void
fixture_start (Fixture *fixture,
               guint    delay)
{
  fixture->scheduler = mr_quote_scheduler_new (fixture->client, fixture->order);
  mr_quote_scheduler_set_delay (fixture->scheduler, delay);
  g_signal_connect (fixture->scheduler, "notify::state", G_CALLBACK (state_notify_cb), fixture);
  g_signal_connect (fixture->scheduler, "notify::quote", G_CALLBACK (quote_notify_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->scheduler != NULL)
    g_assert_finalize_object (fixture->scheduler);
  g_clear_object (&fixture->order);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sim);
  g_array_unref (fixture->states);
}

static gboolean
is_settled (gpointer data)
{
  Fixture *fixture = data;
  MrQuoteState state = mr_quote_scheduler_get_state (fixture->scheduler);

  return state == MR_QUOTE_STATE_FRESH || state == MR_QUOTE_STATE_ERROR;
}

static gboolean
request_arrived (gpointer data)
{
  Fixture *fixture = data;

  return mr_sim_server_get_n_requests (fixture->sim, PATH_ORDERS) > 0;
}

static guint
n_requests (Fixture *fixture)
{
  return mr_sim_server_get_n_requests (fixture->sim, PATH_ORDERS);
}

static void
test_idle (Fixture       *fixture,
           gconstpointer  data)
{
  fixture_start (fixture, 10);

  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_IDLE);
  mr_test_spin (200);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_IDLE);
  g_assert_null (mr_quote_scheduler_get_quote (fixture->scheduler));
  g_assert_null (mr_quote_scheduler_get_error (fixture->scheduler));
  g_assert_cmpuint (n_requests (fixture), ==, 0);

  /* "Try again" on an empty order asks nothing either */
  mr_quote_scheduler_refresh (fixture->scheduler);
  mr_test_spin (100);
  g_assert_cmpuint (n_requests (fixture), ==, 0);
}

static void
test_debounce (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(MrOrderItem) item = make_item ("mailroom-demo.com");
  MrAccount *account;
  MrQuote *quote;
  guint delay = 0;

  fixture_start (fixture, 100);
  g_object_get (fixture->scheduler, "delay", &delay, NULL);
  g_assert_cmpuint (delay, ==, 100);

  mr_order_append_item (fixture->order, item);
  account = mr_order_item_get_account (item, 0);

  /* many edits before the main loop runs: the delay cannot pass between them */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("Jane%u", i);

      mr_account_set_first_name (account, name);
    }
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_QUOTING);

  mr_test_wait_until (is_settled, fixture, WAIT_MS);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_FRESH);
  g_assert_cmpuint (n_requests (fixture), ==, 1);

  quote = mr_quote_scheduler_get_quote (fixture->scheduler);
  g_assert_nonnull (quote);
  g_assert_true (quote->simulation);
  g_assert_cmpuint (quote->revision, ==, mr_order_get_revision (fixture->order));
  g_assert_true (mr_quote_scheduler_get_fresh_quote (fixture->scheduler) == quote);

  /* nothing more is asked while nothing changes */
  mr_test_spin (300);
  g_assert_cmpuint (n_requests (fixture), ==, 1);
}

static void
test_change_in_flight (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(MrOrderItem) item = make_item ("mailroom-demo.com");
  MrQuote *quote;

  mr_sim_server_set_latency (fixture->sim, 600);
  mr_order_append_item (fixture->order, item);
  fixture_start (fixture, 0);

  mr_test_wait_until (request_arrived, fixture, WAIT_MS);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_QUOTING);

  /* the order changes while the first request is in flight */
  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_AIRMAIL);

  mr_test_wait_until (is_settled, fixture, WAIT_MS);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_FRESH);
  g_assert_cmpuint (n_requests (fixture), ==, 2);

  /* the first reply was dropped: one quote only, for the current revision */
  g_assert_cmpuint (fixture->n_quotes, ==, 1);
  g_assert_false (fixture->stale_quote);
  quote = mr_quote_scheduler_get_quote (fixture->scheduler);
  g_assert_cmpuint (quote->revision, ==, mr_order_get_revision (fixture->order));
  g_assert_nonnull (quote->order_items);
  g_assert_cmpuint (quote->order_items->len, ==, 1);
  g_assert_cmpint (((MrQuoteItem *) g_ptr_array_index (quote->order_items, 0))->email_provider,
                   ==, MR_EMAIL_PROVIDER_AIRMAIL);

  /* and its late reply changes nothing */
  mr_test_spin (800);
  g_assert_cmpuint (fixture->n_quotes, ==, 1);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_FRESH);
}

static void
test_states (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(MrOrderItem) item = make_item ("mailroom-demo.com");
  MrQuoteState expected[] = {
    MR_QUOTE_STATE_QUOTING,
    MR_QUOTE_STATE_FRESH,
    MR_QUOTE_STATE_STALE,
    MR_QUOTE_STATE_FRESH,
    MR_QUOTE_STATE_IDLE,
  };
  MrQuote *old_quote;

  fixture_start (fixture, 20);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_IDLE);

  mr_order_append_item (fixture->order, item);
  mr_test_wait_until (is_settled, fixture, WAIT_MS);

  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_AIRMAIL);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_STALE);
  /* the old quote is still there to show, but it is not fresh */
  old_quote = mr_quote_scheduler_get_quote (fixture->scheduler);
  g_assert_nonnull (old_quote);
  g_assert_cmpuint (old_quote->revision, <, mr_order_get_revision (fixture->order));
  g_assert_null (mr_quote_scheduler_get_fresh_quote (fixture->scheduler));

  mr_test_wait_until (is_settled, fixture, WAIT_MS);
  g_assert_nonnull (mr_quote_scheduler_get_fresh_quote (fixture->scheduler));

  mr_order_remove_all (fixture->order);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_IDLE);
  g_assert_null (mr_quote_scheduler_get_quote (fixture->scheduler));

  g_assert_cmpuint (fixture->states->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (g_array_index (fixture->states, MrQuoteState, i), ==, expected[i]);

  g_assert_false (fixture->stale_quote);
  g_assert_cmpuint (n_requests (fixture), ==, 2);
}

static void
test_error (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(MrOrderItem) item = make_item ("mailroom-demo.com");
  const GError *error;
  MrQuote *first;

  mr_order_append_item (fixture->order, item);
  fixture_start (fixture, 10);
  mr_test_wait_until (is_settled, fixture, WAIT_MS);
  first = mr_quote_scheduler_get_quote (fixture->scheduler);
  g_assert_nonnull (first);

  mr_sim_server_inject_fault (fixture->sim, PATH_ORDERS, MR_SIM_FAULT_SERVER_ERROR, 1);
  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_AIRMAIL);
  mr_test_wait_until (is_settled, fixture, WAIT_MS);

  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_ERROR);
  error = mr_quote_scheduler_get_error (fixture->scheduler);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_SERVER);
  /* the last quote is kept, and known to be old */
  g_assert_true (mr_quote_scheduler_get_quote (fixture->scheduler) == first);
  g_assert_null (mr_quote_scheduler_get_fresh_quote (fixture->scheduler));

  {
    g_autoptr(GError) copy = NULL;

    g_object_get (fixture->scheduler, "error", &copy, NULL);
    g_assert_error (copy, MR_API_ERROR, MR_API_ERROR_SERVER);
  }

  /* no retry on its own */
  mr_test_spin (200);
  g_assert_cmpuint (n_requests (fixture), ==, 2);

  /* "Try again" */
  mr_quote_scheduler_refresh (fixture->scheduler);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), !=, MR_QUOTE_STATE_ERROR);
  mr_test_wait_until (is_settled, fixture, WAIT_MS);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_FRESH);
  g_assert_null (mr_quote_scheduler_get_error (fixture->scheduler));
  g_assert_cmpuint (n_requests (fixture), ==, 3);
}

static void
test_dispose_in_flight (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MrOrderItem) item = make_item ("mailroom-demo.com");

  mr_sim_server_set_latency (fixture->sim, 400);
  mr_order_append_item (fixture->order, item);
  fixture_start (fixture, 0);
  mr_test_wait_until (request_arrived, fixture, WAIT_MS);

  g_assert_finalize_object (g_steal_pointer (&fixture->scheduler));

  /* the cancelled request ends without touching the freed scheduler */
  mr_test_spin (600);
  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_AIRMAIL);
  mr_test_spin (50);
  g_assert_cmpuint (n_requests (fixture), ==, 1);
}

static void
test_set_client (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MrOrderItem) item = make_item ("mailroom-demo.com");
  g_autoptr(MrSimServer) other_sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) other = mr_test_client_new (other_sim, NULL);

  mr_order_append_item (fixture->order, item);
  fixture_start (fixture, 10);
  mr_test_wait_until (is_settled, fixture, WAIT_MS);

  mr_quote_scheduler_set_client (fixture->scheduler, other);
  mr_test_wait_until (is_settled, fixture, WAIT_MS);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_FRESH);
  g_assert_cmpuint (mr_sim_server_get_n_requests (other_sim, PATH_ORDERS), ==, 1);
  g_assert_cmpuint (n_requests (fixture), ==, 1);
}

/* A restored order is quoted without waiting for edits to settle, and
 * quote-now asks nothing more once the quote is in */
static void
test_quote_now (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MrOrderItem) item = make_item ("mailroom-demo.com");
  gint64 start;

  mr_order_append_item (fixture->order, item);
  fixture_start (fixture, 60000);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_QUOTING);

  start = g_get_monotonic_time ();
  mr_quote_scheduler_quote_now (fixture->scheduler);
  mr_test_wait_until (is_settled, fixture, WAIT_MS);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_FRESH);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  g_assert_false (fixture->stale_quote);

  mr_quote_scheduler_quote_now (fixture->scheduler);
  mr_test_spin (200);
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture->scheduler), ==, MR_QUOTE_STATE_FRESH);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/mr/quote-scheduler/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("idle", test_idle);
  ADD ("debounce", test_debounce);
  ADD ("change-in-flight", test_change_in_flight);
  ADD ("states", test_states);
  ADD ("error", test_error);
  ADD ("dispose-in-flight", test_dispose_in_flight);
  ADD ("set-client", test_set_client);
  ADD ("quote-now", test_quote_now);

#undef ADD

  return g_test_run ();
}
