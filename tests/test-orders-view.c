/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "mailroom-core.h"
#include "mr-orders-view.h"
#include "mr-order-record-object.h"
#include "mr-test-util.h"
#include "mr-ui-test-util.h"

#define WAIT_MS 20000

typedef struct
{
  MrSimServer  *sim;
  MrApiClient  *client;
  GtkWindow    *window;
  MrOrdersView *view;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->sim = mr_test_sim_new ();
  fixture->client = mr_test_client_new (fixture->sim, NULL);
}

/* The view in a window, mapped, loading from the simulator. */
static void
show_view (Fixture *fixture,
           int      width,
           int      height,
           guint    page_size)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, width, height);
  gtk_window_set_decorated (fixture->window, FALSE);

  fixture->view = MR_ORDERS_VIEW (mr_orders_view_new ());
  g_object_set (fixture->view,
                "page-size", page_size,
                "max-retry-wait", 1,
                NULL);
  mr_orders_view_set_client (fixture->view, fixture->client);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
}

/* The view loads pages of orders until the screen is filled (or all are
 * loaded), then waits for scrolling: this is its own test for that. */
static gboolean
orders_near_end (MrOrdersView *view)
{
  GtkWidget *list = mr_ui_find_first (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW);
  GtkAdjustment *adjustment;
  double value, page, upper;

  g_assert_nonnull (list);
  /* the mailboxes page is showing: it loads no more orders */
  if (!gtk_widget_get_mapped (list))
    return FALSE;

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  upper = gtk_adjustment_get_upper (adjustment);

  return value + page >= upper - MAX (page, 200.0);
}

/* Nothing is loading, and nothing will start loading by itself: a request
 * running, a retry waiting, or new rows not yet laid out (the scroll range
 * is still the old one, near its end) all mean "not yet". */
static gboolean
view_settled (gpointer data)
{
  MrOrdersView *view = data;

  if (!gtk_widget_get_mapped (GTK_WIDGET (view)) || mr_orders_view_get_busy (view))
    return FALSE;

  return mr_orders_view_get_all_orders_loaded (view) ||
         g_strcmp0 (mr_orders_view_get_orders_state (view), "error") == 0 ||
         !orders_near_end (view);
}

static void
wait_idle (Fixture *fixture)
{
  mr_test_wait_until (view_settled, fixture->view, WAIT_MS);
  /* what the view shows of it is laid out and drawn */
  mr_ui_wait_drawn (GTK_WIDGET (fixture->view), 2);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      MrOrdersView *view = fixture->view;

      g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
      if (mr_orders_view_get_dialog (view) != NULL)
        gtk_window_destroy (GTK_WINDOW (mr_orders_view_get_dialog (view)));
      gtk_window_destroy (fixture->window);
      /* requests in flight are cancelled; their callbacks let go of it */
      mr_test_wait_until (is_null, &view, WAIT_MS);
    }

  g_assert_finalize_object (fixture->client);
  mr_sim_server_disconnect (fixture->sim);
  g_assert_finalize_object (fixture->sim);
}

/* The orders as the server lists them, in one request. */
static GPtrArray *
server_domains (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *domains = g_ptr_array_new_with_free_func (g_free);

  mr_api_client_list_orders_async (fixture->client, 100, NULL, NULL,
                                   mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  page = mr_api_client_list_orders_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_null (page->next_starting_after);

  for (guint i = 0; i < page->items->len; i++)
    {
      const MrOrderRecord *record = g_ptr_array_index (page->items, i);

      g_ptr_array_add (domains, g_strdup (record->domain));
    }

  return domains;
}

static GPtrArray *
server_accounts (Fixture  *fixture,
                 gboolean  with_passwords)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrPage) page = NULL;
  g_autoptr(GError) error = NULL;

  mr_api_client_list_accounts_async (fixture->client, 100, NULL, with_passwords, NULL,
                                     mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  page = mr_api_client_list_accounts_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_null (page->next_starting_after);

  return g_ptr_array_ref (page->items);
}

