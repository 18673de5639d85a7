/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mr-fault-proxy.h"

#define MAX_HEAD (64 * 1024)

typedef struct
{
  GMutex             lock;
  char              *upstream_host;
  guint16            upstream_port;
  MrFaultProxyMode   mode;
  gsize              cut;
  gboolean           armed;
  guint              n_requests;
  guint              n_answered;
} Shared;

struct _MrFaultProxy
{
  Shared        *shared;          /* a reference, as every thread holds one */
  GSocket       *listener;
  GCancellable  *cancellable;
  GThread       *accept_thread;
  char          *url;
};

typedef struct
{
  Shared   *shared;
  GSocket  *client;
} Connection;

static void
shared_clear (gpointer data)
{
  Shared *shared = data;

  g_mutex_clear (&shared->lock);
  g_free (shared->upstream_host);
}

static void
shared_unref (Shared *shared)
{
  g_atomic_rc_box_release_full (shared, shared_clear);
}

/* Blocking I/O helpers; FALSE on error or end of stream */

static gboolean
send_all (GSocket    *socket,
          const char *data,
          gsize       len)
{
  while (len > 0)
    {
      gssize n = g_socket_send (socket, data, len, NULL, NULL);

      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }

  return TRUE;
}

/* Appends to @buf until it holds @want bytes; FALSE at the end of the stream */
static gboolean
read_until_size (GSocket    *socket,
                 GByteArray *buf,
                 gsize       want)
{
  char chunk[16384];

  while (buf->len < want)
    {
      gssize n = g_socket_receive (socket, chunk, MIN (sizeof chunk, want - buf->len), NULL, NULL);

      if (n <= 0)
        return FALSE;
      g_byte_array_append (buf, (guint8 *) chunk, n);
    }

  return TRUE;
}

/* Reads until the head ("\r\n\r\n") is in @buf; returns its length
 * including the blank line, or 0 at the end of the stream */
static gsize
read_head (GSocket    *socket,
           GByteArray *buf)
{
  char chunk[4096];

  for (;;)
    {
      const char *end = NULL;
      gssize n;

      if (buf->len > 0)
        end = g_strstr_len ((const char *) buf->data, buf->len, "\r\n\r\n");

      if (end != NULL)
        return end - (const char *) buf->data + 4;
      if (buf->len > MAX_HEAD)
        return 0;

      n = g_socket_receive (socket, chunk, sizeof chunk, NULL, NULL);
      if (n <= 0)
        return 0;
      g_byte_array_append (buf, (guint8 *) chunk, n);
    }
}

/* The value of header @name in @head, or NULL */
static char *
header_value (const char *head,
              gsize       head_len,
              const char *name)
{
  g_autofree char *copy = g_strndup (head, head_len);
  g_auto(GStrv) lines = g_strsplit (copy, "\r\n", -1);
  gsize name_len = strlen (name);

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], name, name_len) == 0 && lines[i][name_len] == ':')
      return g_strstrip (g_strdup (lines[i] + name_len + 1));

  return NULL;
}

/* Reads one whole message (head and a Content-Length body, or a chunked
 * one, or for a reply without either everything up to the end) into
 * @buf, which may already hold its start. Returns the message's length,
 * or 0 when the stream ended first. */
static gsize
read_message (GSocket    *socket,
              GByteArray *buf,
              gboolean    is_reply)
{
  gsize head_len = read_head (socket, buf);
  g_autofree char *length = NULL;
  g_autofree char *encoding = NULL;

  if (head_len == 0)
    return 0;

  length = header_value ((const char *) buf->data, head_len, "Content-Length");
  encoding = header_value ((const char *) buf->data, head_len, "Transfer-Encoding");

  if (encoding != NULL && g_ascii_strcasecmp (encoding, "chunked") == 0)
    {
      gsize pos = head_len;

      for (;;)
        {
          const char *line_end;
          guint64 size;

          while ((line_end = g_strstr_len ((const char *) buf->data + pos, buf->len - pos, "\r\n")) == NULL)
            if (!read_until_size (socket, buf, buf->len + 1))
              return 0;

          size = g_ascii_strtoull ((const char *) buf->data + pos, NULL, 16);
          pos = line_end - (const char *) buf->data + 2;
          if (size == 0)
            {
              /* no trailers from the servers this fronts */
              if (!read_until_size (socket, buf, pos + 2))
                return 0;
              return pos + 2;
            }
          if (!read_until_size (socket, buf, pos + size + 2))
            return 0;
          pos += size + 2;
        }
    }

  if (length != NULL)
    {
      gsize total = head_len + (gsize) g_ascii_strtoull (length, NULL, 10);

      return read_until_size (socket, buf, total) ? total : 0;
    }

  if (!is_reply)
    return head_len;

  while (read_until_size (socket, buf, buf->len + 1))
    ;
  return buf->len;
}

