/* SPDX-License-Identifier: GPL-3.0-or-later */

/* MrOrderSpec, the plain-struct path `mailroom-cli quote` reads order files
 * with, against the object path (MrOrder, mr_order_validate(),
 * mr_json_order_request()): the same orders, the same request bodies, the
 * same verdict on validity, the same errors for bad files. */

#include "config.h"

#include <glib/gstdio.h>

#include "mailroom-core.h"

static GBytes *
bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static GBytes *
load_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/* Both paths on @bytes. Returns TRUE when the file is a readable order
 * and the spec's request was written (the order then has no problem). */
static gboolean
compare_paths (GBytes *bytes)
{
  g_autoptr(GError) order_error = NULL;
  g_autoptr(GError) spec_error = NULL;
  g_autoptr(MrOrder) order = NULL;
  g_autoptr(MrOrderSpec) spec = NULL;
  g_autoptr(MrOrder) from_spec = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *spec_draft = NULL;
  g_autofree char *body = NULL;
  g_autofree char *spec_body = NULL;

  order = mr_json_parse_order_request (bytes, &order_error);
  spec = mr_json_parse_order_spec (bytes, &spec_error);

  if (order == NULL)
    {
      g_assert_null (spec);
      g_assert_nonnull (spec_error);
      g_assert_error (spec_error, order_error->domain, order_error->code);
      g_assert_cmpstr (spec_error->message, ==, order_error->message);
      return FALSE;
    }

  g_assert_no_error (spec_error);
  g_assert_nonnull (spec);

  /* the same order, every text as written */
  from_spec = mr_order_spec_to_order (spec);
  g_assert_cmpint (mr_order_get_order_type (from_spec), ==, mr_order_get_order_type (order));
  draft = mr_json_order_draft (order);
  spec_draft = mr_json_order_draft (from_spec);
  g_assert_cmpstr (spec_draft, ==, draft);
  g_assert_cmpuint (spec->n_items, ==, mr_order_get_n_items (order));

  /* a request only for an order without problems, and then the same */
  problems = mr_order_validate (order);
  spec_body = mr_order_spec_write_request (spec, TRUE);
  if (spec_body == NULL)
    return FALSE;

  g_assert_cmpuint (problems->len, ==, 0);
  body = mr_json_order_request (order, TRUE);
  g_assert_cmpstr (spec_body, ==, body);
  g_clear_pointer (&spec_body, g_free);
  g_clear_pointer (&body, g_free);

  spec_body = mr_order_spec_write_request (spec, FALSE);
  body = mr_json_order_request (order, FALSE);
  g_assert_cmpstr (spec_body, ==, body);

  return TRUE;
}

/* The verdict is the object path's exactly: what the spec refuses has a
 * problem too */
static void
compare_exactly (const char *text)
{
  g_autoptr(GBytes) bytes = bytes_from_string (text);
  g_autoptr(MrOrder) order = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gboolean written;

  written = compare_paths (bytes);
  order = mr_json_parse_order_request (bytes, NULL);
  g_assert_nonnull (order);
  problems = mr_order_validate (order);

  if (g_test_verbose ())
    g_test_message ("%s: %u problems", text, problems->len);
  g_assert_cmpint (written, ==, problems->len == 0);
}

static void
test_fixtures (void)
{
  const struct {
    const char *dir;
    const char *name;
    gboolean    valid;
  } files[] = {
    { "../examples", "three-domains.json", TRUE },
    { "../examples", "pre-warmed.json", TRUE },
    { "../examples", "extra-accounts.json", TRUE },
    { "../examples", "invalid-order.json", FALSE },
    { "data", "order-request.json", FALSE },
    { "data", "bad-order-request-account.json", FALSE },
    { "data", "bad-order-request-provider.json", FALSE },
    { "data", "bad-order-request-type.json", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GBytes) bytes = load_file (files[i].dir, files[i].name);

      g_test_message ("%s", files[i].name);
      g_assert_cmpint (compare_paths (bytes), ==, files[i].valid);
    }
}

#define ORDER(type, items) "{\"order_type\":\"" type "\",\"items\":[" items "]}"
#define ACCOUNT(prefix, first, last) \
  "{\"email_address_prefix\":\"" prefix "\",\"first_name\":\"" first "\",\"last_name\":\"" last "\"}"
#define TWO ACCOUNT ("ada", "Ada", "Lovelace") "," ACCOUNT ("alan", "Alan", "Turing")

/* Each rule of mr_order_validate(), broken once, and the texts the
 * request normalises */
