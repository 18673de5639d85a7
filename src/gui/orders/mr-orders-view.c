/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-orders-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-a11y.h"
#include "mr-cancel-dialog.h"
#include "mr-export.h"
#include "mr-gui-util.h"
#include "mr-mailboxes-page.h"
#include "mr-message-dialog.h"
#include "mr-orders-page.h"
#include "mr-orders-view.h"

#define DEFAULT_PAGE_SIZE      50
#define DEFAULT_MAX_RETRY_WAIT 300

struct _MrOrdersView
{
  GtkWidget             parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkButton            *back_button;
  GtkMenuButton        *menu_button;
  GtkStack             *refresh_stack;
  GtkSpinner           *refresh_spinner;
  AdwViewStack         *stack;
  MrOrdersPage         *orders_page;
  MrMailboxesPage      *mailboxes_page;

  MrApiClient          *client;
  guint                 page_size;
  guint                 max_retry_wait;
  gboolean              show_back_button;
  gboolean              show_passwords;
  gboolean              needs_reload;
  gboolean              busy;

  GCancellable         *cancel_cancellable;
  gboolean              cancelling;
  guint                 n_exports;
  GCancellable         *export_cancellable;
  AdwMessageDialog     *dialog;
  GtkFileChooserNative *chooser;
};

enum {
  PROP_0,
  PROP_PAGE_SIZE,
  PROP_SHOW_BACK_BUTTON,
  PROP_SHOW_PASSWORDS,
  PROP_MAX_RETRY_WAIT,
  PROP_BUSY,
  N_PROPS
};

