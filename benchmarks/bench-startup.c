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
 * With --callgrind, each of the three runs once under valgrind's callgrind
 * instead, and the benchmark prints the instructions of each program's main
 * (UI) thread to its first frame and their ratios: the same work measured
 * without the noise of a shared machine (about two minutes; not run by
 * `meson test --benchmark`). With MR_BENCH_KEEP set, the three profiles
 * and the draft are kept, for callgrind_annotate, and their paths printed.
 *
 * Usage: bench-startup [--callgrind] MAILROOM BARE-WINDOW */

#include "config.h"

#include <string.h>
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

/* Instructions of @argv0's main thread (callgrind's thread 1) from start to
 * the probe's frame, run once under @valgrind */
static guint64
count_instructions (const char *valgrind,
                    const char *argv0,
                    const char *probe,
                    const char *draft,
                    const char *tmpdir,
                    const char *what)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_arg = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *contents = NULL;
  const char *summary;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "MR_STARTUP_PROBE", probe, TRUE);
  g_subprocess_launcher_setenv (launcher, "MR_DRAFT_PATH", draft, TRUE);
  /* at callgrind's pace the first quote takes longer than the window waits
   * for it at full speed: it waits for the quote here, as it does there */
  g_subprocess_launcher_setenv (launcher, "MR_FIRST_QUOTE_WAIT_MS", "60000", TRUE);

  out_arg = g_strdup_printf ("--callgrind-out-file=%s/callgrind.%%p", tmpdir);
  process = g_subprocess_launcher_spawn (launcher, &error, valgrind, "--tool=callgrind",
                                         "--separate-threads=yes", out_arg, argv0, NULL);
  if (process == NULL)
    g_error ("Cannot start %s: %s", valgrind, error->message);
  /* valgrind runs the program in its own process: this is its pid */
  profile = g_strdup_printf ("%s/callgrind.%s-01", tmpdir, g_subprocess_get_identifier (process));
  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error))
    g_error ("Cannot read %s under callgrind: %s", argv0, error->message);
  if (strstr (stdout_text, "probe ") == NULL)
    g_error ("%s exited under callgrind without painting a frame; it printed:\n%s%s",
             argv0, stdout_text, stderr_text);

  if (!g_file_get_contents (profile, &contents, NULL, &error))
    g_error ("No profile of %s's main thread: %s", argv0, error->message);

  if (g_getenv ("MR_BENCH_KEEP") != NULL)
    g_print ("kept %s's profile: %s\n", what, profile);

  summary = strstr (contents, "\nsummary: ");
  if (summary == NULL)
    g_error ("%s has no “summary:” line", profile);

  return g_ascii_strtoull (summary + strlen ("\nsummary: "), NULL, 10);
}

static void
remove_profiles (const char *tmpdir)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "callgrind."))
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);

        g_remove (path);
      }
}

static void
report_instructions (const char *mailroom,
                     const char *bare_window,
                     const char *tmpdir,
                     const char *empty,
                     const char *draft)
{
  g_autofree char *valgrind = g_find_program_in_path ("valgrind");
  guint64 bare, frame, quote;

  if (valgrind == NULL)
    g_error ("--callgrind needs valgrind (the Debian package valgrind)");

  bare = count_instructions (valgrind, bare_window, "frame", empty, tmpdir, "bare window");
  g_remove (empty);
  frame = count_instructions (valgrind, mailroom, "frame", empty, tmpdir, "empty order");
  write_draft (draft, 3);
  quote = count_instructions (valgrind, mailroom, "quote", draft, tmpdir, "3-domain draft");
  if (g_getenv ("MR_BENCH_KEEP") == NULL)
    remove_profiles (tmpdir);

  mr_bench_report ("UI thread to first frame, empty order", frame / 1e6, bare / 1e6, "M");
  mr_bench_report ("UI thread to first quote, 3-domain draft", quote / 1e6, bare / 1e6, "M");
  g_print ("instructions (M = millions) of each program's main thread, counted by callgrind\n");
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
  gboolean callgrind = FALSE;
  guint n = 0;

  if (argc == 4 && g_str_equal (argv[1], "--callgrind"))
    {
      callgrind = TRUE;
      argv++;
      argc--;
    }

  if (argc != 3)
    {
      g_printerr ("Usage: %s [--callgrind] MAILROOM BARE-WINDOW\n", argv[0]);
      return 1;
    }

  tmpdir = g_dir_make_tmp ("mailroom-bench-XXXXXX", &error);
  g_assert_no_error (error);
  empty = g_build_filename (tmpdir, "none.json", NULL);
  draft = g_build_filename (tmpdir, "draft.json", NULL);

  if (callgrind)
    {
      report_instructions (argv[1], argv[2], tmpdir, empty, draft);
      if (g_getenv ("MR_BENCH_KEEP") != NULL)
        {
          g_print ("kept the draft: %s\n", draft);
          return 0;
        }
      g_remove (empty);
      g_remove (draft);
      g_rmdir (tmpdir);
      return 0;
    }

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
