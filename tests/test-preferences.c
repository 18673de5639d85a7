/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "mailroom-core.h"
#include "mr-application.h"
#include "mr-preferences-window.h"
#include "mr-window.h"
#include "mr-test-util.h"
#include "mr-ui-test-util.h"

#if defined(__SANITIZE_ADDRESS__)
# include <sanitizer/lsan_interface.h>
# define IGNORE_LEAKS_BEGIN() __lsan_disable ()
# define IGNORE_LEAKS_END() __lsan_enable ()
#else
# define IGNORE_LEAKS_BEGIN()
# define IGNORE_LEAKS_END()
#endif

#define SCHEMA_ID "io.github.mailroom.Mailroom"
#define TEST_KEY "mrtest-prefs-KEY-31415926535"

typedef struct
{
  GSettings           *settings;
  MrPreferencesWindow *window;
  guint                changed;
} Fixture;

static char *data_home;

static void
credentials_changed_cb (MrPreferencesWindow *window,
                        Fixture             *fixture)
{
  fixture->changed++;
}

static gpointer
child (Fixture    *fixture,
       const char *name)
{
  GObject *object;

  object = gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                          MR_TYPE_PREFERENCES_WINDOW, name);
  g_assert_nonnull (object);

  return object;
}

static const char *
subtitle (Fixture    *fixture,
          const char *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (child (fixture, row)));
}

static gboolean
key_status_settled (gpointer data)
{
  Fixture *fixture = data;
  const char *status = subtitle (fixture, "key_status_row");

  /* the status row says "Looking…", "Saving…", "Removing…" while busy */
  return status != NULL && !g_str_has_suffix (status, "…");
}

static gboolean
test_settled (gpointer data)
{
  Fixture *fixture = data;

  return !gtk_spinner_get_spinning (GTK_SPINNER (child (fixture, "test_spinner")));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->settings = g_settings_new (SCHEMA_ID);
  g_settings_reset (fixture->settings, "demo-mode");
  g_settings_reset (fixture->settings, "server-url");

  fixture->window = mr_preferences_window_new (NULL, fixture->settings);
  g_object_ref_sink (fixture->window);
  g_signal_connect (fixture->window, "credentials-changed",
                    G_CALLBACK (credentials_changed_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));

  mr_test_wait_until (key_status_settled, fixture, 10000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);

  g_signal_handlers_disconnect_by_data (fixture->window, fixture);
  gtk_window_destroy (window);
  /* the window's pending keyring calls hold references until they finish */
  mr_test_spin (50);
  g_assert_finalize_object (g_steal_pointer (&fixture->window));
  g_settings_reset (fixture->settings, "demo-mode");
  g_settings_reset (fixture->settings, "server-url");
  g_clear_object (&fixture->settings);
}

static void
type_into (Fixture    *fixture,
           const char *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, row)), text);
}

static void
apply (Fixture    *fixture,
       const char *row)
{
  g_signal_emit_by_name (child (fixture, row), "activate");
}

static void
test_server_url_https (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *row = child (fixture, "server_row");
  g_autofree char *url = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, MR_API_DEFAULT_BASE_URL);

  type_into (fixture, "server_row", "http://api.example.com");
  apply (fixture, "server_row");
  url = g_settings_get_string (fixture->settings, "server-url");
  g_assert_cmpstr (url, ==, MR_API_DEFAULT_BASE_URL);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpuint (fixture->changed, ==, 0);

  /* typing again clears the error mark */
  type_into (fixture, "server_row", "http://127.0.0.1:8123/");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  apply (fixture, "server_row");
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (fixture->settings, "server-url");
  g_assert_cmpstr (url, ==, "http://127.0.0.1:8123");
  g_assert_cmpuint (fixture->changed, ==, 1);
  mr_test_wait_until (key_status_settled, fixture, 10000);

  /* https anywhere is fine */
  type_into (fixture, "server_row", "https://api.example.com");
  apply (fixture, "server_row");
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (fixture->settings, "server-url");
  g_assert_cmpstr (url, ==, "https://api.example.com");
  g_assert_cmpuint (fixture->changed, ==, 2);
  mr_test_wait_until (key_status_settled, fixture, 10000);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.reset-server", NULL);
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (fixture->settings, "server-url");
  g_assert_cmpstr (url, ==, MR_API_DEFAULT_BASE_URL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, MR_API_DEFAULT_BASE_URL);
  g_assert_cmpuint (fixture->changed, ==, 3);
  mr_test_wait_until (key_status_settled, fixture, 10000);
}

