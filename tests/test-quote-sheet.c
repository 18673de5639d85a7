/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "mailroom-core.h"
#include "mr-quote-private.h"
#include "mr-sim-server.h"
#include "mr-test-util.h"

/* Quote lines and the compare engine, against the simulator over
 * loopback through core's client. */

typedef struct
{
  MrSimServer *sim;
  MrApiClient *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->sim = mr_test_sim_new ();
  f->client = mr_test_client_new (f->sim, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->client);
  mr_sim_server_disconnect (f->sim);
  g_assert_finalize_object (f->sim);
}

static MrOrder *
make_order (guint           n_domains,
            guint           n_mailboxes,
            MrEmailProvider provider)
{
  MrOrder *order = mr_order_new (MR_ORDER_TYPE_DFY);

  for (guint i = 0; i < n_domains; i++)
    {
      g_autofree char *domain = g_strdup_printf ("sheet-test-%u.com", i + 1);
      g_autoptr(MrOrderItem) item = mr_order_item_new (domain);

      mr_order_item_set_email_provider (item, provider);
      for (guint j = 0; j < n_mailboxes; j++)
        {
          g_autofree char *prefix = g_strdup_printf ("person%u", j + 1);
          g_autofree char *last = g_strdup_printf ("Person %u", j + 1);
          g_autoptr(MrAccount) account = mr_account_new ("Sam", last, prefix);

          mr_order_item_append_account (item, account);
        }
      mr_order_append_item (order, item);
    }

  return order;
}

static MrQuote *
simulate (Fixture *f,
          MrOrder *order)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MrQuote *quote;

  mr_api_client_simulate_order_async (f->client, order, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 10000);
  quote = mr_api_client_simulate_order_finish (f->client, result, &error);
  g_assert_no_error (error);

  return quote;
}

static void
set_promotion (Fixture *f,
               guint    free_domains,
               guint    percent)
{
  g_autoptr(MrSimPricing) pricing = mr_sim_pricing_copy (mr_sim_server_get_pricing (f->sim));

  pricing->free_domains = free_domains;
  pricing->discount_percent = percent;
  mr_sim_server_set_pricing (f->sim, pricing);
}

static MrCents
sum_lines (GPtrArray *lines)
{
  MrCents sum = 0;

  for (guint i = 0; i < lines->len; i++)
    sum += ((MrQuoteLine *) g_ptr_array_index (lines, i))->amount;

  return sum;
}

static void
assert_adds_up (MrQuoteSheet *sheet)
{
  g_assert_cmpint (sum_lines (sheet->lines), ==, sheet->subtotal);
  g_assert_cmpint (sum_lines (sheet->summary_lines), ==, sheet->subtotal);
  g_assert_cmpint (sheet->subtotal - sheet->discount, ==, sheet->due_now);
  g_assert_cmpint (sheet->free_domains_discount + sheet->other_discount, ==, sheet->discount);
  g_assert_cmpint (sheet->discount, <=, sheet->subtotal);
  g_assert_cmpint (sheet->due_now, ==, sheet->quote->total_price);
  for (guint i = 0; i < sheet->lines->len; i++)
    g_assert_cmpint (((MrQuoteLine *) g_ptr_array_index (sheet->lines, i))->kind, !=,
                     MR_QUOTE_LINE_ADJUSTMENT);
}

/* plain, free domain, discount, both: lines - discount = due now */
static void
test_lines_add_up (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { guint free, percent; } cases[] = { { 0, 0 }, { 1, 0 }, { 0, 20 }, { 1, 20 }, { 9, 100 } };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(MrOrder) order = make_order (5, 3, MR_EMAIL_PROVIDER_GOOGLE);
      g_autoptr(MrQuote) quote = NULL;
      g_autoptr(MrQuoteSheet) sheet = NULL;

      set_promotion (f, cases[c].free, cases[c].percent);
      quote = simulate (f, order);
      sheet = mr_quote_sheet_new (quote, MR_ORDER_TYPE_DFY, TRUE, NULL);

      assert_adds_up (sheet);
      g_assert_cmpuint (sheet->lines->len, ==, 10);
      g_assert_cmpuint (sheet->summary_lines->len, ==, 2);
      g_assert_cmpuint (sheet->n_free_domains, ==, MIN (cases[c].free, 5));
      g_assert_cmpint (sheet->free_domains_discount, ==, 1500 * MIN (cases[c].free, 5));
      if (cases[c].free == 0 && cases[c].percent == 0)
        g_assert_cmpint (sheet->due_now, ==, 5 * 1500 + 15 * 500);
      if (cases[c].free == 1 && cases[c].percent == 20)
        g_assert_cmpint (sheet->other_discount, ==, (5 * 1500 + 15 * 500 - 1500) / 5);
    }
}

