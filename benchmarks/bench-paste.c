/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Pasting 1,000 domains into the add entry of a real window whose client
 * talks to a mailroom-sim process, from the paste until the fresh quote is
 * painted: the longest frame (from the window's GdkFrameClock, see
 * mr-bench-frames.h: the main loop's busy time on the way to each painted
 * frame, wall and the main thread's CPU time), the longest stretch the
 * main loop was busy, and the time to the fresh quote's frame, against one
 * 60 Hz frame; the longest frame from the quote's reply until the pricing
 * panel lists all its price lines (they are made over a few frames); and
 * how many changes the order and the session's problem model made for the
 * paste, against one. MR_BENCH_FRAMES=1 prints each
 * frame, MR_BENCH_FRAMES=phases also where its CPU time went.
 *
 * MR_BENCH_CALLGRIND=paste counts with callgrind the instructions of the
 * paste's frame alone: collection is switched on just before the text goes
 * into the entry and off at the first after-paint after it, and the frame
 * is dumped in three parts, as MR_BENCH_FRAMES=phases splits it: before
 * the frame (PROFILE.1), ticks and layout (.2), paint (.3).
 * MR_BENCH_CALLGRIND=after counts the frames right after it instead, one
 * part each, from that after-paint until the quote's reply. With either,
 * the benchmark runs itself under valgrind's callgrind (the Debian package
 * valgrind), so that
 *   MR_BENCH_CALLGRIND=paste meson test -C _build --benchmark --verbose paste
 * writes the main thread's parts as _build/callgrind.paste.PID.1-01 to
 * .3-01 (the other threads' files, -02 and up, lie beside them)
 * (about 40 s; the times it prints are valgrind's; GTK loads icons on
 * other threads), read with `callgrind_annotate --inclusive=yes`.
 * Under valgrind a frame takes seconds, so the timeouts due 100 ms or more
 * after the paste (the session's checks, the quote's debounce, the
 * availability replies) run inside it: subtract them.
 *
 * Usage: bench-paste MAILROOM-SIM */

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gstdio.h>

#if defined(__has_include)
# if __has_include(<valgrind/callgrind.h>)
#  include <valgrind/callgrind.h>
# endif
#endif
#ifndef CALLGRIND_TOGGLE_COLLECT
# define MR_BENCH_NO_CALLGRIND_H
# define CALLGRIND_TOGGLE_COLLECT
# define CALLGRIND_DUMP_STATS_AT(pos_str)
# define RUNNING_ON_VALGRIND 0
#endif

#include <adwaita.h>

#include "mailroom-core.h"
#include "mr-bench.h"
#include "mr-bench-frames.h"
#include "mr-bench-gui.h"

#define N_DOMAINS 1000
#define FRAME_MS (1000.0 / 60)

/* With MR_BENCH_FRAMES=phases, where each frame's CPU time goes: before
 * the frame (idle and timeout sources: the checks, the quote), the tick
 * callbacks and layout, and the paint. */
typedef struct
{
  gint64 last_us;     /* the main thread's CPU time after the last paint */
  gint64 before_us;   /* at before-paint */
  gint64 layout_us;   /* after layout */
} Phases;

static void
phases_before_paint_cb (GdkFrameClock *clock,
                        Phases        *phases)
{
  phases->before_us = mr_bench_thread_cpu_us ();
}

static void
phases_layout_cb (GdkFrameClock *clock,
                  Phases        *phases)
{
  phases->layout_us = mr_bench_thread_cpu_us ();
}

static void
phases_after_paint_cb (GdkFrameClock *clock,
                       Phases        *phases)
{
  gint64 now = mr_bench_thread_cpu_us ();

  g_print ("  CPU: before the frame %5.1f ms, ticks and layout %5.1f ms, paint %5.1f ms\n",
           (phases->before_us - phases->last_us) / 1000.0,
           (phases->layout_us - phases->before_us) / 1000.0,
           (now - phases->layout_us) / 1000.0);
  phases->last_us = now;
}

/* MR_BENCH_CALLGRIND: collection is on from the paste to the first
 * after-paint ("paste"), or from there to the quote's reply ("after") */
typedef struct
{
  gboolean paste;     /* collect in the paste's frame */
  gboolean after;     /* collect from its after-paint to the reply */
  gboolean on;
  gulong   handler;
  gulong   before_handler;
  gulong   layout_handler;
} Collect;

/* the paste's frame is dumped in three parts, as MR_BENCH_FRAMES=phases
 * splits its CPU time (valgrind is about 50 times slower: the timeouts of
 * the next 100 ms to a few seconds, such as the session's checks, fire
 * in the frame too) */
static void
collect_before_paint_cb (GdkFrameClock *clock,
                         Collect       *collect)
{
  if (collect->on)
    CALLGRIND_DUMP_STATS_AT ("paste: before the frame");
  g_clear_signal_handler (&collect->before_handler, clock);
}

static void
collect_layout_cb (GdkFrameClock *clock,
                   Collect       *collect)
{
  if (collect->on)
    CALLGRIND_DUMP_STATS_AT ("paste: ticks and layout");
  g_clear_signal_handler (&collect->layout_handler, clock);
}

static void
collect_after_paint_cb (GdkFrameClock *clock,
                        Collect       *collect)
{
  /* "after": each frame until the reply is a part of its own */
  if (collect->after && collect->on)
    {
      CALLGRIND_DUMP_STATS_AT ("after the paste: a frame");
      return;
    }

  /* the paste's frame is painted: it ends or the frames after it start */
  if (collect->on)
    CALLGRIND_DUMP_STATS_AT ("paste: paint");
  if (collect->paste || collect->after)
    {
      CALLGRIND_TOGGLE_COLLECT;
      collect->on = !collect->on;
    }
  if (!collect->after)
    g_clear_signal_handler (&collect->handler, clock);
}

static void
collect_stop (Collect *collect)
{
  if (collect->on)
    {
      CALLGRIND_TOGGLE_COLLECT;
      collect->on = FALSE;
    }
  /* for good: the next after-paint does not switch it on again */
  collect->paste = FALSE;
  collect->after = FALSE;
}

static void
collect_state_cb (MrQuoteScheduler *scheduler,
                  GParamSpec       *pspec,
                  Collect          *collect)
{
  /* the reply is in: what follows is the quote's (valgrind is slow
   * enough for it to come in the paste's frame: then "after" counts the
   * frames until the fresh quote is painted) */
  if (collect->on && mr_quote_scheduler_get_fresh_quote (scheduler) != NULL)
    collect_stop (collect);
}

/* the pricing panel's price list names every item of the fresh quote */
typedef struct
{
  MrWindow   *window;
  GtkWidget  *panel;
  GtkListView *view;   /* the panel's items_view, found with the first quote */
} PriceLines;

static gboolean
price_lines_shown (gpointer data)
{
  PriceLines *lines = data;
  MrQuote *quote = mr_quote_scheduler_get_fresh_quote (mr_window_get_scheduler (lines->window));
  GtkSelectionModel *model;
  GtkWidget *page;

  /* the panel makes its quote page (MrPricingPanelQuote) for its first quote */
  if (lines->view == NULL && (page = mr_bench_find_widget (lines->panel, "MrPricingPanelQuote")) != NULL)
    lines->view = GTK_LIST_VIEW (gtk_widget_get_template_child (page, G_OBJECT_TYPE (page), "items_view"));
  if (lines->view == NULL)
    return FALSE;

  model = gtk_list_view_get_model (lines->view);
  if (quote == NULL || model == NULL)
    return FALSE;

  return g_list_model_get_n_items (G_LIST_MODEL (model)) == quote->order_items->len;
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) sim = NULL;
  g_autoptr(MrApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *url = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *draft = NULL;
  g_auto(GStrv) domains = NULL;
  const char *sim_args[] = { "--rate-limit", "0", "--check-rate-limit", "0", NULL };
  MrWindow *window;
  GtkWidget *list, *entry, *panel;
  PriceLines lines = { NULL, NULL, NULL };
  g_autoptr(MrBenchFrames) frames = NULL;
  double start, paste_ms, painted, reply, longest, frame, frame_cpu;
  double lines_ms, lines_frame, lines_cpu;
  guint n_order_changes = 0;
  guint n_problem_changes = 0;
  gulong order_handler, problems_handler;
  GListModel *problems;
  Phases phases = { 0, 0, 0 };
  Collect collect = { FALSE, FALSE, FALSE, 0, 0, 0 };
  GdkFrameClock *clock;

  if (argc != 2)
    {
      g_printerr ("Usage: %s MAILROOM-SIM\n", argv[0]);
      return 1;
    }

  /* MR_BENCH_CALLGRIND: the same run again, under callgrind */
  if (g_getenv ("MR_BENCH_CALLGRIND") != NULL && !RUNNING_ON_VALGRIND)
    {
#ifdef MR_BENCH_NO_CALLGRIND_H
      /* without the header it could not tell it runs under valgrind, and
       * would start valgrind again, and again */
      g_error ("MR_BENCH_CALLGRIND needs <valgrind/callgrind.h> (Debian package valgrind) at build time");
#endif
      const char *valgrind_argv[] = {
        "valgrind", "--tool=callgrind", "--collect-atstart=no", "--separate-threads=yes",
        "--callgrind-out-file=callgrind.paste.%p", argv[0], argv[1], NULL
      };

      execvp (valgrind_argv[0], (char **) valgrind_argv);
      g_error ("MR_BENCH_CALLGRIND needs valgrind: %s", g_strerror (errno));
    }

  gtk_init ();
  adw_init ();
  mr_bench_loop_install ();

  tmpdir = g_dir_make_tmp ("mailroom-bench-XXXXXX", &error);
  g_assert_no_error (error);
  draft = g_build_filename (tmpdir, "draft.json", NULL);
  g_setenv ("MR_DRAFT_PATH", draft, TRUE);

  sim = mr_bench_spawn_sim (argv[1], sim_args, &url, &error);
  if (sim == NULL)
    g_error ("%s", error->message);

  app = mr_bench_app_new (url);
  window = mr_bench_window_new (app);
  mr_bench_spin (500);

  panel = mr_bench_find_widget (GTK_WIDGET (window), "MrPricingPanel");
  if (panel == NULL)
    g_error ("No pricing panel in the window");
  lines.panel = panel;

  list = mr_bench_find_widget (GTK_WIDGET (window), "MrDomainList");
  entry = list != NULL ? mr_bench_find_widget (list, "GtkEntry") : NULL;
  if (entry == NULL)
    g_error ("No add entry in the domain list");

  domains = mr_bench_free_domains ("pasted-outreach", N_DOMAINS);
  for (guint i = 0; i < N_DOMAINS; i++)
    g_string_append_printf (text, "%s\n", domains[i]);

  problems = mr_order_session_get_problems (mr_window_get_session (window));
  order_handler = g_signal_connect (mr_window_get_order (window), "items-changed",
                                    G_CALLBACK (count_changes_cb), &n_order_changes);
  problems_handler = g_signal_connect (problems, "items-changed",
                                       G_CALLBACK (count_changes_cb), &n_problem_changes);

  mr_bench_loop_reset ();
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (g_strcmp0 (g_getenv ("MR_BENCH_FRAMES"), "phases") == 0)
    {
      phases.last_us = mr_bench_thread_cpu_us ();
      g_signal_connect (clock, "before-paint", G_CALLBACK (phases_before_paint_cb), &phases);
      g_signal_connect_after (clock, "layout", G_CALLBACK (phases_layout_cb), &phases);
      g_signal_connect (clock, "after-paint", G_CALLBACK (phases_after_paint_cb), &phases);
    }
  collect.paste = g_strcmp0 (g_getenv ("MR_BENCH_CALLGRIND"), "paste") == 0;
  collect.after = g_strcmp0 (g_getenv ("MR_BENCH_CALLGRIND"), "after") == 0;
  collect.handler = g_signal_connect_after (clock, "after-paint",
                                            G_CALLBACK (collect_after_paint_cb), &collect);
  collect.before_handler = g_signal_connect (clock, "before-paint",
                                             G_CALLBACK (collect_before_paint_cb), &collect);
  collect.layout_handler = g_signal_connect_after (clock, "layout",
                                                   G_CALLBACK (collect_layout_cb), &collect);
  g_signal_connect (mr_window_get_scheduler (window), "notify::state",
                    G_CALLBACK (collect_state_cb), &collect);
  frames = mr_bench_frames_start (GTK_WIDGET (window));
  if (collect.paste)
    {
      CALLGRIND_TOGGLE_COLLECT;
      collect.on = TRUE;
    }
  start = mr_bench_now_ms ();
  gtk_editable_set_text (GTK_EDITABLE (entry), text->str);
  paste_ms = mr_bench_now_ms () - start;

  if (mr_order_get_n_items (mr_window_get_order (window)) != N_DOMAINS)
    g_error ("The paste added %u domains, not %u",
             mr_order_get_n_items (mr_window_get_order (window)), N_DOMAINS);

  painted = mr_bench_wait_fresh_quote (window, &reply, 50000);
  collect_stop (&collect);
  if (painted == 0)
    g_error ("No fresh quote was painted");
  lines.window = window;
  if (!mr_bench_run_until (price_lines_shown, &lines, 50000))
    g_error ("The pricing panel did not list the quote's lines");
  lines_ms = mr_bench_now_ms ();
  if (!mr_bench_frames_wait_painted_after (frames, lines_ms, 5000))
    g_error ("No frame was painted after the price lines");
  lines_frame = mr_bench_frames_longest_between (frames, reply, G_MAXDOUBLE, &lines_cpu);
  longest = MAX (paste_ms, mr_bench_loop_longest_ms ());
  frame = mr_bench_frames_longest_between (frames, start, painted + 1, &frame_cpu);
  if (g_getenv ("MR_BENCH_FRAMES") != NULL)
    {
      mr_bench_frames_print (frames, start);
      g_print ("quote reply at %.1f ms\n", reply - start);
    }
  g_signal_handler_disconnect (mr_window_get_order (window), order_handler);
  g_signal_handler_disconnect (problems, problems_handler);
  g_signal_handlers_disconnect_by_data (clock, &phases);
  g_signal_handlers_disconnect_by_data (mr_window_get_scheduler (window), &collect);
  g_clear_signal_handler (&collect.handler, clock);
  g_clear_signal_handler (&collect.before_handler, clock);
  g_clear_signal_handler (&collect.layout_handler, clock);

  mr_bench_report ("paste 1,000: longest frame", frame, FRAME_MS, "ms");
  mr_bench_report ("paste 1,000: longest frame CPU", frame_cpu, FRAME_MS, "ms");
  mr_bench_report ("paste 1,000: longest main-loop stall", longest, FRAME_MS, "ms");
  mr_bench_report ("paste 1,000: paste -> fresh quote painted", painted - start, FRAME_MS, "ms");
  mr_bench_report ("paste 1,000: quote reply -> painted", painted - reply, FRAME_MS, "ms");
  mr_bench_report ("paste 1,000: longest frame, reply -> price lines", lines_frame, FRAME_MS, "ms");
  mr_bench_report ("paste 1,000: longest frame CPU, reply -> price lines", lines_cpu, FRAME_MS, "ms");
  mr_bench_report ("paste 1,000: changes of the order", n_order_changes, 1, "");
  mr_bench_report ("paste 1,000: changes of the problem list", n_problem_changes, 1, "");

  mr_order_remove_all (mr_window_get_order (window));
  gtk_window_destroy (GTK_WINDOW (window));
  mr_bench_spin (200);
  mr_application_set_client (app, NULL, TRUE);
  mr_bench_stop (sim);
  g_remove (draft);
  g_rmdir (tmpdir);

  return 0;
}
