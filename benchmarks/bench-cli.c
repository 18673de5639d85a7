/* SPDX-License-Identifier: GPL-3.0-or-later */

/* `mailroom-cli quote FILE` against curl posting the same request body to
 * the same mailroom-sim process, for an order of 1 domain and of 1,000
 * domains (5 mailboxes each). Wall time and CPU time (user + system) of
 * the process, medians of interleaved runs.
 *
 * Usage: bench-cli MAILROOM-CLI MAILROOM-SIM CURL
 *
 * With MR_BENCH_KEEP set, the order files and request bodies are kept (and
 * their paths printed), to profile the CLI on them afterwards. */

#include "config.h"

#include <sys/resource.h>

#include <glib/gstdio.h>

#include "mailroom-core.h"
#include "mr-bench.h"
#include "mr-sim-server.h"

#define N_RUNS 9

typedef struct
{
  double wall_ms;
  double cpu_ms;
} Run;

static double
children_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);

  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
         usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

static Run
run (const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  double cpu = children_cpu_ms ();
  double start = mr_bench_now_ms ();
  Run result;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "MAILROOM_API_KEY", MR_SIM_DEMO_KEY, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL || !g_subprocess_wait_check (process, NULL, &error))
    g_error ("%s failed: %s", argv[0], error->message);

  result.wall_ms = mr_bench_now_ms () - start;
  result.cpu_ms = children_cpu_ms () - cpu;

  return result;
}

static MrOrder *
make_order (guint n_domains)
{
  MrOrder *order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) domains = mr_bench_free_domains ("cli-outreach", n_domains);

  for (guint i = 0; i < n_domains; i++)
    {
      MrOrderItem *item = mr_order_item_new (domains[i]);

      mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing, Grace Hopper, "
                                          "Edsger Dijkstra, Barbara Liskov");
      g_ptr_array_add (items, item);
    }
  mr_order_append_items (order, (MrOrderItem **) items->pdata, items->len);

  return order;
}

static void
compare (const char *cli,
         const char *curl,
         const char *url,
         const char *dir,
         guint       n_domains)
{
  g_autoptr(MrOrder) order = make_order (n_domains);
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("%s/order-%u.json", dir, n_domains);
  g_autofree char *body_file = g_strdup_printf ("%s/body-%u.json", dir, n_domains);
  g_autofree char *body = mr_json_order_request (order, TRUE);
  g_autofree char *at_body = g_strconcat ("@", body_file, NULL);
  g_autofree char *endpoint = g_strconcat (url, "/api/v2/dfy-email-account-orders", NULL);
  g_autofree char *what = NULL;
  const char *cli_argv[] = { cli, "--api-url", url, "quote", file, NULL };
  const char *curl_argv[] = {
    curl, "-s", "-f", "-o", "/dev/null", "-X", "POST",
    "-H", "Authorization: Bearer " MR_SIM_DEMO_KEY,
    "-H", "Content-Type: application/json",
    "-H", "Accept: application/json",
    "--data-binary", at_body, endpoint, NULL
  };
  double ours_wall[N_RUNS], ours_cpu[N_RUNS], floor_wall[N_RUNS], floor_cpu[N_RUNS];

  if (!mr_draft_store_save (order, file, &error) ||
      !g_file_set_contents (body_file, body, -1, &error))
    g_error ("Cannot write the order: %s", error->message);

  run (cli_argv);
  run (curl_argv);
  for (guint i = 0; i < N_RUNS; i++)
    {
      Run ours = run (cli_argv);
      Run floor = run (curl_argv);

      ours_wall[i] = ours.wall_ms;
      ours_cpu[i] = ours.cpu_ms;
      floor_wall[i] = floor.wall_ms;
      floor_cpu[i] = floor.cpu_ms;
    }

  what = g_strdup_printf ("cli quote, %u x 5 vs curl: wall", n_domains);
  mr_bench_report (what, mr_bench_median (ours_wall, N_RUNS),
                   mr_bench_median (floor_wall, N_RUNS), "ms");
  g_free (what);
  what = g_strdup_printf ("cli quote, %u x 5 vs curl: CPU", n_domains);
  mr_bench_report (what, mr_bench_median (ours_cpu, N_RUNS),
                   mr_bench_median (floor_cpu, N_RUNS), "ms");

  if (g_getenv ("MR_BENCH_KEEP") != NULL)
    {
      g_print ("kept %s and %s (url %s)\n", file, body_file, url);
      return;
    }
  g_remove (file);
  g_remove (body_file);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) sim = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *dir = NULL;
  const char *sim_args[] = { "--rate-limit", "0", NULL };

  if (argc != 4)
    {
      g_printerr ("Usage: %s MAILROOM-CLI MAILROOM-SIM CURL\n", argv[0]);
      return 1;
    }

  sim = mr_bench_spawn_sim (argv[2], sim_args, &url, &error);
  if (sim == NULL)
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("mailroom-bench-XXXXXX", &error);
  g_assert_no_error (error);

  compare (argv[1], argv[3], url, dir, 1);
  compare (argv[1], argv[3], url, dir, 1000);

  if (g_getenv ("MR_BENCH_KEEP") == NULL)
    g_rmdir (dir);
  mr_bench_stop (sim);

  return 0;
}
