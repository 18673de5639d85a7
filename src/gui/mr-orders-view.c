/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-orders-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mr-csv.h"
#include "mr-order-record-object.h"
#include "mr-orders-model.h"
#include "mr-orders-view.h"

#define DEFAULT_PAGE_SIZE      50
#define DEFAULT_MAX_RETRY_WAIT 300
#define FIRST_BACKOFF          5
#define LAST_BACKOFF           60

typedef struct _Loader Loader;

/* One list being fetched page by page, with its 429 back-off. */
struct _Loader
{
  MrOrdersView  *self;
  void         (*load) (MrOrdersView *self);
  MrPager       *pager;
  GCancellable  *cancellable;
  guint          retry_id;
  guint          retry_remaining;
  guint          n_rate_limited;
  char          *error;          /* described, when the last request failed */
};

struct _MrOrdersView
{
  GtkWidget             parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkButton            *back_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *refresh_stack;
  GtkSpinner           *refresh_spinner;
  AdwViewStack         *stack;
  GtkRevealer          *search_revealer;
  GtkSearchEntry       *search_entry;
  GtkStack             *orders_stack;
  GtkSpinner           *orders_spinner;
  GtkLabel             *orders_loading_label;
  AdwStatusPage        *orders_error_page;
  GtkScrolledWindow    *orders_scrolled;
  GtkListView          *orders_list;
  GtkRevealer          *orders_footer;
  GtkSpinner           *orders_footer_spinner;
  GtkLabel             *orders_footer_label;
  GtkStack             *accounts_stack;
  GtkSpinner           *accounts_spinner;
  GtkLabel             *accounts_loading_label;
  AdwStatusPage        *accounts_error_page;
  GtkScrolledWindow    *accounts_scrolled;
  GtkBox               *groups_box;
  GtkRevealer          *accounts_footer;
  GtkSpinner           *accounts_footer_spinner;
  GtkLabel             *accounts_footer_label;
  GtkActionBar         *selection_bar;
  GtkLabel             *selection_label;
  GtkButton            *cancel_button;

  MrApiClient          *client;
  guint                 page_size;
  guint                 max_retry_wait;
  gboolean              show_back_button;
  gboolean              show_passwords;
  gboolean              needs_reload;
  gboolean              busy;

  /* orders */
  Loader                orders;
  GListStore           *order_store;     /* MrOrderRecordObject */
  GtkStringFilter      *filter;
  GtkFilterListModel   *filtered;
  gboolean              replace_orders;  /* the next page replaces what is shown */
  guint                 load_more_id;
  guint                 layout_tick_id;  /* on orders_list */

  /* mailboxes */
  Loader                accounts;
  GPtrArray            *accounts_list;   /* MrOrderedAccount*, owned, as shown */
  GPtrArray            *incoming;        /* MrOrderedAccount*, pages of a running load */
  GPtrArray            *groups;          /* MrAccountGroup*, borrowing accounts_list */
  GPtrArray            *shown;           /* MrOrderedAccount*, borrowed, display order */
  gboolean              accounts_loaded;
  gboolean              incoming_has_passwords;
  GHashTable           *selection;       /* email */
  GHashTable           *check_buttons;   /* email -> GtkCheckButton */
  GHashTable           *select_buttons;  /* domain -> GtkButton */
  GHashTable           *first_rows;      /* domain -> first row of its group */
  gboolean              syncing_checks;
  char                 *focus_domain;

  /* cancelling and exporting */
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

static void load_orders_page   (MrOrdersView *self);
static void load_accounts_page (MrOrdersView *self);
static void reload_orders      (MrOrdersView *self);
static void reload_accounts    (MrOrdersView *self);
static void update_orders_ui   (MrOrdersView *self);
static void update_accounts_ui (MrOrdersView *self);

typedef struct
{
  MrOrdersView *self;
  guint         generation;
} Request;

static Request *
request_new (MrOrdersView *self,
             guint         generation)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->generation = generation;

  return request;
}

static void
request_free (Request *request)
{
  g_clear_object (&request->self);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void
wipe_passwords (GPtrArray *accounts)
{
  if (accounts == NULL)
    return;

  for (guint i = 0; i < accounts->len; i++)
    {
      MrOrderedAccount *account = g_ptr_array_index (accounts, i);

      if (account->password != NULL)
        {
          memset (account->password, 0, strlen (account->password));
          g_clear_pointer (&account->password, g_free);
        }
    }
}

static void
accounts_array_free (GPtrArray *accounts)
{
  wipe_passwords (accounts);
  g_ptr_array_unref (accounts);
}

static GPtrArray *
accounts_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) mr_ordered_account_free);
}

static void
loader_init (Loader        *loader,
             MrOrdersView  *self,
             void         (*load) (MrOrdersView *self))
{
  loader->self = self;
  loader->load = load;
  loader->pager = mr_pager_new ();
}

static void
loader_stop (Loader *loader)
{
  g_cancellable_cancel (loader->cancellable);
  g_clear_object (&loader->cancellable);
  g_clear_handle_id (&loader->retry_id, g_source_remove);
  loader->n_rate_limited = 0;
  g_clear_pointer (&loader->error, g_free);
  if (loader->pager != NULL)
    mr_pager_reset (loader->pager);
}

static void
loader_reset (Loader *loader)
{
  loader_stop (loader);
  loader->cancellable = g_cancellable_new ();
}

static void
loader_clear (Loader *loader)
{
  loader_stop (loader);
  g_clear_pointer (&loader->pager, mr_pager_free);
}

static gboolean
loader_is_active (Loader *loader)
{
  return mr_pager_is_loading (loader->pager) || loader->retry_id != 0;
}

static char *
loader_describe_wait (Loader *loader)
{
  return g_strdup_printf (ngettext ("Instantly is receiving too many requests. "
                                    "Trying again in %u second…",
                                    "Instantly is receiving too many requests. "
                                    "Trying again in %u seconds…",
                                    loader->retry_remaining),
                          loader->retry_remaining);
}