/* Microsoft: one line of $20 per month per domain, no per-mailbox price */
static void
test_microsoft_lines (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MrOrder) order = make_order (10, 50, MR_EMAIL_PROVIDER_MICROSOFT);
  g_autoptr(MrQuote) quote = simulate (f, order);
  g_autoptr(MrQuoteSheet) sheet = mr_quote_sheet_new (quote, MR_ORDER_TYPE_DFY, TRUE, NULL);
  g_autofree char *text = mr_quote_sheet_to_text (sheet);
  g_autofree char *twenty = mr_money_format (2000);
  g_autofree char *forty_cents = mr_money_format (40);

  assert_adds_up (sheet);
  g_assert_cmpuint (sheet->n_mailboxes, ==, 500);
  for (guint i = 0; i < sheet->lines->len; i++)
    {
      MrQuoteLine *line = g_ptr_array_index (sheet->lines, i);

      if (line->kind == MR_QUOTE_LINE_DOMAIN)
        continue;
      g_assert_cmpint (line->kind, ==, MR_QUOTE_LINE_PER_DOMAIN);
      g_assert_cmpint (line->unit_price, ==, 2000);
      g_assert_cmpint (line->amount, ==, 2000);
      g_assert_cmpuint (line->n_mailboxes, ==, 50);
      g_assert_nonnull (strstr (line->detail, twenty));
    }
  g_assert_cmpuint (sheet->summary_lines->len, ==, 2);
  g_assert_cmpint (((MrQuoteLine *) g_ptr_array_index (sheet->summary_lines, 1))->amount, ==, 10 * 2000);
  /* no "$0.40 per mailbox" anywhere */
  g_assert_null (strstr (text, forty_cents));
  g_assert_cmpint (sheet->per_month, ==, 10 * 2000);
}

static void
assert_has_all (const char   *text,
                MrQuoteSheet *sheet)
{
  MrCents totals[] = { sheet->subtotal, sheet->due_now, sheet->per_month, sheet->per_year };

  for (guint i = 0; i < sheet->lines->len; i++)
    {
      MrQuoteLine *line = g_ptr_array_index (sheet->lines, i);
      g_autofree char *amount = mr_money_format (line->amount);

      g_assert_nonnull (strstr (text, line->domain));
      g_assert_nonnull (strstr (text, line->label));
      g_assert_nonnull (strstr (text, amount));
    }
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autofree char *amount = mr_money_format (totals[i]);

      g_assert_nonnull (strstr (text, amount));
    }
  if (sheet->other_discount != 0)
    {
      g_autofree char *amount = mr_money_format (-sheet->other_discount);

      g_assert_nonnull (strstr (text, amount));
    }
}

static void
assert_same_lines (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const MrQuoteLine *x = g_ptr_array_index (a, i);
      const MrQuoteLine *y = g_ptr_array_index (b, i);

      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->domain, ==, y->domain);
      g_assert_cmpint (x->provider, ==, y->provider);
      g_assert_cmpuint (x->quantity, ==, y->quantity);
      g_assert_cmpuint (x->n_mailboxes, ==, y->n_mailboxes);
      g_assert_cmpint (x->has_unit_price, ==, y->has_unit_price);
      g_assert_cmpint (x->unit_price, ==, y->unit_price);
      g_assert_cmpint (x->amount, ==, y->amount);
      g_assert_cmpint (x->free, ==, y->free);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpstr (x->detail, ==, y->detail);
    }
}