static const MrOrderedAccount *
find_account (GPtrArray  *accounts,
              const char *email)
{
  for (guint i = 0; i < accounts->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (accounts, i);

      if (g_strcmp0 (account->email, email) == 0)
        return account;
    }

  return NULL;
}

static GPtrArray *
shown_domains (MrOrdersView *view)
{
  GListModel *model = mr_orders_view_get_orders (view);
  GPtrArray *domains = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MrOrderRecordObject) object = g_list_model_get_item (model, i);

      g_ptr_array_add (domains, g_strdup (mr_order_record_object_get_domain (object)));
    }

  return domains;
}

static void
assert_same_domains (GPtrArray *shown,
                     GPtrArray *expected)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < shown->len; i++)
    g_assert_true (g_hash_table_add (seen, g_ptr_array_index (shown, i)));

  g_assert_cmpuint (shown->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (shown, i), ==, g_ptr_array_index (expected, i));
}

static void
add_domains (Fixture *fixture,
             guint    n,
             guint    n_accounts)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *domain = g_strdup_printf ("ordered-%02u.com", i + 1);

      mr_sim_server_add_ordered_domain (fixture->sim, domain, 1, n_accounts);
    }
}

static GtkAdjustment *
orders_adjustment (MrOrdersView *view)
{
  GtkWidget *list = mr_ui_find_first (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (list);
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
}

static gboolean
text_contains (GtkWidget  *root,
               const char *needle)
{
  g_autofree char *text = mr_ui_collect_text (root);

  return strstr (text, needle) != NULL;
}

typedef struct
{
  MrOrdersView *view;
  guint         n;
} LoadedMore;

static gboolean
loaded_more (gpointer data)
{
  LoadedMore *ctx = data;

  return mr_orders_view_get_n_loaded_orders (ctx->view) > ctx->n;
}

static void
test_pagination (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  guint n_before;
  guint n_scrolls = 0;

  add_domains (fixture, 25, 1);
  expected = server_domains (fixture);
  g_assert_cmpuint (expected->len, ==, 25);

  show_view (fixture, 600, 420, 3);
  wait_idle (fixture);

  g_assert_cmpstr (mr_orders_view_get_orders_state (fixture->view), ==, "list");
  n_before = mr_orders_view_get_n_loaded_orders (fixture->view);
  g_test_message ("%u orders before scrolling", n_before);
  /* the first screen is filled, the rest waits for scrolling */
  g_assert_cmpuint (n_before, >=, 3);
  g_assert_cmpuint (n_before, <, 25);
  g_assert_cmpuint (n_before % 3, ==, 0);
  g_assert_false (mr_orders_view_get_all_orders_loaded (fixture->view));

  mr_ui_screenshot (GTK_WIDGET (fixture->window), "orders-01-list.png");

  while (!mr_orders_view_get_all_orders_loaded (fixture->view))
    {
      GtkAdjustment *adjustment = orders_adjustment (fixture->view);
      guint n = mr_orders_view_get_n_loaded_orders (fixture->view);

      g_assert_cmpuint (n_scrolls++, <, 20);
      gtk_adjustment_set_value (adjustment,
                                gtk_adjustment_get_upper (adjustment) -
                                gtk_adjustment_get_page_size (adjustment));
      /* scrolling to the end asks for the next page; a slow machine
       * (sanitizers) may take longer than an idle moment to start it */
      mr_test_wait_until (loaded_more, &(LoadedMore) { fixture->view, n }, WAIT_MS);
      wait_idle (fixture);
    }

  shown = shown_domains (fixture->view);
  assert_same_domains (shown, expected);
  g_assert_cmpuint (mr_sim_server_get_n_requests (fixture->sim, "/api/v2/dfy-email-account-orders"),
                    >=, 9);
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  const char *domains[] = { "alpha-mail.com", "beta-mail.com", "alpha-outreach.org",
                            "gamma.io", "delta-mail.net", "epsilon.com", "zeta-alpha.co" };
  g_autoptr(GPtrArray) shown = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    mr_sim_server_add_ordered_domain (fixture->sim, domains[i], 1, 1);

  show_view (fixture, 800, 600, 2);
  /* filtering before everything is loaded keeps loading until it is */
  mr_orders_view_set_filter_text (fixture->view, "ALPHA");
  wait_idle (fixture);

  g_assert_true (mr_orders_view_get_all_orders_loaded (fixture->view));
  shown = shown_domains (fixture->view);
  g_assert_cmpuint (shown->len, ==, 3);
  for (guint i = 0; i < shown->len; i++)
    g_assert_nonnull (strstr (g_ptr_array_index (shown, i), "alpha"));
  g_assert_cmpstr (mr_orders_view_get_orders_state (fixture->view), ==, "list");
  mr_ui_screenshot (GTK_WIDGET (fixture->window), "orders-02-filtered.png");

  mr_orders_view_set_filter_text (fixture->view, "mail.");
  g_assert_cmpuint (g_list_model_get_n_items (mr_orders_view_get_orders (fixture->view)), ==, 3);

  mr_orders_view_set_filter_text (fixture->view, "nothing-like-this");
  g_assert_cmpuint (g_list_model_get_n_items (mr_orders_view_get_orders (fixture->view)), ==, 0);
  g_assert_cmpstr (mr_orders_view_get_orders_state (fixture->view), ==, "no-match");

  mr_orders_view_set_filter_text (fixture->view, "");
  g_assert_cmpuint (g_list_model_get_n_items (mr_orders_view_get_orders (fixture->view)), ==,
                    G_N_ELEMENTS (domains));
  g_assert_cmpuint (mr_orders_view_get_n_loaded_orders (fixture->view), ==,
                    G_N_ELEMENTS (domains));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  show_view (fixture, 800, 600, 10);
  wait_idle (fixture);

  g_assert_cmpstr (mr_orders_view_get_orders_state (fixture->view), ==, "empty");
  g_assert_true (text_contains (GTK_WIDGET (fixture->view), "No Orders Yet"));
  mr_ui_screenshot (GTK_WIDGET (fixture->window), "orders-03-empty.png");

  mr_orders_view_set_visible_page (fixture->view, "mailboxes");
  mr_ui_wait_drawn (GTK_WIDGET (fixture->view), 2);
  g_assert_cmpstr (mr_orders_view_get_accounts_state (fixture->view), ==, "empty");
  g_assert_true (text_contains (GTK_WIDGET (fixture->view), "No Mailboxes Yet"));
}

static void
test_error_and_retry (Fixture       *fixture,
                      gconstpointer  data)
{
  add_domains (fixture, 2, 1);
  mr_sim_server_inject_fault (fixture->sim, "/api/v2/dfy-email-account-orders",
                              MR_SIM_FAULT_SERVER_ERROR, 1);

  show_view (fixture, 800, 600, 10);
  wait_idle (fixture);
  g_assert_cmpstr (mr_orders_view_get_orders_state (fixture->view), ==, "error");
  g_assert_true (text_contains (GTK_WIDGET (fixture->view), "Could Not Load Orders"));
  mr_ui_screenshot (GTK_WIDGET (fixture->window), "orders-04-error.png");

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "orders.refresh", NULL);
  wait_idle (fixture);
  g_assert_cmpstr (mr_orders_view_get_orders_state (fixture->view), ==, "list");
  g_assert_cmpuint (mr_orders_view_get_n_loaded_orders (fixture->view), ==, 2);
}