static void
update_busy (MrOrdersView *self)
{
  gboolean busy;

  busy = loader_is_active (&self->orders) ||
         loader_is_active (&self->accounts) ||
         self->cancelling ||
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
  gboolean has_selection = g_hash_table_size (self->selection) > 0;
  gboolean has_accounts = self->accounts_loaded && self->accounts_list->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.cancel-selected",
                                 has_selection && !self->cancelling && self->client != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.select-none", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.export", has_accounts);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.refresh", self->client != NULL);
}

static void
show_toast (MrOrdersView *self,
            const char   *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

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

static AdwMessageDialog *
new_dialog (MrOrdersView *self,
            const char   *heading,
            const char   *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, body);
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

/* 429: wait as long as the server asks (at most max-retry-wait), count
 * down on screen, then ask for the same page again. */

static gboolean
retry_tick_cb (gpointer user_data)
{
  Loader *loader = user_data;
  MrOrdersView *self = loader->self;

  if (loader->retry_remaining > 1)
    {
      loader->retry_remaining--;
      update_orders_ui (self);
      update_accounts_ui (self);
      return G_SOURCE_CONTINUE;
    }

  loader->retry_id = 0;
  loader->retry_remaining = 0;
  loader->load (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (MrOrdersView *self,
                Loader       *loader,
                const GError *error)
{
  gint retry_after = mr_api_error_get_retry_after (error);
  guint wait;

  if (retry_after >= 0)
    wait = (guint) retry_after;
  else
    wait = MIN ((guint) FIRST_BACKOFF << MIN (loader->n_rate_limited, 4), LAST_BACKOFF);

  loader->n_rate_limited++;
  wait = CLAMP (wait, 1, MAX (self->max_retry_wait, 1));

  g_debug ("rate limited, retrying in %u s", wait);

  g_clear_handle_id (&loader->retry_id, g_source_remove);
  loader->retry_remaining = wait;
  loader->retry_id = g_timeout_add (1000, retry_tick_cb, loader);
}

/* Orders */

static char *
describe_order (const MrOrderRecord *record)
{
  g_autofree char *created = mr_format_date (record->timestamp_created);
  GString *details = g_string_new (NULL);

  if (created != NULL)
    g_string_append_printf (details, _("Ordered %s"), created);

  if (record->has_is_pre_warmed_up && record->is_pre_warmed_up)
    {
      if (details->len > 0)
        g_string_append (details, " · ");
      g_string_append (details, _("Pre-warmed"));
    }

  if (record->forwarding_domain != NULL && *record->forwarding_domain != '\0')
    {
      if (details->len > 0)
        g_string_append (details, " · ");
      g_string_append_printf (details, _("Forwards to %s"), record->forwarding_domain);
    }

  if (record->timestamp_cancelled != NULL)
    {
      g_autofree char *cancelled = mr_format_date (record->timestamp_cancelled);

      if (details->len > 0)
        g_string_append (details, " · ");
      g_string_append_printf (details, _("Cancelled %s"), cancelled);
    }

  return g_string_free (details, FALSE);
}

static void
order_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                MrOrdersView             *self)
{
  GtkWidget *box;
  GtkWidget *text;
  GtkWidget *title;
  GtkWidget *details;
  GtkWidget *state;
  GtkWidget *state_icon;
  GtkWidget *state_label;
  GtkWidget *arrow;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);

  title = g_object_new (GTK_TYPE_LABEL,
                        "xalign", 0.0f,
                        "ellipsize", PANGO_ELLIPSIZE_MIDDLE,
                        NULL);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (text), title);

  details = g_object_new (GTK_TYPE_LABEL,
                          "xalign", 0.0f,
                          "wrap", TRUE,
                          "wrap-mode", PANGO_WRAP_WORD_CHAR,
                          NULL);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_box_append (GTK_BOX (text), details);

  state = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
  state_icon = gtk_image_new ();
  state_label = gtk_label_new (NULL);
  gtk_box_append (GTK_BOX (state), state_icon);
  gtk_box_append (GTK_BOX (state), state_label);
  gtk_box_append (GTK_BOX (box), state);

  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_widget_add_css_class (arrow, "dim-label");
  gtk_box_append (GTK_BOX (box), arrow);

  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "details", details);
  g_object_set_data (G_OBJECT (box), "state", state);
  g_object_set_data (G_OBJECT (box), "state-icon", state_icon);
  g_object_set_data (G_OBJECT (box), "state-label", state_label);

  gtk_list_item_set_child (item, box);
}

static void
order_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               MrOrdersView             *self)
{
  MrOrderRecordObject *object = gtk_list_item_get_item (item);
  const MrOrderRecord *record = mr_order_record_object_get_record (object);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *state = g_object_get_data (G_OBJECT (box), "state");
  GtkWidget *state_icon = g_object_get_data (G_OBJECT (box), "state-icon");
  GtkWidget *state_label = g_object_get_data (G_OBJECT (box), "state-label");
  g_autofree char *details = describe_order (record);

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), record->domain);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "details"), details);

  if (record->timestamp_cancelled != NULL)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (state_icon), "action-unavailable-symbolic");
      gtk_label_set_text (GTK_LABEL (state_label), _("Cancelled"));
      gtk_widget_remove_css_class (state, "success");
      gtk_widget_add_css_class (state, "dim-label");
    }
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (state_icon), "emblem-ok-symbolic");
      gtk_label_set_text (GTK_LABEL (state_label), _("Active"));
      gtk_widget_remove_css_class (state, "dim-label");
      gtk_widget_add_css_class (state, "success");
    }
}

static void
order_activated_cb (MrOrdersView *self,
                    guint         position)
{
  g_autoptr(MrOrderRecordObject) object = NULL;

  object = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (object == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "orders.view-mailboxes", "s",
                              mr_order_record_object_get_domain (object));
}

