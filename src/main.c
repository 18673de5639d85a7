/* SPDX-License-Identifier: GPL-3.0-or-later */

/* `mailroom`: loads the application, the private library
 * libmailroom-app.so (found through this program's RUNPATH: the build
 * directory, or the installed libdir/mailroom), with RTLD_LOCAL, and runs
 * it (mr_main () in src/gui/mr-main.c).
 *
 * Why not link it: the libraries a program is linked with (GTK,
 * libadwaita, libsoup, json-glib and all they bring, some 75) form the
 * global scope that the dynamic loader searches first for every symbol of
 * every library loaded later, one after the other; the GL driver that GTK
 * loads before the first frame looks up some 30,000, nearly all of them
 * found only past the end of that list, in its own libraries. Loaded
 * RTLD_LOCAL, the application's libraries stay out of that scope, which
 * holds this program, libc and the loader: 38M fewer instructions from
 * start to the first frame (callgrind, bench-startup --callgrind), more
 * than all the application's own libraries cost the loader in the first
 * place. This program uses libc alone. */

#include "config.h"

#include <dlfcn.h>
#include <stdio.h>

#define APP_LIBRARY "libmailroom-app.so"

int
main (int   argc,
      char *argv[])
{
  void *library;
  int (*app_main) (int    argc,
                   char **argv);

  library = dlopen (APP_LIBRARY, RTLD_LAZY | RTLD_LOCAL);
  if (library == NULL)
    {
      fprintf (stderr, "mailroom: %s\n", dlerror ());
      return 1;
    }

  /* POSIX's way to turn dlsym ()'s void * into a function pointer */
  *(void **) &app_main = dlsym (library, "mr_main");
  if (app_main == NULL)
    {
      fprintf (stderr, "mailroom: %s\n", dlerror ());
      return 1;
    }

  return app_main (argc, argv);
}
