/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-order-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mr-order-session.h"

#include "mr-domain-name.h"
#include "mr-draft-store.h"
#include "mr-error.h"
#include "mr-order-placer.h"
#include "mr-placement-check.h"
#include "mr-problem-list.h"
#include "mr-undo-stack.h"

#define VALIDATE_DELAY_MS   150
#define SYNC_DELAY_MS       100
#define DRAFT_SAVE_DELAY_MS 500

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

  GPtrArray        *local_problems;    /* MrProblem, owned */
  GPtrArray        *server_problems;   /* MrProblem from the last refusal, nullable */
  GListStore       *problems;          /* MrProblem, owned: all, each once */
  GPtrArray        *quote_problems;    /* MrProblem, owned: collected from quote_problems_of */
  MrQuote          *quote_problems_of; /* owned, nullable */
  guint64           server_problems_revision;

  MrUndoStack      *history;           /* owned: undo and redo of the order's edits */

  guint64           checkout_revision;
  MrOrderPhase      phase;
  MrPlaceOutcome    outcome;
  guint             validate_id;
  guint             draft_save_id;
  guint             sync_id;           /* "quoted" is out of date until it runs */
  gboolean          sync_order_changed;

  guint             restoring : 1;
  guint             checkout_sent : 1;
  guint             attempt_unknown : 1;
  guint             can_place : 1;
  guint             draft_error_reported : 1;
  guint             closed : 1;
  guint             headless : 1;
  guint             reveal_problems : 1;   /* every field shows its problem */          /* placing only: no scheduler, no checker */
};

enum {
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
};

enum {
  DRAFT_SAVE_FAILED,
  PROBLEMS_CHANGED,
  N_SIGNALS
};

G_DEFINE_ENUM_TYPE (MrOrderPhase, mr_order_phase,
                    G_DEFINE_ENUM_VALUE (MR_ORDER_PHASE_EDITING, "editing"),
                    G_DEFINE_ENUM_VALUE (MR_ORDER_PHASE_PLACING, "placing"),
                    G_DEFINE_ENUM_VALUE (MR_ORDER_PHASE_CHECKING, "checking"),
                    G_DEFINE_ENUM_VALUE (MR_ORDER_PHASE_DONE, "done"))

