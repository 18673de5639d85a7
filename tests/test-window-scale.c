/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window at the size people order: a 50-domain paste with domains
 * that cannot be ordered, against the in-process simulator. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mr-account-editor.h"
#include "mr-pricing-panel.h"
#include "mr-sim-catalog.h"
#include "mr-test-util.h"
#include "mr-ui-test-util.h"
#include "mr-window-private.h"

#define WAIT_MS 20000
#define PATH_ORDERS "/api/v2/dfy-email-account-orders"

static MrApplication *the_app;

typedef struct
{
  MrUiWindowFixture ui;
  guint             n_skipped;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  mr_ui_window_fixture_set_up (&fixture->ui, the_app, "mailroom-scale-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mr_ui_window_fixture_tear_down (&fixture->ui);
}

static GObject *
child (GtkWidget  *widget,
       const char *id)
{
  GObject *object = gtk_widget_get_template_child (widget, G_OBJECT_TYPE (widget), id);

  g_assert_nonnull (object);
  return object;
}

static void
skipped_cb (MrDomainList *list,
            guint         n_skipped,
            Fixture      *fixture)
{
  fixture->n_skipped += n_skipped;
}

typedef struct
{
  MrWindow *window;
  guint     n_excluded;
} Settled;

/* a quote for the order as it is, with what is left out worked out */
static gboolean
settled (gpointer data)
{
  Settled *want = data;
  MrOrderSession *session = want->window->session;
  MrQuoteScheduler *scheduler = mr_order_session_get_scheduler (session);

  return g_list_model_get_n_items (mr_order_session_get_excluded (session)) == want->n_excluded &&
         mr_quote_scheduler_get_fresh_quote (scheduler) != NULL &&
         mr_order_session_get_can_place (session) == (want->n_excluded != G_MAXUINT);
}

static gboolean
quote_fresh (gpointer data)
{
  MrWindow *window = data;
  MrOrderSession *session = window->session;

  mr_order_session_sync (session);
  return mr_quote_scheduler_get_fresh_quote (mr_order_session_get_scheduler (session)) != NULL &&
         g_list_model_get_n_items (mr_order_session_get_excluded (session)) == 4;
}

static void
assert_distinct (GListModel *problems)
{
  guint n = g_list_model_get_n_items (problems);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        g_autoptr(MrProblem) a = g_list_model_get_item (problems, i);
        g_autoptr(MrProblem) b = g_list_model_get_item (problems, j);

        if (mr_problem_equal (a, b))
          g_error ("said twice: “%s” and “%s”", a->message, b->message);
      }
}

static gboolean
is_excluded_name (const char *domain)
{
  return g_str_equal (domain, "acme.com") || g_str_equal (domain, "my") ||
         g_str_equal (domain, "domain!.com") || g_str_equal (domain, "outreach.net");
}

/* Taken, invalid and .net domains in a 50-domain paste: "Due now" leaves
 * them out, "Not Included" lists them with the reason, one action
 * removes them; the problems are each said once. */
