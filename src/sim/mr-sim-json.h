/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Writes JSON text straight into a string, with no tree of nodes: how
 * replies are built. Members and values are written in call order; commas
 * are placed by the writer. */
typedef struct
{
  GString  *out;
  guint     depth;
  guint64   has_items;   /* bit n: the container at depth n has a member */
  gboolean  after_name;
} MrSimJsonWriter;

void      mr_sim_json_writer_init         (MrSimJsonWriter *writer,
                                           gsize            reserve);
/* The text; the writer is empty afterwards */
char     *mr_sim_json_writer_finish       (MrSimJsonWriter *writer,
                                           gsize           *length);
void      mr_sim_json_writer_begin_object (MrSimJsonWriter *writer);
void      mr_sim_json_writer_end_object   (MrSimJsonWriter *writer);
void      mr_sim_json_writer_begin_array  (MrSimJsonWriter *writer);
void      mr_sim_json_writer_end_array    (MrSimJsonWriter *writer);
void      mr_sim_json_writer_name         (MrSimJsonWriter *writer,
                                           const char      *name);
/* "name": for a string literal @name that needs no escaping, written in
 * one piece (replies name about a hundred members) */
#define mr_sim_json_writer_member(writer, name) \
  mr_sim_json_writer_raw_name ((writer), "\"" name "\":", sizeof ("\"" name "\":") - 1)
void      mr_sim_json_writer_raw_name     (MrSimJsonWriter *writer,
                                           const char      *text,
                                           gsize            length);
/* "name":value in one call, @name a string literal as above */
#define mr_sim_json_writer_member_string(writer, name, value) \
  mr_sim_json_writer_raw_name_string ((writer), "\"" name "\":", sizeof ("\"" name "\":") - 1, (value))
#define mr_sim_json_writer_member_money(writer, name, cents) \
  mr_sim_json_writer_raw_name_money ((writer), "\"" name "\":", sizeof ("\"" name "\":") - 1, (cents))
/* "name":JSON for a literal @json value, such as [] or null */
#define mr_sim_json_writer_member_json(writer, name, json) \
  mr_sim_json_writer_raw_member ((writer), "\"" name "\":" json, sizeof ("\"" name "\":" json) - 1)
void      mr_sim_json_writer_raw_name_string (MrSimJsonWriter *writer,
                                              const char      *name,
                                              gsize            name_length,
                                              const char      *value);
void      mr_sim_json_writer_raw_name_money  (MrSimJsonWriter *writer,
                                              const char      *name,
                                              gsize            name_length,
                                              gint64           cents);
void      mr_sim_json_writer_raw_member      (MrSimJsonWriter *writer,
                                              const char      *text,
                                              gsize            length);
/* NULL writes null */
void      mr_sim_json_writer_string       (MrSimJsonWriter *writer,
                                           const char      *value);
void      mr_sim_json_writer_int          (MrSimJsonWriter *writer,
                                           gint64           value);
void      mr_sim_json_writer_boolean      (MrSimJsonWriter *writer,
                                           gboolean         value);
void      mr_sim_json_writer_null         (MrSimJsonWriter *writer);
/* money in cents as a JSON number in dollars: an integer when whole,
 * else a number with two decimals */
void      mr_sim_json_writer_money        (MrSimJsonWriter *writer,
                                           gint64           cents);
/* [strings...]; NULL writes [] */
void      mr_sim_json_writer_strings      (MrSimJsonWriter *writer,
                                           GPtrArray       *strings);
/* "member": [strings...] */
void      mr_sim_json_writer_strv         (MrSimJsonWriter *writer,
                                           const char      *member,
                                           GPtrArray       *strings);

/* Writing a reply of a fixed shape (the quote): the caller's literals
 * hold the punctuation and member names (",\"total_price\":"), so no
 * comma or nesting is tracked. Each call appends @head, then a value. */
G_ALWAYS_INLINE static inline void
mr_sim_json_put (GString    *out,
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
#define mr_sim_json_put_literal(out, text) \
  mr_sim_json_put ((out), "" text, sizeof (text) - 1)
/* @head and @value as a JSON string; NULL writes null */
void      mr_sim_json_put_string  (GString     *out,
                                   const char  *head,
                                   gsize        head_length,
                                   const char  *value);
/* @head and @cents as a JSON number in dollars, as
 * mr_sim_json_writer_money() writes them */
void      mr_sim_json_put_money   (GString     *out,
                                   const char  *head,
                                   gsize        head_length,
                                   gint64       cents);
void      mr_sim_json_put_int     (GString     *out,
                                   const char  *head,
                                   gsize        head_length,
                                   gint64       value);
/* the same with @head a string literal */
#define mr_sim_json_put_literal_string(out, head, value) \
  mr_sim_json_put_string ((out), "" head, sizeof (head) - 1, (value))
#define mr_sim_json_put_literal_money(out, head, cents) \
  mr_sim_json_put_money ((out), "" head, sizeof (head) - 1, (cents))
#define mr_sim_json_put_literal_int(out, head, value) \
  mr_sim_json_put_int ((out), "" head, sizeof (head) - 1, (value))

/* Serialises @node compactly. Unlike JsonGenerator it writes doubles
 * with two decimals, so money reads "12.5" as "12.50", never
 * "12.5000000000001". */
char     *mr_sim_json_to_string   (JsonNode    *node,
                                   gsize       *length);
void      mr_sim_json_add_strv    (JsonBuilder *builder,
                                   const char  *member,
                                   GPtrArray   *strings);
/* The member when it is an object (array), else NULL; json-glib 1.6 has
 * no _with_default getters for these. */
JsonObject *mr_sim_json_get_object (JsonObject  *object,
                                    const char  *member);
JsonArray  *mr_sim_json_get_array  (JsonObject  *object,
                                    const char  *member);
/* "2026-03-05T23:09:47.406Z" */
char     *mr_sim_json_timestamp   (gint64       real_time_us);
gint64    mr_sim_json_parse_timestamp (const char *text);

G_END_DECLS
