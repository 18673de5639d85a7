/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mailroom-core.h"
#include "mr-test-util.h"

#define WAIT_MS 10000
#define PATH_ORDERS "/api/v2/dfy-email-account-orders"

typedef struct
{
  MrSimServer    *sim;
  MrApiClient    *client;
  MrOrderSession *session;
  char           *tmpdir;
} Fixture;

static MrOrderItem *
new_item (const char *domain,
          guint       n_accounts)
{
  static const char *names[][3] = {
    { "Jane", "Doe", "jane" },
    { "John", "Smith", "john" },
    { "Ada", "Lovelace", "ada" },
  };
  MrOrderItem *item = mr_order_item_new (domain);

  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_GOOGLE);
  for (guint i = 0; i < n_accounts && i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(MrAccount) account = mr_account_new (names[i][0], names[i][1], names[i][2]);

      mr_order_item_append_account (item, account);
    }

  return item;
}

static void
add_domain (MrOrderSession *session,
            const char     *domain)
{
  g_autoptr(MrOrderItem) item = new_item (domain, 2);

  mr_order_append_item (mr_order_session_get_order (session), item);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;

  fixture->tmpdir = g_dir_make_tmp ("mailroom-session-XXXXXX", &error);
  g_assert_no_error (error);
  draft = g_build_filename (fixture->tmpdir, "draft.json", NULL);

  fixture->sim = mr_test_sim_new ();
  fixture->client = mr_test_client_new (fixture->sim, NULL);
  fixture->session = mr_order_session_new (MR_ORDER_TYPE_DFY);
  mr_order_session_set_draft_path (fixture->session, draft);
  mr_order_session_set_client (fixture->session, fixture->client);
  mr_quote_scheduler_set_delay (mr_order_session_get_scheduler (fixture->session), 10);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *draft = g_build_filename (fixture->tmpdir, "draft.json", NULL);

  mr_order_session_close (fixture->session);
  g_assert_finalize_object (fixture->session);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sim);
  g_unlink (draft);
  g_rmdir (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static gboolean
can_place (gpointer data)
{
  return mr_order_session_get_can_place (data);
}

static MrQuote *
fresh_quote (Fixture *fixture)
{
  mr_test_wait_until (can_place, fixture->session, WAIT_MS);

  return mr_quote_scheduler_get_fresh_quote (mr_order_session_get_scheduler (fixture->session));
}

static MrPlaceOutcome
place (Fixture  *fixture,
       MrQuote  *quote,
       MrQuote **reply,
       GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mr_order_session_place_async (fixture->session, quote, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);

  return mr_order_session_place_finish (fixture->session, result, reply, error);
}

/* Undo and redo follow every edit; quick edits are one step. */
static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  MrOrderSession *session = fixture->session;
  MrOrder *order = mr_order_session_get_order (session);
  MrOrderItem *item;

  g_assert_false (mr_order_session_get_can_undo (session));
  g_assert_false (mr_order_session_get_can_redo (session));

  add_domain (session, "one.com");
  g_assert_true (mr_order_session_get_can_undo (session));

  mr_order_session_break_undo_group (session);
  add_domain (session, "two.com");
  /* typing into a field: many edits, one step */
  item = mr_order_get_item (order, 1);
  mr_account_set_first_name (mr_order_item_get_account (item, 0), "J");
  mr_account_set_first_name (mr_order_item_get_account (item, 0), "Ja");
  mr_account_set_first_name (mr_order_item_get_account (item, 0), "Jan");
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 2);

  mr_order_session_undo (session);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 1);
  g_assert_cmpstr (mr_order_item_get_domain (mr_order_get_item (order, 0)), ==, "one.com");
  g_assert_true (mr_order_session_get_can_redo (session));

  mr_order_session_undo (session);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 0);
  g_assert_false (mr_order_session_get_can_undo (session));

  mr_order_session_redo (session);
  mr_order_session_redo (session);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 2);
  g_assert_cmpstr (mr_account_get_first_name (mr_order_item_get_account (mr_order_get_item (order, 1), 0)),
                   ==, "Jan");
  g_assert_false (mr_order_session_get_can_redo (session));

  /* a new edit drops what could be redone */
  mr_order_session_undo (session);
  mr_order_session_break_undo_group (session);
  add_domain (session, "three.com");
  g_assert_false (mr_order_session_get_can_redo (session));

  /* removing is its own step, and comes back */
  mr_order_session_remove_item (session, 0);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 1);
  mr_order_session_undo (session);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 2);

  /* a new order can be undone */
  mr_order_session_new_order (session, MR_ORDER_TYPE_DFY, TRUE);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 0);
  mr_order_session_undo (session);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 2);
}

static void
count_restored_cb (MrOrderSession *session,
                   guint          *n)
{
  (*n)++;
}

/* the last undo or redo put back exactly the domains at @positions (n of
 * them) and took out none */