static void
test_not_included (Fixture       *fixture,
                   gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrderSession *session = window->session;
  MrOrder *order = mr_order_session_get_order (session);
  GListModel *excluded = mr_order_session_get_excluded (session);
  GListModel *problems = mr_order_session_get_problems (session);
  GtkWidget *panel = window->pricing_panel;
  GtkWidget *entry = mr_ui_find_first (GTK_WIDGET (window->domain_list), GTK_TYPE_ENTRY);
  g_autoptr(GString) paste = g_string_new (NULL);
  g_autoptr(GPtrArray) good = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *due = NULL;
  g_autofree char *header = NULL;
  MrCents domain_price = mr_ui_price_from_file ("domain_price_per_year", NULL);
  MrCents mailbox_price = mr_ui_price_from_file ("account_price_per_month", "1");
  MrQuote *quote;
  guint64 revision;
  guint requests;
  guint n_blocking = 0;

  /* 46 names the simulator has free, and the four that cannot be ordered */
  for (guint i = 0; good->len < 46; i++)
    {
      char *name = g_strdup_printf ("scale-outreach-%03u.com", i);

      if (mr_sim_catalog_is_taken (name))
        g_free (name);
      else
        g_ptr_array_add (good, name);
    }
  for (guint i = 0; i < good->len; i++)
    {
      g_string_append_printf (paste, "%s\n", (char *) g_ptr_array_index (good, i));
      if (i == 10)
        g_string_append (paste, "acme.com\nmy\n");
      if (i == 20)
        g_string_append (paste, "domain!.com\noutreach.net\n");
    }
  /* pasted twice: skipped, and said */
  g_string_append (paste, "acme.com\nSCALE-OUTREACH-000.com\n");

  g_signal_connect (window->domain_list, "domains-skipped", G_CALLBACK (skipped_cb), fixture);
  revision = mr_order_get_revision (order);
  requests = mr_sim_server_get_n_requests (fixture->ui.sim, PATH_ORDERS);

  /* one paste is one change */
  gtk_editable_set_text (GTK_EDITABLE (entry), paste->str);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 50);
  g_assert_cmpuint (mr_order_get_revision (order), ==, revision + 1);
  g_assert_cmpuint (fixture->n_skipped, ==, 2);

  /* names in the order already, written otherwise: skipped, nothing changes */
  gtk_editable_set_text (GTK_EDITABLE (entry), "https://www.Acme.com/\nscale-outreach-000.COM\n");
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 50);
  g_assert_cmpuint (mr_order_get_revision (order), ==, revision + 1);
  g_assert_cmpuint (fixture->n_skipped, ==, 4);

  /* no mailboxes yet: every domain that can be ordered needs some, said once */
  mr_test_wait_until (quote_fresh, window, WAIT_MS);
  mr_order_session_validate_now (session);
  assert_distinct (problems);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MrProblem) problem = g_list_model_get_item (problems, i);

      if (problem->severity == MR_PROBLEM_BLOCKS)
        {
          g_assert_cmpint (problem->kind, ==, MR_PROBLEM_NO_ACCOUNTS);
          n_blocking++;
        }
      else
        g_assert_true (is_excluded_name (problem->domain));
    }
  g_assert_cmpuint (n_blocking, ==, 46);
  g_assert_cmpuint (mr_order_session_get_n_problems (session), ==, 46 + 4);
  header = g_strdup_printf ("%u Problems", n_blocking);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (panel, "problems_label"))), ==, header);
  g_clear_pointer (&header, g_free);
  /* the quote asks once for the paste (and again only if the server
   * names a taken domain before the availability check does) */
  g_assert_cmpuint (mr_sim_server_get_n_requests (fixture->ui.sim, PATH_ORDERS) - requests, <=, 2);

  /* two people on each domain, all at once */
  for (guint i = 0; i < mr_order_get_n_items (order); i++)
    mr_order_item_add_from_names (mr_order_get_item (order, i), "Ada Lovelace, Alan Turing");

  {
    Settled want = { window, 4 };

    mr_test_wait_until (settled, &want, WAIT_MS);
  }

  /* "Due now" is the 46 domains and their 92 mailboxes, nothing else */
  quote = mr_quote_scheduler_get_fresh_quote (mr_order_session_get_scheduler (session));
  g_assert_cmpint (quote->number_of_domains_ordered, ==, 46);
  g_assert_cmpint (quote->number_of_accounts_ordered, ==, 92);
  for (guint i = 0; i < quote->order_items->len; i++)
    {
      const MrQuoteItem *item = g_ptr_array_index (quote->order_items, i);

      g_assert_false (is_excluded_name (item->domain));
    }
  g_assert_cmpint (quote->total_price, ==, 46 * domain_price + 92 * mailbox_price - quote->total_discount);
  due = mr_money_format (quote->total_price);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (panel, "due_label"))), ==, due);

  /* "Not Included" names each with its reason */
  g_assert_cmpuint (g_list_model_get_n_items (excluded), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(MrProblem) reason = g_list_model_get_item (excluded, i);

      g_assert_true (is_excluded_name (reason->domain));
      g_assert_cmpint (reason->severity, ==, MR_PROBLEM_WARNING);
      g_assert_nonnull (reason->message);
      if (g_str_equal (reason->domain, "acme.com"))
        g_assert_cmpint (reason->kind, ==, MR_PROBLEM_DOMAIN_UNAVAILABLE);
      else if (g_str_equal (reason->domain, "outreach.net"))
        g_assert_cmpint (reason->kind, ==, MR_PROBLEM_DOMAIN_TLD);
      else
        g_assert_cmpint (reason->kind, ==, MR_PROBLEM_DOMAIN_INVALID);
    }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (panel, "excluded_section"))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (panel, "excluded_label"))), ==,
                   "4 Domains Not Included");
  {
    GtkListBox *list = GTK_LIST_BOX (child (panel, "excluded_list"));
    GtkListView *full = GTK_LIST_VIEW (child (panel, "full_list"));
    g_autofree char *text = mr_ui_collect_text (GTK_WIDGET (list));
    g_autofree char *all = NULL;

    /* the sidebar names the first, "Show All" opens the four */
    g_assert_nonnull (strstr (text, "acme.com"));
    g_assert_nonnull (strstr (text, "Show All 4 Domains"));
    g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 3));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (panel, "view_stack"))), ==, "list");
    mr_ui_wait_drawn (GTK_WIDGET (window), 2);
    all = mr_ui_collect_text (GTK_WIDGET (full));
    g_assert_nonnull (strstr (all, "acme.com"));
    /* the domain, then why, without naming it again */
    for (guint i = 0; i < 4; i++)
      {
        g_autoptr(MrProblem) reason = g_list_model_get_item (excluded, i);
        g_autofree char *shown = g_strdup_printf ("%s — %s", reason->domain,
                                                  mr_problem_get_short_message (reason));

        g_assert_nonnull (strstr (all, shown));
      }
    g_assert_nonnull (strstr (all, "domain!.com"));
    g_assert_nonnull (strstr (all, "outreach.net"));
    mr_ui_screenshot (GTK_WIDGET (window), "11-not-included-all.png");
    mr_pricing_panel_close_list (MR_PRICING_PANEL (panel));
  }

  /* only the reasons are left, each once, as warnings: the order can go */
  assert_distinct (problems);
  g_assert_cmpuint (mr_order_session_get_n_problems (session), ==, 4);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (panel, "problems_section"))));
  g_assert_true (gtk_widget_is_sensitive (window->place_button));
  mr_ui_screenshot (GTK_WIDGET (window), "11-not-included.png");

  /* one action removes them all, in one change; Undo brings them back */
  revision = mr_order_get_revision (order);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-excluded", NULL);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 46);
  g_assert_cmpuint (mr_order_get_revision (order), ==, revision + 1);
  for (guint i = 0; i < 46; i++)
    g_assert_false (is_excluded_name (mr_order_item_get_domain (mr_order_get_item (order, i))));
  mr_order_session_sync (session);
  g_assert_cmpuint (g_list_model_get_n_items (excluded), ==, 0);
  g_assert_cmpuint (mr_order_session_get_n_problems (session), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (panel, "excluded_section"))));
  {
    Settled want = { window, 0 };

    mr_test_wait_until (settled, &want, WAIT_MS);
  }
  quote = mr_quote_scheduler_get_fresh_quote (mr_order_session_get_scheduler (session));
  g_assert_cmpint (quote->total_price, ==, 46 * domain_price + 92 * mailbox_price - quote->total_discount);
  mr_ui_screenshot (GTK_WIDGET (window), "12-fifty-domains.png");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 50);
}

