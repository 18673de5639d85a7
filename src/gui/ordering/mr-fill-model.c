/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-fill-model"

#include "config.h"

#include "mr-fill-model.h"

/* the rows of the lists are at least this tall (a domain row is 53 px, a
 * price line 70): a screen of @widget holds at most its height over this */
#define ROW_HEIGHT_MIN 50
#define FIRST_MIN      8
#define FIRST_MAX      64
/* what each later frame adds (see benchmarks/bench-paste.c) */
#define STEP           8
/* A GtkListView keeps rows for 200 items around its anchor: once this many
 * are shown next to the held-back ones, showing the rest makes no rows. */
#define ALL_AFTER      256

struct _MrFillModel
{
  GObject            parent_instance;

  GtkSelectionModel *model;
  GtkWidget         *widget;      /* weak */
  guint              n_model;     /* the model's length as last told */

  /* the model's items [hole, hole + n_held) are held back */
  guint              hole;
  guint              n_held;
  guint              n_shown_since; /* shown of this insertion since it came */
  guint              from_end : 1;  /* shown from its end towards its start */
  guint              end_first : 1; /* what is added at the end is shown from there */
  guint              tick_id;
  gint64             frame;         /* the frame that shows what was first shown */
};

enum {
  PROP_0,
  PROP_FILLING,
  N_PROPS
};

static void mr_fill_model_list_model_init      (GListModelInterface        *iface);
static void mr_fill_model_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MrFillModel, mr_fill_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mr_fill_model_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      mr_fill_model_selection_model_init))

static GParamSpec *properties[N_PROPS];

static guint
to_model (MrFillModel *self,
          guint        position)
{
  return position < self->hole ? position : position + self->n_held;
}

/* the number of the frame that shows a change made now */
static gint64
next_frame (MrFillModel *self)
{
  GtkNative *native = self->widget != NULL ? gtk_widget_get_native (self->widget) : NULL;
  GdkFrameClock *clock = NULL;

  /* the window's clock: the list may not be realized yet */
  if (native != NULL)
    clock = gtk_widget_get_frame_clock (GTK_WIDGET (native));

  return clock != NULL ? gdk_frame_clock_get_frame_counter (clock) + 1 : 0;
}

/* how many of an insertion are shown at once */
static guint
first_count (MrFillModel *self)
{
  GtkNative *native;
  int height = 0;

  if (self->widget == NULL)
    return FIRST_MAX;

  /* a list not laid out yet is at most as tall as its window */
  height = gtk_widget_get_height (self->widget);
  native = gtk_widget_get_native (self->widget);
  if (height <= 0 && native != NULL)
    height = gtk_widget_get_height (GTK_WIDGET (native));
  if (height <= 0)
    return FIRST_MAX;

  return CLAMP ((guint) height / ROW_HEIGHT_MIN + 2, FIRST_MIN, FIRST_MAX);
}

static gboolean tick_cb (GtkWidget     *widget,
                         GdkFrameClock *clock,
                         gpointer       user_data);

/* A widget's tick callbacks last until it is finalized, when the weak
 * pointer clears @widget. */
static void
set_held (MrFillModel *self,
          guint        hole,
          guint        n_held)
{
  self->hole = hole;
  self->n_held = n_held;

  if (n_held > 0 && self->tick_id == 0 && self->widget != NULL)
    {
      self->tick_id = gtk_widget_add_tick_callback (self->widget, tick_cb, self, NULL);
    }
  else if (n_held == 0 && self->tick_id != 0)
    {
      if (self->widget != NULL)
        gtk_widget_remove_tick_callback (self->widget, self->tick_id);
      self->tick_id = 0;
    }
}

/* after the change was told */
static void
notify_filling (MrFillModel *self,
                gboolean     was_filling)
{
  if (was_filling != (self->n_held > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILLING]);
}

/* Shows @n more of the held-back items, next to the shown part of the
 * insertion. */
