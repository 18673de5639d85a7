/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "mr-test-util.h"
#include "mr-account-editor.h"
#include "mr-application.h"
#include "mr-confirm-dialog.h"
#include "mr-domain-list.h"
#include "mr-domain-row.h"
#include "mr-extra-accounts-page.h"
#include "mr-mailbox-row.h"
#include "mr-preferences-window.h"
#include "mr-prewarmed-page.h"
#include "mr-pricing-panel.h"
#include "mr-pricing-summary.h"
#include "mr-result-page.h"
#include "mr-window.h"

/* Every template builds on GTK 4.8 / libadwaita 1.2: an unknown type or
 * property in a .ui file is a critical, which gtk_test_init() makes fatal. */

static void
check_widget (GtkWidget *widget)
{
  g_object_ref_sink (widget);
  g_assert_true (GTK_IS_WIDGET (widget));
  g_assert_finalize_object (widget);
}

static void
test_plain_widgets (void)
{
  g_autoptr(MrAccount) account = mr_account_new ("Ada", "Lovelace", "ada");

  check_widget (mr_domain_list_new ());
  check_widget (mr_domain_row_new ());
  check_widget (mr_prewarmed_page_new ());
  check_widget (mr_extra_accounts_page_new ());
  check_widget (mr_result_page_new ());
  check_widget (mr_account_editor_new ());
  check_widget (mr_pricing_panel_new ());
  check_widget (mr_pricing_summary_new ());
  check_widget (mr_mailbox_row_new (account, "acme-outreach.com"));
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *overlay;

  builder = gtk_builder_new_from_resource ("/io/github/mailroom/Mailroom/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_style_css (void)
{
  g_autoptr(GBytes) css = NULL;
  g_autoptr(GError) error = NULL;

  css = g_resources_lookup_data ("/io/github/mailroom/Mailroom/style.css", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (css, NULL), "tnum"));
}

static void
test_windows (void)
{
  g_autoptr(MrApplication) app = mr_application_new ();
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = mr_quote_new ();
  g_autofree char *tmpdir = g_dir_make_tmp ("mailroom-templates-XXXXXX", NULL);
  g_autofree char *draft = g_build_filename (tmpdir, "draft.json", NULL);
  MrWindow *window;
  MrConfirmDialog *dialog;
  MrPreferencesWindow *prefs;

  g_setenv ("MR_DRAFT_PATH", draft, TRUE);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  mr_application_set_client (app, client, TRUE);

  window = mr_window_new (app);
  g_assert_true (MR_IS_WINDOW (window));
  g_assert_nonnull (mr_window_get_order (window));
  g_assert_nonnull (mr_window_get_scheduler (window));

  dialog = mr_confirm_dialog_new (GTK_WINDOW (window), quote, TRUE);
  g_assert_true (MR_IS_CONFIRM_DIALOG (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  prefs = mr_preferences_window_new (GTK_WINDOW (window), mr_application_get_settings (app));
  g_assert_true (MR_IS_PREFERENCES_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (prefs));
  /* let its key lookup finish while its parent still exists */
  mr_test_spin (300);

  gtk_window_destroy (GTK_WINDOW (window));
  mr_test_spin (50);

  g_remove (draft);
  g_rmdir (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/mr/ui/templates/widgets", test_plain_widgets);
  g_test_add_func ("/mr/ui/templates/help-overlay", test_help_overlay);
  g_test_add_func ("/mr/ui/templates/style", test_style_css);
  g_test_add_func ("/mr/ui/templates/windows", test_windows);

  return g_test_run ();
}
