/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The ordinary-build side of a fuzzer: feeds every file of the corpus
 * folders given on the command line (and the empty input) through the
 * harness, one TAP case per file. A crash, an abort or a sanitizer
 * report ends the program, which meson counts as a failure. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "mr-fuzz.h"

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      const char *name;

      if (dir == NULL)
        {
          printf ("1..1\nnot ok 1 - corpus %s: %s\n", argv[i], error->message);
          return 1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (paths, g_build_filename (argv[i], name, NULL));
    }
  g_ptr_array_sort (paths, compare_paths);

  printf ("1..%u\n", paths->len + 1);
  fflush (stdout);

  LLVMFuzzerTestOneInput ((const uint8_t *) "", 0);
  printf ("ok 1 - empty input\n");
  fflush (stdout);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *parent = g_path_get_dirname (path);
      g_autofree char *target = g_path_get_basename (parent);
      char *contents = NULL;
      uint8_t *exact;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          printf ("not ok %u - %s/%s: %s\n", i + 2, target, base, error->message);
          continue;
        }

      /* announced first, so the log names the input that crashed */
      fprintf (stderr, "replaying %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
      /* an exact-size copy, as libFuzzer passes: no NUL after the end
       * hides a read past it */
      exact = g_malloc (MAX (length, 1));  /* never NULL, as libFuzzer's */
      memcpy (exact, contents, length);
      g_free (contents);
      LLVMFuzzerTestOneInput (exact, length);
      g_free (exact);

      printf ("ok %u - %s/%s\n", i + 2, target, base);
      fflush (stdout);
    }

  return 0;
}
