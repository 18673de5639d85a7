/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-window-private.h"

#include "mr-confirm-dialog.h"

#include "mr-orders-view.h"

#define MAX_CHECK_PAGES 20

/* This very revision went to a hosted checkout: placing it again from
 * here would make a second order. Any edit makes a new revision. */
static gboolean
checkout_blocks (MrWindow *self)
{
  return self->checkout_sent &&
         self->checkout_revision == mr_order_get_revision (self->order);
}

void
_mr_window_update_actions (MrWindow *self)
{
  MrQuote *fresh = NULL;
  gboolean on_order;
  gboolean can_place;

  on_order = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "order") == 0;

  if (self->scheduler != NULL)
    fresh = mr_quote_scheduler_get_fresh_quote (self->scheduler);

  can_place = on_order &&
              !self->placing &&
              self->client != NULL &&
              fresh != NULL &&
              fresh->revision == mr_order_get_revision (self->order) &&
              mr_quote_allows_placing (fresh, NULL) &&
              mr_order_get_n_items (self->order) > 0 &&
              !checkout_blocks (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.place-order", can_place);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-order", !self->placing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.order-type", !self->placing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->order_type_dropdown), !self->placing && on_order);
  gtk_widget_set_sensitive (GTK_WIDGET (self->leaflet), !self->placing);

  gtk_stack_set_visible_child_name (self->place_stack, self->placing ? "busy" : "idle");
  gtk_spinner_set_spinning (self->place_spinner, self->placing);
  gtk_widget_set_visible (self->place_button, on_order || self->placing);
}

void
_mr_window_new_order (MrWindow    *self,
                      MrOrderType  order_type,
                      gboolean     with_undo)
{
  gboolean had_items = mr_order_get_n_items (self->order) > 0;

  g_clear_object (&self->undo_order);
  if (with_undo && had_items)
    {
      self->undo_order = mr_order_copy (self->order);
      self->undo_checkout_sent = checkout_blocks (self);
      self->undo_attempt_unknown = self->attempt_unknown;
    }

  /* a new order has no history */
  self->checkout_sent = FALSE;
  self->attempt_unknown = FALSE;

  g_clear_pointer (&self->place_problems, g_ptr_array_unref);
  _mr_window_hide_error (self);

  mr_order_remove_all (self->order);
  mr_order_set_order_type (self->order, order_type);

  gtk_stack_set_visible_child_name (self->main_stack, "order");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  _mr_window_update_problems (self);
  _mr_window_update_actions (self);

  if (self->undo_order != NULL)
    {
      AdwToast *toast = adw_toast_new (_("Started a new order"));

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  mr_domain_list_focus_entry (self->domain_list);
}

static void
new_order_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);

  _mr_window_new_order (self, mr_order_get_order_type (self->order), TRUE);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);
  g_autoptr(MrOrder) saved = g_steal_pointer (&self->undo_order);

  if (saved == NULL || self->placing)
    return;

  mr_order_assign (self->order, saved);
  mr_order_set_order_type (self->order, mr_order_get_order_type (saved));

  /* the same order comes back with what is known about it */
  self->attempt_unknown = self->undo_attempt_unknown;
  self->checkout_sent = self->undo_checkout_sent;
  self->checkout_revision = mr_order_get_revision (self->order);
  gtk_stack_set_visible_child_name (self->main_stack, "order");
  _mr_window_update_actions (self);
}

static void
order_type_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);
  MrOrderType type;

  if (!mr_order_type_from_string (g_variant_get_string (param, NULL), &type))
    return;

  if (type == mr_order_get_order_type (self->order) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "order") == 0)
    return;

  /* the domains of one kind of order make no sense in another */
  if (mr_order_get_n_items (self->order) > 0)
    _mr_window_new_order (self, type, TRUE);
  else
    {
      mr_order_set_order_type (self->order, type);
      gtk_stack_set_visible_child_name (self->main_stack, "order");
      _mr_window_update_actions (self);
    }
}

static void
focus_add_entry_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "order") != 0)
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  mr_domain_list_focus_entry (self->domain_list);
}