static void
test_rules (void)
{
  const char *orders[] = {
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"  Acme.COM \",\"email_provider\":1,\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"bücher-acme.com\",\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"https://www.acme.com/\",\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"forwarding_domain\":\" Acme-Forward.com \","
                  "\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"forwarding_domain\":\"  \",\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"forwarding_domain\":null,\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"accounts\":["
                  ACCOUNT (" ada ", " Ada ", "Love\\\"lace\\t") "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"accounts\":[" ACCOUNT ("ada", "Ada", "Lovelace") ","
                  ACCOUNT ("ADA", "Ada", "Lovelace") "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"accounts\":[" ACCOUNT ("ada", " ", "Lovelace") "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"accounts\":[" ACCOUNT ("ada", "Ada", "") "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"accounts\":[" ACCOUNT ("ada lovelace", "Ada", "L") "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"accounts\":[" ACCOUNT ("", "Ada", "L") "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"accounts\":[]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\"}"),
    ORDER ("dfy", "{\"domain\":\"acme.net\",\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"acme\",\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"\",\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"accounts\":[" TWO "]},"
                  "{\"domain\":\" ACME.com\",\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"accounts\":[" TWO "]},"
                  "{\"domain\":\"acme.org\",\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"forwarding_domain\":\"ACME.com\",\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"forwarding_domain\":\"not a domain\","
                  "\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"email_provider\":2,\"accounts\":[" TWO "]}"),
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"email_provider\":3,\"accounts\":[" TWO "]}"),
    ORDER ("dfy", ""),
    ORDER ("pre_warmed_up", "{\"domain\":\"acme.co\",\"accounts\":[]}"),
    ORDER ("pre_warmed_up", "{\"domain\":\"acme.net\"}"),
    ORDER ("extra_accounts", "{\"domain\":\"acme.net\",\"accounts\":[" TWO "]}"),
    ORDER ("extra_accounts", "{\"domain\":\"acme.net\",\"email_provider\":2,\"accounts\":[" TWO "]}"),
  };
  gboolean some_written = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr(GBytes) bytes = bytes_from_string (orders[i]);

      compare_exactly (orders[i]);
      some_written |= compare_paths (bytes);
    }

  g_assert_true (some_written);
}

/* Microsoft's 50 to 100 mailboxes go through a table */
static void
test_many_mailboxes (void)
{
  for (guint duplicate = 0; duplicate < 2; duplicate++)
    {
      g_autoptr(GString) text = g_string_new ("{\"order_type\":\"dfy\",\"items\":[{\"domain\":"
                                              "\"acme.com\",\"email_provider\":2,\"accounts\":[");

      for (guint i = 0; i < 60; i++)
        g_string_append_printf (text, "%s{\"email_address_prefix\":\"%s%u\",\"first_name\":\"A\","
                                "\"last_name\":\"B\"}", i > 0 ? "," : "",
                                duplicate && i == 59 ? "Box" : "box", duplicate && i == 59 ? 7 : i);
      g_string_append (text, "]}]}");

      compare_exactly (text->str);
    }
}

/* 1,000 domains with the texts the request normalises, as the CLI's
 * golden outputs have them; with @repeat, the last one is the first again
 * (in the other half of a request written in two) */
static char *
large_order (gboolean repeat)
{
  GString *text = g_string_new ("{\"order_type\":\"dfy\",\"items\":[");

  for (guint i = 0; i < 1000; i++)
    {
      g_string_append_printf (text, "%s{\"domain\":", i > 0 ? "," : "");
      if (repeat && i == 999)
        g_string_append (text, "\"SPEC-outreach-0000.com\"");
      else if (i % 97 == 5)
        g_string_append_printf (text, "\"bücher-spec-%04u.com\"", i);
      else if (i % 7 == 3)
        g_string_append_printf (text, "\"  Spec-Outreach-%04u.ORG \"", i);
      else
        g_string_append_printf (text, "\"spec-outreach-%04u.com\"", i);
      if (i % 13 == 6)
        g_string_append (text, ",\"forwarding_domain\":\"Example-Forward.com \"");
      g_string_append_printf (text, ",\"email_provider\":1,\"accounts\":[");
      for (guint j = 0; j < 5; j++)
        g_string_append_printf (text, "%s{\"email_address_prefix\":\"jane.%u\",\"first_name\":"
                                "\"%sJane\",\"last_name\":\"Doe%s\"}", j > 0 ? "," : "", j,
                                i % 11 == 4 ? " " : "", i % 11 == 4 ? "  " : "");
      g_string_append (text, "]}");
    }
  g_string_append (text, "]}");

  return g_string_free (text, FALSE);
}

static void
test_large_order (void)
{
  g_autofree char *text = large_order (FALSE);
  g_autofree char *repeated = large_order (TRUE);
  g_autoptr(GBytes) bytes = bytes_from_string (text);

  g_assert_true (compare_paths (bytes));
  compare_exactly (repeated);
}

