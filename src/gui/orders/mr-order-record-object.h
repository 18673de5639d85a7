/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_TYPE_ORDER_RECORD_OBJECT (mr_order_record_object_get_type ())
G_DECLARE_FINAL_TYPE (MrOrderRecordObject, mr_order_record_object, MR, ORDER_RECORD_OBJECT, GObject)

/* An MrOrderRecord as a GObject, for list models. Property "domain"
 * (read-only) is what filters match. */
/* takes ownership of @record */
MrOrderRecordObject *mr_order_record_object_new        (MrOrderRecord       *record);
const MrOrderRecord *mr_order_record_object_get_record (MrOrderRecordObject *self);
const char          *mr_order_record_object_get_domain (MrOrderRecordObject *self);

G_END_DECLS
