/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mr-sim-server.h"
#include "mr-sim-test-util.h"

/* Request bodies the simulator must refuse cleanly, with its error
 * envelope, whatever the bytes: plain libsoup over loopback. Also how a
 * reply leaves the socket (in one piece). */

#define API "/api/v2/dfy-email-account-orders"

typedef struct
{
  MrSimServer *sim;
  SoupSession *session;
} Fixture;

typedef struct
{
  guint       status;
  JsonObject *envelope;   /* NULL when the reply is not a JSON object */
  JsonNode   *root;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->root, json_node_unref);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->sim = mr_sim_test_server_new ();
  f->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  mr_sim_server_disconnect (f->sim);
  g_assert_finalize_object (f->sim);
}

/* POSTs @body (@length bytes) to @path as @content_type (NULL: no
 * Content-Type header) */
static Reply *
post (Fixture    *f,
      const char *path,
      const char *content_type,
      const char *body,
      gsize       length)
{
  g_autofree char *url = g_strconcat (mr_sim_server_get_url (f->sim), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) request = g_bytes_new (body, length);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Reply *reply = g_new0 (Reply, 1);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Authorization", "Bearer " MR_SIM_DEMO_KEY);
  soup_message_set_request_body_from_bytes (msg, content_type, request);
  if (content_type == NULL)
    soup_message_headers_remove (headers, "Content-Type");

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    mr_sim_test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  bytes = soup_session_send_and_read_finish (f->session, result, &error);
  g_assert_no_error (error);

  reply->status = soup_message_get_status (msg);
  reply->root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  if (reply->root != NULL && JSON_NODE_HOLDS_OBJECT (reply->root))
    reply->envelope = json_node_get_object (reply->root);

  return reply;
}

static void
assert_envelope (Reply      *reply,
                 guint       status,
                 const char *message_prefix)
{
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_nonnull (reply->envelope);
  g_assert_cmpint (json_object_get_int_member (reply->envelope, "statusCode"), ==, status);
  g_assert_nonnull (json_object_get_string_member (reply->envelope, "error"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (reply->envelope, "message"),
                                   message_prefix));
}

/* the simulator still answers a good request afterwards */
static void
assert_still_serving (Fixture *f)
{
  const char *good = "{\"domains\": [\"acme.com\"]}";
  g_autoptr(Reply) reply = post (f, API "/domains/check", "application/json", good, strlen (good));

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (reply->envelope);
  g_assert_true (json_object_has_member (reply->envelope, "results"));
}

static void
test_body_too_large (Fixture       *f,
                     gconstpointer  data)
{
  gsize size = 1024 * 1024 + 1;
  g_autofree char *body = g_malloc (size);
  g_autoptr(Reply) reply = NULL;

  /* a valid JSON document, just too big: 1 MiB + 1 byte */
  memset (body, ' ', size);
  memcpy (body, "{\"domains\": [\"acme.com\"]}", 25);

  reply = post (f, API "/domains/check", "application/json", body, size);
  assert_envelope (reply, 413, "Request body is too large");
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 0);

  assert_still_serving (f);
}

/* no Content-Length: the simulator counts the chunks; 8 MiB are read,
 * none of it kept */
static void
test_body_too_large_chunked (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *url = g_strconcat (mr_sim_server_get_url (f->sim), API "/domains/check", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  gsize size = 8 * 1024 * 1024;
  g_autofree char *body = g_malloc (size);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  memset (body, ' ', size);
  memcpy (body, "{\"domains\": [\"acme.com\"]}", 25);
  stream = g_memory_input_stream_new_from_data (body, size, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer " MR_SIM_DEMO_KEY);
  soup_message_set_request_body (msg, "application/json", stream, -1);
  g_assert_cmpint (soup_message_headers_get_encoding (soup_message_get_request_headers (msg)),
                   ==, SOUP_ENCODING_CHUNKED);

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    mr_sim_test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  bytes = soup_session_send_and_read_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 413);
  root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  g_assert_nonnull (root);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "message"),
                   ==, "Request body is too large");

  assert_still_serving (f);
}

static void
test_body_at_limit (Fixture       *f,
                    gconstpointer  data)
{
  gsize size = 1024 * 1024;
  g_autofree char *body = g_malloc (size);
  g_autoptr(Reply) reply = NULL;

  memset (body, ' ', size);
  memcpy (body, "{\"domains\": [\"acme.com\"]}", 25);

  reply = post (f, API "/domains/check", "application/json", body, size);
  g_assert_cmpuint (reply->status, ==, 200);
}

static void
test_content_type_text (Fixture       *f,
                        gconstpointer  data)
{
  const char *body = "{\"domains\": [\"acme.com\"]}";
  g_autoptr(Reply) reply = post (f, API "/domains/check", "text/plain", body, strlen (body));

  assert_envelope (reply, 415, "Unsupported Media Type: text/plain");
}

