/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Replies are parsed on a worker thread and handed back on the request's
 * task in the main context: against the simulator over loopback, with
 * the client's test hook telling which thread parsed and holding a parse
 * while the test cancels or sends another request. */

#include "config.h"

#include <string.h>

#include "mailroom-core.h"
#include "mr-api-client-private.h"
#include "mr-test-util.h"

#define WAIT_MS 10000
#define PATH_ORDERS "/api/v2/dfy-email-account-orders"
#define PATH_CHECK  PATH_ORDERS "/domains/check"

typedef struct
{
  GMutex   lock;
  GCond    cond;
  GThread *main_thread;
  guint64  hold_revision;   /* a parse for it waits for release; 0: none */
  gboolean released;
  gboolean held;            /* the held parse has begun */
  gboolean held_done;       /* and ended */
  guint    n_started;
  guint    n_parsed;
  guint    n_on_main;       /* parses that ran on the main thread */
} Hook;

static void
hook_cb (guint64  revision,
         gboolean parsed,
         gpointer user_data)
{
  Hook *hook = user_data;

  g_mutex_lock (&hook->lock);

  if (parsed)
    {
      hook->n_parsed++;
      if (hook->hold_revision != 0 && revision == hook->hold_revision)
        hook->held_done = TRUE;
    }
  else
    {
      hook->n_started++;
      if (g_thread_self () == hook->main_thread)
        hook->n_on_main++;

      if (hook->hold_revision != 0 && revision == hook->hold_revision)
        {
          hook->held = TRUE;
          while (!hook->released)
            g_cond_wait (&hook->cond, &hook->lock);
        }
    }

  g_mutex_unlock (&hook->lock);
}

static void
hook_init (Hook        *hook,
           MrApiClient *client)
{
  g_mutex_init (&hook->lock);
  g_cond_init (&hook->cond);
  hook->main_thread = g_thread_self ();
  mr_api_client_set_parse_hook (client, hook_cb, hook);
}

static void
hook_hold (Hook    *hook,
           guint64  revision)
{
  g_mutex_lock (&hook->lock);
  hook->hold_revision = revision;
  hook->released = FALSE;
  hook->held = FALSE;
  hook->held_done = FALSE;
  g_mutex_unlock (&hook->lock);
}

static void
hook_release (Hook *hook)
{
  g_mutex_lock (&hook->lock);
  hook->released = TRUE;
  g_cond_broadcast (&hook->cond);
  g_mutex_unlock (&hook->lock);
}

static gboolean
hook_is_held (gpointer data)
{
  Hook *hook = data;
  gboolean held;

  g_mutex_lock (&hook->lock);
  held = hook->held;
  g_mutex_unlock (&hook->lock);

  return held;
}

static gboolean
hook_is_held_done (gpointer data)
{
  Hook *hook = data;
  gboolean done;

  g_mutex_lock (&hook->lock);
  done = hook->held_done;
  g_mutex_unlock (&hook->lock);

  return done;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* mr_test_wait_until(), for a condition a worker thread makes true
 * without waking the main context */
static void
wait_for_thread (gboolean (*condition) (gpointer data),
                 gpointer   data)
{
  guint tick = g_timeout_add (5, tick_cb, NULL);

  mr_test_wait_until (condition, data, WAIT_MS);
  g_source_remove (tick);
}

/* Lets a held parse go and waits until it has ended, so that nothing of
 * it outlives the test */
static void
hook_finish (Hook *hook)
{
  hook_release (hook);
  wait_for_thread (hook_is_held_done, hook);
  /* its task is dropped on that thread right after; give it the time */
  mr_test_spin (50);
}

static void
hook_clear (Hook        *hook,
            MrApiClient *client)
{
  mr_api_client_set_parse_hook (client, NULL, NULL);
  g_mutex_clear (&hook->lock);
  g_cond_clear (&hook->cond);
}

static void
hook_assert_counts (Hook  *hook,
                    guint  n)
{
  g_mutex_lock (&hook->lock);
  g_assert_cmpuint (hook->n_started, ==, n);
  g_assert_cmpuint (hook->n_parsed, ==, n);
  g_assert_cmpuint (hook->n_on_main, ==, 0);
  g_mutex_unlock (&hook->lock);
}

static void
add_domain (MrOrder    *order,
            const char *domain)
{
  g_autoptr(MrOrderItem) item = mr_order_item_new (domain);
  g_autoptr(MrAccount) account = mr_account_new ("Jane", "Doe", "jane");

  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_GOOGLE);
  mr_order_item_append_account (item, account);
  mr_order_append_item (order, item);
}

