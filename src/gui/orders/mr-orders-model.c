/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-orders-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mr-orders-model.h"

static char *
time_key (GDateTime *time)
{
  if (time == NULL)
    return g_strdup ("");

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%06d",
                          g_date_time_to_unix (time),
                          g_date_time_get_microsecond (time));
}

char *
mr_order_record_key (const MrOrderRecord *record)
{
  g_autofree char *created = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  created = time_key (record->timestamp_created);

  return g_strconcat (record->domain ? record->domain : "", "\n", created, NULL);
}

char *
mr_ordered_account_key (const MrOrderedAccount *account)
{
  g_autofree char *email = NULL;

  g_return_val_if_fail (account != NULL, NULL);

  email = g_ascii_strdown (account->email ? account->email : "", -1);

  return g_strconcat (account->id ? account->id : "", "\n", email, NULL);
}

void
mr_account_group_free (MrAccountGroup *self)
{
  if (self == NULL)
    return;

  g_free (self->domain);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_free (self);
}

static int
compare_accounts (gconstpointer a,
                  gconstpointer b)
{
  const MrOrderedAccount *x = *(const MrOrderedAccount * const *) a;
  const MrOrderedAccount *y = *(const MrOrderedAccount * const *) b;
  gboolean x_cancelled = x->cancelled;
  gboolean y_cancelled = y->cancelled;

  if (x_cancelled != y_cancelled)
    return x_cancelled ? 1 : -1;

  return g_strcmp0 (x->email, y->email);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const MrAccountGroup *x = *(const MrAccountGroup * const *) a;
  const MrAccountGroup *y = *(const MrAccountGroup * const *) b;

  return g_strcmp0 (x->domain, y->domain);
}

GPtrArray *
mr_account_groups_build (GPtrArray *accounts)
{
  g_autoptr(GHashTable) by_domain = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  g_return_val_if_fail (accounts != NULL, NULL);

  by_domain = g_hash_table_new (g_str_hash, g_str_equal);
  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_account_group_free);

  for (guint i = 0; i < accounts->len; i++)
    {
      MrOrderedAccount *account = g_ptr_array_index (accounts, i);
      const char *domain = account->domain ? account->domain : "";
      MrAccountGroup *group = g_hash_table_lookup (by_domain, domain);

      if (group == NULL)
        {
          group = g_new0 (MrAccountGroup, 1);
          group->domain = g_strdup (domain);
          group->email_provider = account->email_provider;
          group->accounts = g_ptr_array_new ();
          g_hash_table_insert (by_domain, group->domain, group);
          g_ptr_array_add (groups, group);
        }

      g_ptr_array_add (group->accounts, account);
      if (!account->cancelled)
        group->n_active++;
    }

  for (guint i = 0; i < groups->len; i++)
    {
      MrAccountGroup *group = g_ptr_array_index (groups, i);

      g_ptr_array_sort (group->accounts, compare_accounts);
    }
  g_ptr_array_sort (groups, compare_groups);

  return g_steal_pointer (&groups);
}

GHashTable *
mr_account_selection_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

guint
mr_account_selection_add_group (GHashTable     *selection,
                                MrAccountGroup *group)
{
  guint n_added = 0;

  g_return_val_if_fail (selection != NULL, 0);
  g_return_val_if_fail (group != NULL, 0);

  for (guint i = 0; i < group->accounts->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (group->accounts, i);

      if (account->cancelled || account->email == NULL)
        continue;

      if (g_hash_table_add (selection, g_strdup (account->email)))
        n_added++;
    }

  return n_added;
}

gboolean
mr_account_selection_has_group (GHashTable     *selection,
                                MrAccountGroup *group)
{
  g_return_val_if_fail (selection != NULL, FALSE);
  g_return_val_if_fail (group != NULL, FALSE);

  if (group->n_active == 0)
    return FALSE;

  for (guint i = 0; i < group->accounts->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (group->accounts, i);

      if (!account->cancelled &&
          !g_hash_table_contains (selection, account->email))
        return FALSE;
    }

  return TRUE;
}

void
mr_account_selection_prune (GHashTable *selection,
                            GPtrArray  *accounts)
{
  g_autoptr(GHashTable) active = NULL;
  GHashTableIter iter;
  const char *email;

  g_return_if_fail (selection != NULL);
  g_return_if_fail (accounts != NULL);

  active = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < accounts->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (accounts, i);

      if (!account->cancelled && account->email != NULL)
        g_hash_table_add (active, account->email);
    }

  g_hash_table_iter_init (&iter, selection);
  while (g_hash_table_iter_next (&iter, (gpointer *) &email, NULL))
    {
      if (!g_hash_table_contains (active, email))
        g_hash_table_iter_remove (&iter);
    }
}

GStrv
mr_account_selection_to_strv (GHashTable *selection,
                              GPtrArray  *accounts)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) added = NULL;

  g_return_val_if_fail (selection != NULL, NULL);
  g_return_val_if_fail (accounts != NULL, NULL);

  builder = g_strv_builder_new ();
  added = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < accounts->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (accounts, i);

      if (account->email == NULL ||
          !g_hash_table_contains (selection, account->email) ||
          !g_hash_table_add (added, account->email))
        continue;

      g_strv_builder_add (builder, account->email);
    }

  return g_strv_builder_end (builder);
}

void
mr_ordered_accounts_wipe_passwords (GPtrArray *accounts)
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

void
mr_ordered_accounts_free (GPtrArray *accounts)
{
  mr_ordered_accounts_wipe_passwords (accounts);
  g_ptr_array_unref (accounts);
}

GPtrArray *
mr_ordered_accounts_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) mr_ordered_account_free);
}

void
mr_pager_collect_accounts (MrPager   *self,
                           MrPage    *page,
                           GPtrArray *into)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (page != NULL);
  g_return_if_fail (into != NULL);

  for (guint i = 0; i < page->items->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (page->items, i);
      g_autofree char *key = mr_ordered_account_key (account);

      if (mr_pager_mark_seen (self, key))
        g_ptr_array_add (into, mr_ordered_account_copy (account));
    }

  mr_ordered_accounts_wipe_passwords (page->items);
}

char *
mr_format_date (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;

  local = g_date_time_to_local (time);

  /* Translators: a date in its medium form, "Jan 31, 2026" (not "01/31/26");
   * put the codes of g_date_time_format() in your language's order */
  return g_date_time_format (local, _("%b %-d, %Y"));
}
