/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-api-client.h"
#include "mr-domain-checker.h"
#include "mr-order.h"
#include "mr-quote-scheduler.h"

G_BEGIN_DECLS

typedef enum
{
  MR_ORDER_PHASE_EDITING,   /* the order can be edited and placed */
  MR_ORDER_PHASE_PLACING,   /* an attempt is in flight */
  MR_ORDER_PHASE_CHECKING,  /* the result was unknown: reading the server's lists */
  MR_ORDER_PHASE_DONE,      /* an outcome to show, see "outcome" */
} MrOrderPhase;

typedef enum
{
  MR_PLACE_OUTCOME_NONE,
  MR_PLACE_OUTCOME_PLACED,
  MR_PLACE_OUTCOME_CHECKOUT,         /* to be paid on a hosted checkout page */
  MR_PLACE_OUTCOME_REJECTED,         /* the server refused it: see the problems */
  MR_PLACE_OUTCOME_FAILED,           /* not placed: refused before sending, 4xx, ... */
  MR_PLACE_OUTCOME_UNKNOWN_FOUND,    /* unknown, then found in the server's lists */
  MR_PLACE_OUTCOME_UNKNOWN_MISSING,  /* unknown, and not in the lists: most likely not placed */
  MR_PLACE_OUTCOME_UNKNOWN_FAILED,   /* unknown, and the lists could not be read */
} MrPlaceOutcome;

#define MR_TYPE_ORDER_PHASE (mr_order_phase_get_type ())
GType mr_order_phase_get_type (void);
#define MR_TYPE_PLACE_OUTCOME (mr_place_outcome_get_type ())
GType mr_place_outcome_get_type (void);

#define MR_TYPE_ORDER_SESSION (mr_order_session_get_type ())
G_DECLARE_FINAL_TYPE (MrOrderSession, mr_order_session, MR, ORDER_SESSION, GObject)

/* The one owner of an order being edited: the order, its quote scheduler
 * and domain checker (both made once a client is set), the placer, undo and
 * redo of edits, the checkout and unknown-result state, the reconciliation
 * check after an unknown result, the draft on disk and the problems.
 * Both the window and mailroom-cli place through it.
 *
 * Properties (all notify): "client", "order", "scheduler", "checker",
 * "quote" (the scheduler's, may be for an older revision), "phase",
 * "outcome", "can-place", "can-undo", "can-redo", "problems" (GListModel of
 * MrProblem), "n-problems", "n-excluded", "placed-order", "checkout-url",
 * "attempt-unknown", "draft-path".
 * Signal "draft-save-failed" (message) the first time a draft cannot be
 * written. Signal "restored" after an undo or redo was applied (see
 * mr_order_session_get_restored()).
 *
 * It drives plain pieces that know nothing of it: MrUndoStack
 * (mr-undo-stack.h), the problem list (mr-problem-list.h) and the check
 * after an unknown result (mr-placement-check.h). */
MrOrderSession   *mr_order_session_new                  (MrOrderType      order_type);
/* A session that only places @order (mailroom-cli): it makes no quote
 * scheduler and no domain checker. */
MrOrderSession   *mr_order_session_new_for_order        (MrOrder         *order,
                                                         MrApiClient     *client);

MrApiClient      *mr_order_session_get_client           (MrOrderSession  *self);
void              mr_order_session_set_client           (MrOrderSession  *self,
                                                         MrApiClient     *client);
MrOrder          *mr_order_session_get_order            (MrOrderSession  *self);
MrQuoteScheduler *mr_order_session_get_scheduler        (MrOrderSession  *self);
MrDomainChecker  *mr_order_session_get_checker          (MrOrderSession  *self);
MrQuote          *mr_order_session_get_quote            (MrOrderSession  *self);
MrOrderPhase      mr_order_session_get_phase            (MrOrderSession  *self);
MrPlaceOutcome    mr_order_session_get_outcome          (MrOrderSession  *self);
/* a message for MR_PLACE_OUTCOME_UNKNOWN_FAILED, else NULL */
const char       *mr_order_session_get_outcome_detail   (MrOrderSession  *self);
gboolean          mr_order_session_get_can_place        (MrOrderSession  *self);
/* the last order placed (shown after MR_PLACE_OUTCOME_PLACED), or NULL */
MrOrder          *mr_order_session_get_placed_order     (MrOrderSession  *self);
/* the last reply to a placement, or NULL */
MrQuote          *mr_order_session_get_last_reply       (MrOrderSession  *self);
const char       *mr_order_session_get_checkout_url     (MrOrderSession  *self);
/* an attempt for this order ended with an unknown result */
gboolean          mr_order_session_get_attempt_unknown  (MrOrderSession  *self);
/* this very revision went to a hosted checkout: it is not placed again */
gboolean          mr_order_session_get_checkout_blocks  (MrOrderSession  *self);

/* problems: local checks, the quote's and the last refusal's, each once
 * (mr_problem_equal), local sentences first. A GListModel of MrProblem. */
GListModel       *mr_order_session_get_problems         (MrOrderSession  *self);
guint             mr_order_session_get_n_problems       (MrOrderSession  *self);
/* the problems as a GPtrArray of MrProblem (a new array) */
GPtrArray        *mr_order_session_dup_problem_array    (MrOrderSession  *self);
/* FALSE for the problem of a mailbox field the person has not left yet
 * (unless mr_order_session_reveal_problems() was called): the field, its
 * row and its domain row say nothing about it yet */
