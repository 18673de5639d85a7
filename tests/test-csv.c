/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "mailroom-core.h"

#include "../src/gui/orders/mr-csv.h"
#include "../src/gui/orders/mr-orders-model.h"

/* A strict RFC 4180 reader, to check that what is written reads back. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          p++;
          for (;;)
            {
              g_assert_true (*p != '\0');   /* unterminated quote */
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  g_string_append_c (field, *p++);
                }
            }
        }

      while (*p != '\0' && *p != ',' && *p != '\r')
        {
          g_assert_true (*p != '"');   /* a quote in an unquoted field */
          g_assert_true (*p != '\n');  /* a bare line feed */
          g_string_append_c (field, *p++);
        }

      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);

      if (*p == ',')
        {
          p++;
        }
      else
        {
          g_assert_cmpint (*p, ==, '\r');
          g_assert_cmpint (p[1], ==, '\n');
          p += 2;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }

  g_assert_cmpuint (row->len, ==, 0);   /* the last line ends with CRLF */
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);

  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      row,
      guint      column)
{
  GPtrArray *r = g_ptr_array_index (rows, row);

  g_assert_cmpuint (column, <, r->len);
  return g_ptr_array_index (r, column);
}

static void
test_field_quoting (void)
{
  static const struct {
    const char *in;
    const char *out;
  } rows[] = {
    { "plain", "plain" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { " leading", "\" leading\"" },
    { "trailing ", "\"trailing \"" },
    { "in side", "in side" },
    { "Zoë Ångström", "Zoë Ångström" },
    { "semi;colon", "semi;colon" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      mr_csv_append_field (out, rows[i].in);
      g_assert_cmpstr (out->str, ==, rows[i].out);
    }
}

static void
test_row (void)
{
  const char *fields[] = { "a", NULL, "b,c", "" };
  g_autoptr(GString) out = g_string_new (NULL);

  mr_csv_append_row (out, fields, G_N_ELEMENTS (fields));
  mr_csv_append_row (out, fields, 1);
  g_assert_cmpstr (out->str, ==, "a,,\"b,c\",\r\na\r\n");
}

static MrOrderedAccount *
make_account (const char *email,
              const char *first,
              const char *last,
              const char *password,
              const char *cancelled)
{
  MrOrderedAccount *account = g_new0 (MrOrderedAccount, 1);
  const char *at = strchr (email, '@');

  account->id = g_strdup_printf ("id-%s", email);
  account->email = g_strdup (email);
  account->domain = g_strdup (at != NULL ? at + 1 : "");
  account->first_name = g_strdup (first);
  account->last_name = g_strdup (last);
  account->email_provider = MR_EMAIL_PROVIDER_GOOGLE;
  account->password = g_strdup (password);
  account->timestamp_created = g_date_time_new_from_iso8601 ("2026-03-05T23:09:47.406Z", NULL);
  if (cancelled != NULL)
    account->timestamp_cancelled = g_date_time_new_from_iso8601 (cancelled, NULL);
  account->cancelled = account->timestamp_cancelled != NULL;

  return account;
}

static GPtrArray *
sample_accounts (void)
{
  GPtrArray *accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_ordered_account_free);

  g_ptr_array_add (accounts, make_account ("ada@acme.com", "Ada", "Lovelace, Countess",
                                           "s3cret,pw", NULL));
  g_ptr_array_add (accounts, make_account ("grace@acme.com", "Grace \"Amazing\"", "Hopper",
                                           "hunter2", "2026-04-01T10:00:00Z"));
  g_ptr_array_add (accounts, make_account ("alan@acme.com", "Alan\nMathison", " Turing",
                                           "", NULL));

  return accounts;
}

static void
test_accounts_without_passwords (void)
{
  g_autoptr(GPtrArray) accounts = sample_accounts ();
  g_autofree char *csv = mr_csv_format_accounts (accounts, FALSE);
  g_autoptr(GPtrArray) rows = parse_csv (csv);

  g_assert_null (strstr (csv, "s3cret"));
  g_assert_null (strstr (csv, "hunter2"));
  g_assert_null (strstr (csv, "password"));

  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, 0))->len, ==, 7);
  g_assert_cmpstr (cell (rows, 0, 0), ==, "email");
  g_assert_cmpstr (cell (rows, 0, 1), ==, "first_name");
  g_assert_cmpstr (cell (rows, 0, 2), ==, "last_name");
  g_assert_cmpstr (cell (rows, 0, 3), ==, "domain");
  g_assert_cmpstr (cell (rows, 0, 4), ==, "provider");
  g_assert_cmpstr (cell (rows, 0, 5), ==, "created");
  g_assert_cmpstr (cell (rows, 0, 6), ==, "cancelled");

  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, i))->len, ==, 7);

  g_assert_cmpstr (cell (rows, 1, 0), ==, "ada@acme.com");
  g_assert_cmpstr (cell (rows, 1, 2), ==, "Lovelace, Countess");
  g_assert_cmpstr (cell (rows, 1, 3), ==, "acme.com");
  g_assert_cmpstr (cell (rows, 1, 4), ==, "Google");
  g_assert_cmpstr (cell (rows, 1, 5), ==, "2026-03-05T23:09:47.406Z");
  g_assert_cmpstr (cell (rows, 1, 6), ==, "");
  g_assert_cmpstr (cell (rows, 2, 1), ==, "Grace \"Amazing\"");
  g_assert_cmpstr (cell (rows, 2, 6), ==, "2026-04-01T10:00:00.000Z");
  g_assert_cmpstr (cell (rows, 3, 1), ==, "Alan\nMathison");
  g_assert_cmpstr (cell (rows, 3, 2), ==, " Turing");
}

