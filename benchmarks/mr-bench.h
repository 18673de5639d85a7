/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Prints one result as "WHAT: ours X UNIT, floor Y UNIT, ratio Z". */
void         mr_bench_report            (const char    *what,
                                         double         ours,
                                         double         floor,
                                         const char    *unit);
/* Sorts @values in place and returns their median */
double       mr_bench_median            (double        *values,
                                         guint          n);
double       mr_bench_now_ms            (void);

/* Main-loop stalls: once installed, mr_bench_iterate() runs one blocking
 * iteration of the default context and records how long it was busy (its
 * time outside poll()): the longest such stretch is the longest frame a
 * user could see frozen. */
void         mr_bench_loop_install      (void);
void         mr_bench_loop_reset        (void);
/* all the time the default context has waited in poll() since installed */
gint64       mr_bench_loop_poll_total_us (void);
/* when the default context last ended a wait in poll() of a whole 60 Hz
 * frame or more (g_get_monotonic_time), with *@poll_total the total then
 * and *@cpu the calling thread's CPU time then */
gint64       mr_bench_loop_idle_end_us  (gint64        *poll_total,
                                         gint64        *cpu);
/* the CPU time the calling thread has used, in µs: unlike wall time, not
 * stretched when other programs share the processors */
gint64       mr_bench_thread_cpu_us     (void);
double       mr_bench_loop_longest_ms   (void);
void         mr_bench_iterate           (void);
/* Iterates until @done returns TRUE; FALSE after @timeout_ms */
gboolean     mr_bench_run_until         (gboolean     (*done) (gpointer data),
                                         gpointer       data,
                                         guint          timeout_ms);
void         mr_bench_spin              (guint          ms);

/* @n domain names starting with @prefix that the simulator's catalogue
 * says are free, so that an order of them can be quoted */
GStrv        mr_bench_free_domains      (const char    *prefix,
                                         guint          n);

/* Starts the mailroom-sim at @sim_path on a free loopback port with
 * @extra_args (NULL-terminated, may be NULL) and returns it; *@url is its
 * address. */
GSubprocess *mr_bench_spawn_sim         (const char    *sim_path,
                                         const char   **extra_args,
                                         char         **url,
                                         GError       **error);
void         mr_bench_stop              (GSubprocess   *process);

G_END_DECLS
