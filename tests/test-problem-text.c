/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What a problem says where its domain is shown already (the domain's
 * row): the same without the domain's name. */

#include "config.h"

#include <string.h>

#include "mailroom-core.h"
#include "mr-problem-list.h"

static gboolean
contains_nocase (const char *text,
                 const char *word)
{
  g_autofree char *lower_text = g_ascii_strdown (text, -1);
  g_autofree char *lower_word = g_ascii_strdown (word, -1);

  return strstr (lower_text, lower_word) != NULL;
}

static MrQuote *
load_quote (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MrQuote *quote;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  quote = mr_json_parse_quote (bytes, &error);
  g_assert_no_error (error);

  return quote;
}

static MrOrderItem *
append_item (MrOrder         *order,
             const char      *domain,
             MrEmailProvider  provider,
             const char      *forwarding,
             const char      *people)
{
  g_autoptr(MrOrderItem) item = mr_order_item_new (domain);

  mr_order_item_set_email_provider (item, provider);
  mr_order_item_set_forwarding_domain (item, forwarding);
  if (people != NULL)
    {
      g_auto(GStrv) each = g_strsplit (people, ";", -1);

      for (guint i = 0; each[i] != NULL; i++)
        {
          g_auto(GStrv) fields = g_strsplit (each[i], "|", 3);
          g_autoptr(MrAccount) account = mr_account_new (fields[0], fields[1], fields[2]);

          mr_order_item_append_account (item, account);
        }
    }
  mr_order_append_item (order, item);

  return item;
}

/* every problem about a domain says it twice: with the name, for the
 * lists of the whole order, and without it, for the row */
static void
assert_brief (MrProblem  *problem,
              const char *shown)
{
  const char *brief = mr_problem_get_short_message (problem);

  g_assert_nonnull (problem->domain);
  g_assert_nonnull (problem->short_message);
  g_assert_cmpstr (brief, ==, problem->short_message);
  g_assert_cmpstr (brief, !=, "");
  g_assert_true (contains_nocase (problem->message, shown));
  if (contains_nocase (brief, shown) || contains_nocase (brief, problem->domain))
    g_error ("“%s” names its domain %s", brief, problem->domain);
}

static MrProblem *
find_problem (GPtrArray     *problems,
              MrProblemKind  kind,
              const char    *domain)
{
  for (guint i = 0; i < problems->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (problems, i);

      if (problem->kind == kind && g_strcmp0 (problem->domain, domain) == 0)
        return problem;
    }

  g_error ("No problem %d for %s", kind, domain);
  return NULL;
}

