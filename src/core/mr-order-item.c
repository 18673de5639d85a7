/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-order-item"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mr-domain-name.h"
#include "mr-model-private.h"
#include "mr-order-item.h"

/* the item's domain as it was keyed, and its key */
typedef struct
{
  char *domain;
  char *ascii;  /* NULL when it cannot be normalised */
  char *key;
} DomainKey;

struct _MrOrderItem
{
  GObject          parent_instance;

  char            *domain;
  char            *forwarding_domain;
  MrEmailProvider  email_provider;
  GPtrArray       *accounts;
  guint            existing_accounts;

  MrOwners         owners;
  DomainKey       *domain_key;  /* worked out when first asked for */
};

enum {
  PROP_0,
  PROP_DOMAIN,
  PROP_EMAIL_PROVIDER,
  PROP_FORWARDING_DOMAIN,
  PROP_N_ACCOUNTS,
  PROP_EXISTING_ACCOUNTS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MrOrderItem, mr_order_item, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
domain_key_free (DomainKey *entry)
{
  g_free (entry->domain);
  g_free (entry->ascii);
  g_free (entry->key);
  g_free (entry);
}

static const DomainKey *
item_domain_key (MrOrderItem *self)
{
  DomainKey *entry = self->domain_key;

  if (entry != NULL && g_strcmp0 (entry->domain, self->domain) == 0)
    return entry;

  g_clear_pointer (&self->domain_key, domain_key_free);
  entry = g_new0 (DomainKey, 1);
  entry->domain = g_strdup (self->domain);
  entry->ascii = self->domain != NULL ? mr_domain_name_normalize (self->domain, NULL) : NULL;
  if (entry->ascii != NULL)
    entry->key = g_strdup (entry->ascii);
  else
    entry->key = mr_domain_key (self->domain);
  self->domain_key = entry;

  return entry;
}

/* The owning orders first (as their handlers did, connected when they
 * took the item), then "changed" */
static void
emit_changed (MrOrderItem *self)
{
  g_object_ref (self);
  _mr_owners_notify (&self->owners, _mr_order_item_changed_cb);
  g_signal_emit (self, signals[CHANGED], 0);
  g_object_unref (self);
}

MrOwners *
_mr_order_item_get_owners (MrOrderItem *item)
{
  return &item->owners;
}

/* One of its accounts changed */
void
_mr_order_item_account_changed (gpointer item)
{
  emit_changed (item);
}

/* At @position, or at the end for -1 */
static void
watch_account (MrOrderItem *self,
               int          position,
               MrAccount   *account)
{
  _mr_children_insert (self->accounts, position, account, _mr_account_get_owners (account), self);
}

static void
unwatch_all (MrOrderItem *self)
{
  for (guint i = 0; i < self->accounts->len; i++)
    _mr_owners_remove (_mr_account_get_owners (g_ptr_array_index (self->accounts, i)), self);
}

/* After the array changed: one items-changed, one notify, one "changed" */
static void
accounts_changed (MrOrderItem *self,
                  guint        position,
                  guint        removed,
                  guint        added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACCOUNTS]);
  emit_changed (self);
}

static GType
mr_order_item_get_item_type (GListModel *model)
{
  return MR_TYPE_ACCOUNT;
}

static guint
mr_order_item_get_n_items (GListModel *model)
{
  return MR_ORDER_ITEM (model)->accounts->len;
}