G_DEFINE_ENUM_TYPE (MrPlaceOutcome, mr_place_outcome,
                    G_DEFINE_ENUM_VALUE (MR_PLACE_OUTCOME_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (MR_PLACE_OUTCOME_PLACED, "placed"),
                    G_DEFINE_ENUM_VALUE (MR_PLACE_OUTCOME_CHECKOUT, "checkout"),
                    G_DEFINE_ENUM_VALUE (MR_PLACE_OUTCOME_REJECTED, "rejected"),
                    G_DEFINE_ENUM_VALUE (MR_PLACE_OUTCOME_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (MR_PLACE_OUTCOME_UNKNOWN_FOUND, "unknown-found"),
                    G_DEFINE_ENUM_VALUE (MR_PLACE_OUTCOME_UNKNOWN_MISSING, "unknown-missing"),
                    G_DEFINE_ENUM_VALUE (MR_PLACE_OUTCOME_UNKNOWN_FAILED, "unknown-failed"))

G_DEFINE_FINAL_TYPE (MrOrderSession, mr_order_session, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
notify (MrOrderSession *self,
        guint           prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gboolean
mr_order_session_get_checkout_blocks (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  return self->checkout_sent &&
         self->checkout_revision == mr_order_get_revision (self->order);
}

static void
update_can_place (MrOrderSession *self)
{
  MrQuote *fresh = NULL;
  gboolean can_place;

  if (self->scheduler != NULL)
    fresh = mr_quote_scheduler_get_fresh_quote (self->scheduler);

  can_place = self->phase == MR_ORDER_PHASE_EDITING &&
              self->client != NULL &&
              self->sync_id == 0 &&
              fresh != NULL &&
              fresh->revision == mr_order_get_revision (self->quoted) &&
              mr_quote_allows_placing (fresh, NULL) &&
              mr_order_get_n_items (self->quoted) > 0 &&
              !mr_order_session_get_checkout_blocks (self);

  if (self->can_place == can_place)
    return;

  self->can_place = can_place;
  notify (self, PROP_CAN_PLACE);
}

static void
set_phase (MrOrderSession *self,
           MrOrderPhase    phase,
           MrPlaceOutcome  outcome)
{
  gboolean phase_changed = self->phase != phase;
  gboolean outcome_changed = self->outcome != outcome;

  self->phase = phase;
  self->outcome = outcome;

  /* outcome first: who follows "phase" reads the outcome */
  if (outcome_changed)
    notify (self, PROP_OUTCOME);
  if (phase_changed)
    notify (self, PROP_PHASE);

  update_can_place (self);
}

static void
set_attempt_unknown (MrOrderSession *self,
                     gboolean        attempt_unknown)
{
  if (self->attempt_unknown == !!attempt_unknown)
    return;

  self->attempt_unknown = !!attempt_unknown;
  notify (self, PROP_ATTEMPT_UNKNOWN);
}

/* problems */

static void
rebuild_problems (MrOrderSession *self)
{
  MrQuote *quote = mr_order_session_get_quote (self);
  guint old_len = g_list_model_get_n_items (G_LIST_MODEL (self->problems));

  /* a quote's problems are read once per quote, not once per rebuild */
  if (quote != self->quote_problems_of)
    {
      g_clear_pointer (&self->quote_problems, g_ptr_array_unref);
      g_clear_pointer (&self->quote_problems_of, mr_quote_unref);
      if (quote != NULL)
        {
          self->quote_problems = mr_quote_collect_problems (quote);
          self->quote_problems_of = mr_quote_ref (quote);
        }
    }

  if (!mr_problem_list_update (self->problems, self->local_problems, self->server_problems,
                               self->quote_problems, G_LIST_MODEL (self->excluded),
                               self->excluded_keys))
    return;

  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
  if (old_len != g_list_model_get_n_items (G_LIST_MODEL (self->problems)))
    notify (self, PROP_N_PROBLEMS);
}

static void
set_server_problems (MrOrderSession *self,
                     GPtrArray      *problems)
{
  g_clear_pointer (&self->server_problems, g_ptr_array_unref);
  if (problems != NULL)
    self->server_problems = g_ptr_array_ref (problems);
  self->server_problems_revision = mr_order_get_revision (self->order);
}

void
mr_order_session_validate_now (MrOrderSession *self)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_pointer (&self->local_problems, g_ptr_array_unref);
  self->local_problems = mr_order_validate (self->order);
  rebuild_problems (self);
}

static gboolean
validate_timeout_cb (gpointer data)
{
  MrOrderSession *self = data;

  self->validate_id = 0;
  mr_order_session_validate_now (self);

  return G_SOURCE_REMOVE;
}

/* what the quote covers: the items that can be ordered */

static gboolean
steal_key_cb (gpointer    key,
              gpointer    value,
              GHashTable *into)
{
  g_hash_table_add (into, key);
  return TRUE;
}

static gboolean
same_items (MrOrder   *order,
            GPtrArray *items)
{
  if (mr_order_get_n_items (order) != items->len)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    if (mr_order_get_item (order, i) != g_ptr_array_index (items, i))
      return FALSE;

  return TRUE;
}

/* Works out which items can be ordered and hands a copy of them to the
 * scheduler (one revision of "quoted", so one quote request, per change). */
static void
sync_quoted (MrOrderSession *self,
             gboolean        order_changed)
{
  g_autoptr(GPtrArray) included = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) excluded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint old_excluded = g_list_model_get_n_items (G_LIST_MODEL (self->excluded));

  g_clear_handle_id (&self->sync_id, g_source_remove);
  order_changed |= self->sync_order_changed;
  self->sync_order_changed = FALSE;

  /* the reasons come from fresh local checks */
  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_pointer (&self->local_problems, g_ptr_array_unref);
  self->local_problems = mr_order_validate (self->order);
  mr_problem_list_partition (self->order, self->local_problems, self->server_excluded,
                             self->checker, included, excluded, keys);

  if (mr_problem_list_set_excluded (self->excluded, excluded))
    {
      g_hash_table_remove_all (self->excluded_keys);
      g_hash_table_foreach_steal (keys, (GHRFunc) steal_key_cb, self->excluded_keys);
    }

  /* "quoted" holds the included items themselves: an edit of one bumps
   * both orders, so only a change of which items are in needs a new set */
  if (!same_items (self->quoted, included))
    mr_order_set_items (self->quoted, (MrOrderItem **) included->pdata, included->len);
  mr_order_set_order_type (self->quoted, mr_order_get_order_type (self->order));

  rebuild_problems (self);
  if (old_excluded != g_list_model_get_n_items (G_LIST_MODEL (self->excluded)))
    notify (self, PROP_N_EXCLUDED);
  update_can_place (self);
}

static gboolean
sync_idle_cb (gpointer data)
{
  MrOrderSession *self = data;

  self->sync_id = 0;
  sync_quoted (self, self->sync_order_changed);

  return G_SOURCE_REMOVE;
}

static void
schedule_sync (MrOrderSession *self,
               gboolean        order_changed)
{
  if (order_changed)
    self->sync_order_changed = TRUE;
  /* edits settle first (typing in an order of 1,000 domains) */
  if (self->sync_id == 0)
    self->sync_id = g_timeout_add (SYNC_DELAY_MS, sync_idle_cb, self);
}

static void
checker_status_cb (MrOrderSession *self,
                   const char     *domain,
                   MrDomainStatus  status)
{
  g_autofree char *key = NULL;

  /* a domain found taken leaves the quote (checks come in batches: one
   * sync for a batch) */
  if (status == MR_DOMAIN_STATUS_UNAVAILABLE || status == MR_DOMAIN_STATUS_RESTRICTED)
    {
      schedule_sync (self, FALSE);
      return;
    }

  key = mr_domain_key (domain);
  if (g_hash_table_contains (self->excluded_keys, key))
    schedule_sync (self, FALSE);
}

/* undo */

static void
notify_history (MrOrderSession *self,
                gboolean        could_undo,
                gboolean        could_redo)
{
  if (could_undo != mr_order_session_get_can_undo (self))
    notify (self, PROP_CAN_UNDO);
  if (could_redo != mr_order_session_get_can_redo (self))
    notify (self, PROP_CAN_REDO);
}

static void
restore (MrOrderSession *self,
         gboolean        redo)
{
  gboolean could_undo = mr_order_session_get_can_undo (self);
  gboolean could_redo = mr_order_session_get_can_redo (self);
  gboolean checkout_blocks;
  g_autoptr(MrUndoStep) step = NULL;

  if (self->phase == MR_ORDER_PHASE_PLACING || self->phase == MR_ORDER_PHASE_CHECKING)
    return;

  checkout_blocks = mr_order_session_get_checkout_blocks (self);
  if (redo)
    step = mr_undo_stack_redo (self->history, checkout_blocks, self->attempt_unknown);
  else
    step = mr_undo_stack_undo (self->history, checkout_blocks, self->attempt_unknown);
  if (step == NULL)
    return;

  self->restoring = TRUE;
  mr_order_assign (self->order, step->order);
  mr_order_set_order_type (self->order, mr_order_get_order_type (step->order));
  self->restoring = FALSE;
  mr_undo_stack_restored (self->history);

  /* the same order comes back with what is known about it */
  self->checkout_sent = step->checkout_blocks;
  self->checkout_revision = mr_order_get_revision (self->order);
  set_attempt_unknown (self, step->attempt_unknown);

  set_phase (self, MR_ORDER_PHASE_EDITING, MR_PLACE_OUTCOME_NONE);
  notify_history (self, could_undo, could_redo);
}

/* draft */

gboolean
mr_order_session_save_draft (MrOrderSession  *self,
                             GError         **error)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  g_clear_handle_id (&self->draft_save_id, g_source_remove);

  if (self->draft_path == NULL)
    return TRUE;

  return mr_draft_store_save (self->order, self->draft_path, error);
}

void
mr_order_session_flush_draft (MrOrderSession *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  if (mr_order_session_save_draft (self, &error))
    return;

  g_warning ("Could not save the draft to %s: %s", self->draft_path, error->message);
  if (!self->draft_error_reported)
    {
      self->draft_error_reported = TRUE;
      g_signal_emit (self, signals[DRAFT_SAVE_FAILED], 0, error->message);
    }
}

static gboolean
draft_save_timeout_cb (gpointer data)
{
  MrOrderSession *self = data;

  self->draft_save_id = 0;
  mr_order_session_flush_draft (self);

  return G_SOURCE_REMOVE;
}

/* callbacks */

static void
order_changed_cb (MrOrderSession *self)
{
  gboolean could_undo = mr_order_session_get_can_undo (self);
  gboolean could_redo = mr_order_session_get_can_redo (self);

  /* Edits in quick succession (typing a name) are one step. */
  mr_undo_stack_changed (self->history, !self->restoring,
                         mr_order_session_get_checkout_blocks (self), self->attempt_unknown);
  notify_history (self, could_undo, could_redo);

  if (self->draft_path != NULL)
    {
      g_clear_handle_id (&self->draft_save_id, g_source_remove);
      self->draft_save_id = g_timeout_add (DRAFT_SAVE_DELAY_MS, draft_save_timeout_cb, self);
    }

  if (self->headless)
    {
      if (self->validate_id == 0)
        self->validate_id = g_timeout_add (VALIDATE_DELAY_MS, validate_timeout_cb, self);
    }
  else
    schedule_sync (self, TRUE);

  /* what the server said about an older version no longer holds */
  if (self->server_problems != NULL &&
      mr_order_get_revision (self->order) != self->server_problems_revision)
    {
      g_clear_pointer (&self->server_problems, g_ptr_array_unref);
      rebuild_problems (self);
    }

  update_can_place (self);
}

static void
scheduler_state_cb (MrOrderSession *self)
{
  update_can_place (self);
}

static void
scheduler_quote_cb (MrOrderSession *self)
{
  /* what the server said cannot be ordered stays out of the next quotes */
  if (!self->headless &&
      mr_problem_list_learn_exclusions (self->server_excluded, mr_order_session_get_quote (self)))
    schedule_sync (self, FALSE);

  rebuild_problems (self);
  notify (self, PROP_QUOTE);
  update_can_place (self);
}

/* placing */

typedef struct
{
  MrQuote *reply;
} PlaceData;

static void
place_data_free (PlaceData *data)
{
  g_clear_pointer (&data->reply, mr_quote_unref);
  g_free (data);
}

static void
order_done (MrOrderSession *self,
            MrPlaceOutcome  outcome)
{
  gboolean could_undo = mr_order_session_get_can_undo (self);
  gboolean could_redo = mr_order_session_get_can_redo (self);

  g_clear_object (&self->placed_order);
  self->placed_order = mr_order_copy (self->quoted);
  notify (self, PROP_PLACED_ORDER);

  set_attempt_unknown (self, FALSE);
  self->checkout_sent = FALSE;
  g_clear_pointer (&self->server_problems, g_ptr_array_unref);

  /* a placed order is not undone into another one */
  self->restoring = TRUE;
  mr_order_remove_all (self->order);
  self->restoring = FALSE;
  mr_undo_stack_clear (self->history);
  notify_history (self, could_undo, could_redo);

  mr_order_session_flush_draft (self);

  if (self->checker != NULL)
    mr_domain_checker_invalidate (self->checker);

  set_phase (self, MR_ORDER_PHASE_DONE, outcome);
}

/* the unknown result: is the order in the server's lists? */
static void
check_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MrOrderSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  switch (mr_placement_check_finish (result, &error))
    {
    case MR_PLACEMENT_FOUND:
      order_done (self, MR_PLACE_OUTCOME_UNKNOWN_FOUND);
      g_task_return_int (task, MR_PLACE_OUTCOME_UNKNOWN_FOUND);
      break;

    case MR_PLACEMENT_MISSING:
      set_phase (self, MR_ORDER_PHASE_DONE, MR_PLACE_OUTCOME_UNKNOWN_MISSING);
      g_task_return_int (task, MR_PLACE_OUTCOME_UNKNOWN_MISSING);
      break;

    case MR_PLACEMENT_UNREAD:
    default:
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          break;
        }

      g_clear_pointer (&self->outcome_detail, g_free);
      self->outcome_detail = mr_api_error_describe (error);
      set_phase (self, MR_ORDER_PHASE_DONE, MR_PLACE_OUTCOME_UNKNOWN_FAILED);
      g_task_return_int (task, MR_PLACE_OUTCOME_UNKNOWN_FAILED);
      break;
    }
}

