/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-preferences-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mailroom-core.h"

#include "mr-a11y.h"
#include "mr-preferences-window.h"
#include "mr-message-dialog.h"

struct _MrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *key_cancellable;
  GCancellable         *test_cancellable;
  /* a key the keyring refused, while the user decides about this session */
  char                 *pending_key;
  char                 *pending_server;

  GtkSwitch            *demo_switch;
  GtkPasswordEntry     *api_key_row;
  AdwActionRow         *key_status_row;
  GtkButton            *remove_key_button;
  AdwActionRow         *test_row;
  GtkSpinner           *test_spinner;
  GtkEntry             *server_row;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

enum {
  CREDENTIALS_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MrPreferencesWindow, mr_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void mr_preferences_window_refresh_key_status (MrPreferencesWindow *self);

static void
wipe_string (char **str)
{
  if (*str == NULL)
    return;

  for (volatile char *p = *str; *p != '\0'; p++)
    *p = '\0';
  g_clear_pointer (str, g_free);
}

static void
forget_pending_key (MrPreferencesWindow *self)
{
  wipe_string (&self->pending_key);
  g_clear_pointer (&self->pending_server, g_free);
}

/* Cancels the call that *@cancellable guards and returns a new one for the next */
static GCancellable *
restart_cancellable (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();

  return *cancellable;
}

static char *
dup_server_url (MrPreferencesWindow *self)
{
  return g_settings_get_string (self->settings, "server-url");
}

static void
add_toast (MrPreferencesWindow *self,
           const char          *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
emit_credentials_changed (MrPreferencesWindow *self)
{
  g_signal_emit (self, signals[CREDENTIALS_CHANGED], 0);
}

static void
set_key_status (MrPreferencesWindow *self,
                const char          *status,
                gboolean             removable)
{
  adw_action_row_set_subtitle (self->key_status_row, status);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_key_button), removable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-key", removable);
}

static void
set_test_result (MrPreferencesWindow *self,
                 const char          *text,
                 gboolean             running)
{
  adw_action_row_set_subtitle (self->test_row, text);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), running);
  gtk_spinner_set_spinning (self->test_spinner, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.test-connection", !running);
}

/* Once per change: when the mode flips, "changed::demo-mode" says it */
static void
credentials_changed (MrPreferencesWindow *self,
                     gboolean             real_api)
{
  if (g_settings_get_boolean (self->settings, "demo-mode") == !real_api)
    emit_credentials_changed (self);
  else
    g_settings_set_boolean (self->settings, "demo-mode", !real_api);
}

/* The stored key
 *
 * The callbacks get @self without a reference: dispose cancels every call,
 * and a cancelled GTask always finishes with G_IO_ERROR_CANCELLED, so they
 * return before touching a window that may be gone. */

static void
key_status_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MrPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  char *key;

  key = mr_key_store_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  url = dup_server_url (self);

  if (error != NULL)
    set_key_status (self, error->message, FALSE);
  else if (key == NULL)
    set_key_status (self, _("No key for this server: Mailroom runs in demo mode"), FALSE);
  else if (mr_key_store_has_session_key (url))
    set_key_status (self, _("Kept for this session only: it is forgotten when Mailroom quits"), TRUE);
  else
    set_key_status (self, _("Stored in the keyring"), TRUE);

  wipe_string (&key);
}

static void
mr_preferences_window_refresh_key_status (MrPreferencesWindow *self)
{
  g_autofree char *url = dup_server_url (self);

  set_key_status (self, _("Looking in the keyring…"), FALSE);
  mr_key_store_lookup_async (url, restart_cancellable (&self->key_cancellable),
                             key_status_cb, self);
}

/* After a key was stored or removed: says so and shows where the key is now */
static void
key_changed (MrPreferencesWindow *self,
             const char          *toast,
             gboolean             real_api)
{
  add_toast (self, toast);
  credentials_changed (self, real_api);
  mr_preferences_window_refresh_key_status (self);
}

static void
key_call_failed (MrPreferencesWindow *self,
                 const GError        *error)
{
  add_toast (self, error->message);
  mr_preferences_window_refresh_key_status (self);
}

