/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-quote-sheet"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mr-quote-sheet.h"
#include "mr-quote-private.h"

#define VALID_DAYS 7

G_DEFINE_BOXED_TYPE (MrQuoteSheet, mr_quote_sheet, mr_quote_sheet_ref, mr_quote_sheet_unref)

static void
line_free (gpointer data)
{
  MrQuoteLine *line = data;

  g_free (line->domain);
  g_free (line->label);
  g_free (line->detail);
  g_free (line);
}

static char *
mailboxes_label (MrEmailProvider provider,
                 gboolean        prewarmed,
                 guint           n)
{
  if (prewarmed)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pre-warmed mailbox, first month",
                                         "%u pre-warmed mailboxes, first month", n), n);

  /* Translators: "3 Google mailboxes, first month" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u %s mailbox, first month",
                                       "%u %s mailboxes, first month", n),
                          n, mr_email_provider_to_label (provider));
}

static char *
unit_detail (guint       quantity,
             MrCents     unit_price,
             const char *per)
{
  g_autofree char *price = mr_money_format (unit_price);

  /* Translators: "3 × $5.00 per month" */
  return g_strdup_printf (_("%u × %s %s"), quantity, price, per);
}

/* The per-mailbox price of @item, when the quote says it and it agrees
 * with the item's own figure. */
static gboolean
mailbox_price (MrQuote           *quote,
               const MrQuoteItem *item,
               MrCents           *out)
{
  guint n = item->accounts->len;
  MrCents unit;

  if (n == 0)
    return FALSE;

  if (item->email_provider >= 1 && item->email_provider <= 3 &&
      quote->has_price_by_account_type[item->email_provider])
    unit = quote->price_by_account_type[item->email_provider];
  else if (quote->has_price_per_account_per_month)
    unit = quote->price_per_account_per_month;
  else if (item->accounts_price % n == 0)
    unit = item->accounts_price / n;
  else
    return FALSE;

  if (unit * (MrCents) n != item->accounts_price)
    return FALSE;

  *out = unit;
  return TRUE;
}

static void
add_item_lines (MrQuoteSheet      *self,
                const MrQuoteItem *item)
{
  gboolean prewarmed = self->order_type == MR_ORDER_TYPE_PRE_WARMED_UP;
  gboolean free = mr_quote_is_free_domain (self->quote, item->domain);
  guint n = item->accounts->len;
  MrQuoteLine *line;

  /* extra mailboxes on a domain already owned: no domain line */
  if (item->domain_price != 0 || free || self->order_type != MR_ORDER_TYPE_EXTRA_ACCOUNTS)
    {
      line = g_new0 (MrQuoteLine, 1);
      line->kind = MR_QUOTE_LINE_DOMAIN;
      line->domain = g_strdup (item->domain);
      line->provider = item->email_provider;
      line->quantity = 1;
      line->has_unit_price = TRUE;
      line->unit_price = item->domain_price;
      line->amount = item->domain_price;
      line->free = free;
      line->label = g_strdup (prewarmed ? _("Pre-warmed domain, first year")
                                        : _("Domain, first year"));
      line->detail = free ? g_strdup (_("free with the promotion"))
                          : unit_detail (1, item->domain_price, _("per year"));
      g_ptr_array_add (self->lines, line);

      if (free)
        {
          self->n_free_domains++;
          self->free_domains_discount += item->domain_price;
        }
    }

  line = g_new0 (MrQuoteLine, 1);
  line->domain = g_strdup (item->domain);
  line->provider = item->email_provider;
  line->n_mailboxes = n;
  line->amount = item->accounts_price;

  if (item->email_provider == MR_EMAIL_PROVIDER_MICROSOFT && !prewarmed)
    {
      g_autofree char *price = mr_money_format (item->accounts_price);

      /* One price for the domain's mailboxes, never a per-mailbox figure */
      line->kind = MR_QUOTE_LINE_PER_DOMAIN;
      line->quantity = 1;
      line->has_unit_price = TRUE;
      line->unit_price = item->accounts_price;
      line->label = g_strdup (_("Microsoft mailboxes, first month"));
      line->detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u mailbox for %s per month per domain",
                                                   "%u mailboxes for %s per month per domain", n),
                                      n, price);
    }
  else
    {
      line->kind = MR_QUOTE_LINE_MAILBOXES;
      line->quantity = n;
      line->has_unit_price = mailbox_price (self->quote, item, &line->unit_price);
      line->label = mailboxes_label (item->email_provider, prewarmed, n);
      line->detail = line->has_unit_price ? unit_detail (n, line->unit_price, _("per month"))
                                          : g_strdup ("");
    }

  self->n_mailboxes += n;
  g_ptr_array_add (self->lines, line);
}

