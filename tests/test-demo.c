/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "mr-application.h"
#include "mr-compare-window.h"
#include "mr-demo-actions.h"
#include "mr-demo-pricing-window.h"
#include "mr-demo-state.h"
#include "mr-presentation-window.h"
#include "mr-quote-export.h"
#include "mr-quote-view.h"
#include "mr-test-util.h"
#include "mr-ui-test-util.h"
#include "mr-window.h"

/* Demoing pricing, end to end against the app's own demo simulator: the
 * demo price controls re-price the open order and what is on screen adds
 * up; compare; PDF, CSV and clipboard; demo state that lasts. */

static MrApplication *the_app;

typedef struct
{
  char        *tmpdir;
  char        *draft_path;
  MrWindow    *window;
} Fixture;

static void
restart_demo (MrApplication *app)
{
  /* a real-mode client ends the demo simulator; demo mode starts a new one */
  mr_application_set_client (app, NULL, FALSE);
  g_assert_null (mr_application_get_sim (app));
  g_settings_set_boolean (mr_application_get_settings (app), "demo-mode", TRUE);
  mr_application_reload_client (app);
  g_assert_nonnull (mr_application_get_sim (app));
  g_assert_true (mr_application_get_demo_mode (app));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("mailroom-demo-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->draft_path = g_build_filename (fixture->tmpdir, "draft.json", NULL);
  g_setenv ("MR_DRAFT_PATH", fixture->draft_path, TRUE);
  g_setenv ("MR_DEMO_STATE_DIR", fixture->tmpdir, TRUE);
  g_unsetenv ("MR_DEMO_STATE");

  restart_demo (the_app);

  fixture->window = mr_window_new (the_app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1180, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  mr_ui_wait_drawn (GTK_WIDGET (fixture->window), 2);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (the_app));

  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (the_app));
    }
  mr_ui_wait_frames (50);

  mr_application_set_client (the_app, NULL, FALSE);
  g_setenv ("MR_DEMO_STATE", "memory", TRUE);
  g_unsetenv ("MR_DEMO_STATE_DIR");
  remove_tree (fixture->tmpdir);
  g_free (fixture->draft_path);
  g_free (fixture->tmpdir);
}

/* Helpers */

/* the app's simulator runs on its own thread: what it holds is read there */
static void
n_requests_cb (MrSimServer *server,
               gpointer     user_data)
{
  gpointer *data = user_data;

  *(guint *) data[1] = mr_sim_server_get_n_requests (server, data[0]);
}

static guint
sim_n_requests (MrSimThread *sim,
                const char  *path)
{
  guint n = 0;
  gpointer data[2] = { (gpointer) path, &n };

  mr_sim_thread_call (sim, n_requests_cb, data);

  return n;
}

/* the app simulator's prices now */
static gint64
sim_google_price (MrApplication *app)
{
  g_autoptr(MrSimPricing) pricing = mr_sim_thread_dup_pricing (mr_application_get_sim (app));

  return pricing->account_per_month[MR_EMAIL_PROVIDER_GOOGLE];
}

static guint
sim_discount_percent (MrApplication *app)
{
  g_autoptr(MrSimPricing) pricing = mr_sim_thread_dup_pricing (mr_application_get_sim (app));

  return pricing->discount_percent;
}

typedef struct
{
  MrQuoteScheduler *scheduler;
  MrQuote          *old;
} QuoteWait;

static gboolean
new_fresh_quote (gpointer data)
{
  QuoteWait *wait = data;
  MrQuote *quote = mr_quote_scheduler_get_fresh_quote (wait->scheduler);

  return quote != NULL && quote != wait->old &&
         mr_quote_scheduler_get_state (wait->scheduler) == MR_QUOTE_STATE_FRESH;
}

/* Runs @change, then waits for a quote other than the current one */
static MrQuote *
wait_new_quote (MrWindow *window,
                MrQuote  *old)
{
  QuoteWait wait = { mr_window_get_scheduler (window), old };

  mr_test_wait_until (new_fresh_quote, &wait, 10000);

  return mr_quote_scheduler_get_quote (wait.scheduler);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
set_control (GtkWidget  *prices,
             const char *name,
             double      value)
{
  GtkWidget *spin = find_named (prices, name);

  g_assert_nonnull (spin);
  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
}

/* "$1,234.50" / "−$3.00" as shown (C locale) to cents; FALSE for other text */
static gboolean
parse_shown_money (const char *text,
                   MrCents    *out)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean negative = g_str_has_prefix (text, "−");
  const char *p = negative ? text + strlen ("−") : text;

  if (*p != '$')
    return FALSE;
  for (p++; *p != '\0'; p++)
    {
      if (*p == ',')
        continue;
      if (!g_ascii_isdigit (*p) && *p != '.')
        return FALSE;
      g_string_append_c (digits, *p);
    }
  if (!mr_money_parse (digits->str, out))
    return FALSE;
  if (negative)
    *out = -*out;

  return TRUE;
}

