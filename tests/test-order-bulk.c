/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "mailroom-core.h"

static MrOrder *
order_with_domains (guint n)
{
  MrOrder *order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *domain = g_strdup_printf ("outreach-%03u.com", i);

      g_ptr_array_add (items, mr_order_item_new (domain));
    }

  mr_order_append_items (order, (MrOrderItem **) items->pdata, items->len);

  return order;
}

static void
test_patterns (void)
{
  static const struct {
    MrAddressPattern pattern;
    const char *first, *last, *expected;
  } cases[] = {
    { MR_ADDRESS_PATTERN_FIRST, "Jane", "Doe", "jane" },
    { MR_ADDRESS_PATTERN_FIRST_DOT_LAST, "Jane", "Doe", "jane.doe" },
    { MR_ADDRESS_PATTERN_FIRSTLAST, "Jane", "Doe", "janedoe" },
    { MR_ADDRESS_PATTERN_F_DOT_LAST, "Jane", "Doe", "j.doe" },
    { MR_ADDRESS_PATTERN_FIRST_DOT_L, "Jane", "Doe", "jane.d" },
    /* accents fold to ASCII */
    { MR_ADDRESS_PATTERN_FIRST_DOT_LAST, "Zoë", "Łukasiewicz", "zoe.lukasiewicz" },
    { MR_ADDRESS_PATTERN_FIRST_DOT_LAST, "José", "Müller", "jose.muller" },
    { MR_ADDRESS_PATTERN_F_DOT_LAST, "Élodie", "Ångström", "e.angstrom" },
    /* spaces and hyphens inside a name keep one hyphen; apostrophes go */
    { MR_ADDRESS_PATTERN_FIRST_DOT_LAST, "Mary Ann", "O'Brien", "mary-ann.obrien" },
    { MR_ADDRESS_PATTERN_FIRSTLAST, "Jean-Luc", "van  der Berg", "jean-lucvan-der-berg" },
    /* a half that folds to nothing never leaves a stray dot */
    { MR_ADDRESS_PATTERN_FIRST_DOT_LAST, "李", "Wang", "wang" },
    { MR_ADDRESS_PATTERN_F_DOT_LAST, "李", "Wang", "wang" },
    { MR_ADDRESS_PATTERN_FIRST_DOT_L, "Ada", "李", "ada" },
    { MR_ADDRESS_PATTERN_FIRST_DOT_LAST, "李", "小龙", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *prefix = mr_address_pattern_apply (cases[i].pattern, cases[i].first,
                                                          cases[i].last);

      g_assert_cmpstr (prefix, ==, cases[i].expected);
      if (*prefix != '\0')
        g_assert_true (mr_email_prefix_is_valid (prefix, NULL));
    }
}

static void
test_pattern_names (void)
{
  for (guint i = MR_ADDRESS_PATTERN_FIRST; i <= MR_ADDRESS_PATTERN_FIRST_DOT_L; i++)
    {
      MrAddressPattern back;

      g_assert_true (mr_address_pattern_from_string (mr_address_pattern_to_string (i), &back));
      g_assert_cmpint (back, ==, i);
    }

  g_assert_false (mr_address_pattern_from_string ("last.first", &(MrAddressPattern) { 0 }));
}

static void
test_long_prefix (void)
{
  g_autofree char *first = g_strnfill (50, 'a');
  g_autofree char *last = g_strnfill (50, 'b');
  g_autofree char *prefix = mr_address_pattern_apply (MR_ADDRESS_PATTERN_FIRST_DOT_LAST,
                                                      first, last);

  g_assert_cmpuint (strlen (prefix), ==, 64);
  g_assert_true (mr_email_prefix_is_valid (prefix, NULL));
}

static void
test_parse_people (void)
{
  g_autoptr(MrBulkReport) report = mr_bulk_report_new ();
  g_autoptr(GPtrArray) people = NULL;
  MrPerson *person;

  people = mr_people_parse ("Jane Doe, John  Smith\r\nMary Ann van der Berg;\n\n"
                            "  Cher  ,jane DOE\nZoë\tÅström", report);

  g_assert_cmpuint (people->len, ==, 4);
  person = g_ptr_array_index (people, 0);
  g_assert_cmpstr (person->first_name, ==, "Jane");
  g_assert_cmpstr (person->last_name, ==, "Doe");
  person = g_ptr_array_index (people, 1);
  g_assert_cmpstr (person->first_name, ==, "John");
  g_assert_cmpstr (person->last_name, ==, "Smith");
  person = g_ptr_array_index (people, 2);
  g_assert_cmpstr (person->first_name, ==, "Mary");
  g_assert_cmpstr (person->last_name, ==, "Ann van der Berg");
  person = g_ptr_array_index (people, 3);
  g_assert_cmpstr (person->first_name, ==, "Zoë");
  g_assert_cmpstr (person->last_name, ==, "Åström");

  /* "Cher" has no last name, "jane DOE" is Jane Doe again: both said */
  g_assert_cmpuint (report->skipped->len, ==, 2);
  g_assert_cmpstr (((MrBulkSkip *) g_ptr_array_index (report->skipped, 0))->what, ==, "Cher");
  g_assert_cmpstr (((MrBulkSkip *) g_ptr_array_index (report->skipped, 1))->what, ==,
                   "jane DOE");
}

static guint64 revision_changes;

static void
changed_cb (MrOrder *order)
{
  revision_changes++;
}

static void
test_add_people_one_change (void)
{
  g_autoptr(MrOrder) order = order_with_domains (50);
  g_autoptr(GPtrArray) people = mr_people_parse ("Jane Doe, John Smith", NULL);
  g_autoptr(MrBulkReport) report = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint64 before = mr_order_get_revision (order);

  revision_changes = 0;
  g_signal_connect (order, "changed", G_CALLBACK (changed_cb), NULL);

  report = mr_order_bulk_add_people (order, NULL, people, MR_ADDRESS_PATTERN_FIRST_DOT_LAST);

  g_assert_cmpuint (mr_order_get_revision (order), ==, before + 1);
  g_assert_cmpuint (revision_changes, ==, 1);
  g_assert_cmpuint (report->n_added, ==, 100);
  g_assert_cmpuint (report->n_domains, ==, 50);
  g_assert_cmpuint (report->skipped->len, ==, 0);
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 100);

  for (guint i = 0; i < 50; i++)
    {
      MrOrderItem *item = mr_order_get_item (order, i);

      g_assert_cmpstr (mr_account_get_email_address_prefix (mr_order_item_get_account (item, 0)),
                       ==, "jane.doe");
      g_assert_cmpstr (mr_account_get_email_address_prefix (mr_order_item_get_account (item, 1)),
                       ==, "john.smith");
    }

  problems = mr_order_validate (order);
  g_assert_cmpuint (problems->len, ==, 0);

  /* the same people again: each one is already there, and says so */
  g_clear_pointer (&report, mr_bulk_report_free);
  report = mr_order_bulk_add_people (order, NULL, people, MR_ADDRESS_PATTERN_FIRST_DOT_LAST);
  g_assert_cmpuint (report->n_added, ==, 0);
  g_assert_cmpuint (report->skipped->len, ==, 100);
  g_assert_cmpuint (mr_order_get_revision (order), ==, before + 1);
}