/* The client works out a quote's problems and its DFY sheet on the
 * thread that parsed it: they are what the same reply parsed here gives,
 * and each item finds its own lines */
static void
test_prepared (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MrOrder) order = make_order (4, 2, MR_EMAIL_PROVIDER_GOOGLE);
  g_autoptr(MrOrderItem) taken = mr_order_item_new ("acme.com");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(MrQuote) plain = NULL;
  g_autoptr(GPtrArray) prepared = NULL;
  g_autoptr(GPtrArray) collected = NULL;
  g_autoptr(MrQuoteSheet) sheet = NULL;
  g_autoptr(MrQuoteSheet) plain_sheet = NULL;
  g_autoptr(MrQuoteSheet) prewarmed = NULL;
  g_autoptr(MrQuoteSheet) plain_prewarmed = NULL;
  guint n_item_lines = 0;

  /* a free domain, Microsoft's per-domain lines, and a domain with a problem */
  set_promotion (f, 1, 10);
  mr_order_item_add_from_names (taken, "Ada Lovelace");
  mr_order_append_item (order, taken);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *domain = g_strdup_printf ("sheet-ms-%u.com", i + 1);
      g_autoptr(MrOrderItem) item = mr_order_item_new (domain);

      mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_MICROSOFT);
      mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing, Grace Hopper");
      mr_order_append_item (order, item);
    }

  mr_api_client_simulate_order_async (f->client, order, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 10000);
  quote = mr_api_client_simulate_order_finish (f->client, result, &error);
  g_assert_no_error (error);
  plain = mr_json_parse_quote (mr_api_result_get_reply (result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (quote->prepared_sheet);
  g_assert_null (plain->prepared_sheet);

  /* the problems: the same ones, once, then made again as before */
  prepared = _mr_quote_take_problems (quote);
  collected = mr_quote_collect_problems (plain);
  g_assert_nonnull (prepared);
  g_assert_cmpuint (prepared->len, >, 0);
  g_assert_cmpuint (prepared->len, ==, collected->len);
  for (guint i = 0; i < prepared->len; i++)
    {
      MrProblem *a = g_ptr_array_index (prepared, i);
      MrProblem *b = g_ptr_array_index (collected, i);

      g_assert_true (mr_problem_equal (a, b));
      g_assert_cmpstr (a->message, ==, b->message);
      g_assert_cmpint (a->origin, ==, b->origin);
    }
  g_assert_null (_mr_quote_take_problems (quote));

  /* the sheet: the same lines and totals, its own dates and demo flag */
  sheet = mr_quote_sheet_new (quote, MR_ORDER_TYPE_DFY, TRUE, NULL);
  plain_sheet = mr_quote_sheet_new (plain, MR_ORDER_TYPE_DFY, TRUE, NULL);
  assert_adds_up (sheet);
  assert_same_lines (sheet->lines, plain_sheet->lines);
  assert_same_lines (sheet->summary_lines, plain_sheet->summary_lines);
  g_assert_true (sheet->quote == quote);
  g_assert_true (sheet->demo);
  g_assert_nonnull (sheet->created);
  g_assert_cmpuint (sheet->n_free_domains, ==, 1);
  g_assert_cmpuint (sheet->n_domains, ==, plain_sheet->n_domains);
  g_assert_cmpuint (sheet->n_mailboxes, ==, plain_sheet->n_mailboxes);
  g_assert_cmpint (sheet->discount, ==, plain_sheet->discount);
  g_assert_cmpint (sheet->free_domains_discount, ==, plain_sheet->free_domains_discount);
  g_assert_cmpint (sheet->due_now, ==, plain_sheet->due_now);

  /* each item's lines, in order, are the lines */
  {
    guint next = 0;

    for (guint i = 0; i < quote->order_items->len; i++)
      {
        const MrQuoteItem *item = g_ptr_array_index (quote->order_items, i);
        MrQuoteLine * const *lines = mr_quote_sheet_get_item_lines (sheet, i, &n_item_lines);

        g_assert_cmpuint (n_item_lines, >=, 1);
        for (guint j = 0; j < n_item_lines; j++)
          {
            g_assert_cmpstr (lines[j]->domain, ==, item->domain);
            g_assert_true (lines[j] == g_ptr_array_index (sheet->lines, next++));
          }
      }
    g_assert_cmpuint (next, ==, sheet->lines->len);
    g_assert_null (mr_quote_sheet_get_item_lines (sheet, quote->order_items->len, &n_item_lines));
    g_assert_cmpuint (n_item_lines, ==, 0);
  }

  /* another order type is worked out as it always was */
  prewarmed = mr_quote_sheet_new (quote, MR_ORDER_TYPE_PRE_WARMED_UP, FALSE, NULL);
  plain_prewarmed = mr_quote_sheet_new (plain, MR_ORDER_TYPE_PRE_WARMED_UP, FALSE, NULL);
  assert_same_lines (prewarmed->lines, plain_prewarmed->lines);
  assert_same_lines (prewarmed->summary_lines, plain_prewarmed->summary_lines);
  g_assert_false (prewarmed->demo);
}

static void
test_text_formats (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MrOrder) order = make_order (3, 2, MR_EMAIL_PROVIDER_AIRMAIL);
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(MrQuoteSheet) sheet = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 12, 6, 10, 0, 0);
  g_autofree char *text = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) rows = NULL;

  set_promotion (f, 1, 10);
  quote = simulate (f, order);
  sheet = mr_quote_sheet_new (quote, MR_ORDER_TYPE_DFY, TRUE, when);
  assert_adds_up (sheet);

  text = mr_quote_sheet_to_text (sheet);
  markdown = mr_quote_sheet_to_markdown (sheet);
  csv = mr_quote_sheet_to_csv (sheet);

  assert_has_all (text, sheet);
  assert_has_all (markdown, sheet);
  g_assert_nonnull (strstr (text, "6 December 2026"));
  g_assert_nonnull (strstr (text, "13 December 2026"));
  g_assert_nonnull (strstr (text, "demo simulator"));
  g_assert_true (g_str_has_prefix (markdown, "# "));
  g_assert_nonnull (strstr (markdown, "|---|---|---:|"));

  rows = g_strsplit (csv, "\r\n", -1);
  /* header, 6 lines, subtotal, free domains, discount, due now, month, year, "" */
  g_assert_cmpuint (g_strv_length (rows), ==, 1 + 6 + 6 + 1);
  g_assert_true (g_str_has_prefix (rows[1], "sheet-test-1.com,\"Domain, first year\""));
  g_assert_true (g_str_has_suffix (rows[1], ",1,15.00,15.00"));
  g_assert_true (g_str_has_suffix (rows[2], ",2,5.00,10.00"));
  g_assert_true (g_str_has_suffix (rows[8], ",1,,-15.00"));
  {
    g_autofree char *due = g_strdup_printf (",%" G_GINT64_FORMAT ".%02d", sheet->due_now / 100,
                                            (int) (sheet->due_now % 100));

    g_assert_true (g_str_has_prefix (rows[10], ",Due now,"));
    g_assert_true (g_str_has_suffix (rows[10], due));
  }
}

