/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-order-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mr-domain-name.h"
#include "mr-order-bulk.h"
#include "mr-order-csv.h"

typedef enum
{
  COL_NONE = -1,
  COL_DOMAIN,
  COL_FIRST,
  COL_LAST,
  COL_PREFIX,
  COL_PROVIDER,
  COL_FORWARDING,
  COL_EMAIL,
  COL_FULL_NAME,
  N_COLS
} Column;

/* header names as other tools write them, lower-case, letters and digits only */
static const struct {
  const char *name;
  Column      column;
} header_names[] = {
  { "domain", COL_DOMAIN }, { "domainname", COL_DOMAIN }, { "domains", COL_DOMAIN },
  { "customdomain", COL_DOMAIN }, { "website", COL_DOMAIN }, { "url", COL_DOMAIN },
  { "firstname", COL_FIRST }, { "first", COL_FIRST }, { "givenname", COL_FIRST },
  { "fname", COL_FIRST }, { "forename", COL_FIRST },
  { "lastname", COL_LAST }, { "last", COL_LAST }, { "surname", COL_LAST },
  { "familyname", COL_LAST }, { "lname", COL_LAST },
  { "addressprefix", COL_PREFIX }, { "emailaddressprefix", COL_PREFIX },
  { "emailprefix", COL_PREFIX }, { "prefix", COL_PREFIX }, { "username", COL_PREFIX },
  { "localpart", COL_PREFIX }, { "mailbox", COL_PREFIX }, { "user", COL_PREFIX },
  { "alias", COL_PREFIX },
  { "provider", COL_PROVIDER }, { "emailprovider", COL_PROVIDER },
  { "accounttype", COL_PROVIDER }, { "esp", COL_PROVIDER }, { "mailprovider", COL_PROVIDER },
  { "forwardingdomain", COL_FORWARDING }, { "forwarding", COL_FORWARDING },
  { "forwardto", COL_FORWARDING }, { "forwardingto", COL_FORWARDING },
  { "redirectdomain", COL_FORWARDING }, { "redirectto", COL_FORWARDING },
  { "email", COL_EMAIL }, { "emailaddress", COL_EMAIL }, { "mail", COL_EMAIL },
  { "name", COL_FULL_NAME }, { "fullname", COL_FULL_NAME }, { "displayname", COL_FULL_NAME },
};

static const struct {
  const char      *name;
  MrEmailProvider  provider;
} provider_names[] = {
  { "google", MR_EMAIL_PROVIDER_GOOGLE }, { "gmail", MR_EMAIL_PROVIDER_GOOGLE },
  { "gsuite", MR_EMAIL_PROVIDER_GOOGLE }, { "googleworkspace", MR_EMAIL_PROVIDER_GOOGLE },
  { "workspace", MR_EMAIL_PROVIDER_GOOGLE }, { "1", MR_EMAIL_PROVIDER_GOOGLE },
  { "airmail", MR_EMAIL_PROVIDER_AIRMAIL }, { "2", MR_EMAIL_PROVIDER_AIRMAIL },
  { "microsoft", MR_EMAIL_PROVIDER_MICROSOFT }, { "outlook", MR_EMAIL_PROVIDER_MICROSOFT },
  { "office365", MR_EMAIL_PROVIDER_MICROSOFT }, { "o365", MR_EMAIL_PROVIDER_MICROSOFT },
  { "microsoft365", MR_EMAIL_PROVIDER_MICROSOFT }, { "m365", MR_EMAIL_PROVIDER_MICROSOFT },
  { "microsoftoutlook", MR_EMAIL_PROVIDER_MICROSOFT }, { "3", MR_EMAIL_PROVIDER_MICROSOFT },
};

typedef struct
{
  guint      line;
  GPtrArray *fields;      /* char* */
  gboolean   unterminated;
} Record;

static void
record_free (Record *record)
{
  g_ptr_array_unref (record->fields);
  g_free (record);
}

/* lower-case ASCII letters and digits only: "First Name" -> "firstname" */
static char *
squash (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));

  return g_string_free (out, FALSE);
}