enum {
  EXTRA_ACCOUNTS_REQUESTED,
  BACK_REQUESTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MrOrdersView, mr_orders_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_busy (MrOrdersView *self)
{
  gboolean busy;

  busy = mr_orders_page_get_busy (self->orders_page) ||
         mr_mailboxes_page_get_busy (self->mailboxes_page) ||
         self->n_exports > 0;

  gtk_spinner_set_spinning (self->refresh_spinner, busy);
  gtk_stack_set_visible_child_name (self->refresh_stack, busy ? "spinner" : "button");

  if (busy == self->busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_actions (MrOrdersView *self)
{
  guint n_selected;
  guint n_accounts;

  g_object_get (self->mailboxes_page,
                "n-selected", &n_selected,
                "n-accounts", &n_accounts,
                NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.cancel-selected",
                                 n_selected > 0 && !self->cancelling && self->client != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.select-none", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.export", n_accounts > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.refresh", self->client != NULL);
}

static void
reload_all (MrOrdersView *self)
{
  self->needs_reload = FALSE;
  mr_orders_page_reload (self->orders_page);
  mr_mailboxes_page_reload (self->mailboxes_page);
}

/* Dialogs */

static void
set_dialog (MrOrdersView     *self,
            AdwMessageDialog *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);

  self->dialog = dialog;

  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static GtkWindow *
get_parent_window (MrOrdersView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static AdwMessageDialog *
new_dialog (MrOrdersView *self,
            const char   *heading,
            const char   *body)
{
  GtkWidget *dialog;

  dialog = mr_message_dialog_new (get_parent_window (self), heading, body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  set_dialog (self, ADW_MESSAGE_DIALOG (dialog));

  return ADW_MESSAGE_DIALOG (dialog);
}

static void
show_error_dialog (MrOrdersView *self,
                   const char   *heading,
                   const char   *body)
{
  AdwMessageDialog *dialog = new_dialog (self, heading, body);

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast (MrOrdersView *self,
            const char   *title)
{
  mr_show_toast (GTK_WIDGET (self->toast_overlay), title);
}

/* Cancelling */

static void
set_cancelling (MrOrdersView *self,
                gboolean      cancelling)
{
  self->cancelling = cancelling;
  mr_mailboxes_page_set_cancelling (self->mailboxes_page, cancelling);
  update_actions (self);
}

static void
cancel_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MrOrdersView) self = user_data;
  g_autoptr(GPtrArray) cancelled = NULL;
  g_autoptr(GError) error = NULL;

  cancelled = mr_api_client_cancel_accounts_finish (MR_API_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_cancelling (self, FALSE);

  if (error != NULL)
    {
      g_autofree char *message = mr_api_error_describe (error);

      show_error_dialog (self, _("Mailboxes Not Cancelled"), message);
    }
  else
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("%u mailbox cancelled", "%u mailboxes cancelled",
                                           cancelled->len), cancelled->len);
      show_toast (self, message);
      mr_mailboxes_page_select_none (self->mailboxes_page);
    }

  /* Whatever happened, show what the server has now. */
  reload_all (self);
}

static void
cancel_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MrOrdersView     *self)
{
  const char * const *emails = mr_cancel_dialog_get_emails (dialog);

  if (g_strcmp0 (response, "cancel") != 0 || emails == NULL || emails[0] == NULL ||
      self->client == NULL || self->cancelling)
    return;

  g_cancellable_cancel (self->cancel_cancellable);
  g_clear_object (&self->cancel_cancellable);
  self->cancel_cancellable = g_cancellable_new ();

  mr_api_client_cancel_accounts_async (self->client, emails, self->cancel_cancellable,
                                       cancel_done_cb, g_object_ref (self));
  mr_mailboxes_page_focus_after_cancel (self->mailboxes_page, emails);
  set_cancelling (self, TRUE);
  mr_announce (GTK_WIDGET (self), ngettext ("Cancelling the mailbox…",
                                            "Cancelling the mailboxes…",
                                            g_strv_length ((GStrv) emails)));
}

static void
cancel_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MrOrdersView *self = MR_ORDERS_VIEW (widget);
  g_auto(GStrv) emails = NULL;
  AdwMessageDialog *dialog;

  emails = mr_mailboxes_page_get_selected (self->mailboxes_page);
  if (emails[0] == NULL || self->cancelling)
    return;

  dialog = mr_cancel_dialog_new (get_parent_window (self), (const char * const *) emails);
  set_dialog (self, dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Passwords */

static void
passwords_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       MrOrdersView     *self)
{
  if (g_strcmp0 (response, "show") != 0 || self->show_passwords)
    return;

  self->show_passwords = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PASSWORDS]);
  mr_mailboxes_page_set_show_passwords (self->mailboxes_page, TRUE);
}

/* Exporting */

static void
export_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MrOrdersView *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  g_assert (self->n_exports > 0);

  self->n_exports--;
  /* an export may end after dispose, with no widgets left to update */
  if (self->refresh_spinner != NULL)
    update_busy (self);

  if (!mr_export_accounts_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
mr_orders_view_export_async (MrOrdersView        *self,
                             GFile               *file,
                             gboolean             include_passwords,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *accounts;

  g_return_if_fail (MR_IS_ORDERS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_orders_view_export_async);

  accounts = mr_mailboxes_page_get_loaded_accounts (self->mailboxes_page);

  if (include_passwords && self->client == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("Not connected to Instantly"));
      return;
    }

  if (!include_passwords && accounts == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The mailboxes have not been loaded yet"));
      return;
    }

  self->n_exports++;
  update_busy (self);
  mr_export_accounts_async (self->client, accounts, file, include_passwords, cancellable,
                            export_written_cb, g_steal_pointer (&task));
}

gboolean
mr_orders_view_export_finish (MrOrdersView  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mr_orders_view_export_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  MrOrdersView *self = MR_ORDERS_VIEW (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  if (!mr_orders_view_export_finish (self, result, &error))
    {
      g_autofree char *message = NULL;

      /* only dispose cancels an export started here */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (error->domain == MR_API_ERROR)
        message = mr_api_error_describe (error);
      else
        message = g_strdup (error->message);

      show_error_dialog (self, _("Mailboxes Not Exported"), message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Mailboxes exported to “%s”"), name);
      g_autofree char *uri = g_file_get_uri (file);
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 8);
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "orders.open-file");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      mr_announce (GTK_WIDGET (self), message);
    }
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MrOrdersView *self = MR_ORDERS_VIEW (widget);

  if (self->show_back_button)
    g_signal_emit (self, signals[BACK_REQUESTED], 0);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     MrOrdersView    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      gboolean include_passwords = FALSE;
      g_autoptr(GFile) file = mr_export_chooser_get_file (self->chooser, &include_passwords);

      if (file != NULL)
        {
          if (self->export_cancellable == NULL)
            self->export_cancellable = g_cancellable_new ();
          mr_orders_view_export_async (self, file, include_passwords, self->export_cancellable,
                                       export_done_cb, g_object_ref (file));
        }
    }

  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MrOrdersView *self = MR_ORDERS_VIEW (widget);