static gboolean
orders_near_end (MrOrdersView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->orders_scrolled);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);

  return value + page >= upper - MAX (page, 200.0);
}

static void
maybe_load_more (MrOrdersView *self)
{
  if (self->client == NULL ||
      !mr_pager_can_load (self->orders.pager) ||
      self->orders.retry_id != 0 ||
      self->orders.error != NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0 ||
      (gtk_widget_get_mapped (GTK_WIDGET (self->orders_list)) && orders_near_end (self)))
    load_orders_page (self);
}

static gboolean
load_more_idle_cb (gpointer user_data)
{
  MrOrdersView *self = user_data;

  self->load_more_id = 0;
  maybe_load_more (self);

  return G_SOURCE_REMOVE;
}

/* The adjustment changes during size allocation: start requests later. */
static void
queue_load_more (MrOrdersView *self)
{
  if (self->load_more_id == 0)
    self->load_more_id = g_idle_add (load_more_idle_cb, self);
}

static void
adjustment_changed_cb (MrOrdersView *self)
{
  queue_load_more (self);
}

static gboolean
layout_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  MrOrdersView *self = user_data;

  /* this frame lays the new rows out; the idle runs after it */
  self->layout_tick_id = 0;
  queue_load_more (self);

  return G_SOURCE_REMOVE;
}

/* Rows that still fit on the page leave the scroll range as it was, so no
 * adjustment signal follows them: decide again after the next layout. */
static void
queue_load_more_after_layout (MrOrdersView *self)
{
  if (self->layout_tick_id == 0)
    self->layout_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->orders_list),
                                                         layout_tick_cb, self, NULL);
}

static void
update_orders_ui (MrOrdersView *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->order_store));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  gboolean loading = loader_is_active (&self->orders);
  gboolean done = mr_pager_is_done (self->orders.pager);
  g_autofree char *notice = NULL;
  const char *state;

  if (self->orders.retry_id != 0)
    notice = loader_describe_wait (&self->orders);

  if (self->client == NULL)
    state = "loading";
  else if (n_all == 0 && self->orders.error != NULL)
    state = "error";
  else if (n_all == 0)
    state = done ? "empty" : "loading";
  else if (n_shown == 0)
    state = done || self->orders.error != NULL ? "no-match" : "loading";
  else
    state = "list";

  if (g_str_equal (state, "error"))
    adw_status_page_set_description (self->orders_error_page, self->orders.error);

  gtk_label_set_text (self->orders_loading_label,
                      notice ? notice : _("Loading orders…"));
  gtk_spinner_set_spinning (self->orders_spinner, g_str_equal (state, "loading"));
  gtk_stack_set_visible_child_name (self->orders_stack, state);

  gtk_revealer_set_reveal_child (self->search_revealer, n_all > 0);

  if (g_str_equal (state, "list") && (loading || self->orders.error != NULL))
    {
      g_autofree char *failed = NULL;

      if (notice == NULL && self->orders.error != NULL)
        failed = g_strdup_printf (_("Could not load more orders. %s"), self->orders.error);

      gtk_label_set_text (self->orders_footer_label,
                          notice ? notice : failed ? failed : _("Loading more orders…"));
      gtk_widget_set_visible (GTK_WIDGET (self->orders_footer_spinner), failed == NULL);
      gtk_spinner_set_spinning (self->orders_footer_spinner, failed == NULL);
      gtk_revealer_set_reveal_child (self->orders_footer, TRUE);
    }
  else
    {
      gtk_spinner_set_spinning (self->orders_footer_spinner, FALSE);
      gtk_revealer_set_reveal_child (self->orders_footer, FALSE);
    }

  update_busy (self);
}

static void
orders_page_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  MrOrdersView *self = request->self;
  g_autoptr(MrPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  guint n_shown;

  page = mr_api_client_list_orders_finish (MR_API_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      if (!mr_pager_fail (self->orders.pager, request->generation))
        return;

      if (g_error_matches (error, MR_API_ERROR, MR_API_ERROR_RATE_LIMITED))
        {
          schedule_retry (self, &self->orders, error);
        }
      else
        {
          g_clear_pointer (&self->orders.error, g_free);
          self->orders.error = mr_api_error_describe (error);
          if (self->replace_orders)
            {
              g_list_store_remove_all (self->order_store);
              self->replace_orders = FALSE;
            }
        }

      update_orders_ui (self);
      return;
    }

  if (!mr_pager_finish (self->orders.pager, request->generation, page))
    return;

  self->orders.n_rate_limited = 0;

  objects = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < page->items->len; i++)
    {
      const MrOrderRecord *record = g_ptr_array_index (page->items, i);
      g_autofree char *key = mr_order_record_key (record);

      if (mr_pager_mark_seen (self->orders.pager, key))
        g_ptr_array_add (objects, mr_order_record_object_new (mr_order_record_copy (record)));
    }

  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (self->replace_orders)
    {
      g_list_store_splice (self->order_store, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->order_store)),
                           objects->pdata, objects->len);
      self->replace_orders = FALSE;
    }
  else
    {
      g_list_store_splice (self->order_store,
                           g_list_model_get_n_items (G_LIST_MODEL (self->order_store)), 0,
                           objects->pdata, objects->len);
    }

  update_orders_ui (self);

  /* New rows are decided on once they are laid out (by then the scroll
   * range has changed, or not if they fit); with none to show, decide now. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == n_shown)
    queue_load_more (self);
  else
    queue_load_more_after_layout (self);
}

static void
load_orders_page (MrOrdersView *self)
{
  const char *cursor = NULL;
  guint generation;

  if (self->client == NULL || !mr_pager_can_load (self->orders.pager))
    return;

  g_clear_pointer (&self->orders.error, g_free);
  generation = mr_pager_begin (self->orders.pager, &cursor);
  mr_api_client_list_orders_async (self->client, self->page_size, cursor,
                                   self->orders.cancellable, orders_page_cb,
                                   request_new (self, generation));
  update_orders_ui (self);
}

static void
reload_orders (MrOrdersView *self)
{
  loader_reset (&self->orders);

  self->replace_orders = g_list_model_get_n_items (G_LIST_MODEL (self->order_store)) > 0;

  if (self->client == NULL)
    {
      g_list_store_remove_all (self->order_store);
      self->replace_orders = FALSE;
    }
  else
    {
      load_orders_page (self);
    }

  update_orders_ui (self);
}

static void
search_changed_cb (MrOrdersView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  gtk_string_filter_set_search (self->filter, *stripped != '\0' ? stripped : NULL);
  update_orders_ui (self);
  queue_load_more (self);
}

/* Mailboxes */

