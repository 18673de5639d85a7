/* SPDX-License-Identifier: GPL-3.0-or-later */

/* mailroom-sim's throughput: quotes of a 1-domain order (5 mailboxes) per
 * second over 1, 8 and 32 keep-alive connections, each sending its next
 * request when the reply to the last one is in, against a bare SoupServer
 * (bench-bare-soup) answering with the same reply bytes. Connections are
 * opened before the clock starts; the best of 3 interleaved one-second
 * rounds is printed.
 *
 * Usage: bench-sim MAILROOM-SIM BARE-SOUP */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <glib/gstdio.h>

#include "mailroom-core.h"
#include "mr-bench.h"
#include "mr-sim-server.h"

#define SECONDS 1
#define N_ROUNDS 3

typedef struct
{
  int          fd;
  const char  *request;
  gsize        request_len;
  gint        *go;
  gint64       deadline;
  guint        done;
  GString     *content_type;
  GString     *body;
} Conn;

static int
connect_to (guint16 port)
{
  struct sockaddr_in addr = { 0 };
  int one = 1;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  addr.sin_family = AF_INET;
  addr.sin_port = htons (port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd < 0 || connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0)
    g_error ("Cannot connect to port %u: %s", port, g_strerror (errno));
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

  return fd;
}

/* Sends the request and reads one reply; FALSE if the connection broke */
static gboolean
exchange (Conn *conn)
{
  char buf[16384];
  gsize have = 0, header_len = 0, content_length = 0;
  gsize off = 0;
  char *end = NULL;

  while (off < conn->request_len)
    {
      ssize_t n = write (conn->fd, conn->request + off, conn->request_len - off);

      if (n <= 0)
        return FALSE;
      off += n;
    }

  while (end == NULL)
    {
      ssize_t n = read (conn->fd, buf + have, sizeof buf - 1 - have);

      if (n <= 0)
        return FALSE;
      have += n;
      buf[have] = '\0';
      end = strstr (buf, "\r\n\r\n");
      if (end == NULL && have >= sizeof buf - 1)
        return FALSE;
    }

  header_len = end + 4 - buf;
  if (!g_str_has_prefix (buf, "HTTP/1.1 200"))
    {
      g_printerr ("Unexpected reply: %.*s\n", (int) MIN (header_len, 200), buf);
      return FALSE;
    }

  for (char *line = buf; line < end; line = strstr (line, "\r\n") + 2)
    {
      if (g_ascii_strncasecmp (line, "Content-Length:", 15) == 0)
        content_length = g_ascii_strtoull (line + 15, NULL, 10);
      else if (conn->content_type != NULL &&
               g_ascii_strncasecmp (line, "Content-Type:", 13) == 0)
        {
          const char *value = line + 13;

          while (*value == ' ')
            value++;
          g_string_append_len (conn->content_type, value, strstr (line, "\r\n") - value);
        }
    }

  if (conn->body != NULL)
    g_string_append_len (conn->body, buf + header_len, have - header_len);
  have -= header_len;

  while (have < content_length)
    {
      ssize_t n = read (conn->fd, buf, MIN (sizeof buf, content_length - have));

      if (n <= 0)
        return FALSE;
      if (conn->body != NULL)
        g_string_append_len (conn->body, buf, n);
      have += n;
    }

  return TRUE;
}

static gpointer
conn_thread (gpointer data)
{
  Conn *conn = data;

  while (!g_atomic_int_get (conn->go))
    g_usleep (100);

  while (g_get_monotonic_time () < conn->deadline)
    {
      if (!exchange (conn))
        {
          g_printerr ("A connection broke after %u replies\n", conn->done);
          break;
        }
      conn->done++;
    }

  return NULL;
}

static double
quotes_per_second (guint16     port,
                   guint       n_connections,
                   const char *request)
{
  g_autofree Conn *conns = g_new0 (Conn, n_connections);
  g_autofree GThread **threads = g_new0 (GThread *, n_connections);
  gint go = 0;
  guint total = 0;
  gint64 start;

  for (guint i = 0; i < n_connections; i++)
    {
      conns[i].fd = connect_to (port);
      conns[i].request = request;
      conns[i].request_len = strlen (request);
      conns[i].go = &go;
      /* one exchange first, so that the server has accepted them all */
      if (!exchange (&conns[i]))
        g_error ("The first request on connection %u failed", i);
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_connections; i++)
    {
      conns[i].deadline = start + SECONDS * G_USEC_PER_SEC;
      threads[i] = g_thread_new ("conn", conn_thread, &conns[i]);
    }
  g_atomic_int_set (&go, 1);

  for (guint i = 0; i < n_connections; i++)
    {
      g_thread_join (threads[i]);
      total += conns[i].done;
      close (conns[i].fd);
    }

  return total / ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
}

