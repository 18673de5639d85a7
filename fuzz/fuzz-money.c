/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Money: parsing typed amounts, converting the API's doubles, and
 * formatting with any separators a locale may have. What parses formats
 * and parses back to the same cents. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mailroom-core.h"
#include "mr-money-private.h"
#include "mr-fuzz.h"

static char *
unformat (const char *formatted)
{
  GString *out = g_string_new (NULL);

  for (const char *p = formatted; *p != '\0'; p++)
    {
      if (strncmp (p, "\xe2\x88\x92", 3) == 0)
        {
          g_string_append_c (out, '-');
          p += 2;
        }
      else if (*p != '$' && *p != ',')
        {
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

static void
check_formats (MrCents cents)
{
  static const char * const groupings[] = { "", "\3", "\3\2", "\1", "\x7f" };
  g_autofree char *plain = _mr_money_format_full (cents, ".", ",", "\3");
  g_autofree char *back = unformat (plain);
  MrCents again = 0;

  if (!mr_money_parse (back, &again) || again != cents)
    {
      g_printerr ("%" G_GINT64_FORMAT " cents formats as \"%s\", which does not parse back\n",
                  cents, plain);
      abort ();
    }

  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    {
      g_autofree char *german = _mr_money_format_placed (cents, ",", ".", groupings[i], FALSE, TRUE);
      g_autofree char *swiss = _mr_money_format_placed (cents, ".", "\xe2\x80\x99", groupings[i], TRUE, TRUE);

      mr_fuzz_assert_utf8 ("a formatted amount", german);
      mr_fuzz_assert_utf8 ("a formatted amount", swiss);
    }

  g_free (mr_money_format (cents));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = mr_fuzz_strndup (data, size);
  MrCents cents = 0;
  double dollars;

  if (mr_money_parse (text, &cents))
    check_formats (cents);

  /* the first 8 bytes as the double a reply's number became */
  if (size >= sizeof dollars)
    {
      memcpy (&dollars, data, sizeof dollars);
      if (mr_money_from_double (dollars, &cents))
        {
          double back = mr_money_to_double (cents);

          if (!(fabs (back - dollars) <= 0.005 + fabs (dollars) * 1e-12))
            {
              g_printerr ("%.17g dollars became %" G_GINT64_FORMAT " cents\n", dollars, cents);
              abort ();
            }
          check_formats (cents);
        }
    }

  /* and the text as a number, as json-glib would read it */
  dollars = g_ascii_strtod (text, NULL);
  if (mr_money_from_double (dollars, &cents))
    check_formats (cents);

  return 0;
}