/* A server whose total is not the sum of its items: one line says so */
static void
test_adjustment_line (void)
{
  g_autoptr(MrQuote) quote = mr_quote_new ();
  g_autoptr(MrQuoteSheet) sheet = NULL;
  MrQuoteItem *item = g_new0 (MrQuoteItem, 1);

  item->domain = g_strdup ("odd.com");
  item->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_quote_account_free);
  item->email_provider = MR_EMAIL_PROVIDER_GOOGLE;
  item->domain_price = 10000;
  item->accounts_price = 1000;
  g_ptr_array_add (quote->order_items, item);
  quote->total_price = 10000;      /* the contract's own example figures */
  quote->total_discount = 10000;

  sheet = mr_quote_sheet_new (quote, MR_ORDER_TYPE_DFY, FALSE, NULL);
  g_assert_cmpint (sheet->subtotal - sheet->discount, ==, sheet->due_now);
  g_assert_cmpint (((MrQuoteLine *) g_ptr_array_index (sheet->lines, sheet->lines->len - 1))->kind,
                   ==, MR_QUOTE_LINE_ADJUSTMENT);
  g_assert_cmpint (sum_lines (sheet->summary_lines), ==, sheet->subtotal);
}

/* Compare for 10 x 3: each column equals a plain quote for that provider */
static void
test_compare_matches_plain_quotes (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(MrOrder) order = make_order (10, 3, MR_EMAIL_PROVIDER_GOOGLE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  guint before = mr_sim_server_get_n_requests (f->sim, "/api/v2/dfy-email-account-orders");

  set_promotion (f, 1, 10);
  mr_quote_compare_async (f->client, order, 30, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 20000);
  columns = mr_quote_compare_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (columns->len, ==, MR_COMPARE_N_COLUMNS);
  g_assert_cmpuint (mr_sim_server_get_n_requests (f->sim, "/api/v2/dfy-email-account-orders") - before,
                    ==, 4);

  for (guint k = MR_COMPARE_GOOGLE; k <= MR_COMPARE_MICROSOFT; k++)
    {
      MrCompareColumn *column = g_ptr_array_index (columns, k);
      g_autoptr(MrOrder) plain = mr_order_copy (order);
      g_autoptr(MrQuote) quote = NULL;
      guint n = k == MR_COMPARE_MICROSOFT ? 50 : 3;

      g_assert_nonnull (column->quote);
      for (guint i = 0; i < mr_order_get_n_items (plain); i++)
        {
          MrOrderItem *item = mr_order_get_item (plain, i);

          mr_order_item_set_email_provider (item, column->provider);
          for (guint j = mr_order_item_get_n_accounts (item); j < n; j++)
            {
              g_autofree char *prefix = g_strdup_printf ("plain%u", j);
              g_autoptr(MrAccount) account = mr_account_new ("Plain", "Quote", prefix);

              mr_order_item_append_account (item, account);
            }
        }
      quote = simulate (f, plain);

      g_assert_cmpint (column->n_domains, ==, 10);
      g_assert_cmpint (column->n_mailboxes, ==, 10 * n);
      g_assert_cmpint (column->due_now, ==, quote->total_price);
      g_assert_cmpint (column->per_month, ==, quote->total_price_per_month);
      g_assert_cmpint (column->first_year, ==, quote->total_price + 11 * quote->total_price_per_month);
      g_assert_cmpint (column->per_mailbox_per_month, ==,
                       (quote->total_price_per_month + 5 * n) / (10 * n));
      g_assert_cmpuint (column->emails_per_day, ==, 10 * n * 30);
      g_assert_cmpint (column->per_1000_emails, ==,
                       (column->first_year * 1000 + column->emails_per_day * 365 / 2) /
                       (column->emails_per_day * 365));
      g_assert_true ((k == MR_COMPARE_MICROSOFT) == (column->note != NULL));
    }

  /* Google 10 x 3 at $15 + 3 x $5, one free domain, 10 % off the rest of
   * each domain: $15 + 9 x $3 */
  g_assert_cmpint (((MrCompareColumn *) g_ptr_array_index (columns, 0))->due_now, ==,
                   (10 * 1500 + 30 * 500) - 1500 - 150 - 9 * 300);
  /* Microsoft is $20 per domain, whatever the mailboxes */
  g_assert_cmpint (((MrCompareColumn *) g_ptr_array_index (columns, 2))->per_month, ==, 10 * 2000);
}

static void
count_change_cb (MrOrder *order,
                 guint   *n_changes)
{
  (*n_changes)++;
}

static GPtrArray *
compare (Fixture *f,
         MrOrder *order)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *columns;

  mr_quote_compare_async (f->client, order, 30, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 20000);
  columns = mr_quote_compare_finish (result, &error);
  g_assert_no_error (error);

  return columns;
}