/* Reads the presentation view as a person would: its amounts in order.
 * The lines, then (with a discount) subtotal, free domains, discount,
 * then due now, per month, per year. Checks lines - discount = due now
 * from the screen, and returns the amounts. */
static GArray *
assert_screen_adds_up (GtkWidget    *view,
                       MrQuoteSheet *sheet)
{
  g_autofree char *text = mr_ui_collect_text (view);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GArray *amounts = g_array_new (FALSE, FALSE, sizeof (MrCents));
  guint n_lines = sheet->summary_lines->len;
  guint n_discounts = (sheet->free_domains_discount != 0) + (sheet->other_discount != 0);
  guint pos;
  MrCents sum = 0, discount = 0, due;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      MrCents cents;

      if (parse_shown_money (lines[i], &cents))
        g_array_append_val (amounts, cents);
    }

  g_assert_cmpuint (amounts->len, ==, n_lines + (sheet->discount != 0 ? 1 + n_discounts : 0) + 3);
  for (pos = 0; pos < n_lines; pos++)
    sum += g_array_index (amounts, MrCents, pos);
  if (sheet->discount != 0)
    {
      g_assert_cmpint (g_array_index (amounts, MrCents, pos), ==, sum);   /* subtotal */
      pos++;
      for (guint i = 0; i < n_discounts; i++, pos++)
        {
          g_assert_cmpint (g_array_index (amounts, MrCents, pos), <, 0);
          discount -= g_array_index (amounts, MrCents, pos);
        }
    }
  due = g_array_index (amounts, MrCents, pos);
  g_assert_cmpint (sum - discount, ==, due);
  g_assert_cmpint (discount, <=, sum);
  g_assert_cmpint (due, ==, sheet->quote->total_price);

  return amounts;
}

static MrQuoteView *
presentation_view (GtkWidget *presentation)
{
  return MR_QUOTE_VIEW (mr_presentation_window_get_view (MR_PRESENTATION_WINDOW (presentation)));
}

static gboolean
view_shows_quote (gpointer data)
{
  MrQuoteView *view = ((gpointer *) data)[0];
  MrQuote *quote = ((gpointer *) data)[1];
  MrQuoteSheet *sheet = mr_quote_view_get_sheet (view);

  return sheet != NULL && sheet->quote == quote;
}

static MrQuoteSheet *
wait_view (GtkWidget *presentation,
           MrQuote   *quote)
{
  gpointer data[2] = { presentation_view (presentation), quote };

  mr_test_wait_until (view_shows_quote, data, 5000);

  return mr_quote_view_get_sheet (data[0]);
}