static void
show_domains_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
back_to_order_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->main_stack, "order");
  _mr_window_update_actions (self);

  if (checkout_blocks (self))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("This order went to checkout in your browser. "
                                                  "Change it or start a new order to place "
                                                  "another.")));
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  _mr_window_hide_error (MR_WINDOW (widget));
}

static void
show_result (MrWindow     *self,
             MrResultKind  kind,
             MrOrder      *order,
             const char   *detail)
{
  mr_result_page_show (self->result_page, kind, order, detail);
  gtk_stack_set_visible_child_name (self->main_stack, "result");
  _mr_window_update_actions (self);
}

/* The order went through: show what was ordered, start afresh. */
static void
order_done (MrWindow     *self,
            MrResultKind  kind)
{
  g_clear_object (&self->placed_order);
  self->placed_order = mr_order_copy (self->order);
  self->attempt_unknown = FALSE;
  self->checkout_sent = FALSE;

  show_result (self, kind, self->placed_order, NULL);

  g_clear_object (&self->undo_order);
  g_clear_pointer (&self->place_problems, g_ptr_array_unref);
  _mr_window_hide_error (self);
  mr_order_remove_all (self->order);
  mr_window_flush_draft (self);

  if (self->checker != NULL)
    mr_domain_checker_invalidate (self->checker);
}

/* After "result unknown": look for the order's domains (or, for extra
 * mailboxes, its addresses) in the server's lists. Never sends again. */
typedef struct
{
  MrWindow   *self;
  GHashTable *missing;   /* domains or addresses not seen yet */
  gboolean    accounts;
  guint       n_pages;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->missing, g_hash_table_unref);
  g_free (data);
}

static void check_page_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
check_next_page (CheckData  *data,
                 const char *starting_after)
{
  MrWindow *self = data->self;

  data->n_pages++;
  if (data->accounts)
    mr_api_client_list_accounts_async (self->client, 100, starting_after, FALSE,
                                       self->cancellable, check_page_cb, data);
  else
    mr_api_client_list_orders_async (self->client, 100, starting_after,
                                     self->cancellable, check_page_cb, data);
}

static void
check_page_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckData *data = user_data;
  MrWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = NULL;

  if (data->accounts)
    page = mr_api_client_list_accounts_finish (MR_API_CLIENT (source), result, &error);
  else
    page = mr_api_client_list_orders_finish (MR_API_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      check_data_free (data);
      return;
    }

  if (error != NULL)
    {
      g_autofree char *message = mr_api_error_describe (error);

      show_result (self, MR_RESULT_UNKNOWN_FAILED, self->order, message);
      check_data_free (data);
      return;
    }

  for (guint i = 0; i < page->items->len; i++)
    {
      if (data->accounts)
        {
          const MrOrderedAccount *account = g_ptr_array_index (page->items, i);

          if (account->email != NULL && !account->cancelled)
            {
              g_autofree char *email = g_ascii_strdown (account->email, -1);

              g_hash_table_remove (data->missing, email);
            }
        }
      else
        {
          const MrOrderRecord *record = g_ptr_array_index (page->items, i);
          g_autofree char *key = mr_domain_key (record->domain);

          if (!record->cancelled)
            g_hash_table_remove (data->missing, key);
        }
    }

  if (g_hash_table_size (data->missing) > 0 &&
      page->next_starting_after != NULL &&
      data->n_pages < MAX_CHECK_PAGES)
    {
      check_next_page (data, page->next_starting_after);
      return;
    }

  if (g_hash_table_size (data->missing) == 0)
    order_done (self, MR_RESULT_UNKNOWN_FOUND);
  else
    show_result (self, MR_RESULT_UNKNOWN_MISSING, self->order, NULL);

  check_data_free (data);
}