static guint16
port_of (const char *url)
{
  return (guint16) g_ascii_strtoull (strrchr (url, ':') + 1, NULL, 10);
}

static char *
make_request (guint16 port)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_auto(GStrv) domains = mr_bench_free_domains ("throughput-outreach", 1);
  g_autoptr(MrOrderItem) item = mr_order_item_new (domains[0]);
  g_autofree char *body = NULL;

  mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing, Grace Hopper, "
                                      "Edsger Dijkstra, Barbara Liskov");
  mr_order_append_item (order, item);
  body = mr_json_order_request (order, TRUE);

  return g_strdup_printf ("POST /api/v2/dfy-email-account-orders HTTP/1.1\r\n"
                          "Host: 127.0.0.1:%u\r\n"
                          "Authorization: Bearer " MR_SIM_DEMO_KEY "\r\n"
                          "Content-Type: application/json\r\n"
                          "Accept: application/json\r\n"
                          "Content-Length: %zu\r\n"
                          "\r\n%s", port, strlen (body), body);
}

int
main (int   argc,
      char *argv[])
{
  static const guint widths[] = { 1, 8, 32 };
  const char *sim_args[] = { "--rate-limit", "0", NULL };
  g_autoptr(GSubprocess) sim = NULL;
  g_autoptr(GSubprocess) bare = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) content_type = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *sim_url = NULL;
  g_autofree char *bare_url = NULL;
  g_autofree char *sim_request = NULL;
  g_autofree char *bare_request = NULL;
  g_autofree char *reply_file = NULL;
  double ours[G_N_ELEMENTS (widths)], floor[G_N_ELEMENTS (widths)];
  Conn probe = { 0 };
  int fd;

  if (argc != 3)
    {
      g_printerr ("Usage: %s MAILROOM-SIM BARE-SOUP\n", argv[0]);
      return 1;
    }

  sim = mr_bench_spawn_sim (argv[1], sim_args, &sim_url, &error);
  if (sim == NULL)
    g_error ("%s", error->message);
  sim_request = make_request (port_of (sim_url));

  /* the reply bytes the bare server will send */
  probe.fd = connect_to (port_of (sim_url));
  probe.request = sim_request;
  probe.request_len = strlen (sim_request);
  probe.content_type = content_type;
  probe.body = body;
  if (!exchange (&probe))
    g_error ("The simulator did not answer the quote");
  close (probe.fd);

  fd = g_file_open_tmp ("mailroom-reply-XXXXXX.json", &reply_file, &error);
  g_assert_no_error (error);
  close (fd);
  if (!g_file_set_contents (reply_file, body->str, body->len, &error))
    g_error ("%s", error->message);

  {
    const char *bare_argv[] = { argv[2], reply_file, content_type->str, NULL };
    g_autoptr(GDataInputStream) out = NULL;
    g_autofree char *line = NULL;

    bare = g_subprocess_newv (bare_argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
    g_assert_no_error (error);
    out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bare));
    line = g_data_input_stream_read_line (out, NULL, NULL, &error);
    if (line == NULL || strstr (line, "http://") == NULL)
      g_error ("The bare server did not start");
    bare_url = g_strdup (strstr (line, "http://"));
  }
  bare_request = make_request (port_of (bare_url));

  /* the best of interleaved rounds: other work on the machine only ever
   * slows a round down */
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      ours[i] = floor[i] = 0;
      for (guint round = 0; round < N_ROUNDS; round++)
        {
          ours[i] = MAX (ours[i], quotes_per_second (port_of (sim_url), widths[i], sim_request));
          floor[i] = MAX (floor[i], quotes_per_second (port_of (bare_url), widths[i], bare_request));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *what = g_strdup_printf ("simulator quotes/s, %u connection%s", widths[i],
                                               widths[i] == 1 ? "" : "s");

      mr_bench_report (what, ours[i], floor[i], "q/s");
    }

  mr_bench_stop (sim);
  mr_bench_stop (bare);
  g_remove (reply_file);

  return 0;
}
