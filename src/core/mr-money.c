/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-money"

#include "config.h"

#include <limits.h>
#include <locale.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif
#include <math.h>
#include <string.h>

#include "mr-money.h"
#include "mr-money-private.h"

/* 10^13 dollars: far beyond any price, and every cent value below it
 * is exactly representable as a double. */
#define MAX_DOLLARS 1e13
#define MAX_CENTS   ((MrCents) 1000000000000000)

/* Parses [+-]digits[.digits] into cents. With @round_extra, digits past
 * the second decimal round half away from zero; without, they fail. */
static gboolean
parse_decimal (const char *text,
               gboolean    round_extra,
               MrCents    *out_cents)
{
  const char *p = text;
  gboolean negative = FALSE;
  MrCents whole = 0;
  MrCents frac = 0;
  guint n_frac = 0;
  gboolean round_up = FALSE;

  if (*p == '-' || *p == '+')
    negative = (*p++ == '-');

  if (!g_ascii_isdigit (*p))
    return FALSE;

  for (; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > MAX_CENTS / 100)
        return FALSE;
    }

  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;

      for (; g_ascii_isdigit (*p); p++)
        {
          if (n_frac < 2)
            frac = frac * 10 + (*p - '0');
          else if (!round_extra)
            return FALSE;
          else if (n_frac == 2)
            round_up = (*p >= '5');
          n_frac++;
        }
    }

  if (*p != '\0')
    return FALSE;

  if (n_frac == 1)
    frac *= 10;

  *out_cents = whole * 100 + frac + (round_up ? 1 : 0);
  if (negative)
    *out_cents = -*out_cents;

  return TRUE;
}

gboolean
mr_money_from_double (double   dollars,
                      MrCents *out_cents)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (out_cents != NULL, FALSE);

  if (!isfinite (dollars) || fabs (dollars) >= MAX_DOLLARS)
    return FALSE;

  if (fabs (dollars) < 0.001)
    {
      *out_cents = 0;
      return TRUE;
    }

  /* Whole cents (nearly every price): the double nearest to c/100 is
   * what its shortest text reads back as, so the text below would say
   * c/100 exactly. Checked against the text path on 20 million values. */
  {
    double cents = round (dollars * 100.0);

    if (cents / 100.0 == dollars)
      {
        *out_cents = (MrCents) cents;
        return TRUE;
      }
  }

  /* Round the shortest decimal text that reads back as the same double,
   * so 0.285 (stored as 0.28499999…) becomes 29 cents as written. */
  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, dollars);
      if (g_ascii_strtod (buf, NULL) == dollars)
        break;
    }

  return parse_decimal (buf, TRUE, out_cents);
}

gboolean
mr_money_parse (const char *text,
                MrCents    *out_cents)
{
  g_autofree char *copy = NULL;
  MrCents cents;

  if (text == NULL)
    return FALSE;

  copy = g_strstrip (g_strdup (text));
  if (!parse_decimal (copy, FALSE, &cents))
    return FALSE;

  if (out_cents != NULL)
    *out_cents = cents;

  return TRUE;
}

double
mr_money_to_double (MrCents cents)
{
  return (double) cents / 100.0;
}

char *
_mr_money_format_full (MrCents     cents,
                       const char *decimal_mark,
                       const char *thousands_sep,
                       const char *grouping)
{
  return _mr_money_format_placed (cents, decimal_mark, thousands_sep, grouping, TRUE, FALSE);
}

/* Appends @length bytes of @text at *@at */
static inline void
put (char       **at,
     const char  *text,
     gsize        length)
{
  memcpy (*at, text, length);
  *at += length;
}

