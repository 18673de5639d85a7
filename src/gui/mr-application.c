/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-application"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-sim-thread.h"

#include "mr-demo-actions.h"
#include "mr-demo-state.h"

#include "mr-application.h"
#include "mr-a11y.h"
#include "mr-gui-util.h"
#include "mr-startup-probe.h"
#include "mr-window.h"

#include "mr-preferences-window.h"

#define SCHEMA_ID "io.github.mailroom.Mailroom"

struct _MrApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  MrApiClient    *client;
  MrSimThread    *sim;            /* demo mode: the simulator, off this thread */
  GCancellable   *lookup_cancellable;
  char           *demo_reason;
  guint           demo_mode : 1;
  guint           client_injected : 1;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_DEMO_MODE,
  PROP_DEMO_REASON,
  PROP_SETTINGS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MrApplication, mr_application, ADW_TYPE_APPLICATION)

static GParamSpec *properties[N_PROPS];

static void
set_demo_reason (MrApplication *self,
                 const char    *reason)
{
  if (g_strcmp0 (self->demo_reason, reason) == 0)
    return;

  g_free (self->demo_reason);
  self->demo_reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO_REASON]);
}

static void
mr_application_take_client (MrApplication *self,
                            MrApiClient   *client,
                            gboolean       demo_mode)
{
  gboolean client_changed = (client != self->client);

  if (!demo_mode)
    set_demo_reason (self, NULL);

  if (client_changed)
    {
      g_clear_object (&self->client);
      self->client = client;
    }
  else
    g_clear_object (&client);

  if (!demo_mode && self->sim != NULL)
    {
      mr_sim_thread_stop (self->sim);
      g_clear_object (&self->sim);
    }

  if (self->demo_mode != !!demo_mode)
    {
      self->demo_mode = !!demo_mode;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO_MODE]);
    }

  if (client_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

static char *
find_sim_pricing (void)
{
  const char *env = g_getenv ("MR_SIM_PRICING");
  g_autofree char *installed = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  installed = g_build_filename (PKGDATADIR, "sim-pricing.json", NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&installed);

  /* the simulator's built-in defaults equal data/sim-pricing.json */
  return NULL;
}

/* on the simulator's thread, before it listens */
static void
attach_demo_state_cb (MrSimServer *server,
                      gpointer     user_data)
{
  g_autoptr(GError) error = NULL;

  /* demo orders, mailboxes and prices last between runs */
  if (!mr_demo_state_attach (server, &error))
    g_warning ("Demo orders will not be kept: %s", error->message);
}

static void
mr_application_start_demo (MrApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrApiClient) client = NULL;

  /* on a thread of its own: the quotes it computes (a 1,000-domain one
   * too) never compete with this thread's frames */
  if (self->sim == NULL)
    {
      g_autofree char *pricing = find_sim_pricing ();
      g_autoptr(MrSimThread) sim = NULL;

      sim = mr_sim_thread_new (pricing, attach_demo_state_cb, NULL, "127.0.0.1", 0, &error);
      if (sim == NULL && pricing != NULL)
        {
          g_warning ("Could not start the simulator with %s: %s", pricing, error->message);
          g_clear_error (&error);
          sim = mr_sim_thread_new (NULL, attach_demo_state_cb, NULL, "127.0.0.1", 0, &error);
        }

      if (sim == NULL)
        {
          g_critical ("Could not start the demo simulator: %s", error->message);
          return;
        }

      self->sim = g_steal_pointer (&sim);
    }

  client = mr_api_client_new (mr_sim_thread_get_url (self->sim), MR_SIM_DEMO_KEY, &error);
  if (client == NULL)
    {
      g_critical ("Could not talk to the demo simulator: %s", error->message);
      return;
    }

  mr_application_take_client (self, g_steal_pointer (&client), TRUE);
}

static void
key_lookup_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MrApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *url = NULL;
  g_autoptr(MrApiClient) client = NULL;

  key = mr_key_store_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->lookup_cancellable);

  if (error != NULL)
    g_message ("No API key available (%s); running in demo mode", error->message);

  url = g_settings_get_string (self->settings, "server-url");

  if (key == NULL || *key == '\0')
    {
      g_autofree char *reason = NULL;

      /* Translators: %s is the server's address, e.g. https://api.instantly.ai */
      reason = g_strdup_printf (_("No API key for %s: running in demo mode. "
                                  "Nothing can be charged."), url);
      set_demo_reason (self, reason);
      mr_application_start_demo (self);
      return;
    }

  g_clear_error (&error);
  client = mr_api_client_new (url, key, &error);
  if (client == NULL)
    {
      g_autofree char *reason = NULL;

      g_warning ("Cannot use the server %s: %s; running in demo mode", url, error->message);
      /* Translators: the first %s is why the server cannot be used, a sentence */
      reason = g_strdup_printf (_("%s Running in demo mode. Nothing can be charged."),
                                error->message);
      set_demo_reason (self, reason);
      mr_application_start_demo (self);
      return;
    }

  mr_application_take_client (self, g_steal_pointer (&client), FALSE);
}

