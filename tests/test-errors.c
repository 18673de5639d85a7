/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mailroom-core.h"

static void
test_code_for_status (void)
{
  const struct {
    guint      status;
    MrApiError code;
  } cases[] = {
    { 0, MR_API_ERROR_NETWORK },
    { 400, MR_API_ERROR_BAD_REQUEST },
    { 401, MR_API_ERROR_UNAUTHORIZED },
    { 402, MR_API_ERROR_PAYMENT_REQUIRED },
    { 403, MR_API_ERROR_FORBIDDEN },
    { 404, MR_API_ERROR_NOT_FOUND },
    { 429, MR_API_ERROR_RATE_LIMITED },
    { 500, MR_API_ERROR_SERVER },
    { 502, MR_API_ERROR_SERVER },
    { 503, MR_API_ERROR_SERVER },
    { 599, MR_API_ERROR_SERVER },
    { 302, MR_API_ERROR_HTTP },
    { 409, MR_API_ERROR_HTTP },
    { 422, MR_API_ERROR_HTTP },
    { 600, MR_API_ERROR_HTTP },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (mr_api_error_code_for_status (cases[i].status), ==, cases[i].code);
}

static void
test_getters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) plain = NULL;
  g_autoptr(GError) other = NULL;

  error = mr_api_error_new_http (400, "Bad Request", "The provided domain contains a restricted keyword",
                                 -1, "restricted_domain", "equifax");
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_BAD_REQUEST);
  g_assert_cmpstr (error->message, ==, "The provided domain contains a restricted keyword");
  g_assert_cmpuint (mr_api_error_get_status (error), ==, 400);
  g_assert_cmpstr (mr_api_error_get_server_error (error), ==, "Bad Request");
  g_assert_cmpint (mr_api_error_get_retry_after (error), ==, -1);
  g_assert_cmpstr (mr_api_error_get_code (error), ==, "restricted_domain");
  g_assert_cmpstr (mr_api_error_get_keyword (error), ==, "equifax");

  /* the extra data survives g_error_copy() and belongs to the copy */
  mr_api_error_set_retry_after (error, 12);
  copy = g_error_copy (error);
  g_clear_error (&error);
  g_assert_error (copy, MR_API_ERROR, MR_API_ERROR_BAD_REQUEST);
  g_assert_cmpuint (mr_api_error_get_status (copy), ==, 400);
  g_assert_cmpint (mr_api_error_get_retry_after (copy), ==, 12);
  g_assert_cmpstr (mr_api_error_get_server_error (copy), ==, "Bad Request");
  g_assert_cmpstr (mr_api_error_get_code (copy), ==, "restricted_domain");
  g_assert_cmpstr (mr_api_error_get_keyword (copy), ==, "equifax");

  mr_api_error_set_retry_after (copy, -5);
  g_assert_cmpint (mr_api_error_get_retry_after (copy), ==, -1);

  /* a plain g_set_error() in the domain has empty extra data */
  g_set_error_literal (&plain, MR_API_ERROR, MR_API_ERROR_NETWORK, "Connection refused");
  g_assert_cmpuint (mr_api_error_get_status (plain), ==, 0);
  g_assert_cmpint (mr_api_error_get_retry_after (plain), ==, -1);
  g_assert_null (mr_api_error_get_server_error (plain));
  g_assert_null (mr_api_error_get_code (plain));
  g_assert_null (mr_api_error_get_keyword (plain));

  /* other domains are not an error to ask about */
  g_set_error_literal (&other, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  g_assert_cmpuint (mr_api_error_get_status (other), ==, 0);
  g_assert_cmpint (mr_api_error_get_retry_after (other), ==, -1);
  g_assert_null (mr_api_error_get_server_error (other));
  g_assert_null (mr_api_error_get_code (other));
  g_assert_null (mr_api_error_get_keyword (other));
  g_assert_cmpuint (mr_api_error_get_status (NULL), ==, 0);
}