static void
test_demo_switch (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkSwitch *demo_switch = child (fixture, "demo_switch");

  g_assert_true (gtk_switch_get_active (demo_switch));

  gtk_switch_set_active (demo_switch, FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "demo-mode"));
  g_assert_cmpuint (fixture->changed, ==, 1);

  /* and the other way round: a change made elsewhere shows */
  g_settings_set_boolean (fixture->settings, "demo-mode", TRUE);
  g_assert_true (gtk_switch_get_active (demo_switch));
  g_assert_cmpuint (fixture->changed, ==, 2);
}

static void
run_connection_test (Fixture    *fixture,
                     const char *key)
{
  type_into (fixture, "api_key_row", key);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.test-connection", NULL);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (child (fixture, "test_spinner"))));
  mr_test_wait_until (test_settled, fixture, 10000);
}

/* the sentence for @code, whatever detail the server added in brackets */
static void
assert_described_as (Fixture    *fixture,
                     MrApiError  code)
{
  g_autoptr(GError) error = g_error_new_literal (MR_API_ERROR, code, "");
  g_autofree char *sentence = mr_api_error_describe (error);
  const char *shown = subtitle (fixture, "test_row");

  g_test_message ("shown: %s", shown);
  g_assert_true (g_str_has_prefix (shown, sentence));
}

static void
test_connection (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autofree char *ok_text = NULL;

  g_settings_set_string (fixture->settings, "server-url", mr_sim_server_get_url (sim));

  run_connection_test (fixture, MR_SIM_DEMO_KEY);
  ok_text = g_strdup (subtitle (fixture, "test_row"));
  g_assert_cmpstr (ok_text, ==, "Connected: the server accepted the key");

  run_connection_test (fixture, "not-a-key-the-simulator-knows");
  assert_described_as (fixture, MR_API_ERROR_UNAUTHORIZED);

  mr_sim_server_add_key (sim, "mrtest-no-scope-key", "campaigns:read");
  run_connection_test (fixture, "mrtest-no-scope-key");
  assert_described_as (fixture, MR_API_ERROR_FORBIDDEN);

  mr_sim_server_set_has_plan (sim, FALSE);
  run_connection_test (fixture, MR_SIM_DEMO_KEY);
  assert_described_as (fixture, MR_API_ERROR_PAYMENT_REQUIRED);
  mr_sim_server_set_has_plan (sim, TRUE);

  /* testing alone neither stores the key nor changes anything */
  g_assert_cmpuint (fixture->changed, ==, 0);
  g_assert_false (mr_key_store_has_session_key (mr_sim_server_get_url (sim)));

  /* no typed key and none stored */
  run_connection_test (fixture, "");
  g_assert_cmpstr (subtitle (fixture, "test_row"), ==, "Enter an API key first");

  mr_sim_server_disconnect (sim);
}

static void
test_connection_network (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autofree char *url = g_strdup (mr_sim_server_get_url (sim));

  /* nobody listens there any more */
  mr_sim_server_disconnect (sim);
  g_clear_object (&sim);
  g_settings_set_string (fixture->settings, "server-url", url);

  run_connection_test (fixture, MR_SIM_DEMO_KEY);
  assert_described_as (fixture, MR_API_ERROR_NETWORK);
}

static guint wanted_changes;

static gboolean
enough_changes (gpointer data)
{
  Fixture *fixture = data;

  return fixture->changed >= wanted_changes;
}

static void
wait_changed (Fixture *fixture,
              guint    count)
{
  wanted_changes = count;
  mr_test_wait_until (enough_changes, fixture, 10000);
}