/* the separator the first line uses most, outside quotes */
static char
detect_separator (const char *text)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\n')
        {
          if (commas + semicolons + tabs > 0)
            break;
        }
      else if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
      else if (*p == '\t')
        tabs++;
    }

  if (tabs > commas && tabs > semicolons)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

static gboolean
record_is_blank (Record *record)
{
  for (guint i = 0; i < record->fields->len; i++)
    {
      const char *field = g_ptr_array_index (record->fields, i);

      for (const char *p = field; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }

  return TRUE;
}

/* RFC 4180 with LF or CRLF; a record remembers the line it starts on */
static GPtrArray *
read_records (const char *text,
              char        separator)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  const char *p = text;
  guint line = 1;

  while (*p != '\0')
    {
      Record *record = g_new0 (Record, 1);
      GString *field = g_string_new (NULL);
      gboolean quoted = FALSE;
      gboolean was_quoted = FALSE;

      record->line = line;
      record->fields = g_ptr_array_new_with_free_func (g_free);

      for (;; p++)
        {
          if (*p == '\0')
            {
              record->unterminated = quoted;
              break;
            }

          if (quoted)
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                quoted = FALSE;
              else
                {
                  if (*p == '\n')
                    line++;
                  g_string_append_c (field, *p);
                }
              continue;
            }

          if (*p == '"' && (field->len == 0 || was_quoted == FALSE) &&
              strspn (field->str, " \t") == field->len)
            {
              g_string_truncate (field, 0);
              quoted = TRUE;
              was_quoted = TRUE;
            }
          else if (*p == separator)
            {
              g_ptr_array_add (record->fields, g_string_free (field, FALSE));
              field = g_string_new (NULL);
              was_quoted = FALSE;
            }
          else if (*p == '\r' && p[1] == '\n')
            continue;
          else if (*p == '\n')
            {
              line++;
              p++;
              break;
            }
          else
            g_string_append_c (field, *p);
        }

      g_ptr_array_add (record->fields, g_string_free (field, FALSE));

      if (record_is_blank (record) && !record->unterminated)
        record_free (record);
      else
        g_ptr_array_add (records, record);
    }

  return records;
}

static Column
column_for_header (const char *cell)
{
  g_autofree char *key = squash (cell);

  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    if (g_str_equal (key, header_names[i].name))
      return header_names[i].column;

  return COL_NONE;
}

/* Fills @map (column -> field index) from a header row; FALSE when
 * @record is not one (no known name, or a cell that is a domain). */
static gboolean
read_header (Record *record,
             int     map[N_COLS])
{
  gboolean any = FALSE;

  for (guint c = 0; c < N_COLS; c++)
    map[c] = -1;

  for (guint i = 0; i < record->fields->len; i++)
    {
      const char *cell = g_ptr_array_index (record->fields, i);
      Column column = column_for_header (cell);

      if (strchr (cell, '.') != NULL)
        return FALSE;

      if (column != COL_NONE && map[column] < 0)
        {
          map[column] = (int) i;
          any = TRUE;
        }
    }

  return any;
}

static const char *
field_at (Record *record,
          int     index)
{
  if (index < 0 || (guint) index >= record->fields->len)
    return "";

  return g_ptr_array_index (record->fields, index);
}

static gboolean
parse_provider (const char      *text,
                MrEmailProvider *out_provider)
{
  g_autofree char *key = squash (text);

  for (guint i = 0; i < G_N_ELEMENTS (provider_names); i++)
    {
      if (g_str_equal (key, provider_names[i].name))
        {
          *out_provider = provider_names[i].provider;
          return TRUE;
        }
    }

  return FALSE;
}

typedef struct
{
  MrOrderItem *item;        /* owned */
  gboolean     is_new;
  GHashTable  *prefixes;    /* lower-case prefixes on the domain */
  GPtrArray   *accounts;    /* MrAccount* to append */
  gboolean     has_provider;
  gboolean     has_forwarding;
} Target;

static void
target_free (Target *target)
{
  g_object_unref (target->item);
  g_hash_table_unref (target->prefixes);
  g_ptr_array_unref (target->accounts);
  g_free (target);
}

