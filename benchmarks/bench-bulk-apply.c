/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What a bulk apply costs in a real window.
 *
 * It times applying two people (first.last) to every domain of an order
 * of 100 and of 1,000 empty domains, as the bulk dialog does: one change
 * of the order, then everything the window does until the main loop is
 * idle again (the debounced quote and draft excluded, as in
 * bench-edit-scaling). The floor for the 1,000-domain apply is the cost
 * of one keystroke in a 10-domain order (bench-edit-scaling's unit); the
 * floor for the 100-domain apply is one 16.7 ms frame, which it has to
 * stay under. Prints "ours, floor, ratio" per line.
 *
 * Run with: meson test -C _build --benchmark --verbose
 */

#include "config.h"

#include <glib/gstdio.h>

#include <adwaita.h>

#include "mailroom-core.h"
#include "mr-application.h"
#include "mr-test-util.h"
#include "mr-window.h"

#define N_EDITS 200
#define FRAME_US (1000000.0 / 60.0)

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static MrWindow *
open_window (MrApplication *app,
             guint          n_domains,
             gboolean       with_mailboxes)
{
  MrWindow *window = mr_window_new (app);
  MrOrder *order = mr_window_get_order (window);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_window_present (GTK_WINDOW (window));
  mr_order_remove_all (order);

  for (guint i = 0; i < n_domains; i++)
    {
      g_autofree char *name = g_strdup_printf ("bench-bulk-%04u.com", i);
      MrOrderItem *item = mr_order_item_new (name);

      if (with_mailboxes)
        mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing, Grace Hopper, "
                                            "Edsger Dijkstra, Barbara Liskov");
      g_ptr_array_add (items, item);
    }
  mr_order_append_items (order, (MrOrderItem **) items->pdata, items->len);

  mr_test_spin (300);
  drain ();
  /* the quote after a pause is not part of the edit */
  mr_quote_scheduler_set_delay (mr_window_get_scheduler (window), 600000);

  return window;
}

static void
close_window (MrWindow *window)
{
  mr_order_remove_all (mr_window_get_order (window));
  gtk_window_destroy (GTK_WINDOW (window));
  mr_test_spin (200);
}

/* µs for one keystroke (a first name edited) in a @n_domains order */
static double
measure_keystroke (MrApplication *app,
                   guint          n_domains)
{
  MrWindow *window = open_window (app, n_domains, TRUE);
  MrOrder *order = mr_window_get_order (window);
  MrAccount *account = mr_order_item_get_account (mr_order_get_item (order, n_domains / 2), 2);
  gint64 start = g_get_monotonic_time ();
  double us;

  for (guint i = 0; i < N_EDITS; i++)
    {
      mr_account_set_first_name (account, (i % 2) == 0 ? "Grace" : "Gracie");
      drain ();
    }
  us = (double) (g_get_monotonic_time () - start) / N_EDITS;

  close_window (window);

  return us;
}

/* µs for applying two people to all @n_domains, the best of @rounds */
static double
measure_bulk (MrApplication *app,
              guint          n_domains,
              guint          rounds)
{
  MrWindow *window = open_window (app, n_domains, FALSE);
  MrOrder *order = mr_window_get_order (window);
  g_autoptr(GPtrArray) people = mr_people_parse ("Jane Doe, John Smith", NULL);
  double best = G_MAXDOUBLE;

  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(MrBulkReport) report = NULL;
      guint64 revision = mr_order_get_revision (order);
      gint64 start;
      double us;

      start = g_get_monotonic_time ();
      report = mr_order_bulk_add_people (order, NULL, people, MR_ADDRESS_PATTERN_FIRST_DOT_LAST);
      drain ();
      us = (double) (g_get_monotonic_time () - start);

      g_assert_cmpuint (report->n_added, ==, 2 * n_domains);
      g_assert_cmpuint (mr_order_get_revision (order), ==, revision + 1);
      best = MIN (best, us);

      /* back to empty domains for the next round */
      mr_order_begin_batch (order);
      for (guint i = 0; i < n_domains; i++)
        mr_order_item_remove_all_accounts (mr_order_get_item (order, i));
      mr_order_end_batch (order);
      drain ();
    }

  close_window (window);

  return best;
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
  double keystroke_10;
  double bulk_100;
  double bulk_1000;

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
  measure_keystroke (app, 10);
  measure_bulk (app, 10, 1);

  keystroke_10 = measure_keystroke (app, 10);
  bulk_100 = measure_bulk (app, 100, 5);
  bulk_1000 = measure_bulk (app, 1000, 3);

  g_print ("%-44s %12s %12s %10s\n", "", "ours µs", "floor µs", "ratio");
  g_print ("%-44s %12.1f %12.1f %10.2f\n", "bulk apply, 2 people x 1000 domains / keystroke@10",
           bulk_1000, keystroke_10, bulk_1000 / keystroke_10);
  g_print ("%-44s %12.1f %12.1f %10.2f\n", "bulk apply, 2 people x 100 domains / 16.7 ms frame",
           bulk_100, FRAME_US, bulk_100 / FRAME_US);
  g_print ("bulk apply of 100 domains %s one frame (ratio %s 1)\n",
           bulk_100 < FRAME_US ? "fits in" : "DOES NOT fit in",
           bulk_100 < FRAME_US ? "<" : ">=");

  mr_application_set_client (app, NULL, TRUE);
  g_remove (draft);
  g_rmdir (tmpdir);

  return 0;
}