static void
test_add_people_dedupe_and_limit (void)
{
  g_autoptr(MrOrder) order = order_with_domains (2);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(MrBulkReport) report = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  MrOrderItem *item = mr_order_get_item (order, 0);

  /* j.smith for both, then three more: six people for a Google domain of five */
  people = mr_people_parse ("John Smith, Jane Smith, Ada Lovelace, Alan Turing, Grace Hopper, "
                            "Edsger Dijkstra", NULL);
  g_ptr_array_add (items, item);
  report = mr_order_bulk_add_people (order, items, people, MR_ADDRESS_PATTERN_F_DOT_LAST);

  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 5);
  g_assert_cmpuint (mr_order_item_get_n_accounts (mr_order_get_item (order, 1)), ==, 0);
  g_assert_cmpstr (mr_account_get_email_address_prefix (mr_order_item_get_account (item, 0)),
                   ==, "j.smith");
  g_assert_cmpstr (mr_account_get_email_address_prefix (mr_order_item_get_account (item, 1)),
                   ==, "j.smith2");
  g_assert_cmpuint (report->n_added, ==, 5);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_nonnull (strstr (((MrBulkSkip *) g_ptr_array_index (report->skipped, 0))->what,
                            "Edsger Dijkstra"));

  problems = mr_order_validate (order);
  /* only the empty second domain */
  g_assert_cmpuint (problems->len, ==, 1);
}

static void
test_unusable_name_reported (void)
{
  g_autoptr(MrOrder) order = order_with_domains (3);
  g_autoptr(GPtrArray) people = mr_people_parse ("李 小龙, Ada Lovelace", NULL);
  g_autoptr(MrBulkReport) report = NULL;

  report = mr_order_bulk_add_people (order, NULL, people, MR_ADDRESS_PATTERN_FIRST_DOT_LAST);

  g_assert_cmpuint (report->n_added, ==, 3);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpstr (((MrBulkSkip *) g_ptr_array_index (report->skipped, 0))->what, ==, "李 小龙");
}