static void
test_local_checks (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GPtrArray) problems = NULL;
  MrProblem *problem;

  append_item (order, "twice.com", MR_EMAIL_PROVIDER_GOOGLE, NULL, "Jo|Doe|jo");
  append_item (order, "Twice.com", MR_EMAIL_PROVIDER_GOOGLE, NULL, "Jo|Doe|jo");
  append_item (order, "wrong-end.net", MR_EMAIL_PROVIDER_GOOGLE, NULL, "Jo|Doe|jo");
  append_item (order, "a..com", MR_EMAIL_PROVIDER_GOOGLE, NULL, "Jo|Doe|jo");
  append_item (order, "bad_char.com", MR_EMAIL_PROVIDER_GOOGLE, NULL, "Jo|Doe|jo");
  append_item (order, "empty.com", MR_EMAIL_PROVIDER_GOOGLE, NULL, NULL);
  append_item (order, "people.com", MR_EMAIL_PROVIDER_GOOGLE, NULL,
               "|Doe|jo;Al||;Bo|Lee|bo..x;Cy|Dee|cy;Di|Eve|cy");
  append_item (order, "self.com", MR_EMAIL_PROVIDER_GOOGLE, "self.com", "Jo|Doe|jo");
  append_item (order, "fwd.com", MR_EMAIL_PROVIDER_GOOGLE, "not a domain", "Jo|Doe|jo");
  append_item (order, "few.com", MR_EMAIL_PROVIDER_MICROSOFT, NULL, "Jo|Doe|jo");

  problems = mr_order_validate (order);
  g_assert_cmpuint (problems->len, ==, 13);
  for (guint i = 0; i < problems->len; i++)
    assert_brief (g_ptr_array_index (problems, i), ((MrProblem *) problems->pdata[i])->domain);

  problem = find_problem (problems, MR_PROBLEM_DOMAIN_DUPLICATE, "twice.com");
  g_assert_cmpstr (problem->message, ==, "Twice.com is in the order more than once");
  g_assert_cmpstr (problem->short_message, ==, "Already in the order");

  problem = find_problem (problems, MR_PROBLEM_DOMAIN_TLD, "wrong-end.net");
  g_assert_cmpstr (problem->short_message, ==, "Cannot be ordered: only .com and .org can be ordered");

  problem = find_problem (problems, MR_PROBLEM_DOMAIN_INVALID, "a..com");
  g_assert_cmpstr (problem->short_message, ==, "A part between dots is empty");
  problem = find_problem (problems, MR_PROBLEM_DOMAIN_INVALID, "bad_char.com");
  g_assert_cmpstr (problem->short_message, ==, "Use only letters, digits and hyphens");

  problem = find_problem (problems, MR_PROBLEM_NO_ACCOUNTS, "empty.com");
  g_assert_cmpstr (problem->message, ==, "empty.com has no mailboxes: add at least 1");
  g_assert_cmpstr (problem->short_message, ==, "Add at least 1 mailbox");

  problem = find_problem (problems, MR_PROBLEM_ACCOUNT_COUNT, "few.com");
  g_assert_cmpstr (problem->short_message, ==, "Microsoft needs 50 to 100 mailboxes; this domain has 1");

  problem = find_problem (problems, MR_PROBLEM_FORWARDING_DOMAIN, "self.com");
  g_assert_cmpstr (problem->short_message, ==,
                   "Cannot forward to itself: choose a different forwarding domain");
  problem = find_problem (problems, MR_PROBLEM_FORWARDING_DOMAIN, "fwd.com");
  g_assert_true (g_str_has_prefix (problem->short_message, "The forwarding domain is not valid: "));

  /* a mailbox is named by its address, or its place when it has none */
  for (guint i = 0; i < problems->len; i++)
    {
      problem = g_ptr_array_index (problems, i);
      if (g_strcmp0 (problem->domain, "people.com") != 0)
        continue;

      if (problem->kind == MR_PROBLEM_ACCOUNT_NAME && g_str_equal (problem->field, "first_name"))
        g_assert_cmpstr (problem->short_message, ==, "Enter a first name for jo");
      else if (problem->kind == MR_PROBLEM_ACCOUNT_NAME)
        g_assert_cmpstr (problem->short_message, ==, "Enter a last name for mailbox 2");
      else if (problem->kind == MR_PROBLEM_ACCOUNT_DUPLICATE)
        g_assert_cmpstr (problem->short_message, ==, "cy is listed more than once");
      else if (problem->kind == MR_PROBLEM_ACCOUNT_PREFIX && problem->account_prefix[0] == '\0')
        g_assert_true (g_str_has_prefix (problem->short_message, "The address of mailbox 2 is not valid"));
      else if (problem->kind == MR_PROBLEM_ACCOUNT_PREFIX)
        g_assert_true (g_str_has_prefix (problem->short_message, "The address of bo..x is not valid"));
      else
        g_assert_not_reached ();
    }
}