/* Picking the Microsoft column makes the order what it priced: every
 * domain on Microsoft with 50 mailboxes, in one change, and then quoted
 * at the column's price with no mailbox-count problem. */
static void
test_compare_apply (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MrOrder) order = make_order (10, 3, MR_EMAIL_PROVIDER_GOOGLE);
  g_autoptr(GPtrArray) columns = compare (f, order);
  g_autoptr(MrBulkReport) report = NULL;
  g_autoptr(MrBulkReport) back = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) server_problems = NULL;
  g_autoptr(MrQuote) quote = NULL;
  MrCompareColumn *microsoft = g_ptr_array_index (columns, MR_COMPARE_MICROSOFT);
  guint64 revision = mr_order_get_revision (order);
  guint n_changes = 0;

  g_signal_connect (order, "changed", G_CALLBACK (count_change_cb), &n_changes);

  report = mr_compare_column_apply (microsoft, order);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (mr_order_get_revision (order), ==, revision + 1);
  g_assert_cmpuint (report->n_domains, ==, 10);
  g_assert_cmpuint (report->n_added, ==, 10 * 47);
  g_assert_cmpuint (report->skipped->len, ==, 0);
  for (guint i = 0; i < mr_order_get_n_items (order); i++)
    {
      MrOrderItem *item = mr_order_get_item (order, i);

      g_assert_cmpint (mr_order_item_get_email_provider (item), ==, MR_EMAIL_PROVIDER_MICROSOFT);
      g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 50);
      /* the person's own mailboxes stay first */
      g_assert_cmpstr (mr_account_get_email_address_prefix (mr_order_item_get_account (item, 0)),
                       ==, "person1");
    }

  problems = mr_order_validate (order);
  g_assert_cmpuint (problems->len, ==, 0);
  quote = simulate (f, order);
  g_assert_cmpuint (quote->invalid_accounts->len, ==, 0);
  server_problems = mr_quote_collect_problems (quote);
  /* the simulator takes about one name in five: nothing else is wrong */
  for (guint i = 0; i < server_problems->len; i++)
    g_assert_cmpint (((MrProblem *) g_ptr_array_index (server_problems, i))->kind, ==,
                     MR_PROBLEM_DOMAIN_UNAVAILABLE);
  g_assert_cmpint (quote->total_price, ==, microsoft->due_now);
  g_assert_cmpint (quote->total_price_per_month, ==, microsoft->per_month);

  /* back to Google: 50 mailboxes are more than Google allows, so each
   * domain keeps Microsoft, says why, and nothing changes */
  back = mr_compare_column_apply (g_ptr_array_index (columns, MR_COMPARE_GOOGLE), order);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (back->n_domains, ==, 0);
  g_assert_cmpuint (back->skipped->len, ==, 10);
  g_assert_nonnull (strstr (((MrBulkSkip *) g_ptr_array_index (back->skipped, 0))->reason, "50"));
  g_assert_cmpint (mr_order_item_get_email_provider (mr_order_get_item (order, 0)), ==,
                   MR_EMAIL_PROVIDER_MICROSOFT);
}

