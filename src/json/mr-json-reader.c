/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mr-json-reader"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mr-json-reader.h"

/* A number literal longer than this is not worth converting exactly */
#define MAX_NUMBER_TEXT 512

/* Member names wait here, one buffer per level, while their value is read */
#define MAX_NAME_LEVELS 65

typedef struct
{
  const char  *data;
  const char  *end;
  const char  *p;
  guint        depth;
  guint        max_depth;
  GString     *text;
  GString     *names[MAX_NAME_LEVELS];
  GError     **error;
} Reader;

G_DEFINE_QUARK (mr-json-reader-error-quark, mr_json_reader_error)

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline void
skip_space (Reader *r)
{
  while (r->p < r->end && is_space (*r->p))
    r->p++;
}

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* What is at @at, for a message: always valid UTF-8 */
static char *
describe (const Reader *r,
          const char   *at)
{
  guchar c;

  if (at >= r->end)
    return g_strdup (_("end of the text"));

  c = (guchar) *at;
  if (c > 0x20 && c < 0x7f)
    return g_strdup_printf ("“%c”", c);

  if (c >= 0x80)
    {
      gunichar ch = g_utf8_get_char_validated (at, r->end - at);

      if (ch != (gunichar) -1 && ch != (gunichar) -2 && g_unichar_isprint (ch))
        return g_strdup_printf ("“%.*s”", g_utf8_skip[c], at);
      if (ch != (gunichar) -1 && ch != (gunichar) -2)
        return g_strdup_printf ("U+%04X", ch);

      /* Translators: a byte that is not UTF-8, as in "byte 0xFF" */
      return g_strdup_printf (_("byte 0x%02X"), c);
    }

  return g_strdup_printf ("U+%04X", c);
}