static gpointer
serve_connection (gpointer data)
{
  Connection *conn = data;
  Shared *shared = conn->shared;
  g_autoptr(GSocketConnection) upstream_connection = NULL;
  GSocket *upstream = NULL;
  g_autoptr(GByteArray) request = g_byte_array_new ();
  g_autoptr(GByteArray) reply = g_byte_array_new ();

  for (;;)
    {
      MrFaultProxyMode mode = MR_FAULT_PROXY_PASS;
      gsize cut = 0;
      gsize request_len;
      gsize reply_len;

      request_len = read_message (conn->client, request, FALSE);
      if (request_len == 0)
        break;

      g_mutex_lock (&shared->lock);
      shared->n_requests++;
      if (shared->armed)
        {
          mode = shared->mode;
          cut = shared->cut;
          shared->armed = FALSE;
        }
      g_mutex_unlock (&shared->lock);

      if (mode == MR_FAULT_PROXY_DROP_BEFORE)
        break;

      if (upstream == NULL)
        {
          g_autoptr(GSocketClient) connector = g_socket_client_new ();

          upstream_connection = g_socket_client_connect_to_host (connector, shared->upstream_host,
                                                                 shared->upstream_port, NULL, NULL);
          if (upstream_connection == NULL)
            break;
          upstream = g_socket_connection_get_socket (upstream_connection);
        }

      if (!send_all (upstream, (const char *) request->data, request_len))
        break;
      g_byte_array_remove_range (request, 0, request_len);

      g_byte_array_set_size (reply, 0);
      reply_len = read_message (upstream, reply, TRUE);
      if (reply_len == 0)
        break;   /* the server dropped it: so does the proxy */

      g_mutex_lock (&shared->lock);
      shared->n_answered++;
      g_mutex_unlock (&shared->lock);

      if (mode == MR_FAULT_PROXY_DROP_AFTER)
        break;
      if (mode == MR_FAULT_PROXY_DROP_MID_REPLY)
        {
          send_all (conn->client, (const char *) reply->data, 1 + cut % (reply_len - 1));
          break;
        }

      if (!send_all (conn->client, (const char *) reply->data, reply_len))
        break;
    }

  if (upstream_connection != NULL)
    g_io_stream_close (G_IO_STREAM (upstream_connection), NULL, NULL);
  g_socket_close (conn->client, NULL);
  g_object_unref (conn->client);
  shared_unref (shared);
  g_free (conn);

  return NULL;
}

typedef struct
{
  Shared       *shared;
  GSocket      *listener;
  GCancellable *cancellable;
} Acceptor;

static gpointer
accept_connections (gpointer data)
{
  Acceptor *acceptor = data;

  for (;;)
    {
      GSocket *client = g_socket_accept (acceptor->listener, acceptor->cancellable, NULL);
      Connection *conn;

      if (client == NULL)
        break;

      conn = g_new0 (Connection, 1);
      conn->shared = g_atomic_rc_box_acquire (acceptor->shared);
      conn->client = client;
      g_thread_unref (g_thread_new ("fault-proxy-conn", serve_connection, conn));
    }

  shared_unref (acceptor->shared);
  g_object_unref (acceptor->listener);
  g_object_unref (acceptor->cancellable);
  g_free (acceptor);

  return NULL;
}

MrFaultProxy *
mr_fault_proxy_new (const char  *upstream_url,
                    GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  MrFaultProxy *self;
  Acceptor *acceptor;

  uri = g_uri_parse (upstream_url, G_URI_FLAGS_NONE, error);
  if (uri == NULL)
    return NULL;

  self = g_new0 (MrFaultProxy, 1);
  self->shared = g_atomic_rc_box_new0 (Shared);
  g_mutex_init (&self->shared->lock);
  self->shared->upstream_host = g_strdup (g_uri_get_host (uri));
  self->shared->upstream_port = (guint16) g_uri_get_port (uri);
  self->cancellable = g_cancellable_new ();

  self->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (self->listener == NULL)
    goto fail;
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  if (!g_socket_bind (self->listener, address, TRUE, error) ||
      !g_socket_listen (self->listener, error))
    goto fail;
  bound = g_socket_get_local_address (self->listener, error);
  if (bound == NULL)
    goto fail;
  self->url = g_strdup_printf ("http://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  acceptor = g_new0 (Acceptor, 1);
  acceptor->shared = g_atomic_rc_box_acquire (self->shared);
  acceptor->listener = g_object_ref (self->listener);
  acceptor->cancellable = g_object_ref (self->cancellable);
  self->accept_thread = g_thread_new ("fault-proxy", accept_connections, acceptor);

  return self;

fail:
  mr_fault_proxy_free (self);
  return NULL;
}

void
mr_fault_proxy_free (MrFaultProxy *self)
{
  if (self == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  if (self->accept_thread != NULL)
    g_thread_join (self->accept_thread);
  if (self->listener != NULL)
    {
      g_socket_close (self->listener, NULL);
      g_object_unref (self->listener);
    }
  g_object_unref (self->cancellable);
  shared_unref (self->shared);
  g_free (self->url);
  g_free (self);
}

const char *
mr_fault_proxy_get_url (MrFaultProxy *self)
{
  return self->url;
}

void
mr_fault_proxy_arm (MrFaultProxy     *self,
                    MrFaultProxyMode  mode,
                    gsize             cut)
{
  g_mutex_lock (&self->shared->lock);
  self->shared->mode = mode;
  self->shared->cut = cut;
  self->shared->armed = mode != MR_FAULT_PROXY_PASS;
  g_mutex_unlock (&self->shared->lock);
}

gboolean
mr_fault_proxy_fault_used (MrFaultProxy *self)
{
  gboolean used;

  g_mutex_lock (&self->shared->lock);
  used = !self->shared->armed;
  g_mutex_unlock (&self->shared->lock);

  return used;
}

guint
mr_fault_proxy_get_n_requests (MrFaultProxy *self)
{
  guint n;

  g_mutex_lock (&self->shared->lock);
  n = self->shared->n_requests;
  g_mutex_unlock (&self->shared->lock);

  return n;
}

guint
mr_fault_proxy_get_n_answered (MrFaultProxy *self)
{
  guint n;

  g_mutex_lock (&self->shared->lock);
  n = self->shared->n_answered;
  g_mutex_unlock (&self->shared->lock);

  return n;
}
