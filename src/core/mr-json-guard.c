/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mr-json"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mr-error.h"
#include "mr-json-guard.h"
#include "mr-json-reader.h"

#define REPLACEMENT_ESCAPE "\\ufffd"
#define REPLACEMENT_UTF8   "\xef\xbf\xbd"

/* A number literal longer than this is not worth converting exactly */
#define MAX_NUMBER_TEXT 512

typedef struct
{
  const char *data;
  gsize       size;
  gsize       copied;  /* data[0 .. copied) is in out already */
  GString    *out;     /* NULL until the first change */
} Rewrite;

/* Replaces data[at .. at + length) by @replacement */
static void
rewrite (Rewrite    *rw,
         gsize       at,
         gsize       length,
         const char *replacement)
{
  if (rw->out == NULL)
    rw->out = g_string_sized_new (rw->size + 16);

  g_string_append_len (rw->out, rw->data + rw->copied, at - rw->copied);
  g_string_append (rw->out, replacement);
  rw->copied = at + length;
}

static int
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

/* The code unit of the \uXXXX escape at data[at], or -1 */
static int
escape_unit (const Rewrite *rw,
             gsize          at)
{
  int unit = 0;

  if (at + 6 > rw->size || rw->data[at] != '\\' || rw->data[at + 1] != 'u')
    return -1;

  for (guint i = 2; i < 6; i++)
    {
      int digit = hex_value (rw->data[at + i]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }

  return unit;
}

/* data[at] is the opening quote; returns the index after the string
 * (or the end of the data when it is not closed) */
static gsize
scan_string (Rewrite *rw,
             gsize    at)
{
  gsize i = at + 1;

  while (i < rw->size)
    {
      guchar c = (guchar) rw->data[i];

      if (c == '"')
        return i + 1;

      if (c == '\\')
        {
          int unit = escape_unit (rw, i);

          if (unit < 0 && i + 1 < rw->size && rw->data[i + 1] == 'u')
            {
              /* a \u with fewer than four hex digits: json-glib 1.6 reads
               * it anyway, together with whatever follows; one U+FFFD */
              gsize end = i + 2;

              while (end < rw->size && end < i + 6 && hex_value (rw->data[end]) >= 0)
                end++;
              rewrite (rw, i, end - i, REPLACEMENT_ESCAPE);
              i = end;
              continue;
            }

          if (unit < 0)
            {
              /* another escape, or a broken one json-glib will report */
              i += MIN (2, rw->size - i);
              continue;
            }

          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              int low = escape_unit (rw, i + 6);

              if (low >= 0xdc00 && low <= 0xdfff)
                {
                  i += 12;
                  continue;
                }
            }

          if (unit == 0 || (unit >= 0xd800 && unit <= 0xdfff))
            rewrite (rw, i, 6, REPLACEMENT_ESCAPE);

          i += 6;
          continue;
        }

      if (c == 0)
        {
          /* would cut the string short */
          rewrite (rw, i, 1, REPLACEMENT_ESCAPE);
          i++;
          continue;
        }

      if (c >= 0x80)
        {
          gunichar ch = g_utf8_get_char_validated (rw->data + i, rw->size - i);

          if (ch == (gunichar) -1 || ch == (gunichar) -2)
            {
              rewrite (rw, i, 1, REPLACEMENT_UTF8);
              i++;
            }
          else
            {
              i += g_unichar_to_utf8 (ch, NULL);
            }
          continue;
        }

      i++;
    }

  return i;
}

static gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* data[at] starts a number; returns the index after it */
static gsize
scan_number (Rewrite *rw,
             gsize    at)
{
  gsize end = at;
  gboolean integer = TRUE;
  char text[MAX_NUMBER_TEXT + 1];
  gsize length;

  while (end < rw->size && is_number_char (rw->data[end]))
    {
      if (rw->data[end] == '.' || rw->data[end] == 'e' || rw->data[end] == 'E')
        integer = FALSE;
      end++;
    }

  length = end - at;
  if (length > MAX_NUMBER_TEXT)
    {
      /* no number that long fits anything: make it a huge double */
      rewrite (rw, at, length, rw->data[at] == '-' ? "-1.0e308" : "1.0e308");
      return end;
    }

  memcpy (text, rw->data + at, length);
  text[length] = '\0';

  if (integer)
    {
      char *tail = NULL;

      errno = 0;
      (void) g_ascii_strtoll (text, &tail, 10);
      if (errno == ERANGE && tail == text + length)
        {
          g_autofree char *replacement = g_strconcat (text, ".0", NULL);

          /* 309 digits or more are too many for a double as well */
          if (isinf (g_ascii_strtod (text, NULL)))
            rewrite (rw, at, length, text[0] == '-' ? "-1.0e308" : "1.0e308");
          else
            rewrite (rw, at, length, replacement);
        }
    }
  else
    {
      char *tail = NULL;
      double value = g_ascii_strtod (text, &tail);

      if (tail == text + length && isinf (value))
        rewrite (rw, at, length, value < 0 ? "-1.0e308" : "1.0e308");
    }

  return end;
}