gboolean          mr_order_session_problem_is_shown     (MrOrderSession  *self,
                                                         const MrProblem *problem);
/* the person left @field of @account */
void              mr_order_session_touch                (MrOrderSession  *self,
                                                         MrAccount       *account,
                                                         const char      *field);
/* the person tried to place the order or asked to see the problems */
void              mr_order_session_reveal_problems      (MrOrderSession  *self);
/* run the local checks now instead of after the short delay */
void              mr_order_session_validate_now         (MrOrderSession  *self);

/* The quote covers only the items that can be ordered (locally valid,
 * not known taken or restricted, not a second copy); the placer places
 * exactly those. The others are "excluded": a GListModel of MrProblem,
 * one per item left out, with the reason (a warning). */
GListModel       *mr_order_session_get_excluded         (MrOrderSession  *self);
MrOrder          *mr_order_session_get_quoted_order     (MrOrderSession  *self);
/* removes every excluded item in one change (one undo step); returns how many */
guint             mr_order_session_remove_excluded      (MrOrderSession  *self);
/* brings the quoted order up to date now instead of when idle */
void              mr_order_session_sync                 (MrOrderSession  *self);

/* edits */
gboolean          mr_order_session_get_can_undo         (MrOrderSession  *self);
gboolean          mr_order_session_get_can_redo         (MrOrderSession  *self);
void              mr_order_session_undo                 (MrOrderSession  *self);
void              mr_order_session_redo                 (MrOrderSession  *self);
/* What the last undo or redo did to the domains, until the next change of
 * the order: when it only put domains back (the undo of a removal, the
 * redo of a paste), their positions in the order now, ascending (@n_restored
 * gets how many, 0 otherwise: it also took out others, or put none back).
 * Domains are matched by name alone: a change to another domain's
 * mailboxes in the same step does not count. */
const guint      *mr_order_session_get_restored         (MrOrderSession  *self,
                                                         guint           *n_restored);
/* when it only took domains out (the redo of a removal, the undo of a
 * paste): the position the first of them had, which the domain after it
 * has now (it may be the end); else G_MAXUINT */
guint             mr_order_session_get_dropped_at       (MrOrderSession  *self);
/* the next edit starts a new undo step (edits within a second are one step) */
void              mr_order_session_break_undo_group     (MrOrderSession  *self);
void              mr_order_session_remove_item          (MrOrderSession  *self,
                                                         guint            position);
/* removes @items (of the order) at once: one change, one undo step */
void              mr_order_session_remove_items         (MrOrderSession  *self,
                                                         GPtrArray       *items);
/* empties the order and sets its type; undoable when @with_undo */
void              mr_order_session_new_order            (MrOrderSession  *self,
                                                         MrOrderType      order_type,
                                                         gboolean         with_undo);
/* after an outcome: back to the order; TRUE if it went to checkout and
 * cannot be placed again as it is */
gboolean          mr_order_session_resume_editing       (MrOrderSession  *self);

/* draft */
void              mr_order_session_set_draft_path       (MrOrderSession  *self,
                                                         const char      *path);
const char       *mr_order_session_get_draft_path       (MrOrderSession  *self);
/* loads the draft into the order (not undoable); FALSE with
 * G_IO_ERROR_NOT_FOUND when there is none */
gboolean          mr_order_session_restore_draft        (MrOrderSession  *self,
                                                         GError         **error);
/* Edits are saved 500 ms after they stop, written on a worker thread.
 * These two write on the calling thread, after the write that runs, so
 * that the order as it is now lands last; flush reports a failure as the
 * worker's writes are (a warning, "draft-save-failed" once). */
gboolean          mr_order_session_save_draft           (MrOrderSession  *self,
                                                         GError         **error);
void              mr_order_session_flush_draft          (MrOrderSession  *self);

/* placing */
/* TRUE if @quote was made for the order as it is now */
gboolean          mr_order_session_quote_is_current     (MrOrderSession  *self,
                                                         MrQuote         *quote);
/* Places the order once with @quote (which the person confirmed). Never
 * retries. After an unknown result it reads the server's lists (never
 * sending again) and completes with what it found. */
void              mr_order_session_place_async          (MrOrderSession  *self,
                                                         MrQuote         *quote,
                                                         GAsyncReadyCallback callback,
                                                         gpointer         user_data);
/* the outcome; @reply gets the server's reply if there was one; @error is
 * set for REJECTED and FAILED (and CHECKOUT with an unusable page) */
MrPlaceOutcome    mr_order_session_place_finish         (MrOrderSession  *self,
                                                         GAsyncResult    *result,
                                                         MrQuote        **reply,
                                                         GError         **error);
/* The person chose to pay on the hosted checkout page @url: marks this
 * revision as sent to checkout. FALSE with an error if @url is not a page
 * that may be opened. */
gboolean          mr_order_session_take_checkout        (MrOrderSession  *self,
                                                         const char      *url,
                                                         GError         **error);
/* https://, or http:// to a loopback host */
gboolean          mr_checkout_url_is_safe               (const char      *url);
/* the same, with an error that says what is wrong */
gboolean          mr_checkout_url_check                 (const char      *url,
                                                         GError         **error);
/* Writes a pending draft (else waits for the one being written), then
 * cancels what runs (not a placement already sent: its outcome still
 * arrives, and a placed order is not left behind as the draft). */
void              mr_order_session_close                (MrOrderSession  *self);

G_END_DECLS
