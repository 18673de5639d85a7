/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mailroom-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mr-cli-private.h"

/* a server that keeps sending cursors must not keep us here forever */
#define MAX_PAGES 10000

typedef enum
{
  LIST_ORDERS,
  LIST_ACCOUNTS,
} ListKind;

static gboolean
check_limit (MrCli *cli)
{
  int limit = cli->opts->limit;

  if (limit != 0 && (limit < 1 || limit > 100))
    {
      _mr_cli_message (_("--limit must be between 1 and 100"));
      return FALSE;
    }

  return TRUE;
}

/* Fetches one page, or every page with @all. The items are copied into
 * @items; @out_next is the cursor after the last page fetched. */
static gboolean
fetch_pages (MrCli      *cli,
             ListKind    kind,
             guint       limit,
             gboolean    all,
             gboolean    with_passwords,
             GPtrArray  *items,
             char      **out_next,
             GError    **error)
{
  g_autoptr(MrPager) pager = mr_pager_new ();
  g_autofree char *next = NULL;

  /* the one pager: it stops at the last page, a repeated or cycling
   * cursor, and the page cap */
  mr_pager_set_max_pages (pager, MAX_PAGES);

  do
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(MrPage) page = NULL;
      const char *cursor = NULL;
      guint generation = mr_pager_begin (pager, &cursor);

      if (kind == LIST_ORDERS)
        {
          mr_api_client_list_orders_async (cli->client, limit, cursor,
                                           NULL, _mr_cli_store_result_cb, cli);
          result = _mr_cli_wait (cli);
          page = mr_api_client_list_orders_finish (cli->client, result, error);
        }
      else
        {
          mr_api_client_list_accounts_async (cli->client, limit, cursor, with_passwords,
                                             NULL, _mr_cli_store_result_cb, cli);
          result = _mr_cli_wait (cli);
          page = mr_api_client_list_accounts_finish (cli->client, result, error);
        }

      if (page == NULL)
        return FALSE;

      for (guint i = 0; i < page->items->len; i++)
        {
          gpointer item = g_ptr_array_index (page->items, i);

          if (kind == LIST_ORDERS)
            g_ptr_array_add (items, mr_order_record_copy (item));
          else
            g_ptr_array_add (items, mr_ordered_account_copy (item));
        }

      mr_pager_finish (pager, generation, page);
      if (!all)
        {
          next = g_strdup (page->next_starting_after);
          break;
        }
    }
  while (!mr_pager_is_done (pager));

  if (all && mr_pager_get_stop (pager) == MR_PAGER_REPEATED_CURSOR)
    _mr_cli_message (_("Stopped after %u pages: the server sent a page cursor it had sent "
                       "before, so the list may be incomplete."),
                     mr_pager_get_n_pages (pager));
  else if (all && mr_pager_get_stop (pager) == MR_PAGER_PAGE_CAP)
    _mr_cli_message (_("Stopped after %u pages: the list may be longer."),
                     mr_pager_get_n_pages (pager));

  *out_next = g_steal_pointer (&next);

  return TRUE;
}

static const char *
yes_no (gboolean has_value,
        gboolean value)
{
  if (!has_value)
    return "";

  return value ? _("yes") : _("no");
}

static char *
format_status (GDateTime *cancelled)
{
  g_autofree char *when = NULL;

  if (cancelled == NULL)
    return g_strdup (_("active"));

  when = _mr_cli_format_time (cancelled);
  /* TRANSLATORS: "cancelled 2026-01-31 12:00 UTC" */
  return g_strdup_printf (_("cancelled %s"), when);
}

