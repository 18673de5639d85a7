/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "mailroom-core.h"
#include "mr-test-util.h"

#define WAIT_MS 15000
#define PATH_CHECK "/api/v2/dfy-email-account-orders/domains/check"

typedef struct
{
  char           *domain;
  MrDomainStatus  status;
} Change;

typedef struct
{
  MrSimServer     *sim;
  MrApiClient     *client;
  MrDomainChecker *checker;
  GArray          *changes;   /* Change */
  GPtrArray       *waiting;   /* domains to wait for */
} Fixture;

static void
status_changed_cb (MrDomainChecker *checker,
                   const char      *domain,
                   MrDomainStatus   status,
                   Fixture         *fixture)
{
  Change change = { g_strdup (domain), status };

  g_assert_cmpstr (domain, !=, NULL);
  /* the signal agrees with lookup */
  g_assert_cmpint (mr_domain_checker_lookup (checker, domain, NULL), ==, status);
  g_array_append_val (fixture->changes, change);
}

static void
change_clear (gpointer data)
{
  Change *change = data;

  g_free (change->domain);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->sim = mr_test_sim_new ();
  fixture->client = mr_test_client_new (fixture->sim, NULL);
  fixture->checker = mr_domain_checker_new (fixture->client);
  g_object_set (fixture->checker, "batch-delay", 30, NULL);
  fixture->changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_array_set_clear_func (fixture->changes, change_clear);
  fixture->waiting = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->checker, "status-changed", G_CALLBACK (status_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->checker);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sim);
  g_array_unref (fixture->changes);
  g_ptr_array_unref (fixture->waiting);
}

static gboolean
all_settled (gpointer data)
{
  Fixture *fixture = data;

  for (guint i = 0; i < fixture->waiting->len; i++)
    {
      MrDomainStatus status = mr_domain_checker_lookup (fixture->checker,
                                                        g_ptr_array_index (fixture->waiting, i),
                                                        NULL);

      if (status == MR_DOMAIN_STATUS_CHECKING || status == MR_DOMAIN_STATUS_UNKNOWN)
        return FALSE;
    }

  return TRUE;
}

static void
request_and_wait (Fixture    *fixture,
                  const char *domain)
{
  mr_domain_checker_request (fixture->checker, domain);
  g_ptr_array_add (fixture->waiting, g_strdup (domain));
  mr_test_wait_until (all_settled, fixture, WAIT_MS);
}

static guint
n_server_calls (Fixture *fixture)
{
  return mr_sim_server_get_n_requests (fixture->sim, PATH_CHECK);
}

static guint
count_changes (Fixture        *fixture,
               MrDomainStatus  status)
{
  guint n = 0;

  for (guint i = 0; i < fixture->changes->len; i++)
    if (g_array_index (fixture->changes, Change, i).status == status)
      n++;

  return n;
}

static void
test_batch (Fixture       *fixture,
            gconstpointer  data)
{
  const char *detail = NULL;

  mr_domain_checker_request (fixture->checker, "mailroom-demo.com");
  mr_domain_checker_request (fixture->checker, "acme.com");
  mr_domain_checker_request (fixture->checker, "googlemail-team.com");
  g_ptr_array_add (fixture->waiting, g_strdup ("mailroom-demo.com"));
  g_ptr_array_add (fixture->waiting, g_strdup ("acme.com"));
  g_ptr_array_add (fixture->waiting, g_strdup ("googlemail-team.com"));

  g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, "acme.com", NULL),
                   ==, MR_DOMAIN_STATUS_CHECKING);

  mr_test_wait_until (all_settled, fixture, WAIT_MS);

  g_assert_cmpuint (mr_domain_checker_get_n_calls (fixture->checker), ==, 1);
  g_assert_cmpuint (n_server_calls (fixture), ==, 1);

  g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, "mailroom-demo.com", NULL),
                   ==, MR_DOMAIN_STATUS_AVAILABLE);
  g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, "acme.com", NULL),
                   ==, MR_DOMAIN_STATUS_UNAVAILABLE);
  g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, "googlemail-team.com", &detail),
                   ==, MR_DOMAIN_STATUS_RESTRICTED);
  g_assert_nonnull (detail);

  /* each: CHECKING then the answer */
  g_assert_cmpuint (fixture->changes->len, ==, 6);
  g_assert_cmpuint (count_changes (fixture, MR_DOMAIN_STATUS_CHECKING), ==, 3);
}

