/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-demo-state"

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "mr-demo-state.h"

#define STATE_FILE   "demo-state.json"
#define PRICING_FILE "demo-pricing.json"

gboolean
mr_demo_state_is_kept (void)
{
  return g_strcmp0 (g_getenv ("MR_DEMO_STATE"), "memory") != 0;
}

char *
mr_demo_state_get_dir (void)
{
  const char *env = g_getenv ("MR_DEMO_STATE_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_state_dir (), "mailroom", NULL);
}

static char *
get_path (const char *name)
{
  g_autofree char *dir = mr_demo_state_get_dir ();

  return g_build_filename (dir, name, NULL);
}

MrSimPricing *
mr_demo_state_default_pricing (void)
{
  const char *env = g_getenv ("MR_SIM_PRICING");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "sim-pricing.json", NULL);
  g_autoptr(GError) error = NULL;
  MrSimPricing *pricing = NULL;

  if (env != NULL && *env != '\0')
    pricing = mr_sim_pricing_new_from_file (env, &error);
  else if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    pricing = mr_sim_pricing_new_from_file (installed, &error);

  if (error != NULL)
    g_warning ("Could not read the demo price list: %s", error->message);

  /* the simulator's built-in defaults equal data/sim-pricing.json */
  return pricing != NULL ? pricing : mr_sim_pricing_new_default ();
}

gboolean
mr_demo_state_attach (MrSimServer  *sim,
                      GError      **error)
{
  g_autofree char *dir = mr_demo_state_get_dir ();
  g_autofree char *state = get_path (STATE_FILE);
  g_autofree char *prices = get_path (PRICING_FILE);

  g_return_val_if_fail (MR_IS_SIM_SERVER (sim), FALSE);

  if (!mr_demo_state_is_kept ())
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not create %s: %s", dir, g_strerror (saved));
      return FALSE;
    }

  if (g_file_test (prices, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(MrSimPricing) pricing = mr_sim_pricing_new_from_file (prices, &local_error);

      if (pricing != NULL)
        mr_sim_server_set_pricing (sim, pricing);
      else
        g_warning ("Ignoring the saved demo prices: %s", local_error->message);
    }

  return mr_sim_server_set_state_file (sim, state, error);
}

gboolean
mr_demo_state_set_pricing (MrSimThread         *sim,
                           const MrSimPricing  *pricing,
                           GError             **error)
{
  g_autofree char *dir = mr_demo_state_get_dir ();
  g_autofree char *prices = get_path (PRICING_FILE);

  g_return_val_if_fail (MR_IS_SIM_THREAD (sim), FALSE);
  g_return_val_if_fail (pricing != NULL, FALSE);

  mr_sim_thread_set_pricing (sim, pricing);

  if (!mr_demo_state_is_kept ())
    return TRUE;

  g_mkdir_with_parents (dir, 0700);

  return mr_sim_pricing_save_to_file (pricing, prices, error);
}

void
mr_demo_state_reset (MrSimThread *sim)
{
  g_autofree char *prices = get_path (PRICING_FILE);
  g_autoptr(MrSimPricing) pricing = mr_demo_state_default_pricing ();

  g_return_if_fail (MR_IS_SIM_THREAD (sim));

  mr_sim_thread_reset_state (sim);
  mr_sim_thread_set_pricing (sim, pricing);
  if (mr_demo_state_is_kept () && g_unlink (prices) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", prices, g_strerror (errno));
}
