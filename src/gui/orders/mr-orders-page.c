/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-orders-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-a11y.h"
#include "mr-gui-util.h"
#include "mr-order-record-object.h"
#include "mr-orders-page.h"
#include "mr-page-loader.h"

struct _MrOrdersPage
{
  AdwBin              parent_instance;

  GtkRevealer        *search_revealer;
  GtkSearchEntry     *search_entry;
  GtkStack           *orders_stack;
  GtkSpinner         *orders_spinner;
  GtkLabel           *orders_loading_label;
  AdwStatusPage      *orders_error_page;
  GtkScrolledWindow  *orders_scrolled;
  GtkListView        *orders_list;
  GtkRevealer        *orders_footer;
  GtkSpinner         *orders_footer_spinner;
  GtkLabel           *orders_footer_label;

  MrApiClient        *client;
  guint               page_size;
  gboolean            busy;

  MrPageLoader        loader;
  GListStore         *order_store;     /* MrOrderRecordObject */
  GtkStringFilter    *filter;
  GtkFilterListModel *filtered;
  gboolean            replace_orders;  /* the next page replaces what is shown */
  guint               load_more_id;
  guint               layout_tick_id;  /* on orders_list */
};

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MrOrdersPage, mr_orders_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static void load_page (MrOrdersPage *self);

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

  if (record->cancelled)
    {
      g_autofree char *cancelled = mr_format_date (record->timestamp_cancelled);

      if (details->len > 0)
        g_string_append (details, " · ");
      /* the time may be one the server sent unreadable */
      if (cancelled != NULL)
        g_string_append_printf (details, _("Cancelled %s"), cancelled);
      else
        g_string_append (details, _("Cancelled"));
    }

  return g_string_free (details, FALSE);
}

static void
order_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                MrOrdersPage             *self)
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

  /* the domain reads whole: in a narrow window or with large text it
   * wraps (at its hyphens and dots first) rather than lose its middle */
  title = g_object_new (GTK_TYPE_LABEL,
                        "xalign", 0.0f,
                        "wrap", TRUE,
                        "wrap-mode", PANGO_WRAP_WORD_CHAR,
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
               MrOrdersPage             *self)
{
  MrOrderRecordObject *object = gtk_list_item_get_item (item);
  const MrOrderRecord *record = mr_order_record_object_get_record (object);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *state = g_object_get_data (G_OBJECT (box), "state");
  GtkWidget *state_icon = g_object_get_data (G_OBJECT (box), "state-icon");
  GtkWidget *state_label = g_object_get_data (G_OBJECT (box), "state-label");
  GtkWidget *row = gtk_widget_get_parent (box);
  g_autofree char *details = describe_order (record);
  g_autofree char *name = NULL;

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), record->domain);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "details"), details);

  if (record->cancelled)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (state_icon), "action-unavailable-symbolic");
      gtk_label_set_text (GTK_LABEL (state_label), _("Cancelled"));
      gtk_widget_remove_css_class (state, "success");
      gtk_widget_add_css_class (state, "dim-label");
    }
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (state_icon), "object-select-symbolic");
      gtk_label_set_text (GTK_LABEL (state_label), _("Active"));
      gtk_widget_remove_css_class (state, "dim-label");
      gtk_widget_add_css_class (state, "success");
    }

  /* the row a screen reader lands on: what the eye reads across it */
  /* Translators: an order's row: its domain, then "Active" or "Cancelled" */
  name = g_strdup_printf (_("%s, %s"), record->domain,
                          gtk_label_get_text (GTK_LABEL (state_label)));
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, details,
                                    -1);
}

static gboolean
orders_near_end (MrOrdersPage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->orders_scrolled);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);

  return value + page >= upper - MAX (page, 200.0);
}

static void
maybe_load_more (MrOrdersPage *self)
{
  if (self->client == NULL ||
      !mr_pager_can_load (self->loader.pager) ||
      self->loader.retry_id != 0 ||
      self->loader.error != NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0 ||
      (gtk_widget_get_mapped (GTK_WIDGET (self->orders_list)) && orders_near_end (self)))
    load_page (self);
}

static gboolean
load_more_idle_cb (gpointer user_data)
{
  MrOrdersPage *self = user_data;

  self->load_more_id = 0;
  maybe_load_more (self);

  return G_SOURCE_REMOVE;
}

/* The adjustment changes during size allocation: start requests later. */
static void
queue_load_more (MrOrdersPage *self)
{
  if (self->load_more_id == 0)
    self->load_more_id = g_idle_add (load_more_idle_cb, self);
}

static void
adjustment_changed_cb (MrOrdersPage *self)
{
  queue_load_more (self);
}

static gboolean
layout_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  MrOrdersPage *self = user_data;

  /* this frame lays the new rows out; the idle runs after it */
  self->layout_tick_id = 0;
  queue_load_more (self);

  return G_SOURCE_REMOVE;
}

