/* SPDX-License-Identifier: GPL-3.0-or-later */

/* mailroom-sim's throughput: quotes of a 1-domain order (5 mailboxes) per
 * second over 1, 8 and 32 keep-alive connections, each sending its next
 * request when the reply to the last one is in, against a bare SoupServer
 * (bench-bare-soup) answering with the same reply bytes. Connections are
 * opened before the clock starts; the best of 3 interleaved one-second
 * rounds is printed.
 *
 * With --callgrind first, each server runs once under valgrind's callgrind
 * instead, collecting only inside its main loop (g_main_loop_run: not its
 * start-up or exit), while 8 keep-alive connections send CALLGRIND_QUOTES
 * quotes; it prints each server's instructions a quote and their ratio
 * (the bare server's over ours, the throughput ratio with the machine's
 * noise removed). About a minute; not run by --benchmark. With
 * MR_BENCH_PROFILES=DIR, the two profiles stay in DIR (callgrind.sim,
 * callgrind.bare) for callgrind_annotate.
 *
 * Usage: bench-sim [--callgrind] MAILROOM-SIM BARE-SOUP */

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
#define CALLGRIND_CONNECTIONS 8
#define CALLGRIND_QUOTES 4000

typedef struct
{
  int          fd;
  const char  *request;
  gsize        request_len;
  gint        *go;
  gint64       deadline;
  guint        quota;        /* 0: until the deadline */
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

  while (conn->quota > 0 ? conn->done < conn->quota : g_get_monotonic_time () < conn->deadline)
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

/* Runs @n_connections keep-alive connections, each sending @request
 * until the clock has run SECONDS, or @quota times each when @quota is
 * not 0; returns the replies received and the seconds it took */
static guint
run_connections (guint16     port,
                 guint       n_connections,
                 const char *request,
                 guint       quota,
                 double     *seconds)
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
      conns[i].quota = quota;
      threads[i] = g_thread_new ("conn", conn_thread, &conns[i]);
    }
  g_atomic_int_set (&go, 1);

  for (guint i = 0; i < n_connections; i++)
    {
      g_thread_join (threads[i]);
      total += conns[i].done;
      close (conns[i].fd);
    }

  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  return total;
}

static double
quotes_per_second (guint16     port,
                   guint       n_connections,
                   const char *request)
{
  double seconds;
  guint total = run_connections (port, n_connections, request, 0, &seconds);

  return total / seconds;
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

/* Starts @program with @args, under valgrind's callgrind when
 * @profile is not NULL (collecting in the main loop only, into
 * @profile); *url is where it listens */
static GSubprocess *
spawn_server (const char  *program,
              const char **args,
              const char  *profile,
              char       **url)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *valgrind = NULL;

  if (profile != NULL)
    {
      valgrind = g_find_program_in_path ("valgrind");
      if (valgrind == NULL)
        g_error ("--callgrind needs valgrind (the Debian package valgrind)");
      g_ptr_array_add (argv, g_strdup ("--tool=callgrind"));
      g_ptr_array_add (argv, g_strdup ("-q"));
      g_ptr_array_add (argv, g_strdup ("--collect-atstart=no"));
      g_ptr_array_add (argv, g_strdup ("--toggle-collect=g_main_loop_run"));
      g_ptr_array_add (argv, g_strdup_printf ("--callgrind-out-file=%s", profile));
      g_ptr_array_add (argv, g_strdup (program));
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  process = mr_bench_spawn_sim (valgrind != NULL ? valgrind : program,
                                (const char **) argv->pdata, url, &error);
  if (process == NULL)
    g_error ("Cannot start %s: %s", program, error->message);

  return g_steal_pointer (&process);
}

/* The instructions callgrind counted in @profile */
static guint64
profile_total (const char *profile)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *totals;

  if (!g_file_get_contents (profile, &contents, NULL, &error))
    g_error ("No profile: %s", error->message);

  totals = strstr (contents, "\ntotals: ");
  if (totals == NULL)
    g_error ("%s has no “totals:” line", profile);

  return g_ascii_strtoull (totals + strlen ("\ntotals: "), NULL, 10);
}

/* Sends CALLGRIND_QUOTES quotes over CALLGRIND_CONNECTIONS connections to
 * the server at @url, stops it; its instructions a quote, @before quotes
 * it answered already counted in */
static double
instructions_a_quote (GSubprocess *server,
                      const char  *url,
                      const char  *profile,
                      guint        before)
{
  g_autofree char *request = make_request (port_of (url));
  double seconds;
  guint n = run_connections (port_of (url), CALLGRIND_CONNECTIONS, request,
                             CALLGRIND_QUOTES / CALLGRIND_CONNECTIONS, &seconds);

  if (n != CALLGRIND_QUOTES)
    g_error ("Only %u of %u quotes were answered", n, CALLGRIND_QUOTES);
  mr_bench_stop (server);

  /* the connections' first exchanges too */
  return profile_total (profile) / (double) (before + CALLGRIND_CONNECTIONS + n);
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
  g_autofree char *tmpdir = NULL;
  g_autofree char *sim_profile = NULL;
  g_autofree char *bare_profile = NULL;
  double ours[G_N_ELEMENTS (widths)], floor[G_N_ELEMENTS (widths)];
  gboolean callgrind = FALSE;
  Conn probe = { 0 };
  int fd;

  if (argc == 4 && g_str_equal (argv[1], "--callgrind"))
    {
      callgrind = TRUE;
      argv++;
      argc--;
    }
  if (argc != 3)
    {
      g_printerr ("Usage: %s [--callgrind] MAILROOM-SIM BARE-SOUP\n", argv[0]);
      return 1;
    }

  if (callgrind)
    {
      if (g_getenv ("MR_BENCH_PROFILES") != NULL)
        {
          tmpdir = g_strdup (g_getenv ("MR_BENCH_PROFILES"));
        }
      else
        {
          tmpdir = g_dir_make_tmp ("mailroom-bench-sim-XXXXXX", &error);
          g_assert_no_error (error);
        }
      sim_profile = g_build_filename (tmpdir, "callgrind.sim", NULL);
      bare_profile = g_build_filename (tmpdir, "callgrind.bare", NULL);
    }

  sim = spawn_server (argv[1], sim_args, sim_profile, &sim_url);
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

  if (callgrind)
    {
      const char *bare_args[] = { reply_file, content_type->str, NULL };
      double sim_per_quote, bare_per_quote;

      /* one at a time: callgrind is slow, and the two would share the cores */
      sim_per_quote = instructions_a_quote (sim, sim_url, sim_profile, 1);
      bare = spawn_server (argv[2], bare_args, bare_profile, &bare_url);
      bare_per_quote = instructions_a_quote (bare, bare_url, bare_profile, 0);

      mr_bench_report ("instructions a quote, 8 connections", sim_per_quote / 1e3,
                       bare_per_quote / 1e3, "K");
      g_print ("%-46s %.2f\n", "throughput ratio by instructions (floor/ours)",
               bare_per_quote / sim_per_quote);
      g_print ("instructions (K = thousands) in each server's main loop, counted by callgrind\n");

      if (g_getenv ("MR_BENCH_PROFILES") == NULL)
        {
          g_remove (sim_profile);
          g_remove (bare_profile);
          g_rmdir (tmpdir);
        }
      g_remove (reply_file);

      return 0;
    }

  {
    const char *bare_args[] = { reply_file, content_type->str, NULL };

    bare = spawn_server (argv[2], bare_args, NULL, &bare_url);
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