gboolean
mr_checkout_url_is_safe (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  return g_ascii_strcasecmp (scheme, "http") == 0 && mr_api_url_is_loopback (url);
}

gboolean
mr_checkout_url_check (const char  *url,
                       GError     **error)
{
  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, MR_API_ERROR, MR_API_ERROR_NOT_PLACED,
                           _("The server asks for a checkout step but sent no address to "
                             "open. Finish the order on Instantly’s website."));
      return FALSE;
    }

  if (!mr_checkout_url_is_safe (url))
    {
      g_set_error_literal (error, MR_API_ERROR, MR_API_ERROR_NOT_PLACED,
                           _("The server sent a checkout address that is not a secure web "
                             "page, so it was not opened. Finish the order on Instantly’s "
                             "website."));
      return FALSE;
    }

  return TRUE;
}

gboolean
mr_order_session_take_checkout (MrOrderSession  *self,
                                const char      *url,
                                GError         **error)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  if (!mr_checkout_url_check (url, error))
    return FALSE;

  g_free (self->checkout_url);
  self->checkout_url = g_strdup (url);
  notify (self, PROP_CHECKOUT_URL);

  /* finished in the browser: this revision is not placed again from here */
  self->checkout_sent = TRUE;
  self->checkout_revision = mr_order_get_revision (self->order);
  set_phase (self, MR_ORDER_PHASE_DONE, MR_PLACE_OUTCOME_CHECKOUT);

  return TRUE;
}

