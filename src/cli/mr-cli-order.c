/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mailroom-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-cli-private.h"

/* From this many domains on, the request body is written on a thread of
 * its own while the order is checked (both only read the order); for a
 * few domains starting a thread would cost more than it saves. */
#define MIN_DOMAINS_FOR_WRITER 50

/* `quote` ends the process once it has printed: its quote is then left
 * for the exit to take back, since freeing the parts of 1,000 domains
 * one by one costs more than a tenth of its instructions. A
 * sanitizer build frees them, so that its leak check sees every
 * allocation of the quote path freed. */
#if defined(__SANITIZE_ADDRESS__)
# define FREE_BEFORE_EXIT 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#  define FREE_BEFORE_EXIT 1
# endif
#endif

#ifndef FREE_BEFORE_EXIT
/* still reachable at exit, so no leak checker counts it as lost */
static MrQuote *quote_kept_until_exit;
#endif

static gpointer
write_request_cb (gpointer data)
{
  return mr_json_order_request (MR_ORDER (data), TRUE);
}

/* Says what is wrong with the order file at @path; returns the exit status */
static int
report_problems (MrCli      *cli,
                 const char *path,
                 GPtrArray  *problems)
{
  if (cli->opts->json)
    {
      _mr_cli_print_json (_mr_cli_json_problems (problems));
    }
  else
    {
      g_print (ngettext ("%s has %u problem:\n", "%s has %u problems:\n", problems->len),
               path, problems->len);
      _mr_cli_print_problems (problems, "  ");
    }

  _mr_cli_message (_("The order is not valid; nothing was sent."));

  return MR_CLI_EXIT_FAILED;
}

/* Loads and checks the order locally, and writes its request body in
 * *out_body. Returns NULL after saying why when it cannot be sent;
 * *status is the exit status then. Nothing leaves before the order is
 * found valid. */
static MrOrder *
load_valid_order (MrCli       *cli,
                  const char  *path,
                  char       **out_body,
                  int         *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOrder) order = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *body = NULL;
  GThread *writer = NULL;

  order = mr_order_file_load (path, &error);
  if (order == NULL)
    {
      *status = _mr_cli_fail (error);
      return NULL;
    }

  if (mr_order_get_n_items (order) >= MIN_DOMAINS_FOR_WRITER)
    writer = g_thread_try_new ("mailroom-request", write_request_cb, order, NULL);

  problems = mr_order_validate (order);

  if (writer != NULL)
    body = g_thread_join (writer);
  else if (problems->len == 0)
    body = mr_json_order_request (order, TRUE);

  if (problems->len == 0)
    {
      *out_body = g_steal_pointer (&body);
      return g_steal_pointer (&order);
    }

  *status = report_problems (cli, path, problems);

  return NULL;
}

/* load_valid_order() for `quote`, which needs of the order only its
 * request body and type: read into plain structs, checked and written in
 * one pass. An order that may have a problem is made into an MrOrder
 * and validated as above, for the same report. */
static char *
load_valid_request (MrCli        *cli,
                    const char   *path,
                    MrOrderType  *out_type,
                    int          *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOrderSpec) spec = NULL;
  g_autoptr(MrOrder) order = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  char *body;

  spec = mr_order_file_load_spec (path, &error);
  if (spec == NULL)
    {
      *status = _mr_cli_fail (error);
      return NULL;
    }

  *out_type = spec->order_type;
  body = mr_order_spec_write_request (spec, TRUE);
  if (body != NULL)
    return body;

  order = mr_order_spec_to_order (spec);
  problems = mr_order_validate (order);
  if (problems->len == 0)
    return mr_json_order_request (order, TRUE);

  *status = report_problems (cli, path, problems);

  return NULL;
}

/* Sends @body, an order's request (taken), for its quote */
static MrQuote *
simulate (MrCli     *cli,
          char      *body,
          guint64    revision,
          GBytes   **out_reply,
          GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  MrQuote *quote;
  GBytes *reply;

  mr_api_client_simulate_body_async (cli->client, body, revision, NULL,
                                     _mr_cli_store_result_cb, cli);
  result = _mr_cli_wait (cli);

  quote = mr_api_client_simulate_order_finish (cli->client, result, error);
  reply = mr_api_result_get_reply (result);
  *out_reply = reply != NULL ? g_bytes_ref (reply) : NULL;

  return quote;
}

