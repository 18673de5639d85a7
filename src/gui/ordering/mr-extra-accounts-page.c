/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-extra-accounts-page"

#include "config.h"

#include <adwaita.h>

#include "mr-a11y.h"
#include "mr-gui-util.h"
#include "mr-extra-accounts-page.h"

#define MAX_SHOWN 200

struct _MrExtraAccountsPage
{
  GtkWidget       parent_instance;

  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  GtkListBox     *results_list;
  GtkLabel       *error_label;

  MrApiClient    *client;
  MrOrder        *order;
  GCancellable   *cancellable;
  gboolean        needs_reload;   /* asked while hidden: load when first shown */
  GPtrArray      *results;   /* char *: domains, sorted */
  GHashTable     *seen;
  guint           n_pages;
  GPtrArray      *buttons;   /* the add buttons, in row order */
  GCancellable   *accounts_cancellable;
  GHashTable     *existing;  /* domain -> Existing: its active mailboxes */
  guint           n_account_pages;
};

/* what a domain already has: it counts against the provider's limit */
typedef struct
{
  guint           n_active;
  MrEmailProvider provider;
} Existing;

G_DEFINE_FINAL_TYPE (MrExtraAccountsPage, mr_extra_accounts_page, GTK_TYPE_WIDGET)

static void
update_buttons (MrExtraAccountsPage *self)
{
  mr_add_buttons_update (self->buttons, self->order);
}

/* The domain's provider and active mailboxes onto @item */
static void
apply_existing (MrExtraAccountsPage *self,
                MrOrderItem         *item)
{
  g_autofree char *key = mr_domain_name_normalize (mr_order_item_get_domain (item), NULL);
  Existing *existing = key != NULL ? g_hash_table_lookup (self->existing, key) : NULL;

  if (existing == NULL)
    return;

  if (mr_email_provider_is_valid (existing->provider))
    mr_order_item_set_email_provider (item, existing->provider);
  mr_order_item_set_existing_accounts (item, existing->n_active);
}

static void
apply_existing_to_order (MrExtraAccountsPage *self)
{
  guint n;

  if (self->order == NULL || mr_order_get_order_type (self->order) != MR_ORDER_TYPE_EXTRA_ACCOUNTS)
    return;

  n = mr_order_get_n_items (self->order);
  mr_order_begin_batch (self->order);
  for (guint i = 0; i < n; i++)
    apply_existing (self, mr_order_get_item (self->order, i));
  mr_order_end_batch (self->order);
}

static void
accounts_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MrExtraAccountsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = NULL;

  page = mr_api_client_list_accounts_finish (MR_API_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* without the list, the server still checks the limit when quoting */
  if (error != NULL)
    {
      g_debug ("Cannot count the existing mailboxes: %s", error->message);
      return;
    }

  for (guint i = 0; i < page->items->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (page->items, i);
      g_autofree char *key = NULL;
      Existing *existing;

      if (account->domain == NULL || account->cancelled)
        continue;

      key = mr_domain_name_normalize (account->domain, NULL);
      if (key == NULL)
        continue;

      existing = g_hash_table_lookup (self->existing, key);
      if (existing == NULL)
        {
          existing = g_new0 (Existing, 1);
          g_hash_table_insert (self->existing, g_steal_pointer (&key), existing);
        }
      existing->n_active++;
      existing->provider = account->email_provider;
    }

  if (page->next_starting_after != NULL && ++self->n_account_pages < 50)
    {
      mr_api_client_list_accounts_async (MR_API_CLIENT (source), 100, page->next_starting_after,
                                         FALSE, self->accounts_cancellable, accounts_cb,
                                         g_object_ref (self));
      return;
    }

  apply_existing_to_order (self);
}

static void
add_clicked_cb (GtkButton       *button,
                MrExtraAccountsPage *self)
{
  const char *domain = g_object_get_data (G_OBJECT (button), "domain");
  g_autoptr(MrOrderItem) item = NULL;

  if (self->order == NULL || domain == NULL ||
      mr_order_find_item (self->order, domain, NULL) != NULL)
    return;

  item = mr_order_item_new (domain);
  apply_existing (self, item);
  mr_order_append_item (self->order, item);
}

