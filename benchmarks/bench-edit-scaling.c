/* SPDX-License-Identifier: GPL-3.0-or-later */

/* How the cost of one keystroke grows with the size of the order.
 *
 * For orders of 10, 100 and 1,000 domains with 5 mailboxes each, it times
 * one edit of a mailbox's first name in a real window (the model's change
 * cascade, and that plus everything the window does until its next frame
 * is painted, the debounced quote and draft excluded), and the debounced work
 * that follows a pause in typing (local validation and the quote request
 * body). It prints each against the 10-domain order as a ratio: an edit
 * whose ratio stays near 1 does not walk the whole order.
 *
 * It waits for the next painted frame, not for an idle main loop: while a
 * quote is pending a spinner animates, and with a GL renderer slower than
 * the frame rate (llvmpipe under Xvfb) the loop is never idle.
 *
 * Run with: meson test -C _build --benchmark --verbose
 */

#include "config.h"

#include <glib/gstdio.h>

#include <adwaita.h>

#include "mailroom-core.h"
#include "mr-application.h"
#include "mr-bench.h"
#include "mr-bench-gui.h"
#include "mr-test-util.h"
#include "mr-window.h"

#define N_EDITS 20

static const guint sizes[] = { 10, 100, 1000 };

typedef struct
{
  double edit_us;
  double frame_us;
  double validate_us;
  double request_us;
} Sample;

static Sample
measure (MrApplication *app,
         guint          n_domains)
{
  MrWindow *window = mr_bench_window_new (app);
  MrOrder *order = mr_window_get_order (window);
  MrAccount *account;
  Sample sample;
  gint64 start;

  mr_order_remove_all (order);
  mr_bench_fill_order (order, n_domains);
  mr_bench_spin (300);
  mr_bench_wait_frame (window);

  /* the quote that follows a pause is measured apart, below */
  mr_quote_scheduler_set_delay (mr_window_get_scheduler (window), 600000);

  /* a mailbox in the middle of the order */
  account = mr_order_item_get_account (mr_order_get_item (order, n_domains / 2), 2);

  sample.edit_us = 0;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_EDITS; i++)
    {
      gint64 edit = g_get_monotonic_time ();

      mr_account_set_first_name (account, (i % 2) == 0 ? "Grace" : "Gracie");
      sample.edit_us += g_get_monotonic_time () - edit;
      mr_bench_wait_frame (window);
    }
  sample.frame_us = (double) (g_get_monotonic_time () - start) / N_EDITS;
  sample.edit_us /= N_EDITS;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 20; i++)
    g_ptr_array_unref (mr_order_validate (order));
  sample.validate_us = (double) (g_get_monotonic_time () - start) / 20;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 20; i++)
    g_free (mr_json_order_request (order, TRUE));
  sample.request_us = (double) (g_get_monotonic_time () - start) / 20;

  mr_order_remove_all (order);
  gtk_window_destroy (GTK_WINDOW (window));
  mr_bench_spin (200);

  return sample;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MrApplication) app = NULL;
  g_autoptr(MrSimServer) sim = NULL;
  g_autoptr(MrApiClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *draft = NULL;
  Sample samples[G_N_ELEMENTS (sizes)];

  gtk_init ();
  adw_init ();

  tmpdir = g_dir_make_tmp ("mailroom-bench-XXXXXX", &error);
  g_assert_no_error (error);
  draft = g_build_filename (tmpdir, "draft.json", NULL);
  g_setenv ("MR_DRAFT_PATH", draft, TRUE);

  sim = mr_test_sim_new ();
  client = mr_test_client_new (sim, NULL);

  app = mr_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  mr_application_set_client (app, client, TRUE);

  /* warm up caches, fonts and types once */
  measure (app, sizes[0]);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    samples[i] = measure (app, sizes[i]);

  g_print ("%-8s %14s %8s %16s %8s %16s %8s %16s %8s\n",
           "domains", "edit µs", "ratio", "to frame µs", "ratio",
           "validate µs", "ratio", "request µs", "ratio");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    g_print ("%-8u %14.1f %8.2f %16.1f %8.2f %16.1f %8.2f %16.1f %8.2f\n",
             sizes[i],
             samples[i].edit_us, samples[i].edit_us / samples[0].edit_us,
             samples[i].frame_us, samples[i].frame_us / samples[0].frame_us,
             samples[i].validate_us, samples[i].validate_us / samples[0].validate_us,
             samples[i].request_us, samples[i].request_us / samples[0].request_us);
  mr_bench_report ("edit, 1,000 x 5 vs 10 x 5: model cascade",
                   samples[2].edit_us, samples[0].edit_us, "µs");
  mr_bench_report ("edit, 1,000 x 5 vs 10 x 5: edit -> painted",
                   samples[2].frame_us / 1000, samples[0].frame_us / 1000, "ms");

  mr_application_set_client (app, NULL, TRUE);
  g_remove (draft);
  g_rmdir (tmpdir);

  return 0;
}
