/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The simulator's floor: a bare SoupServer on a free loopback port that
 * answers every request with the bytes of REPLY-FILE. Prints its address
 * on the first line, then serves until SIGTERM or SIGINT (then it returns
 * from its main loop, as mailroom-sim does, so that a profiler sees it
 * end).
 *
 * Usage: bench-bare-soup REPLY-FILE CONTENT-TYPE */

#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>
#include <libsoup/soup.h>

typedef struct
{
  char  *reply;
  gsize  length;
  char  *content_type;
} Reply;

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Reply *reply = user_data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, reply->content_type, SOUP_MEMORY_STATIC,
                                    reply->reply, reply->length);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  Reply reply = { NULL, 0, NULL };
  GSList *uris;

  if (argc != 3)
    {
      g_printerr ("Usage: %s REPLY-FILE CONTENT-TYPE\n", argv[0]);
      return 1;
    }

  if (!g_file_get_contents (argv[1], &reply.reply, &reply.length, &error))
    g_error ("%s", error->message);
  reply.content_type = argv[2];

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler_cb, &reply, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("%s", error->message);

  uris = soup_server_get_uris (server);
  printf ("Serving at http://127.0.0.1:%d\n", g_uri_get_port (uris->data));
  fflush (stdout);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  g_free (reply.reply);

  return 0;
}
