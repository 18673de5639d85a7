/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reply of GET /dfy-email-account-orders (a page of orders) */

#include "config.h"

#include "fuzz-reply-lists.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = mr_json_parse_orders (bytes, &error);

  mr_fuzz_check_failure (page, error);
  if (page == NULL)
    return 0;

  mr_fuzz_assert_utf8 ("next_starting_after", page->next_starting_after);
  for (guint i = 0; i < page->items->len; i++)
    mr_fuzz_check_order_record (g_ptr_array_index (page->items, i));

  return 0;
}