static void
test_content_type_missing (Fixture       *f,
                           gconstpointer  data)
{
  const char *body = "{\"domains\": [\"acme.com\"]}";
  g_autoptr(Reply) reply = post (f, API "/domains/check", NULL, body, strlen (body));

  assert_envelope (reply, 415, "Unsupported Media Type");
}

static void
test_content_type_charset (Fixture       *f,
                           gconstpointer  data)
{
  const char *body = "{\"domains\": [\"acme.com\"]}";
  g_autoptr(Reply) reply = post (f, API "/domains/check", "application/json; charset=utf-8",
                                 body, strlen (body));

  g_assert_cmpuint (reply->status, ==, 200);
}

static void
test_body_empty (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Reply) reply = post (f, API "/domains/check", "application/json", "", 0);

  assert_envelope (reply, 400, "Body cannot be empty");
}

static void
test_body_whitespace (Fixture       *f,
                      gconstpointer  data)
{
  const char *body = " \n\t\r ";
  g_autoptr(Reply) reply = post (f, API, "application/json", body, strlen (body));

  /* was Json-CRITICAL json_node_ref, fatal under g_test */
  assert_envelope (reply, 400, "Body cannot be empty");
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 0);
}

static void
test_body_nested (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) body = g_string_new ("{\"items\":");
  g_autoptr(Reply) reply = NULL;

  for (guint i = 0; i < 80000; i++)
    g_string_append_c (body, '[');

  reply = post (f, API, "application/json", body->str, body->len);
  assert_envelope (reply, 400, "Body is not valid JSON");
  g_assert_cmpuint (mr_sim_server_get_n_orders_placed (f->sim), ==, 0);

  assert_still_serving (f);
}

static void
test_body_nested_64 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) body = g_string_new ("{\"domains\":[\"acme.com\"],\"x\":");
  g_autoptr(Reply) reply = NULL;

  /* 63 more levels under the root object: allowed, ignored member */
  for (guint i = 0; i < 63; i++)
    g_string_append_c (body, '[');
  for (guint i = 0; i < 63; i++)
    g_string_append_c (body, ']');
  g_string_append_c (body, '}');

  reply = post (f, API "/domains/check", "application/json", body->str, body->len);
  g_assert_cmpuint (reply->status, !=, 500);
  g_assert_nonnull (reply->envelope);
}

static void
test_lone_surrogate (Fixture       *f,
                     gconstpointer  data)
{
  const char *body = "{\"domain\": \"acme\\ud800x.com\"}";
  g_autoptr(Reply) reply = post (f, API "/domains/similar", "application/json", body, strlen (body));

  /* whatever the verdict, the reply is JSON, so valid UTF-8 */
  g_assert_nonnull (reply->envelope);
}

/* A reply leaves in one piece: the client's first read of a keep-alive
 * exchange holds the headers and the whole body, every time (libsoup on
 * its own sends the headers first, so a waiting client reads them alone). */
typedef struct
{
  guint16  port;
  guint    whole_first_reads;
  guint    replies;
  gint     done;
} OneRead;

#define N_ONE_READ_EXCHANGES 20

