/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mr-sim-catalog.h"
#include "mr-sim-tree-oracle.h"

/* The simulator's request path as it was before it read the reader's
 * document directly: json-glib trees, the schema checks that walked them,
 * the quote read from a JsonObject, and the catalogue's name checks that
 * split and copied. Kept unchanged (only renamed) as the reference the
 * document path must match byte for byte (test-sim-doc). */

typedef enum
{
  KIND_OBJECT,
  KIND_ARRAY,
  KIND_STRING,
  KIND_NUMBER,
  KIND_BOOLEAN,
} Kind;

/* Paths are made for every element checked, so without printf */
static char *
path_child (const char *path,
            const char *name)
{
  return g_strconcat (path, "/", name, NULL);
}

static char *
path_index (const char *path,
            guint       index)
{
  char digits[16];
  char *at = digits + sizeof digits;

  *--at = '\0';
  do
    *--at = '0' + index % 10;
  while ((index /= 10) > 0);
  *--at = '/';

  return g_strconcat (path, at, NULL);
}

static const char * const kind_names[] = { "object", "array", "string", "number", "boolean" };

static gboolean
is_kind (JsonNode *node,
         Kind      kind)
{
  GType type;

  switch (kind)
    {
    case KIND_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case KIND_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    case KIND_STRING:
    case KIND_NUMBER:
    case KIND_BOOLEAN:
    default:
      break;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (kind == KIND_STRING)
    return type == G_TYPE_STRING;
  if (kind == KIND_BOOLEAN)
    return type == G_TYPE_BOOLEAN;

  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static char *
check_kind (JsonNode   *node,
            const char *path,
            Kind        kind)
{
  if (node == NULL || !is_kind (node, kind))
    return g_strdup_printf ("%s must be %s", path, kind_names[kind]);

  return NULL;
}

static char *
check_required (JsonObject         *object,
                const char         *path,
                const char * const *required)
{
  for (guint i = 0; required[i] != NULL; i++)
    if (!json_object_has_member (object, required[i]))
      return g_strdup_printf ("%s must have required property '%s'", path, required[i]);

  return NULL;
}

/* An object with every member named in @required */
static char *
check_object (JsonNode            *node,
              const char          *path,
              const char * const  *required,
              JsonObject         **out_object)
{
  char *message;

  if ((message = check_kind (node, path, KIND_OBJECT)) != NULL)
    return message;

  *out_object = json_node_get_object (node);
  return check_required (*out_object, path, required);
}

static char *
check_bounds (JsonArray  *array,
              const char *path,
              guint       min_items,
              guint       max_items)
{
  guint n = json_array_get_length (array);

  if (max_items > 0 && n > max_items)
    return g_strdup_printf ("%s must NOT have more than %u items", path, max_items);
  if (n < min_items)
    return g_strdup_printf ("%s must NOT have fewer than %u items", path, min_items);

  return NULL;
}

static char *
check_string_enum (JsonNode           *node,
                   const char         *path,
                   const char * const *values)
{
  char *message = check_kind (node, path, KIND_STRING);

  if (message != NULL)
    return message;

  if (values != NULL && !g_strv_contains (values, json_node_get_string (node)))
    return g_strdup_printf ("%s must be equal to one of the allowed values", path);

  return NULL;
}

static gboolean
tree_number_equals (JsonNode *node,
                              gint64    value)
{
  if (node == NULL || !is_kind (node, KIND_NUMBER))
    return FALSE;

  return json_node_get_double (node) == (double) value;
}

typedef char * (*CheckFunc) (JsonNode   *node,
                             const char *path);

/* @check on every element of @array, at "@path/index" */
static char *
check_each (JsonArray  *array,
            const char *path,
            CheckFunc   check)
{
  char *message;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = path_index (path, i);

      if ((message = check (json_array_get_element (array, i), element_path)) != NULL)
        return message;
    }

  return NULL;
}

/* An array whose items are strings, optionally from @values */
static char *
check_string_array (JsonNode           *node,
                    const char         *path,
                    guint               min_items,
                    guint               max_items,
                    const char * const *values)
{
  JsonArray *array;
  char *message;

  if ((message = check_kind (node, path, KIND_ARRAY)) != NULL)
    return message;

  array = json_node_get_array (node);
  if ((message = check_bounds (array, path, min_items, max_items)) != NULL)
    return message;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = path_index (path, i);

      message = check_string_enum (json_array_get_element (array, i), item_path, values);
      if (message != NULL)
        return message;
    }

  return NULL;
}

