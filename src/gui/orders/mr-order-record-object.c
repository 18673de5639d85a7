/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-order-record-object"

#include "config.h"

#include "mr-order-record-object.h"

struct _MrOrderRecordObject
{
  GObject        parent_instance;

  MrOrderRecord *record;
};

enum {
  PROP_0,
  PROP_DOMAIN,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MrOrderRecordObject, mr_order_record_object, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
mr_order_record_object_finalize (GObject *object)
{
  MrOrderRecordObject *self = (MrOrderRecordObject *) object;

  g_clear_pointer (&self->record, mr_order_record_free);

  G_OBJECT_CLASS (mr_order_record_object_parent_class)->finalize (object);
}

static void
mr_order_record_object_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MrOrderRecordObject *self = MR_ORDER_RECORD_OBJECT (object);

  switch (prop_id)
    {
    case PROP_DOMAIN:
      g_value_set_string (value, mr_order_record_object_get_domain (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_order_record_object_class_init (MrOrderRecordObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mr_order_record_object_finalize;
  object_class->get_property = mr_order_record_object_get_property;

  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mr_order_record_object_init (MrOrderRecordObject *self)
{
}

MrOrderRecordObject *
mr_order_record_object_new (MrOrderRecord *record)
{
  MrOrderRecordObject *self;

  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (MR_TYPE_ORDER_RECORD_OBJECT, NULL);
  self->record = record;

  return self;
}

const MrOrderRecord *
mr_order_record_object_get_record (MrOrderRecordObject *self)
{
  g_return_val_if_fail (MR_IS_ORDER_RECORD_OBJECT (self), NULL);

  return self->record;
}

const char *
mr_order_record_object_get_domain (MrOrderRecordObject *self)
{
  g_return_val_if_fail (MR_IS_ORDER_RECORD_OBJECT (self), NULL);

  return self->record->domain;
}
