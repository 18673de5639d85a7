/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Placing orders through faults: the simulator's placement faults and a
 * proxy that breaks the connection before the server, after it, or in
 * the middle of its reply. After every attempt the simulator has at most
 * one order for it, and what the order placer and the order session
 * claim (placed, not placed, unknown, unknown then found or missing in
 * the orders list) is true. */

#include "config.h"

#include "mailroom-core.h"
#include "mr-fault-proxy.h"
#include "mr-sim-catalog.h"
#include "mr-test-util.h"

#define WAIT_MS 20000

typedef enum
{
  FAULT_NONE,
  FAULT_DECLINED,            /* the payment fails: the server says not placed */
  FAULT_SIM_DROP_BEFORE,     /* --fault place:drop-before */
  FAULT_SIM_DROP_AFTER,      /* --fault place:drop-after */
  FAULT_SIM_500,             /* --fault place:500 */
  FAULT_SIM_MALFORMED,       /* --fault place:malformed */
  FAULT_PROXY_DROP_BEFORE,
  FAULT_PROXY_DROP_AFTER,
  FAULT_PROXY_DROP_MID_REPLY,
  N_FAULTS
} Fault;

static const char * const fault_names[] = {
  "none", "payment declined", "sim place:drop-before", "sim place:drop-after",
  "sim place:500", "sim place:malformed", "proxy drop-before", "proxy drop-after",
  "proxy drop-mid-reply",
};

/* per 100 attempts */
static const guint fault_weights[N_FAULTS] = { 25, 7, 8, 10, 8, 8, 10, 12, 12 };

typedef struct
{
  MrSimServer   *sim;
  MrFaultProxy  *proxy;
  MrApiClient   *direct;     /* quotes and listing, straight to the simulator */
  MrApiClient   *proxied;    /* placing, through the proxy */
  guint          n_domains;
  GRand         *rand;
  GHashTable    *placed;     /* domain -> attempt, for every order the server recorded */

  guint          n_attempts;
  guint          n_state[MR_PLACE_STATE_UNKNOWN + 1];
  guint          n_unknown_recorded;
  guint          n_fault[N_FAULTS];
  guint          n_outcome[MR_PLACE_OUTCOME_UNKNOWN_FAILED + 1];  /* through MrOrderSession */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->sim = mr_test_sim_new ();
  f->proxy = mr_fault_proxy_new (mr_sim_server_get_url (f->sim), &error);
  g_assert_no_error (error);
  f->direct = mr_test_client_new (f->sim, NULL);
  f->proxied = mr_api_client_new (mr_fault_proxy_get_url (f->proxy), MR_SIM_DEMO_KEY, &error);
  g_assert_no_error (error);
  f->placed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->proxied);
  g_clear_object (&f->direct);
  g_clear_pointer (&f->proxy, mr_fault_proxy_free);
  g_clear_object (&f->sim);
  g_clear_pointer (&f->rand, g_rand_free);
  g_hash_table_unref (f->placed);
}

/* A domain no attempt used yet, that the simulator offers */
static char *
free_domain (Fixture *f)
{
  for (;;)
    {
      char *domain = g_strdup_printf ("placing-under-faults-%u.com", ++f->n_domains);

      if (mr_sim_catalog_check (domain, NULL) == MR_SIM_AVAILABLE)
        return domain;
      g_free (domain);
    }
}

static MrOrder *
new_order (const char *domain,
           guint       n_accounts)
{
  static const char * const first[] = { "Jane", "John", "Ada" };
  static const char * const last[] = { "Doe", "Smith", "Lovelace" };
  MrOrder *order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = mr_order_item_new (domain);

  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_GOOGLE);
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autofree char *prefix = g_ascii_strdown (first[i], -1);
      g_autoptr(MrAccount) account = mr_account_new (first[i], last[i], prefix);

      mr_order_item_append_account (item, account);
    }
  mr_order_append_item (order, item);

  return order;
}

static MrQuote *
simulate (Fixture *f,
          MrOrder *order)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MrQuote *quote;

  mr_api_client_simulate_order_async (f->direct, order, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  quote = mr_api_client_simulate_order_finish (f->direct, result, &error);
  g_assert_no_error (error);
  g_assert_true (quote->order_is_valid);

  return quote;
}