static void
show_more (MrFillModel *self,
           guint        n)
{
  guint at = self->hole;

  n = MIN (n, self->n_held);
  if (n == 0)
    return;

  self->n_shown_since += n;
  if (self->from_end)
    set_held (self, self->hole, self->n_held - n);
  else
    set_held (self, self->hole + n, self->n_held - n);

  g_list_model_items_changed (G_LIST_MODEL (self), at, 0, n);
  notify_filling (self, TRUE);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  MrFillModel *self = user_data;

  /* the frame that shows the first part makes its rows and nothing more */
  if (gdk_frame_clock_get_frame_counter (clock) <= self->frame)
    return G_SOURCE_CONTINUE;

  if (self->n_shown_since >= ALL_AFTER)
    show_more (self, self->n_held);
  else
    show_more (self, STEP);

  /* set_held() removed it when all is shown */
  return G_SOURCE_CONTINUE;
}

/* The model's [@start, @end) (after the change, @n_before of them shown
 * before it, at the same position) is all new to the view: it shows the
 * part a screen holds and holds back the rest. */
static void
show_region (MrFillModel *self,
             guint        start,
             guint        end,
             guint        n_before)
{
  guint n = end - start;
  guint first = first_count (self);
  gboolean was_filling = self->n_held > 0;

  if (n <= first || self->widget == NULL)
    {
      set_held (self, 0, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), start, n_before, n);
      notify_filling (self, was_filling);
      return;
    }

  /* what was added at the end of a shown list it scrolls to is shown from
   * there; a list that is not shown yet shows its start */
  self->from_end = self->end_first && end == self->n_model && gtk_widget_get_mapped (self->widget);
  self->n_shown_since = first;
  self->frame = next_frame (self);
  set_held (self, self->from_end ? start : start + first, n - first);
  g_list_model_items_changed (G_LIST_MODEL (self), start, n_before, first);
  notify_filling (self, was_filling);
}

static void
model_items_changed_cb (MrFillModel *self,
                        guint        position,
                        guint        removed,
                        guint        added)
{
  guint hole_end = self->hole + self->n_held;
  guint start, end, n_before;

  self->n_model = self->n_model - removed + added;

  if (self->n_held == 0 && added <= first_count (self))
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  /* held-back items changed: there is less or more to show */
  if (self->n_held > 0 && position >= self->hole && position + removed <= hole_end)
    {
      set_held (self, self->hole, self->n_held - removed + added);
      notify_filling (self, TRUE);
      return;
    }

  if (self->n_held > 0 && added <= STEP)
    {
      /* before the held-back items, or after them */
      if (position + removed <= self->hole)
        {
          self->hole = self->hole + added - removed;
          g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
          return;
        }
      if (position >= hole_end)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), position - self->n_held,
                                      removed, added);
          return;
        }
    }

  /* Anything else (a large insertion, a change of held-back items): the
   * region from the change or the held-back items, whichever comes first,
   * to whichever ends last is new as a whole. Positions before it are the
   * same in both models. */
  if (self->n_held == 0)
    {
      start = position;
      end = position + added;
      n_before = removed;
    }
  else
    {
      guint old_end = MAX (position + removed, hole_end);

      start = MIN (position, self->hole);
      end = old_end - removed + added;
      n_before = (old_end - start) - self->n_held;
    }

  show_region (self, start, end, n_before);
}

static void
model_selection_changed_cb (MrFillModel *self,
                            guint        position,
                            guint        n_items)
{
  guint start = mr_fill_model_to_shown (self, position);
  guint end = position + n_items;

  if (start == GTK_INVALID_LIST_POSITION)
    start = self->hole;

  if (end > self->hole + self->n_held)
    end -= self->n_held;
  else if (end > self->hole)
    end = self->hole;

  if (end > start)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), start, end - start);
}

static GType
mr_fill_model_get_item_type (GListModel *model)
{
  MrFillModel *self = MR_FILL_MODEL (model);

  return g_list_model_get_item_type (G_LIST_MODEL (self->model));
}

