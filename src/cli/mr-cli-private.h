/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include <json-glib/json-glib.h>

#include "mailroom-core.h"
#include "mr-sim-server.h"

G_BEGIN_DECLS

/* Exit statuses of mailroom-cli */
enum
{
  MR_CLI_EXIT_OK              = 0,
  MR_CLI_EXIT_FAILED          = 1,  /* an error, an invalid order, a rejected order */
  MR_CLI_EXIT_NOT_CONFIRMED   = 2,  /* place or cancel without --yes: nothing done */
  MR_CLI_EXIT_RESULT_UNKNOWN  = 3,  /* place: sent, no trustworthy answer */
  MR_CLI_EXIT_CHECKOUT        = 4,  /* place: a hosted checkout must be completed */
};

/* Every option of every command; each command's GOptionContext only
 * offers its own ones, plus the global ones. */
typedef struct
{
  /* global */
  char      *api_url;
  gboolean   demo;
  char      *demo_state;
  gboolean   json;

  /* per command */
  char     **tlds;
  char      *search;
  char     **extensions;
  int        limit;
  gboolean   all;
  gboolean   with_passwords;
  gboolean   yes;
} MrCliOptions;

typedef struct
{
  MrCliOptions  *opts;
  MrApiClient   *client;
  MrSimServer   *sim;       /* demo mode only */
  GMainLoop     *loop;
  GAsyncResult  *result;
  gboolean       demo;
} MrCli;

/* mailroom-cli.c */
GAsyncResult *_mr_cli_wait                 (MrCli         *cli);
void          _mr_cli_store_result_cb      (GObject       *source,
                                            GAsyncResult  *result,
                                            gpointer       user_data);
int           _mr_cli_fail                 (const GError  *error);
void          _mr_cli_message              (const char    *format,
                                            ...) G_GNUC_PRINTF (1, 2);

/* mr-cli-output.c: tables */
typedef struct _MrCliTable MrCliTable;

MrCliTable   *_mr_cli_table_new            (guint          n_columns,
                                            ...);
/* columns to align to the right (numbers, money) */
void          _mr_cli_table_set_right      (MrCliTable    *table,
                                            guint          column);
/* takes n_columns strings; NULL is printed empty */
void          _mr_cli_table_add_row        (MrCliTable    *table,
                                            ...);
/* the same, taking n_columns g_malloc'd strings, then NULL */
void          _mr_cli_table_take_row       (MrCliTable    *table,
                                            char          *first_cell,
                                            ...) G_GNUC_NULL_TERMINATED;
void          _mr_cli_table_print          (MrCliTable    *table);
void          _mr_cli_table_free           (MrCliTable    *table);
/* "Label:  value" lines aligned on the values; pairs end with NULL */
void          _mr_cli_print_fields         (const char    *first_label,
                                            ...) G_GNUC_NULL_TERMINATED;
char         *_mr_cli_format_time          (GDateTime     *time);
char         *_mr_cli_format_card          (MrQuote       *quote);
char         *_mr_cli_format_problem_where (const MrProblem *problem);
void          _mr_cli_print_problems       (GPtrArray     *problems,
                                            const char    *indent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrCliTable, _mr_cli_table_free)

/* mr-cli-quote-table.c: the quote's domains as a table */
void          _mr_cli_print_quote_table    (MrQuote       *quote);

/* mr-cli-json.c: the parsed replies, written back in the API's shape */
void          _mr_cli_print_json           (JsonNode      *node);  /* takes @node */
JsonNode     *_mr_cli_json_quote           (MrQuote       *quote);
JsonNode     *_mr_cli_json_check           (GPtrArray     *results);
JsonNode     *_mr_cli_json_similar         (const char * const *domains);
JsonNode     *_mr_cli_json_prewarmed       (GPtrArray     *domains);
JsonNode     *_mr_cli_json_orders          (GPtrArray     *records,
                                            const char    *next_starting_after);
JsonNode     *_mr_cli_json_accounts        (GPtrArray     *accounts,
                                            const char    *next_starting_after);
JsonNode     *_mr_cli_json_problems        (GPtrArray     *problems);
/* --json: the server's own replies (GBytes*), every member kept. One is
 * printed as it came, re-indented; several (pages, batches) as the last
 * with the @list_member arrays of all of them joined. */
void          _mr_cli_print_replies        (GPtrArray     *replies,
                                            const char    *list_member);
/* adds the reply @result was parsed from to @replies */
void          _mr_cli_keep_reply           (GPtrArray     *replies,
                                            GAsyncResult  *result);

/* commands: the positional arguments after the command name */
int           _mr_cli_cmd_check            (MrCli         *cli,
                                            char         **args);
int           _mr_cli_cmd_similar          (MrCli         *cli,
                                            char         **args);
int           _mr_cli_cmd_prewarmed        (MrCli         *cli,
                                            char         **args);
int           _mr_cli_cmd_quote            (MrCli         *cli,
                                            char         **args);
int           _mr_cli_cmd_place            (MrCli         *cli,
                                            char         **args);
int           _mr_cli_cmd_orders           (MrCli         *cli,
                                            char         **args);
int           _mr_cli_cmd_accounts         (MrCli         *cli,
                                            char         **args);
int           _mr_cli_cmd_cancel           (MrCli         *cli,
                                            char         **args);

G_END_DECLS
