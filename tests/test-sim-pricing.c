/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mr-sim-pricing.h"
#include "mr-sim-server.h"
#include "mr-sim-test-util.h"

/* The simulator's price list: changed at run time as a whole, saved and
 * loaded in the format of data/sim-pricing.json, and the promotion
 * arithmetic at its edges. Plain libsoup, never core. */

#define API "/api/v2/dfy-email-account-orders"

typedef struct
{
  MrSimServer *sim;
  SoupSession *session;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->sim = mr_sim_test_server_new ();
  f->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  mr_sim_server_disconnect (f->sim);
  g_assert_finalize_object (f->sim);
}

static gint64
cents (JsonObject *o,
       const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  g_assert_nonnull (node);
  return llround (json_node_get_double (node) * 100.0);
}

/* @n_domains domains named d1.com.. with @n_accounts each */
static JsonNode *
quote (Fixture    *f,
       int         provider,
       guint       n_domains,
       guint       n_accounts)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GString *items = g_string_new (NULL);
  JsonNode *node;

  for (guint i = 0; i < n_domains; i++)
    {
      g_string_append_printf (items, "%s{\"domain\":\"pricetest%u.com\",\"email_provider\":%d,"
                              "\"accounts\":[", i > 0 ? "," : "", i + 1, provider);
      for (guint j = 0; j < n_accounts; j++)
        g_string_append_printf (items, "%s{\"email_address_prefix\":\"u%u\",\"first_name\":\"A\","
                                "\"last_name\":\"B\"}", j > 0 ? "," : "", j + 1);
      g_string_append (items, "]}");
    }
  body = g_strdup_printf ("{\"order_type\":\"dfy\",\"simulation\":true,\"items\":[%s]}", items->str);
  g_string_free (items, TRUE);

  bytes = mr_sim_test_send (f->session, f->sim, "POST", API, MR_SIM_DEMO_KEY, body, &msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  node = json_from_string (g_bytes_get_data (bytes, NULL), &error);
  g_assert_no_error (error);

  return node;
}

/* every item and the totals: price - discount = total, nothing negative */
static void
assert_adds_up (JsonObject *o)
{
  JsonArray *items = json_object_get_array_member (o, "order_items");
  gint64 domains = 0, accounts = 0, discount = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      gint64 price = cents (item, "domain_price") + cents (item, "accounts_price");

      g_assert_cmpint (cents (item, "total_discount"), >=, 0);
      g_assert_cmpint (cents (item, "total_discount"), <=, price);
      g_assert_cmpint (cents (item, "total_price"), ==, price - cents (item, "total_discount"));
      domains += cents (item, "domain_price");
      accounts += cents (item, "accounts_price");
      discount += cents (item, "total_discount");
    }

  g_assert_cmpint (cents (o, "total_domains_price_per_year"), ==, domains);
  g_assert_cmpint (cents (o, "total_accounts_price_per_month"), ==, accounts);
  g_assert_cmpint (cents (o, "total_discount"), ==, discount);
  g_assert_cmpint (cents (o, "total_price"), ==, domains + accounts - discount);
  g_assert_cmpint (cents (o, "total_price"), >=, 0);
}

static void
test_defaults_equal_file (void)
{
  g_autoptr(MrSimPricing) builtin = mr_sim_pricing_new_default ();
  g_autoptr(MrSimPricing) file = NULL;
  g_autoptr(GError) error = NULL;

  file = mr_sim_pricing_new_from_file (g_getenv ("MR_SIM_PRICING"), &error);
  g_assert_no_error (error);
  g_assert_true (mr_sim_pricing_equal (builtin, file));
}

