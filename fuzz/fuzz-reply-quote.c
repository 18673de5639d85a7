/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reply of POST /dfy-email-account-orders (quote or placement) */

#include "config.h"

#include "mailroom-core.h"
#include "mr-fuzz.h"
#include "mr-quote-private.h"

static void
check_quote (MrQuote *quote)
{
  g_autoptr(GPtrArray) problems = NULL;

  mr_fuzz_assert_utf8 ("order_error", quote->order_error_raw);
  mr_fuzz_assert_utf8 ("payment_failure_reason", quote->payment_failure_reason_raw);
  mr_fuzz_assert_strv_utf8 ("unavailable_domains", quote->unavailable_domains);
  mr_fuzz_assert_strv_utf8 ("blacklist_domains", quote->blacklist_domains);
  mr_fuzz_assert_strv_utf8 ("blacklist_keywords", quote->blacklist_keywords);
  mr_fuzz_assert_strv_utf8 ("invalid_domains", quote->invalid_domains);
  mr_fuzz_assert_strv_utf8 ("invalid_forwarding_domains", quote->invalid_forwarding_domains);
  mr_fuzz_assert_strv_utf8 ("missing_domain_orders", quote->missing_domain_orders);
  mr_fuzz_assert_strv_utf8 ("provider_mismatch_domains", quote->provider_mismatch_domains);
  mr_fuzz_assert_strv_utf8 ("unsupported_provider_domains", quote->unsupported_provider_domains);
  mr_fuzz_assert_strv_utf8 ("domains_without_accounts", quote->domains_without_accounts);
  mr_fuzz_assert_strv_utf8 ("free_domains", quote->free_domains);
  mr_fuzz_assert_utf8 ("payment_method_brand", quote->payment_method_brand);
  mr_fuzz_assert_utf8 ("payment_method_last_4_digits", quote->payment_method_last_4_digits);
  mr_fuzz_assert_utf8 ("payment_method_name_on_card", quote->payment_method_name_on_card);
  mr_fuzz_assert_utf8 ("checkout_url", quote->checkout_url);
  mr_fuzz_assert_utf8 ("cart_order_id", quote->cart_order_id);

  for (guint i = 0; quote->invalid_accounts != NULL && i < quote->invalid_accounts->len; i++)
    {
      MrInvalidAccount *account = g_ptr_array_index (quote->invalid_accounts, i);

      mr_fuzz_assert_utf8 ("invalid_accounts[].domain", account->domain);
      mr_fuzz_assert_utf8 ("invalid_accounts[].first_name", account->first_name);
      mr_fuzz_assert_utf8 ("invalid_accounts[].last_name", account->last_name);
      mr_fuzz_assert_utf8 ("invalid_accounts[].email", account->email);
      mr_fuzz_assert_utf8 ("invalid_accounts[].reason", account->reason);
    }

  for (guint i = 0; quote->order_items != NULL && i < quote->order_items->len; i++)
    {
      MrQuoteItem *item = g_ptr_array_index (quote->order_items, i);

      mr_fuzz_assert_utf8 ("order_items[].domain", item->domain);
      mr_fuzz_assert_utf8 ("order_items[].forwarding_domain", item->forwarding_domain);
      for (guint j = 0; item->accounts != NULL && j < item->accounts->len; j++)
        {
          MrQuoteAccount *account = g_ptr_array_index (item->accounts, j);

          mr_fuzz_assert_utf8 ("accounts[].email_address_prefix", account->email_address_prefix);
          mr_fuzz_assert_utf8 ("accounts[].first_name", account->first_name);
          mr_fuzz_assert_utf8 ("accounts[].last_name", account->last_name);
        }
      if (item->domain != NULL)
        g_assert (mr_quote_find_item (quote, item->domain) != NULL);
    }

  /* what the window and the CLI show for it */
  problems = mr_quote_collect_problems (quote);
  for (guint i = 0; i < problems->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (problems, i);

      mr_fuzz_assert_utf8 ("a problem", problem->message);
    }
  g_free (mr_order_error_describe (quote->order_error));
  g_free (mr_payment_failure_describe (quote->payment_failure_reason));
  g_free (mr_money_format (quote->total_price));
  g_free (mr_money_format (quote->total_price_per_month));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = NULL;

  quote = mr_json_parse_quote (bytes, &error);
  if (quote == NULL)
    {
      g_assert (error != NULL);
      mr_fuzz_assert_utf8 ("the error message", error->message);
      return 0;
    }

  g_assert (error == NULL);
  check_quote (quote);

  /* and what the client works out from it on the thread that parsed it:
   * the same problems, and the lines of the pricing panel's sheet */
  {
    g_autoptr(GPtrArray) collected = mr_quote_collect_problems (quote);
    g_autoptr(GPtrArray) prepared = NULL;
    g_autoptr(MrQuoteSheet) sheet = NULL;
    guint n_lines = 0;

    _mr_quote_prepare (quote);
    prepared = _mr_quote_take_problems (quote);
    g_assert (prepared != NULL && prepared->len == collected->len);
    for (guint i = 0; i < prepared->len; i++)
      g_assert (mr_problem_equal (g_ptr_array_index (prepared, i),
                                  g_ptr_array_index (collected, i)));

    sheet = mr_quote_sheet_new (quote, MR_ORDER_TYPE_DFY, FALSE, NULL);
    for (guint i = 0; i < quote->order_items->len; i++)
      {
        MrQuoteLine * const *lines = mr_quote_sheet_get_item_lines (sheet, i, &n_lines);

        for (guint j = 0; j < n_lines; j++)
          mr_fuzz_assert_utf8 ("a sheet line", lines[j]->label);
      }
    g_assert (mr_quote_sheet_get_item_lines (sheet, quote->order_items->len, &n_lines) == NULL);
  }

  return 0;
}