static void
test_store_and_remove (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *stored = NULL;
  g_autofree char *after = NULL;

  g_assert_false (gtk_widget_get_visible (child (fixture, "remove_key_button")));

  type_into (fixture, "api_key_row", "  " TEST_KEY " ");
  IGNORE_LEAKS_BEGIN ();
  apply (fixture, "api_key_row");
  wait_changed (fixture, 1);
  g_assert_cmpuint (fixture->changed, ==, 1);
  mr_test_wait_until (key_status_settled, fixture, 10000);
  IGNORE_LEAKS_END ();

  stored = mr_key_store_lookup_sync (MR_API_DEFAULT_BASE_URL, NULL, NULL);
  g_assert_cmpstr (stored, ==, TEST_KEY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (fixture, "api_key_row"))), ==, "");
  g_assert_false (g_settings_get_boolean (fixture->settings, "demo-mode"));
  g_assert_cmpstr (subtitle (fixture, "key_status_row"), ==, "Stored in the keyring");
  g_assert_true (gtk_widget_get_visible (child (fixture, "remove_key_button")));

  IGNORE_LEAKS_BEGIN ();
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.remove-key", NULL);
  wait_changed (fixture, 2);
  mr_test_wait_until (key_status_settled, fixture, 10000);
  IGNORE_LEAKS_END ();
  g_assert_cmpuint (fixture->changed, ==, 2);

  after = mr_key_store_lookup_sync (MR_API_DEFAULT_BASE_URL, NULL, NULL);
  g_assert_null (after);
  g_assert_true (g_settings_get_boolean (fixture->settings, "demo-mode"));
  g_assert_false (gtk_widget_get_visible (child (fixture, "remove_key_button")));
}

static void
clear_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;

  mr_key_store_clear_finish (result, NULL);
  *done = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* A keyring call still running when the window goes away must neither keep
 * the window alive nor touch it when it finishes. */
static void
test_destroy_while_busy (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  MrPreferencesWindow *window;
  GtkWidget *status_row;
  GtkWidget *key_row;
  gboolean done = FALSE;

  g_settings_reset (settings, "demo-mode");
  g_settings_reset (settings, "server-url");

  /* the lookup started on construction is pending */
  window = g_object_ref_sink (mr_preferences_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (window));
  status_row = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window),
                                                           MR_TYPE_PREFERENCES_WINDOW,
                                                           "key_status_row");
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)),
                                   "…"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  /* the same while saving a key */
  window = g_object_ref_sink (mr_preferences_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (window));
  key_row = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window),
                                                        MR_TYPE_PREFERENCES_WINDOW,
                                                        "api_key_row");
  gtk_editable_set_text (GTK_EDITABLE (key_row), TEST_KEY);
  IGNORE_LEAKS_BEGIN ();
  g_signal_emit_by_name (key_row, "activate");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  /* let the cancelled calls finish: their callbacks run now, after the
   * window is gone, and must return quietly */
  mr_test_spin (200);
  mr_key_store_clear_async (MR_API_DEFAULT_BASE_URL, NULL, clear_done_cb, &done);
  mr_test_wait_until (flag_set, &done, 10000);
  IGNORE_LEAKS_END ();

  g_settings_reset (settings, "demo-mode");
  g_settings_reset (settings, "server-url");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
test_session_only (Fixture       *fixture,
                   gconstpointer  user_data)
{
  AdwMessageDialog *dialog;
  g_autofree char *key = NULL;

  type_into (fixture, "api_key_row", TEST_KEY);
  apply (fixture, "api_key_row");
  mr_test_wait_until (has_message_dialog, NULL, 10000);
  g_assert_cmpuint (fixture->changed, ==, 0);
  g_assert_false (mr_key_store_has_session_key (NULL));

  dialog = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "this session"));
  adw_message_dialog_response (dialog, "session");

  g_assert_true (mr_key_store_has_session_key (NULL));
  key = mr_key_store_lookup_sync (NULL, NULL, NULL);
  g_assert_cmpstr (key, ==, TEST_KEY);
  g_assert_false (g_settings_get_boolean (fixture->settings, "demo-mode"));
  g_assert_cmpuint (fixture->changed, ==, 1);
  mr_test_wait_until (key_status_settled, fixture, 10000);
  g_assert_nonnull (strstr (subtitle (fixture, "key_status_row"), "session only"));

  /* offline: the server cannot be reached (nobody listens there)... */
  g_settings_set_string (fixture->settings, "server-url", "http://127.0.0.1:9");
  run_connection_test (fixture, TEST_KEY);
  assert_described_as (fixture, MR_API_ERROR_NETWORK);
  type_into (fixture, "api_key_row", "");

  /* ...and back in demo mode, that old failure is gone, and no D-Bus
   * wording is shown anywhere */
  g_settings_set_boolean (fixture->settings, "demo-mode", TRUE);
  mr_test_wait_until (key_status_settled, fixture, 10000);
  g_assert_cmpstr (subtitle (fixture, "test_row"), ==,
                   "Checks the key with a harmless request to the server");
  g_assert_null (strstr (subtitle (fixture, "key_status_row"), "freedesktop"));
  g_assert_null (strstr (subtitle (fixture, "key_status_row"), "D-Bus"));
  mr_ui_screenshot (GTK_WIDGET (fixture->window), "preferences-offline-then-demo.png");

  mr_test_spin (100);
}

