/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-placement-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mr-placement-check.h"

#include "mr-domain-name.h"
#include "mr-pager.h"
#include "mr-records.h"

#define MAX_CHECK_PAGES 20

typedef struct
{
  MrApiClient  *client;       /* owned */
  GCancellable *cancellable;  /* owned, nullable */
  GHashTable   *missing;      /* domain keys or lowercased addresses not seen yet */
  gboolean      accounts;
  MrPager      *pager;        /* owned */
  guint         generation;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->client);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->missing, g_hash_table_unref);
  g_clear_pointer (&data->pager, mr_pager_free);
  g_free (data);
}

/* what is looked for: the order's domain keys, or for extra mailboxes
 * its lowercased addresses */
static GHashTable *
wanted_keys (MrOrder  *order,
             gboolean  accounts)
{
  GHashTable *missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_items = mr_order_get_n_items (order);

  for (guint i = 0; i < n_items; i++)
    {
      MrOrderItem *item = mr_order_get_item (order, i);
      g_autofree char *domain = mr_domain_key (mr_order_item_get_domain (item));

      if (!accounts)
        {
          g_hash_table_add (missing, g_steal_pointer (&domain));
          continue;
        }

      for (guint j = 0; j < mr_order_item_get_n_accounts (item); j++)
        {
          MrAccount *account = mr_order_item_get_account (item, j);
          g_autofree char *email = g_strdup_printf ("%s@%s",
                                                    mr_account_get_email_address_prefix (account),
                                                    domain);

          g_hash_table_add (missing, g_ascii_strdown (email, -1));
        }
    }

  return missing;
}

static void
mark_seen (CheckData    *data,
           const MrPage *page)
{
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
}

static void page_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
read_next_page (GTask *task)
{
  CheckData *data = g_task_get_task_data (task);
  const char *starting_after = NULL;

  data->generation = mr_pager_begin (data->pager, &starting_after);
  if (data->accounts)
    mr_api_client_list_accounts_async (data->client, 100, starting_after, FALSE,
                                       data->cancellable, page_cb, task);
  else
    mr_api_client_list_orders_async (data->client, 100, starting_after,
                                     data->cancellable, page_cb, task);
}

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = NULL;

  if (data->accounts)
    page = mr_api_client_list_accounts_finish (MR_API_CLIENT (source), result, &error);
  else
    page = mr_api_client_list_orders_finish (MR_API_CLIENT (source), result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mark_seen (data, page);

  mr_pager_finish (data->pager, data->generation, page);
  if (g_hash_table_size (data->missing) > 0 && !mr_pager_is_done (data->pager))
    {
      read_next_page (g_steal_pointer (&task));
      return;
    }

  if (g_hash_table_size (data->missing) > 0 && mr_pager_stopped_early (data->pager))
    /* not seen, but not all of the list was read either */
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, "%s",
                             _("The orders list could not be read to its end."));
  else if (g_hash_table_size (data->missing) == 0)
    g_task_return_int (task, MR_PLACEMENT_FOUND);
  else
    g_task_return_int (task, MR_PLACEMENT_MISSING);
}

void
mr_placement_check_async (MrApiClient         *client,
                          MrOrder             *order,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (MR_IS_API_CLIENT (client));
  g_return_if_fail (MR_IS_ORDER (order));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* the cancellable goes to the requests: a list read to its end is an
   * answer even if the caller is cancelled just then */
  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, mr_placement_check_async);

  data = g_new0 (CheckData, 1);
  data->client = g_object_ref (client);
  data->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  data->accounts = mr_order_get_order_type (order) == MR_ORDER_TYPE_EXTRA_ACCOUNTS;
  data->missing = wanted_keys (order, data->accounts);
  data->pager = mr_pager_new ();
  mr_pager_set_max_pages (data->pager, MAX_CHECK_PAGES);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);

  read_next_page (g_steal_pointer (&task));
}

MrPlacementCheck
mr_placement_check_finish (GAsyncResult  *result,
                           GError       **error)
{
  gssize found;

  g_return_val_if_fail (g_task_is_valid (result, NULL), MR_PLACEMENT_UNREAD);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mr_placement_check_async,
                        MR_PLACEMENT_UNREAD);

  found = g_task_propagate_int (G_TASK (result), error);

  return found < 0 ? MR_PLACEMENT_UNREAD : (MrPlacementCheck) found;
}