/* Files that are no order: refused by both, with the same message */
static void
test_bad_input (void)
{
  const char *texts[] = {
    "",
    "   ",
    "not json",
    "[]",
    "{\"items\":[]}",
    "{\"order_type\":\"dfy\"}",
    "{\"order_type\":\"weekly\",\"items\":[]}",
    "{\"order_type\":7,\"items\":[]}",
    "{\"order_type\":\"dfy\",\"items\":{}}",
    "{\"order_type\":\"dfy\",\"items\":[7]}",
    "{\"order_type\":\"dfy\",\"items\":[{}]}",
    "{\"order_type\":\"dfy\",\"items\":[{\"domain\":3}]}",
    "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"a.com\",\"email_provider\":\"1\"}]}",
    "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"a.com\",\"email_provider\":9}]}",
    "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"a.com\",\"email_provider\":1.5}]}",
    "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"a.com\",\"forwarding_domain\":1}]}",
    "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"a.com\",\"accounts\":{}}]}",
    "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"a.com\",\"accounts\":[null]}]}",
    "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"a.com\",\"accounts\":[{\"first_name\":\"A\"}]}]}",
    "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"a.com\",\"accounts\":[" ACCOUNT ("a", "A", "B") ","
      "{\"email_address_prefix\":\"b\",\"first_name\":\"B\",\"last_name\":null}]}]}",
    "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"a.com\"}]} trailing",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = bytes_from_string (texts[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(MrOrderSpec) spec = NULL;

      g_test_message ("%s", texts[i]);
      spec = mr_json_parse_order_spec (bytes, &error);
      g_assert_null (spec);
      g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PARSE);
      g_assert_false (compare_paths (bytes));
    }
}

/* A long list is read in two halves at once: the error of the first
 * item that fails is the one reported, whichever half it is in */
static void
test_bad_large_order (void)
{
  const guint broken[][2] = { { 900, 900 }, { 100, 900 }, { 900, 100 }, { 499, 500 } };

  for (guint k = 0; k < G_N_ELEMENTS (broken); k++)
    {
      g_autoptr(GString) text = g_string_new ("{\"order_type\":\"dfy\",\"items\":[");
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(MrOrderSpec) spec = NULL;
      g_autofree char *where = NULL;

      for (guint i = 0; i < 1000; i++)
        {
          g_string_append_printf (text, "%s{\"domain\":\"spec-%04u.com\",\"accounts\":[",
                                  i > 0 ? "," : "", i);
          if (i == broken[k][0])
            g_string_append (text, "{\"email_address_prefix\":\"a\",\"first_name\":\"A\"}");
          else if (i == broken[k][1])
            g_string_append (text, "7");
          else
            g_string_append (text, ACCOUNT ("a", "A", "B"));
          g_string_append (text, "]}");
        }
      g_string_append (text, "]}");

      bytes = bytes_from_string (text->str);
      spec = mr_json_parse_order_spec (bytes, &error);
      g_assert_null (spec);
      where = g_strdup_printf ("items[%u].accounts[0]", MIN (broken[k][0], broken[k][1]));
      g_assert_nonnull (strstr (error->message, where));
      g_assert_nonnull (strstr (error->message, broken[k][0] <= broken[k][1] ? "last_name"
                                                                             : "expected an object"));
      g_assert_false (compare_paths (bytes));
    }
}

/* The order file loaders: the same messages, naming the file */
static void
test_order_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mr-order-spec-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "order.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  const char *contents[] = {
    ORDER ("dfy", "{\"domain\":\"acme.com\",\"accounts\":[" TWO "]}"),
    "{\"order_type\":\"dfy\",\"items\":[{\"domain\":\"a.com\",\"email_provider\":9}]}",
    "{",
  };

  g_assert_nonnull (dir);

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(GError) order_error = NULL;
      g_autoptr(GError) spec_error = NULL;
      g_autoptr(MrOrder) order = NULL;
      g_autoptr(MrOrderSpec) spec = NULL;

      g_assert_true (g_file_set_contents (path, contents[i], -1, NULL));
      order = mr_order_file_load (path, &order_error);
      spec = mr_order_file_load_spec (path, &spec_error);

      g_assert_cmpint (order != NULL, ==, spec != NULL);
      if (order != NULL)
        {
          g_autofree char *body = mr_json_order_request (order, TRUE);
          g_autofree char *spec_body = mr_order_spec_write_request (spec, TRUE);

          g_assert_cmpstr (spec_body, ==, body);
          continue;
        }

      g_assert_error (order_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_error (spec_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (spec_error->message, path));
      g_assert_cmpstr (spec_error->message, ==, order_error->message);
    }

  {
    g_autoptr(GError) order_error = NULL;
    g_autoptr(GError) spec_error = NULL;

    g_assert_null (mr_order_file_load (missing, &order_error));
    g_assert_null (mr_order_file_load_spec (missing, &spec_error));
    g_assert_error (spec_error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_assert_cmpstr (spec_error->message, ==, order_error->message);
  }

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/order-spec/fixtures", test_fixtures);
  g_test_add_func ("/mr/order-spec/rules", test_rules);
  g_test_add_func ("/mr/order-spec/many-mailboxes", test_many_mailboxes);
  g_test_add_func ("/mr/order-spec/large-order", test_large_order);
  g_test_add_func ("/mr/order-spec/bad-input", test_bad_input);
  g_test_add_func ("/mr/order-spec/bad-large-order", test_bad_large_order);
  g_test_add_func ("/mr/order-spec/order-file", test_order_file);

  return g_test_run ();
}
