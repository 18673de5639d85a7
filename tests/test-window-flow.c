/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mr-test-util.h"
#include "mr-ui-test-util.h"
#include "mr-application.h"
#include "mr-domain-row.h"
#include "mr-window-private.h"
#include "mr-pricing-panel.h"
#include "mr-confirm-dialog.h"
#include "mr-orders-view.h"

#define WAIT_MS 15000

static MrApplication *the_app;

typedef MrUiWindowFixture Fixture;

/* Pricing, from data/sim-pricing.json */
typedef struct
{
  MrCents domain_per_year;
  MrCents google_per_month;
} Pricing;

static void
load_pricing (Pricing *pricing)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *path = g_getenv ("MR_SIM_PRICING");
  JsonObject *root;

  g_assert_nonnull (path);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (mr_money_from_double (json_object_get_double_member (root, "domain_price_per_year"),
                                       &pricing->domain_per_year));
  g_assert_true (mr_money_from_double (json_object_get_double_member (json_object_get_object_member (root, "account_price_per_month"), "1"),
                                       &pricing->google_per_month));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  mr_ui_window_fixture_set_up (fixture, the_app, "mailroom-window-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mr_ui_window_fixture_tear_down (fixture);
}

/* Helpers that read the window */

static MrDomainRow *
find_row (MrWindow   *window,
          const char *domain)
{
  g_autoptr(GPtrArray) rows = mr_ui_find_all (GTK_WIDGET (window->domain_list), MR_TYPE_DOMAIN_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      MrDomainRow *row = g_ptr_array_index (rows, i);
      MrOrderItem *item = mr_domain_row_get_item (row);

      if (item != NULL && g_strcmp0 (mr_order_item_get_domain (item), domain) == 0)
        return row;
    }

  return NULL;
}

typedef struct
{
  MrWindow   *window;
  const char *domain;
} RowQuery;

static gboolean
row_checked (gpointer data)
{
  RowQuery *query = data;
  MrDomainRow *row = find_row (query->window, query->domain);
  MrDomainStatus status;

  if (row == NULL)
    return FALSE;

  status = mr_domain_row_get_status (row);
  return status != MR_DOMAIN_STATUS_UNKNOWN && status != MR_DOMAIN_STATUS_CHECKING;
}

static MrDomainRow *
wait_row_checked (MrWindow   *window,
                  const char *domain)
{
  RowQuery query = { window, domain };

  mr_test_wait_until (row_checked, &query, WAIT_MS);
  return find_row (window, domain);
}

static gboolean
row_has_suggestions (gpointer data)
{
  RowQuery *query = data;
  MrDomainRow *row = find_row (query->window, query->domain);

  return row != NULL && mr_domain_row_get_suggestion_buttons (row)->len > 0;
}

static gboolean
row_has_problems (gpointer data)
{
  RowQuery *query = data;
  MrDomainRow *row = find_row (query->window, query->domain);
  g_autofree char *text = row ? mr_domain_row_dup_problems_text (row) : NULL;

  return text != NULL;
}

static gboolean
can_place (gpointer data)
{
  MrWindow *window = data;

  return gtk_widget_is_sensitive (window->place_button);
}

static gboolean
quote_settled (gpointer data)
{
  MrWindow *window = data;
  MrQuoteScheduler *scheduler = mr_window_get_scheduler (window);

  return mr_quote_scheduler_get_fresh_quote (scheduler) != NULL;
}

static gboolean
not_placing (gpointer data)
{
  MrWindow *window = data;

  return mr_order_session_get_phase (window->session) != MR_ORDER_PHASE_PLACING;
}

static gboolean
result_settled (gpointer data)
{
  MrWindow *window = data;
  MrResultKind kind;

  /* the result page is made when first shown */
  if (window->result_page == NULL)
    return FALSE;

  kind = mr_result_page_get_kind (window->result_page);
  return mr_order_session_get_phase (window->session) != MR_ORDER_PHASE_PLACING && kind != MR_RESULT_UNKNOWN && kind != MR_RESULT_NONE;
}

static gboolean
orders_loaded (gpointer data)
{
  MrWindow *window = data;
  MrOrdersView *view = MR_ORDERS_VIEW (window->orders_view);

  /* the order just placed is among them */
  return !mr_orders_view_get_busy (view) && mr_orders_view_get_n_loaded_orders (view) > 0;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

static gboolean
is_narrow (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) <= 360;
}

