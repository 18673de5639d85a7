/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mailroom-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mr-cli-private.h"

/* The table of a quote, one row per domain, laid out as MrCliTable lays
 * out its tables (and test-cli's golden outputs hold it to that), but
 * written straight from the quote: at 1,000 domains a table of copied
 * cells cost more than reading the reply. */

#define N_COLUMNS 6

typedef struct
{
  const char *text;
  gsize       len;
  gsize       width;
} Cell;

/* The last amount of a column: its rows mostly show the same few
 * amounts, each formatted once. Every text stays in @texts until the
 * table is printed. */
typedef struct
{
  gboolean  known;
  MrCents   cents;
  Cell      cell;
} LastMoney;

static void
set_cell (Cell       *cell,
          const char *text)
{
  cell->text = text;
  cell->len = strlen (text);
  cell->width = g_utf8_strlen (text, cell->len);
}

static void
money_cell (LastMoney *last,
            GPtrArray *texts,
            gboolean   known,
            MrCents    cents,
            Cell      *cell)
{
  if (last->cell.text == NULL || last->known != known || (known && last->cents != cents))
    {
      char *text = known ? mr_money_format (cents) : g_strdup (_("unknown"));

      g_ptr_array_add (texts, text);
      set_cell (&last->cell, text);
      last->known = known;
      last->cents = cents;
    }

  *cell = last->cell;
}

/* "%u" without printf, into @digits (16 bytes) */
static void
count_cell (guint  n,
            char  *digits,
            Cell  *cell)
{
  char buffer[16];
  char *at = buffer + sizeof buffer;
  gsize len;

  do
    *--at = (char) ('0' + n % 10);
  while ((n /= 10) > 0);

  len = buffer + sizeof buffer - at;
  memcpy (digits, at, len);
  digits[len] = '\0';

  cell->text = digits;
  cell->len = len;
  cell->width = len;
}

void
_mr_cli_print_quote_table (MrQuote *quote)
{
  static const gboolean right[N_COLUMNS] = { FALSE, FALSE, TRUE, TRUE, TRUE, TRUE };
  guint n_items = quote->order_items != NULL ? quote->order_items->len : 0;
  guint n_rows = n_items + 1;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree Cell *cells = g_new (Cell, (gsize) n_rows * N_COLUMNS);
  g_autofree char *counts = g_new (char, (gsize) n_items * 16 + 1);
  g_autofree char *out = NULL;
  char *at;
  LastMoney last_money[3] = { { 0, }, };
  Cell providers[MR_EMAIL_PROVIDER_MICROSOFT + 1] = { { 0, }, };
  Cell unknown_provider;
  gsize widths[N_COLUMNS] = { 0, };
  gsize total_len = 0;
  gsize line_width = 0;

  set_cell (&cells[0], _("Domain"));
  set_cell (&cells[1], _("Provider"));
  set_cell (&cells[2], _("Mailboxes"));
  set_cell (&cells[3], _("Domain/year"));
  set_cell (&cells[4], _("Mailboxes/month"));
  set_cell (&cells[5], _("Total"));
  set_cell (&unknown_provider, "?");

  for (guint i = 0; i < n_items; i++)
    {
      const MrQuoteItem *item = g_ptr_array_index (quote->order_items, i);
      Cell *row = &cells[(gsize) (i + 1) * N_COLUMNS];

      if (mr_quote_is_free_domain (quote, item->domain))
        {
          /* TRANSLATORS: a domain that costs nothing thanks to a promotion */
          char *text = g_strdup_printf (_("%s (free)"), item->domain);

          g_ptr_array_add (texts, text);
          set_cell (&row[0], text);
        }
      else
        {
          set_cell (&row[0], item->domain != NULL ? item->domain : "");
        }

      if (mr_email_provider_is_valid (item->email_provider))
        {
          Cell *provider = &providers[item->email_provider];

          if (provider->text == NULL)
            set_cell (provider, mr_email_provider_to_label (item->email_provider));
          row[1] = *provider;
        }
      else
        {
          row[1] = unknown_provider;
        }

      count_cell (item->accounts != NULL ? item->accounts->len : 0, counts + (gsize) i * 16, &row[2]);
      money_cell (&last_money[0], texts, !(item->unknown_fields & MR_QUOTE_ITEM_FIELD_DOMAIN_PRICE),
                  item->domain_price, &row[3]);
      money_cell (&last_money[1], texts, !(item->unknown_fields & MR_QUOTE_ITEM_FIELD_ACCOUNTS_PRICE),
                  item->accounts_price, &row[4]);
      money_cell (&last_money[2], texts, !(item->unknown_fields & MR_QUOTE_ITEM_FIELD_TOTAL_PRICE),
                  item->total_price, &row[5]);
    }

  for (gsize k = 0; k < (gsize) n_rows * N_COLUMNS; k++)
    {
      widths[k % N_COLUMNS] = MAX (widths[k % N_COLUMNS], cells[k].width);
      total_len += cells[k].len;
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    line_width += widths[c] + 2;

  /* the texts, at most a line's width of padding each line, and a
   * newline: the whole table, written at once */
  at = out = g_malloc (total_len + (gsize) n_rows * (line_width + 1) + 1);

  for (guint r = 0; r < n_rows; r++)
    {
      const Cell *row = &cells[(gsize) r * N_COLUMNS];
      char *line_start = at;

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          gsize pad = widths[c] - row[c].width;

          if (c > 0)
            {
              memcpy (at, "  ", 2);
              at += 2;
            }
          if (right[c])
            {
              memset (at, ' ', pad);
              at += pad;
            }
          memcpy (at, row[c].text, row[c].len);
          at += row[c].len;
          if (!right[c] && c + 1 < N_COLUMNS)
            {
              memset (at, ' ', pad);
              at += pad;
            }
        }

      while (at > line_start && at[-1] == ' ')
        at--;
      *at++ = '\n';
    }
  *at = '\0';

  g_print ("%s", out);
}
