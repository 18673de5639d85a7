/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-api-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "mr-api-client.h"
#include "mr-api-client-private.h"
#include "mr-quote-private.h"

#define DEFAULT_TIMEOUT        30
#define DEFAULT_MAX_REPLY_SIZE (4 * 1024 * 1024)
#define READ_CHUNK_SIZE        65536
#define MAX_CHECK_DOMAINS      50
#define PATH_ORDERS            "/api/v2/dfy-email-account-orders"

struct _MrApiClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *api_key;
  char        *user_agent;
  guint        timeout;
  gsize        max_reply_size;

  MrApiParseHook parse_hook;
  gpointer       parse_hook_data;
};

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_API_KEY,
  PROP_USER_AGENT,
  PROP_TIMEOUT,
  PROP_MAX_REPLY_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MrApiClient, mr_api_client, G_TYPE_OBJECT)

typedef gpointer (*ParseReplyFunc) (GBytes  *bytes,
                                    GError **error);

/* What an endpoint answers: a parser from mr-json.c, how to free what it
 * returns, and for a quote, what the parse thread works out from it too */
typedef struct
{
  ParseReplyFunc  parse;
  GDestroyNotify  free_result;
  gboolean        is_quote;
  void          (*prepare) (MrQuote *quote);
} ReplyKind;

/* an order's quote or placement: for the window, which shows its problems
 * and its lines as soon as it arrives (mr-quote-private.h) */
static const ReplyKind reply_quote = {
  (ParseReplyFunc) mr_json_parse_quote, (GDestroyNotify) mr_quote_unref, TRUE, _mr_quote_prepare
};
/* a request body's quote (mailroom-cli): read as it is */
static const ReplyKind reply_body_quote = {
  (ParseReplyFunc) mr_json_parse_quote, (GDestroyNotify) mr_quote_unref, TRUE, NULL
};
static const ReplyKind reply_check = {
  (ParseReplyFunc) mr_json_parse_check, (GDestroyNotify) g_ptr_array_unref
};
static const ReplyKind reply_similar = {
  (ParseReplyFunc) mr_json_parse_similar, (GDestroyNotify) g_strfreev
};
static const ReplyKind reply_prewarmed = {
  (ParseReplyFunc) mr_json_parse_prewarmed, (GDestroyNotify) g_ptr_array_unref
};
static const ReplyKind reply_orders = {
  (ParseReplyFunc) mr_json_parse_orders, (GDestroyNotify) mr_page_free
};
static const ReplyKind reply_accounts = {
  (ParseReplyFunc) mr_json_parse_accounts, (GDestroyNotify) mr_page_free
};
static const ReplyKind reply_cancel = {
  (ParseReplyFunc) mr_json_parse_cancel, (GDestroyNotify) g_ptr_array_unref
};

typedef struct
{
  SoupMessage     *message;
  GInputStream    *stream;
  GByteArray      *body;      /* what has come, then room for the next read */
  gsize            body_len;  /* how much of @body has come */
  gsize            max_size;
  guint64          revision;
  const ReplyKind *kind;
  guint            is_place : 1;
  guint            request_sent : 1;
} Request;

static void
close_stream_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GInputStream) stream = G_INPUT_STREAM (source);

  /* Nothing to do: the reply was either complete or abandoned. */
  g_input_stream_close_finish (stream, result, NULL);
}

static void
request_close_stream (Request *request)
{
  GInputStream *stream;

  if (request->stream == NULL)
    return;

  stream = g_steal_pointer (&request->stream);
  if (g_input_stream_is_closed (stream) || g_input_stream_has_pending (stream))
    {
      g_object_unref (stream);
      return;
    }

  /* Closing early skips the rest of the body and drops the connection. */
  g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, close_stream_cb, NULL);
}

