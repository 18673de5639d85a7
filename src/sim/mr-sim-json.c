/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-sim"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mr-sim-json.h"
#include "mr-sim-json-private.h"

const guint8 mr_sim_json_special[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

void
mr_sim_json_write_string (GString    *out,
                          const char *str)
{
  g_autofree char *valid = NULL;
  const char *run;
  const char *p;

  /* most strings (every member name) are plain ASCII: out in one piece */
  for (p = str; !mr_sim_json_special[(guchar) *p]; p++)
    ;
  if (*p == '\0')
    {
      gsize length = p - str;

      if (G_LIKELY (out->len + length + 2 < out->allocated_len))
        {
          char *at = out->str + out->len;

          at[0] = '"';
          memcpy (at + 1, str, length);
          at[length + 1] = '"';
          at[length + 2] = '\0';
          out->len += length + 2;
        }
      else
        {
          g_string_append_c (out, '"');
          g_string_append_len (out, str, length);
          g_string_append_c (out, '"');
        }
      return;
    }

  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  run = str;
  g_string_append_c (out, '"');
  for (p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape;
      char buf[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      switch (c)
        {
        case '"':
          escape = "\\\"";
          break;
        case '\\':
          escape = "\\\\";
          break;
        case '\n':
          escape = "\\n";
          break;
        case '\r':
          escape = "\\r";
          break;
        case '\t':
          escape = "\\t";
          break;
        default:
          g_snprintf (buf, sizeof buf, "\\u%04x", c);
          escape = buf;
          break;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* The tree as text: a container's commas come from the position of
 * each member or element */
static void
write_node (GString  *out,
            JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      mr_sim_json_put_literal (out, "null");
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            mr_sim_json_write_string (out, name);
            g_string_append_c (out, ':');
            write_node (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          {
            mr_sim_json_write_string (out, json_node_get_string (node));
          }
        else if (type == G_TYPE_BOOLEAN)
          {
            if (json_node_get_boolean (node))
              mr_sim_json_put_literal (out, "true");
            else
              mr_sim_json_put_literal (out, "false");
          }
        else if (type == G_TYPE_INT64)
          {
            mr_sim_json_put_int (out, "", 0, json_node_get_int (node));
          }
        else
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];
            double d = json_node_get_double (node);

            if (d == floor (d) && fabs (d) < 1e15)
              mr_sim_json_put_int (out, "", 0, (gint64) d);
            else
              g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", d));
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
mr_sim_json_to_string (JsonNode *node,
                       gsize    *length)
{
  GString *out = g_string_sized_new (1024);

  write_node (out, node);
  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

void
mr_sim_json_add_strv (JsonBuilder *builder,
                      const char  *member,
                      GPtrArray   *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

char *
mr_sim_json_timestamp (gint64 real_time_us)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *base = NULL;

  dt = g_date_time_new_from_unix_utc (real_time_us / G_USEC_PER_SEC);
  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base,
                          (int) ((real_time_us % G_USEC_PER_SEC) / 1000));
}

gint64
mr_sim_json_parse_timestamp (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || *text == '\0')
    return 0;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return -1;

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

JsonObject *
mr_sim_json_get_object (JsonObject *object,
                        const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
mr_sim_json_get_array (JsonObject *object,
                       const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}
