/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Bulk setup, CSV import and order files in a real window against the
 * in-process simulator. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mr-sim-catalog.h"
#include "mr-test-util.h"
#include "mr-ui-test-util.h"
#include "mr-application.h"
#include "mr-bulk-dialog.h"
#include "mr-domain-row.h"
#include "mr-window-private.h"
#include "mr-window-files.h"

#define WAIT_MS 15000
#define ORDERS_PATH "/api/v2/dfy-email-account-orders"

static MrApplication *the_app;

typedef MrUiWindowFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  mr_ui_window_fixture_set_up (fixture, the_app, "mailroom-bulk-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *report = mr_window_get_report_dialog (fixture->window);

  if (report != NULL)
    gtk_window_destroy (report);
  mr_ui_window_fixture_tear_down (fixture);
}

static gboolean
quote_fresh (gpointer data)
{
  MrWindow *window = data;
  MrQuote *quote = mr_quote_scheduler_get_fresh_quote (mr_window_get_scheduler (window));

  return quote != NULL &&
         mr_quote_scheduler_get_state (mr_window_get_scheduler (window)) == MR_QUOTE_STATE_FRESH;
}

/* fresh, and made for the order as the session has it now (nothing
 * waiting to be synced) */
static gboolean
quote_current (gpointer data)
{
  MrWindow *window = data;

  return quote_fresh (window) &&
         mr_order_session_quote_is_current (window->session,
                                            mr_quote_scheduler_get_fresh_quote (
                                              mr_window_get_scheduler (window)));
}

typedef struct
{
  MrWindow *window;
  guint     n_accounts;
} QuotedQuery;

static gboolean
quoted_has (gpointer data)
{
  QuotedQuery *query = data;

  return mr_order_get_n_accounts (mr_order_session_get_quoted_order (query->window->session)) ==
         query->n_accounts;
}

/* the session hands the orderable part of a change to the scheduler when
 * the edit settles: wait for that, then for its quote */
static void
wait_quote_for (MrWindow *window,
                guint     n_accounts)
{
  QuotedQuery query = { window, n_accounts };

  mr_test_wait_until (quoted_has, &query, WAIT_MS);
  mr_test_wait_until (quote_current, window, WAIT_MS);
}

static void
paste_domains (MrWindow *window,
               guint     n)
{
  GtkWidget *entry = mr_ui_find_first (GTK_WIDGET (window->domain_list), GTK_TYPE_ENTRY);
  g_autoptr(GString) text = g_string_new (NULL);

  /* domains the simulator has free: the quote then covers them all */
  for (guint i = 0, found = 0; found < n; i++)
    {
      g_autofree char *domain = g_strdup_printf ("northwind-outreach-%02u.com", i);

      if (mr_sim_catalog_check (domain, NULL) != MR_SIM_AVAILABLE)
        continue;
      g_string_append_printf (text, "%s\n", domain);
      found++;
    }

  /* a pasted list arrives in one change of the entry */
  gtk_editable_set_text (GTK_EDITABLE (entry), text->str);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

/* The header of the problems section: "50 Problems" -> 50 */
static guint
shown_problem_count (MrWindow *window)
{
  g_autofree char *text = mr_ui_collect_text (window->pricing_panel);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (lines[i], &end, 10);

      if (end != lines[i] && (g_str_equal (end, " Problems") || g_str_equal (end, " Problem")))
        return (guint) n;
    }

  return 0;
}

/* problems that say the same thing about the same place count once */
static guint
distinct_problems (GPtrArray *problems)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const MrProblem *problem = g_ptr_array_index (problems, i);

      g_hash_table_add (seen, g_strdup_printf ("%d|%s|%s", problem->kind,
                                               problem->domain ? problem->domain : "",
                                               problem->account_prefix ? problem->account_prefix
                                                                       : ""));
    }

  return g_hash_table_size (seen);
}

