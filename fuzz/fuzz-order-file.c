/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Order files (mailroom-cli quote/place FILE, File → Open): the bytes go
 * through mr_json_parse_order_request(), what loads them. An order that
 * loads is checked, written as a draft and as a request, and the draft
 * must load again to the same order. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mailroom-core.h"
#include "mr-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOrder) order = NULL;
  g_autoptr(MrOrder) again = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) draft_bytes = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *draft_again = NULL;
  g_autofree char *request = NULL;

  order = mr_json_parse_order_request (bytes, &error);
  if (order == NULL)
    {
      g_assert (error != NULL);
      mr_fuzz_assert_utf8 ("the error message", error->message);
      return 0;
    }

  problems = mr_order_validate (order);
  for (guint i = 0; i < problems->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (problems, i);

      mr_fuzz_assert_utf8 ("a problem", problem->message);
    }

  request = mr_json_order_request (order, TRUE);
  mr_fuzz_assert_utf8 ("the request body", request);

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

  return 0;
}