static void
arm (Fixture *f,
     Fault    fault)
{
  switch (fault)
    {
    case FAULT_NONE:
      break;
    case FAULT_DECLINED:
      mr_sim_server_set_payment (f->sim, MR_SIM_PAYMENT_GENERIC_DECLINE);
      break;
    case FAULT_SIM_DROP_BEFORE:
      mr_sim_server_inject_fault_on (f->sim, MR_SIM_FAULT_TARGET_PLACE, MR_SIM_FAULT_DROP, 1);
      break;
    case FAULT_SIM_DROP_AFTER:
      mr_sim_server_inject_fault_on (f->sim, MR_SIM_FAULT_TARGET_PLACE, MR_SIM_FAULT_DROP_AFTER, 1);
      break;
    case FAULT_SIM_500:
      mr_sim_server_inject_fault_on (f->sim, MR_SIM_FAULT_TARGET_PLACE, MR_SIM_FAULT_SERVER_ERROR, 1);
      break;
    case FAULT_SIM_MALFORMED:
      mr_sim_server_inject_fault_on (f->sim, MR_SIM_FAULT_TARGET_PLACE, MR_SIM_FAULT_MALFORMED, 1);
      break;
    case FAULT_PROXY_DROP_BEFORE:
      mr_fault_proxy_arm (f->proxy, MR_FAULT_PROXY_DROP_BEFORE, 0);
      break;
    case FAULT_PROXY_DROP_AFTER:
      mr_fault_proxy_arm (f->proxy, MR_FAULT_PROXY_DROP_AFTER, 0);
      break;
    case FAULT_PROXY_DROP_MID_REPLY:
      mr_fault_proxy_arm (f->proxy, MR_FAULT_PROXY_DROP_MID_REPLY, g_rand_int (f->rand));
      break;
    case N_FAULTS:
    default:
      g_assert_not_reached ();
    }
}

/* What an attempt left behind */
typedef struct
{
  guint n_orders;     /* orders the server recorded */
  guint n_sent;       /* placements that reached the server */
  guint n_proxied;    /* requests through the proxy */
} Effect;

typedef struct
{
  guint orders;
  guint sent;
  guint proxied;
} Counters;

static Counters
read_counters (Fixture *f)
{
  Counters c = {
    mr_sim_server_get_n_orders_placed (f->sim),
    mr_sim_server_get_n_place_requests (f->sim),
    mr_fault_proxy_get_n_requests (f->proxy),
  };

  return c;
}

static Effect
effect_since (Fixture  *f,
              Counters  before,
              Fault     fault)
{
  Counters after = read_counters (f);
  Effect effect = {
    after.orders - before.orders,
    after.sent - before.sent,
    after.proxied - before.proxied,
  };

  /* sent once, never again on its own, and the fault was used */
  g_assert_cmpuint (effect.n_sent, <=, 1);
  g_assert_cmpuint (effect.n_sent, ==, fault == FAULT_PROXY_DROP_BEFORE ? 0 : 1);
  g_assert_true (mr_fault_proxy_fault_used (f->proxy));
  /* at most one order */
  g_assert_cmpuint (effect.n_orders, <=, 1);

  return effect;
}