static void
test_split (Fixture       *fixture,
            gconstpointer  data)
{
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *domain = g_strdup_printf ("mailroom-net-%03u.com", i);

      mr_domain_checker_request (fixture->checker, domain);
      g_ptr_array_add (fixture->waiting, g_steal_pointer (&domain));
    }

  mr_test_wait_until (all_settled, fixture, WAIT_MS);

  /* 50 + 50 + 20 */
  g_assert_cmpuint (mr_domain_checker_get_n_calls (fixture->checker), ==, 3);
  g_assert_cmpuint (n_server_calls (fixture), ==, 3);
  g_assert_cmpuint (count_changes (fixture, MR_DOMAIN_STATUS_ERROR), ==, 0);
  g_assert_cmpuint (count_changes (fixture, MR_DOMAIN_STATUS_CHECKING), ==, 120);
}

static void
test_cache (Fixture       *fixture,
            gconstpointer  data)
{
  request_and_wait (fixture, "mailroom-demo.com");
  g_assert_cmpuint (mr_domain_checker_get_n_calls (fixture->checker), ==, 1);

  /* the same domain, however written, is answered from the cache */
  mr_domain_checker_request (fixture->checker, "mailroom-demo.com");
  mr_domain_checker_request (fixture->checker, "  WWW.Mailroom-Demo.COM. ");
  g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, "https://mailroom-demo.com/x", NULL),
                   ==, MR_DOMAIN_STATUS_AVAILABLE);
  mr_test_spin (150);

  g_assert_cmpuint (mr_domain_checker_get_n_calls (fixture->checker), ==, 1);
  g_assert_cmpuint (n_server_calls (fixture), ==, 1);
  g_assert_cmpuint (count_changes (fixture, MR_DOMAIN_STATUS_CHECKING), ==, 1);

  /* forgotten on purpose */
  mr_domain_checker_invalidate (fixture->checker);
  g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, "mailroom-demo.com", NULL),
                   ==, MR_DOMAIN_STATUS_UNKNOWN);
  request_and_wait (fixture, "mailroom-demo.com");
  g_assert_cmpuint (mr_domain_checker_get_n_calls (fixture->checker), ==, 2);
}

static void
test_expiry (Fixture       *fixture,
             gconstpointer  data)
{
  g_object_set (fixture->checker, "cache-ttl", 1, NULL);

  request_and_wait (fixture, "mailroom-demo.com");
  g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, "mailroom-demo.com", NULL),
                   ==, MR_DOMAIN_STATUS_AVAILABLE);

  mr_test_spin (1200);
  g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, "mailroom-demo.com", NULL),
                   ==, MR_DOMAIN_STATUS_UNKNOWN);

  request_and_wait (fixture, "mailroom-demo.com");
  g_assert_cmpuint (mr_domain_checker_get_n_calls (fixture->checker), ==, 2);
  g_assert_cmpuint (n_server_calls (fixture), ==, 2);
}

static void
test_rate_budget (Fixture       *fixture,
                  gconstpointer  data)
{
  g_object_set (fixture->checker,
                "max-calls", 2,
                "rate-window", 4000,
                NULL);

  request_and_wait (fixture, "mailroom-demo.com");
  request_and_wait (fixture, "acme.com");
  g_assert_cmpuint (mr_domain_checker_get_n_calls (fixture->checker), ==, 2);

  /* the budget is spent: the third waits in the queue, it does not fail */
  mr_domain_checker_request (fixture->checker, "mailroom-demo.org");
  mr_test_spin (200);
  g_assert_cmpuint (mr_domain_checker_get_n_calls (fixture->checker), ==, 2);
  g_assert_cmpuint (n_server_calls (fixture), ==, 2);
  g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, "mailroom-demo.org", NULL),
                   ==, MR_DOMAIN_STATUS_CHECKING);

  g_ptr_array_add (fixture->waiting, g_strdup ("mailroom-demo.org"));
  mr_test_wait_until (all_settled, fixture, WAIT_MS);
  g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, "mailroom-demo.org", NULL),
                   ==, MR_DOMAIN_STATUS_AVAILABLE);
  g_assert_cmpuint (mr_domain_checker_get_n_calls (fixture->checker), ==, 3);
  g_assert_cmpuint (count_changes (fixture, MR_DOMAIN_STATUS_ERROR), ==, 0);
}

