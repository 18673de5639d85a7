/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-a11y.h"
#include "mr-window-private.h"
#include "mr-window-files.h"

#include "mr-account-editor.h"
#include "mr-demo-actions.h"
#include "mr-pricing-panel.h"
#include "mr-pricing-summary.h"

#include "mr-orders-view.h"

#define DRAFT_SAVE_DELAY_MS 500
#define VALIDATE_DELAY_MS   150

G_DEFINE_FINAL_TYPE (MrWindow, mr_window, ADW_TYPE_APPLICATION_WINDOW)

/* The domain rows and the fields show what the person has reached: the
 * domain list follows the session's problems by domain (its problem
 * index), and the editor gets the problems of the domain it shows. The
 * pricing panel lists every problem (it follows the session's list). */
static void
update_editor_problems (MrWindow *self)
{
  MrOrderItem *item = mr_account_editor_get_item (MR_ACCOUNT_EDITOR (self->account_editor));
  MrProblemIndex *index = mr_domain_list_get_problem_index (self->domain_list);
  g_autofree char *key = item != NULL ? mr_domain_key (mr_order_item_get_domain (item)) : NULL;

  mr_account_editor_set_problems (MR_ACCOUNT_EDITOR (self->account_editor),
                                  mr_problem_index_lookup (index, key));
}

static void
domain_problems_changed_cb (MrWindow           *self,
                            const char * const *keys)
{
  MrOrderItem *item = mr_account_editor_get_item (MR_ACCOUNT_EDITOR (self->account_editor));
  g_autofree char *key = NULL;

  if (item == NULL)
    return;

  key = mr_domain_key (mr_order_item_get_domain (item));
  if (key != NULL && g_strv_contains (keys, key))
    update_editor_problems (self);
}

void
mr_window_flush_draft (MrWindow *self)
{
  g_return_if_fail (MR_IS_WINDOW (self));

  mr_order_session_flush_draft (self->session);
}