static void
assert_restored (MrOrderSession *session,
                 const guint    *positions,
                 guint           n)
{
  guint n_restored;
  const guint *restored = mr_order_session_get_restored (session, &n_restored);

  g_assert_cmpuint (n_restored, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (restored[i], ==, positions[i]);
  g_assert_cmpuint (mr_order_session_get_dropped_at (session), ==, G_MAXUINT);
}

static void
assert_nothing_restored (MrOrderSession *session,
                         guint           dropped_at)
{
  guint n_restored;

  mr_order_session_get_restored (session, &n_restored);
  g_assert_cmpuint (n_restored, ==, 0);
  g_assert_cmpuint (mr_order_session_get_dropped_at (session), ==, dropped_at);
}

/* What an undo or redo put back and took out, at size: 50 domains, one
 * removed, three removed at once, typing and a bulk change between; the
 * undo of a removal says which came back, its redo where they went,
 * other steps neither; the next change forgets it. */
static void
test_undo_restored (Fixture       *fixture,
                    gconstpointer  data)
{
  MrOrderSession *session = fixture->session;
  MrOrder *order = mr_order_session_get_order (session);
  g_autoptr(GPtrArray) three = g_ptr_array_new ();
  const guint one[] = { 7 };
  const guint ticked[] = { 3, 20, 49 };
  guint n_signals = 0;

  g_signal_connect (session, "restored", G_CALLBACK (count_restored_cb), &n_signals);

  mr_order_begin_batch (order);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *domain = g_strdup_printf ("restored-%02u.com", i);

      add_domain (session, domain);
    }
  mr_order_end_batch (order);
  mr_order_session_break_undo_group (session);
  assert_nothing_restored (session, G_MAXUINT);

  /* one domain */
  mr_order_session_remove_item (session, 7);
  assert_nothing_restored (session, G_MAXUINT);
  mr_order_session_undo (session);
  g_assert_cmpuint (n_signals, ==, 1);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 50);
  assert_restored (session, one, 1);
  mr_order_session_redo (session);
  g_assert_cmpuint (n_signals, ==, 2);
  assert_nothing_restored (session, 7);
  mr_order_session_undo (session);
  assert_restored (session, one, 1);

  /* three at once, with typing and a bulk change after */
  for (guint i = 0; i < G_N_ELEMENTS (ticked); i++)
    g_ptr_array_add (three, mr_order_get_item (order, ticked[i]));
  mr_order_session_remove_items (session, three);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 47);
  mr_account_set_first_name (mr_order_item_get_account (mr_order_get_item (order, 0), 0), "Jo");
  mr_order_session_break_undo_group (session);
  mr_order_begin_batch (order);
  for (guint i = 0; i < mr_order_get_n_items (order); i++)
    mr_order_item_set_email_provider (mr_order_get_item (order, i), MR_EMAIL_PROVIDER_MICROSOFT);
  mr_order_end_batch (order);
  mr_order_session_break_undo_group (session);
  assert_nothing_restored (session, G_MAXUINT);

  /* the bulk change and the typing put nothing back */
  mr_order_session_undo (session);
  g_assert_cmpint (mr_order_item_get_email_provider (mr_order_get_item (order, 5)), ==,
                   MR_EMAIL_PROVIDER_GOOGLE);
  assert_nothing_restored (session, G_MAXUINT);
  mr_order_session_undo (session);
  g_assert_cmpstr (mr_account_get_first_name (mr_order_item_get_account (mr_order_get_item (order, 0), 0)),
                   ==, "Jane");
  assert_nothing_restored (session, G_MAXUINT);

  /* the removal: the three come back where they were */
  mr_order_session_undo (session);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 50);
  assert_restored (session, ticked, G_N_ELEMENTS (ticked));
  g_assert_cmpstr (mr_order_item_get_domain (mr_order_get_item (order, 20)), ==, "restored-20.com");

  /* redone: they go from where the first was */
  mr_order_session_redo (session);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 47);
  assert_nothing_restored (session, 3);

  /* the next change forgets it */
  mr_order_session_break_undo_group (session);
  add_domain (session, "restored-new.com");
  assert_nothing_restored (session, G_MAXUINT);

  /* a new order undone puts every domain back */
  mr_order_session_break_undo_group (session);
  mr_order_session_new_order (session, MR_ORDER_TYPE_DFY, TRUE);
  mr_order_session_undo (session);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 48);
  {
    guint n_restored;
    const guint *restored = mr_order_session_get_restored (session, &n_restored);

    g_assert_cmpuint (n_restored, ==, 48);
    g_assert_cmpuint (restored[0], ==, 0);
    g_assert_cmpuint (restored[47], ==, 47);
  }

  g_signal_handlers_disconnect_by_func (session, count_restored_cb, &n_signals);
}

