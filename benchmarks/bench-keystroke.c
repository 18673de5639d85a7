/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Slow typing in a mailbox's first name entry (the domain in the middle
 * of the order selected), in a 1,000 × 5 and a 3 × 5 order, with the
 * client talking to a mailroom-sim process. The floor is what the toolkit
 * itself costs: a bare libadwaita window of the same size holding one
 * GtkEntry that gets the same text, in the same process and renderer.
 *
 * Each key is the entry's text set as typing sets it; the frames are the
 * window's own (GdkFrameClock, busy time of the main loop on the way to
 * each, as in mr-bench-frames.h), and nothing forces a redraw of more
 * than what the key changed. Per order: the longest frame of the keys
 * (wall, and the main thread's CPU time), the longest frame until the
 * fresh total is painted (the quote's reply included), the longest frame
 * after that while the draft is saved (500 ms after the last key) and the
 * undo step copied, key -> painted, and the last key -> fresh total
 * painted (the 300 ms debounce included). Medians of the rounds.
 *
 * Usage: bench-keystroke MAILROOM-SIM */

#include "config.h"

#include <glib/gstdio.h>

#include <adwaita.h>

#include "mailroom-core.h"
#include "mr-bench.h"
#include "mr-bench-frames.h"
#include "mr-bench-gui.h"
#include "mr-domain-list.h"
#include "mr-mailbox-row.h"

#define N_ROUNDS 5
#define N_KEYS 4
#define KEY_GAP_MS 150
#define FRAME_MS 16.7
#define SETTLE_MS 1100

typedef struct
{
  double key_frame_ms;     /* the longest frame of the keys */
  double key_frame_cpu_ms; /* the most CPU one of them took */
  double frame_ms;         /* the longest frame until the fresh total */
  double repaint_ms;       /* key -> painted */
  double total_ms;         /* last key -> fresh total painted */
  double settle_ms;        /* the longest frame after it, while the draft is saved */
} Sample;

static const char *names[] = { "G", "Gr", "Gra", "Grac", "Grace", "Graci", "Gracie", "Graciel" };

/* Types one round of keys into @entry, each followed by the frame it
 * causes; returns when the last key was typed */
static double
type_round (GtkWidget     *entry,
            MrBenchFrames *frames,
            guint          round,
            double        *repaint,
            double        *key_frame,
            double        *key_frame_cpu)
{
  double first = 0, key = 0;

  for (guint k = 0; k < N_KEYS; k++)
    {
      key = mr_bench_now_ms ();
      if (k == 0)
        first = key;
      gtk_editable_set_text (GTK_EDITABLE (entry), names[(round * N_KEYS + k) % G_N_ELEMENTS (names)]);
      if (!mr_bench_frames_wait_painted_after (frames, key, 20000))
        g_error ("A key painted no frame");
      repaint[k] = mr_bench_frames_last_ms (frames) - key;
      if (k + 1 < N_KEYS)
        mr_bench_spin (KEY_GAP_MS);
    }

  *key_frame = mr_bench_frames_longest_between (frames, first, mr_bench_now_ms () + 1,
                                                key_frame_cpu);

  return key;
}

/* one round in the window, up to the fresh total painted (a function of
 * its own for callgrind's --toggle-collect) */
static double
type_and_quote (MrWindow      *window,
                GtkWidget     *entry,
                MrBenchFrames *frames,
                guint          round,
                double        *repaint,
                Sample        *sample,
                double        *key)
{
  *key = type_round (entry, frames, round, repaint,
                     &sample->key_frame_ms, &sample->key_frame_cpu_ms);

  return mr_bench_wait_fresh_quote (window, NULL, 30000);
}

static GtkWidget *
find_mailbox_row (GtkWidget *widget,
                  MrAccount *account)
{
  if (MR_IS_MAILBOX_ROW (widget) &&
      mr_mailbox_row_get_account (MR_MAILBOX_ROW (widget)) == account)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mailbox_row (child, account);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
select_middle (MrWindow *window,
               guint     n_domains)
{
  GtkWidget *list = mr_bench_find_widget (GTK_WIDGET (window), "MrDomainList");

  if (list == NULL)
    g_error ("The window has no domain list");

  mr_domain_list_select (MR_DOMAIN_LIST (list), n_domains / 2);
}

static double
median_field (Sample *rounds,
              gsize   offset)
{
  double values[N_ROUNDS];

  for (guint r = 0; r < N_ROUNDS; r++)
    values[r] = G_STRUCT_MEMBER (double, &rounds[r], offset);

  return mr_bench_median (values, N_ROUNDS);
}

static Sample
median_of (Sample *rounds,
           double *repaint)
{
  Sample sample;

  sample.key_frame_ms = median_field (rounds, G_STRUCT_OFFSET (Sample, key_frame_ms));
  sample.key_frame_cpu_ms = median_field (rounds, G_STRUCT_OFFSET (Sample, key_frame_cpu_ms));
  sample.frame_ms = median_field (rounds, G_STRUCT_OFFSET (Sample, frame_ms));
  sample.total_ms = median_field (rounds, G_STRUCT_OFFSET (Sample, total_ms));
  sample.settle_ms = median_field (rounds, G_STRUCT_OFFSET (Sample, settle_ms));
  sample.repaint_ms = mr_bench_median (repaint, N_ROUNDS * N_KEYS);

  return sample;
}

static Sample
measure_ours (MrApplication *app,
              guint          n_domains)
{
  MrWindow *window = mr_bench_window_new (app);
  MrOrder *order = mr_window_get_order (window);
  g_autoptr(MrBenchFrames) frames = NULL;
  double repaint[N_ROUNDS * N_KEYS];
  Sample rounds[N_ROUNDS];
  MrAccount *account;
  GtkWidget *row, *entry;

  mr_order_remove_all (order);
  mr_bench_fill_order (order, n_domains);
  select_middle (window, n_domains);
  if (mr_bench_wait_fresh_quote (window, NULL, 30000) == 0)
    g_error ("No quote for the order of %u domains", n_domains);
  mr_bench_spin (300);

  account = mr_order_item_get_account (mr_order_get_item (order, n_domains / 2), 2);
  row = find_mailbox_row (GTK_WIDGET (window), account);
  if (row == NULL)
    g_error ("The mailbox being typed in is not shown");
  entry = mr_bench_find_widget (row, "GtkEntry");
  gtk_widget_grab_focus (entry);
  frames = mr_bench_frames_start (GTK_WIDGET (window));

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      double key, painted, start = mr_bench_now_ms ();

      painted = type_and_quote (window, entry, frames, round, repaint + round * N_KEYS,
                                &rounds[round], &key);
      if (painted == 0)
        g_error ("No fresh quote after typing in the order of %u domains", n_domains);
      rounds[round].total_ms = painted - key;
      rounds[round].frame_ms = mr_bench_frames_longest_between (frames, start,
                                                                painted + 1, NULL);
      /* the draft is saved 500 ms after the last key, and the undo step
       * is copied a second after the first */
      while (mr_bench_now_ms () < key + SETTLE_MS)
        mr_bench_iterate ();
      rounds[round].settle_ms = mr_bench_frames_longest_between (frames, painted + 1,
                                                                 mr_bench_now_ms () + 1, NULL);
    }

  g_clear_pointer (&frames, mr_bench_frames_free);
  mr_order_remove_all (order);
  gtk_window_destroy (GTK_WINDOW (window));
  mr_bench_spin (200);

  return median_of (rounds, repaint);
}

static gboolean
window_painted (gpointer data)
{
  return mr_bench_frames_count (data) > 0;
}

/* the floor: the toolkit's own cost of a key in an entry */
static Sample
measure_bare (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *entry = gtk_entry_new ();
  g_autoptr(MrBenchFrames) frames = NULL;
  double repaint[N_ROUNDS * N_KEYS];
  Sample rounds[N_ROUNDS];

  gtk_widget_set_margin_top (entry, 12);
  gtk_widget_set_margin_start (entry, 12);
  gtk_widget_set_margin_end (entry, 12);
  gtk_box_append (GTK_BOX (box), entry);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_widget_realize (window);
  frames = mr_bench_frames_start (window);
  gtk_window_present (GTK_WINDOW (window));
  if (!mr_bench_run_until (window_painted, frames, 20000))
    g_error ("The bare window painted no frame");
  gtk_widget_grab_focus (entry);
  mr_bench_spin (300);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      double start = mr_bench_now_ms ();

      type_round (entry, frames, round, repaint + round * N_KEYS,
                  &rounds[round].key_frame_ms, &rounds[round].key_frame_cpu_ms);
      rounds[round].total_ms = 0;
      rounds[round].settle_ms = 0;
      rounds[round].frame_ms = mr_bench_frames_longest_between (frames, start,
                                                                mr_bench_now_ms () + 1, NULL);
      mr_bench_spin (400);
    }

  g_clear_pointer (&frames, mr_bench_frames_free);
  gtk_window_destroy (GTK_WINDOW (window));
  mr_bench_spin (200);

  return median_of (rounds, repaint);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) sim = NULL;
  g_autoptr(MrApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *draft = NULL;
  const char *sim_args[] = { "--rate-limit", "0", "--check-rate-limit", "0", NULL };
  const char *only = g_getenv ("MR_BENCH_ONLY");
  Sample bare, small, large;

  if (argc != 2)
    {
      g_printerr ("Usage: %s MAILROOM-SIM\n", argv[0]);
      return 1;
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

  /* one case alone (MR_BENCH_ONLY=N domains or "bare"), for example
   * under valgrind --tool=callgrind --toggle-collect=type_round */
  if (g_strcmp0 (only, "bare") == 0)
    {
      measure_bare (GTK_APPLICATION (app));
      measure_bare (GTK_APPLICATION (app));
      goto out;
    }
  else if (only != NULL)
    {
      guint n = (guint) g_ascii_strtoull (only, NULL, 10);

      measure_ours (app, 3);
      large = measure_ours (app, MAX (n, 1));
      g_print ("typing %u x 5: longest key frame %.2f ms (CPU %.2f ms), to fresh total %.2f ms, "
               "draft saved %.2f ms, key -> fresh total %.2f ms\n",
               MAX (n, 1), large.key_frame_ms, large.key_frame_cpu_ms, large.frame_ms,
               large.settle_ms, large.total_ms);
      goto out;
    }

  /* warm up types, fonts and caches */
  measure_bare (GTK_APPLICATION (app));
  measure_ours (app, 3);

  bare = measure_bare (GTK_APPLICATION (app));
  small = measure_ours (app, 3);
  large = measure_ours (app, 1000);

  mr_bench_report ("typing 1,000 x 5: longest key frame", large.key_frame_ms, bare.key_frame_ms, "ms");
  mr_bench_report ("typing 1,000 x 5: its CPU", large.key_frame_cpu_ms, bare.key_frame_cpu_ms, "ms");
  mr_bench_report ("typing 3 x 5: longest key frame", small.key_frame_ms, bare.key_frame_ms, "ms");
  mr_bench_report ("typing 3 x 5: its CPU", small.key_frame_cpu_ms, bare.key_frame_cpu_ms, "ms");
  mr_bench_report ("typing 1,000 x 5: key -> painted", large.repaint_ms, bare.repaint_ms, "ms");
  mr_bench_report ("typing 1,000 x 5: longest frame to fresh total", large.frame_ms, FRAME_MS, "ms");
  mr_bench_report ("typing 3 x 5: longest frame to fresh total", small.frame_ms, FRAME_MS, "ms");
  mr_bench_report ("typing 1,000 x 5: longest frame, draft saved", large.settle_ms, FRAME_MS, "ms");
  mr_bench_report ("typing: key -> fresh total, 1,000 vs 3 x 5", large.total_ms, small.total_ms, "ms");

out:
  mr_application_set_client (app, NULL, TRUE);
  mr_bench_stop (sim);
  g_remove (draft);
  g_rmdir (tmpdir);

  return 0;
}