static gboolean
rate_limit_shown (gpointer data)
{
  MrOrdersView *view = data;
  const char *notice = mr_orders_view_get_notice (view);

  return notice != NULL && strstr (notice, "too many requests") != NULL;
}

typedef struct
{
  MrSimServer *sim;
  guint        n;
} Asked;

static gboolean
asked_again (gpointer data)
{
  Asked *asked = data;

  return mr_sim_server_get_n_requests (asked->sim, NULL) > asked->n;
}

static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  Asked asked;

  add_domains (fixture, 9, 2);
  expected = server_domains (fixture);
  accounts = server_accounts (fixture, FALSE);

  /* the first page of each list gets through, then every request is refused */
  mr_sim_server_set_rate_limits (fixture->sim, 30, 2);
  show_view (fixture, 800, 900, 2);
  mr_test_wait_until (rate_limit_shown, fixture->view, WAIT_MS);
  g_test_message ("%s", mr_orders_view_get_notice (fixture->view));
  g_assert_true (mr_orders_view_get_busy (fixture->view));
  mr_ui_screenshot (GTK_WIDGET (fixture->window), "orders-05-rate-limited.png");

  /* it keeps waiting and asking, and carries on once the server lets it */
  asked.sim = fixture->sim;
  asked.n = mr_sim_server_get_n_requests (fixture->sim, NULL);
  mr_test_wait_until (asked_again, &asked, WAIT_MS);
  g_assert_true (mr_orders_view_get_busy (fixture->view));
  mr_sim_server_set_rate_limits (fixture->sim, 30, 6000);
  wait_idle (fixture);

  while (!mr_orders_view_get_all_orders_loaded (fixture->view))
    {
      GtkAdjustment *adjustment = orders_adjustment (fixture->view);

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      wait_idle (fixture);
    }

  shown = shown_domains (fixture->view);
  assert_same_domains (shown, expected);
  g_assert_cmpuint (mr_orders_view_get_accounts (fixture->view)->len, ==, accounts->len);
  g_assert_null (mr_orders_view_get_notice (fixture->view));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *focus;
  GPtrArray *view_accounts;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_auto(GStrv) selected = NULL;
  g_autofree char *dialog_text = NULL;
  const char *cancel_path = "/api/v2/dfy-email-account-orders/accounts/cancel";

  mr_sim_server_add_ordered_domain (fixture->sim, "acme-outreach.com", 1, 3);
  mr_sim_server_add_ordered_domain (fixture->sim, "getacme.org", 1, 2);

  show_view (fixture, 800, 700, 50);
  mr_orders_view_set_visible_page (fixture->view, "mailboxes");
  wait_idle (fixture);
  g_assert_cmpstr (mr_orders_view_get_accounts_state (fixture->view), ==, "list");
  g_assert_cmpuint (mr_orders_view_get_accounts (fixture->view)->len, ==, 5);
  g_assert_true (text_contains (GTK_WIDGET (fixture->view), "user1@getacme.org"));

  /* select a whole domain, and undo it */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "orders.select-domain", "s",
                              "getacme.org");
  selected = mr_orders_view_get_selected (fixture->view);
  g_assert_cmpuint (g_strv_length (selected), ==, 2);
  g_clear_pointer (&selected, g_strfreev);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "orders.select-domain", "s",
                              "getacme.org");
  selected = mr_orders_view_get_selected (fixture->view);
  g_assert_cmpuint (g_strv_length (selected), ==, 0);
  g_clear_pointer (&selected, g_strfreev);

  g_assert_true (mr_orders_view_set_account_selected (fixture->view,
                                                      "user3@acme-outreach.com", TRUE));
  g_assert_true (mr_orders_view_set_account_selected (fixture->view,
                                                      "user1@acme-outreach.com", TRUE));
  selected = mr_orders_view_get_selected (fixture->view);
  g_assert_cmpuint (g_strv_length (selected), ==, 2);
  mr_ui_screenshot (GTK_WIDGET (fixture->window), "orders-06-mailboxes.png");

  /* "Keep" cancels nothing */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "orders.cancel-selected", NULL);
  dialog = mr_orders_view_get_dialog (fixture->view);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "keep");
  mr_ui_wait_frames (100);
  g_assert_cmpuint (mr_sim_server_get_n_requests (fixture->sim, cancel_path), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "orders.cancel-selected", NULL);
  dialog = mr_orders_view_get_dialog (fixture->view);
  g_assert_nonnull (dialog);
  mr_ui_wait_drawn (GTK_WIDGET (dialog), 2);

  /* the confirmation names exactly the selected addresses, and the loss */
  labels = mr_ui_find_all (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (labels->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (labels, 0)), ==,
                   "user1@acme-outreach.com");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (labels, 1)), ==,
                   "user3@acme-outreach.com");
  dialog_text = mr_ui_collect_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (dialog_text, "Cancel 2 Mailboxes?"));
  g_assert_nonnull (strstr (dialog_text, "deletes these mailboxes and all their emails and conversations"));
  g_assert_null (strstr (dialog_text, "Unibox"));
  g_assert_nonnull (strstr (dialog_text, "This cannot be undone."));
  g_assert_null (strstr (dialog_text, "user2@"));
  g_assert_null (strstr (dialog_text, "getacme.org"));
  mr_ui_screenshot (GTK_WIDGET (dialog), "orders-07-cancel-confirmation.png");

  adw_message_dialog_response (dialog, "cancel");
  wait_idle (fixture);
  g_assert_cmpuint (mr_sim_server_get_n_requests (fixture->sim, cancel_path), ==, 1);

  /* the server cancelled those two and kept the rest */
  accounts = server_accounts (fixture, FALSE);
  g_assert_cmpuint (accounts->len, ==, 5);
  g_assert_nonnull (find_account (accounts, "user1@acme-outreach.com")->timestamp_cancelled);
  g_assert_nonnull (find_account (accounts, "user3@acme-outreach.com")->timestamp_cancelled);
  g_assert_null (find_account (accounts, "user2@acme-outreach.com")->timestamp_cancelled);
  g_assert_null (find_account (accounts, "user1@getacme.org")->timestamp_cancelled);
  g_assert_null (find_account (accounts, "user2@getacme.org")->timestamp_cancelled);

  /* and the view shows what the server has, with nothing selected */
  g_clear_pointer (&selected, g_strfreev);
  selected = mr_orders_view_get_selected (fixture->view);
  g_assert_cmpuint (g_strv_length (selected), ==, 0);
  view_accounts = mr_orders_view_get_accounts (fixture->view);
  g_assert_cmpuint (view_accounts->len, ==, 5);
  g_assert_nonnull (find_account (view_accounts, "user1@acme-outreach.com")->timestamp_cancelled);
  g_assert_nonnull (find_account (view_accounts, "user3@acme-outreach.com")->timestamp_cancelled);
  g_assert_null (find_account (view_accounts, "user2@acme-outreach.com")->timestamp_cancelled);
  g_assert_false (mr_orders_view_set_account_selected (fixture->view,
                                                       "user1@acme-outreach.com", TRUE));

  /* the keyboard is on the next mailbox still active, not lost */
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (GTK_IS_CHECK_BUTTON (focus));
  g_assert_nonnull (gtk_widget_get_ancestor (focus, ADW_TYPE_ACTION_ROW));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (focus, ADW_TYPE_ACTION_ROW))),
                   ==, "user1@getacme.org");
  mr_ui_screenshot (GTK_WIDGET (fixture->window), "orders-08-after-cancel.png");
}