static char *
describe_rejection (MrQuote *reply)
{
  g_autofree char *error = NULL;
  g_autofree char *payment = NULL;

  if (reply == NULL)
    return g_strdup (_("The server did not place the order and gave no reason."));

  if (reply->order_error != MR_ORDER_ERROR_NONE)
    error = mr_order_error_describe (reply->order_error);
  if (reply->payment_failure_reason != MR_PAYMENT_FAILURE_NONE)
    payment = mr_payment_failure_describe (reply->payment_failure_reason);

  /* the payment sentence says more than "the payment failed" */
  if (payment != NULL)
    return g_steal_pointer (&payment);
  if (error != NULL)
    return g_steal_pointer (&error);

  return g_strdup (_("The server did not place the order and gave no reason."));
}

static void
return_failure (GTask          *task,
                MrPlaceOutcome  outcome,
                char           *message)
{
  MrOrderSession *self = g_task_get_source_object (task);

  set_phase (self, MR_ORDER_PHASE_EDITING, outcome);
  g_task_return_new_error (task, MR_API_ERROR, MR_API_ERROR_NOT_PLACED, "%s", message);
  g_free (message);
}

static void
place_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MrOrderSession *self = g_task_get_source_object (task);
  PlaceData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) reply = NULL;
  GError *checkout_error = NULL;
  MrPlaceState state;

  reply = mr_order_placer_place_finish (MR_ORDER_PLACER (source), result, &error);
  state = mr_order_placer_get_state (MR_ORDER_PLACER (source));
  /* the server's own bytes stay available to the caller (--json) */
  mr_api_result_set_reply (task, mr_api_result_get_reply (result));

  /* The placer reports even after a cancel: the session was closed. A
   * placed order must not come back as the next draft. */
  if (self->closed)
    {
      if (state == MR_PLACE_STATE_PLACED && self->draft_path != NULL)
        {
          g_autoptr(MrOrder) empty = mr_order_new (mr_order_get_order_type (self->order));

          mr_draft_store_save (empty, self->draft_path, NULL);
        }
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("Operation was cancelled"));
      return;
    }

  g_clear_pointer (&self->last_reply, mr_quote_unref);
  if (reply != NULL)
    {
      self->last_reply = mr_quote_ref (reply);
      data->reply = mr_quote_ref (reply);
    }

  if (error != NULL && g_error_matches (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN))
    state = MR_PLACE_STATE_UNKNOWN;

  switch (state)
    {
    case MR_PLACE_STATE_PLACED:
    case MR_PLACE_STATE_REJECTED:
      /* not placed yet, or not quite: it is paid for on a hosted checkout
       * page, and it is never sent again from here */
      if (reply != NULL && reply->checkout_required)
        {
          if (mr_order_session_take_checkout (self, reply->checkout_url, &checkout_error))
            g_task_return_int (task, MR_PLACE_OUTCOME_CHECKOUT);
          else
            {
              set_phase (self, MR_ORDER_PHASE_EDITING, MR_PLACE_OUTCOME_CHECKOUT);
              g_task_return_error (task, checkout_error);
            }
        }
      else if (state == MR_PLACE_STATE_PLACED)
        {
          order_done (self, MR_PLACE_OUTCOME_PLACED);
          g_task_return_int (task, MR_PLACE_OUTCOME_PLACED);
        }
      else
        {
          g_autoptr(GPtrArray) problems = mr_quote_collect_problems (reply);

          set_server_problems (self, problems);
          rebuild_problems (self);
          return_failure (task, MR_PLACE_OUTCOME_REJECTED, describe_rejection (reply));
        }
      break;

    case MR_PLACE_STATE_UNKNOWN:
      set_attempt_unknown (self, TRUE);
      set_phase (self, MR_ORDER_PHASE_CHECKING, MR_PLACE_OUTCOME_NONE);
      mr_placement_check_async (self->client, self->quoted, self->cancellable,
                                check_cb, g_steal_pointer (&task));
      break;

    case MR_PLACE_STATE_FAILED:
    case MR_PLACE_STATE_READY:
    case MR_PLACE_STATE_SENDING:
    default:
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return_failure (task, MR_PLACE_OUTCOME_FAILED, mr_api_error_describe (error));
      else if (error != NULL)
        {
          set_phase (self, MR_ORDER_PHASE_EDITING, MR_PLACE_OUTCOME_NONE);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      else
        return_failure (task, MR_PLACE_OUTCOME_FAILED, describe_rejection (reply));
      break;
    }
}

