/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-domain-checker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mr-domain-checker.h"

#include "mr-backoff.h"
#include "mr-domain-name.h"

#define MAX_BATCH            50
#define DEFAULT_BATCH_DELAY  150
#define DEFAULT_CACHE_TTL    600
#define DEFAULT_MAX_CALLS    30
#define DEFAULT_RATE_WINDOW  60000
#define MIN_BACKOFF_MS       1000

typedef struct
{
  MrDomainStatus  status;
  char           *detail;
  gint64          expires_at;  /* monotonic µs; 0: does not expire */
} Entry;

typedef struct
{
  GPtrArray *domains;          /* normalised names */
} Batch;

struct _MrDomainChecker
{
  GObject       parent_instance;

  MrApiClient  *client;
  GHashTable   *entries;       /* normalised name -> Entry */
  GQueue        pending;       /* normalised names, owned */
  GQueue        call_times;    /* gint64 monotonic µs, as pointers to gint64 */
  GCancellable *cancellable;   /* of the call in flight */
  Batch        *in_flight;

  guint         batch_delay;
  guint         cache_ttl;
  guint         max_calls;
  guint         rate_window;

  guint         flush_id;
  gint64        blocked_until; /* after a 429, monotonic µs */
  MrBackoff     backoff;
  guint         n_calls;
};

enum {
  PROP_0,
  PROP_BATCH_DELAY,
  PROP_CACHE_TTL,
  PROP_MAX_CALLS,
  PROP_RATE_WINDOW,
  N_PROPS
};

enum {
  STATUS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ENUM_TYPE (MrDomainStatus, mr_domain_status,
  G_DEFINE_ENUM_VALUE (MR_DOMAIN_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (MR_DOMAIN_STATUS_CHECKING, "checking"),
  G_DEFINE_ENUM_VALUE (MR_DOMAIN_STATUS_AVAILABLE, "available"),
  G_DEFINE_ENUM_VALUE (MR_DOMAIN_STATUS_UNAVAILABLE, "unavailable"),
  G_DEFINE_ENUM_VALUE (MR_DOMAIN_STATUS_RESTRICTED, "restricted"),
  G_DEFINE_ENUM_VALUE (MR_DOMAIN_STATUS_INVALID, "invalid"),
  G_DEFINE_ENUM_VALUE (MR_DOMAIN_STATUS_ERROR, "error"))

G_DEFINE_FINAL_TYPE (MrDomainChecker, mr_domain_checker, G_TYPE_OBJECT)

static void flush_pending (MrDomainChecker *self);

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->detail);
  g_free (entry);
}

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->domains);
  g_free (batch);
}

/* Returns the key (the normalised name, or the cleaned text when it does
 * not normalise) and whether the domain may be sent. */
static char *
make_key (const char  *input,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *key;

  key = mr_domain_name_normalize_dfy (input, &local_error);
  if (key != NULL)
    return key;

  key = mr_domain_key (input);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return key;
}

static gboolean
entry_is_final (Entry *entry)
{
  switch (entry->status)
    {
    case MR_DOMAIN_STATUS_AVAILABLE:
    case MR_DOMAIN_STATUS_UNAVAILABLE:
    case MR_DOMAIN_STATUS_RESTRICTED:
    case MR_DOMAIN_STATUS_INVALID:
      return TRUE;

    case MR_DOMAIN_STATUS_UNKNOWN:
    case MR_DOMAIN_STATUS_CHECKING:
    case MR_DOMAIN_STATUS_ERROR:
    default:
      return FALSE;
    }
}

static gboolean
entry_is_expired (Entry  *entry,
                  gint64  now)
{
  return entry->expires_at != 0 && now >= entry->expires_at;
}

static void
set_status (MrDomainChecker *self,
            const char      *key,
            MrDomainStatus   status,
            const char      *detail,
            gint64           expires_at)
{
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      g_hash_table_insert (self->entries, g_strdup (key), entry);
    }
  else if (entry->status == status && g_strcmp0 (entry->detail, detail) == 0)
    {
      entry->expires_at = expires_at;
      return;
    }

  entry->status = status;
  entry->expires_at = expires_at;
  g_free (entry->detail);
  entry->detail = g_strdup (detail);

  g_signal_emit (self, signals[STATUS_CHANGED], 0, key, status);
}

static void
prune_call_times (MrDomainChecker *self,
                  gint64           now)
{
  gint64 window = (gint64) self->rate_window * 1000;

  while (!g_queue_is_empty (&self->call_times))
    {
      gint64 *t = g_queue_peek_head (&self->call_times);

      if (now - *t < window)
        break;

      g_free (g_queue_pop_head (&self->call_times));
    }
}