static MrOrder *
make_order (void)
{
  MrOrder *order = mr_order_new (MR_ORDER_TYPE_DFY);

  add_domain (order, "mailroom-demo.com");

  return order;
}

static MrQuote *
simulate (MrApiClient   *client,
          MrOrder       *order,
          GAsyncResult **result,
          GError       **error)
{
  mr_api_client_simulate_order_async (client, order, NULL, mr_test_store_result_cb, result);
  mr_test_wait_result (result, WAIT_MS);

  return mr_api_client_simulate_order_finish (client, *result, error);
}

/* Every kind of reply is parsed off the main thread, and what the caller
 * gets is as before: the result, and the reply's bytes */
static void
test_parsed_off_main (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = make_order ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) check_result = NULL;
  g_autoptr(GAsyncResult) list_result = NULL;
  g_autoptr(GPtrArray) availability = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(MrPage) page = NULL;
  g_autoptr(GError) error = NULL;
  const char * const domains[] = { "mailroom-demo.com", NULL };
  Hook hook = { 0 };

  hook_init (&hook, client);

  quote = simulate (client, order, &result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quote);
  g_assert_true (quote->simulation);
  g_assert_cmpuint (quote->revision, ==, mr_order_get_revision (order));
  g_assert_cmpint (quote->number_of_accounts_ordered, ==, 1);
  g_assert_nonnull (mr_api_result_get_reply (result));
  g_assert_cmpuint (g_bytes_get_size (mr_api_result_get_reply (result)), >, 0);
  hook_assert_counts (&hook, 1);

  mr_api_client_check_domains_async (client, domains, NULL, mr_test_store_result_cb, &check_result);
  mr_test_wait_result (&check_result, WAIT_MS);
  availability = mr_api_client_check_domains_finish (client, check_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (availability->len, ==, 1);
  hook_assert_counts (&hook, 2);

  mr_api_client_list_orders_async (client, 0, NULL, NULL, mr_test_store_result_cb, &list_result);
  mr_test_wait_result (&list_result, WAIT_MS);
  page = mr_api_client_list_orders_finish (client, list_result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  hook_assert_counts (&hook, 3);

  hook_clear (&hook, client);
}

static GError *
list_orders_error (MrApiClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrPage) page = NULL;
  GError *error = NULL;

  mr_api_client_list_orders_async (client, 0, NULL, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  page = mr_api_client_list_orders_finish (client, result, &error);
  g_assert_null (page);

  return error;
}

/* NULL when the domain was checked */
static GError *
check_error (MrApiClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  const char * const domains[] = { "mailroom-demo.com", NULL };
  GError *error = NULL;

  mr_api_client_check_domains_async (client, domains, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  results = mr_api_client_check_domains_finish (client, result, &error);
  g_assert_true ((results == NULL) != (error == NULL));

  return error;
}

static GError *
place_error (MrApiClient *client,
             MrOrder     *order)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrQuote) quote = NULL;
  GError *error = NULL;

  mr_api_client_place_order_async (client, order, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  quote = mr_api_client_place_order_finish (client, result, &error);
  g_assert_null (quote);
  g_assert_null (mr_api_result_get_reply (result));

  return error;
}

/* Error replies go through the same worker and map as they always did */
static void
test_errors_off_main (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrApiClient) wrong_key = mr_test_client_new (sim, "no-such-key");
  g_autoptr(MrOrder) order = make_order ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(GError) error = NULL;
  Hook hook = { 0 };
  Hook wrong_key_hook = { 0 };

  hook_init (&hook, client);
  hook_init (&wrong_key_hook, wrong_key);

  error = list_orders_error (wrong_key);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 401);
  g_assert_null (strstr (error->message, "no-such-key"));
  hook_assert_counts (&wrong_key_hook, 1);
  g_clear_error (&error);

  /* 429 with the Retry-After the simulator sends */
  mr_sim_server_set_rate_limits (sim, 1, 0);
  g_clear_error (&error);
  error = check_error (client);
  g_assert_no_error (error);
  error = check_error (client);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 429);
  g_assert_cmpint (mr_api_error_get_retry_after (error), >, 0);
  g_assert_cmpint (mr_api_error_get_retry_after (error), <=, 60);
  g_clear_error (&error);
  mr_sim_server_set_rate_limits (sim, 0, 0);
  hook_assert_counts (&hook, 2);

  /* an unparsable quote is a parse error; for a placed order the result is unknown */
  mr_sim_server_inject_fault (sim, PATH_ORDERS, MR_SIM_FAULT_MALFORMED, 1);
  quote = simulate (client, order, &result, &error);
  g_assert_null (quote);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PARSE);
  g_clear_error (&error);
  hook_assert_counts (&hook, 3);

  mr_sim_server_inject_fault (sim, PATH_ORDERS, MR_SIM_FAULT_MALFORMED, 1);
  error = place_error (client, order);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN);
  g_clear_error (&error);
  hook_assert_counts (&hook, 4);

  /* a 5xx on place: result unknown, with its status */
  mr_sim_server_inject_fault (sim, PATH_ORDERS, MR_SIM_FAULT_SERVER_ERROR, 1);
  error = place_error (client, order);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 500);
  g_clear_error (&error);
  hook_assert_counts (&hook, 5);

  /* and on a quote, the server's error as it is */
  mr_sim_server_inject_fault (sim, PATH_ORDERS, MR_SIM_FAULT_SERVER_ERROR, 1);
  g_clear_object (&result);
  quote = simulate (client, order, &result, &error);
  g_assert_null (quote);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_SERVER);
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 500);
  hook_assert_counts (&hook, 6);

  hook_clear (&hook, client);
  hook_clear (&wrong_key_hook, wrong_key);
}

