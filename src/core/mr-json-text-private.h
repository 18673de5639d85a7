/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Request bodies written straight into a GString, byte for byte what
 * JsonBuilder + JsonGenerator (compact) would write, without building a
 * tree of nodes first: an order of 1,000 × 5 is 20,000 of them. */

/* @value as a JSON string, escaped as JsonGenerator escapes it (but
 * U+001F too, which JSON requires and json-glib 1.6 forgets) */
void _mr_json_text_string     (GString    *out,
                               const char *value);
void _mr_json_text_string_len (GString    *out,
                               const char *value,
                               gsize       length);
/* without the leading and trailing white space g_strstrip() drops */
void _mr_json_text_stripped   (GString    *out,
                               const char *value);
/* "name": */
void _mr_json_text_member     (GString    *out,
                               const char *name);
void _mr_json_text_int        (GString    *out,
                               gint64      value);

/* {"name":"value",...} for @n string members (n <= 8) in one step, when
 * no value (stripped first when @strip) has anything to escape: TRUE.
 * Otherwise FALSE, and @out is as it was. @members are the names written
 * out with their quotes and colon, @member_lens their lengths. */
gboolean _mr_json_text_plain_object (GString            *out,
                                     const char * const *members,
                                     const gsize        *member_lens,
                                     const char * const *values,
                                     guint               n,
                                     gboolean            strip);

/* A domain as requests send it: normalised (mr_domain_name_normalize()),
 * or, when it cannot be, lowercased and trimmed, so that the server
 * reports it by name. NULL is "". */
char    *_mr_json_text_request_domain (const char *text);

G_END_DECLS