static Target *
target_new (MrOrderItem *item,
            gboolean     is_new)
{
  Target *target = g_new0 (Target, 1);
  guint n = mr_order_item_get_n_accounts (item);

  target->item = g_object_ref (item);
  target->is_new = is_new;
  target->prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  target->accounts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_hash_table_add (target->prefixes,
                      g_ascii_strdown (mr_account_get_email_address_prefix (
                                         mr_order_item_get_account (item, i)), -1));

  return target;
}

static void
bad_row (MrCsvReport *report,
         Record      *record,
         char         separator,
         const char  *reason)
{
  MrCsvBadRow *bad = g_new0 (MrCsvBadRow, 1);
  char sep[2] = { separator, '\0' };

  bad->line = record->line;
  g_ptr_array_add (record->fields, NULL);
  bad->text = g_strjoinv (sep, (char **) record->fields->pdata);
  g_ptr_array_remove_index (record->fields, record->fields->len - 1);
  bad->reason = g_strdup (reason);
  g_ptr_array_add (report->bad_rows, bad);
}

static void
bad_row_free (MrCsvBadRow *bad)
{
  g_free (bad->text);
  g_free (bad->reason);
  g_free (bad);
}

void
mr_csv_report_free (MrCsvReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->bad_rows);
  g_free (report);
}

char *
mr_csv_report_format_bad (MrCsvReport *report)
{
  GString *out;

  g_return_val_if_fail (report != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < report->bad_rows->len; i++)
    {
      MrCsvBadRow *bad = g_ptr_array_index (report->bad_rows, i);

      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* Translators: "Line 4: The domain is missing" */
      g_string_append_printf (out, _("Line %u: %s"), bad->line, bad->reason);
    }

  return g_string_free (out, FALSE);
}

/* the values of one row, trimmed */
typedef struct
{
  char *domain;
  char *first;
  char *last;
  char *prefix;
  char *provider;
  char *forwarding;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->domain);
  g_free (row->first);
  g_free (row->last);
  g_free (row->prefix);
  g_free (row->provider);
  g_free (row->forwarding);
}

static char *
trimmed (Record *record,
         int     index)
{
  return g_strstrip (g_strdup (field_at (record, index)));
}

static void
read_row (Record    *record,
          const int  map[N_COLS],
          Row       *row)
{
  g_autofree char *email = trimmed (record, map[COL_EMAIL]);

  row->domain = trimmed (record, map[COL_DOMAIN]);
  row->first = trimmed (record, map[COL_FIRST]);
  row->last = trimmed (record, map[COL_LAST]);
  row->prefix = trimmed (record, map[COL_PREFIX]);
  row->provider = trimmed (record, map[COL_PROVIDER]);
  row->forwarding = trimmed (record, map[COL_FORWARDING]);

  /* "Jane Doe" in a name column */
  if (map[COL_FULL_NAME] >= 0 && *row->first == '\0' && *row->last == '\0')
    {
      g_autofree char *full = trimmed (record, map[COL_FULL_NAME]);
      char *space = strchr (full, ' ');

      if (space != NULL)
        {
          *space = '\0';
          g_free (row->first);
          g_free (row->last);
          row->first = g_strdup (full);
          row->last = g_strstrip (g_strdup (space + 1));
        }
      else if (*full != '\0')
        {
          g_free (row->first);
          row->first = g_strdup (full);
        }
    }

  /* "jane@acme.com": the prefix, and the domain when there is no column for it */
  if (*email != '\0')
    {
      char *at = strrchr (email, '@');

      if (at != NULL)
        {
          *at = '\0';
          if (*row->domain == '\0')
            {
              g_free (row->domain);
              row->domain = g_strdup (at + 1);
            }
        }
      if (*row->prefix == '\0')
        {
          g_free (row->prefix);
          row->prefix = g_strdup (email);
        }
    }
}

