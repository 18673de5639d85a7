/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <libsoup/soup.h>

#include "mr-sim-server.h"

G_BEGIN_DECLS

/* For the tests that talk to the simulator with plain libsoup, never
 * through core's client (test-sim.c, test-sim-contract.c). Header-only, so
 * those tests need nothing else linked. */

/* A simulator on 127.0.0.1, port 0, with the pricing of $MR_SIM_PRICING */
static inline MrSimServer *
mr_sim_test_server_new (void)
{
  g_autoptr(MrSimServer) sim = NULL;
  g_autoptr(GError) error = NULL;

  sim = mr_sim_server_new (g_getenv ("MR_SIM_PRICING"), &error);
  g_assert_no_error (error);
  mr_sim_server_listen (sim, "127.0.0.1", 0, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&sim);
}

static inline void
mr_sim_test_store_result_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Sends @method @path to @sim, with "Authorization: Bearer @key" and the
 * JSON @body when they are not NULL, and spins until the whole reply is
 * read. *out_msg is the message, for the status and headers. */
static inline GBytes *
mr_sim_test_send (SoupSession  *session,
                  MrSimServer  *sim,
                  const char   *method,
                  const char   *path,
                  const char   *key,
                  const char   *body,
                  SoupMessage **out_msg,
                  GError      **error)
{
  g_autofree char *url = g_strconcat (mr_sim_server_get_url (sim), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  GBytes *bytes;

  g_assert_nonnull (msg);
  if (key != NULL)
    {
      g_autofree char *header = g_strdup_printf ("Bearer %s", key);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    mr_sim_test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  bytes = soup_session_send_and_read_finish (session, result, error);
  *out_msg = g_steal_pointer (&msg);

  return bytes;
}

G_END_DECLS