static void
test_microsoft_generate (void)
{
  g_autoptr(MrOrder) order = order_with_domains (4);
  g_autoptr(GPtrArray) people = mr_people_parse ("Jane Doe\nJohn Smith\nAda Lovelace", NULL);
  g_autoptr(MrBulkReport) provider_report = NULL;
  g_autoptr(MrBulkReport) report = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  MrOrderItem *item;
  guint64 before = mr_order_get_revision (order);

  provider_report = mr_order_bulk_set_provider (order, NULL, MR_EMAIL_PROVIDER_MICROSOFT);
  g_assert_cmpuint (provider_report->n_domains, ==, 4);
  g_assert_cmpuint (mr_order_get_revision (order), ==, before + 1);

  report = mr_order_bulk_fill (order, NULL, people, MR_ADDRESS_PATTERN_FIRST_DOT_LAST, 75);
  g_assert_cmpuint (mr_order_get_revision (order), ==, before + 2);
  g_assert_cmpuint (report->n_added, ==, 300);
  g_assert_cmpuint (report->skipped->len, ==, 0);

  item = mr_order_get_item (order, 2);
  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 75);
  g_assert_cmpstr (mr_account_get_email_address_prefix (mr_order_item_get_account (item, 0)),
                   ==, "jane.doe");
  g_assert_cmpstr (mr_account_get_email_address_prefix (mr_order_item_get_account (item, 3)),
                   ==, "jane.doe2");
  g_assert_cmpstr (mr_account_get_email_address_prefix (mr_order_item_get_account (item, 74)),
                   ==, "ada.lovelace25");
  for (guint i = 0; i < 75; i++)
    {
      const char *prefix = mr_account_get_email_address_prefix (mr_order_item_get_account (item, i));

      g_assert_false (g_hash_table_contains (seen, prefix));
      g_hash_table_add (seen, (gpointer) prefix);
    }

  problems = mr_order_validate (order);
  g_assert_cmpuint (problems->len, ==, 0);

  /* asking for more than Microsoft's 100 fills to 100 and says so */
  g_clear_pointer (&report, mr_bulk_report_free);
  report = mr_order_bulk_fill (order, NULL, people, MR_ADDRESS_PATTERN_FIRST_DOT_LAST, 150);
  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 100);
  g_assert_cmpuint (report->skipped->len, ==, 4);

  /* back to Google: 100 mailboxes do not fit, the provider stays */
  g_clear_pointer (&provider_report, mr_bulk_report_free);
  provider_report = mr_order_bulk_set_provider (order, NULL, MR_EMAIL_PROVIDER_GOOGLE);
  g_assert_cmpuint (provider_report->n_domains, ==, 0);
  g_assert_cmpuint (provider_report->skipped->len, ==, 4);
  g_assert_cmpint (mr_order_item_get_email_provider (item), ==, MR_EMAIL_PROVIDER_MICROSOFT);
}

static void
test_fill_from_own_names (void)
{
  g_autoptr(MrOrder) order = order_with_domains (2);
  g_autoptr(MrAccount) account = mr_account_new ("Ada", "Lovelace", "ada");
  g_autoptr(MrBulkReport) report = NULL;

  mr_order_item_append_account (mr_order_get_item (order, 0), account);
  report = mr_order_bulk_fill (order, NULL, NULL, MR_ADDRESS_PATTERN_FIRST_DOT_LAST, 3);

  g_assert_cmpuint (mr_order_item_get_n_accounts (mr_order_get_item (order, 0)), ==, 3);
  g_assert_cmpuint (mr_order_item_get_n_accounts (mr_order_get_item (order, 1)), ==, 0);
  g_assert_cmpuint (report->n_added, ==, 2);
  /* the empty domain has no names to copy, and the report says so */
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpstr (((MrBulkSkip *) g_ptr_array_index (report->skipped, 0))->what, ==,
                   mr_order_item_get_domain (mr_order_get_item (order, 1)));
}

static void
test_forwarding_and_remove (void)
{
  g_autoptr(MrOrder) order = order_with_domains (10);
  g_autoptr(GPtrArray) some = g_ptr_array_new ();
  g_autoptr(MrBulkReport) report = NULL;
  guint64 before = mr_order_get_revision (order);

  for (guint i = 0; i < 10; i += 2)
    g_ptr_array_add (some, mr_order_get_item (order, i));

  report = mr_order_bulk_set_forwarding (order, some, "  acme.com ");
  g_assert_cmpuint (report->n_domains, ==, 5);
  g_assert_cmpstr (mr_order_item_get_forwarding_domain (mr_order_get_item (order, 4)), ==,
                   "acme.com");
  g_assert_cmpstr (mr_order_item_get_forwarding_domain (mr_order_get_item (order, 5)), ==, "");
  g_assert_cmpuint (mr_order_get_revision (order), ==, before + 1);

  g_clear_pointer (&report, mr_bulk_report_free);
  report = mr_order_bulk_remove (order, some);
  g_assert_cmpuint (report->n_removed, ==, 5);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 5);
  g_assert_cmpuint (mr_order_get_revision (order), ==, before + 2);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (mr_order_item_get_forwarding_domain (mr_order_get_item (order, i)), ==, "");

  g_clear_pointer (&report, mr_bulk_report_free);
  report = mr_order_bulk_remove (order, NULL);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 0);
  g_assert_cmpuint (mr_order_get_revision (order), ==, before + 3);
}

