/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-prewarmed-page"

#include "config.h"

#include <adwaita.h>

#include "mr-a11y.h"
#include "mr-gui-util.h"
#include "mr-prewarmed-page.h"

#define MAX_SHOWN 100

struct _MrPrewarmedPage
{
  GtkWidget       parent_instance;

  GtkSearchEntry *search_entry;
  GtkToggleButton *com_button;
  GtkToggleButton *org_button;
  GtkToggleButton *co_button;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  GtkListBox     *results_list;
  GtkLabel       *error_label;

  MrApiClient    *client;
  MrOrder        *order;
  GCancellable   *cancellable;
  gboolean        needs_reload;   /* asked while hidden: load when first shown */
  GPtrArray      *results;   /* MrPrewarmedDomain* */
  GPtrArray      *buttons;   /* the add buttons, in row order */
};

G_DEFINE_FINAL_TYPE (MrPrewarmedPage, mr_prewarmed_page, GTK_TYPE_WIDGET)

static void
update_buttons (MrPrewarmedPage *self)
{
  mr_add_buttons_update (self->buttons, self->order);
}

static void
add_clicked_cb (GtkButton       *button,
                MrPrewarmedPage *self)
{
  const MrPrewarmedDomain *domain = g_object_get_data (G_OBJECT (button), "record");
  g_autoptr(MrOrderItem) item = NULL;

  if (self->order == NULL || domain == NULL ||
      mr_order_find_item (self->order, domain->domain, NULL) != NULL)
    return;

  item = mr_order_item_new (domain->domain);
  if (domain->has_account_type && mr_email_provider_is_valid (domain->account_type))
    mr_order_item_set_email_provider (item, domain->account_type);
  mr_order_append_item (self->order, item);
}

static void
show_results (MrPrewarmedPage *self)
{
  mr_list_box_clear (self->results_list);
  g_ptr_array_set_size (self->buttons, 0);

  if (self->results == NULL || self->results->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < self->results->len && i < MAX_SHOWN; i++)
    {
      const MrPrewarmedDomain *domain = g_ptr_array_index (self->results, i);
      GtkWidget *row;

      row = mr_domain_row_with_add_button (domain->domain, self->buttons,
                                           G_CALLBACK (add_clicked_cb), self);
      if (domain->has_account_type && mr_email_provider_is_valid (domain->account_type))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     mr_email_provider_to_label (domain->account_type));
      g_object_set_data (G_OBJECT (g_ptr_array_index (self->buttons, self->buttons->len - 1)),
                         "record", (gpointer) domain);

      gtk_list_box_append (self->results_list, row);
    }

  update_buttons (self);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
prewarmed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MrPrewarmedPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) domains = NULL;

  domains = mr_api_client_prewarmed_domains_finish (MR_API_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      mr_domain_picker_show_error (self->stack, self->spinner, self->error_label, error);
      return;
    }

  gtk_spinner_set_spinning (self->spinner, FALSE);

  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->results = g_steal_pointer (&domains);
  show_results (self);
}

void
mr_prewarmed_page_reload (MrPrewarmedPage *self)
{
  const char *extensions[4] = { NULL };
  const char *search;
  guint n = 0;

  g_return_if_fail (MR_IS_PREWARMED_PAGE (self));

  if (!mr_domain_picker_begin_reload (GTK_WIDGET (self), self->client, &self->cancellable,
                                      &self->needs_reload))
    return;

  if (gtk_toggle_button_get_active (self->com_button))
    extensions[n++] = "com";
  if (gtk_toggle_button_get_active (self->org_button))
    extensions[n++] = "org";
  if (gtk_toggle_button_get_active (self->co_button))
    extensions[n++] = "co";

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (search != NULL && *search == '\0')
    search = NULL;

  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  mr_api_client_prewarmed_domains_async (self->client, search, n > 0 ? extensions : NULL,
                                         self->cancellable, prewarmed_cb, g_object_ref (self));
}

static void
search_changed_cb (MrPrewarmedPage *self)
{
  mr_prewarmed_page_reload (self);
}

static void
filter_toggled_cb (MrPrewarmedPage *self)
{
  mr_prewarmed_page_reload (self);
}

static void
retry_clicked_cb (MrPrewarmedPage *self)
{
  mr_prewarmed_page_reload (self);
}

static void
mr_prewarmed_page_dispose (GObject *object)
{
  MrPrewarmedPage *self = MR_PREWARMED_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  mr_prewarmed_page_set_order (self, NULL);
  mr_widget_dispose_children (GTK_WIDGET (self), MR_TYPE_PREWARMED_PAGE);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_prewarmed_page_parent_class)->dispose (object);
}

static void
mr_prewarmed_page_map (GtkWidget *widget)
{
  MrPrewarmedPage *self = (MrPrewarmedPage *) widget;

  GTK_WIDGET_CLASS (mr_prewarmed_page_parent_class)->map (widget);

  if (self->needs_reload)
    mr_prewarmed_page_reload (self);
}

static void
mr_prewarmed_page_class_init (MrPrewarmedPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_prewarmed_page_dispose;
  widget_class->map = mr_prewarmed_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mailroom/Mailroom/mr-prewarmed-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrPrewarmedPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MrPrewarmedPage, com_button);
  gtk_widget_class_bind_template_child (widget_class, MrPrewarmedPage, org_button);
  gtk_widget_class_bind_template_child (widget_class, MrPrewarmedPage, co_button);
  gtk_widget_class_bind_template_child (widget_class, MrPrewarmedPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MrPrewarmedPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MrPrewarmedPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, MrPrewarmedPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mr_prewarmed_page_init (MrPrewarmedPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->buttons = g_ptr_array_new ();

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_fix_template (GTK_WIDGET (self));
}

GtkWidget *
mr_prewarmed_page_new (void)
{
  return g_object_new (MR_TYPE_PREWARMED_PAGE, NULL);
}

void
mr_prewarmed_page_set_client (MrPrewarmedPage *self,
                              MrApiClient     *client)
{
  g_return_if_fail (MR_IS_PREWARMED_PAGE (self));

  if (g_set_object (&self->client, client))
    mr_prewarmed_page_reload (self);
}

void
mr_prewarmed_page_set_order (MrPrewarmedPage *self,
                             MrOrder         *order)
{
  g_return_if_fail (MR_IS_PREWARMED_PAGE (self));

  if (!mr_domain_picker_watch_order (&self->order, order, self, G_CALLBACK (update_buttons)))
    return;

  if (self->buttons != NULL)
    update_buttons (self);
}

guint
mr_prewarmed_page_get_n_results (MrPrewarmedPage *self)
{
  g_return_val_if_fail (MR_IS_PREWARMED_PAGE (self), 0);

  /* while a new list is on its way, the rows shown are about to go */
  if (gtk_spinner_get_spinning (self->spinner))
    return 0;

  return self->buttons->len;
}
