/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mr-json"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "mr-domain-name.h"
#include "mr-error.h"
#include "mr-json.h"
#include "mr-model-private.h"
#include "mr-json-text-private.h"
#include "mr-json-guard.h"
#include "mr-json-reader.h"
#include "mr-money.h"

typedef enum
{
  MEMBER_OPTIONAL  = 0,
  MEMBER_REQUIRED  = 1 << 0,
  MEMBER_NULLABLE  = 1 << 1,  /* null is accepted and reads as absent */
  MEMBER_UNDEFINED = 1 << 2,  /* not in the schema: any type, unusable reads as unknown */
} MemberFlags;

/* Where parsing one reply stands. What the contract requires (members,
 * types) is enforced: a failure is an error in *error. A value the client
 * cannot use (out of range, unreadable) only makes its field unknown, with
 * a warning. Once a readable order_placed: true is seen, nothing is fatal
 * any more: the order was placed, whatever else the reply says. */
typedef struct
{
  GError            **error;
  GPtrArray          *warnings;  /* char*, or NULL: warnings are dropped */
  gboolean            lenient;
  gpointer            data;      /* what the parse fills in, for its element functions */
  /* where the last member was found (see find_member()) */
  const MrJsonValue  *last_object;
  guint               last_index;
} Ctx;

/* Paths, errors and warnings {{{ */

static char *
member_path (const char *path,
             const char *member)
{
  if (path == NULL || path[0] == '\0')
    return g_strdup (member);

  return g_strconcat (path, ".", member, NULL);
}

/* made for every element read, so without printf */
static char *
element_path (const char *path,
              guint       index)
{
  char digits[16];
  char *at = digits + sizeof digits;

  *--at = '\0';
  *--at = ']';
  do
    *--at = '0' + index % 10;
  while ((index /= 10) > 0);
  *--at = '[';

  return g_strconcat (path, at, NULL);
}

static gboolean
set_path_error (GError    **error,
                const char *full_path,
                const char *problem)
{
  /* Translators: "order_items[1].total_price: expected a number" */
  g_set_error (error, MR_API_ERROR, MR_API_ERROR_PARSE, _("%s: %s"), full_path, problem);
  return FALSE;
}

static void
warn (Ctx        *ctx,
      const char *full_path,
      const char *problem)
{
  if (ctx->warnings == NULL)
    return;

  /* Translators: "total_price: the amount is out of range; shown as unknown" */
  g_ptr_array_add (ctx->warnings,
                   g_strdup_printf (_("%s: %s; shown as unknown"), full_path, problem));
}

/* The contract is broken at @full_path: an error, or only a warning once
 * the order is known to be placed. Returns FALSE when parsing must stop. */
static gboolean
broken (Ctx        *ctx,
        const char *full_path,
        const char *problem)
{
  if (ctx->lenient)
    {
      warn (ctx, full_path, problem);
      return TRUE;
    }

  return set_path_error (ctx->error, full_path, problem);
}

static gboolean
broken_member (Ctx        *ctx,
               const char *path,
               const char *member,
               const char *problem)
{
  g_autofree char *full = member_path (path, member);

  return broken (ctx, full, problem);
}

static void
warn_member (Ctx        *ctx,
             const char *path,
             const char *member,
             const char *problem)
{
  g_autofree char *full = member_path (path, member);

  warn (ctx, full, problem);
}

/* }}} */

/* Reading typed members {{{ */

/* mr_json_value_get_member(), trying first the member after the one
 * found last in the same object: members are mostly read in the order
 * the server writes them, and there are thousands of them to read */
static const MrJsonValue *
find_member (Ctx               *ctx,
             const MrJsonValue *object,
             const char        *name)
{
  guint n = object->kind == MR_JSON_OBJECT ? object->length : 0;
  guint next = object == ctx->last_object ? ctx->last_index + 1 : 0;

  if (next < n && strcmp (object->members[next].name, name) == 0)
    {
      ctx->last_object = object;
      ctx->last_index = next;
      return &object->members[next].value;
    }

  for (guint i = 0; i < n; i++)
    if (object->members[i].name[0] == name[0] && strcmp (object->members[i].name, name) == 0)
      {
        ctx->last_object = object;
        ctx->last_index = i;
        return &object->members[i].value;
      }

  return NULL;
}

/* @expected, in lookup_member() and wrong_type(), is an untranslated N_()
 * text, translated only when it is reported: members are read by the
 * thousand, problems are rare. */

/* Finds @member. *out_node is NULL when it is absent, or null and that is
 * allowed (nullable, or optional), or the contract is broken and @ctx is
 * lenient (*out_broken is then TRUE). Returns FALSE when a required
 * member is missing or is null without being nullable. */
static gboolean
lookup_member (Ctx                *ctx,
               const MrJsonValue  *object,
               const char         *path,
               const char         *member,
               MemberFlags         flags,
               const char         *expected,
               const MrJsonValue **out_node,
               gboolean           *out_broken)
{
  const MrJsonValue *node;

  *out_node = NULL;
  *out_broken = FALSE;

  node = find_member (ctx, object, member);

  if (node == NULL)
    {
      if (flags & MEMBER_REQUIRED)
        {
          *out_broken = TRUE;
          return broken_member (ctx, path, member, _("required member is missing"));
        }
      return TRUE;
    }

  if (node->kind == MR_JSON_NULL)
    {
      if ((flags & MEMBER_NULLABLE) || !(flags & MEMBER_REQUIRED))
        return TRUE;
      *out_broken = TRUE;
      return broken_member (ctx, path, member, _(expected));
    }

  *out_node = node;
  return TRUE;
}

/* The wrong JSON type at a member: an error, a warning when lenient, and
 * only a warning for members the schema does not define */
static gboolean
wrong_type (Ctx         *ctx,
            const char  *path,
            const char  *member,
            MemberFlags  flags,
            const char  *expected)
{
  if (flags & MEMBER_UNDEFINED)
    {
      warn_member (ctx, path, member, _(expected));
      return TRUE;
    }

  return broken_member (ctx, path, member, _(expected));
}

static gboolean
node_is_number (const MrJsonValue *node)
{
  return node->kind == MR_JSON_INT || node->kind == MR_JSON_DOUBLE;
}

static gboolean
node_is_string (const MrJsonValue *node)
{
  return node->kind == MR_JSON_STRING;
}

static gboolean
node_is_boolean (const MrJsonValue *node)
{
  return node->kind == MR_JSON_BOOLEAN;
}

/* Every string leaves here as valid UTF-8 and whole: mr_json_doc_read()
 * promises both (it replaces what is not UTF-8, and every NUL, with
 * U+FFFD; test-json-reader holds it to that), so it is copied as it is,
 * without looking at every byte once more for each of a large reply's
 * tens of thousands of strings. */
static char *
node_dup_string (const MrJsonValue *node)
{
  const char *text = node->kind == MR_JSON_STRING ? node->string : NULL;

  if (text == NULL)
    return g_strdup ("");

  /* with its NUL */
  return g_memdup2 (text, (gsize) node->length + 1);
}

/* The string member @member of @object: *node is NULL when it is absent
 * or (allowed to be) null, and *is_broken says when it was there but
 * unusable in a lenient reply */
static gboolean
lookup_string (Ctx                 *ctx,
               const MrJsonValue   *object,
               const char          *path,
               const char          *member,
               MemberFlags          flags,
               const MrJsonValue  **node,
               gboolean            *is_broken)
{
  const char *expected = N_("expected a string");

  if (!lookup_member (ctx, object, path, member, flags, expected, node, is_broken))
    return FALSE;

  if (*node != NULL && !node_is_string (*node))
    {
      if (!wrong_type (ctx, path, member, flags, expected))
        return FALSE;
      *node = NULL;
      *is_broken = TRUE;
    }

  return TRUE;
}

/* A required string that is missing or unusable in a lenient reply reads
 * as "", so that what has to be a string always is one. */
static gboolean
read_string (Ctx                *ctx,
             const MrJsonValue  *object,
             const char         *path,
             const char         *member,
             MemberFlags         flags,
             char              **out)
{
  gboolean is_broken;
  const MrJsonValue *node;

  if (!lookup_string (ctx, object, path, member, flags, &node, &is_broken))
    return FALSE;

  g_clear_pointer (out, g_free);

  if (node == NULL)
    {
      if (is_broken && (flags & MEMBER_REQUIRED))
        *out = g_strdup ("");
      return TRUE;
    }

  *out = node_dup_string (node);
  return TRUE;
}

/* Like read_string(), but an absent or null member leaves *out as it was. */
static gboolean
read_string_keep (Ctx                *ctx,
                  const MrJsonValue  *object,
                  const char         *path,
                  const char         *member,
                  MemberFlags         flags,
                  char              **out)
{
  g_autofree char *value = NULL;

  if (!read_string (ctx, object, path, member, flags, &value))
    return FALSE;

  if (value != NULL)
    {
      g_free (*out);
      *out = g_steal_pointer (&value);
    }

  return TRUE;
}

