/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-gui-util.h"
#include "mr-window-private.h"

#include "mr-confirm-dialog.h"

#include "mr-orders-view.h"

static gboolean
on_order_page (MrWindow *self)
{
  MrOrderPhase phase = mr_order_session_get_phase (self->session);

  return phase == MR_ORDER_PHASE_EDITING || phase == MR_ORDER_PHASE_PLACING;
}

void
_mr_window_update_actions (MrWindow *self)
{
  MrOrderPhase phase = mr_order_session_get_phase (self->session);
  gboolean busy = phase == MR_ORDER_PHASE_PLACING || phase == MR_ORDER_PHASE_CHECKING;
  gboolean on_order = on_order_page (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.place-order",
                                 mr_order_session_get_can_place (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-order", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.order-type", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 !busy && mr_order_session_get_can_undo (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 !busy && mr_order_session_get_can_redo (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-excluded",
                                 !busy && g_list_model_get_n_items (mr_order_session_get_excluded (self->session)) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->order_type_dropdown), !busy && on_order);
  gtk_widget_set_visible (self->place_button, on_order);
}

/* what the result page shows for the session's phase and outcome */
void
_mr_window_show_phase (MrWindow *self)
{
  MrOrderSession *session = self->session;
  MrOrder *order = mr_order_session_get_order (session);
  MrResultKind kind = MR_RESULT_NONE;
  const char *detail = NULL;

  switch (mr_order_session_get_phase (session))
    {
    case MR_ORDER_PHASE_EDITING:
    case MR_ORDER_PHASE_PLACING:
      gtk_stack_set_visible_child_name (self->main_stack, "order");
      _mr_window_update_actions (self);
      return;

    case MR_ORDER_PHASE_CHECKING:
      kind = MR_RESULT_UNKNOWN;
      break;

    case MR_ORDER_PHASE_DONE:
    default:
      switch (mr_order_session_get_outcome (session))
        {
        case MR_PLACE_OUTCOME_PLACED:
          kind = MR_RESULT_PLACED;
          order = mr_order_session_get_placed_order (session);
          break;

        case MR_PLACE_OUTCOME_UNKNOWN_FOUND:
          kind = MR_RESULT_UNKNOWN_FOUND;
          order = mr_order_session_get_placed_order (session);
          break;

        case MR_PLACE_OUTCOME_CHECKOUT:
          kind = MR_RESULT_CHECKOUT;
          detail = mr_order_session_get_checkout_url (session);
          break;

        case MR_PLACE_OUTCOME_UNKNOWN_MISSING:
          kind = MR_RESULT_UNKNOWN_MISSING;
          break;

        case MR_PLACE_OUTCOME_UNKNOWN_FAILED:
          kind = MR_RESULT_UNKNOWN_FAILED;
          detail = mr_order_session_get_outcome_detail (session);
          break;

        case MR_PLACE_OUTCOME_NONE:
        case MR_PLACE_OUTCOME_REJECTED:
        case MR_PLACE_OUTCOME_FAILED:
        default:
          gtk_stack_set_visible_child_name (self->main_stack, "order");
          _mr_window_update_actions (self);
          return;
        }
      break;
    }

  mr_result_page_show (_mr_window_ensure_result_page (self), kind, order, detail);
  gtk_stack_set_visible_child_name (self->main_stack, "result");
  _mr_window_update_actions (self);

  /* the keyboard follows to the page, and a screen reader hears what happened */
  mr_result_page_focus_first_action (self->result_page);
  mr_announce (GTK_WIDGET (self->result_page), mr_result_page_get_title (self->result_page));
}

void
_mr_window_new_order (MrWindow    *self,
                      MrOrderType  order_type,
                      gboolean     with_undo)
{
  gboolean undoable = with_undo &&
                      mr_order_get_n_items (mr_order_session_get_order (self->session)) > 0;

  _mr_window_hide_error (self);
  mr_order_session_new_order (self->session, order_type, with_undo);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);

  if (undoable)
    _mr_window_add_undo_toast (self, _("Started a new order"));

  mr_domain_list_focus_entry (self->domain_list);
}

static void
new_order_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);

  _mr_window_new_order (self, mr_order_get_order_type (mr_order_session_get_order (self->session)),
                        TRUE);
}

static void
undo_toast_dismissed_cb (MrWindow *self)
{
  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
}

