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

/* A document's memory: blocks filled front to back, freed together */
typedef struct _Block Block;

struct _Block
{
  Block  *next;
  gsize   used;
  gsize   size;
  char    data[];
};

struct _MrJsonDoc
{
  Block       *blocks;
  gsize        next_size;
  MrJsonValue  root;
  gboolean     has_root;
};

typedef struct
{
  const char  *data;
  const char  *end;
  const char  *p;
  guint        depth;
  guint        max_depth;
  MrJsonDoc   *doc;
  GString     *text;     /* a string being decoded */
  /* elements and members wait here until their container ends, then
   * move into the document as one block */
  MrJsonValue  *values;
  guint         n_values;
  guint         values_size;
  MrJsonMember *members;
  guint         n_members;
  guint         members_size;
  /* member names already in the document, by length and first and
   * last byte: a document repeats a few names thousands of times */
  const char   *names[64];
  guint32       name_lengths[64];
  GError      **error;
} Reader;

G_DEFINE_QUARK (mr-json-reader-error-quark, mr_json_reader_error)

/* The reader's small helpers are always inlined, also in debug builds:
 * they run for every value, member and string of a document. */
G_ALWAYS_INLINE static inline gpointer
doc_alloc (MrJsonDoc *doc,
           gsize      size)
{
  Block *block = doc->blocks;
  gpointer memory;

  size = (size + 7) & ~(gsize) 7;

  if (block == NULL || block->size - block->used < size)
    {
      gsize block_size = MAX (size, doc->next_size);

      block = g_malloc (sizeof (Block) + block_size);
      block->size = block_size;
      block->used = 0;
      block->next = doc->blocks;
      doc->blocks = block;
      doc->next_size = MIN (doc->next_size * 2, 1024 * 1024);
    }

  memory = block->data + block->used;
  block->used += size;

  return memory;
}

static const char *
doc_strdup (MrJsonDoc     *doc,
            const GString *text)
{
  char *copy = doc_alloc (doc, text->len + 1);

  memcpy (copy, text->str, text->len + 1);

  return copy;
}

/* 1 for JSON's white space: space, tab, line feed, carriage return */
static const guint8 space_bytes[256] = {
  ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, [' '] = 1,
};