static gpointer
one_read_thread (gpointer data)
{
  OneRead *one = data;
  const char *body = "{\"order_type\":\"dfy\",\"simulation\":true,\"items\":[{\"domain\":"
                     "\"one-read-outreach.com\",\"accounts\":[{\"email_address_prefix\":\"ada\","
                     "\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"}]}]}";
  g_autofree char *request = g_strdup_printf ("POST " API " HTTP/1.1\r\n"
                                              "Host: 127.0.0.1:%u\r\n"
                                              "Authorization: Bearer " MR_SIM_DEMO_KEY "\r\n"
                                              "Content-Type: application/json\r\n"
                                              "Content-Length: %zu\r\n\r\n%s",
                                              one->port, strlen (body), body);
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  int on = 1;

  addr.sin_family = AF_INET;
  addr.sin_port = htons (one->port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (connect (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);

  for (guint i = 0; i < N_ONE_READ_EXCHANGES; i++)
    {
      char buf[16384];
      gssize n;
      gsize have, content_length;
      const char *end, *length;

      g_assert_cmpint (write (fd, request, strlen (request)), ==, strlen (request));
      n = read (fd, buf, sizeof buf - 1);
      g_assert_cmpint (n, >, 0);
      buf[n] = '\0';
      end = strstr (buf, "\r\n\r\n");
      g_assert_nonnull (end);
      g_assert_true (g_str_has_prefix (buf, "HTTP/1.1 200"));
      length = strstr (buf, "Content-Length: ");
      g_assert_nonnull (length);
      content_length = g_ascii_strtoull (length + 16, NULL, 10);
      g_assert_cmpuint (content_length, >, 0);
      have = n - (end + 4 - buf);
      if (have == content_length)
        one->whole_first_reads++;
      while (have < content_length)
        {
          n = read (fd, buf, MIN (sizeof buf, content_length - have));
          g_assert_cmpint (n, >, 0);
          have += n;
        }
      g_assert_cmpuint (have, ==, content_length);
      one->replies++;
    }

  /* done before the close, whose end of file wakes the server's loop */
  g_atomic_int_set (&one->done, 1);
  close (fd);

  return NULL;
}

static void
test_reply_one_read (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GUri) uri = g_uri_parse (mr_sim_server_get_url (f->sim), G_URI_FLAGS_NONE, NULL);
  OneRead one = { 0 };
  GThread *thread;

  one.port = g_uri_get_port (uri);
  thread = g_thread_new ("one-read", one_read_thread, &one);
  while (!g_atomic_int_get (&one.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);

  g_assert_cmpuint (one.replies, ==, N_ONE_READ_EXCHANGES);
  g_assert_cmpuint (one.whole_first_reads, ==, N_ONE_READ_EXCHANGES);
}

/* Paths with %-escapes: the simulator takes paths raw from libsoup and
 * decodes them itself, as libsoup would: the handler sees the decoded
 * path, and what does not decode, or decodes to a ".." segment, is a 400
 * before the body. */
typedef struct
{
  guint16      port;
  const char  *paths[8];
  guint        statuses[8];
  gint         done;
} Paths;

static guint
status_of_get (guint16     port,
               const char *path)
{
  g_autofree char *request = g_strdup_printf ("GET %s HTTP/1.1\r\n"
                                              "Host: 127.0.0.1:%u\r\n"
                                              "Authorization: Bearer " MR_SIM_DEMO_KEY "\r\n"
                                              "Connection: close\r\n\r\n",
                                              path, port);
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  char buf[256];
  gssize n;

  addr.sin_family = AF_INET;
  addr.sin_port = htons (port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (connect (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (write (fd, request, strlen (request)), ==, strlen (request));
  n = read (fd, buf, sizeof buf - 1);
  close (fd);
  g_assert_cmpint (n, >, 12);
  buf[n] = '\0';
  g_assert_true (g_str_has_prefix (buf, "HTTP/1.1 "));

  return (guint) g_ascii_strtoull (buf + 9, NULL, 10);
}

static gpointer
paths_thread (gpointer data)
{
  Paths *paths = data;

  for (guint i = 0; paths->paths[i] != NULL; i++)
    paths->statuses[i] = status_of_get (paths->port, paths->paths[i]);
  g_atomic_int_set (&paths->done, 1);
  g_main_context_wakeup (NULL);

  return NULL;
}

static void
test_encoded_paths (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GUri) uri = g_uri_parse (mr_sim_server_get_url (f->sim), G_URI_FLAGS_NONE, NULL);
  Paths paths = {
    .paths = {
      API "%2Faccounts",             /* the accounts list */
      "/api/v2/dfy%2Demail-account-orders",
      API "%20",                     /* no such path */
      "/%2F..",                      /* decodes to a ".." segment */
      "/x/%2F%2E%2E/y",
      "/api/%00x",                   /* does not decode */
      NULL,
    },
  };
  static const guint expected[] = { 200, 200, 404, 400, 400, 400 };
  GThread *thread;

  paths.port = g_uri_get_port (uri);
  thread = g_thread_new ("paths", paths_thread, &paths);
  while (!g_atomic_int_get (&paths.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("%s", paths.paths[i]);
      g_assert_cmpuint (paths.statuses[i], ==, expected[i]);
    }
  /* counted under their decoded paths; refused ones never reach the handler */
  g_assert_cmpuint (mr_sim_server_get_n_requests (f->sim, API "/accounts"), ==, 1);
  g_assert_cmpuint (mr_sim_server_get_n_requests (f->sim, API), ==, 1);
  g_assert_cmpuint (mr_sim_server_get_n_requests (f->sim, NULL), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/mr/sim/request/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("body-too-large", test_body_too_large);
  ADD ("body-too-large-chunked", test_body_too_large_chunked);
  ADD ("body-at-limit", test_body_at_limit);
  ADD ("content-type-text-plain", test_content_type_text);
  ADD ("content-type-missing", test_content_type_missing);
  ADD ("content-type-with-charset", test_content_type_charset);
  ADD ("body-empty", test_body_empty);
  ADD ("body-whitespace", test_body_whitespace);
  ADD ("body-nested-80000", test_body_nested);
  ADD ("body-nested-64", test_body_nested_64);
  ADD ("body-lone-surrogate", test_lone_surrogate);
  ADD ("reply-one-read", test_reply_one_read);
  ADD ("encoded-paths", test_encoded_paths);
#undef ADD

  return g_test_run ();
}
