/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-sim"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mr-sim-request.h"

typedef enum
{
  KIND_OBJECT,
  KIND_ARRAY,
  KIND_STRING,
  KIND_NUMBER,
  KIND_BOOLEAN,
} Kind;

/* Where a value sits ("body/items/0/domain"), as a chain on the stack:
 * written out only when a message names it */
typedef struct _Path Path;

struct _Path
{
  const Path *parent;
  const char *name;   /* NULL: an array element */
  guint       index;
};

static const char * const kind_names[] = { "object", "array", "string", "number", "boolean" };

static void
path_append (GString    *out,
             const Path *path)
{
  if (path->parent != NULL)
    {
      path_append (out, path->parent);
      g_string_append_c (out, '/');
    }

  if (path->name != NULL)
    g_string_append (out, path->name);
  else
    g_string_append_printf (out, "%u", path->index);
}

/* "PATH must ...", or "PATH must ... 'NAME'" */
static char *
path_message (const Path *path,
              const char *text,
              const char *quoted)
{
  GString *out = g_string_sized_new (64);

  path_append (out, path);
  g_string_append (out, text);
  if (quoted != NULL)
    {
      g_string_append_c (out, '\'');
      g_string_append (out, quoted);
      g_string_append_c (out, '\'');
    }

  return g_string_free (out, FALSE);
}

/* "PATH must NOT have @bound than COUNT items" */
static char *
path_count_message (const Path *path,
                    const char *bound,
                    guint       count)
{
  GString *out = g_string_sized_new (64);

  path_append (out, path);
  g_string_append_printf (out, " must NOT have %s than %u items", bound, count);

  return g_string_free (out, FALSE);
}

G_ALWAYS_INLINE static inline gboolean
is_kind (const MrJsonValue *value,
         Kind               kind)
{
  switch (kind)
    {
    case KIND_OBJECT:
      return value->kind == MR_JSON_OBJECT;
    case KIND_ARRAY:
      return value->kind == MR_JSON_ARRAY;
    case KIND_STRING:
      return value->kind == MR_JSON_STRING;
    case KIND_BOOLEAN:
      return value->kind == MR_JSON_BOOLEAN;
    case KIND_NUMBER:
    default:
      return value->kind == MR_JSON_INT || value->kind == MR_JSON_DOUBLE;
    }
}

static char *
kind_message (const Path *path,
              Kind        kind)
{
  g_autofree char *text = g_strconcat (" must be ", kind_names[kind], NULL);

  return path_message (path, text, NULL);
}

/* run for nearly every value of a request: the check inlined, the
 * message made apart */
G_ALWAYS_INLINE static inline char *
check_kind (const MrJsonValue *value,
            const Path        *path,
            Kind               kind)
{
  if (G_UNLIKELY (value == NULL || !is_kind (value, kind)))
    return kind_message (path, kind);

  return NULL;
}

/* An object with every member named in @required */
static char *
check_object (const MrJsonValue  *value,
              const Path         *path,
              const char * const *required)
{
  char *message;

  if ((message = check_kind (value, path, KIND_OBJECT)) != NULL)
    return message;

  for (guint i = 0; required[i] != NULL; i++)
    if (mr_json_value_get_member (value, required[i]) == NULL)
      return path_message (path, " must have required property ", required[i]);

  return NULL;
}

static char *
check_bounds (const MrJsonValue *array,
              const Path        *path,
              guint              min_items,
              guint              max_items)
{
  guint n = array->length;

  if (max_items > 0 && n > max_items)
    return path_count_message (path, "more", max_items);
  if (n < min_items)
    return path_count_message (path, "fewer", min_items);

  return NULL;
}

static gboolean
one_of (const char         *value,
        const char * const *values)
{
  for (guint i = 0; values[i] != NULL; i++)
    if (strcmp (value, values[i]) == 0)
      return TRUE;

  return FALSE;
}

static char *
check_string_enum (const MrJsonValue  *value,
                   const Path         *path,
                   const char * const *values)
{
  char *message = check_kind (value, path, KIND_STRING);

  if (message != NULL)
    return message;

  if (values != NULL && !one_of (value->string, values))
    return path_message (path, " must be equal to one of the allowed values", NULL);

  return NULL;
}

gboolean
mr_sim_request_number_equals (const MrJsonValue *value,
                              gint64             number)
{
  if (value == NULL || !is_kind (value, KIND_NUMBER))
    return FALSE;

  return mr_json_value_get_double (value) == (double) number;
}

const char *
mr_sim_request_get_string (const MrJsonValue *object,
                           const char        *name)
{
  const MrJsonValue *member = mr_json_value_get_member (object, name);

  return member != NULL && member->kind == MR_JSON_STRING ? member->string : NULL;
}

