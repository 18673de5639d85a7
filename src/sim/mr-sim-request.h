/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mr-json-reader.h"

G_BEGIN_DECLS

/* Schema checks of request bodies and query strings, as the real server's
 * AJV (Fastify) does them: the first problem wins, and the message names
 * the field ("body/items/0/email_provider must be equal to one of the
 * allowed values"). Keyword order follows AJV: type, then required and
 * array bounds, then each property in schema order. Each returns NULL when
 * the input is fine, else the message.
 *
 * Bodies are read straight from the reader's document (src/json): nothing
 * is allocated unless there is a message to return. */

char *mr_sim_request_check_place_order  (const MrJsonValue *body);
char *mr_sim_request_check_similar      (const MrJsonValue *body);
char *mr_sim_request_check_domains      (const MrJsonValue *body);
char *mr_sim_request_check_prewarmed    (const MrJsonValue *body);   /* body may be NULL */
char *mr_sim_request_check_cancel       (const MrJsonValue *body);

/* limit (integer 1-100, default @default_limit) and with_passwords (boolean) */
char *mr_sim_request_check_query        (GHashTable        *query,
                                         gboolean           allow_passwords,
                                         guint              default_limit,
                                         guint             *limit,
                                         gboolean          *with_passwords);

/* TRUE for a JSON number with no fractional part equal to @value */
gboolean mr_sim_request_number_equals   (const MrJsonValue *value,
                                         gint64             number);

/* The member @name of @object when it holds a string (array), else NULL */
const char        *mr_sim_request_get_string (const MrJsonValue *object,
                                              const char        *name);
const MrJsonValue *mr_sim_request_get_array  (const MrJsonValue *object,
                                              const char        *name);

G_END_DECLS