static void
fail_syntax (Reader     *r,
             const char *at,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
fail_syntax (Reader     *r,
             const char *at,
             const char *format,
             ...)
{
  g_autofree char *what = NULL;
  guint line = 1;
  guint column = 1;
  va_list args;

  for (const char *q = r->data; q < at && q < r->end; q++)
    {
      if (*q == '\n')
        {
          line++;
          column = 1;
        }
      else if (((guchar) *q & 0xc0) != 0x80)
        {
          column++;
        }
    }

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: a line and a column number, then what is wrong there */
  g_set_error (r->error, MR_JSON_READER_ERROR, MR_JSON_READER_ERROR_SYNTAX,
               _("line %u, column %u: %s."), line, column, what);
}

static void
fail_unexpected (Reader     *r,
                 const char *at,
                 const char *expected)
{
  g_autofree char *what = describe (r, at);

  /* Translators: what was found, then what was expected there */
  fail_syntax (r, at, _("unexpected %s, expected %s"), what, expected);
}

static void
append_replacement (GString *text)
{
  g_string_append_len (text, "\xef\xbf\xbd", 3);
}

/* r->p is at the opening quote; the string goes into @text */
static gboolean
read_string (Reader  *r,
             GString *text)
{
  const char *p = r->p + 1;
  const char *end = r->end;

  g_string_truncate (text, 0);

  for (;;)
    {
      const char *run = p;
      guchar c;

      while (p < end)
        {
          c = (guchar) *p;
          if (c == '"' || c == '\\' || c >= 0x80 || c == 0)
            break;
          p++;
        }

      if (p > run)
        g_string_append_len (text, run, p - run);

      if (p >= end)
        {
          fail_syntax (r, end, "%s", _("the text ends inside a string"));
          return FALSE;
        }

      c = (guchar) *p;

      if (c == '"')
        {
          r->p = p + 1;
          return TRUE;
        }

      if (c == 0)
        {
          /* it would cut the string short */
          append_replacement (text);
          p++;
          continue;
        }

      if (c >= 0x80)
        {
          gunichar ch = g_utf8_get_char_validated (p, end - p);

          if (ch == (gunichar) -1 || ch == (gunichar) -2)
            {
              append_replacement (text);
              p++;
            }
          else
            {
              int length = g_utf8_skip[c];

              g_string_append_len (text, p, length);
              p += length;
            }
          continue;
        }

      /* a backslash */
      if (p + 1 >= end)
        {
          fail_syntax (r, end, "%s", _("the text ends inside a string"));
          return FALSE;
        }

      switch (p[1])
        {
        case '"':
        case '\\':
        case '/':
          g_string_append_c (text, p[1]);
          p += 2;
          break;

        case 'b':
          g_string_append_c (text, '\b');
          p += 2;
          break;

        case 'f':
          g_string_append_c (text, '\f');
          p += 2;
          break;

        case 'n':
          g_string_append_c (text, '\n');
          p += 2;
          break;

        case 'r':
          g_string_append_c (text, '\r');
          p += 2;
          break;

        case 't':
          g_string_append_c (text, '\t');
          p += 2;
          break;

        case 'u':
          {
            const char *q = p + 2;
            gunichar unit = 0;

            while (q < end && q < p + 6 && hex_value (*q) >= 0)
              unit = unit * 16 + hex_value (*q++);

            if (q < p + 6)
              {
                /* fewer than four hex digits: one U+FFFD for all of it */
                append_replacement (text);
                p = q;
                break;
              }
            p = q;

            if (unit >= 0xd800 && unit <= 0xdbff && end - p >= 6 && p[0] == '\\' && p[1] == 'u')
              {
                gunichar low = 0;
                int i;

                for (i = 2; i < 6 && hex_value (p[i]) >= 0; i++)
                  low = low * 16 + hex_value (p[i]);

                if (i == 6 && low >= 0xdc00 && low <= 0xdfff)
                  {
                    g_string_append_unichar (text, 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
                    p += 6;
                    break;
                  }
              }

            if (unit == 0 || (unit >= 0xd800 && unit <= 0xdfff))
              append_replacement (text);
            else
              g_string_append_unichar (text, unit);
          }
          break;

        default:
          fail_unexpected (r, p + 1, _("an escape after the backslash"));
          return FALSE;
        }
    }
}

static JsonNode *
read_number (Reader *r)
{
  const char *start = r->p;
  const char *p = r->p;
  const char *end = r->end;
  gboolean integer = TRUE;
  char text[MAX_NUMBER_TEXT + 1];
  gsize length;
  double value;

  if (*p == '-')
    p++;

  if (p >= end || !g_ascii_isdigit (*p))
    goto broken;

  if (*p == '0')
    p++;
  else
    while (p < end && g_ascii_isdigit (*p))
      p++;

  if (p < end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        goto broken;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        goto broken;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  r->p = p;
  length = p - start;

  /* no number that long fits anything: a huge double */
  if (length > MAX_NUMBER_TEXT)
    return json_node_init_double (json_node_alloc (), *start == '-' ? -1.0e308 : 1.0e308);

  if (integer && length <= 18)
    {
      gint64 sum = 0;

      for (const char *q = *start == '-' ? start + 1 : start; q < p; q++)
        sum = sum * 10 + (*q - '0');

      return json_node_init_int (json_node_alloc (), *start == '-' ? -sum : sum);
    }

  memcpy (text, start, length);
  text[length] = '\0';

  if (integer)
    {
      gint64 whole;

      errno = 0;
      whole = g_ascii_strtoll (text, NULL, 10);
      if (errno != ERANGE)
        return json_node_init_int (json_node_alloc (), whole);
      /* beyond gint64: the double it is */
    }

  value = g_ascii_strtod (text, NULL);
  if (isinf (value))
    value = value < 0 ? -1.0e308 : 1.0e308;

  return json_node_init_double (json_node_alloc (), value);

broken:
  fail_unexpected (r, p, _("a digit"));
  return NULL;
}

static gboolean
read_word (Reader     *r,
           const char *word,
           gsize       length)
{
  if ((gsize) (r->end - r->p) < length || memcmp (r->p, word, length) != 0)
    {
      fail_unexpected (r, r->p, _("a value"));
      return FALSE;
    }

  r->p += length;
  return TRUE;
}

static JsonNode *read_value (Reader *r);

static gboolean
enter (Reader *r)
{
  if (++r->depth > r->max_depth)
    {
      g_set_error (r->error, MR_JSON_READER_ERROR, MR_JSON_READER_ERROR_DEPTH,
                   _("it is nested more than %u levels deep."), r->max_depth);
      return FALSE;
    }

  return TRUE;
}

static JsonNode *
read_array (Reader *r)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  if (!enter (r))
    return NULL;

  array = json_array_new ();
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      r->depth--;
      return g_steal_pointer (&node);
    }

  for (;;)
    {
      JsonNode *element = read_value (r);

      if (element == NULL)
        return NULL;

      json_node_set_parent (element, node);
      json_array_add_element (array, element);

      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          skip_space (r);
          continue;
        }
      if (r->p < r->end && *r->p == ']')
        {
          r->p++;
          break;
        }

      fail_unexpected (r, r->p, _("“,” or “]”"));
      return NULL;
    }

  r->depth--;
  return g_steal_pointer (&node);
}