static void
test_existing_accounts (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  g_autoptr(MrOrderItem) item = mr_order_item_new ("owned.com");
  g_autoptr(GPtrArray) people = mr_people_parse ("Ada Lovelace, Alan Turing, Grace Hopper, "
                                                 "Edsger Dijkstra", NULL);
  g_autoptr(MrBulkReport) report = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(MrAccount) extra = NULL;
  const MrProblem *problem;

  mr_order_item_set_existing_accounts (item, 2);
  mr_order_append_item (order, item);
  g_assert_cmpuint (mr_order_item_get_max_new_accounts (item), ==, 3);

  report = mr_order_bulk_add_people (order, NULL, people, MR_ADDRESS_PATTERN_FIRST);
  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 3);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_nonnull (strstr (((MrBulkSkip *) g_ptr_array_index (report->skipped, 0))->reason,
                            "already has 2"));

  g_assert_false (mr_order_item_can_add_account (item, &reason));
  g_assert_nonnull (strstr (reason, "already has 2"));

  problems = mr_order_validate (order);
  g_assert_cmpuint (problems->len, ==, 0);

  /* a fourth by hand: 2 + 4 > 5 is a problem */
  extra = mr_account_new ("Edsger", "Dijkstra", "edsger");
  mr_order_item_append_account (item, extra);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = mr_order_validate (order);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->kind, ==, MR_PROBLEM_ACCOUNT_COUNT);
  g_assert_nonnull (strstr (problem->message, "add at most 3"));

  /* an existing domain keeps its provider and forwarding */
  g_clear_pointer (&report, mr_bulk_report_free);
  report = mr_order_bulk_set_provider (order, NULL, MR_EMAIL_PROVIDER_AIRMAIL);
  g_assert_cmpuint (report->n_domains, ==, 0);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpint (mr_order_item_get_email_provider (item), ==, MR_EMAIL_PROVIDER_GOOGLE);
  g_clear_pointer (&report, mr_bulk_report_free);
  report = mr_order_bulk_set_forwarding (order, NULL, "acme.com");
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpstr (mr_order_item_get_forwarding_domain (item), ==, "");
}

static void
test_batch_nesting (void)
{
  g_autoptr(MrOrder) order = order_with_domains (3);
  guint64 before = mr_order_get_revision (order);

  mr_order_begin_batch (order);
  mr_order_begin_batch (order);
  mr_order_end_batch (order);
  g_assert_cmpuint (mr_order_get_revision (order), ==, before);
  mr_order_end_batch (order);
  /* nothing changed: no bump */
  g_assert_cmpuint (mr_order_get_revision (order), ==, before);

  mr_order_begin_batch (order);
  mr_order_item_set_domain (mr_order_get_item (order, 0), "x.com");
  mr_order_begin_batch (order);
  mr_order_remove_item (order, 2);
  mr_order_end_batch (order);
  g_assert_cmpuint (mr_order_get_revision (order), ==, before);
  mr_order_end_batch (order);
  g_assert_cmpuint (mr_order_get_revision (order), ==, before + 1);
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/bulk/pattern/cases", test_patterns);
  g_test_add_func ("/mr/bulk/pattern/names", test_pattern_names);
  g_test_add_func ("/mr/bulk/pattern/long", test_long_prefix);
  g_test_add_func ("/mr/bulk/people/parse", test_parse_people);
  g_test_add_func ("/mr/bulk/add-people/one-change", test_add_people_one_change);
  g_test_add_func ("/mr/bulk/add-people/dedupe-and-limit", test_add_people_dedupe_and_limit);
  g_test_add_func ("/mr/bulk/add-people/unusable-name", test_unusable_name_reported);
  g_test_add_func ("/mr/bulk/fill/microsoft", test_microsoft_generate);
  g_test_add_func ("/mr/bulk/fill/own-names", test_fill_from_own_names);
  g_test_add_func ("/mr/bulk/forwarding-and-remove", test_forwarding_and_remove);
  g_test_add_func ("/mr/bulk/existing-accounts", test_existing_accounts);
  g_test_add_func ("/mr/bulk/batch-nesting", test_batch_nesting);

  return g_test_run ();
}
