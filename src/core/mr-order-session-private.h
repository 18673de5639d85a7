/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-draft-writer.h"
#include "mr-order-placer.h"
#include "mr-order-session.h"
#include "mr-quote-basis.h"
#include "mr-undo-stack.h"

G_BEGIN_DECLS

/* MrOrderSession is written in four files that share its struct:
 * mr-order-session.c (the object, its properties and what it follows),
 * -problems.c (what the quote covers and the problems), -edit.c (undo,
 * redo, edits and the draft) and -place.c (placing and its outcome). */

struct _MrOrderSession
{
  GObject           parent_instance;

  MrApiClient      *client;            /* owned, nullable */
  MrOrder          *order;             /* owned */
  MrOrder          *quoted;            /* owned: the items that can be ordered, which
                                        * the scheduler quotes and the placer places */
  GListStore       *excluded;          /* MrProblem, owned: one per item left out */
  GHashTable       *excluded_keys;     /* domain keys left out (not duplicates) */
  GHashTable       *server_excluded;   /* domain key -> MrProblem: the server said it
                                        * cannot be ordered */
  MrQuoteScheduler *scheduler;         /* owned, nullable until a client */
  MrDomainChecker  *checker;           /* owned, nullable until a client */
  MrOrderPlacer    *placer;            /* owned, nullable: the last attempt */
  GCancellable     *cancellable;       /* owned */
  MrOrder          *placed_order;      /* owned, nullable */
  MrQuote          *last_reply;        /* owned, nullable */
  char             *checkout_url;      /* owned, nullable */
  char             *outcome_detail;    /* owned, nullable */
  char             *draft_path;        /* owned, nullable */
  MrDraftWriter    *draft_writer;      /* owned, nullable: writes to draft_path */

  GPtrArray        *local_problems;    /* MrProblem, owned */
  GPtrArray        *server_problems;   /* MrProblem from the last refusal, nullable */
  GListStore       *problems;          /* MrProblem, owned: all, each once */
  GPtrArray        *quote_problems;    /* MrProblem, owned: collected from quote_problems_of */
  MrQuote          *quote_problems_of; /* owned, nullable */
  MrQuoteBasis     *quote_basis;       /* owned, nullable: what quote_problems_of priced */
  guint64           server_problems_revision;

  MrUndoStack      *history;           /* owned: undo and redo of the order's edits */
  GArray           *restored;          /* guint, owned: what the last undo or redo put
                                        * back (positions now), until the next change */
  guint             dropped_at;        /* where the last undo or redo took domains out,
                                        * else G_MAXUINT, until the next change */

  guint64           checkout_revision;
  MrOrderPhase      phase;
  MrPlaceOutcome    outcome;
  guint             validate_id;
  guint             draft_save_id;
  guint             sync_id;           /* "quoted" is out of date until it runs */

  guint             restoring : 1;
  guint             checkout_sent : 1;
  guint             attempt_unknown : 1;
  guint             can_place : 1;
  guint             draft_error_reported : 1;
  guint             closed : 1;
  guint             headless : 1;          /* placing only: no scheduler, no checker */
  guint             reveal_problems : 1;   /* every field shows its problem */
};

typedef enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ORDER,
  PROP_SCHEDULER,
  PROP_CHECKER,
  PROP_QUOTE,
  PROP_PHASE,
  PROP_OUTCOME,
  PROP_CAN_PLACE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_PROBLEMS,
  PROP_N_PROBLEMS,
  PROP_PLACED_ORDER,
  PROP_N_EXCLUDED,
  PROP_CHECKOUT_URL,
  PROP_ATTEMPT_UNKNOWN,
  PROP_DRAFT_PATH,
  N_PROPS
} MrOrderSessionProp;

/* mr-order-session.c */
void      _mr_order_session_notify                 (MrOrderSession     *self,
                                                    MrOrderSessionProp  prop_id);
void      _mr_order_session_update_can_place       (MrOrderSession     *self);
void      _mr_order_session_set_phase              (MrOrderSession     *self,
                                                    MrOrderPhase        phase,
                                                    MrPlaceOutcome      outcome);
void      _mr_order_session_set_attempt_unknown    (MrOrderSession     *self,
                                                    gboolean            attempt_unknown);
void      _mr_order_session_forget_attempt         (MrOrderSession     *self);
void      _mr_order_session_emit_problems_changed  (MrOrderSession     *self);
void      _mr_order_session_emit_draft_save_failed (MrOrderSession     *self,
                                                    const char         *message);
void      _mr_order_session_emit_restored          (MrOrderSession     *self);

/* mr-order-session-problems.c */
void      _mr_order_session_rebuild_problems       (MrOrderSession     *self);
/* the problems of the current quote, collected once a quote (borrowed;
 * NULL without a quote) */
GPtrArray *_mr_order_session_get_quote_problems    (MrOrderSession     *self);
/* works out what the quote covers when edits settle */
void      _mr_order_session_schedule_sync          (MrOrderSession     *self);
/* runs the local checks when edits settle (placing only) */
void      _mr_order_session_schedule_validate      (MrOrderSession     *self);

/* mr-order-session-edit.c */
void      _mr_order_session_notify_history         (MrOrderSession     *self,
                                                    gboolean            could_undo,
                                                    gboolean            could_redo);
void      _mr_order_session_schedule_draft_save    (MrOrderSession     *self);
/* writes an empty order of the same type as the draft, now */
void      _mr_order_session_save_empty_draft       (MrOrderSession     *self);
/* writes a pending draft now, else waits for the one being written */
void      _mr_order_session_wait_draft             (MrOrderSession     *self);
/* forgets what the last undo or redo put back or took out */
void      _mr_order_session_forget_restored        (MrOrderSession     *self);

G_END_DECLS