/* read_string() without the copy: *out points into the document, or is
 * NULL when the member is absent or (allowed to be) null, or "" when a
 * required one is unusable in a lenient reply */
static gboolean
peek_string (Ctx                *ctx,
             const MrJsonValue  *object,
             const char         *path,
             const char         *member,
             MemberFlags         flags,
             const char        **out)
{
  gboolean is_broken;
  const MrJsonValue *node;

  *out = NULL;

  if (!lookup_string (ctx, object, path, member, flags, &node, &is_broken))
    return FALSE;

  if (node == NULL)
    {
      if (is_broken && (flags & MEMBER_REQUIRED))
        *out = "";
      return TRUE;
    }

  *out = node->string;
  return TRUE;
}

static gboolean
read_boolean (Ctx               *ctx,
              const MrJsonValue *object,
              const char        *path,
              const char        *member,
              MemberFlags        flags,
              gboolean          *out,
              gboolean          *out_present)
{
  const char *expected = N_("expected true or false");
  gboolean is_broken;
  const MrJsonValue *node;

  if (out_present != NULL)
    *out_present = FALSE;

  if (!lookup_member (ctx, object, path, member, flags, expected, &node, &is_broken))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!node_is_boolean (node))
    return wrong_type (ctx, path, member, flags, expected);

  *out = node->boolean;
  if (out_present != NULL)
    *out_present = TRUE;

  return TRUE;
}

/* A number node as dollars in cents. FALSE, with *problem, when it is
 * not an amount the client can use; never fatal. */
static gboolean
money_from_node (const MrJsonValue  *node,
                 MrCents            *out,
                 const char        **problem)
{
  double dollars;

  dollars = mr_json_value_get_double (node);

  if (!isfinite (dollars) || !mr_money_from_double (dollars, out))
    {
      *problem = _("the amount is out of range");
      return FALSE;
    }

  if (dollars < 0)
    {
      *problem = _("expected an amount of zero or more");
      return FALSE;
    }

  return TRUE;
}

/* A price in dollars, converted to cents. *out_present is FALSE when the
 * member is absent, (allowed to be) null, or unusable; *out is then left
 * alone, and *unknown gets @bit when it was there but unusable. */
static gboolean
read_money (Ctx               *ctx,
            const MrJsonValue *object,
            const char        *path,
            const char        *member,
            MemberFlags        flags,
            MrCents           *out,
            gboolean          *out_present,
            guint             *unknown,
            guint              bit)
{
  const char *problem = NULL;
  gboolean is_broken;
  const MrJsonValue *node;

  if (out_present != NULL)
    *out_present = FALSE;

  if (!lookup_member (ctx, object, path, member, flags, N_("expected a number"), &node, &is_broken))
    return FALSE;

  if (node == NULL)
    {
      if (is_broken && unknown != NULL)
        *unknown |= bit;
      return TRUE;
    }

  if (!node_is_number (node))
    {
      if (unknown != NULL)
        *unknown |= bit;
      return wrong_type (ctx, path, member, flags, N_("expected a number"));
    }

  if (!money_from_node (node, out, &problem))
    {
      warn_member (ctx, path, member, problem);
      if (unknown != NULL)
        *unknown |= bit;
      return TRUE;
    }

  if (out_present != NULL)
    *out_present = TRUE;

  return TRUE;
}

/* A number node as an integer in [@min, @max], converted exactly: the
 * double limits are powers of two, so nothing rounds at the comparison.
 * FALSE, with *problem, when it is not such an integer. */
static gboolean
integer_from_node (const MrJsonValue  *node,
                   gint64              min,
                   gint64              max,
                   gint64             *out,
                   const char        **problem)
{
  double value;

  if (node->kind == MR_JSON_INT)
    {
      gint64 integer = node->integer;

      if (integer < min || integer > max)
        {
          *problem = _("the number is out of range");
          return FALSE;
        }

      *out = integer;
      return TRUE;
    }

  value = mr_json_value_get_double (node);

  /* -2^63 <= value < 2^63, both exact doubles */
  if (!isfinite (value) || value < -9223372036854775808.0 || value >= 9223372036854775808.0)
    {
      *problem = _("the number is out of range");
      return FALSE;
    }

  if (value != floor (value))
    {
      *problem = _("expected a whole number");
      return FALSE;
    }

  /* in range of gint64 now, so the conversion is exact */
  if ((gint64) value < min || (gint64) value > max)
    {
      *problem = _("the number is out of range");
      return FALSE;
    }

  *out = (gint64) value;
  return TRUE;
}

static gboolean
read_integer (Ctx               *ctx,
              const MrJsonValue *object,
              const char        *path,
              const char        *member,
              MemberFlags        flags,
              gint64             min,
              gint64             max,
              gint64            *out,
              gboolean          *out_present,
              guint             *unknown,
              guint              bit)
{
  const char *problem = NULL;
  gboolean is_broken;
  const MrJsonValue *node;

  if (out_present != NULL)
    *out_present = FALSE;

  if (!lookup_member (ctx, object, path, member, flags, N_("expected a number"), &node, &is_broken))
    return FALSE;

  if (node == NULL)
    {
      if (is_broken && unknown != NULL)
        *unknown |= bit;
      return TRUE;
    }

  if (!node_is_number (node))
    {
      if (unknown != NULL)
        *unknown |= bit;
      return wrong_type (ctx, path, member, flags, N_("expected a number"));
    }

  if (!integer_from_node (node, min, max, out, &problem))
    {
      warn_member (ctx, path, member, problem);
      if (unknown != NULL)
        *unknown |= bit;
      return TRUE;
    }

  if (out_present != NULL)
    *out_present = TRUE;

  return TRUE;
}

/* email_provider / account_type: 1, 2 or 3 today; another whole number a
 * newer server may send is kept as is; anything else reads as unknown (0). */
static gboolean
read_provider (Ctx               *ctx,
               const MrJsonValue *object,
               const char        *path,
               const char        *member,
               MemberFlags        flags,
               MrEmailProvider   *out,
               gboolean          *out_present)
{
  gint64 value = 0;
  gboolean present = FALSE;
  guint unknown = 0;

  if (!read_integer (ctx, object, path, member, flags, 1, G_MAXINT, &value, &present, &unknown, 1))
    return FALSE;

  *out = present ? (MrEmailProvider) value : (MrEmailProvider) 0;
  if (out_present != NULL)
    *out_present = present;

  return TRUE;
}

static gboolean
read_array (Ctx                *ctx,
            const MrJsonValue  *object,
            const char         *path,
            const char         *member,
            MemberFlags         flags,
            const MrJsonValue **out)
{
  const char *expected = N_("expected a list");
  gboolean is_broken;
  const MrJsonValue *node;

  *out = NULL;

  if (!lookup_member (ctx, object, path, member, flags, expected, &node, &is_broken))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (node->kind != MR_JSON_ARRAY)
    return wrong_type (ctx, path, member, flags, expected);

  *out = node;
  return TRUE;
}

/* An array of strings. When absent (and allowed to be), *out is left as
 * it was, so callers can preset an empty vector. */
static gboolean
read_strv (Ctx               *ctx,
           const MrJsonValue *object,
           const char        *path,
           const char        *member,
           MemberFlags        flags,
           GStrv             *out)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *full = NULL;
  const MrJsonValue *array;
  guint length;

  if (!read_array (ctx, object, path, member, flags, &array))
    return FALSE;

  if (array == NULL)
    return TRUE;

  full = member_path (path, member);
  builder = g_strv_builder_new ();
  length = array->length;

  for (guint i = 0; i < length; i++)
    {
      const MrJsonValue *element = &array->elements[i];
      g_autofree char *text = NULL;

      if (!node_is_string (element))
        {
          g_autofree char *at = element_path (full, i);

          if (!broken (ctx, at, _("expected a string")))
            return FALSE;
          continue;
        }

      text = node_dup_string (element);
      g_strv_builder_add (builder, text);
    }

  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* Timestamps are plain strings in part of the contract: any string is
 * taken. RFC 3339 / ISO 8601 (any case of T and Z), a date alone
 * (midnight UTC) and Unix time in seconds or milliseconds are read; "" is
 * no time at all; anything else is a time the client cannot read. */