static gboolean
same_group (const MrQuoteLine *a,
            const MrQuoteLine *b)
{
  if (a->kind != b->kind || a->has_unit_price != b->has_unit_price)
    return FALSE;
  if (a->has_unit_price && a->unit_price != b->unit_price)
    return FALSE;
  if (a->kind != MR_QUOTE_LINE_DOMAIN && a->provider != b->provider)
    return FALSE;

  return TRUE;
}

static void
finish_summary_line (MrQuoteSheet *self,
                     MrQuoteLine  *line)
{
  gboolean prewarmed = self->order_type == MR_ORDER_TYPE_PRE_WARMED_UP;
  guint q = line->quantity;

  switch (line->kind)
    {
    case MR_QUOTE_LINE_DOMAIN:
      line->label = g_strdup_printf (prewarmed
                                     ? g_dngettext (GETTEXT_PACKAGE, "%u pre-warmed domain, first year",
                                                    "%u pre-warmed domains, first year", q)
                                     : g_dngettext (GETTEXT_PACKAGE, "%u domain, first year",
                                                    "%u domains, first year", q), q);
      line->detail = unit_detail (q, line->unit_price, _("per year"));
      break;

    case MR_QUOTE_LINE_MAILBOXES:
      line->label = mailboxes_label (line->provider, prewarmed, q);
      line->detail = line->has_unit_price ? unit_detail (q, line->unit_price, _("per month"))
                                          : g_strdup ("");
      break;

    case MR_QUOTE_LINE_PER_DOMAIN:
      {
        g_autofree char *units = unit_detail (q, line->unit_price, _("per month per domain"));

        line->label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u Microsoft mailbox, first month",
                                                    "%u Microsoft mailboxes, first month",
                                                    line->n_mailboxes),
                                       line->n_mailboxes);
        line->detail = g_strdup (units);
      }
      break;

    case MR_QUOTE_LINE_ADJUSTMENT:
    default:
      break;
    }
}

static void
build_summary (MrQuoteSheet *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      const MrQuoteLine *line = g_ptr_array_index (self->lines, i);
      MrQuoteLine *group = NULL;

      for (guint j = 0; j < self->summary_lines->len && group == NULL; j++)
        if (same_group (g_ptr_array_index (self->summary_lines, j), line))
          group = g_ptr_array_index (self->summary_lines, j);

      if (line->kind == MR_QUOTE_LINE_ADJUSTMENT)
        group = NULL;

      if (group == NULL)
        {
          group = g_new0 (MrQuoteLine, 1);
          group->kind = line->kind;
          group->provider = line->provider;
          group->has_unit_price = line->has_unit_price;
          group->unit_price = line->unit_price;
          if (line->kind == MR_QUOTE_LINE_ADJUSTMENT)
            {
              group->label = g_strdup (line->label);
              group->detail = g_strdup (line->detail);
            }
          g_ptr_array_add (self->summary_lines, group);
        }

      group->quantity += line->quantity;
      group->n_mailboxes += line->n_mailboxes;
      group->amount += line->amount;
      group->free = group->free || line->free;
    }

  for (guint i = 0; i < self->summary_lines->len; i++)
    {
      MrQuoteLine *line = g_ptr_array_index (self->summary_lines, i);

      if (line->label == NULL)
        finish_summary_line (self, line);
    }
}

/* Everything but the dates and the quote's reference: what depends on
 * the quote and the order type alone */