static gboolean
flush_cb (gpointer user_data)
{
  MrDomainChecker *self = user_data;

  self->flush_id = 0;
  flush_pending (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_flush (MrDomainChecker *self,
                guint            delay_ms)
{
  if (self->flush_id != 0)
    return;

  self->flush_id = g_timeout_add (delay_ms, flush_cb, self);
}

static void
requeue_front (MrDomainChecker *self,
               GPtrArray       *domains)
{
  for (guint i = domains->len; i > 0; i--)
    g_queue_push_head (&self->pending, g_strdup (g_ptr_array_index (domains, i - 1)));
}

static void
check_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  MrDomainChecker *self;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) answered = NULL;
  Batch *batch;
  gint64 now;

  results = mr_api_client_check_domains_finish (MR_API_CLIENT (source), result, &error);

  /* Cancelled: the checker is gone or has moved the batch back to the queue. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MR_DOMAIN_CHECKER (user_data);
  batch = g_steal_pointer (&self->in_flight);
  g_clear_object (&self->cancellable);
  g_object_ref (self);

  now = g_get_monotonic_time ();

  if (g_error_matches (error, MR_API_ERROR, MR_API_ERROR_RATE_LIMITED))
    {
      guint wait_ms;

      /* the one 429 policy; doubling up to the rate window */
      self->backoff.max_ms = MAX (self->rate_window, self->backoff.first_ms);
      wait_ms = mr_backoff_next_ms (&self->backoff, error);

      g_debug ("Rate limited by the server; retrying %u domains in %u ms",
               batch->domains->len, wait_ms);
      requeue_front (self, batch->domains);
      self->blocked_until = now + (gint64) wait_ms * 1000;
      batch_free (batch);
      flush_pending (self);
      g_object_unref (self);
      return;
    }

  mr_backoff_reset (&self->backoff);

  if (results == NULL)
    {
      for (guint i = 0; i < batch->domains->len; i++)
        set_status (self, g_ptr_array_index (batch->domains, i),
                    MR_DOMAIN_STATUS_ERROR, error->message, 0);
    }
  else
    {
      gint64 expires_at = now + (gint64) self->cache_ttl * G_USEC_PER_SEC;

      answered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < results->len; i++)
        {
          MrDomainAvailability *availability = g_ptr_array_index (results, i);
          g_autofree char *key = NULL;
          MrDomainStatus status;
          const char *detail = NULL;

          if (availability->domain == NULL)
            continue;

          key = mr_domain_key (availability->domain);

          switch (availability->availability)
            {
            case MR_AVAILABILITY_AVAILABLE:
              status = MR_DOMAIN_STATUS_AVAILABLE;
              break;

            case MR_AVAILABILITY_RESTRICTED:
              status = MR_DOMAIN_STATUS_RESTRICTED;
              detail = availability->restricted_keyword;
              break;

            case MR_AVAILABILITY_UNAVAILABLE:
            default:
              status = MR_DOMAIN_STATUS_UNAVAILABLE;
              break;
            }

          if (!g_ptr_array_find_with_equal_func (batch->domains, key, g_str_equal, NULL))
            continue;

          set_status (self, key, status, detail, expires_at);
          g_hash_table_add (answered, g_steal_pointer (&key));
        }

      for (guint i = 0; i < batch->domains->len; i++)
        {
          const char *key = g_ptr_array_index (batch->domains, i);

          if (!g_hash_table_contains (answered, key))
            set_status (self, key, MR_DOMAIN_STATUS_ERROR,
                        _("The server did not report on this domain."), 0);
        }
    }

  batch_free (batch);

  if (!g_queue_is_empty (&self->pending))
    flush_pending (self);

  g_object_unref (self);
}