static void
request_free (Request *request)
{
  request_close_stream (request);
  if (request->message != NULL)
    g_signal_handlers_disconnect_by_data (request->message, request);
  g_clear_object (&request->message);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_free (request);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    return FALSE;

  return g_inet_address_get_is_loopback (address);
}

static gboolean
scheme_is (GUri       *uri,
           const char *scheme)
{
  const char *s = g_uri_get_scheme (uri);

  return s != NULL && g_ascii_strcasecmp (s, scheme) == 0;
}

gboolean
mr_api_key_check (const char  *api_key,
                  GError     **error)
{
  gsize length;

  if (api_key == NULL || api_key[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The API key is empty."));
      return FALSE;
    }

  length = strlen (api_key);
  if (length > 4096)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The API key is too long to be one. Copy it again from Instantly."));
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) api_key[i];

      /* the key itself is never part of the message */
      if (c <= 0x20 || c >= 0x7f)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The API key contains a space, a line break or a character "
                                 "an API key cannot have. Copy it again from Instantly, "
                                 "without anything around it."));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
mr_api_url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  if (!scheme_is (uri, "http") && !scheme_is (uri, "https"))
    return FALSE;

  return host_is_loopback (g_uri_get_host (uri));
}

gboolean
mr_api_url_check (const char  *url,
                  GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *host;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, MR_API_ERROR, MR_API_ERROR_INSECURE_URL,
                           _("No server address was given."));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, MR_API_ERROR, MR_API_ERROR_INSECURE_URL,
                   _("“%s” is not a valid server address: %s"),
                   url, local_error->message);
      return FALSE;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, MR_API_ERROR, MR_API_ERROR_INSECURE_URL,
                   _("“%s” is not a valid server address: it names no host."), url);
      return FALSE;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, MR_API_ERROR, MR_API_ERROR_INSECURE_URL,
                   _("“%s” is not a valid server address: it must not have a query or a fragment."),
                   url);
      return FALSE;
    }

  if (scheme_is (uri, "https"))
    return TRUE;

  if (scheme_is (uri, "http"))
    {
      if (host_is_loopback (host))
        return TRUE;

      g_set_error (error, MR_API_ERROR, MR_API_ERROR_INSECURE_URL,
                   _("“%s” is not secure: use an https:// address. "
                     "Plain http:// is only allowed for this computer (localhost)."),
                   url);
      return FALSE;
    }

  g_set_error (error, MR_API_ERROR, MR_API_ERROR_INSECURE_URL,
               _("“%s” is not a valid server address: it must start with https://."),
               url);
  return FALSE;
}

static gboolean
status_is_success (guint status)
{
  return status >= 200 && status < 300;
}

/* -1 when absent or unusable */
static gint
parse_retry_after (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *value = NULL;
  const char *header;
  GTimeSpan diff;
  guint64 seconds;

  header = soup_message_headers_get_one (headers, "Retry-After");
  if (header == NULL)
    return -1;

  value = g_strstrip (g_strdup (header));
  if (*value == '\0')
    return -1;

  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT, &seconds, NULL))
    return (gint) seconds;

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;

  now = g_date_time_new_now_utc ();
  diff = g_date_time_difference (date, now);
  if (diff <= 0)
    return 0;

  /* round up: never retry earlier than asked */
  return (gint) MIN ((diff + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND, G_MAXINT);
}

static GError *
result_unknown_error (const char *detail)
{
  return g_error_new (MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN,
                      _("The order was sent, but no trustworthy answer came back (%s). "
                        "It may or may not have been placed."),
                      detail);
}

static GError *
too_large_error (Request *request)
{
  g_autofree char *size = NULL;

  if (request->is_place)
    return result_unknown_error (_("the reply was too large"));

  size = g_format_size (request->max_size);
  return g_error_new (MR_API_ERROR, MR_API_ERROR_TOO_LARGE,
                      _("The server’s reply is larger than %s."), size);
}