/* The demo controls re-price the open order; the screen adds up */
static void
test_prices_reprice (Fixture       *fixture,
                     gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrQuote *quote;
  MrQuoteSheet *sheet;
  GtkWidget *prices;
  GtkWidget *presentation;
  g_autoptr(GArray) plain = NULL;
  g_autoptr(GArray) repriced = NULL;
  g_autoptr(GArray) promoted = NULL;
  g_autoptr(GArray) microsoft = NULL;
  g_autofree char *text = NULL;
  g_autofree char *forty_cents = NULL;

  /* plain: 5 domains x 3 Google mailboxes */
  mr_demo_load_sample (window, "google-5x3");
  g_assert_cmpuint (mr_order_get_n_items (mr_window_get_order (window)), ==, 5);
  quote = wait_new_quote (window, NULL);
  g_assert_cmpint (quote->total_price, ==, 5 * 1500 + 15 * 500);

  presentation = mr_presentation_window_new (window);
  gtk_window_present (GTK_WINDOW (presentation));
  sheet = wait_view (presentation, quote);
  plain = assert_screen_adds_up (GTK_WIDGET (presentation_view (presentation)), sheet);

  /* the demo controls: Google mailbox $5 -> $7 */
  g_action_group_activate_action (G_ACTION_GROUP (the_app), "demo-prices", NULL);
  prices = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (the_app)); l; l = l->next)
    if (MR_IS_DEMO_PRICING_WINDOW (l->data))
      prices = l->data;
  g_assert_nonnull (prices);
  mr_ui_wait_drawn (prices, 2);
  {
    gint64 start = g_get_monotonic_time ();

    set_control (prices, "google-price", 7.0);
    quote = wait_new_quote (window, quote);
    g_assert_cmpint (quote->total_accounts_price_per_month, ==, 15 * 700);
    g_assert_cmpint (quote->total_price, ==, 5 * 1500 + 15 * 700);
    sheet = wait_view (presentation, quote);
    g_test_message ("price change to re-priced presentation: %.0f ms",
                    (g_get_monotonic_time () - start) / 1000.0);
  }
  repriced = assert_screen_adds_up (GTK_WIDGET (presentation_view (presentation)), sheet);
  g_assert_cmpint (g_array_index (repriced, MrCents, 1), ==, 15 * 700);

  /* one free domain */
  set_control (prices, "free-domains", 1);
  quote = wait_new_quote (window, quote);
  g_assert_cmpint (quote->total_discount, ==, 1500);
  sheet = wait_view (presentation, quote);
  g_clear_pointer (&promoted, g_array_unref);
  promoted = assert_screen_adds_up (GTK_WIDGET (presentation_view (presentation)), sheet);

  /* and 20 % off the rest of each domain */
  set_control (prices, "discount-percent", 20);
  quote = wait_new_quote (window, quote);
  /* the free domain's mailboxes: 3 x $7 = $21, 20 % = $4.20; four more
   * domains: $15 + $21 = $36 each, 20 % = $7.20 */
  g_assert_cmpint (quote->total_discount, ==, 1500 + 420 + 4 * 720);
  g_assert_cmpint (quote->total_price, ==, 5 * 1500 + 15 * 700 - (1500 + 420 + 4 * 720));
  sheet = wait_view (presentation, quote);
  g_clear_pointer (&promoted, g_array_unref);
  promoted = assert_screen_adds_up (GTK_WIDGET (presentation_view (presentation)), sheet);
  mr_ui_screenshot (prices, "demo-prices.png");
  gtk_window_set_default_size (GTK_WINDOW (presentation), 1024, 768);
  mr_ui_screenshot (presentation, "presentation-discount.png");
  mr_ui_screenshot (GTK_WIDGET (window), "demo-window-promotion.png");

  /* Microsoft 10 x 50: one line of $20 per domain, no per-mailbox price */
  set_control (prices, "free-domains", 0);
  set_control (prices, "discount-percent", 0);
  quote = wait_new_quote (window, quote);
  mr_demo_load_sample (window, "microsoft-10x50");
  quote = wait_new_quote (window, quote);
  g_assert_cmpint (quote->total_accounts_price_per_month, ==, 10 * 2000);
  sheet = wait_view (presentation, quote);
  microsoft = assert_screen_adds_up (GTK_WIDGET (presentation_view (presentation)), sheet);
  g_assert_cmpuint (microsoft->len, ==, 2 + 3);
  g_assert_cmpint (g_array_index (microsoft, MrCents, 1), ==, 10 * 2000);
  text = mr_ui_collect_text (GTK_WIDGET (presentation_view (presentation)));
  forty_cents = mr_money_format (40);
  g_assert_null (strstr (text, forty_cents));
  g_assert_nonnull (strstr (text, "500 Microsoft mailboxes"));
  mr_ui_screenshot (GTK_WIDGET (window), "demo-window-microsoft.png");

  /* presentation: F11 from the ordering window; 1024 x 768, then zoomed */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (the_app), "app.present");

    g_assert_cmpstr (accels[0], ==, "F11");
  }
  gtk_window_set_default_size (GTK_WINDOW (presentation), 1024, 768);
  mr_demo_load_sample (window, "google-5x3");
  quote = wait_new_quote (window, quote);
  wait_view (presentation, quote);
  mr_ui_screenshot (presentation, "presentation-1024x768.png");
  gtk_widget_activate_action (presentation, "presentation.zoom", "i", 1);
  g_assert_cmpfloat (mr_quote_view_get_zoom (presentation_view (presentation)), >, 1.1);
  gtk_widget_activate_action (presentation, "presentation.zoom", "i", 0);
  g_assert_cmpfloat (mr_quote_view_get_zoom (presentation_view (presentation)), ==, 1.0);

  /* reset to the defaults re-prices too */
  g_signal_emit_by_name (find_named (prices, "reset-prices"), "activated");
  quote = wait_new_quote (window, quote);
  g_assert_cmpint (sim_google_price (the_app), ==, 500);
}