static void
check_orders_list (MrWindow *self)
{
  CheckData *data = g_new0 (CheckData, 1);
  guint n_items = mr_order_get_n_items (self->order);

  data->self = g_object_ref (self);
  data->accounts = mr_order_get_order_type (self->order) == MR_ORDER_TYPE_EXTRA_ACCOUNTS;
  data->missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_items; i++)
    {
      MrOrderItem *item = mr_order_get_item (self->order, i);
      g_autofree char *domain = mr_domain_key (mr_order_item_get_domain (item));

      if (!data->accounts)
        {
          g_hash_table_add (data->missing, g_steal_pointer (&domain));
          continue;
        }

      for (guint j = 0; j < mr_order_item_get_n_accounts (item); j++)
        {
          MrAccount *account = mr_order_item_get_account (item, j);
          g_autofree char *email = g_strdup_printf ("%s@%s",
                                                    mr_account_get_email_address_prefix (account),
                                                    domain);

          g_hash_table_add (data->missing, g_ascii_strdown (email, -1));
        }
    }

  check_next_page (data, NULL);
}

gboolean
_mr_window_checkout_url_is_safe (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  return g_ascii_strcasecmp (scheme, "http") == 0 && mr_api_url_is_loopback (url);
}

/* Opens a checkout page the server named, if it is a web page that is
 * safe to hand to the browser. */
static gboolean
show_checkout_page (MrWindow   *self,
                    const char *url)
{
  if (url == NULL || *url == '\0')
    {
      _mr_window_show_error (self, _("Checkout Needed"),
                             _("The server asks for a checkout step but sent no address to "
                               "open. Finish the order on Instantly’s website."));
      return FALSE;
    }

  if (!_mr_window_checkout_url_is_safe (url))
    {
      _mr_window_show_error (self, _("Checkout Not Opened"),
                             _("The server sent a checkout address that is not a secure web "
                               "page, so it was not opened. Finish the order on Instantly’s "
                               "website."));
      return FALSE;
    }

  if (self->show_uri != NULL)
    self->show_uri (self, url);
  else
    gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);

  return TRUE;
}

static void
open_checkout (MrWindow   *self,
               const char *url)
{
  if (!show_checkout_page (self, url))
    return;

  /* finished in the browser: this revision is not placed again from here */
  self->checkout_sent = TRUE;
  self->checkout_revision = mr_order_get_revision (self->order);
  show_result (self, MR_RESULT_CHECKOUT, self->order, url);
}

static void
open_checkout_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);

  show_checkout_page (self, g_variant_get_string (param, NULL));
}

static char *
describe_rejection (MrQuote *reply)
{
  g_autofree char *error = NULL;
  g_autofree char *payment = NULL;

  if (reply->order_error != MR_ORDER_ERROR_NONE)
    error = mr_order_error_describe (reply->order_error);
  if (reply->payment_failure_reason != MR_PAYMENT_FAILURE_NONE)
    payment = mr_payment_failure_describe (reply->payment_failure_reason);

  /* the payment sentence says more than "the payment failed" */
  if (payment != NULL)
    return g_steal_pointer (&payment);
  if (error != NULL)
    return g_steal_pointer (&error);

  return g_strdup (_("The server did not place the order and gave no reason."));
}

static void
place_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MrWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) reply = NULL;
  MrPlaceState state;

  reply = mr_order_placer_place_finish (MR_ORDER_PLACER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->placing = FALSE;
  state = mr_order_placer_get_state (MR_ORDER_PLACER (source));

  /* The placer reports even after a cancel, but dispose cancelled it: the
   * window is gone. A placed order must not come back as the next draft. */
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      if (state == MR_PLACE_STATE_PLACED && self->draft_path != NULL)
        {
          g_autoptr(MrOrder) empty = mr_order_new (mr_order_get_order_type (self->order));

          mr_draft_store_save (empty, self->draft_path, NULL);
        }
      return;
    }

  g_clear_pointer (&self->last_reply, mr_quote_unref);
  if (reply != NULL)
    self->last_reply = mr_quote_ref (reply);

  if (error != NULL && g_error_matches (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN))
    state = MR_PLACE_STATE_UNKNOWN;

  switch (state)
    {
    case MR_PLACE_STATE_PLACED:
      if (reply != NULL && reply->checkout_required)
        open_checkout (self, reply->checkout_url);
      else
        order_done (self, MR_RESULT_PLACED);
      break;

    case MR_PLACE_STATE_REJECTED:
      /* not placed yet: it is paid for on a hosted checkout page */
      if (reply != NULL && reply->checkout_required)
        open_checkout (self, reply->checkout_url);
      else
        {
          g_autofree char *message = describe_rejection (reply);

          g_clear_pointer (&self->place_problems, g_ptr_array_unref);
          self->place_problems = mr_quote_collect_problems (reply);
          self->place_problems_revision = mr_order_get_revision (self->order);
          _mr_window_show_error (self, _("Order Not Placed"), message);
          _mr_window_update_problems (self);
        }
      break;

    case MR_PLACE_STATE_UNKNOWN:
      self->attempt_unknown = TRUE;
      show_result (self, MR_RESULT_UNKNOWN, self->order, NULL);
      check_orders_list (self);
      break;

    case MR_PLACE_STATE_FAILED:
    case MR_PLACE_STATE_READY:
    case MR_PLACE_STATE_SENDING:
    default:
      {
        g_autofree char *message = NULL;

        if (error != NULL)
          message = mr_api_error_describe (error);
        else if (reply != NULL)
          message = describe_rejection (reply);
        _mr_window_show_error (self, _("Order Not Placed"), message);
      }
      break;
    }

  _mr_window_update_actions (self);
}