static void
test_fifty_domains (Fixture       *fixture,
                    gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrOrder *order = mr_window_get_order (window);
  MrBulkDialog *dialog;
  GtkWidget *apply;
  MrQuote *quote;
  guint requests_before;
  guint64 revision_before;
  MrCents domain_per_year = mr_ui_price_from_file ("domain_price_per_year", NULL);
  MrCents google_per_month = mr_ui_price_from_file ("account_price_per_month", "1");
  g_autofree char *due_now = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint n_selected = 0;

  paste_domains (window, 50);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 50);
  mr_test_wait_until (quote_fresh, window, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);

  /* before: each empty domain is one problem, shown once */
  problems = mr_order_session_dup_problem_array (window->session);
  g_assert_cmpuint (distinct_problems (problems), ==, 50);
  g_assert_cmpuint (problems->len, ==, 50);
  g_assert_cmpuint (shown_problem_count (window), ==, 50);
  g_clear_pointer (&problems, g_ptr_array_unref);
  mr_ui_screenshot (GTK_WIDGET (window), "bulk-01-fifty-domains-before.png");

  /* all selected (Select All), two people, first.last */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-all-domains", NULL);
  g_object_get (window->domain_list, "n-selected", &n_selected, NULL);
  g_assert_cmpuint (n_selected, ==, 50);
  mr_ui_screenshot (GTK_WIDGET (window), "bulk-02-all-selected.png");
  dialog = mr_window_show_bulk_dialog (window);
  mr_bulk_dialog_set_people (dialog, "Jane Doe, John Smith");
  mr_bulk_dialog_set_pattern (dialog, MR_ADDRESS_PATTERN_FIRST_DOT_LAST);
  g_assert_nonnull (strstr (mr_bulk_dialog_get_preview (dialog),
                            "Adds 2 mailboxes to each of 50 domains"));
  g_assert_nonnull (strstr (mr_bulk_dialog_get_preview (dialog),
                            "like jane.doe@northwind-outreach-00.com, "
                            "john.smith@northwind-outreach-00.com"));
  mr_ui_screenshot (GTK_WIDGET (dialog), "bulk-03-dialog.png");

  /* what the paste started has settled: no edit waits to be synced and
   * the scheduler's quote is for the session's orderable copy as it is */
  mr_test_wait_until (quote_current, window, WAIT_MS);
  requests_before = mr_sim_server_get_n_requests (fixture->sim, ORDERS_PATH);
  revision_before = mr_order_get_revision (order);

  apply = mr_ui_find_button (GTK_WIDGET (dialog), "_Apply");
  g_assert_nonnull (apply);
  g_assert_true (gtk_widget_is_sensitive (apply));
  g_signal_emit_by_name (apply, "clicked");

  /* one change, one quote request */
  g_assert_cmpuint (mr_order_get_revision (order), ==, revision_before + 1);
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 100);
  wait_quote_for (window, 100);
  mr_ui_wait_frames (1000);
  g_assert_cmpuint (mr_sim_server_get_n_requests (fixture->sim, ORDERS_PATH), ==,
                    requests_before + 1);

  for (guint i = 0; i < 50; i++)
    {
      MrOrderItem *item = mr_order_get_item (order, i);

      g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 2);
      g_assert_cmpstr (mr_account_get_email_address_prefix (mr_order_item_get_account (item, 0)),
                       ==, "jane.doe");
      g_assert_cmpstr (mr_account_get_email_address_prefix (mr_order_item_get_account (item, 1)),
                       ==, "john.smith");
    }

  /* the total is the simulator's pricing file: 50 domains a year, 100 mailboxes a month */
  quote = mr_quote_scheduler_get_fresh_quote (mr_window_get_scheduler (window));
  g_assert_true (quote->order_is_valid);
  g_assert_cmpint (quote->total_domains_price_per_year, ==, 50 * domain_per_year);
  g_assert_cmpint (quote->total_accounts_price_per_month, ==, 100 * google_per_month);
  g_assert_cmpint (quote->total_price, ==, 50 * domain_per_year + 100 * google_per_month);
  due_now = mr_money_format (50 * domain_per_year + 100 * google_per_month);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  shown = mr_ui_collect_text (window->pricing_panel);
  g_assert_nonnull (strstr (shown, due_now));

  problems = mr_order_session_dup_problem_array (window->session);
  g_assert_cmpuint (distinct_problems (problems), ==, 0);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (shown_problem_count (window), ==, 0);

  mr_domain_list_select (window->domain_list, 0);
  mr_ui_screenshot (GTK_WIDGET (window), "bulk-04-fifty-domains-after.png");
}

