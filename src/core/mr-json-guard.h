/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MR_JSON_MAX_DEPTH 64

/* Looks at JSON text before json-glib parses it, so that what json-glib
 * makes of it is the same on every json-glib version and is safe to use:
 *
 * - arrays and objects nested deeper than @max_depth are refused
 *   (MR_API_ERROR_PARSE), since json-glib's parser recurses once per level;
 * - inside strings, every byte sequence that is not valid UTF-8, every
 *   \u escape of a lone surrogate and every \u0000 becomes U+FFFD (one
 *   rule: replace), so no string read from the result is invalid UTF-8 or
 *   cut short;
 * - an integer literal outside the gint64 range is given a fraction
 *   (".0"), so it is read as the double it is instead of wrapping, and a
 *   number too large for a double reads as ±1e308 instead of infinity.
 *
 * Returns @bytes itself (a new reference) when nothing needed changing,
 * else the rewritten text. Nothing else about the syntax is checked: that
 * is json-glib's job. */
GBytes *mr_json_guard (GBytes  *bytes,
                       guint    max_depth,
                       GError **error);

/* The JSON text of @bytes, guarded as above, re-indented with two spaces:
 * every member, string and number as the server wrote it. An error when
 * it is not JSON. */
char   *mr_json_pretty (GBytes  *bytes,
                        GError **error);

G_END_DECLS