void
mr_application_reload_client (MrApplication *self)
{
  g_autofree char *url = NULL;

  g_return_if_fail (MR_IS_APPLICATION (self));

  self->client_injected = FALSE;
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);

  if (g_settings_get_boolean (self->settings, "demo-mode"))
    {
      set_demo_reason (self, NULL);
      mr_application_start_demo (self);
      return;
    }

  url = g_settings_get_string (self->settings, "server-url");
  self->lookup_cancellable = g_cancellable_new ();
  mr_key_store_lookup_async (url, self->lookup_cancellable, key_lookup_cb, g_object_ref (self));
}

static void
credentials_changed_cb (MrApplication *self)
{
  mr_application_reload_client (self);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  MrApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  MrPreferencesWindow *prefs = mr_preferences_window_new (parent, self->settings);

  g_signal_connect_object (prefs, "credentials-changed",
                           G_CALLBACK (credentials_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  MrApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!GTK_IS_APPLICATION_WINDOW (window))
    return;

  /* built when first asked for, not with each window before its first frame */
  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource ("/io/github/mailroom/Mailroom/help-overlay.ui");
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (window),
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder,
                                                                                             "help_overlay")));
      mr_a11y_built_window_fix_names (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")),
                                      _("Keyboard Shortcuts"));
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  MrApplication *self = user_data;
  const char *developers[] = { _("The Mailroom developers"), NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  const char *icon = APP_ID;
  GtkWidget *about;

  /* not installed (the build tree), or a .Devel build: the icon in our resources */
  if (!gtk_icon_theme_has_icon (theme, icon))
    icon = "io.github.mailroom.Mailroom";

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Mailroom"),
                        "application-icon", icon,
                        "developer-name", _("The Mailroom developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Order Done-For-You email accounts on your own domains, "
                                      "with a price that follows every edit."),
                        "website", "https://github.com/mailroom/mailroom",
                        "issue-url", "https://github.com/mailroom/mailroom/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2025 The Mailroom developers"),
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  mr_a11y_built_window_fix_names (GTK_WINDOW (about), NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  MrApplication *self = user_data;
  GList *windows;

  /* closing lets each window save its size and draft */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
read_icon_theme_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  /* any lookup reads the theme first, under the theme's own lock */
  gtk_icon_theme_has_icon (task_data, "open-menu-symbolic");
  g_task_return_boolean (task, TRUE);
}

/* GTK starts reading the icon theme in a thread when the display opens, but
 * GtkApplication and then libadwaita add their icon resource paths after
 * that, and each addition drops what was read: the window's first icon
 * would read the whole theme again on the main thread, before the first
 * frame (about a fifth of the window's own start-up). Read it once more in
 * a thread now, while the window is being built; a lookup on the main thread
 * waits for it, or reads it itself if it comes first. */
static void
read_icon_theme_in_thread (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GTask) task = NULL;

  if (display == NULL)
    return;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (gtk_icon_theme_get_for_display (display)),
                        g_object_unref);
  g_task_run_in_thread (task, read_icon_theme_thread);
}

