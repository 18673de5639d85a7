/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "mailroom-core.h"
#include "mr-placement-check.h"
#include "mr-problem-list.h"
#include "mr-quote-basis.h"
#include "mr-test-util.h"
#include "mr-undo-stack.h"

/* The plain pieces MrOrderSession drives, each on its own: the undo
 * stack, the check after an unknown placement result (against the
 * simulator over loopback) and the problem list. */

#define WAIT_MS 10000

static MrOrderItem *
new_item (const char *domain,
          guint       n_accounts)
{
  MrOrderItem *item = mr_order_item_new (domain);

  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_GOOGLE);
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("person%u", i + 1);
      g_autofree char *last = g_strdup_printf ("Person %u", i + 1);
      g_autoptr(MrAccount) account = mr_account_new ("Sam", last, prefix);

      mr_order_item_append_account (item, account);
    }

  return item;
}

static void
add_domain (MrOrder    *order,
            const char *domain)
{
  g_autoptr(MrOrderItem) item = new_item (domain, 1);

  mr_order_append_item (order, item);
}

/* Undo stack */

static void
test_undo_steps (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrUndoStack) stack = mr_undo_stack_new (order);
  g_autoptr(MrUndoStep) step = NULL;
  g_autoptr(MrUndoStep) again = NULL;

  g_assert_false (mr_undo_stack_can_undo (stack));
  g_assert_null (mr_undo_stack_undo (stack, FALSE, FALSE));

  /* the first edit starts a step; the next ones continue it until the
   * group is broken */
  add_domain (order, "one.com");
  mr_undo_stack_changed (stack, TRUE, TRUE, FALSE);
  add_domain (order, "two.com");
  mr_undo_stack_changed (stack, TRUE, FALSE, FALSE);
  g_assert_true (mr_undo_stack_can_undo (stack));

  mr_undo_stack_break_group (stack);
  add_domain (order, "three.com");
  mr_undo_stack_changed (stack, TRUE, FALSE, TRUE);

  /* a change that is not an edit (loading, restoring) is no step */
  mr_undo_stack_break_group (stack);
  mr_undo_stack_changed (stack, FALSE, FALSE, FALSE);

  step = mr_undo_stack_undo (stack, FALSE, FALSE);
  g_assert_nonnull (step);
  g_assert_cmpuint (mr_order_get_n_items (step->order), ==, 2);
  g_assert_false (step->checkout_blocks);
  g_assert_true (step->attempt_unknown);
  mr_order_assign (order, step->order);
  mr_undo_stack_restored (stack);
  g_assert_true (mr_undo_stack_can_redo (stack));
  g_clear_pointer (&step, mr_undo_step_free);

  /* what was known about the order comes back with it */
  step = mr_undo_stack_undo (stack, FALSE, FALSE);
  g_assert_cmpuint (mr_order_get_n_items (step->order), ==, 0);
  g_assert_true (step->checkout_blocks);
  mr_order_assign (order, step->order);
  mr_undo_stack_restored (stack);
  g_assert_false (mr_undo_stack_can_undo (stack));

  again = mr_undo_stack_redo (stack, FALSE, FALSE);
  g_assert_cmpuint (mr_order_get_n_items (again->order), ==, 2);
  mr_order_assign (order, again->order);
  mr_undo_stack_restored (stack);

  /* a new edit forgets what could be redone */
  add_domain (order, "four.com");
  mr_undo_stack_changed (stack, TRUE, FALSE, FALSE);
  g_assert_false (mr_undo_stack_can_redo (stack));

  mr_undo_stack_clear (stack);
  g_assert_false (mr_undo_stack_can_undo (stack));
  g_assert_false (mr_undo_stack_can_redo (stack));
}

static void
test_undo_limit (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrUndoStack) stack = mr_undo_stack_new (order);
  guint n = 0;

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *domain = g_strdup_printf ("step-%u.com", i);

      mr_undo_stack_break_group (stack);
      add_domain (order, domain);
      mr_undo_stack_changed (stack, TRUE, FALSE, FALSE);
    }

  while (mr_undo_stack_can_undo (stack))
    {
      g_autoptr(MrUndoStep) step = mr_undo_stack_undo (stack, FALSE, FALSE);

      mr_order_assign (order, step->order);
      mr_undo_stack_restored (stack);
      n++;
    }

  g_assert_cmpuint (n, ==, 100);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 50);
}

/* Placement check */