static void
type_domains (MrWindow   *window,
              const char *text)
{
  GtkWidget *entry = mr_ui_find_first (GTK_WIDGET (window->domain_list), GTK_TYPE_ENTRY);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static void
add_mailboxes (MrWindow   *window,
               const char *domain,
               const char *names)
{
  MrOrderItem *item = mr_order_find_item (mr_window_get_order (window), domain, NULL);

  g_assert_nonnull (item);
  g_assert_cmpuint (mr_order_item_add_from_names (item, names), >, 0);
}

static GtkWidget *
open_confirmation (MrWindow *window)
{
  mr_test_wait_until (can_place, window, WAIT_MS);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.place-order", NULL);
  g_assert_nonnull (window->confirm_dialog);
  mr_ui_wait_drawn (GTK_WIDGET (window->confirm_dialog), 2);

  return GTK_WIDGET (window->confirm_dialog);
}

static void
assert_text_contains (GtkWidget  *root,
                      const char *needle)
{
  g_autofree char *text = mr_ui_collect_text (root);

  if (strstr (text, needle) == NULL)
    g_error ("“%s” not shown; the text is:\n%s", needle, text);
}

/* A valid three-domain order, with one taken domain swapped for a suggestion */
static void
build_order (Fixture *fixture,
             char   **out_swapped)
{
  MrWindow *window = fixture->window;
  MrDomainRow *row;
  GPtrArray *buttons;
  RowQuery query = { window, "acme.com" };
  g_autofree char *swapped = NULL;

  type_domains (window, "acme-outreach.com, getacme.org acme.com");
  g_assert_cmpuint (mr_order_get_n_items (mr_window_get_order (window)), ==, 3);

  row = wait_row_checked (window, "acme-outreach.com");
  g_assert_cmpint (mr_domain_row_get_status (row), ==, MR_DOMAIN_STATUS_AVAILABLE);
  g_assert_cmpstr (mr_domain_row_get_status_text (row), ==, "Available");

  row = wait_row_checked (window, "acme.com");
  g_assert_cmpint (mr_domain_row_get_status (row), ==, MR_DOMAIN_STATUS_UNAVAILABLE);
  g_assert_cmpstr (mr_domain_row_get_status_text (row), ==, "Taken");

  /* similar domains, one click swaps */
  mr_test_wait_until (row_has_suggestions, &query, WAIT_MS);
  row = find_row (window, "acme.com");
  buttons = mr_domain_row_get_suggestion_buttons (row);
  g_assert_cmpuint (buttons->len, <=, 4);
  swapped = g_strdup (g_object_get_data (G_OBJECT (g_ptr_array_index (buttons, 0)), "domain"));
  g_signal_emit_by_name (g_ptr_array_index (buttons, 0), "clicked");

  g_assert_null (mr_order_find_item (mr_window_get_order (window), "acme.com", NULL));
  g_assert_nonnull (mr_order_find_item (mr_window_get_order (window), swapped, NULL));
  row = wait_row_checked (window, swapped);
  g_assert_cmpint (mr_domain_row_get_status (row), ==, MR_DOMAIN_STATUS_AVAILABLE);

  add_mailboxes (window, "acme-outreach.com", "Ada Lovelace, Alan Turing");
  add_mailboxes (window, "getacme.org", "Grace Hopper");
  add_mailboxes (window, swapped, "Edsger Dijkstra, Barbara Liskov");

  mr_test_wait_until (can_place, window, WAIT_MS);

  if (out_swapped != NULL)
    *out_swapped = g_steal_pointer (&swapped);
}

static void
test_empty_window (Fixture       *fixture,
                   gconstpointer  data)
{
  MrWindow *window = fixture->window;

  g_assert_cmpuint (mr_order_get_n_items (mr_window_get_order (window)), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (window->place_button));
  g_assert_true (gtk_revealer_get_reveal_child (window->demo_revealer));
  assert_text_contains (GTK_WIDGET (window), "Nothing can be charged");

  mr_ui_screenshot (GTK_WIDGET (window), "01-empty-window.png");
}

static void
test_flow (Fixture       *fixture,
           gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrQuote *quote;
  GtkWidget *dialog;
  g_autofree char *swapped = NULL;
  g_autofree char *due_now = NULL;
  g_autofree char *per_month = NULL;
  g_autofree char *per_year = NULL;
  Pricing pricing;
  MrCents accounts, domains;
  int sidebar_width;

  /* the sidebar keeps its width from "Nothing to Price Yet" to the quote */
  mr_ui_wait_drawn (GTK_WIDGET (window), 1);
  sidebar_width = gtk_widget_get_width (window->pricing_panel);
  g_assert_cmpint (sidebar_width, >, 0);

  load_pricing (&pricing);
  build_order (fixture, &swapped);

  /* the totals shown are the simulator's pricing */
  quote = mr_quote_scheduler_get_fresh_quote (mr_window_get_scheduler (window));
  g_assert_nonnull (quote);
  g_assert_true (quote->order_is_valid);
  domains = 3 * pricing.domain_per_year;
  accounts = 5 * pricing.google_per_month;
  g_assert_cmpint (quote->total_domains_price_per_year, ==, domains);
  g_assert_cmpint (quote->total_accounts_price_per_month, ==, accounts);
  g_assert_cmpint (quote->total_price, ==, domains + accounts);

  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  due_now = mr_money_format (domains + accounts);
  per_month = mr_money_format (accounts);
  per_year = mr_money_format (domains);
  assert_text_contains (window->pricing_panel, due_now);
  assert_text_contains (window->pricing_panel, per_month);
  assert_text_contains (window->pricing_panel, per_year);
  g_assert_cmpint (gtk_widget_get_width (window->pricing_panel), ==, sidebar_width);

  mr_domain_list_select (window->domain_list, 0);
  mr_ui_screenshot (GTK_WIDGET (window), "02-order-with-quote.png");

  /* the confirmation shows what is charged to which card */
  dialog = open_confirmation (window);
  assert_text_contains (dialog, "Visa");
  assert_text_contains (dialog, "4242");
  assert_text_contains (dialog, "Demo Customer");
  assert_text_contains (dialog, due_now);
  mr_ui_screenshot (dialog, "04-confirmation.png");

  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "place");
  mr_test_wait_until (result_settled, window, WAIT_MS);

  g_assert_cmpint (mr_result_page_get_kind (window->result_page), ==, MR_RESULT_PLACED);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "result");
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 1);
  assert_text_contains (GTK_WIDGET (window->result_page), swapped);
  assert_text_contains (GTK_WIDGET (window->result_page), "ada.lovelace@acme-outreach.com");
  mr_ui_screenshot (GTK_WIDGET (window), "05-order-placed.png");

  /* "View in Orders" shows the server's list; its back button returns */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-orders", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->top_stack), ==, "orders");
  g_assert_nonnull (window->orders_view);
  mr_test_wait_until (orders_loaded, window, WAIT_MS);
  g_signal_emit_by_name (window->orders_view, "back-requested");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->top_stack), ==, "ordering");

  /* placed: the order starts afresh, nothing left to send again */
  g_assert_cmpuint (mr_order_get_n_items (mr_window_get_order (window)), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-order", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "order");
  mr_ui_wait_frames (500);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 1);
}

