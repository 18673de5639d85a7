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

typedef enum
{
  MR_JSON_NULL,
  MR_JSON_BOOLEAN,
  MR_JSON_INT,
  MR_JSON_DOUBLE,
  MR_JSON_STRING,
  MR_JSON_ARRAY,
  MR_JSON_OBJECT,
} MrJsonKind;

typedef struct _MrJsonValue  MrJsonValue;
typedef struct _MrJsonMember MrJsonMember;

/* A value of an MrJsonDoc: read-only, and alive as long as its document */
struct _MrJsonValue
{
  MrJsonKind  kind;
  guint32     length;   /* elements, members, or the string's bytes */
  union {
    gboolean             boolean;
    gint64               integer;
    double               number;
    const char          *string;    /* valid UTF-8, NUL-terminated */
    const MrJsonValue   *elements;
    const MrJsonMember  *members;   /* in first-seen order, names unique */
  };
};

struct _MrJsonMember
{
  const char  *name;
  MrJsonValue  value;
};

typedef struct _MrJsonDoc MrJsonDoc;

/* Reads the JSON text @data[0 .. @size) in one pass into a document of
 * plain structs in a few large blocks, with these rules applied on the
 * way:
 *
 * - arrays and objects nested deeper than @max_depth are refused
 *   (MR_JSON_READER_ERROR_DEPTH);
 * - inside strings, every byte sequence that is not valid UTF-8, every
 *   NUL byte, every \u escape of a lone surrogate or of U+0000, and every
 *   \u with fewer than four hex digits becomes U+FFFD, so every string is
 *   valid UTF-8 and whole; other control characters are kept;
 * - an integer outside the gint64 range is read as a double, and a number
 *   too large for a double (or longer than 512 characters) as ±1e308;
 * - a member named twice keeps its first place and its last value;
 * - after the top-level value only white space may follow
 *   (MR_JSON_READER_ERROR_TRAILING).
 *
 * The syntax is RFC 8259 (a leading UTF-8 byte order mark is skipped);
 * json-glib 1.6's extensions (comments, single quotes, hex and leading
 * zeros, unknown escapes) are refused. A syntax error
 * (MR_JSON_READER_ERROR_SYNTAX) names its line and column and is always
 * valid UTF-8.
 *
 * Returns the document, whose root is NULL when the text is empty or only
 * white space, or NULL with @error. */
MrJsonDoc         *mr_json_doc_read          (const char          *data,
                                              gsize                size,
                                              guint                max_depth,
                                              GError             **error);
const MrJsonValue *mr_json_doc_get_root      (MrJsonDoc           *doc);
void               mr_json_doc_free          (MrJsonDoc           *doc);

/* The member named @name of an object value, or NULL (also when @object
 * is not an object) */
const MrJsonValue *mr_json_value_get_member  (const MrJsonValue   *object,
                                              const char          *name);
/* json-glib's conversions: a number or boolean as a double or integer */
double             mr_json_value_get_double  (const MrJsonValue   *value);
gint64             mr_json_value_get_int     (const MrJsonValue   *value);
/* The same value as a json-glib tree (parents set) */
JsonNode          *mr_json_value_to_node     (const MrJsonValue   *value);

/* mr_json_doc_read() as a json-glib tree, the tree json-glib builds from
 * the same text (value types, member order, parents): TRUE and the tree
 * in *@out_root, or NULL there when the text is empty or white space. */
gboolean           mr_json_read              (const char          *data,
                                              gsize                size,
                                              guint                max_depth,
                                              JsonNode           **out_root,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrJsonDoc, mr_json_doc_free)

G_END_DECLS