/* Places with MrOrderPlacer; checks its claim against @effect */
static void
place_with_placer (Fixture    *f,
                   const char *domain,
                   MrOrder    *order,
                   MrQuote    *quote,
                   Fault       fault)
{
  g_autoptr(MrOrderPlacer) placer = mr_order_placer_new (f->proxied, order);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrQuote) reply = NULL;
  g_autoptr(GError) error = NULL;
  Counters before = read_counters (f);
  MrPlaceState state;
  Effect effect;

  arm (f, fault);
  mr_order_placer_place_async (placer, quote, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  reply = mr_order_placer_place_finish (placer, result, &error);
  state = mr_order_placer_get_state (placer);
  effect = effect_since (f, before, fault);
  /* the placement alone went through the proxy */
  g_assert_cmpuint (effect.n_proxied, ==, 1);

  switch (state)
    {
    case MR_PLACE_STATE_PLACED:
      /* "placed" is true: the server has it, and said so */
      g_assert_no_error (error);
      g_assert_true (reply->order_placed);
      g_assert_cmpuint (effect.n_orders, ==, 1);
      break;

    case MR_PLACE_STATE_REJECTED:
    case MR_PLACE_STATE_FAILED:
      /* "not placed" is true */
      g_assert_cmpuint (effect.n_orders, ==, 0);
      if (state == MR_PLACE_STATE_REJECTED)
        g_assert_false (reply->order_placed);
      break;

    case MR_PLACE_STATE_UNKNOWN:
      /* "unknown" only when the answer really was lost or garbled */
      g_assert_error (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN);
      g_assert_cmpint (fault, !=, FAULT_NONE);
      g_assert_cmpint (fault, !=, FAULT_DECLINED);
      f->n_unknown_recorded += effect.n_orders;
      break;

    case MR_PLACE_STATE_READY:
    case MR_PLACE_STATE_SENDING:
    default:
      g_error ("attempt %u: the placer ended in state %d", f->n_attempts, state);
    }

  /* a clean answer is a definite one */
  if (fault == FAULT_NONE)
    g_assert_cmpint (state, ==, MR_PLACE_STATE_PLACED);
  else if (fault == FAULT_DECLINED)
    g_assert_cmpint (state, ==, MR_PLACE_STATE_REJECTED);

  f->n_state[state]++;
  if (effect.n_orders == 1)
    g_hash_table_insert (f->placed, g_strdup (domain), GUINT_TO_POINTER (f->n_attempts));
}

/* Places with MrOrderSession, as the window and mailroom-cli do: after an
 * unknown result it reads the orders list and says whether it found the
 * order. Checks that claim too. */
static void
place_with_session (Fixture    *f,
                    const char *domain,
                    MrOrder    *order,
                    MrQuote    *quote,
                    Fault       fault)
{
  g_autoptr(MrOrderSession) session = mr_order_session_new_for_order (order, f->proxied);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrQuote) reply = NULL;
  g_autoptr(GError) error = NULL;
  Counters before = read_counters (f);
  MrPlaceOutcome outcome;
  Effect effect;

  g_assert_true (mr_order_session_quote_is_current (session, quote));

  arm (f, fault);
  mr_order_session_place_async (session, quote, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  outcome = mr_order_session_place_finish (session, result, &reply, &error);
  effect = effect_since (f, before, fault);

  switch (outcome)
    {
    case MR_PLACE_OUTCOME_PLACED:
      g_assert_no_error (error);
      g_assert_cmpuint (effect.n_orders, ==, 1);
      g_assert_cmpuint (effect.n_proxied, ==, 1);
      break;

    case MR_PLACE_OUTCOME_REJECTED:
    case MR_PLACE_OUTCOME_FAILED:
      g_assert_cmpuint (effect.n_orders, ==, 0);
      g_assert_cmpuint (effect.n_proxied, ==, 1);
      break;

    case MR_PLACE_OUTCOME_UNKNOWN_FOUND:
      /* "found in the orders list" is true, and only after a fault */
      g_assert_cmpuint (effect.n_orders, ==, 1);
      g_assert_cmpint (fault, !=, FAULT_NONE);
      g_assert_cmpint (fault, !=, FAULT_DECLINED);
      break;

    case MR_PLACE_OUTCOME_UNKNOWN_MISSING:
      /* "not in the orders list" is true: the lists here are complete */
      g_assert_cmpuint (effect.n_orders, ==, 0);
      g_assert_cmpint (fault, !=, FAULT_NONE);
      g_assert_cmpint (fault, !=, FAULT_DECLINED);
      break;

    case MR_PLACE_OUTCOME_UNKNOWN_FAILED:
    case MR_PLACE_OUTCOME_CHECKOUT:
    case MR_PLACE_OUTCOME_NONE:
    default:
      /* the lists pass the proxy untouched and nothing asks for a checkout */
      g_error ("attempt %u: the session ended with outcome %d", f->n_attempts, outcome);
    }

  if (fault == FAULT_NONE)
    g_assert_cmpint (outcome, ==, MR_PLACE_OUTCOME_PLACED);
  else if (fault == FAULT_DECLINED)
    g_assert_cmpint (outcome, ==, MR_PLACE_OUTCOME_REJECTED);

  f->n_outcome[outcome]++;
  if (effect.n_orders == 1)
    g_hash_table_insert (f->placed, g_strdup (domain), GUINT_TO_POINTER (f->n_attempts));
}

