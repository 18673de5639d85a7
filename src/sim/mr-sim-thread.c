/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-sim-thread"

#include "config.h"

#include "mr-sim-thread.h"

/* GLib's mutexes and main contexts wait on futexes, which ThreadSanitizer
 * does not see: it is told where this file's mutex is held and where a
 * call is handed to the server's thread, so that a -Db_sanitize=thread
 * build reports only real races here */
#if defined(__SANITIZE_THREAD__)
# define MR_TSAN 1
#elif defined(__has_feature)
# if __has_feature(thread_sanitizer)
#  define MR_TSAN 1
# endif
#endif

#ifdef MR_TSAN
# include <sanitizer/tsan_interface.h>
# define HAND_OVER(p) __tsan_release (p)
# define TAKE_OVER(p) __tsan_acquire (p)
#else
# define HAND_OVER(p) ((void) (p))
# define TAKE_OVER(p) ((void) (p))
#endif

struct _MrSimThread
{
  GObject          parent_instance;

  /* owned by the thread that made the object */
  GThread         *thread;         /* NULL once stopped */
  GMainContext    *context;        /* the server's */
  GMainLoop       *loop;
  char            *url;

  /* on the server's thread while it runs; after that, the caller's */
  MrSimServer     *server;

  /* what the thread starts with, read only on it */
  char            *pricing_file;
  MrSimThreadFunc  setup;
  gpointer         setup_data;
  char            *host;
  guint            port;

  /* under mutex: the start and each call */
  GMutex           mutex;
  GCond            cond;
  gboolean         started;
  GError          *error;
};

G_DEFINE_FINAL_TYPE (MrSimThread, mr_sim_thread, G_TYPE_OBJECT)

typedef struct
{
  MrSimThread     *self;
  MrSimThreadFunc  func;
  gpointer         user_data;
  gboolean         done;           /* under self->mutex */
} Call;

static void
lock (MrSimThread *self)
{
  g_mutex_lock (&self->mutex);
  TAKE_OVER (&self->mutex);
}

static void
unlock (MrSimThread *self)
{
  HAND_OVER (&self->mutex);
  g_mutex_unlock (&self->mutex);
}

static void
cond_wait (MrSimThread *self)
{
  HAND_OVER (&self->mutex);
  g_cond_wait (&self->cond, &self->mutex);
  TAKE_OVER (&self->mutex);
}

