/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MR_JSON_DIFFER_BOTH_REFUSE,     /* neither reads it */
  MR_JSON_DIFFER_SAME,            /* both read the same tree (or both: empty) */
  MR_JSON_DIFFER_EXTENSION,       /* only json-glib reads it: not RFC 8259 */
} MrJsonDifferVerdict;

/* Reads @data with mr_json_read() and with the path it replaces
 * (mr_json_guard() then json-glib's parser), and aborts, saying why, on
 * any difference that is not allowed:
 *
 * - mr_json_read() accepts exactly what an independent recognizer of
 *   RFC 8259 (plus a leading BOM, the guard's string repairs and depth
 *   64) accepts;
 * - whenever it accepts, the old path accepts too and builds the same
 *   tree: node and value types, numbers to the bit, strings, member
 *   order, parents;
 * - the old path may accept more (json-glib 1.6's extensions: comments,
 *   single quotes, hex, leading zeros, unknown escapes...) only where the
 *   recognizer refuses;
 * - every string read and every error message is valid UTF-8, and a
 *   syntax error names its line and column. */
MrJsonDifferVerdict mr_json_differ_check (const guint8 *data,
                                          gsize         size);

G_END_DECLS
