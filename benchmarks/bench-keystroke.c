/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Slow typing in a mailbox's first name (the domain in the middle of the
 * order selected), in a 1,000 × 5 order against a 3 × 5 one, with the
 * client talking to a mailroom-sim process: the longest frame while
 * typing, key -> repaint, and the last key -> fresh total painted (the
 * 300 ms debounce included on both sides). Medians of the rounds.
 *
 * Usage: bench-keystroke MAILROOM-SIM */

#include "config.h"

#include <glib/gstdio.h>

#include <adwaita.h>

#include "mailroom-core.h"
#include "mr-bench.h"
#include "mr-bench-gui.h"

#define N_ROUNDS 3
#define N_KEYS 4
#define KEY_GAP_MS 150

typedef struct
{
  double frame_ms;
  double repaint_ms;
  double total_ms;
} Sample;

static const char *names[] = { "Grace", "Gracie", "Graciel", "Graciela" };

static void
select_middle (MrWindow *window,
               guint     n_domains)
{
  GtkWidget *view = mr_bench_find_widget (GTK_WIDGET (window), "GtkListView");
  GtkSelectionModel *model;

  if (view == NULL)
    return;

  model = gtk_list_view_get_model (GTK_LIST_VIEW (view));
  if (model != NULL)
    gtk_selection_model_select_item (model, n_domains / 2, TRUE);
}

static Sample
measure (MrApplication *app,
         guint          n_domains)
{
  MrWindow *window = mr_bench_window_new (app);
  MrOrder *order = mr_window_get_order (window);
  double repaint[N_ROUNDS * N_KEYS], total[N_ROUNDS], frame[N_ROUNDS];
  MrAccount *account;
  Sample sample;

  mr_order_remove_all (order);
  mr_bench_fill_order (order, n_domains);
  select_middle (window, n_domains);
  if (mr_bench_wait_fresh_quote (window, NULL, 30000) == 0)
    g_error ("No quote for the order of %u domains", n_domains);
  mr_bench_spin (300);

  account = mr_order_item_get_account (mr_order_get_item (order, n_domains / 2), 2);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      double key = 0, painted;

      mr_bench_loop_reset ();
      frame[round] = 0;
      for (guint k = 0; k < N_KEYS; k++)
        {
          double cost;

          key = mr_bench_now_ms ();
          mr_account_set_first_name (account, names[(round * N_KEYS + k) % G_N_ELEMENTS (names)]);
          cost = mr_bench_now_ms () - key;
          frame[round] = MAX (frame[round], cost);
          repaint[round * N_KEYS + k] = mr_bench_wait_frame (window) - key;
          if (k + 1 < N_KEYS)
            mr_bench_spin (KEY_GAP_MS);
        }

      painted = mr_bench_wait_fresh_quote (window, NULL, 30000);
      if (painted == 0)
        g_error ("No fresh quote after typing in the order of %u domains", n_domains);
      total[round] = painted - key;
      frame[round] = MAX (frame[round], mr_bench_loop_longest_ms ());
      mr_bench_spin (200);
    }

  sample.frame_ms = mr_bench_median (frame, N_ROUNDS);
  sample.repaint_ms = mr_bench_median (repaint, N_ROUNDS * N_KEYS);
  sample.total_ms = mr_bench_median (total, N_ROUNDS);

  mr_order_remove_all (order);
  gtk_window_destroy (GTK_WINDOW (window));
  mr_bench_spin (200);

  return sample;
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
  Sample small, large;

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

  /* warm up types, fonts and caches */
  measure (app, 3);
  small = measure (app, 3);
  large = measure (app, 1000);

  mr_bench_report ("typing, 1,000 x 5 vs 3 x 5: longest frame", large.frame_ms, small.frame_ms, "ms");
  mr_bench_report ("typing, 1,000 x 5 vs 3 x 5: key -> repaint", large.repaint_ms, small.repaint_ms, "ms");
  mr_bench_report ("typing, 1,000 x 5 vs 3 x 5: key -> fresh total", large.total_ms, small.total_ms, "ms");

  mr_application_set_client (app, NULL, TRUE);
  mr_bench_stop (sim);
  g_remove (draft);
  g_rmdir (tmpdir);

  return 0;
}
