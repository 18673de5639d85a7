/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <libsoup/soup.h>

#include "mr-sim-thread.h"
#include "mr-test-util.h"

/* The simulator on a thread of its own (what demo mode runs): it answers
 * while the caller's main context is not iterated at all, its calls run
 * on its thread, price changes made through it apply to the next quote
 * even with quotes in flight, and stopping it ends its connections and
 * its thread at once. The client is core's, over loopback. */

#define N_DOMAINS 3

static MrOrder *
sample_order (const char *prefix,
              guint       n_domains)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_auto(GStrv) domains = mr_test_free_domains (prefix, n_domains);

  for (guint i = 0; i < n_domains; i++)
    {
      g_autoptr(MrOrderItem) item = mr_order_item_new (domains[i]);

      mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing");
      mr_order_append_item (order, item);
    }

  return g_steal_pointer (&order);
}

static MrApiClient *
client_for (MrSimThread *sim)
{
  g_autoptr(GError) error = NULL;
  MrApiClient *client = mr_api_client_new (mr_sim_thread_get_url (sim), MR_SIM_DEMO_KEY, &error);

  g_assert_no_error (error);

  return client;
}

static MrQuote *
quote (MrApiClient *client,
       MrOrder     *order)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MrQuote *quote;

  mr_api_client_simulate_order_async (client, order, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 10000);
  quote = mr_api_client_simulate_order_finish (client, result, &error);
  g_assert_no_error (error);

  return quote;
}

static MrSimThread *
start (MrSimThreadFunc setup,
       gpointer        setup_data)
{
  g_autoptr(GError) error = NULL;
  MrSimThread *sim = mr_sim_thread_new (g_getenv ("MR_SIM_PRICING"), setup, setup_data,
                                        "127.0.0.1", 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sim);
  g_assert_true (g_str_has_prefix (mr_sim_thread_get_url (sim), "http://127.0.0.1:"));

  return sim;
}

static void
record_thread_cb (MrSimServer *server,
                  gpointer     user_data)
{
  g_assert_true (MR_IS_SIM_SERVER (server));
  *(GThread **) user_data = g_thread_self ();
}

/* A blocking request from the main thread: the main context never runs,
 * so only a server on another thread can answer it */
static void
test_serves_off_the_caller (void)
{
  g_autoptr(MrSimThread) sim = start (NULL, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (mr_sim_thread_get_url (sim), "/api/v2/dfy-email-account-orders", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *body = "{\"simulation\": true, \"order_type\": \"dfy\", \"items\": ["
                     "{\"domain\": \"blocking-caller-outreach.com\", \"email_provider\": 1,"
                     " \"accounts\": [{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\","
                     " \"email_address_prefix\": \"ada\"}]}]}";
  g_autoptr(GBytes) request = g_bytes_new_static (body, strlen (body));
  GThread *ran_on = NULL;

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                               "Bearer " MR_SIM_DEMO_KEY);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  text = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  g_assert_nonnull (strstr (text, "\"total_price\""));
  g_assert_nonnull (strstr (text, "blocking-caller-outreach.com"));

  mr_sim_thread_call (sim, record_thread_cb, &ran_on);
  g_assert_nonnull (ran_on);
  g_assert_true (ran_on != g_thread_self ());
}

static void
free_domains_cb (MrSimServer *server,
                 gpointer     user_data)
{
  GThread **setup_thread = user_data;

  *setup_thread = g_thread_self ();
  mr_sim_server_set_free_domains (server, 1);
}

/* The setup runs on the server's thread, before the first request */
static void
test_setup (void)
{
  GThread *setup_thread = NULL;
  g_autoptr(MrSimThread) sim = start (free_domains_cb, &setup_thread);
  g_autoptr(MrApiClient) client = client_for (sim);
  g_autoptr(MrOrder) order = sample_order ("sim-thread-setup", N_DOMAINS);
  g_autoptr(MrQuote) first = quote (client, order);
  g_autoptr(MrSimPricing) pricing = mr_sim_thread_dup_pricing (sim);

  g_assert_nonnull (setup_thread);
  g_assert_true (setup_thread != g_thread_self ());
  g_assert_cmpuint (pricing->free_domains, ==, 1);
  g_assert_cmpint (first->total_discount, ==, pricing->domain_per_year);
  g_assert_cmpint (first->total_price, ==,
                   (N_DOMAINS - 1) * pricing->domain_per_year +
                   N_DOMAINS * 2 * pricing->account_per_month[MR_EMAIL_PROVIDER_GOOGLE]);
}

typedef struct
{
  guint    n_done;
  guint    n_failed;
} Burst;

static void
burst_quote_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Burst *burst = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) reply = mr_api_client_simulate_order_finish (MR_API_CLIENT (source), result, &error);

  if (reply == NULL)
    burst->n_failed++;
  burst->n_done++;
}

static gboolean
burst_done (gpointer data)
{
  return ((Burst *) data)->n_done == 40;
}

/* Prices changed from this thread while quotes of 50 domains are being
 * computed on the server's: every quote succeeds, and the one asked for
 * after the change has the new price */