/* The reply is lost after the server placed the order: the session reads
 * the orders list, finds it, and never sends it again. */
static void
test_drop_after_found (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) reply = NULL;
  MrQuote *quote;
  guint before;

  add_domain (fixture->session, "mailroom-demo.com");
  add_domain (fixture->session, "mailroom-test.org");
  quote = fresh_quote (fixture);
  g_assert_nonnull (quote);

  before = mr_sim_server_get_n_requests (fixture->sim, PATH_ORDERS);
  mr_sim_server_inject_fault (fixture->sim, PATH_ORDERS, MR_SIM_FAULT_DROP_AFTER, 1);
  g_assert_cmpint (place (fixture, quote, &reply, &error), ==, MR_PLACE_OUTCOME_UNKNOWN_FOUND);
  g_assert_no_error (error);

  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 1);
  /* one POST, one GET of the list */
  g_assert_cmpuint (mr_sim_server_get_n_requests (fixture->sim, PATH_ORDERS), ==, before + 2);
  g_assert_cmpint (mr_order_session_get_phase (fixture->session), ==, MR_ORDER_PHASE_DONE);
  g_assert_cmpuint (mr_order_get_n_items (mr_order_session_get_order (fixture->session)), ==, 0);
  g_assert_cmpuint (mr_order_get_n_items (mr_order_session_get_placed_order (fixture->session)), ==, 2);
  g_assert_false (mr_order_session_get_attempt_unknown (fixture->session));
  g_assert_false (mr_order_session_get_can_place (fixture->session));
  g_assert_false (mr_order_session_get_can_undo (fixture->session));
}

/* The connection drops before the server saw it: not in the list, the
 * order is kept and may be placed again, with the warning. */
static void
test_drop_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MrQuote *quote;

  add_domain (fixture->session, "mailroom-demo.com");
  quote = fresh_quote (fixture);

  mr_sim_server_inject_fault (fixture->sim, PATH_ORDERS, MR_SIM_FAULT_DROP, 1);
  g_assert_cmpint (place (fixture, quote, NULL, &error), ==, MR_PLACE_OUTCOME_UNKNOWN_MISSING);
  g_assert_no_error (error);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);
  g_assert_cmpuint (mr_order_get_n_items (mr_order_session_get_order (fixture->session)), ==, 1);
  g_assert_true (mr_order_session_get_attempt_unknown (fixture->session));
  g_assert_false (mr_order_session_get_can_place (fixture->session));

  g_assert_false (mr_order_session_resume_editing (fixture->session));
  g_assert_true (mr_order_session_get_can_place (fixture->session));
  g_assert_true (mr_order_session_get_attempt_unknown (fixture->session));
}

/* A reply that is both "placed" and "checkout required" is a checkout,
 * for the window and the CLI alike; that revision is not placed again. */
static void
test_checkout (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MrQuote *quote;

  mr_sim_server_set_checkout_required (fixture->sim, TRUE);
  add_domain (fixture->session, "mailroom-demo.com");
  quote = fresh_quote (fixture);

  g_assert_cmpint (place (fixture, quote, NULL, &error), ==, MR_PLACE_OUTCOME_CHECKOUT);
  g_assert_no_error (error);
  g_assert_nonnull (mr_order_session_get_checkout_url (fixture->session));
  g_assert_true (mr_order_session_get_checkout_blocks (fixture->session));
  g_assert_true (mr_order_session_resume_editing (fixture->session));
  g_assert_false (mr_order_session_get_can_place (fixture->session));

  /* placing it anyway is refused without a request */
  g_assert_cmpint (place (fixture, quote, NULL, &error), ==, MR_PLACE_OUTCOME_FAILED);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NOT_PLACED);
}

/* A quote for an older revision is never placed. */
static void
test_stale_quote (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = NULL;
  guint before;

  add_domain (fixture->session, "mailroom-demo.com");
  quote = mr_quote_ref (fresh_quote (fixture));
  add_domain (fixture->session, "mailroom-test.org");

  before = mr_sim_server_get_n_requests (fixture->sim, PATH_ORDERS);
  g_assert_cmpint (place (fixture, quote, NULL, &error), ==, MR_PLACE_OUTCOME_FAILED);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_NOT_PLACED);
  g_assert_cmpuint (mr_sim_server_get_n_requests (fixture->sim, PATH_ORDERS), ==, before);
}

static gboolean
quote_settled (gpointer data)
{
  MrQuoteScheduler *scheduler = mr_order_session_get_scheduler (data);

  return mr_quote_scheduler_get_fresh_quote (scheduler) != NULL;
}

static guint
count_problems (MrOrderSession *session,
                MrProblemKind   kind,
                const char     *domain)
{
  GListModel *problems = mr_order_session_get_problems (session);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MrProblem) problem = g_list_model_get_item (problems, i);

      if (problem->kind == kind && g_strcmp0 (problem->domain, domain) == 0)
        n++;
    }

  return n;
}