static void
draft_save_failed_cb (MrWindow   *self,
                      const char *message)
{
  g_autofree char *title = NULL;

  /* after dispose there is nowhere to say it */
  if (self->draft_error_shown || self->toast_overlay == NULL)
    return;

  self->draft_error_shown = TRUE;
  title = g_strdup_printf (_("Could not save the draft: %s"), message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
order_type_changed_cb (MrWindow *self)
{
  _mr_window_show_order_type (self);
}

static void
set_client (MrWindow    *self,
            MrApiClient *client)
{
  if (mr_order_session_get_client (self->session) == client)
    return;

  mr_order_session_set_client (self->session, client);
  if (client == NULL)
    return;

  mr_domain_list_set_client (self->domain_list, client);
  if (self->orders_view != NULL)
    mr_orders_view_set_client (MR_ORDERS_VIEW (self->orders_view), client);
  if (self->prewarmed_page != NULL)
    mr_prewarmed_page_set_client (self->prewarmed_page, client);
  if (self->extra_page != NULL)
    mr_extra_accounts_page_set_client (self->extra_page, client);

  /* re-check what the rows show against the new server */
  mr_domain_list_set_order_type (self->domain_list,
                                 mr_order_get_order_type (mr_order_session_get_order (self->session)));

  /* Nobody is typing: the order (a draft restored at start, or the one on
   * screen when an API key is found) is worked out and priced now, without
   * the debounce; at start the reply comes back while the first frame is
   * laid out. */
  mr_order_session_sync (self->session);
  if (mr_order_session_get_scheduler (self->session) != NULL)
    mr_quote_scheduler_quote_now (mr_order_session_get_scheduler (self->session));
}

/* The demo strip says why demo mode runs when the settings asked for the
 * real server (e.g. no API key for it). */
static void
app_demo_reason_changed_cb (MrWindow *self)
{
  const char *reason = self->app != NULL ? mr_application_get_demo_reason (self->app) : NULL;
  g_autofree char *markup = NULL;

  if (reason != NULL)
    {
      markup = g_markup_escape_text (reason, -1);
      gtk_label_set_markup (self->demo_label, markup);
      gtk_label_set_markup (self->demo_short_label, markup);
      /* the wide strip is one line: a long reason is read in full here */
      gtk_widget_set_tooltip_markup (GTK_WIDGET (self->demo_label), markup);
      return;
    }

  gtk_widget_set_tooltip_markup (GTK_WIDGET (self->demo_label), NULL);
  gtk_label_set_markup (self->demo_label,
                        _("<b>Demo mode:</b> prices from the built-in simulator. "
                          "Nothing can be charged."));
  gtk_label_set_markup (self->demo_short_label,
                        /* Translators: the demo strip when the window is narrow */
                        _("<b>Demo mode:</b> nothing can be charged."));
}

static void
app_client_changed_cb (MrWindow *self)
{
  if (self->app != NULL)
    set_client (self, mr_application_get_client (self->app));
}

/* The pickers of the other order types and the result page are hidden at
 * start; they are made when first shown, not before the first frame. */
static void
ensure_adder_page (MrWindow    *self,
                   MrOrderType  type)
{
  MrOrder *order = mr_order_session_get_order (self->session);
  MrApiClient *client = mr_order_session_get_client (self->session);

  if (type == MR_ORDER_TYPE_PRE_WARMED_UP && self->prewarmed_page == NULL)
    {
      self->prewarmed_page = MR_PREWARMED_PAGE (mr_prewarmed_page_new ());
      mr_prewarmed_page_set_order (self->prewarmed_page, order);
      if (client != NULL)
        mr_prewarmed_page_set_client (self->prewarmed_page, client);
      gtk_stack_add_named (self->adder_stack, GTK_WIDGET (self->prewarmed_page),
                           mr_order_type_to_string (type));
    }
  else if (type == MR_ORDER_TYPE_EXTRA_ACCOUNTS && self->extra_page == NULL)
    {
      self->extra_page = MR_EXTRA_ACCOUNTS_PAGE (mr_extra_accounts_page_new ());
      mr_extra_accounts_page_set_order (self->extra_page, order);
      if (client != NULL)
        mr_extra_accounts_page_set_client (self->extra_page, client);
      gtk_stack_add_named (self->adder_stack, GTK_WIDGET (self->extra_page),
                           mr_order_type_to_string (type));
    }
}

MrResultPage *
_mr_window_ensure_result_page (MrWindow *self)
{
  if (self->result_page == NULL)
    {
      self->result_page = MR_RESULT_PAGE (mr_result_page_new ());
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->result_page), "result");
    }

  return self->result_page;
}

void
_mr_window_show_order_type (MrWindow *self)
{
  MrOrderType type = mr_order_get_order_type (mr_order_session_get_order (self->session));

  ensure_adder_page (self, type);

  self->syncing_type = TRUE;
  gtk_drop_down_set_selected (self->order_type_dropdown, (guint) type);
  self->syncing_type = FALSE;

  gtk_stack_set_visible_child_name (self->adder_stack, mr_order_type_to_string (type));
  mr_domain_list_set_order_type (self->domain_list, type);
  mr_account_editor_set_order_type (MR_ACCOUNT_EDITOR (self->account_editor), type);

  if (type == MR_ORDER_TYPE_EXTRA_ACCOUNTS)
    mr_extra_accounts_page_reload (self->extra_page);
  else if (type == MR_ORDER_TYPE_PRE_WARMED_UP)
    mr_prewarmed_page_reload (self->prewarmed_page);

  /* written when it changes, not at each start (a write to dconf is a
   * message on the bus and a file written by dconf's service) */
  if (self->app != NULL)
    {
      GSettings *settings = mr_application_get_settings (self->app);

      if (g_settings_get_enum (settings, "last-order-type") != (int) type)
        g_settings_set_enum (settings, "last-order-type", type);
    }
}

