/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-pager"

#include "config.h"

#include "mr-pager.h"

struct _MrPager
{
  guint        generation;
  char        *cursor;       /* next_starting_after of the last page */
  GHashTable  *cursors;      /* every cursor followed since the reset */
  GHashTable  *seen;         /* item keys */
  guint        n_pages;
  guint        max_pages;
  MrPagerStop  stop;
  guint        loading : 1;
};

MrPager *
mr_pager_new (void)
{
  MrPager *self = g_new0 (MrPager, 1);

  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->max_pages = MR_PAGER_DEFAULT_MAX_PAGES;

  return self;
}

void
mr_pager_free (MrPager *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->cursor, g_free);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->cursors, g_hash_table_unref);
  g_free (self);
}

void
mr_pager_reset (MrPager *self)
{
  g_return_if_fail (self != NULL);

  self->generation++;
  g_clear_pointer (&self->cursor, g_free);
  g_hash_table_remove_all (self->seen);
  g_hash_table_remove_all (self->cursors);
  self->n_pages = 0;
  self->loading = FALSE;
  self->stop = MR_PAGER_MORE;
}

void
mr_pager_set_max_pages (MrPager *self,
                        guint    max_pages)
{
  g_return_if_fail (self != NULL);

  self->max_pages = MAX (max_pages, 1);
}

gboolean
mr_pager_can_load (MrPager *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return !self->loading && self->stop == MR_PAGER_MORE;
}

gboolean
mr_pager_is_loading (MrPager *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->loading;
}

gboolean
mr_pager_is_done (MrPager *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->stop != MR_PAGER_MORE;
}

MrPagerStop
mr_pager_get_stop (MrPager *self)
{
  g_return_val_if_fail (self != NULL, MR_PAGER_MORE);

  return self->stop;
}

gboolean
mr_pager_stopped_early (MrPager *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->stop == MR_PAGER_REPEATED_CURSOR || self->stop == MR_PAGER_PAGE_CAP;
}

guint
mr_pager_get_n_pages (MrPager *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_pages;
}

const char *
mr_pager_get_cursor (MrPager *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stop == MR_PAGER_MORE ? self->cursor : NULL;
}

guint
mr_pager_begin (MrPager     *self,
                const char **cursor)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (cursor != NULL, 0);

  self->loading = TRUE;
  *cursor = self->cursor;

  return self->generation;
}

gboolean
mr_pager_finish (MrPager      *self,
                 guint         generation,
                 const MrPage *page)
{
  const char *next;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (page != NULL, FALSE);

  if (generation != self->generation || !self->loading)
    return FALSE;

  self->loading = FALSE;
  self->n_pages++;
  next = page->next_starting_after;

  if (next == NULL || *next == '\0' || page->items == NULL || page->items->len == 0)
    self->stop = MR_PAGER_END;
  else if (g_strcmp0 (next, self->cursor) == 0 || g_hash_table_contains (self->cursors, next))
    self->stop = MR_PAGER_REPEATED_CURSOR;
  else if (self->n_pages >= self->max_pages)
    self->stop = MR_PAGER_PAGE_CAP;

  if (self->stop != MR_PAGER_MORE)
    {
      if (self->stop != MR_PAGER_END)
        g_debug ("Stopped paging after %u pages: %s", self->n_pages,
                 self->stop == MR_PAGER_PAGE_CAP ? "page cap" : "repeated cursor");
      return TRUE;
    }

  g_hash_table_add (self->cursors, g_strdup (next));
  g_free (self->cursor);
  self->cursor = g_strdup (next);

  return TRUE;
}

gboolean
mr_pager_fail (MrPager *self,
               guint    generation)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (generation != self->generation || !self->loading)
    return FALSE;

  self->loading = FALSE;

  return TRUE;
}

gboolean
mr_pager_mark_seen (MrPager    *self,
                    const char *key)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (g_hash_table_contains (self->seen, key))
    return FALSE;

  g_hash_table_add (self->seen, g_strdup (key));

  return TRUE;
}
