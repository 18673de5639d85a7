/* SPDX-License-Identifier: GPL-3.0-or-later */

/* CSV import and the order file: round trips, bad rows, and what the
 * CLI reads. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "mailroom-core.h"

static MrAccount *
account_at (MrOrder *order,
            guint    item,
            guint    account)
{
  return mr_order_item_get_account (mr_order_get_item (order, item), account);
}

static MrCsvBadRow *
bad_at (MrCsvReport *report,
        guint        i)
{
  return g_ptr_array_index (report->bad_rows, i);
}

static void
test_csv_header_names (void)
{
  /* as a spreadsheet exports it: BOM, CRLF, quoted fields, other names */
  static const char csv[] =
    "\xEF\xBB\xBF" "Domain Name,First Name,Last Name,Username,Email Provider,Forwarding Domain\r\n"
    "acme-outreach.com,Jane,Doe,jane,Google,acme.com\r\n"
    "acme-outreach.com,\"John\",\"Smith, Jr.\",,google,acme.com\r\n"
    "\r\n"
    "getacme.org,Zoë,\"O\"\"Brien\",,Microsoft,\r\n";
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint64 before = mr_order_get_revision (order);

  report = mr_order_csv_import (order, csv, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (report->bad_rows->len, ==, 0);
  g_assert_cmpuint (report->n_rows, ==, 3);
  g_assert_cmpuint (report->n_domains, ==, 2);
  g_assert_cmpuint (report->n_accounts, ==, 3);
  g_assert_cmpuint (mr_order_get_revision (order), ==, before + 1);

  g_assert_cmpstr (mr_order_item_get_domain (mr_order_get_item (order, 0)), ==,
                   "acme-outreach.com");
  g_assert_cmpstr (mr_order_item_get_forwarding_domain (mr_order_get_item (order, 0)), ==,
                   "acme.com");
  g_assert_cmpstr (mr_account_get_email_address_prefix (account_at (order, 0, 0)), ==, "jane");
  g_assert_cmpstr (mr_account_get_last_name (account_at (order, 0, 1)), ==, "Smith, Jr.");
  g_assert_cmpstr (mr_account_get_email_address_prefix (account_at (order, 0, 1)), ==,
                   "john.smith-jr");
  g_assert_cmpint (mr_order_item_get_email_provider (mr_order_get_item (order, 1)), ==,
                   MR_EMAIL_PROVIDER_MICROSOFT);
  g_assert_cmpstr (mr_account_get_last_name (account_at (order, 1, 0)), ==, "O\"Brien");
  g_assert_cmpstr (mr_account_get_email_address_prefix (account_at (order, 1, 0)), ==,
                   "zoe.obrien");
}

static void
test_csv_semicolons_no_header (void)
{
  /* Excel in a comma-decimal locale, no header: domain;first;last;prefix */
  static const char csv[] =
    "one.com;Ada;Lovelace;ada\n"
    "two.com;Alan;Turing\n"
    "three.com\n";
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = mr_order_csv_import (order, csv, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->bad_rows->len, ==, 0);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 3);
  g_assert_cmpstr (mr_account_get_email_address_prefix (account_at (order, 0, 0)), ==, "ada");
  g_assert_cmpstr (mr_account_get_email_address_prefix (account_at (order, 1, 0)), ==,
                   "alan.turing");
  g_assert_cmpuint (mr_order_item_get_n_accounts (mr_order_get_item (order, 2)), ==, 0);
}

static void
test_csv_email_column (void)
{
  static const char csv[] =
    "email\tfirst_name\tlast_name\n"
    "jane@acme-mail.com\tJane\tDoe\n"
    "john@acme-mail.com\tJohn\tSmith\n";
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = mr_order_csv_import (order, csv, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->bad_rows->len, ==, 0);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 1);
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 2);
  g_assert_cmpstr (mr_account_get_email_address_prefix (account_at (order, 0, 1)), ==, "john");
}

