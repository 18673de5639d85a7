/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Schema checks of request bodies and query strings, as the real server's
 * AJV (Fastify) does them: the first problem wins, and the message names
 * the field ("body/items/0/email_provider must be equal to one of the
 * allowed values"). Keyword order follows AJV: type, then required and
 * array bounds, then each property in schema order. Each returns NULL when
 * the input is fine, else the message. */

char *mr_sim_request_check_place_order  (JsonNode   *body);
char *mr_sim_request_check_similar      (JsonNode   *body);
char *mr_sim_request_check_domains      (JsonNode   *body);
char *mr_sim_request_check_prewarmed    (JsonNode   *body);   /* body may be NULL */
char *mr_sim_request_check_cancel       (JsonNode   *body);

/* limit (integer 1-100, default @default_limit) and with_passwords (boolean) */
char *mr_sim_request_check_query        (GHashTable *query,
                                         gboolean    allow_passwords,
                                         guint       default_limit,
                                         guint      *limit,
                                         gboolean   *with_passwords);

/* TRUE for a JSON number with no fractional part equal to one of @values */
gboolean mr_sim_request_number_equals   (JsonNode   *node,
                                         gint64      value);

G_END_DECLS