static void
mr_application_startup (GApplication *app)
{
  MrApplication *self = MR_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.new-order", { "<Control>n", NULL } },
    { "win.place-order", { "<Control>Return", "<Control>KP_Enter", NULL } },
    { "win.focus-add-entry", { "<Control>l", NULL } },
    { "win.show-orders", { "<Control><Shift>o", NULL } },
    { "win.open-order", { "<Control>o", NULL } },
    { "win.save-order-as", { "<Control><Shift>s", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (mr_application_parent_class)->startup (app);
  read_icon_theme_in_thread ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  mr_demo_actions_install (self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  g_signal_connect_object (self->settings, "changed::demo-mode",
                           G_CALLBACK (credentials_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* A window that opens on a restored draft is shown once the draft's first
 * quote is in, or after FIRST_QUOTE_WAIT_MS, whichever comes first: with
 * the built-in simulator or a near server the window then opens complete on
 * its first frame, instead of with "Getting a Price…" and a second layout
 * and paint of the whole window a moment later; a slower server finds the
 * window already open. The demo simulator answers on its own thread, but
 * the wait still pays: it ends on the quote about 2 ms after the window is
 * built (the timeout never fired in 10 runs), and without it a start on a
 * 3-domain draft took 470 ms of CPU instead of 395 (medians of 10
 * interleaved runs), the second layout and paint. */
#define FIRST_QUOTE_WAIT_MS 50

/* MR_FIRST_QUOTE_WAIT_MS changes the wait for instruction profiles
 * (bench-startup --callgrind): run some fifty times slower, the window
 * would open on the timeout there, and the profile count a layout that a
 * start at full speed does not make. */
static guint
first_quote_wait_ms (void)
{
  const char *env = g_getenv ("MR_FIRST_QUOTE_WAIT_MS");
  guint64 ms;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 600000, &ms, NULL))
    return (guint) ms;

  return FIRST_QUOTE_WAIT_MS;
}

typedef struct
{
  GtkWindow        *window;
  MrQuoteScheduler *scheduler;
  gulong            handler;
  guint             timeout_id;
} Opening;

static void
opening_present (Opening *opening)
{
  g_clear_signal_handler (&opening->handler, opening->scheduler);
  g_clear_handle_id (&opening->timeout_id, g_source_remove);
  gtk_window_present (opening->window);
  g_object_unref (opening->scheduler);
  g_object_unref (opening->window);
  g_free (opening);
}

static void
opening_state_cb (MrQuoteScheduler *scheduler,
                  GParamSpec       *pspec,
                  Opening          *opening)
{
  if (mr_quote_scheduler_get_state (scheduler) != MR_QUOTE_STATE_QUOTING)
    opening_present (opening);
}

static gboolean
opening_timeout_cb (gpointer user_data)
{
  Opening *opening = user_data;

  opening->timeout_id = 0;
  opening_present (opening);

  return G_SOURCE_REMOVE;
}

static void
present_when_quoted (GtkWindow *window)
{
  MrQuoteScheduler *scheduler = mr_window_get_scheduler (MR_WINDOW (window));
  Opening *opening;

  if (scheduler == NULL || mr_quote_scheduler_get_state (scheduler) != MR_QUOTE_STATE_QUOTING)
    {
      gtk_window_present (window);
      return;
    }

  opening = g_new0 (Opening, 1);
  opening->window = g_object_ref (window);
  opening->scheduler = g_object_ref (scheduler);
  opening->handler = g_signal_connect (scheduler, "notify::state",
                                       G_CALLBACK (opening_state_cb), opening);
  opening->timeout_id = g_timeout_add (first_quote_wait_ms (), opening_timeout_cb, opening);
}

static void
mr_application_activate (GApplication *app)
{
  MrApplication *self = MR_APPLICATION (app);
  GtkWindow *window;

  if (self->client == NULL && self->lookup_cancellable == NULL && !self->client_injected)
    mr_application_reload_client (self);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      window = GTK_WINDOW (mr_window_new (self));
      mr_startup_probe_attach (MR_WINDOW (window));
      present_when_quoted (window);
      return;
    }

  gtk_window_present (window);
}

static void
mr_application_constructed (GObject *object)
{
  MrApplication *self = MR_APPLICATION (object);

  G_OBJECT_CLASS (mr_application_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (SCHEMA_ID);
}

static void
mr_application_dispose (GObject *object)
{
  MrApplication *self = MR_APPLICATION (object);

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->client);
  if (self->sim != NULL)
    mr_sim_thread_stop (self->sim);
  g_clear_object (&self->sim);

  G_OBJECT_CLASS (mr_application_parent_class)->dispose (object);
}

static void
mr_application_finalize (GObject *object)
{
  MrApplication *self = MR_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->demo_reason, g_free);

  G_OBJECT_CLASS (mr_application_parent_class)->finalize (object);
}

static void
mr_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MrApplication *self = MR_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_DEMO_MODE:
      g_value_set_boolean (value, self->demo_mode);
      break;

    case PROP_DEMO_REASON:
      g_value_set_string (value, self->demo_reason);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MrApplication *self = MR_APPLICATION (object);

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
mr_application_class_init (MrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = mr_application_constructed;
  object_class->dispose = mr_application_dispose;
  object_class->finalize = mr_application_finalize;
  object_class->get_property = mr_application_get_property;
  object_class->set_property = mr_application_set_property;

  app_class->startup = mr_application_startup;
  app_class->activate = mr_application_activate;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         MR_TYPE_API_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DEMO_MODE] =
    g_param_spec_boolean ("demo-mode", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DEMO_REASON] =
    g_param_spec_string ("demo-reason", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mr_application_init (MrApplication *self)
{
  self->demo_mode = TRUE;
}

MrApplication *
mr_application_new (void)
{
  return g_object_new (MR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/mailroom/Mailroom",
                       NULL);
}

MrApiClient *
mr_application_get_client (MrApplication *self)
{
  g_return_val_if_fail (MR_IS_APPLICATION (self), NULL);

  return self->client;
}

MrSimThread *
mr_application_get_sim (MrApplication *self)
{
  g_return_val_if_fail (MR_IS_APPLICATION (self), NULL);

  return self->sim;
}

gboolean
mr_application_get_demo_mode (MrApplication *self)
{
  g_return_val_if_fail (MR_IS_APPLICATION (self), TRUE);

  return self->demo_mode;
}

const char *
mr_application_get_demo_reason (MrApplication *self)
{
  g_return_val_if_fail (MR_IS_APPLICATION (self), NULL);

  return self->demo_reason;
}

GSettings *
mr_application_get_settings (MrApplication *self)
{
  g_return_val_if_fail (MR_IS_APPLICATION (self), NULL);

  return self->settings;
}

void
mr_application_set_client (MrApplication *self,
                           MrApiClient   *client,
                           gboolean       demo_mode)
{
  g_return_if_fail (MR_IS_APPLICATION (self));
  g_return_if_fail (client == NULL || MR_IS_API_CLIENT (client));

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->client_injected = TRUE;
  set_demo_reason (self, NULL);

  mr_application_take_client (self, client ? g_object_ref (client) : NULL, demo_mode);
}