static void
export_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  if (!mr_orders_view_export_finish (MR_ORDERS_VIEW (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static char *
export (Fixture    *fixture,
        const char *dir,
        const char *name,
        gboolean    include_passwords)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) read_error = NULL;
  char *contents = NULL;

  mr_orders_view_export_async (fixture->view, file, include_passwords, NULL,
                               export_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS));

  g_file_get_contents (path, &contents, NULL, &read_error);
  g_assert_no_error (read_error);

  return contents;
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *secret = NULL;
  guint n_with_password = 0;

  mr_sim_server_add_ordered_domain (fixture->sim, "acme-outreach.com", 1, 3);
  mr_sim_server_add_ordered_domain (fixture->sim, "getacme.org", 2, 1);
  accounts = server_accounts (fixture, TRUE);

  show_view (fixture, 800, 600, 2);
  wait_idle (fixture);

  dir = g_dir_make_tmp ("mr-orders-XXXXXX", NULL);
  g_assert_nonnull (dir);

  plain = export (fixture, dir, "plain.csv", FALSE);
  g_assert_true (g_str_has_prefix (plain,
                                   "email,first_name,last_name,domain,provider,created,cancelled\r\n"));
  g_assert_null (strstr (plain, "password"));
  for (guint i = 0; i < accounts->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (accounts, i);

      g_assert_nonnull (strstr (plain, account->email));
      if (account->password != NULL && strlen (account->password) >= 4)
        {
          n_with_password++;
          g_assert_null (strstr (plain, account->password));
        }
    }
  g_assert_cmpuint (n_with_password, >, 0);
  g_assert_nonnull (strstr (plain, ",getacme.org,AirMail,"));

  /* the view itself never holds passwords unless asked */
  for (guint i = 0; i < mr_orders_view_get_accounts (fixture->view)->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (mr_orders_view_get_accounts (fixture->view), i);

      g_assert_null (account->password);
    }

  secret = export (fixture, dir, "secret.csv", TRUE);
  g_assert_true (g_str_has_prefix (secret,
                                   "email,first_name,last_name,domain,provider,created,cancelled,password\r\n"));
  for (guint i = 0; i < accounts->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (accounts, i);

      if (account->password != NULL && *account->password != '\0')
        g_assert_nonnull (strstr (secret, account->password));
    }

  {
    g_autofree char *p1 = g_build_filename (dir, "plain.csv", NULL);
    g_autofree char *p2 = g_build_filename (dir, "secret.csv", NULL);

    g_unlink (p1);
    g_unlink (p2);
    g_rmdir (dir);
  }
}

