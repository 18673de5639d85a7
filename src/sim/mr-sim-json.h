/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

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
