/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The core's JSON work on an order of 1,000 domains with 5 mailboxes each,
 * against json-glib's own cost on the same bytes: reading the order file
 * (vs json_parser_load_from_data), building the quote request (vs
 * JsonGenerator writing the same document) and parsing the simulator's
 * quote reply (vs json_parser_load_from_data). Medians of 15 runs.
 *
 * Usage: bench-core MAILROOM-SIM */

#include "config.h"

#include <libsoup/soup.h>

#include "mailroom-core.h"
#include "mr-bench.h"
#include "mr-sim-server.h"

#define N_RUNS 15

static GBytes *
fetch_quote (const char *sim_url,
             const char *body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (sim_url, "/api/v2/dfy-email-account-orders", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GError) error = NULL;
  GBytes *reply;

  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Authorization", "Bearer " MR_SIM_DEMO_KEY);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  if (reply == NULL || soup_message_get_status (msg) != 200)
    g_error ("The simulator did not quote: %s", error ? error->message : "bad status");

  return reply;
}

static double
parse_floor_ms (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  double start = mr_bench_now_ms ();

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL))
    g_error ("json-glib cannot parse the bytes");
  g_clear_object (&parser);

  return mr_bench_now_ms () - start;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) sim = NULL;
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) domains = mr_bench_free_domains ("core-outreach", 1000);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) request_tree = json_parser_new ();
  g_autofree char *request = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  const char *sim_args[] = { "--rate-limit", "0", NULL };
  double ours[3][N_RUNS], floor[3][N_RUNS];
  static const char *what[] = {
    "core, 1,000 x 5: read the order file",
    "core, 1,000 x 5: build the quote request",
    "core, 1,000 x 5: parse the quote reply",
  };

  for (guint i = 0; i < 1000; i++)
    {
      MrOrderItem *item = mr_order_item_new (domains[i]);

      mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing, Grace Hopper, "
                                          "Edsger Dijkstra, Barbara Liskov");
      g_ptr_array_add (items, item);
    }
  mr_order_append_items (order, (MrOrderItem **) items->pdata, items->len);

  draft = mr_json_order_draft (order);
  file = g_bytes_new_take (g_steal_pointer (&draft), strlen (draft));
  request = mr_json_order_request (order, TRUE);
  if (!json_parser_load_from_data (request_tree, request, -1, NULL))
    g_error ("The request is not JSON");

  if (argc != 2)
    {
      g_printerr ("Usage: %s MAILROOM-SIM\n", argv[0]);
      return 1;
    }
  sim = mr_bench_spawn_sim (argv[1], sim_args, &url, &error);
  if (sim == NULL)
    g_error ("%s", error->message);
  reply = fetch_quote (url, request);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(JsonGenerator) generator = NULL;
      g_autoptr(MrOrder) parsed = NULL;
      g_autoptr(MrQuote) quote = NULL;
      g_autofree char *text = NULL;
      g_autofree char *generated = NULL;
      double start;

      start = mr_bench_now_ms ();
      g_clear_error (&error);
      parsed = mr_json_parse_order_request (file, &error);
      g_clear_object (&parsed);
      ours[0][run] = mr_bench_now_ms () - start;
      g_assert_no_error (error);
      floor[0][run] = parse_floor_ms (file);

      start = mr_bench_now_ms ();
      text = mr_json_order_request (order, TRUE);
      ours[1][run] = mr_bench_now_ms () - start;
      start = mr_bench_now_ms ();
      generator = json_generator_new ();
      json_generator_set_root (generator, json_parser_get_root (request_tree));
      generated = json_generator_to_data (generator, NULL);
      floor[1][run] = mr_bench_now_ms () - start;

      start = mr_bench_now_ms ();
      g_clear_error (&error);
      quote = mr_json_parse_quote (reply, &error);
      g_clear_pointer (&quote, mr_quote_unref);
      ours[2][run] = mr_bench_now_ms () - start;
      g_assert_no_error (error);
      floor[2][run] = parse_floor_ms (reply);
    }

  for (guint i = 0; i < 3; i++)
    mr_bench_report (what[i], mr_bench_median (ours[i], N_RUNS),
                     mr_bench_median (floor[i], N_RUNS), "ms");

  mr_bench_stop (sim);

  return 0;
}