/* Takes @error; returns the error to report */
static GError *
map_transport_error (Request *request,
                     GError  *error)
{
  GError *mapped;

  if (request->is_place && request->request_sent)
    {
      mapped = result_unknown_error (error->message);
      g_error_free (error);
      return mapped;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    mapped = g_error_new_literal (MR_API_ERROR, MR_API_ERROR_TIMEOUT,
                                  _("The server did not answer in time."));
  else
    mapped = g_error_new (MR_API_ERROR, MR_API_ERROR_NETWORK,
                          _("Could not reach the server: %s"), error->message);

  g_error_free (error);
  return mapped;
}

static GQuark
reply_quark (void)
{
  return g_quark_from_static_string ("mr-api-reply");
}

GBytes *
mr_api_result_get_reply (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return g_object_get_qdata (G_OBJECT (result), reply_quark ());
}

void
mr_api_result_set_reply (GTask  *task,
                         GBytes *reply)
{
  g_return_if_fail (G_IS_TASK (task));

  g_object_set_qdata_full (G_OBJECT (task), reply_quark (),
                           reply != NULL ? g_bytes_ref (reply) : NULL,
                           (GDestroyNotify) g_bytes_unref);
}

/* Where a ParseJob is. GTask hands the job to the worker and its result
 * back through GLib's own locks; the stage says the same with atomics:
 * written (release) by the side that lets go, read (acquire) by the side
 * that takes over, and the last to let go of the task frees the job.
 * ThreadSanitizer sees these, not GLib's futexes, so a -Db_sanitize=thread
 * build checks this hand-over instead of being told to ignore it. */
enum
{
  JOB_MADE,
  JOB_READY,   /* filled in: the worker's to read */
  JOB_DONE,    /* the worker reads it no more; what it made is the caller's */
  JOB_TAKEN,   /* the main thread reads it no more (it may come before DONE
                * when the parse is given up) */
};

/* What a worker needs to read a reply: copies, never the Request, which
 * stays with the main thread (its SoupMessage above all). */
typedef struct
{
  gint             stage;
  GBytes          *bytes;
  const ReplyKind *kind;
  guint64          revision;
  guint            status;
  gint             retry_after;
  gboolean         is_place;
  MrApiParseHook   hook;
  gpointer         hook_data;
} ParseJob;

static void
parse_job_free (ParseJob *job)
{
  /* freed by the last of the two to let go of the task, after the worker
   * is done with it or never started */
  g_assert (g_atomic_int_get (&job->stage) != JOB_MADE);
  g_bytes_unref (job->bytes);
  g_free (job);
}

/* The reply as its kind's result; NULL with @error set otherwise. Runs on
 * a worker thread: it may use only @job. */
static gpointer
parse_reply (ParseJob  *job,
             GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer result;

  if (!status_is_success (job->status))
    {
      GError *reply_error = mr_json_parse_error_reply (job->status, job->bytes);

      if (job->retry_after >= 0)
        mr_api_error_set_retry_after (reply_error, job->retry_after);

      /* A 5xx after the order left tells nothing about whether it was placed. */
      if (job->is_place && job->status >= 500)
        reply_error->code = MR_API_ERROR_RESULT_UNKNOWN;

      g_propagate_error (error, reply_error);
      return NULL;
    }

  result = job->kind->parse (job->bytes, &local_error);

  /* a quote answers one revision of the order; what the main thread
   * would work out from it on arrival is worked out here */
  if (result != NULL && job->kind->is_quote)
    {
      ((MrQuote *) result)->revision = job->revision;
      if (job->kind->prepare != NULL)
        job->kind->prepare (result);
    }

  if (result == NULL)
    {
      if (local_error == NULL)
        local_error = g_error_new_literal (MR_API_ERROR, MR_API_ERROR_PARSE,
                                           _("The server sent an empty reply."));

      if (job->is_place)
        g_propagate_error (error, result_unknown_error (local_error->message));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return result;
}

static void
parse_thread (GTask        *parse_task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GDestroyNotify free_result;
  GError *error = NULL;
  gpointer result;

  g_assert (g_atomic_int_get (&job->stage) != JOB_MADE);

  /* superseded while it waited for a thread */
  if (g_task_return_error_if_cancelled (parse_task))
    {
      g_atomic_int_exchange (&job->stage, JOB_DONE);
      return;
    }

  if (job->hook != NULL)
    job->hook (job->revision, FALSE, job->hook_data);

  result = parse_reply (job, &error);

  if (job->hook != NULL)
    job->hook (job->revision, TRUE, job->hook_data);

  /* what it made is handed over whole: nothing here touches it again */
  free_result = job->kind->free_result;
  g_atomic_int_exchange (&job->stage, JOB_DONE);
  if (result == NULL)
    g_task_return_error (parse_task, error);
  else
    g_task_return_pointer (parse_task, result, free_result);
}

/* Back in the request's main context: the parse's outcome is the request's */
static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ParseJob *job = g_task_get_task_data (G_TASK (result));
  GDestroyNotify free_result;
  GError *error = NULL;
  gpointer parsed;
  gint stage;

  /* JOB_DONE, but when the parse was given up (cancelled): the worker may
   * still be reading the job then, and nothing it makes is used */
  stage = g_atomic_int_get (&job->stage);
  parsed = g_task_propagate_pointer (G_TASK (result), &error);
  if (parsed != NULL)
    {
      g_assert (stage == JOB_DONE);
      mr_api_result_set_reply (task, job->bytes);
    }
  free_result = job->kind->free_result;
  /* the worker may be the one that frees it */
  g_atomic_int_set (&job->stage, JOB_TAKEN);

  if (parsed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, parsed, free_result);
}

/* A reply of 1,000 × 5 accounts takes tens of milliseconds to parse: it is
 * parsed on a worker thread, so that the main thread keeps painting. */
static void
complete_request (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  MrApiClient *self = g_task_get_source_object (task);
  g_autoptr(GTask) parse_task = NULL;
  ParseJob *job;
  guint status;

  request_close_stream (request);

  status = soup_message_get_status (request->message);
  g_byte_array_set_size (request->body, request->body_len);

  job = g_new0 (ParseJob, 1);
  job->bytes = g_byte_array_free_to_bytes (g_steal_pointer (&request->body));
  job->kind = request->kind;
  job->revision = request->revision;
  job->status = status;
  job->retry_after = status_is_success (status) ? -1 : parse_retry_after (request->message);
  job->is_place = request->is_place;
  job->hook = self->parse_hook;
  job->hook_data = self->parse_hook_data;

  g_debug ("%s %s: %u, %" G_GSIZE_FORMAT " bytes",
           soup_message_get_method (request->message),
           g_uri_get_path (soup_message_get_uri (request->message)),
           status, g_bytes_get_size (job->bytes));

  /* The answer to a placed order is parsed whatever the cancellable says
   * (see start_request()); any other is given up as soon as it is
   * cancelled, its parse left to finish on its own and dropped. */
  parse_task = g_task_new (NULL,
                           request->is_place ? NULL : g_task_get_cancellable (task),
                           parsed_cb, g_object_ref (task));
  g_task_set_source_tag (parse_task, complete_request);
  g_task_set_task_data (parse_task, job, (GDestroyNotify) parse_job_free);
  g_task_set_return_on_cancel (parse_task, TRUE);
  g_atomic_int_set (&job->stage, JOB_READY);
  g_task_run_in_thread (parse_task, parse_thread);
}

static void read_next_chunk (GTask *task);

/* Each read goes straight into the body, after what has come */
static void
read_chunk_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize size;

  size = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (size < 0)
    {
      request_close_stream (request);
      g_task_return_error (task, map_transport_error (request, g_steal_pointer (&error)));
      return;
    }

  if (size == 0)
    {
      complete_request (task);
      return;
    }

  if ((gsize) size > request->max_size || request->body_len > request->max_size - size)
    {
      request_close_stream (request);
      g_task_return_error (task, too_large_error (request));
      return;
    }

  request->body_len += size;
  read_next_chunk (g_steal_pointer (&task));
}