/* Compare for 10 x 3: each column equals a plain quote for the provider */
static void
test_compare (Fixture       *fixture,
              gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrApiClient *client = mr_application_get_client (the_app);
  g_autoptr(MrOrder) sample = mr_demo_make_sample (mr_application_get_sim (the_app),
                                                   MR_EMAIL_PROVIDER_GOOGLE, 10, 3);
  MrCompareWindow *compare;
  GPtrArray *columns;

  mr_order_assign (mr_window_get_order (window), sample);
  {
    gint64 start = g_get_monotonic_time ();

    compare = MR_COMPARE_WINDOW (mr_compare_window_new (window));
    gtk_window_present (GTK_WINDOW (compare));
    while (mr_compare_window_get_running (compare))
      g_main_context_iteration (NULL, TRUE);
    g_test_message ("compare 10 x 3 (4 quotes and the inventory): %.0f ms",
                    (g_get_monotonic_time () - start) / 1000.0);
  }
  columns = mr_compare_window_get_columns (compare);
  g_assert_nonnull (columns);

  for (guint k = MR_COMPARE_GOOGLE; k <= MR_COMPARE_MICROSOFT; k++)
    {
      MrCompareColumn *column = g_ptr_array_index (columns, k);
      g_autoptr(MrOrder) plain = mr_order_copy (sample);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(MrQuote) quote = NULL;
      g_autofree char *due = NULL;
      g_autofree char *month = NULL;
      guint n = k == MR_COMPARE_MICROSOFT ? 50 : 3;

      for (guint i = 0; i < mr_order_get_n_items (plain); i++)
        {
          MrOrderItem *item = mr_order_get_item (plain, i);

          mr_order_item_set_email_provider (item, column->provider);
          for (guint j = mr_order_item_get_n_accounts (item); j < n; j++)
            {
              g_autofree char *prefix = g_strdup_printf ("plain%u", j);
              g_autoptr(MrAccount) account = mr_account_new ("Plain", "Quote", prefix);

              mr_order_item_append_account (item, account);
            }
        }
      mr_api_client_simulate_order_async (client, plain, NULL, mr_test_store_result_cb, &result);
      mr_test_wait_result (&result, 10000);
      quote = mr_api_client_simulate_order_finish (client, result, &error);
      g_assert_no_error (error);

      g_assert_cmpint (column->due_now, ==, quote->total_price);
      g_assert_cmpint (column->per_month, ==, quote->total_price_per_month);
      g_assert_cmpuint (column->emails_per_day, ==, 10 * n * 30);
      due = mr_money_format (quote->total_price);
      month = mr_money_format (quote->total_price_per_month);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mr_compare_window_get_cell (compare, MR_COMPARE_ROW_DUE_NOW, k))),
                       ==, due);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mr_compare_window_get_cell (compare, MR_COMPARE_ROW_PER_MONTH, k))),
                       ==, month);
    }
  g_assert_nonnull (((MrCompareColumn *) g_ptr_array_index (columns, MR_COMPARE_PRE_WARMED))->quote);

  /* the assumption: 60 emails a day doubles the capacity */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_named (GTK_WIDGET (compare), "emails-per-day")), 60);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mr_compare_window_get_cell (compare, MR_COMPARE_ROW_CAPACITY,
                                                                               MR_COMPARE_GOOGLE))),
                   ==, "1800");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_named (GTK_WIDGET (compare), "emails-per-day")), 30);
  gtk_window_set_default_size (GTK_WINDOW (compare), 1000, 700);
  mr_ui_screenshot (GTK_WIDGET (compare), "compare.png");

  /* picking Microsoft switches the order */
  mr_compare_window_pick (compare, MR_COMPARE_MICROSOFT);
  for (guint i = 0; i < mr_order_get_n_items (mr_window_get_order (window)); i++)
    g_assert_cmpint (mr_order_item_get_email_provider (mr_order_get_item (mr_window_get_order (window), i)),
                     ==, MR_EMAIL_PROVIDER_MICROSOFT);
  gtk_window_destroy (GTK_WINDOW (compare));
}

/* "Use Microsoft" for a 50-domain Google order: the order becomes what the
 * column priced (Microsoft, 50 mailboxes on every domain), as one undo
 * step and one quote request, with no mailbox-count problem left. */