static guint
mr_fill_model_get_n_items (GListModel *model)
{
  MrFillModel *self = MR_FILL_MODEL (model);

  return self->n_model - self->n_held;
}

static gpointer
mr_fill_model_get_item (GListModel *model,
                        guint       position)
{
  MrFillModel *self = MR_FILL_MODEL (model);

  if (position >= self->n_model - self->n_held)
    return NULL;

  return g_list_model_get_item (G_LIST_MODEL (self->model), to_model (self, position));
}

static void
mr_fill_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mr_fill_model_get_item_type;
  iface->get_n_items = mr_fill_model_get_n_items;
  iface->get_item = mr_fill_model_get_item;
}

static gboolean
mr_fill_model_is_selected (GtkSelectionModel *model,
                           guint              position)
{
  MrFillModel *self = MR_FILL_MODEL (model);

  return gtk_selection_model_is_selected (self->model, to_model (self, position));
}

static GtkBitset *
mr_fill_model_get_selection_in_range (GtkSelectionModel *model,
                                      guint              position,
                                      guint              n_items)
{
  MrFillModel *self = MR_FILL_MODEL (model);
  g_autoptr(GtkBitset) model_selected = gtk_selection_model_get_selection (self->model);
  GtkBitset *selected = gtk_bitset_copy (model_selected);
  g_autoptr(GtkBitset) range = gtk_bitset_new_range (position, n_items);

  /* the model's selection without the held-back items */
  if (self->n_held > 0)
    gtk_bitset_splice (selected, self->hole, self->n_held, 0);
  gtk_bitset_intersect (selected, range);

  return selected;
}

static gboolean
mr_fill_model_select_item (GtkSelectionModel *model,
                           guint              position,
                           gboolean           unselect_rest)
{
  MrFillModel *self = MR_FILL_MODEL (model);

  return gtk_selection_model_select_item (self->model, to_model (self, position), unselect_rest);
}

static gboolean
mr_fill_model_unselect_item (GtkSelectionModel *model,
                             guint              position)
{
  MrFillModel *self = MR_FILL_MODEL (model);

  return gtk_selection_model_unselect_item (self->model, to_model (self, position));
}

/* a range that spans held-back items is the model's range between its ends */
static guint
model_range (MrFillModel *self,
             guint        position,
             guint        n_items,
             guint       *start)
{
  *start = to_model (self, position);

  return n_items == 0 ? 0 : to_model (self, position + n_items - 1) + 1 - *start;
}

static gboolean
mr_fill_model_select_range (GtkSelectionModel *model,
                            guint              position,
                            guint              n_items,
                            gboolean           unselect_rest)
{
  MrFillModel *self = MR_FILL_MODEL (model);
  guint start;
  guint n = model_range (self, position, n_items, &start);

  return gtk_selection_model_select_range (self->model, start, n, unselect_rest);
}

static gboolean
mr_fill_model_unselect_range (GtkSelectionModel *model,
                              guint              position,
                              guint              n_items)
{
  MrFillModel *self = MR_FILL_MODEL (model);
  guint start;
  guint n = model_range (self, position, n_items, &start);

  return gtk_selection_model_unselect_range (self->model, start, n);
}

static gboolean
mr_fill_model_select_all (GtkSelectionModel *model)
{
  return gtk_selection_model_select_all (MR_FILL_MODEL (model)->model);
}

static gboolean
mr_fill_model_unselect_all (GtkSelectionModel *model)
{
  return gtk_selection_model_unselect_all (MR_FILL_MODEL (model)->model);
}

