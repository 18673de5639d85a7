/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mailroom-cli"

#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <string.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif

#include <glib/gi18n.h>

#include "mr-cli-private.h"

typedef struct
{
  const char  *name;
  const char  *parameters;     /* after the command name, for --help */
  const char  *summary;        /* translatable */
  const char  *description;    /* translatable, or NULL */
  const char **options;        /* long names of its own options */
  guint        min_args;
  guint        max_args;       /* G_MAXUINT: any */
  int        (*run)            (MrCli  *cli,
                                char  **args);
} MrCliCommand;

static MrCliOptions opts;

static const GOptionEntry global_entries[] = {
  { "api-url", 0, 0, G_OPTION_ARG_STRING, &opts.api_url,
    N_("Server to talk to (default: Mailroom's server setting, else https://api.instantly.ai; "
       "http:// only on loopback)"),
    N_("URL") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, &opts.demo,
    N_("Use the built-in simulator: nothing can be charged"), NULL },
  { "demo-state", 0, 0, G_OPTION_ARG_FILENAME, &opts.demo_state,
    N_("With --demo: keep the simulator's orders and accounts in FILE between runs"),
    N_("FILE") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json,
    N_("Print the server's reply as JSON"), NULL },
  { NULL }
};

/* every command option; each command picks its own by name */
static const GOptionEntry command_entries[] = {
  { "tld", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opts.tlds,
    N_("Top-level domain to suggest in (com or org; repeat for both)"), N_("TLD") },
  { "search", 0, 0, G_OPTION_ARG_STRING, &opts.search,
    N_("Only domains containing TEXT"), N_("TEXT") },
  { "ext", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opts.extensions,
    N_("Only this extension (com, org or co; repeat for several)"), N_("EXT") },
  { "limit", 0, 0, G_OPTION_ARG_INT, &opts.limit,
    N_("Items per page, 1 to 100"), N_("N") },
  { "all", 0, 0, G_OPTION_ARG_NONE, &opts.all,
    N_("Fetch every page, not only the first"), NULL },
  { "with-passwords", 0, 0, G_OPTION_ARG_NONE, &opts.with_passwords,
    N_("Include the accounts' passwords"), NULL },
  { "yes", 0, 0, G_OPTION_ARG_NONE, &opts.yes,
    N_("Really do it (without it, only show what would happen)"), NULL },
  { NULL }
};

static const char *similar_options[] = { "tld", NULL };
static const char *prewarmed_options[] = { "search", "ext", NULL };
static const char *list_options[] = { "limit", "all", NULL };
static const char *accounts_options[] = { "limit", "all", "with-passwords", NULL };
static const char *yes_options[] = { "yes", NULL };
static const char *no_options[] = { NULL };

static const MrCliCommand commands[] = {
  { "check", N_("DOMAIN…"), N_("Check whether domains can be ordered"),
    NULL, no_options, 1, G_MAXUINT, _mr_cli_cmd_check },
  { "similar", N_("DOMAIN"), N_("Suggest similar domains that are available"),
    NULL, similar_options, 1, 1, _mr_cli_cmd_similar },
  { "prewarmed", "", N_("List pre-warmed domains ready to order"),
    N_("An empty list is normal: pre-warmed domains come and go."),
    prewarmed_options, 0, 0, _mr_cli_cmd_prewarmed },
  { "quote", N_("FILE"), N_("Validate an order file and show its price"),
    N_("FILE is JSON in the shape of the API's request body:\n"
       "  {\"order_type\": \"dfy\", \"items\": [{\"domain\": \"example.com\",\n"
       "    \"email_provider\": 1, \"accounts\": [{\"first_name\": \"Jane\",\n"
       "    \"last_name\": \"Doe\", \"email_address_prefix\": \"jane\"}]}]}\n"
       "Exits with 1 when the order is not valid."),
    no_options, 1, 1, _mr_cli_cmd_quote },
  { "place", N_("FILE"), N_("Place an order: this charges the card on file"),
    N_("Shows a fresh quote and the card to be charged. Nothing is placed\n"
       "without --yes (exit status 2). Exit status 3: the order was sent but\n"
       "no trustworthy answer came back; check “mailroom-cli orders” before\n"
       "trying again. Exit status 4: a hosted checkout must be completed."),
    yes_options, 1, 1, _mr_cli_cmd_place },
  { "orders", "", N_("List the workspace's domain orders"),
    NULL, list_options, 0, 0, _mr_cli_cmd_orders },
  { "accounts", "", N_("List the workspace's ordered email accounts"),
    NULL, accounts_options, 0, 0, _mr_cli_cmd_accounts },
  { "cancel", N_("EMAIL…"), N_("Cancel ordered email accounts"),
    N_("Cancelling permanently deletes all Unibox emails and conversations of\n"
       "those accounts. Nothing is cancelled without --yes (exit status 2)."),
    yes_options, 1, G_MAXUINT, _mr_cli_cmd_cancel },
};