int
_mr_cli_cmd_orders (MrCli  *cli,
                    char  **args)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrCliTable) table = NULL;
  g_autofree char *next = NULL;

  if (!check_limit (cli))
    return MR_CLI_EXIT_FAILED;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_order_record_free);
  if (!fetch_pages (cli, LIST_ORDERS, cli->opts->limit, cli->opts->all, FALSE,
                    records, &next, &error))
    return _mr_cli_fail (error);

  if (cli->opts->json)
    {
      _mr_cli_print_json (_mr_cli_json_orders (records, next));
      return MR_CLI_EXIT_OK;
    }

  if (records->len == 0)
    {
      g_print (_("No orders yet.\n"));
      return MR_CLI_EXIT_OK;
    }

  table = _mr_cli_table_new (5, _("Domain"), _("Forwarding to"), _("Pre-warmed"),
                             _("Ordered"), _("Status"));
  for (guint i = 0; i < records->len; i++)
    {
      const MrOrderRecord *record = g_ptr_array_index (records, i);
      g_autofree char *created = _mr_cli_format_time (record->timestamp_created);
      g_autofree char *status = format_status (record->timestamp_cancelled);

      _mr_cli_table_add_row (table, record->domain, record->forwarding_domain,
                             yes_no (record->has_is_pre_warmed_up, record->is_pre_warmed_up),
                             created, status);
    }
  _mr_cli_table_print (table);

  if (next != NULL)
    g_printerr (_("There are more orders: add --all to list them all.\n"));

  return MR_CLI_EXIT_OK;
}

static MrCliTable *
accounts_table (GPtrArray *accounts,
                gboolean   with_passwords)
{
  MrCliTable *table;

  if (with_passwords)
    table = _mr_cli_table_new (7, _("Email"), _("Name"), _("Provider"), _("Pre-warmed"),
                               _("Ordered"), _("Status"), _("Password"));
  else
    table = _mr_cli_table_new (6, _("Email"), _("Name"), _("Provider"), _("Pre-warmed"),
                               _("Ordered"), _("Status"));

  for (guint i = 0; i < accounts->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (accounts, i);
      g_autofree char *name = g_strdup_printf ("%s %s", account->first_name, account->last_name);
      g_autofree char *created = _mr_cli_format_time (account->timestamp_created);
      g_autofree char *status = format_status (account->timestamp_cancelled);
      const char *provider = mr_email_provider_is_valid (account->email_provider)
                               ? mr_email_provider_to_label (account->email_provider)
                               : "?";
      const char *pre_warmed = yes_no (TRUE, account->is_pre_warmed_up);

      if (with_passwords)
        _mr_cli_table_add_row (table, account->email, g_strstrip (name), provider, pre_warmed,
                               created, status,
                               account->password != NULL && *account->password != '\0'
                                 ? account->password : _("(not ready yet)"));
      else
        _mr_cli_table_add_row (table, account->email, g_strstrip (name), provider, pre_warmed,
                               created, status);
    }

  return table;
}

int
_mr_cli_cmd_accounts (MrCli  *cli,
                      char  **args)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrCliTable) table = NULL;
  g_autofree char *next = NULL;

  if (!check_limit (cli))
    return MR_CLI_EXIT_FAILED;

  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_ordered_account_free);
  if (!fetch_pages (cli, LIST_ACCOUNTS, cli->opts->limit, cli->opts->all,
                    cli->opts->with_passwords, accounts, &next, &error))
    return _mr_cli_fail (error);

  if (cli->opts->json)
    {
      _mr_cli_print_json (_mr_cli_json_accounts (accounts, next));
      return MR_CLI_EXIT_OK;
    }

  if (accounts->len == 0)
    {
      g_print (_("No email accounts yet.\n"));
      return MR_CLI_EXIT_OK;
    }

  table = accounts_table (accounts, cli->opts->with_passwords);
  _mr_cli_table_print (table);

  if (next != NULL)
    g_printerr (_("There are more accounts: add --all to list them all.\n"));

  return MR_CLI_EXIT_OK;
}

static const MrOrderedAccount *
find_account (GPtrArray  *accounts,
              const char *email)
{
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (accounts, i);

      if (g_ascii_strcasecmp (account->email, email) == 0)
        return account;
    }

  return NULL;
}

static void
print_cancel_warning (void)
{
  g_print (_("Warning: cancelling permanently deletes all Unibox emails and conversations "
             "of these accounts. This cannot be undone.\n"));
}