static GDateTime *
parse_timestamp (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *upper = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GDateTime *time;
  double seconds;
  char *end = NULL;
  int year, month, day;
  char tail;

  if (stripped[0] == '\0')
    return NULL;

  upper = g_ascii_strup (stripped, -1);
  time = g_date_time_new_from_iso8601 (upper, utc);
  if (time != NULL)
    return time;

  if (sscanf (upper, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3 &&
      strlen (upper) == 10 && g_date_valid_dmy (day, month, year))
    return g_date_time_new (utc, year, month, day, 0, 0, 0);

  if (g_ascii_isdigit (stripped[0]) || stripped[0] == '-')
    {
      seconds = g_ascii_strtod (stripped, &end);
      if (end != NULL && *end == '\0' && isfinite (seconds))
        {
          /* 1e11 seconds is the year 5138: larger is milliseconds */
          if (fabs (seconds) >= 1e11)
            seconds /= 1000.0;
          /* years 1 to 9999 */
          if (seconds > -62135596800.0 && seconds < 253402300799.0)
            return g_date_time_new_from_unix_utc ((gint64) floor (seconds));
        }
    }

  return NULL;
}

/* *out is NULL when the member is absent, null, "" or unreadable;
 * *out_given is TRUE when it held a non-empty string, readable or not. */
static gboolean
read_date (Ctx                *ctx,
           const MrJsonValue  *object,
           const char         *path,
           const char         *member,
           MemberFlags         flags,
           GDateTime         **out,
           gboolean           *out_given)
{
  g_autofree char *text = NULL;

  g_clear_pointer (out, g_date_time_unref);
  if (out_given != NULL)
    *out_given = FALSE;

  if (!read_string (ctx, object, path, member, flags, &text))
    return FALSE;

  if (text == NULL || g_strstrip (text)[0] == '\0')
    return TRUE;

  if (out_given != NULL)
    *out_given = TRUE;

  *out = parse_timestamp (text);
  if (*out == NULL)
    warn_member (ctx, path, member, _("not a date and time Mailroom can read"));

  return TRUE;
}

static gboolean
element_object (Ctx                *ctx,
                const MrJsonValue  *array,
                guint               index,
                const char         *at,
                const MrJsonValue **out)
{
  const MrJsonValue *element = &array->elements[index];

  *out = NULL;

  if (element->kind != MR_JSON_OBJECT)
    return broken (ctx, at, _("expected an object"));

  *out = element;
  return TRUE;
}

typedef gpointer (*ParseElementFunc) (Ctx               *ctx,
                                      const MrJsonValue *object,
                                      const char        *path);

/* Writes "@array_path[@index]" into @buffer when it fits, else returns a
 * new string in *@allocated: the path of every element read, made
 * without an allocation in the usual case. */
static const char *
element_path_in (char        *buffer,
                 gsize        size,
                 gsize        prefix_len,
                 const char  *array_path,
                 guint        index,
                 char       **allocated)
{
  char digits[16];
  char *at = digits + sizeof digits;
  guint rest = index;
  gsize n;

  *--at = ']';
  do
    *--at = '0' + rest % 10;
  while ((rest /= 10) > 0);
  *--at = '[';
  n = digits + sizeof digits - at;

  if (prefix_len + n + 1 > size)
    return *allocated = element_path (array_path, index);

  memcpy (buffer + prefix_len, at, n);
  buffer[prefix_len + n] = '\0';

  return buffer;
}

/* An empty array with room for the elements of @array (which may be
 * NULL): growing one element at a time cost more than filling it, for
 * thousands of small lists */
static GPtrArray *
new_elements_array (const MrJsonValue *array,
                    GDestroyNotify     free_func)
{
  guint length = array != NULL && array->kind == MR_JSON_ARRAY ? array->length : 0;

  return g_ptr_array_new_full (length, free_func);
}

/* Elements [@from, @to) of parse_elements() */
static gboolean
parse_range (Ctx               *ctx,
             const MrJsonValue *array,
             const char        *array_path,
             ParseElementFunc   parse_element,
             GPtrArray         *items,
             guint              from,
             guint              to)
{
  gsize prefix_len;
  char buffer[160];

  prefix_len = strlen (array_path);
  if (prefix_len < sizeof buffer)
    memcpy (buffer, array_path, prefix_len);

  for (guint i = from; i < to; i++)
    {
      g_autofree char *allocated = NULL;
      const char *at;
      const MrJsonValue *object;
      gpointer element;

      at = element_path_in (buffer, sizeof buffer, prefix_len, array_path, i, &allocated);

      if (!element_object (ctx, array, i, at, &object))
        return FALSE;

      if (object == NULL)
        continue;

      element = parse_element (ctx, object, at);
      if (element == NULL)
        return FALSE;

      g_ptr_array_add (items, element);
    }

  return TRUE;
}

/* Each element of @array (which may be NULL: no elements) must be an
 * object; what @parse_element makes of it is appended to @items. An
 * element a lenient parse cannot use is left out. */
static gboolean
parse_elements (Ctx               *ctx,
                const MrJsonValue *array,
                const char        *array_path,
                ParseElementFunc   parse_element,
                GPtrArray         *items)
{
  guint length = array != NULL ? array->length : 0;

  return parse_range (ctx, array, array_path, parse_element, items, 0, length);
}

/* From this many elements on, parse_elements_split() reads the second
 * half on a thread of its own: at 1,000 domains building the objects
 * costs several milliseconds, a thread well under 0.1 */
#define MIN_ELEMENTS_FOR_SPLIT 200

typedef struct
{
  Ctx                ctx;
  GError            *error;
  const MrJsonValue *array;
  const char        *array_path;
  ParseElementFunc   parse_element;
  GPtrArray         *items;
  guint              from;
  guint              to;
} Half;

static gpointer
parse_half_cb (gpointer data)
{
  Half *half = data;
  gboolean ok;

  ok = parse_range (&half->ctx, half->array, half->array_path, half->parse_element,
                    half->items, half->from, half->to);

  return GINT_TO_POINTER (ok);
}

/* parse_elements() for a long list, with the same result: the same
 * items in the same order, the same warnings in the same order, and the
 * error of the first element that fails. The second half is read on a
 * thread while this one reads the first, so @parse_element must only
 * touch what it creates (and @ctx). Items of a failed parse are still
 * appended, for @items' owner to free. */
static gboolean
parse_elements_split (Ctx               *ctx,
                      const MrJsonValue *array,
                      const char        *array_path,
                      ParseElementFunc   parse_element,
                      GPtrArray         *items)
{
  guint length = array != NULL ? array->length : 0;
  Half half = { { 0, }, };
  GThread *thread;
  gboolean first_ok;
  gboolean second_ok;

  if (length < MIN_ELEMENTS_FOR_SPLIT)
    return parse_elements (ctx, array, array_path, parse_element, items);

  half.ctx = *ctx;
  half.ctx.error = &half.error;
  half.ctx.warnings = ctx->warnings != NULL ? g_ptr_array_new_with_free_func (g_free) : NULL;
  half.ctx.last_object = NULL;
  half.array = array;
  half.array_path = array_path;
  half.parse_element = parse_element;
  half.items = g_ptr_array_new_full (length - length / 2, NULL);
  half.from = length / 2;
  half.to = length;

  thread = g_thread_try_new ("mailroom-parse", parse_half_cb, &half, NULL);
  if (thread == NULL)
    {
      g_ptr_array_unref (half.items);
      g_clear_pointer (&half.ctx.warnings, g_ptr_array_unref);
      return parse_elements (ctx, array, array_path, parse_element, items);
    }

  first_ok = parse_range (ctx, array, array_path, parse_element, items, 0, length / 2);
  second_ok = GPOINTER_TO_INT (g_thread_join (thread));

  g_ptr_array_extend_and_steal (items, g_steal_pointer (&half.items));

  /* what a parse of one piece would have said: the first half's
   * failure ends it before anything of the second half */
  if (!first_ok)
    {
      g_clear_error (&half.error);
      g_clear_pointer (&half.ctx.warnings, g_ptr_array_unref);
      return FALSE;
    }

  if (half.ctx.warnings != NULL)
    g_ptr_array_extend_and_steal (ctx->warnings, g_steal_pointer (&half.ctx.warnings));

  if (!second_ok)
    {
      g_propagate_error (ctx->error, g_steal_pointer (&half.error));
      return FALSE;
    }

  return TRUE;
}

/* A required member of the root holding a list of objects. */
static gboolean
parse_items (Ctx               *ctx,
             const MrJsonValue *root,
             const char        *member,
             ParseElementFunc   parse_element,
             GPtrArray         *items)
{
  const MrJsonValue *array;

  return read_array (ctx, root, NULL, member, MEMBER_REQUIRED, &array) &&
         parse_elements (ctx, array, member, parse_element, items);
}

/* }}} */

/* Loading {{{ */

/* The whole document, which holds *out_root. A file (an order file or a
 * draft) is not Instantly's reply, and its errors say "file"; their callers
 * give them their own error domain. */
static MrJsonDoc *
load_document (GBytes             *bytes,
               gboolean            is_file,
               const MrJsonValue **out_root,
               GError            **error)
{
  g_autoptr(MrJsonDoc) document = NULL;
  g_autoptr(GError) local_error = NULL;
  const MrJsonValue *root;
  const char *data;
  gsize size = 0;

  *out_root = NULL;

  data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;
  if (data == NULL || size == 0)
    {
      g_set_error_literal (error, MR_API_ERROR, MR_API_ERROR_PARSE,
                           is_file ? _("The file is empty.") : _("The reply is empty."));
      return NULL;
    }

  document = mr_json_doc_read (data, size, MR_JSON_MAX_DEPTH, &local_error);
  if (document == NULL)
    {
      g_set_error (error, MR_API_ERROR, MR_API_ERROR_PARSE,
                   is_file ? _("The file is not valid JSON: %s") : _("The reply is not valid JSON: %s"),
                   local_error->message);
      return NULL;
    }

  root = mr_json_doc_get_root (document);
  if (root == NULL)
    {
      g_set_error_literal (error, MR_API_ERROR, MR_API_ERROR_PARSE,
                           is_file ? _("The file is empty.") : _("The reply is empty."));
      return NULL;
    }

  if (root->kind != MR_JSON_OBJECT)
    {
      /* Translators: "reply" and "file" name the whole JSON document */
      set_path_error (error, is_file ? _("file") : _("reply"), _("expected a JSON object"));
      return NULL;
    }

  *out_root = root;
  return g_steal_pointer (&document);
}

static MrJsonDoc *
load_object (GBytes             *bytes,
             const MrJsonValue **out_root,
             GError            **error)
{
  return load_document (bytes, FALSE, out_root, error);
}

/* }}} */

/* Requests {{{ */

static char *
trimmed (const char *text)
{
  if (text == NULL)
    return g_strdup ("");

  return g_strstrip (g_strdup (text));
}

static char *
generate (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static void
add_string_array (JsonBuilder        *builder,
                  const char         *member,
                  const char * const *values,
                  gboolean            as_domains)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      value = as_domains ? _mr_json_text_request_domain (values[i]) : trimmed (values[i]);
      json_builder_add_string_value (builder, value);
    }

  json_builder_end_array (builder);
}

