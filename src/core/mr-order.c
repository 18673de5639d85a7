/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-order"

#include "config.h"

#include "mr-domain-name.h"
#include "mr-model-private.h"
#include "mr-order.h"

struct _MrOrder
{
  GObject      parent_instance;

  GPtrArray   *items;
  MrOrderType  order_type;
  guint64      revision;
  guint        n_accounts;
  guint        batch_depth;
  gboolean     batch_changed;
};

enum {
  PROP_0,
  PROP_ORDER_TYPE,
  PROP_REVISION,
  PROP_N_ITEMS,
  PROP_N_ACCOUNTS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MrOrder, mr_order, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static guint
count_accounts (MrOrder *self)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    n += mr_order_item_get_n_accounts (g_ptr_array_index (self->items, i));

  return n;
}

/* The one place the revision moves: every edit ends here exactly once */
static void
bump (MrOrder *self)
{
  guint n_accounts;

  /* inside a batch every edit is noted and the bump happens once, at the end */
  if (self->batch_depth > 0)
    {
      self->batch_changed = TRUE;
      return;
    }

  n_accounts = count_accounts (self);
  self->revision++;

  if (n_accounts != self->n_accounts)
    {
      self->n_accounts = n_accounts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACCOUNTS]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* One of its items changed */
void
_mr_order_item_changed_cb (gpointer order)
{
  bump (order);
}

/* At @position, or at the end for -1 */
static void
watch_item (MrOrder     *self,
            int          position,
            MrOrderItem *item)
{
  _mr_children_insert (self->items, position, item, _mr_order_item_get_owners (item), self);
}

static void
unwatch_all (MrOrder   *self,
             GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    _mr_owners_remove (_mr_order_item_get_owners (g_ptr_array_index (items, i)), self);
}

static void
items_changed (MrOrder *self,
               guint    position,
               guint    removed,
               guint    added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  bump (self);
}

static MrOrderItem *
copy_item (MrOrderItem *item)
{
  MrOrderItem *copy = mr_order_item_new (mr_order_item_get_domain (item));
  guint n = mr_order_item_get_n_accounts (item);

  mr_order_item_set_email_provider (copy, mr_order_item_get_email_provider (item));
  mr_order_item_set_forwarding_domain (copy, mr_order_item_get_forwarding_domain (item));
  mr_order_item_set_existing_accounts (copy, mr_order_item_get_existing_accounts (item));

  for (guint i = 0; i < n; i++)
    {
      MrAccount *account = mr_order_item_get_account (item, i);
      g_autoptr(MrAccount) account_copy = NULL;

      account_copy = mr_account_new (mr_account_get_first_name (account),
                                     mr_account_get_last_name (account),
                                     mr_account_get_email_address_prefix (account));
      mr_order_item_append_account (copy, account_copy);
    }

  return copy;
}

static GType
mr_order_get_item_type (GListModel *model)
{
  return MR_TYPE_ORDER_ITEM;
}

static guint
mr_order_list_get_n_items (GListModel *model)
{
  return MR_ORDER (model)->items->len;
}

static gpointer
mr_order_list_get_item (GListModel *model,
                        guint       position)
{
  return _mr_children_get_item (MR_ORDER (model)->items, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mr_order_get_item_type;
  iface->get_n_items = mr_order_list_get_n_items;
  iface->get_item = mr_order_list_get_item;
}

static void
mr_order_dispose (GObject *object)
{
  MrOrder *self = (MrOrder *)object;

  if (self->items != NULL)
    {
      unwatch_all (self, self->items);
      g_clear_pointer (&self->items, g_ptr_array_unref);
    }

  G_OBJECT_CLASS (mr_order_parent_class)->dispose (object);
}

static void
mr_order_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MrOrder *self = MR_ORDER (object);

  switch (prop_id)
    {
    case PROP_ORDER_TYPE:
      g_value_set_enum (value, self->order_type);
      break;

    case PROP_REVISION:
      g_value_set_uint64 (value, self->revision);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    case PROP_N_ACCOUNTS:
      g_value_set_uint (value, self->n_accounts);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_order_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  MrOrder *self = MR_ORDER (object);

  switch (prop_id)
    {
    case PROP_ORDER_TYPE:
      mr_order_set_order_type (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_order_class_init (MrOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_order_dispose;
  object_class->get_property = mr_order_get_property;
  object_class->set_property = mr_order_set_property;

  properties[PROP_ORDER_TYPE] =
    g_param_spec_enum ("order-type", NULL, NULL,
                       MR_TYPE_ORDER_TYPE,
                       MR_ORDER_TYPE_DFY,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REVISION] =
    g_param_spec_uint64 ("revision", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ACCOUNTS] =
    g_param_spec_uint ("n-accounts", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MrOrder::changed:
   *
   * Emitted after every revision bump, once per edit anywhere in the order.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mr_order_init (MrOrder *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->order_type = MR_ORDER_TYPE_DFY;
}

MrOrder *
mr_order_new (MrOrderType order_type)
{
  MrOrder *self = g_object_new (MR_TYPE_ORDER, NULL);

  self->order_type = order_type;

  return self;
}

MrOrderType
mr_order_get_order_type (MrOrder *self)
{
  g_return_val_if_fail (MR_IS_ORDER (self), MR_ORDER_TYPE_DFY);

  return self->order_type;
}

void
mr_order_set_order_type (MrOrder     *self,
                         MrOrderType  order_type)
{
  g_return_if_fail (MR_IS_ORDER (self));

  if (self->order_type == order_type)
    return;

  self->order_type = order_type;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER_TYPE]);
  bump (self);
}

guint64
mr_order_get_revision (MrOrder *self)
{
  g_return_val_if_fail (MR_IS_ORDER (self), 0);

  return self->revision;
}

guint
mr_order_get_n_items (MrOrder *self)
{
  g_return_val_if_fail (MR_IS_ORDER (self), 0);

  return self->items->len;
}

MrOrderItem *
mr_order_get_item (MrOrder *self,
                   guint    position)
{
  g_return_val_if_fail (MR_IS_ORDER (self), NULL);

  if (position >= self->items->len)
    return NULL;

  return g_ptr_array_index (self->items, position);
}

/* the one comparison key */
static char *
comparable_domain (const char *domain)
{
  return mr_domain_key (domain);
}

MrOrderItem *
mr_order_find_item (MrOrder    *self,
                    const char *domain,
                    guint      *out_position)
{
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (MR_IS_ORDER (self), NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  wanted = comparable_domain (domain);

  for (guint i = 0; i < self->items->len; i++)
    {
      MrOrderItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *candidate = comparable_domain (mr_order_item_get_domain (item));

      if (g_strcmp0 (wanted, candidate) == 0)
        {
          if (out_position != NULL)
            *out_position = i;
          return item;
        }
    }

  return NULL;
}

void
mr_order_append_item (MrOrder     *self,
                      MrOrderItem *item)
{
  g_return_if_fail (MR_IS_ORDER (self));

  mr_order_insert_item (self, self->items->len, item);
}

void
mr_order_insert_item (MrOrder     *self,
                      guint        position,
                      MrOrderItem *item)
{
  g_return_if_fail (MR_IS_ORDER (self));
  g_return_if_fail (MR_IS_ORDER_ITEM (item));
  g_return_if_fail (position <= self->items->len);

  watch_item (self, (int) position, item);

  items_changed (self, position, 0, 1);
}

void
mr_order_append_items (MrOrder      *self,
                       MrOrderItem **items,
                       guint         n_items)
{
  guint position;

  g_return_if_fail (MR_IS_ORDER (self));
  g_return_if_fail (items != NULL || n_items == 0);

  if (n_items == 0)
    return;

  position = self->items->len;

  for (guint i = 0; i < n_items; i++)
    {
      g_return_if_fail (MR_IS_ORDER_ITEM (items[i]));

      watch_item (self, -1, items[i]);
    }

  items_changed (self, position, 0, n_items);
}

void
mr_order_remove_item (MrOrder *self,
                      guint    position)
{
  g_return_if_fail (MR_IS_ORDER (self));
  g_return_if_fail (position < self->items->len);

  _mr_owners_remove (_mr_order_item_get_owners (g_ptr_array_index (self->items, position)), self);
  g_ptr_array_remove_index (self->items, position);

  items_changed (self, position, 1, 0);
}

void
mr_order_remove_all (MrOrder *self)
{
  guint n;

  g_return_if_fail (MR_IS_ORDER (self));

  n = self->items->len;
  if (n == 0)
    return;

  unwatch_all (self, self->items);
  g_ptr_array_set_size (self->items, 0);

  items_changed (self, 0, n, 0);
}

void
mr_order_remove_items (MrOrder      *self,
                       MrOrderItem **items,
                       guint         n_items)
{
  g_autoptr(GPtrArray) old_items = NULL;
  g_autoptr(GHashTable) gone = NULL;
  guint n_old;

  g_return_if_fail (MR_IS_ORDER (self));
  g_return_if_fail (items != NULL || n_items == 0);

  if (n_items == 0)
    return;

  gone = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n_items; i++)
    g_hash_table_add (gone, items[i]);

  old_items = g_steal_pointer (&self->items);
  n_old = old_items->len;
  unwatch_all (self, old_items);

  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_old; i++)
    {
      MrOrderItem *item = g_ptr_array_index (old_items, i);

      if (!g_hash_table_contains (gone, item))
        watch_item (self, -1, item);
    }

  if (self->items->len == n_old)
    return;

  items_changed (self, 0, n_old, self->items->len);
}

void
mr_order_set_items (MrOrder      *self,
                    MrOrderItem **items,
                    guint         n_items)
{
  g_autoptr(GPtrArray) old_items = NULL;
  guint n_old;

  g_return_if_fail (MR_IS_ORDER (self));
  g_return_if_fail (items != NULL || n_items == 0);

  old_items = g_steal_pointer (&self->items);
  n_old = old_items->len;
  unwatch_all (self, old_items);

  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_items; i++)
    watch_item (self, -1, items[i]);

  items_changed (self, 0, n_old, n_items);
}

guint
mr_order_get_n_accounts (MrOrder *self)
{
  g_return_val_if_fail (MR_IS_ORDER (self), 0);

  return count_accounts (self);
}

void
mr_order_assign (MrOrder *self,
                 MrOrder *other)
{
  g_autoptr(GPtrArray) old_items = NULL;
  guint n_old;

  g_return_if_fail (MR_IS_ORDER (self));
  g_return_if_fail (MR_IS_ORDER (other));

  if (self == other)
    return;

  old_items = g_steal_pointer (&self->items);
  n_old = old_items->len;
  unwatch_all (self, old_items);

  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < other->items->len; i++)
    {
      g_autoptr(MrOrderItem) copy = copy_item (g_ptr_array_index (other->items, i));

      watch_item (self, -1, copy);
    }

  if (self->order_type != other->order_type)
    {
      self->order_type = other->order_type;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER_TYPE]);
    }

  items_changed (self, 0, n_old, self->items->len);
}

MrOrder *
mr_order_copy (MrOrder *self)
{
  MrOrder *copy;

  g_return_val_if_fail (MR_IS_ORDER (self), NULL);

  copy = mr_order_new (self->order_type);

  for (guint i = 0; i < self->items->len; i++)
    {
      g_autoptr(MrOrderItem) item = copy_item (g_ptr_array_index (self->items, i));

      watch_item (copy, -1, item);
    }

  /* A snapshot keeps the revision, so a quote computed from it can be
   * matched against the live order. */
  copy->revision = self->revision;
  copy->n_accounts = count_accounts (copy);

  return copy;
}

void
mr_order_begin_batch (MrOrder *self)
{
  g_return_if_fail (MR_IS_ORDER (self));

  self->batch_depth++;
}

void
mr_order_end_batch (MrOrder *self)
{
  g_return_if_fail (MR_IS_ORDER (self));
  g_return_if_fail (self->batch_depth > 0);

  if (--self->batch_depth > 0 || !self->batch_changed)
    return;

  self->batch_changed = FALSE;
  bump (self);
}
