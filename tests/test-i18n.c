/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "mailroom-core.h"

#include "../src/gui/orders/mr-orders-model.h"

/* The German catalogue as the build compiles it (po/de/LC_MESSAGES/mailroom.mo
 * under MR_LOCALE_DIR), loaded the way main.c and mailroom-cli.c load theirs. */

static gboolean have_german;

static gboolean
skip_without_german (void)
{
  if (!have_german)
    {
      g_test_skip ("de_DE.UTF-8 is not installed (tools/deps.sh generates it)");
      return TRUE;
    }

  return FALSE;
}

static void
test_catalogue (void)
{
  const char *dir = g_getenv ("MR_LOCALE_DIR");
  g_autofree char *mo = NULL;

  g_assert_nonnull (dir);
  mo = g_build_filename (dir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_test_message ("%s", mo);
  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
}

static void
test_messages (void)
{
  if (skip_without_german ())
    return;

  g_assert_cmpstr (_("Place Order"), ==, "Bestellung aufgeben");
  g_assert_cmpstr (_("Demo mode"), ==, "Demo-Modus");
  g_assert_cmpstr (C_("shortcut window", "Quit"), ==, "Beenden");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Mailboxes"), ==, "Postfächer");

  /* the core looks its strings up itself (gi18n-lib.h) */
  g_assert_cmpstr (mr_order_type_to_label (MR_ORDER_TYPE_DFY), ==, "Neue Domains");
  g_assert_cmpstr (mr_order_type_to_label (MR_ORDER_TYPE_PRE_WARMED_UP), ==, "Vorgewärmte Domains");
}

static void
test_plurals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *one = NULL;
  g_autofree char *many = NULL;

  if (skip_without_german ())
    return;

  g_assert_cmpstr (ngettext ("%u mailbox", "%u mailboxes", 1), ==, "%u Postfach");
  g_assert_cmpstr (ngettext ("%u mailbox", "%u mailboxes", 0), ==, "%u Postfächer");
  g_assert_cmpstr (ngettext ("%u mailbox", "%u mailboxes", 5), ==, "%u Postfächer");

  error = g_error_new_literal (MR_API_ERROR, MR_API_ERROR_RATE_LIMITED, "slow down");
  mr_api_error_set_retry_after (error, 1);
  one = mr_api_error_describe (error);
  g_assert_nonnull (strstr (one, "Warten Sie 1 Sekunde "));

  mr_api_error_set_retry_after (error, 30);
  many = mr_api_error_describe (error);
  g_assert_nonnull (strstr (many, "Warten Sie 30 Sekunden "));
}

static void
test_money_and_dates (void)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *price = NULL;
  g_autofree char *date = NULL;

  if (skip_without_german ())
    return;

  price = mr_money_format (123450);
  g_assert_cmpstr (price, ==, "1.234,50\xc2\xa0$");

  /* noon UTC stays on the same day in any time zone but the extremes */
  time = g_date_time_new_utc (2026, 1, 31, 12, 0, 0);
  date = mr_format_date (time);
  g_assert_cmpstr (date, ==, "31. Jan 2026");
}

int
main (int   argc,
      char *argv[])
{
  const char *dir;

  /* before g_test_init, which would otherwise keep the C locale */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  have_german = setlocale (LC_ALL, "de_DE.UTF-8") != NULL;

  dir = g_getenv ("MR_LOCALE_DIR");
  if (dir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/i18n/german/catalogue", test_catalogue);
  g_test_add_func ("/mr/i18n/german/messages", test_messages);
  g_test_add_func ("/mr/i18n/german/plurals", test_plurals);
  g_test_add_func ("/mr/i18n/german/money-and-dates", test_money_and_dates);

  return g_test_run ();
}