static void
test_invalid_account (Fixture       *fixture,
                      gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrOrder *order = mr_window_get_order (window);
  g_autoptr(MrOrderItem) item = NULL;
  g_autofree char *problems = NULL;
  RowQuery query = { window, "ours-already.com" };
  MrQuote *quote;
  int sidebar_width;

  mr_ui_wait_drawn (GTK_WIDGET (window), 1);
  sidebar_width = gtk_widget_get_width (window->pricing_panel);

  /* only the server knows user1@ exists already */
  mr_sim_server_add_ordered_domain (fixture->sim, "ours-already.com", 1, 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.order-type", "s", "extra_accounts");
  g_assert_cmpint (mr_order_get_order_type (order), ==, MR_ORDER_TYPE_EXTRA_ACCOUNTS);

  item = mr_order_item_new ("ours-already.com");
  mr_order_item_append_account (item, mr_account_new ("Demo", "User", "user1"));
  mr_order_item_append_account (item, mr_account_new ("New", "Person", "new.person"));
  mr_order_append_item (order, item);
  mr_domain_list_select (window->domain_list, 0);

  mr_test_wait_until (quote_settled, window, WAIT_MS);
  quote = mr_quote_scheduler_get_fresh_quote (mr_window_get_scheduler (window));
  g_assert_false (quote->order_is_valid);
  g_assert_cmpuint (quote->invalid_accounts->len, ==, 1);

  mr_test_wait_until (row_has_problems, &query, WAIT_MS);
  problems = mr_domain_row_dup_problems_text (find_row (window, "ours-already.com"));
  g_assert_nonnull (strstr (problems, "user1"));
  g_assert_false (gtk_widget_is_sensitive (window->place_button));

  /* the problems under the quote leave the sidebar as wide as it was */
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_cmpint (gtk_widget_get_width (window->pricing_panel), ==, sidebar_width);
  mr_ui_screenshot (GTK_WIDGET (window), "03-invalid-order.png");
}

static void
test_payment_failure (Fixture       *fixture,
                      gconstpointer  data)
{
  MrWindow *window = fixture->window;
  GtkWidget *dialog;
  guint64 revision;

  build_order (fixture, NULL);
  revision = mr_order_get_revision (mr_window_get_order (window));

  mr_sim_server_set_payment (fixture->sim, MR_SIM_PAYMENT_CARD_EXPIRED);
  dialog = open_confirmation (window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "place");
  mr_test_wait_until (not_placing, window, WAIT_MS);

  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "order");
  g_assert_true (gtk_revealer_get_reveal_child (window->error_revealer));
  g_assert_cmpstr (gtk_label_get_text (window->error_title), ==, "Order Not Placed");
  g_assert_cmpstr (gtk_label_get_text (window->error_label), !=, "");
  g_assert_nonnull (mr_order_session_get_last_reply (window->session));
  g_assert_cmpint (mr_order_session_get_last_reply (window->session)->order_error, ==, MR_ORDER_ERROR_PAYMENT_FAILED);
  g_assert_cmpint (mr_order_session_get_last_reply (window->session)->payment_failure_reason, ==, MR_PAYMENT_FAILURE_CARD_EXPIRED);

  /* nothing of the order is lost */
  g_assert_cmpuint (mr_order_get_n_items (mr_window_get_order (window)), ==, 3);
  g_assert_cmpuint (mr_order_get_n_accounts (mr_window_get_order (window)), ==, 5);
  g_assert_cmpuint (mr_order_get_revision (mr_window_get_order (window)), ==, revision);

  mr_ui_screenshot (GTK_WIDGET (window), "06-payment-failed.png");
}