static void
test_bulk_report_and_remove (Fixture       *fixture,
                             gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrOrder *order = mr_window_get_order (window);
  MrBulkDialog *dialog;
  GtkWidget *remove;

  paste_domains (window, 20);
  mr_test_wait_until (quote_fresh, window, WAIT_MS);

  /* six people do not fit on a Google domain: the sixth is reported for each */
  dialog = mr_window_show_bulk_dialog (window);
  mr_bulk_dialog_set_people (dialog, "Ada Lovelace\nAlan Turing\nGrace Hopper\nEdsger Dijkstra\n"
                                     "Barbara Liskov\nDonald Knuth\nCher");
  g_assert_nonnull (strstr (mr_bulk_dialog_get_preview (dialog), "“Cher”"));
  g_signal_emit_by_name (mr_ui_find_button (GTK_WIDGET (dialog), "_Apply"), "clicked");
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 100);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-report", NULL);
  g_assert_nonnull (mr_window_get_report_dialog (window));
  {
    g_autofree char *text = mr_ui_collect_text (GTK_WIDGET (mr_window_get_report_dialog (window)));

    g_assert_nonnull (strstr (text, "21 Left Out"));
    /* one row per person and reason, not one per domain */
    g_assert_nonnull (strstr (text, "Donald Knuth · 20 domains\nFull: Google allows at most 5"));
    g_assert_nonnull (strstr (text, "Cher\nA mailbox needs a first and a last name"));
  }
  mr_ui_screenshot (GTK_WIDGET (mr_window_get_report_dialog (window)), "bulk-05-left-out.png");
  gtk_window_destroy (mr_window_get_report_dialog (window));

  /* Microsoft, 60 each from the same people, in one change */
  dialog = mr_window_show_bulk_dialog (window);
  mr_bulk_dialog_set_provider (dialog, MR_EMAIL_PROVIDER_MICROSOFT);
  mr_bulk_dialog_set_fill (dialog, 60);
  g_signal_emit_by_name (mr_ui_find_button (GTK_WIDGET (dialog), "_Apply"), "clicked");
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 20 * 60);
  g_assert_cmpint (mr_order_item_get_email_provider (mr_order_get_item (order, 7)), ==,
                   MR_EMAIL_PROVIDER_MICROSOFT);
  wait_quote_for (window, 20 * 60);
  g_assert_true (mr_quote_scheduler_get_fresh_quote (mr_window_get_scheduler (window))->order_is_valid);

  /* remove them all, then undo */
  dialog = mr_window_show_bulk_dialog (window);
  remove = mr_ui_find_button (GTK_WIDGET (dialog), "_Remove 20 Domains");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 20);
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 20 * 60);
}

static void
test_csv_paste_and_files (Fixture       *fixture,
                          gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrOrder *order = mr_window_get_order (window);
  GtkWidget *entry = mr_ui_find_first (GTK_WIDGET (window->domain_list), GTK_TYPE_ENTRY);
  g_autofree char *csv_path = g_test_build_filename (G_TEST_DIST, "data", "import-bad-rows.csv",
                                                     NULL);
  g_autofree char *csv = NULL;
  g_autofree char *saved_path = g_build_filename (fixture->tmpdir, "order.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *report_text = NULL;
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autoptr(GFile) broken = NULL;
  g_autofree char *broken_path = g_build_filename (fixture->tmpdir, "broken.json", NULL);
  gsize length;

  /* a table pasted into the domain entry is imported, bad rows reported */
  g_assert_true (g_file_get_contents (csv_path, &csv, &length, NULL));
  gtk_editable_set_text (GTK_EDITABLE (entry), csv);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 5);
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 11);

  g_assert_nonnull (mr_window_get_report_dialog (window));
  report_text = mr_ui_collect_text (GTK_WIDGET (mr_window_get_report_dialog (window)));
  g_assert_nonnull (strstr (report_text, "8 Rows Not Imported"));
  g_assert_nonnull (strstr (report_text, "Line 3\nThe domain is missing"));
  g_assert_nonnull (strstr (report_text, "Line 21\nA quoted field is not closed"));
  mr_ui_screenshot (GTK_WIDGET (mr_window_get_report_dialog (window)), "bulk-06-csv-report.png");
  gtk_window_destroy (mr_window_get_report_dialog (window));

  /* the same CSV again: the good rows are all there already */
  g_assert_cmpuint (mr_window_import_csv_text (window, csv, length, "import-bad-rows.csv"), ==, 0);
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 11);
  gtk_window_destroy (mr_window_get_report_dialog (window));

  /* Save As, new order, Open: the same order comes back */
  before = mr_json_order_draft (order);
  g_assert_true (mr_window_save_order_file (window, saved));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-order", NULL);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 0);
  g_assert_true (mr_window_open_order_file (window, saved));
  after = mr_json_order_draft (order);
  g_assert_cmpstr (before, ==, after);

  /* a broken file is refused with its name and the order stays */
  g_assert_true (g_file_set_contents (broken_path, "{\"order_type\": 7", -1, NULL));
  broken = g_file_new_for_path (broken_path);
  g_assert_false (mr_window_open_order_file (window, broken));
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 5);
  g_clear_pointer (&report_text, g_free);
  report_text = mr_ui_collect_text (GTK_WIDGET (mr_window_get_report_dialog (window)));
  g_assert_nonnull (strstr (report_text, "Cannot Open broken.json"));
  gtk_window_destroy (mr_window_get_report_dialog (window));

  g_remove (saved_path);
  g_remove (broken_path);
}

