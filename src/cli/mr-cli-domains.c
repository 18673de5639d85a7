/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mailroom-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mr-cli-private.h"

#define CHECK_BATCH 50   /* the endpoint's maxItems */

/* The name the API gets: IDN converted to ASCII, "www." and the like
 * dropped. A name that cannot be a domain stops here. */
static char *
normalize_domain (const char  *input,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *ascii;

  ascii = mr_domain_name_normalize (input, &local_error);
  if (ascii == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   /* TRANSLATORS: a domain name and why it is not one */
                   _("“%s” is not a valid domain name: %s"), input, local_error->message);
      return NULL;
    }

  return ascii;
}

static char *
describe_availability (const MrDomainAvailability *result)
{
  switch (result->availability)
    {
    case MR_AVAILABILITY_AVAILABLE:
      return g_strdup (_("available"));
    case MR_AVAILABILITY_UNAVAILABLE:
      return g_strdup (_("taken"));
    case MR_AVAILABILITY_RESTRICTED:
      if (result->restricted_keyword != NULL)
        return g_strdup_printf (_("restricted (trademark “%s”)"), result->restricted_keyword);
      return g_strdup (_("restricted (trademark)"));
    case MR_AVAILABILITY_UNKNOWN:
    default:
      return g_strdup (_("unknown"));
    }
}

int
_mr_cli_cmd_check (MrCli  *cli,
                   char  **args)
{
  g_autoptr(GPtrArray) domains = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(MrCliTable) table = NULL;
  int status = MR_CLI_EXIT_OK;

  for (guint i = 0; args[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      char *ascii = normalize_domain (args[i], &error);

      if (ascii == NULL)
        return _mr_cli_fail (error);
      g_ptr_array_add (domains, ascii);
    }

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_domain_availability_free);
  replies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint start = 0; start < domains->len; start += CHECK_BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();
      g_autoptr(GPtrArray) batch_results = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = start; i < domains->len && i < start + CHECK_BATCH; i++)
        g_ptr_array_add (batch, g_ptr_array_index (domains, i));
      g_ptr_array_add (batch, NULL);

      mr_api_client_check_domains_async (cli->client, (const char * const *) batch->pdata,
                                         NULL, _mr_cli_store_result_cb, cli);
      result = _mr_cli_wait (cli);
      batch_results = mr_api_client_check_domains_finish (cli->client, result, &error);
      if (batch_results == NULL)
        return _mr_cli_fail (error);
      _mr_cli_keep_reply (replies, result);

      for (guint i = 0; i < batch_results->len; i++)
        g_ptr_array_add (results,
                         mr_domain_availability_copy (g_ptr_array_index (batch_results, i)));
    }

  if (cli->opts->json)
    {
      _mr_cli_print_replies (replies, "results");
      return status;
    }

  table = _mr_cli_table_new (2, _("Domain"), _("Status"));
  for (guint i = 0; i < results->len; i++)
    {
      const MrDomainAvailability *availability = g_ptr_array_index (results, i);
      g_autofree char *status_text = describe_availability (availability);

      _mr_cli_table_add_row (table, availability->domain, status_text);
    }

  /* a domain the server did not answer for is worth saying */
  for (guint i = 0; i < domains->len; i++)
    {
      const char *domain = g_ptr_array_index (domains, i);
      gboolean found = FALSE;

      for (guint j = 0; j < results->len && !found; j++)
        {
          const MrDomainAvailability *availability = g_ptr_array_index (results, j);

          found = availability->domain != NULL &&
                  g_ascii_strcasecmp (availability->domain, domain) == 0;
        }

      if (!found)
        _mr_cli_table_add_row (table, domain, _("no answer from the server"));
    }

  _mr_cli_table_print (table);

  return status;
}