  if (self->chooser != NULL)
    return;

  self->chooser = mr_export_chooser_new (widget);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Other actions */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  reload_all (MR_ORDERS_VIEW (widget));
}

static void
load_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  mr_orders_page_load_more (MR_ORDERS_VIEW (widget)->orders_page);
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  mr_mailboxes_page_select_none (MR_ORDERS_VIEW (widget)->mailboxes_page);
}

static void
select_domain_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  mr_mailboxes_page_toggle_domain (MR_ORDERS_VIEW (widget)->mailboxes_page,
                                   g_variant_get_string (parameter, NULL));
}

static void
order_more_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MrOrdersView *self = MR_ORDERS_VIEW (widget);
  const char *domain = g_variant_get_string (parameter, NULL);

  g_signal_emit (self, signals[EXTRA_ACCOUNTS_REQUESTED], 0, domain,
                 mr_mailboxes_page_get_domain_provider (self->mailboxes_page, domain));
}

static void
copy_address_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MrOrdersView *self = MR_ORDERS_VIEW (widget);
  const char *email = g_variant_get_string (parameter, NULL);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), email);
  show_toast (self, _("Address copied"));
}

static void
view_mailboxes_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MrOrdersView *self = MR_ORDERS_VIEW (widget);

  adw_view_stack_set_visible_child_name (self->stack, "mailboxes");
  mr_mailboxes_page_focus_domain (self->mailboxes_page, g_variant_get_string (parameter, NULL));
}

static void
back_clicked_cb (MrOrdersView *self)
{
  g_signal_emit (self, signals[BACK_REQUESTED], 0);
}

static void
page_busy_cb (MrOrdersView *self)
{
  update_busy (self);
}

static void
mailboxes_changed_cb (MrOrdersView *self)
{
  update_actions (self);
}

/* GObject */

static void
mr_orders_view_map (GtkWidget *widget)
{
  MrOrdersView *self = MR_ORDERS_VIEW (widget);

  GTK_WIDGET_CLASS (mr_orders_view_parent_class)->map (widget);

  if (self->needs_reload)
    reload_all (self);
}

static void
mr_orders_view_dispose (GObject *object)
{
  MrOrdersView *self = (MrOrdersView *) object;

  g_cancellable_cancel (self->cancel_cancellable);
  g_clear_object (&self->cancel_cancellable);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  if (self->dialog != NULL)
    {
      GtkWindow *dialog = GTK_WINDOW (self->dialog);

      set_dialog (self, NULL);
      gtk_window_destroy (dialog);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), MR_TYPE_ORDERS_VIEW);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (mr_orders_view_parent_class)->dispose (object);
}

