/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-api-client.h"

G_BEGIN_DECLS

typedef enum
{
  MR_QUOTE_STATE_IDLE,      /* nothing to quote (empty order) */
  MR_QUOTE_STATE_QUOTING,   /* waiting for edits to settle, or a request in flight */
  MR_QUOTE_STATE_FRESH,     /* the quote belongs to the order's current revision */
  MR_QUOTE_STATE_STALE,     /* the order changed since the quote; a new one will come */
  MR_QUOTE_STATE_ERROR,     /* the last request failed; see get_error() */
} MrQuoteState;

#define MR_TYPE_QUOTE_STATE (mr_quote_state_get_type ())
GType mr_quote_state_get_type (void);

#define MR_TYPE_QUOTE_SCHEDULER (mr_quote_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (MrQuoteScheduler, mr_quote_scheduler, MR, QUOTE_SCHEDULER, GObject)

/* Watches an order; once edits have settled for "delay" ms (300 by
 * default) asks the server for a simulated quote; cancels the request in
 * flight when the order changes again; drops replies for an old revision.
 * Properties (all notify): "state", "quote" (MrQuote, may belong to an older
 * revision: compare quote->revision), "error" (GError boxed), "delay". */
MrQuoteScheduler *mr_quote_scheduler_new        (MrApiClient      *client,
                                                 MrOrder          *order);
MrQuoteState      mr_quote_scheduler_get_state  (MrQuoteScheduler *self);
MrQuote          *mr_quote_scheduler_get_quote  (MrQuoteScheduler *self);
/* the quote only if it is for the order's current revision, else NULL */
MrQuote          *mr_quote_scheduler_get_fresh_quote (MrQuoteScheduler *self);
const GError     *mr_quote_scheduler_get_error  (MrQuoteScheduler *self);
void              mr_quote_scheduler_set_delay  (MrQuoteScheduler *self,
                                                 guint             delay_ms);
/* ask now, without waiting for the delay (after an error, "Try again") */
void              mr_quote_scheduler_refresh    (MrQuoteScheduler *self);
/* if a quote waits for edits to settle, ask now: for an order nobody is
 * typing in, such as a draft just restored */
void              mr_quote_scheduler_quote_now  (MrQuoteScheduler *self);
void              mr_quote_scheduler_set_client (MrQuoteScheduler *self,
                                                 MrApiClient      *client);

G_END_DECLS