static void
order_type_selected_cb (MrWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->order_type_dropdown);
  MrOrderType type;

  if (self->syncing_type || selected > MR_ORDER_TYPE_EXTRA_ACCOUNTS)
    return;

  type = (MrOrderType) selected;
  if (type == mr_order_get_order_type (mr_order_session_get_order (self->session)))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.order-type", "s",
                              mr_order_type_to_string (type));
}

static void
cancel_editor_wait (MrWindow *self)
{
  /* a frame clock disposed with its surface (the window closing) has
   * dropped its handlers already */
  if (self->editor_clock != NULL && self->editor_paint_id != 0 &&
      g_signal_handler_is_connected (self->editor_clock, self->editor_paint_id))
    g_signal_handler_disconnect (self->editor_clock, self->editor_paint_id);
  self->editor_paint_id = 0;
  g_clear_object (&self->editor_clock);
  g_clear_handle_id (&self->editor_idle_id, g_source_remove);
}

static void
show_editor_for (MrWindow    *self,
                 MrOrderItem *item)
{
  cancel_editor_wait (self);
  mr_account_editor_set_item (MR_ACCOUNT_EDITOR (self->account_editor), item);
  update_editor_problems (self);
  gtk_label_set_label (self->editor_title, item ? mr_order_item_get_domain (item) : "");
}

static gboolean
editor_idle_cb (gpointer data)
{
  MrWindow *self = data;

  self->editor_idle_id = 0;
  show_editor_for (self, mr_domain_list_get_selected_item (self->domain_list));

  return G_SOURCE_REMOVE;
}

/* once the paste's frame is painted (and whatever else watches it has
 * seen it), the next frame is the editor's: the list adds no rows in it */
static void
editor_after_paint_cb (GdkFrameClock *clock,
                       MrWindow      *self)
{
  g_clear_signal_handler (&self->editor_paint_id, clock);
  g_clear_object (&self->editor_clock);
  mr_domain_list_pause_filling (self->domain_list);
  self->editor_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, editor_idle_cb, self, NULL);
}

/* The editor follows the selection. A paste of many domains selects the
 * last: the editor shows it on the frame after the one that shows the
 * pasted domains (making the editor's form and laying it out took about
 * a third of the paste's frame), and shows whatever is selected then. */
static void
selected_item_cb (MrWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->editor_paint_id != 0 || self->editor_idle_id != 0)
    return;

  if (clock != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      mr_domain_list_get_filling (self->domain_list))
    {
      self->editor_clock = g_object_ref (clock);
      self->editor_paint_id = g_signal_connect (clock, "after-paint",
                                                G_CALLBACK (editor_after_paint_cb), self);
      return;
    }

  show_editor_for (self, mr_domain_list_get_selected_item (self->domain_list));
}

static void
domain_activated_cb (MrWindow    *self,
                     MrOrderItem *item)
{
  show_editor_for (self, item);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->editor_pane);
}

/* After domains were removed from @position on: in selection mode none
 * is left ticked (the ticked ones are gone) and the editor is empty; else
 * the domain now at @position (the one after them, else the last) is
 * selected and edited */
static void
select_after_removal (MrWindow *self,
                      guint     position)
{
  guint n_items = mr_order_get_n_items (mr_order_session_get_order (self->session));

  if (n_items > 0 && !mr_domain_list_get_selection_mode (self->domain_list))
    {
      mr_domain_list_select (self->domain_list, MIN (position, n_items - 1));
      return;
    }

  mr_domain_list_select (self->domain_list, GTK_INVALID_LIST_POSITION);
  show_editor_for (self, NULL);
}

/* After an undo or redo: the domains it put back are selected again
 * (ticked in selection mode, else the first, edited), scrolled to; where
 * it took domains out, as after their removal. The focus, when it was in
 * the list (or lost with the row it was on), goes to that row. */
