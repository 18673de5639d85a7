/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "mr-json-differ.h"
#include "mr-json-guard.h"
#include "mr-json-reader.h"

G_GNUC_NORETURN static void
differ (const char *path,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static void
differ (const char *path,
        const char *format,
        ...)
{
  va_list args;

  fprintf (stderr, "mr_json_read and guard + json-glib differ at %s: ", path);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  abort ();
}

/* The recognizer: what mr_json_read() must accept, written apart from it
 * as plain index arithmetic, without building anything. */

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         at;
  guint         depth;
} Text;

static gboolean recognize_value (Text *t);

static int
peek (const Text *t)
{
  return t->at < t->size ? t->data[t->at] : -1;
}

static void
space (Text *t)
{
  while (peek (t) == ' ' || peek (t) == '\t' || peek (t) == '\n' || peek (t) == '\r')
    t->at++;
}

static gboolean
digits (Text *t)
{
  gsize from = t->at;

  while (peek (t) >= '0' && peek (t) <= '9')
    t->at++;

  return t->at > from;
}

static gboolean
recognize_string (Text *t)
{
  t->at++;
  for (;;)
    {
      int c = peek (t);

      if (c < 0)
        return FALSE;
      t->at++;
      if (c == '"')
        return TRUE;
      if (c != '\\')
        continue;

      c = peek (t);
      if (c <= 0 || strchr ("\"\\/bfnrtu", c) == NULL)
        return FALSE;
      t->at++;
      if (c == 'u')
        for (guint i = 0; i < 4 && peek (t) >= 0 && g_ascii_isxdigit (peek (t)); i++)
          t->at++;
    }
}

static gboolean
recognize_number (Text *t)
{
  if (peek (t) == '-')
    t->at++;
  if (peek (t) == '0')
    t->at++;
  else if (!(peek (t) >= '1' && peek (t) <= '9') || !digits (t))
    return FALSE;
  if (peek (t) == '.')
    {
      t->at++;
      if (!digits (t))
        return FALSE;
    }
  if (peek (t) == 'e' || peek (t) == 'E')
    {
      t->at++;
      if (peek (t) == '+' || peek (t) == '-')
        t->at++;
      if (!digits (t))
        return FALSE;
    }

  return TRUE;
}

static gboolean
recognize_word (Text       *t,
                const char *word)
{
  gsize n = strlen (word);

  if (t->size - t->at < n || memcmp (t->data + t->at, word, n) != 0)
    return FALSE;
  t->at += n;

  return TRUE;
}

/* [ or {, their members and their closing bracket */
static gboolean
recognize_container (Text *t,
                     int   close)
{
  if (++t->depth > MR_JSON_MAX_DEPTH)
    return FALSE;
  t->at++;
  space (t);
  if (peek (t) == close)
    {
      t->at++;
      t->depth--;
      return TRUE;
    }

  for (;;)
    {
      if (close == '}')
        {
          if (peek (t) != '"' || !recognize_string (t))
            return FALSE;
          space (t);
          if (peek (t) != ':')
            return FALSE;
          t->at++;
          space (t);
        }
      if (!recognize_value (t))
        return FALSE;
      space (t);
      if (peek (t) == close)
        {
          t->at++;
          t->depth--;
          return TRUE;
        }
      if (peek (t) != ',')
        return FALSE;
      t->at++;
      space (t);
    }
}

static gboolean
recognize_value (Text *t)
{
  switch (peek (t))
    {
    case '{':
      return recognize_container (t, '}');
    case '[':
      return recognize_container (t, ']');
    case '"':
      return recognize_string (t);
    case 't':
      return recognize_word (t, "true");
    case 'f':
      return recognize_word (t, "false");
    case 'n':
      return recognize_word (t, "null");
    default:
      return recognize_number (t);
    }
}

static gboolean
recognize (const guint8 *data,
           gsize         size)
{
  Text t = { data, size, 0, 0 };

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    t.at = 3;
  space (&t);
  if (t.at == size)
    return TRUE;
  if (!recognize_value (&t))
    return FALSE;
  space (&t);

  return t.at == size;
}

/* Comparing trees */

