/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "mr-money.h"
#include "mr-money-private.h"

static void
test_from_double (void)
{
  static const struct {
    double  dollars;
    MrCents cents;
  } rows[] = {
    { 0.0, 0 },
    { 12.5, 1250 },
    { 0.1, 10 },
    { 0.2 + 0.1, 30 },
    { 4.99, 499 },
    { 19.999, 2000 },
    { 0.285, 29 },      /* stored as 0.28499999…, rounded as written */
    { 1.005, 101 },
    { 1.004, 100 },
    { -3.005, -301 },   /* half away from zero */
    { -0.004, 0 },
    { 1e-9, 0 },
    { 1234567.89, 123456789 },
    { 100, 10000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      MrCents cents = -1;

      g_test_message ("%.17g", rows[i].dollars);
      g_assert_true (mr_money_from_double (rows[i].dollars, &cents));
      g_assert_cmpint (cents, ==, rows[i].cents);
    }
}

static void
test_from_double_refuses (void)
{
  const double bad[] = { NAN, INFINITY, -INFINITY, 1e13, -1e13, 1e300, -DBL_MAX };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      MrCents cents = 42;

      g_assert_false (mr_money_from_double (bad[i], &cents));
      g_assert_cmpint (cents, ==, 42);
    }
}

static void
test_to_double (void)
{
  g_assert_cmpfloat (mr_money_to_double (1250), ==, 12.5);
  g_assert_cmpfloat (mr_money_to_double (-300), ==, -3.0);
  g_assert_cmpfloat (mr_money_to_double (0), ==, 0.0);
}

static void
test_parse (void)
{
  static const struct {
    const char *text;
    MrCents     cents;
  } good[] = {
    { "12.5", 1250 },
    { "-3", -300 },
    { "0.10", 10 },
    { "0.1", 10 },
    { "+2.05", 205 },
    { " 7 ", 700 },
    { "0", 0 },
    { "-0.01", -1 },
    { "1234567.89", 123456789 },
  };
  const char *bad[] = {
    "", " ", "abc", "1.234", "1.", ".5", "1,5", "1e3", "--1", "-", "$5",
    "5 dollars", "0x10", "1 000", "99999999999999999999",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      MrCents cents = -1;

      g_test_message ("“%s”", good[i].text);
      g_assert_true (mr_money_parse (good[i].text, &cents));
      g_assert_cmpint (cents, ==, good[i].cents);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      MrCents cents = 42;

      g_test_message ("“%s”", bad[i]);
      g_assert_false (mr_money_parse (bad[i], &cents));
      g_assert_cmpint (cents, ==, 42);
    }

  g_assert_false (mr_money_parse (NULL, NULL));
}

static void
test_format_c_locale (void)
{
  static const struct {
    MrCents     cents;
    const char *text;
  } rows[] = {
    { 0, "$0.00" },
    { 5, "$0.05" },
    { 1250, "$12.50" },
    { 123450, "$1234.50" },
    { -300, "\xe2\x88\x92$3.00" },
    { -1, "\xe2\x88\x92$0.01" },
  };
  char *old = g_strdup (setlocale (LC_ALL, NULL));

  g_assert_nonnull (setlocale (LC_ALL, "C"));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = mr_money_format (rows[i].cents);

      g_assert_cmpstr (text, ==, rows[i].text);
    }

  setlocale (LC_ALL, old);
  g_free (old);
}

/* The same code path as the locale, with its separators given */
static void
test_format_separators (void)
{
  static const struct {
    MrCents     cents;
    const char *decimal_mark;
    const char *thousands_sep;
    const char *grouping;
    const char *text;
  } rows[] = {
    { 123450, ".", ",", "\3", "$1,234.50" },
    { 12345, ".", ",", "\3", "$123.45" },
    { 100000, ".", ",", "\3", "$1,000.00" },
    { 123456789, ".", ",", "\3", "$1,234,567.89" },
    { -123456789, ".", ",", "\3", "\xe2\x88\x92$1,234,567.89" },
    { 123456789, ",", ".", "\3", "$1.234.567,89" },
    { 123456789, ",", "\xe2\x80\xaf", "\3", "$1\xe2\x80\xaf" "234\xe2\x80\xaf" "567,89" },
    { 123456789, ".", ",", "\3\2", "$12,34,567.89" },
    { 123456789, ".", ",", "", "$1234567.89" },
    { 123456789, ".", "", "\3", "$1234567.89" },
    { 123456789, NULL, NULL, NULL, "$1234567.89" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = _mr_money_format_full (rows[i].cents,
                                                     rows[i].decimal_mark,
                                                     rows[i].thousands_sep,
                                                     rows[i].grouping);

      g_assert_cmpstr (text, ==, rows[i].text);
    }
}

/* Where the symbol goes: German puts it after, with a no-break space */
static void
test_format_placed (void)
{
  g_autofree char *de = _mr_money_format_placed (123450, ",", ".", "\3", FALSE, TRUE);
  g_autofree char *de_negative = _mr_money_format_placed (-300, ",", ".", "\3", FALSE, TRUE);
  g_autofree char *after = _mr_money_format_placed (1250, ".", ",", "\3", FALSE, FALSE);
  g_autofree char *spaced = _mr_money_format_placed (1250, ".", ",", "\3", TRUE, TRUE);

  g_assert_cmpstr (de, ==, "1.234,50\xc2\xa0$");
  g_assert_cmpstr (de_negative, ==, "\xe2\x88\x92" "3,00\xc2\xa0$");
  g_assert_cmpstr (after, ==, "12.50$");
  g_assert_cmpstr (spaced, ==, "$\xc2\xa0" "12.50");
}

/* Under the real German locale, as the window shows it */
static void
test_format_german (void)
{
  char *old = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_free (old);
      g_test_skip ("de_DE.UTF-8 is not installed (tools/deps.sh generates it)");
      return;
    }

  {
    g_autofree char *text = mr_money_format (123450);
    g_autofree char *big = mr_money_format (123456789);

    g_assert_cmpstr (text, ==, "1.234,50\xc2\xa0$");
    g_assert_cmpstr (big, ==, "1.234.567,89\xc2\xa0$");
  }

  setlocale (LC_ALL, old);
  g_free (old);
}