void
_mr_window_add_undo_toast (MrWindow   *self,
                           const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");

  /* an older toast's Undo would undo this newer change: it goes */
  if (self->undo_toast != NULL)
    {
      g_autoptr(AdwToast) older = g_steal_pointer (&self->undo_toast);

      g_signal_handlers_disconnect_by_data (older, self);
      adw_toast_dismiss (older);
    }
  self->undo_toast = g_object_ref (toast);
  g_signal_connect_swapped (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
dismiss_undo_toast_cb (gpointer data)
{
  MrWindow *self = data;
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->undo_toast);

  self->undo_toast_id = 0;
  if (toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (toast, self);
      adw_toast_dismiss (toast);
    }

  return G_SOURCE_REMOVE;
}

/* After the toast's own Undo button the toast dismisses itself (after
 * the action): what is left is dismissed after that, not twice */
void
_mr_window_undo_applied (MrWindow *self)
{
  if (self->undo_toast != NULL && self->undo_toast_id == 0)
    self->undo_toast_id = g_idle_add (dismiss_undo_toast_cb, self);
}

void
_mr_window_dispose_undo (MrWindow *self)
{
  g_clear_handle_id (&self->undo_toast_id, g_source_remove);
  undo_toast_dismissed_cb (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  mr_order_session_undo (MR_WINDOW (widget)->session);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  mr_order_session_redo (MR_WINDOW (widget)->session);
}

/* "Remove All" under Not Included: one change, undoable */
static void
remove_excluded_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);
  g_autofree char *title = NULL;
  guint n;

  n = mr_order_session_remove_excluded (self->session);
  if (n == 0)
    return;

  title = g_strdup_printf (ngettext ("Removed %u domain that cannot be ordered",
                                     "Removed %u domains that cannot be ordered", n), n);
  _mr_window_add_undo_toast (self, title);
}

static void
order_type_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);
  MrOrder *order = mr_order_session_get_order (self->session);
  MrOrderType type;

  if (!mr_order_type_from_string (g_variant_get_string (param, NULL), &type))
    return;

  if (type == mr_order_get_order_type (order) &&
      mr_order_session_get_phase (self->session) == MR_ORDER_PHASE_EDITING)
    return;

  /* the domains of one kind of order make no sense in another */
  if (mr_order_get_n_items (order) > 0)
    _mr_window_new_order (self, type, TRUE);
  else
    {
      mr_order_set_order_type (order, type);
      mr_order_session_resume_editing (self->session);
    }
}

static void
focus_add_entry_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);

  if (!on_order_page (self))
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

  if (mr_order_session_resume_editing (self->session))
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

/* Opens a checkout page the session accepted, or one the result page
 * offers again. */
static void
show_checkout_page (MrWindow   *self,
                    const char *url)
{
  if (self->show_uri != NULL)
    self->show_uri (self, url);
  else
    gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
}

static void
open_checkout_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);
  const char *url = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;

  if (mr_checkout_url_check (url, &error))
    show_checkout_page (self, url);
  else
    _mr_window_show_error (self, _("Checkout Not Opened"), error->message);
}

static void
take_checkout (MrWindow   *self,
               const char *url)
{
  g_autoptr(GError) error = NULL;

  if (mr_order_session_take_checkout (self->session, url, &error))
    show_checkout_page (self, url);
  else
    _mr_window_show_error (self, _("Checkout Not Opened"), error->message);
}

static void
place_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MrWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  MrPlaceOutcome outcome;

  outcome = mr_order_session_place_finish (MR_ORDER_SESSION (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->toast_overlay == NULL)
    return;

  switch (outcome)
    {
    case MR_PLACE_OUTCOME_CHECKOUT:
      if (error != NULL)
        _mr_window_show_error (self, _("Checkout Not Opened"), error->message);
      else
        show_checkout_page (self, mr_order_session_get_checkout_url (self->session));
      break;

    case MR_PLACE_OUTCOME_REJECTED:
    case MR_PLACE_OUTCOME_FAILED:
      _mr_window_show_error (self, _("Order Not Placed"), error ? error->message : NULL);
      break;

    case MR_PLACE_OUTCOME_NONE:
    case MR_PLACE_OUTCOME_PLACED:
    case MR_PLACE_OUTCOME_UNKNOWN_FOUND:
    case MR_PLACE_OUTCOME_UNKNOWN_MISSING:
    case MR_PLACE_OUTCOME_UNKNOWN_FAILED:
    default:
      /* the window follows the session's phase */
      break;
    }
}

static void
start_placing (MrWindow *self,
               MrQuote  *quote)
{
  if (mr_order_session_get_phase (self->session) != MR_ORDER_PHASE_EDITING)
    return;

  if (!mr_order_session_quote_is_current (self->session, quote))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("The order changed. Check the new price, then place it.")));
      return;
    }

  _mr_window_hide_error (self);
  mr_order_session_place_async (self->session, quote, place_cb, g_object_ref (self));
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
    take_checkout (self, quote->checkout_url);
}

static void
place_order_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);
  MrQuoteScheduler *scheduler = mr_order_session_get_scheduler (self->session);
  MrQuote *quote;
  GtkWindow *dialog;

  if (!mr_order_session_get_can_place (self->session) || scheduler == NULL)
    return;

  quote = mr_quote_scheduler_get_fresh_quote (scheduler);
  if (quote == NULL)
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
  mr_confirm_dialog_set_previous_attempt_unknown (MR_CONFIRM_DIALOG (dialog),
                                                  mr_order_session_get_attempt_unknown (self->session));

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

  _mr_window_ensure_orders_view (self);

  /* the server's truth, also after an order whose result was unknown */
  mr_orders_view_reload (MR_ORDERS_VIEW (self->orders_view));
  gtk_stack_set_visible_child_name (self->top_stack, "orders");
  /* the keyboard goes along: Escape and Alt+Left work from there */
  gtk_widget_child_focus (self->orders_view, GTK_DIR_TAB_FORWARD);
}