#define APPEND_LITERAL(out, text) g_string_append_len ((out), (text), sizeof (text) - 1)

/* @raw keeps every text as the user typed it (drafts); otherwise domains
 * are normalised and names trimmed, as the API wants them. */
static char *
order_to_json (MrOrder  *order,
               gboolean  raw,
               gboolean  with_simulation,
               gboolean  simulation)
{
  /* the member names, quoted, with their colon */
  static const char * const member_texts[3] = {
    "\"email_address_prefix\":", "\"first_name\":", "\"last_name\":",
  };
  static const gsize member_lens[3] = {
    sizeof ("\"email_address_prefix\":") - 1, sizeof ("\"first_name\":") - 1,
    sizeof ("\"last_name\":") - 1,
  };
  GString *out;
  guint n_items;

  /* written straight as text: a tree of nodes for 1,000 × 5 costs more
   * than the whole of the rest */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (order));
  out = g_string_sized_new (64 + 400 * n_items);
  g_string_append_c (out, '{');
  APPEND_LITERAL (out, "\"items\":");
  g_string_append_c (out, '[');

  for (guint i = 0; i < n_items; i++)
    {
      MrOrderItem *item = mr_order_get_item (order, i);
      const char *domain_text = mr_order_item_get_domain (item);
      const char *forwarding_text = mr_order_item_get_forwarding_domain (item);
      g_autofree char *domain = NULL;
      g_autofree char *forwarding = NULL;
      guint n_accounts;

      domain = raw ? g_strdup (domain_text ? domain_text : "")
                   : _mr_json_text_request_domain (domain_text);
      forwarding = raw ? g_strdup (forwarding_text ? forwarding_text : "") : trimmed (forwarding_text);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');

      APPEND_LITERAL (out, "\"domain\":");
      _mr_json_text_string (out, domain);

      g_string_append_c (out, ',');
      APPEND_LITERAL (out, "\"email_provider\":");
      _mr_json_text_int (out, mr_order_item_get_email_provider (item));

      if (forwarding[0] != '\0')
        {
          g_autofree char *value = NULL;

          value = raw ? g_strdup (forwarding) : _mr_json_text_request_domain (forwarding);
          g_string_append_c (out, ',');
          APPEND_LITERAL (out, "\"forwarding_domain\":");
          _mr_json_text_string (out, value);
        }

      g_string_append_c (out, ',');
      APPEND_LITERAL (out, "\"accounts\":");
      g_string_append_c (out, '[');

      n_accounts = mr_order_item_get_n_accounts (item);
      for (guint j = 0; j < n_accounts; j++)
        {
          MrAccount *account = mr_order_item_get_account (item, j);
          const char *values[3] = {
            mr_account_get_email_address_prefix (account),
            mr_account_get_first_name (account),
            mr_account_get_last_name (account),
          };

          if (j > 0)
            g_string_append_c (out, ',');

          /* nearly always: nothing to escape, all of it in one step */
          if (_mr_json_text_plain_object (out, member_texts, member_lens, values,
                                          G_N_ELEMENTS (values), !raw))
            continue;

          g_string_append_c (out, '{');
          for (guint k = 0; k < G_N_ELEMENTS (member_texts); k++)
            {
              const char *value = values[k] != NULL ? values[k] : "";

              if (k > 0)
                g_string_append_c (out, ',');
              g_string_append_len (out, member_texts[k], member_lens[k]);
              if (raw)
                _mr_json_text_string (out, value);
              else
                _mr_json_text_stripped (out, value);
            }
          g_string_append_c (out, '}');
        }

      g_string_append (out, "]}");
    }

  g_string_append (out, "],");
  APPEND_LITERAL (out, "\"order_type\":");
  _mr_json_text_string (out, mr_order_type_to_string (mr_order_get_order_type (order)));

  if (with_simulation)
    {
      g_string_append_c (out, ',');
      APPEND_LITERAL (out, "\"simulation\":");
      g_string_append (out, simulation ? "true" : "false");
    }

  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

char *
mr_json_order_request (MrOrder  *order,
                       gboolean  simulation)
{
  g_return_val_if_fail (MR_IS_ORDER (order), NULL);

  return order_to_json (order, FALSE, TRUE, simulation);
}

char *
mr_json_order_draft (MrOrder *order)
{
  g_return_val_if_fail (MR_IS_ORDER (order), NULL);

  return order_to_json (order, TRUE, FALSE, FALSE);
}

char *
mr_json_check_request (const char * const *domains)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string_array (builder, "domains", domains, TRUE);
  json_builder_end_object (builder);

  return generate (builder);
}

char *
mr_json_similar_request (const char         *domain,
                         const char * const *tlds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (domain != NULL, NULL);

  normalized = _mr_json_text_request_domain (domain);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, normalized);

  if (tlds != NULL)
    {
      json_builder_set_member_name (builder, "tlds");
      json_builder_begin_array (builder);
      for (guint i = 0; tlds[i] != NULL; i++)
        {
          g_autofree char *tld = trimmed (tlds[i]);
          g_autofree char *lower = g_ascii_strdown (tld[0] == '.' ? tld + 1 : tld, -1);

          json_builder_add_string_value (builder, lower);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);

  return generate (builder);
}

char *
mr_json_prewarmed_request (const char         *search,
                           const char * const *extensions)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);

  if (extensions != NULL)
    {
      json_builder_set_member_name (builder, "extensions");
      json_builder_begin_array (builder);
      for (guint i = 0; extensions[i] != NULL; i++)
        {
          g_autofree char *extension = trimmed (extensions[i]);
          g_autofree char *lower = g_ascii_strdown (extension[0] == '.' ? extension + 1 : extension, -1);

          json_builder_add_string_value (builder, lower);
        }
      json_builder_end_array (builder);
    }

  if (search != NULL)
    {
      g_autofree char *text = trimmed (search);

      json_builder_set_member_name (builder, "search");
      json_builder_add_string_value (builder, text);
    }

  json_builder_end_object (builder);

  return generate (builder);
}

char *
mr_json_cancel_request (const char * const *emails)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string_array (builder, "accounts", emails, FALSE);
  json_builder_end_object (builder);

  return generate (builder);
}

/* }}} */

/* Order files and drafts {{{ */

static MrAccount *
parse_request_account (Ctx               *ctx,
                       const MrJsonValue *object,
                       const char        *path)
{
  g_autofree char *prefix = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *last_name = NULL;

  if (!read_string (ctx, object, path, "email_address_prefix", MEMBER_REQUIRED, &prefix) ||
      !read_string (ctx, object, path, "first_name", MEMBER_REQUIRED, &first_name) ||
      !read_string (ctx, object, path, "last_name", MEMBER_REQUIRED, &last_name))
    return NULL;

  return _mr_account_new_take (g_steal_pointer (&first_name), g_steal_pointer (&last_name),
                               g_steal_pointer (&prefix));
}

static MrOrderItem *
parse_request_item (Ctx               *ctx,
                    const MrJsonValue *object,
                    const char        *path)
{
  g_autoptr(GPtrArray) parsed = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *forwarding_domain = NULL;
  g_autofree char *accounts_path = NULL;
  const MrJsonValue *accounts = NULL;
  gint64 provider = MR_EMAIL_PROVIDER_GOOGLE;
  gboolean has_provider = FALSE;
  guint unknown = 0;

  if (!read_string (ctx, object, path, "domain", MEMBER_REQUIRED, &domain) ||
      !read_integer (ctx, object, path, "email_provider", MEMBER_NULLABLE,
                     G_MININT, G_MAXINT, &provider, &has_provider, &unknown, 1) ||
      !read_string (ctx, object, path, "forwarding_domain", MEMBER_NULLABLE, &forwarding_domain) ||
      !read_array (ctx, object, path, "accounts", MEMBER_NULLABLE, &accounts))
    return NULL;

  /* a file is ours to refuse: what it says must be usable */
  if (unknown != 0 || (has_provider && !mr_email_provider_is_valid ((int) provider)))
    {
      broken_member (ctx, path, "email_provider", _("expected 1, 2 or 3"));
      return NULL;
    }

  accounts_path = member_path (path, "accounts");
  parsed = new_elements_array (accounts, g_object_unref);
  if (!parse_elements (ctx, accounts, accounts_path, (ParseElementFunc) parse_request_account, parsed))
    return NULL;

  return _mr_order_item_new_take (g_steal_pointer (&domain), (MrEmailProvider) provider,
                                  g_steal_pointer (&forwarding_domain), g_steal_pointer (&parsed));
}