typedef struct
{
  MrSimServer *sim;
  MrApiClient *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->sim = mr_test_sim_new ();
  fixture->client = mr_test_client_new (fixture->sim, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  mr_sim_server_disconnect (fixture->sim);
  g_assert_finalize_object (fixture->sim);
}

static MrPlacementCheck
check (Fixture       *fixture,
       MrOrder       *order,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mr_placement_check_async (fixture->client, order, cancellable, mr_test_store_result_cb,
                            &result);
  mr_test_wait_result (&result, WAIT_MS);

  return mr_placement_check_finish (result, error);
}

static void
test_check_found_missing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrder) extra = mr_order_new (MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  g_autoptr(GError) error = NULL;

  mr_sim_server_add_ordered_domain (fixture->sim, "placed-one.com", MR_EMAIL_PROVIDER_GOOGLE, 2);
  mr_sim_server_add_ordered_domain (fixture->sim, "placed-two.org", MR_EMAIL_PROVIDER_GOOGLE, 1);

  /* every domain, whatever its case, is in the orders list */
  add_domain (order, "Placed-One.com");
  add_domain (order, "placed-two.org");
  g_assert_cmpint (check (fixture, order, NULL, &error), ==, MR_PLACEMENT_FOUND);
  g_assert_no_error (error);

  add_domain (order, "never-placed.com");
  g_assert_cmpint (check (fixture, order, NULL, &error), ==, MR_PLACEMENT_MISSING);
  g_assert_no_error (error);

  /* extra mailboxes: the addresses, in the mailboxes list */
  {
    g_autoptr(MrOrderItem) item = mr_order_item_new ("placed-one.com");
    g_autoptr(MrAccount) account = mr_account_new ("Demo", "User", "USER2");

    mr_order_item_append_account (item, account);
    mr_order_append_item (extra, item);
  }
  g_assert_cmpint (check (fixture, extra, NULL, &error), ==, MR_PLACEMENT_FOUND);
  g_assert_no_error (error);

  {
    g_autoptr(MrAccount) account = mr_account_new ("New", "Person", "new.person");

    mr_order_item_append_account (mr_order_get_item (extra, 0), account);
  }
  g_assert_cmpint (check (fixture, extra, NULL, &error), ==, MR_PLACEMENT_MISSING);
  g_assert_no_error (error);
}

static void
test_check_unread (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  add_domain (order, "never-placed.com");

  mr_sim_server_inject_fault (fixture->sim, "/api/v2/dfy-email-account-orders",
                              MR_SIM_FAULT_SERVER_ERROR, 1);
  g_assert_cmpint (check (fixture, order, NULL, &error), ==, MR_PLACEMENT_UNREAD);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_SERVER);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_cmpint (check (fixture, order, cancellable, &error), ==, MR_PLACEMENT_UNREAD);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* a list longer than the 20 pages it reads: not seen, but not read to
   * its end either */
  for (guint i = 0; i < 2050; i++)
    {
      g_autofree char *domain = g_strdup_printf ("long-list-%u.com", i);

      mr_sim_server_add_ordered_domain (fixture->sim, domain, MR_EMAIL_PROVIDER_GOOGLE, 0);
    }
  g_assert_cmpint (check (fixture, order, NULL, &error), ==, MR_PLACEMENT_UNREAD);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  g_assert_cmpuint (mr_sim_server_get_n_requests (fixture->sim, "/api/v2/dfy-email-account-orders"),
                    ==, 1 + 20);
}

/* Problem list */

/* an order, and what the session knows of it, split as the session does */
typedef struct
{
  MrOrder    *order;
  GPtrArray  *local;
  GHashTable *server_excluded;
  GPtrArray  *included;
  GPtrArray  *excluded;
  GHashTable *keys;
} Split;