/* The local checks and the server say "no mailboxes" about the same
 * domain: one problem, in the local words; every problem once. */
static void
test_problems_once (Fixture       *fixture,
                    gconstpointer  data)
{
  MrOrderSession *session = fixture->session;
  g_autoptr(MrOrderItem) empty = mr_order_item_new ("mailroom-empty.com");
  GListModel *problems = mr_order_session_get_problems (session);
  g_autoptr(MrProblem) problem = NULL;

  add_domain (session, "mailroom-demo.com");
  mr_order_append_item (mr_order_session_get_order (session), empty);
  mr_test_wait_until (quote_settled, session, WAIT_MS);
  mr_order_session_validate_now (session);

  g_assert_nonnull (mr_order_session_get_quote (session)->domains_without_accounts);
  g_assert_cmpuint (count_problems (session, MR_PROBLEM_NO_ACCOUNTS, "mailroom-empty.com"), ==, 1);
  g_assert_cmpuint (mr_order_session_get_n_problems (session), ==, 1);
  problem = g_list_model_get_item (problems, 0);
  g_assert_cmpint (problem->origin, ==, MR_PROBLEM_LOCAL);
  g_assert_cmpint (problem->severity, ==, MR_PROBLEM_BLOCKS);
  g_assert_nonnull (strstr (problem->message, "mailroom-empty.com"));

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    for (guint j = i + 1; j < g_list_model_get_n_items (problems); j++)
      {
        g_autoptr(MrProblem) a = g_list_model_get_item (problems, i);
        g_autoptr(MrProblem) b = g_list_model_get_item (problems, j);

        g_assert_false (mr_problem_equal (a, b));
      }
}

/* A mailbox just added is not wrong yet: its fields say nothing until
 * the person leaves them, and nothing says it "was refused". */
static void
test_problems_untouched (Fixture       *fixture,
                         gconstpointer  data)
{
  MrOrderSession *session = fixture->session;
  GListModel *problems = mr_order_session_get_problems (session);
  MrOrderItem *item;
  g_autoptr(MrAccount) blank = mr_account_new ("", "", "");
  guint n_shown = 0;

  add_domain (session, "mailroom-demo.com");
  item = mr_order_get_item (mr_order_session_get_order (session), 0);
  mr_order_item_append_account (item, blank);
  mr_test_wait_until (quote_settled, session, WAIT_MS);
  mr_order_session_validate_now (session);

  g_assert_cmpuint (mr_order_session_get_n_problems (session), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MrProblem) problem = g_list_model_get_item (problems, i);

      g_assert_null (strstr (problem->message, "refused"));
      if (mr_order_session_problem_is_shown (session, problem))
        n_shown++;
      else
        g_assert_true (problem->account == blank);
    }
  g_assert_cmpuint (n_shown, ==, 0);

  /* left the first name: that field speaks, the others wait */
  mr_order_session_touch (session, blank, "first_name");
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MrProblem) problem = g_list_model_get_item (problems, i);

      g_assert_true (mr_order_session_problem_is_shown (session, problem) ==
                     (g_strcmp0 (problem->field, "first_name") == 0));
    }

  /* trying to place shows them all */
  mr_order_session_reveal_problems (session);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MrProblem) problem = g_list_model_get_item (problems, i);

      g_assert_true (mr_order_session_problem_is_shown (session, problem));
    }
}

/* After an order is placed, the next one starts as a new order does:
 * its untouched fields say nothing yet, even if the person asked to see
 * every problem of the order before. */
static void
test_problems_untouched_after_placing (Fixture       *fixture,
                                       gconstpointer  data)
{
  MrOrderSession *session = fixture->session;
  GListModel *problems = mr_order_session_get_problems (session);
  g_autoptr(MrAccount) blank = mr_account_new ("", "", "");
  g_autoptr(GError) error = NULL;
  MrOrderItem *item;
  guint n_blank = 0;

  add_domain (session, "mailroom-demo.com");
  mr_order_session_reveal_problems (session);
  g_assert_cmpint (place (fixture, fresh_quote (fixture), NULL, &error), ==, MR_PLACE_OUTCOME_PLACED);
  g_assert_no_error (error);
  g_assert_false (mr_order_session_resume_editing (session));

  add_domain (session, "mailroom-demo.org");
  item = mr_order_get_item (mr_order_session_get_order (session), 0);
  mr_order_item_append_account (item, blank);
  mr_order_session_validate_now (session);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MrProblem) problem = g_list_model_get_item (problems, i);

      if (problem->account != blank)
        continue;
      n_blank++;
      g_assert_false (mr_order_session_problem_is_shown (session, problem));
    }
  g_assert_cmpuint (n_blank, >, 0);
}

