/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The pricing panel alone (360 × 900, the cairo renderer), its client
 * talking to a mailroom-sim process, for an order of 1,000 × 5 against
 * one of 3 × 5, each domain with a problem and one in twenty left out:
 * from the simulator's reply to the frame that shows it, for the first
 * quote (the lines are made) and for a quote that only changes figures
 * (one mailbox renamed), and from a change of the problems to its frame.
 * Times are the main thread's CPU time, which the other processes on a
 * shared machine do not inflate; medians of the rounds.
 *
 * Usage: bench-panel MAILROOM-SIM */

#include "config.h"

#include <time.h>

#include <adwaita.h>

#include "mailroom-core.h"
#include "mr-bench.h"
#include "mr-bench-gui.h"
#include "mr-pricing-panel.h"

#define N_ROUNDS 5

typedef struct
{
  double first_ms;
  double figures_ms;
  double problems_ms;
  double rows;
} Sample;

typedef struct
{
  GtkWidget *window;
  guint      frames;
  double     reply_cpu;
  double     paint_cpu;
} Watch;

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *watch)
{
  watch->frames++;
  watch->paint_cpu = cpu_ms ();
}

static void
quote_cb (MrQuoteScheduler *scheduler,
          GParamSpec       *pspec,
          Watch            *watch)
{
  /* the quote is set before the state says fresh, and the panel shows it
   * then: this handler is connected first, so it runs before the panel's */
  if (mr_quote_scheduler_get_quote (scheduler) != NULL && watch->reply_cpu == 0)
    watch->reply_cpu = cpu_ms ();
}

static gboolean
painted_after_reply (gpointer data)
{
  Watch *watch = data;

  return watch->reply_cpu > 0 && watch->paint_cpu > watch->reply_cpu;
}

typedef struct
{
  Watch *watch;
  guint  frames;
} FrameWait;

static gboolean
new_frame (gpointer data)
{
  FrameWait *wait = data;

  return wait->watch->frames > wait->frames;
}

/* CPU time from now to the end of the next frame */
static double
next_frame_cpu (Watch  *watch,
                double  since)
{
  FrameWait wait = { watch, watch->frames };

  gtk_widget_queue_draw (watch->window);
  if (!mr_bench_run_until (new_frame, &wait, 20000))
    g_error ("No frame was painted");

  return watch->paint_cpu - since;
}

static double
quote_to_paint (MrQuoteScheduler *scheduler,
                Watch            *watch)
{
  if (!mr_bench_run_until (painted_after_reply, watch, 30000))
    g_error ("No fresh quote was painted");

  return watch->paint_cpu - watch->reply_cpu;
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LIST_BOX_ROW (widget) || g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkListItemWidget"))
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);

  return n;
}