static void
test_no_plan (Fixture       *fixture,
              gconstpointer  data)
{
  MrWindow *window = fixture->window;
  GtkWidget *dialog;

  build_order (fixture, NULL);

  mr_sim_server_set_has_plan (fixture->sim, FALSE);
  dialog = open_confirmation (window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "place");
  mr_test_wait_until (not_placing, window, WAIT_MS);

  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "order");
  g_assert_true (gtk_revealer_get_reveal_child (window->error_revealer));
  g_assert_cmpstr (gtk_label_get_text (window->error_label), !=, "");
  g_assert_cmpuint (mr_order_get_n_items (mr_window_get_order (window)), ==, 3);
  g_assert_cmpint (mr_order_session_get_outcome (window->session), ==, MR_PLACE_OUTCOME_FAILED);
}

static void
test_dropped_connection (Fixture       *fixture,
                         gconstpointer  data)
{
  MrWindow *window = fixture->window;
  GtkWidget *dialog;
  guint requests_before;
  MrResultKind kind;

  build_order (fixture, NULL);
  dialog = open_confirmation (window);

  requests_before = mr_sim_server_get_n_requests (fixture->sim, "/api/v2/dfy-email-account-orders");
  mr_sim_server_inject_fault (fixture->sim, "/api/v2/dfy-email-account-orders", MR_SIM_FAULT_DROP, 1);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "place");
  mr_test_wait_until (result_settled, window, WAIT_MS);
  mr_ui_wait_frames (1000);

  /* the connection dropped before the server processed the order, so the
   * orders list cannot show it: the window must say so and keep the order */
  kind = mr_result_page_get_kind (window->result_page);
  g_assert_cmpint (kind, ==, MR_RESULT_UNKNOWN_MISSING);
  g_assert_cmpint (mr_order_session_get_outcome (window->session), ==, MR_PLACE_OUTCOME_UNKNOWN_MISSING);
  g_assert_nonnull (strstr (mr_result_page_get_description (window->result_page),
                            "connection was lost"));

  /* the order went out once; the orders list was read (a GET on the
   * same path), nothing was sent again */
  g_assert_cmpuint (mr_sim_server_get_n_requests (fixture->sim, "/api/v2/dfy-email-account-orders"),
                    ==, requests_before + 2);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);
  g_assert_cmpuint (mr_order_get_n_items (mr_window_get_order (window)), ==, 3);

  mr_ui_screenshot (GTK_WIDGET (window), "07-result-unknown.png");
}

/* The dangerous case: the order was placed, then the reply was lost. */
static void
test_dropped_after_placing (Fixture       *fixture,
                            gconstpointer  data)
{
  MrWindow *window = fixture->window;
  GtkWidget *dialog;
  guint requests_before;
  g_autoptr(MrOrder) draft = NULL;
  g_autoptr(GError) error = NULL;

  build_order (fixture, NULL);
  dialog = open_confirmation (window);

  requests_before = mr_sim_server_get_n_requests (fixture->sim, "/api/v2/dfy-email-account-orders");
  mr_sim_server_inject_fault (fixture->sim, "/api/v2/dfy-email-account-orders",
                              MR_SIM_FAULT_DROP_AFTER, 1);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "place");
  /* a click would close it; the response alone does not */
  gtk_window_destroy (GTK_WINDOW (dialog));
  mr_test_wait_until (result_settled, window, WAIT_MS);
  mr_ui_wait_frames (500);

  /* "unknown", then the orders list shows it: found */
  g_assert_cmpint (mr_order_session_get_outcome (window->session), ==, MR_PLACE_OUTCOME_UNKNOWN_FOUND);
  g_assert_cmpint (mr_result_page_get_kind (window->result_page), ==, MR_RESULT_UNKNOWN_FOUND);
  g_assert_cmpstr (mr_result_page_get_title (window->result_page), ==, "Order Placed");
  g_assert_nonnull (strstr (mr_result_page_get_description (window->result_page),
                            "connection was lost"));
  g_assert_nonnull (strstr (mr_result_page_get_description (window->result_page),
                            "orders list shows it"));

  /* one POST that placed it, one GET of the list, nothing resent */
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 1);
  g_assert_cmpuint (mr_sim_server_get_n_requests (fixture->sim, "/api/v2/dfy-email-account-orders"),
                    ==, requests_before + 2);

  /* the order is gone from the window and from the saved draft */
  g_assert_cmpuint (mr_order_get_n_items (mr_window_get_order (window)), ==, 0);
  draft = mr_draft_store_load (fixture->draft_path, &error);
  if (draft != NULL)
    g_assert_cmpuint (mr_order_get_n_items (draft), ==, 0);

  /* and it cannot be placed again */
  g_assert_false (gtk_widget_is_sensitive (window->place_button));
  g_assert_null (window->confirm_dialog);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.place-order", NULL);
  g_assert_null (window->confirm_dialog);
  mr_ui_wait_frames (200);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 1);
}