gboolean
mr_order_session_quote_is_current (MrOrderSession *self,
                                   MrQuote        *quote)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  return quote != NULL &&
         self->sync_id == 0 &&
         quote->revision == mr_order_get_revision (self->quoted);
}

void
mr_order_session_place_async (MrOrderSession      *self,
                              MrQuote             *quote,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MR_IS_ORDER_SESSION (self));
  g_return_if_fail (quote != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, mr_order_session_place_async);
  g_task_set_task_data (task, g_new0 (PlaceData, 1), (GDestroyNotify) place_data_free);

  if (self->phase == MR_ORDER_PHASE_PLACING || self->phase == MR_ORDER_PHASE_CHECKING)
    {
      g_task_return_new_error (task, MR_API_ERROR, MR_API_ERROR_NOT_PLACED, "%s",
                               _("This order is being placed already."));
      return;
    }

  if (self->client == NULL || self->closed)
    {
      g_task_return_new_error (task, MR_API_ERROR, MR_API_ERROR_NOT_PLACED, "%s",
                               _("There is no connection to the server."));
      return;
    }

  if (!mr_order_session_quote_is_current (self, quote))
    {
      g_task_return_new_error (task, MR_API_ERROR, MR_API_ERROR_NOT_PLACED, "%s",
                               _("The order changed. Check the new price, then place it."));
      return;
    }

  if (mr_order_session_get_checkout_blocks (self))
    {
      g_task_return_new_error (task, MR_API_ERROR, MR_API_ERROR_NOT_PLACED, "%s",
                               _("This order went to checkout in your browser. Change it or "
                                 "start a new order to place another."));
      return;
    }

  g_clear_object (&self->placer);
  self->placer = mr_order_placer_new (self->client, self->quoted);
  set_phase (self, MR_ORDER_PHASE_PLACING, MR_PLACE_OUTCOME_NONE);

  mr_order_placer_place_async (self->placer, quote, self->cancellable, place_cb,
                               g_steal_pointer (&task));
}

MrPlaceOutcome
mr_order_session_place_finish (MrOrderSession  *self,
                               GAsyncResult    *result,
                               MrQuote        **reply,
                               GError         **error)
{
  PlaceData *data;
  GError *local_error = NULL;
  gssize outcome;

  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), MR_PLACE_OUTCOME_FAILED);
  g_return_val_if_fail (g_task_is_valid (result, self), MR_PLACE_OUTCOME_FAILED);

  data = g_task_get_task_data (G_TASK (result));
  if (reply != NULL)
    *reply = data->reply ? mr_quote_ref (data->reply) : NULL;

  outcome = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      /* a refusal says what; a checkout whose page is unusable stays one */
      return self->outcome != MR_PLACE_OUTCOME_NONE ? self->outcome : MR_PLACE_OUTCOME_FAILED;
    }

  return (MrPlaceOutcome) outcome;
}

