/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Order files (mailroom-cli quote/place FILE, File → Open): the bytes as
 * a file read by mr_order_file_load(), and as bytes parsed by
 * mr_json_parse_order_request() (what it calls): both agree. An order
 * that loads is checked, written as a draft and as a request, and the
 * draft must load again to the same order. The plain-struct path
 * (mr_json_parse_order_spec(), what mailroom-cli quote reads with) agrees
 * with them all: the same errors, the same order, and a request written
 * only for an order without problems, the same one. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "mailroom-core.h"
#include "mr-order-file.h"
#include "mr-fuzz.h"

static char *file_dir;
static char *file_path;

static void
remove_file_dir (void)
{
  g_remove (file_path);
  g_rmdir (file_dir);
}

/* The order mr_order_file_load() reads from the bytes, or NULL */
static MrOrder *
load_from_file (const uint8_t *data,
                size_t         size)
{
  g_autoptr(GError) error = NULL;
  MrOrder *order;

  if (file_dir == NULL)
    {
      if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
        file_dir = g_mkdtemp (g_strdup ("/dev/shm/mailroom-fuzz-order-XXXXXX"));
      if (file_dir == NULL)
        file_dir = g_dir_make_tmp ("mailroom-fuzz-order-XXXXXX", NULL);
      g_assert (file_dir != NULL);
      file_path = g_build_filename (file_dir, "order.json", NULL);
      atexit (remove_file_dir);
    }

  if (!g_file_set_contents (file_path, (const char *) data, size, &error))
    g_error ("cannot write %s: %s", file_path, error->message);

  order = mr_order_file_load (file_path, &error);
  if (order == NULL)
    mr_fuzz_assert_utf8 ("the error message", error->message);

  return order;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOrder) order = NULL;
  g_autoptr(MrOrder) again = NULL;
  g_autoptr(MrOrder) from_file = NULL;
  g_autofree char *from_file_draft = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) draft_bytes = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *draft_again = NULL;
  g_autofree char *request = NULL;
  g_autoptr(MrOrderSpec) spec = NULL;
  g_autoptr(GError) spec_error = NULL;
  g_autoptr(MrOrder) from_spec = NULL;
  g_autofree char *from_spec_draft = NULL;
  g_autofree char *spec_request = NULL;

  order = mr_json_parse_order_request (bytes, &error);
  from_file = load_from_file (data, size);
  spec = mr_json_parse_order_spec (bytes, &spec_error);
  if (order == NULL)
    {
      g_assert (error != NULL);
      mr_fuzz_assert_utf8 ("the error message", error->message);
      g_assert (from_file == NULL);
      g_assert (spec == NULL);
      g_assert_cmpstr (spec_error->message, ==, error->message);
      return 0;
    }
  g_assert (from_file != NULL);
  g_assert (spec != NULL);

  problems = mr_order_validate (order);
  for (guint i = 0; i < problems->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (problems, i);

      mr_fuzz_assert_utf8 ("a problem", problem->message);
    }

  request = mr_json_order_request (order, TRUE);
  mr_fuzz_assert_utf8 ("the request body", request);
  spec_request = mr_order_spec_write_request (spec, TRUE);
  if (spec_request != NULL)
    {
      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_cmpstr (spec_request, ==, request);
    }

  /* nothing a user typed is lost: a loaded order saves and loads again */
  draft = mr_json_order_draft (order);
  mr_fuzz_assert_utf8 ("the draft", draft);
  draft_bytes = g_bytes_new_take (g_strdup (draft), strlen (draft));
  again = mr_json_parse_order_request (draft_bytes, &error);
  if (again == NULL)
    {
      g_printerr ("a loaded order's draft does not load: %s\n", error->message);
      abort ();
    }
  draft_again = mr_json_order_draft (again);
  g_assert_cmpstr (draft, ==, draft_again);
  from_file_draft = mr_json_order_draft (from_file);
  g_assert_cmpstr (draft, ==, from_file_draft);
  from_spec = mr_order_spec_to_order (spec);
  from_spec_draft = mr_json_order_draft (from_spec);
  g_assert_cmpstr (draft, ==, from_spec_draft);

  return 0;
}