MrOrder *
mr_json_parse_order_request (GBytes  *bytes,
                             GError **error)
{
  g_autoptr(MrJsonDoc) document = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(MrOrder) order = NULL;
  g_autofree char *order_type_text = NULL;
  Ctx ctx = { error, NULL, FALSE };
  const MrJsonValue *root;
  const MrJsonValue *array;
  MrOrderType order_type;

  document = load_document (bytes, TRUE, &root, error);
  if (document == NULL)
    return NULL;

  if (!read_string (&ctx, root, NULL, "order_type", MEMBER_REQUIRED, &order_type_text) ||
      !read_array (&ctx, root, NULL, "items", MEMBER_REQUIRED, &array))
    return NULL;

  if (!mr_order_type_from_string (order_type_text, &order_type))
    {
      broken_member (&ctx, NULL, "order_type", _("expected “dfy”, “pre_warmed_up” or “extra_accounts”"));
      return NULL;
    }

  items = new_elements_array (array, g_object_unref);
  if (!parse_elements_split (&ctx, array, "items", (ParseElementFunc) parse_request_item, items))
    return NULL;

  order = mr_order_new (order_type);
  if (items->len > 0)
    mr_order_append_items (order, (MrOrderItem **) items->pdata, items->len);

  return g_steal_pointer (&order);
}

/* parse_request_item() into plain structs that point into the document:
 * the same members read in the same order, so the same errors. The
 * mailboxes go to @accounts, which has room for them all. */
static gboolean
parse_spec_item (Ctx                *ctx,
                 const MrJsonValue  *object,
                 const char         *path,
                 MrOrderSpecItem    *item,
                 MrOrderSpecAccount *accounts)
{
  g_autofree char *accounts_path = NULL;
  const MrJsonValue *array = NULL;
  gint64 provider = MR_EMAIL_PROVIDER_GOOGLE;
  gboolean has_provider = FALSE;
  guint unknown = 0;
  gsize prefix_len;
  char buffer[160];

  if (!peek_string (ctx, object, path, "domain", MEMBER_REQUIRED, &item->domain) ||
      !read_integer (ctx, object, path, "email_provider", MEMBER_NULLABLE,
                     G_MININT, G_MAXINT, &provider, &has_provider, &unknown, 1) ||
      !peek_string (ctx, object, path, "forwarding_domain", MEMBER_NULLABLE,
                    &item->forwarding_domain) ||
      !read_array (ctx, object, path, "accounts", MEMBER_NULLABLE, &array))
    return FALSE;

  if (unknown != 0 || (has_provider && !mr_email_provider_is_valid ((int) provider)))
    return broken_member (ctx, path, "email_provider", _("expected 1, 2 or 3"));

  item->email_provider = (MrEmailProvider) provider;
  item->accounts = accounts;
  item->n_accounts = 0;

  if (array == NULL)
    return TRUE;

  accounts_path = member_path (path, "accounts");
  prefix_len = strlen (accounts_path);
  if (prefix_len < sizeof buffer)
    memcpy (buffer, accounts_path, prefix_len);

  for (guint i = 0; i < array->length; i++)
    {
      g_autofree char *allocated = NULL;
      MrOrderSpecAccount *account = &accounts[item->n_accounts];
      const MrJsonValue *element;
      const char *at;

      at = element_path_in (buffer, sizeof buffer, prefix_len, accounts_path, i, &allocated);
      if (!element_object (ctx, array, i, at, &element))
        return FALSE;
      if (element == NULL)
        continue;

      if (!peek_string (ctx, element, at, "email_address_prefix", MEMBER_REQUIRED,
                        &account->email_address_prefix) ||
          !peek_string (ctx, element, at, "first_name", MEMBER_REQUIRED, &account->first_name) ||
          !peek_string (ctx, element, at, "last_name", MEMBER_REQUIRED, &account->last_name))
        return FALSE;

      item->n_accounts++;
    }

  return TRUE;
}

/* Where the mailboxes of each item go: all of them in one block, item
 * @i's from @offsets[i] on */
typedef struct
{
  const MrJsonValue *first;
  MrOrderSpec       *spec;
  gsize             *offsets;
} SpecTarget;

static gsize *
spec_account_offsets (const MrJsonValue *items)
{
  gsize *offsets = g_new (gsize, items->length + 1);

  offsets[0] = 0;
  for (guint i = 0; i < items->length; i++)
    {
      const MrJsonValue *accounts = mr_json_value_get_member (&items->elements[i], "accounts");

      offsets[i + 1] = offsets[i];
      if (accounts != NULL && accounts->kind == MR_JSON_ARRAY)
        offsets[i + 1] += accounts->length;
    }

  return offsets;
}

/* A ParseElementFunc: the item of @object, in its place in the spec. It
 * only writes there, so halves of the list can be read at once. */
static gpointer
parse_spec_element (Ctx               *ctx,
                    const MrJsonValue *object,
                    const char        *path)
{
  SpecTarget *target = ctx->data;
  gsize i = object - target->first;
  MrOrderSpecItem *item = &target->spec->items[i];

  if (!parse_spec_item (ctx, object, path, item, target->spec->accounts + target->offsets[i]))
    return NULL;

  return item;
}

MrOrderSpec *
mr_json_parse_order_spec (GBytes  *bytes,
                          GError **error)
{
  g_autoptr(MrJsonDoc) document = NULL;
  g_autoptr(MrOrderSpec) spec = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autofree gsize *offsets = NULL;
  Ctx ctx = { error, NULL, FALSE };
  SpecTarget target;
  const MrJsonValue *root;
  const MrJsonValue *array;
  const char *order_type_text = NULL;

  document = load_document (bytes, TRUE, &root, error);
  if (document == NULL)
    return NULL;

  spec = g_new0 (MrOrderSpec, 1);

  if (!peek_string (&ctx, root, NULL, "order_type", MEMBER_REQUIRED, &order_type_text) ||
      !read_array (&ctx, root, NULL, "items", MEMBER_REQUIRED, &array))
    return NULL;

  if (!mr_order_type_from_string (order_type_text, &spec->order_type))
    {
      broken_member (&ctx, NULL, "order_type", _("expected “dfy”, “pre_warmed_up” or “extra_accounts”"));
      return NULL;
    }

  offsets = spec_account_offsets (array);
  spec->items = g_new0 (MrOrderSpecItem, array->length);
  /* one more, so that it is never NULL */
  spec->accounts = g_new (MrOrderSpecAccount, offsets[array->length] + 1);

  /* not lenient: every element is an item, or the parse fails */
  target.first = array->elements;
  target.spec = spec;
  target.offsets = offsets;
  ctx.data = &target;
  parsed = g_ptr_array_new_full (array->length, NULL);
  if (!parse_elements_split (&ctx, array, "items", parse_spec_element, parsed))
    return NULL;

  g_assert (parsed->len == array->length);
  spec->n_items = array->length;
  spec->document = g_steal_pointer (&document);

  return g_steal_pointer (&spec);
}

/* }}} */

/* The order / quote reply {{{ */

/* An account and its three texts in one block: a reply of 1,000 domains
 * has 5,000 of them */
static MrQuoteAccount *
parse_quote_account (Ctx               *ctx,
                     const MrJsonValue *object,
                     const char        *path)
{
  const char *texts[3] = { NULL, NULL, NULL };
  gsize lens[3];
  MrQuoteAccount *account;
  MrCents price = 0;
  gboolean has_price = FALSE;
  char *at;

  /* price is not in the schema: whatever it holds, an unusable one is
   * only unknown */
  if (!peek_string (ctx, object, path, "email_address_prefix", MEMBER_REQUIRED, &texts[0]) ||
      !peek_string (ctx, object, path, "first_name", MEMBER_REQUIRED, &texts[1]) ||
      !peek_string (ctx, object, path, "last_name", MEMBER_REQUIRED, &texts[2]) ||
      !read_money (ctx, object, path, "price", MEMBER_NULLABLE | MEMBER_UNDEFINED,
                   &price, &has_price, NULL, 0))
    return NULL;

  /* required, so never NULL: "" when unusable in a lenient reply */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    lens[i] = strlen (texts[i]);

  account = g_malloc0 (sizeof (MrQuoteAccount) + lens[0] + lens[1] + lens[2] + 3);
  account->packed = TRUE;
  account->price = price;
  account->has_price = has_price;

  at = (char *) (account + 1);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      char **field = i == 0 ? &account->email_address_prefix
                   : i == 1 ? &account->first_name : &account->last_name;

      *field = memcpy (at, texts[i], lens[i] + 1);
      at += lens[i] + 1;
    }

  return account;
}

