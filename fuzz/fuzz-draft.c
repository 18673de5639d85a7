/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The draft loader (mr_draft_store_load): the bytes as a draft file on
 * disk. A draft that loads is saved over itself and must load again to
 * the same order. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "mailroom-core.h"
#include "mr-fuzz.h"

static char *draft_dir;
static char *draft_path;

static void
remove_draft_dir (void)
{
  g_remove (draft_path);
  g_rmdir (draft_dir);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOrder) order = NULL;
  g_autoptr(MrOrder) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (draft_dir == NULL)
    {
      /* in memory when there is a tmpfs: drafts are fsynced */
      if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
        draft_dir = g_mkdtemp (g_strdup ("/dev/shm/mailroom-fuzz-draft-XXXXXX"));
      if (draft_dir == NULL)
        draft_dir = g_dir_make_tmp ("mailroom-fuzz-draft-XXXXXX", &error);
      g_assert_no_error (error);
      g_assert (draft_dir != NULL);
      draft_path = g_build_filename (draft_dir, "draft.json", NULL);
      atexit (remove_draft_dir);
    }

  if (!g_file_set_contents (draft_path, (const char *) data, size, &error))
    g_error ("cannot write %s: %s", draft_path, error->message);

  order = mr_draft_store_load (draft_path, &error);
  if (order == NULL)
    {
      g_assert (error != NULL);
      mr_fuzz_assert_utf8 ("the error message", error->message);
      return 0;
    }

  before = mr_json_order_draft (order);
  if (!mr_draft_store_save (order, draft_path, &error))
    {
      fprintf (stderr, "a loaded draft cannot be saved: %s\n", error->message);
      abort ();
    }

  again = mr_draft_store_load (draft_path, &error);
  if (again == NULL)
    {
      fprintf (stderr, "a saved draft does not load: %s\n", error->message);
      abort ();
    }
  after = mr_json_order_draft (again);
  g_assert_cmpstr (before, ==, after);

  return 0;
}
