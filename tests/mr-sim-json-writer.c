/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "mr-sim-json-private.h"
#include "mr-sim-json-writer.h"

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

/* [,]@head@value, @value between quotes when @quoted: how most of a
 * reply goes out */
static void
put (MrSimJsonWriter *writer,
     const char      *head,
     gsize            head_length,
     const char      *value,
     gsize            value_length,
     gboolean         quoted)
{
  before_value (writer);
  mr_sim_json_put_pieces (writer->out, head, head_length, value, value_length, quoted);
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
  mr_sim_json_write_string (writer->out, name);
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
    mr_sim_json_put (writer->out, "null", 4);
  else
    mr_sim_json_write_string (writer->out, value);
}

void
mr_sim_json_writer_int (MrSimJsonWriter *writer,
                        gint64           value)
{
  before_value (writer);
  mr_sim_json_put_int (writer->out, "", 0, value);
}

void
mr_sim_json_writer_boolean (MrSimJsonWriter *writer,
                            gboolean         value)
{
  before_value (writer);
  if (value)
    mr_sim_json_put (writer->out, "true", 4);
  else
    mr_sim_json_put (writer->out, "false", 5);
}

void
mr_sim_json_writer_null (MrSimJsonWriter *writer)
{
  before_value (writer);
  mr_sim_json_put (writer->out, "null", 4);
}

void
mr_sim_json_writer_money (MrSimJsonWriter *writer,
                          gint64           cents)
{
  before_value (writer);
  mr_sim_json_put_money (writer->out, "", 0, cents);
}

void
mr_sim_json_writer_raw_name_string (MrSimJsonWriter *writer,
                                    const char      *name,
                                    gsize            name_length,
                                    const char      *value)
{
  gssize length = value != NULL ? mr_sim_json_plain_length (value) : -1;

  if (length >= 0)
    {
      put (writer, name, name_length, value, length, TRUE);
      return;
    }

  before_value (writer);
  mr_sim_json_put (writer->out, name, name_length);
  if (value == NULL)
    mr_sim_json_put (writer->out, "null", 4);
  else
    mr_sim_json_write_string (writer->out, value);
}

void
mr_sim_json_writer_raw_name_money (MrSimJsonWriter *writer,
                                   const char      *name,
                                   gsize            name_length,
                                   gint64           cents)
{
  char buf[32];
  char *p = mr_sim_json_format_money (buf, sizeof buf, cents);

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