static void
session_restored_cb (MrWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *list_view = mr_domain_list_get_list_view (self->domain_list);
  /* the row with the focus may have left the list with its domain */
  gboolean in_list = focus == NULL || gtk_widget_get_root (focus) != GTK_ROOT (self) ||
                     focus == list_view || gtk_widget_is_ancestor (focus, list_view);
  guint n_restored;
  const guint *restored = mr_order_session_get_restored (self->session, &n_restored);
  guint dropped_at = mr_order_session_get_dropped_at (self->session);
  guint n_items = mr_order_get_n_items (mr_order_session_get_order (self->session));

  _mr_window_undo_applied (self);

  if (n_restored > 0)
    {
      if (!mr_domain_list_get_selection_mode (self->domain_list))
        n_restored = 1;
      mr_domain_list_select_positions (self->domain_list, restored, n_restored, in_list);
    }
  else if (dropped_at != G_MAXUINT)
    {
      select_after_removal (self, dropped_at);
      if (in_list && n_items > 0)
        mr_domain_list_focus_position (self->domain_list, MIN (dropped_at, n_items - 1));
    }
}

static void
remove_requested_cb (MrWindow *self,
                     guint     position)
{
  MrOrder *order = mr_order_session_get_order (self->session);
  MrOrderItem *item = mr_order_get_item (order, position);
  g_autofree char *title = NULL;

  if (item == NULL || mr_order_session_get_phase (self->session) != MR_ORDER_PHASE_EDITING)
    return;

  title = g_strdup_printf (_("Removed %s"), mr_order_item_get_domain (item));
  if (mr_domain_list_get_selection_mode (self->domain_list))
    {
      /* one row's own Remove in selection mode: the other ticks stay */
      g_autoptr(MrOrderItem) removed = g_object_ref (item);

      mr_order_session_remove_item (self->session, position);
      if (mr_account_editor_get_item (MR_ACCOUNT_EDITOR (self->account_editor)) == removed)
        show_editor_for (self, NULL);
    }
  else
    {
      mr_order_session_remove_item (self->session, position);
      select_after_removal (self, position);
    }
  _mr_window_add_undo_toast (self, title);
}

/* Delete with many selected: all of them go, as one step to undo */
static void
remove_selected_requested_cb (MrWindow *self)
{
  g_autoptr(GPtrArray) items = mr_domain_list_get_selected_items (self->domain_list);
  MrOrder *order = mr_order_session_get_order (self->session);
  guint first = G_MAXUINT;
  g_autofree char *title = NULL;

  if (items->len == 0 || mr_order_session_get_phase (self->session) != MR_ORDER_PHASE_EDITING)
    return;

  for (guint i = 0; i < items->len; i++)
    {
      guint position;

      if (mr_order_find_item (order, mr_order_item_get_domain (items->pdata[i]), &position) != NULL)
        first = MIN (first, position);
    }

  title = g_strdup_printf (ngettext ("Removed %u domain", "Removed %u domains", items->len),
                           items->len);
  mr_order_session_remove_items (self->session, items);
  select_after_removal (self, first);
  _mr_window_add_undo_toast (self, title);
}

/* narrow: the demo strip says it shorter (the header's Place Order button
 * gives way by itself, an icon when its label does not fit) */
static gboolean
compact_labels_cb (gpointer data)
{
  MrWindow *self = data;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  self->compact_id = 0;

  /* the title gives way first: the Place Order button keeps its words as
   * long as they fit */
  gtk_widget_set_visible (adw_header_bar_get_title_widget (self->header_bar), !folded);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_label), !folded);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_short_label), folded);
  gtk_widget_set_visible (self->demo_key_button, !folded);
  gtk_widget_set_visible (self->demo_key_icon_button, folded);

  return G_SOURCE_REMOVE;
}

static void
leaflet_folded_cb (MrWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->editor_header, folded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-domains", folded);

  /* the leaflet folds while allocating: a resize of the header queued now
   * would be dropped, so switch the labels right after */
  if (self->compact_id == 0)
    self->compact_id = g_idle_add (compact_labels_cb, self);
}

static void
flap_folded_cb (MrWindow *self)
{
  gtk_revealer_set_reveal_child (self->summary_revealer, adw_flap_get_folded (self->flap));
}