/* load_valid_order(), then the quote for it; NULL after saying why when
 * either fails, with the exit status in *status. */
static MrQuote *
load_and_simulate (MrCli       *cli,
                   const char  *path,
                   MrOrder    **out_order,
                   GBytes     **out_reply,
                   int         *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOrder) order = NULL;
  char *body = NULL;
  MrQuote *quote;

  order = load_valid_order (cli, path, &body, status);
  if (order == NULL)
    return NULL;

  quote = simulate (cli, body, mr_order_get_revision (order), out_reply, &error);
  if (quote == NULL)
    {
      *status = _mr_cli_fail (error);
      return NULL;
    }

  *out_order = g_steal_pointer (&order);
  return quote;
}

static char *
join_or_none (GStrv strv)
{
  if (strv == NULL || strv[0] == NULL)
    return g_strdup (_("none"));

  return g_strjoinv (", ", strv);
}

/* Everything the reply says is wrong, by domain and account. */
static void
print_server_problems (MrQuote  *quote,
                       gboolean  placing)
{
  g_autoptr(GPtrArray) problems = mr_quote_collect_problems (quote);
  gboolean payment_listed = FALSE;

  for (guint i = 0; i < problems->len; i++)
    {
      const MrProblem *problem = g_ptr_array_index (problems, i);

      payment_listed |= (problem->kind == MR_PROBLEM_PAYMENT_FAILED);
    }

  if (quote->order_error != MR_ORDER_ERROR_NONE)
    {
      g_autofree char *text = mr_order_error_describe (quote->order_error);

      if (quote->order_error == MR_ORDER_ERROR_UNKNOWN && quote->order_error_raw != NULL)
        g_print (placing ? _("Not placed: %s (%s)\n") : _("Not valid: %s (%s)\n"),
                 text, quote->order_error_raw);
      else
        g_print (placing ? _("Not placed: %s\n") : _("Not valid: %s\n"), text);
    }
  else if (!quote->order_is_valid)
    {
      g_print (placing ? _("Not placed: the server says this order cannot be placed.\n")
                       : _("Not valid: the server says this order cannot be placed.\n"));
    }

  if (quote->payment_failure_reason != MR_PAYMENT_FAILURE_NONE && !payment_listed)
    {
      g_autofree char *text = mr_payment_failure_describe (quote->payment_failure_reason);

      g_print (_("Payment: %s\n"), text);
    }

  if (problems->len > 0)
    {
      g_print (_("Problems reported by the server:\n"));
      _mr_cli_print_problems (problems, "  ");
    }
}

/* A money field as it will be shown: "unknown" when the server sent
 * something that is not an amount */
static char *
format_money (gboolean known,
              MrCents  cents)
{
  if (!known)
    return g_strdup (_("unknown"));

  return mr_money_format (cents);
}

/* The fields the server sent but Mailroom could not read, on stderr */
static void
print_warnings (GPtrArray *warnings)
{
  if (warnings == NULL || warnings->len == 0)
    return;

  _mr_cli_message (ngettext ("The reply had %u field Mailroom could not read:",
                             "The reply had %u fields Mailroom could not read:",
                             warnings->len),
                   warnings->len);
  for (guint i = 0; i < warnings->len; i++)
    g_printerr ("  %s\n", (const char *) g_ptr_array_index (warnings, i));
}