void
_mr_cli_message (const char *format,
                 ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("%s: %s\n", g_get_prgname (), text);
}

int
_mr_cli_fail (const GError *error)
{
  g_autofree char *text = NULL;

  /* the URL check's own message says exactly what is wrong with it */
  if (error->domain == MR_API_ERROR && error->code != MR_API_ERROR_INSECURE_URL)
    text = mr_api_error_describe (error);
  else
    text = g_strdup (error->message);

  _mr_cli_message ("%s", text);

  return MR_CLI_EXIT_FAILED;
}

void
_mr_cli_store_result_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  MrCli *cli = user_data;

  g_assert (cli->result == NULL);

  cli->result = g_object_ref (result);
  g_main_loop_quit (cli->loop);
}

/* Runs the main loop (which also serves the demo simulator) until the
 * call started with _mr_cli_store_result_cb has finished. */
GAsyncResult *
_mr_cli_wait (MrCli *cli)
{
  if (cli->result == NULL)
    g_main_loop_run (cli->loop);

  return g_steal_pointer (&cli->result);
}

static const MrCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

static gboolean
takes_value (const char *arg)
{
  static const char * const with_value[] = {
    "--api-url", "--demo-state", "--tld", "--search", "--ext", "--limit",
  };

  for (guint i = 0; i < G_N_ELEMENTS (with_value); i++)
    if (strcmp (arg, with_value[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The position of the command word: the first argument that is neither
 * an option nor an option's value; 0 when there is none. */
static int
find_command_position (int    argc,
                       char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        return i + 1 < argc ? i + 1 : 0;
      if (argv[i][0] != '-')
        return i;
      if (takes_value (argv[i]))
        i++;
    }

  return 0;
}

static char *
general_help (void)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text,
                          _("Usage:\n  %s [--demo] [--api-url URL] [--json] COMMAND [ARGUMENTS…]\n\n"),
                          g_get_prgname ());
  g_string_append (text, _("Order Done-For-You email accounts through Instantly's API.\n\n"));
  g_string_append (text, _("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("%s %s", commands[i].name,
                                                *commands[i].parameters != '\0'
                                                  ? _(commands[i].parameters) : "");

      glong width = g_utf8_strlen (g_strstrip (usage), -1);

      g_string_append_printf (text, "  %s%*s %s\n", usage, (int) MAX (18 - width, 0), "",
                              _(commands[i].summary));
    }
  g_string_append (text, _("\nGlobal options:\n"
                           "  --api-url URL      Server (default: Mailroom's server setting,\n"
                           "                     else https://api.instantly.ai)\n"
                           "  --demo             Use the built-in simulator: nothing is charged\n"
                           "  --demo-state FILE  Keep the simulator's orders in FILE\n"
                           "  --json             Print the server's reply as JSON\n\n"));
  g_string_append (text, _("The API key is read from MAILROOM_API_KEY, else from the keyring.\n"
                           "With no key, the built-in simulator is used.\n"));
  g_string_append_printf (text, _("Run “%s COMMAND --help” for a command's options.\n"),
                          g_get_prgname ());

  return g_string_free (text, FALSE);
}

static GOptionContext *
command_context (const MrCliCommand *command)
{
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autofree char *parameters = NULL;
  GOptionContext *context;

  parameters = g_strdup_printf ("%s %s", command->name,
                                *command->parameters != '\0' ? _(command->parameters) : "");
  context = g_option_context_new (g_strstrip (parameters));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (command->description != NULL)
    g_option_context_set_description (context, _(command->description));

  for (guint i = 0; command->options[i] != NULL; i++)
    for (guint j = 0; command_entries[j].long_name != NULL; j++)
      if (strcmp (command->options[i], command_entries[j].long_name) == 0)
        g_array_append_val (entries, command_entries[j]);

  g_option_context_add_main_entries (context, (const GOptionEntry *) (gpointer) entries->data,
                                     GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);

  return context;
}

static const char *
demo_pricing_file (void)
{
  const char *env = g_getenv ("MR_SIM_PRICING");

  if (env != NULL && *env != '\0')
    return env;

  if (g_file_test (MR_CLI_PRICING_FILE, G_FILE_TEST_IS_REGULAR))
    return MR_CLI_PRICING_FILE;

  return NULL;   /* the simulator's built-in defaults, which are the same */
}

static gboolean
connect_demo (MrCli   *cli,
              GError **error)
{
  g_autoptr(MrSimServer) sim = NULL;

  sim = mr_sim_server_new (demo_pricing_file (), error);
  if (sim == NULL)
    return FALSE;

  if (opts.demo_state != NULL && !mr_sim_server_set_state_file (sim, opts.demo_state, error))
    return FALSE;

  if (!mr_sim_server_listen (sim, "127.0.0.1", 0, error))
    return FALSE;

  cli->client = mr_api_client_new (mr_sim_server_get_url (sim), MR_SIM_DEMO_KEY, error);
  if (cli->client == NULL)
    return FALSE;

  cli->sim = g_steal_pointer (&sim);
  cli->demo = TRUE;

  return TRUE;
}

/* The server Mailroom itself uses (its "server-url" setting), so that the
 * key it stored for that server is found; the default server when the
 * app's settings schema is not installed. */
static char *
default_server_url (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *url = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL || !g_settings_schema_has_key (schema, "server-url"))
    return g_strdup (MR_API_DEFAULT_BASE_URL);

  settings = g_settings_new_full (schema, NULL, NULL);
  url = g_settings_get_string (settings, "server-url");
  g_strstrip (url);
  if (*url == '\0')
    return g_strdup (MR_API_DEFAULT_BASE_URL);

  return g_steal_pointer (&url);
}

