/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-backoff"

#include "config.h"

#include "mr-backoff.h"

#include "mr-error.h"

void
mr_backoff_init (MrBackoff *self,
                 guint      first_ms,
                 guint      max_ms)
{
  g_return_if_fail (self != NULL);

  self->first_ms = MAX (first_ms, MR_BACKOFF_MIN_MS);
  self->max_ms = MAX (max_ms, self->first_ms);
  mr_backoff_reset (self);
}

guint
mr_backoff_next_ms (MrBackoff    *self,
                    const GError *error)
{
  gint retry_after;

  g_return_val_if_fail (self != NULL, MR_BACKOFF_MIN_MS);

  self->n_limited++;
  retry_after = error != NULL ? mr_api_error_get_retry_after (error) : -1;

  /* the server knows best, but "now" would only hammer it */
  if (retry_after >= 0)
    {
      self->last_ms = 0;
      return (guint) CLAMP ((gint64) retry_after * 1000, MR_BACKOFF_MIN_MS, (gint64) self->max_ms);
    }

  if (self->last_ms == 0)
    self->last_ms = self->first_ms;
  else
    self->last_ms = (guint) MIN ((guint64) self->last_ms * 2, (guint64) self->max_ms);

  return self->last_ms;
}

guint
mr_backoff_next_s (MrBackoff    *self,
                   const GError *error)
{
  return (mr_backoff_next_ms (self, error) + 999) / 1000;
}

void
mr_backoff_reset (MrBackoff *self)
{
  g_return_if_fail (self != NULL);

  self->n_limited = 0;
  self->last_ms = 0;
}
