/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reply of POST /dfy-email-account-orders/domains/pre-warmed-up-list */

#include "config.h"

#include "fuzz-reply-lists.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) domains = mr_json_parse_prewarmed (bytes, &error);

  mr_fuzz_check_failure (domains, error);
  for (guint i = 0; domains != NULL && i < domains->len; i++)
    {
      MrPrewarmedDomain *domain = g_ptr_array_index (domains, i);

      mr_fuzz_assert_utf8 ("domains[].domain", domain->domain);
    }

  return 0;
}