char *
_mr_money_format_placed (MrCents     cents,
                         const char *decimal_mark,
                         const char *thousands_sep,
                         const char *grouping,
                         gboolean    symbol_first,
                         gboolean    symbol_spaced)
{
  char digits[24];
  gsize seps[24];         /* where separators go, counted in digits from the right */
  guint n_seps = 0;
  const char *symbol;
  gsize symbol_len;
  gsize mark_len;
  gsize sep_len;
  char *text;
  char *at;
  guint64 magnitude;
  guint64 whole;
  guint cents_part;
  gsize len = 0;
  guint group_size = 0;
  const char *g = grouping;
  gsize next_sep;

  if (decimal_mark == NULL || *decimal_mark == '\0')
    decimal_mark = ".";
  if (thousands_sep == NULL)
    thousands_sep = "";
  if (grouping == NULL)
    g = grouping = "";

  /* -G_MININT64 does not fit in a gint64; go through guint64 */
  magnitude = cents < 0 ? (guint64) 0 - (guint64) cents : (guint64) cents;
  cents_part = (guint) (magnitude % 100);

  /* the whole dollars' digits, without printf: this runs for every
   * figure of every row of a 1,000-domain quote */
  whole = magnitude / 100;
  do
    {
      digits[sizeof digits - 1 - len] = (char) ('0' + whole % 10);
      whole /= 10;
      len++;
    }
  while (whole > 0);
  memmove (digits, digits + sizeof digits - len, len);

  if (*thousands_sep != '\0' && *g != '\0' && *g != CHAR_MAX && *g > 0)
    {
      group_size = (guchar) *g;
      next_sep = group_size;
      while (next_sep < len)
        {
          seps[n_seps++] = next_sep;
          if (g[1] != '\0')
            {
              g++;
              if (*g == CHAR_MAX || *g <= 0)
                break;
              group_size = (guchar) *g;
            }
          next_sep += group_size;
        }
    }

  /* written into one allocation of the exact size */
  if (symbol_first)
    symbol = symbol_spaced ? "$\xc2\xa0" : "$";
  else
    symbol = symbol_spaced ? "\xc2\xa0$" : "$";
  symbol_len = strlen (symbol);
  mark_len = strlen (decimal_mark);
  sep_len = strlen (thousands_sep);
  text = g_malloc ((cents < 0 ? 3 : 0) + symbol_len + len + n_seps * sep_len + mark_len + 2 + 1);
  at = text;

  if (cents < 0)
    put (&at, "\xe2\x88\x92", 3);
  if (symbol_first)
    put (&at, symbol, symbol_len);

  if (n_seps == 0)
    {
      put (&at, digits, len);
    }
  else
    {
      guint s = n_seps;

      for (gsize pos = 0; pos < len; pos++)
        {
          if (s > 0 && len - pos == seps[s - 1])
            {
              if (pos > 0)
                put (&at, thousands_sep, sep_len);
              s--;
            }
          *at++ = digits[pos];
        }
    }

  put (&at, decimal_mark, mark_len);
  *at++ = (char) ('0' + cents_part / 10);
  *at++ = (char) ('0' + cents_part % 10);

  if (!symbol_first)
    put (&at, symbol, symbol_len);
  *at = '\0';

  return text;
}

#ifdef __GLIBC__
/* what localeconv () says of a grouping the locale leaves out */
static const char *
grouping_or_none (const char *grouping)
{
  if (grouping == NULL || (guchar) *grouping == 0x7f || (guchar) *grouping == 0xff)
    return "";

  return grouping;
}
#endif

char *
mr_money_format (MrCents cents)
{
  const char *decimal_mark;
  const char *thousands_sep;
  const char *grouping;
  char cs_precedes;
  char sep_by_space;

#ifdef __GLIBC__
  /* glibc's localeconv () writes one static struct on every call, so two
   * threads formatting money at once (the client prepares a quote's lines
   * on the thread that parsed it) would write it together; nl_langinfo ()
   * reads the same figures in place. */
  decimal_mark = nl_langinfo (__MON_DECIMAL_POINT);
  thousands_sep = nl_langinfo (__MON_THOUSANDS_SEP);
  grouping = grouping_or_none (nl_langinfo (__MON_GROUPING));
  cs_precedes = *nl_langinfo (__P_CS_PRECEDES);
  sep_by_space = *nl_langinfo (__P_SEP_BY_SPACE);
  if (decimal_mark == NULL || *decimal_mark == '\0')
    {
      decimal_mark = nl_langinfo (RADIXCHAR);
      thousands_sep = nl_langinfo (THOUSEP);
      grouping = grouping_or_none (nl_langinfo (__GROUPING));
    }
#else
  {
    struct lconv *lc = localeconv ();

    decimal_mark = lc->mon_decimal_point;
    thousands_sep = lc->mon_thousands_sep;
    grouping = lc->mon_grouping;
    cs_precedes = lc->p_cs_precedes;
    sep_by_space = lc->p_sep_by_space;
    if (decimal_mark == NULL || *decimal_mark == '\0')
      {
        decimal_mark = lc->decimal_point;
        thousands_sep = lc->thousands_sep;
        grouping = lc->grouping;
      }
  }
#endif

  /* The dollar goes where the locale puts its own currency symbol:
   * "$1,234.50" in English, "1.234,50 $" in German. The C locale
   * says nothing (CHAR_MAX), which means in front. */
  return _mr_money_format_placed (cents, decimal_mark, thousands_sep, grouping,
                                  cs_precedes != 0,
                                  sep_by_space == 1 && cs_precedes != CHAR_MAX);
}
