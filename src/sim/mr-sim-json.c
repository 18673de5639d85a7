/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-sim"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mr-sim-json.h"

/* 1 for the bytes a string cannot hold as they are, or that may start
 * invalid UTF-8: controls, the quote, the backslash, and 0x80-0xFF */
static const guint8 special[256] = {
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

/* The helpers below are inlined in every build (debug builds too): they
 * run a few hundred times a reply. */

/* g_string_append_len() for the short pieces a reply is made of, which
 * nearly always fit in what the string holds already */
G_ALWAYS_INLINE static inline void
append (GString    *out,
        const char *text,
        gsize       length)
{
  if (G_LIKELY (out->len + length < out->allocated_len))
    {
      memcpy (out->str + out->len, text, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    {
      g_string_append_len (out, text, length);
    }
}

/* The length of @str when it can go out between quotes as it is, else -1 */
G_ALWAYS_INLINE static inline gssize
plain_length (const char *str)
{
  const char *p;

  for (p = str; *p != '\0' && !special[(guchar) *p]; p++)
    ;

  return *p == '\0' ? p - str : -1;
}

static void
write_string (GString    *out,
              const char *str)
{
  g_autofree char *valid = NULL;
  const char *run;
  const char *p;

  /* most strings (every member name) are plain ASCII: out in one piece */
  for (p = str; *p != '\0' && !special[(guchar) *p]; p++)
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

  /* a request's lone surrogate escape may have left invalid UTF-8 in a
   * string it echoes: what goes out is always UTF-8 */
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

static void
write_int (GString *out,
           gint64   value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);

  if (value < 0)
    *--p = '-';

  append (out, p, buf + sizeof buf - p);
}

void
mr_sim_json_writer_init (MrSimJsonWriter *writer,
                         gsize            reserve)
{
  writer->out = g_string_sized_new (reserve);
  writer->depth = 0;
  writer->has_items = 0;
  writer->after_name = FALSE;
}

char *
mr_sim_json_writer_finish (MrSimJsonWriter *writer,
                           gsize           *length)
{
  GString *out = g_steal_pointer (&writer->out);

  g_assert (writer->depth == 0);

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/* Notes a value in the current container: TRUE when a comma goes first */
G_ALWAYS_INLINE static inline gboolean
take_comma (MrSimJsonWriter *writer)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << writer->depth;
  gboolean comma;

  if (writer->after_name)
    {
      writer->after_name = FALSE;
      return FALSE;
    }

  comma = (writer->has_items & bit) != 0;
  writer->has_items |= bit;

  return comma;
}

G_ALWAYS_INLINE static inline void
before_value (MrSimJsonWriter *writer)
{
  if (take_comma (writer))
    g_string_append_c (writer->out, ',');
}

/* [,]@head@value, @value between quotes when @quoted, written with one
 * check of the room left: how most of a reply goes out */
G_ALWAYS_INLINE static inline void
put (MrSimJsonWriter *writer,
     const char      *head,
     gsize            head_length,
     const char      *value,
     gsize            value_length,
     gboolean         quoted)
{
  GString *out = writer->out;
  gsize need = 1 + head_length + value_length + (quoted ? 2 : 0);
  gsize old_length = out->len;
  char *at;

  if (out->len + need >= out->allocated_len)
    {
      g_string_set_size (out, out->len + need);
      g_string_truncate (out, old_length);
    }

  at = out->str + out->len;
  if (take_comma (writer))
    *at++ = ',';
  memcpy (at, head, head_length);
  at += head_length;
  if (quoted)
    *at++ = '"';
  memcpy (at, value, value_length);
  at += value_length;
  if (quoted)
    *at++ = '"';
  *at = '\0';
  out->len = at - out->str;
}

static void
begin (MrSimJsonWriter *writer,
       char             bracket)
{
  before_value (writer);
  g_string_append_c (writer->out, bracket);
  g_assert (writer->depth < 63);
  writer->depth++;
  writer->has_items &= ~(G_GUINT64_CONSTANT (1) << writer->depth);
}

static void
end (MrSimJsonWriter *writer,
     char             bracket)
{
  g_assert (writer->depth > 0 && !writer->after_name);
  writer->depth--;
  g_string_append_c (writer->out, bracket);
}

void
mr_sim_json_writer_begin_object (MrSimJsonWriter *writer)
{
  begin (writer, '{');
}

void
mr_sim_json_writer_end_object (MrSimJsonWriter *writer)
{
  end (writer, '}');
}

void
mr_sim_json_writer_begin_array (MrSimJsonWriter *writer)
{
  begin (writer, '[');
}

void
mr_sim_json_writer_end_array (MrSimJsonWriter *writer)
{
  end (writer, ']');
}

void
mr_sim_json_writer_name (MrSimJsonWriter *writer,
                         const char      *name)
{
  before_value (writer);
  write_string (writer->out, name);
  g_string_append_c (writer->out, ':');
  writer->after_name = TRUE;
}

void
mr_sim_json_writer_raw_name (MrSimJsonWriter *writer,
                             const char      *text,
                             gsize            length)
{
  put (writer, text, length, "", 0, FALSE);
  writer->after_name = TRUE;
}

void
mr_sim_json_writer_string (MrSimJsonWriter *writer,
                           const char      *value)
{
  before_value (writer);
  if (value == NULL)
    append (writer->out, "null", 4);
  else
    write_string (writer->out, value);
}

void
mr_sim_json_writer_int (MrSimJsonWriter *writer,
                        gint64           value)
{
  before_value (writer);
  write_int (writer->out, value);
}

void
mr_sim_json_writer_boolean (MrSimJsonWriter *writer,
                            gboolean         value)
{
  before_value (writer);
  if (value)
    append (writer->out, "true", 4);
  else
    append (writer->out, "false", 5);
}

void
mr_sim_json_writer_null (MrSimJsonWriter *writer)
{
  before_value (writer);
  append (writer->out, "null", 4);
}

/* @cents as text at the end of @buf, returning where it starts */
G_ALWAYS_INLINE static inline char *
format_money (char   *buf,
              gsize   size,
              gint64  cents)
{
  guint64 magnitude = cents < 0 ? -(guint64) cents : (guint64) cents;
  guint64 whole = magnitude / 100;
  guint fraction = (guint) (magnitude % 100);
  char *p = buf + size;

  /* written backwards: the cents, the dollars, the sign */
  if (fraction != 0)
    {
      *--p = (char) ('0' + fraction % 10);
      *--p = (char) ('0' + fraction / 10);
      *--p = '.';
    }
  do
    {
      *--p = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole > 0);
  if (cents < 0)
    *--p = '-';

  return p;
}

static void
write_money (GString *out,
             gint64   cents)
{
  char buf[32];
  char *p = format_money (buf, sizeof buf, cents);

  append (out, p, buf + sizeof buf - p);
}

void
mr_sim_json_writer_money (MrSimJsonWriter *writer,
                          gint64           cents)
{
  before_value (writer);
  write_money (writer->out, cents);
}

void
mr_sim_json_writer_raw_name_string (MrSimJsonWriter *writer,
                                    const char      *name,
                                    gsize            name_length,
                                    const char      *value)
{
  gssize length = value != NULL ? plain_length (value) : -1;

  if (length >= 0)
    {
      put (writer, name, name_length, value, length, TRUE);
      return;
    }

  before_value (writer);
  append (writer->out, name, name_length);
  if (value == NULL)
    append (writer->out, "null", 4);
  else
    write_string (writer->out, value);
}

void
mr_sim_json_writer_raw_name_money (MrSimJsonWriter *writer,
                                   const char      *name,
                                   gsize            name_length,
                                   gint64           cents)
{
  char buf[32];
  char *p = format_money (buf, sizeof buf, cents);

  put (writer, name, name_length, p, buf + sizeof buf - p, FALSE);
}

void
mr_sim_json_writer_raw_member (MrSimJsonWriter *writer,
                               const char      *text,
                               gsize            length)
{
  put (writer, text, length, "", 0, FALSE);
}

void
mr_sim_json_writer_strings (MrSimJsonWriter *writer,
                            GPtrArray       *strings)
{
  mr_sim_json_writer_begin_array (writer);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    mr_sim_json_writer_string (writer, g_ptr_array_index (strings, i));
  mr_sim_json_writer_end_array (writer);
}

void
mr_sim_json_writer_strv (MrSimJsonWriter *writer,
                         const char      *member,
                         GPtrArray       *strings)
{
  mr_sim_json_writer_name (writer, member);
  mr_sim_json_writer_strings (writer, strings);
}

/* @head and @value_length bytes of @value (between quotes when @quoted)
 * with one check of the room left */
G_ALWAYS_INLINE static inline void
put_pieces (GString    *out,
            const char *head,
            gsize       head_length,
            const char *value,
            gsize       value_length,
            gboolean    quoted)
{
  gsize need = head_length + value_length + (quoted ? 2 : 0);
  char *at;

  if (out->len + need >= out->allocated_len)
    {
      gsize old_length = out->len;

      g_string_set_size (out, out->len + need);
      g_string_truncate (out, old_length);
    }

  at = out->str + out->len;
  memcpy (at, head, head_length);
  at += head_length;
  if (quoted)
    *at++ = '"';
  memcpy (at, value, value_length);
  at += value_length;
  if (quoted)
    *at++ = '"';
  *at = '\0';
  out->len = at - out->str;
}

void
mr_sim_json_put_string (GString    *out,
                        const char *head,
                        gsize       head_length,
                        const char *value)
{
  gssize length = value != NULL ? plain_length (value) : -1;

  if (length >= 0)
    {
      put_pieces (out, head, head_length, value, length, TRUE);
      return;
    }

  append (out, head, head_length);
  if (value == NULL)
    append (out, "null", 4);
  else
    write_string (out, value);
}

void
mr_sim_json_put_money (GString    *out,
                       const char *head,
                       gsize       head_length,
                       gint64      cents)
{
  char buf[32];
  char *p = format_money (buf, sizeof buf, cents);

  put_pieces (out, head, head_length, p, buf + sizeof buf - p, FALSE);
}

void
mr_sim_json_put_int (GString    *out,
                     const char *head,
                     gsize       head_length,
                     gint64      value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';

  put_pieces (out, head, head_length, p, buf + sizeof buf - p, FALSE);
}

static void
write_node (MrSimJsonWriter *writer,
            JsonNode        *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      mr_sim_json_writer_null (writer);
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        mr_sim_json_writer_begin_object (writer);
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            mr_sim_json_writer_name (writer, name);
            write_node (writer, member);
          }
        mr_sim_json_writer_end_object (writer);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        mr_sim_json_writer_begin_array (writer);
        for (guint i = 0; i < n; i++)
          write_node (writer, json_array_get_element (array, i));
        mr_sim_json_writer_end_array (writer);
      }
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          {
            mr_sim_json_writer_string (writer, json_node_get_string (node));
          }
        else if (type == G_TYPE_BOOLEAN)
          {
            mr_sim_json_writer_boolean (writer, json_node_get_boolean (node));
          }
        else if (type == G_TYPE_INT64)
          {
            mr_sim_json_writer_int (writer, json_node_get_int (node));
          }
        else
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];
            double d = json_node_get_double (node);

            before_value (writer);
            if (d == floor (d) && fabs (d) < 1e15)
              write_int (writer->out, (gint64) d);
            else
              g_string_append (writer->out, g_ascii_formatd (buf, sizeof buf, "%.2f", d));
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
  MrSimJsonWriter writer;

  mr_sim_json_writer_init (&writer, 1024);
  write_node (&writer, node);

  return mr_sim_json_writer_finish (&writer, length);
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
