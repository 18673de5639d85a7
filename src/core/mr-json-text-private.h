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

G_END_DECLS
