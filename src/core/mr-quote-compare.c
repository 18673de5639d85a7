/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-quote-compare"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mr-account.h"
#include "mr-error.h"
#include "mr-order-item.h"
#include "mr-quote-compare.h"
#include "mr-records.h"

#define MAX_RATE_LIMIT_WAITS 3
#define DEFAULT_RETRY_AFTER  2
#define MAX_RETRY_AFTER      60

static MrCompareColumn *
mr_compare_column_copy (const MrCompareColumn *column)
{
  MrCompareColumn *copy = g_memdup2 (column, sizeof *column);

  copy->title = g_strdup (column->title);
  copy->note = g_strdup (column->note);
  if (column->quote != NULL)
    copy->quote = mr_quote_ref (column->quote);

  return copy;
}

G_DEFINE_BOXED_TYPE (MrCompareColumn, mr_compare_column, mr_compare_column_copy, mr_compare_column_free)

void
mr_compare_column_free (MrCompareColumn *column)
{
  if (column == NULL)
    return;

  g_free (column->title);
  g_free (column->note);
  g_clear_pointer (&column->quote, mr_quote_unref);
  g_free (column);
}

static MrCents
divide_rounded (MrCents a,
                MrCents b)
{
  if (b <= 0)
    return 0;

  return (a + b / 2) / b;
}

void
mr_compare_column_update (MrCompareColumn *column,
                          guint            emails_per_mailbox_per_day)
{
  MrQuote *quote;

  g_return_if_fail (column != NULL);

  quote = column->quote;
  if (quote == NULL)
    return;

  column->n_domains = quote->order_items->len;
  column->n_mailboxes = 0;
  for (guint i = 0; i < quote->order_items->len; i++)
    column->n_mailboxes += ((MrQuoteItem *) g_ptr_array_index (quote->order_items, i))->accounts->len;

  column->due_now = quote->total_price;
  column->per_month = quote->total_price_per_month;
  /* Due now pays the domains' first year and the mailboxes' first month;
   * eleven more months of mailboxes complete the year (the discount is
   * taken to apply to the first payment only: the contract is silent). */
  column->first_year = quote->total_price + 11 * quote->total_price_per_month;
  column->per_mailbox_per_month = divide_rounded (column->per_month, column->n_mailboxes);
  column->emails_per_day = (guint64) column->n_mailboxes * emails_per_mailbox_per_day;
  column->per_1000_emails = divide_rounded (column->first_year * 1000,
                                            (MrCents) column->emails_per_day * 365);
}

MrOrder *
mr_quote_compare_make_order (MrOrder         *order,
                             MrEmailProvider  provider,
                             gboolean        *out_adjusted)
{
  g_autoptr(MrOrder) copy = NULL;
  guint min, max;
  gboolean adjusted = FALSE;

  g_return_val_if_fail (MR_IS_ORDER (order), NULL);
  g_return_val_if_fail (mr_email_provider_is_valid (provider), NULL);

  copy = mr_order_copy (order);
  mr_order_set_order_type (copy, MR_ORDER_TYPE_DFY);
  min = mr_email_provider_min_accounts (provider);
  max = mr_email_provider_max_accounts (provider);

  for (guint i = 0; i < mr_order_get_n_items (copy); i++)
    {
      MrOrderItem *item = mr_order_get_item (copy, i);
      guint n;

      mr_order_item_set_email_provider (item, provider);
      n = mr_order_item_get_n_accounts (item);

      for (; n > max; n--)
        {
          mr_order_item_remove_account (item, n - 1);
          adjusted = TRUE;
        }

      for (guint j = 1; n < min; n++, j++)
        {
          g_autofree char *prefix = g_strdup_printf ("compare%u", j);
          g_autofree char *last = g_strdup_printf ("%u", j);
          g_autoptr(MrAccount) account = mr_account_new ("Mailbox", last, prefix);

          mr_order_item_append_account (item, account);
          adjusted = TRUE;
        }
    }

  if (out_adjusted != NULL)
    *out_adjusted = adjusted;

  return g_steal_pointer (&copy);
}