static void
print_quote (MrOrderType  order_type,
             MrQuote     *quote,
             gboolean     show_card)
{
  g_autofree char *due = format_money (mr_quote_field_is_known (quote, MR_QUOTE_FIELD_TOTAL_PRICE),
                                       quote->total_price);
  g_autofree char *month = format_money (mr_quote_field_is_known (quote, MR_QUOTE_FIELD_TOTAL_PRICE_PER_MONTH),
                                         quote->total_price_per_month);
  g_autofree char *year = format_money (mr_quote_field_is_known (quote, MR_QUOTE_FIELD_TOTAL_PRICE_PER_YEAR),
                                        quote->total_price_per_year);
  g_autofree char *discount = format_money (mr_quote_field_is_known (quote, MR_QUOTE_FIELD_TOTAL_DISCOUNT),
                                            quote->total_discount);
  g_autofree char *free_domains = join_or_none (quote->free_domains);
  g_autofree char *card = NULL;
  g_autofree char *domains_text = NULL;
  g_autofree char *accounts_text = NULL;

  /* counts the server sent but that cannot be read are said to be unknown */
  if (mr_quote_field_is_known (quote, MR_QUOTE_FIELD_NUMBER_OF_DOMAINS_ORDERED) &&
      quote->number_of_domains_ordered <= G_MAXINT)
    domains_text = g_strdup_printf (ngettext ("%d domain",
                                              "%d domains",
                                              quote->number_of_domains_ordered),
                                    (int) quote->number_of_domains_ordered);
  else
    domains_text = g_strdup (_("an unknown number of domains"));
  if (mr_quote_field_is_known (quote, MR_QUOTE_FIELD_NUMBER_OF_ACCOUNTS_ORDERED) &&
      quote->number_of_accounts_ordered <= G_MAXINT)
    accounts_text = g_strdup_printf (ngettext ("%d mailbox",
                                               "%d mailboxes",
                                               quote->number_of_accounts_ordered),
                                     (int) quote->number_of_accounts_ordered);
  else
    accounts_text = g_strdup (_("an unknown number of mailboxes"));
  /* TRANSLATORS: "Quote for 3 domains, 6 mailboxes (New domains)" */
  g_print (_("Quote for %s, %s (%s)\n\n"),
           domains_text, accounts_text,
           mr_order_type_to_label (order_type));

  _mr_cli_print_quote_table (quote);
  g_print ("\n");

  if (show_card)
    card = _mr_cli_format_card (quote);

  _mr_cli_print_fields (_("Due now"), due,
                        _("Per month"), month,
                        _("Per year"), year,
                        _("Discount"), discount,
                        _("Free domains"), free_domains,
                        show_card ? _("Card") : NULL, card,
                        NULL);

  if (!mr_quote_allows_placing (quote, NULL))
    {
      g_print ("\n");
      print_server_problems (quote, FALSE);
    }
}

/* --json: the server's reply itself, every member as it came */
static void
print_reply (GBytes *reply)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (reply == NULL)
    return;

  text = mr_json_pretty (reply, &error);
  if (text == NULL)
    {
      _mr_cli_message ("%s", error->message);
      return;
    }

  g_print ("%s\n", text);
}

int
_mr_cli_cmd_quote (MrCli  *cli,
                   char  **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *reason = NULL;
  MrOrderType order_type = MR_ORDER_TYPE_DFY;
  int status = MR_CLI_EXIT_OK;
  char *body;

  /* the table and totals come from the reply; the order gives its type */
  body = load_valid_request (cli, args[0], &order_type, &status);
  if (body == NULL)
    return status;

  quote = simulate (cli, body, 0, &reply, &error);
  if (quote == NULL)
    return _mr_cli_fail (error);

#ifndef FREE_BEFORE_EXIT
  g_clear_pointer (&quote_kept_until_exit, mr_quote_unref);
  quote_kept_until_exit = mr_quote_ref (quote);
#endif

  if (cli->opts->json)
    print_reply (reply);
  else
    print_quote (order_type, quote, FALSE);

  print_warnings (quote->warnings);

  if (!mr_quote_allows_placing (quote, &reason))
    {
      _mr_cli_message (_("This order cannot be placed: %s"), reason);
      return MR_CLI_EXIT_FAILED;
    }

  return MR_CLI_EXIT_OK;
}

static int
report_placed (MrCli   *cli,
               MrQuote *reply,
               GBytes  *reply_bytes)
{
  if (cli->opts->json)
    print_reply (reply_bytes);

  if (reply->order_placed)
    {
      g_autofree char *charged = format_money (mr_quote_field_is_known (reply, MR_QUOTE_FIELD_TOTAL_PRICE),
                                               reply->total_price);
      g_autofree char *card = _mr_cli_format_card (reply);

      if (!cli->opts->json)
        {
          g_print ("\n");
          if (cli->demo)
            /* TRANSLATORS: "Demo order placed: $75.00, nothing was charged." */
            g_print (_("Demo order placed in the simulator: %s, nothing was charged.\n"), charged);
          else
            /* TRANSLATORS: "Order placed: $75.00 charged to Visa •••• 4242 (Jane Doe)." */
            g_print (_("Order placed: %s charged to %s.\n"), charged, card);
          g_print (_("See it with “%s orders”.\n"), g_get_prgname ());
        }

      /* placed, whatever else the reply got wrong: say which fields */
      print_warnings (reply->warnings);
      return MR_CLI_EXIT_OK;
    }

  if (reply->checkout_required)
    {
      if (reply->checkout_url != NULL && *reply->checkout_url != '\0')
        _mr_cli_message (_("Not placed yet: payment needs a hosted checkout. "
                           "Open this page to finish the order: %s"), reply->checkout_url);
      else
        _mr_cli_message (_("Not placed yet: payment needs a hosted checkout, and the server "
                           "sent no checkout page. Finish the order in Instantly's web app."));
      return MR_CLI_EXIT_CHECKOUT;
    }

  if (!cli->opts->json)
    {
      g_print ("\n");
      print_server_problems (reply, TRUE);
    }
  _mr_cli_message (_("Not placed: the server refused the order; nothing was charged."));

  return MR_CLI_EXIT_FAILED;
}

