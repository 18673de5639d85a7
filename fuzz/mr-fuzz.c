/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "mr-fuzz.h"

static void
quiet_log_cb (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) == 0)
    return;

  fprintf (stderr, "%s: %s\n", log_domain != NULL ? log_domain : "?", message);
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* translated messages are not the point; the C locale keeps them stable */
  g_setenv ("LC_ALL", "C", TRUE);
  g_log_set_default_handler (quiet_log_cb, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);

  return 0;
}

void
mr_fuzz_assert_utf8 (const char *what,
                     const char *text)
{
  /* MR_FUZZ_SKIP_UTF8=1 looks past this one finding, to see others */
  static int skip = -1;

  if (skip < 0)
    skip = g_strcmp0 (g_getenv ("MR_FUZZ_SKIP_UTF8"), "1") == 0;

  if (skip || text == NULL || g_utf8_validate (text, -1, NULL))
    return;

  fprintf (stderr, "%s is not valid UTF-8\n", what);
  abort ();
}

void
mr_fuzz_assert_strv_utf8 (const char *what,
                          GStrv       strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    mr_fuzz_assert_utf8 (what, strv[i]);
}

char *
mr_fuzz_strndup (const uint8_t *data,
                 size_t         size)
{
  return g_strndup ((const char *) data, size);
}