/* Takes one data row into @targets; FALSE and a reason when it is bad */
static gboolean
take_row (MrOrder     *order,
          Row         *row,
          GHashTable  *by_key,
          GPtrArray   *order_targets,
          MrCsvReport *report,
          char       **reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *prefix_reason = NULL;
  g_autofree char *folded = NULL;
  MrEmailProvider provider = MR_EMAIL_PROVIDER_GOOGLE;
  gboolean has_provider = (*row->provider != '\0');
  gboolean has_person = (*row->first != '\0' || *row->last != '\0' || *row->prefix != '\0');
  Target *target;
  guint n;

  if (*row->domain == '\0')
    {
      *reason = g_strdup (_("The domain is missing"));
      return FALSE;
    }

  key = mr_domain_name_normalize (row->domain, &error);
  if (key == NULL)
    {
      /* Translators: "The domain “acme” is not valid: it needs a dot and an ending" */
      *reason = g_strdup_printf (_("The domain “%s” is not valid: %s"), row->domain,
                                 error->message);
      return FALSE;
    }

  if (has_provider && !parse_provider (row->provider, &provider))
    {
      *reason = g_strdup_printf (_("Unknown provider “%s”: use Google, AirMail or Microsoft"),
                                 row->provider);
      return FALSE;
    }

  if (*row->forwarding != '\0')
    {
      g_autoptr(GError) forwarding_error = NULL;
      g_autofree char *forwarding = mr_domain_name_normalize (row->forwarding,
                                                              &forwarding_error);

      if (forwarding == NULL)
        {
          *reason = g_strdup_printf (_("The forwarding domain “%s” is not valid: %s"),
                                     row->forwarding, forwarding_error->message);
          return FALSE;
        }
    }

  if (has_person)
    {
      if (*row->first == '\0' || *row->last == '\0')
        {
          *reason = g_strdup (_("A mailbox needs a first and a last name"));
          return FALSE;
        }

      if (*row->prefix != '\0')
        prefix = g_strdup (row->prefix);
      else
        prefix = mr_address_pattern_apply (MR_ADDRESS_PATTERN_FIRST_DOT_LAST,
                                           row->first, row->last);

      if (!mr_email_prefix_is_valid (prefix, &prefix_reason))
        {
          *reason = g_strdup_printf (_("The address “%s” is not valid: %s"), prefix,
                                     prefix_reason);
          return FALSE;
        }
    }

  target = g_hash_table_lookup (by_key, key);
  if (target == NULL)
    {
      MrOrderItem *existing = mr_order_find_item (order, key, NULL);
      g_autoptr(MrOrderItem) item = NULL;

      if (existing != NULL)
        target = target_new (existing, FALSE);
      else
        {
          item = mr_order_item_new (row->domain);
          target = target_new (item, TRUE);
        }

      g_hash_table_insert (by_key, g_strdup (key), target);
      g_ptr_array_add (order_targets, target);
    }

  if (has_provider)
    {
      if (target->has_provider && mr_order_item_get_email_provider (target->item) != provider)
        {
          *reason = g_strdup_printf (_("%s already has the provider %s on an earlier line"),
                                     row->domain,
                                     mr_email_provider_to_label (
                                       mr_order_item_get_email_provider (target->item)));
          return FALSE;
        }
      target->has_provider = TRUE;
      mr_order_item_set_email_provider (target->item, provider);
    }

  if (*row->forwarding != '\0')
    {
      if (target->has_forwarding &&
          g_strcmp0 (mr_order_item_get_forwarding_domain (target->item), row->forwarding) != 0)
        {
          *reason = g_strdup_printf (_("%s already forwards to %s on an earlier line"),
                                     row->domain,
                                     mr_order_item_get_forwarding_domain (target->item));
          return FALSE;
        }
      target->has_forwarding = TRUE;
      mr_order_item_set_forwarding_domain (target->item, row->forwarding);
    }

  if (!has_person)
    return TRUE;

  folded = g_ascii_strdown (prefix, -1);
  if (g_hash_table_contains (target->prefixes, folded))
    {
      *reason = g_strdup_printf (_("%s@%s is already in the order"), prefix, key);
      return FALSE;
    }

  n = mr_order_item_get_n_accounts (target->item) + target->accounts->len;
  if (n >= mr_order_item_get_max_new_accounts (target->item))
    {
      MrEmailProvider current = mr_order_item_get_email_provider (target->item);
      guint max = mr_email_provider_max_accounts (current);

      *reason = g_strdup_printf (ngettext ("%s is full: %s allows at most %u mailbox per domain",
                                           "%s is full: %s allows at most %u mailboxes per domain",
                                           max),
                                 row->domain, mr_email_provider_to_label (current), max);
      return FALSE;
    }

  g_hash_table_add (target->prefixes, g_steal_pointer (&folded));
  g_ptr_array_add (target->accounts, mr_account_new (row->first, row->last, prefix));
  report->n_accounts++;

  return TRUE;
}

