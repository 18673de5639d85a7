/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The rows the domain list has bound: found by domain key, told only what
 * changed for their domain, and putting off what changed while far off
 * screen (see mr-domain-list-private.h). */

#define G_LOG_DOMAIN "mr-domain-list"

#include "config.h"

#include "mr-domain-list-private.h"
#include "mr-gui-util.h"

/* rows off screen by more than this many rows put off their updates (a
 * change of every domain, such as the problems of a 1,000-domain paste,
 * lays out in its frame only the rows on screen: each costs about as much
 * as when it was made) */
#define NEAR_ROWS  2
/* rows brought up to date a frame besides those coming near, nearest
 * first: the screen above and below within a few frames */
#define STALE_STEP 8

static MrRowUpdate
update_kind (MrRowUpdateFunc update)
{
  if (update == _mr_domain_row_update_item)
    return MR_ROW_UPDATE_ITEM;
  if (update == _mr_domain_row_update_status)
    return MR_ROW_UPDATE_STATUS;
  if (update == _mr_domain_row_update_problems)
    return MR_ROW_UPDATE_PROBLEMS;
  return MR_ROW_UPDATE_SUGGESTIONS;
}

/* where the list shows @row (bind_row_cb() notes its list item) */
static guint
row_position (MrDomainRow *row)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (row), MR_DOMAIN_LIST_ITEM_KEY);

  return list_item != NULL ? gtk_list_item_get_position (list_item) : GTK_INVALID_LIST_POSITION;
}

/* Whether @row is on screen: a GtkListView maps every row it keeps, and
 * places those off screen outside its own area. */
static gboolean
row_is_shown (MrDomainList *self,
              MrDomainRow  *row)
{
  GtkWidget *list_view = GTK_WIDGET (self->list_view);
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (GTK_WIDGET (row)) ||
      !gtk_widget_compute_bounds (GTK_WIDGET (row), list_view, &bounds))
    return FALSE;

  /* a row not placed yet has no height */
  return bounds.size.height > 0 &&
         bounds.origin.y + bounds.size.height > 0 &&
         bounds.origin.y < gtk_widget_get_height (list_view);
}

/* The positions of the rows on screen, found once a frame. */
static void
shown_range (MrDomainList *self,
             guint        *first,
             guint        *last)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view));
  gint64 frame = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : -1;
  GHashTableIter iter;
  gpointer value;

  if (frame < 0 || frame != self->range_frame)
    {
      self->range_frame = frame;
      self->range_first = G_MAXUINT;
      self->range_last = 0;

      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          GPtrArray *rows = value;

          for (guint i = 0; i < rows->len; i++)
            {
              MrDomainRow *row = g_ptr_array_index (rows, i);
              guint position = row_position (row);

              if (position == GTK_INVALID_LIST_POSITION || !row_is_shown (self, row))
                continue;
              self->range_first = MIN (self->range_first, position);
              self->range_last = MAX (self->range_last, position);
            }
        }
    }

  *first = self->range_first;
  *last = self->range_last;
}

/* how many rows @row is from those on screen (0: it is one of them) */
static guint
row_distance (MrDomainList *self,
              MrDomainRow  *row)
{
  guint first, last, position;

  shown_range (self, &first, &last);
  position = row_position (row);
  if (first > last || position == GTK_INVALID_LIST_POSITION)
    return 0;

  if (position < first)
    return first - position;
  if (position > last)
    return position - last;
  return 0;
}

/* the rows on screen, and a few more */
static guint
near_rows (MrDomainList *self)
{
  return NEAR_ROWS;
}

gboolean
_mr_domain_list_row_is_near (MrDomainList *self,
                             MrDomainRow  *row)
{
  g_assert (MR_IS_DOMAIN_LIST (self));

  /* a list not on screen lays out nothing: its rows update as they did */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    return TRUE;

  return row_distance (self, row) <= near_rows (self);
}