static void
test_problem_equal (void)
{
  g_autoptr(MrProblem) a = mr_problem_new (MR_PROBLEM_DOMAIN_UNAVAILABLE, "Acme.COM", NULL, NULL,
                                           "acme.com is taken");
  g_autoptr(MrProblem) b = mr_problem_new (MR_PROBLEM_DOMAIN_UNAVAILABLE, " acme.com.", NULL, NULL,
                                           "Another sentence");
  g_autoptr(MrProblem) c = mr_problem_new (MR_PROBLEM_DOMAIN_BLACKLISTED, "acme.com", NULL, NULL,
                                           "acme.com is taken");
  g_autoptr(MrProblem) d = mr_problem_new (MR_PROBLEM_ACCOUNT_NAME, "acme.com", "Jane", "first_name",
                                           "x");
  g_autoptr(MrProblem) e = mr_problem_new (MR_PROBLEM_ACCOUNT_NAME, "acme.com", "jane", "first_name",
                                           "y");
  g_autoptr(MrProblem) f = mr_problem_new (MR_PROBLEM_ACCOUNT_NAME, "acme.com", "jane", "last_name",
                                           "y");

  g_assert_true (mr_problem_equal (a, b));
  g_assert_false (mr_problem_equal (a, c));
  g_assert_true (mr_problem_equal (d, e));
  g_assert_false (mr_problem_equal (e, f));
  g_assert_cmpstr (f->field, ==, "last_name");
}

/* the pairwise rule itself: the first of each set of equal problems */
static GPtrArray *
dedupe_pairwise (GPtrArray *problems)
{
  GPtrArray *once = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < problems->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (problems, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < once->len && !seen; j++)
        seen = mr_problem_equal (g_ptr_array_index (once, j), problem);
      if (!seen)
        g_ptr_array_add (once, g_object_ref (problem));
    }

  return once;
}

/* 1,000 domains with a mix of what can be wrong: invalid names, .net,
 * duplicates in other spellings, no mailboxes, too many, unnamed and
 * repeated mailboxes */
static MrOrder *
mixed_order (void)
{
  MrOrder *order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *domain = NULL;
      MrOrderItem *item;

      if (i % 17 == 0)
        domain = g_strdup_printf ("bad domain!%u.com", i);
      else if (i % 13 == 0)
        domain = g_strdup_printf ("Mailroom-Scale-%04u.COM", i - 1);
      else if (i % 11 == 0)
        domain = g_strdup_printf ("mailroom-scale-%04u.net", i);
      else
        domain = g_strdup_printf ("mailroom-scale-%04u.com", i);

      item = new_item (domain, i % 5 == 0 ? 0 : 2);
      if (i % 7 == 0)
        {
          g_autoptr(MrAccount) blank = mr_account_new ("", "", "");
          g_autoptr(MrAccount) blank2 = mr_account_new ("", "", "");
          g_autoptr(MrAccount) again = mr_account_new ("Jane", "", "JANE");

          mr_order_item_append_account (item, blank);
          mr_order_item_append_account (item, blank2);
          mr_order_item_append_account (item, again);
        }
      g_ptr_array_add (items, item);
    }
  mr_order_append_items (order, (MrOrderItem **) items->pdata, items->len);

  return order;
}

static void
assert_same_problems (GPtrArray  *expected,
                      GListModel *model)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(MrProblem) problem = g_list_model_get_item (model, i);
      MrProblem *want = g_ptr_array_index (expected, i);

      g_assert_true (mr_problem_equal (problem, want));
      g_assert_cmpstr (problem->message, ==, want->message);
    }
}

/* The hashed dedupe keeps exactly what the pairwise rule keeps, in the
 * same order, on an order of 1,000 domains; and so does the session. */
