/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MR_TYPE_FILL_MODEL (mr_fill_model_get_type ())
G_DECLARE_FINAL_TYPE (MrFillModel, mr_fill_model, MR, FILL_MODEL, GObject)

/* What a GtkListView shows of a selection model, so that a large insertion
 * is shown over a few frames instead of in one.
 *
 * A GtkListView makes a row for up to 200 items around its anchor in the
 * frame after a change, whatever its height. An insertion of more items
 * than a screen holds therefore shows, in that frame, the part a screen
 * holds (the end of it when it was added at the end of the model, where a
 * list scrolls to what was added; else its start) and holds the rest back;
 * each following frame of @widget shows a step more next to what is shown,
 * until all is. Every other change passes through at once, in the right
 * place. Selection is the wrapped model's: selecting through this model
 * selects there, and a range that spans held-back items selects them too.
 *
 * Positions: mr_fill_model_to_shown() and mr_fill_model_to_model() convert
 * between the wrapped model and this one; the two are the same whenever
 * nothing is held back (mr_fill_model_get_filling() is FALSE).
 *
 * Property "filling" (gboolean, read-only, notify). */
MrFillModel       *mr_fill_model_new         (GtkSelectionModel *model,
                                              GtkWidget         *widget);
/* For a list that scrolls to what is added at its end: such an insertion
 * is shown from its end while the list is shown (FALSE by default). */
void               mr_fill_model_set_end_first (MrFillModel     *self,
                                                gboolean         end_first);
gboolean           mr_fill_model_get_filling (MrFillModel       *self);
/* shows nothing more on the next frame (it is left to what the change
 * set off, such as an editor showing what it selected) */
void               mr_fill_model_pause       (MrFillModel       *self);
/* shows everything held back now */
void               mr_fill_model_finish      (MrFillModel       *self);
/* the shown position of the model's @position, GTK_INVALID_LIST_POSITION
 * while it is held back */
guint              mr_fill_model_to_shown    (MrFillModel       *self,
                                              guint              position);
/* the model's position of the shown @position */
guint              mr_fill_model_to_model    (MrFillModel       *self,
                                              guint              position);

G_END_DECLS