static gboolean
connect_client (MrCli   *cli,
                GError **error)
{
  g_autofree char *settings_url = NULL;
  const char *url;
  const char *env_key = g_getenv ("MAILROOM_API_KEY");
  g_autofree char *key = NULL;

  if (opts.demo)
    {
      if (opts.api_url != NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("--demo and --api-url cannot be used together"));
          return FALSE;
        }

      g_printerr (_("Demo mode: using the built-in simulator; nothing can be charged.\n"));
      return connect_demo (cli, error);
    }

  if (opts.demo_state != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--demo-state only works with --demo"));
      return FALSE;
    }

  url = opts.api_url;
  if (url == NULL)
    url = settings_url = default_server_url ();

  /* refuse a bad URL before looking for a key to send to it */
  if (!mr_api_url_check (url, error))
    return FALSE;

  if (env_key != NULL && *env_key != '\0')
    {
      g_autoptr(GError) key_error = NULL;

      if (!mr_api_key_check (env_key, &key_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("MAILROOM_API_KEY cannot be used: %s"), key_error->message);
          return FALSE;
        }
      key = g_strdup (env_key);
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      key = mr_key_store_lookup_sync (url, NULL, &local_error);
      if (local_error != NULL)
        g_printerr (_("Could not read the API key from the keyring: %s\n"),
                    local_error->message);
    }

  if (key == NULL || *key == '\0')
    {
      if (opts.api_url != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("No API key for %s: set MAILROOM_API_KEY or store a key with Mailroom, "
                         "or use --demo"), url);
          return FALSE;
        }

      g_printerr (_("Demo mode: no API key found (MAILROOM_API_KEY or the keyring), "
                    "so the built-in simulator is used; nothing can be charged.\n"));
      return connect_demo (cli, error);
    }

  cli->client = mr_api_client_new (url, key, error);

  return cli->client != NULL;
}

