/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <time.h>

#include "mr-bench.h"
#include "mr-sim-catalog.h"

static gint64 poll_us;
static gint64 poll_total_us;
static gint64 idle_end_us;
static gint64 idle_end_poll_total_us;
static gint64 idle_end_cpu_us;
static gint64 longest_us;

void
mr_bench_report (const char *what,
                 double      ours,
                 double      floor,
                 const char *unit)
{
  g_print ("%-46s ours %9.2f %-3s floor %9.2f %-3s ratio %6.2f\n",
           what, ours, unit, floor, unit, floor > 0 ? ours / floor : 0.0);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
mr_bench_median (double *values,
                 guint   n)
{
  if (n == 0)
    return 0;

  qsort (values, n, sizeof (double), compare_doubles);

  return (n % 2) == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double
mr_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
timed_poll (GPollFD *fds,
            guint    n_fds,
            int      timeout)
{
  gint64 start = g_get_monotonic_time ();
  int ret = g_poll (fds, n_fds, timeout);
  gint64 end = g_get_monotonic_time ();

  poll_us += end - start;
  poll_total_us += end - start;

  /* idle for a whole frame: what ran before delayed no frame */
  if (end - start >= 1000000 / 60)
    {
      idle_end_us = end;
      idle_end_poll_total_us = poll_total_us;
      idle_end_cpu_us = mr_bench_thread_cpu_us ();
    }

  return ret;
}

void
mr_bench_loop_install (void)
{
  g_main_context_set_poll_func (g_main_context_default (), timed_poll);
}

gint64
mr_bench_loop_poll_total_us (void)
{
  return poll_total_us;
}

gint64
mr_bench_loop_idle_end_us (gint64 *poll_total,
                           gint64 *cpu)
{
  if (poll_total != NULL)
    *poll_total = idle_end_poll_total_us;
  if (cpu != NULL)
    *cpu = idle_end_cpu_us;

  return idle_end_us;
}

gint64
mr_bench_thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

void
mr_bench_loop_reset (void)
{
  longest_us = 0;
}

double
mr_bench_loop_longest_ms (void)
{
  return longest_us / 1000.0;
}

void
mr_bench_iterate (void)
{
  gint64 start = g_get_monotonic_time ();
  gint64 busy;

  poll_us = 0;
  g_main_context_iteration (NULL, TRUE);
  busy = g_get_monotonic_time () - start - poll_us;
  longest_us = MAX (longest_us, busy);
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

gboolean
mr_bench_run_until (gboolean (*done) (gpointer data),
                    gpointer   data,
                    guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, set_flag_cb, &timed_out);

  while (!done (data) && !timed_out)
    mr_bench_iterate ();

  if (!timed_out)
    g_source_remove (id);

  return !timed_out;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
mr_bench_spin (guint ms)
{
  mr_bench_run_until (never, NULL, ms);
}

GStrv
mr_bench_free_domains (const char *prefix,
                       guint       n)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0, found = 0; found < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%04u.com", prefix, i);

      if (mr_sim_catalog_is_taken (name))
        continue;
      g_strv_builder_add (builder, name);
      found++;
    }

  return g_strv_builder_end (builder);
}

GSubprocess *
mr_bench_spawn_sim (const char   *sim_path,
                    const char  **extra_args,
                    char        **url,
                    GError      **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) sim = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  const char *at;

  g_ptr_array_add (argv, (char *) sim_path);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  sim = g_subprocess_newv ((const char * const *) argv->pdata,
                           G_SUBPROCESS_FLAGS_STDOUT_PIPE, error);
  if (sim == NULL)
    return NULL;

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim));
  line = g_data_input_stream_read_line (out, NULL, NULL, error);
  if (line == NULL || (at = strstr (line, "http://")) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "%s did not say where it listens", sim_path);
      mr_bench_stop (sim);
      return NULL;
    }

  *url = g_strdup (at);

  return g_steal_pointer (&sim);
}

void
mr_bench_stop (GSubprocess *process)
{
  if (process == NULL)
    return;

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}