static void
summary_activated_cb (MrWindow *self)
{
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

void
_mr_window_select_domain (MrWindow   *self,
                          const char *domain)
{
  guint position = GTK_INVALID_LIST_POSITION;
  MrOrderItem *item;

  if (domain == NULL)
    return;

  item = mr_order_find_item (mr_order_session_get_order (self->session), domain, &position);
  if (item == NULL)
    return;

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);

  mr_domain_list_select (self->domain_list, position);
  domain_activated_cb (self, item);
}

static void
domains_skipped_cb (MrWindow *self,
                    guint     n_skipped)
{
  g_autofree char *title = g_strdup_printf (ngettext ("Skipped %u domain already in the order",
                                                      "Skipped %u domains already in the order",
                                                      n_skipped),
                                            n_skipped);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
problem_activated_cb (MrWindow   *self,
                      const char *domain)
{
  /* asked to see it: the fields say what is wrong */
  mr_order_session_reveal_problems (self->session);
  _mr_window_select_domain (self, domain);
}

void
_mr_window_show_error (MrWindow   *self,
                       const char *title,
                       const char *message)
{
  gtk_label_set_label (self->error_title, title);
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL && *message != '\0');
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

void
_mr_window_hide_error (MrWindow *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
orders_back_cb (MrWindow *self)
{
  gtk_stack_set_visible_child_name (self->top_stack, "ordering");
  /* back where the keyboard can go on: the result's action, or the domain entry */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "result") == 0)
    mr_result_page_focus_first_action (self->result_page);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.focus-add-entry", NULL);
}

/* "Order more" from an ordered domain: an extra-mailboxes order for it */
static void
extra_accounts_requested_cb (MrWindow   *self,
                             const char *domain,
                             int         email_provider)
{
  MrOrder *order = mr_order_session_get_order (self->session);
  g_autoptr(MrOrderItem) item = NULL;

  if (domain == NULL || mr_order_session_get_phase (self->session) == MR_ORDER_PHASE_PLACING)
    return;

  if (mr_order_get_order_type (order) != MR_ORDER_TYPE_EXTRA_ACCOUNTS ||
      mr_order_session_get_phase (self->session) != MR_ORDER_PHASE_EDITING)
    _mr_window_new_order (self, MR_ORDER_TYPE_EXTRA_ACCOUNTS, TRUE);

  if (mr_order_find_item (order, domain, NULL) == NULL)
    {
      item = mr_order_item_new (domain);
      if (mr_email_provider_is_valid (email_provider))
        mr_order_item_set_email_provider (item, email_provider);
      mr_order_append_item (order, item);
    }

  gtk_stack_set_visible_child_name (self->top_stack, "ordering");
  _mr_window_select_domain (self, domain);
}

/* The Orders view is built when it is first shown: nothing of it is
 * styled, measured or fetched before the window's first frame. */