static MrQuoteItem *
parse_quote_item (Ctx               *ctx,
                  const MrJsonValue *object,
                  const char        *path)
{
  g_autofree char *accounts_path = NULL;
  MrQuoteItem *item;
  const MrJsonValue *accounts = NULL;
  guint *unknown;

  item = g_new0 (MrQuoteItem, 1);
  unknown = &item->unknown_fields;

  if (!read_string (ctx, object, path, "domain", MEMBER_REQUIRED, &item->domain) ||
      !read_array (ctx, object, path, "accounts", MEMBER_REQUIRED, &accounts) ||
      !read_provider (ctx, object, path, "email_provider", MEMBER_REQUIRED, &item->email_provider, NULL) ||
      !read_string (ctx, object, path, "forwarding_domain", MEMBER_NULLABLE, &item->forwarding_domain) ||
      !read_money (ctx, object, path, "domain_price", MEMBER_REQUIRED, &item->domain_price, NULL,
                   unknown, MR_QUOTE_ITEM_FIELD_DOMAIN_PRICE) ||
      !read_money (ctx, object, path, "accounts_price", MEMBER_REQUIRED, &item->accounts_price, NULL,
                   unknown, MR_QUOTE_ITEM_FIELD_ACCOUNTS_PRICE) ||
      !read_money (ctx, object, path, "domain_monthly_price", MEMBER_NULLABLE,
                   &item->domain_monthly_price, &item->has_domain_monthly_price,
                   unknown, MR_QUOTE_ITEM_FIELD_DOMAIN_MONTHLY_PRICE) ||
      !read_money (ctx, object, path, "total_price", MEMBER_REQUIRED, &item->total_price, NULL,
                   unknown, MR_QUOTE_ITEM_FIELD_TOTAL_PRICE) ||
      !read_money (ctx, object, path, "total_discount", MEMBER_REQUIRED, &item->total_discount, NULL,
                   unknown, MR_QUOTE_ITEM_FIELD_TOTAL_DISCOUNT))
    goto fail;

  accounts_path = member_path (path, "accounts");
  item->accounts = new_elements_array (accounts, (GDestroyNotify) mr_quote_account_free);
  if (!parse_elements (ctx, accounts, accounts_path, (ParseElementFunc) parse_quote_account,
                       item->accounts))
    goto fail;

  return item;

fail:
  mr_quote_item_free (item);
  return NULL;
}

static MrInvalidAccount *
parse_invalid_account (Ctx               *ctx,
                       const MrJsonValue *object,
                       const char        *path)
{
  MrInvalidAccount *account = g_new0 (MrInvalidAccount, 1);

  if (!read_string (ctx, object, path, "domain", MEMBER_REQUIRED, &account->domain) ||
      !read_string (ctx, object, path, "first_name", MEMBER_REQUIRED, &account->first_name) ||
      !read_string (ctx, object, path, "last_name", MEMBER_REQUIRED, &account->last_name) ||
      !read_string (ctx, object, path, "email", MEMBER_REQUIRED, &account->email) ||
      !read_string (ctx, object, path, "reason", MEMBER_REQUIRED, &account->reason))
    {
      mr_invalid_account_free (account);
      return NULL;
    }

  return account;
}

static gboolean
parse_price_by_account_type (Ctx               *ctx,
                             const MrJsonValue *root,
                             MrQuote           *quote)
{
  const char *member = "price_per_account_per_month_by_account_type";
  gboolean is_broken;
  const MrJsonValue *node;
  const MrJsonValue *object;

  if (!lookup_member (ctx, root, NULL, member, MEMBER_NULLABLE, N_("expected an object"), &node, &is_broken))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (node->kind != MR_JSON_OBJECT)
    return broken_member (ctx, NULL, member, _("expected an object"));

  object = node;

  for (guint i = 0; i < object->length; i++)
    {
      const char *key = object->members[i].name;
      g_autofree char *full = member_path (member, key);
      const char *problem = NULL;
      guint64 provider;
      MrCents cents = 0;

      /* keys are provider numbers as strings; ignore any other */
      if (!g_ascii_string_to_unsigned (key, 10, 1, G_N_ELEMENTS (quote->price_by_account_type) - 1,
                                       &provider, NULL))
        continue;

      node = &object->members[i].value;
      if (node->kind == MR_JSON_NULL)
        continue;

      if (!node_is_number (node))
        {
          quote->unknown_fields |= MR_QUOTE_FIELD_PRICE_BY_ACCOUNT_TYPE;
          if (!broken (ctx, full, _("expected a number")))
            return FALSE;
          continue;
        }

      if (!money_from_node (node, &cents, &problem))
        {
          quote->unknown_fields |= MR_QUOTE_FIELD_PRICE_BY_ACCOUNT_TYPE;
          warn (ctx, full, problem);
          continue;
        }

      quote->has_price_by_account_type[provider] = TRUE;
      quote->price_by_account_type[provider] = cents;
    }

  return TRUE;
}

static gboolean
parse_unavailable_providers (Ctx               *ctx,
                             const MrJsonValue *root,
                             MrQuote           *quote)
{
  const char *member = "unavailable_email_providers";
  const MrJsonValue *array;
  guint length;

  /* required today, absent in the 2025-09-23 shape */
  if (!read_array (ctx, root, NULL, member, MEMBER_NULLABLE, &array))
    return FALSE;

  if (array == NULL)
    return TRUE;

  length = array->length;
  for (guint i = 0; i < length; i++)
    {
      g_autofree char *at = element_path (member, i);
      const MrJsonValue *element = &array->elements[i];
      const char *problem = NULL;
      gint64 value;
      int provider;

      if (!node_is_number (element))
        {
          if (!broken (ctx, at, _("expected a number")))
            return FALSE;
          continue;
        }

      /* a provider the client cannot name still blocks the order: 0 */
      if (!integer_from_node (element, 1, G_MAXINT, &value, &problem))
        {
          warn (ctx, at, problem);
          value = 0;
        }

      provider = (int) value;
      g_array_append_val (quote->unavailable_email_providers, provider);
    }

  return TRUE;
}