static void
test_pricing_while_quoting (void)
{
  g_autoptr(MrSimThread) sim = start (NULL, NULL);
  g_autoptr(MrApiClient) client = client_for (sim);
  g_autoptr(MrOrder) large = sample_order ("sim-thread-burst", 50);
  g_autoptr(MrOrder) order = sample_order ("sim-thread-price", N_DOMAINS);
  g_autoptr(MrSimPricing) pricing = mr_sim_thread_dup_pricing (sim);
  g_autoptr(MrSimPricing) back = NULL;
  g_autoptr(MrQuote) after = NULL;
  Burst burst = { 0, };

  for (guint i = 0; i < 40; i++)
    mr_api_client_simulate_order_async (client, large, NULL, burst_quote_cb, &burst);

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(MrSimPricing) seen = NULL;

      pricing->account_per_month[MR_EMAIL_PROVIDER_GOOGLE] = 500 + 10 * i;
      pricing->discount_percent = i % 3;
      mr_sim_thread_set_pricing (sim, pricing);
      seen = mr_sim_thread_dup_pricing (sim);
      g_assert_true (mr_sim_pricing_equal (seen, pricing));
      g_main_context_iteration (NULL, FALSE);
    }

  mr_test_wait_until (burst_done, &burst, 20000);
  g_assert_cmpuint (burst.n_failed, ==, 0);

  pricing->account_per_month[MR_EMAIL_PROVIDER_GOOGLE] = 700;
  pricing->discount_percent = 0;
  mr_sim_thread_set_pricing (sim, pricing);
  after = quote (client, order);
  g_assert_cmpint (after->total_accounts_price_per_month, ==, N_DOMAINS * 2 * 700);
  back = mr_sim_thread_dup_pricing (sim);
  g_assert_true (mr_sim_pricing_equal (back, pricing));
}

/* Orders placed and then forgotten through the thread */
static void
test_reset_state (void)
{
  g_autoptr(MrSimThread) sim = start (NULL, NULL);
  g_autoptr(MrApiClient) client = client_for (sim);
  g_autoptr(MrOrder) order = sample_order ("sim-thread-reset", 2);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) placed = NULL;
  g_autoptr(MrPage) page = NULL;

  mr_api_client_place_order_async (client, order, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 10000);
  placed = mr_api_client_place_order_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_true (placed->order_placed);
  g_clear_object (&result);

  mr_sim_thread_reset_state (sim);
  mr_api_client_list_orders_async (client, 100, NULL, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 10000);
  page = mr_api_client_list_orders_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 0);
}

/* A port in use and a price list that cannot be read: an error, and no
 * thread left behind */
static void
test_start_fails (void)
{
  g_autoptr(MrSimThread) first = start (NULL, NULL);
  const char *url = mr_sim_thread_get_url (first);
  guint port = (guint) g_ascii_strtoull (strrchr (url, ':') + 1, NULL, 10);
  g_autoptr(MrSimThread) second = NULL;
  g_autoptr(MrSimThread) unreadable = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (port, >, 0);
  second = mr_sim_thread_new (NULL, NULL, NULL, "127.0.0.1", port, &error);
  g_assert_null (second);
  g_assert_nonnull (error);
  g_clear_error (&error);

  unreadable = mr_sim_thread_new ("/nonexistent/sim-pricing.json", NULL, NULL, "127.0.0.1", 0, &error);
  g_assert_null (unreadable);
  g_assert_nonnull (error);
}

static void
latency_cb (MrSimServer *server,
            gpointer     user_data)
{
  mr_sim_server_set_latency (server, GPOINTER_TO_UINT (user_data));
}

/* Stopping with a reply held back by the server's latency: stop returns
 * at once, the request fails, a new one finds nothing listening, and the
 * object goes away with its thread */
static void
test_stop (void)
{
  MrSimThread *sim = start (NULL, NULL);
  g_autoptr(MrApiClient) client = client_for (sim);
  g_autoptr(MrOrder) order = sample_order ("sim-thread-stop", N_DOMAINS);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) reply = NULL;
  g_autoptr(MrSimPricing) pricing = NULL;
  GThread *ran_on = NULL;
  gint64 start_time;

  mr_sim_thread_call (sim, latency_cb, GUINT_TO_POINTER (5000));
  mr_api_client_simulate_order_async (client, order, NULL, mr_test_store_result_cb, &result);
  mr_test_spin (200);
  g_assert_null (result);

  start_time = g_get_monotonic_time ();
  mr_sim_thread_stop (sim);
  g_assert_cmpint (g_get_monotonic_time () - start_time, <, 2 * G_USEC_PER_SEC * mr_test_timeout_factor ());

  mr_test_wait_result (&result, 4000);
  reply = mr_api_client_simulate_order_finish (client, result, &error);
  g_assert_null (reply);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&result);

  mr_api_client_simulate_order_async (client, order, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 10000);
  reply = mr_api_client_simulate_order_finish (client, result, &error);
  g_assert_null (reply);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NETWORK);

  /* stopped: calls run here, against the stopped server */
  mr_sim_thread_call (sim, record_thread_cb, &ran_on);
  g_assert_true (ran_on == g_thread_self ());
  pricing = mr_sim_thread_dup_pricing (sim);
  g_assert_nonnull (pricing);
  mr_sim_thread_stop (sim);

  g_assert_finalize_object (sim);
}

/* Made and dropped at once: the stop is not lost before the thread's
 * loop runs */
static void
test_start_stop (void)
{
  for (guint i = 0; i < 20; i++)
    {
      MrSimThread *sim = start (NULL, NULL);

      g_assert_finalize_object (sim);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/sim-thread/serves-off-the-caller", test_serves_off_the_caller);
  g_test_add_func ("/mr/sim-thread/setup", test_setup);
  g_test_add_func ("/mr/sim-thread/pricing-while-quoting", test_pricing_while_quoting);
  g_test_add_func ("/mr/sim-thread/reset-state", test_reset_state);
  g_test_add_func ("/mr/sim-thread/start-fails", test_start_fails);
  g_test_add_func ("/mr/sim-thread/stop", test_stop);
  g_test_add_func ("/mr/sim-thread/start-stop", test_start_stop);

  return g_test_run ();
}