GtkWidget *
_mr_window_ensure_orders_view (MrWindow *self)
{
  MrApiClient *client;

  if (self->orders_view != NULL)
    return self->orders_view;

  self->orders_view = mr_orders_view_new ();
  mr_orders_view_set_show_back_button (MR_ORDERS_VIEW (self->orders_view), TRUE);
  g_signal_connect_object (self->orders_view, "back-requested",
                           G_CALLBACK (orders_back_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders_view, "extra-accounts-requested",
                           G_CALLBACK (extra_accounts_requested_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self->orders_slot), self->orders_view);

  client = mr_order_session_get_client (self->session);
  if (client != NULL)
    mr_orders_view_set_client (MR_ORDERS_VIEW (self->orders_view), client);

  return self->orders_view;
}

static void
restore_draft (MrWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *env = g_getenv ("MR_DRAFT_PATH");

  if (env != NULL && *env != '\0')
    path = g_strdup (env);
  else
    path = mr_draft_store_default_path ();

  mr_order_session_set_draft_path (self->session, path);
  if (!mr_order_session_restore_draft (self->session, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *title = NULL;

      g_warning ("Could not restore the draft %s: %s", path, error->message);
      title = g_strdup_printf (_("The saved draft could not be read: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }
}

/* While the window opens on a restored draft, its pricing panel shows its
 * pages in place: the draft's first quote appears on the frame it is ready
 * for, not crossfaded in from "Getting a Price…" (a fade no one asked for,
 * which costs a frame of offscreen rendering per step; the editor never
 * fades). Once a frame has shown where the first quote went (a price, an
 * error, or no scheduler to ask), the window is open and the pages fade
 * again. */
static void
opening_after_paint_cb (GdkFrameClock *clock,
                        MrWindow      *self)
{
  MrQuoteScheduler *scheduler = mr_order_session_get_scheduler (self->session);

  if (scheduler != NULL && mr_quote_scheduler_get_state (scheduler) == MR_QUOTE_STATE_QUOTING)
    return;

  g_clear_signal_handler (&self->opened_id, clock);
  mr_pricing_panel_set_animated (MR_PRICING_PANEL (self->pricing_panel), TRUE);
}

static void
opening_realize_cb (MrWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_handlers_disconnect_by_func (self, opening_realize_cb, NULL);
  self->opened_id = g_signal_connect_object (clock, "after-paint",
                                             G_CALLBACK (opening_after_paint_cb), self, 0);
}

static void
open_in_place (MrWindow *self)
{
  if (mr_order_get_n_items (mr_order_session_get_order (self->session)) == 0)
    return;

  mr_pricing_panel_set_animated (MR_PRICING_PANEL (self->pricing_panel), FALSE);
  g_signal_connect (self, "realize", G_CALLBACK (opening_realize_cb), NULL);
}

static void
load_window_state (MrWindow *self)
{
  GSettings *settings;

  if (self->app == NULL)
    return;

  settings = mr_application_get_settings (self->app);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
mr_window_close_request (GtkWindow *window)
{
  MrWindow *self = MR_WINDOW (window);

  if (self->app != NULL)
    {
      GSettings *settings = mr_application_get_settings (self->app);
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
      g_settings_apply (settings);
    }

  mr_order_session_flush_draft (self->session);

  return GTK_WINDOW_CLASS (mr_window_parent_class)->close_request (window);
}

/* after construction: "application" is not a construct property */
static void
mr_window_set_up (MrWindow *self)
{
  MrOrder *order = mr_order_session_get_order (self->session);
  GtkApplication *app;

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (MR_IS_APPLICATION (app))
    {
      self->app = MR_APPLICATION (app);
      g_object_add_weak_pointer (G_OBJECT (self->app), (gpointer *) &self->app);
    }

  load_window_state (self);

  /* an order of the last kind, unless a draft says otherwise */
  if (self->app != NULL)
    mr_order_set_order_type (order,
                             g_settings_get_enum (mr_application_get_settings (self->app),
                                                  "last-order-type"));
  restore_draft (self);
  open_in_place (self);
  mr_order_session_break_undo_group (self->session);

  mr_domain_list_set_session (self->domain_list, self->session);

  g_signal_connect_object (order, "notify::order-type", G_CALLBACK (order_type_changed_cb),
                           self, G_CONNECT_SWAPPED);

  if (self->app != NULL)
    {
      g_object_bind_property (self->app, "demo-mode", self->demo_revealer, "reveal-child",
                              G_BINDING_SYNC_CREATE);
      g_object_bind_property (self->app, "demo-mode", self->orders_demo_revealer, "reveal-child",
                              G_BINDING_SYNC_CREATE);
      g_signal_connect_object (self->app, "notify::client", G_CALLBACK (app_client_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->app, "notify::demo-reason",
                               G_CALLBACK (app_demo_reason_changed_cb), self, G_CONNECT_SWAPPED);
      app_demo_reason_changed_cb (self);
      set_client (self, mr_application_get_client (self->app));
    }

  _mr_window_show_order_type (self);

  if (mr_order_get_n_items (order) > 0)
    mr_domain_list_select (self->domain_list, 0);

  leaflet_folded_cb (self);
  flap_folded_cb (self);
  update_editor_problems (self);
  _mr_window_update_actions (self);
}

static void
mr_window_dispose (GObject *object)
{
  MrWindow *self = MR_WINDOW (object);

  g_clear_handle_id (&self->compact_id, g_source_remove);
  cancel_editor_wait (self);
  _mr_window_dispose_undo (self);

  /* a placement already sent still ends; the rest stops, and the window
   * no longer follows the session */
  mr_order_session_close (self->session);
  g_signal_handlers_disconnect_by_data (self->session, self);

  if (self->confirm_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->confirm_dialog),
                                    (gpointer *) &self->confirm_dialog);
      gtk_window_destroy (self->confirm_dialog);
      self->confirm_dialog = NULL;
    }

  if (self->app != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->app), (gpointer *) &self->app);
      self->app = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), MR_TYPE_WINDOW);

  g_clear_pointer (&self->confirm_quote, mr_quote_unref);

  G_OBJECT_CLASS (mr_window_parent_class)->dispose (object);
}

static void
mr_window_finalize (GObject *object)
{
  MrWindow *self = MR_WINDOW (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (mr_window_parent_class)->finalize (object);
}

/* The main menu's items (some thirty widgets) are built when it first
 * opens, by click or F10, not before the window's first frame. */
static void
create_main_menu_cb (GtkMenuButton *button,
                     gpointer       menu)
{
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static gboolean
phase_to_place_page (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      data)
{
  g_value_set_string (to, g_value_get_enum (from) == MR_ORDER_PHASE_PLACING ? "busy" : "idle");
  return TRUE;
}

static gboolean
phase_is_placing (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == MR_ORDER_PHASE_PLACING);
  return TRUE;
}

static gboolean
phase_is_not_placing (GBinding     *binding,
                      const GValue *from,
                      GValue       *to,
                      gpointer      data)
{
  g_value_set_boolean (to, g_value_get_enum (from) != MR_ORDER_PHASE_PLACING);
  return TRUE;
}

static void
mr_window_class_init (MrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mr_window_dispose;
  object_class->finalize = mr_window_finalize;

  window_class->close_request = mr_window_close_request;

  g_type_ensure (MR_TYPE_DOMAIN_LIST);
  g_type_ensure (MR_TYPE_PREWARMED_PAGE);
  g_type_ensure (MR_TYPE_EXTRA_ACCOUNTS_PAGE);
  g_type_ensure (MR_TYPE_RESULT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mailroom/Mailroom/mr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, order_type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, place_button);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, place_squeezer);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, place_stack);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, place_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, menu_button);
  /* kept by the template until the menu button first opens it */
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, demo_short_label);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, demo_key_button);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, demo_key_icon_button);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, error_title);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, adder_stack);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, domain_list);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, editor_pane);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, editor_header);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, editor_title);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, editor_slot);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, pricing_slot);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, summary_revealer);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, summary_slot);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, top_stack);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, orders_slot);
  gtk_widget_class_bind_template_child (widget_class, MrWindow, orders_demo_revealer);
  gtk_widget_class_bind_template_callback (widget_class, order_type_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, domain_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_selected_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, flap_folded_cb);

  _mr_window_class_init_actions (widget_class);
  _mr_window_class_init_files (widget_class);
}