G_ALWAYS_INLINE static inline void
skip_space (Reader *r)
{
  while (r->p < r->end && space_bytes[(guchar) *r->p])
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

/* 1 for the bytes a string may hold as they are: not the quote, the
 * backslash, NUL or a byte of a multi-byte sequence (to be checked) */
static const guint8 plain_bytes[256] = {
  0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  /* 0x80 and up: 0 */
};

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* The first byte from @p on that a string may not hold as it is (see
 * plain_bytes), or @end. Eight bytes are looked at together: a word v
 * holds a byte c exactly when w = v ^ (c * ONES) holds a zero byte, and
 * (w - ONES) & ~w & HIGHS is not 0 exactly when w holds one; with v's own
 * high bits that finds NUL, the quote, the backslash and 0x80 and up. */
G_ALWAYS_INLINE static inline const char *
skip_plain (const char *p,
            const char *end)
{
  while (end - p >= 8)
    {
      guint64 v, quote, backslash, found;

      memcpy (&v, p, 8);
      quote = v ^ (ONES * '"');
      backslash = v ^ (ONES * '\\');
      found = (v | ((v - ONES) & ~v) | ((quote - ONES) & ~quote) |
               ((backslash - ONES) & ~backslash)) & HIGHS;
      if (found != 0)
        {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined (__GNUC__)
          /* the lowest bit found is the first such byte: a borrow only
           * reaches the bytes after a zero byte */
          return p + (__builtin_ctzll (found) >> 3);
#else
          break;
#endif
        }
      p += 8;
    }

  while (p < end && plain_bytes[(guchar) *p])
    p++;

  return p;
}

static void
append_replacement (GString *text)
{
  g_string_append_len (text, "\xef\xbf\xbd", 3);
}

/* The string from @p on, after what is in @text already, with escapes
 * and repairs; r->p is at the opening quote */
static gboolean
decode_string (Reader     *r,
               const char *p,
               GString    *text)
{
  const char *end = r->end;

  for (;;)
    {
      const char *run = p;
      guchar c;

      p = skip_plain (p, end);

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

/* r->p is at the opening quote; the string is copied into the document
 * once, straight from the text when it has no escape and no byte to
 * check */
G_ALWAYS_INLINE static inline gboolean
read_string (Reader       *r,
             const char  **out,
             guint32      *out_length)
{
  const char *start = r->p + 1;
  const char *p = skip_plain (start, r->end);
  char *copy;

  if (p < r->end && *p == '"')
    {
      copy = doc_alloc (r->doc, p - start + 1);
      memcpy (copy, start, p - start);
      copy[p - start] = '\0';
      *out = copy;
      *out_length = p - start;
      r->p = p + 1;
      return TRUE;
    }

  g_string_truncate (r->text, 0);
  g_string_append_len (r->text, start, p - start);
  if (!decode_string (r, p, r->text))
    return FALSE;

  *out = doc_strdup (r->doc, r->text);
  *out_length = r->text->len;
  return TRUE;
}

/* memcmp (@a, @b, @n) == 0, in a few loads for the lengths member names
 * have */
G_ALWAYS_INLINE static inline gboolean
same_bytes (const char *a,
            const char *b,
            gsize       n)
{
  guint64 a0, a1, a2, b0, b1, b2;

  if (n < 8 || n > 24)
    return memcmp (a, b, n) == 0;

  /* the first, middle and last eight bytes (overlapping) cover them all */
  memcpy (&a0, a, 8);
  memcpy (&b0, b, 8);
  memcpy (&a1, a + n / 2 - 4, 8);
  memcpy (&b1, b + n / 2 - 4, 8);
  memcpy (&a2, a + n - 8, 8);
  memcpy (&b2, b + n - 8, 8);

  return ((a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2)) == 0;
}

/* read_string() for a member name: a name the document already holds
 * (by the same bytes) is not copied again */
G_ALWAYS_INLINE static inline gboolean
read_name (Reader       *r,
           const char  **out)
{
  const char *start = r->p + 1;
  const char *p = skip_plain (start, r->end);
  guint32 length;
  guint slot;
  char *copy;

  if (G_UNLIKELY (p >= r->end || *p != '"' || p == start))
    return read_string (r, out, &length);

  length = p - start;
  slot = (length * 7 + (guchar) start[0] + (guchar) p[-1]) % G_N_ELEMENTS (r->names);
  if (r->names[slot] != NULL && r->name_lengths[slot] == length &&
      same_bytes (r->names[slot], start, length))
    {
      *out = r->names[slot];
      r->p = p + 1;
      return TRUE;
    }

  copy = doc_alloc (r->doc, length + 1);
  memcpy (copy, start, length);
  copy[length] = '\0';
  r->names[slot] = copy;
  r->name_lengths[slot] = length;
  *out = copy;
  r->p = p + 1;
  return TRUE;
}

static gboolean
read_number (Reader      *r,
             MrJsonValue *out)
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
    {
      out->kind = MR_JSON_DOUBLE;
      out->number = *start == '-' ? -1.0e308 : 1.0e308;
      return TRUE;
    }

  if (integer && length <= 18)
    {
      gint64 sum = 0;

      for (const char *q = *start == '-' ? start + 1 : start; q < p; q++)
        sum = sum * 10 + (*q - '0');

      out->kind = MR_JSON_INT;
      out->integer = *start == '-' ? -sum : sum;
      return TRUE;
    }

  memcpy (text, start, length);
  text[length] = '\0';

  if (integer)
    {
      gint64 whole;

      errno = 0;
      whole = g_ascii_strtoll (text, NULL, 10);
      if (errno != ERANGE)
        {
          out->kind = MR_JSON_INT;
          out->integer = whole;
          return TRUE;
        }
      /* beyond gint64: the double it is */
    }

  value = g_ascii_strtod (text, NULL);
  if (isinf (value))
    value = value < 0 ? -1.0e308 : 1.0e308;

  out->kind = MR_JSON_DOUBLE;
  out->number = value;
  return TRUE;

broken:
  fail_unexpected (r, p, _("a digit"));
  return FALSE;
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

static gboolean read_value (Reader      *r,
                            MrJsonValue *out);

/* g_array_append_val() without a call, for every element and member */
G_ALWAYS_INLINE static inline void
push_value (Reader            *r,
            const MrJsonValue *value)
{
  if (G_UNLIKELY (r->n_values == r->values_size))
    {
      r->values_size *= 2;
      r->values = g_renew (MrJsonValue, r->values, r->values_size);
    }
  r->values[r->n_values++] = *value;
}

G_ALWAYS_INLINE static inline void
push_member (Reader             *r,
             const MrJsonMember *member)
{
  if (G_UNLIKELY (r->n_members == r->members_size))
    {
      r->members_size *= 2;
      r->members = g_renew (MrJsonMember, r->members, r->members_size);
    }
  r->members[r->n_members++] = *member;
}

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

static gboolean
read_array (Reader      *r,
            MrJsonValue *out)
{
  guint first = r->n_values;
  guint n;

  if (!enter (r))
    return FALSE;

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      goto done;
    }

  for (;;)
    {
      MrJsonValue element;

      if (!read_value (r, &element))
        return FALSE;
      push_value (r, &element);

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
      return FALSE;
    }

done:
  n = r->n_values - first;
  out->kind = MR_JSON_ARRAY;
  out->length = n;
  out->elements = NULL;
  if (n > 0)
    {
      MrJsonValue *elements = doc_alloc (r->doc, n * sizeof (MrJsonValue));

      memcpy (elements, r->values + first, n * sizeof (MrJsonValue));
      out->elements = elements;
      r->n_values = first;
    }
  r->depth--;

  return TRUE;
}

/* A member named twice keeps its first place and takes the last value,
 * as json_object_set_member() does: returns the new count */
static guint
merge_repeated_members (MrJsonMember *members,
                        guint         n)
{
  g_autoptr(GHashTable) seen = NULL;
  guint kept = 0;

  if (n < 2)
    return n;

  if (n <= 32)
    {
      gboolean repeated = FALSE;

      for (guint i = 1; i < n && !repeated; i++)
        for (guint j = 0; j < i && !repeated; j++)
          repeated = members[i].name[0] == members[j].name[0] &&
                     strcmp (members[i].name, members[j].name) == 0;

      if (!repeated)
        return n;
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      gpointer place;

      if (g_hash_table_lookup_extended (seen, members[i].name, NULL, &place))
        {
          members[GPOINTER_TO_UINT (place)].value = members[i].value;
          continue;
        }

      g_hash_table_insert (seen, (gpointer) members[i].name, GUINT_TO_POINTER (kept));
      members[kept++] = members[i];
    }

  return kept;
}

static gboolean
read_object (Reader      *r,
             MrJsonValue *out)
{
  guint first = r->n_members;
  guint n;

  if (!enter (r))
    return FALSE;

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      goto done;
    }

  for (;;)
    {
      MrJsonMember member;

      if (r->p >= r->end || *r->p != '"')
        {
          fail_unexpected (r, r->p, _("a member name in double quotes"));
          return FALSE;
        }
      if (!read_name (r, &member.name))
        return FALSE;

      skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        {
          fail_unexpected (r, r->p, _("“:”"));
          return FALSE;
        }
      r->p++;
      skip_space (r);

      if (!read_value (r, &member.value))
        return FALSE;
      push_member (r, &member);

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
      return FALSE;
    }

done:
  n = merge_repeated_members (r->members + first, r->n_members - first);
  out->kind = MR_JSON_OBJECT;
  out->length = n;
  out->members = NULL;
  if (n > 0)
    {
      MrJsonMember *members = doc_alloc (r->doc, n * sizeof (MrJsonMember));

      memcpy (members, r->members + first, n * sizeof (MrJsonMember));
      out->members = members;
    }
  r->n_members = first;
  r->depth--;

  return TRUE;
}

/* r->p is at the first byte of the value */
static gboolean
read_value (Reader      *r,
            MrJsonValue *out)
{
  out->length = 0;

  if (r->p >= r->end)
    {
      fail_unexpected (r, r->p, _("a value"));
      return FALSE;
    }

  switch (*r->p)
    {
    case '{':
      return read_object (r, out);

    case '[':
      return read_array (r, out);

    case '"':
      out->kind = MR_JSON_STRING;
      return read_string (r, &out->string, &out->length);

    case 't':
      out->kind = MR_JSON_BOOLEAN;
      out->boolean = TRUE;
      return read_word (r, "true", 4);

    case 'f':
      out->kind = MR_JSON_BOOLEAN;
      out->boolean = FALSE;
      return read_word (r, "false", 5);

    case 'n':
      out->kind = MR_JSON_NULL;
      out->integer = 0;
      return read_word (r, "null", 4);

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return read_number (r, out);

    default:
      fail_unexpected (r, r->p, _("a value"));
      return FALSE;
    }
}

MrJsonDoc *
mr_json_doc_read (const char  *data,
                  gsize        size,
                  guint        max_depth,
                  GError     **error)
{
  g_autoptr(MrJsonDoc) doc = NULL;
  Reader r = { 0 };
  gboolean read;

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  doc = g_new0 (MrJsonDoc, 1);
  /* a document takes about as much as its text */
  doc->next_size = CLAMP (size, 256, 1024 * 1024);

  r.data = data != NULL ? data : "";
  r.end = r.data + size;
  r.p = r.data;
  r.max_depth = max_depth;
  r.doc = doc;
  r.error = error;

  if (size >= 3 && memcmp (r.p, "\xef\xbb\xbf", 3) == 0)
    r.p += 3;

  skip_space (&r);
  if (r.p == r.end)
    return g_steal_pointer (&doc);

  r.text = g_string_sized_new (64);
  r.values_size = 64;
  r.values = g_new (MrJsonValue, r.values_size);
  r.members_size = 64;
  r.members = g_new (MrJsonMember, r.members_size);

  read = read_value (&r, &doc->root);

  g_string_free (r.text, TRUE);
  g_free (r.values);
  g_free (r.members);

  if (!read)
    return NULL;

  skip_space (&r);
  if (r.p != r.end)
    {
      g_set_error_literal (error, MR_JSON_READER_ERROR, MR_JSON_READER_ERROR_TRAILING,
                           _("there is more after its value."));
      return NULL;
    }

  doc->has_root = TRUE;
  return g_steal_pointer (&doc);
}

const MrJsonValue *
mr_json_doc_get_root (MrJsonDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  return doc->has_root ? &doc->root : NULL;
}

void
mr_json_doc_free (MrJsonDoc *doc)
{
  Block *block;

  if (doc == NULL)
    return;

  while ((block = doc->blocks) != NULL)
    {
      doc->blocks = block->next;
      g_free (block);
    }
  g_free (doc);
}

const MrJsonValue *
mr_json_value_get_member (const MrJsonValue *object,
                          const char        *name)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (object->kind != MR_JSON_OBJECT)
    return NULL;

  for (guint i = 0; i < object->length; i++)
    if (object->members[i].name[0] == name[0] && strcmp (object->members[i].name, name) == 0)
      return &object->members[i].value;

  return NULL;
}