/* Without --yes: say what would go, and refuse. */
static int
preview_cancel (MrCli  *cli,
                char  **emails)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  guint n_emails = g_strv_length (emails);

  /* look the accounts up, to show whose they are and catch typos */
  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_ordered_account_free);
  if (!fetch_pages (cli, LIST_ACCOUNTS, 100, TRUE, FALSE, accounts, &next, &error))
    {
      g_autofree char *text = mr_api_error_describe (error);

      g_printerr (_("Could not look the accounts up: %s\n"), text);
      g_clear_pointer (&accounts, g_ptr_array_unref);
    }

  for (guint i = 0; emails[i] != NULL; i++)
    {
      const MrOrderedAccount *account = find_account (accounts, emails[i]);

      if (account != NULL)
        g_ptr_array_add (found, (gpointer) account);
      else
        g_ptr_array_add (missing, emails[i]);
    }

  if (cli->opts->json)
    {
      _mr_cli_print_json (_mr_cli_json_accounts (found, NULL));
    }
  else
    {
      g_print (ngettext ("This account would be cancelled:\n",
                         "These accounts would be cancelled:\n", n_emails));
      if (found->len > 0)
        {
          g_autoptr(MrCliTable) table = accounts_table (found, FALSE);

          _mr_cli_table_print (table);
        }
      for (guint i = 0; i < missing->len; i++)
        {
          if (accounts != NULL)
            g_print (_("%s (not found among this workspace's accounts)\n"),
                     (const char *) g_ptr_array_index (missing, i));
          else
            g_print ("%s\n", (const char *) g_ptr_array_index (missing, i));
        }
      g_print ("\n");
      print_cancel_warning ();
    }

  _mr_cli_message (ngettext ("Not cancelled: add --yes to cancel %u account.",
                             "Not cancelled: add --yes to cancel these %u accounts.",
                             n_emails), n_emails);

  return MR_CLI_EXIT_NOT_CONFIRMED;
}

int
_mr_cli_cmd_cancel (MrCli  *cli,
                    char  **args)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cancelled = NULL;
  g_autoptr(GPtrArray) not_cancelled = g_ptr_array_new ();

  for (guint i = 0; args[i] != NULL; i++)
    {
      const char *at = strchr (args[i], '@');

      if (at == NULL || at == args[i] || at[1] == '\0' || strchr (at + 1, '@') != NULL)
        {
          _mr_cli_message (_("“%s” is not an email address"), args[i]);
          return MR_CLI_EXIT_FAILED;
        }
    }

  if (!cli->opts->yes)
    return preview_cancel (cli, args);

  mr_api_client_cancel_accounts_async (cli->client, (const char * const *) args,
                                       NULL, _mr_cli_store_result_cb, cli);
  result = _mr_cli_wait (cli);
  cancelled = mr_api_client_cancel_accounts_finish (cli->client, result, &error);
  if (cancelled == NULL)
    return _mr_cli_fail (error);

  for (guint i = 0; args[i] != NULL; i++)
    if (find_account (cancelled, args[i]) == NULL)
      g_ptr_array_add (not_cancelled, args[i]);

  if (cli->opts->json)
    {
      _mr_cli_print_json (_mr_cli_json_accounts (cancelled, NULL));
    }
  else if (cancelled->len > 0)
    {
      g_autoptr(MrCliTable) table = accounts_table (cancelled, FALSE);

      g_print (ngettext ("Cancelled %u account:\n", "Cancelled %u accounts:\n", cancelled->len),
               cancelled->len);
      _mr_cli_table_print (table);
    }

  if (not_cancelled->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (not_cancelled, NULL);
      list = g_strjoinv (", ", (char **) not_cancelled->pdata);

      _mr_cli_message (_("Not cancelled (unknown to the server or already cancelled): %s"),
                       list);
      return MR_CLI_EXIT_FAILED;
    }

  return MR_CLI_EXIT_OK;
}
