/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mailroom-sim"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib-unix.h>

#include "mr-sim-server.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_REMOVE;
}

static gboolean
parse_payment (const char    *reason,
               MrSimPayment  *payment)
{
  static const struct { const char *name; MrSimPayment value; } names[] = {
    { "payment_method_not_supported", MR_SIM_PAYMENT_METHOD_NOT_SUPPORTED },
    { "authentication_required", MR_SIM_PAYMENT_AUTHENTICATION_REQUIRED },
    { "card_expired", MR_SIM_PAYMENT_CARD_EXPIRED },
    { "generic_decline", MR_SIM_PAYMENT_GENERIC_DECLINE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (reason, names[i].name))
      {
        *payment = names[i].value;
        return TRUE;
      }

  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrSimServer) sim = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *host = NULL;
  g_autofree char *pricing = NULL;
  g_autofree char *state = NULL;
  g_autofree char *payment_failure = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) faults = NULL;
  gboolean allow_remote = FALSE;
  gboolean no_plan = FALSE;
  gboolean checkout_required = FALSE;
  int port = 0;
  int latency = 0;
  int rate_limit = -1;
  int check_rate_limit = -1;
  GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, "Address to listen on (default 127.0.0.1)", "ADDRESS" },
    { "allow-remote", 0, 0, G_OPTION_ARG_NONE, &allow_remote, "Allow a non-loopback address", NULL },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port (default 0: any free port)", "PORT" },
    { "pricing", 0, 0, G_OPTION_ARG_FILENAME, &pricing, "Pricing file (default: the installed sim-pricing.json)", "FILE" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state, "Keep orders and accounts in this JSON file", "FILE" },
    { "key", 'k', 0, G_OPTION_ARG_STRING_ARRAY, &keys, "Add an API key, with comma-separated scopes (default all:all)", "KEY[:SCOPES]" },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit, "Requests a minute per workspace (default 6000, 0: no limit)", "N" },
    { "check-rate-limit", 0, 0, G_OPTION_ARG_INT, &check_rate_limit, "Domain checks a minute per workspace (default 30, 0: no limit)", "N" },
    { "latency", 0, 0, G_OPTION_ARG_INT, &latency, "Delay every reply", "MS" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults, "Fail the next COUNT requests to PATH, or placements or quotes only (TARGET place or quote), with KIND (500, malformed, drop or drop-before, drop-after)", "TARGET:KIND[:COUNT]" },
    { "no-plan", 0, 0, G_OPTION_ARG_NONE, &no_plan, "Answer every call with 402 (no paid plan)", NULL },
    { "payment-failure", 0, 0, G_OPTION_ARG_STRING, &payment_failure, "Make payments fail: payment_method_not_supported, authentication_required, card_expired or generic_decline", "REASON" },
    { "checkout-required", 0, 0, G_OPTION_ARG_NONE, &checkout_required, "Orders need a hosted checkout", NULL },
    { NULL }
  };

  context = g_option_context_new ("- simulate Instantly's DFY email account order API");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (host == NULL)
    host = g_strdup ("127.0.0.1");
  if (port < 0 || port > 65535)
    {
      g_printerr ("Bad port %d\n", port);
      return EXIT_FAILURE;
    }
  if (latency < 0)
    {
      g_printerr ("Bad latency %d\n", latency);
      return EXIT_FAILURE;
    }

  address = g_inet_address_new_from_string (g_str_equal (host, "localhost") ? "127.0.0.1" : host);
  if (address == NULL)
    {
      g_printerr ("\"%s\" is not an IP address\n", host);
      return EXIT_FAILURE;
    }
  if (!g_inet_address_get_is_loopback (address) && !allow_remote)
    {
      g_printerr ("Refusing to listen on %s, which is not a loopback address; "
                  "add --allow-remote if you mean it\n", host);
      return EXIT_FAILURE;
    }

  if (pricing == NULL && g_file_test (MR_SIM_PRICING_FILE, G_FILE_TEST_EXISTS))
    pricing = g_strdup (MR_SIM_PRICING_FILE);

  sim = mr_sim_server_new (pricing, &error);
  if (sim == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (state != NULL && !mr_sim_server_set_state_file (sim, state, &error))
    {
      g_printerr ("Could not use the state file: %s\n", error->message);
      return EXIT_FAILURE;
    }

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *key = g_strdup (keys[i]);
      char *colon = strchr (key, ':');
      const char *scopes = "all:all";

      /* KEY:SCOPES, where the scopes themselves contain colons */
      if (colon != NULL)
        {
          *colon = '\0';
          scopes = colon + 1;
        }
      if (*key == '\0')
        {
          g_printerr ("Empty --key\n");
          return EXIT_FAILURE;
        }
      mr_sim_server_add_key (sim, key, scopes);
    }

  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    {
      if (!mr_sim_server_inject_fault_spec (sim, faults[i], &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  if (payment_failure != NULL)
    {
      MrSimPayment payment;

      if (!parse_payment (payment_failure, &payment))
        {
          g_printerr ("Unknown payment failure \"%s\"\n", payment_failure);
          return EXIT_FAILURE;
        }
      mr_sim_server_set_payment (sim, payment);
    }

  if (rate_limit < -1 || check_rate_limit < -1)
    {
      g_printerr ("Rate limits cannot be negative\n");
      return EXIT_FAILURE;
    }
  if (rate_limit >= 0 || check_rate_limit >= 0)
    mr_sim_server_set_rate_limits (sim,
                                   check_rate_limit >= 0 ? (guint) check_rate_limit : MR_SIM_CHECK_PER_MINUTE,
                                   rate_limit >= 0 ? (guint) rate_limit : MR_SIM_GLOBAL_PER_MINUTE);

  mr_sim_server_set_latency (sim, (guint) latency);
  mr_sim_server_set_has_plan (sim, !no_plan);
  mr_sim_server_set_checkout_required (sim, checkout_required);

  if (!mr_sim_server_listen (sim, host, (guint) port, &error))
    {
      g_printerr ("Could not listen on %s:%d: %s\n", host, port, error->message);
      return EXIT_FAILURE;
    }

  /* The demo key is public, so printing it is fine; keys given with --key
   * are never printed. */
  g_print ("Serving the DFY API simulator at %s\n", mr_sim_server_get_url (sim));
  g_print ("Demo API key: %s\n", MR_SIM_DEMO_KEY);
  g_print ("Press Ctrl+C to stop.\n");
  /* whoever started us may wait for the address on a pipe */
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  mr_sim_server_disconnect (sim);

  return EXIT_SUCCESS;
}