static void
split_init (Split *split)
{
  split->order = mr_order_new (MR_ORDER_TYPE_DFY);
  split->server_excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  split->included = g_ptr_array_new_with_free_func (g_object_unref);
  split->excluded = g_ptr_array_new_with_free_func (g_object_unref);
  split->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
split_run (Split *split)
{
  split->local = mr_order_validate (split->order);
  mr_problem_list_partition (split->order, split->local, split->server_excluded, NULL,
                             split->included, split->excluded, split->keys);
}

static void
split_clear (Split *split)
{
  g_clear_object (&split->order);
  g_clear_pointer (&split->local, g_ptr_array_unref);
  g_clear_pointer (&split->server_excluded, g_hash_table_unref);
  g_clear_pointer (&split->included, g_ptr_array_unref);
  g_clear_pointer (&split->excluded, g_ptr_array_unref);
  g_clear_pointer (&split->keys, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Split, split_clear)

static void
test_partition (void)
{
  g_auto(Split) split = { NULL, };
  g_autoptr(GListStore) store = g_list_store_new (MR_TYPE_PROBLEM);
  MrOrder *order;
  GPtrArray *included;
  GPtrArray *excluded;
  MrProblem *said;

  split_init (&split);
  order = split.order;
  included = split.included;
  excluded = split.excluded;
  add_domain (order, "good-one.com");
  add_domain (order, "GOOD-ONE.com");
  add_domain (order, "not a domain");
  add_domain (order, "said-taken.com");
  add_domain (order, "good-two.org");
  said = mr_problem_new (MR_PROBLEM_DOMAIN_UNAVAILABLE, "said-taken.com", NULL, NULL,
                         "said-taken.com is taken");
  g_hash_table_insert (split.server_excluded, g_strdup ("said-taken.com"), said);
  split_run (&split);

  g_assert_cmpuint (included->len, ==, 2);
  g_assert_true (g_ptr_array_index (included, 0) == mr_order_get_item (order, 0));
  g_assert_true (g_ptr_array_index (included, 1) == mr_order_get_item (order, 4));
  g_assert_cmpuint (excluded->len, ==, 3);
  g_assert_cmpint (((MrProblem *) g_ptr_array_index (excluded, 0))->kind, ==, MR_PROBLEM_DOMAIN_DUPLICATE);
  g_assert_cmpint (((MrProblem *) g_ptr_array_index (excluded, 1))->kind, ==, MR_PROBLEM_DOMAIN_INVALID);
  g_assert_cmpint (((MrProblem *) g_ptr_array_index (excluded, 2))->kind, ==, MR_PROBLEM_DOMAIN_UNAVAILABLE);
  for (guint i = 0; i < excluded->len; i++)
    g_assert_cmpint (((MrProblem *) g_ptr_array_index (excluded, i))->severity, ==, MR_PROBLEM_WARNING);
  /* the duplicate's first copy stays in: only the other two are out */
  g_assert_cmpuint (g_hash_table_size (split.keys), ==, 2);
  g_assert_true (g_hash_table_contains (split.keys, "said-taken.com"));

  g_assert_true (mr_problem_list_set_excluded (store, excluded));
  g_assert_false (mr_problem_list_set_excluded (store, excluded));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
}

static void
test_update (void)
{
  g_auto(Split) split = { NULL, };
  g_autoptr(GListStore) excluded_store = g_list_store_new (MR_TYPE_PROBLEM);
  g_autoptr(GListStore) store = g_list_store_new (MR_TYPE_PROBLEM);
  g_autoptr(MrOrderItem) empty = mr_order_item_new ("no-mailboxes.com");
  g_autoptr(MrProblem) first = NULL;
  GPtrArray *local;
  GHashTable *keys;
  guint n;

  split_init (&split);
  add_domain (split.order, "not a domain");
  mr_order_append_item (split.order, empty);
  split_run (&split);
  local = split.local;
  keys = split.keys;
  mr_problem_list_set_excluded (excluded_store, split.excluded);

  /* the same problems from the server again are said once */
  g_assert_true (mr_problem_list_update (store, local, local, NULL, G_LIST_MODEL (excluded_store),
                                         keys));
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        g_autoptr(MrProblem) a = g_list_model_get_item (G_LIST_MODEL (store), i);
        g_autoptr(MrProblem) b = g_list_model_get_item (G_LIST_MODEL (store), j);

        g_assert_false (mr_problem_equal (a, b));
      }

  /* a domain left out is one warning; the one without mailboxes blocks */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MrProblem) problem = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (problem->domain, "not a domain") == 0)
        g_assert_cmpint (problem->severity, ==, MR_PROBLEM_WARNING);
      if (g_strcmp0 (problem->domain, "no-mailboxes.com") == 0)
        g_assert_cmpint (problem->severity, ==, MR_PROBLEM_BLOCKS);
    }

  /* nothing new: no change, and the objects stay */
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_false (mr_problem_list_update (store, local, NULL, NULL, G_LIST_MODEL (excluded_store),
                                          keys));
  {
    g_autoptr(MrProblem) still = g_list_model_get_item (G_LIST_MODEL (store), 0);

    g_assert_true (still == first);
  }
}

/* What a quote said, and which of it still holds */

static MrQuote *
simulate (Fixture *fixture,
          MrOrder *order)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MrQuote *quote;

  mr_api_client_simulate_order_async (fixture->client, order, NULL, mr_test_store_result_cb,
                                      &result);
  mr_test_wait_result (&result, WAIT_MS);
  quote = mr_api_client_simulate_order_finish (fixture->client, result, &error);
  g_assert_no_error (error);

  return quote;
}

