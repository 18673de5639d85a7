/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mr-test-util.h"
#include "mr-ui-test-util.h"
#include "mr-application.h"
#include "mr-domain-row.h"
#include "mr-window-private.h"

/* The window in German: the catalogue the build compiled (MR_LOCALE_DIR),
 * the de_DE.UTF-8 locale for money and dates, the in-process simulator. */

#define WAIT_MS 15000

static gboolean have_german;

typedef struct
{
  MrWindow   *window;
  const char *domain;
} RowQuery;

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

static gboolean
can_place (gpointer data)
{
  MrWindow *window = data;

  return gtk_widget_is_sensitive (window->place_button) &&
         mr_quote_scheduler_get_fresh_quote (mr_window_get_scheduler (window)) != NULL;
}

static void
assert_text_contains (GtkWidget  *root,
                      const char *needle)
{
  g_autofree char *text = mr_ui_collect_text (root);

  if (strstr (text, needle) == NULL)
    g_error ("“%s” not shown; the text is:\n%s", needle, text);
}

static void
assert_text_lacks (GtkWidget  *root,
                   const char *needle)
{
  g_autofree char *text = mr_ui_collect_text (root);

  if (strstr (text, needle) != NULL)
    g_error ("“%s” shown untranslated; the text is:\n%s", needle, text);
}

static gboolean
is_narrow (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) <= 360;
}

/* every shown label of an empty page's description (style class
 * "description") as tall as its text needs at its width: wrapped, not cut;
 * at least @n_expected of them */
static void
assert_descriptions_whole (GtkWidget *root,
                           guint      n_expected)
{
  g_autoptr(GPtrArray) labels = mr_ui_find_all (root, GTK_TYPE_LABEL);
  guint n_shown = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      int needed;

      if (!gtk_widget_has_css_class (label, "description") || !gtk_widget_is_drawable (label))
        continue;

      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label),
                          &needed, NULL, NULL, NULL);
      g_assert_true (gtk_label_get_wrap (GTK_LABEL (label)));
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
      g_assert_cmpint (gtk_widget_get_height (label), >=, needed);
      n_shown++;
    }

  g_assert_cmpuint (n_shown, >=, n_expected);
}

static void
test_german_window (void)
{
  g_autoptr(MrSimServer) sim = NULL;
  g_autoptr(MrApiClient) client = NULL;
  g_autoptr(MrApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *draft_path = NULL;
  g_autofree char *due_now = NULL;
  g_autofree char *per_year = NULL;
  const char *domains[] = { "acme-outreach.com", "getacme.org", "tryacme.com" };
  const char *names[] = { "Erika Mustermann, Max Mustermann", "Lena Schmidt", "Jonas Weber, Anna Becker" };
  GtkWidget *entry;
  MrWindow *window;
  MrQuote *quote;

  if (!have_german)
    {
      g_test_skip ("de_DE.UTF-8 is not installed (tools/deps.sh generates it)");
      return;
    }

  tmpdir = g_dir_make_tmp ("mailroom-german-XXXXXX", &error);
  g_assert_no_error (error);
  draft_path = g_build_filename (tmpdir, "draft.json", NULL);
  g_setenv ("MR_DRAFT_PATH", draft_path, TRUE);

  app = mr_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  sim = mr_test_sim_new ();
  client = mr_test_client_new (sim, NULL);
  g_settings_reset (mr_application_get_settings (app), "last-order-type");
  mr_application_set_client (app, client, TRUE);

  window = mr_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_window_present (GTK_WINDOW (window));
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);

  /* before anything is ordered, the empty window speaks German */
  assert_text_contains (GTK_WIDGET (window), "Demo-Modus");
  assert_text_lacks (GTK_WIDGET (window), "Nothing can be charged");

  /* its empty pages' longer texts wrap, whole, wide and narrow */
  assert_descriptions_whole (GTK_WIDGET (window), 3);
  mr_ui_screenshot (GTK_WIDGET (window), "german-empty-wide.png");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  mr_test_wait_until (is_narrow, window, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  assert_descriptions_whole (GTK_WIDGET (window), 1);
  mr_ui_screenshot (GTK_WIDGET (window), "german-empty-narrow.png");
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);

  entry = mr_ui_find_first (GTK_WIDGET (window->domain_list), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "acme-outreach.com, getacme.org tryacme.com");
  g_signal_emit_by_name (entry, "activate");

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      RowQuery query = { window, domains[i] };
      MrOrderItem *item;
      MrDomainRow *row;

      mr_test_wait_until (row_checked, &query, WAIT_MS);
      row = find_row (window, domains[i]);
      g_assert_cmpint (mr_domain_row_get_status (row), ==, MR_DOMAIN_STATUS_AVAILABLE);
      g_assert_cmpstr (mr_domain_row_get_status_text (row), ==, "Verfügbar");

      item = mr_order_find_item (mr_window_get_order (window), domains[i], NULL);
      g_assert_nonnull (item);
      g_assert_cmpuint (mr_order_item_add_from_names (item, names[i]), >, 0);
    }

  mr_test_wait_until (can_place, window, WAIT_MS);
  mr_domain_list_select (window->domain_list, 0);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);

  quote = mr_quote_scheduler_get_fresh_quote (mr_window_get_scheduler (window));
  g_assert_nonnull (quote);
  g_assert_true (quote->order_is_valid);

  /* money as German writes it: "1.234,50 $" */
  due_now = mr_money_format (quote->total_price);
  per_year = mr_money_format (quote->total_domains_price_per_year);
  g_assert_nonnull (strstr (due_now, ",")) ;
  g_assert_true (g_str_has_suffix (due_now, "\xc2\xa0$"));
  assert_text_contains (window->pricing_panel, due_now);
  assert_text_contains (window->pricing_panel, per_year);
  assert_text_contains (window->pricing_panel, "Jetzt fällig");
  assert_text_contains (GTK_WIDGET (window), "Postfächer");
  assert_text_contains (GTK_WIDGET (window), "Bestellung aufgeben");
  assert_text_lacks (GTK_WIDGET (window), "Due now");
  assert_text_lacks (GTK_WIDGET (window), "Mailboxes");

  mr_ui_screenshot (GTK_WIDGET (window), "german-window.png");

  gtk_window_destroy (GTK_WINDOW (window));
  mr_ui_wait_frames (50);
  mr_application_set_client (app, NULL, TRUE);

  g_remove (draft_path);
  g_rmdir (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = g_getenv ("MR_LOCALE_DIR");

  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init () chooses a fixed locale of its own; the app would not */
  have_german = setlocale (LC_ALL, "de_DE.UTF-8") != NULL;

  g_assert_nonnull (dir);
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  adw_init ();
  /* as GNOME has it: the screenshots look like the desktop */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", ":close", NULL);

  g_test_add_func ("/mr/window/german", test_german_window);

  return g_test_run ();
}