static void
test_compare_pick_microsoft (Fixture       *fixture,
                             gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrOrderSession *session = mr_window_get_session (window);
  MrOrder *order = mr_window_get_order (window);
  MrSimThread *sim = mr_application_get_sim (the_app);
  g_autoptr(MrOrder) sample = mr_demo_make_sample (sim, MR_EMAIL_PROVIDER_GOOGLE, 50, 3);
  MrCompareColumn *microsoft;
  MrCompareWindow *compare;
  MrBulkReport *picked;
  MrQuote *quote;
  guint requests;

  g_assert_cmpuint (mr_order_get_n_items (sample), ==, 50);
  mr_order_assign (order, sample);
  mr_order_session_break_undo_group (session);
  quote = wait_new_quote (window, NULL);
  g_assert_cmpuint (mr_order_session_get_n_problems (session), ==, 0);

  compare = MR_COMPARE_WINDOW (mr_compare_window_new (window));
  gtk_window_present (GTK_WINDOW (compare));
  while (mr_compare_window_get_running (compare))
    g_main_context_iteration (NULL, TRUE);
  microsoft = g_ptr_array_index (mr_compare_window_get_columns (compare), MR_COMPARE_MICROSOFT);
  g_assert_nonnull (microsoft->quote);
  g_assert_cmpuint (microsoft->n_mailboxes, ==, 50 * 50);

  requests = sim_n_requests (sim, "/api/v2/dfy-email-account-orders");
  mr_compare_window_pick (compare, MR_COMPARE_MICROSOFT);

  picked = mr_compare_window_get_picked (compare);
  g_assert_cmpuint (picked->n_domains, ==, 50);
  g_assert_cmpuint (picked->n_added, ==, 50 * 47);
  g_assert_cmpuint (picked->skipped->len, ==, 0);
  for (guint i = 0; i < mr_order_get_n_items (order); i++)
    {
      MrOrderItem *item = mr_order_get_item (order, i);

      g_assert_cmpint (mr_order_item_get_email_provider (item), ==, MR_EMAIL_PROVIDER_MICROSOFT);
      g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 50);
    }

  quote = wait_new_quote (window, quote);
  mr_order_session_sync (session);
  g_assert_cmpuint (sim_n_requests (sim, "/api/v2/dfy-email-account-orders") - requests,
                    ==, 1);
  g_assert_cmpuint (mr_order_session_get_n_problems (session), ==, 0);
  g_assert_true (mr_order_session_get_can_place (session));
  g_assert_cmpint (quote->total_price, ==, microsoft->due_now);
  g_assert_cmpint (quote->total_price_per_month, ==, microsoft->per_month);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (mr_compare_window_get_cell (compare, MR_COMPARE_ROW_BUTTON,
                                                                                 MR_COMPARE_MICROSOFT))),
                   ==, "Current");

  mr_ui_screenshot (GTK_WIDGET (compare), "compare-picked-microsoft.png");
  mr_ui_screenshot (GTK_WIDGET (window), "compare-picked-microsoft-order.png");

  /* Google allows 5: back to Google leaves every domain as it is, and says why */
  {
    guint64 revision = mr_order_get_revision (order);
    GtkWidget *dialog = NULL;
    GListModel *toplevels = gtk_window_get_toplevels ();

    mr_compare_window_pick (compare, MR_COMPARE_GOOGLE);
    picked = mr_compare_window_get_picked (compare);
    g_assert_cmpuint (mr_order_get_revision (order), ==, revision);
    g_assert_cmpuint (picked->n_domains, ==, 0);
    g_assert_cmpuint (picked->skipped->len, ==, 50);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.show-left-out", NULL));
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (toplevel))
          dialog = toplevel;
      }
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "50 Left Out");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                              "Google allows at most 5 mailboxes; this domain has 50\n"));
    mr_ui_screenshot (dialog, "compare-left-out.png");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* one step back to the order as it was */
  mr_order_session_undo (session);
  for (guint i = 0; i < mr_order_get_n_items (order); i++)
    {
      MrOrderItem *item = mr_order_get_item (order, i);

      g_assert_cmpint (mr_order_item_get_email_provider (item), ==, MR_EMAIL_PROVIDER_GOOGLE);
      g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 3);
    }
  gtk_window_destroy (GTK_WINDOW (compare));
}

static char *
normalise_ligatures (const char *text)
{
  GString *out = g_string_new (text);

  g_string_replace (out, "ﬁ", "fi", 0);
  g_string_replace (out, "ﬂ", "fl", 0);

  return g_string_free (out, FALSE);
}