/* Checkout pages the window "opened", instead of a browser */
static GPtrArray *opened_uris;

static void
record_uri (MrWindow   *self,
            const char *uri)
{
  g_ptr_array_add (opened_uris, g_strdup (uri));
}

/* A checkout reply: the page opens, and the same order cannot be placed
 * again from the window until it is changed. */
static void
test_checkout (Fixture       *fixture,
               gconstpointer  data)
{
  MrWindow *window = fixture->window;
  GtkWidget *dialog;
  GtkWidget *again;
  const char *url;
  g_autofree char *prefix = NULL;

  g_clear_pointer (&opened_uris, g_ptr_array_unref);
  opened_uris = g_ptr_array_new_with_free_func (g_free);
  window->show_uri = record_uri;
  mr_sim_server_set_checkout_required (fixture->sim, TRUE);

  build_order (fixture, NULL);
  dialog = open_confirmation (window);
  g_assert_false (mr_confirm_dialog_get_previous_attempt_unknown (MR_CONFIRM_DIALOG (dialog)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "place");
  gtk_window_destroy (GTK_WINDOW (dialog));
  mr_test_wait_until (result_settled, window, WAIT_MS);

  g_assert_cmpint (mr_result_page_get_kind (window->result_page), ==, MR_RESULT_CHECKOUT);
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);
  g_assert_cmpuint (opened_uris->len, ==, 1);
  url = g_ptr_array_index (opened_uris, 0);
  prefix = g_strconcat (mr_sim_server_get_url (fixture->sim), "/checkout/", NULL);
  g_assert_true (g_str_has_prefix (url, prefix));
  g_assert_cmpstr (mr_result_page_get_checkout_url (window->result_page), ==, url);

  /* "Open Checkout Again" opens the same page */
  again = mr_ui_find_button (GTK_WIDGET (window->result_page), "Open Checkout _Again");
  g_assert_nonnull (again);
  g_assert_true (gtk_widget_get_visible (again));
  g_signal_emit_by_name (again, "clicked");
  g_assert_cmpuint (opened_uris->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (opened_uris, 1), ==, url);

  /* back at the order, still whole, it cannot be placed a second time */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back-to-order", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "order");
  g_assert_cmpuint (mr_order_get_n_items (mr_window_get_order (window)), ==, 3);
  mr_ui_wait_frames (200);
  g_assert_false (gtk_widget_is_sensitive (window->place_button));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.place-order", NULL);
  g_assert_null (window->confirm_dialog);

  /* a new order, undone, brings the checkout order back still blocked */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-order", NULL);
  g_assert_false (mr_order_session_get_checkout_blocks (window->session));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (mr_order_get_n_items (mr_window_get_order (window)), ==, 3);
  mr_ui_wait_frames (200);
  g_assert_false (gtk_widget_is_sensitive (window->place_button));

  /* a changed order is a new decision */
  add_mailboxes (window, "getacme.org", "Linus Torvalds");
  mr_test_wait_until (can_place, window, WAIT_MS);
  g_assert_true (gtk_widget_is_sensitive (window->place_button));
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);

  window->show_uri = NULL;
  g_clear_pointer (&opened_uris, g_ptr_array_unref);
}