static MrQuoteSheet *
build_sheet (MrQuote     *quote,
             MrOrderType  order_type)
{
  MrQuoteSheet *self;
  MrCents rest;
  guint start;

  self = g_new0 (MrQuoteSheet, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->quote = quote;   /* borrowed while the lines are made */
  self->order_type = order_type;
  self->lines = g_ptr_array_new_full (2 * quote->order_items->len + 1, line_free);
  self->summary_lines = g_ptr_array_new_with_free_func (line_free);
  self->item_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), quote->order_items->len + 1);

  for (guint i = 0; i < quote->order_items->len; i++)
    {
      start = self->lines->len;
      g_array_append_val (self->item_starts, start);
      add_item_lines (self, g_ptr_array_index (quote->order_items, i));
    }
  start = self->lines->len;
  g_array_append_val (self->item_starts, start);

  self->n_domains = quote->order_items->len;
  for (guint i = 0; i < self->lines->len; i++)
    self->subtotal += ((MrQuoteLine *) g_ptr_array_index (self->lines, i))->amount;

  /* The server's figures win: due now and the discount are its own. The
   * free domains are the part of the discount their prices explain. */
  self->due_now = quote->total_price;
  self->discount = quote->total_discount;
  self->free_domains_discount = CLAMP (self->free_domains_discount, 0, MAX (self->discount, 0));
  self->other_discount = self->discount - self->free_domains_discount;
  self->per_month = quote->total_price_per_month;
  self->per_year = quote->total_price_per_year;

  /* A server whose total holds more (or less) than its items: one line
   * says so, so that what is shown still adds up. */
  rest = self->due_now + self->discount - self->subtotal;
  if (rest != 0)
    {
      MrQuoteLine *line = g_new0 (MrQuoteLine, 1);

      line->kind = MR_QUOTE_LINE_ADJUSTMENT;
      line->amount = rest;
      line->label = g_strdup (_("Other charges in the total"));
      line->detail = g_strdup (_("as quoted by the server"));
      g_ptr_array_add (self->lines, line);
      self->subtotal += rest;
    }

  build_summary (self);
  self->quote = NULL;

  return self;
}

MrQuoteSheet *
_mr_quote_sheet_new_detached (MrQuote     *quote,
                              MrOrderType  order_type)
{
  g_return_val_if_fail (quote != NULL, NULL);

  return build_sheet (quote, order_type);
}

MrQuoteSheet *
mr_quote_sheet_new (MrQuote     *quote,
                    MrOrderType  order_type,
                    gboolean     demo,
                    GDateTime   *now)
{
  const MrQuoteSheet *prepared;
  MrQuoteSheet *self;

  g_return_val_if_fail (quote != NULL, NULL);

  /* The lines the parsing thread made already, when they are for this
   * order type: they never change once made, so they are shared */
  prepared = quote->prepared_sheet;
  if (prepared != NULL && prepared->order_type == order_type)
    {
      self = g_new (MrQuoteSheet, 1);
      *self = *prepared;
      g_atomic_ref_count_init (&self->ref_count);
      self->lines = g_ptr_array_ref (prepared->lines);
      self->summary_lines = g_ptr_array_ref (prepared->summary_lines);
      self->item_starts = g_array_ref (prepared->item_starts);
    }
  else
    {
      self = build_sheet (quote, order_type);
    }

  self->quote = mr_quote_ref (quote);
  self->demo = !!demo;
  self->created = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
  self->valid_until = g_date_time_add_days (self->created, VALID_DAYS);

  return self;
}

MrQuoteLine * const *
mr_quote_sheet_get_item_lines (MrQuoteSheet *self,
                               guint         index,
                               guint        *n_lines)
{
  guint start, end;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_lines != NULL, NULL);

  *n_lines = 0;
  if (index + 1 >= self->item_starts->len)
    return NULL;

  start = g_array_index (self->item_starts, guint, index);
  end = g_array_index (self->item_starts, guint, index + 1);
  *n_lines = end - start;

  return (MrQuoteLine * const *) self->lines->pdata + start;
}

MrQuoteSheet *
mr_quote_sheet_ref (MrQuoteSheet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
mr_quote_sheet_unref (MrQuoteSheet *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  /* a prepared sheet (see build_sheet ()) has no quote and no dates */
  g_clear_pointer (&self->quote, mr_quote_unref);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->valid_until, g_date_time_unref);
  g_ptr_array_unref (self->lines);
  g_ptr_array_unref (self->summary_lines);
  g_array_unref (self->item_starts);
  g_free (self);
}

char *
mr_quote_sheet_format_date (GDateTime *date)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  /* Translators: a date in full, see strftime(3): "6 December 2026" */
  text = g_date_time_format (date, _("%e %B %Y"));

  return g_strdup (g_strstrip (text));
}