void
_mr_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.place-order", NULL, place_order_action);
  gtk_widget_class_install_action (widget_class, "win.new-order", NULL, new_order_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.remove-excluded", NULL, remove_excluded_action);
  gtk_widget_class_install_action (widget_class, "win.order-type", "s", order_type_action);
  gtk_widget_class_install_action (widget_class, "win.focus-add-entry", NULL, focus_add_entry_action);
  gtk_widget_class_install_action (widget_class, "win.show-domains", NULL, show_domains_action);
  gtk_widget_class_install_action (widget_class, "win.back-to-order", NULL, back_to_order_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "win.show-orders", NULL, show_orders_action);
  gtk_widget_class_install_action (widget_class, "win.open-checkout", "s", open_checkout_action);
}

/* A text field undoes its own typing first: TRUE when @text had some to
 * undo (or redo) and did. GtkText takes Ctrl+Z whether or not it has
 * anything to undo, so whether it did is seen in its text. */
static gboolean
undo_in_text (GtkWidget *text,
              gboolean   redo)
{
  g_autofree char *before = NULL;

  if (!GTK_IS_TEXT (text) || !gtk_editable_get_editable (GTK_EDITABLE (text)))
    return FALSE;

  before = g_strdup (gtk_editable_get_text (GTK_EDITABLE (text)));
  gtk_widget_activate_action (text, redo ? "text.redo" : "text.undo", NULL);

  return g_strcmp0 (before, gtk_editable_get_text (GTK_EDITABLE (text))) != 0;
}

/* Ctrl+Z and Ctrl+Shift+Z on the order page, wherever the focus is: the
 * focused text field's own typing while it has some, else the order's
 * last change. A field's own is what was typed in it since it got the
 * focus: what the window put in it (a domain's values, an undone change of
 * the order) is not the field's to undo, and the domain entry keeps
 * nothing of what it added. A field whose typing edits the order as it
 * goes (a mailbox's name, the forwarding domain) has nothing of its own:
 * the order's undo takes that typing back, in one history. */
static gboolean
undo_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     MrWindow              *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *focus;
  gboolean redo;

  if (event == NULL)
    return FALSE;

  if (gdk_key_event_matches (event, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK) == GDK_KEY_MATCH_EXACT)
    redo = TRUE;
  else if (gdk_key_event_matches (event, GDK_KEY_z, GDK_CONTROL_MASK) == GDK_KEY_MATCH_EXACT)
    redo = FALSE;
  else
    return FALSE;

  /* elsewhere (Orders and Mailboxes) the order is not in sight */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->top_stack), "ordering") != 0 ||
      !on_order_page (self))
    return FALSE;

  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus != NULL && !self->typing_edits_order && undo_in_text (focus, redo))
    return TRUE;

  gtk_widget_activate_action (GTK_WIDGET (self), redo ? "win.redo" : "win.undo", NULL);
  if (GTK_IS_TEXT (focus))
    mr_text_forget_undo (focus);
  return TRUE;
}

static void
text_will_change (MrWindow *self)
{
  self->typing_revision = mr_order_get_revision (mr_order_session_get_order (self->session));
}

static void
text_insert_cb (GtkEditable *text,
                const char  *new_text,
                int          length,
                int         *position,
                MrWindow    *self)
{
  text_will_change (self);
}

static void
text_delete_cb (GtkEditable *text,
                int          start_pos,
                int          end_pos,
                MrWindow    *self)
{
  text_will_change (self);
}

/* after the field's own handlers: did its change edit the order? */
static void
text_changed_cb (GtkEditable *text,
                 MrWindow    *self)
{
  if (mr_order_get_revision (mr_order_session_get_order (self->session)) != self->typing_revision)
    self->typing_edits_order = TRUE;
}

static void
watch_typing (MrWindow  *self,
              GtkWidget *focus)
{
  if (focus == self->typing_text)
    return;

  if (self->typing_text != NULL)
    g_signal_handlers_disconnect_by_data (self->typing_text, self);
  g_clear_weak_pointer (&self->typing_text);
  self->typing_edits_order = FALSE;

  if (!GTK_IS_TEXT (focus))
    return;

  g_set_weak_pointer (&self->typing_text, focus);
  g_signal_connect (focus, "insert-text", G_CALLBACK (text_insert_cb), self);
  g_signal_connect (focus, "delete-text", G_CALLBACK (text_delete_cb), self);
  g_signal_connect_after (focus, "changed", G_CALLBACK (text_changed_cb), self);
  mr_text_forget_undo (focus);
}

static void
focus_changed_cb (MrWindow   *self,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  watch_typing (self, gtk_root_get_focus (GTK_ROOT (self)));
}

static void
destroy_cb (MrWindow *self,
            gpointer  user_data)
{
  watch_typing (self, NULL);
}

void
_mr_window_init_actions (MrWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* before the focused widget, which would take the keys for itself */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (undo_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_changed_cb), NULL);
  g_signal_connect (self, "destroy", G_CALLBACK (destroy_cb), NULL);
}