static void
assert_has_quote (const char   *text,
                  MrQuoteSheet *sheet)
{
  MrCents totals[] = { sheet->subtotal, sheet->due_now, sheet->per_month, sheet->per_year,
                       -sheet->free_domains_discount, -sheet->other_discount };

  for (guint i = 0; i < sheet->lines->len; i++)
    {
      MrQuoteLine *line = g_ptr_array_index (sheet->lines, i);
      g_autofree char *amount = mr_money_format (line->amount);

      g_assert_nonnull (strstr (text, line->domain));
      g_assert_nonnull (strstr (text, line->label));
      g_assert_nonnull (strstr (text, amount));
    }
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autofree char *amount = mr_money_format (totals[i]);

      /* a discount of nothing is not listed */
      if (totals[i] != 0)
        g_assert_nonnull (strstr (text, amount));
    }
  g_assert_nonnull (strstr (text, "Due now"));
  g_assert_nonnull (strstr (text, "Valid until"));
  g_assert_nonnull (strstr (text, "demo simulator"));
}

/* PDF read back with pdftotext, CSV, and the clipboard */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  MrWindow *window = fixture->window;
  MrSimThread *sim = mr_application_get_sim (the_app);
  g_autoptr(MrSimPricing) pricing = mr_sim_thread_dup_pricing (sim);
  g_autoptr(MrQuoteSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "quote.pdf", NULL);
  g_autofree char *csv = g_build_filename (fixture->tmpdir, "quote.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv_text = NULL;
  g_autofree char *clip = NULL;
  g_autofree char *command = NULL;
  const char *shots = g_getenv ("MR_SCREENSHOT_DIR");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  int status;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils, tools/deps.sh) is not installed");
      return;
    }

  pricing->free_domains = 1;
  pricing->discount_percent = 10;
  mr_sim_thread_set_pricing (sim, pricing);
  mr_demo_load_sample (window, "google-5x3");
  wait_new_quote (window, NULL);
  sheet = mr_demo_get_window_sheet (window);
  g_assert_nonnull (sheet);
  g_assert_cmpint (sheet->free_domains_discount, >, 0);
  g_assert_cmpint (sheet->other_discount, >, 0);

  {
    gint64 start = g_get_monotonic_time ();

    g_assert_true (mr_quote_export_pdf (sheet, pdf, &error));
    g_test_message ("PDF of 50 domains x 5 mailboxes: %.0f ms",
                    (g_get_monotonic_time () - start) / 1000.0);
  }
  g_assert_no_error (error);
  command = g_strdup_printf ("pdftotext -layout -enc UTF-8 '%s' -", pdf);
  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  text = normalise_ligatures (out);
  assert_has_quote (text, sheet);
  g_assert_nonnull (strstr (text, "Quote"));

  if (shots != NULL && pdftoppm != NULL)
    {
      g_autofree char *png = g_build_filename (shots, "quote-pdf", NULL);
      g_autofree char *render = g_strdup_printf ("pdftoppm -png -r 90 -f 1 -l 1 -singlefile '%s' '%s'",
                                                 pdf, png);

      g_mkdir_with_parents (shots, 0755);
      g_assert_true (g_spawn_command_line_sync (render, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }

  g_assert_true (mr_quote_export_csv (sheet, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, &error));
  g_assert_true (g_str_has_prefix (csv_text, "Domain,Item,Details,Quantity"));
  for (guint i = 0; i < sheet->lines->len; i++)
    g_assert_nonnull (strstr (csv_text, ((MrQuoteLine *) g_ptr_array_index (sheet->lines, i))->domain));

  /* the clipboard, as text, then as Markdown, through the app actions */
  g_action_group_activate_action (G_ACTION_GROUP (the_app), "copy-quote-text", NULL);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 5000);
  clip = gdk_clipboard_read_text_finish (gtk_widget_get_clipboard (GTK_WIDGET (window)), result, &error);
  g_assert_no_error (error);
  assert_has_quote (clip, sheet);
  g_clear_pointer (&clip, g_free);
  g_clear_object (&result);

  g_action_group_activate_action (G_ACTION_GROUP (the_app), "copy-quote-markdown", NULL);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 5000);
  clip = gdk_clipboard_read_text_finish (gtk_widget_get_clipboard (GTK_WIDGET (window)), result, &error);
  g_assert_no_error (error);
  assert_has_quote (clip, sheet);
  g_assert_true (g_str_has_prefix (clip, "# "));
}