static gboolean
is_folded (gpointer data)
{
  MrWindow *window = data;

  return adw_flap_get_folded (window->flap);
}

/* A 50-domain paste with four that cannot be ordered, in the pricing
 * panel: the first few problems and all four domains left out in the
 * sidebar, "Show All" opens the 46 problems, one of them shows its
 * domain; at full width and narrow. */
static void
test_panel_fifty (Fixture       *fixture,
                  gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrderSession *session = window->session;
  GtkWidget *panel = window->pricing_panel;
  GtkWidget *entry = mr_ui_find_first (GTK_WIDGET (window->domain_list), GTK_TYPE_ENTRY);
  GtkListBox *problems_list = GTK_LIST_BOX (child (panel, "problems_list"));
  GtkListView *full = GTK_LIST_VIEW (child (panel, "full_list"));
  g_autoptr(GString) paste = g_string_new (NULL);
  g_autoptr(MrProblem) problem = NULL;
  g_autofree char *text = NULL;
  GtkListBoxRow *more;
  GListModel *listed;
  guint n_good = 0;

  for (guint i = 0; n_good < 46; i++)
    {
      g_autofree char *name = g_strdup_printf ("panel-outreach-%03u.com", i);

      if (mr_sim_catalog_is_taken (name))
        continue;
      g_string_append_printf (paste, "%s\n", name);
      if (++n_good == 10)
        g_string_append (paste, "acme.com\nmy\ndomain!.com\noutreach.net\n");
    }
  gtk_editable_set_text (GTK_EDITABLE (entry), paste->str);
  mr_test_wait_until (quote_fresh, window, WAIT_MS);
  mr_order_session_validate_now (session);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);

  /* the sidebar: the first problems and the first domains left out, and
   * a row under each that opens them all */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (panel, "problems_label"))), ==, "46 Problems");
  text = mr_ui_collect_text (GTK_WIDGET (problems_list));
  g_assert_nonnull (strstr (text, "Show All 46 Problems"));
  g_clear_pointer (&text, g_free);
  text = mr_ui_collect_text (GTK_WIDGET (child (panel, "excluded_list")));
  g_assert_nonnull (strstr (text, "acme.com"));
  g_assert_nonnull (strstr (text, "Show All 4 Domains"));
  /* under its domain, each says why without naming it again (the whole
   * sentence is its description: test-a11y-fixes) */
  for (guint i = 0; i < 2; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (panel, "excluded_list")), i);
      g_autoptr(MrProblem) reason = g_list_model_get_item (mr_order_session_get_excluded (session), i);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

      g_assert_cmpstr (title, ==, reason->domain);
      g_assert_cmpstr (subtitle, ==, mr_problem_get_short_message (reason));
      g_assert_cmpstr (subtitle, !=, "");
      g_assert_null (strstr (subtitle, reason->domain));
      g_assert_nonnull (strstr (reason->message, reason->domain));
    }
  mr_ui_screenshot (GTK_WIDGET (window), "13-panel-fifty-problems.png");

  /* all of them, one click away; one shows its domain */
  more = gtk_list_box_get_row_at_index (problems_list, 3);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (more)));
  g_signal_emit_by_name (problems_list, "row-activated", more);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (panel, "view_stack"))), ==, "list");
  listed = G_LIST_MODEL (gtk_list_view_get_model (full));
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 46);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  mr_ui_screenshot (GTK_WIDGET (window), "14-panel-all-problems.png");
  problem = g_list_model_get_item (listed, 30);
  g_signal_emit_by_name (full, "activate", 30);
  g_assert_cmpstr (mr_order_item_get_domain (mr_account_editor_get_item (MR_ACCOUNT_EDITOR (window->account_editor))),
                   ==, problem->domain);
  mr_pricing_panel_close_list (MR_PRICING_PANEL (panel));

  /* narrow: the panel opens over the order, as readable */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  mr_test_wait_until (is_folded, window, WAIT_MS);
  adw_flap_set_reveal_flap (window->flap, TRUE);
  mr_ui_wait_drawn (GTK_WIDGET (window), 4);
  mr_test_spin (400);
  mr_ui_screenshot (GTK_WIDGET (window), "15-panel-fifty-narrow.png");
  g_signal_emit_by_name (problems_list, "row-activated", more);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  mr_test_spin (300);
  mr_ui_screenshot (GTK_WIDGET (window), "16-panel-all-problems-narrow.png");
  mr_pricing_panel_close_list (MR_PRICING_PANEL (panel));
}