static MrAccountGroup *
find_group (MrOrdersView *self,
            const char   *domain)
{
  if (self->groups == NULL || domain == NULL)
    return NULL;

  for (guint i = 0; i < self->groups->len; i++)
    {
      MrAccountGroup *group = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (group->domain, domain) == 0)
        return group;
    }

  return NULL;
}

static void
update_selection_ui (MrOrdersView *self)
{
  guint n = g_hash_table_size (self->selection);
  GHashTableIter iter;
  const char *domain;
  const char *email;
  GtkWidget *button;
  GtkWidget *check;

  if (n > 0)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("%u selected", "%u selected", n), n);

      gtk_label_set_text (self->selection_label, label);
    }
  gtk_action_bar_set_revealed (self->selection_bar, n > 0);

  g_hash_table_iter_init (&iter, self->select_buttons);
  while (g_hash_table_iter_next (&iter, (gpointer *) &domain, (gpointer *) &button))
    {
      MrAccountGroup *group = find_group (self, domain);
      gboolean all = group != NULL && mr_account_selection_has_group (self->selection, group);

      gtk_button_set_label (GTK_BUTTON (button), all ? _("Deselect All") : _("Select All"));
    }

  self->syncing_checks = TRUE;
  g_hash_table_iter_init (&iter, self->check_buttons);
  while (g_hash_table_iter_next (&iter, (gpointer *) &email, (gpointer *) &check))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                 g_hash_table_contains (self->selection, email));
  self->syncing_checks = FALSE;

  update_actions (self);
}

static void
check_toggled_cb (GtkCheckButton *check,
                  MrOrdersView   *self)
{
  const char *email = g_object_get_data (G_OBJECT (check), "email");

  if (self->syncing_checks)
    return;

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->selection, g_strdup (email));
  else
    g_hash_table_remove (self->selection, email);

  update_selection_ui (self);
}

static char *
describe_group (MrAccountGroup *group)
{
  guint n_cancelled = group->accounts->len - group->n_active;
  g_autofree char *active = NULL;
  GString *text = g_string_new (NULL);

  if (mr_email_provider_is_valid (group->email_provider))
    {
      g_string_append (text, mr_email_provider_to_label (group->email_provider));
      g_string_append (text, " · ");
    }

  active = g_strdup_printf (ngettext ("%u active mailbox", "%u active mailboxes",
                                      group->n_active), group->n_active);
  g_string_append (text, active);

  if (n_cancelled > 0)
    {
      g_autofree char *cancelled = g_strdup_printf (ngettext ("%u cancelled",
                                                              "%u cancelled", n_cancelled),
                                                    n_cancelled);

      g_string_append (text, " · ");
      g_string_append (text, cancelled);
    }

  return g_string_free (text, FALSE);
}

static char *
describe_account (const MrOrderedAccount *account)
{
  g_autofree char *name = g_strjoin (" ", account->first_name ? account->first_name : "",
                                     account->last_name ? account->last_name : "", NULL);

  g_strstrip (name);

  if (account->timestamp_cancelled != NULL)
    {
      g_autofree char *date = mr_format_date (account->timestamp_cancelled);

      if (*name == '\0')
        return g_strdup_printf (_("Cancelled on %s"), date);
      return g_strdup_printf (_("%s · Cancelled on %s"), name, date);
    }

  if (*name == '\0')
    return g_strdup (_("Active"));

  return g_strdup_printf (_("%s · Active"), name);
}