/* Cancelled while its reply is parsed: the request completes as cancelled
 * at once, without waiting for the parse, whose result is dropped */
static void
test_cancel_during_parse (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = make_order ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(GError) error = NULL;
  Hook hook = { 0 };

  hook_init (&hook, client);
  hook_hold (&hook, mr_order_get_revision (order));

  mr_api_client_simulate_order_async (client, order, cancellable, mr_test_store_result_cb, &result);
  wait_for_thread (hook_is_held, &hook);
  g_assert_null (result);

  g_cancellable_cancel (cancellable);
  mr_test_wait_result (&result, WAIT_MS);
  g_assert_false (hook_is_held_done (&hook));

  quote = mr_api_client_simulate_order_finish (client, result, &error);
  g_assert_null (quote);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  hook_finish (&hook);
  hook_clear (&hook, client);
}

/* The answer to a placed order reaches the caller even when it cancelled
 * during the parse: it was placed */
static void
test_cancel_place_during_parse (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = make_order ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(GError) error = NULL;
  Hook hook = { 0 };

  hook_init (&hook, client);
  hook_hold (&hook, mr_order_get_revision (order));

  mr_api_client_place_order_async (client, order, cancellable, mr_test_store_result_cb, &result);
  wait_for_thread (hook_is_held, &hook);
  g_cancellable_cancel (cancellable);
  mr_test_spin (100);
  g_assert_null (result);

  hook_release (&hook);
  mr_test_wait_result (&result, WAIT_MS);
  quote = mr_api_client_place_order_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quote);
  g_assert_true (quote->order_placed);
  g_assert_cmpuint (quote->revision, ==, mr_order_get_revision (order));
  g_assert_nonnull (mr_api_result_get_reply (result));
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (sim), ==, 1);

  hook_finish (&hook);
  hook_clear (&hook, client);
}

/* Two quotes in flight, the later one's parse done first: each completes
 * with its own revision, the later first */