/* 50 domains x 5: the PDF runs over pages and still holds every line */
static void
test_export_large (Fixture       *fixture,
                   gconstpointer  data)
{
  MrWindow *window = fixture->window;
  g_autoptr(MrQuoteSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "quote-50.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autofree char *page_3 = NULL;
  int status;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils, tools/deps.sh) is not installed");
      return;
    }

  mr_demo_load_sample (window, "google-50x5");
  g_assert_cmpuint (mr_order_get_n_items (mr_window_get_order (window)), ==, 50);
  g_assert_cmpuint (mr_order_get_n_accounts (mr_window_get_order (window)), ==, 250);
  wait_new_quote (window, NULL);
  sheet = mr_demo_get_window_sheet (window);
  g_assert_cmpuint (sheet->lines->len, ==, 100);
  g_assert_cmpint (sheet->due_now, ==, 50 * 1500 + 250 * 500);

  {
    gint64 start = g_get_monotonic_time ();

    g_assert_true (mr_quote_export_pdf (sheet, pdf, &error));
    g_test_message ("PDF of 50 domains x 5 mailboxes: %.0f ms",
                    (g_get_monotonic_time () - start) / 1000.0);
  }
  g_assert_no_error (error);
  command = g_strdup_printf ("pdftotext -layout -enc UTF-8 '%s' -", pdf);
  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  text = normalise_ligatures (out);
  assert_has_quote (text, sheet);
  page_3 = g_strdup_printf ("Page 3");
  g_assert_nonnull (strstr (text, page_3));
}

/* Demo orders survive demo mode off and on, and a restart; Reset Demo
 * empties them */

static guint
count_orders (MrApplication *app)
{
  MrApiClient *client = mr_application_get_client (app);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = NULL;

  mr_api_client_list_orders_async (client, 100, NULL, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 10000);
  page = mr_api_client_list_orders_finish (client, result, &error);
  g_assert_no_error (error);

  return page->items->len;
}

static void
place (MrApplication *app,
       MrOrder       *order)
{
  MrApiClient *client = mr_application_get_client (app);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = NULL;

  mr_api_client_place_order_async (client, order, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 10000);
  quote = mr_api_client_place_order_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_true (quote->order_placed);
}

static void
test_state_lasts (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MrOrder) order = mr_demo_make_sample (mr_application_get_sim (the_app),
                                                  MR_EMAIL_PROVIDER_GOOGLE, 4, 2);
  g_autoptr(MrApplication) second = NULL;
  g_autoptr(MrSimPricing) pricing = mr_sim_thread_dup_pricing (mr_application_get_sim (the_app));
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (count_orders (the_app), ==, 0);
  place (the_app, order);
  g_assert_cmpuint (count_orders (the_app), ==, 4);
  pricing->discount_percent = 15;
  g_assert_true (mr_demo_state_set_pricing (mr_application_get_sim (the_app), pricing, &error));

  /* demo mode off (the simulator ends) and on again (a new one) */
  restart_demo (the_app);
  g_assert_cmpuint (count_orders (the_app), ==, 4);
  g_assert_cmpuint (sim_discount_percent (the_app), ==, 15);

  /* a restart: another application, its own simulator, the same state */
  second = mr_application_new ();
  restart_demo (second);
  g_assert_true (mr_application_get_sim (second) != mr_application_get_sim (the_app));
  g_assert_cmpuint (count_orders (second), ==, 4);

  /* Reset Demo, through its confirmation */
  g_action_group_activate_action (G_ACTION_GROUP (the_app), "reset-demo", NULL);
  {
    AdwMessageDialog *dialog = NULL;

    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (the_app)); l; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        dialog = l->data;
    if (dialog == NULL)
      {
        GListModel *toplevels = gtk_window_get_toplevels ();

        for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
          {
            g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

            if (ADW_IS_MESSAGE_DIALOG (w))
              dialog = ADW_MESSAGE_DIALOG (w);
          }
      }
    g_assert_nonnull (dialog);
    g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "reset"), ==,
                     ADW_RESPONSE_DESTRUCTIVE);
    adw_message_dialog_response (dialog, "reset");
  }
  g_assert_cmpuint (count_orders (the_app), ==, 0);
  g_assert_cmpuint (sim_discount_percent (the_app), ==, 0);

  /* and it stays empty after the next start */
  mr_application_set_client (second, NULL, FALSE);
  restart_demo (second);
  g_assert_cmpuint (count_orders (second), ==, 0);
  mr_application_set_client (second, NULL, FALSE);
  g_settings_reset (mr_application_get_settings (second), "demo-mode");
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;

      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          if (menu_has_action (linked, action))
            return TRUE;
        }
    }

  return FALSE;
}