int
_mr_cli_cmd_place (MrCli  *cli,
                   char  **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOrder) order = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(MrQuote) reply = NULL;
  g_autoptr(MrOrderSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) quote_reply = NULL;
  g_autofree char *reason = NULL;
  MrPlaceOutcome outcome;
  int status = MR_CLI_EXIT_OK;

  quote = load_and_simulate (cli, args[0], &order, &quote_reply, &status);
  if (quote == NULL)
    return status;

  if (!cli->opts->json)
    print_quote (mr_order_get_order_type (order), quote, TRUE);
  print_warnings (quote->warnings);

  /* the same rule as the placer's, checked first to say it before --yes */
  if (!mr_quote_allows_placing (quote, &reason))
    {
      if (cli->opts->json)
        print_reply (quote_reply);
      _mr_cli_message (_("Not placed: %s"), reason);
      return MR_CLI_EXIT_FAILED;
    }

  if (!cli->opts->yes)
    {
      g_autofree char *due = mr_money_format (quote->total_price);

      if (cli->opts->json)
        print_reply (quote_reply);
      _mr_cli_message (_("Not placed: add --yes to place this order and be charged %s."), due);
      return MR_CLI_EXIT_NOT_CONFIRMED;
    }

  /* the window places through the same session: both read every reply,
   * and an unknown result, alike */
  session = mr_order_session_new_for_order (order, cli->client);
  mr_order_session_place_async (session, quote, _mr_cli_store_result_cb, cli);
  result = _mr_cli_wait (cli);
  outcome = mr_order_session_place_finish (session, result, &reply, &error);

  switch (outcome)
    {
    case MR_PLACE_OUTCOME_UNKNOWN_FOUND:
      _mr_cli_message (_("The connection was lost after the order was sent, and the orders "
                         "list shows it: the order was placed. See it with “%s orders”."),
                       g_get_prgname ());
      return MR_CLI_EXIT_OK;

    case MR_PLACE_OUTCOME_UNKNOWN_MISSING:
      _mr_cli_message (_("The result is unknown: the connection was lost, and the orders list "
                         "does not show the order, so it was most likely not placed. "
                         "Check with “%s orders” before trying again."),
                       g_get_prgname ());
      return MR_CLI_EXIT_RESULT_UNKNOWN;

    case MR_PLACE_OUTCOME_UNKNOWN_FAILED:
      _mr_cli_message (_("The result is unknown: the order was sent, but no trustworthy "
                         "answer came back, so it may or may not have been placed. "
                         "Check with “%s orders” before trying again."),
                       g_get_prgname ());
      return MR_CLI_EXIT_RESULT_UNKNOWN;

    case MR_PLACE_OUTCOME_CHECKOUT:
      if (error == NULL)
        {
          if (cli->opts->json)
            print_reply (mr_api_result_get_reply (result));
          _mr_cli_message (_("Not placed yet: payment needs a hosted checkout. "
                             "Open this page to finish the order: %s"),
                           mr_order_session_get_checkout_url (session));
        }
      else
        _mr_cli_message (_("Not placed yet: payment needs a hosted checkout. %s"), error->message);
      return MR_CLI_EXIT_CHECKOUT;

    case MR_PLACE_OUTCOME_PLACED:
    case MR_PLACE_OUTCOME_REJECTED:
      return report_placed (cli, reply, mr_api_result_get_reply (result));

    case MR_PLACE_OUTCOME_FAILED:
    case MR_PLACE_OUTCOME_NONE:
    default:
      if (reply != NULL)
        return report_placed (cli, reply, mr_api_result_get_reply (result));
      return _mr_cli_fail (error);
    }
}