static void
test_overlapping_quotes (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = make_order ();
  g_autoptr(GAsyncResult) first_result = NULL;
  g_autoptr(GAsyncResult) second_result = NULL;
  g_autoptr(MrQuote) first = NULL;
  g_autoptr(MrQuote) second = NULL;
  g_autoptr(GError) error = NULL;
  guint64 first_revision = mr_order_get_revision (order);
  guint64 second_revision;
  Hook hook = { 0 };

  hook_init (&hook, client);
  hook_hold (&hook, first_revision);

  mr_api_client_simulate_order_async (client, order, NULL, mr_test_store_result_cb, &first_result);
  wait_for_thread (hook_is_held, &hook);

  add_domain (order, "mailroom-demo.net");
  second_revision = mr_order_get_revision (order);
  g_assert_cmpuint (second_revision, >, first_revision);

  mr_api_client_simulate_order_async (client, order, NULL, mr_test_store_result_cb, &second_result);
  mr_test_wait_result (&second_result, WAIT_MS);
  g_assert_null (first_result);

  second = mr_api_client_simulate_order_finish (client, second_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->revision, ==, second_revision);
  g_assert_cmpint (second->number_of_accounts_ordered, ==, 2);

  hook_release (&hook);
  mr_test_wait_result (&first_result, WAIT_MS);
  first = mr_api_client_simulate_order_finish (client, first_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->revision, ==, first_revision);
  g_assert_cmpint (first->number_of_accounts_ordered, ==, 1);

  hook_finish (&hook);
  hook_clear (&hook, client);
}

static void
quote_notify_cb (MrQuoteScheduler *scheduler,
                 GParamSpec       *pspec,
                 GArray           *revisions)
{
  MrQuote *quote = mr_quote_scheduler_get_quote (scheduler);

  if (quote != NULL)
    g_array_append_val (revisions, quote->revision);
}

static gboolean
scheduler_is_fresh (gpointer data)
{
  return mr_quote_scheduler_get_fresh_quote (MR_QUOTE_SCHEDULER (data)) != NULL;
}

/* An edit while the last quote's reply is parsed: the scheduler shows the
 * newer quote, and never the older one, even once its parse has ended */
static void
test_scheduler_newer_wins (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = make_order ();
  g_autoptr(MrQuoteScheduler) scheduler = NULL;
  g_autoptr(GArray) revisions = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 first_revision = mr_order_get_revision (order);
  guint64 second_revision;
  MrQuote *quote;
  Hook hook = { 0 };

  hook_init (&hook, client);
  hook_hold (&hook, first_revision);

  scheduler = mr_quote_scheduler_new (client, order);
  g_signal_connect (scheduler, "notify::quote", G_CALLBACK (quote_notify_cb), revisions);
  mr_quote_scheduler_quote_now (scheduler);
  wait_for_thread (hook_is_held, &hook);

  add_domain (order, "mailroom-demo.net");
  second_revision = mr_order_get_revision (order);
  mr_quote_scheduler_quote_now (scheduler);
  mr_test_wait_until (scheduler_is_fresh, scheduler, WAIT_MS);

  hook_finish (&hook);
  mr_test_spin (100);

  quote = mr_quote_scheduler_get_quote (scheduler);
  g_assert_nonnull (quote);
  g_assert_cmpuint (quote->revision, ==, second_revision);
  g_assert_cmpint (quote->number_of_accounts_ordered, ==, 2);
  g_assert_cmpint (mr_quote_scheduler_get_state (scheduler), ==, MR_QUOTE_STATE_FRESH);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpuint (g_array_index (revisions, guint64, 0), ==, second_revision);

  g_signal_handlers_disconnect_by_data (scheduler, revisions);
  hook_clear (&hook, client);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/reply-thread/parsed-off-main", test_parsed_off_main);
  g_test_add_func ("/mr/reply-thread/errors-off-main", test_errors_off_main);
  g_test_add_func ("/mr/reply-thread/cancel-during-parse", test_cancel_during_parse);
  g_test_add_func ("/mr/reply-thread/cancel-place-during-parse", test_cancel_place_during_parse);
  g_test_add_func ("/mr/reply-thread/overlapping-quotes", test_overlapping_quotes);
  g_test_add_func ("/mr/reply-thread/scheduler-newer-wins", test_scheduler_newer_wins);

  return g_test_run ();
}