/* The window's menu reaches everything; the demo items only in demo mode */
static void
test_menu (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) buttons = mr_ui_find_all (GTK_WIDGET (fixture->window), GTK_TYPE_MENU_BUTTON);
  const char *actions[] = { "app.compare", "app.present", "app.export-quote-pdf", "app.export-quote-csv",
                            "app.copy-quote-text", "app.copy-quote-markdown", "app.demo-prices",
                            "app.demo-sample", "app.reset-demo" };
  GtkMenuButton *primary = NULL;

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_menu_button_get_icon_name (g_ptr_array_index (buttons, i)), "open-menu-symbolic") == 0)
      primary = g_ptr_array_index (buttons, i);
  g_assert_nonnull (primary);

  /* its items are built when it opens */
  gtk_menu_button_popup (primary);
  mr_ui_wait_drawn (GTK_WIDGET (fixture->window), 2);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (primary), actions[i]));
  gtk_menu_button_popdown (primary);

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (the_app), "demo-prices"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (the_app), "reset-demo"));
  mr_application_set_client (the_app, NULL, FALSE);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (the_app), "demo-prices"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (the_app), "reset-demo"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (the_app), "compare"));
  restart_demo (the_app);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (the_app), "demo-prices"));
}

/* A quote of @order through @client */
static MrQuote *
quote_of (MrApiClient *client,
          MrOrder     *order)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MrQuote *quote;

  /* the body written first, as the window's scheduler does on a thread */
  mr_api_client_simulate_body_async (client, mr_json_order_request (order, TRUE),
                                     mr_order_get_revision (order),
                                     NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 20000);
  quote = mr_api_client_simulate_order_finish (client, result, &error);
  g_assert_no_error (error);

  return quote;
}

/* The demo simulator answers on a thread of its own: a blocking request
 * from the UI thread (whose main context does not run meanwhile) gets its
 * reply, and a 1,000-domain quote from it is the same as from a simulator
 * in this thread's context. (The longest stall of the main loop meanwhile,
 * once printed here unchecked, is gone: it measured the waits for a core on
 * a loaded machine as much as this thread's work, and the UI thread's CPU
 * time could not tell the two simulators apart either, about 4 to 6 ms
 * each, the quote being this cheap; what shows the server off this thread
 * is the blocking request above.) */
static void
test_simulator_off_ui_thread (Fixture       *fixture,
                              gconstpointer  data)
{
  MrSimThread *sim = mr_application_get_sim (the_app);
  MrApiClient *client = mr_application_get_client (the_app);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (mr_sim_thread_get_url (sim), "/api/v2/dfy-email-account-orders?limit=1",
                                      NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOrder) large = mr_order_new (MR_ORDER_TYPE_DFY);
  g_auto(GStrv) domains = mr_test_free_domains ("off-ui-thread", 1000);
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(MrSimServer) in_context = NULL;
  g_autoptr(MrApiClient) in_context_client = NULL;

  g_assert_nonnull (sim);
  g_assert_true (mr_application_get_demo_mode (the_app));

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                               "Bearer " MR_SIM_DEMO_KEY);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(MrOrderItem) item = mr_order_item_new (domains[i]);

      mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing, Grace Hopper");
      mr_order_append_item (large, item);
    }

  quote = quote_of (client, large);
  g_assert_cmpint (quote->total_price, ==, 1000 * 1500 + 3000 * 500);

  /* the simulator in this thread's main context, as the app ran it before */
  in_context = mr_test_sim_new ();
  in_context_client = mr_test_client_new (in_context, NULL);
  g_clear_pointer (&quote, mr_quote_unref);
  quote = quote_of (in_context_client, large);
  g_assert_cmpint (quote->total_price, ==, 1000 * 1500 + 3000 * 500);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", ":close", NULL);

  the_app = mr_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add ("/mr/demo/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("prices-reprice", test_prices_reprice);
  ADD ("compare", test_compare);
  ADD ("compare-pick-microsoft", test_compare_pick_microsoft);
  ADD ("export", test_export);
  ADD ("state-lasts", test_state_lasts);
  ADD ("menu", test_menu);
  ADD ("simulator-off-ui-thread", test_simulator_off_ui_thread);
  ADD ("export-50-domains", test_export_large);

  return g_test_run ();
}