static void
show_results (MrExtraAccountsPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  mr_list_box_clear (self->results_list);
  g_ptr_array_set_size (self->buttons, 0);

  for (guint i = 0; self->results != NULL && i < self->results->len &&
                    self->buttons->len < MAX_SHOWN; i++)
    {
      const char *domain = g_ptr_array_index (self->results, i);

      if (search != NULL && *search != '\0' && strstr (domain, search) == NULL)
        continue;

      gtk_list_box_append (self->results_list,
                           mr_domain_row_with_add_button (domain, self->buttons,
                                                          G_CALLBACK (add_clicked_cb), self));
    }

  if (self->buttons->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  update_buttons (self);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
orders_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MrExtraAccountsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = NULL;

  page = mr_api_client_list_orders_finish (MR_API_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      mr_domain_picker_show_error (self->stack, self->spinner, self->error_label, error);
      return;
    }

  for (guint i = 0; i < page->items->len; i++)
    {
      const MrOrderRecord *record = g_ptr_array_index (page->items, i);

      if (record->domain == NULL || record->cancelled ||
          g_hash_table_contains (self->seen, record->domain))
        continue;

      g_hash_table_add (self->seen, g_strdup (record->domain));
      g_ptr_array_add (self->results, g_strdup (record->domain));
    }

  /* a workspace with thousands of orders shows the first few pages */
  if (page->next_starting_after != NULL && ++self->n_pages < 10)
    {
      mr_api_client_list_orders_async (MR_API_CLIENT (source), 100, page->next_starting_after,
                                       self->cancellable, orders_cb, g_object_ref (self));
      return;
    }

  gtk_spinner_set_spinning (self->spinner, FALSE);
  g_ptr_array_sort (self->results, compare_strings);
  show_results (self);
}

void
mr_extra_accounts_page_reload (MrExtraAccountsPage *self)
{
  g_return_if_fail (MR_IS_EXTRA_ACCOUNTS_PAGE (self));

  if (!mr_domain_picker_begin_reload (GTK_WIDGET (self), self->client, &self->cancellable,
                                      &self->needs_reload))
    return;

  self->n_pages = 0;
  g_ptr_array_set_size (self->results, 0);
  g_hash_table_remove_all (self->seen);

  g_cancellable_cancel (self->accounts_cancellable);
  g_clear_object (&self->accounts_cancellable);
  self->accounts_cancellable = g_cancellable_new ();
  self->n_account_pages = 0;
  g_hash_table_remove_all (self->existing);
  mr_api_client_list_accounts_async (self->client, 100, NULL, FALSE, self->accounts_cancellable,
                                     accounts_cb, g_object_ref (self));

  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  mr_api_client_list_orders_async (self->client, 100, NULL, self->cancellable,
                                   orders_cb, g_object_ref (self));
}

static void
search_changed_cb (MrExtraAccountsPage *self)
{
  if (self->results != NULL && gtk_spinner_get_spinning (self->spinner) == FALSE)
    show_results (self);
}

static void
retry_clicked_cb (MrExtraAccountsPage *self)
{
  mr_extra_accounts_page_reload (self);
}

static void
mr_extra_accounts_page_dispose (GObject *object)
{
  MrExtraAccountsPage *self = MR_EXTRA_ACCOUNTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->accounts_cancellable);
  mr_extra_accounts_page_set_order (self, NULL);
  mr_widget_dispose_children (GTK_WIDGET (self), MR_TYPE_EXTRA_ACCOUNTS_PAGE);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->accounts_cancellable);
  g_clear_pointer (&self->existing, g_hash_table_unref);
  g_clear_object (&self->client);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_extra_accounts_page_parent_class)->dispose (object);
}

static void
mr_extra_accounts_page_map (GtkWidget *widget)
{
  MrExtraAccountsPage *self = (MrExtraAccountsPage *) widget;

  GTK_WIDGET_CLASS (mr_extra_accounts_page_parent_class)->map (widget);

  if (self->needs_reload)
    mr_extra_accounts_page_reload (self);
}

static void
mr_extra_accounts_page_class_init (MrExtraAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_extra_accounts_page_dispose;
  widget_class->map = mr_extra_accounts_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mailroom/Mailroom/mr-extra-accounts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrExtraAccountsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MrExtraAccountsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MrExtraAccountsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MrExtraAccountsPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, MrExtraAccountsPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mr_extra_accounts_page_init (MrExtraAccountsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->buttons = g_ptr_array_new ();
  self->results = g_ptr_array_new_with_free_func (g_free);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_fix_template (GTK_WIDGET (self));
}

GtkWidget *
mr_extra_accounts_page_new (void)
{
  return g_object_new (MR_TYPE_EXTRA_ACCOUNTS_PAGE, NULL);
}

void
mr_extra_accounts_page_set_client (MrExtraAccountsPage *self,
                                   MrApiClient         *client)
{
  g_return_if_fail (MR_IS_EXTRA_ACCOUNTS_PAGE (self));

  if (g_set_object (&self->client, client))
    mr_extra_accounts_page_reload (self);
}

void
mr_extra_accounts_page_set_order (MrExtraAccountsPage *self,
                                  MrOrder             *order)
{
  g_return_if_fail (MR_IS_EXTRA_ACCOUNTS_PAGE (self));

  if (!mr_domain_picker_watch_order (&self->order, order, self, G_CALLBACK (update_buttons)))
    return;

  if (order != NULL && self->existing != NULL)
    apply_existing_to_order (self);

  if (self->buttons != NULL)
    update_buttons (self);
}

guint
mr_extra_accounts_page_get_n_results (MrExtraAccountsPage *self)
{
  g_return_val_if_fail (MR_IS_EXTRA_ACCOUNTS_PAGE (self), 0);

  return self->buttons->len;
}