/* Only https://, or http:// on loopback, is handed to the browser */
static void
test_checkout_url_checked (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct {
    const char *url;
    gboolean    safe;
  } urls[] = {
    { "https://checkout.stripe.com/c/pay/example", TRUE },
    { "HTTPS://checkout.example.com/c/1", TRUE },
    { "http://127.0.0.1:8080/checkout/1", TRUE },
    { "http://localhost/checkout/1", TRUE },
    { "http://[::1]:3000/checkout/1", TRUE },
    { "http://checkout.example.com/c/1", FALSE },
    { "http://127.0.0.1.example.com/c/1", FALSE },
    { "file:///etc/passwd", FALSE },
    { "javascript:alert(1)", FALSE },
    { "ftp://checkout.example.com/c/1", FALSE },
    { "mailto:pay@example.com", FALSE },
    { "https:///c/1", FALSE },
    { "checkout.example.com/c/1", FALSE },
    { "", FALSE },
  };
  static const char * const rejected[] = { "file:///etc/passwd", "http://checkout.example.com/c/1" };
  MrWindow *window = fixture->window;

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      if (mr_checkout_url_is_safe (urls[i].url) != urls[i].safe)
        g_error ("“%s” should be %s", urls[i].url, urls[i].safe ? "safe" : "refused");
    }
  g_assert_false (mr_checkout_url_is_safe (NULL));

  g_clear_pointer (&opened_uris, g_ptr_array_unref);
  opened_uris = g_ptr_array_new_with_free_func (g_free);
  window->show_uri = record_uri;

  build_order (fixture, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      GtkWidget *dialog = open_confirmation (window);

      /* as if the quote had named this page */
      window->confirm_quote->checkout_required = TRUE;
      g_free (window->confirm_quote->checkout_url);
      window->confirm_quote->checkout_url = g_strdup (rejected[i]);
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "checkout");
      gtk_window_destroy (GTK_WINDOW (dialog));
      mr_ui_wait_frames (20);

      /* nothing opened, said in words, the order untouched */
      g_assert_cmpuint (opened_uris->len, ==, 0);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "order");
      g_assert_true (gtk_revealer_get_reveal_child (window->error_revealer));
      g_assert_cmpstr (gtk_label_get_text (window->error_title), ==, "Checkout Not Opened");
      g_assert_nonnull (strstr (gtk_label_get_text (window->error_label), "not a secure web page"));
      g_assert_false (mr_order_session_get_checkout_blocks (window->session));

      gtk_widget_activate_action (GTK_WIDGET (window), "win.dismiss-error", NULL);
    }

  /* the Open Checkout Again action checks too */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-checkout", "s", "file:///etc/passwd");
  g_assert_cmpuint (opened_uris->len, ==, 0);
  g_assert_true (gtk_revealer_get_reveal_child (window->error_revealer));
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);

  window->show_uri = NULL;
  g_clear_pointer (&opened_uris, g_ptr_array_unref);
}

/* After "unknown", placing again is allowed, with a warning */
static void
test_unknown_then_again (Fixture       *fixture,
                         gconstpointer  data)
{
  MrWindow *window = fixture->window;
  GtkWidget *dialog;

  build_order (fixture, NULL);
  dialog = open_confirmation (window);
  g_assert_false (mr_confirm_dialog_get_previous_attempt_unknown (MR_CONFIRM_DIALOG (dialog)));
  mr_sim_server_inject_fault (fixture->sim, "/api/v2/dfy-email-account-orders", MR_SIM_FAULT_DROP, 1);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "place");
  gtk_window_destroy (GTK_WINDOW (dialog));
  mr_test_wait_until (result_settled, window, WAIT_MS);
  g_assert_cmpint (mr_result_page_get_kind (window->result_page), ==, MR_RESULT_UNKNOWN_MISSING);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back-to-order", NULL);
  dialog = open_confirmation (window);
  g_assert_true (mr_confirm_dialog_get_previous_attempt_unknown (MR_CONFIRM_DIALOG (dialog)));
  assert_text_contains (dialog, "A previous attempt to place this order may have gone through. "
                                "Check Orders before placing it again.");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  mr_ui_wait_frames (20);

  /* a change to the order does not make the earlier attempt go away */
  add_mailboxes (window, "getacme.org", "Linus Torvalds");
  mr_test_wait_until (quote_settled, window, WAIT_MS);
  dialog = open_confirmation (window);
  g_assert_true (mr_confirm_dialog_get_previous_attempt_unknown (MR_CONFIRM_DIALOG (dialog)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  mr_ui_wait_frames (20);

  /* a new order does; undoing it brings the warning back */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-order", NULL);
  g_assert_false (mr_order_session_get_attempt_unknown (window->session));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_true (mr_order_session_get_attempt_unknown (window->session));
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (fixture->sim), ==, 0);
}