const MrJsonValue *
mr_sim_request_get_array (const MrJsonValue *object,
                          const char        *name)
{
  const MrJsonValue *member = mr_json_value_get_member (object, name);

  return member != NULL && member->kind == MR_JSON_ARRAY ? member : NULL;
}

/* An array whose items are strings, optionally from @values */
static char *
check_string_array (const MrJsonValue  *value,
                    const Path         *path,
                    guint               min_items,
                    guint               max_items,
                    const char * const *values)
{
  char *message;

  if ((message = check_kind (value, path, KIND_ARRAY)) != NULL ||
      (message = check_bounds (value, path, min_items, max_items)) != NULL)
    return message;

  for (guint i = 0; i < value->length; i++)
    {
      Path item_path = { path, NULL, i };

      if ((message = check_string_enum (&value->elements[i], &item_path, values)) != NULL)
        return message;
    }

  return NULL;
}

/* Run for every mailbox: its members are gone through once. @names holds
 * the member names matched so far: a document keeps a repeated name once,
 * so the next mailboxes' names are mostly the very same strings. */
static char *
check_account (const MrJsonValue *value,
               const Path        *path,
               const char       **names)
{
  static const char * const required[] = { "email_address_prefix", "first_name", "last_name" };
  const MrJsonValue *members[G_N_ELEMENTS (required)];
  char *message;

  if ((message = check_kind (value, path, KIND_OBJECT)) != NULL)
    return message;

  /* one pass over the members (a document's names are unique), told
   * apart by their first letters before the names are compared */
  memset (members, 0, sizeof members);
  for (guint k = 0; k < value->length; k++)
    {
      const MrJsonMember *member = &value->members[k];
      guint which;

      switch (member->name[0])
        {
        case 'e':
          which = 0;
          break;
        case 'f':
          which = 1;
          break;
        case 'l':
          which = 2;
          break;
        default:
          continue;
        }
      if (member->name == names[which] || strcmp (member->name, required[which]) == 0)
        {
          names[which] = member->name;
          members[which] = &member->value;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (members[i] == NULL)
      return path_message (path, " must have required property ", required[i]);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (members[i]->kind != MR_JSON_STRING)
      {
        Path sub = { path, required[i], 0 };

        return check_kind (members[i], &sub, KIND_STRING);
      }

  return NULL;
}

static char *
check_item (const MrJsonValue *value,
            const Path        *path)
{
  const MrJsonValue *member;
  char *message;

  if ((message = check_kind (value, path, KIND_OBJECT)) != NULL)
    return message;

  if ((member = mr_json_value_get_member (value, "domain")) == NULL)
    return path_message (path, " must have required property ", "domain");
  if (member->kind != MR_JSON_STRING)
    {
      Path sub = { path, "domain", 0 };

      return check_kind (member, &sub, KIND_STRING);
    }

  if ((member = mr_json_value_get_member (value, "email_provider")) != NULL)
    {
      Path sub = { path, "email_provider", 0 };

      if ((message = check_kind (member, &sub, KIND_NUMBER)) != NULL)
        return message;
      if (!mr_sim_request_number_equals (member, 1) &&
          !mr_sim_request_number_equals (member, 2) &&
          !mr_sim_request_number_equals (member, 3))
        return path_message (&sub, " must be equal to one of the allowed values", NULL);
    }

  if ((member = mr_json_value_get_member (value, "forwarding_domain")) != NULL)
    {
      Path sub = { path, "forwarding_domain", 0 };

      if ((message = check_kind (member, &sub, KIND_STRING)) != NULL)
        return message;
    }

  if ((member = mr_json_value_get_member (value, "accounts")) != NULL)
    {
      Path sub = { path, "accounts", 0 };
      const char *names[3] = { NULL, NULL, NULL };   /* as matched */

      if ((message = check_kind (member, &sub, KIND_ARRAY)) != NULL ||
          (message = check_bounds (member, &sub, 0, 100)) != NULL)
        return message;

      for (guint i = 0; i < member->length; i++)
        {
          Path account_path = { &sub, NULL, i };

          if ((message = check_account (&member->elements[i], &account_path, names)) != NULL)
            return message;
        }
    }

  return NULL;
}

char *
mr_sim_request_check_place_order (const MrJsonValue *body)
{
  static const char * const required[] = { "items", "order_type", NULL };
  static const char * const order_types[] = { "dfy", "pre_warmed_up", "extra_accounts", NULL };
  const Path path = { NULL, "body", 0 };
  const Path items_path = { &path, "items", 0 };
  const Path type_path = { &path, "order_type", 0 };
  const Path simulation_path = { &path, "simulation", 0 };
  const MrJsonValue *member;
  char *message;

  if ((message = check_object (body, &path, required)) != NULL)
    return message;

  member = mr_json_value_get_member (body, "items");
  if ((message = check_kind (member, &items_path, KIND_ARRAY)) != NULL)
    return message;
  for (guint i = 0; i < member->length; i++)
    {
      Path item_path = { &items_path, NULL, i };

      if ((message = check_item (&member->elements[i], &item_path)) != NULL)
        return message;
    }

  member = mr_json_value_get_member (body, "order_type");
  if ((message = check_string_enum (member, &type_path, order_types)) != NULL)
    return message;

  if ((member = mr_json_value_get_member (body, "simulation")) != NULL &&
      (message = check_kind (member, &simulation_path, KIND_BOOLEAN)) != NULL)
    return message;

  return NULL;
}

char *
mr_sim_request_check_similar (const MrJsonValue *body)
{
  static const char * const required[] = { "domain", NULL };
  static const char * const tlds[] = { "com", "org", NULL };
  const Path path = { NULL, "body", 0 };
  const Path domain_path = { &path, "domain", 0 };
  const Path tlds_path = { &path, "tlds", 0 };
  const MrJsonValue *member;
  char *message;

  if ((message = check_object (body, &path, required)) != NULL)
    return message;

  if ((message = check_kind (mr_json_value_get_member (body, "domain"), &domain_path,
                             KIND_STRING)) != NULL)
    return message;

  if ((member = mr_json_value_get_member (body, "tlds")) != NULL)
    return check_string_array (member, &tlds_path, 0, 0, tlds);

  return NULL;
}

/* A body that is { @member: [strings] } */
static char *
check_string_list_body (const MrJsonValue *body,
                        const char        *member,
                        guint              min_items,
                        guint              max_items)
{
  const char * const required[] = { member, NULL };
  const Path path = { NULL, "body", 0 };
  const Path member_path = { &path, member, 0 };
  char *message;

  if ((message = check_object (body, &path, required)) != NULL)
    return message;

  return check_string_array (mr_json_value_get_member (body, member), &member_path,
                             min_items, max_items, NULL);
}

char *
mr_sim_request_check_domains (const MrJsonValue *body)
{
  return check_string_list_body (body, "domains", 0, 50);
}

char *
mr_sim_request_check_prewarmed (const MrJsonValue *body)
{
  static const char * const extensions[] = { "com", "org", "co", NULL };
  const Path path = { NULL, "body", 0 };
  const Path extensions_path = { &path, "extensions", 0 };
  const Path search_path = { &path, "search", 0 };
  const MrJsonValue *member;
  char *message;

  if (body == NULL || body->kind == MR_JSON_NULL)
    return NULL;

  if ((message = check_kind (body, &path, KIND_OBJECT)) != NULL)
    return message;

  if ((member = mr_json_value_get_member (body, "extensions")) != NULL &&
      (message = check_string_array (member, &extensions_path, 0, 0, extensions)) != NULL)
    return message;

  if ((member = mr_json_value_get_member (body, "search")) != NULL &&
      (message = check_kind (member, &search_path, KIND_STRING)) != NULL)
    return message;

  return NULL;
}

char *
mr_sim_request_check_cancel (const MrJsonValue *body)
{
  return check_string_list_body (body, "accounts", 1, 0);
}

char *
mr_sim_request_check_query (GHashTable *query,
                            gboolean    allow_passwords,
                            guint       default_limit,
                            guint      *limit,
                            gboolean   *with_passwords)
{
  const char *value;

  *limit = default_limit;
  *with_passwords = FALSE;

  if (query == NULL)
    return NULL;

  /* Query strings are coerced, as AJV does with coerceTypes. */
  value = g_hash_table_lookup (query, "limit");
  if (value != NULL)
    {
      char *end = NULL;
      double d = g_ascii_strtod (value, &end);

      if (*value == '\0' || end == NULL || *end != '\0' || d != floor (d) || !isfinite (d))
        return g_strdup ("querystring/limit must be integer");
      if (d < 1)
        return g_strdup ("querystring/limit must be >= 1");
      if (d > 100)
        return g_strdup ("querystring/limit must be <= 100");
      *limit = (guint) d;
    }

  value = g_hash_table_lookup (query, "with_passwords");
  if (allow_passwords && value != NULL)
    {
      if (g_str_equal (value, "true"))
        *with_passwords = TRUE;
      else if (!g_str_equal (value, "false"))
        return g_strdup ("querystring/with_passwords must be boolean");
    }

  return NULL;
}
