/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reply of GET /dfy-email-account-orders/accounts (a page of accounts),
 * and the CSV export of it, with and without passwords */

#include "config.h"

#include "fuzz-reply-lists.h"
#include "mr-csv.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrPage) page = mr_json_parse_accounts (bytes, &error);
  g_autofree char *csv = NULL;
  g_autofree char *csv_passwords = NULL;

  mr_fuzz_check_failure (page, error);
  if (page == NULL)
    return 0;

  mr_fuzz_assert_utf8 ("next_starting_after", page->next_starting_after);
  for (guint i = 0; i < page->items->len; i++)
    mr_fuzz_check_account (g_ptr_array_index (page->items, i));

  csv = mr_csv_format_accounts (page->items, FALSE);
  csv_passwords = mr_csv_format_accounts (page->items, TRUE);
  mr_fuzz_assert_utf8 ("the CSV export", csv);
  mr_fuzz_assert_utf8 ("the CSV export with passwords", csv_passwords);
  g_assert (g_str_has_suffix (csv, "\r\n"));

  return 0;
}
