/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MR_JSON_READER_ERROR (mr_json_reader_error_quark ())

typedef enum
{
  MR_JSON_READER_ERROR_SYNTAX,
  MR_JSON_READER_ERROR_DEPTH,
  MR_JSON_READER_ERROR_TRAILING,
} MrJsonReaderError;

GQuark   mr_json_reader_error_quark (void);

/* Reads the JSON text @data[0 .. @size) in one pass into a JsonNode tree,
 * the same tree json-glib builds (value types, member order, a repeated
 * member keeping its first place and its last value, parent pointers),
 * with these rules applied on the way:
 *
 * - arrays and objects nested deeper than @max_depth are refused
 *   (MR_JSON_READER_ERROR_DEPTH);
 * - inside strings, every byte sequence that is not valid UTF-8, every
 *   NUL byte, every \u escape of a lone surrogate or of U+0000, and every
 *   \u with fewer than four hex digits becomes U+FFFD, so every string in
 *   the tree is valid UTF-8 and whole; other control characters are kept;
 * - an integer outside the gint64 range is read as a double, and a number
 *   too large for a double (or longer than 512 characters) as ±1e308;
 * - after the top-level value only white space may follow
 *   (MR_JSON_READER_ERROR_TRAILING).
 *
 * The syntax is RFC 8259 (a leading UTF-8 byte order mark is skipped);
 * json-glib 1.6's extensions (comments, single quotes, hex and leading
 * zeros, unknown escapes) are refused. A syntax error
 * (MR_JSON_READER_ERROR_SYNTAX) names its line and column and is always
 * valid UTF-8.
 *
 * Returns TRUE and the tree in *@out_root, or NULL there when the text is
 * empty or only white space. */
gboolean mr_json_read               (const char  *data,
                                     gsize        size,
                                     guint        max_depth,
                                     JsonNode   **out_root,
                                     GError     **error);

G_END_DECLS