/* Parses into @quote; FALSE on a reply that cannot be used at all */
static gboolean
parse_quote_root (Ctx               *ctx,
                  const MrJsonValue *root,
                  MrQuote           *quote)
{
  guint *unknown = &quote->unknown_fields;
  const MrJsonValue *order_items = NULL;
  guint n_items;

  /* order_placed first: once it reads true, the order was placed, and
   * nothing else in the reply can make it "not placed" or "unknown" */
  if (!read_boolean (ctx, root, NULL, "order_placed", MEMBER_REQUIRED, &quote->order_placed, NULL))
    return FALSE;

  ctx->lenient = quote->order_placed;

  if (!read_boolean (ctx, root, NULL, "order_is_valid", MEMBER_REQUIRED, &quote->order_is_valid, NULL) ||
      !read_boolean (ctx, root, NULL, "simulation", MEMBER_REQUIRED, &quote->simulation, NULL) ||
      !read_string (ctx, root, NULL, "order_error", MEMBER_NULLABLE, &quote->order_error_raw) ||
      !read_string (ctx, root, NULL, "payment_failure_reason", MEMBER_NULLABLE,
                    &quote->payment_failure_reason_raw))
    return FALSE;

  quote->order_error = mr_order_error_from_string (quote->order_error_raw);
  quote->payment_failure_reason = mr_payment_failure_from_string (quote->payment_failure_reason_raw);

  /* lists: the first group is required in both versions, the second
   * arrived later and may be absent */
  if (!read_strv (ctx, root, NULL, "unavailable_domains", MEMBER_REQUIRED, &quote->unavailable_domains) ||
      !read_strv (ctx, root, NULL, "blacklist_domains", MEMBER_REQUIRED, &quote->blacklist_domains) ||
      !read_strv (ctx, root, NULL, "invalid_domains", MEMBER_REQUIRED, &quote->invalid_domains) ||
      !read_strv (ctx, root, NULL, "invalid_forwarding_domains", MEMBER_REQUIRED,
                  &quote->invalid_forwarding_domains) ||
      !read_strv (ctx, root, NULL, "missing_domain_orders", MEMBER_REQUIRED, &quote->missing_domain_orders) ||
      !read_strv (ctx, root, NULL, "domains_without_accounts", MEMBER_REQUIRED,
                  &quote->domains_without_accounts) ||
      !read_strv (ctx, root, NULL, "free_domains", MEMBER_REQUIRED, &quote->free_domains) ||
      !read_strv (ctx, root, NULL, "blacklist_keywords", MEMBER_NULLABLE, &quote->blacklist_keywords) ||
      !read_strv (ctx, root, NULL, "provider_mismatch_domains", MEMBER_NULLABLE,
                  &quote->provider_mismatch_domains) ||
      !read_strv (ctx, root, NULL, "unsupported_provider_domains", MEMBER_NULLABLE,
                  &quote->unsupported_provider_domains) ||
      !parse_unavailable_providers (ctx, root, quote))
    return FALSE;

  if (!parse_items (ctx, root, "invalid_accounts", (ParseElementFunc) parse_invalid_account,
                    quote->invalid_accounts))
    return FALSE;

  if (!read_integer (ctx, root, NULL, "number_of_domains_ordered", MEMBER_REQUIRED, 0, G_MAXINT64,
                     &quote->number_of_domains_ordered, NULL,
                     unknown, MR_QUOTE_FIELD_NUMBER_OF_DOMAINS_ORDERED) ||
      !read_integer (ctx, root, NULL, "number_of_accounts_ordered", MEMBER_REQUIRED, 0, G_MAXINT64,
                     &quote->number_of_accounts_ordered, NULL,
                     unknown, MR_QUOTE_FIELD_NUMBER_OF_ACCOUNTS_ORDERED))
    return FALSE;

  /* money: price_per_account_per_month is required but null since
   * 2026-06-18 for mixed-provider orders */
  if (!read_money (ctx, root, NULL, "price_per_account_per_month", MEMBER_REQUIRED | MEMBER_NULLABLE,
                   &quote->price_per_account_per_month, &quote->has_price_per_account_per_month,
                   unknown, MR_QUOTE_FIELD_PRICE_PER_ACCOUNT_PER_MONTH) ||
      !parse_price_by_account_type (ctx, root, quote) ||
      !read_money (ctx, root, NULL, "price_per_domain_per_month", MEMBER_NULLABLE,
                   &quote->price_per_domain_per_month, &quote->has_price_per_domain_per_month,
                   unknown, MR_QUOTE_FIELD_PRICE_PER_DOMAIN_PER_MONTH) ||
      !read_money (ctx, root, NULL, "price_per_domain_per_year", MEMBER_REQUIRED,
                   &quote->price_per_domain_per_year, NULL,
                   unknown, MR_QUOTE_FIELD_PRICE_PER_DOMAIN_PER_YEAR) ||
      !read_money (ctx, root, NULL, "total_domains_price_per_year", MEMBER_REQUIRED,
                   &quote->total_domains_price_per_year, NULL,
                   unknown, MR_QUOTE_FIELD_TOTAL_DOMAINS_PRICE_PER_YEAR) ||
      !read_money (ctx, root, NULL, "total_accounts_price_per_month", MEMBER_REQUIRED,
                   &quote->total_accounts_price_per_month, NULL,
                   unknown, MR_QUOTE_FIELD_TOTAL_ACCOUNTS_PRICE_PER_MONTH) ||
      !read_money (ctx, root, NULL, "total_price_per_month", MEMBER_REQUIRED,
                   &quote->total_price_per_month, NULL,
                   unknown, MR_QUOTE_FIELD_TOTAL_PRICE_PER_MONTH) ||
      !read_money (ctx, root, NULL, "total_price_per_year", MEMBER_REQUIRED,
                   &quote->total_price_per_year, NULL,
                   unknown, MR_QUOTE_FIELD_TOTAL_PRICE_PER_YEAR) ||
      !read_money (ctx, root, NULL, "total_price", MEMBER_REQUIRED, &quote->total_price, NULL,
                   unknown, MR_QUOTE_FIELD_TOTAL_PRICE) ||
      !read_money (ctx, root, NULL, "total_discount", MEMBER_REQUIRED, &quote->total_discount, NULL,
                   unknown, MR_QUOTE_FIELD_TOTAL_DISCOUNT))
    return FALSE;

  /* The card fields are listed as required strings, but what a workspace
   * without a card gets is not documented: absent or null reads as "". */
  if (!read_string_keep (ctx, root, NULL, "payment_method_last_4_digits", MEMBER_NULLABLE,
                         &quote->payment_method_last_4_digits) ||
      !read_string_keep (ctx, root, NULL, "payment_method_brand", MEMBER_NULLABLE,
                         &quote->payment_method_brand) ||
      !read_string_keep (ctx, root, NULL, "payment_method_name_on_card", MEMBER_NULLABLE,
                         &quote->payment_method_name_on_card))
    return FALSE;

  if (!read_boolean (ctx, root, NULL, "checkout_required", MEMBER_NULLABLE, &quote->checkout_required, NULL) ||
      !read_string (ctx, root, NULL, "checkout_url", MEMBER_NULLABLE, &quote->checkout_url) ||
      !read_string (ctx, root, NULL, "cart_order_id", MEMBER_NULLABLE, &quote->cart_order_id))
    return FALSE;

  if (!read_array (ctx, root, NULL, "order_items", MEMBER_REQUIRED, &order_items) ||
      !parse_elements_split (ctx, order_items, "order_items", (ParseElementFunc) parse_quote_item,
                             quote->order_items))
    return FALSE;

  n_items = quote->order_items->len;
  for (guint i = 0; i < n_items; i++)
    {
      const MrQuoteItem *item = g_ptr_array_index (quote->order_items, i);

      if (item->unknown_fields != 0)
        quote->unknown_fields |= MR_QUOTE_FIELD_ORDER_ITEMS;
    }

  return TRUE;
}

MrQuote *
mr_json_parse_quote (GBytes  *bytes,
                     GError **error)
{
  g_autoptr(MrJsonDoc) document = NULL;
  g_autoptr(MrQuote) quote = NULL;
  const MrJsonValue *root;
  Ctx ctx = { error, NULL, FALSE };

  document = load_object (bytes, &root, error);
  if (document == NULL)
    return NULL;

  quote = mr_quote_new ();
  ctx.warnings = quote->warnings;

  if (!parse_quote_root (&ctx, root, quote))
    return NULL;

  return g_steal_pointer (&quote);
}

/* }}} */

/* Domain endpoints {{{ */

static MrDomainAvailability *
parse_availability (Ctx               *ctx,
                    const MrJsonValue *object,
                    const char        *path)
{
  g_autoptr(MrDomainAvailability) result = g_new0 (MrDomainAvailability, 1);
  g_autofree char *reason = NULL;
  gboolean available = FALSE;
  gboolean has_available = FALSE;

  /* nothing is required here: a result without its answer is unknown */
  if (!read_string (ctx, object, path, "domain", MEMBER_NULLABLE, &result->domain) ||
      !read_boolean (ctx, object, path, "available", MEMBER_NULLABLE, &available, &has_available) ||
      !read_string (ctx, object, path, "unavailable_reason", MEMBER_NULLABLE, &reason) ||
      !read_string (ctx, object, path, "restricted_keyword", MEMBER_NULLABLE, &result->restricted_keyword))
    return NULL;

  if (!has_available || result->domain == NULL)
    result->availability = MR_AVAILABILITY_UNKNOWN;
  else if (available)
    result->availability = MR_AVAILABILITY_AVAILABLE;
  else if (g_strcmp0 (reason, "restricted") == 0)
    result->availability = MR_AVAILABILITY_RESTRICTED;
  else
    result->availability = MR_AVAILABILITY_UNAVAILABLE;

  if (result->availability != MR_AVAILABILITY_RESTRICTED)
    g_clear_pointer (&result->restricted_keyword, g_free);

  return g_steal_pointer (&result);
}

GPtrArray *
mr_json_parse_check (GBytes  *bytes,
                     GError **error)
{
  g_autoptr(MrJsonDoc) document = NULL;
  g_autoptr(GPtrArray) results = NULL;
  Ctx ctx = { error, NULL, FALSE };
  const MrJsonValue *root;
  const MrJsonValue *array;

  document = load_object (bytes, &root, error);
  if (document == NULL)
    return NULL;

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_domain_availability_free);

  if (!read_array (&ctx, root, NULL, "results", MEMBER_NULLABLE, &array) ||
      !parse_elements (&ctx, array, "results", (ParseElementFunc) parse_availability, results))
    return NULL;

  return g_steal_pointer (&results);
}

GStrv
mr_json_parse_similar (GBytes  *bytes,
                       GError **error)
{
  g_autoptr(MrJsonDoc) document = NULL;
  g_auto(GStrv) domains = NULL;
  Ctx ctx = { error, NULL, FALSE };
  const MrJsonValue *root;

  document = load_object (bytes, &root, error);
  if (document == NULL)
    return NULL;

  domains = g_new0 (char *, 1);
  if (!read_strv (&ctx, root, NULL, "domains", MEMBER_NULLABLE, &domains))
    return NULL;

  return g_steal_pointer (&domains);
}

static MrPrewarmedDomain *
parse_typed_prewarmed (Ctx               *ctx,
                       const MrJsonValue *object,
                       const char        *path)
{
  g_autoptr(MrPrewarmedDomain) domain = g_new0 (MrPrewarmedDomain, 1);

  if (!read_string (ctx, object, path, "domain", MEMBER_REQUIRED, &domain->domain) ||
      !read_provider (ctx, object, path, "account_type", MEMBER_REQUIRED, &domain->account_type,
                      &domain->has_account_type))
    return NULL;

  return g_steal_pointer (&domain);
}