/* the rest */

void
mr_order_session_remove_item (MrOrderSession *self,
                              guint           position)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  if (position >= mr_order_get_n_items (self->order) ||
      self->phase == MR_ORDER_PHASE_PLACING)
    return;

  mr_order_session_break_undo_group (self);
  mr_order_remove_item (self->order, position);
  mr_order_session_break_undo_group (self);
}

void
mr_order_session_new_order (MrOrderSession *self,
                            MrOrderType     order_type,
                            gboolean        with_undo)
{
  gboolean undoable;

  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  if (self->phase == MR_ORDER_PHASE_PLACING || self->phase == MR_ORDER_PHASE_CHECKING)
    return;

  undoable = with_undo && mr_order_get_n_items (self->order) > 0;

  mr_order_session_break_undo_group (self);
  self->restoring = !undoable;
  mr_order_remove_all (self->order);
  mr_order_set_order_type (self->order, order_type);
  self->restoring = FALSE;
  mr_order_session_break_undo_group (self);

  /* a new order has no history */
  g_hash_table_remove_all (self->server_excluded);
  self->reveal_problems = FALSE;
  self->checkout_sent = FALSE;
  set_attempt_unknown (self, FALSE);
  g_clear_pointer (&self->server_problems, g_ptr_array_unref);
  g_clear_pointer (&self->outcome_detail, g_free);
  rebuild_problems (self);

  set_phase (self, MR_ORDER_PHASE_EDITING, MR_PLACE_OUTCOME_NONE);
}

gboolean
mr_order_session_resume_editing (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  if (self->phase == MR_ORDER_PHASE_DONE)
    set_phase (self, MR_ORDER_PHASE_EDITING, MR_PLACE_OUTCOME_NONE);

  return mr_order_session_get_checkout_blocks (self);
}

void
mr_order_session_undo (MrOrderSession *self)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  restore (self, FALSE);
}

void
mr_order_session_redo (MrOrderSession *self)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  restore (self, TRUE);
}

void
mr_order_session_break_undo_group (MrOrderSession *self)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  mr_undo_stack_break_group (self->history);
}

gboolean
mr_order_session_get_can_undo (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  return mr_undo_stack_can_undo (self->history);
}

gboolean
mr_order_session_get_can_redo (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  return mr_undo_stack_can_redo (self->history);
}

void
mr_order_session_set_draft_path (MrOrderSession *self,
                                 const char     *path)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  if (g_strcmp0 (self->draft_path, path) == 0)
    return;

  g_free (self->draft_path);
  self->draft_path = g_strdup (path);
  notify (self, PROP_DRAFT_PATH);
}

const char *
mr_order_session_get_draft_path (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return self->draft_path;
}

gboolean
mr_order_session_restore_draft (MrOrderSession  *self,
                                GError         **error)
{
  g_autoptr(MrOrder) draft = NULL;

  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  if (self->draft_path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No draft");
      return FALSE;
    }

  draft = mr_draft_store_load (self->draft_path, error);
  if (draft == NULL)
    return FALSE;

  self->restoring = TRUE;
  mr_order_assign (self->order, draft);
  mr_order_set_order_type (self->order, mr_order_get_order_type (draft));
  self->restoring = FALSE;
  mr_undo_stack_take_snapshot (self->history);
  g_clear_handle_id (&self->draft_save_id, g_source_remove);
  mr_order_session_validate_now (self);

  return TRUE;
}

void
mr_order_session_close (MrOrderSession *self)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  if (self->draft_save_id != 0)
    mr_order_session_flush_draft (self);
  g_clear_handle_id (&self->validate_id, g_source_remove);
  mr_undo_stack_stop (self->history);
  g_clear_handle_id (&self->sync_id, g_source_remove);

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);
}

/* getters */

MrApiClient *
mr_order_session_get_client (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return self->client;
}

void
mr_order_session_set_client (MrOrderSession *self,
                             MrApiClient    *client)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));
  g_return_if_fail (!client || MR_IS_API_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  if (client != NULL && !self->headless)
    {
      if (self->scheduler == NULL)
        {
          self->scheduler = mr_quote_scheduler_new (client, self->quoted);
          g_signal_connect_object (self->scheduler, "notify::state",
                                   G_CALLBACK (scheduler_state_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->scheduler, "notify::quote",
                                   G_CALLBACK (scheduler_quote_cb), self, G_CONNECT_SWAPPED);
          notify (self, PROP_SCHEDULER);
        }
      else
        mr_quote_scheduler_set_client (self->scheduler, client);

      if (self->checker == NULL)
        {
          self->checker = mr_domain_checker_new (client);
          g_signal_connect_object (self->checker, "status-changed",
                                   G_CALLBACK (checker_status_cb), self, G_CONNECT_SWAPPED);
          notify (self, PROP_CHECKER);
        }
      else
        {
          mr_domain_checker_set_client (self->checker, client);
          mr_domain_checker_invalidate (self->checker);
        }
    }

  notify (self, PROP_CLIENT);
  update_can_place (self);
}

MrOrder *
mr_order_session_get_order (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return self->order;
}

MrQuoteScheduler *
mr_order_session_get_scheduler (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return self->scheduler;
}

MrDomainChecker *
mr_order_session_get_checker (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return self->checker;
}

MrQuote *
mr_order_session_get_quote (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return self->scheduler ? mr_quote_scheduler_get_quote (self->scheduler) : NULL;
}

MrOrderPhase
mr_order_session_get_phase (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), MR_ORDER_PHASE_EDITING);

  return self->phase;
}