static void
clear_options (void)
{
  g_clear_pointer (&opts.api_url, g_free);
  g_clear_pointer (&opts.demo_state, g_free);
  g_clear_pointer (&opts.tlds, g_strfreev);
  g_clear_pointer (&opts.search, g_free);
  g_clear_pointer (&opts.extensions, g_strfreev);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = NULL;
  const MrCliCommand *command;
  MrCli cli = { 0 };
  char **parse_argv;
  int parse_argc;
  int position;
  guint n_args;
  int status;

#ifdef __GLIBC__
  /* A run is short and its buffers are large (a quote of 1,000 domains
   * reads, writes and parses megabytes): keep them in one heap, reused
   * once freed, instead of a fresh mapping per large buffer and a heap
   * per thread, every page of which is a page fault to fill. A third
   * fewer page faults, and an eighth less CPU time, at 1,000 domains. */
  mallopt (M_MMAP_THRESHOLD, 4 * 1024 * 1024);
  mallopt (M_TOP_PAD, 4 * 1024 * 1024);
  mallopt (M_ARENA_MAX, 1);
#endif

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("mailroom-cli");

  position = find_command_position (argc, argv);
  if (position == 0)
    {
      g_autofree char *help = general_help ();
      gboolean asked = FALSE;

      for (int i = 1; i < argc; i++)
        asked |= (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0 ||
                  strcmp (argv[i], "help") == 0);
      if (asked)
        {
          g_print ("%s", help);
          return MR_CLI_EXIT_OK;
        }

      g_printerr ("%s", help);
      return MR_CLI_EXIT_FAILED;
    }

  if (strcmp (argv[position], "help") == 0)
    {
      g_autofree char *help = general_help ();

      g_print ("%s", help);
      return MR_CLI_EXIT_OK;
    }

  command = find_command (argv[position]);
  if (command == NULL)
    {
      _mr_cli_message (_("Unknown command “%s”. Run “%s --help” to see the commands."),
                       argv[position], g_get_prgname ());
      return MR_CLI_EXIT_FAILED;
    }

  /* argv without the command word; GOptionContext may rearrange it */
  parse_argv = g_new0 (char *, argc + 1);
  parse_argc = 0;
  for (int i = 0; i < argc; i++)
    if (i != position)
      parse_argv[parse_argc++] = argv[i];

  context = command_context (command);
  if (!g_option_context_parse (context, &parse_argc, &parse_argv, &error))
    {
      _mr_cli_message ("%s", error->message);
      g_printerr (_("Run “%s %s --help” to see its options.\n"),
                  g_get_prgname (), command->name);
      g_free (parse_argv);
      clear_options ();
      return MR_CLI_EXIT_FAILED;
    }

  args = g_ptr_array_new ();
  for (int i = 1; i < parse_argc; i++)
    if (strcmp (parse_argv[i], "--") != 0)
      g_ptr_array_add (args, parse_argv[i]);
  n_args = args->len;
  g_ptr_array_add (args, NULL);
  g_free (parse_argv);

  if (n_args < command->min_args || n_args > command->max_args)
    {
      _mr_cli_message (_("Wrong number of arguments. Usage: %s %s %s"),
                       g_get_prgname (), command->name, _(command->parameters));
      clear_options ();
      return MR_CLI_EXIT_FAILED;
    }

  cli.opts = &opts;
  cli.loop = g_main_loop_new (NULL, FALSE);

  if (!connect_client (&cli, &error))
    {
      status = _mr_cli_fail (error);
    }
  else
    {
      status = command->run (&cli, (char **) args->pdata);
    }

  if (cli.sim != NULL)
    mr_sim_server_disconnect (cli.sim);
  g_clear_object (&cli.client);
  g_clear_object (&cli.sim);
  g_clear_object (&cli.result);
  g_clear_pointer (&cli.loop, g_main_loop_unref);
  clear_options ();

  return status;
}
