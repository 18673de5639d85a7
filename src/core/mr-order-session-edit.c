/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-order-session"

#include "config.h"

#include "mr-order-session-private.h"

#include "mr-draft-store.h"

#define DRAFT_SAVE_DELAY_MS 500

/* undo */

void
_mr_order_session_notify_history (MrOrderSession *self,
                                  gboolean        could_undo,
                                  gboolean        could_redo)
{
  if (could_undo != mr_order_session_get_can_undo (self))
    _mr_order_session_notify (self, PROP_CAN_UNDO);
  if (could_redo != mr_order_session_get_can_redo (self))
    _mr_order_session_notify (self, PROP_CAN_REDO);
}

void
_mr_order_session_forget_restored (MrOrderSession *self)
{
  g_array_set_size (self->restored, 0);
  self->dropped_at = G_MAXUINT;
}

/* When @fewer is @more with some domains left out (matched by name, in
 * order), the positions in @more of those left out go into @positions;
 * else nothing does. One pass: a 1,000-domain undo stays cheap. */
static void
find_left_out (MrOrder *fewer,
               MrOrder *more,
               GArray  *positions)
{
  guint n_fewer = mr_order_get_n_items (fewer);
  guint n_more = mr_order_get_n_items (more);
  guint j = 0;

  if (n_more <= n_fewer)
    return;

  for (guint i = 0; i < n_more; i++)
    {
      if (j < n_fewer &&
          g_strcmp0 (mr_order_item_get_domain (mr_order_get_item (fewer, j)),
                     mr_order_item_get_domain (mr_order_get_item (more, i))) == 0)
        j++;
      else
        g_array_append_val (positions, i);
    }

  if (j < n_fewer)
    g_array_set_size (positions, 0);
}

static void
restore (MrOrderSession *self,
         gboolean        redo)
{
  g_autoptr(GArray) restored = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) dropped = g_array_new (FALSE, FALSE, sizeof (guint));
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

  /* what comes back and what goes, told apart before the order is
   * replaced; the last step's answer is gone before the order changes */
  _mr_order_session_forget_restored (self);
  find_left_out (self->order, step->order, restored);
  find_left_out (step->order, self->order, dropped);

  self->restoring = TRUE;
  mr_order_assign (self->order, step->order);
  mr_order_set_order_type (self->order, mr_order_get_order_type (step->order));
  self->restoring = FALSE;
  mr_undo_stack_restored (self->history);

  /* after the order's own "changed", which forgets the last ones */
  g_array_append_vals (self->restored, restored->data, restored->len);
  if (dropped->len > 0)
    self->dropped_at = g_array_index (dropped, guint, 0);

  /* the same order comes back with what is known about it */
  self->checkout_sent = step->checkout_blocks;
  self->checkout_revision = mr_order_get_revision (self->order);
  _mr_order_session_set_attempt_unknown (self, step->attempt_unknown);

  _mr_order_session_set_phase (self, MR_ORDER_PHASE_EDITING, MR_PLACE_OUTCOME_NONE);
  _mr_order_session_notify_history (self, could_undo, could_redo);
  _mr_order_session_emit_restored (self);
}

/* The snapshot is made here; the worker thread writes it and syncs it */
static gboolean
draft_save_timeout_cb (gpointer data)
{
  MrOrderSession *self = data;
  g_autoptr(GBytes) contents = NULL;

  self->draft_save_id = 0;
  if (self->draft_writer == NULL)
    return G_SOURCE_REMOVE;

  contents = mr_draft_store_serialize (self->order);
  mr_draft_writer_queue (self->draft_writer, contents);

  return G_SOURCE_REMOVE;
}

void
_mr_order_session_schedule_draft_save (MrOrderSession *self)
{
  if (self->draft_path == NULL)
    return;

  g_clear_handle_id (&self->draft_save_id, g_source_remove);
  self->draft_save_id = g_timeout_add (DRAFT_SAVE_DELAY_MS, draft_save_timeout_cb, self);
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

const guint *
mr_order_session_get_restored (MrOrderSession *self,
                               guint          *n_restored)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);
  g_return_val_if_fail (n_restored != NULL, NULL);

  *n_restored = self->restored->len;
  return (const guint *) (gpointer) self->restored->data;
}

guint
mr_order_session_get_dropped_at (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), G_MAXUINT);

  return self->dropped_at;
}

void
mr_order_session_break_undo_group (MrOrderSession *self)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  mr_undo_stack_break_group (self->history);
}

/* edits */

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
mr_order_session_remove_items (MrOrderSession *self,
                               GPtrArray      *items)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));
  g_return_if_fail (items != NULL);

  if (items->len == 0 || self->phase == MR_ORDER_PHASE_PLACING)
    return;

  mr_order_session_break_undo_group (self);
  mr_order_remove_items (self->order, (MrOrderItem **) items->pdata, items->len);
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
  _mr_order_session_forget_attempt (self);
  g_clear_pointer (&self->outcome_detail, g_free);
  _mr_order_session_rebuild_problems (self);

  _mr_order_session_set_phase (self, MR_ORDER_PHASE_EDITING, MR_PLACE_OUTCOME_NONE);
}

/* draft */

static void
report_draft_error (MrOrderSession *self,
                    const GError   *error)
{
  g_warning ("Could not save the draft to %s: %s", self->draft_path, error->message);
  if (!self->draft_error_reported)
    {
      self->draft_error_reported = TRUE;
      _mr_order_session_emit_draft_save_failed (self, error->message);
    }
}

static void
draft_write_failed_cb (MrOrderSession *self,
                       const GError   *error)
{
  report_draft_error (self, error);
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

  /* a write to the old path still ends there */
  if (self->draft_writer != NULL)
    g_signal_handlers_disconnect_by_data (self->draft_writer, self);
  g_clear_object (&self->draft_writer);
  if (path != NULL)
    {
      self->draft_writer = mr_draft_writer_new (path);
      g_signal_connect_object (self->draft_writer, "failed",
                               G_CALLBACK (draft_write_failed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  _mr_order_session_notify (self, PROP_DRAFT_PATH);
}

const char *
mr_order_session_get_draft_path (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return self->draft_path;
}

gboolean
mr_order_session_save_draft (MrOrderSession  *self,
                             GError         **error)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  g_clear_handle_id (&self->draft_save_id, g_source_remove);

  if (self->draft_writer == NULL)
    return TRUE;

  contents = mr_draft_store_serialize (self->order);

  /* after any write still running, so that this one lands last */
  return mr_draft_writer_write_now (self->draft_writer, contents, error);
}

void
_mr_order_session_save_empty_draft (MrOrderSession *self)
{
  g_autoptr(MrOrder) empty = NULL;
  g_autoptr(GBytes) contents = NULL;

  if (self->draft_writer == NULL)
    return;

  g_clear_handle_id (&self->draft_save_id, g_source_remove);
  empty = mr_order_new (mr_order_get_order_type (self->order));
  contents = mr_draft_store_serialize (empty);
  mr_draft_writer_write_now (self->draft_writer, contents, NULL);
}

void
_mr_order_session_wait_draft (MrOrderSession *self)
{
  if (self->draft_save_id != 0)
    mr_order_session_flush_draft (self);
  else if (self->draft_writer != NULL)
    mr_draft_writer_wait (self->draft_writer);
}

void
mr_order_session_flush_draft (MrOrderSession *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  if (!mr_order_session_save_draft (self, &error))
    report_draft_error (self, error);
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
