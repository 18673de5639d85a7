/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-order-session"

#include "config.h"

#include "mr-order-session-private.h"

#include "mr-domain-name.h"
#include "mr-problem-list.h"

enum {
  DRAFT_SAVE_FAILED,
  PROBLEMS_CHANGED,
  RESTORED,
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

void
_mr_order_session_notify (MrOrderSession     *self,
                          MrOrderSessionProp  prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_mr_order_session_update_can_place (MrOrderSession *self)
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
  _mr_order_session_notify (self, PROP_CAN_PLACE);
}

void
_mr_order_session_set_phase (MrOrderSession *self,
                             MrOrderPhase    phase,
                             MrPlaceOutcome  outcome)
{
  gboolean phase_changed = self->phase != phase;
  gboolean outcome_changed = self->outcome != outcome;

  self->phase = phase;
  self->outcome = outcome;

  /* outcome first: who follows "phase" reads the outcome */
  if (outcome_changed)
    _mr_order_session_notify (self, PROP_OUTCOME);
  if (phase_changed)
    _mr_order_session_notify (self, PROP_PHASE);

  _mr_order_session_update_can_place (self);
}

void
_mr_order_session_set_attempt_unknown (MrOrderSession *self,
                                       gboolean        attempt_unknown)
{
  if (self->attempt_unknown == !!attempt_unknown)
    return;

  self->attempt_unknown = !!attempt_unknown;
  _mr_order_session_notify (self, PROP_ATTEMPT_UNKNOWN);
}

/* What was known about the last attempt to place the order, and that
 * every field shows its problem, no longer holds: the next order starts
 * as a new one (its untouched fields say nothing yet). */
void
_mr_order_session_forget_attempt (MrOrderSession *self)
{
  self->checkout_sent = FALSE;
  self->reveal_problems = FALSE;
  g_clear_pointer (&self->server_problems, g_ptr_array_unref);
  _mr_order_session_set_attempt_unknown (self, FALSE);
}

void
_mr_order_session_emit_problems_changed (MrOrderSession *self)
{
  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
}

void
_mr_order_session_emit_draft_save_failed (MrOrderSession *self,
                                          const char     *message)
{
  g_signal_emit (self, signals[DRAFT_SAVE_FAILED], 0, message);
}

void
_mr_order_session_emit_restored (MrOrderSession *self)
{
  g_signal_emit (self, signals[RESTORED], 0);
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
      _mr_order_session_schedule_sync (self);
      return;
    }

  key = mr_domain_key (domain);
  if (g_hash_table_contains (self->excluded_keys, key))
    _mr_order_session_schedule_sync (self);
}

static void
order_changed_cb (MrOrderSession *self)
{
  gboolean could_undo = mr_order_session_get_can_undo (self);
  gboolean could_redo = mr_order_session_get_can_redo (self);

  /* what an undo put back is known until the next change */
  _mr_order_session_forget_restored (self);

  /* Edits in quick succession (typing a name) are one step. */
  mr_undo_stack_changed (self->history, !self->restoring,
                         mr_order_session_get_checkout_blocks (self), self->attempt_unknown);
  _mr_order_session_notify_history (self, could_undo, could_redo);

  _mr_order_session_schedule_draft_save (self);

  if (self->headless)
    _mr_order_session_schedule_validate (self);
  else
    _mr_order_session_schedule_sync (self);

  /* what the server said about an older version no longer holds */
  if (self->server_problems != NULL &&
      mr_order_get_revision (self->order) != self->server_problems_revision)
    {
      g_clear_pointer (&self->server_problems, g_ptr_array_unref);
      _mr_order_session_rebuild_problems (self);
    }

  _mr_order_session_update_can_place (self);
}

static void
scheduler_state_cb (MrOrderSession *self)
{
  _mr_order_session_update_can_place (self);
}

static void
scheduler_quote_cb (MrOrderSession *self)
{
  /* what the server said cannot be ordered stays out of the next quotes */
  if (!self->headless &&
      mr_problem_list_learn_exclusions_from (self->server_excluded,
                                             _mr_order_session_get_quote_problems (self)))
    _mr_order_session_schedule_sync (self);

  _mr_order_session_rebuild_problems (self);
  _mr_order_session_notify (self, PROP_QUOTE);
  _mr_order_session_update_can_place (self);
}

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
  g_clear_pointer (&self->restored, g_array_unref);
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
  g_clear_pointer (&self->quote_basis, mr_quote_basis_free);
  g_clear_pointer (&self->checkout_url, g_free);
  g_clear_pointer (&self->outcome_detail, g_free);
  g_clear_pointer (&self->draft_path, g_free);
  if (self->draft_writer != NULL)
    g_signal_handlers_disconnect_by_data (self->draft_writer, self);
  g_clear_object (&self->draft_writer);

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

  /* an undo or redo was applied: what it put back and took out is in
   * mr_order_session_get_restored() and _get_dropped_at() */
  signals[RESTORED] =
    g_signal_new ("restored",
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
  self->restored = g_array_new (FALSE, FALSE, sizeof (guint));
  self->dropped_at = G_MAXUINT;
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
  _mr_order_session_rebuild_problems (self);

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

void
mr_order_session_close (MrOrderSession *self)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  /* nothing typed is lost: the newest draft is on disk when this returns */
  _mr_order_session_wait_draft (self);
  g_clear_handle_id (&self->validate_id, g_source_remove);
  mr_undo_stack_stop (self->history);
  g_clear_handle_id (&self->sync_id, g_source_remove);

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);
}

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
          _mr_order_session_notify (self, PROP_SCHEDULER);
        }
      else
        mr_quote_scheduler_set_client (self->scheduler, client);

      if (self->checker == NULL)
        {
          self->checker = mr_domain_checker_new (client);
          g_signal_connect_object (self->checker, "status-changed",
                                   G_CALLBACK (checker_status_cb), self, G_CONNECT_SWAPPED);
          _mr_order_session_notify (self, PROP_CHECKER);
        }
      else
        {
          mr_domain_checker_set_client (self->checker, client);
          mr_domain_checker_invalidate (self->checker);
        }
    }

  _mr_order_session_notify (self, PROP_CLIENT);
  _mr_order_session_update_can_place (self);
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

gboolean
mr_order_session_get_checkout_blocks (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  return self->checkout_sent &&
         self->checkout_revision == mr_order_get_revision (self->order);
}

gboolean
mr_order_session_resume_editing (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  if (self->phase == MR_ORDER_PHASE_DONE)
    _mr_order_session_set_phase (self, MR_ORDER_PHASE_EDITING, MR_PLACE_OUTCOME_NONE);

  return mr_order_session_get_checkout_blocks (self);
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
