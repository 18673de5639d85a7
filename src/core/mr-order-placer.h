/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-api-client.h"

G_BEGIN_DECLS

typedef enum
{
  MR_PLACE_STATE_READY,     /* nothing sent yet */
  MR_PLACE_STATE_SENDING,
  MR_PLACE_STATE_PLACED,    /* order_placed: true */
  MR_PLACE_STATE_REJECTED,  /* the server answered: not placed (order_error) */
  MR_PLACE_STATE_FAILED,    /* not placed: refused before sending, or 4xx */
  MR_PLACE_STATE_UNKNOWN,   /* sent, no trustworthy answer: check the orders list */
} MrPlaceState;

#define MR_TYPE_PLACE_STATE (mr_place_state_get_type ())
GType mr_place_state_get_type (void);

#define MR_TYPE_ORDER_PLACER (mr_order_placer_get_type ())
G_DECLARE_FINAL_TYPE (MrOrderPlacer, mr_order_placer, MR, ORDER_PLACER, GObject)

/* Places one order, once. A new placer is needed for another attempt,
 * which is always the user's decision. Property "state". */
MrOrderPlacer *mr_order_placer_new          (MrApiClient         *client,
                                             MrOrder             *order);
MrPlaceState   mr_order_placer_get_state    (MrOrderPlacer       *self);
/* Refuses (MR_API_ERROR_NOT_PLACED, nothing sent) unless @quote is a
 * simulated quote whose revision is the order's current one and that
 * mr_quote_allows_placing(), and
 * unless this placer has never sent. The result is the server's reply:
 * check order_placed / order_error. */
void           mr_order_placer_place_async  (MrOrderPlacer       *self,
                                             MrQuote             *quote,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
MrQuote       *mr_order_placer_place_finish (MrOrderPlacer       *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
