/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one policy for "429 Too Many Requests": wait as long as the
 * server's Retry-After says (at least a second, at most @max_ms); without
 * it, wait @first_ms, then twice as long after each further 429 in a row,
 * up to @max_ms. A success resets it. Embedded in its owner. */
typedef struct
{
  guint first_ms;
  guint max_ms;
  guint n_limited;    /* 429s in a row */
  guint last_ms;      /* the last wait without Retry-After, 0 after a reset */
} MrBackoff;

#define MR_BACKOFF_MIN_MS 1000

void   mr_backoff_init      (MrBackoff    *self,
                             guint         first_ms,
                             guint         max_ms);
/* the wait before asking again after @error (a MR_API_ERROR_RATE_LIMITED) */
guint  mr_backoff_next_ms   (MrBackoff    *self,
                             const GError *error);
/* the same, in whole seconds (rounded up) */
guint  mr_backoff_next_s    (MrBackoff    *self,
                             const GError *error);
void   mr_backoff_reset     (MrBackoff    *self);

G_END_DECLS
