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

static MrSimPricing *
pricing_from_parser (JsonParser  *parser,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(MrSimPricing) self = mr_sim_pricing_new_default ();
  JsonObject *root;
  JsonObject *sub;
  JsonNode *node;

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Pricing: %s does not hold a JSON object", name);
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

MrSimPricing *
mr_sim_pricing_new_from_file (const char  *path,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_return_val_if_fail (path != NULL, NULL);

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;

  return pricing_from_parser (parser, path, error);
}

MrSimPricing *
mr_sim_pricing_new_from_data (const char  *data,
                              gssize       length,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;

  return pricing_from_parser (parser, "the price list", error);
}

MrSimPricing *
mr_sim_pricing_copy (const MrSimPricing *self)
{
  MrSimPricing *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->card_brand = g_strdup (self->card_brand);
  copy->card_last_4 = g_strdup (self->card_last_4);
  copy->card_name = g_strdup (self->card_name);

  return copy;
}

gboolean
mr_sim_pricing_equal (const MrSimPricing *a,
                      const MrSimPricing *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint p = 1; p <= 3; p++)
    if (a->account_per_month[p] != b->account_per_month[p] ||
        a->provider_unavailable[p] != b->provider_unavailable[p])
      return FALSE;

  return a->domain_per_year == b->domain_per_year &&
         a->microsoft_domain_per_month == b->microsoft_domain_per_month &&
         a->prewarmed_account_per_month == b->prewarmed_account_per_month &&
         a->prewarmed_domain_per_year == b->prewarmed_domain_per_year &&
         a->prewarmed_accounts_per_domain == b->prewarmed_accounts_per_domain &&
         a->free_domains == b->free_domains &&
         a->discount_percent == b->discount_percent &&
         g_strcmp0 (a->card_brand, b->card_brand) == 0 &&
         g_strcmp0 (a->card_last_4, b->card_last_4) == 0 &&
         g_strcmp0 (a->card_name, b->card_name) == 0;
}

static char *
money_text (gint64 cents)
{
  if (cents % 100 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, cents / 100);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", cents / 100, (int) (cents % 100));
}

static char *
string_text (const char *value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_node_set_string (node, value != NULL ? value : "");
  json_generator_set_root (generator, node);

  return json_generator_to_data (generator, NULL);
}

/* Written by hand rather than through JsonGenerator, which prints
 * doubles with 17 digits ("4.9900000000000002"). */
char *
mr_sim_pricing_to_data (const MrSimPricing *self)
{
  GString *out;
  g_autofree char *domain = NULL;
  g_autofree char *google = NULL;
  g_autofree char *airmail = NULL;
  g_autofree char *microsoft = NULL;
  g_autofree char *pw_account = NULL;
  g_autofree char *pw_domain = NULL;
  g_autofree char *brand = NULL;
  g_autofree char *last_4 = NULL;
  g_autofree char *name = NULL;
  gboolean first = TRUE;

  g_return_val_if_fail (self != NULL, NULL);

  domain = money_text (self->domain_per_year);
  google = money_text (self->account_per_month[1]);
  airmail = money_text (self->account_per_month[2]);
  microsoft = money_text (self->microsoft_domain_per_month);
  pw_account = money_text (self->prewarmed_account_per_month);
  pw_domain = money_text (self->prewarmed_domain_per_year);
  brand = string_text (self->card_brand);
  last_4 = string_text (self->card_last_4);
  name = string_text (self->card_name);

  out = g_string_new ("{\n");
  g_string_append (out, "  \"currency\": \"USD\",\n");
  g_string_append_printf (out, "  \"domain_price_per_year\": %s,\n", domain);
  g_string_append_printf (out, "  \"account_price_per_month\": {\n"
                               "    \"1\": %s,\n"
                               "    \"2\": %s\n"
                               "  },\n", google, airmail);
  g_string_append_printf (out, "  \"microsoft_price_per_domain_per_month\": %s,\n", microsoft);
  g_string_append_printf (out, "  \"pre_warmed_up\": {\n"
                               "    \"account_price_per_month\": %s,\n"
                               "    \"accounts_per_domain\": %u,\n"
                               "    \"domain_price_per_year\": %s\n"
                               "  },\n", pw_account, self->prewarmed_accounts_per_domain, pw_domain);
  g_string_append_printf (out, "  \"free_domains\": %u,\n", self->free_domains);
  g_string_append_printf (out, "  \"discount_percent\": %u,\n", self->discount_percent);
  g_string_append (out, "  \"unavailable_email_providers\": [");
  for (int p = 1; p <= 3; p++)
    if (self->provider_unavailable[p])
      {
        g_string_append_printf (out, first ? "%d" : ", %d", p);
        first = FALSE;
      }
  g_string_append (out, "],\n");
  g_string_append_printf (out, "  \"payment_method\": {\n"
                               "    \"brand\": %s,\n"
                               "    \"last_4_digits\": %s,\n"
                               "    \"name_on_card\": %s\n"
                               "  }\n", brand, last_4, name);
  g_string_append (out, "}\n");

  return g_string_free (out, FALSE);
}

gboolean
mr_sim_pricing_save_to_file (const MrSimPricing  *self,
                             const char          *path,
                             GError             **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = mr_sim_pricing_to_data (self);

  return g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0644, error);
}