GBytes *
mr_json_guard (GBytes  *bytes,
               guint    max_depth,
               GError **error)
{
  Rewrite rw = { 0 };
  guint depth = 0;
  gboolean closed = FALSE;
  gsize i = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  rw.data = g_bytes_get_data (bytes, &rw.size);

  while (i < rw.size)
    {
      char c = rw.data[i];

      /* json-glib 1.6 takes "{…} {…}" or "1 {…}" as its first value and
       * leaks the rest: after the top-level value, only white space */
      if (closed && c != ' ' && c != '\t' && c != '\n' && c != '\r')
        {
          if (rw.out != NULL)
            g_string_free (rw.out, TRUE);
          g_set_error_literal (error, MR_API_ERROR, MR_API_ERROR_PARSE,
                               _("The reply is not valid JSON: there is more after its value."));
          return NULL;
        }

      switch (c)
        {
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              if (rw.out != NULL)
                g_string_free (rw.out, TRUE);
              g_set_error (error, MR_API_ERROR, MR_API_ERROR_PARSE,
                           _("The reply is not valid JSON: it is nested more than %u levels deep."),
                           max_depth);
              return NULL;
            }
          i++;
          break;

        case ']':
        case '}':
          if (depth > 0 && --depth == 0)
            closed = TRUE;
          i++;
          break;

        case '"':
          i = scan_string (&rw, i);
          closed = depth == 0;
          break;

        default:
          if (c == '-' || g_ascii_isdigit (c))
            {
              i = scan_number (&rw, i);
              closed = depth == 0;
            }
          else if (depth == 0 && g_ascii_isalpha (c))
            {
              /* a top-level true, false or null (or a word json-glib refuses) */
              while (i < rw.size && g_ascii_isalpha (rw.data[i]))
                i++;
              closed = TRUE;
            }
          else
            {
              i++;
            }
          break;
        }
    }

  if (rw.out == NULL)
    return g_bytes_ref (bytes);

  g_string_append_len (rw.out, rw.data + rw.copied, rw.size - rw.copied);
  return g_string_free_to_bytes (rw.out);
}

static void
newline (GString *out,
         guint    depth)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

/* the index of the next byte that is not JSON whitespace */
static gsize
skip_space (const char *data,
            gsize       size,
            gsize       i)
{
  while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
    i++;

  return i;
}

char *
mr_json_pretty (GBytes  *bytes,
                GError **error)
{
  g_autoptr(GBytes) guarded = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  GString *out;
  const char *data;
  gsize size;
  guint depth = 0;
  gsize i = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  guarded = mr_json_guard (bytes, MR_JSON_MAX_DEPTH, error);
  if (guarded == NULL)
    return NULL;

  data = g_bytes_get_data (guarded, &size);

  /* only what is JSON is re-indented */
  if (!mr_json_read (data, size, MR_JSON_MAX_DEPTH, &root, &local_error) || root == NULL)
    {
      g_set_error (error, MR_API_ERROR, MR_API_ERROR_PARSE, _("The reply is not valid JSON: %s"),
                   local_error != NULL ? local_error->message : _("it is empty"));
      return NULL;
    }

  out = g_string_sized_new (size + size / 2);

  while ((i = skip_space (data, size, i)) < size)
    {
      char c = data[i];

      switch (c)
        {
        case '{':
        case '[':
          {
            gsize next = skip_space (data, size, i + 1);

            g_string_append_c (out, c);
            if (next < size && data[next] == (c == '{' ? '}' : ']'))
              {
                g_string_append_c (out, data[next]);
                i = next + 1;
                break;
              }
            newline (out, ++depth);
            i++;
          }
          break;

        case '}':
        case ']':
          newline (out, depth > 0 ? --depth : 0);
          g_string_append_c (out, c);
          i++;
          break;

        case ',':
          g_string_append_c (out, ',');
          newline (out, depth);
          i++;
          break;

        case ':':
          g_string_append (out, ": ");
          i++;
          break;

        case '"':
          {
            gsize start = i++;

            while (i < size && data[i] != '"')
              i += data[i] == '\\' ? 2 : 1;
            i = MIN (i + 1, size);
            g_string_append_len (out, data + start, i - start);
          }
          break;

        default:
          /* numbers, true, false, null: as written */
          {
            gsize start = i;

            while (i < size && !strchr ("{}[],:\" \t\r\n", data[i]))
              i++;
            g_string_append_len (out, data + start, i - start);
          }
          break;
        }
    }

  return g_string_free (out, FALSE);
}
