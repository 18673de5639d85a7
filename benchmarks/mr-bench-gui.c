/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "mailroom-core.h"
#include "mr-bench.h"
#include "mr-bench-gui.h"

typedef struct
{
  guint  frames;
  double last_paint_ms;
  double reply_ms;
} WindowStats;

static WindowStats *
get_stats (MrWindow *window)
{
  return g_object_get_data (G_OBJECT (window), "mr-bench-stats");
}

static void
after_paint_cb (GdkFrameClock *clock,
                WindowStats   *stats)
{
  stats->frames++;
  stats->last_paint_ms = mr_bench_now_ms ();
}

static void
realize_cb (GtkWidget   *widget,
            WindowStats *stats)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), stats);
}

MrApplication *
mr_bench_app_new (const char *url)
{
  g_autoptr(MrApplication) app = mr_application_new ();
  g_autoptr(MrApiClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Cannot register: %s", error->message);

  client = mr_api_client_new (url, "mailroom-demo-key", &error);
  if (client == NULL)
    g_error ("Cannot talk to %s: %s", url, error->message);
  mr_application_set_client (app, client, TRUE);

  return g_steal_pointer (&app);
}

static gboolean
painted (gpointer data)
{
  return get_stats (data)->frames > 0;
}

MrWindow *
mr_bench_window_new (MrApplication *app)
{
  MrWindow *window = mr_window_new (app);

  g_object_set_data_full (G_OBJECT (window), "mr-bench-stats",
                          g_new0 (WindowStats, 1), g_free);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), get_stats (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_window_present (GTK_WINDOW (window));
  if (!mr_bench_run_until (painted, window, 20000))
    g_error ("The window painted no frame");

  return window;
}

guint
mr_bench_window_get_frames (MrWindow *window)
{
  return get_stats (window)->frames;
}

double
mr_bench_window_last_paint_ms (MrWindow *window)
{
  return get_stats (window)->last_paint_ms;
}

typedef struct
{
  MrWindow *window;
  guint     frames;
} FrameWait;

static gboolean
new_frame (gpointer data)
{
  FrameWait *wait = data;

  return get_stats (wait->window)->frames > wait->frames;
}

double
mr_bench_wait_frame (MrWindow *window)
{
  FrameWait wait = { window, get_stats (window)->frames };

  gtk_widget_queue_draw (GTK_WIDGET (window));
  if (!mr_bench_run_until (new_frame, &wait, 20000))
    g_error ("No frame was painted");

  return get_stats (window)->last_paint_ms;
}

static void
state_cb (MrQuoteScheduler *scheduler,
          GParamSpec       *pspec,
          WindowStats      *stats)
{
  if (mr_quote_scheduler_get_fresh_quote (scheduler) != NULL && stats->reply_ms == 0)
    stats->reply_ms = mr_bench_now_ms ();
}

static gboolean
fresh_painted (gpointer data)
{
  WindowStats *stats = get_stats (data);

  return stats->reply_ms > 0 && stats->last_paint_ms > stats->reply_ms;
}

double
mr_bench_wait_fresh_quote (MrWindow *window,
                           double   *reply_ms,
                           guint     timeout_ms)
{
  MrQuoteScheduler *scheduler = mr_window_get_scheduler (window);
  WindowStats *stats = get_stats (window);
  gulong handler;
  gboolean ok;

  stats->reply_ms = 0;
  if (mr_quote_scheduler_get_fresh_quote (scheduler) != NULL)
    stats->reply_ms = mr_bench_now_ms ();
  handler = g_signal_connect (scheduler, "notify::state", G_CALLBACK (state_cb), stats);
  ok = mr_bench_run_until (fresh_painted, window, timeout_ms);
  g_signal_handler_disconnect (scheduler, handler);

  if (reply_ms != NULL)
    *reply_ms = stats->reply_ms;

  return ok ? stats->last_paint_ms : 0;
}

void
mr_bench_fill_order (MrOrder *order,
                     guint    n_domains)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) domains = mr_bench_free_domains ("bench-outreach", n_domains);

  for (guint i = 0; i < n_domains; i++)
    {
      MrOrderItem *item = mr_order_item_new (domains[i]);

      mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing, Grace Hopper, "
                                          "Edsger Dijkstra, Barbara Liskov");
      g_ptr_array_add (items, item);
    }

  mr_order_append_items (order, (MrOrderItem **) items->pdata, items->len);
}

GtkWidget *
mr_bench_find_widget (GtkWidget  *widget,
                      const char *type_name)
{
  GType type = g_type_from_name (type_name);

  if (type != 0 && g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mr_bench_find_widget (child, type_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}