static gboolean
extra_results_shown (gpointer data)
{
  MrWindow *window = data;

  return mr_extra_accounts_page_get_n_results (window->extra_page) > 0;
}

static gboolean
existing_counted (gpointer data)
{
  MrOrderItem *item = data;

  return mr_order_item_get_existing_accounts (item) == 2;
}

static GtkWidget *
find_add_button (GtkWidget  *root,
                 const char *domain)
{
  g_autoptr(GPtrArray) buttons = mr_ui_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (buttons, i), "domain"), domain) == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static gboolean
text_contains (GtkWidget  *root,
               const char *needle)
{
  g_autofree char *text = mr_ui_collect_text (root);

  return strstr (text, needle) != NULL;
}

static void
test_extra_mailboxes (Fixture       *fixture,
                      gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrOrder *order = mr_window_get_order (window);
  MrOrderItem *item;
  MrBulkDialog *dialog;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(MrAccount) sixth = NULL;
  GtkWidget *provider_row = NULL;

  /* a domain the workspace ordered before, with two active mailboxes */
  mr_sim_server_add_ordered_domain (fixture->sim, "ours-already.com", MR_EMAIL_PROVIDER_GOOGLE, 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.order-type", "s", "extra_accounts");
  mr_extra_accounts_page_reload (window->extra_page);
  mr_test_wait_until (extra_results_shown, window, WAIT_MS);

  g_signal_emit_by_name (find_add_button (GTK_WIDGET (window->extra_page), "ours-already.com"),
                         "clicked");
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 1);
  item = mr_order_get_item (order, 0);
  mr_test_wait_until (existing_counted, item, WAIT_MS);
  g_assert_cmpuint (mr_order_item_get_max_new_accounts (item), ==, 3);

  /* the editor counts them: "2 of 5", and the provider cannot change */
  mr_domain_list_select (window->domain_list, 0);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_true (text_contains (window->account_editor, "2 of 5"));
  rows = mr_ui_find_all (window->account_editor, ADW_TYPE_COMBO_ROW);
  g_assert_cmpuint (rows->len, >=, 1);
  provider_row = g_ptr_array_index (rows, 0);
  g_assert_false (gtk_widget_get_sensitive (provider_row));

  /* four people, room for three: the fourth is said, not dropped in silence */
  dialog = mr_window_show_bulk_dialog (window);
  mr_bulk_dialog_set_people (dialog, "Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra");
  mr_bulk_dialog_set_pattern (dialog, MR_ADDRESS_PATTERN_FIRST);
  g_signal_emit_by_name (mr_ui_find_button (GTK_WIDGET (dialog), "_Apply"), "clicked");
  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 3);
  g_assert_false (mr_order_item_can_add_account (item, NULL));
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_true (text_contains (window->account_editor, "5 of 5"));
  g_assert_true (text_contains (window->account_editor, "already has 2"));

  /* the simulator agrees: 2 + 3 is within Google's 5 */
  wait_quote_for (window, 3);
  g_assert_true (mr_quote_scheduler_get_fresh_quote (mr_window_get_scheduler (window))->order_is_valid);
  mr_ui_screenshot (GTK_WIDGET (window), "bulk-07-extra-mailboxes.png");

  /* one more by hand is a local problem before anything is sent */
  sixth = mr_account_new ("Barbara", "Liskov", "barbara");
  mr_order_item_append_account (item, sixth);
  problems = mr_order_validate (order);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (((MrProblem *) g_ptr_array_index (problems, 0))->message,
                            "it has 2, so add at most 3"));
}