typedef struct
{
  MrDomainRow *row;
  guint        distance;
} StaleRow;

static int
compare_stale (gconstpointer a,
               gconstpointer b)
{
  const StaleRow *x = a;
  const StaleRow *y = b;

  return (x->distance > y->distance) - (x->distance < y->distance);
}

/* Before each frame is laid out: the rows that came near are brought up
 * to date, and the nearest few of the others. */
static gboolean
stale_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  MrDomainList *self = user_data;
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (StaleRow));
  guint near = near_rows (self);
  GHashTableIter iter;
  gpointer key;
  guint n_far = 0;

  g_hash_table_iter_init (&iter, self->stale);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      StaleRow row = { key, row_distance (self, key) };

      g_array_append_val (stale, row);
    }
  g_array_sort (stale, compare_stale);
  g_hash_table_remove_all (self->stale);

  for (guint i = 0; i < stale->len; i++)
    {
      StaleRow *row = &g_array_index (stale, StaleRow, i);

      if (row->distance <= near)
        _mr_domain_row_flush (row->row);
      else if (n_far < STALE_STEP)
        n_far += _mr_domain_row_flush (row->row);
      else
        g_hash_table_add (self->stale, row->row);
    }

  if (g_hash_table_size (self->stale) > 0)
    return G_SOURCE_CONTINUE;

  self->stale_tick = 0;
  return G_SOURCE_REMOVE;
}

void
_mr_domain_list_defer_row (MrDomainList *self,
                           MrDomainRow  *row,
                           MrRowUpdate   what)
{
  g_assert (MR_IS_DOMAIN_LIST (self));

  _mr_domain_row_defer (row, what);
  g_hash_table_add (self->stale, row);
  if (self->stale_tick == 0)
    self->stale_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                     stale_tick_cb, self, NULL);
}

static void
update_row (MrDomainList    *self,
            MrDomainRow     *row,
            MrRowUpdateFunc  update)
{
  if (_mr_domain_list_row_is_near (self, row))
    update (row);
  else
    _mr_domain_list_defer_row (self, row, update_kind (update));
}

/* what changed for one domain reaches only its rows */
void
_mr_domain_list_update_rows_for (MrDomainList    *self,
                                 const char      *key,
                                 MrRowUpdateFunc  update)
{
  GPtrArray *rows;

  if (key == NULL)
    return;

  rows = g_hash_table_lookup (self->rows, key);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    update_row (self, g_ptr_array_index (rows, i), update);
}

void
_mr_domain_list_update_all_rows (MrDomainList    *self,
                                 MrRowUpdateFunc  update)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  /* an update may move a row to another key: walk a copy */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *rows = value;

      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (rows, i)));
    }

  for (guint i = 0; i < all->len; i++)
    update_row (self, g_ptr_array_index (all, i), update);
}

/* The rows of the items around @position come up to date before the list
 * jumps there (the list lays them out in the frame of the jump). */
void
_mr_domain_list_flush_rows_around (MrDomainList *self,
                                   guint         position)
{
  guint n = mr_order_get_n_items (self->order);
  guint span = gtk_widget_get_height (GTK_WIDGET (self->list_view)) / 32 + 2;
  guint start = position > span ? position - span : 0;

  if (g_hash_table_size (self->stale) == 0)
    return;

  for (guint i = start; i < n && i <= position + span; i++)
    {
      g_autofree char *key = mr_domain_key (mr_order_item_get_domain (mr_order_get_item (self->order, i)));
      GPtrArray *rows = g_hash_table_lookup (self->rows, key);

      for (guint j = 0; rows != NULL && j < rows->len; j++)
        _mr_domain_row_flush (g_ptr_array_index (rows, j));
    }
}