static void
test_csv_bad_rows (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) kept = mr_order_item_new ("already.com");
  g_autoptr(MrAccount) ada = mr_account_new ("Ada", "Lovelace", "ada");
  g_autoptr(MrCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import-bad-rows.csv",
                                                 NULL);
  g_autofree char *csv = NULL;
  g_autofree char *formatted = NULL;
  gsize length;
  static const guint expected_lines[] = { 3, 4, 5, 7, 9, 10, 13, 20, 21 };

  g_assert_true (g_file_get_contents (path, &csv, &length, &error));
  mr_order_item_append_account (kept, ada);
  mr_order_append_item (order, kept);

  report = mr_order_csv_import (order, csv, length, &error);
  g_assert_no_error (error);

  formatted = mr_csv_report_format_bad (report);
  g_test_message ("%s", formatted);

  g_assert_cmpuint (report->bad_rows->len, ==, G_N_ELEMENTS (expected_lines));
  for (guint i = 0; i < G_N_ELEMENTS (expected_lines); i++)
    g_assert_cmpuint (bad_at (report, i)->line, ==, expected_lines[i]);

  g_assert_nonnull (strstr (bad_at (report, 0)->reason, "missing"));
  g_assert_nonnull (strstr (bad_at (report, 1)->reason, "not valid"));
  g_assert_nonnull (strstr (bad_at (report, 2)->reason, "first and a last"));
  g_assert_nonnull (strstr (bad_at (report, 3)->reason, "provider"));
  g_assert_nonnull (strstr (bad_at (report, 4)->reason, "already in the order"));
  g_assert_nonnull (strstr (bad_at (report, 5)->reason, "address"));
  g_assert_nonnull (strstr (bad_at (report, 6)->reason, "already in the order"));
  g_assert_nonnull (strstr (bad_at (report, 7)->reason, "full"));
  g_assert_nonnull (strstr (bad_at (report, 8)->reason, "not closed"));
  g_assert_nonnull (strstr (formatted, "Line 3: "));

  /* every good row is there: already.com got one more; 4 new domains */
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 5);
  g_assert_cmpuint (mr_order_item_get_n_accounts (mr_order_get_item (order, 0)), ==, 2);
  g_assert_cmpstr (mr_order_item_get_domain (mr_order_get_item (order, 1)), ==, "good.com");
  g_assert_cmpuint (mr_order_item_get_n_accounts (mr_order_get_item (order, 1)), ==, 2);
  /* the quoted name spans two lines */
  g_assert_cmpstr (mr_order_item_get_domain (mr_order_get_item (order, 2)), ==, "multi.org");
  g_assert_cmpstr (mr_account_get_last_name (account_at (order, 2, 0)), ==, "Two\nLines");
  g_assert_cmpstr (mr_order_item_get_domain (mr_order_get_item (order, 3)), ==, "bücher.com");
  g_assert_cmpuint (mr_order_item_get_n_accounts (mr_order_get_item (order, 4)), ==, 5);
  g_assert_cmpuint (report->n_accounts, ==, 1 + 2 + 1 + 1 + 5);
}