static void
test_show_passwords (Fixture       *fixture,
                     gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GPtrArray *shown;

  mr_sim_server_add_ordered_domain (fixture->sim, "acme-outreach.com", 1, 2);
  show_view (fixture, 800, 600, 50);
  wait_idle (fixture);

  /* asking is not enough: it needs a confirmation */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "orders.show-passwords", NULL);
  g_assert_false (mr_orders_view_get_show_passwords (fixture->view));
  dialog = mr_orders_view_get_dialog (fixture->view);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_false (mr_orders_view_get_show_passwords (fixture->view));

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "orders.show-passwords", NULL);
  dialog = mr_orders_view_get_dialog (fixture->view);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "show");
  g_assert_true (mr_orders_view_get_show_passwords (fixture->view));
  wait_idle (fixture);

  shown = mr_orders_view_get_accounts (fixture->view);
  g_assert_cmpuint (shown->len, ==, 2);
  for (guint i = 0; i < shown->len; i++)
    g_assert_nonnull (((MrOrderedAccount *) g_ptr_array_index (shown, i))->password);
  mr_orders_view_set_visible_page (fixture->view, "mailboxes");
  mr_ui_screenshot (GTK_WIDGET (fixture->window), "orders-11-passwords.png");

  /* hiding needs no confirmation and forgets them */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "orders.show-passwords", NULL);
  g_assert_false (mr_orders_view_get_show_passwords (fixture->view));
  shown = mr_orders_view_get_accounts (fixture->view);
  for (guint i = 0; i < shown->len; i++)
    g_assert_null (((MrOrderedAccount *) g_ptr_array_index (shown, i))->password);
}

