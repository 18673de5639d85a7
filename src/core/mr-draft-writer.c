/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-draft-writer"

#include "config.h"

#include "mr-draft-store.h"
#include "mr-draft-writer.h"

struct _MrDraftWriter
{
  GObject  parent_instance;

  char    *path;

  /* the worker and the owner's thread share these */
  GMutex   lock;
  GCond    idle_cond;      /* signalled when the worker stops */
  GBytes  *queued;         /* owned, nullable: the newest snapshot not yet taken */
  guint64  queued_serial;  /* its number: each queued snapshot gets the next */
  guint64  written_serial; /* the newest snapshot that is on disk */
  guint    n_written;
  gboolean running;        /* a worker task runs (it takes what is queued) */
};

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MrDraftWriter, mr_draft_writer, G_TYPE_OBJECT)

/* the serial of the snapshot a failed run ended with */
typedef struct
{
  guint64 serial;
} RunResult;

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MrDraftWriter *self = source_object;
  RunResult *result = task_data;
  g_autoptr(GError) last_error = NULL;

  for (;;)
    {
      g_autoptr(GBytes) contents = NULL;
      g_autoptr(GError) error = NULL;
      guint64 serial;
      gboolean ok;

      g_mutex_lock (&self->lock);
      contents = g_steal_pointer (&self->queued);
      serial = self->queued_serial;
      if (contents == NULL)
        {
          self->running = FALSE;
          g_cond_broadcast (&self->idle_cond);
          g_mutex_unlock (&self->lock);
          break;
        }
      g_mutex_unlock (&self->lock);

      ok = mr_draft_store_write (self->path, contents, &error);

      g_mutex_lock (&self->lock);
      if (ok)
        {
          self->n_written++;
          self->written_serial = MAX (self->written_serial, serial);
        }
      g_mutex_unlock (&self->lock);

      g_clear_error (&last_error);
      if (!ok)
        {
          last_error = g_steal_pointer (&error);
          result->serial = serial;
        }
    }

  if (last_error != NULL)
    g_task_return_error (task, g_steal_pointer (&last_error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  MrDraftWriter *self = MR_DRAFT_WRITER (source);
  RunResult *result = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  gboolean superseded;

  if (g_task_propagate_boolean (G_TASK (res), &error))
    return;

  /* a newer snapshot that was written since says more than this failure */
  g_mutex_lock (&self->lock);
  superseded = self->written_serial > result->serial;
  g_mutex_unlock (&self->lock);

  if (!superseded)
    g_signal_emit (self, signals[FAILED], 0, error);
}

static void
mr_draft_writer_finalize (GObject *object)
{
  MrDraftWriter *self = MR_DRAFT_WRITER (object);

  /* a running worker holds a reference: it has stopped by now */
  g_clear_pointer (&self->queued, g_bytes_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->idle_cond);

  G_OBJECT_CLASS (mr_draft_writer_parent_class)->finalize (object);
}

static void
mr_draft_writer_class_init (MrDraftWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mr_draft_writer_finalize;

  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mr_draft_writer_init (MrDraftWriter *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->idle_cond);
}

MrDraftWriter *
mr_draft_writer_new (const char *path)
{
  MrDraftWriter *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (MR_TYPE_DRAFT_WRITER, NULL);
  self->path = g_strdup (path);

  return self;
}

void
mr_draft_writer_queue (MrDraftWriter *self,
                       GBytes        *contents)
{
  gboolean start;

  g_return_if_fail (MR_IS_DRAFT_WRITER (self));
  g_return_if_fail (contents != NULL);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->queued, g_bytes_unref);
  self->queued = g_bytes_ref (contents);
  self->queued_serial++;
  start = !self->running;
  self->running = TRUE;
  g_mutex_unlock (&self->lock);

  /* a running worker takes the snapshot when its write is done */
  if (start)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, write_done_cb, NULL);

      g_task_set_source_tag (task, mr_draft_writer_queue);
      g_task_set_task_data (task, g_new0 (RunResult, 1), g_free);
      g_task_run_in_thread (task, write_thread);
    }
}

static void
wait_locked (MrDraftWriter *self)
{
  while (self->running)
    g_cond_wait (&self->idle_cond, &self->lock);
}

void
mr_draft_writer_wait (MrDraftWriter *self)
{
  g_return_if_fail (MR_IS_DRAFT_WRITER (self));

  g_mutex_lock (&self->lock);
  wait_locked (self);
  g_mutex_unlock (&self->lock);
}

gboolean
mr_draft_writer_write_now (MrDraftWriter  *self,
                           GBytes         *contents,
                           GError        **error)
{
  guint64 serial;

  g_return_val_if_fail (MR_IS_DRAFT_WRITER (self), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  /* what waits is older than @contents; what runs must land first */
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->queued, g_bytes_unref);
  serial = ++self->queued_serial;
  wait_locked (self);
  g_mutex_unlock (&self->lock);

  if (!mr_draft_store_write (self->path, contents, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  self->n_written++;
  self->written_serial = MAX (self->written_serial, serial);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

gboolean
mr_draft_writer_get_busy (MrDraftWriter *self)
{
  gboolean busy;

  g_return_val_if_fail (MR_IS_DRAFT_WRITER (self), FALSE);

  g_mutex_lock (&self->lock);
  busy = self->running || self->queued != NULL;
  g_mutex_unlock (&self->lock);

  return busy;
}

guint
mr_draft_writer_get_n_written (MrDraftWriter *self)
{
  guint n;

  g_return_val_if_fail (MR_IS_DRAFT_WRITER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->n_written;
  g_mutex_unlock (&self->lock);

  return n;
}