MrCsvReport *
mr_order_csv_import (MrOrder     *order,
                     const char  *data,
                     gssize       length,
                     GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) by_key = NULL;
  g_autoptr(GPtrArray) order_targets = NULL;
  g_autoptr(GPtrArray) new_items = NULL;
  g_autofree char *text = NULL;
  const char *start;
  MrCsvReport *report;
  int map[N_COLS];
  guint first_row = 0;
  char separator;

  g_return_val_if_fail (MR_IS_ORDER (order), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = data != NULL ? strlen (data) : 0;

  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This is not a text file in UTF-8: save it as “CSV UTF-8” "
                             "and try again"));
      return NULL;
    }

  text = g_strndup (data, length);
  start = text;
  if (g_str_has_prefix (start, "\xEF\xBB\xBF"))
    start += 3;

  separator = detect_separator (start);
  records = read_records (start, separator);

  if (records->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("There are no rows to import"));
      return NULL;
    }

  if (read_header (g_ptr_array_index (records, 0), map))
    {
      first_row = 1;
      if (map[COL_DOMAIN] < 0 && map[COL_EMAIL] < 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("There is no column for the domain: name one “Domain”"));
          return NULL;
        }
    }
  else
    {
      for (guint c = 0; c < N_COLS; c++)
        map[c] = -1;
      map[COL_DOMAIN] = 0;
      map[COL_FIRST] = 1;
      map[COL_LAST] = 2;
      map[COL_PREFIX] = 3;
      map[COL_PROVIDER] = 4;
      map[COL_FORWARDING] = 5;
    }

  report = g_new0 (MrCsvReport, 1);
  report->bad_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) bad_row_free);
  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  order_targets = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);

  mr_order_begin_batch (order);

  for (guint i = first_row; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);
      g_autofree char *reason = NULL;
      Row row = { 0, };

      report->n_rows++;

      if (record->unterminated)
        {
          bad_row (report, record, separator,
                   _("A quoted field is not closed: the file ends inside quotes"));
          continue;
        }

      read_row (record, map, &row);
      if (!take_row (order, &row, by_key, order_targets, report, &reason))
        bad_row (report, record, separator, reason);
      row_clear (&row);
    }

  new_items = g_ptr_array_new ();
  for (guint i = 0; i < order_targets->len; i++)
    {
      Target *target = g_ptr_array_index (order_targets, i);

      mr_order_item_append_accounts (target->item, (MrAccount **) target->accounts->pdata,
                                     target->accounts->len);
      if (target->is_new)
        g_ptr_array_add (new_items, target->item);
    }
  mr_order_append_items (order, (MrOrderItem **) new_items->pdata, new_items->len);
  report->n_domains = new_items->len;

  mr_order_end_batch (order);

  return report;
}

static gboolean
looks_like_domain (const char *field)
{
  g_autofree char *text = g_strstrip (g_strdup (field));

  return *text == '\0' || (strchr (text, '.') != NULL && strchr (text, ' ') == NULL);
}

gboolean
mr_order_csv_looks_like_table (const char *text)
{
  g_autoptr(GPtrArray) records = NULL;
  const char *start;

  if (text == NULL)
    return FALSE;

  start = g_str_has_prefix (text, "\xEF\xBB\xBF") ? text + 3 : text;
  records = read_records (start, detect_separator (start));

  for (guint i = 0; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);

      if (record->fields->len < 2)
        continue;

      for (guint j = 0; j < record->fields->len; j++)
        if (!looks_like_domain (g_ptr_array_index (record->fields, j)))
          return TRUE;
    }

  return FALSE;
}
