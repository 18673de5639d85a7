/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-quote-basis"

#include "config.h"

#include "mr-quote-basis.h"

#include "mr-domain-name.h"

typedef struct
{
  MrOrderItem *item;     /* owned: the domain as the quote priced it */
  char        *content;  /* what it held then */
} Priced;

struct _MrQuoteBasis
{
  GHashTable *priced;    /* domain key -> Priced */
};

static void
priced_free (gpointer data)
{
  Priced *priced = data;

  g_object_unref (priced->item);
  g_free (priced->content);
  g_free (priced);
}

static void
append_text (GString    *content,
             const char *text,
             char        end)
{
  if (text != NULL)
    g_string_append (content, text);
  g_string_append_c (content, end);
}

/* a number without printf: this runs for every domain a quote names */
static void
append_int (GString *content,
            gint64   value,
            char     end)
{
  char digits[24];
  guint64 rest = value < 0 ? -(guint64) value : (guint64) value;
  gsize at = sizeof digits;

  digits[--at] = '\0';
  do
    {
      digits[--at] = '0' + rest % 10;
      rest /= 10;
    }
  while (rest > 0);
  if (value < 0)
    digits[--at] = '-';

  append_text (content, digits + at, end);
}

/* Everything a quote reads of a domain, in one string */
static char *
item_content (MrOrderItem *item)
{
  GString *content = g_string_sized_new (128);
  guint n_accounts = mr_order_item_get_n_accounts (item);

  append_text (content, mr_order_item_get_domain (item), '\n');
  append_int (content, (int) mr_order_item_get_email_provider (item), '\n');
  append_text (content, mr_order_item_get_forwarding_domain (item), '\n');
  append_int (content, mr_order_item_get_existing_accounts (item), '\n');
  for (guint i = 0; i < n_accounts; i++)
    {
      MrAccount *account = mr_order_item_get_account (item, i);

      append_text (content, mr_account_get_first_name (account), '\x1f');
      append_text (content, mr_account_get_last_name (account), '\x1f');
      append_text (content, mr_account_get_email_address_prefix (account), '\n');
    }

  return g_string_free (content, FALSE);
}

MrQuoteBasis *
mr_quote_basis_new (MrOrder   *quoted,
                    GPtrArray *problems)
{
  g_autoptr(GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  MrQuoteBasis *self;
  guint n_items;

  g_return_val_if_fail (MR_IS_ORDER (quoted), NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  self = g_new0 (MrQuoteBasis, 1);
  self->priced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, priced_free);

  for (guint i = 0; i < problems->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (problems, i);

      if (problem->key != NULL)
        g_hash_table_add (named, problem->key);
    }

  n_items = mr_order_get_n_items (quoted);
  for (guint i = 0; i < n_items && g_hash_table_size (named) > 0; i++)
    {
      MrOrderItem *item = mr_order_get_item (quoted, i);
      g_autofree char *key = mr_domain_key (mr_order_item_get_domain (item));
      Priced *priced;

      if (!g_hash_table_remove (named, key))
        continue;

      priced = g_new0 (Priced, 1);
      priced->item = g_object_ref (item);
      priced->content = item_content (item);
      g_hash_table_insert (self->priced, g_steal_pointer (&key), priced);
    }

  return self;
}

void
mr_quote_basis_free (MrQuoteBasis *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->priced);
  g_free (self);
}

GPtrArray *
mr_quote_basis_filter (MrQuoteBasis *self,
                       MrOrder      *quoted,
                       GPtrArray    *problems)
{
  g_autoptr(GHashTable) in_order = NULL;
  g_autoptr(GHashTable) changed = NULL;
  GPtrArray *still = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n_items;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (MR_IS_ORDER (quoted), NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  still = g_ptr_array_new_full (problems->len, g_object_unref);
  if (g_hash_table_size (self->priced) == 0)
    {
      for (guint i = 0; i < problems->len; i++)
        g_ptr_array_add (still, g_object_ref (g_ptr_array_index (problems, i)));
      return still;
    }

  /* the items themselves: an edit keeps the object, a removal drops it */
  in_order = g_hash_table_new (NULL, NULL);
  n_items = mr_order_get_n_items (quoted);
  for (guint i = 0; i < n_items; i++)
    g_hash_table_add (in_order, mr_order_get_item (quoted, i));

  changed = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, self->priced);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Priced *priced = value;
      g_autofree char *content = NULL;

      if (!g_hash_table_contains (in_order, priced->item))
        {
          g_hash_table_add (changed, key);
          continue;
        }

      content = item_content (priced->item);
      if (!g_str_equal (content, priced->content))
        g_hash_table_add (changed, key);
    }

  /* a domain the quote named but the order did not have, and the order
   * as a whole, stay as they were said */
  for (guint i = 0; i < problems->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (problems, i);

      if (problem->key == NULL || !g_hash_table_contains (changed, problem->key))
        g_ptr_array_add (still, g_object_ref (problem));
    }

  return still;
}
