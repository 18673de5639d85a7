/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reply of POST /dfy-email-account-orders/domains/check */

#include "config.h"

#include "fuzz-reply-lists.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = mr_json_parse_check (bytes, &error);

  mr_fuzz_check_failure (results, error);
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      MrDomainAvailability *result = g_ptr_array_index (results, i);
      g_autoptr(MrDomainAvailability) copy = mr_domain_availability_copy (result);

      mr_fuzz_assert_utf8 ("results[].domain", result->domain);
      mr_fuzz_assert_utf8 ("results[].restricted_keyword", result->restricted_keyword);
      g_assert (copy->availability == result->availability);
    }

  return 0;
}