/* One attempt: a fresh order, quoted straight from the simulator, placed
 * once through @fault by the placer or the session */
static void
attempt (Fixture  *f,
         Fault     fault,
         guint     n_accounts,
         gboolean  with_session)
{
  g_autofree char *domain = free_domain (f);
  g_autoptr(MrOrder) order = new_order (domain, n_accounts);
  g_autoptr(MrQuote) quote = simulate (f, order);

  if (with_session)
    place_with_session (f, domain, order, quote, fault);
  else
    place_with_placer (f, domain, order, quote, fault);

  mr_sim_server_set_payment (f->sim, MR_SIM_PAYMENT_OK);
  f->n_attempts++;
  f->n_fault[fault]++;
}

/* Every order the simulator lists, by domain: each one an attempt that
 * recorded it, none twice. Returns the number listed. */
static guint
check_recorded_orders (Fixture *f,
                       guint   *n_double)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  guint n_listed = 0;

  *n_double = 0;
  do
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(MrPage) page = NULL;

      mr_api_client_list_orders_async (f->direct, 100, cursor, NULL, mr_test_store_result_cb, &result);
      mr_test_wait_result (&result, WAIT_MS);
      page = mr_api_client_list_orders_finish (f->direct, result, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < page->items->len; i++)
        {
          MrOrderRecord *record = g_ptr_array_index (page->items, i);

          if (!g_str_has_prefix (record->domain, "placing-under-faults-"))
            continue;
          n_listed++;
          if (!g_hash_table_add (seen, g_strdup (record->domain)))
            (*n_double)++;
          g_assert_true (g_hash_table_contains (f->placed, record->domain));
        }

      g_free (cursor);
      cursor = g_strdup (page->next_starting_after);
    }
  while (cursor != NULL);

  g_assert_cmpuint (g_hash_table_size (seen), ==, g_hash_table_size (f->placed));

  return n_listed;
}

/* One case per fault, deterministic */
static void
test_each_fault (Fixture       *f,
                 gconstpointer  data)
{
  Fault fault = GPOINTER_TO_INT (data);
  guint n_double = 0;

  f->rand = g_rand_new_with_seed (42);
  for (guint i = 0; i < 4; i++)
    attempt (f, fault, 1 + i % 3, i >= 2);

  g_assert_cmpuint (check_recorded_orders (f, &n_double), ==, g_hash_table_size (f->placed));
  g_assert_cmpuint (n_double, ==, 0);
}

static Fault
pick_fault (GRand *rand)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < N_FAULTS; i++)
    total += fault_weights[i];

  r = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < N_FAULTS; i++)
    {
      if (r < fault_weights[i])
        return i;
      r -= fault_weights[i];
    }

  g_assert_not_reached ();
}