static void
test_accounts_with_passwords (void)
{
  g_autoptr(GPtrArray) accounts = sample_accounts ();
  g_autofree char *csv = mr_csv_format_accounts (accounts, TRUE);
  g_autoptr(GPtrArray) rows = parse_csv (csv);

  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (cell (rows, 0, 7), ==, "password");
  g_assert_cmpstr (cell (rows, 1, 7), ==, "s3cret,pw");
  g_assert_cmpstr (cell (rows, 2, 7), ==, "hunter2");
  g_assert_cmpstr (cell (rows, 3, 7), ==, "");
}

static void
test_accounts_empty (void)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new ();
  g_autofree char *csv = mr_csv_format_accounts (accounts, FALSE);

  g_assert_cmpstr (csv, ==, "email,first_name,last_name,domain,provider,created,cancelled\r\n");
}

static MrPage *
make_page (const char *next,
           guint       n_items)
{
  MrPage *page = mr_page_new (g_free);

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (page->items, g_strdup ("x"));
  page->next_starting_after = g_strdup (next);

  return page;
}

static void
test_pager (void)
{
  g_autoptr(MrPager) pager = mr_pager_new ();
  g_autoptr(MrPage) first = make_page ("cursor:1", 2);
  g_autoptr(MrPage) second = make_page ("cursor:2", 2);
  g_autoptr(MrPage) last = make_page (NULL, 1);
  const char *cursor = "unset";
  guint generation;
  guint stale;

  g_assert_true (mr_pager_can_load (pager));
  generation = mr_pager_begin (pager, &cursor);
  g_assert_null (cursor);
  g_assert_true (mr_pager_is_loading (pager));
  g_assert_false (mr_pager_can_load (pager));
  g_assert_true (mr_pager_finish (pager, generation, first));
  g_assert_false (mr_pager_is_done (pager));

  /* a failure asks for the same cursor again */
  generation = mr_pager_begin (pager, &cursor);
  g_assert_cmpstr (cursor, ==, "cursor:1");
  g_assert_true (mr_pager_fail (pager, generation));
  g_assert_true (mr_pager_can_load (pager));
  generation = mr_pager_begin (pager, &cursor);
  g_assert_cmpstr (cursor, ==, "cursor:1");
  g_assert_true (mr_pager_finish (pager, generation, second));

  /* a reply from before a reset changes nothing */
  stale = mr_pager_begin (pager, &cursor);
  g_assert_cmpstr (cursor, ==, "cursor:2");
  g_assert_true (mr_pager_mark_seen (pager, "a"));
  mr_pager_reset (pager);
  g_assert_false (mr_pager_finish (pager, stale, last));
  g_assert_false (mr_pager_fail (pager, stale));
  g_assert_true (mr_pager_mark_seen (pager, "a"));
  g_assert_false (mr_pager_mark_seen (pager, "a"));
  g_assert_cmpuint (mr_pager_get_n_pages (pager), ==, 0);

  generation = mr_pager_begin (pager, &cursor);
  g_assert_null (cursor);
  g_assert_true (mr_pager_finish (pager, generation, first));
  generation = mr_pager_begin (pager, &cursor);
  g_assert_true (mr_pager_finish (pager, generation, last));
  g_assert_true (mr_pager_is_done (pager));
  g_assert_false (mr_pager_can_load (pager));
  g_assert_cmpuint (mr_pager_get_n_pages (pager), ==, 2);
}

static void
test_pager_stops_on_loops (void)
{
  g_autoptr(MrPager) pager = mr_pager_new ();
  g_autoptr(MrPage) first = make_page ("same", 2);
  g_autoptr(MrPage) again = make_page ("same", 2);
  g_autoptr(MrPage) empty = make_page ("more", 0);
  const char *cursor;
  guint generation;

  generation = mr_pager_begin (pager, &cursor);
  g_assert_true (mr_pager_finish (pager, generation, first));
  g_assert_false (mr_pager_is_done (pager));
  generation = mr_pager_begin (pager, &cursor);
  g_assert_true (mr_pager_finish (pager, generation, again));
  g_assert_true (mr_pager_is_done (pager));

  mr_pager_reset (pager);
  generation = mr_pager_begin (pager, &cursor);
  g_assert_true (mr_pager_finish (pager, generation, empty));
  g_assert_true (mr_pager_is_done (pager));
}

