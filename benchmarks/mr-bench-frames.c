/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "mr-bench.h"
#include "mr-bench-frames.h"

struct _MrBenchFrames
{
  GdkFrameClock *clock;
  gulong         handler;
  gint64         last_us;       /* when the last frame was painted (or the start) */
  gint64         last_poll_us;  /* the time spent in poll() by then */
  gint64         last_cpu_us;   /* the main thread's CPU time by then */
  double         last_ms;
  double         longest_ms;
  guint          count;
  GArray        *painted_ms;    /* double: when each frame was painted */
  GArray        *busy_ms;       /* double: its time */
  GArray        *cpu_ms;        /* double: the CPU time it took */
};

static void
after_paint_cb (GdkFrameClock *clock,
                MrBenchFrames *frames)
{
  gint64 now = g_get_monotonic_time ();
  gint64 polled = mr_bench_loop_poll_total_us ();
  gint64 start = frames->last_us;
  gint64 start_polled = frames->last_poll_us;
  gint64 start_cpu = frames->last_cpu_us;
  gint64 cpu = mr_bench_thread_cpu_us ();
  gint64 idle_polled, idle_cpu;
  gint64 idle_end = mr_bench_loop_idle_end_us (&idle_polled, &idle_cpu);
  gint64 busy;

  /* work followed by a wait of a whole frame delayed nothing on screen */
  if (idle_end > start)
    {
      start = idle_end;
      start_polled = idle_polled;
      start_cpu = idle_cpu;
    }
  busy = (now - start) - (polled - start_polled);

  frames->longest_ms = MAX (frames->longest_ms, busy / 1000.0);
  g_array_append_val (frames->painted_ms, (double) { now / 1000.0 });
  g_array_append_val (frames->busy_ms, (double) { busy / 1000.0 });
  g_array_append_val (frames->cpu_ms, (double) { (cpu - start_cpu) / 1000.0 });
  frames->last_us = now;
  frames->last_poll_us = polled;
  frames->last_cpu_us = cpu;
  frames->last_ms = now / 1000.0;
  frames->count++;
}

MrBenchFrames *
mr_bench_frames_start (GtkWidget *widget)
{
  MrBenchFrames *frames = g_new0 (MrBenchFrames, 1);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_assert (clock != NULL);

  frames->clock = g_object_ref (clock);
  frames->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), frames);
  frames->last_us = g_get_monotonic_time ();
  frames->last_poll_us = mr_bench_loop_poll_total_us ();
  frames->last_cpu_us = mr_bench_thread_cpu_us ();
  frames->painted_ms = g_array_new (FALSE, FALSE, sizeof (double));
  frames->busy_ms = g_array_new (FALSE, FALSE, sizeof (double));
  frames->cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));

  return frames;
}

guint
mr_bench_frames_count (MrBenchFrames *frames)
{
  return frames->count;
}

double
mr_bench_frames_longest (MrBenchFrames *frames)
{
  return frames->longest_ms;
}

double
mr_bench_frames_longest_between (MrBenchFrames *frames,
                                 double         from_ms,
                                 double         to_ms,
                                 double        *cpu_ms)
{
  double longest = 0;
  double longest_cpu = 0;

  for (guint i = 0; i < frames->painted_ms->len; i++)
    {
      double painted = g_array_index (frames->painted_ms, double, i);

      if (painted >= from_ms && painted < to_ms)
        {
          longest = MAX (longest, g_array_index (frames->busy_ms, double, i));
          longest_cpu = MAX (longest_cpu, g_array_index (frames->cpu_ms, double, i));
        }
    }

  if (cpu_ms != NULL)
    *cpu_ms = longest_cpu;

  return longest;
}

double
mr_bench_frames_last_ms (MrBenchFrames *frames)
{
  return frames->last_ms;
}

void
mr_bench_frames_print (MrBenchFrames *frames,
                        double         from_ms)
{
  for (guint i = 0; i < frames->painted_ms->len; i++)
    {
      double painted = g_array_index (frames->painted_ms, double, i);

      if (painted >= from_ms)
        g_print ("frame at %8.1f ms: %6.1f ms, CPU %6.1f ms\n", painted - from_ms,
                 g_array_index (frames->busy_ms, double, i),
                 g_array_index (frames->cpu_ms, double, i));
    }
}

void
mr_bench_frames_free (MrBenchFrames *frames)
{
  /* When the window went first, its surface's dispose already
   * dropped every handler on the clock we still hold. */
  if (g_signal_handler_is_connected (frames->clock, frames->handler))
    g_signal_handler_disconnect (frames->clock, frames->handler);
  g_clear_object (&frames->clock);
  g_array_unref (frames->painted_ms);
  g_array_unref (frames->busy_ms);
  g_array_unref (frames->cpu_ms);
  g_free (frames);
}

typedef struct
{
  MrBenchFrames *frames;
  double         after_ms;
} PaintWait;

static gboolean
painted_after (gpointer data)
{
  PaintWait *wait = data;

  return mr_bench_frames_last_ms (wait->frames) > wait->after_ms;
}

gboolean
mr_bench_frames_wait_painted_after (MrBenchFrames *frames,
                                    double         after_ms,
                                    guint          timeout_ms)
{
  PaintWait wait = { frames, after_ms };

  return mr_bench_run_until (painted_after, &wait, timeout_ms);
}