static MrPrewarmedDomain *
find_prewarmed (GPtrArray  *domains,
                const char *name)
{
  for (guint i = 0; i < domains->len; i++)
    {
      MrPrewarmedDomain *domain = g_ptr_array_index (domains, i);

      if (g_ascii_strcasecmp (domain->domain, name) == 0)
        return domain;
    }

  return NULL;
}

GPtrArray *
mr_json_parse_prewarmed (GBytes  *bytes,
                         GError **error)
{
  g_autoptr(MrJsonDoc) document = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  g_autoptr(GPtrArray) typed = NULL;
  g_auto(GStrv) names = NULL;
  Ctx ctx = { error, NULL, FALSE };
  const MrJsonValue *root;
  const MrJsonValue *array;

  document = load_object (bytes, &root, error);
  if (document == NULL)
    return NULL;

  names = g_new0 (char *, 1);
  typed = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_prewarmed_domain_free);
  if (!read_strv (&ctx, root, NULL, "domains", MEMBER_NULLABLE, &names) ||
      !read_array (&ctx, root, NULL, "domains_with_type", MEMBER_NULLABLE, &array) ||
      !parse_elements (&ctx, array, "domains_with_type", (ParseElementFunc) parse_typed_prewarmed,
                       typed))
    return NULL;

  /* `domains` in its order, with the type when domains_with_type has it;
   * then any typed domain the plain list did not name */
  domains = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_prewarmed_domain_free);

  for (guint i = 0; names[i] != NULL; i++)
    {
      MrPrewarmedDomain *with_type = find_prewarmed (typed, names[i]);
      MrPrewarmedDomain *domain;

      if (find_prewarmed (domains, names[i]) != NULL)
        continue;

      if (with_type != NULL)
        {
          domain = mr_prewarmed_domain_copy (with_type);
        }
      else
        {
          domain = g_new0 (MrPrewarmedDomain, 1);
          domain->domain = g_strdup (names[i]);
        }

      g_ptr_array_add (domains, domain);
    }

  for (guint i = 0; i < typed->len; i++)
    {
      MrPrewarmedDomain *with_type = g_ptr_array_index (typed, i);

      if (find_prewarmed (domains, with_type->domain) == NULL)
        g_ptr_array_add (domains, mr_prewarmed_domain_copy (with_type));
    }

  return g_steal_pointer (&domains);
}

/* }}} */

/* Lists {{{ */

static MrOrderRecord *
parse_order_record (Ctx               *ctx,
                    const MrJsonValue *object,
                    const char        *path)
{
  g_autoptr(MrOrderRecord) record = g_new0 (MrOrderRecord, 1);

  if (!read_string (ctx, object, path, "workspace_id", MEMBER_REQUIRED, &record->workspace_id) ||
      !read_string (ctx, object, path, "domain", MEMBER_REQUIRED, &record->domain) ||
      !read_string (ctx, object, path, "forwarding_domain", MEMBER_NULLABLE, &record->forwarding_domain) ||
      !read_string (ctx, object, path, "forwarding_mode", MEMBER_NULLABLE, &record->forwarding_mode) ||
      !read_boolean (ctx, object, path, "is_pre_warmed_up", MEMBER_NULLABLE,
                     &record->is_pre_warmed_up, &record->has_is_pre_warmed_up) ||
      !read_date (ctx, object, path, "timestamp_created", MEMBER_REQUIRED, &record->timestamp_created, NULL) ||
      !read_date (ctx, object, path, "timestamp_cancelled", MEMBER_NULLABLE,
                  &record->timestamp_cancelled, &record->cancelled))
    return NULL;

  return g_steal_pointer (&record);
}

static MrOrderedAccount *
parse_ordered_account (Ctx               *ctx,
                       const MrJsonValue *object,
                       const char        *path)
{
  g_autoptr(MrOrderedAccount) account = g_new0 (MrOrderedAccount, 1);

  /* timestamp_cancelled is typed as a required string, but an active
   * account has no such time: null, "" (or absence) means active */
  if (!read_string (ctx, object, path, "id", MEMBER_REQUIRED, &account->id) ||
      !read_string (ctx, object, path, "domain", MEMBER_REQUIRED, &account->domain) ||
      !read_string (ctx, object, path, "email", MEMBER_REQUIRED, &account->email) ||
      !read_provider (ctx, object, path, "email_provider", MEMBER_REQUIRED, &account->email_provider, NULL) ||
      !read_string (ctx, object, path, "first_name", MEMBER_REQUIRED, &account->first_name) ||
      !read_string (ctx, object, path, "last_name", MEMBER_REQUIRED, &account->last_name) ||
      !read_boolean (ctx, object, path, "is_pre_warmed_up", MEMBER_REQUIRED, &account->is_pre_warmed_up, NULL) ||
      !read_date (ctx, object, path, "timestamp_created", MEMBER_REQUIRED, &account->timestamp_created, NULL) ||
      !read_date (ctx, object, path, "timestamp_cancelled", MEMBER_NULLABLE,
                  &account->timestamp_cancelled, &account->cancelled) ||
      !read_string (ctx, object, path, "password", MEMBER_NULLABLE, &account->password))
    return NULL;

  return g_steal_pointer (&account);
}

static MrPage *
parse_page (GBytes           *bytes,
            ParseElementFunc  parse_element,
            GDestroyNotify    free_element,
            GError          **error)
{
  g_autoptr(MrJsonDoc) document = NULL;
  g_autoptr(MrPage) page = NULL;
  Ctx ctx = { error, NULL, FALSE };
  const MrJsonValue *root;

  document = load_object (bytes, &root, error);
  if (document == NULL)
    return NULL;

  page = mr_page_new (free_element);
  ctx.warnings = page->warnings;

  if (!parse_items (&ctx, root, "items", parse_element, page->items) ||
      !read_string (&ctx, root, NULL, "next_starting_after", MEMBER_NULLABLE, &page->next_starting_after))
    return NULL;

  /* an empty cursor cannot lead anywhere */
  if (page->next_starting_after != NULL && page->next_starting_after[0] == '\0')
    g_clear_pointer (&page->next_starting_after, g_free);

  return g_steal_pointer (&page);
}

MrPage *
mr_json_parse_orders (GBytes  *bytes,
                      GError **error)
{
  return parse_page (bytes, (ParseElementFunc) parse_order_record,
                     (GDestroyNotify) mr_order_record_free, error);
}

MrPage *
mr_json_parse_accounts (GBytes  *bytes,
                        GError **error)
{
  return parse_page (bytes, (ParseElementFunc) parse_ordered_account,
                     (GDestroyNotify) mr_ordered_account_free, error);
}

GPtrArray *
mr_json_parse_cancel (GBytes  *bytes,
                      GError **error)
{
  g_autoptr(MrJsonDoc) document = NULL;
  g_autoptr(GPtrArray) items = NULL;
  Ctx ctx = { error, NULL, FALSE };
  const MrJsonValue *root;

  document = load_object (bytes, &root, error);
  if (document == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_ordered_account_free);
  if (!parse_items (&ctx, root, "items", (ParseElementFunc) parse_ordered_account, items))
    return NULL;

  return g_steal_pointer (&items);
}

/* }}} */

/* Error envelope {{{ */

static const char *
object_string (const MrJsonValue *object,
               const char        *member)
{
  const MrJsonValue *node = mr_json_value_get_member (object, member);

  if (node == NULL || !node_is_string (node))
    return NULL;

  return node->string;
}

GError *
mr_json_parse_error_reply (guint   http_status,
                           GBytes *bytes)
{
  g_autoptr(MrJsonDoc) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  const MrJsonValue *root = NULL;
  const char *phrase;

  phrase = soup_status_get_phrase (http_status);

  if (bytes != NULL && g_bytes_get_size (bytes) > 0)
    document = load_object (bytes, &root, &local_error);

  if (root != NULL)
    {
      const char *server_error = object_string (root, "error");
      const char *server_message = object_string (root, "message");
      const MrJsonValue *status_node = mr_json_value_get_member (root, "statusCode");

      /* statusCode, error and message make the envelope; the 400 of
       * /domains/similar marks none of them required, so a message alone
       * will do */
      if (server_message != NULL &&
          (status_node == NULL || node_is_number (status_node)))
        return mr_api_error_new_http (http_status,
                                      server_error != NULL ? server_error : phrase,
                                      server_message,
                                      -1,
                                      object_string (root, "code"),
                                      object_string (root, "keyword"));
    }

  if (phrase != NULL && phrase[0] != '\0')
    message = g_strdup_printf (_("The server answered “%u %s” with a reply that was not understood."),
                               http_status, phrase);
  else
    message = g_strdup_printf (_("The server answered with status %u and a reply that was not understood."),
                               http_status);

  return mr_api_error_new_http (http_status, phrase, message, -1, NULL, NULL);
}

/* }}} */