static void
test_keys (void)
{
  MrOrderRecord a = { 0 };
  MrOrderRecord b = { 0 };
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;
  g_autofree char *key_a2 = NULL;

  a.domain = (char *) "acme.com";
  a.timestamp_created = g_date_time_new_from_iso8601 ("2026-03-05T23:09:47.406Z", NULL);
  b.domain = (char *) "acme.com";
  b.timestamp_created = g_date_time_new_from_iso8601 ("2026-03-05T23:09:47.407Z", NULL);

  key_a = mr_order_record_key (&a);
  key_b = mr_order_record_key (&b);
  g_assert_cmpstr (key_a, !=, key_b);

  g_date_time_unref (b.timestamp_created);
  b.timestamp_created = g_date_time_ref (a.timestamp_created);
  key_a2 = mr_order_record_key (&b);
  g_assert_cmpstr (key_a, ==, key_a2);

  g_date_time_unref (a.timestamp_created);
  g_date_time_unref (b.timestamp_created);
}

static void
test_groups_and_selection (void)
{
  g_autoptr(GPtrArray) accounts = sample_accounts ();
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GHashTable) selection = mr_account_selection_new ();
  g_auto(GStrv) selected = NULL;
  MrAccountGroup *acme;
  MrAccountGroup *beta;

  g_ptr_array_add (accounts, make_account ("zed@beta.org", "Zed", "Zee", NULL, NULL));
  g_ptr_array_add (accounts, make_account ("bob@acme.com", "Bob", "Bee", NULL, NULL));

  groups = mr_account_groups_build (accounts);
  g_assert_cmpuint (groups->len, ==, 2);
  acme = g_ptr_array_index (groups, 0);
  beta = g_ptr_array_index (groups, 1);
  g_assert_cmpstr (acme->domain, ==, "acme.com");
  g_assert_cmpstr (beta->domain, ==, "beta.org");
  g_assert_cmpuint (acme->accounts->len, ==, 4);
  g_assert_cmpuint (acme->n_active, ==, 3);
  /* active by address, then cancelled */
  g_assert_cmpstr (((MrOrderedAccount *) g_ptr_array_index (acme->accounts, 0))->email, ==, "ada@acme.com");
  g_assert_cmpstr (((MrOrderedAccount *) g_ptr_array_index (acme->accounts, 1))->email, ==, "alan@acme.com");
  g_assert_cmpstr (((MrOrderedAccount *) g_ptr_array_index (acme->accounts, 2))->email, ==, "bob@acme.com");
  g_assert_cmpstr (((MrOrderedAccount *) g_ptr_array_index (acme->accounts, 3))->email, ==, "grace@acme.com");

  g_assert_false (mr_account_selection_has_group (selection, acme));
  g_assert_cmpuint (mr_account_selection_add_group (selection, acme), ==, 3);
  g_assert_false (g_hash_table_contains (selection, "grace@acme.com"));
  g_assert_true (mr_account_selection_has_group (selection, acme));
  g_assert_false (mr_account_selection_has_group (selection, beta));

  g_hash_table_add (selection, g_strdup ("zed@beta.org"));
  g_hash_table_add (selection, g_strdup ("gone@nowhere.com"));
  g_hash_table_add (selection, g_strdup ("grace@acme.com"));
  mr_account_selection_prune (selection, accounts);
  g_assert_cmpuint (g_hash_table_size (selection), ==, 4);

  selected = mr_account_selection_to_strv (selection, acme->accounts);
  g_assert_cmpuint (g_strv_length (selected), ==, 3);
  g_assert_cmpstr (selected[0], ==, "ada@acme.com");
  g_assert_cmpstr (selected[1], ==, "alan@acme.com");
  g_assert_cmpstr (selected[2], ==, "bob@acme.com");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/csv/field-quoting", test_field_quoting);
  g_test_add_func ("/mr/csv/row", test_row);
  g_test_add_func ("/mr/csv/accounts/without-passwords", test_accounts_without_passwords);
  g_test_add_func ("/mr/csv/accounts/with-passwords", test_accounts_with_passwords);
  g_test_add_func ("/mr/csv/accounts/empty", test_accounts_empty);
  g_test_add_func ("/mr/orders-model/pager", test_pager);
  g_test_add_func ("/mr/orders-model/pager-stops-on-loops", test_pager_stops_on_loops);
  g_test_add_func ("/mr/orders-model/keys", test_keys);
  g_test_add_func ("/mr/orders-model/groups-and-selection", test_groups_and_selection);

  return g_test_run ();
}
