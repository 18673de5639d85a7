/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mailroom-cli"

#include "config.h"

#include <stdarg.h>

#include <glib/gi18n.h>

#include "mr-cli-private.h"

struct _MrCliTable
{
  guint      n_columns;
  GPtrArray *rows;        /* GStrv, the first is the header */
  gboolean  *right;
};

MrCliTable *
_mr_cli_table_new (guint n_columns,
                   ...)
{
  MrCliTable *table;
  va_list args;
  char **header;

  g_assert (n_columns > 0);

  table = g_new0 (MrCliTable, 1);
  table->n_columns = n_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->right = g_new0 (gboolean, n_columns);

  header = g_new0 (char *, n_columns + 1);
  va_start (args, n_columns);
  for (guint i = 0; i < n_columns; i++)
    header[i] = g_strdup (va_arg (args, const char *));
  va_end (args);
  g_ptr_array_add (table->rows, header);

  return table;
}

void
_mr_cli_table_set_right (MrCliTable *table,
                         guint       column)
{
  g_assert (column < table->n_columns);

  table->right[column] = TRUE;
}

void
_mr_cli_table_add_row (MrCliTable *table,
                       ...)
{
  va_list args;
  char **row;

  row = g_new0 (char *, table->n_columns + 1);
  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *cell = va_arg (args, const char *);

      row[i] = g_strdup (cell != NULL ? cell : "");
    }
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

/* Like _mr_cli_table_add_row(), taking the cells (g_malloc'd, one per
 * column, then NULL) instead of copying them */
void
_mr_cli_table_take_row (MrCliTable *table,
                        char       *first_cell,
                        ...)
{
  va_list args;
  char **row;

  row = g_new0 (char *, table->n_columns + 1);
  row[0] = first_cell;
  va_start (args, first_cell);
  for (guint i = 1; i < table->n_columns; i++)
    row[i] = va_arg (args, char *);
  g_assert (va_arg (args, char *) == NULL);
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

static gsize
text_width (const char *text)
{
  return g_utf8_strlen (text, -1);
}

static void
append_spaces (GString *out,
               gsize    n)
{
  static const char spaces[] = "                                ";

  while (n > 0)
    {
      gsize chunk = MIN (n, sizeof spaces - 1);

      g_string_append_len (out, spaces, chunk);
      n -= chunk;
    }
}

/* The whole table is built in one buffer and written at once, each
 * cell measured once: a 1,000-domain quote is 6,000 cells. */
void
_mr_cli_table_print (MrCliTable *table)
{
  guint n_rows = table->rows->len;
  guint n_columns = table->n_columns;
  g_autofree gsize *widths = g_new0 (gsize, n_columns);
  g_autofree gsize *cell_widths = g_new (gsize, (gsize) n_rows * n_columns);
  g_autoptr(GString) out = g_string_sized_new ((gsize) n_rows * 64);

  for (guint r = 0; r < n_rows; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < n_columns; c++)
        {
          gsize width = text_width (row[c]);

          cell_widths[(gsize) r * n_columns + c] = width;
          widths[c] = MAX (widths[c], width);
        }
    }

  for (guint r = 0; r < n_rows; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);
      gsize line_start = out->len;

      for (guint c = 0; c < n_columns; c++)
        {
          gsize pad = widths[c] - cell_widths[(gsize) r * n_columns + c];
          gboolean last = (c + 1 == n_columns);

          if (c > 0)
            g_string_append_len (out, "  ", 2);
          if (table->right[c])
            {
              append_spaces (out, pad);
              g_string_append (out, row[c]);
            }
          else
            {
              g_string_append (out, row[c]);
              if (!last)
                append_spaces (out, pad);
            }
        }

      while (out->len > line_start && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }

  g_print ("%s", out->str);
}

void
_mr_cli_table_free (MrCliTable *table)
{
  if (table == NULL)
    return;

  g_ptr_array_unref (table->rows);
  g_free (table->right);
  g_free (table);
}

void
_mr_cli_print_fields (const char *first_label,
                      ...)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  const char *label = first_label;
  gsize width = 0;
  va_list args;

  va_start (args, first_label);
  while (label != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_ptr_array_add (labels, (gpointer) label);
      g_ptr_array_add (values, (gpointer) (value != NULL ? value : ""));
      width = MAX (width, text_width (label));
      label = va_arg (args, const char *);
    }
  va_end (args);

  for (guint i = 0; i < labels->len; i++)
    {
      const char *l = g_ptr_array_index (labels, i);
      gsize pad = width - text_width (l);

      /* TRANSLATORS: a label and its value, as in "Due now: $45.00" */
      g_print (_("%s:"), l);
      g_print ("%*s  %s\n", (int) pad, "", (const char *) g_ptr_array_index (values, i));
    }
}

char *
_mr_cli_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  /* a time the server sent that could not be read */
  if (time == NULL)
    return g_strdup (_("unknown"));

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

char *
_mr_cli_format_card (MrQuote *quote)
{
  const char *brand = quote->payment_method_brand;
  const char *last4 = quote->payment_method_last_4_digits;
  const char *name = quote->payment_method_name_on_card;

  if ((brand == NULL || *brand == '\0') && (last4 == NULL || *last4 == '\0'))
    return g_strdup (_("no payment method on file"));

  if (brand == NULL || *brand == '\0')
    brand = _("Card");

  if (name != NULL && *name != '\0')
    /* TRANSLATORS: card brand, last 4 digits, name on card: "Visa •••• 4242 (Jane Doe)" */
    return g_strdup_printf (_("%s •••• %s (%s)"), brand, last4 != NULL ? last4 : "", name);

  /* TRANSLATORS: card brand and last 4 digits: "Visa •••• 4242" */
  return g_strdup_printf (_("%s •••• %s"), brand, last4 != NULL ? last4 : "");
}

char *
_mr_cli_format_problem_where (const MrProblem *problem)
{
  if (problem->domain == NULL || *problem->domain == '\0')
    return g_strdup (_("Order"));

  if (problem->account_prefix != NULL && *problem->account_prefix != '\0')
    return g_strdup_printf ("%s@%s", problem->account_prefix, problem->domain);

  return g_strdup (problem->domain);
}

void
_mr_cli_print_problems (GPtrArray  *problems,
                        const char *indent)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const MrProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *where = _mr_cli_format_problem_where (problem);

      g_print ("%s%s: %s\n", indent, where,
               problem->message != NULL ? problem->message : "");
    }
}