static void
test_selection (Fixture       *fixture,
                gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrOrder *order = mr_window_get_order (window);
  GtkSelectionModel *model;
  MrBulkDialog *dialog;
  GtkWidget *list_view;
  g_autoptr(GPtrArray) selected = NULL;

  paste_domains (window, 12);
  list_view = mr_domain_list_get_list_view (window->domain_list);
  model = GTK_SELECTION_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));

  /* click the first, Ctrl-click the third, Shift-click from the fifth to the seventh:
   * what GtkListView does with a click and its modifiers */
  mr_domain_list_select (window->domain_list, 0);
  g_assert_true (gtk_selection_model_select_item (model, 2, FALSE));
  g_assert_true (gtk_selection_model_select_range (model, 4, 3, FALSE));
  selected = mr_domain_list_get_selected_items (window->domain_list);
  g_assert_cmpuint (selected->len, ==, 5);
  g_assert_true (g_ptr_array_index (selected, 1) == mr_order_get_item (order, 2));
  /* the editor stays on the first one */
  g_assert_true (mr_domain_list_get_selected_item (window->domain_list) ==
                 mr_order_get_item (order, 0));
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_true (text_contains (GTK_WIDGET (window->domain_list), "5 selected"));

  dialog = mr_window_show_bulk_dialog (window);
  mr_bulk_dialog_set_people (dialog, "Jane Doe");
  g_assert_nonnull (strstr (mr_bulk_dialog_get_preview (dialog), "each of 5 domains"));
  g_signal_emit_by_name (mr_ui_find_button (GTK_WIDGET (dialog), "_Apply"), "clicked");
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 5);
  g_assert_cmpuint (mr_order_item_get_n_accounts (mr_order_get_item (order, 1)), ==, 0);
  g_assert_cmpuint (mr_order_item_get_n_accounts (mr_order_get_item (order, 6)), ==, 1);

  /* None: back to the one being edited */
  gtk_widget_activate_action (GTK_WIDGET (window->domain_list), "list.select-none", NULL);
  g_clear_pointer (&selected, g_ptr_array_unref);
  selected = mr_domain_list_get_selected_items (window->domain_list);
  g_assert_cmpuint (selected->len, ==, 1);
}

typedef struct
{
  MrOrderItem *item;
  guint        n_notifies;
} RowWatch;

static void
row_notify_cb (GObject    *object,
               GParamSpec *pspec,
               RowWatch   *watch)
{
  g_test_message ("the row of %s: %s::%s", mr_order_item_get_domain (watch->item),
                  G_OBJECT_TYPE_NAME (object), pspec->name);
  watch->n_notifies++;
}

/* counts every property change of @widget and what it holds */
static void
watch_subtree (GtkWidget *widget,
               RowWatch  *watch)
{
  g_signal_connect (widget, "notify", G_CALLBACK (row_notify_cb), watch);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    watch_subtree (child, watch);
}