static void
test_problems_dedupe_scale (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MrOrder) order = mixed_order ();
  g_autoptr(GPtrArray) local = mr_order_validate (order);
  g_autoptr(GPtrArray) mixed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) pairwise = NULL;
  g_autoptr(GPtrArray) hashed = NULL;
  g_autoptr(GPtrArray) local_once = NULL;
  g_autoptr(MrOrderSession) session = NULL;
  guint n_kinds = 0;
  guint seen_kinds = 0;

  /* what the server says about the same order, in its own spelling */
  for (guint i = 0; i < local->len; i++)
    g_ptr_array_add (mixed, g_object_ref (g_ptr_array_index (local, i)));
  for (guint i = 0; i < 1000; i += 3)
    {
      g_autofree char *domain = g_strdup_printf (" MAILROOM-scale-%04u.com.", i);
      g_autofree char *message = g_strdup_printf ("server says %u", i);
      MrProblem *problem;

      problem = mr_problem_new (i % 2 ? MR_PROBLEM_NO_ACCOUNTS : MR_PROBLEM_DOMAIN_UNAVAILABLE,
                                domain, NULL, NULL, message);
      mr_problem_set_origin (problem, MR_PROBLEM_SERVER);
      g_ptr_array_add (mixed, problem);

      problem = mr_problem_new (MR_PROBLEM_ACCOUNT_INVALID, domain, i % 2 ? "JOHN" : "john",
                                "reason", message);
      mr_problem_set_origin (problem, MR_PROBLEM_SERVER);
      g_ptr_array_add (mixed, problem);

      problem = mr_problem_new (MR_PROBLEM_ACCOUNT_NAME, domain, i % 2 ? NULL : "", "last_name",
                                i % 4 ? "a" : "b");
      g_ptr_array_add (mixed, problem);
    }

  for (guint i = 0; i < mixed->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (mixed, i);

      if ((seen_kinds & (1u << problem->kind)) == 0)
        n_kinds++;
      seen_kinds |= 1u << problem->kind;
    }
  /* the mix is a mix */
  g_assert_cmpuint (n_kinds, >=, 7);
  g_assert_cmpuint (mixed->len, >, 2000);

  pairwise = dedupe_pairwise (mixed);
  hashed = mr_problems_dedupe (mixed);
  g_assert_cmpuint (pairwise->len, <, mixed->len);
  g_assert_cmpuint (hashed->len, ==, pairwise->len);
  for (guint i = 0; i < pairwise->len; i++)
    g_assert_true (g_ptr_array_index (hashed, i) == g_ptr_array_index (pairwise, i));

  /* the session's list (local checks only, no server here) */
  local_once = dedupe_pairwise (local);
  session = mr_order_session_new_for_order (order, fixture->client);
  mr_order_session_validate_now (session);
  assert_same_problems (local_once, mr_order_session_get_problems (session));

  /* an edit in the middle changes only what it touches */
  mr_account_set_first_name (mr_order_item_get_account (mr_order_get_item (order, 501), 0), "");
  g_clear_pointer (&local, g_ptr_array_unref);
  g_clear_pointer (&local_once, g_ptr_array_unref);
  local = mr_order_validate (order);
  local_once = dedupe_pairwise (local);
  mr_order_session_validate_now (session);
  assert_same_problems (local_once, mr_order_session_get_problems (session));
  mr_order_session_close (session);
}

/* What the server says about a domain belongs to the order its quote
 * priced. */
typedef struct
{
  MrOrderSession *session;
  GHashTable     *changed;     /* domain names the bulk apply edits */
  guint           n_stale;     /* server problems of a changed domain shown */
  guint           n_early;     /* can-place while the quote was not fresh */
  guint           n_can_place; /* changes of can-place */
} StaleWatch;

static guint
count_stale (StaleWatch *watch)
{
  GListModel *problems = mr_order_session_get_problems (watch->session);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MrProblem) problem = g_list_model_get_item (problems, i);

      /* a domain found taken stays out whatever is done to it */
      if (problem->origin == MR_PROBLEM_SERVER && problem->domain != NULL &&
          !mr_problem_kind_excludes_domain (problem->kind) &&
          g_hash_table_contains (watch->changed, problem->domain))
        n++;
    }

  return n;
}

static void
stale_problems_cb (GListModel *problems,
                   guint       position,
                   guint       removed,
                   guint       added,
                   StaleWatch *watch)
{
  watch->n_stale += count_stale (watch);
}

static void
stale_can_place_cb (MrOrderSession *session,
                    GParamSpec     *pspec,
                    StaleWatch     *watch)
{
  MrQuote *fresh = mr_quote_scheduler_get_fresh_quote (mr_order_session_get_scheduler (session));

  watch->n_can_place++;
  if (mr_order_session_get_can_place (session) &&
      (fresh == NULL ||
       fresh->revision != mr_order_get_revision (mr_order_session_get_quoted_order (session))))
    watch->n_early++;
}

static guint
count_origin (MrOrderSession  *session,
              MrProblemOrigin  origin)
{
  GListModel *problems = mr_order_session_get_problems (session);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MrProblem) problem = g_list_model_get_item (problems, i);

      if (problem->origin == origin)
        n++;
    }

  return n;
}

/* 50 domains (the server finds some taken: those stay out whatever is
 * done to them), 10 without mailboxes and 5 with a forwarding domain that
 * is not valid; one bulk apply gives the 10 two people each.
 * Their "no mailboxes" goes at once and nothing the old quote said about
 * them takes its place; what it said about the others stays; the order
 * cannot be placed until the new quote has come, and then it can. */