char *
mr_quote_sheet_get_price_note (MrQuoteSheet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->demo)
    return g_strdup (_("Prices from the demo simulator. Nothing is charged; "
                       "real prices are set by Instantly and may differ."));

  return g_strdup (_("Prices as quoted by Instantly. The amount charged is shown "
                     "again, for confirmation, before the order is placed."));
}

char *
mr_quote_sheet_get_valid_note (MrQuoteSheet *self)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  date = mr_quote_sheet_format_date (self->valid_until);

  return g_strdup_printf (_("Valid until %s. Prices may change after that date."), date);
}

char *
mr_quote_sheet_describe_counts (MrQuoteSheet *self)
{
  g_autofree char *domains = NULL;
  g_autofree char *mailboxes = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  domains = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u domain", "%u domains",
                                          self->n_domains), self->n_domains);
  mailboxes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mailbox", "%u mailboxes",
                                            self->n_mailboxes), self->n_mailboxes);

  /* Translators: "5 domains · 15 mailboxes" */
  return g_strdup_printf (_("%s · %s"), domains, mailboxes);
}

/* Text */

typedef enum
{
  STYLE_TEXT,
  STYLE_MARKDOWN,
} Style;

#define TEXT_WIDTH 72

static void
append_row (GString    *out,
            Style       style,
            guint       indent,
            const char *label,
            const char *detail,
            const char *amount)
{
  g_autofree char *left = NULL;
  glong used;

  if (style == STYLE_MARKDOWN)
    {
      g_string_append_printf (out, "| %s | %s | %s |\n", label, detail != NULL ? detail : "",
                              amount != NULL ? amount : "");
      return;
    }

  if (detail != NULL && *detail != '\0')
    left = g_strdup_printf ("%*s%s (%s)", (int) indent, "", label, detail);
  else
    left = g_strdup_printf ("%*s%s", (int) indent, "", label);

  g_string_append (out, left);
  if (amount == NULL)
    {
      g_string_append_c (out, '\n');
      return;
    }

  used = g_utf8_strlen (left, -1) + g_utf8_strlen (amount, -1);
  if (used < TEXT_WIDTH)
    g_string_append_printf (out, "%*s", (int) (TEXT_WIDTH - used), "");
  else
    g_string_append (out, "  ");
  g_string_append (out, amount);
  g_string_append_c (out, '\n');
}

static void
append_money_row (GString    *out,
                  Style       style,
                  const char *label,
                  MrCents     cents,
                  gboolean    negative)
{
  g_autofree char *amount = mr_money_format (negative ? -cents : cents);

  if (style == STYLE_MARKDOWN)
    {
      g_autofree char *bold_label = g_strdup_printf ("**%s**", label);

      append_row (out, style, 0, bold_label, "", amount);
      return;
    }

  append_row (out, style, 0, label, NULL, amount);
}