/* the checks of other order types say their rules without the name too */
static void
test_local_checks_other_types (void)
{
  g_autoptr(MrOrder) prewarmed = mr_order_new (MR_ORDER_TYPE_PRE_WARMED_UP);
  g_autoptr(MrOrder) extra = mr_order_new (MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  g_autoptr(GPtrArray) problems = NULL;
  MrProblem *problem;

  append_item (prewarmed, "warm.net", MR_EMAIL_PROVIDER_GOOGLE, NULL, NULL);
  problems = mr_order_validate (prewarmed);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  assert_brief (problem, "warm.net");
  g_assert_cmpstr (problem->short_message, ==,
                   "Cannot be ordered: pre-warmed domains end in .com, .org or .co");
  g_clear_pointer (&problems, g_ptr_array_unref);

  append_item (extra, "outlook-only.com", MR_EMAIL_PROVIDER_MICROSOFT, NULL, "Jo|Doe|jo");
  problems = mr_order_validate (extra);
  problem = find_problem (problems, MR_PROBLEM_PROVIDER_UNSUPPORTED, "outlook-only.com");
  assert_brief (problem, "outlook-only.com");
}

/* what the server says about a domain: the sentence for the row is made
 * when asked, from what the problem holds */
static void
test_server_problems (void)
{
  g_autoptr(MrQuote) quote = load_quote ("quote-rejected.json");
  g_autoptr(GPtrArray) problems = NULL;
  guint n_named = 0;

  problems = mr_quote_collect_problems (quote);
  for (guint i = 0; i < problems->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (problems, i);
      const char *brief;

      if (problem->domain == NULL)
        {
          /* order-wide: nothing to leave out */
          g_assert_cmpstr (mr_problem_get_short_message (problem), ==, problem->message);
          continue;
        }

      n_named++;
      g_assert_null (problem->short_message);
      brief = mr_problem_get_short_message (problem);
      /* made once */
      g_assert_true (brief == mr_problem_get_short_message (problem));
      assert_brief (problem, problem->domain);
    }
  g_assert_cmpuint (n_named, ==, 11);

  g_assert_cmpstr (find_problem (problems, MR_PROBLEM_DOMAIN_BLACKLISTED,
                                 "googlemailteam.com")->short_message, ==,
                   "Contains the restricted keyword “google” (a trademark or similar). "
                   "Choose a domain without it.");
  g_assert_cmpstr (find_problem (problems, MR_PROBLEM_ACCOUNT_INVALID,
                                 "sales-crew.com")->short_message, ==,
                   "The mailbox lee.ng was refused: First name is required");
  g_assert_cmpstr (find_problem (problems, MR_PROBLEM_NO_ACCOUNTS,
                                 "emptybox.org")->short_message, ==,
                   "No mailboxes. Add at least one mailbox.");
}

/* a domain that cannot be ordered for its ending is said so in one
 * short sentence, whether the local check or the server finds it */
static void
test_ending_said_once (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GPtrArray) local = NULL;
  g_autoptr(MrProblem) said = mr_problem_new (MR_PROBLEM_DOMAIN_INVALID, "wrong-end.net", NULL,
                                              NULL, "“wrong-end.net” cannot be ordered");
  g_autoptr(MrProblem) misspelt = mr_problem_new (MR_PROBLEM_DOMAIN_INVALID, "bad_name.com",
                                                  NULL, NULL, "bad_name.com is not a domain");

  append_item (order, "wrong-end.net", MR_EMAIL_PROVIDER_GOOGLE, NULL, "Jo|Doe|jo");
  local = mr_order_validate (order);
  mr_problem_set_origin (said, MR_PROBLEM_SERVER);
  mr_problem_set_origin (misspelt, MR_PROBLEM_SERVER);

  g_assert_cmpstr (mr_problem_get_short_message (said), ==,
                   "Cannot be ordered: only .com and .org can be ordered");
  g_assert_cmpstr (mr_problem_get_short_message (said), ==,
                   find_problem (local, MR_PROBLEM_DOMAIN_TLD, "wrong-end.net")->short_message);
  /* a name the server refuses for another reason is not told its ending */
  g_assert_true (g_str_has_prefix (mr_problem_get_short_message (misspelt),
                                   "Instantly does not accept this domain."));
}

/* one rule for what to show: the short sentence only where the domain
 * is shown already, and only for a problem that names a domain */
static void
test_text_to_show (void)
{
  g_autoptr(MrProblem) named = mr_problem_new (MR_PROBLEM_DOMAIN_DUPLICATE, "twice.com", NULL,
                                               NULL, "twice.com is in the order more than once");
  g_autoptr(MrProblem) order_wide = mr_problem_new (MR_PROBLEM_PAYMENT_FAILED, NULL, NULL, NULL,
                                                    "The payment failed");
  g_autoptr(MrProblem) unsaid = mr_problem_new (MR_PROBLEM_ORDER_EMPTY, NULL, NULL, NULL, NULL);

  mr_problem_set_short_message (named, "Already in the order");
  /* a short sentence a domain-less problem might carry is not its text */
  mr_problem_set_short_message (order_wide, "Payment failed");

  g_assert_cmpstr (mr_problem_get_text (named, TRUE), ==, "Already in the order");
  g_assert_cmpstr (mr_problem_get_text (named, FALSE), ==, named->message);
  g_assert_cmpstr (mr_problem_get_text (order_wide, TRUE), ==, "The payment failed");
  g_assert_cmpstr (mr_problem_get_text (order_wide, FALSE), ==, "The payment failed");
  g_assert_cmpstr (mr_problem_get_text (unsaid, TRUE), ==, "");
  g_assert_cmpstr (mr_problem_get_text (unsaid, FALSE), ==, "");
}