static void
list_item_selected_cb (GtkListItem  *list_item,
                       GParamSpec   *pspec,
                       MrDomainList *self)
{
  _mr_domain_list_update_row_selected (self, list_item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              MrDomainList             *self)
{
  gtk_list_item_set_child (list_item, mr_domain_row_new ());
  g_signal_connect_object (list_item, "notify::selected",
                           G_CALLBACK (list_item_selected_cb), self, 0);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             MrDomainList             *self)
{
  MrDomainRow *row = MR_DOMAIN_ROW (gtk_list_item_get_child (list_item));

  g_object_set_data (G_OBJECT (row), MR_DOMAIN_LIST_ITEM_KEY, list_item);
  mr_domain_row_bind (row, gtk_list_item_get_item (list_item), self);
  _mr_domain_list_update_row_selected (self, list_item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               MrDomainList             *self)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), MR_DOMAIN_LIST_ITEM_KEY, NULL);
  mr_domain_row_unbind (MR_DOMAIN_ROW (gtk_list_item_get_child (list_item)));
}

void
_mr_domain_list_rekey_row (MrDomainList *self,
                           MrDomainRow  *row,
                           const char   *old_key,
                           const char   *new_key)
{
  GPtrArray *rows;

  g_assert (MR_IS_DOMAIN_LIST (self));
  g_assert (MR_IS_DOMAIN_ROW (row));

  if (old_key != NULL && (rows = g_hash_table_lookup (self->rows, old_key)) != NULL)
    {
      g_ptr_array_remove_fast (rows, row);
      if (rows->len == 0)
        g_hash_table_remove (self->rows, old_key);
    }

  if (new_key == NULL)
    {
      g_hash_table_remove (self->stale, row);
      return;
    }

  rows = g_hash_table_lookup (self->rows, new_key);
  if (rows == NULL)
    {
      rows = g_ptr_array_new ();
      g_hash_table_insert (self->rows, g_strdup (new_key), rows);
    }
  g_ptr_array_add (rows, row);
}

/* The icons a paste's rows bring on screen first: GTK 4.8 draws a
 * symbolic icon from its SVG the first time it is drawn, which took 40 M
 * of the 58 M instructions of the paste frame's paint (callgrind, main
 * thread). Once the list is shown, they are looked up as the rows' images
 * look them up and drawn once each at low priority, and kept, so that the
 * icon theme hands the rows the loaded ones (mr-account-editor.c does the
 * same for its own). "Available" is the next a paste brings. */
static const MrIconPreload row_icons[] = {
  { "content-loading-symbolic", 16, FALSE },
  { "user-trash-symbolic", 16, FALSE },
  { "object-select-symbolic", 16, FALSE },
};

static gboolean
preload_icon_cb (gpointer data)
{
  MrDomainList *self = data;

  g_ptr_array_add (self->preloaded,
                   mr_gui_preload_icon (GTK_WIDGET (self), &row_icons[self->preloaded->len]));
  if (self->preloaded->len < G_N_ELEMENTS (row_icons))
    return G_SOURCE_CONTINUE;

  self->preload_id = 0;
  return G_SOURCE_REMOVE;
}

static void
list_map_cb (MrDomainList *self)
{
  if (self->preloaded != NULL && self->preloaded->len == 0 && self->preload_id == 0)
    self->preload_id = g_idle_add_full (G_PRIORITY_LOW, preload_icon_cb, self, NULL);
}

void
_mr_domain_list_init_rows (MrDomainList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  self->stale = g_hash_table_new (NULL, NULL);
  self->range_frame = -1;
  self->preloaded = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (self, "map", G_CALLBACK (list_map_cb), NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
}

void
_mr_domain_list_dispose_rows (MrDomainList *self)
{
  g_clear_handle_id (&self->preload_id, g_source_remove);
  g_clear_pointer (&self->preloaded, g_ptr_array_unref);

  if (self->stale_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->stale_tick);
  self->stale_tick = 0;
  if (self->stale != NULL)
    g_hash_table_remove_all (self->stale);
}
