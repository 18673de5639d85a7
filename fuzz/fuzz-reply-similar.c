/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reply of POST /dfy-email-account-orders/domains/similar */

#include "config.h"

#include "fuzz-reply-lists.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = mr_json_parse_similar (bytes, &error);

  mr_fuzz_check_failure (domains, error);
  mr_fuzz_assert_strv_utf8 ("domains[]", domains);

  return 0;
}