static void
flush_pending (MrDomainChecker *self)
{
  g_autoptr(GPtrArray) domains = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) names = NULL;
  gint64 now;
  gint64 *stamp;

  if (self->in_flight != NULL || g_queue_is_empty (&self->pending))
    return;

  if (self->client == NULL)
    return;

  now = g_get_monotonic_time ();

  if (self->blocked_until > now)
    {
      schedule_flush (self, (guint) ((self->blocked_until - now + 999) / 1000));
      return;
    }

  prune_call_times (self, now);
  if (self->max_calls > 0 && g_queue_get_length (&self->call_times) >= self->max_calls)
    {
      gint64 *oldest = g_queue_peek_head (&self->call_times);
      gint64 wait = *oldest + (gint64) self->rate_window * 1000 - now;

      g_debug ("Call budget used up; waiting %" G_GINT64_FORMAT " ms", wait / 1000);
      schedule_flush (self, (guint) MAX (1, (wait + 999) / 1000));
      return;
    }

  domains = g_ptr_array_new_with_free_func (g_free);
  while (domains->len < MAX_BATCH && !g_queue_is_empty (&self->pending))
    {
      char *key = g_queue_pop_head (&self->pending);
      Entry *entry = g_hash_table_lookup (self->entries, key);

      /* forgotten meanwhile (invalidate) or already answered */
      if (entry == NULL || entry->status != MR_DOMAIN_STATUS_CHECKING ||
          g_ptr_array_find_with_equal_func (domains, key, g_str_equal, NULL))
        {
          g_free (key);
          continue;
        }

      g_ptr_array_add (domains, key);
    }

  if (domains->len == 0)
    return;

  stamp = g_new (gint64, 1);
  *stamp = now;
  g_queue_push_tail (&self->call_times, stamp);
  self->n_calls++;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < domains->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (domains, i));
  names = g_strv_builder_end (builder);

  self->in_flight = g_new0 (Batch, 1);
  self->in_flight->domains = g_steal_pointer (&domains);
  self->cancellable = g_cancellable_new ();

  mr_api_client_check_domains_async (self->client,
                                     (const char * const *) names,
                                     self->cancellable,
                                     check_cb,
                                     self);
}

static void
abort_in_flight (MrDomainChecker *self,
                 gboolean         requeue)
{
  Batch *batch = g_steal_pointer (&self->in_flight);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  if (batch == NULL)
    return;

  if (requeue)
    requeue_front (self, batch->domains);
  batch_free (batch);
}

static void
mr_domain_checker_dispose (GObject *object)
{
  MrDomainChecker *self = (MrDomainChecker *)object;

  g_clear_handle_id (&self->flush_id, g_source_remove);
  abort_in_flight (self, FALSE);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (mr_domain_checker_parent_class)->dispose (object);
}

static void
mr_domain_checker_finalize (GObject *object)
{
  MrDomainChecker *self = (MrDomainChecker *)object;

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_queue_clear_full (&self->pending, g_free);
  g_queue_clear_full (&self->call_times, g_free);

  G_OBJECT_CLASS (mr_domain_checker_parent_class)->finalize (object);
}