static void
run_session_only_in_subprocess (void)
{
  Fixture fixture = { 0 };

  g_setenv ("SECRET_BACKEND", "service", TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/mailroom-test-bus", TRUE);
  fixture_set_up (&fixture, NULL);
  test_session_only (&fixture, NULL);
  fixture_tear_down (&fixture, NULL);
}

static void
test_session_only_trap (void)
{
  if (g_test_subprocess ())
    {
      run_session_only_in_subprocess ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }

  g_rmdir (dir);
}

/* Real mode asked for but no key for the server: the window's demo strip
 * says why it runs in demo mode. */
static gboolean
app_has_demo_reason (gpointer data)
{
  return mr_application_get_demo_reason (data) != NULL;
}

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return TRUE;
      if (shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

static void
test_no_key_demo_reason (void)
{
  g_autoptr(MrApplication) app = mr_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("mailroom-reason-XXXXXX", NULL);
  g_autofree char *draft = g_build_filename (tmpdir, "draft.json", NULL);
  GSettings *settings;
  MrWindow *window;
  const char *reason;

  g_setenv ("MR_DRAFT_PATH", draft, TRUE);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  settings = mr_application_get_settings (app);
  window = mr_window_new (app);

  g_settings_set_boolean (settings, "demo-mode", FALSE);
  g_settings_set_string (settings, "server-url", "https://no-key.example.com");
  mr_application_reload_client (app);
  mr_test_wait_until (app_has_demo_reason, app, 10000);

  reason = mr_application_get_demo_reason (app);
  g_assert_cmpstr (reason, ==,
                   "No API key for https://no-key.example.com: running in demo mode. "
                   "Nothing can be charged.");
  g_assert_true (mr_application_get_demo_mode (app));
  g_assert_true (shows_label (GTK_WIDGET (window), reason));
  g_assert_true (shows_label (GTK_WIDGET (window), "Set API Key"));
  g_assert_false (shows_label (GTK_WIDGET (window), "prices from the built-in simulator"));

  /* demo mode chosen: no reason, the usual strip */
  g_settings_set_boolean (settings, "demo-mode", TRUE);
  mr_application_reload_client (app);
  g_assert_null (mr_application_get_demo_reason (app));
  g_assert_false (shows_label (GTK_WIDGET (window), "No API key"));
  g_assert_true (shows_label (GTK_WIDGET (window), "prices from the built-in simulator"));

  gtk_window_destroy (GTK_WINDOW (window));
  mr_test_spin (50);
  g_settings_reset (settings, "demo-mode");
  g_settings_reset (settings, "server-url");
  g_unsetenv ("MR_DRAFT_PATH");
  g_remove (draft);
  g_rmdir (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* a private keyring file: never the user's keyring */
  data_home = g_dir_make_tmp ("mailroom-prefs-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "mailroom-test-master-password", TRUE);
  g_unsetenv ("SECRET_FILE_TEST_PATH");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/mr/preferences/server-url/https-required", Fixture, NULL,
              fixture_set_up, test_server_url_https, fixture_tear_down);
  g_test_add ("/mr/preferences/demo-switch", Fixture, NULL,
              fixture_set_up, test_demo_switch, fixture_tear_down);
  g_test_add ("/mr/preferences/test-connection/key", Fixture, NULL,
              fixture_set_up, test_connection, fixture_tear_down);
  g_test_add ("/mr/preferences/test-connection/network", Fixture, NULL,
              fixture_set_up, test_connection_network, fixture_tear_down);
  g_test_add ("/mr/preferences/api-key/store-and-remove", Fixture, NULL,
              fixture_set_up, test_store_and_remove, fixture_tear_down);
  g_test_add_func ("/mr/preferences/api-key/no-keyring", test_session_only_trap);
  g_test_add_func ("/mr/preferences/destroy-while-busy", test_destroy_while_busy);
  g_test_add_func ("/mr/preferences/demo-reason/no-key", test_no_key_demo_reason);

  ret = g_test_run ();

  remove_tree (data_home);
  g_free (data_home);

  return ret;
}