static void
mr_orders_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MrOrdersView *self = MR_ORDERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    case PROP_SHOW_PASSWORDS:
      g_value_set_boolean (value, self->show_passwords);
      break;

    case PROP_MAX_RETRY_WAIT:
      g_value_set_uint (value, self->max_retry_wait);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_orders_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MrOrdersView *self = MR_ORDERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE_SIZE:
      mr_orders_view_set_page_size (self, g_value_get_uint (value));
      break;

    case PROP_SHOW_BACK_BUTTON:
      mr_orders_view_set_show_back_button (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_PASSWORDS:
      mr_orders_view_set_show_passwords (self, g_value_get_boolean (value));
      break;

    case PROP_MAX_RETRY_WAIT:
      if (self->max_retry_wait != g_value_get_uint (value))
        {
          self->max_retry_wait = g_value_get_uint (value);
          mr_orders_page_set_max_retry_wait (self->orders_page, self->max_retry_wait);
          mr_mailboxes_page_set_max_retry_wait (self->mailboxes_page, self->max_retry_wait);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_orders_view_class_init (MrOrdersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_orders_view_dispose;
  object_class->get_property = mr_orders_view_get_property;
  object_class->set_property = mr_orders_view_set_property;

  gtk_widget_class_install_action (widget_class, "orders.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "orders.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "orders.back", NULL);

  widget_class->map = mr_orders_view_map;

  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL,
                       1, 100, DEFAULT_PAGE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_PASSWORDS] =
    g_param_spec_boolean ("show-passwords", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MAX_RETRY_WAIT] =
    g_param_spec_uint ("max-retry-wait", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_MAX_RETRY_WAIT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EXTRA_ACCOUNTS_REQUESTED] =
    g_signal_new ("extra-accounts-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  signals[BACK_REQUESTED] =
    g_signal_new ("back-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (MR_TYPE_ORDERS_PAGE);
  g_type_ensure (MR_TYPE_MAILBOXES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mailroom/Mailroom/mr-orders-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, back_button);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, stack);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, orders_page);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, mailboxes_page);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_busy_cb);
  gtk_widget_class_bind_template_callback (widget_class, mailboxes_changed_cb);

  gtk_widget_class_install_action (widget_class, "orders.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "orders.load-more", NULL, load_more_action);
  gtk_widget_class_install_action (widget_class, "orders.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "orders.open-file", "s", open_file_action);
  gtk_widget_class_install_property_action (widget_class, "orders.show-passwords",
                                            "show-passwords");
  gtk_widget_class_install_action (widget_class, "orders.cancel-selected", NULL,
                                   cancel_selected_action);
  gtk_widget_class_install_action (widget_class, "orders.select-none", NULL,
                                   select_none_action);
  gtk_widget_class_install_action (widget_class, "orders.select-domain", "s",
                                   select_domain_action);
  gtk_widget_class_install_action (widget_class, "orders.order-more", "s",
                                   order_more_action);
  gtk_widget_class_install_action (widget_class, "orders.copy-address", "s",
                                   copy_address_action);
  gtk_widget_class_install_action (widget_class, "orders.view-mailboxes", "s",
                                   view_mailboxes_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "orders.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "orders.refresh", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mr_orders_view_init (MrOrdersView *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
  self->max_retry_wait = DEFAULT_MAX_RETRY_WAIT;
  self->needs_reload = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  mr_orders_page_set_page_size (self->orders_page, self->page_size);
  mr_orders_page_set_max_retry_wait (self->orders_page, self->max_retry_wait);
  mr_mailboxes_page_set_page_size (self->mailboxes_page, self->page_size);
  mr_mailboxes_page_set_max_retry_wait (self->mailboxes_page, self->max_retry_wait);

  update_busy (self);
  update_actions (self);

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_toast_overlay_fix_names (self->toast_overlay);
  mr_a11y_menu_button_fix_names (self->menu_button);
}

GtkWidget *
mr_orders_view_new (void)
{
  return g_object_new (MR_TYPE_ORDERS_VIEW, NULL);
}

void
mr_orders_view_set_client (MrOrdersView *self,
                           MrApiClient  *client)
{
  g_return_if_fail (MR_IS_ORDERS_VIEW (self));
  g_return_if_fail (!client || MR_IS_API_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  mr_orders_page_set_client (self->orders_page, client);
  mr_mailboxes_page_set_client (self->mailboxes_page, client);
  update_actions (self);

  mr_orders_view_reload (self);
}

void
mr_orders_view_reload (MrOrdersView *self)
{
  g_return_if_fail (MR_IS_ORDERS_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload_all (self);
  else
    self->needs_reload = TRUE;
}

void
mr_orders_view_set_visible_page (MrOrdersView *self,
                                 const char   *name)
{
  g_return_if_fail (MR_IS_ORDERS_VIEW (self));
  g_return_if_fail (g_strcmp0 (name, "orders") == 0 || g_strcmp0 (name, "mailboxes") == 0);

  adw_view_stack_set_visible_child_name (self->stack, name);
}

void
mr_orders_view_set_show_back_button (MrOrdersView *self,
                                     gboolean      show)
{
  g_return_if_fail (MR_IS_ORDERS_VIEW (self));

  show = !!show;
  if (self->show_back_button == show)
    return;

  self->show_back_button = show;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

void
mr_orders_view_set_page_size (MrOrdersView *self,
                              guint         page_size)
{
  g_return_if_fail (MR_IS_ORDERS_VIEW (self));

  page_size = CLAMP (page_size, 1, 100);
  if (self->page_size == page_size)
    return;

  self->page_size = page_size;
  mr_orders_page_set_page_size (self->orders_page, page_size);
  mr_mailboxes_page_set_page_size (self->mailboxes_page, page_size);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}

void
mr_orders_view_set_show_passwords (MrOrdersView *self,
                                   gboolean      show)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (MR_IS_ORDERS_VIEW (self));

  show = !!show;
  if (self->show_passwords == show)
    return;

  if (!show)
    {
      self->show_passwords = FALSE;
      mr_mailboxes_page_set_show_passwords (self->mailboxes_page, FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PASSWORDS]);
      return;
    }

  dialog = new_dialog (self, _("Show Passwords?"),
                       _("The passwords of all mailboxes are fetched from Instantly and shown "
                         "in this window. Anyone who can see your screen can read them."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "show", _("_Show Passwords"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "show", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (passwords_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
mr_orders_view_get_show_passwords (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), FALSE);

  return self->show_passwords;
}

gboolean
mr_orders_view_get_busy (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), FALSE);

  return self->busy;
}

GListModel *
mr_orders_view_get_orders (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), NULL);

  return mr_orders_page_get_orders (self->orders_page);
}

guint
mr_orders_view_get_n_loaded_orders (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), 0);

  return mr_orders_page_get_n_loaded (self->orders_page);
}