static guint
count_about (GPtrArray  *problems,
             const char *domain)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    if (g_strcmp0 (((MrProblem *) g_ptr_array_index (problems, i))->domain, domain) == 0)
      n++;

  return n;
}

/* 50 domains, 10 without mailboxes, some taken. A bulk apply fills the
 * 10 and one taken domain: what the quote said about them goes, what it
 * said about the others and the order stays; a domain removed loses its
 * problems; a domain edited back to what was priced gets them back. */
static void
test_quote_basis (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GPtrArray) edited = g_ptr_array_new ();
  g_autoptr(GPtrArray) people = mr_people_parse ("Jane Doe, John Smith", NULL);
  g_autoptr(GPtrArray) taken = g_ptr_array_new ();
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(GPtrArray) said = NULL;
  g_autoptr(MrQuoteBasis) basis = NULL;
  g_autoptr(GPtrArray) still = NULL;
  g_autoptr(MrBulkReport) report = NULL;
  MrOrderItem *first_empty;
  guint n_order_wide = 0;

  mr_order_begin_batch (order);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *domain = g_strdup_printf ("mailroom-basis-%02u.com", i);
      g_autoptr(MrOrderItem) item = new_item (domain, i < 10 ? 0 : 2);

      mr_order_append_item (order, item);
      if (i < 10)
        g_ptr_array_add (edited, item);
    }
  mr_order_end_batch (order);
  first_empty = mr_order_get_item (order, 0);

  quote = simulate (fixture, order);
  said = mr_quote_collect_problems (quote);
  basis = mr_quote_basis_new (order, said);
  for (guint i = 0; i < said->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (said, i);

      if (problem->domain == NULL)
        n_order_wide++;
      else if (problem->kind == MR_PROBLEM_DOMAIN_UNAVAILABLE)
        {
          MrOrderItem *item = mr_order_find_item (order, problem->domain, NULL);

          /* taken and with mailboxes */
          if (!g_ptr_array_find (edited, item, NULL))
            g_ptr_array_add (taken, item);
        }
    }
  g_assert_cmpuint (count_about (said, "mailroom-basis-00.com"), >, 0);
  g_assert_cmpuint (taken->len, >=, 3);

  /* nothing changed: everything holds */
  still = mr_quote_basis_filter (basis, order, said);
  g_assert_cmpuint (still->len, ==, said->len);
  g_clear_pointer (&still, g_ptr_array_unref);

  g_ptr_array_add (edited, g_ptr_array_index (taken, 0));
  report = mr_order_bulk_add_people (order, edited, people, MR_ADDRESS_PATTERN_FIRST_DOT_LAST);
  g_assert_cmpuint (report->n_domains, ==, 11);
  mr_order_remove_items (order, (MrOrderItem **) &taken->pdata[1], 1);

  still = mr_quote_basis_filter (basis, order, said);
  for (guint i = 0; i < edited->len; i++)
    g_assert_cmpuint (count_about (still, mr_order_item_get_domain (g_ptr_array_index (edited, i))), ==, 0);
  g_assert_cmpuint (count_about (still, mr_order_item_get_domain (g_ptr_array_index (taken, 1))), ==, 0);
  for (guint i = 2; i < taken->len; i++)
    {
      const char *domain = mr_order_item_get_domain (g_ptr_array_index (taken, i));

      g_assert_cmpuint (count_about (still, domain), ==, count_about (said, domain));
    }
  g_assert_cmpuint (count_about (still, NULL), ==, n_order_wide);
  g_clear_pointer (&still, g_ptr_array_unref);

  /* back to what the quote priced: what it said holds again */
  mr_order_item_remove_all_accounts (first_empty);
  still = mr_quote_basis_filter (basis, order, said);
  g_assert_cmpuint (count_about (still, "mailroom-basis-00.com"), ==,
                    count_about (said, "mailroom-basis-00.com"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/session-parts/undo/steps", test_undo_steps);
  g_test_add_func ("/mr/session-parts/undo/limit", test_undo_limit);
  g_test_add ("/mr/session-parts/placement-check/found-missing", Fixture, NULL,
              fixture_set_up, test_check_found_missing, fixture_tear_down);
  g_test_add ("/mr/session-parts/placement-check/unread", Fixture, NULL,
              fixture_set_up, test_check_unread, fixture_tear_down);
  g_test_add_func ("/mr/session-parts/problems/partition", test_partition);
  g_test_add_func ("/mr/session-parts/problems/update", test_update);
  g_test_add ("/mr/session-parts/problems/quote-basis", Fixture, NULL,
              fixture_set_up, test_quote_basis, fixture_tear_down);

  return g_test_run ();
}