static void
test_problems_stale_quote (Fixture       *fixture,
                           gconstpointer  data)
{
  MrOrderSession *session = fixture->session;
  MrOrder *order = mr_order_session_get_order (session);
  GListModel *problems = mr_order_session_get_problems (session);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GPtrArray) forwarding = g_ptr_array_new ();
  g_autoptr(GPtrArray) people = mr_people_parse ("Jane Doe, John Smith", NULL);
  g_autoptr(MrBulkReport) report = NULL;
  g_autoptr(MrBulkReport) cleared = NULL;
  StaleWatch watch = { session, g_hash_table_new (g_str_hash, g_str_equal), 0, 0, 0 };
  guint n_server;

  mr_order_begin_batch (order);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *domain = g_strdup_printf ("mailroom-stale-%02u.com", i);
      g_autoptr(MrOrderItem) item = new_item (domain, i < 10 ? 0 : 2);

      if (i >= 40 && i < 45)
        mr_order_item_set_forwarding_domain (item, "localhost");
      mr_order_append_item (order, item);
      if (i < 10)
        {
          g_ptr_array_add (empty, item);
          g_hash_table_add (watch.changed, (gpointer) mr_order_item_get_domain (item));
        }
      else if (i >= 40 && i < 45)
        g_ptr_array_add (forwarding, item);
    }
  mr_order_end_batch (order);

  mr_test_wait_until (quote_settled, session, WAIT_MS);
  mr_order_session_sync (session);
  g_assert_cmpuint (count_problems (session, MR_PROBLEM_NO_ACCOUNTS, "mailroom-stale-00.com"), ==, 1);
  n_server = count_origin (session, MR_PROBLEM_SERVER);
  g_assert_cmpuint (n_server, >, 0);
  g_assert_cmpuint (count_stale (&watch), ==, 0);
  g_assert_false (mr_order_session_get_can_place (session));

  g_signal_connect (problems, "items-changed", G_CALLBACK (stale_problems_cb), &watch);
  g_signal_connect (session, "notify::can-place", G_CALLBACK (stale_can_place_cb), &watch);

  report = mr_order_bulk_add_people (order, empty, people, MR_ADDRESS_PATTERN_FIRST_DOT_LAST);
  g_assert_cmpuint (report->n_added, ==, 20);
  mr_order_session_sync (session);

  /* the gap: the old quote is all there is */
  g_assert_null (mr_quote_scheduler_get_fresh_quote (mr_order_session_get_scheduler (session)));
  g_assert_cmpuint (count_problems (session, MR_PROBLEM_NO_ACCOUNTS, "mailroom-stale-00.com"), ==, 0);
  g_assert_cmpuint (count_stale (&watch), ==, 0);
  g_assert_cmpuint (count_origin (session, MR_PROBLEM_SERVER), ==, n_server);
  g_assert_false (mr_order_session_get_can_place (session));

  mr_test_wait_until (quote_settled, session, WAIT_MS);
  g_assert_cmpuint (count_origin (session, MR_PROBLEM_SERVER), ==, n_server);
  g_assert_cmpuint (watch.n_stale, ==, 0);

  /* the rest goes the same way, and then the order can be placed */
  cleared = mr_order_bulk_set_forwarding (order, forwarding, NULL);
  mr_order_session_sync (session);
  g_assert_cmpuint (count_origin (session, MR_PROBLEM_SERVER), ==, n_server);
  g_assert_false (mr_order_session_get_can_place (session));
  mr_test_wait_until (can_place, session, WAIT_MS);
  g_assert_cmpuint (mr_order_session_get_n_problems (session), ==, n_server);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MrProblem) problem = g_list_model_get_item (problems, i);

      g_assert_cmpint (problem->severity, ==, MR_PROBLEM_WARNING);
    }
  g_assert_cmpuint (watch.n_early, ==, 0);
  g_assert_cmpuint (watch.n_stale, ==, 0);
  /* no flicker: it changed once, to TRUE, with the fresh quote */
  g_assert_cmpuint (watch.n_can_place, ==, 1);

  g_signal_handlers_disconnect_by_data (problems, &watch);
  g_signal_handlers_disconnect_by_data (session, &watch);
  g_hash_table_unref (watch.changed);
}

/* The draft is written on a worker thread; closing (what quitting does)
 * still leaves the newest edit on disk, also while an older snapshot is
 * being written. */
static MrOrder *
load_fixture_draft (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->tmpdir, "draft.json", NULL);
  MrOrder *draft = mr_draft_store_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (draft);

  return draft;
}

static const char *
first_name_in (MrOrder *order,
               guint    item,
               guint    account)
{
  return mr_account_get_first_name (mr_order_item_get_account (mr_order_get_item (order, item),
                                                               account));
}

static void
test_draft_close_right_after_edit (Fixture       *fixture,
                                   gconstpointer  data)
{
  MrOrder *order = mr_order_session_get_order (fixture->session);
  g_autoptr(MrOrder) draft = NULL;

  add_domain (fixture->session, "getacme.org");
  mr_account_set_first_name (mr_order_item_get_account (mr_order_get_item (order, 0), 0), "Grace");

  /* no main loop turn: the edit's save was only scheduled */
  mr_order_session_close (fixture->session);

  draft = load_fixture_draft (fixture);
  g_assert_cmpuint (mr_order_get_n_items (draft), ==, 1);
  g_assert_cmpstr (first_name_in (draft, 0, 0), ==, "Grace");
}

