/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mailroom"

#include "config.h"

#include <stdio.h>

#include "mr-startup-probe.h"

typedef struct
{
  MrWindow *window;
  gboolean  want_quote;
  gulong    handler;
} Probe;

static void
after_paint_cb (GdkFrameClock *clock,
                Probe         *probe)
{
  MrQuoteScheduler *scheduler = mr_window_get_scheduler (probe->window);

  if (probe->want_quote &&
      (scheduler == NULL || mr_quote_scheduler_get_fresh_quote (scheduler) == NULL))
    return;

  /* the size lets the benchmark check it compares windows of one size */
  printf ("probe %s %" G_GINT64_FORMAT " %dx%d\n",
          probe->want_quote ? "quote" : "frame", g_get_monotonic_time (),
          gtk_widget_get_width (GTK_WIDGET (probe->window)),
          gtk_widget_get_height (GTK_WIDGET (probe->window)));
  fflush (stdout);

  g_clear_signal_handler (&probe->handler, clock);
  g_application_quit (g_application_get_default ());
}

static void
realize_cb (GtkWidget *widget,
            Probe     *probe)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  probe->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), probe);
}

void
mr_startup_probe_attach (MrWindow *window)
{
  const char *what = g_getenv ("MR_STARTUP_PROBE");
  Probe *probe;

  if (what == NULL || *what == '\0')
    return;

  probe = g_new0 (Probe, 1);
  probe->window = window;
  probe->want_quote = g_str_equal (what, "quote");
  g_signal_connect_data (window, "realize", G_CALLBACK (realize_cb), probe,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
}