/* "Fill from names" that cannot fit every name says how many were left
 * out and keeps them in the field. */
static void
test_fill_overflow (Fixture       *fixture,
                    gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrder *order = mr_order_session_get_order (window->session);
  GtkWidget *editor = window->account_editor;
  GtkEditable *fill_row = GTK_EDITABLE (child (editor, "fill_row"));
  MrOrderItem *item;

  gtk_editable_set_text (GTK_EDITABLE (mr_ui_find_first (GTK_WIDGET (window->domain_list),
                                                         GTK_TYPE_ENTRY)),
                         "mailroom-demo.com\n");
  item = mr_order_get_item (order, 0);
  mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), item);
  mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing");

  /* Google takes five: three fit, three wait in the field */
  gtk_editable_set_text (fill_row, "Grace Hopper, Edsger Dijkstra; Barbara Liskov\n"
                                   "Ken Thompson, Dennis Ritchie, Niklaus Wirth");
  g_signal_emit_by_name (fill_row, "activate");
  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 5);
  g_assert_cmpstr (gtk_editable_get_text (fill_row), ==,
                   "Ken Thompson, Dennis Ritchie, Niklaus Wirth");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (fill_row)), "3 names left out"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  the_app = mr_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/mr/window/scale/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("not-included", test_not_included);
  ADD ("fill-overflow", test_fill_overflow);
  ADD ("panel-fifty", test_panel_fifty);

  ret = g_test_run ();
  g_clear_object (&the_app);

  return ret;
}
