/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* How the simulator writes JSON text: strings, integers and money, and the
 * quote reply's pieces. For src/sim and the tests' MrSimJsonWriter
 * (tests/mr-sim-json-writer.c) only, which write their text the same way.
 *
 * Everything here is inlined in every build: a quote reply is about fifty
 * pieces, and with a literal head each piece's copy is a few moves. */

/* 1 for the bytes a string cannot hold as they are, or that may start
 * invalid UTF-8: controls, the quote, the backslash, and 0x80-0xFF */
extern const guint8 mr_sim_json_special[256];

/* @str between quotes, escaped as JSON wants it and made valid UTF-8
 * first if it is not (a request's lone surrogate escape may have left
 * invalid UTF-8 in a string it echoes: what goes out is always UTF-8) */
void mr_sim_json_write_string (GString    *out,
                               const char *str);

/* g_string_append_len() for the short pieces a reply is made of, which
 * nearly always fit in what the string holds already */
G_ALWAYS_INLINE static inline void
mr_sim_json_put (GString    *out,
                 const char *text,
                 gsize       length)
{
  if (G_LIKELY (out->len + length < out->allocated_len))
    {
      memcpy (out->str + out->len, text, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    {
      g_string_append_len (out, text, length);
    }
}
#define mr_sim_json_put_literal(out, text) \
  mr_sim_json_put ((out), "" text, sizeof (text) - 1)

/* The length of @str when it can go out between quotes as it is, else -1 */
G_ALWAYS_INLINE static inline gssize
mr_sim_json_plain_length (const char *str)
{
  const char *p;

  /* NUL is special too: the loop stops at the end without a test of its own */
  for (p = str; !mr_sim_json_special[(guchar) *p]; p++)
    ;

  return *p == '\0' ? p - str : -1;
}

/* @value as text at the end of @buf (24 bytes or more), returning where
 * it starts */
G_ALWAYS_INLINE static inline char *
mr_sim_json_format_int (char   *buf,
                        gsize   size,
                        gint64  value)
{
  char *p = buf + size;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';

  return p;
}

/* @cents as a JSON number in dollars at the end of @buf (32 bytes or
 * more), returning where it starts: an integer when whole, else a number
 * with two decimals ("49", "12.05", "-12.50") */
G_ALWAYS_INLINE static inline char *
mr_sim_json_format_money (char   *buf,
                          gsize   size,
                          gint64  cents)
{
  guint64 magnitude = cents < 0 ? -(guint64) cents : (guint64) cents;
  guint64 whole = magnitude / 100;
  guint fraction = (guint) (magnitude % 100);
  char *p = buf + size;

  /* written backwards: the cents, the dollars, the sign */
  if (fraction != 0)
    {
      *--p = (char) ('0' + fraction % 10);
      *--p = (char) ('0' + fraction / 10);
      *--p = '.';
    }
  do
    {
      *--p = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole > 0);
  if (cents < 0)
    *--p = '-';

  return p;
}

/* room in @out for @need more bytes (and the nul), so that what follows
 * is written with plain copies */
G_ALWAYS_INLINE static inline void
mr_sim_json_reserve (GString *out,
                     gsize    need)
{
  if (G_UNLIKELY (out->len + need >= out->allocated_len))
    {
      gsize old_length = out->len;

      g_string_set_size (out, out->len + need);
      g_string_truncate (out, old_length);
    }
}

/* @head and @value_length bytes of @value (between quotes when @quoted)
 * with one check of the room left */
G_ALWAYS_INLINE static inline void
mr_sim_json_put_pieces (GString    *out,
                        const char *head,
                        gsize       head_length,
                        const char *value,
                        gsize       value_length,
                        gboolean    quoted)
{
  gsize need = head_length + value_length + (quoted ? 2 : 0);
  char *at;

  mr_sim_json_reserve (out, need);

  at = out->str + out->len;
  memcpy (at, head, head_length);
  at += head_length;
  if (quoted)
    *at++ = '"';
  memcpy (at, value, value_length);
  at += value_length;
  if (quoted)
    *at++ = '"';
  *at = '\0';
  out->len = at - out->str;
}

/* Writing a reply of a fixed shape (the quote): the caller's literals
 * hold the punctuation and member names (",\"total_price\":"), so no
 * comma or nesting is tracked. Each call appends @head, then a value. */

/* @head and @value as a JSON string; NULL writes null */
G_ALWAYS_INLINE static inline void
mr_sim_json_put_string (GString    *out,
                        const char *head,
                        gsize       head_length,
                        const char *value)
{
  gssize length = value != NULL ? mr_sim_json_plain_length (value) : -1;

  if (G_LIKELY (length >= 0))
    {
      mr_sim_json_put_pieces (out, head, head_length, value, length, TRUE);
      return;
    }

  mr_sim_json_put (out, head, head_length);
  if (value == NULL)
    mr_sim_json_put (out, "null", 4);
  else
    mr_sim_json_write_string (out, value);
}

/* @head and @cents as mr_sim_json_format_money() writes them */
G_ALWAYS_INLINE static inline void
mr_sim_json_put_money (GString    *out,
                       const char *head,
                       gsize       head_length,
                       gint64      cents)
{
  char buf[32];
  char *p = mr_sim_json_format_money (buf, sizeof buf, cents);

  mr_sim_json_put_pieces (out, head, head_length, p, buf + sizeof buf - p, FALSE);
}

G_ALWAYS_INLINE static inline void
mr_sim_json_put_int (GString    *out,
                     const char *head,
                     gsize       head_length,
                     gint64      value)
{
  char buf[24];
  char *p = mr_sim_json_format_int (buf, sizeof buf, value);

  mr_sim_json_put_pieces (out, head, head_length, p, buf + sizeof buf - p, FALSE);
}

/* the same with @head a string literal */
#define mr_sim_json_put_literal_string(out, head, value) \
  mr_sim_json_put_string ((out), "" head, sizeof (head) - 1, (value))
#define mr_sim_json_put_literal_money(out, head, cents) \
  mr_sim_json_put_money ((out), "" head, sizeof (head) - 1, (cents))
#define mr_sim_json_put_literal_int(out, head, value) \
  mr_sim_json_put_int ((out), "" head, sizeof (head) - 1, (value))

G_END_DECLS