static void
test_draft_restart (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MrOrder) before = NULL;
  MrOrder *after;

  type_domains (fixture->window, "acme-outreach.com getacme.org");
  add_mailboxes (fixture->window, "getacme.org", "Grace Hopper, Ada Lovelace");
  mr_order_item_set_forwarding_domain (mr_order_get_item (mr_window_get_order (fixture->window), 1),
                                       "acme.com");
  mr_order_item_set_email_provider (mr_order_get_item (mr_window_get_order (fixture->window), 0),
                                    MR_EMAIL_PROVIDER_AIRMAIL);
  before = mr_order_copy (mr_window_get_order (fixture->window));

  /* saved without being asked, shortly after the edits */
  mr_test_wait_until (file_exists, fixture->draft_path, WAIT_MS);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  mr_ui_wait_frames (100);
  fixture->window = mr_ui_open_window (fixture->app);

  after = mr_window_get_order (fixture->window);
  g_assert_cmpint (mr_order_get_order_type (after), ==, mr_order_get_order_type (before));
  g_assert_cmpuint (mr_order_get_n_items (after), ==, mr_order_get_n_items (before));
  for (guint i = 0; i < mr_order_get_n_items (before); i++)
    {
      MrOrderItem *a = mr_order_get_item (before, i);
      MrOrderItem *b = mr_order_get_item (after, i);

      g_assert_cmpstr (mr_order_item_get_domain (a), ==, mr_order_item_get_domain (b));
      g_assert_cmpint (mr_order_item_get_email_provider (a), ==, mr_order_item_get_email_provider (b));
      g_assert_cmpstr (mr_order_item_get_forwarding_domain (a), ==, mr_order_item_get_forwarding_domain (b));
      g_assert_cmpuint (mr_order_item_get_n_accounts (a), ==, mr_order_item_get_n_accounts (b));
      for (guint j = 0; j < mr_order_item_get_n_accounts (a); j++)
        {
          MrAccount *x = mr_order_item_get_account (a, j);
          MrAccount *y = mr_order_item_get_account (b, j);

          g_assert_cmpstr (mr_account_get_first_name (x), ==, mr_account_get_first_name (y));
          g_assert_cmpstr (mr_account_get_last_name (x), ==, mr_account_get_last_name (y));
          g_assert_cmpstr (mr_account_get_email_address_prefix (x), ==,
                           mr_account_get_email_address_prefix (y));
        }
    }

  /* Ctrl+N empties it, with an undo that brings it back exactly */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-order", NULL);
  g_assert_cmpuint (mr_order_get_n_items (after), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_cmpuint (mr_order_get_n_items (after), ==, 2);
  g_assert_cmpuint (mr_order_get_n_accounts (after), ==, 2);
}

static void
test_large_order (Fixture       *fixture,
                  gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrOrder *order = mr_window_get_order (window);
  g_autoptr(GString) text = g_string_new (NULL);
  GListModel *excluded;
  MrQuote *quote;

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "bulk-outreach-%04u.com\n", i);
  type_domains (window, text->str);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 1000);

  for (guint i = 0; i < 1000; i++)
    g_assert_cmpuint (mr_order_item_add_from_names (mr_order_get_item (order, i),
                                                    "Ada Lovelace, Alan Turing, Grace Hopper, "
                                                    "Edsger Dijkstra, Barbara Liskov"), ==, 5);
  g_assert_cmpuint (mr_order_get_n_accounts (order), ==, 5000);

  /* edit in the middle, remove one through the list, undo */
  mr_order_item_set_domain (mr_order_get_item (order, 500), "bulk-edited.com");
  g_assert_nonnull (mr_order_find_item (order, "bulk-edited.com", NULL));
  mr_domain_list_select (window->domain_list, 10);
  gtk_widget_activate_action (mr_domain_list_get_list_view (window->domain_list),
                              "list.remove-selected", NULL);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 999);
  g_assert_null (mr_order_find_item (order, "bulk-outreach-0010.com", NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 1000);
  g_assert_cmpstr (mr_order_item_get_domain (mr_order_get_item (order, 10)), ==,
                   "bulk-outreach-0010.com");

  /* the quote for the whole order arrives and adds up */
  mr_test_wait_until (quote_settled, window, 60000);
  quote = mr_quote_scheduler_get_fresh_quote (mr_window_get_scheduler (window));
  /* the simulator has some of these names taken: they are left out, and
   * every one of the others is quoted */
  excluded = mr_order_session_get_excluded (window->session);
  for (guint i = 0; i < g_list_model_get_n_items (excluded); i++)
    {
      g_autoptr(MrProblem) reason = g_list_model_get_item (excluded, i);

      g_assert_cmpint (reason->kind, ==, MR_PROBLEM_DOMAIN_UNAVAILABLE);
      g_assert_cmpint (reason->severity, ==, MR_PROBLEM_WARNING);
    }
  g_assert_cmpint (quote->number_of_domains_ordered, ==, 1000 - g_list_model_get_n_items (excluded));
  g_assert_cmpint (quote->number_of_accounts_ordered, ==,
                   5 * (1000 - g_list_model_get_n_items (excluded)));

  /* the draft holds all of it */
  mr_window_flush_draft (window);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MrOrder) draft = mr_draft_store_load (fixture->draft_path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (mr_order_get_n_items (draft), ==, 1000);
    g_assert_cmpuint (mr_order_get_n_accounts (draft), ==, 5000);
  }
}

static gboolean
prewarmed_loaded (gpointer data)
{
  MrWindow *window = data;

  return mr_prewarmed_page_get_n_results (window->prewarmed_page) > 0;
}

