/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Start-up, process start to painted frame, against a bare AdwApplication +
 * AdwApplicationWindow of the same size (bench-bare-window): Mailroom's first
 * frame with an empty order, and its first frame that shows a fresh quote
 * of a restored 3-domain draft.
 *
 * Fair by construction: both programs get the same environment, display,
 * renderer and window size (each prints its size with the time, and a
 * difference fails the run); each round launches the three in turn, the
 * floor first in even rounds and last in odd ones, so a load that comes
 * and goes falls on both sides; medians over at least MIN_ROUNDS rounds
 * (more while the time budget lasts) are compared.
 *
 * Usage: bench-startup MAILROOM BARE-WINDOW */

#include "config.h"

#include <sys/resource.h>

#include <glib/gstdio.h>

#include "mailroom-core.h"
#include "mr-bench.h"

#define MIN_ROUNDS 9
#define MAX_ROUNDS 25
/* the whole benchmark stays under a minute on a loaded machine */
#define BUDGET_MS  35000

static double
children_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* ms from spawning @argv0 to the "probe" line it prints; *@size is the
 * window size it printed, *@cpu_ms the CPU time of its whole run (start to
 * exit, all threads: far less sensitive to other load than the wall clock).
 * Returns a negative time, with what it printed in @output, when it exited
 * without painting. */
static double
try_launch (const char  *argv0,
            const char  *probe,
            const char  *draft,
            char       **size,
            double      *cpu_ms,
            GString     *output)
{
  double cpu_before = children_cpu_ms ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_auto(GStrv) words = NULL;
  char *line;
  gint64 start;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "MR_STARTUP_PROBE", probe, TRUE);
  g_subprocess_launcher_setenv (launcher, "MR_DRAFT_PATH", draft, TRUE);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, argv0, NULL);
  if (process == NULL)
    g_error ("Cannot start %s: %s", argv0, error->message);

  /* all of it, so nothing it prints after the probe can block its exit */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line (out, NULL, NULL, NULL)) != NULL)
    {
      if (found == NULL && g_str_has_prefix (line, "probe "))
        found = line;
      else
        {
          g_string_append_printf (output, "%s\n", line);
          g_free (line);
        }
    }

  g_subprocess_wait (process, NULL, NULL);
  if (cpu_ms != NULL)
    *cpu_ms = children_cpu_ms () - cpu_before;

  if (found == NULL)
    return -1;

  words = g_strsplit (found, " ", 4);
  if (g_strv_length (words) != 4)
    g_error ("%s printed “%s”, not “probe EVENT TIME WIDTHxHEIGHT”", argv0, found);

  if (size != NULL)
    *size = g_strdup (words[3]);

  return (g_ascii_strtoll (words[2], NULL, 10) - start) / 1000.0;
}

/* try_launch (), once more when a run fails (another program's X server or
 * bus starting at the same moment on a shared machine); a second failure
 * ends the benchmark with what the program printed */
static double
launch (const char  *argv0,
        const char  *probe,
        const char  *draft,
        char       **size,
        double      *cpu_ms)
{
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GString) output = g_string_new (NULL);
      double ms = try_launch (argv0, probe, draft, size, cpu_ms, output);

      if (ms >= 0)
        return ms;

      if (attempt > 0)
        g_error ("%s exited twice without painting a frame; it printed:\n%s", argv0, output->str);

      g_printerr ("%s exited without painting a frame, once more; it printed:\n%s",
                  argv0, output->str);
    }
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

static void
check_size (const char *floor_size,
            const char *what,
            char       *size)
{
  if (g_strcmp0 (floor_size, size) != 0)
    g_error ("Not a fair comparison: the bare window is %s, Mailroom's %s window %s",
             floor_size, what, size);
  g_free (size);
}

static void
report_spread (const char *what,
               double     *values,
               guint       n)
{
  /* sorted by mr_bench_median() */
  g_print ("  %-44s %u runs, quartiles %.0f / %.0f / %.0f ms\n",
           what, n, values[n / 4], values[n / 2], values[(3 * n) / 4]);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *floor_size = NULL;
  g_autoptr(GError) error = NULL;
  double bare[MAX_ROUNDS], frame[MAX_ROUNDS], quote[MAX_ROUNDS];
  double bare_cpu[MAX_ROUNDS], frame_cpu[MAX_ROUNDS], quote_cpu[MAX_ROUNDS];
  double floor_ms, started;
  guint n = 0;

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
  launch (argv[2], "frame", empty, &floor_size, NULL);
  launch (argv[1], "frame", empty, NULL, NULL);

  started = mr_bench_now_ms ();
  while (n < MAX_ROUNDS && (n < MIN_ROUNDS || mr_bench_now_ms () - started < BUDGET_MS))
    {
      gboolean floor_first = (n % 2) == 0;

      if (floor_first)
        bare[n] = launch (argv[2], "frame", empty, NULL, &bare_cpu[n]);

      g_remove (empty);
      {
        char *size = NULL;

        frame[n] = launch (argv[1], "frame", empty, &size, &frame_cpu[n]);
        check_size (floor_size, "empty", size);
      }

      write_draft (draft, 3);
      {
        char *size = NULL;

        quote[n] = launch (argv[1], "quote", draft, &size, &quote_cpu[n]);
        check_size (floor_size, "draft", size);
      }

      if (!floor_first)
        bare[n] = launch (argv[2], "frame", empty, NULL, &bare_cpu[n]);

      n++;
    }

  floor_ms = mr_bench_median (bare, n);
  mr_bench_report ("start -> first frame, empty order", mr_bench_median (frame, n),
                   floor_ms, "ms");
  mr_bench_report ("start -> first quote painted, 3-domain draft",
                   mr_bench_median (quote, n), floor_ms, "ms");
  floor_ms = mr_bench_median (bare_cpu, n);
  mr_bench_report ("CPU time of the run, empty order", mr_bench_median (frame_cpu, n),
                   floor_ms, "ms");
  mr_bench_report ("CPU time of the run, 3-domain draft", mr_bench_median (quote_cpu, n),
                   floor_ms, "ms");
  g_print ("window %s, GSK_RENDERER=%s\n", floor_size,
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(GTK's default)");
  report_spread ("bare window, first frame", bare, n);
  report_spread ("Mailroom, first frame", frame, n);
  report_spread ("Mailroom, first quote", quote, n);

  g_remove (empty);
  g_remove (draft);
  g_rmdir (tmpdir);

  return 0;
}