static void
test_randomized (Fixture       *f,
                 gconstpointer  data)
{
  const char *seed_env = g_getenv ("MR_PLACE_FAULTS_SEED");
  const char *count_env = g_getenv ("MR_PLACE_FAULTS_ATTEMPTS");
  guint64 seed = (guint32) g_get_real_time ();
  /* Under AddressSanitizer (with the full malloc stacks the suite asks
   * for) an attempt costs about 25 times as much CPU: 300 attempts keep
   * that build's run near a minute on a loaded machine. */
  guint64 n_attempts = mr_test_timeout_factor () > 1 ? 300 : 1000;
  gint64 start = g_get_monotonic_time ();
  guint n_listed;
  guint n_double = 0;

  if (seed_env != NULL)
    g_assert_true (g_ascii_string_to_unsigned (seed_env, 10, 0, G_MAXUINT32, &seed, NULL));
  if (count_env != NULL)
    g_assert_true (g_ascii_string_to_unsigned (count_env, 10, 1, 1000000, &n_attempts, NULL));

  g_test_message ("seed %" G_GUINT64_FORMAT " (MR_PLACE_FAULTS_SEED=%" G_GUINT64_FORMAT
                  " repeats this run), %" G_GUINT64_FORMAT " attempts%s", seed, seed, n_attempts,
                  n_attempts < 1000 ? " (sanitizer build; MR_PLACE_FAULTS_ATTEMPTS=1000 for all)" : "");
  f->rand = g_rand_new_with_seed ((guint32) seed);

  for (guint i = 0; i < n_attempts; i++)
    attempt (f, pick_fault (f->rand), (guint) g_rand_int_range (f->rand, 1, 4),
             g_rand_boolean (f->rand));

  n_listed = check_recorded_orders (f, &n_double);

  for (guint i = 0; i < N_FAULTS; i++)
    g_test_message ("fault %-22s %u attempts", fault_names[i], f->n_fault[i]);
  g_test_message ("placer: placed %u, rejected %u, failed %u, unknown %u (of which the server recorded %u)",
                  f->n_state[MR_PLACE_STATE_PLACED], f->n_state[MR_PLACE_STATE_REJECTED],
                  f->n_state[MR_PLACE_STATE_FAILED], f->n_state[MR_PLACE_STATE_UNKNOWN],
                  f->n_unknown_recorded);
  g_test_message ("session: placed %u, rejected %u, failed %u, unknown then found %u, "
                  "unknown then missing %u",
                  f->n_outcome[MR_PLACE_OUTCOME_PLACED], f->n_outcome[MR_PLACE_OUTCOME_REJECTED],
                  f->n_outcome[MR_PLACE_OUTCOME_FAILED], f->n_outcome[MR_PLACE_OUTCOME_UNKNOWN_FOUND],
                  f->n_outcome[MR_PLACE_OUTCOME_UNKNOWN_MISSING]);
  g_test_message ("attempts %u, placed %u, rejected %u, unknown %u, orders recorded %u, "
                  "double orders %u, %.1f s",
                  f->n_attempts,
                  f->n_state[MR_PLACE_STATE_PLACED] + f->n_outcome[MR_PLACE_OUTCOME_PLACED],
                  f->n_state[MR_PLACE_STATE_REJECTED] + f->n_outcome[MR_PLACE_OUTCOME_REJECTED],
                  f->n_state[MR_PLACE_STATE_UNKNOWN] + f->n_outcome[MR_PLACE_OUTCOME_UNKNOWN_FOUND] +
                  f->n_outcome[MR_PLACE_OUTCOME_UNKNOWN_MISSING],
                  n_listed, n_double,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  g_assert_cmpuint (f->n_attempts, ==, n_attempts);
  g_assert_cmpuint (n_double, ==, 0);
  g_assert_cmpuint (n_listed, ==, mr_sim_server_get_n_orders_placed (f->sim));
  g_assert_cmpuint (n_listed, ==, f->n_state[MR_PLACE_STATE_PLACED] + f->n_unknown_recorded +
                               f->n_outcome[MR_PLACE_OUTCOME_PLACED] +
                               f->n_outcome[MR_PLACE_OUTCOME_UNKNOWN_FOUND]);
  /* failed is a claim too: nothing here should end that way */
  g_assert_cmpuint (f->n_state[MR_PLACE_STATE_FAILED] + f->n_outcome[MR_PLACE_OUTCOME_FAILED], ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[N_FAULTS] = {
    "none-is-placed", "payment-declined-is-rejected", "sim-place-drop-before-is-unknown",
    "sim-place-drop-after-is-unknown", "sim-place-500-is-unknown", "sim-place-malformed-is-unknown",
    "proxy-drop-before-server-is-unknown", "proxy-drop-after-server-is-unknown",
    "proxy-drop-mid-reply-is-unknown",
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < N_FAULTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/mr/place-faults/%s", paths[i]);

      g_test_add (path, Fixture, GINT_TO_POINTER (i), fixture_set_up, test_each_fault, fixture_tear_down);
    }
  g_test_add ("/mr/place-faults/randomized-1000-attempts-at-most-one-order-each", Fixture, NULL,
              fixture_set_up, test_randomized, fixture_tear_down);

  return g_test_run ();
}