static gpointer
mr_order_item_get_item (GListModel *model,
                        guint       position)
{
  return _mr_children_get_item (MR_ORDER_ITEM (model)->accounts, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mr_order_item_get_item_type;
  iface->get_n_items = mr_order_item_get_n_items;
  iface->get_item = mr_order_item_get_item;
}

static void
mr_order_item_dispose (GObject *object)
{
  MrOrderItem *self = (MrOrderItem *)object;

  if (self->accounts != NULL)
    {
      unwatch_all (self);
      g_clear_pointer (&self->accounts, g_ptr_array_unref);
    }

  G_OBJECT_CLASS (mr_order_item_parent_class)->dispose (object);
}

static void
mr_order_item_finalize (GObject *object)
{
  MrOrderItem *self = (MrOrderItem *)object;

  _mr_clear_string (&self->domain);
  _mr_clear_string (&self->forwarding_domain);
  _mr_owners_clear (&self->owners);
  g_clear_pointer (&self->domain_key, domain_key_free);

  G_OBJECT_CLASS (mr_order_item_parent_class)->finalize (object);
}

static void
mr_order_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MrOrderItem *self = MR_ORDER_ITEM (object);

  switch (prop_id)
    {
    case PROP_DOMAIN:
      g_value_set_string (value, self->domain);
      break;

    case PROP_EMAIL_PROVIDER:
      g_value_set_enum (value, self->email_provider);
      break;

    case PROP_FORWARDING_DOMAIN:
      g_value_set_string (value, self->forwarding_domain);
      break;

    case PROP_N_ACCOUNTS:
      g_value_set_uint (value, mr_order_item_get_n_accounts (self));
      break;

    case PROP_EXISTING_ACCOUNTS:
      g_value_set_uint (value, self->existing_accounts);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_order_item_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MrOrderItem *self = MR_ORDER_ITEM (object);

  switch (prop_id)
    {
    case PROP_DOMAIN:
      mr_order_item_set_domain (self, g_value_get_string (value));
      break;

    case PROP_EMAIL_PROVIDER:
      mr_order_item_set_email_provider (self, g_value_get_enum (value));
      break;

    case PROP_FORWARDING_DOMAIN:
      mr_order_item_set_forwarding_domain (self, g_value_get_string (value));
      break;

    case PROP_EXISTING_ACCOUNTS:
      mr_order_item_set_existing_accounts (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_order_item_class_init (MrOrderItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_order_item_dispose;
  object_class->finalize = mr_order_item_finalize;
  object_class->get_property = mr_order_item_get_property;
  object_class->set_property = mr_order_item_set_property;

  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EMAIL_PROVIDER] =
    g_param_spec_enum ("email-provider", NULL, NULL,
                       MR_TYPE_EMAIL_PROVIDER,
                       MR_EMAIL_PROVIDER_GOOGLE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FORWARDING_DOMAIN] =
    g_param_spec_string ("forwarding-domain", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ACCOUNTS] =
    g_param_spec_uint ("n-accounts", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXISTING_ACCOUNTS] =
    g_param_spec_uint ("existing-accounts", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MrOrderItem::changed:
   *
   * Emitted once after any edit of the item or of one of its accounts.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mr_order_item_init (MrOrderItem *self)
{
  self->domain = _MR_EMPTY_STRING;
  self->forwarding_domain = _MR_EMPTY_STRING;
  self->email_provider = MR_EMAIL_PROVIDER_GOOGLE;
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
}

MrOrderItem *
mr_order_item_new (const char *domain)
{
  MrOrderItem *self = g_object_new (MR_TYPE_ORDER_ITEM, NULL);

  _mr_replace_string (&self->domain, domain);

  return self;
}

/* What reading an order file or a draft builds: no notification for each
 * part, as nothing can be watching the item yet */
MrOrderItem *
_mr_order_item_new_take (char            *domain,
                         MrEmailProvider  email_provider,
                         char            *forwarding_domain,
                         GPtrArray       *accounts)
{
  MrOrderItem *self = g_object_new (MR_TYPE_ORDER_ITEM, NULL);

  g_assert (mr_email_provider_is_valid (email_provider));
  g_assert (accounts != NULL);

  _mr_take_string (&self->domain, domain);
  _mr_take_string (&self->forwarding_domain, forwarding_domain);
  self->email_provider = email_provider;

  g_ptr_array_unref (self->accounts);
  self->accounts = accounts;
  for (guint i = 0; i < accounts->len; i++)
    {
      g_assert (MR_IS_ACCOUNT (g_ptr_array_index (accounts, i)));
      _mr_owners_add (_mr_account_get_owners (g_ptr_array_index (accounts, i)), self);
    }

  return self;
}

const char *
mr_order_item_get_domain (MrOrderItem *self)
{
  g_return_val_if_fail (MR_IS_ORDER_ITEM (self), NULL);

  return self->domain;
}

void
mr_order_item_set_domain (MrOrderItem *self,
                          const char  *domain)
{
  g_return_if_fail (MR_IS_ORDER_ITEM (self));

  if (_mr_set_string_property (self, &self->domain, domain, properties[PROP_DOMAIN]))
    emit_changed (self);
}

const char *
mr_order_item_get_domain_key (MrOrderItem *self)
{
  g_return_val_if_fail (MR_IS_ORDER_ITEM (self), NULL);

  return item_domain_key (self)->key;
}

const char *
mr_order_item_get_domain_ascii (MrOrderItem *self)
{
  g_return_val_if_fail (MR_IS_ORDER_ITEM (self), NULL);

  return item_domain_key (self)->ascii;
}

MrEmailProvider
mr_order_item_get_email_provider (MrOrderItem *self)
{
  g_return_val_if_fail (MR_IS_ORDER_ITEM (self), MR_EMAIL_PROVIDER_GOOGLE);

  return self->email_provider;
}

void
mr_order_item_set_email_provider (MrOrderItem     *self,
                                  MrEmailProvider  provider)
{
  g_return_if_fail (MR_IS_ORDER_ITEM (self));
  g_return_if_fail (mr_email_provider_is_valid (provider));

  if (self->email_provider == provider)
    return;

  self->email_provider = provider;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL_PROVIDER]);
  emit_changed (self);
}

const char *
mr_order_item_get_forwarding_domain (MrOrderItem *self)
{
  g_return_val_if_fail (MR_IS_ORDER_ITEM (self), NULL);

  return self->forwarding_domain;
}

void
mr_order_item_set_forwarding_domain (MrOrderItem *self,
                                     const char  *forwarding_domain)
{
  g_return_if_fail (MR_IS_ORDER_ITEM (self));

  if (_mr_set_string_property (self, &self->forwarding_domain, forwarding_domain,
                               properties[PROP_FORWARDING_DOMAIN]))
    emit_changed (self);
}

guint
mr_order_item_get_n_accounts (MrOrderItem *self)
{
  g_return_val_if_fail (MR_IS_ORDER_ITEM (self), 0);

  return self->accounts->len;
}

MrAccount *
mr_order_item_get_account (MrOrderItem *self,
                           guint        position)
{
  g_return_val_if_fail (MR_IS_ORDER_ITEM (self), NULL);

  if (position >= self->accounts->len)
    return NULL;

  return g_ptr_array_index (self->accounts, position);
}

void
mr_order_item_append_account (MrOrderItem *self,
                              MrAccount   *account)
{
  g_return_if_fail (MR_IS_ORDER_ITEM (self));

  mr_order_item_insert_account (self, self->accounts->len, account);
}

void
mr_order_item_append_accounts (MrOrderItem  *self,
                               MrAccount   **accounts,
                               guint         n)
{
  guint first;

  g_return_if_fail (MR_IS_ORDER_ITEM (self));
  g_return_if_fail (n == 0 || accounts != NULL);

  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    g_return_if_fail (MR_IS_ACCOUNT (accounts[i]));

  first = self->accounts->len;
  for (guint i = 0; i < n; i++)
    watch_account (self, -1, accounts[i]);

  accounts_changed (self, first, 0, n);
}

void
mr_order_item_insert_account (MrOrderItem *self,
                              guint        position,
                              MrAccount   *account)
{
  g_return_if_fail (MR_IS_ORDER_ITEM (self));
  g_return_if_fail (MR_IS_ACCOUNT (account));
  g_return_if_fail (position <= self->accounts->len);

  watch_account (self, (int) position, account);

  accounts_changed (self, position, 0, 1);
}

void
mr_order_item_remove_account (MrOrderItem *self,
                              guint        position)
{
  g_return_if_fail (MR_IS_ORDER_ITEM (self));
  g_return_if_fail (position < self->accounts->len);

  _mr_owners_remove (_mr_account_get_owners (g_ptr_array_index (self->accounts, position)), self);
  g_ptr_array_remove_index (self->accounts, position);

  accounts_changed (self, position, 1, 0);
}

void
mr_order_item_remove_all_accounts (MrOrderItem *self)
{
  guint n;

  g_return_if_fail (MR_IS_ORDER_ITEM (self));

  n = self->accounts->len;
  if (n == 0)
    return;

  unwatch_all (self);
  g_ptr_array_set_size (self->accounts, 0);

  accounts_changed (self, 0, n, 0);
}

static gboolean
prefix_taken (MrOrderItem *self,
              const char  *prefix)
{
  for (guint i = 0; i < self->accounts->len; i++)
    {
      MrAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_ascii_strcasecmp (mr_account_get_email_address_prefix (account), prefix) == 0)
        return TRUE;
    }

  return FALSE;
}

/* "jane.doe", then "jane.doe2", "jane.doe3"… until unused on this item */
static char *
unique_prefix (MrOrderItem *self,
               const char  *base)
{
  if (*base == '\0' || !prefix_taken (self, base))
    return g_strdup (base);

  for (guint n = 2; ; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s%u", base, n);

      if (!prefix_taken (self, candidate))
        return g_steal_pointer (&candidate);
    }
}

guint
mr_order_item_add_from_names (MrOrderItem *self,
                              const char  *names)
{
  g_auto(GStrv) people = NULL;
  guint max;
  guint first;

  g_return_val_if_fail (MR_IS_ORDER_ITEM (self), 0);

  if (names == NULL)
    return 0;

  max = mr_order_item_get_max_new_accounts (self);
  first = self->accounts->len;
  people = g_strsplit_set (names, ",;\r\n", -1);

  for (guint i = 0; people[i] != NULL && self->accounts->len < max; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (people[i]), " \t", -1);
      g_autoptr(GString) last_name = g_string_new (NULL);
      g_autofree char *suggested = NULL;
      g_autofree char *prefix = NULL;
      g_autoptr(MrAccount) account = NULL;
      const char *first_name = NULL;

      for (guint j = 0; words[j] != NULL; j++)
        {
          if (*words[j] == '\0')
            continue;

          if (first_name == NULL)
            {
              first_name = words[j];
              continue;
            }

          if (last_name->len > 0)
            g_string_append_c (last_name, ' ');
          g_string_append (last_name, words[j]);
        }

      if (first_name == NULL)
        continue;

      suggested = mr_email_prefix_suggest (first_name, last_name->str);
      prefix = unique_prefix (self, suggested);

      account = mr_account_new (first_name, last_name->str, prefix);
      watch_account (self, -1, account);
    }

  if (self->accounts->len > first)
    accounts_changed (self, first, 0, self->accounts->len - first);

  return self->accounts->len - first;
}

gboolean
mr_order_item_can_add_account (MrOrderItem  *self,
                               char        **reason)
{
  guint max;

  g_return_val_if_fail (MR_IS_ORDER_ITEM (self), FALSE);

  max = mr_email_provider_max_accounts (self->email_provider);
  if (self->accounts->len < mr_order_item_get_max_new_accounts (self))
    return TRUE;

  if (reason != NULL && self->existing_accounts > 0)
    *reason = g_strdup_printf (ngettext ("%s allows at most %u mailbox per domain, and this "
                                         "domain already has %u",
                                         "%s allows at most %u mailboxes per domain, and this "
                                         "domain already has %u",
                                         max),
                               mr_email_provider_to_label (self->email_provider),
                               max, self->existing_accounts);
  else if (reason != NULL)
    *reason = g_strdup_printf (ngettext ("%s allows at most %u mailbox per domain",
                                         "%s allows at most %u mailboxes per domain",
                                         max),
                               mr_email_provider_to_label (self->email_provider),
                               max);

  return FALSE;
}

guint
mr_order_item_get_existing_accounts (MrOrderItem *self)
{
  g_return_val_if_fail (MR_IS_ORDER_ITEM (self), 0);

  return self->existing_accounts;
}

void
mr_order_item_set_existing_accounts (MrOrderItem *self,
                                     guint        n_accounts)
{
  g_return_if_fail (MR_IS_ORDER_ITEM (self));

  if (self->existing_accounts == n_accounts)
    return;

  self->existing_accounts = n_accounts;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXISTING_ACCOUNTS]);
  emit_changed (self);
}

guint
mr_order_item_get_max_new_accounts (MrOrderItem *self)
{
  guint max;

  g_return_val_if_fail (MR_IS_ORDER_ITEM (self), 0);

  max = mr_email_provider_max_accounts (self->email_provider);

  return self->existing_accounts < max ? max - self->existing_accounts : 0;
}
