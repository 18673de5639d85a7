/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mr-order-item.h"
#include "mr-problem.h"
#include "mr-types.h"

G_BEGIN_DECLS

#define MR_TYPE_ORDER (mr_order_get_type ())
G_DECLARE_FINAL_TYPE (MrOrder, mr_order, MR, ORDER, GObject)

/* An order being edited. A GListModel of MrOrderItem (one per domain).
 * Properties: "order-type", "revision" (guint64, bumped by every edit of
 * the order, an item or an account, exactly once per edit), "n-items",
 * "n-accounts". Signal "changed" after every bump. */
MrOrder      *mr_order_new                 (MrOrderType   order_type);
MrOrderType   mr_order_get_order_type      (MrOrder      *self);
void          mr_order_set_order_type      (MrOrder      *self,
                                            MrOrderType   order_type);
guint64       mr_order_get_revision        (MrOrder      *self);
guint         mr_order_get_n_items         (MrOrder      *self);
MrOrderItem  *mr_order_get_item            (MrOrder      *self,
                                            guint         position);
/* the item whose normalised domain equals the normalised @domain, or NULL */
MrOrderItem  *mr_order_find_item           (MrOrder      *self,
                                            const char   *domain,
                                            guint        *out_position);
void          mr_order_append_item         (MrOrder      *self,
                                            MrOrderItem  *item);
void          mr_order_insert_item         (MrOrder      *self,
                                            guint         position,
                                            MrOrderItem  *item);
/* many at once: one items-changed, one revision bump */
void          mr_order_append_items        (MrOrder      *self,
                                            MrOrderItem **items,
                                            guint         n_items);
void          mr_order_remove_item         (MrOrder      *self,
                                            guint         position);
void          mr_order_remove_all          (MrOrder      *self);
/* Replaces the content with @items themselves (not copies: an item may
 * be in two orders, and an edit of it changes both): one items-changed,
 * one revision bump. */
void          mr_order_set_items           (MrOrder      *self,
                                            MrOrderItem **items,
                                            guint         n_items);
/* many at once, wherever they are: one items-changed, one revision bump */
void          mr_order_remove_items        (MrOrder      *self,
                                            MrOrderItem **items,
                                            guint         n_items);
guint         mr_order_get_n_accounts      (MrOrder      *self);
/* Replaces the whole content with a deep copy of @other's. */
void          mr_order_assign              (MrOrder      *self,
                                            MrOrder      *other);
MrOrder      *mr_order_copy                (MrOrder      *self);

/* Edits between begin and end (nested: the outermost pair counts) are
 * one change: the list and the items signal as they change, but the
 * revision moves, and "changed" fires, once at the end, and only when
 * something changed. */
void          mr_order_begin_batch         (MrOrder      *self);
void          mr_order_end_batch           (MrOrder      *self);

/* Local checks that mirror the API's rules. Returns MrProblem*s (empty
 * when the order is fine), in order of the items. */
GPtrArray    *mr_order_validate            (MrOrder      *self);

G_END_DECLS