static void
extra_accounts_cb (MrOrdersView *view,
                   const char   *domain,
                   int           provider,
                   GString      *out)
{
  g_string_append_printf (out, "%s:%d;", domain, provider);
}

static void
test_extra_accounts (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) requested = g_string_new (NULL);

  mr_sim_server_add_ordered_domain (fixture->sim, "acme-outreach.com", 2, 2);
  show_view (fixture, 800, 600, 50);
  g_signal_connect (fixture->view, "extra-accounts-requested",
                    G_CALLBACK (extra_accounts_cb), requested);
  wait_idle (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "orders.order-more", "s",
                              "acme-outreach.com");
  g_assert_cmpstr (requested->str, ==, "acme-outreach.com:2;");
}

static void
test_placed_order_appears (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = mr_order_item_new ("mailroom-test-fresh.com");
  g_autoptr(MrAccount) account = mr_account_new ("Ada", "Lovelace", "ada");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shown = NULL;

  mr_sim_server_add_ordered_domain (fixture->sim, "older-order.com", 1, 1);
  show_view (fixture, 800, 600, 50);
  wait_idle (fixture);
  g_assert_cmpuint (mr_orders_view_get_n_loaded_orders (fixture->view), ==, 1);

  mr_order_item_append_account (item, account);
  mr_order_append_item (order, item);
  mr_api_client_place_order_async (fixture->client, order, NULL,
                                   mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, WAIT_MS);
  quote = mr_api_client_place_order_finish (fixture->client, result, &error);
  g_assert_no_error (error);

  mr_orders_view_reload (fixture->view);
  wait_idle (fixture);

  shown = shown_domains (fixture->view);
  g_assert_cmpuint (shown->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (shown, "mailroom-test-fresh.com",
                                                   g_str_equal, NULL));
  g_assert_true (find_account (mr_orders_view_get_accounts (fixture->view),
                               "ada@mailroom-test-fresh.com") != NULL);
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) groups = NULL;
  guint n_shown = 0;

  mr_sim_server_add_ordered_domain (fixture->sim, "a-rather-long-domain-name-example.com", 1, 3);
  mr_sim_server_add_ordered_domain (fixture->sim, "getacme.org", 1, 2);

  show_view (fixture, 360, 640, 50);
  wait_idle (fixture);
  mr_ui_screenshot (GTK_WIDGET (fixture->window), "orders-09-narrow.png");

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "orders.view-mailboxes", "s",
                              "getacme.org");
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "orders.select-domain", "s",
                              "getacme.org");

  /* an order's mailboxes, and only those */
  groups = mr_ui_find_all (GTK_WIDGET (fixture->view), ADW_TYPE_PREFERENCES_GROUP);
  for (guint i = 0; i < groups->len; i++)
    {
      AdwPreferencesGroup *group = g_ptr_array_index (groups, i);
      const char *title = adw_preferences_group_get_title (group);

      if (g_strcmp0 (title, "getacme.org") == 0)
        {
          g_assert_true (gtk_widget_is_visible (GTK_WIDGET (group)));
          n_shown++;
        }
      else if (g_strcmp0 (title, "a-rather-long-domain-name-example.com") == 0)
        g_assert_false (gtk_widget_is_visible (GTK_WIDGET (group)));
    }
  g_assert_cmpuint (n_shown, ==, 1);
  mr_ui_screenshot (GTK_WIDGET (fixture->window), "orders-10-narrow-mailboxes.png");
}

