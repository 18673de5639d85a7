/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes JSON text straight into a string, with no tree of nodes:
 * members and values are written in call order; commas are placed by the
 * writer. The simulator's replies were written this way before the quote
 * had a writer of its own; the tree oracle (mr-sim-tree-oracle.c) still
 * writes its reference quote with it. Strings, integers and money are
 * formatted as the simulator formats them (mr-sim-json-private.h). */
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
 * one piece */
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

G_END_DECLS
