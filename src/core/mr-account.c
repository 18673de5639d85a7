/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-account"

#include "config.h"

#include "mr-account.h"
#include "mr-model-private.h"

struct _MrAccount
{
  GObject  parent_instance;

  char    *first_name;
  char    *last_name;
  char    *email_address_prefix;

  MrOwners owners;
};

enum {
  PROP_0,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_EMAIL_ADDRESS_PREFIX,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MrAccount, mr_account, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The owning items first (as their handlers did, connected when they
 * took the account), then "changed" */
static void
emit_changed (MrAccount *self)
{
  g_object_ref (self);
  _mr_owners_notify (&self->owners, _mr_order_item_account_changed);
  g_signal_emit (self, signals[CHANGED], 0);
  g_object_unref (self);
}

MrOwners *
_mr_account_get_owners (MrAccount *account)
{
  return &account->owners;
}

static void
mr_account_finalize (GObject *object)
{
  MrAccount *self = (MrAccount *)object;

  _mr_owners_clear (&self->owners);

  _mr_clear_string (&self->first_name);
  _mr_clear_string (&self->last_name);
  _mr_clear_string (&self->email_address_prefix);

  G_OBJECT_CLASS (mr_account_parent_class)->finalize (object);
}

static void
mr_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MrAccount *self = MR_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;

    case PROP_EMAIL_ADDRESS_PREFIX:
      g_value_set_string (value, self->email_address_prefix);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MrAccount *self = MR_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_FIRST_NAME:
      mr_account_set_first_name (self, g_value_get_string (value));
      break;

    case PROP_LAST_NAME:
      mr_account_set_last_name (self, g_value_get_string (value));
      break;

    case PROP_EMAIL_ADDRESS_PREFIX:
      mr_account_set_email_address_prefix (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_account_class_init (MrAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mr_account_finalize;
  object_class->get_property = mr_account_get_property;
  object_class->set_property = mr_account_set_property;

  properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EMAIL_ADDRESS_PREFIX] =
    g_param_spec_string ("email-address-prefix", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MrAccount::changed:
   *
   * Emitted once after any property changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mr_account_init (MrAccount *self)
{
  self->first_name = _MR_EMPTY_STRING;
  self->last_name = _MR_EMPTY_STRING;
  self->email_address_prefix = _MR_EMPTY_STRING;
}

MrAccount *
mr_account_new (const char *first_name,
                const char *last_name,
                const char *email_address_prefix)
{
  MrAccount *self = g_object_new (MR_TYPE_ACCOUNT, NULL);

  _mr_replace_string (&self->first_name, first_name);
  _mr_replace_string (&self->last_name, last_name);
  _mr_replace_string (&self->email_address_prefix, email_address_prefix);

  return self;
}

MrAccount *
_mr_account_new_take (char *first_name,
                      char *last_name,
                      char *email_address_prefix)
{
  MrAccount *self = g_object_new (MR_TYPE_ACCOUNT, NULL);

  _mr_take_string (&self->first_name, first_name);
  _mr_take_string (&self->last_name, last_name);
  _mr_take_string (&self->email_address_prefix, email_address_prefix);

  return self;
}

const char *
mr_account_get_first_name (MrAccount *self)
{
  g_return_val_if_fail (MR_IS_ACCOUNT (self), NULL);

  return self->first_name;
}

void
mr_account_set_first_name (MrAccount  *self,
                           const char *first_name)
{
  g_return_if_fail (MR_IS_ACCOUNT (self));

  if (_mr_set_string_property (self, &self->first_name, first_name, properties[PROP_FIRST_NAME]))
    emit_changed (self);
}

const char *
mr_account_get_last_name (MrAccount *self)
{
  g_return_val_if_fail (MR_IS_ACCOUNT (self), NULL);

  return self->last_name;
}

void
mr_account_set_last_name (MrAccount  *self,
                          const char *last_name)
{
  g_return_if_fail (MR_IS_ACCOUNT (self));

  if (_mr_set_string_property (self, &self->last_name, last_name, properties[PROP_LAST_NAME]))
    emit_changed (self);
}

const char *
mr_account_get_email_address_prefix (MrAccount *self)
{
  g_return_val_if_fail (MR_IS_ACCOUNT (self), NULL);

  return self->email_address_prefix;
}

void
mr_account_set_email_address_prefix (MrAccount  *self,
                                     const char *prefix)
{
  g_return_if_fail (MR_IS_ACCOUNT (self));

  if (_mr_set_string_property (self, &self->email_address_prefix, prefix,
                               properties[PROP_EMAIL_ADDRESS_PREFIX]))
    emit_changed (self);
}