/* Extra mailboxes for domains that exist: their provider and mailboxes
 * are not the order's to change */
static void
test_compare_apply_existing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MrOrder) order = make_order (3, 2, MR_EMAIL_PROVIDER_GOOGLE);
  g_autoptr(GPtrArray) columns = compare (f, order);
  g_autoptr(MrBulkReport) report = NULL;
  guint64 revision;

  mr_order_set_order_type (order, MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  revision = mr_order_get_revision (order);
  report = mr_compare_column_apply (g_ptr_array_index (columns, MR_COMPARE_MICROSOFT), order);
  g_assert_cmpuint (mr_order_get_revision (order), ==, revision);
  g_assert_cmpuint (report->n_added, ==, 0);
  g_assert_cmpuint (report->skipped->len, ==, 3);
  g_assert_cmpint (mr_order_item_get_email_provider (mr_order_get_item (order, 0)), ==,
                   MR_EMAIL_PROVIDER_GOOGLE);
  g_assert_cmpuint (mr_order_item_get_n_accounts (mr_order_get_item (order, 0)), ==, 2);
}

/* The pre-warmed column: priced when the inventory has enough domains */
static void
test_compare_prewarmed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MrOrder) small = make_order (2, 3, MR_EMAIL_PROVIDER_GOOGLE);
  g_autoptr(MrOrder) huge = make_order (100, 1, MR_EMAIL_PROVIDER_GOOGLE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  MrCompareColumn *column;

  mr_quote_compare_async (f->client, small, 30, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 20000);
  columns = mr_quote_compare_finish (result, &error);
  g_assert_no_error (error);
  column = g_ptr_array_index (columns, MR_COMPARE_PRE_WARMED);
  g_assert_nonnull (column->quote);
  g_assert_cmpuint (column->n_domains, ==, 2);
  g_assert_cmpint (column->order_type, ==, MR_ORDER_TYPE_PRE_WARMED_UP);
  g_assert_cmpint (column->due_now, ==, column->quote->total_price);
  g_clear_pointer (&columns, g_ptr_array_unref);
  g_clear_object (&result);

  mr_quote_compare_async (f->client, huge, 30, NULL, mr_test_store_result_cb, &result);
  mr_test_wait_result (&result, 20000);
  columns = mr_quote_compare_finish (result, &error);
  g_assert_no_error (error);
  column = g_ptr_array_index (columns, MR_COMPARE_PRE_WARMED);
  g_assert_null (column->quote);
  g_assert_nonnull (column->note);
  g_assert_nonnull (((MrCompareColumn *) g_ptr_array_index (columns, 0))->quote);
}

