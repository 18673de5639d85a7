/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-undo-stack"

#include "config.h"

#include "mr-undo-stack.h"

#define SNAPSHOT_DELAY_MS 1000
#define UNDO_GROUP_USEC   (G_USEC_PER_SEC)
#define MAX_UNDO          100

struct _MrUndoStack
{
  MrOrder *order;           /* owned: the order followed */
  MrOrder *snapshot;        /* owned: the order after the last edit,
                             * unless snapshot_id is pending */
  GQueue   undo;            /* MrUndoStep* */
  GQueue   redo;            /* MrUndoStep* */
  gint64   last_edit_usec;
  guint    snapshot_id;     /* the snapshot is out of date until it runs */
};

void
mr_undo_step_free (MrUndoStep *step)
{
  if (step == NULL)
    return;

  g_clear_object (&step->order);
  g_free (step);
}

static MrUndoStep *
step_new (MrOrder  *order,
          gboolean  checkout_blocks,
          gboolean  attempt_unknown)
{
  MrUndoStep *step = g_new0 (MrUndoStep, 1);

  step->order = g_object_ref (order);
  step->checkout_blocks = checkout_blocks;
  step->attempt_unknown = attempt_unknown;

  return step;
}

static void
clear_queue (GQueue *queue)
{
  g_queue_clear_full (queue, (GDestroyNotify) mr_undo_step_free);
}

void
mr_undo_stack_take_snapshot (MrUndoStack *self)
{
  g_return_if_fail (self != NULL);

  g_clear_handle_id (&self->snapshot_id, g_source_remove);
  g_clear_object (&self->snapshot);
  self->snapshot = mr_order_copy (self->order);
}

static gboolean
snapshot_idle_cb (gpointer data)
{
  MrUndoStack *self = data;

  self->snapshot_id = 0;
  mr_undo_stack_take_snapshot (self);

  return G_SOURCE_REMOVE;
}

static void
sync_snapshot (MrUndoStack *self)
{
  if (self->snapshot_id != 0)
    mr_undo_stack_take_snapshot (self);
}

static MrUndoStep *
restore (MrUndoStack *self,
         GQueue      *from,
         GQueue      *to,
         gboolean     checkout_blocks,
         gboolean     attempt_unknown)
{
  if (from->length == 0)
    return NULL;

  sync_snapshot (self);
  g_queue_push_head (to, step_new (self->snapshot, checkout_blocks, attempt_unknown));

  return g_queue_pop_head (from);
}

MrUndoStack *
mr_undo_stack_new (MrOrder *order)
{
  MrUndoStack *self;

  g_return_val_if_fail (MR_IS_ORDER (order), NULL);

  self = g_new0 (MrUndoStack, 1);
  self->order = g_object_ref (order);
  self->snapshot = mr_order_copy (order);
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);

  return self;
}

void
mr_undo_stack_free (MrUndoStack *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->snapshot_id, g_source_remove);
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_clear_object (&self->snapshot);
  g_clear_object (&self->order);
  g_free (self);
}

gboolean
mr_undo_stack_can_undo (MrUndoStack *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->undo.length > 0;
}

gboolean
mr_undo_stack_can_redo (MrUndoStack *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->redo.length > 0;
}

void
mr_undo_stack_changed (MrUndoStack *self,
                       gboolean     record,
                       gboolean     checkout_blocks,
                       gboolean     attempt_unknown)
{
  g_return_if_fail (self != NULL);

  if (record)
    {
      gint64 now = g_get_monotonic_time ();

      /* While the snapshot is out of date, the step goes on. */
      if (self->snapshot_id == 0 &&
          (self->last_edit_usec == 0 || now - self->last_edit_usec > UNDO_GROUP_USEC))
        {
          g_queue_push_head (&self->undo,
                             step_new (self->snapshot, checkout_blocks, attempt_unknown));
          while (self->undo.length > MAX_UNDO)
            mr_undo_step_free (g_queue_pop_tail (&self->undo));
          clear_queue (&self->redo);
        }
      self->last_edit_usec = now;
    }

  if (self->snapshot_id == 0)
    self->snapshot_id = g_timeout_add (SNAPSHOT_DELAY_MS, snapshot_idle_cb, self);
}

void
mr_undo_stack_break_group (MrUndoStack *self)
{
  g_return_if_fail (self != NULL);

  sync_snapshot (self);
  self->last_edit_usec = 0;
}

MrUndoStep *
mr_undo_stack_undo (MrUndoStack *self,
                    gboolean     checkout_blocks,
                    gboolean     attempt_unknown)
{
  g_return_val_if_fail (self != NULL, NULL);

  return restore (self, &self->undo, &self->redo, checkout_blocks, attempt_unknown);
}

MrUndoStep *
mr_undo_stack_redo (MrUndoStack *self,
                    gboolean     checkout_blocks,
                    gboolean     attempt_unknown)
{
  g_return_val_if_fail (self != NULL, NULL);

  return restore (self, &self->redo, &self->undo, checkout_blocks, attempt_unknown);
}

void
mr_undo_stack_restored (MrUndoStack *self)
{
  g_return_if_fail (self != NULL);

  self->last_edit_usec = 0;
  mr_undo_stack_take_snapshot (self);
}

void
mr_undo_stack_clear (MrUndoStack *self)
{
  g_return_if_fail (self != NULL);

  mr_undo_stack_take_snapshot (self);
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  self->last_edit_usec = 0;
}

void
mr_undo_stack_stop (MrUndoStack *self)
{
  g_return_if_fail (self != NULL);

  g_clear_handle_id (&self->snapshot_id, g_source_remove);
}