static gboolean
mr_fill_model_set_selection (GtkSelectionModel *model,
                             GtkBitset         *selected,
                             GtkBitset         *mask)
{
  MrFillModel *self = MR_FILL_MODEL (model);
  g_autoptr(GtkBitset) model_selected = gtk_bitset_copy (selected);
  g_autoptr(GtkBitset) model_mask = gtk_bitset_copy (mask);

  /* the held-back items are not in the mask: they keep their state */
  if (self->n_held > 0)
    {
      gtk_bitset_splice (model_selected, self->hole, 0, self->n_held);
      gtk_bitset_splice (model_mask, self->hole, 0, self->n_held);
    }

  return gtk_selection_model_set_selection (self->model, model_selected, model_mask);
}

static void
mr_fill_model_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = mr_fill_model_is_selected;
  iface->get_selection_in_range = mr_fill_model_get_selection_in_range;
  iface->select_item = mr_fill_model_select_item;
  iface->unselect_item = mr_fill_model_unselect_item;
  iface->select_range = mr_fill_model_select_range;
  iface->unselect_range = mr_fill_model_unselect_range;
  iface->select_all = mr_fill_model_select_all;
  iface->unselect_all = mr_fill_model_unselect_all;
  iface->set_selection = mr_fill_model_set_selection;
}

static void
mr_fill_model_dispose (GObject *object)
{
  MrFillModel *self = MR_FILL_MODEL (object);

  set_held (self, 0, 0);
  if (self->widget != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->widget), (gpointer *) &self->widget);
  self->widget = NULL;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (mr_fill_model_parent_class)->dispose (object);
}

static void
mr_fill_model_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MrFillModel *self = MR_FILL_MODEL (object);

  switch (prop_id)
    {
    case PROP_FILLING:
      g_value_set_boolean (value, mr_fill_model_get_filling (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_fill_model_class_init (MrFillModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_fill_model_dispose;
  object_class->get_property = mr_fill_model_get_property;

  properties[PROP_FILLING] =
    g_param_spec_boolean ("filling", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mr_fill_model_init (MrFillModel *self)
{
}

MrFillModel *
mr_fill_model_new (GtkSelectionModel *model,
                   GtkWidget         *widget)
{
  MrFillModel *self;

  g_return_val_if_fail (GTK_IS_SELECTION_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  self = g_object_new (MR_TYPE_FILL_MODEL, NULL);
  self->model = g_object_ref (model);
  self->n_model = g_list_model_get_n_items (G_LIST_MODEL (model));
  self->widget = widget;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &self->widget);

  g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "selection-changed",
                           G_CALLBACK (model_selection_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

void
mr_fill_model_set_end_first (MrFillModel *self,
                             gboolean     end_first)
{
  g_return_if_fail (MR_IS_FILL_MODEL (self));

  self->end_first = !!end_first;
}

gboolean
mr_fill_model_get_filling (MrFillModel *self)
{
  g_return_val_if_fail (MR_IS_FILL_MODEL (self), FALSE);

  return self->n_held > 0;
}

void
mr_fill_model_pause (MrFillModel *self)
{
  g_return_if_fail (MR_IS_FILL_MODEL (self));

  if (self->n_held > 0)
    self->frame = MAX (self->frame, next_frame (self));
}

void
mr_fill_model_finish (MrFillModel *self)
{
  g_return_if_fail (MR_IS_FILL_MODEL (self));

  show_more (self, self->n_held);
}

guint
mr_fill_model_to_shown (MrFillModel *self,
                        guint        position)
{
  g_return_val_if_fail (MR_IS_FILL_MODEL (self), GTK_INVALID_LIST_POSITION);

  if (position >= self->n_model)
    return GTK_INVALID_LIST_POSITION;
  if (position < self->hole)
    return position;
  if (position < self->hole + self->n_held)
    return GTK_INVALID_LIST_POSITION;

  return position - self->n_held;
}

guint
mr_fill_model_to_model (MrFillModel *self,
                        guint        position)
{
  g_return_val_if_fail (MR_IS_FILL_MODEL (self), GTK_INVALID_LIST_POSITION);

  if (position >= self->n_model - self->n_held)
    return GTK_INVALID_LIST_POSITION;

  return to_model (self, position);
}