MrBulkReport *
mr_compare_column_apply (const MrCompareColumn *column,
                         MrOrder               *order)
{
  g_autoptr(GPtrArray) on_provider = NULL;
  MrBulkReport *report;
  guint n_items;

  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (column->kind != MR_COMPARE_PRE_WARMED, NULL);
  g_return_val_if_fail (MR_IS_ORDER (order), NULL);

  mr_order_begin_batch (order);

  report = mr_order_bulk_set_provider (order, NULL, column->provider);

  /* the column priced each domain with at least the provider's minimum;
   * the mailboxes of a domain that exists already are not the order's */
  n_items = mr_order_get_n_items (order);
  on_provider = g_ptr_array_sized_new (n_items);
  if (mr_order_get_order_type (order) != MR_ORDER_TYPE_EXTRA_ACCOUNTS)
    for (guint i = 0; i < n_items; i++)
      {
        MrOrderItem *item = mr_order_get_item (order, i);

        if (mr_order_item_get_email_provider (item) == column->provider)
          g_ptr_array_add (on_provider, item);
      }

  if (on_provider->len > 0)
    {
      g_autoptr(MrBulkReport) filled = NULL;

      filled = mr_order_bulk_fill (order, on_provider, NULL, MR_ADDRESS_PATTERN_FIRST_DOT_LAST,
                                   mr_email_provider_min_accounts (column->provider));
      mr_bulk_report_merge (report, filled);
    }

  mr_order_end_batch (order);

  return report;
}

/* The run */

typedef struct
{
  MrApiClient *client;
  MrOrder     *order;
  guint        emails_per_day;
  GPtrArray   *columns;
  guint        current;
  guint        waits;
  guint        timeout_id;
  gint64       retry_at;
  guint        n_priced;
  GError      *first_error;
} Run;

static void
run_free (gpointer data)
{
  Run *run = data;

  g_clear_handle_id (&run->timeout_id, g_source_remove);
  g_clear_object (&run->client);
  g_clear_object (&run->order);
  g_clear_pointer (&run->columns, g_ptr_array_unref);
  g_clear_error (&run->first_error);
  g_free (run);
}

static void next_column (GTask *task);

static MrCompareColumn *
current_column (Run *run)
{
  return g_ptr_array_index (run->columns, run->current);
}

static void
set_note (MrCompareColumn *column,
          char            *note)
{
  g_free (column->note);
  column->note = note;
}

static void
column_failed (GTask  *task,
               GError *error)
{
  Run *run = g_task_get_task_data (task);

  set_note (current_column (run), mr_api_error_describe (error));
  if (run->first_error == NULL)
    run->first_error = g_error_copy (error);

  run->current++;
  run->waits = 0;
  next_column (task);
}

/* Polled, so that cancelling ends the wait at once */
static gboolean
retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  if (g_get_monotonic_time () < run->retry_at &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return G_SOURCE_CONTINUE;

  run->timeout_id = 0;
  next_column (task);

  return G_SOURCE_REMOVE;
}

static void
simulate_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  MrQuote *quote;

  quote = mr_api_client_simulate_order_finish (MR_API_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_error_matches (error, MR_API_ERROR, MR_API_ERROR_RATE_LIMITED) &&
      run->waits < MAX_RATE_LIMIT_WAITS)
    {
      gint seconds = mr_api_error_get_retry_after (error);

      if (seconds < 0)
        seconds = DEFAULT_RETRY_AFTER;
      run->waits++;
      run->retry_at = g_get_monotonic_time () + MIN (seconds, MAX_RETRY_AFTER) * G_USEC_PER_SEC;
      run->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 100, retry_cb,
                                            g_object_ref (task), g_object_unref);
      return;
    }

  if (quote == NULL)
    {
      column_failed (task, error);
      return;
    }

  current_column (run)->quote = quote;
  mr_compare_column_update (current_column (run), run->emails_per_day);
  run->n_priced++;
  run->current++;
  run->waits = 0;
  next_column (task);
}