static char *
sheet_to_string (MrQuoteSheet *self,
                 Style         style)
{
  GString *out = g_string_new (NULL);
  g_autofree char *date = mr_quote_sheet_format_date (self->created);
  g_autofree char *price_note = mr_quote_sheet_get_price_note (self);
  g_autofree char *valid_note = mr_quote_sheet_get_valid_note (self);
  g_autofree char *counts = NULL;
  const char *title = _("Quote: Done-For-You email accounts");
  const char *last_domain = NULL;

  counts = mr_quote_sheet_describe_counts (self);

  if (style == STYLE_MARKDOWN)
    {
      g_string_append_printf (out, "# %s\n\n", title);
      g_string_append_printf (out, "%s · %s\n\n", date, counts);
      if (self->demo)
        g_string_append_printf (out, "> %s\n\n", price_note);
      g_string_append_printf (out, "| %s | %s | %s |\n|---|---|---:|\n",
                              _("Item"), _("Details"), _("Amount"));
    }
  else
    {
      g_string_append_printf (out, "%s\n", title);
      g_string_append_printf (out, "%s · %s\n", date, counts);
      if (self->demo)
        g_string_append_printf (out, "%s\n", price_note);
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < self->lines->len; i++)
    {
      const MrQuoteLine *line = g_ptr_array_index (self->lines, i);
      g_autofree char *amount = mr_money_format (line->amount);

      if (line->domain != NULL && g_strcmp0 (line->domain, last_domain) != 0)
        {
          if (style == STYLE_MARKDOWN)
            {
              g_autofree char *bold = g_strdup_printf ("**%s**", line->domain);

              append_row (out, style, 0, bold, "", "");
            }
          else
            append_row (out, style, 0, line->domain, NULL, NULL);
          last_domain = line->domain;
        }

      append_row (out, style, 2, line->label, line->detail, amount);
    }

  if (style == STYLE_TEXT)
    g_string_append_c (out, '\n');

  append_money_row (out, style, _("Subtotal"), self->subtotal, FALSE);
  if (self->free_domains_discount != 0)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Free domain (%u)",
                                                             "Free domains (%u)", self->n_free_domains),
                                                self->n_free_domains);

      append_money_row (out, style, label, self->free_domains_discount, TRUE);
    }
  if (self->other_discount != 0)
    append_money_row (out, style, _("Discount"), self->other_discount, TRUE);
  append_money_row (out, style, _("Due now"), self->due_now, FALSE);
  append_money_row (out, style, _("Then per month"), self->per_month, FALSE);
  append_money_row (out, style, _("Then per year"), self->per_year, FALSE);

  g_string_append_c (out, '\n');
  if (!self->demo)
    g_string_append_printf (out, "%s\n", price_note);
  g_string_append_printf (out, "%s\n", valid_note);

  return g_string_free (out, FALSE);
}

char *
mr_quote_sheet_to_text (MrQuoteSheet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return sheet_to_string (self, STYLE_TEXT);
}

char *
mr_quote_sheet_to_markdown (MrQuoteSheet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return sheet_to_string (self, STYLE_MARKDOWN);
}

static void
append_csv_field (GString    *out,
                  const char *field,
                  gboolean    last)
{
  if (field != NULL && strpbrk (field, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = field; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (field != NULL)
    g_string_append (out, field);

  g_string_append (out, last ? "\r\n" : ",");
}

static char *
csv_money (MrCents cents)
{
  MrCents a = cents < 0 ? -cents : cents;

  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", cents < 0 ? "-" : "",
                          a / 100, (int) (a % 100));
}

static void
append_csv_row (GString    *out,
                const char *domain,
                const char *item,
                const char *details,
                guint       quantity,
                gboolean    has_unit,
                MrCents     unit,
                MrCents     amount)
{
  g_autofree char *qty = quantity > 0 ? g_strdup_printf ("%u", quantity) : NULL;
  g_autofree char *unit_text = has_unit ? csv_money (unit) : NULL;
  g_autofree char *amount_text = csv_money (amount);

  append_csv_field (out, domain, FALSE);
  append_csv_field (out, item, FALSE);
  append_csv_field (out, details, FALSE);
  append_csv_field (out, qty, FALSE);
  append_csv_field (out, unit_text, FALSE);
  append_csv_field (out, amount_text, TRUE);
}

char *
mr_quote_sheet_to_csv (MrQuoteSheet *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  /* Column names stay English: the file is read by programs */
  g_string_append (out, "Domain,Item,Details,Quantity,Unit price (USD),Amount (USD)\r\n");

  for (guint i = 0; i < self->lines->len; i++)
    {
      const MrQuoteLine *line = g_ptr_array_index (self->lines, i);

      append_csv_row (out, line->domain, line->label, line->detail, line->quantity,
                      line->has_unit_price, line->unit_price, line->amount);
    }

  append_csv_row (out, NULL, _("Subtotal"), NULL, 0, FALSE, 0, self->subtotal);
  if (self->free_domains_discount != 0)
    append_csv_row (out, NULL, _("Free domains"), NULL, self->n_free_domains, FALSE, 0,
                    -self->free_domains_discount);
  if (self->other_discount != 0)
    append_csv_row (out, NULL, _("Discount"), NULL, 0, FALSE, 0, -self->other_discount);
  append_csv_row (out, NULL, _("Due now"), NULL, 0, FALSE, 0, self->due_now);
  append_csv_row (out, NULL, _("Then per month"), NULL, 0, FALSE, 0, self->per_month);
  append_csv_row (out, NULL, _("Then per year"), NULL, 0, FALSE, 0, self->per_year);

  return g_string_free (out, FALSE);
}