static GtkWidget *
build_group (MrOrdersView   *self,
             MrAccountGroup *group)
{
  GtkWidget *pref_group;
  GtkWidget *select_button;
  GtkWidget *more_row;
  g_autofree char *title = g_markup_escape_text (group->domain, -1);
  g_autofree char *description = describe_group (group);
  gboolean can_extend;

  pref_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (pref_group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (pref_group), description);

  select_button = g_object_new (GTK_TYPE_BUTTON,
                                "label", _("Select All"),
                                "valign", GTK_ALIGN_CENTER,
                                "action-name", "orders.select-domain",
                                "action-target", g_variant_new_string (group->domain),
                                NULL);
  gtk_widget_add_css_class (select_button, "flat");
  gtk_widget_set_sensitive (select_button, group->n_active > 0);
  g_hash_table_insert (self->select_buttons, g_strdup (group->domain), select_button);

  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (pref_group), select_button);

  for (guint i = 0; i < group->accounts->len; i++)
    {
      MrOrderedAccount *account = g_ptr_array_index (group->accounts, i);
      gboolean active = account->timestamp_cancelled == NULL;
      g_autofree char *subtitle = describe_account (account);
      g_autofree char *copy_label = g_strdup_printf (_("Copy %s"), account->email);
      g_autofree char *select_label = g_strdup_printf (_("Select %s"), account->email);
      GtkWidget *row;
      GtkWidget *check;
      GtkWidget *copy;

      row = g_object_new (ADW_TYPE_ACTION_ROW,
                          "title", account->email,
                          "subtitle", subtitle,
                          "use-markup", FALSE,
                          NULL);

      check = g_object_new (GTK_TYPE_CHECK_BUTTON,
                            "valign", GTK_ALIGN_CENTER,
                            "sensitive", active,
                            NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, select_label,
                                      -1);
      if (active)
        {
          g_object_set_data_full (G_OBJECT (check), "email", g_strdup (account->email), g_free);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       g_hash_table_contains (self->selection, account->email));
          g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
          g_hash_table_insert (self->check_buttons, g_strdup (account->email), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
        }
      else
        {
          gtk_widget_set_tooltip_text (check, _("Already cancelled"));
          gtk_widget_add_css_class (row, "dim-label");
        }
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);

      if (account->password != NULL)
        {
          GtkWidget *password;
          GtkWidget *password_box;

          password = g_object_new (GTK_TYPE_LABEL,
                                   "label", *account->password != '\0'
                                              ? account->password : _("Not ready yet"),
                                   "selectable", *account->password != '\0',
                                   "valign", GTK_ALIGN_CENTER,
                                   "tooltip-text", _("Password"),
                                   NULL);
          gtk_widget_add_css_class (password, *account->password != '\0' ? "monospace"
                                                                           : "dim-label");
          password_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          gtk_box_append (GTK_BOX (password_box),
                          g_object_new (GTK_TYPE_IMAGE,
                                        "icon-name", "dialog-password-symbolic",
                                        "tooltip-text", _("Password"),
                                        NULL));
          gtk_box_append (GTK_BOX (password_box), password);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), password_box);
        }

      copy = g_object_new (GTK_TYPE_BUTTON,
                           "icon-name", "edit-copy-symbolic",
                           "valign", GTK_ALIGN_CENTER,
                           "tooltip-text", _("Copy Address"),
                           "action-name", "orders.copy-address",
                           "action-target", g_variant_new_string (account->email),
                           NULL);
      gtk_widget_add_css_class (copy, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref_group), row);

      if (i == 0)
        g_hash_table_insert (self->first_rows, g_strdup (group->domain), row);
      g_ptr_array_add (self->shown, account);
    }

  more_row = g_object_new (ADW_TYPE_ACTION_ROW,
                           "title", _("Order More Mailboxes…"),
                           "use-underline", FALSE,
                           "activatable", TRUE,
                           "action-name", "orders.order-more",
                           "action-target", g_variant_new_string (group->domain),
                           NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (more_row),
                             gtk_image_new_from_icon_name ("list-add-symbolic"));
  can_extend = group->n_active > 0 && group->email_provider != MR_EMAIL_PROVIDER_MICROSOFT;
  gtk_widget_set_sensitive (more_row, can_extend);
  if (group->email_provider == MR_EMAIL_PROVIDER_MICROSOFT)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (more_row),
                                 _("Microsoft domains cannot get extra mailboxes"));
  else if (group->n_active == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (more_row),
                                 _("This domain has no active mailboxes"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref_group), more_row);

  return pref_group;
}

static void
focus_domain (MrOrdersView *self)
{
  GtkWidget *row;

  if (self->focus_domain == NULL || !self->accounts_loaded)
    return;

  row = g_hash_table_lookup (self->first_rows, self->focus_domain);
  if (row != NULL)
    gtk_widget_grab_focus (row);

  g_clear_pointer (&self->focus_domain, g_free);
}

static void
rebuild_accounts (MrOrdersView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  g_hash_table_remove_all (self->check_buttons);
  g_hash_table_remove_all (self->select_buttons);
  g_hash_table_remove_all (self->first_rows);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_ptr_array_set_size (self->shown, 0);

  mr_account_selection_prune (self->selection, self->accounts_list);
  self->groups = mr_account_groups_build (self->accounts_list);

  for (guint i = 0; i < self->groups->len; i++)
    gtk_box_append (self->groups_box, build_group (self, g_ptr_array_index (self->groups, i)));

  update_selection_ui (self);
}

static void
update_accounts_ui (MrOrdersView *self)
{
  gboolean loading = loader_is_active (&self->accounts);
  g_autofree char *notice = NULL;
  const char *state;

  if (self->accounts.retry_id != 0)
    notice = loader_describe_wait (&self->accounts);

  if (self->client == NULL)
    state = "loading";
  else if (!self->accounts_loaded)
    state = self->accounts.error != NULL ? "error" : "loading";
  else if (self->accounts_list->len == 0)
    state = "empty";
  else
    state = "list";

  if (g_str_equal (state, "error"))
    adw_status_page_set_description (self->accounts_error_page, self->accounts.error);

  gtk_label_set_text (self->accounts_loading_label,
                      notice ? notice : _("Loading mailboxes…"));
  gtk_spinner_set_spinning (self->accounts_spinner, g_str_equal (state, "loading"));
  gtk_stack_set_visible_child_name (self->accounts_stack, state);

  if (g_str_equal (state, "list") && (loading || self->cancelling))
    {
      const char *label = notice;

      if (label == NULL)
        label = self->cancelling ? _("Cancelling mailboxes…") : _("Updating mailboxes…");
      gtk_label_set_text (self->accounts_footer_label, label);
      gtk_spinner_set_spinning (self->accounts_footer_spinner, TRUE);
      gtk_revealer_set_reveal_child (self->accounts_footer, TRUE);
    }
  else
    {
      gtk_spinner_set_spinning (self->accounts_footer_spinner, FALSE);
      gtk_revealer_set_reveal_child (self->accounts_footer, FALSE);
    }

  update_actions (self);
  update_busy (self);
}