static void
read_next_chunk (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  if (request->body->len < request->body_len + READ_CHUNK_SIZE)
    g_byte_array_set_size (request->body, request->body_len + READ_CHUNK_SIZE);

  g_input_stream_read_async (request->stream,
                             request->body->data + request->body_len,
                             READ_CHUNK_SIZE,
                             G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task),
                             read_chunk_cb,
                             task);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  goffset length;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      g_task_return_error (task, map_transport_error (request, g_steal_pointer (&error)));
      return;
    }

  headers = soup_message_get_response_headers (request->message);
  length = soup_message_headers_get_content_length (headers);
  if (length > 0 && (guint64) length > request->max_size)
    {
      request_close_stream (request);
      g_task_return_error (task, too_large_error (request));
      return;
    }

  /* room for all of a reply of known size, and the read that ends it */
  if (length > 0 && (guint64) length < G_MAXUINT - READ_CHUNK_SIZE)
    g_byte_array_set_size (request->body, (guint) length + READ_CHUNK_SIZE);

  read_next_chunk (g_steal_pointer (&task));
}

static void
wrote_headers_cb (SoupMessage *message,
                  gpointer     user_data)
{
  Request *request = user_data;

  request->request_sent = TRUE;
}

static void
start_request (MrApiClient         *self,
               const char          *method,
               const char          *path,
               const char          *query,
               char                *json_body,
               const ReplyKind     *kind,
               gboolean             is_place,
               guint64              revision,
               GCancellable        *cancellable,
               gpointer             source_tag,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autofree char *body_text = json_body;   /* taken */
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  /* The answer to a placed order must reach the caller even if it cancelled
   * meanwhile: a cancelled request may still have been placed. */
  if (is_place)
    g_task_set_check_cancellable (task, FALSE);

  if (!mr_api_url_check (self->base_url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* such a key would make a broken header: refuse before anything leaves */
  if (self->api_key != NULL && *self->api_key != '\0' && !mr_api_key_check (self->api_key, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  url = g_strconcat (self->base_url, path, query != NULL ? "?" : "", query, NULL);
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_task_return_new_error (task, MR_API_ERROR, MR_API_ERROR_INSECURE_URL,
                               _("“%s” is not a valid address: %s"), url, error->message);
      return;
    }

  request = g_new0 (Request, 1);
  request->message = soup_message_new_from_uri (method, uri);
  request->body = g_byte_array_new ();
  request->max_size = self->max_reply_size;
  request->kind = kind;
  request->is_place = !!is_place;
  request->revision = revision;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
  if (is_place)
    soup_message_add_flags (request->message, SOUP_MESSAGE_NEW_CONNECTION);

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->api_key != NULL && *self->api_key != '\0')
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", self->api_key, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }

  if (body_text != NULL)
    {
      gsize length = strlen (body_text);
      g_autoptr(GBytes) body = g_bytes_new_take (g_steal_pointer (&body_text), length);

      soup_message_set_request_body_from_bytes (request->message, "application/json", body);
    }

  g_signal_connect (request->message, "wrote-headers", G_CALLBACK (wrote_headers_cb), request);

  g_debug ("%s %s", method, path);

  soup_session_send_async (self->session,
                           request->message,
                           G_PRIORITY_DEFAULT,
                           cancellable,
                           send_cb,
                           g_steal_pointer (&task));
}

static gpointer
finish_request (MrApiClient   *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (MR_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mr_api_client_finalize (GObject *object)
{
  MrApiClient *self = (MrApiClient *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->user_agent, g_free);

  G_OBJECT_CLASS (mr_api_client_parent_class)->finalize (object);
}

static void
mr_api_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MrApiClient *self = MR_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_MAX_REPLY_SIZE:
      g_value_set_uint64 (value, self->max_reply_size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_base_url (MrApiClient *self,
              const char  *base_url)
{
  g_autofree char *url = g_strdup (base_url != NULL ? base_url : MR_API_DEFAULT_BASE_URL);
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';

  g_free (self->base_url);
  self->base_url = g_steal_pointer (&url);

  /* A server on this computer (the demo simulator, a test server) is
   * reached directly: a proxy would send the request to its own loopback,
   * not this one. Every other server goes through the system's proxy
   * settings (g_proxy_resolver_get_default()); not asking for them here
   * also spares loading GIO's proxy modules (libproxy, GNOME settings). */
  if (mr_api_url_is_loopback (self->base_url))
    soup_session_set_proxy_resolver (self->session, NULL);
}

static void
set_user_agent (MrApiClient *self,
                const char  *user_agent)
{
  if (user_agent == NULL)
    user_agent = "Mailroom/" PACKAGE_VERSION;

  if (g_strcmp0 (self->user_agent, user_agent) == 0)
    return;

  g_free (self->user_agent);
  self->user_agent = g_strdup (user_agent);
  soup_session_set_user_agent (self->session, self->user_agent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_AGENT]);
}

static void
mr_api_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MrApiClient *self = MR_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      set_base_url (self, g_value_get_string (value));
      break;

    case PROP_API_KEY:
      mr_api_client_set_api_key (self, g_value_get_string (value));
      break;

    case PROP_USER_AGENT:
      set_user_agent (self, g_value_get_string (value));
      break;

    case PROP_TIMEOUT:
      mr_api_client_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_MAX_REPLY_SIZE:
      mr_api_client_set_max_reply_size (self, g_value_get_uint64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_api_client_class_init (MrApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mr_api_client_finalize;
  object_class->get_property = mr_api_client_get_property;
  object_class->set_property = mr_api_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         MR_API_DEFAULT_BASE_URL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL,
                         "Mailroom/" PACKAGE_VERSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MAX_REPLY_SIZE] =
    g_param_spec_uint64 ("max-reply-size", NULL, NULL,
                         1, G_MAXSIZE, DEFAULT_MAX_REPLY_SIZE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mr_api_client_init (MrApiClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->max_reply_size = DEFAULT_MAX_REPLY_SIZE;
  self->base_url = g_strdup (MR_API_DEFAULT_BASE_URL);
  self->user_agent = g_strdup ("Mailroom/" PACKAGE_VERSION);
  self->session = soup_session_new ();
  soup_session_set_user_agent (self->session, self->user_agent);
  soup_session_set_timeout (self->session, self->timeout);
}

MrApiClient *
mr_api_client_new (const char  *base_url,
                   const char  *api_key,
                   GError     **error)
{
  if (base_url == NULL)
    base_url = MR_API_DEFAULT_BASE_URL;

  if (!mr_api_url_check (base_url, error))
    return NULL;

  return g_object_new (MR_TYPE_API_CLIENT,
                       "base-url", base_url,
                       "api-key", api_key,
                       NULL);
}

const char *
mr_api_client_get_base_url (MrApiClient *self)
{
  g_return_val_if_fail (MR_IS_API_CLIENT (self), NULL);

  return self->base_url;
}

void
mr_api_client_set_api_key (MrApiClient *self,
                           const char  *api_key)
{
  g_return_if_fail (MR_IS_API_CLIENT (self));

  if (g_strcmp0 (self->api_key, api_key) == 0)
    return;

  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_KEY]);
}

gboolean
mr_api_client_has_api_key (MrApiClient *self)
{
  g_return_val_if_fail (MR_IS_API_CLIENT (self), FALSE);

  return self->api_key != NULL && *self->api_key != '\0';
}

void
mr_api_client_set_timeout (MrApiClient *self,
                           guint        seconds)
{
  g_return_if_fail (MR_IS_API_CLIENT (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

void
mr_api_client_set_max_reply_size (MrApiClient *self,
                                  gsize        max_bytes)
{
  g_return_if_fail (MR_IS_API_CLIENT (self));
  g_return_if_fail (max_bytes > 0);

  if (self->max_reply_size == max_bytes)
    return;

  self->max_reply_size = max_bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_REPLY_SIZE]);
}

void
mr_api_client_set_parse_hook (MrApiClient    *self,
                              MrApiParseHook  hook,
                              gpointer        user_data)
{
  g_return_if_fail (MR_IS_API_CLIENT (self));

  self->parse_hook = hook;
  self->parse_hook_data = user_data;
}

/* POST /domains/check */

void
mr_api_client_check_domains_async (MrApiClient         *self,
                                   const char * const  *domains,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *body = NULL;

  g_return_if_fail (MR_IS_API_CLIENT (self));
  g_return_if_fail (domains != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (g_strv_length ((char **) domains) > MAX_CHECK_DOMAINS)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, mr_api_client_check_domains_async);
      g_task_return_new_error (task, MR_API_ERROR, MR_API_ERROR_BAD_REQUEST,
                               ngettext ("At most %d domain can be checked at once.",
                                         "At most %d domains can be checked at once.",
                                         MAX_CHECK_DOMAINS),
                               MAX_CHECK_DOMAINS);
      return;
    }

  body = mr_json_check_request (domains);
  start_request (self, "POST", PATH_ORDERS "/domains/check", NULL, g_steal_pointer (&body),
                 &reply_check, FALSE, 0, cancellable,
                 mr_api_client_check_domains_async, callback, user_data);
}

GPtrArray *
mr_api_client_check_domains_finish (MrApiClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_request (self, result, mr_api_client_check_domains_async, error);
}

/* POST /domains/similar */

void
mr_api_client_similar_domains_async (MrApiClient         *self,
                                     const char          *domain,
                                     const char * const  *tlds,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *body = NULL;

  g_return_if_fail (MR_IS_API_CLIENT (self));
  g_return_if_fail (domain != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  body = mr_json_similar_request (domain, tlds);
  start_request (self, "POST", PATH_ORDERS "/domains/similar", NULL, g_steal_pointer (&body),
                 &reply_similar, FALSE, 0, cancellable,
                 mr_api_client_similar_domains_async, callback, user_data);
}

GStrv
mr_api_client_similar_domains_finish (MrApiClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_request (self, result, mr_api_client_similar_domains_async, error);
}

/* POST /domains/pre-warmed-up-list */

void
mr_api_client_prewarmed_domains_async (MrApiClient         *self,
                                       const char          *search,
                                       const char * const  *extensions,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *body = NULL;

  g_return_if_fail (MR_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  body = mr_json_prewarmed_request (search, extensions);
  start_request (self, "POST", PATH_ORDERS "/domains/pre-warmed-up-list", NULL, g_steal_pointer (&body),
                 &reply_prewarmed, FALSE, 0, cancellable,
                 mr_api_client_prewarmed_domains_async, callback, user_data);
}

GPtrArray *
mr_api_client_prewarmed_domains_finish (MrApiClient   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return finish_request (self, result, mr_api_client_prewarmed_domains_async, error);
}

/* POST /dfy-email-account-orders */

/* The same request simulates or, with @place, places the order */
static void
send_order (MrApiClient         *self,
            MrOrder             *order,
            gboolean             place,
            GCancellable        *cancellable,
            gpointer             source_tag,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autofree char *body = mr_json_order_request (order, !place);

  start_request (self, "POST", PATH_ORDERS, NULL, g_steal_pointer (&body),
                 &reply_quote, place, mr_order_get_revision (order), cancellable,
                 source_tag, callback, user_data);
}

void
mr_api_client_simulate_order_async (MrApiClient         *self,
                                    MrOrder             *order,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MR_IS_API_CLIENT (self));
  g_return_if_fail (MR_IS_ORDER (order));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  send_order (self, order, FALSE, cancellable,
              mr_api_client_simulate_order_async, callback, user_data);
}

void
mr_api_client_simulate_body_async (MrApiClient         *self,
                                   char                *body,
                                   guint64              revision,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MR_IS_API_CLIENT (self));
  g_return_if_fail (body != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* the same source tag: read with mr_api_client_simulate_order_finish() */
  start_request (self, "POST", PATH_ORDERS, NULL, body,
                 &reply_body_quote, FALSE, revision, cancellable,
                 mr_api_client_simulate_order_async, callback, user_data);
}

MrQuote *
mr_api_client_simulate_order_finish (MrApiClient   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_request (self, result, mr_api_client_simulate_order_async, error);
}

void
mr_api_client_place_order_async (MrApiClient         *self,
                                 MrOrder             *order,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (MR_IS_API_CLIENT (self));
  g_return_if_fail (MR_IS_ORDER (order));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  send_order (self, order, TRUE, cancellable,
              mr_api_client_place_order_async, callback, user_data);
}

MrQuote *
mr_api_client_place_order_finish (MrApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_request (self, result, mr_api_client_place_order_async, error);
}

/* GET lists */

static char *
build_page_query (guint        limit,
                  const char  *starting_after,
                  gboolean     with_passwords)
{
  GString *query = g_string_new (NULL);

  if (limit > 0)
    g_string_append_printf (query, "limit=%u", limit);

  if (starting_after != NULL)
    {
      if (query->len > 0)
        g_string_append_c (query, '&');
      g_string_append (query, "starting_after=");
      g_string_append_uri_escaped (query, starting_after, NULL, FALSE);
    }

  if (with_passwords)
    {
      if (query->len > 0)
        g_string_append_c (query, '&');
      g_string_append (query, "with_passwords=true");
    }

  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }

  return g_string_free (query, FALSE);
}

void
mr_api_client_list_orders_async (MrApiClient         *self,
                                 guint                limit,
                                 const char          *starting_after,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *query = NULL;

  g_return_if_fail (MR_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  query = build_page_query (limit, starting_after, FALSE);
  start_request (self, "GET", PATH_ORDERS, query, NULL,
                 &reply_orders, FALSE, 0, cancellable,
                 mr_api_client_list_orders_async, callback, user_data);
}

MrPage *
mr_api_client_list_orders_finish (MrApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_request (self, result, mr_api_client_list_orders_async, error);
}

void
mr_api_client_list_accounts_async (MrApiClient         *self,
                                   guint                limit,
                                   const char          *starting_after,
                                   gboolean             with_passwords,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *query = NULL;

  g_return_if_fail (MR_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  query = build_page_query (limit, starting_after, with_passwords);
  start_request (self, "GET", PATH_ORDERS "/accounts", query, NULL,
                 &reply_accounts, FALSE, 0, cancellable,
                 mr_api_client_list_accounts_async, callback, user_data);
}

MrPage *
mr_api_client_list_accounts_finish (MrApiClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_request (self, result, mr_api_client_list_accounts_async, error);
}

/* POST /accounts/cancel */

void
mr_api_client_cancel_accounts_async (MrApiClient         *self,
                                     const char * const  *emails,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *body = NULL;

  g_return_if_fail (MR_IS_API_CLIENT (self));
  g_return_if_fail (emails != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  body = mr_json_cancel_request (emails);
  start_request (self, "POST", PATH_ORDERS "/accounts/cancel", NULL, g_steal_pointer (&body),
                 &reply_cancel, FALSE, 0, cancellable,
                 mr_api_client_cancel_accounts_async, callback, user_data);
}

GPtrArray *
mr_api_client_cancel_accounts_finish (MrApiClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_request (self, result, mr_api_client_cancel_accounts_async, error);
}