static void
test_csv_unreadable (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GError) error = NULL;
  static const char binary[] = { 'a', '\0', 'b', (char) 0xff };

  g_assert_null (mr_order_csv_import (order, binary, sizeof binary, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_null (mr_order_csv_import (order, "\r\n\n  \n", -1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_null (mr_order_csv_import (order, "First Name,Last Name\nJane,Doe\n", -1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 0);
}

static void
test_looks_like_table (void)
{
  g_assert_false (mr_order_csv_looks_like_table ("a.com b.com\nc.org, d.org"));
  g_assert_false (mr_order_csv_looks_like_table ("a.com\nb.com\n"));
  g_assert_true (mr_order_csv_looks_like_table ("a.com,Jane,Doe\n"));
  g_assert_true (mr_order_csv_looks_like_table ("domain;first name;last name\na.com;J;D"));
}

static char *
tmp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mr-order-import-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static void
remove_tmp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_file_round_trip (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrder) back = NULL;
  g_autoptr(MrCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("order.json");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) people = mr_people_parse ("Jane Doe, John Smith", NULL);
  g_autoptr(MrBulkReport) bulk = NULL;

  /* 50 domains with two people each, one of them invalid as typed */
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *domain = g_strdup_printf ("round-trip-%02u.com", i);
      g_autoptr(MrOrderItem) item = mr_order_item_new (i == 7 ? "not a domain!" : domain);

      mr_order_append_item (order, item);
    }
  bulk = mr_order_bulk_add_people (order, NULL, people, MR_ADDRESS_PATTERN_FIRST_DOT_LAST);
  g_clear_pointer (&bulk, mr_bulk_report_free);
  bulk = mr_order_bulk_set_forwarding (order, NULL, "acme.com");
  mr_order_item_set_email_provider (mr_order_get_item (order, 3), MR_EMAIL_PROVIDER_AIRMAIL);

  g_assert_true (mr_order_file_save (order, path, &error));
  g_assert_no_error (error);
  back = mr_order_file_load (path, &error);
  g_assert_no_error (error);

  first = mr_json_order_draft (order);
  second = mr_json_order_draft (back);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpuint (mr_order_get_n_accounts (back), ==, 100);
  g_assert_cmpstr (mr_order_item_get_domain (mr_order_get_item (back, 7)), ==, "not a domain!");
  g_assert_cmpint (mr_order_item_get_email_provider (mr_order_get_item (back, 3)), ==,
                   MR_EMAIL_PROVIDER_AIRMAIL);

  remove_tmp (path);
}

static void
test_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("broken.json");
  g_autofree char *missing = tmp_path ("missing.json");
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);

  g_assert_null (mr_order_file_load (missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_true (g_str_has_prefix (error->message, "Cannot read the order file"));
  g_clear_error (&error);
  remove_tmp (missing);

  g_assert_true (g_file_set_contents (path, "{\"order_type\": \"dfy\", \"items\": ", -1, NULL));
  g_assert_null (mr_order_file_load (path, &error));
  /* the user's own file, not a reply: nothing about Instantly in what is said */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "is not a valid order file"));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "The file is not valid JSON"));
  {
    g_autofree char *said = mr_api_error_describe (error);

    g_assert_null (strstr (said, "Instantly"));
    g_assert_null (strstr (said, "reply"));
  }
  g_clear_error (&error);

  /* saving into a folder that does not exist fails and says so */
  g_assert_false (mr_order_file_save (order, "/nonexistent-dir/x/order.json", &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Cannot save the order file"));

  remove_tmp (path);
}

static void
test_csv_then_file (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrder) back = NULL;
  g_autoptr(MrCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("from-csv.json");
  g_autofree char *csv_path = g_test_build_filename (G_TEST_DIST, "data", "import-bad-rows.csv",
                                                     NULL);
  g_autofree char *csv = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (csv_path, &csv, &length, NULL));
  report = mr_order_csv_import (order, csv, length, &error);
  g_assert_no_error (error);
  g_assert_true (mr_order_file_save (order, path, &error));
  back = mr_order_file_load (path, &error);
  g_assert_no_error (error);

  a = mr_json_order_draft (order);
  b = mr_json_order_draft (back);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpuint (mr_order_get_n_items (back), ==, 5);

  remove_tmp (path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/import/csv/header-names", test_csv_header_names);
  g_test_add_func ("/mr/import/csv/semicolons-no-header", test_csv_semicolons_no_header);
  g_test_add_func ("/mr/import/csv/email-column", test_csv_email_column);
  g_test_add_func ("/mr/import/csv/bad-rows", test_csv_bad_rows);
  g_test_add_func ("/mr/import/csv/unreadable", test_csv_unreadable);
  g_test_add_func ("/mr/import/csv/looks-like-table", test_looks_like_table);
  g_test_add_func ("/mr/import/file/round-trip", test_file_round_trip);
  g_test_add_func ("/mr/import/file/errors", test_file_errors);
  g_test_add_func ("/mr/import/csv-then-file", test_csv_then_file);

  return g_test_run ();
}