static JsonNode *
read_object (Reader *r)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GString) own_name = NULL;
  JsonObject *object;
  GString *name;

  if (!enter (r))
    return NULL;

  if (r->depth >= MAX_NAME_LEVELS)
    name = own_name = g_string_new (NULL);
  else if ((name = r->names[r->depth]) == NULL)
    name = r->names[r->depth] = g_string_sized_new (32);

  object = json_object_new ();
  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      goto done;
    }

  for (;;)
    {
      JsonNode *member;

      if (r->p >= r->end || *r->p != '"')
        {
          fail_unexpected (r, r->p, _("a member name in double quotes"));
          return NULL;
        }
      if (!read_string (r, name))
        return NULL;

      skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        {
          fail_unexpected (r, r->p, _("“:”"));
          return NULL;
        }
      r->p++;
      skip_space (r);

      member = read_value (r);
      if (member == NULL)
        return NULL;

      json_node_set_parent (member, node);
      json_object_set_member (object, name->str, member);

      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          skip_space (r);
          continue;
        }
      if (r->p < r->end && *r->p == '}')
        {
          r->p++;
          break;
        }

      fail_unexpected (r, r->p, _("“,” or “}”"));
      return NULL;
    }

done:
  r->depth--;
  return g_steal_pointer (&node);
}

/* r->p is at the first byte of the value */
static JsonNode *
read_value (Reader *r)
{
  if (r->p >= r->end)
    {
      fail_unexpected (r, r->p, _("a value"));
      return NULL;
    }

  switch (*r->p)
    {
    case '{':
      return read_object (r);

    case '[':
      return read_array (r);

    case '"':
      if (!read_string (r, r->text))
        return NULL;
      return json_node_init_string (json_node_alloc (), r->text->str);

    case 't':
      return read_word (r, "true", 4) ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;

    case 'f':
      return read_word (r, "false", 5) ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;

    case 'n':
      return read_word (r, "null", 4) ? json_node_init_null (json_node_alloc ()) : NULL;

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return read_number (r);

    default:
      fail_unexpected (r, r->p, _("a value"));
      return NULL;
    }
}

gboolean
mr_json_read (const char  *data,
              gsize        size,
              guint        max_depth,
              JsonNode   **out_root,
              GError     **error)
{
  Reader r = { 0 };
  JsonNode *root;

  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (out_root != NULL, FALSE);

  *out_root = NULL;

  r.data = data != NULL ? data : "";
  r.end = r.data + size;
  r.p = r.data;
  r.max_depth = max_depth;
  r.error = error;

  if (size >= 3 && memcmp (r.p, "\xef\xbb\xbf", 3) == 0)
    r.p += 3;

  skip_space (&r);
  if (r.p == r.end)
    return TRUE;

  r.text = g_string_sized_new (64);
  root = read_value (&r);

  g_string_free (r.text, TRUE);
  for (guint i = 0; i < MAX_NAME_LEVELS; i++)
    if (r.names[i] != NULL)
      g_string_free (r.names[i], TRUE);

  if (root == NULL)
    return FALSE;

  skip_space (&r);
  if (r.p != r.end)
    {
      json_node_unref (root);
      g_set_error_literal (error, MR_JSON_READER_ERROR, MR_JSON_READER_ERROR_TRAILING,
                           _("there is more after its value."));
      return FALSE;
    }

  *out_root = root;
  return TRUE;
}