static void
accounts_page_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  MrOrdersView *self = request->self;
  g_autoptr(MrPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = mr_api_client_list_accounts_finish (MR_API_CLIENT (source), result, &error);
  if (page != NULL && !self->incoming_has_passwords)
    wipe_passwords (page->items);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      if (!mr_pager_fail (self->accounts.pager, request->generation))
        return;

      if (g_error_matches (error, MR_API_ERROR, MR_API_ERROR_RATE_LIMITED))
        {
          schedule_retry (self, &self->accounts, error);
        }
      else
        {
          g_clear_pointer (&self->accounts.error, g_free);
          self->accounts.error = mr_api_error_describe (error);
          g_clear_pointer (&self->incoming, accounts_array_free);

          if (self->accounts_loaded)
            {
              g_autofree char *message = g_strdup_printf (_("Could not update the mailboxes. %s"),
                                                          self->accounts.error);

              show_toast (self, message);
            }
        }

      update_accounts_ui (self);
      return;
    }

  if (!mr_pager_finish (self->accounts.pager, request->generation, page))
    return;

  self->accounts.n_rate_limited = 0;

  for (guint i = 0; i < page->items->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (page->items, i);
      g_autofree char *key = mr_ordered_account_key (account);

      if (mr_pager_mark_seen (self->accounts.pager, key))
        g_ptr_array_add (self->incoming, mr_ordered_account_copy (account));
    }
  wipe_passwords (page->items);

  if (!mr_pager_is_done (self->accounts.pager))
    {
      load_accounts_page (self);
      return;
    }

  g_clear_pointer (&self->accounts_list, accounts_array_free);
  self->accounts_list = g_steal_pointer (&self->incoming);
  self->accounts_loaded = TRUE;

  rebuild_accounts (self);
  update_accounts_ui (self);
  focus_domain (self);
}

static void
load_accounts_page (MrOrdersView *self)
{
  const char *cursor = NULL;
  guint generation;

  if (self->client == NULL || !mr_pager_can_load (self->accounts.pager))
    return;

  if (self->incoming == NULL)
    self->incoming = accounts_array_new ();

  generation = mr_pager_begin (self->accounts.pager, &cursor);
  mr_api_client_list_accounts_async (self->client, self->page_size, cursor,
                                     self->incoming_has_passwords,
                                     self->accounts.cancellable, accounts_page_cb,
                                     request_new (self, generation));
  update_accounts_ui (self);
}

static void
reload_accounts (MrOrdersView *self)
{
  loader_reset (&self->accounts);
  g_clear_pointer (&self->incoming, accounts_array_free);
  self->incoming_has_passwords = self->show_passwords;

  if (self->client == NULL)
    {
      g_ptr_array_set_size (self->accounts_list, 0);
      self->accounts_loaded = FALSE;
      rebuild_accounts (self);
    }
  else
    {
      load_accounts_page (self);
    }

  update_accounts_ui (self);
}

static void
reload_all (MrOrdersView *self)
{
  self->needs_reload = FALSE;
  reload_orders (self);
  reload_accounts (self);
}

/* Cancelling */

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

  self->cancelling = FALSE;

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
      g_hash_table_remove_all (self->selection);
    }

  /* Whatever happened, show what the server has now. */
  reload_all (self);
}

static void
cancel_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MrOrdersView     *self)
{
  const char * const *emails = g_object_get_data (G_OBJECT (dialog), "emails");

  if (g_strcmp0 (response, "cancel") != 0 || emails == NULL || emails[0] == NULL ||
      self->client == NULL || self->cancelling)
    return;

  g_cancellable_cancel (self->cancel_cancellable);
  g_clear_object (&self->cancel_cancellable);
  self->cancel_cancellable = g_cancellable_new ();
  self->cancelling = TRUE;

  mr_api_client_cancel_accounts_async (self->client, emails, self->cancel_cancellable,
                                       cancel_done_cb, g_object_ref (self));
  update_accounts_ui (self);
}

static GtkWidget *
build_address_list (MrOrdersView       *self,
                    const char * const *emails)
{
  GtkWidget *scrolled;
  GtkWidget *list;

  list = g_object_new (GTK_TYPE_LIST_BOX,
                       "selection-mode", GTK_SELECTION_NONE,
                       NULL);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Mailboxes to cancel"),
                                  -1);

  for (guint i = 0; emails[i] != NULL; i++)
    {
      GtkWidget *row = g_object_new (ADW_TYPE_ACTION_ROW,
                                     "title", emails[i],
                                     "use-markup", FALSE,
                                     NULL);

      gtk_widget_add_css_class (row, "property");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  scrolled = g_object_new (GTK_TYPE_SCROLLED_WINDOW,
                           "hscrollbar-policy", GTK_POLICY_NEVER,
                           "propagate-natural-height", TRUE,
                           "max-content-height", 240,
                           "child", list,
                           NULL);

  return scrolled;
}

static void
cancel_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MrOrdersView *self = MR_ORDERS_VIEW (widget);
  g_auto(GStrv) emails = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  guint n;

  emails = mr_account_selection_to_strv (self->selection, self->shown);
  n = g_strv_length (emails);
  if (n == 0 || self->cancelling)
    return;

  heading = g_strdup_printf (ngettext ("Cancel %u Mailbox?", "Cancel %u Mailboxes?", n), n);
  dialog = new_dialog (self, heading,
                       _("Cancelling permanently deletes all Unibox emails and conversations "
                         "of these accounts. This cannot be undone."));
  adw_message_dialog_set_extra_child (dialog, build_address_list (self,
                                                                  (const char * const *) emails));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep"),
                                    "cancel", _("_Cancel Mailboxes"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "cancel", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data_full (G_OBJECT (dialog), "emails",
                          g_steal_pointer (&emails), (GDestroyNotify) g_strfreev);
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
  reload_accounts (self);
}

/* Exporting */

typedef struct
{
  GFile     *file;
  gboolean   include_passwords;
  MrPager   *pager;
  guint      generation;
  GPtrArray *accounts;   /* MrOrderedAccount*, owned, fetched with passwords */
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->pager, mr_pager_free);
  g_clear_pointer (&data->accounts, accounts_array_free);
  g_free (data);
}

static void
export_finished (MrOrdersView *self)
{
  g_assert (self->n_exports > 0);

  self->n_exports--;
  /* an export may end after dispose, with no widgets left to update */
  if (self->refresh_spinner != NULL)
    update_busy (self);
}

