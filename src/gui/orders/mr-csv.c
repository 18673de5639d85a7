/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-csv"

#include "config.h"

#include <string.h>

#include "mailroom-core.h"

#include "mr-csv.h"

static gboolean
needs_quotes (const char *field)
{
  gsize len;

  if (*field == '\0')
    return FALSE;

  if (strpbrk (field, ",\"\r\n") != NULL)
    return TRUE;

  len = strlen (field);

  return g_ascii_isspace (field[0]) || g_ascii_isspace (field[len - 1]);
}

void
mr_csv_append_field (GString    *out,
                     const char *field)
{
  g_return_if_fail (out != NULL);

  if (field == NULL)
    return;

  if (!needs_quotes (field))
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
mr_csv_append_row (GString            *out,
                   const char * const *fields,
                   gsize               n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      mr_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

/* Data, not interface: the provider column stays the same in every locale. */
static const char *
provider_name (MrEmailProvider provider)
{
  switch (provider)
    {
    case MR_EMAIL_PROVIDER_GOOGLE:
      return "Google";
    case MR_EMAIL_PROVIDER_AIRMAIL:
      return "AirMail";
    case MR_EMAIL_PROVIDER_MICROSOFT:
      return "Microsoft";
    default:
      return "";
    }
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *seconds = NULL;

  if (time == NULL)
    return g_strdup ("");

  /* as the API writes them: milliseconds, UTC */
  utc = g_date_time_to_utc (time);
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

char *
mr_csv_format_accounts (GPtrArray *accounts,
                        gboolean   include_passwords)
{
  static const char * const header[] = {
    "email", "first_name", "last_name", "domain", "provider", "created", "cancelled", "password",
  };
  GString *out;
  gsize n_columns = include_passwords ? 8 : 7;

  g_return_val_if_fail (accounts != NULL, NULL);

  out = g_string_new (NULL);
  mr_csv_append_row (out, header, n_columns);

  for (guint i = 0; i < accounts->len; i++)
    {
      const MrOrderedAccount *account = g_ptr_array_index (accounts, i);
      g_autofree char *created = format_time (account->timestamp_created);
      g_autofree char *cancelled = format_time (account->timestamp_cancelled);
      const char *row[8];

      row[0] = account->email;
      row[1] = account->first_name;
      row[2] = account->last_name;
      row[3] = account->domain;
      row[4] = provider_name (account->email_provider);
      row[5] = created;
      row[6] = cancelled;
      row[7] = account->password;

      mr_csv_append_row (out, row, n_columns);
    }

  return g_string_free (out, FALSE);
}
