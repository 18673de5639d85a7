/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mailroom"

#include "config.h"

#include <string.h>

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

void
_mr_json_text_string_len (GString    *out,
                          const char *value,
                          gsize       length)
{
  const char *end = value + length;
  const char *run = value;
  const char *p;

  g_string_append_c (out, '"');
  for (p = value; p < end; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
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
  g_string_append_c (out, '"');
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