static void
check_new_strings (JsonNode   *node,
                   const char *path)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) names = json_object_get_members (object);

        for (GList *l = names; l != NULL; l = l->next)
          {
            g_autofree char *child = g_strconcat (path, ".", l->data, NULL);

            if (!g_utf8_validate (l->data, -1, NULL))
              differ (path, "a member name is not valid UTF-8");
            check_new_strings (json_object_get_member (object, l->data), child);
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);

            check_new_strings (json_array_get_element (array, i), child);
          }
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING &&
          !g_utf8_validate (json_node_get_string (node), -1, NULL))
        differ (path, "mr_json_read gave a string that is not valid UTF-8");
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE &&
          !isfinite (json_node_get_double (node)))
        differ (path, "mr_json_read gave a number that is not finite");
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

static void
compare (JsonNode   *ours,
         JsonNode   *theirs,
         JsonNode   *our_parent,
         JsonNode   *their_parent,
         const char *path)
{
  if (json_node_get_parent (ours) != our_parent)
    differ (path, "mr_json_read set the wrong parent");
  if (json_node_get_parent (theirs) != their_parent)
    differ (path, "json-glib set a parent we did not expect");
  if (json_node_get_node_type (ours) != json_node_get_node_type (theirs))
    differ (path, "node type %s, json-glib %s",
            json_node_type_name (ours), json_node_type_name (theirs));

  switch (json_node_get_node_type (ours))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *a = json_node_get_object (ours);
        JsonObject *b = json_node_get_object (theirs);
        g_autoptr(GList) names_a = json_object_get_members (a);
        g_autoptr(GList) names_b = json_object_get_members (b);
        GList *la = names_a;
        GList *lb = names_b;

        for (; la != NULL && lb != NULL; la = la->next, lb = lb->next)
          {
            g_autofree char *child = g_strconcat (path, ".", la->data, NULL);

            if (strcmp (la->data, lb->data) != 0)
              differ (path, "member “%s”, json-glib “%s”", (char *) la->data, (char *) lb->data);
            compare (json_object_get_member (a, la->data), json_object_get_member (b, lb->data),
                     ours, theirs, child);
          }
        if (la != NULL || lb != NULL)
          differ (path, "%u members, json-glib %u",
                  json_object_get_size (a), json_object_get_size (b));
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (ours);
        JsonArray *b = json_node_get_array (theirs);

        if (json_array_get_length (a) != json_array_get_length (b))
          differ (path, "%u elements, json-glib %u",
                  json_array_get_length (a), json_array_get_length (b));
        for (guint i = 0; i < json_array_get_length (a); i++)
          {
            g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);

            compare (json_array_get_element (a, i), json_array_get_element (b, i),
                     ours, theirs, child);
          }
      }
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (ours);

        if (type != json_node_get_value_type (theirs))
          differ (path, "value type %s, json-glib %s",
                  g_type_name (type), g_type_name (json_node_get_value_type (theirs)));

        if (type == G_TYPE_INT64 && json_node_get_int (ours) != json_node_get_int (theirs))
          differ (path, "%" G_GINT64_FORMAT ", json-glib %" G_GINT64_FORMAT,
                  json_node_get_int (ours), json_node_get_int (theirs));

        if (type == G_TYPE_DOUBLE)
          {
            double a = json_node_get_double (ours);
            double b = json_node_get_double (theirs);

            if (memcmp (&a, &b, sizeof a) != 0)
              differ (path, "%.17g, json-glib %.17g", a, b);
          }

        if (type == G_TYPE_BOOLEAN && json_node_get_boolean (ours) != json_node_get_boolean (theirs))
          differ (path, "a different boolean");

        if (type == G_TYPE_STRING &&
            strcmp (json_node_get_string (ours), json_node_get_string (theirs)) != 0)
          differ (path, "“%s”, json-glib “%s”",
                  json_node_get_string (ours), json_node_get_string (theirs));
      }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

/* The path mr_json_read() replaces: TRUE when it reads the text, with
 * its root (NULL for white space) in *out_root */
static gboolean
read_old (const guint8  *data,
          gsize          size,
          JsonNode     **out_root)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GBytes) guarded = NULL;
  g_autoptr(JsonParser) parser = NULL;
  const char *guarded_data;
  gsize guarded_size = 0;
  JsonNode *root;

  *out_root = NULL;

  guarded = mr_json_guard (bytes, MR_JSON_MAX_DEPTH, NULL);
  if (guarded == NULL)
    return FALSE;

  guarded_data = g_bytes_get_data (guarded, &guarded_size);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, guarded_data != NULL ? guarded_data : "",
                                   (gssize) MIN (guarded_size, G_MAXSSIZE), NULL))
    return FALSE;

  root = json_parser_get_root (parser);
  *out_root = root != NULL ? json_node_ref (root) : NULL;

  return TRUE;
}

