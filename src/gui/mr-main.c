/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The application's entry, in libmailroom-app.so: `mailroom` (src/main.c)
 * loads the library and calls mr_main (). */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "mr-application.h"

/* the one symbol the library exports (the rest stay hidden: see meson.build) */
__attribute__ ((visibility ("default")))
int mr_main (int   argc,
             char *argv[]);

int
mr_main (int   argc,
         char *argv[])
{
  g_autoptr(MrApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Mailroom"));

  app = mr_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