static void
export_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  export_finished (g_task_get_source_object (task));

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static GPtrArray *
flatten_groups (GPtrArray *groups)
{
  GPtrArray *flat = g_ptr_array_new ();

  for (guint i = 0; i < groups->len; i++)
    {
      MrAccountGroup *group = g_ptr_array_index (groups, i);

      for (guint j = 0; j < group->accounts->len; j++)
        g_ptr_array_add (flat, g_ptr_array_index (group->accounts, j));
    }

  return flat;
}

static void
export_write (GTask     *task,
              GPtrArray *accounts)
{
  ExportData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) groups = mr_account_groups_build (accounts);
  g_autoptr(GPtrArray) flat = flatten_groups (groups);
  g_autoptr(GBytes) bytes = NULL;
  GFileCreateFlags flags = G_FILE_CREATE_REPLACE_DESTINATION;
  char *csv;

  csv = mr_csv_format_accounts (flat, data->include_passwords);
  bytes = g_bytes_new_take (csv, strlen (csv));

  if (data->include_passwords)
    flags |= G_FILE_CREATE_PRIVATE;

  g_file_replace_contents_bytes_async (data->file, bytes, NULL, FALSE, flags,
                                       g_task_get_cancellable (task),
                                       export_written_cb, task);
}

static void export_fetch_page (GTask *task);

static void
export_page_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  g_autoptr(MrPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = mr_api_client_list_accounts_finish (MR_API_CLIENT (source), result, &error);
  if (page == NULL)
    {
      export_finished (g_task_get_source_object (task));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mr_pager_finish (data->pager, data->generation, page);
  for (guint i = 0; i < page->items->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (page->items, i);
      g_autofree char *key = mr_ordered_account_key (account);

      if (mr_pager_mark_seen (data->pager, key))
        g_ptr_array_add (data->accounts, mr_ordered_account_copy (account));
    }
  wipe_passwords (page->items);

  if (mr_pager_is_done (data->pager))
    export_write (g_steal_pointer (&task), data->accounts);
  else
    export_fetch_page (g_steal_pointer (&task));
}

static void
export_fetch_page (GTask *task)
{
  MrOrdersView *self = g_task_get_source_object (task);
  ExportData *data = g_task_get_task_data (task);
  const char *cursor = NULL;

  if (self->client == NULL)
    {
      export_finished (self);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("Not connected to Instantly"));
      g_object_unref (task);
      return;
    }

  data->generation = mr_pager_begin (data->pager, &cursor);
  mr_api_client_list_accounts_async (self->client, 100, cursor, TRUE,
                                     g_task_get_cancellable (task),
                                     export_page_cb, task);
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
  ExportData *data;

  g_return_if_fail (MR_IS_ORDERS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_orders_view_export_async);

  data = g_new0 (ExportData, 1);
  data->file = g_object_ref (file);
  data->include_passwords = include_passwords;
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  if (include_passwords)
    {
      if (self->client == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                                   _("Not connected to Instantly"));
          return;
        }

      data->pager = mr_pager_new ();
      data->accounts = accounts_array_new ();
      self->n_exports++;
      update_busy (self);
      export_fetch_page (g_steal_pointer (&task));
      return;
    }

  if (!self->accounts_loaded)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The mailboxes have not been loaded yet"));
      return;
    }

  self->n_exports++;
  update_busy (self);
  export_write (g_steal_pointer (&task), self->accounts_list);
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

      show_toast (self, message);
    }
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     MrOrdersView    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser),
                                                        "include-passwords");
      gboolean include_passwords = g_strcmp0 (choice, "true") == 0;

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
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) csv_filter = NULL;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Mailboxes"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  csv_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (csv_filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv_filter, "text/csv");
  gtk_file_filter_add_suffix (csv_filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv_filter);

  /* Translators: the file name suggested for an export */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("mailboxes.csv"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "include-passwords",
                               _("Include passwords"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "include-passwords", "false");

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
  MrOrdersView *self = MR_ORDERS_VIEW (widget);

  g_clear_pointer (&self->orders.error, g_free);
  load_orders_page (self);
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MrOrdersView *self = MR_ORDERS_VIEW (widget);

  g_hash_table_remove_all (self->selection);
  update_selection_ui (self);
}

static void
select_domain_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MrOrdersView *self = MR_ORDERS_VIEW (widget);
  MrAccountGroup *group = find_group (self, g_variant_get_string (parameter, NULL));

  if (group == NULL)
    return;

  if (mr_account_selection_has_group (self->selection, group))
    {
      for (guint i = 0; i < group->accounts->len; i++)
        {
          const MrOrderedAccount *account = g_ptr_array_index (group->accounts, i);

          g_hash_table_remove (self->selection, account->email);
        }
    }
  else
    {
      mr_account_selection_add_group (self->selection, group);
    }

  update_selection_ui (self);
}

static void
order_more_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MrOrdersView *self = MR_ORDERS_VIEW (widget);
  const char *domain = g_variant_get_string (parameter, NULL);
  MrAccountGroup *group = find_group (self, domain);

  g_signal_emit (self, signals[EXTRA_ACCOUNTS_REQUESTED], 0, domain,
                 group != NULL ? (int) group->email_provider : 0);
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

  g_free (self->focus_domain);
  self->focus_domain = g_variant_dup_string (parameter, NULL);
  adw_view_stack_set_visible_child_name (self->stack, "mailboxes");
  focus_domain (self);
}

static void
back_clicked_cb (MrOrdersView *self)
{
  g_signal_emit (self, signals[BACK_REQUESTED], 0);
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

  loader_stop (&self->orders);
  loader_stop (&self->accounts);
  g_cancellable_cancel (self->cancel_cancellable);
  g_clear_object (&self->cancel_cancellable);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_handle_id (&self->load_more_id, g_source_remove);
  if (self->layout_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->orders_list), self->layout_tick_id);
      self->layout_tick_id = 0;
    }

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

  g_clear_object (&self->filtered);
  g_clear_object (&self->order_store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (mr_orders_view_parent_class)->dispose (object);
}

