/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-order.h"

G_BEGIN_DECLS

/* Undo and redo of the edits of one order. It follows the order's
 * "changed" through its owner: edits within a second are one step, and
 * the copy of the order that the next step starts from is refreshed when
 * edits settle, not after each one (a copy of 1,000 domains per
 * keystroke). At most 100 steps are kept. */
typedef struct _MrUndoStack MrUndoStack;

/* one step: the order as it was, with what was known about it */
typedef struct
{
  MrOrder  *order;
  gboolean  checkout_blocks;
  gboolean  attempt_unknown;
} MrUndoStep;

void         mr_undo_step_free             (MrUndoStep  *step);

/* follows @order (a new reference); the first step starts from it as it is */
MrUndoStack *mr_undo_stack_new             (MrOrder     *order);
void         mr_undo_stack_free            (MrUndoStack *self);
gboolean     mr_undo_stack_can_undo        (MrUndoStack *self);
gboolean     mr_undo_stack_can_redo        (MrUndoStack *self);
/* The order changed: by the person when @record (it starts or continues
 * a step, remembering @checkout_blocks and @attempt_unknown with the order
 * as it was, and forgets what could be redone), or by loading or
 * restoring it when not. */
void         mr_undo_stack_changed         (MrUndoStack *self,
                                            gboolean     record,
                                            gboolean     checkout_blocks,
                                            gboolean     attempt_unknown);
/* the next edit starts a new step */
void         mr_undo_stack_break_group     (MrUndoStack *self);
/* Takes the last step to undo (redo), or NULL, and keeps the order as it
 * is now, with @checkout_blocks and @attempt_unknown, to redo (undo). The
 * caller assigns the step's order without recording it, then calls
 * mr_undo_stack_restored(). */
MrUndoStep  *mr_undo_stack_undo            (MrUndoStack *self,
                                            gboolean     checkout_blocks,
                                            gboolean     attempt_unknown);
MrUndoStep  *mr_undo_stack_redo            (MrUndoStack *self,
                                            gboolean     checkout_blocks,
                                            gboolean     attempt_unknown);
void         mr_undo_stack_restored        (MrUndoStack *self);
/* the order was loaded: the next step starts from it as it is now */
void         mr_undo_stack_take_snapshot   (MrUndoStack *self);
/* forgets every step (a placed order is not undone into another one) */
void         mr_undo_stack_clear           (MrUndoStack *self);
/* stops waiting for edits to settle (the owner is closing) */
void         mr_undo_stack_stop            (MrUndoStack *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrUndoStep, mr_undo_step_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrUndoStack, mr_undo_stack_free)

G_END_DECLS