static void
prewarmed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  MrCompareColumn *column = current_column (run);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  g_autoptr(MrOrder) order = NULL;
  guint wanted = mr_order_get_n_items (run->order);

  domains = mr_api_client_prewarmed_domains_finish (MR_API_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (domains == NULL)
    {
      column_failed (task, error);
      return;
    }

  if (domains->len < wanted || wanted == 0)
    {
      set_note (column, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "Only %u pre-warmed domain is available.",
                                                      "Only %u pre-warmed domains are available.",
                                                      domains->len), domains->len));
      run->current++;
      next_column (task);
      return;
    }

  order = mr_order_new (MR_ORDER_TYPE_PRE_WARMED_UP);
  for (guint i = 0; i < wanted; i++)
    {
      MrPrewarmedDomain *domain = g_ptr_array_index (domains, i);
      g_autoptr(MrOrderItem) item = mr_order_item_new (domain->domain);

      if (domain->has_account_type && mr_email_provider_is_valid (domain->account_type))
        mr_order_item_set_email_provider (item, domain->account_type);
      if (i == 0)
        column->provider = mr_order_item_get_email_provider (item);
      mr_order_append_item (order, item);
    }

  set_note (column, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u ready domain from the inventory",
                                                  "%u ready domains from the inventory", wanted),
                                     wanted));
  mr_api_client_simulate_order_async (run->client, order, g_task_get_cancellable (task),
                                      simulate_cb, g_object_ref (task));
}

static void
next_column (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  MrCompareColumn *column;
  g_autoptr(MrOrder) order = NULL;
  gboolean adjusted = FALSE;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (run->current >= run->columns->len)
    {
      if (run->n_priced == 0 && run->first_error != NULL)
        g_task_return_error (task, g_steal_pointer (&run->first_error));
      else
        g_task_return_pointer (task, g_steal_pointer (&run->columns),
                               (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  column = current_column (run);

  if (column->kind == MR_COMPARE_PRE_WARMED)
    {
      mr_api_client_prewarmed_domains_async (run->client, NULL, NULL, g_task_get_cancellable (task),
                                             prewarmed_cb, g_object_ref (task));
      return;
    }

  order = mr_quote_compare_make_order (run->order, column->provider, &adjusted);
  if (adjusted && column->note == NULL)
    {
      guint min = mr_email_provider_min_accounts (column->provider);
      guint max = mr_email_provider_max_accounts (column->provider);

      set_note (column, g_strdup_printf (_("Priced with %u to %u mailboxes per domain, "
                                           "as %s requires"),
                                         min, max, column->title));
    }

  mr_api_client_simulate_order_async (run->client, order, g_task_get_cancellable (task),
                                      simulate_cb, g_object_ref (task));
}

void
mr_quote_compare_async (MrApiClient         *client,
                        MrOrder             *order,
                        guint                emails_per_mailbox_per_day,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (MR_IS_API_CLIENT (client));
  g_return_if_fail (MR_IS_ORDER (order));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_quote_compare_async);

  run = g_new0 (Run, 1);
  run->client = g_object_ref (client);
  run->order = mr_order_copy (order);
  run->emails_per_day = emails_per_mailbox_per_day;
  run->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_compare_column_free);
  g_task_set_task_data (task, run, run_free);

  for (guint k = 0; k < MR_COMPARE_N_COLUMNS; k++)
    {
      MrCompareColumn *column = g_new0 (MrCompareColumn, 1);

      column->kind = k;
      column->order_type = k == MR_COMPARE_PRE_WARMED ? MR_ORDER_TYPE_PRE_WARMED_UP : MR_ORDER_TYPE_DFY;
      column->provider = k == MR_COMPARE_AIRMAIL ? MR_EMAIL_PROVIDER_AIRMAIL
                       : k == MR_COMPARE_MICROSOFT ? MR_EMAIL_PROVIDER_MICROSOFT
                       : MR_EMAIL_PROVIDER_GOOGLE;
      column->title = g_strdup (k == MR_COMPARE_PRE_WARMED ? _("Pre-warmed")
                                                           : mr_email_provider_to_label (column->provider));
      g_ptr_array_add (run->columns, column);
    }

  next_column (task);
}

GPtrArray *
mr_quote_compare_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mr_quote_compare_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