/* what quitting and starting again does: the next session reads the draft */
static void
close_and_reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (mr_order_session_get_draft_path (fixture->session));

  mr_order_session_close (fixture->session);
  g_assert_finalize_object (fixture->session);

  fixture->session = mr_order_session_new (MR_ORDER_TYPE_DFY);
  mr_order_session_set_draft_path (fixture->session, path);
  g_assert_true (mr_order_session_restore_draft (fixture->session, &error));
  g_assert_no_error (error);
}

static void
test_draft_close_while_writing (Fixture       *fixture,
                                gconstpointer  data)
{
  MrOrder *order = mr_order_session_get_order (fixture->session);
  static const char *names[] = { "Ada", "Alan", "Grace", "Edsger", "Barbara" };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* large enough that its write takes a while */
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *domain = g_strdup_printf ("draft-writing-%04u.com", i);

      g_ptr_array_add (items, new_item (domain, 3));
    }
  mr_order_append_items (order, (MrOrderItem **) items->pdata, items->len);

  for (guint round = 0; round < G_N_ELEMENTS (names); round++)
    {
      g_autoptr(MrOrder) draft = NULL;
      MrAccount *account = mr_order_item_get_account (mr_order_get_item (order, 500), 1);

      /* the save of the last edit starts on the worker thread... */
      mr_account_set_first_name (account, "Someone older");
      mr_test_spin (520);

      /* ...and a newer edit is saved on closing, while it may still run */
      mr_account_set_first_name (account, names[round]);
      close_and_reopen (fixture);

      draft = load_fixture_draft (fixture);
      g_assert_cmpuint (mr_order_get_n_items (draft), ==, 1000);
      g_assert_cmpstr (first_name_in (draft, 500, 1), ==, names[round]);
      order = mr_order_session_get_order (fixture->session);
    }
}

static void
count_failed_cb (MrOrderSession *session,
                 const char     *message,
                 guint          *n_failed)
{
  g_assert_nonnull (strstr (message, "draft"));
  (*n_failed)++;
}

static gboolean
uint_positive (gpointer data)
{
  return *(guint *) data > 0;
}

static void
test_draft_write_error (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (fixture->tmpdir, "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (blocker, "draft.json", NULL);
  g_autofree char *fixture_path = g_strdup (mr_order_session_get_draft_path (fixture->session));
  MrOrder *order = mr_order_session_get_order (fixture->session);
  guint n_failed = 0;

  /* a file where the draft's folder should be */
  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);
  mr_order_session_set_draft_path (fixture->session, path);
  g_signal_connect (fixture->session, "draft-save-failed", G_CALLBACK (count_failed_cb), &n_failed);

  /* reported from the worker's write: a warning each time, the signal once */
  g_test_expect_message ("mr-order-session", G_LOG_LEVEL_WARNING, "Could not save the draft to*");
  add_domain (fixture->session, "getacme.org");
  mr_test_wait_until (uint_positive, &n_failed, WAIT_MS);
  g_test_assert_expected_messages ();

  g_test_expect_message ("mr-order-session", G_LOG_LEVEL_WARNING, "Could not save the draft to*");
  mr_account_set_first_name (mr_order_item_get_account (mr_order_get_item (order, 0), 0), "Grace");
  mr_test_spin (900);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (n_failed, ==, 1);

  /* saving on closing reports the same way */
  g_test_expect_message ("mr-order-session", G_LOG_LEVEL_WARNING, "Could not save the draft to*");
  mr_order_session_flush_draft (fixture->session);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (n_failed, ==, 1);

  g_signal_handlers_disconnect_by_func (fixture->session, count_failed_cb, &n_failed);
  mr_order_session_set_draft_path (fixture->session, fixture_path);
  g_unlink (blocker);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/mr/session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("undo-redo", test_undo_redo);
  ADD ("undo-restored", test_undo_restored);
  ADD ("place/drop-after-found", test_drop_after_found);
  ADD ("place/drop-missing", test_drop_missing);
  ADD ("place/checkout", test_checkout);
  ADD ("place/stale-quote", test_stale_quote);
  ADD ("problems/once", test_problems_once);
  ADD ("problems/untouched", test_problems_untouched);
  ADD ("problems/untouched-after-placing", test_problems_untouched_after_placing);
  g_test_add_func ("/mr/session/problems/equal", test_problem_equal);
  ADD ("problems/dedupe-scale", test_problems_dedupe_scale);
  ADD ("problems/stale-quote", test_problems_stale_quote);
  ADD ("draft/close-right-after-edit", test_draft_close_right_after_edit);
  ADD ("draft/close-while-writing", test_draft_close_while_writing);
  ADD ("draft/write-error", test_draft_write_error);

  return g_test_run ();
}
