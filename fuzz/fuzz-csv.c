/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The CSV writer: the input, split on NUL bytes into rows and on 0x1f
 * into fields, is written as CSV and read back by an RFC 4180 reader
 * here; every field must come back as it was. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mr-csv.h"
#include "mr-fuzz.h"

/* Reads one record at *pos; NULL at the end of @text */
static GPtrArray *
read_record (const char  *text,
             gsize        len,
             gsize       *pos)
{
  GPtrArray *fields;
  GString *field = g_string_new (NULL);
  gsize i = *pos;

  if (i >= len)
    {
      g_string_free (field, TRUE);
      return NULL;
    }

  fields = g_ptr_array_new_with_free_func (g_free);
  for (;;)
    {
      if (i < len && text[i] == '"')
        {
          for (i++; i < len; i++)
            {
              if (text[i] == '"' && i + 1 < len && text[i + 1] == '"')
                g_string_append_c (field, text[i++]);
              else if (text[i] == '"')
                break;
              else
                g_string_append_c (field, text[i]);
            }
          g_assert (i < len);  /* a closing quote */
          i++;
        }
      else
        {
          while (i < len && text[i] != ',' && text[i] != '\r')
            g_string_append_c (field, text[i++]);
        }

      g_ptr_array_add (fields, g_string_free (field, FALSE));
      field = g_string_new (NULL);

      if (i < len && text[i] == ',')
        {
          i++;
          continue;
        }

      /* every record ends in CRLF */
      g_assert (i + 1 < len && text[i] == '\r' && text[i + 1] == '\n');
      *pos = i + 2;
      g_string_free (field, TRUE);
      return fields;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) out = g_string_new (NULL);
  gsize start = 0;
  gsize pos = 0;

  for (gsize i = 0; i <= size; i++)
    {
      if (i == size || data[i] == '\0')
        {
          g_autofree char *row = g_strndup ((const char *) data + start, i - start);

          g_ptr_array_add (rows, g_strsplit (row, "\x1f", -1));
          start = i + 1;
        }
    }

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv fields = g_ptr_array_index (rows, r);
      guint n = g_strv_length (fields);

      /* an empty row is written as one empty field */
      if (n == 0)
        {
          static const char * const empty[] = { "" };

          mr_csv_append_row (out, empty, 1);
        }
      else
        {
          mr_csv_append_row (out, (const char * const *) fields, n);
        }
    }

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv fields = g_ptr_array_index (rows, r);
      g_autoptr(GPtrArray) read = read_record (out->str, out->len, &pos);
      guint n = MAX (g_strv_length (fields), 1);

      g_assert (read != NULL);
      if (read->len != n)
        {
          g_printerr ("row %u: %u fields written, %u read\n", r, n, read->len);
          abort ();
        }
      for (guint f = 0; f < read->len; f++)
        g_assert_cmpstr (g_ptr_array_index (read, f), ==, fields[f] != NULL ? fields[f] : "");
    }
  g_assert (pos == out->len);

  return 0;
}