static void
mr_orders_view_finalize (GObject *object)
{
  MrOrdersView *self = (MrOrdersView *) object;

  loader_clear (&self->orders);
  loader_clear (&self->accounts);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->incoming, accounts_array_free);
  g_clear_pointer (&self->accounts_list, accounts_array_free);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->check_buttons, g_hash_table_unref);
  g_clear_pointer (&self->select_buttons, g_hash_table_unref);
  g_clear_pointer (&self->first_rows, g_hash_table_unref);
  g_clear_pointer (&self->focus_domain, g_free);

  G_OBJECT_CLASS (mr_orders_view_parent_class)->finalize (object);
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
  object_class->finalize = mr_orders_view_finalize;
  object_class->get_property = mr_orders_view_get_property;
  object_class->set_property = mr_orders_view_set_property;

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mailroom/Mailroom/mr-orders-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, back_button);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, stack);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, search_revealer);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, orders_stack);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, orders_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, orders_loading_label);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, orders_error_page);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, orders_scrolled);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, orders_list);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, orders_footer);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, orders_footer_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, orders_footer_label);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, accounts_stack);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, accounts_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, accounts_loading_label);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, accounts_error_page);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, accounts_scrolled);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, groups_box);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, accounts_footer);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, accounts_footer_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, accounts_footer_label);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersView, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, order_activated_cb);

  gtk_widget_class_install_action (widget_class, "orders.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "orders.load-more", NULL, load_more_action);
  gtk_widget_class_install_action (widget_class, "orders.export", NULL, export_action);
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
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkExpression *expression;

  self->page_size = DEFAULT_PAGE_SIZE;
  self->max_retry_wait = DEFAULT_MAX_RETRY_WAIT;
  self->needs_reload = TRUE;

  loader_init (&self->orders, self, load_orders_page);
  loader_init (&self->accounts, self, load_accounts_page);

  self->accounts_list = accounts_array_new ();
  self->shown = g_ptr_array_new ();
  self->selection = mr_account_selection_new ();
  self->check_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->select_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->first_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->order_store = g_list_store_new (MR_TYPE_ORDER_RECORD_OBJECT);
  expression = gtk_property_expression_new (MR_TYPE_ORDER_RECORD_OBJECT, NULL, "domain");
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->order_store)),
                                              GTK_FILTER (self->filter));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (order_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (order_bind_cb), self);
  gtk_list_view_set_factory (self->orders_list, factory);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_list_view_set_model (self->orders_list, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->orders_scrolled),
                           "changed", G_CALLBACK (adjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->orders_scrolled),
                           "value-changed", G_CALLBACK (adjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* typing on the Orders page filters it; the Mailboxes page is left alone */
  gtk_search_entry_set_key_capture_widget (self->search_entry,
                                           gtk_widget_get_parent (GTK_WIDGET (self->orders_stack)));

  update_orders_ui (self);
  update_accounts_ui (self);
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

  loader_stop (&self->orders);
  loader_stop (&self->accounts);
  g_list_store_remove_all (self->order_store);
  self->replace_orders = FALSE;
  g_ptr_array_set_size (self->accounts_list, 0);
  self->accounts_loaded = FALSE;
  g_hash_table_remove_all (self->selection);
  rebuild_accounts (self);

  mr_orders_view_reload (self);
}

void
mr_orders_view_reload (MrOrdersView *self)
{
  g_return_if_fail (MR_IS_ORDERS_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      reload_all (self);
    }
  else
    {
      self->needs_reload = TRUE;
      update_orders_ui (self);
      update_accounts_ui (self);
    }
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
      wipe_passwords (self->accounts_list);
      if (self->incoming_has_passwords && loader_is_active (&self->accounts))
        reload_accounts (self);
      rebuild_accounts (self);
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

  return G_LIST_MODEL (self->filtered);
}

guint
mr_orders_view_get_n_loaded_orders (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->order_store));
}

gboolean
mr_orders_view_get_all_orders_loaded (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), FALSE);

  return mr_pager_is_done (self->orders.pager) && !self->replace_orders;
}

GPtrArray *
mr_orders_view_get_accounts (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), NULL);

  return self->shown;
}

void
mr_orders_view_set_filter_text (MrOrdersView *self,
                                const char   *text)
{
  g_return_if_fail (MR_IS_ORDERS_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* do not wait for the entry's search delay */
  search_changed_cb (self);
}

const char *
mr_orders_view_get_orders_state (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->orders_stack);
}

const char *
mr_orders_view_get_accounts_state (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->accounts_stack);
}

const char *
mr_orders_view_get_notice (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), NULL);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->orders_stack), "loading"))
    return gtk_label_get_text (self->orders_loading_label);
  if (gtk_revealer_get_reveal_child (self->orders_footer))
    return gtk_label_get_text (self->orders_footer_label);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->accounts_stack), "loading"))
    return gtk_label_get_text (self->accounts_loading_label);
  if (gtk_revealer_get_reveal_child (self->accounts_footer))
    return gtk_label_get_text (self->accounts_footer_label);

  return NULL;
}

gboolean
mr_orders_view_set_account_selected (MrOrdersView *self,
                                     const char   *email,
                                     gboolean      selected)
{
  GtkWidget *check;

  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), FALSE);
  g_return_val_if_fail (email != NULL, FALSE);

  check = g_hash_table_lookup (self->check_buttons, email);
  if (check == NULL)
    return FALSE;

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), selected);

  return TRUE;
}

GStrv
mr_orders_view_get_selected (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), NULL);

  return mr_account_selection_to_strv (self->selection, self->shown);
}

AdwMessageDialog *
mr_orders_view_get_dialog (MrOrdersView *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_VIEW (self), NULL);

  return self->dialog;
}
