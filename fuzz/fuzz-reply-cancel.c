/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reply of POST /dfy-email-account-orders/accounts/cancel */

#include "config.h"

#include "fuzz-reply-lists.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = mr_json_parse_cancel (bytes, &error);

  mr_fuzz_check_failure (accounts, error);
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    mr_fuzz_check_account (g_ptr_array_index (accounts, i));

  return 0;
}