gboolean
mr_orders_view_get_all_orders_loaded (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), FALSE);

  return mr_orders_page_get_all_loaded (self->orders_page);
}

GPtrArray *
mr_orders_view_get_accounts (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), NULL);

  return mr_mailboxes_page_get_accounts (self->mailboxes_page);
}

void
mr_orders_view_set_filter_text (MrOrdersView *self,
                                const char   *text)
{
  g_return_if_fail (MR_IS_ORDERS_VIEW (self));

  mr_orders_page_set_filter_text (self->orders_page, text);
}

const char *
mr_orders_view_get_orders_state (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), NULL);

  return mr_orders_page_get_state (self->orders_page);
}

const char *
mr_orders_view_get_accounts_state (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), NULL);

  return mr_mailboxes_page_get_state (self->mailboxes_page);
}

const char *
mr_orders_view_get_notice (MrOrdersView *self)
{
  const char *notice;

  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), NULL);

  notice = mr_orders_page_get_notice (self->orders_page);
  if (notice == NULL)
    notice = mr_mailboxes_page_get_notice (self->mailboxes_page);

  return notice;
}

gboolean
mr_orders_view_set_account_selected (MrOrdersView *self,
                                     const char   *email,
                                     gboolean      selected)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), FALSE);
  g_return_val_if_fail (email != NULL, FALSE);

  return mr_mailboxes_page_set_account_selected (self->mailboxes_page, email, selected);
}

GStrv
mr_orders_view_get_selected (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), NULL);

  return mr_mailboxes_page_get_selected (self->mailboxes_page);
}

AdwMessageDialog *
mr_orders_view_get_dialog (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), NULL);

  return self->dialog;
}
