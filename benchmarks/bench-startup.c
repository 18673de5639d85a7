/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Start-up, process start to painted frame, against a bare AdwApplication +
 * AdwApplicationWindow of the same size (bench-bare-window): Mailroom's first
 * frame with an empty order, and its first frame that shows a fresh quote
 * of a restored 3-domain draft. Runs are interleaved; medians are printed.
 *
 * Usage: bench-startup MAILROOM BARE-WINDOW */

#include "config.h"

#include <glib/gstdio.h>

#include "mailroom-core.h"
#include "mr-bench.h"

#define N_RUNS 7

/* ms from spawning @argv0 to the "probe" line it prints */
static double
launch (const char *argv0,
        const char *probe,
        const char *draft)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) words = NULL;
  gint64 start;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "MR_STARTUP_PROBE", probe, TRUE);
  g_subprocess_launcher_setenv (launcher, "MR_DRAFT_PATH", draft, TRUE);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, argv0, NULL);
  if (process == NULL)
    g_error ("Cannot start %s: %s", argv0, error->message);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line (out, NULL, NULL, &error)) != NULL &&
         !g_str_has_prefix (line, "probe "))
    g_clear_pointer (&line, g_free);

  if (line == NULL)
    g_error ("%s exited without painting a frame", argv0);

  g_subprocess_wait (process, NULL, NULL);
  words = g_strsplit (line, " ", 3);

  return (g_ascii_strtoll (words[2], NULL, 10) - start) / 1000.0;
}

static void
write_draft (const char *path,
             guint       n_domains)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = mr_bench_free_domains ("startup-outreach", n_domains);

  for (guint i = 0; i < n_domains; i++)
    {
      g_autoptr(MrOrderItem) item = mr_order_item_new (domains[i]);

      mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing");
      mr_order_append_item (order, item);
    }

  if (!mr_draft_store_save (order, path, &error))
    g_error ("Cannot write %s: %s", path, error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *draft = NULL;
  g_autoptr(GError) error = NULL;
  double bare[N_RUNS], frame[N_RUNS], quote[N_RUNS];
  double floor_ms;

  if (argc != 3)
    {
      g_printerr ("Usage: %s MAILROOM BARE-WINDOW\n", argv[0]);
      return 1;
    }

  tmpdir = g_dir_make_tmp ("mailroom-bench-XXXXXX", &error);
  g_assert_no_error (error);
  empty = g_build_filename (tmpdir, "none.json", NULL);
  draft = g_build_filename (tmpdir, "draft.json", NULL);

  /* the first launches fill the page cache */
  launch (argv[2], "frame", empty);
  launch (argv[1], "frame", empty);

  for (guint i = 0; i < N_RUNS; i++)
    {
      bare[i] = launch (argv[2], "frame", empty);
      g_remove (empty);
      frame[i] = launch (argv[1], "frame", empty);
      write_draft (draft, 3);
      quote[i] = launch (argv[1], "quote", draft);
    }

  floor_ms = mr_bench_median (bare, N_RUNS);
  mr_bench_report ("start -> first frame, empty order", mr_bench_median (frame, N_RUNS),
                   floor_ms, "ms");
  mr_bench_report ("start -> first quote painted, 3-domain draft",
                   mr_bench_median (quote, N_RUNS), floor_ms, "ms");

  g_remove (empty);
  g_remove (draft);
  g_rmdir (tmpdir);

  return 0;
}