static gpointer
thread_main (gpointer data)
{
  MrSimThread *self = data;   /* kept alive by the caller until joined */
  g_autoptr(MrSimServer) server = NULL;
  g_autoptr(GError) error = NULL;
  gboolean listening;

  g_main_context_push_thread_default (self->context);

  server = mr_sim_server_new (self->pricing_file, &error);
  if (server != NULL && self->setup != NULL)
    self->setup (server, self->setup_data);
  if (server != NULL && !mr_sim_server_listen (server, self->host, self->port, &error))
    g_clear_object (&server);

  listening = server != NULL;

  lock (self);
  if (server != NULL)
    {
      self->url = g_strdup (mr_sim_server_get_url (server));
      self->server = g_steal_pointer (&server);
    }
  else
    self->error = g_steal_pointer (&error);
  self->started = TRUE;
  g_cond_broadcast (&self->cond);
  unlock (self);

  if (listening)
    {
      g_main_loop_run (self->loop);

      /* stopped: close the connections here, and let what that queues on
       * the context run, so nothing is left holding them */
      mr_sim_server_disconnect (self->server);
      for (guint i = 0; i < 100 && g_main_context_iteration (self->context, FALSE); i++)
        ;
    }

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static gboolean
call_cb (gpointer user_data)
{
  Call *call = user_data;
  MrSimThread *self;

  TAKE_OVER (call);
  self = call->self;
  call->func (self->server, call->user_data);

  lock (self);
  call->done = TRUE;
  g_cond_broadcast (&self->cond);
  unlock (self);

  return G_SOURCE_REMOVE;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_REMOVE;
}

static void
mr_sim_thread_dispose (GObject *object)
{
  mr_sim_thread_stop (MR_SIM_THREAD (object));

  G_OBJECT_CLASS (mr_sim_thread_parent_class)->dispose (object);
}

static void
mr_sim_thread_finalize (GObject *object)
{
  MrSimThread *self = MR_SIM_THREAD (object);

  g_clear_object (&self->server);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_free (self->url);
  g_free (self->pricing_file);
  g_free (self->host);
  g_clear_error (&self->error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (mr_sim_thread_parent_class)->finalize (object);
}

static void
mr_sim_thread_class_init (MrSimThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_sim_thread_dispose;
  object_class->finalize = mr_sim_thread_finalize;
}

static void
mr_sim_thread_init (MrSimThread *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
}

MrSimThread *
mr_sim_thread_new (const char       *pricing_file,
                   MrSimThreadFunc   setup,
                   gpointer          setup_data,
                   const char       *host,
                   guint             port,
                   GError          **error)
{
  g_autoptr(MrSimThread) self = NULL;
  g_autoptr(GThread) thread = NULL;

  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MR_TYPE_SIM_THREAD, NULL);
  self->pricing_file = g_strdup (pricing_file);
  self->setup = setup;
  self->setup_data = setup_data;
  self->host = g_strdup (host);
  self->port = port;

  thread = g_thread_try_new ("mr-sim", thread_main, self, error);
  if (thread == NULL)
    return NULL;

  lock (self);
  while (!self->started)
    cond_wait (self);
  unlock (self);

  if (self->error != NULL)
    {
      g_thread_join (g_steal_pointer (&thread));
      g_propagate_error (error, g_steal_pointer (&self->error));
      return NULL;
    }

  self->thread = g_steal_pointer (&thread);

  return g_steal_pointer (&self);
}

const char *
mr_sim_thread_get_url (MrSimThread *self)
{
  g_return_val_if_fail (MR_IS_SIM_THREAD (self), NULL);

  return self->url;
}

void
mr_sim_thread_call (MrSimThread     *self,
                    MrSimThreadFunc  func,
                    gpointer         user_data)
{
  Call call = { self, func, user_data, FALSE };
  GSource *source;

  g_return_if_fail (MR_IS_SIM_THREAD (self));
  g_return_if_fail (func != NULL);

  /* stopped (and joined): nothing else touches the server any more */
  if (self->thread == NULL || self->thread == g_thread_self ())
    {
      func (self->server, user_data);
      return;
    }

  HAND_OVER (&call);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, call_cb, &call, NULL);
  g_source_set_static_name (source, "[mailroom] sim thread call");
  g_source_attach (source, self->context);
  g_source_unref (source);

  lock (self);
  while (!call.done)
    cond_wait (self);
  unlock (self);
}

void
mr_sim_thread_stop (MrSimThread *self)
{
  GSource *source;

  g_return_if_fail (MR_IS_SIM_THREAD (self));

  if (self->thread == NULL)
    return;

  /* a source rather than g_main_loop_quit() from here: a quit before the
   * thread's loop runs would be lost */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, quit_cb, g_main_loop_ref (self->loop),
                         (GDestroyNotify) g_main_loop_unref);
  g_source_set_static_name (source, "[mailroom] sim thread stop");
  g_source_attach (source, self->context);
  g_source_unref (source);

  g_thread_join (g_steal_pointer (&self->thread));
}

static void
dup_pricing_cb (MrSimServer *server,
                gpointer     user_data)
{
  MrSimPricing **out = user_data;

  *out = mr_sim_pricing_copy (mr_sim_server_get_pricing (server));
}

MrSimPricing *
mr_sim_thread_dup_pricing (MrSimThread *self)
{
  MrSimPricing *pricing = NULL;

  g_return_val_if_fail (MR_IS_SIM_THREAD (self), NULL);

  mr_sim_thread_call (self, dup_pricing_cb, &pricing);

  return pricing;
}

static void
set_pricing_cb (MrSimServer *server,
                gpointer     user_data)
{
  mr_sim_server_set_pricing (server, user_data);
}

void
mr_sim_thread_set_pricing (MrSimThread        *self,
                           const MrSimPricing *pricing)
{
  g_return_if_fail (MR_IS_SIM_THREAD (self));
  g_return_if_fail (pricing != NULL);

  mr_sim_thread_call (self, set_pricing_cb, (gpointer) pricing);
}

static void
reset_state_cb (MrSimServer *server,
                gpointer     user_data)
{
  mr_sim_server_reset_state (server);
}

void
mr_sim_thread_reset_state (MrSimThread *self)
{
  g_return_if_fail (MR_IS_SIM_THREAD (self));

  mr_sim_thread_call (self, reset_state_cb, NULL);
}
