/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mailroom"

#include "config.h"

#include <string.h>

#include "mr-domain-name.h"
#include "mr-json-text-private.h"

void
_mr_json_text_string (GString    *out,
                      const char *value)
{
  _mr_json_text_string_len (out, value, strlen (value));
}

void
_mr_json_text_stripped (GString    *out,
                        const char *value)
{
  const char *end = value + strlen (value);

  while (g_ascii_isspace (*value))
    value++;
  while (end > value && g_ascii_isspace (end[-1]))
    end--;

  _mr_json_text_string_len (out, value, end - value);
}

/* 1 for the bytes a JSON string cannot hold as they are: the control
 * characters, the quote, the backslash and DEL (written as \u007f) */
static const guint8 escaped_bytes[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
};

static void
append_escaped (GString    *out,
                const char *value,
                const char *end)
{
  const char *run = value;
  const char *p;

  for (p = value; p < end; p++)
    {
      guchar c = (guchar) *p;

      if (!escaped_bytes[c])
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;

      switch (c)
        {
        case '"':
          g_string_append_len (out, "\\\"", 2);
          break;
        case '\\':
          g_string_append_len (out, "\\\\", 2);
          break;
        case '\b':
          g_string_append_len (out, "\\b", 2);
          break;
        case '\f':
          g_string_append_len (out, "\\f", 2);
          break;
        case '\n':
          g_string_append_len (out, "\\n", 2);
          break;
        case '\r':
          g_string_append_len (out, "\\r", 2);
          break;
        case '\t':
          g_string_append_len (out, "\\t", 2);
          break;
        default:
          g_string_append_printf (out, "\\u%04x", c);
          break;
        }
    }
  g_string_append_len (out, run, p - run);
}

void
_mr_json_text_string_len (GString    *out,
                          const char *value,
                          gsize       length)
{
  const char *end = value + length;
  const char *p = value;
  gsize at;

  while (p < end && !escaped_bytes[(guchar) *p])
    p++;

  if (p < end)
    {
      g_string_append_c (out, '"');
      append_escaped (out, value, end);
      g_string_append_c (out, '"');
      return;
    }

  /* nothing to escape (nearly every name): quotes and text in one step,
   * these strings are written by the thousand */
  at = out->len;
  g_string_set_size (out, at + length + 2);
  out->str[at] = '"';
  memcpy (out->str + at + 1, value, length);
  out->str[at + 1 + length] = '"';
}

void
_mr_json_text_member (GString    *out,
                      const char *name)
{
  _mr_json_text_string (out, name);
  g_string_append_c (out, ':');
}

void
_mr_json_text_int (GString *out,
                   gint64   value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);

  if (value < 0)
    *--p = '-';

  g_string_append_len (out, p, buf + sizeof buf - p);
}

gboolean
_mr_json_text_plain_object (GString            *out,
                            const char * const *members,
                            const gsize        *member_lens,
                            const char * const *values,
                            guint               n,
                            gboolean            strip)
{
  const char *starts[8];
  gsize lens[8];
  gsize total = 2 + (n > 0 ? n - 1 : 0);
  char *p;

  g_assert (n <= G_N_ELEMENTS (starts));

  for (guint i = 0; i < n; i++)
    {
      const char *value = values[i] != NULL ? values[i] : "";
      const char *end = value + strlen (value);

      if (strip)
        {
          while (g_ascii_isspace (*value))
            value++;
          while (end > value && g_ascii_isspace (end[-1]))
            end--;
        }

      for (const char *q = value; q < end; q++)
        if (escaped_bytes[(guchar) *q])
          return FALSE;

      starts[i] = value;
      lens[i] = end - value;
      total += member_lens[i] + 2 + lens[i];
    }

  g_string_set_size (out, out->len + total);
  p = out->str + out->len - total;

  *p++ = '{';
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        *p++ = ',';
      memcpy (p, members[i], member_lens[i]);
      p += member_lens[i];
      *p++ = '"';
      memcpy (p, starts[i], lens[i]);
      p += lens[i];
      *p++ = '"';
    }
  *p = '}';

  return TRUE;
}

char *
_mr_json_text_request_domain (const char *text)
{
  g_autofree char *normalized = NULL;
  g_autofree char *lower = NULL;

  if (text == NULL)
    return g_strdup ("");

  normalized = mr_domain_name_normalize (text, NULL);
  if (normalized != NULL)
    return g_steal_pointer (&normalized);

  /* keep it recognisable so the server reports it by name */
  lower = g_utf8_strdown (text, -1);
  return g_strdup (g_strstrip (lower));
}