static void
test_format_extremes (void)
{
  g_autofree char *min = _mr_money_format_full (G_MININT64, ".", ",", "\3");
  g_autofree char *max = _mr_money_format_full (G_MAXINT64, ".", ",", "\3");

  g_assert_cmpstr (min, ==, "\xe2\x88\x92$92,233,720,368,547,758.08");
  g_assert_cmpstr (max, ==, "$92,233,720,368,547,758.07");
}

/* Parsing and rounding never look at LC_NUMERIC: a comma locale would
 * break strtod-based code. */
static void
test_locale_independent (void)
{
  const char *comma_locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "nl_NL.UTF-8" };
  char *old = g_strdup (setlocale (LC_ALL, NULL));
  const char *found = NULL;
  MrCents cents = 0;

  for (guint i = 0; i < G_N_ELEMENTS (comma_locales) && found == NULL; i++)
    found = setlocale (LC_ALL, comma_locales[i]);

  if (found == NULL)
    {
      g_free (old);
      g_test_skip ("no locale with a decimal comma is installed");
      return;
    }

  g_assert_true (mr_money_parse ("12.5", &cents));
  g_assert_cmpint (cents, ==, 1250);
  g_assert_false (mr_money_parse ("12,5", &cents));
  g_assert_true (mr_money_from_double (0.285, &cents));
  g_assert_cmpint (cents, ==, 29);
  g_assert_true (mr_money_from_double (1234.5, &cents));
  g_assert_cmpint (cents, ==, 123450);

  {
    g_autofree char *text = mr_money_format (123450);

    g_assert_nonnull (strstr (text, ",50"));
  }

  setlocale (LC_ALL, old);
  g_free (old);
}

/* Whole cents read back as themselves (the short cut), and a value one
 * step away from whole cents goes by its text and rounds to them. */
static void
test_from_double_whole_cents (void)
{
  static const MrCents big[] = { 99999999999999, 123456789012, 4200000, 1999999 };

  for (MrCents c = -100000; c <= 100000; c += 7)
    {
      MrCents cents = -1;

      g_assert_true (mr_money_from_double ((double) c / 100.0, &cents));
      g_assert_cmpint (cents, ==, c);
    }

  for (guint i = 0; i < G_N_ELEMENTS (big); i++)
    {
      double dollars = (double) big[i] / 100.0;
      double above = nextafter (dollars, G_MAXDOUBLE);
      MrCents cents = -1;

      g_assert_true (mr_money_from_double (dollars, &cents));
      g_assert_cmpint (cents, ==, big[i]);

      /* not whole cents: its text has more decimals, which round away */
      g_assert_true (mr_money_from_double (above, &cents));
      g_assert_cmpint (cents, ==, big[i]);
      g_assert_true (mr_money_from_double (-above, &cents));
      g_assert_cmpint (cents, ==, -big[i]);
    }
}

/* mr_money_format () reads the locale without localeconv () (whose
 * static result two threads would write together): the same text as
 * the locale's localeconv () figures give, in every locale at hand */
static void
test_format_as_localeconv (void)
{
  const char *locales[] = { "C", "C.UTF-8", "de_DE.UTF-8", "en_US.UTF-8", "fr_FR.UTF-8" };
  const MrCents amounts[] = { 0, 5, 1500, -250, 123456789, -98765432101 };
  char *old = g_strdup (setlocale (LC_ALL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      struct lconv *lc;
      const char *mark, *sep, *grouping;

      if (setlocale (LC_ALL, locales[i]) == NULL)
        continue;

      lc = localeconv ();
      mark = lc->mon_decimal_point;
      sep = lc->mon_thousands_sep;
      grouping = lc->mon_grouping;
      if (mark == NULL || *mark == '\0')
        {
          mark = lc->decimal_point;
          sep = lc->thousands_sep;
          grouping = lc->grouping;
        }

      for (guint j = 0; j < G_N_ELEMENTS (amounts); j++)
        {
          g_autofree char *ours = mr_money_format (amounts[j]);
          g_autofree char *want = _mr_money_format_placed (amounts[j], mark, sep, grouping,
                                                           lc->p_cs_precedes != 0,
                                                           lc->p_sep_by_space == 1 &&
                                                           lc->p_cs_precedes != CHAR_MAX);

          g_assert_cmpstr (ours, ==, want);
        }
    }

  setlocale (LC_ALL, old);
  g_free (old);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/money/from-double", test_from_double);
  g_test_add_func ("/mr/money/from-double/refuses", test_from_double_refuses);
  g_test_add_func ("/mr/money/from-double/whole-cents", test_from_double_whole_cents);
  g_test_add_func ("/mr/money/to-double", test_to_double);
  g_test_add_func ("/mr/money/parse", test_parse);
  g_test_add_func ("/mr/money/format/c-locale", test_format_c_locale);
  g_test_add_func ("/mr/money/format/separators", test_format_separators);
  g_test_add_func ("/mr/money/format/extremes", test_format_extremes);
  g_test_add_func ("/mr/money/format/placed", test_format_placed);
  g_test_add_func ("/mr/money/format/as-localeconv", test_format_as_localeconv);
  g_test_add_func ("/mr/money/format/german", test_format_german);
  g_test_add_func ("/mr/money/locale-independent", test_locale_independent);

  return g_test_run ();
}
