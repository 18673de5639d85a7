/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Pasting 1,000 domains into the add entry of a real window whose client
 * talks to a mailroom-sim process: the longest stretch the main loop was
 * busy (the longest frozen frame) from the paste until the fresh quote is
 * painted, and the time to that frame, both against one 60 Hz frame.
 *
 * Usage: bench-paste MAILROOM-SIM */

#include "config.h"

#include <glib/gstdio.h>

#include <adwaita.h>

#include "mailroom-core.h"
#include "mr-bench.h"
#include "mr-bench-gui.h"

#define N_DOMAINS 1000
#define FRAME_MS (1000.0 / 60)

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
  GtkWidget *list, *entry;
  double start, paste_ms, painted, reply, longest;

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
  window = mr_bench_window_new (app);
  mr_bench_spin (500);

  list = mr_bench_find_widget (GTK_WIDGET (window), "MrDomainList");
  entry = list != NULL ? mr_bench_find_widget (list, "GtkEntry") : NULL;
  if (entry == NULL)
    g_error ("No add entry in the domain list");

  domains = mr_bench_free_domains ("pasted-outreach", N_DOMAINS);
  for (guint i = 0; i < N_DOMAINS; i++)
    g_string_append_printf (text, "%s\n", domains[i]);

  mr_bench_loop_reset ();
  start = mr_bench_now_ms ();
  gtk_editable_set_text (GTK_EDITABLE (entry), text->str);
  paste_ms = mr_bench_now_ms () - start;

  if (mr_order_get_n_items (mr_window_get_order (window)) != N_DOMAINS)
    g_error ("The paste added %u domains, not %u",
             mr_order_get_n_items (mr_window_get_order (window)), N_DOMAINS);

  painted = mr_bench_wait_fresh_quote (window, &reply, 50000);
  if (painted == 0)
    g_error ("No fresh quote was painted");
  longest = MAX (paste_ms, mr_bench_loop_longest_ms ());

  mr_bench_report ("paste 1,000: longest frame", longest, FRAME_MS, "ms");
  mr_bench_report ("paste 1,000: paste -> fresh quote painted", painted - start, FRAME_MS, "ms");
  mr_bench_report ("paste 1,000: quote reply -> painted", painted - reply, FRAME_MS, "ms");

  mr_order_remove_all (mr_window_get_order (window));
  gtk_window_destroy (GTK_WINDOW (window));
  mr_bench_spin (200);
  mr_application_set_client (app, NULL, TRUE);
  mr_bench_stop (sim);
  g_remove (draft);
  g_rmdir (tmpdir);

  return 0;
}