MrPlaceOutcome
mr_order_session_get_outcome (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), MR_PLACE_OUTCOME_NONE);

  return self->outcome;
}

const char *
mr_order_session_get_outcome_detail (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return self->outcome == MR_PLACE_OUTCOME_UNKNOWN_FAILED ? self->outcome_detail : NULL;
}

gboolean
mr_order_session_get_can_place (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  return self->can_place;
}

MrOrder *
mr_order_session_get_placed_order (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return self->placed_order;
}

MrQuote *
mr_order_session_get_last_reply (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return self->last_reply;
}

const char *
mr_order_session_get_checkout_url (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return self->checkout_url;
}

gboolean
mr_order_session_get_attempt_unknown (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  return self->attempt_unknown;
}

GListModel *
mr_order_session_get_excluded (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return G_LIST_MODEL (self->excluded);
}

MrOrder *
mr_order_session_get_quoted_order (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return self->quoted;
}

void
mr_order_session_sync (MrOrderSession *self)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  if (self->sync_id != 0)
    sync_quoted (self, TRUE);
}

guint
mr_order_session_remove_excluded (MrOrderSession *self)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_items;

  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), 0);

  if (self->phase != MR_ORDER_PHASE_EDITING)
    return 0;

  mr_order_session_sync (self);
  n_items = mr_order_get_n_items (self->order);
  for (guint i = 0; i < n_items; i++)
    {
      MrOrderItem *item = mr_order_get_item (self->order, i);
      g_autofree char *key = mr_domain_key (mr_order_item_get_domain (item));

      if (g_hash_table_contains (seen, key) || g_hash_table_contains (self->excluded_keys, key))
        g_ptr_array_add (gone, item);
      else
        g_hash_table_add (seen, g_steal_pointer (&key));
    }

  mr_order_session_break_undo_group (self);
  mr_order_remove_items (self->order, (MrOrderItem **) gone->pdata, gone->len);
  mr_order_session_break_undo_group (self);

  return gone->len;
}

GListModel *
mr_order_session_get_problems (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return G_LIST_MODEL (self->problems);
}

guint
mr_order_session_get_n_problems (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->problems));
}

GPtrArray *
mr_order_session_dup_problem_array (MrOrderSession *self)
{
  GPtrArray *copy;
  guint n;

  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->problems));
  copy = g_ptr_array_new_full (n, (GDestroyNotify) mr_problem_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (copy, g_list_model_get_item (G_LIST_MODEL (self->problems), i));

  return copy;
}

gboolean
mr_order_session_problem_is_shown (MrOrderSession  *self,
                                   const MrProblem *problem)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);
  g_return_val_if_fail (problem != NULL, FALSE);

  /* a field the person has not left yet says nothing */
  if (problem->account != NULL && problem->field != NULL && !self->reveal_problems)
    return mr_account_is_touched (problem->account, problem->field);

  return TRUE;
}

void
mr_order_session_touch (MrOrderSession *self,
                        MrAccount      *account,
                        const char     *field)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));
  g_return_if_fail (MR_IS_ACCOUNT (account));

  if (mr_account_is_touched (account, field))
    return;

  mr_account_mark_touched (account, field);
  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
}

void
mr_order_session_reveal_problems (MrOrderSession *self)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  if (self->reveal_problems)
    return;

  self->reveal_problems = TRUE;
  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
}

/* GObject */

static void
mr_order_session_dispose (GObject *object)
{
  MrOrderSession *self = MR_ORDER_SESSION (object);

  mr_order_session_close (self);

  g_clear_object (&self->scheduler);
  g_clear_object (&self->checker);
  g_clear_object (&self->placer);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (mr_order_session_parent_class)->dispose (object);
}

static void
mr_order_session_finalize (GObject *object)
{
  MrOrderSession *self = MR_ORDER_SESSION (object);

  g_clear_pointer (&self->history, mr_undo_stack_free);
  g_clear_object (&self->order);
  g_clear_object (&self->quoted);
  g_clear_object (&self->excluded);
  g_clear_pointer (&self->excluded_keys, g_hash_table_unref);
  g_clear_pointer (&self->server_excluded, g_hash_table_unref);
  g_clear_object (&self->placed_order);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_reply, mr_quote_unref);
  g_clear_pointer (&self->local_problems, g_ptr_array_unref);
  g_clear_pointer (&self->server_problems, g_ptr_array_unref);
  g_clear_object (&self->problems);
  g_clear_pointer (&self->quote_problems, g_ptr_array_unref);
  g_clear_pointer (&self->quote_problems_of, mr_quote_unref);
  g_clear_pointer (&self->checkout_url, g_free);
  g_clear_pointer (&self->outcome_detail, g_free);
  g_clear_pointer (&self->draft_path, g_free);

  G_OBJECT_CLASS (mr_order_session_parent_class)->finalize (object);
}