static void
test_new_http_without_message (void)
{
  g_autoptr(GError) with_reason = mr_api_error_new_http (503, "Service Unavailable", NULL, 30, NULL, NULL);
  g_autoptr(GError) bare = mr_api_error_new_http (520, NULL, "", -1, NULL, NULL);

  g_assert_error (with_reason, MR_API_ERROR, MR_API_ERROR_SERVER);
  g_assert_cmpstr (with_reason->message, ==, "Service Unavailable");
  g_assert_cmpint (mr_api_error_get_retry_after (with_reason), ==, 30);

  g_assert_error (bare, MR_API_ERROR, MR_API_ERROR_SERVER);
  g_assert_nonnull (strstr (bare->message, "520"));
}

static char *
describe (GError *error)
{
  char *text = mr_api_error_describe (error);

  g_assert_nonnull (text);
  g_assert_cmpstr (text, !=, "");
  return text;
}

static void
test_describe (void)
{
  const struct {
    guint       status;
    const char *server_error;
    const char *message;
    const char *must_contain[3];
  } cases[] = {
    { 401, "Unauthorized", "Missing Authorization header", { "revoked", "Preferences", "Missing Authorization header" } },
    { 402, "Payment Required", "Workspace does not have an active paid plan", { "paid plan", "Workspace does not", NULL } },
    { 403, "Forbidden", "API key lacks scope", { "dfy_email_account_orders", "Preferences", "API key lacks scope" } },
    { 404, "Not Found", "Resource not found", { "not find", "Resource not found", NULL } },
    { 500, "Internal Server Error", "Something broke", { "500", "Something broke", NULL } },
    { 400, "Bad Request", "body must have required property 'items'", { "invalid", "body must have required property 'items'", NULL } },
    { 418, "I'm a teapot", "short and stout", { "418", "short and stout", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = mr_api_error_new_http (cases[i].status, cases[i].server_error,
                                                       cases[i].message, -1, NULL, NULL);
      g_autofree char *text = describe (error);

      for (guint j = 0; j < G_N_ELEMENTS (cases[i].must_contain) && cases[i].must_contain[j] != NULL; j++)
        {
          if (strstr (text, cases[i].must_contain[j]) == NULL)
            g_error ("“%s” does not mention “%s”", text, cases[i].must_contain[j]);
        }
    }
}

static void
test_describe_rate_limit (void)
{
  g_autoptr(GError) error = mr_api_error_new_http (429, "Too Many Requests", "Rate limit exceeded", -1, NULL, NULL);
  g_autofree char *without = describe (error);
  g_autofree char *with = NULL;
  g_autofree char *one = NULL;

  g_assert_nonnull (strstr (without, "Wait"));
  g_assert_nonnull (strstr (without, "Rate limit exceeded"));

  mr_api_error_set_retry_after (error, 42);
  with = describe (error);
  g_assert_nonnull (strstr (with, "42 seconds"));

  mr_api_error_set_retry_after (error, 1);
  one = describe (error);
  g_assert_nonnull (strstr (one, "1 second,"));
}

static void
test_describe_local (void)
{
  const struct {
    MrApiError  code;
    const char *message;
    const char *must_contain;
  } cases[] = {
    { MR_API_ERROR_NETWORK, "Could not connect to api.instantly.ai: Connection refused", "connection" },
    { MR_API_ERROR_TIMEOUT, "Socket I/O timed out", "in time" },
    { MR_API_ERROR_PARSE, "order_items[1].total_price: expected a number", "order_items[1].total_price" },
    { MR_API_ERROR_TOO_LARGE, "", "too large" },
    { MR_API_ERROR_INSECURE_URL, "http://example.com is not https", "https://" },
    { MR_API_ERROR_NOT_PLACED, "No quote for revision 7", "not sent" },
    { MR_API_ERROR_RESULT_UNKNOWN, "Connection reset by peer", "orders list" },
    { MR_API_ERROR_RESULT_UNKNOWN, "Connection reset by peer", "may or may not" },
    { MR_API_ERROR_RESULT_UNKNOWN, "Connection reset by peer", "Connection reset by peer" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (MR_API_ERROR, cases[i].code, cases[i].message);
      g_autofree char *text = describe (error);

      if (strstr (text, cases[i].must_contain) == NULL)
        g_error ("“%s” does not mention “%s”", text, cases[i].must_contain);
    }
}

static void
test_describe_restricted (void)
{
  g_autoptr(GError) with_keyword = mr_api_error_new_http (400, "Bad Request", "restricted", -1,
                                                          "restricted_domain", "equifax");
  g_autoptr(GError) without_keyword = mr_api_error_new_http (400, "Bad Request", "restricted", -1,
                                                             "restricted_domain", NULL);
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Disk on fire");
  g_autofree char *text = describe (with_keyword);
  g_autofree char *text2 = describe (without_keyword);
  g_autofree char *text3 = describe (other);

  g_assert_nonnull (strstr (text, "“equifax”"));
  g_assert_nonnull (strstr (text2, "restricted keyword"));
  g_assert_cmpstr (text3, ==, "Disk on fire");
}

static void
test_order_error_strings (void)
{
  const char *names[] = {
    "unavailable_domains", "blacklist_domains", "invalid_domains", "invalid_forwarding_domains",
    "invalid_accounts", "payment_failed", "missing_domain_orders", "domains_without_accounts",
    "provider_mismatch", "unsupported_provider", "provider_unavailable",
  };
  g_autoptr(GHashTable) descriptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      MrOrderError error = mr_order_error_from_string (names[i]);
      char *text;

      g_assert_cmpint (error, !=, MR_ORDER_ERROR_NONE);
      g_assert_cmpint (error, !=, MR_ORDER_ERROR_UNKNOWN);
      g_assert_cmpstr (mr_order_error_to_string (error), ==, names[i]);

      text = mr_order_error_describe (error);
      g_assert_cmpstr (text, !=, "");
      /* each one says something of its own */
      g_assert_true (g_hash_table_add (descriptions, text));
    }

  g_assert_cmpint (mr_order_error_from_string (NULL), ==, MR_ORDER_ERROR_NONE);
  g_assert_cmpint (mr_order_error_from_string (""), ==, MR_ORDER_ERROR_NONE);
  g_assert_cmpint (mr_order_error_from_string ("quota_exceeded"), ==, MR_ORDER_ERROR_UNKNOWN);
  g_assert_null (mr_order_error_to_string (MR_ORDER_ERROR_NONE));
  g_assert_null (mr_order_error_to_string (MR_ORDER_ERROR_UNKNOWN));
}

static void
test_payment_failure_strings (void)
{
  const struct {
    const char       *name;
    MrPaymentFailure  failure;
    const char       *must_contain;
  } cases[] = {
    { "payment_method_not_supported", MR_PAYMENT_FAILURE_METHOD_NOT_SUPPORTED, "cannot be used" },
    { "authentication_required", MR_PAYMENT_FAILURE_AUTHENTICATION_REQUIRED, "confirmed" },
    { "card_expired", MR_PAYMENT_FAILURE_CARD_EXPIRED, "expired" },
    { "generic_decline", MR_PAYMENT_FAILURE_GENERIC_DECLINE, "declined" },
    { "insufficient_funds", MR_PAYMENT_FAILURE_UNKNOWN, "payment failed" },
    { NULL, MR_PAYMENT_FAILURE_NONE, "payment failed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      g_assert_cmpint (mr_payment_failure_from_string (cases[i].name), ==, cases[i].failure);
      text = mr_payment_failure_describe (cases[i].failure);
      if (strstr (text, cases[i].must_contain) == NULL)
        g_error ("“%s” does not mention “%s”", text, cases[i].must_contain);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mr/errors/code-for-status", test_code_for_status);
  g_test_add_func ("/mr/errors/getters", test_getters);
  g_test_add_func ("/mr/errors/new-http-without-message", test_new_http_without_message);
  g_test_add_func ("/mr/errors/describe/http", test_describe);
  g_test_add_func ("/mr/errors/describe/rate-limit", test_describe_rate_limit);
  g_test_add_func ("/mr/errors/describe/local", test_describe_local);
  g_test_add_func ("/mr/errors/describe/restricted", test_describe_restricted);
  g_test_add_func ("/mr/errors/order-error-strings", test_order_error_strings);
  g_test_add_func ("/mr/errors/payment-failure-strings", test_payment_failure_strings);

  return g_test_run ();
}