static void
unwatch_subtree (GtkWidget *widget,
                 RowWatch  *watch)
{
  g_signal_handlers_disconnect_by_data (widget, watch);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    unwatch_subtree (child, watch);
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

/* A bulk apply on some domains of 50 changes only their rows: the other
 * rows are neither rebound nor restyled nor given new text (one list of
 * problems, followed by domain: nothing is pushed to every row). */
static void
test_rows_in_place (Fixture       *fixture,
                    gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrOrder *order = mr_window_get_order (window);
  GtkSelectionModel *model;
  MrBulkDialog *dialog;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree RowWatch *watches = NULL;
  guint n_order_changes = 0;
  gulong handler;

  /* a pasted list is one change of the order, whatever its length */
  handler = g_signal_connect (order, "items-changed", G_CALLBACK (count_items_changed_cb),
                              &n_order_changes);
  paste_domains (window, 50);
  g_signal_handler_disconnect (order, handler);
  g_assert_cmpuint (n_order_changes, ==, 1);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 50);
  wait_quote_for (window, 0);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  mr_ui_screenshot (GTK_WIDGET (window), "bulk-08-rows-before.png");

  /* a GtkListView of 50 has a row for each */
  rows = mr_ui_find_all (GTK_WIDGET (window->domain_list), MR_TYPE_DOMAIN_ROW);
  g_assert_cmpuint (rows->len, ==, 50);
  watches = g_new0 (RowWatch, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      MrDomainRow *row = g_ptr_array_index (rows, i);
      g_autofree char *problems = mr_domain_row_dup_problems_text (row);
      g_autofree char *spoken = NULL;
      g_autofree char *sentence = NULL;

      /* every empty domain says so, without repeating its name: the row
       * shows it above */
      g_assert_nonnull (problems);
      g_assert_nonnull (strstr (problems, "Add at least 1 mailbox"));
      g_assert_null (strstr (problems, mr_order_item_get_domain (mr_domain_row_get_item (row))));
      /* a screen reader still hears which domain it is about */
      sentence = g_strdup_printf ("%s has no mailboxes: add at least 1",
                                  mr_order_item_get_domain (mr_domain_row_get_item (row)));
      spoken = mr_domain_row_dup_accessible_description (row);
      g_assert_nonnull (strstr (spoken, sentence));
      watches[i].item = mr_domain_row_get_item (row);
      watch_subtree (GTK_WIDGET (row), &watches[i]);
    }

  /* the first ten, selected, get two people each */
  model = GTK_SELECTION_MODEL (gtk_list_view_get_model (
    GTK_LIST_VIEW (mr_domain_list_get_list_view (window->domain_list))));
  mr_domain_list_select (window->domain_list, 0);
  g_assert_true (gtk_selection_model_select_range (model, 0, 10, TRUE));
  dialog = mr_window_show_bulk_dialog (window);
  mr_bulk_dialog_set_people (dialog, "Jane Doe, John Smith");
  mr_bulk_dialog_set_pattern (dialog, MR_ADDRESS_PATTERN_FIRST_DOT_LAST);
  g_assert_nonnull (strstr (mr_bulk_dialog_get_preview (dialog), "each of 10 domains"));
  g_signal_emit_by_name (mr_ui_find_button (GTK_WIDGET (dialog), "_Apply"), "clicked");
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 20);

  /* the local checks, then the quote, then what they drew */
  wait_quote_for (window, 20);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);

  for (guint i = 0; i < rows->len; i++)
    {
      MrDomainRow *row = g_ptr_array_index (rows, i);
      MrOrderItem *item = mr_domain_row_get_item (row);
      g_autofree char *problems = mr_domain_row_dup_problems_text (row);
      guint position = GTK_INVALID_LIST_POSITION;

      /* the same widget shows the same domain: nothing was rebound */
      g_assert_true (item == watches[i].item);
      g_assert_true (mr_order_find_item (order, mr_order_item_get_domain (item), &position) == item);

      if (position < 10)
        {
          /* its mailboxes and its problems changed, and it says so */
          g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 2);
          g_assert_null (problems);
          g_assert_cmpuint (watches[i].n_notifies, >, 0);
        }
      else
        {
          /* nothing of it changed: not one property of the row or its
           * children was set */
          g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 0);
          g_assert_nonnull (problems);
          g_assert_cmpuint (watches[i].n_notifies, ==, 0);
        }

      unwatch_subtree (GTK_WIDGET (row), &watches[i]);
    }

  mr_ui_screenshot (GTK_WIDGET (window), "bulk-09-rows-after.png");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  the_app = mr_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/mr/bulk-ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("fifty-domains", test_fifty_domains);
  ADD ("report-and-remove", test_bulk_report_and_remove);
  ADD ("csv-paste-and-files", test_csv_paste_and_files);
  ADD ("extra-mailboxes", test_extra_mailboxes);
  ADD ("selection", test_selection);
  ADD ("rows-in-place", test_rows_in_place);

  ret = g_test_run ();
  g_clear_object (&the_app);

  return ret;
}