/* A 429 is waited out (the simulator asks for up to a minute), not
 * turned into a failed column; cancelling ends the wait at once. */
static void
test_compare_rate_limited (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MrOrder) order = make_order (2, 2, MR_EMAIL_PROVIDER_GOOGLE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  const char *path = "/api/v2/dfy-email-account-orders";
  guint before = mr_sim_server_get_n_requests (f->sim, path);

  /* two requests a minute: the third is refused with a Retry-After */
  mr_sim_server_set_rate_limits (f->sim, 30, 2);
  mr_quote_compare_async (f->client, order, 30, cancellable, mr_test_store_result_cb, &result);
  mr_test_spin (500);
  g_assert_null (result);
  /* two priced, one refused, then nothing more: it waits */
  g_assert_cmpuint (mr_sim_server_get_n_requests (f->sim, path) - before, ==, 3);
  mr_test_spin (500);
  g_assert_null (result);
  g_assert_cmpuint (mr_sim_server_get_n_requests (f->sim, path) - before, ==, 3);

  g_cancellable_cancel (cancellable);
  mr_test_wait_result (&result, 2000);
  columns = mr_quote_compare_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (columns);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/mr/quote-sheet/lines-add-up", Fixture, NULL, fixture_setup, test_lines_add_up, fixture_teardown);
  g_test_add ("/mr/quote-sheet/microsoft", Fixture, NULL, fixture_setup, test_microsoft_lines, fixture_teardown);
  g_test_add ("/mr/quote-sheet/text-formats", Fixture, NULL, fixture_setup, test_text_formats, fixture_teardown);
  g_test_add_func ("/mr/quote-sheet/adjustment-line", test_adjustment_line);
  g_test_add ("/mr/quote-sheet/prepared", Fixture, NULL, fixture_setup, test_prepared, fixture_teardown);
  g_test_add ("/mr/quote-compare/matches-plain-quotes", Fixture, NULL, fixture_setup,
              test_compare_matches_plain_quotes, fixture_teardown);
  g_test_add ("/mr/quote-compare/pre-warmed", Fixture, NULL, fixture_setup,
              test_compare_prewarmed, fixture_teardown);
  g_test_add ("/mr/quote-compare/rate-limited", Fixture, NULL, fixture_setup,
              test_compare_rate_limited, fixture_teardown);
  g_test_add ("/mr/quote-compare/apply", Fixture, NULL, fixture_setup,
              test_compare_apply, fixture_teardown);
  g_test_add ("/mr/quote-compare/apply-existing", Fixture, NULL, fixture_setup,
              test_compare_apply_existing, fixture_teardown);

  return g_test_run ();
}
