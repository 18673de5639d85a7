/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "mr-domain-name.h"
#include "mr-order.h"

#define LONG_LABEL_63 "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk"
#define LONG_LABEL_64 LONG_LABEL_63 "l"
/* 4 labels of 63 + 3 dots + "com" = 258; with 62-char labels = 254 */
#define LABEL_62 "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij"

/* ---- domain names ------------------------------------------------------ */

#define OK (-1)

static void
test_normalize (void)
{
  static const struct {
    const char *input;
    const char *ascii;  /* when valid */
    int         error;  /* OK or an MrDomainNameError */
  } rows[] = {
    { "example.com", "example.com", OK },
    { "  Example.COM  ", "example.com", OK },
    { "https://www.Example.com/path?x=1#top", "example.com", OK },
    { "http://example.org:8080/", "example.org", OK },
    { "example.com.", "example.com", OK },
    { "example.com:443", "example.com", OK },
    { "www.example.com", "example.com", OK },
    { "www.com", "www.com", OK },
    { "mail.example.co.uk", "mail.example.co.uk", OK },
    { "a-b.com", "a-b.com", OK },
    { "123.com", "123.com", OK },
    { "xn--bcher-kva.com", "xn--bcher-kva.com", OK },
    { "bücher.com", "xn--bcher-kva.com", OK },
    { "BÜCHER.com", "xn--bcher-kva.com", OK },
    { "https://bücher.com/", "xn--bcher-kva.com", OK },
    { "пример.рф", "xn--e1afmkfd.xn--p1ai", OK },
    { "example.xn--p1ai", "example.xn--p1ai", OK },
    { LONG_LABEL_63 ".com", LONG_LABEL_63 ".com", OK },
    { LABEL_62 "." LABEL_62 "." LABEL_62 "." "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefgh.com",
      LABEL_62 "." LABEL_62 "." LABEL_62 "." "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefgh.com", OK },
    { "", NULL, MR_DOMAIN_NAME_ERROR_EMPTY },
    { "   ", NULL, MR_DOMAIN_NAME_ERROR_EMPTY },
    { "https://", NULL, MR_DOMAIN_NAME_ERROR_EMPTY },
    { NULL, NULL, MR_DOMAIN_NAME_ERROR_EMPTY },
    { LONG_LABEL_64 ".com", NULL, MR_DOMAIN_NAME_ERROR_LABEL_TOO_LONG },
    { LABEL_62 "." LABEL_62 "." LABEL_62 "." "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghi.com",
      NULL, MR_DOMAIN_NAME_ERROR_TOO_LONG },
    { "a..com", NULL, MR_DOMAIN_NAME_ERROR_EMPTY_LABEL },
    { ".com", NULL, MR_DOMAIN_NAME_ERROR_EMPTY_LABEL },
    { "example..", NULL, MR_DOMAIN_NAME_ERROR_EMPTY_LABEL },
    { "exa_mple.com", NULL, MR_DOMAIN_NAME_ERROR_BAD_CHARACTER },
    { "exa mple.com", NULL, MR_DOMAIN_NAME_ERROR_BAD_CHARACTER },
    { "jane@example.com", NULL, MR_DOMAIN_NAME_ERROR_BAD_CHARACTER },
    { "example.com:abc", NULL, MR_DOMAIN_NAME_ERROR_BAD_CHARACTER },
    { "-example.com", NULL, MR_DOMAIN_NAME_ERROR_HYPHEN },
    { "example-.com", NULL, MR_DOMAIN_NAME_ERROR_HYPHEN },
    { "example.-com", NULL, MR_DOMAIN_NAME_ERROR_HYPHEN },
    { "localhost", NULL, MR_DOMAIN_NAME_ERROR_NO_TLD },
    { "www.", NULL, MR_DOMAIN_NAME_ERROR_NO_TLD },
    { "example.123", NULL, MR_DOMAIN_NAME_ERROR_BAD_TLD },
    { "192.168.0.1", NULL, MR_DOMAIN_NAME_ERROR_BAD_TLD },
    { "example.c", NULL, MR_DOMAIN_NAME_ERROR_BAD_TLD },
    { "example.c0m", NULL, MR_DOMAIN_NAME_ERROR_BAD_TLD },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *ascii = NULL;

      g_test_message ("row %u: “%s”", i, rows[i].input);
      ascii = mr_domain_name_normalize (rows[i].input, &error);

      if (rows[i].error == OK)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (ascii, ==, rows[i].ascii);
        }
      else
        {
          g_assert_error (error, MR_DOMAIN_NAME_ERROR, rows[i].error);
          g_assert_null (ascii);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_error_messages_name_the_domain (void)
{
  const char *inputs[] = { "exa_mple.com", "a..com", "-x.com", "localhost", "example.123",
                           LONG_LABEL_64 ".com" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *ascii = mr_domain_name_normalize (inputs[i], &error);

      g_assert_null (ascii);
      g_assert_nonnull (strstr (error->message, inputs[i]));
    }
}

static void
test_dfy_tld (void)
{
  static const struct {
    const char *input;
    gboolean    ok;
  } rows[] = {
    { "example.com", TRUE },
    { "Example.ORG", TRUE },
    { "bücher.com", TRUE },
    { "example.net", FALSE },
    { "example.co", FALSE },
    { "example.com.au", FALSE },
    { "examplecom.io", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *ascii = mr_domain_name_normalize_dfy (rows[i].input, &error);

      if (rows[i].ok)
        {
          g_assert_no_error (error);
          g_assert_true (mr_domain_name_is_dfy_tld (ascii));
        }
      else
        {
          g_assert_error (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_UNSUPPORTED_TLD);
          g_assert_null (ascii);
        }
    }

  /* a syntax error wins over the TLD rule */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *ascii = mr_domain_name_normalize_dfy ("a..net", &error);

    g_assert_error (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_EMPTY_LABEL);
  }
}

static void
test_split_list (void)
{
  static const struct {
    const char *text;
    const char *joined;
  } rows[] = {
    { "a.com b.com", "a.com|b.com" },
    { "a.com,b.com;c.com", "a.com|b.com|c.com" },
    { "  a.com ,\n\tb.com;;\r\n", "a.com|b.com" },
    { "", "" },
    { " , ; ", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_auto(GStrv) parts = mr_domain_name_split_list (rows[i].text);
      g_autofree char *joined = g_strjoinv ("|", parts);

      g_assert_cmpstr (joined, ==, rows[i].joined);
    }
}

static void
test_prefix (void)
{
  static const struct {
    const char *prefix;
    gboolean    ok;
  } rows[] = {
    { "jane", TRUE },
    { "jane.doe", TRUE },
    { "jane_doe-2", TRUE },
    { "Jane.Doe", TRUE },
    { "j", TRUE },
    { "a234567890123456789012345678901234567890123456789012345678901234", TRUE },
    { "a2345678901234567890123456789012345678901234567890123456789012345", FALSE },
    { "", FALSE },
    { NULL, FALSE },
    { ".jane", FALSE },
    { "jane.", FALSE },
    { "jane..doe", FALSE },
    { "jane doe", FALSE },
    { "jane+sales", FALSE },
    { "jane@doe", FALSE },
    { "jäne", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *reason = NULL;

      g_test_message ("“%s”", rows[i].prefix);
      g_assert_cmpint (mr_email_prefix_is_valid (rows[i].prefix, &reason), ==, rows[i].ok);
      if (rows[i].ok)
        g_assert_null (reason);
      else
        g_assert_cmpstr (reason, !=, "");
    }

  g_assert_false (mr_email_prefix_is_valid ("..", NULL));
}

static void
test_prefix_suggest (void)
{
  static const struct {
    const char *first;
    const char *last;
    const char *prefix;
  } rows[] = {
    { "Jane", "Doe", "jane.doe" },
    { "  Jane ", " DOE ", "jane.doe" },
    { "José", "Núñez", "jose.nunez" },
    { "Mary Ann", "O'Brien", "mary-ann.obrien" },
    { "Jean-Luc", "Picard", "jean-luc.picard" },
    { "Cher", "", "cher" },
    { "", "Doe", "doe" },
    { NULL, NULL, "" },
    { "李", "Wei", "wei" },
    { "---", "!!!", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *prefix = mr_email_prefix_suggest (rows[i].first, rows[i].last);

      g_assert_cmpstr (prefix, ==, rows[i].prefix);
      if (*prefix != '\0')
        g_assert_true (mr_email_prefix_is_valid (prefix, NULL));
    }
}

/* ---- whole orders -------------------------------------------------------- */

typedef struct
{
  const char      *domain;
  MrEmailProvider  provider;
  const char      *forwarding;
  guint            n_generated;  /* valid, unique mailboxes */
  const char      *accounts;     /* more: "First|Last|prefix;…" */
} ItemRow;

typedef struct
{
  const char  *name;
  MrOrderType  type;
  ItemRow      items[4];
  const char  *expected;         /* "kind@domain kind@domain/prefix …" */
} OrderRow;

#define G MR_EMAIL_PROVIDER_GOOGLE
#define A MR_EMAIL_PROVIDER_AIRMAIL
#define M MR_EMAIL_PROVIDER_MICROSOFT
#define DFY MR_ORDER_TYPE_DFY
#define PRE MR_ORDER_TYPE_PRE_WARMED_UP
#define EXTRA MR_ORDER_TYPE_EXTRA_ACCOUNTS

static const OrderRow order_rows[] = {
  { "empty", DFY, { { NULL } }, "empty" },
  { "empty-pre", PRE, { { NULL } }, "empty" },
  { "one-good", DFY, { { "example.com", G, NULL, 1 } }, "" },
  { "five-google", DFY, { { "example.com", G, NULL, 5 } }, "" },
  { "six-google", DFY, { { "example.com", G, NULL, 6 } }, "count@example.com" },
  { "five-airmail", DFY, { { "example.org", A, NULL, 5 } }, "" },
  { "six-airmail", DFY, { { "example.org", A, NULL, 6 } }, "count@example.org" },
  { "ms-50", DFY, { { "example.com", M, NULL, 50 } }, "" },
  { "ms-100", DFY, { { "example.com", M, NULL, 100 } }, "" },
  { "ms-49", DFY, { { "example.com", M, NULL, 49 } }, "count@example.com" },
  { "ms-101", DFY, { { "example.com", M, NULL, 101 } }, "count@example.com" },
  { "ms-1", DFY, { { "example.com", M, NULL, 1 } }, "count@example.com" },
  { "no-accounts", DFY, { { "example.com", G, NULL, 0 } }, "no-accounts@example.com" },
  { "no-accounts-ms", DFY, { { "example.com", M, NULL, 0 } }, "no-accounts@example.com" },
  { "tld-net", DFY, { { "example.net", G, NULL, 1 } }, "tld@example.net" },
  { "tld-co-dfy", DFY, { { "example.co", G, NULL, 1 } }, "tld@example.co" },
  { "tld-org", DFY, { { "Example.ORG", G, NULL, 1 } }, "" },
  { "idn", DFY, { { "bücher.com", G, NULL, 1 } }, "" },
  { "idn-bad-tld", DFY, { { "bücher.de", G, NULL, 1 } }, "tld@xn--bcher-kva.de" },
  { "invalid-syntax", DFY, { { "exa_mple.com", G, NULL, 1 } }, "invalid@exa_mple.com" },
  { "invalid-hyphen", DFY, { { "-example.com", G, NULL, 1 } }, "invalid@-example.com" },
  { "invalid-long-label", DFY, { { LONG_LABEL_64 ".com", G, NULL, 1 } },
    "invalid@" LONG_LABEL_64 ".com" },
  { "long-label-ok", DFY, { { LONG_LABEL_63 ".com", G, NULL, 1 } }, "" },
  { "invalid-empty", DFY, { { "  ", G, NULL, 1 } }, "invalid@" },
  { "invalid-no-tld", DFY, { { "example", G, NULL, 1 } }, "invalid@example" },
  { "url-pasted", DFY, { { "https://www.example.com/", G, NULL, 1 } }, "" },
  { "duplicate", DFY,
    { { "example.com", G, NULL, 1 }, { "other.com", G, NULL, 1 }, { "EXAMPLE.com", G, NULL, 1 } },
    "duplicate@example.com" },
  { "duplicate-idn", DFY,
    { { "bücher.com", G, NULL, 1 }, { "xn--bcher-kva.com", G, NULL, 1 } },
    "duplicate@xn--bcher-kva.com" },
  { "duplicate-url", DFY,
    { { "example.com", G, NULL, 1 }, { "http://www.example.com/", G, NULL, 1 } },
    "duplicate@example.com" },
  { "forwarding-ok", DFY, { { "example.com", G, "forward.example.net", 1 } }, "" },
  { "forwarding-self", DFY, { { "example.com", G, "www.Example.com", 1 } },
    "forwarding@example.com" },
  { "forwarding-bad", DFY, { { "example.com", G, "not a domain", 1 } },
    "forwarding@example.com" },
  { "forwarding-blank", DFY, { { "example.com", G, "   ", 1 } }, "" },
  { "names-missing", DFY, { { "example.com", G, NULL, 0, "|Doe|jane;Jane||jane2;||jane3" } },
    "name@example.com/jane name@example.com/jane2 name@example.com/jane3 name@example.com/jane3" },
  { "names-blank", DFY, { { "example.com", G, NULL, 0, " | |jane" } },
    "name@example.com/jane name@example.com/jane" },
  { "prefix-bad", DFY, { { "example.com", G, NULL, 0, "Jane|Doe|jane..doe;John|Doe|;Jo|Do|jo+do" } },
    "prefix@example.com/jane..doe prefix@example.com/ prefix@example.com/jo+do" },
  { "prefix-duplicate", DFY,
    { { "example.com", G, NULL, 0, "Jane|Doe|jane.doe;Jane|Dow|Jane.Doe;J|D|jane.doe" } },
    "duplicate-account@example.com/Jane.Doe duplicate-account@example.com/jane.doe" },
  { "prefix-same-on-two-domains", DFY,
    { { "a.com", G, NULL, 0, "Jane|Doe|jane" }, { "b.com", G, NULL, 0, "Jane|Doe|jane" } }, "" },
  { "pre-ignores-accounts", PRE,
    { { "a.com", G, NULL, 0 }, { "b.org", M, NULL, 3 }, { "c.co", G, NULL, 0, "||.." } }, "" },
  { "pre-tld", PRE, { { "example.net", G, NULL, 0 } }, "tld@example.net" },
  { "pre-duplicate", PRE, { { "a.com", G, NULL, 0 }, { "A.com", G, NULL, 0 } },
    "duplicate@a.com" },
  { "extra-any-tld", EXTRA, { { "example.net", G, NULL, 2 }, { "example.io", A, NULL, 1 } }, "" },
  { "extra-ms", EXTRA, { { "example.com", M, NULL, 60 } }, "unsupported@example.com" },
  { "extra-google-limit", EXTRA, { { "example.com", G, NULL, 6 } }, "count@example.com" },
  { "extra-no-accounts", EXTRA, { { "example.com", A, NULL, 0 } }, "no-accounts@example.com" },
  { "extra-invalid", EXTRA, { { "exa mple.com", G, NULL, 1 } }, "invalid@exa mple.com" },
  { "several", DFY,
    { { "good.com", G, NULL, 2 },
      { "bad.net", M, "bad.net", 10 },
      { "a..com", A, NULL, 0 },
      { "good.com", G, NULL, 1, "Jo|Do|jo..do" } },
    "tld@bad.net forwarding@bad.net count@bad.net invalid@a..com no-accounts@a..com "
    "duplicate@good.com prefix@good.com/jo..do" },
};

static const char *
kind_name (MrProblemKind kind)
{
  switch (kind)
    {
    case MR_PROBLEM_ORDER_EMPTY: return "empty";
    case MR_PROBLEM_DOMAIN_INVALID: return "invalid";
    case MR_PROBLEM_DOMAIN_TLD: return "tld";
    case MR_PROBLEM_DOMAIN_DUPLICATE: return "duplicate";
    case MR_PROBLEM_FORWARDING_DOMAIN: return "forwarding";
    case MR_PROBLEM_NO_ACCOUNTS: return "no-accounts";
    case MR_PROBLEM_ACCOUNT_COUNT: return "count";
    case MR_PROBLEM_PROVIDER_UNSUPPORTED: return "unsupported";
    case MR_PROBLEM_ACCOUNT_NAME: return "name";
    case MR_PROBLEM_ACCOUNT_PREFIX: return "prefix";
    case MR_PROBLEM_ACCOUNT_DUPLICATE: return "duplicate-account";
    case MR_PROBLEM_DOMAIN_UNAVAILABLE:
    case MR_PROBLEM_DOMAIN_BLACKLISTED:
    case MR_PROBLEM_MISSING_DOMAIN_ORDER:
    case MR_PROBLEM_PROVIDER_MISMATCH:
    case MR_PROBLEM_PROVIDER_UNAVAILABLE:
    case MR_PROBLEM_ACCOUNT_INVALID:
    case MR_PROBLEM_PAYMENT_FAILED:
    default:
      return "server-only";
    }
}

static MrOrder *
build_order (const OrderRow *row)
{
  MrOrder *order = mr_order_new (row->type);

  for (guint i = 0; i < G_N_ELEMENTS (row->items) && row->items[i].domain != NULL; i++)
    {
      const ItemRow *spec = &row->items[i];
      g_autoptr(MrOrderItem) item = mr_order_item_new (spec->domain);

      mr_order_item_set_email_provider (item, spec->provider);
      mr_order_item_set_forwarding_domain (item, spec->forwarding);

      for (guint j = 0; j < spec->n_generated; j++)
        {
          g_autofree char *prefix = g_strdup_printf ("user%u", j);
          g_autoptr(MrAccount) account = mr_account_new ("Jane", "Doe", prefix);

          mr_order_item_append_account (item, account);
        }

      if (spec->accounts != NULL)
        {
          g_auto(GStrv) people = g_strsplit (spec->accounts, ";", -1);

          for (guint j = 0; people[j] != NULL; j++)
            {
              g_auto(GStrv) fields = g_strsplit (people[j], "|", 3);
              g_autoptr(MrAccount) account = NULL;

              g_assert_cmpuint (g_strv_length (fields), ==, 3);
              account = mr_account_new (fields[0], fields[1], fields[2]);
              mr_order_item_append_account (item, account);
            }
        }

      mr_order_append_item (order, item);
    }

  return order;
}

static void
test_order_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (order_rows); i++)
    {
      const OrderRow *row = &order_rows[i];
      g_autoptr(MrOrder) order = build_order (row);
      g_autoptr(GPtrArray) problems = mr_order_validate (order);
      g_autoptr(GString) got = g_string_new (NULL);

      g_test_message ("row %s", row->name);

      for (guint j = 0; j < problems->len; j++)
        {
          MrProblem *problem = g_ptr_array_index (problems, j);

          g_assert_nonnull (problem->message);
          g_assert_cmpstr (problem->message, !=, "");

          if (got->len > 0)
            g_string_append_c (got, ' ');
          g_string_append (got, kind_name (problem->kind));
          if (problem->domain != NULL)
            g_string_append_printf (got, "@%s", problem->domain);
          if (problem->account_prefix != NULL)
            g_string_append_printf (got, "/%s", problem->account_prefix);

          /* every sentence names the domain as the user typed it */
          if (problem->kind != MR_PROBLEM_ORDER_EMPTY)
            {
              gboolean named = FALSE;

              for (guint k = 0; k < G_N_ELEMENTS (row->items) && row->items[k].domain; k++)
                {
                  g_autofree char *shown = g_strstrip (g_strdup (row->items[k].domain));

                  if (*shown == '\0' || strstr (problem->message, shown) != NULL)
                    named = TRUE;
                }
              if (!named)
                g_error ("row %s: “%s” names no domain", row->name, problem->message);
            }
        }

      if (g_strcmp0 (got->str, row->expected) != 0)
        g_error ("row %s: expected “%s”, got “%s”", row->name, row->expected, got->str);
    }
}

static void
test_problem_details (void)
{
  const OrderRow row = { "details", DFY,
                         { { "example.com", G, "example.com", 0, "Jane||jane..x" } }, NULL };
  g_autoptr(MrOrder) order = build_order (&row);
  g_autoptr(GPtrArray) problems = mr_order_validate (order);
  MrProblem *problem;
  g_autoptr(MrProblem) copy = NULL;

  g_assert_cmpuint (problems->len, ==, 3);

  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->kind, ==, MR_PROBLEM_FORWARDING_DOMAIN);
  g_assert_cmpstr (problem->detail, ==, "example.com");
  g_assert_null (problem->account_prefix);

  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpint (problem->kind, ==, MR_PROBLEM_ACCOUNT_NAME);
  g_assert_cmpstr (problem->detail, ==, "last_name");
  g_assert_nonnull (strstr (problem->message, "jane..x@example.com"));

  problem = g_ptr_array_index (problems, 2);
  g_assert_cmpint (problem->kind, ==, MR_PROBLEM_ACCOUNT_PREFIX);
  g_assert_nonnull (problem->detail);

  copy = mr_problem_copy (problem);
  g_assert_true (MR_IS_PROBLEM (copy));
  g_assert_cmpstr (copy->field, ==, "email_address_prefix");
  g_assert_cmpint (copy->severity, ==, MR_PROBLEM_BLOCKS);
  g_assert_cmpint (copy->origin, ==, MR_PROBLEM_LOCAL);
  g_assert_cmpint (copy->kind, ==, problem->kind);
  g_assert_cmpstr (copy->domain, ==, problem->domain);
  g_assert_cmpstr (copy->account_prefix, ==, problem->account_prefix);
  g_assert_cmpstr (copy->detail, ==, problem->detail);
  g_assert_cmpstr (copy->message, ==, problem->message);
}

static void
test_validate_follows_edits (void)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(MrOrderItem) item = mr_order_item_new ("example.net");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  mr_order_item_add_from_names (item, "Jane Doe");
  mr_order_append_item (order, item);

  before = mr_order_validate (order);
  g_assert_cmpuint (before->len, ==, 1);
  g_assert_cmpint (((MrProblem *) before->pdata[0])->kind, ==, MR_PROBLEM_DOMAIN_TLD);

  mr_order_item_set_domain (item, "example.org");
  after = mr_order_validate (order);
  g_assert_cmpuint (after->len, ==, 0);
}

/* a count problem names the provider it counts for (looked up only for
 * such a message) */
static void
test_count_message (void)
{
  const ItemRow items[] = {
    { "example.com", M, NULL, 49 },
    { "example.org", G, NULL, 6 },
  };
  g_autoptr(MrOrder) order = mr_order_new (DFY);
  g_autoptr(GPtrArray) problems = NULL;
  guint n_count = 0;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(MrOrderItem) item = mr_order_item_new (items[i].domain);

      mr_order_item_set_email_provider (item, items[i].provider);
      for (guint j = 0; j < items[i].n_generated; j++)
        {
          g_autofree char *prefix = g_strdup_printf ("user%u", j);
          g_autoptr(MrAccount) account = mr_account_new ("Jane", "Doe", prefix);

          mr_order_item_append_account (item, account);
        }
      mr_order_append_item (order, item);
    }

  problems = mr_order_validate (order);
  for (guint i = 0; i < problems->len; i++)
    {
      const MrProblem *problem = g_ptr_array_index (problems, i);

      if (problem->kind != MR_PROBLEM_ACCOUNT_COUNT)
        continue;
      n_count++;
      if (g_str_equal (problem->domain, "example.com"))
        g_assert_cmpstr (problem->message, ==, "Microsoft needs 50 to 100 mailboxes on example.com; it has 49");
      else
        g_assert_cmpstr (problem->message, ==, "Google needs 1 to 5 mailboxes on example.org; it has 6");
    }
  g_assert_cmpuint (n_count, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/domain-name/normalize", test_normalize);
  g_test_add_func ("/mr/domain-name/messages", test_error_messages_name_the_domain);
  g_test_add_func ("/mr/domain-name/dfy-tld", test_dfy_tld);
  g_test_add_func ("/mr/domain-name/split-list", test_split_list);
  g_test_add_func ("/mr/email-prefix/valid", test_prefix);
  g_test_add_func ("/mr/email-prefix/suggest", test_prefix_suggest);
  g_test_add_func ("/mr/validation/table", test_order_table);
  g_test_add_func ("/mr/validation/details", test_problem_details);
  g_test_add_func ("/mr/validation/follows-edits", test_validate_follows_edits);
  g_test_add_func ("/mr/validation/count-message", test_count_message);

  return g_test_run ();
}
