/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-page-loader"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-page-loader.h"

#define FIRST_BACKOFF 5
#define LAST_BACKOFF  60

void
mr_page_loader_init (MrPageLoader  *self,
                     gpointer       owner,
                     void         (*load)    (gpointer owner),
                     void         (*changed) (gpointer owner))
{
  self->owner = owner;
  self->load = load;
  self->changed = changed;
  self->pager = mr_pager_new ();
  mr_backoff_init (&self->backoff, FIRST_BACKOFF * 1000, LAST_BACKOFF * 1000);
}

void
mr_page_loader_stop (MrPageLoader *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->n_rate_limited = 0;
  mr_backoff_reset (&self->backoff);
  g_clear_pointer (&self->error, g_free);
  if (self->pager != NULL)
    mr_pager_reset (self->pager);
}

void
mr_page_loader_reset (MrPageLoader *self)
{
  mr_page_loader_stop (self);
  self->cancellable = g_cancellable_new ();
}

void
mr_page_loader_clear (MrPageLoader *self)
{
  mr_page_loader_stop (self);
  g_clear_pointer (&self->pager, mr_pager_free);
}

gboolean
mr_page_loader_is_active (MrPageLoader *self)
{
  return mr_pager_is_loading (self->pager) || self->retry_id != 0;
}

char *
mr_page_loader_describe_wait (MrPageLoader *self)
{
  if (self->retry_id == 0)
    return NULL;

  return g_strdup_printf (ngettext ("Instantly is receiving too many requests. "
                                    "Trying again in %u second…",
                                    "Instantly is receiving too many requests. "
                                    "Trying again in %u seconds…",
                                    self->retry_remaining),
                          self->retry_remaining);
}

guint
mr_page_loader_begin (MrPageLoader  *self,
                      const char   **cursor)
{
  g_clear_pointer (&self->error, g_free);

  return mr_pager_begin (self->pager, cursor);
}

gboolean
mr_page_loader_finish (MrPageLoader *self,
                       guint         generation,
                       const MrPage *page)
{
  if (!mr_pager_finish (self->pager, generation, page))
    return FALSE;

  self->n_rate_limited = 0;
  mr_backoff_reset (&self->backoff);

  return TRUE;
}

static gboolean
retry_tick_cb (gpointer user_data)
{
  MrPageLoader *self = user_data;

  if (self->retry_remaining > 1)
    {
      self->retry_remaining--;
      self->changed (self->owner);
      return G_SOURCE_CONTINUE;
    }

  self->retry_id = 0;
  self->retry_remaining = 0;
  self->load (self->owner);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (MrPageLoader *self,
                const GError *error)
{
  guint wait;

  /* the one 429 policy, here in seconds for the countdown */
  self->backoff.max_ms = MAX (self->max_retry_wait, 1) * 1000;
  self->backoff.first_ms = MIN ((guint) FIRST_BACKOFF * 1000, self->backoff.max_ms);
  wait = mr_backoff_next_s (&self->backoff, error);
  self->n_rate_limited = self->backoff.n_limited;
  wait = CLAMP (wait, 1, MAX (self->max_retry_wait, 1));

  g_debug ("rate limited, retrying in %u s", wait);

  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_remaining = wait;
  self->retry_id = g_timeout_add (1000, retry_tick_cb, self);
}

gboolean
mr_page_loader_fail (MrPageLoader *self,
                     guint         generation,
                     const GError *error)
{
  if (!mr_pager_fail (self->pager, generation))
    return FALSE;

  if (g_error_matches (error, MR_API_ERROR, MR_API_ERROR_RATE_LIMITED))
    {
      schedule_retry (self, error);
    }
  else
    {
      g_clear_pointer (&self->error, g_free);
      self->error = mr_api_error_describe (error);
    }

  return TRUE;
}

MrPageRequest *
mr_page_request_new (gpointer owner,
                     guint    generation)
{
  MrPageRequest *request = g_new0 (MrPageRequest, 1);

  request->owner = g_object_ref (owner);
  request->generation = generation;

  return request;
}

void
mr_page_request_free (MrPageRequest *request)
{
  g_clear_object (&request->owner);
  g_free (request);
}
