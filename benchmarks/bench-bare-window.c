/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The start-up floor: a bare AdwApplication with an empty
 * AdwApplicationWindow of Mailroom's default size. Prints
 * "probe frame <monotonic µs> <width>x<height>" when its first frame is
 * painted, then quits. */

#include "config.h"

#include <stdio.h>

#include <adwaita.h>

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  printf ("probe frame %" G_GINT64_FORMAT " %dx%d\n", g_get_monotonic_time (),
          gtk_widget_get_width (window), gtk_widget_get_height (window));
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
}

static void
activate_cb (GApplication *app)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new (APP_ID ".BareWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