static void
session_dialog_response_cb (MrPreferencesWindow *self,
                            const char          *response,
                            AdwMessageDialog    *dialog)
{
  if (g_strcmp0 (response, "session") == 0 && self->pending_key != NULL)
    {
      mr_key_store_set_session_key (self->pending_server, self->pending_key);
      gtk_editable_set_text (GTK_EDITABLE (self->api_key_row), "");
      key_changed (self, _("The API key is kept for this session only"), TRUE);
    }

  forget_pending_key (self);
}

static void
offer_session_key (MrPreferencesWindow *self,
                   const GError        *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (mr_message_dialog_new (GTK_WINDOW (self),
                                                      _("No Keyring Available"),
                                                      NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s\n\nMailroom can keep the key for this session "
                                    "only. It is never written to disk, and you will "
                                    "have to enter it again next time."),
                                  error->message);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "session", _("_Use for This Session"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "session", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "session");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (session_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
key_stored_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MrPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mr_key_store_store_finish (result, &error))
    {
      /* self may be gone; a newer key may be pending: leave both alone */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (g_error_matches (error, MR_KEY_STORE_ERROR, MR_KEY_STORE_ERROR_UNAVAILABLE))
        {
          offer_session_key (self, error);
          return;
        }

      forget_pending_key (self);
      key_call_failed (self, error);
      return;
    }

  forget_pending_key (self);
  gtk_editable_set_text (GTK_EDITABLE (self->api_key_row), "");
  key_changed (self, _("API key saved in the keyring"), TRUE);
}

static void
api_key_apply_cb (MrPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  g_assert (MR_IS_PREFERENCES_WINDOW (self));

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->api_key_row))));
  if (*key == '\0')
    {
      wipe_string (&key);
      return;
    }

  if (!mr_api_key_check (key, &error))
    {
      wipe_string (&key);
      set_key_status (self, error->message, FALSE);
      return;
    }

  forget_pending_key (self);
  self->pending_key = g_steal_pointer (&key);
  self->pending_server = dup_server_url (self);

  set_key_status (self, _("Saving…"), FALSE);
  mr_key_store_store_async (self->pending_server, self->pending_key,
                            restart_cancellable (&self->key_cancellable),
                            key_stored_cb, self);
}

static void
key_cleared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  MrPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mr_key_store_clear_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      key_call_failed (self, error);
      return;
    }

  key_changed (self, _("API key removed"), FALSE);
}

static void
remove_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  MrPreferencesWindow *self = MR_PREFERENCES_WINDOW (widget);
  g_autofree char *url = dup_server_url (self);

  set_key_status (self, _("Removing…"), FALSE);
  mr_key_store_clear_async (url, restart_cancellable (&self->key_cancellable),
                            key_cleared_cb, self);
}

/* Test connection */

static void
test_failed (MrPreferencesWindow *self,
             const GError        *error)
{
  g_autofree char *message = mr_api_error_describe (error);

  set_test_result (self, message, FALSE);
}

static void
test_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MrPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = NULL;

  page = mr_api_client_list_orders_finish (MR_API_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (page == NULL)
    {
      test_failed (self, error);
      return;
    }

  set_test_result (self, _("Connected: the server accepted the key"), FALSE);
}

static void
run_test (MrPreferencesWindow *self,
          const char          *key)
{
  g_autoptr(MrApiClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = dup_server_url (self);

  client = mr_api_client_new (url, key, &error);
  if (client == NULL)
    {
      test_failed (self, error);
      return;
    }

  /* one order is the cheapest call that needs a valid key */
  mr_api_client_list_orders_async (client, 1, NULL, self->test_cancellable,
                                   test_done_cb, self);
}

static void
test_key_lookup_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MrPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  char *key;

  key = mr_key_store_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    set_test_result (self, error->message, FALSE);
  else if (key == NULL)
    set_test_result (self, _("Enter an API key first"), FALSE);
  else
    run_test (self, key);

  wipe_string (&key);
}

static void
test_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MrPreferencesWindow *self = MR_PREFERENCES_WINDOW (widget);
  g_autofree char *typed = NULL;
  g_autofree char *url = NULL;

  restart_cancellable (&self->test_cancellable);

  set_test_result (self, _("Connecting…"), TRUE);

  /* a key typed but not applied yet is what the user wants to try */
  typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->api_key_row))));
  if (*typed != '\0')
    {
      g_autoptr(GError) error = NULL;

      if (!mr_api_key_check (typed, &error))
        set_test_result (self, error->message, FALSE);
      else
        run_test (self, typed);
      wipe_string (&typed);
      return;
    }

  url = dup_server_url (self);
  mr_key_store_lookup_async (url, self->test_cancellable,
                             test_key_lookup_cb, self);
}