/* Rows that still fit on the page leave the scroll range as it was, so no
 * adjustment signal follows them: decide again after the next layout. */
static void
queue_load_more_after_layout (MrOrdersPage *self)
{
  if (self->layout_tick_id == 0)
    self->layout_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->orders_list),
                                                         layout_tick_cb, self, NULL);
}

static void
update_ui (MrOrdersPage *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->order_store));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  gboolean loading = mr_page_loader_is_active (&self->loader);
  gboolean done = mr_pager_is_done (self->loader.pager);
  g_autofree char *notice = mr_page_loader_describe_wait (&self->loader);
  g_autofree char *failed = NULL;
  const char *error = self->loader.error;
  const char *footer = NULL;
  const char *state;

  if (self->client == NULL)
    state = "loading";
  else if (n_all == 0 && error != NULL)
    state = "error";
  else if (n_all == 0)
    state = done ? "empty" : "loading";
  else if (n_shown == 0)
    state = done || error != NULL ? "no-match" : "loading";
  else
    state = "list";

  mr_paged_list_show_state (self->orders_stack, state,
                            self->orders_spinner, self->orders_loading_label,
                            notice, _("Loading orders…"),
                            self->orders_error_page, error);

  gtk_revealer_set_reveal_child (self->search_revealer, n_all > 0);

  if (g_str_equal (state, "list") && (loading || error != NULL))
    {
      if (notice == NULL && error != NULL)
        failed = g_strdup_printf (_("Could not load more orders. %s"), error);

      footer = notice ? notice : failed ? failed : _("Loading more orders…");
    }

  mr_paged_list_show_footer (self->orders_footer, self->orders_footer_spinner,
                             self->orders_footer_label, footer, failed == NULL);

  if (loading != self->busy)
    {
      self->busy = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
replace_or_append (MrOrdersPage *self,
                   gpointer     *objects,
                   guint         n_objects)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->order_store));

  if (self->replace_orders)
    g_list_store_splice (self->order_store, 0, n_all, objects, n_objects);
  else
    g_list_store_splice (self->order_store, n_all, 0, objects, n_objects);

  self->replace_orders = FALSE;
}

static void
orders_page_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MrPageRequest) request = user_data;
  MrOrdersPage *self = request->owner;
  g_autoptr(MrPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  guint n_shown;

  page = mr_api_client_list_orders_finish (MR_API_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      if (!mr_page_loader_fail (&self->loader, request->generation, error))
        return;

      /* what was shown before a reload is not current any more */
      if (self->loader.error != NULL && self->replace_orders)
        {
          g_list_store_remove_all (self->order_store);
          self->replace_orders = FALSE;
        }

      update_ui (self);
      return;
    }

  if (!mr_page_loader_finish (&self->loader, request->generation, page))
    return;

  objects = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < page->items->len; i++)
    {
      const MrOrderRecord *record = g_ptr_array_index (page->items, i);
      g_autofree char *key = mr_order_record_key (record);

      if (mr_pager_mark_seen (self->loader.pager, key))
        g_ptr_array_add (objects, mr_order_record_object_new (mr_order_record_copy (record)));
    }

  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  replace_or_append (self, objects->pdata, objects->len);
  update_ui (self);

  /* New rows are decided on once they are laid out (by then the scroll
   * range has changed, or not if they fit); with none to show, decide now. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == n_shown)
    queue_load_more (self);
  else
    queue_load_more_after_layout (self);
}

static void
load_page (MrOrdersPage *self)
{
  const char *cursor = NULL;
  guint generation;

  if (self->client == NULL || !mr_pager_can_load (self->loader.pager))
    return;

  generation = mr_page_loader_begin (&self->loader, &cursor);
  mr_api_client_list_orders_async (self->client, self->page_size, cursor,
                                   self->loader.cancellable, orders_page_cb,
                                   mr_page_request_new (self, generation));
  update_ui (self);
}

static void
loader_load_cb (gpointer owner)
{
  load_page (owner);
}

static void
loader_changed_cb (gpointer owner)
{
  update_ui (owner);
}

static void
search_changed_cb (MrOrdersPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  gtk_string_filter_set_search (self->filter, *stripped != '\0' ? stripped : NULL);
  update_ui (self);
  queue_load_more (self);
}

static void
order_activated_cb (MrOrdersPage *self,
                    guint         position)
{
  g_autoptr(MrOrderRecordObject) object = NULL;

  object = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (object == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "orders.view-mailboxes", "s",
                              mr_order_record_object_get_domain (object));
}

static void
mr_orders_page_dispose (GObject *object)
{
  MrOrdersPage *self = (MrOrdersPage *) object;

  mr_page_loader_stop (&self->loader);
  g_clear_handle_id (&self->load_more_id, g_source_remove);
  if (self->layout_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->orders_list), self->layout_tick_id);
      self->layout_tick_id = 0;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), MR_TYPE_ORDERS_PAGE);

  g_clear_object (&self->filtered);
  g_clear_object (&self->order_store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (mr_orders_page_parent_class)->dispose (object);
}

static void
mr_orders_page_finalize (GObject *object)
{
  MrOrdersPage *self = (MrOrdersPage *) object;

  mr_page_loader_clear (&self->loader);

  G_OBJECT_CLASS (mr_orders_page_parent_class)->finalize (object);
}

static void
mr_orders_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MrOrdersPage *self = MR_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_orders_page_class_init (MrOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_orders_page_dispose;
  object_class->finalize = mr_orders_page_finalize;
  object_class->get_property = mr_orders_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mailroom/Mailroom/mr-orders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrOrdersPage, search_revealer);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersPage, orders_stack);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersPage, orders_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersPage, orders_loading_label);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersPage, orders_error_page);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersPage, orders_scrolled);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersPage, orders_list);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersPage, orders_footer);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersPage, orders_footer_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrOrdersPage, orders_footer_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, order_activated_cb);
}

static void
mr_orders_page_init (MrOrdersPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkAdjustment *adjustment;
  GtkExpression *expression;

  self->page_size = 50;
  mr_page_loader_init (&self->loader, self, loader_load_cb, loader_changed_cb);
  self->loader.max_retry_wait = 300;

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

  adjustment = gtk_scrolled_window_get_vadjustment (self->orders_scrolled);
  g_signal_connect_object (adjustment, "changed",
                           G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);

  /* typing on the Orders page filters it; the Mailboxes page is left alone */
  gtk_search_entry_set_key_capture_widget (self->search_entry,
                                           gtk_widget_get_parent (GTK_WIDGET (self->orders_stack)));

  update_ui (self);

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_fix_template (GTK_WIDGET (self));
}