static Sample
measure (MrApiClient *client,
         guint        n_domains)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrQuoteScheduler) scheduler = NULL;
  g_autoptr(GListStore) problems = g_list_store_new (MR_TYPE_PROBLEM);
  g_autoptr(GListStore) excluded = g_list_store_new (MR_TYPE_PROBLEM);
  double first[N_ROUNDS], figures[N_ROUNDS], changed[N_ROUNDS];
  GtkWidget *panel;
  Watch watch = { 0 };
  Sample sample;
  GdkFrameClock *clock;
  MrAccount *account;

  mr_bench_fill_order (order, n_domains);

  for (guint i = 0; i < n_domains; i++)
    {
      const char *domain = mr_order_item_get_domain (mr_order_get_item (order, i));
      g_autoptr(MrProblem) problem = mr_problem_new (MR_PROBLEM_ACCOUNT_NAME, domain, NULL, NULL,
                                                     "Add a last name to every mailbox.");

      g_list_store_append (problems, problem);
      if (i % 20 == 0)
        {
          g_autoptr(MrProblem) reason = mr_problem_new (MR_PROBLEM_DOMAIN_UNAVAILABLE, domain,
                                                        NULL, NULL, "This domain is already taken.");

          mr_problem_set_severity (reason, MR_PROBLEM_WARNING);
          g_list_store_append (excluded, reason);
        }
    }

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      double start;

      /* a new panel and scheduler each round: the first quote makes
       * the panel's lines */
      watch = (Watch) { 0 };
      scheduler = mr_quote_scheduler_new (client, order);
      mr_quote_scheduler_set_delay (scheduler, 0);
      g_signal_connect (scheduler, "notify::quote", G_CALLBACK (quote_cb), &watch);
      watch.window = gtk_window_new ();
      gtk_window_set_default_size (GTK_WINDOW (watch.window), 360, 900);
      panel = mr_pricing_panel_new ();
      gtk_window_set_child (GTK_WINDOW (watch.window), panel);
      gtk_window_present (GTK_WINDOW (watch.window));
      clock = gtk_widget_get_frame_clock (watch.window);
      g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &watch);
      next_frame_cpu (&watch, cpu_ms ());

      mr_pricing_panel_set_problems (MR_PRICING_PANEL (panel), G_LIST_MODEL (problems));
      mr_pricing_panel_set_excluded (MR_PRICING_PANEL (panel), G_LIST_MODEL (excluded));
      mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), scheduler);
      mr_quote_scheduler_refresh (scheduler);
      first[round] = quote_to_paint (scheduler, &watch);
      mr_bench_spin (100);

      /* a mailbox renamed: a quote that changes only figures */
      account = mr_order_item_get_account (mr_order_get_item (order, 0), 0);
      watch.reply_cpu = 0;
      mr_account_set_first_name (account, round % 2 == 0 ? "Adah" : "Ada");
      figures[round] = quote_to_paint (scheduler, &watch);
      mr_bench_spin (100);

      /* the first problem replaced */
      {
        g_autoptr(MrProblem) old = g_list_model_get_item (G_LIST_MODEL (problems), 0);
        g_autoptr(MrProblem) problem = mr_problem_new (MR_PROBLEM_ACCOUNT_PREFIX, old->domain,
                                                       NULL, NULL,
                                                       round % 2 == 0 ? "Use only letters." :
                                                                        "Use only letters and digits.");

        start = cpu_ms ();
        g_list_store_splice (problems, 0, 1, (gpointer *) &problem, 1);
        changed[round] = next_frame_cpu (&watch, start);
      }

      sample.rows = count_rows (panel);

      g_signal_handlers_disconnect_by_data (clock, &watch);
      g_signal_handlers_disconnect_by_data (scheduler, &watch);
      mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), NULL);
      gtk_window_destroy (GTK_WINDOW (watch.window));
      g_clear_object (&scheduler);
      mr_bench_spin (100);
    }

  sample.first_ms = mr_bench_median (first, N_ROUNDS);
  sample.figures_ms = mr_bench_median (figures, N_ROUNDS);
  sample.problems_ms = mr_bench_median (changed, N_ROUNDS);

  return sample;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) sim = NULL;
  g_autoptr(MrApplication) app = NULL;
  g_autoptr(MrApiClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
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

  sim = mr_bench_spawn_sim (argv[1], sim_args, &url, &error);
  if (sim == NULL)
    g_error ("%s", error->message);

  /* the application loads the style sheet the panel is drawn with */
  app = mr_bench_app_new (url);
  client = mr_api_client_new (url, "mailroom-demo-key", &error);
  g_assert_no_error (error);

  /* warm up types, fonts and caches */
  measure (client, 3);
  small = measure (client, 3);
  large = measure (client, 1000);

  mr_bench_report ("panel, 1,000 x 5 vs 3 x 5: first quote reply -> painted (CPU)",
                   large.first_ms, small.first_ms, "ms");
  mr_bench_report ("panel, 1,000 x 5 vs 3 x 5: figures-only quote reply -> painted (CPU)",
                   large.figures_ms, small.figures_ms, "ms");
  mr_bench_report ("panel, 1,000 vs 3 problems: a problem changed -> painted (CPU)",
                   large.problems_ms, small.problems_ms, "ms");
  mr_bench_report ("panel, 1,000 vs 3 domains: list rows alive", large.rows, small.rows, "rows");

  mr_application_set_client (app, NULL, TRUE);
  mr_bench_stop (sim);

  return 0;
}