static void
mr_order_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MrOrderSession *self = MR_ORDER_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;

    case PROP_SCHEDULER:
      g_value_set_object (value, self->scheduler);
      break;

    case PROP_CHECKER:
      g_value_set_object (value, self->checker);
      break;

    case PROP_QUOTE:
      g_value_set_boxed (value, mr_order_session_get_quote (self));
      break;

    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;

    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;

    case PROP_CAN_PLACE:
      g_value_set_boolean (value, self->can_place);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, mr_order_session_get_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, mr_order_session_get_can_redo (self));
      break;

    case PROP_PROBLEMS:
      g_value_set_object (value, self->problems);
      break;

    case PROP_N_PROBLEMS:
      g_value_set_uint (value, mr_order_session_get_n_problems (self));
      break;

    case PROP_PLACED_ORDER:
      g_value_set_object (value, self->placed_order);
      break;

    case PROP_N_EXCLUDED:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->excluded)));
      break;

    case PROP_CHECKOUT_URL:
      g_value_set_string (value, self->checkout_url);
      break;

    case PROP_ATTEMPT_UNKNOWN:
      g_value_set_boolean (value, self->attempt_unknown);
      break;

    case PROP_DRAFT_PATH:
      g_value_set_string (value, self->draft_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_order_session_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MrOrderSession *self = MR_ORDER_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      mr_order_session_set_client (self, g_value_get_object (value));
      break;

    case PROP_DRAFT_PATH:
      mr_order_session_set_draft_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_order_session_class_init (MrOrderSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mr_order_session_dispose;
  object_class->finalize = mr_order_session_finalize;
  object_class->get_property = mr_order_session_get_property;
  object_class->set_property = mr_order_session_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MR_TYPE_API_CLIENT, rw);
  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL, MR_TYPE_ORDER, ro);
  properties[PROP_SCHEDULER] =
    g_param_spec_object ("scheduler", NULL, NULL, MR_TYPE_QUOTE_SCHEDULER, ro);
  properties[PROP_CHECKER] =
    g_param_spec_object ("checker", NULL, NULL, MR_TYPE_DOMAIN_CHECKER, ro);
  properties[PROP_QUOTE] =
    g_param_spec_boxed ("quote", NULL, NULL, MR_TYPE_QUOTE, ro);
  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL, MR_TYPE_ORDER_PHASE, MR_ORDER_PHASE_EDITING, ro);
  properties[PROP_OUTCOME] =
    g_param_spec_enum ("outcome", NULL, NULL, MR_TYPE_PLACE_OUTCOME, MR_PLACE_OUTCOME_NONE, ro);
  properties[PROP_CAN_PLACE] =
    g_param_spec_boolean ("can-place", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_PROBLEMS] =
    g_param_spec_object ("problems", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_N_PROBLEMS] =
    g_param_spec_uint ("n-problems", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PLACED_ORDER] =
    g_param_spec_object ("placed-order", NULL, NULL, MR_TYPE_ORDER, ro);
  properties[PROP_N_EXCLUDED] =
    g_param_spec_uint ("n-excluded", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_CHECKOUT_URL] =
    g_param_spec_string ("checkout-url", NULL, NULL, NULL, ro);
  properties[PROP_ATTEMPT_UNKNOWN] =
    g_param_spec_boolean ("attempt-unknown", NULL, NULL, FALSE, ro);
  properties[PROP_DRAFT_PATH] =
    g_param_spec_string ("draft-path", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DRAFT_SAVE_FAILED] =
    g_signal_new ("draft-save-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /* the problems were rebuilt (their number may be the same) */
  signals[PROBLEMS_CHANGED] =
    g_signal_new ("problems-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mr_order_session_init (MrOrderSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->problems = g_list_store_new (MR_TYPE_PROBLEM);
  self->excluded = g_list_store_new (MR_TYPE_PROBLEM);
  self->excluded_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->server_excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

static MrOrderSession *
session_new (MrOrder  *order,
             gboolean  headless)
{
  MrOrderSession *self = g_object_new (MR_TYPE_ORDER_SESSION, NULL);

  self->headless = !!headless;
  self->order = order;
  /* mailroom-cli quotes and places the order as it is */
  self->quoted = headless ? g_object_ref (order) : mr_order_new (mr_order_get_order_type (order));
  self->history = mr_undo_stack_new (self->order);
  self->local_problems = mr_order_validate (self->order);
  rebuild_problems (self);

  g_signal_connect_object (self->order, "changed", G_CALLBACK (order_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

MrOrderSession *
mr_order_session_new (MrOrderType order_type)
{
  return session_new (mr_order_new (order_type), FALSE);
}

MrOrderSession *
mr_order_session_new_for_order (MrOrder     *order,
                                MrApiClient *client)
{
  MrOrderSession *self;

  g_return_val_if_fail (MR_IS_ORDER (order), NULL);
  g_return_val_if_fail (MR_IS_API_CLIENT (client), NULL);

  self = session_new (g_object_ref (order), TRUE);
  mr_order_session_set_client (self, client);

  return self;
}