static void
test_prewarmed (Fixture       *fixture,
                gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrOrder *order = mr_window_get_order (window);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *add;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.order-type", "s", "pre_warmed_up");
  g_assert_cmpint (mr_order_get_order_type (order), ==, MR_ORDER_TYPE_PRE_WARMED_UP);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->adder_stack), ==, "pre_warmed_up");
  mr_test_wait_until (prewarmed_loaded, window, WAIT_MS);

  /* the first row's add button puts the domain in the order, once */
  rows = mr_ui_find_all (GTK_WIDGET (window->prewarmed_page), ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, >, 0);
  add = mr_ui_find_first (g_ptr_array_index (rows, 0), GTK_TYPE_BUTTON);
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (add));
  g_signal_emit_by_name (add, "clicked");
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 1);

  mr_domain_list_select (window->domain_list, 0);
  mr_ui_screenshot (GTK_WIDGET (window), "10-pre-warmed.png");
}

static void
test_narrow_and_dark (Fixture       *fixture,
                      gconstpointer  data)
{
  MrWindow *window = fixture->window;
  AdwStyleManager *style = adw_style_manager_get_default ();

  build_order (fixture, NULL);
  mr_domain_list_select (window->domain_list, 0);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  mr_ui_screenshot (GTK_WIDGET (window), "09-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  mr_test_wait_until (is_narrow, window, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  g_assert_true (adw_flap_get_folded (window->flap));
  g_assert_true (gtk_revealer_get_reveal_child (window->summary_revealer));
  mr_ui_screenshot (GTK_WIDGET (window), "08-narrow-list.png");

  /* choosing a domain slides to its editor, back returns */
  g_signal_emit_by_name (window->domain_list, "item-activated",
                         mr_order_get_item (mr_window_get_order (window), 0));
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->editor_pane);
  g_assert_true (gtk_widget_get_visible (window->editor_header));
  mr_ui_screenshot (GTK_WIDGET (window), "08-narrow-editor.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-domains", NULL);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->list_pane);
}

static gboolean
quote_failed (gpointer data)
{
  MrWindow *window = data;
  MrQuoteScheduler *scheduler = mr_window_get_scheduler (window);

  return scheduler != NULL && mr_quote_scheduler_get_state (scheduler) == MR_QUOTE_STATE_ERROR;
}

static gboolean
is_wide (gpointer data)
{
  MrWindow *window = data;

  return !adw_leaflet_get_folded (window->leaflet) && gtk_widget_get_width (GTK_WIDGET (window)) >= 1100;
}

/* A key kept for this session while offline, then demo mode again: the
 * window must follow its width and unfold at 1180 px */
static void
test_fold_after_offline (Fixture       *fixture,
                         gconstpointer  data)
{
  MrWindow *window = fixture->window;
  g_autoptr(MrSimServer) gone = mr_test_sim_new ();
  g_autoptr(MrApiClient) offline = mr_test_client_new (gone, NULL);

  mr_sim_server_disconnect (gone);
  type_domains (window, "acme-outreach.com, getacme.org");
  add_mailboxes (window, "acme-outreach.com", "Ada Lovelace");

  mr_application_set_client (fixture->app, offline, FALSE);
  mr_test_wait_until (quote_failed, window, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  mr_ui_screenshot (GTK_WIDGET (window), "10-offline.png");

  mr_application_set_client (fixture->app, fixture->client, TRUE);
  mr_ui_wait_drawn (GTK_WIDGET (window), 4);
  mr_test_wait_until (is_wide, window, WAIT_MS);
  g_assert_false (adw_leaflet_get_folded (window->leaflet));
  g_assert_false (adw_flap_get_folded (window->flap));
  mr_ui_screenshot (GTK_WIDGET (window), "11-demo-again-wide.png");

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  mr_test_wait_until (is_narrow, window, WAIT_MS);
  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  mr_test_wait_until (is_wide, window, WAIT_MS);
  g_assert_false (adw_leaflet_get_folded (window->leaflet));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  the_app = mr_ui_test_init (&argc, &argv);

/* two groups, each run by its own meson test (tests/meson.build) so each
 * has its own timeout under ASan on a loaded machine */
#define ADD(group, path, func) \
  g_test_add ("/mr/window/" group "/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("placing", "empty", test_empty_window);
  ADD ("placing", "flow", test_flow);
  ADD ("placing", "invalid-account", test_invalid_account);
  ADD ("placing", "payment-failure", test_payment_failure);
  ADD ("placing", "no-plan", test_no_plan);
  ADD ("placing", "dropped-connection", test_dropped_connection);
  ADD ("placing", "dropped-after-placing", test_dropped_after_placing);
  ADD ("placing", "unknown-then-again", test_unknown_then_again);
  ADD ("placing", "checkout", test_checkout);
  ADD ("placing", "checkout-url-checked", test_checkout_url_checked);
  ADD ("placing", "draft-restart", test_draft_restart);
  ADD ("large-and-layout", "large-order", test_large_order);
  ADD ("large-and-layout", "pre-warmed", test_prewarmed);
  ADD ("large-and-layout", "fold-after-offline", test_fold_after_offline);
  ADD ("large-and-layout", "narrow-and-dark", test_narrow_and_dark);

  ret = g_test_run ();
  g_clear_object (&the_app);

  return ret;
}