/* The label showing @text under @root, mapped, or NULL */
static GtkLabel *
shown_label (GtkWidget  *root,
             const char *text)
{
  g_autoptr(GPtrArray) labels = mr_ui_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (label)) &&
          g_strcmp0 (gtk_label_get_text (label), text) == 0)
        return label;
    }
  return NULL;
}

/* A long domain in a 360 px window, and with projector text (text scaling
 * 2) in a 560 px one: its order reads whole, never "a-rather…example.com" */
static void
test_narrow_whole_names (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *domain = "a-rather-long-domain-name-example.com";
  GtkLabel *label;

  mr_sim_server_add_ordered_domain (fixture->sim, domain, 1, 3);
  mr_sim_server_add_ordered_domain (fixture->sim, "getacme.org", 1, 2);

  show_view (fixture, 360, 640, 50);
  wait_idle (fixture);
  label = shown_label (GTK_WIDGET (fixture->view), domain);
  g_assert_nonnull (label);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));

  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", 2 * 96 * 1024, NULL);
  gtk_window_set_default_size (fixture->window, 560, 760);
  mr_ui_wait_drawn (GTK_WIDGET (fixture->view), 3);
  mr_ui_screenshot (GTK_WIDGET (fixture->window), "orders-12-narrow-text-scale-2.png");
  label = shown_label (GTK_WIDGET (fixture->view), domain);
  g_assert_nonnull (label);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", 96 * 1024, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/mr/orders-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("pagination", test_pagination);
  ADD ("filter", test_filter);
  ADD ("empty", test_empty);
  ADD ("error-and-retry", test_error_and_retry);
  ADD ("rate-limit", test_rate_limit);
  ADD ("cancel", test_cancel);
  ADD ("export", test_export);
  ADD ("show-passwords", test_show_passwords);
  ADD ("extra-accounts", test_extra_accounts);
  ADD ("placed-order-appears", test_placed_order_appears);
  ADD ("narrow", test_narrow);
  ADD ("narrow-whole-names", test_narrow_whole_names);

  return g_test_run ();
}
