/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mr-records.h"

G_BEGIN_DECLS

/* Cursor pagination, the one way every list is read: one request at a
 * time, the server's cursor passed back unchanged, replies of an older
 * generation (before a reset) ignored, every item accepted once. It stops
 * at the last page, at any cursor it has seen before (A, B, A cycles too)
 * and at a page cap, and says why it stopped. */
typedef struct _MrPager MrPager;

typedef enum
{
  MR_PAGER_MORE,              /* not done: there is a next page */
  MR_PAGER_END,               /* the server said it was the last page */
  MR_PAGER_REPEATED_CURSOR,   /* the server sent a cursor already followed */
  MR_PAGER_PAGE_CAP,          /* the page cap was reached */
} MrPagerStop;

#define MR_PAGER_DEFAULT_MAX_PAGES 1000

MrPager    *mr_pager_new            (void);
void        mr_pager_free           (MrPager       *self);
/* Forgets everything; replies to earlier requests are no longer current. */
void        mr_pager_reset          (MrPager       *self);
void        mr_pager_set_max_pages  (MrPager       *self,
                                     guint          max_pages);
/* TRUE when no request runs and the last page has not been seen. */
gboolean    mr_pager_can_load       (MrPager       *self);
gboolean    mr_pager_is_loading     (MrPager       *self);
gboolean    mr_pager_is_done        (MrPager       *self);
/* why it is done (MR_PAGER_MORE while it is not) */
MrPagerStop mr_pager_get_stop       (MrPager       *self);
/* done, but not because the server said it was the last page: the list
 * may be longer than what was read */
gboolean    mr_pager_stopped_early  (MrPager       *self);
guint       mr_pager_get_n_pages    (MrPager       *self);
/* the cursor for the next page (NULL: the first, or done) */
const char *mr_pager_get_cursor     (MrPager       *self);
/* Marks a request as running; *@cursor is NULL for the first page. Returns
 * the generation to hand back to finish or fail. */
guint       mr_pager_begin          (MrPager       *self,
                                     const char   **cursor);
/* FALSE (and nothing changes) when @generation is not the current one.
 * Takes the page's next_starting_after as it is; a page that is empty,
 * has no cursor, names a cursor seen before, or reaches the cap ends the
 * list. */
gboolean    mr_pager_finish         (MrPager       *self,
                                     guint          generation,
                                     const MrPage  *page);
/* The request failed: the same cursor is asked for again next time. */
gboolean    mr_pager_fail           (MrPager       *self,
                                     guint          generation);
/* TRUE the first time @key is seen since the last reset. */
gboolean    mr_pager_mark_seen      (MrPager       *self,
                                     const char    *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrPager, mr_pager_free)

G_END_DECLS