int
_mr_cli_cmd_similar (MrCli  *cli,
                     char  **args)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *domain = NULL;
  g_auto(GStrv) similar = NULL;
  char **tlds = cli->opts->tlds;

  domain = normalize_domain (args[0], &error);
  if (domain == NULL)
    return _mr_cli_fail (error);

  for (guint i = 0; tlds != NULL && tlds[i] != NULL; i++)
    {
      const char *tld = tlds[i][0] == '.' ? tlds[i] + 1 : tlds[i];

      if (g_ascii_strcasecmp (tld, "com") != 0 && g_ascii_strcasecmp (tld, "org") != 0)
        {
          _mr_cli_message (_("Unsupported --tld “%s”: suggestions are in com and org"), tlds[i]);
          return MR_CLI_EXIT_FAILED;
        }
      if (tld != tlds[i])
        memmove (tlds[i], tld, strlen (tld) + 1);
      for (char *p = tlds[i]; *p != '\0'; p++)
        *p = g_ascii_tolower (*p);
    }

  mr_api_client_similar_domains_async (cli->client, domain, (const char * const *) tlds,
                                       NULL, _mr_cli_store_result_cb, cli);
  result = _mr_cli_wait (cli);
  similar = mr_api_client_similar_domains_finish (cli->client, result, &error);
  if (similar == NULL)
    return _mr_cli_fail (error);

  if (cli->opts->json)
    {
      g_autoptr(GPtrArray) replies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

      _mr_cli_keep_reply (replies, result);
      _mr_cli_print_replies (replies, "domains");
      return MR_CLI_EXIT_OK;
    }

  if (similar[0] == NULL)
    {
      g_print (_("No similar available domains for %s.\n"), domain);
      return MR_CLI_EXIT_OK;
    }

  g_print (ngettext ("%u similar available domain for %s:\n",
                     "%u similar available domains for %s:\n",
                     g_strv_length (similar)),
           g_strv_length (similar), domain);
  for (guint i = 0; similar[i] != NULL; i++)
    g_print ("  %s\n", similar[i]);

  return MR_CLI_EXIT_OK;
}

int
_mr_cli_cmd_prewarmed (MrCli  *cli,
                       char  **args)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  g_autoptr(MrCliTable) table = NULL;
  char **extensions = cli->opts->extensions;

  for (guint i = 0; extensions != NULL && extensions[i] != NULL; i++)
    {
      const char *ext = extensions[i][0] == '.' ? extensions[i] + 1 : extensions[i];

      if (g_ascii_strcasecmp (ext, "com") != 0 && g_ascii_strcasecmp (ext, "org") != 0 &&
          g_ascii_strcasecmp (ext, "co") != 0)
        {
          _mr_cli_message (_("Unsupported --ext “%s”: pre-warmed domains are com, org or co"),
                           extensions[i]);
          return MR_CLI_EXIT_FAILED;
        }
      if (ext != extensions[i])
        memmove (extensions[i], ext, strlen (ext) + 1);
      for (char *p = extensions[i]; *p != '\0'; p++)
        *p = g_ascii_tolower (*p);
    }

  mr_api_client_prewarmed_domains_async (cli->client, cli->opts->search,
                                         (const char * const *) extensions,
                                         NULL, _mr_cli_store_result_cb, cli);
  result = _mr_cli_wait (cli);
  domains = mr_api_client_prewarmed_domains_finish (cli->client, result, &error);
  if (domains == NULL)
    return _mr_cli_fail (error);

  if (cli->opts->json)
    {
      g_autoptr(GPtrArray) replies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

      _mr_cli_keep_reply (replies, result);
      _mr_cli_print_replies (replies, "domains");
      return MR_CLI_EXIT_OK;
    }

  if (domains->len == 0)
    {
      g_print (_("No pre-warmed domains are available right now.\n"));
      return MR_CLI_EXIT_OK;
    }

  table = _mr_cli_table_new (2, _("Domain"), _("Provider"));
  for (guint i = 0; i < domains->len; i++)
    {
      const MrPrewarmedDomain *domain = g_ptr_array_index (domains, i);

      _mr_cli_table_add_row (table, domain->domain,
                             domain->has_account_type
                               ? mr_email_provider_to_label (domain->account_type)
                               : "");
    }
  _mr_cli_table_print (table);

  return MR_CLI_EXIT_OK;
}