static char *
check_account (JsonNode   *node,
               const char *path)
{
  static const char * const required[] = { "email_address_prefix", "first_name", "last_name", NULL };
  JsonObject *object;
  char *message;

  if ((message = check_object (node, path, required, &object)) != NULL)
    return message;

  for (guint i = 0; required[i] != NULL; i++)
    {
      g_autofree char *sub = path_child (path, required[i]);

      if ((message = check_kind (json_object_get_member (object, required[i]), sub, KIND_STRING)) != NULL)
        return message;
    }

  return NULL;
}

static char *
check_item (JsonNode   *node,
            const char *path)
{
  static const char * const required[] = { "domain", NULL };
  g_autofree char *sub = NULL;
  JsonObject *object;
  JsonNode *member;
  char *message;

  if ((message = check_object (node, path, required, &object)) != NULL)
    return message;

  sub = path_child (path, "domain");
  if ((message = check_kind (json_object_get_member (object, "domain"), sub, KIND_STRING)) != NULL)
    return message;

  if ((member = json_object_get_member (object, "email_provider")) != NULL)
    {
      g_free (sub);
      sub = path_child (path, "email_provider");
      if ((message = check_kind (member, sub, KIND_NUMBER)) != NULL)
        return message;
      if (!tree_number_equals (member, 1) &&
          !tree_number_equals (member, 2) &&
          !tree_number_equals (member, 3))
        return g_strdup_printf ("%s must be equal to one of the allowed values", sub);
    }

  if ((member = json_object_get_member (object, "forwarding_domain")) != NULL)
    {
      g_free (sub);
      sub = path_child (path, "forwarding_domain");
      if ((message = check_kind (member, sub, KIND_STRING)) != NULL)
        return message;
    }

  if ((member = json_object_get_member (object, "accounts")) != NULL)
    {
      JsonArray *accounts;

      g_free (sub);
      sub = path_child (path, "accounts");
      if ((message = check_kind (member, sub, KIND_ARRAY)) != NULL)
        return message;

      accounts = json_node_get_array (member);
      if ((message = check_bounds (accounts, sub, 0, 100)) != NULL ||
          (message = check_each (accounts, sub, check_account)) != NULL)
        return message;
    }

  return NULL;
}

char *
mr_sim_tree_check_place_order (JsonNode *body)
{
  static const char * const required[] = { "items", "order_type", NULL };
  static const char * const order_types[] = { "dfy", "pre_warmed_up", "extra_accounts", NULL };
  JsonObject *object;
  JsonNode *member;
  char *message;

  if ((message = check_object (body, "body", required, &object)) != NULL)
    return message;

  member = json_object_get_member (object, "items");
  if ((message = check_kind (member, "body/items", KIND_ARRAY)) != NULL ||
      (message = check_each (json_node_get_array (member), "body/items", check_item)) != NULL)
    return message;

  member = json_object_get_member (object, "order_type");
  if ((message = check_string_enum (member, "body/order_type", order_types)) != NULL)
    return message;

  if ((member = json_object_get_member (object, "simulation")) != NULL &&
      (message = check_kind (member, "body/simulation", KIND_BOOLEAN)) != NULL)
    return message;

  return NULL;
}

char *
mr_sim_tree_check_similar (JsonNode *body)
{
  static const char * const required[] = { "domain", NULL };
  static const char * const tlds[] = { "com", "org", NULL };
  JsonObject *object;
  JsonNode *member;
  char *message;

  if ((message = check_object (body, "body", required, &object)) != NULL)
    return message;

  if ((message = check_kind (json_object_get_member (object, "domain"), "body/domain", KIND_STRING)) != NULL)
    return message;

  if ((member = json_object_get_member (object, "tlds")) != NULL)
    return check_string_array (member, "body/tlds", 0, 0, tlds);

  return NULL;
}

/* A body that is { @member: [strings] } */
static char *
check_string_list_body (JsonNode   *body,
                        const char *member,
                        guint       min_items,
                        guint       max_items)
{
  const char * const required[] = { member, NULL };
  g_autofree char *path = path_child ("body", member);
  JsonObject *object;
  char *message;

  if ((message = check_object (body, "body", required, &object)) != NULL)
    return message;

  return check_string_array (json_object_get_member (object, member), path, min_items, max_items, NULL);
}

char *
mr_sim_tree_check_domains (JsonNode *body)
{
  return check_string_list_body (body, "domains", 0, 50);
}

