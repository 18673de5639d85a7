/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-sim"

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "mr-sim-json.h"
#include "mr-sim-pricing.h"

MrSimPricing *
mr_sim_pricing_new_default (void)
{
  MrSimPricing *self = g_new0 (MrSimPricing, 1);

  /* Must equal data/sim-pricing.json */
  self->domain_per_year = 1500;
  self->account_per_month[1] = 500;
  self->account_per_month[2] = 500;
  self->microsoft_domain_per_month = 2000;
  self->prewarmed_account_per_month = 1000;
  self->prewarmed_domain_per_year = 1500;
  self->prewarmed_accounts_per_domain = 3;
  self->card_brand = g_strdup ("Visa");
  self->card_last_4 = g_strdup ("4242");
  self->card_name = g_strdup ("Demo Customer");

  return self;
}

void
mr_sim_pricing_free (MrSimPricing *self)
{
  if (self == NULL)
    return;

  g_free (self->card_brand);
  g_free (self->card_last_4);
  g_free (self->card_name);
  g_free (self);
}

static gboolean
read_money (JsonObject  *object,
            const char  *member,
            gint64      *cents,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  double value;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Pricing: '%s' must be a number", member);
      return FALSE;
    }

  value = json_node_get_double (node);
  if (value < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Pricing: '%s' must not be negative", member);
      return FALSE;
    }

  *cents = (gint64) llround (value * 100.0);

  return TRUE;
}

static void
read_string (JsonObject  *object,
             const char  *member,
             char       **out)
{
  const char *value = json_object_get_string_member_with_default (object, member, NULL);

  if (value != NULL)
    {
      g_free (*out);
      *out = g_strdup (value);
    }
}

MrSimPricing *
mr_sim_pricing_new_from_file (const char  *path,
                              GError     **error)
{
  g_autoptr(MrSimPricing) self = mr_sim_pricing_new_default ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonObject *sub;
  JsonNode *node;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Pricing: %s does not hold a JSON object", path);
      return NULL;
    }
  root = json_node_get_object (node);

  if (!read_money (root, "domain_price_per_year", &self->domain_per_year, error) ||
      !read_money (root, "microsoft_price_per_domain_per_month",
                   &self->microsoft_domain_per_month, error))
    return NULL;

  sub = mr_sim_json_get_object (root, "account_price_per_month");
  if (sub != NULL &&
      (!read_money (sub, "1", &self->account_per_month[1], error) ||
       !read_money (sub, "2", &self->account_per_month[2], error)))
    return NULL;

  sub = mr_sim_json_get_object (root, "pre_warmed_up");
  if (sub != NULL)
    {
      if (!read_money (sub, "account_price_per_month", &self->prewarmed_account_per_month, error) ||
          !read_money (sub, "domain_price_per_year", &self->prewarmed_domain_per_year, error))
        return NULL;
      self->prewarmed_accounts_per_domain =
        (guint) CLAMP (json_object_get_int_member_with_default (sub, "accounts_per_domain", 3), 1, 100);
    }

  self->free_domains =
    (guint) CLAMP (json_object_get_int_member_with_default (root, "free_domains", 0), 0, 1000);
  self->discount_percent =
    (guint) CLAMP (json_object_get_int_member_with_default (root, "discount_percent", 0), 0, 100);

  if (json_object_has_member (root, "unavailable_email_providers"))
    {
      JsonArray *array = mr_sim_json_get_array (root, "unavailable_email_providers");

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          gint64 provider = json_array_get_int_element (array, i);

          if (provider >= 1 && provider <= 3)
            self->provider_unavailable[provider] = TRUE;
        }
    }

  sub = mr_sim_json_get_object (root, "payment_method");
  if (sub != NULL)
    {
      read_string (sub, "brand", &self->card_brand);
      read_string (sub, "last_4_digits", &self->card_last_4);
      read_string (sub, "name_on_card", &self->card_name);
    }

  return g_steal_pointer (&self);
}