/* Server URL */

static void
server_changed_cb (MrPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
}

static void
server_apply_cb (MrPreferencesWindow *self)
{
  g_autofree char *url = NULL;
  g_autofree char *current = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert (MR_IS_PREFERENCES_WINDOW (self));

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';

  if (len == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "prefs.reset-server", NULL);
      return;
    }

  if (!mr_api_url_check (url, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
      add_toast (self, error->message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  current = dup_server_url (self);
  if (g_strcmp0 (current, url) == 0)
    return;

  g_settings_set_string (self->settings, "server-url", url);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  add_toast (self, _("Server changed"));
  emit_credentials_changed (self);
  mr_preferences_window_refresh_key_status (self);
}

static void
reset_server_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MrPreferencesWindow *self = MR_PREFERENCES_WINDOW (widget);
  g_autofree char *before = dup_server_url (self);
  g_autofree char *after = NULL;

  g_settings_reset (self->settings, "server-url");
  after = dup_server_url (self);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), after);
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");

  if (g_strcmp0 (before, after) != 0)
    {
      emit_credentials_changed (self);
      mr_preferences_window_refresh_key_status (self);
    }
}

static void
demo_mode_changed_cb (MrPreferencesWindow *self,
                      const char          *key,
                      GSettings           *settings)
{
  /* an old "Could not reach Instantly" speaks of the other mode */
  g_cancellable_cancel (self->test_cancellable);
  set_test_result (self, _("Checks the key with a harmless request to the server"), FALSE);
  mr_preferences_window_refresh_key_status (self);

  emit_credentials_changed (self);
}

/* GObject */

static void
mr_preferences_window_constructed (GObject *object)
{
  MrPreferencesWindow *self = MR_PREFERENCES_WINDOW (object);
  g_autofree char *url = NULL;

  G_OBJECT_CLASS (mr_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  g_settings_bind (self->settings, "demo-mode",
                   self->demo_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::demo-mode",
                           G_CALLBACK (demo_mode_changed_cb), self,
                           G_CONNECT_SWAPPED);

  url = dup_server_url (self);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");

  mr_preferences_window_refresh_key_status (self);
}

static void
mr_preferences_window_dispose (GObject *object)
{
  MrPreferencesWindow *self = MR_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->key_cancellable);
  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->key_cancellable);
  g_clear_object (&self->test_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), MR_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (mr_preferences_window_parent_class)->dispose (object);
}

static void
mr_preferences_window_finalize (GObject *object)
{
  MrPreferencesWindow *self = MR_PREFERENCES_WINDOW (object);

  forget_pending_key (self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mr_preferences_window_parent_class)->finalize (object);
}

static void
mr_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MrPreferencesWindow *self = MR_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MrPreferencesWindow *self = MR_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_preferences_window_class_init (MrPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mr_preferences_window_constructed;
  object_class->dispose = mr_preferences_window_dispose;
  object_class->finalize = mr_preferences_window_finalize;
  object_class->get_property = mr_preferences_window_get_property;
  object_class->set_property = mr_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MrPreferencesWindow::credentials-changed:
   *
   * The API key, the server URL or demo mode changed: the client must be
   * rebuilt. The new key is read back with mr_key_store_lookup_async().
   */
  signals[CREDENTIALS_CHANGED] =
    g_signal_new ("credentials-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mailroom/Mailroom/mr-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, demo_switch);
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, api_key_row);
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, key_status_row);
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, remove_key_button);
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrPreferencesWindow, server_row);
  gtk_widget_class_bind_template_callback (widget_class, api_key_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.test-connection", NULL, test_connection_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-key", NULL, remove_key_action);
  gtk_widget_class_install_action (widget_class, "prefs.reset-server", NULL, reset_server_action);
}

static void
mr_preferences_window_init (MrPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_fix_template (GTK_WIDGET (self));
}

MrPreferencesWindow *
mr_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (MR_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}