char *
mr_sim_tree_check_prewarmed (JsonNode *body)
{
  static const char * const extensions[] = { "com", "org", "co", NULL };
  JsonObject *object;
  JsonNode *member;
  char *message;

  if (body == NULL || JSON_NODE_HOLDS_NULL (body))
    return NULL;

  if ((message = check_kind (body, "body", KIND_OBJECT)) != NULL)
    return message;

  object = json_node_get_object (body);
  if ((member = json_object_get_member (object, "extensions")) != NULL &&
      (message = check_string_array (member, "body/extensions", 0, 0, extensions)) != NULL)
    return message;

  if ((member = json_object_get_member (object, "search")) != NULL &&
      (message = check_kind (member, "body/search", KIND_STRING)) != NULL)
    return message;

  return NULL;
}

char *
mr_sim_tree_check_cancel (JsonNode *body)
{
  return check_string_list_body (body, "accounts", 1, 0);
}


static const char * const restricted_keywords[] = {
  "google", "gmail", "microsoft", "outlook", "hotmail", "apple", "amazon",
  "paypal", "equifax", "instantly", "facebook", "instagram", "whatsapp",
  "linkedin", "youtube", "netflix", "yahoo", "stripe", "mastercard",
};

gboolean
mr_sim_tree_is_valid_name (const char *domain)
{
  g_auto(GStrv) labels = NULL;
  guint n;

  if (domain == NULL || *domain == '\0' || strlen (domain) > 253)
    return FALSE;

  labels = g_strsplit (domain, ".", -1);
  n = g_strv_length (labels);
  if (n < 2)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);

      if (len == 0 || len > 63 || label[0] == '-' || label[len - 1] == '-')
        return FALSE;

      for (gsize j = 0; j < len; j++)
        {
          char c = label[j];

          if (!g_ascii_isalnum (c) && c != '-')
            return FALSE;
          if (i == n - 1 && !g_ascii_isalpha (c))
            return FALSE;
        }
    }

  return strlen (labels[n - 1]) >= 2;
}

const char *
mr_sim_tree_restricted_keyword (const char *domain)
{
  GString *squashed = g_string_new (NULL);
  const char *dot = strrchr (domain, '.');
  const char *end = dot != NULL ? dot : domain + strlen (domain);
  const char *found = NULL;

  for (const char *p = domain; p < end; p++)
    if (*p != '-')
      g_string_append_c (squashed, g_ascii_tolower (*p));

  for (guint i = 0; i < G_N_ELEMENTS (restricted_keywords); i++)
    {
      if (strstr (squashed->str, restricted_keywords[i]) != NULL)
        {
          found = restricted_keywords[i];
          break;
        }
    }

  g_string_free (squashed, TRUE);

  return found;
}

/* The quote as mr_sim_quote_new() read it from a JsonObject (read_item()
 * and the loop around it), handing each value to the quote's builder */
MrSimQuote *
mr_sim_tree_quote_new (JsonObject         *request,
                       MrSimState         *state,
                       const MrSimPricing *pricing,
                       const char         *workspace_id)
{
  const char *order_type = json_object_get_string_member (request, "order_type");
  JsonArray *items = json_object_get_array_member (request, "items");
  MrSimQuote *self = mr_sim_quote_begin (order_type);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *object = json_array_get_object_element (items, i);
      const char *forwarding = json_object_get_string_member_with_default (object, "forwarding_domain", NULL);
      JsonNode *provider = json_object_get_member (object, "email_provider");
      JsonNode *accounts_node = json_object_get_member (object, "accounts");
      JsonArray *accounts = accounts_node != NULL && JSON_NODE_HOLDS_ARRAY (accounts_node)
                            ? json_node_get_array (accounts_node) : NULL;

      mr_sim_quote_add_item (self, json_object_get_string_member (object, "domain"), forwarding,
                             provider != NULL ? (int) json_node_get_double (provider) : 0);

      for (guint j = 0; accounts != NULL && j < json_array_get_length (accounts); j++)
        {
          JsonObject *a = json_array_get_object_element (accounts, j);
          g_autofree char *prefix = g_strdup (json_object_get_string_member (a, "email_address_prefix"));

          /* stripped as the old reader did; the quote keeps pointing into
           * the tree, so the stripped prefix goes back into it */
          json_object_set_string_member (a, "email_address_prefix", g_strstrip (prefix));
          mr_sim_quote_add_account (self, json_object_get_string_member (a, "email_address_prefix"),
                                    json_object_get_string_member (a, "first_name"),
                                    json_object_get_string_member (a, "last_name"));
        }
    }

  mr_sim_quote_finish (self, state, pricing, workspace_id);

  return self;
}

char *
mr_sim_tree_normalize (const char *domain)
{
  g_autofree char *copy = g_strdup (domain != NULL ? domain : "");

  g_strstrip (copy);

  return g_ascii_strdown (copy, -1);
}
