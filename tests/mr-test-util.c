/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "mr-sim-catalog.h"
#include "mr-test-util.h"

#if defined(__SANITIZE_ADDRESS__)
# define MR_TEST_SANITIZED 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define MR_TEST_SANITIZED 1
# endif
#endif

MrSimServer *
mr_test_sim_new (void)
{
  g_autoptr(MrSimServer) sim = NULL;
  g_autoptr(GError) error = NULL;
  const char *pricing = g_getenv ("MR_SIM_PRICING");

  sim = mr_sim_server_new (pricing, &error);
  g_assert_no_error (error);
  mr_sim_server_listen (sim, "127.0.0.1", 0, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&sim);
}

MrApiClient *
mr_test_client_new (MrSimServer *sim,
                    const char  *key)
{
  g_autoptr(GError) error = NULL;
  MrApiClient *client;

  client = mr_api_client_new (mr_sim_server_get_url (sim),
                              key != NULL ? key : MR_SIM_DEMO_KEY,
                              &error);
  g_assert_no_error (error);

  return client;
}

guint
mr_test_timeout_factor (void)
{
  static guint factor = 0;

  if (factor == 0)
    {
      const char *env = g_getenv ("MR_TEST_TIMEOUT_FACTOR");
      guint64 value = 0;

      if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 100, &value, NULL))
        factor = value;
      else
#ifdef MR_TEST_SANITIZED
        factor = 4;
#else
        factor = 1;
#endif
    }

  return factor;
}

void
mr_test_store_result_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
mr_test_wait_result (GAsyncResult **result,
                     guint          timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id;

  timeout_ms *= mr_test_timeout_factor ();
  id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %u ms waiting for an async result", timeout_ms);

  g_source_remove (id);
}

void
mr_test_wait_until (gboolean (*condition) (gpointer data),
                    gpointer   data,
                    guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id;

  timeout_ms *= mr_test_timeout_factor ();
  id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %u ms waiting for a condition", timeout_ms);

  g_source_remove (id);
}

void
mr_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

GBytes *
mr_test_load_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

GStrv
mr_test_free_domains (const char *prefix,
                      guint       n)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0, found = 0; found < n; i++)
    {
      g_autofree char *domain = g_strdup_printf ("%s-%04u.com", prefix, i);

      if (mr_sim_catalog_check (domain, NULL) != MR_SIM_AVAILABLE)
        continue;
      g_strv_builder_add (builder, domain);
      found++;
    }

  return g_strv_builder_end (builder);
}