static void
test_save_load_round_trip (void)
{
  g_autoptr(MrSimPricing) pricing = mr_sim_pricing_new_default ();
  g_autoptr(MrSimPricing) loaded = NULL;
  g_autoptr(MrSimPricing) from_data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mr-sim-pricing-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "prices.json", NULL);

  pricing->domain_per_year = 1299;
  pricing->account_per_month[1] = 499;
  pricing->account_per_month[2] = 301;
  pricing->microsoft_domain_per_month = 2500;
  pricing->prewarmed_account_per_month = 1111;
  pricing->prewarmed_domain_per_year = 1;
  pricing->prewarmed_accounts_per_domain = 4;
  pricing->free_domains = 2;
  pricing->discount_percent = 33;
  pricing->provider_unavailable[2] = TRUE;
  g_free (pricing->card_name);
  pricing->card_name = g_strdup ("Zoë \"Q\" O'Brien");

  g_assert_true (mr_sim_pricing_save_to_file (pricing, path, &error));
  g_assert_no_error (error);
  loaded = mr_sim_pricing_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (mr_sim_pricing_equal (pricing, loaded));

  data = mr_sim_pricing_to_data (pricing);
  g_assert_nonnull (strstr (data, "\"domain_price_per_year\": 12.99"));
  g_assert_nonnull (strstr (data, "\"1\": 4.99"));
  from_data = mr_sim_pricing_new_from_data (data, -1, &error);
  g_assert_no_error (error);
  g_assert_true (mr_sim_pricing_equal (pricing, from_data));

  g_assert_null (mr_sim_pricing_new_from_data ("[1]", -1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

  g_unlink (path);
  g_rmdir (dir);
}

/* The next quote after set_pricing uses the new list, as a whole */
static void
test_runtime_change (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MrSimPricing) pricing = mr_sim_pricing_copy (mr_sim_server_get_pricing (f->sim));
  g_autoptr(JsonNode) before = quote (f, 1, 2, 3);
  g_autoptr(JsonNode) after = NULL;
  JsonObject *o;

  g_assert_cmpint (cents (json_node_get_object (before), "price_per_account_per_month"), ==,
                   pricing->account_per_month[1]);

  pricing->account_per_month[1] = 725;
  pricing->domain_per_year = 2000;
  g_free (pricing->card_brand);
  pricing->card_brand = g_strdup ("Mastercard");
  mr_sim_server_set_pricing (f->sim, pricing);
  g_assert_true (mr_sim_pricing_equal (pricing, mr_sim_server_get_pricing (f->sim)));

  after = quote (f, 1, 2, 3);
  o = json_node_get_object (after);
  g_assert_cmpint (cents (o, "price_per_account_per_month"), ==, 725);
  g_assert_cmpint (cents (o, "total_accounts_price_per_month"), ==, 6 * 725);
  g_assert_cmpint (cents (o, "total_domains_price_per_year"), ==, 2 * 2000);
  g_assert_cmpint (cents (o, "total_price"), ==, 6 * 725 + 2 * 2000);
  g_assert_cmpstr (json_object_get_string_member (o, "payment_method_brand"), ==, "Mastercard");
  assert_adds_up (o);
}

/* Free domains beyond the order's size and 100 % off: nothing negative,
 * each discount at most what it applies to. */
static void
test_promotion_limits (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MrSimPricing) pricing = mr_sim_pricing_new_default ();
  guint percents[] = { 0, 20, 99, 100 };

  for (guint free = 0; free <= 4; free += 2)
    for (guint i = 0; i < G_N_ELEMENTS (percents); i++)
      for (int provider = 1; provider <= 3; provider += 2)
        {
          g_autoptr(JsonNode) node = NULL;
          JsonObject *o;

          pricing->free_domains = free;
          pricing->discount_percent = percents[i];
          mr_sim_server_set_pricing (f->sim, pricing);
          node = quote (f, provider, 3, provider == 3 ? 50 : 3);
          o = json_node_get_object (node);
          assert_adds_up (o);
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "free_domains")),
                            ==, MIN (free, 3));
          if (percents[i] == 100)
            g_assert_cmpint (cents (o, "total_price"), ==, 0);
        }
}

/* Microsoft: one price per domain, no per-mailbox figure that says otherwise */
static void
test_microsoft_per_domain (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonNode) node = quote (f, 3, 2, 50);
  JsonObject *o = json_node_get_object (node);
  JsonArray *items = json_object_get_array_member (o, "order_items");
  gint64 per_domain = mr_sim_server_get_pricing (f->sim)->microsoft_domain_per_month;

  g_assert_cmpint (per_domain, ==, 2000);
  g_assert_true (json_object_get_null_member (o, "price_per_account_per_month"));
  g_assert_false (json_object_has_member (o, "price_per_account_per_month_by_account_type"));
  g_assert_cmpint (cents (o, "price_per_domain_per_month"), ==, per_domain);
  g_assert_cmpint (cents (o, "total_accounts_price_per_month"), ==, 2 * per_domain);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      g_assert_cmpint (cents (item, "accounts_price"), ==, per_domain);
      g_assert_cmpint (cents (item, "domain_monthly_price"), ==, per_domain);
    }
  assert_adds_up (o);
}

static void
test_reset_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mr-sim-state-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(MrSimServer) sim = mr_sim_test_server_new ();
  g_autoptr(MrSimServer) again = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "state.json", NULL);
  g_assert_true (mr_sim_server_set_state_file (sim, path, &error));
  mr_sim_server_add_ordered_domain (sim, "kept-for-later.com", 1, 2);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "kept-for-later.com"));
  g_clear_pointer (&contents, g_free);

  mr_sim_server_reset_state (sim);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "kept-for-later.com"));

  mr_sim_server_disconnect (sim);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/sim-pricing/defaults-equal-file", test_defaults_equal_file);
  g_test_add_func ("/mr/sim-pricing/save-load-round-trip", test_save_load_round_trip);
  g_test_add ("/mr/sim-pricing/runtime-change", Fixture, NULL,
              fixture_setup, test_runtime_change, fixture_teardown);
  g_test_add ("/mr/sim-pricing/promotion-limits", Fixture, NULL,
              fixture_setup, test_promotion_limits, fixture_teardown);
  g_test_add ("/mr/sim-pricing/microsoft-per-domain", Fixture, NULL,
              fixture_setup, test_microsoft_per_domain, fixture_teardown);
  g_test_add_func ("/mr/sim-pricing/reset-state", test_reset_state);

  return g_test_run ();
}