static void
start_placing (MrWindow *self,
               MrQuote  *quote)
{
  if (self->placing || self->client == NULL)
    return;

  if (quote->revision != mr_order_get_revision (self->order))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("The order changed. Check the new price, then place it.")));
      return;
    }

  _mr_window_hide_error (self);
  g_clear_object (&self->placer);
  self->placer = mr_order_placer_new (self->client, self->order);
  self->placing = TRUE;
  _mr_window_update_actions (self);

  mr_order_placer_place_async (self->placer, quote, self->cancellable, place_cb,
                               g_object_ref (self));
}

static void
confirm_response_cb (GtkWidget  *dialog,
                     const char *response,
                     MrWindow   *self)
{
  g_autoptr(MrQuote) quote = g_steal_pointer (&self->confirm_quote);

  if (quote == NULL)
    return;

  if (g_strcmp0 (response, "place") == 0)
    start_placing (self, quote);
  else if (g_strcmp0 (response, "checkout") == 0)
    open_checkout (self, quote->checkout_url);
}

static void
place_order_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);
  MrQuote *quote;
  GtkWindow *dialog;

  if (self->placing || self->scheduler == NULL)
    return;

  quote = mr_quote_scheduler_get_fresh_quote (self->scheduler);
  if (quote == NULL || !mr_quote_allows_placing (quote, NULL) || checkout_blocks (self))
    return;

  if (self->confirm_dialog != NULL)
    {
      gtk_window_present (self->confirm_dialog);
      return;
    }

  g_clear_pointer (&self->confirm_quote, mr_quote_unref);
  self->confirm_quote = mr_quote_ref (quote);

  dialog = GTK_WINDOW (mr_confirm_dialog_new (GTK_WINDOW (self), quote,
                                              self->app ? mr_application_get_demo_mode (self->app) : TRUE));
  mr_confirm_dialog_set_previous_attempt_unknown (MR_CONFIRM_DIALOG (dialog), self->attempt_unknown);

  self->confirm_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirm_dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (dialog);
}

static void
show_orders_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);

  if (self->orders_view == NULL)
    return;

  /* the server's truth, also after an order whose result was unknown */
  mr_orders_view_reload (MR_ORDERS_VIEW (self->orders_view));
  gtk_stack_set_visible_child_name (self->top_stack, "orders");
}

void
_mr_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.place-order", NULL, place_order_action);
  gtk_widget_class_install_action (widget_class, "win.new-order", NULL, new_order_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.order-type", "s", order_type_action);
  gtk_widget_class_install_action (widget_class, "win.focus-add-entry", NULL, focus_add_entry_action);
  gtk_widget_class_install_action (widget_class, "win.show-domains", NULL, show_domains_action);
  gtk_widget_class_install_action (widget_class, "win.back-to-order", NULL, back_to_order_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "win.show-orders", NULL, show_orders_action);
  gtk_widget_class_install_action (widget_class, "win.open-checkout", "s", open_checkout_action);
}