GtkWidget *
mr_orders_page_new (void)
{
  return g_object_new (MR_TYPE_ORDERS_PAGE, NULL);
}

void
mr_orders_page_set_client (MrOrdersPage *self,
                           MrApiClient  *client)
{
  g_return_if_fail (MR_IS_ORDERS_PAGE (self));
  g_return_if_fail (!client || MR_IS_API_CLIENT (client));

  g_set_object (&self->client, client);
  mr_page_loader_stop (&self->loader);
  g_list_store_remove_all (self->order_store);
  self->replace_orders = FALSE;
  update_ui (self);
}

void
mr_orders_page_set_page_size (MrOrdersPage *self,
                              guint         page_size)
{
  g_return_if_fail (MR_IS_ORDERS_PAGE (self));

  self->page_size = page_size;
}

void
mr_orders_page_set_max_retry_wait (MrOrdersPage *self,
                                   guint         seconds)
{
  g_return_if_fail (MR_IS_ORDERS_PAGE (self));

  self->loader.max_retry_wait = seconds;
}

void
mr_orders_page_reload (MrOrdersPage *self)
{
  g_return_if_fail (MR_IS_ORDERS_PAGE (self));

  mr_page_loader_reset (&self->loader);

  self->replace_orders = g_list_model_get_n_items (G_LIST_MODEL (self->order_store)) > 0;

  if (self->client == NULL)
    {
      g_list_store_remove_all (self->order_store);
      self->replace_orders = FALSE;
    }
  else
    {
      load_page (self);
    }

  update_ui (self);
}

void
mr_orders_page_load_more (MrOrdersPage *self)
{
  g_return_if_fail (MR_IS_ORDERS_PAGE (self));

  g_clear_pointer (&self->loader.error, g_free);
  load_page (self);
}

gboolean
mr_orders_page_get_busy (MrOrdersPage *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_PAGE (self), FALSE);

  return self->busy;
}

GListModel *
mr_orders_page_get_orders (MrOrdersPage *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

guint
mr_orders_page_get_n_loaded (MrOrdersPage *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->order_store));
}

gboolean
mr_orders_page_get_all_loaded (MrOrdersPage *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_PAGE (self), FALSE);

  return mr_pager_is_done (self->loader.pager) && !self->replace_orders;
}

void
mr_orders_page_set_filter_text (MrOrdersPage *self,
                                const char   *text)
{
  g_return_if_fail (MR_IS_ORDERS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* do not wait for the entry's search delay */
  search_changed_cb (self);
}

const char *
mr_orders_page_get_state (MrOrdersPage *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->orders_stack);
}

const char *
mr_orders_page_get_notice (MrOrdersPage *self)
{
  g_return_val_if_fail (MR_IS_ORDERS_PAGE (self), NULL);

  return mr_paged_list_get_notice (self->orders_stack, self->orders_loading_label,
                                   self->orders_footer, self->orders_footer_label);
}
