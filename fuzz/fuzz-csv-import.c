/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The CSV importer (a file opened or a table pasted into the window):
 * the bytes as a CSV file. Every row is either imported or reported with
 * its line and a reason; what is imported is text that can be shown. */

#include "config.h"

#include "mailroom-core.h"
#include "mr-order-csv.h"
#include "mr-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = mr_fuzz_strndup (data, size);
  g_autofree char *bad = NULL;
  guint n_accounts = 0;

  if (g_utf8_validate (text, -1, NULL))
    mr_order_csv_looks_like_table (text);

  report = mr_order_csv_import (order, (const char *) data, (gssize) size, &error);
  if (report == NULL)
    {
      g_assert (error != NULL);
      mr_fuzz_assert_utf8 ("the error message", error->message);
      g_assert (mr_order_get_n_items (order) == 0);
      return 0;
    }

  g_assert (report->n_domains == mr_order_get_n_items (order));
  for (guint i = 0; i < mr_order_get_n_items (order); i++)
    {
      MrOrderItem *item = mr_order_get_item (order, i);

      mr_fuzz_assert_utf8 ("an imported domain", mr_order_item_get_domain (item));
      n_accounts += mr_order_item_get_n_accounts (item);
      for (guint j = 0; j < mr_order_item_get_n_accounts (item); j++)
        {
          MrAccount *account = mr_order_item_get_account (item, j);

          mr_fuzz_assert_utf8 ("an imported first name", mr_account_get_first_name (account));
          mr_fuzz_assert_utf8 ("an imported last name", mr_account_get_last_name (account));
          mr_fuzz_assert_utf8 ("an imported prefix", mr_account_get_email_address_prefix (account));
        }
    }
  g_assert (report->n_accounts == n_accounts);

  for (guint i = 0; i < report->bad_rows->len; i++)
    {
      MrCsvBadRow *row = g_ptr_array_index (report->bad_rows, i);

      g_assert (row->line >= 1);
      mr_fuzz_assert_utf8 ("a bad row's reason", row->reason);
    }
  bad = mr_csv_report_format_bad (report);
  mr_fuzz_assert_utf8 ("the bad rows", bad);

  return 0;
}