static void
mr_domain_checker_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MrDomainChecker *self = MR_DOMAIN_CHECKER (object);

  switch (prop_id)
    {
    case PROP_BATCH_DELAY:
      g_value_set_uint (value, self->batch_delay);
      break;

    case PROP_CACHE_TTL:
      g_value_set_uint (value, self->cache_ttl);
      break;

    case PROP_MAX_CALLS:
      g_value_set_uint (value, self->max_calls);
      break;

    case PROP_RATE_WINDOW:
      g_value_set_uint (value, self->rate_window);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint_prop (MrDomainChecker *self,
               guint           *field,
               guint            value,
               guint            prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
mr_domain_checker_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MrDomainChecker *self = MR_DOMAIN_CHECKER (object);

  switch (prop_id)
    {
    case PROP_BATCH_DELAY:
      set_uint_prop (self, &self->batch_delay, g_value_get_uint (value), prop_id);
      break;

    case PROP_CACHE_TTL:
      set_uint_prop (self, &self->cache_ttl, g_value_get_uint (value), prop_id);
      break;

    case PROP_MAX_CALLS:
      set_uint_prop (self, &self->max_calls, g_value_get_uint (value), prop_id);
      break;

    case PROP_RATE_WINDOW:
      set_uint_prop (self, &self->rate_window, g_value_get_uint (value), prop_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_domain_checker_class_init (MrDomainCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_domain_checker_dispose;
  object_class->finalize = mr_domain_checker_finalize;
  object_class->get_property = mr_domain_checker_get_property;
  object_class->set_property = mr_domain_checker_set_property;

  properties[PROP_BATCH_DELAY] =
    g_param_spec_uint ("batch-delay", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_BATCH_DELAY,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CACHE_TTL] =
    g_param_spec_uint ("cache-ttl", NULL, NULL,
                       0, G_MAXUINT / 2, DEFAULT_CACHE_TTL,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MAX_CALLS] =
    g_param_spec_uint ("max-calls", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_MAX_CALLS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RATE_WINDOW] =
    g_param_spec_uint ("rate-window", NULL, NULL,
                       1, G_MAXUINT / 2, DEFAULT_RATE_WINDOW,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STATUS_CHANGED] =
    g_signal_new ("status-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, MR_TYPE_DOMAIN_STATUS);
}

static void
mr_domain_checker_init (MrDomainChecker *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  g_queue_init (&self->pending);
  g_queue_init (&self->call_times);
  self->batch_delay = DEFAULT_BATCH_DELAY;
  self->cache_ttl = DEFAULT_CACHE_TTL;
  self->max_calls = DEFAULT_MAX_CALLS;
  self->rate_window = DEFAULT_RATE_WINDOW;
  mr_backoff_init (&self->backoff, MIN_BACKOFF_MS, DEFAULT_RATE_WINDOW);
}

MrDomainChecker *
mr_domain_checker_new (MrApiClient *client)
{
  MrDomainChecker *self;

  g_return_val_if_fail (!client || MR_IS_API_CLIENT (client), NULL);

  self = g_object_new (MR_TYPE_DOMAIN_CHECKER, NULL);
  g_set_object (&self->client, client);

  return self;
}

void
mr_domain_checker_request (MrDomainChecker *self,
                           const char      *domain)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  Entry *entry;

  g_return_if_fail (MR_IS_DOMAIN_CHECKER (self));
  g_return_if_fail (domain != NULL);

  key = make_key (domain, &error);
  if (error != NULL)
    {
      set_status (self, key, MR_DOMAIN_STATUS_INVALID, error->message, 0);
      return;
    }

  entry = g_hash_table_lookup (self->entries, key);
  if (entry != NULL)
    {
      if (entry->status == MR_DOMAIN_STATUS_CHECKING)
        return;

      if (entry_is_final (entry) && !entry_is_expired (entry, g_get_monotonic_time ()))
        return;
    }

  set_status (self, key, MR_DOMAIN_STATUS_CHECKING, NULL, 0);
  g_queue_push_tail (&self->pending, g_steal_pointer (&key));

  if (self->in_flight == NULL)
    schedule_flush (self, self->batch_delay);
}

MrDomainStatus
mr_domain_checker_lookup (MrDomainChecker  *self,
                          const char       *domain,
                          const char      **detail)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  Entry *entry;

  g_return_val_if_fail (MR_IS_DOMAIN_CHECKER (self), MR_DOMAIN_STATUS_UNKNOWN);
  g_return_val_if_fail (domain != NULL, MR_DOMAIN_STATUS_UNKNOWN);

  if (detail != NULL)
    *detail = NULL;

  key = make_key (domain, &error);
  entry = g_hash_table_lookup (self->entries, key);

  if (entry == NULL && error != NULL)
    {
      /* Local rules need no server: remember the verdict so @detail stays valid. */
      entry = g_new0 (Entry, 1);
      entry->status = MR_DOMAIN_STATUS_INVALID;
      entry->detail = g_strdup (error->message);
      g_hash_table_insert (self->entries, g_strdup (key), entry);
    }

  if (entry == NULL)
    return MR_DOMAIN_STATUS_UNKNOWN;

  if (entry_is_final (entry) && entry_is_expired (entry, g_get_monotonic_time ()))
    return MR_DOMAIN_STATUS_UNKNOWN;

  if (detail != NULL)
    *detail = entry->detail;

  return entry->status;
}

void
mr_domain_checker_invalidate (MrDomainChecker *self)
{
  g_autoptr(GPtrArray) forgotten = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (MR_IS_DOMAIN_CHECKER (self));

  forgotten = g_ptr_array_new_with_free_func (g_free);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *entry = value;

      if (entry->status == MR_DOMAIN_STATUS_CHECKING ||
          entry->status == MR_DOMAIN_STATUS_INVALID)
        continue;

      g_ptr_array_add (forgotten, g_strdup (key));
      g_hash_table_iter_remove (&iter);
    }

  for (guint i = 0; i < forgotten->len; i++)
    g_signal_emit (self, signals[STATUS_CHANGED], 0,
                   g_ptr_array_index (forgotten, i), MR_DOMAIN_STATUS_UNKNOWN);
}

void
mr_domain_checker_set_client (MrDomainChecker *self,
                              MrApiClient     *client)
{
  g_return_if_fail (MR_IS_DOMAIN_CHECKER (self));
  g_return_if_fail (!client || MR_IS_API_CLIENT (client));

  if (self->client == client)
    return;

  /* The batch in flight is asked again, of the new server. */
  abort_in_flight (self, TRUE);
  g_set_object (&self->client, client);
  self->blocked_until = 0;
  mr_backoff_reset (&self->backoff);
  g_queue_clear_full (&self->call_times, g_free);
  g_queue_init (&self->call_times);

  mr_domain_checker_invalidate (self);

  if (!g_queue_is_empty (&self->pending))
    schedule_flush (self, self->batch_delay);
}

guint
mr_domain_checker_get_n_calls (MrDomainChecker *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_CHECKER (self), 0);

  return self->n_calls;
}