static void
test_invalid_not_sent (Fixture       *fixture,
                       gconstpointer  data)
{
  const char * const invalid[] = { "example.net", "bad domain!", "-acme.com", "nodot", "" };
  const char *detail = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      mr_domain_checker_request (fixture->checker, invalid[i]);
      g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, invalid[i], &detail),
                       ==, MR_DOMAIN_STATUS_INVALID);
      g_assert_nonnull (detail);
      g_assert_cmpstr (detail, !=, "");
    }

  mr_test_spin (200);
  g_assert_cmpuint (mr_domain_checker_get_n_calls (fixture->checker), ==, 0);
  g_assert_cmpuint (n_server_calls (fixture), ==, 0);
  g_assert_cmpuint (count_changes (fixture, MR_DOMAIN_STATUS_INVALID), ==, G_N_ELEMENTS (invalid));
  g_assert_cmpuint (count_changes (fixture, MR_DOMAIN_STATUS_CHECKING), ==, 0);

  /* asked again: still nothing sent, no repeated signal */
  mr_domain_checker_request (fixture->checker, "example.net");
  g_assert_cmpuint (count_changes (fixture, MR_DOMAIN_STATUS_INVALID), ==, G_N_ELEMENTS (invalid));

  /* valid ones among them are sent, alone */
  request_and_wait (fixture, "mailroom-demo.com");
  g_assert_cmpuint (n_server_calls (fixture), ==, 1);
}

static void
test_error_not_cached (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *detail = NULL;

  mr_sim_server_inject_fault (fixture->sim, PATH_CHECK, MR_SIM_FAULT_SERVER_ERROR, 1);
  request_and_wait (fixture, "mailroom-demo.com");
  g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, "mailroom-demo.com", &detail),
                   ==, MR_DOMAIN_STATUS_ERROR);
  g_assert_nonnull (detail);

  /* asked again, it goes to the server again */
  request_and_wait (fixture, "mailroom-demo.com");
  g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, "mailroom-demo.com", NULL),
                   ==, MR_DOMAIN_STATUS_AVAILABLE);
  g_assert_cmpuint (n_server_calls (fixture), ==, 2);
}

static gboolean
second_call_arrived (gpointer data)
{
  return n_server_calls (data) >= 2;
}

static void
test_server_rate_limit (Fixture       *fixture,
                        gconstpointer  data)
{
  mr_sim_server_set_rate_limits (fixture->sim, 1, 0);

  request_and_wait (fixture, "mailroom-demo.com");

  /* the server refuses the second call: the domain waits, it does not fail */
  mr_domain_checker_request (fixture->checker, "mailroom-demo.org");
  mr_test_wait_until (second_call_arrived, fixture, WAIT_MS);
  mr_test_spin (500);
  g_assert_cmpuint (n_server_calls (fixture), ==, 2);
  g_assert_cmpint (mr_domain_checker_lookup (fixture->checker, "mailroom-demo.org", NULL),
                   ==, MR_DOMAIN_STATUS_CHECKING);
  g_assert_cmpuint (count_changes (fixture, MR_DOMAIN_STATUS_ERROR), ==, 0);

  /* not asked again before the server said it may be */
  mr_test_spin (300);
  g_assert_cmpuint (n_server_calls (fixture), ==, 2);
}

static gboolean
call_made (gpointer data)
{
  Fixture *fixture = data;

  return mr_domain_checker_get_n_calls (fixture->checker) > 0;
}

static void
test_dispose_in_flight (Fixture       *fixture,
                        gconstpointer  data)
{
  mr_sim_server_set_latency (fixture->sim, 300);
  mr_domain_checker_request (fixture->checker, "mailroom-demo.com");
  mr_test_wait_until (call_made, fixture, WAIT_MS);
  g_assert_cmpuint (mr_domain_checker_get_n_calls (fixture->checker), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&fixture->checker));
  mr_test_spin (500);

  fixture->checker = mr_domain_checker_new (fixture->client);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/mr/domain-checker/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("batch", test_batch);
  ADD ("split", test_split);
  ADD ("cache", test_cache);
  ADD ("expiry", test_expiry);
  ADD ("rate-budget", test_rate_budget);
  ADD ("invalid-not-sent", test_invalid_not_sent);
  ADD ("error-not-cached", test_error_not_cached);
  ADD ("server-rate-limit", test_server_rate_limit);
  ADD ("dispose-in-flight", test_dispose_in_flight);

#undef ADD

  return g_test_run ();
}
