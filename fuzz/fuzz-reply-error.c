/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The error envelope {statusCode, error, message}, read with each
 * status the client can meet */

#include "config.h"

#include "fuzz-reply-lists.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  static const guint statuses[] = { 400, 401, 402, 403, 404, 413, 415, 429, 500, 502, 503 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GError) reply_error = mr_json_parse_error_reply (statuses[i], bytes);

      g_assert (reply_error != NULL);
      g_assert (reply_error->domain == MR_API_ERROR);
      mr_fuzz_assert_utf8 ("the error message", reply_error->message);
    }

  return 0;
}