/* what a quote says cannot be ordered is learnt from the problems the
 * session collected once, as from the quote itself */
static void
test_learn_exclusions (void)
{
  g_autoptr(MrQuote) quote = load_quote ("quote-rejected.json");
  g_autoptr(GPtrArray) problems = mr_quote_collect_problems (quote);
  g_autoptr(GHashTable) from_problems = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                 g_free, g_object_unref);
  g_autoptr(GHashTable) from_quote = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                              g_free, g_object_unref);
  const char *excluded[] = {
    "bad_name.com", "taken-already.com", "googlemailteam.com", "myequifaxreports.org",
    "brandless.com",
  };
  g_autoptr(GPtrArray) again = mr_quote_collect_problems (quote);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_true (mr_problem_list_learn_exclusions_from (from_problems, problems));
  g_assert_false (mr_problem_list_learn_exclusions_from (from_problems, problems));
  g_assert_true (mr_problem_list_learn_exclusions_from (from_quote, again));

  g_assert_cmpuint (g_hash_table_size (from_problems), ==, G_N_ELEMENTS (excluded));
  g_assert_cmpuint (g_hash_table_size (from_quote), ==, G_N_ELEMENTS (excluded));
  for (guint i = 0; i < G_N_ELEMENTS (excluded); i++)
    g_assert_true (g_hash_table_contains (from_problems, excluded[i]));

  g_hash_table_iter_init (&iter, from_problems);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      MrProblem *reason = value;
      MrProblem *same = g_hash_table_lookup (from_quote, key);

      g_assert_nonnull (same);
      g_assert_true (mr_problem_equal (reason, same));
      g_assert_cmpint (reason->severity, ==, MR_PROBLEM_WARNING);
      g_assert_cmpstr (reason->message, ==, same->message);
      /* the copy says the server's sentence for the row too */
      g_assert_false (contains_nocase (mr_problem_get_short_message (reason), reason->domain));
    }
}

/* the session's list: a left-out domain's reason keeps both sentences,
 * and a second copy of a domain is "Already in the order" */
static void
test_excluded_reasons (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GPtrArray) local = NULL;
  g_autoptr(GHashTable) server_excluded = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                   g_free, g_object_unref);
  g_autoptr(GPtrArray) included = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) excluded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  MrProblem *problem;

  append_item (order, "fine.com", MR_EMAIL_PROVIDER_GOOGLE, NULL, "Jo|Doe|jo");
  append_item (order, "wrong-end.net", MR_EMAIL_PROVIDER_GOOGLE, NULL, "Jo|Doe|jo");
  append_item (order, "www.Fine.com", MR_EMAIL_PROVIDER_GOOGLE, NULL, "Jo|Doe|jo");

  local = mr_order_validate (order);
  mr_problem_list_partition (order, local, server_excluded, NULL, included, excluded, keys);
  g_assert_cmpuint (included->len, ==, 1);
  g_assert_cmpuint (excluded->len, ==, 2);
  g_assert_true (g_hash_table_contains (keys, "wrong-end.net"));

  problem = g_ptr_array_index (excluded, 0);
  g_assert_cmpint (problem->kind, ==, MR_PROBLEM_DOMAIN_TLD);
  g_assert_cmpint (problem->severity, ==, MR_PROBLEM_WARNING);
  assert_brief (problem, "wrong-end.net");

  problem = g_ptr_array_index (excluded, 1);
  g_assert_cmpint (problem->kind, ==, MR_PROBLEM_DOMAIN_DUPLICATE);
  g_assert_cmpstr (problem->key, ==, "fine.com");
  g_assert_cmpstr (problem->message, ==, "www.Fine.com is in the order more than once");
  g_assert_cmpstr (problem->short_message, ==, "Already in the order");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/problem-text/local", test_local_checks);
  g_test_add_func ("/mr/problem-text/local-other-types", test_local_checks_other_types);
  g_test_add_func ("/mr/problem-text/server", test_server_problems);
  g_test_add_func ("/mr/problem-text/ending-said-once", test_ending_said_once);
  g_test_add_func ("/mr/problem-text/text-to-show", test_text_to_show);
  g_test_add_func ("/mr/problem-text/excluded", test_excluded_reasons);
  g_test_add_func ("/mr/problem-text/learn-exclusions", test_learn_exclusions);

  return g_test_run ();
}