double
mr_json_value_get_double (const MrJsonValue *value)
{
  g_return_val_if_fail (value != NULL, 0.0);

  switch (value->kind)
    {
    case MR_JSON_DOUBLE:
      return value->number;
    case MR_JSON_INT:
      return (double) value->integer;
    case MR_JSON_BOOLEAN:
      return value->boolean ? 1.0 : 0.0;
    case MR_JSON_NULL:
    case MR_JSON_STRING:
    case MR_JSON_ARRAY:
    case MR_JSON_OBJECT:
    default:
      return 0.0;
    }
}

gint64
mr_json_value_get_int (const MrJsonValue *value)
{
  g_return_val_if_fail (value != NULL, 0);

  switch (value->kind)
    {
    case MR_JSON_INT:
      return value->integer;
    case MR_JSON_DOUBLE:
      return (gint64) value->number;
    case MR_JSON_BOOLEAN:
      return value->boolean ? 1 : 0;
    case MR_JSON_NULL:
    case MR_JSON_STRING:
    case MR_JSON_ARRAY:
    case MR_JSON_OBJECT:
    default:
      return 0;
    }
}

JsonNode *
mr_json_value_to_node (const MrJsonValue *value)
{
  JsonNode *node;

  g_return_val_if_fail (value != NULL, NULL);

  switch (value->kind)
    {
    case MR_JSON_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), value->boolean);

    case MR_JSON_INT:
      return json_node_init_int (json_node_alloc (), value->integer);

    case MR_JSON_DOUBLE:
      return json_node_init_double (json_node_alloc (), value->number);

    case MR_JSON_STRING:
      return json_node_init_string (json_node_alloc (), value->string);

    case MR_JSON_ARRAY:
      {
        JsonArray *array = json_array_sized_new (value->length);

        node = json_node_init_array (json_node_alloc (), array);
        for (guint i = 0; i < value->length; i++)
          {
            JsonNode *element = mr_json_value_to_node (&value->elements[i]);

            json_node_set_parent (element, node);
            json_array_add_element (array, element);
          }
        json_array_unref (array);
      }
      return node;

    case MR_JSON_OBJECT:
      {
        JsonObject *object = json_object_new ();

        node = json_node_init_object (json_node_alloc (), object);
        for (guint i = 0; i < value->length; i++)
          {
            JsonNode *member = mr_json_value_to_node (&value->members[i].value);

            json_node_set_parent (member, node);
            json_object_set_member (object, value->members[i].name, member);
          }
        json_object_unref (object);
      }
      return node;

    case MR_JSON_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

gboolean
mr_json_read (const char  *data,
              gsize        size,
              guint        max_depth,
              JsonNode   **out_root,
              GError     **error)
{
  g_autoptr(MrJsonDoc) doc = NULL;
  const MrJsonValue *root;

  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (out_root != NULL, FALSE);

  *out_root = NULL;

  doc = mr_json_doc_read (data, size, max_depth, error);
  if (doc == NULL)
    return FALSE;

  root = mr_json_doc_get_root (doc);
  if (root != NULL)
    *out_root = mr_json_value_to_node (root);

  return TRUE;
}