static void
mr_window_init (MrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _mr_window_init_actions (self);

  /* Quote (compare, present, share) and Demo (prices, samples, reset) */
  {
    g_autoptr(GMenuModel) demo_menu = mr_demo_menu_new ();
    GObject *menu = gtk_widget_get_template_child (GTK_WIDGET (self), MR_TYPE_WINDOW,
                                                   "primary_menu");

    g_menu_insert_section (G_MENU (menu), 1, NULL, demo_menu);
    gtk_menu_button_set_create_popup_func (self->menu_button, create_main_menu_cb, menu, NULL);
  }

  self->session = mr_order_session_new (MR_ORDER_TYPE_DFY);

  self->account_editor = mr_account_editor_new ();
  adw_bin_set_child (ADW_BIN (self->editor_slot), self->account_editor);

  self->pricing_panel = mr_pricing_panel_new ();
  g_signal_connect_object (self->pricing_panel, "problem-activated",
                           G_CALLBACK (problem_activated_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self->pricing_slot), self->pricing_panel);

  self->pricing_summary = mr_pricing_summary_new ();
  g_signal_connect_object (self->pricing_summary, "activated",
                           G_CALLBACK (summary_activated_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self->summary_slot), self->pricing_summary);

  g_signal_connect_object (self->domain_list, "domains-skipped",
                           G_CALLBACK (domains_skipped_cb), self, G_CONNECT_SWAPPED);

  /* the window follows its session */
  mr_account_editor_set_session (MR_ACCOUNT_EDITOR (self->account_editor), self->session);
  mr_pricing_panel_set_problems (MR_PRICING_PANEL (self->pricing_panel),
                                 mr_order_session_get_problems (self->session));
  mr_pricing_panel_set_excluded (MR_PRICING_PANEL (self->pricing_panel),
                                 mr_order_session_get_excluded (self->session));
  g_signal_connect_object (self->session, "notify::n-excluded",
                           G_CALLBACK (_mr_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mr_domain_list_get_problem_index (self->domain_list), "domains-changed",
                           G_CALLBACK (domain_problems_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "draft-save-failed",
                           G_CALLBACK (draft_save_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "restored",
                           G_CALLBACK (session_restored_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->session, "scheduler", self->pricing_panel, "scheduler",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "scheduler", self->pricing_summary, "scheduler",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->session, "notify::phase",
                           G_CALLBACK (_mr_window_show_phase), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::can-place",
                           G_CALLBACK (_mr_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::can-undo",
                           G_CALLBACK (_mr_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::can-redo",
                           G_CALLBACK (_mr_window_update_actions), self, G_CONNECT_SWAPPED);
  g_object_bind_property_full (self->session, "phase", self->place_stack, "visible-child-name",
                               G_BINDING_SYNC_CREATE, phase_to_place_page, NULL, NULL, NULL);
  g_object_bind_property_full (self->session, "phase", self->place_spinner, "spinning",
                               G_BINDING_SYNC_CREATE, phase_is_placing, NULL, NULL, NULL);
  g_object_bind_property_full (self->session, "phase", self->leaflet, "sensitive",
                               G_BINDING_SYNC_CREATE, phase_is_not_placing, NULL, NULL, NULL);

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_drop_down_fix_names (self->order_type_dropdown);
  mr_a11y_button_name_by_label (GTK_BUTTON (self->demo_key_button));
  mr_a11y_toast_overlay_fix_names (self->toast_overlay);
  mr_a11y_menu_button_fix_names (self->menu_button);
}

MrWindow *
mr_window_new (MrApplication *app)
{
  MrWindow *self;

  g_return_val_if_fail (MR_IS_APPLICATION (app), NULL);

  self = g_object_new (MR_TYPE_WINDOW,
                       "application", app,
                       NULL);
  mr_window_set_up (self);
  /* a new window starts where an order starts: the domain entry */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.focus-add-entry", NULL);

  return self;
}

MrOrderSession *
mr_window_get_session (MrWindow *self)
{
  g_return_val_if_fail (MR_IS_WINDOW (self), NULL);

  return self->session;
}

MrOrder *
mr_window_get_order (MrWindow *self)
{
  g_return_val_if_fail (MR_IS_WINDOW (self), NULL);

  return mr_order_session_get_order (self->session);
}

MrQuoteScheduler *
mr_window_get_scheduler (MrWindow *self)
{
  g_return_val_if_fail (MR_IS_WINDOW (self), NULL);

  return mr_order_session_get_scheduler (self->session);
}

MrDomainChecker *
mr_window_get_checker (MrWindow *self)
{
  g_return_val_if_fail (MR_IS_WINDOW (self), NULL);

  return mr_order_session_get_checker (self->session);
}