/* json-glib 1.10 (the current stack) refuses a raw tab, line feed or
 * carriage return inside a string, yet still reads every other raw control
 * character (U+0001, U+001F): a quirk of the tokenizer it rewrote for 1.10
 * (1.6 in Debian 12 reads them all; 1.8 left the tokenizer alone), not
 * RFC 8259 strictness. mr_json_read() keeps all of them, as documented
 * (RFC 8259 section 9 lets a parser accept such strings), and as the path
 * it replaced did on json-glib 1.6. So from json-glib 1.9 (1.10's
 * development series) on, and only for text whose strings hold one of
 * those three bytes, the old path reads the text with them escaped (\t,
 * \n, \r: the same string values) instead, and everything else is checked
 * as before. NULL when @data has none of them in a string. @data is text
 * the recognizer accepts. */
static GBytes *
escape_raw_space (const guint8 *data,
                  gsize         size)
{
#if JSON_CHECK_VERSION (1, 9, 0)
  g_autoptr(GString) out = NULL;
  gboolean in_string = FALSE;
  gsize copied = 0;

  for (gsize i = 0; i < size; i++)
    {
      const char *escape = NULL;

      if (!in_string)
        {
          in_string = data[i] == '"';
          continue;
        }
      if (data[i] == '\\')
        i++;
      else if (data[i] == '"')
        in_string = FALSE;
      else if (data[i] == '\t')
        escape = "\\t";
      else if (data[i] == '\n')
        escape = "\\n";
      else if (data[i] == '\r')
        escape = "\\r";

      if (escape == NULL)
        continue;
      if (out == NULL)
        out = g_string_sized_new (size + 16);
      g_string_append_len (out, (const char *) data + copied, i - copied);
      g_string_append (out, escape);
      copied = i + 1;
    }

  if (out == NULL)
    return NULL;
  g_string_append_len (out, (const char *) data + copied, size - copied);

  return g_string_free_to_bytes (g_steal_pointer (&out));
#else
  (void) data;
  (void) size;

  return NULL;
#endif
}

MrJsonDifferVerdict
mr_json_differ_check (const guint8 *data,
                      gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ours = NULL;
  g_autoptr(JsonNode) theirs = NULL;
  gboolean ours_read;
  gboolean theirs_read;
  gboolean valid;

  ours_read = mr_json_read ((const char *) data, size, MR_JSON_MAX_DEPTH, &ours, &error);
  valid = recognize (data, size);

  if (ours_read != valid)
    differ ("the root", "mr_json_read %s what the recognizer %s%s%s",
            ours_read ? "reads" : "refuses", valid ? "reads" : "refuses",
            error != NULL ? ": " : "", error != NULL ? error->message : "");

  if (!ours_read)
    {
      g_assert (error != NULL && error->domain == MR_JSON_READER_ERROR);
      if (!g_utf8_validate (error->message, -1, NULL))
        differ ("the root", "the error message is not valid UTF-8");
      if (error->code == MR_JSON_READER_ERROR_SYNTAX && !g_str_has_prefix (error->message, "line "))
        differ ("the root", "the syntax error names no line: %s", error->message);
    }
  else
    {
      g_assert (error == NULL);
      if (ours != NULL)
        check_new_strings (ours, "the root");
    }

  theirs_read = read_old (data, size, &theirs);

  if (!ours_read)
    return theirs_read ? MR_JSON_DIFFER_EXTENSION : MR_JSON_DIFFER_BOTH_REFUSE;

  if (!theirs_read)
    {
      g_autoptr(GBytes) escaped = escape_raw_space (data, size);
      gsize escaped_size = 0;
      const guint8 *escaped_data = escaped != NULL ? g_bytes_get_data (escaped, &escaped_size) : NULL;

      if (escaped == NULL || !read_old (escaped_data, escaped_size, &theirs))
        differ ("the root", "json-glib refuses what mr_json_read reads");
    }

  if ((ours == NULL) != (theirs == NULL))
    differ ("the root", "%s, json-glib %s", ours == NULL ? "empty" : "a value",
            theirs == NULL ? "empty" : "a value");

  if (ours != NULL)
    compare (ours, theirs, NULL, NULL, "the root");

  return MR_JSON_DIFFER_SAME;
}
