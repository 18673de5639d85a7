/* SPDX-License-Identifier: GPL-3.0-or-later */

/* mr_json_read(): what it makes of each rule, its messages, and the same
 * tree as mr_json_guard() + json-glib (the path it replaced) on every
 * case here and on generated documents, checked by mr-json-differ. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "mailroom-core.h"
#include "mr-json-differ.h"
#include "mr-json-reader.h"

static JsonNode *
read_ok (const char *text,
         gssize      length)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = NULL;
  gsize size = length < 0 ? strlen (text) : (gsize) length;

  g_assert_cmpint (mr_json_differ_check ((const guint8 *) text, size), ==, MR_JSON_DIFFER_SAME);
  g_assert_true (mr_json_read (text, size, MR_JSON_MAX_DEPTH, &root, &error));
  g_assert_no_error (error);

  return root;
}

static GError *
read_error (const char          *text,
            gssize               length,
            MrJsonDifferVerdict  verdict)
{
  GError *error = NULL;
  JsonNode *root = NULL;
  gsize size = length < 0 ? strlen (text) : (gsize) length;

  g_assert_cmpint (mr_json_differ_check ((const guint8 *) text, size), ==, verdict);
  g_assert_false (mr_json_read (text, size, MR_JSON_MAX_DEPTH, &root, &error));
  g_assert_null (root);
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  return error;
}

static JsonNode *
element (JsonNode *array,
         guint     index)
{
  return json_array_get_element (json_node_get_array (array), index);
}

static void
test_values (void)
{
  g_autoptr(JsonNode) root = read_ok ("[0, -0, 12, -12, 9223372036854775807, -9223372036854775808,"
                                      " 9223372036854775808, -9223372036854775809, 0.5, -0.0,"
                                      " 1e5, 2E-3, true, false, null, \"\"]", -1);

  g_assert_cmpint (json_node_get_value_type (element (root, 0)), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (element (root, 1)), ==, 0);
  g_assert_cmpint (json_node_get_int (element (root, 3)), ==, -12);
  g_assert_cmpint (json_node_get_int (element (root, 4)), ==, G_MAXINT64);
  g_assert_cmpint (json_node_get_int (element (root, 5)), ==, G_MININT64);
  /* beyond gint64: the double it is */
  g_assert_cmpint (json_node_get_value_type (element (root, 6)), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (element (root, 6)), ==, 9223372036854775808.0);
  g_assert_cmpfloat (json_node_get_double (element (root, 7)), ==, -9223372036854775809.0);
  g_assert_cmpfloat (json_node_get_double (element (root, 8)), ==, 0.5);
  g_assert_true (signbit (json_node_get_double (element (root, 9))));
  g_assert_cmpint (json_node_get_value_type (element (root, 10)), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (element (root, 10)), ==, 1e5);
  g_assert_cmpfloat (json_node_get_double (element (root, 11)), ==, 2e-3);
  g_assert_true (json_node_get_boolean (element (root, 12)));
  g_assert_false (json_node_get_boolean (element (root, 13)));
  g_assert_true (JSON_NODE_HOLDS_NULL (element (root, 14)));
  g_assert_cmpstr (json_node_get_string (element (root, 15)), ==, "");
}

static void
test_huge_numbers (void)
{
  g_autoptr(GString) text = g_string_new ("[1e400, -1e400, 1e-400, ");
  g_autoptr(JsonNode) root = NULL;

  /* too large for a double, as an integer too; longer than 512 */
  g_string_append_c (text, '-');
  for (guint i = 0; i < 400; i++)
    g_string_append_c (text, '9');
  g_string_append (text, ", 0.");
  for (guint i = 0; i < 600; i++)
    g_string_append_c (text, '0');
  g_string_append (text, "1]");

  root = read_ok (text->str, text->len);
  g_assert_cmpfloat (json_node_get_double (element (root, 0)), ==, 1e308);
  g_assert_cmpfloat (json_node_get_double (element (root, 1)), ==, -1e308);
  g_assert_cmpfloat (json_node_get_double (element (root, 2)), ==, 0.0);
  g_assert_cmpfloat (json_node_get_double (element (root, 3)), ==, -1e308);
  /* the guard's rule: a literal that long is a huge double, whatever it says */
  g_assert_cmpfloat (json_node_get_double (element (root, 4)), ==, 1e308);
}

static void
test_strings (void)
{
  static const char text[] =
    "[\"\\ud83d\\ude00\", \"a\\ud800b\", \"\\udc00\", \"\\ud800\\ud800\", \"x\\u0000y\","
    " \"\\u12\", \"\\u\", \"\\u00e9\\u00C9\", \"\xff\xfe\", \"\xc3\xa9\", \"\xed\xa0\x80\","
    " \"a\0b\", \"tab\there\", \"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]";
  g_autoptr(JsonNode) root = read_ok (text, sizeof text - 1);

  g_assert_cmpstr (json_node_get_string (element (root, 0)), ==, "\xf0\x9f\x98\x80");
  g_assert_cmpstr (json_node_get_string (element (root, 1)), ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpstr (json_node_get_string (element (root, 2)), ==, "\xef\xbf\xbd");
  g_assert_cmpstr (json_node_get_string (element (root, 3)), ==, "\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_cmpstr (json_node_get_string (element (root, 4)), ==, "x\xef\xbf\xbdy");
  g_assert_cmpstr (json_node_get_string (element (root, 5)), ==, "\xef\xbf\xbd");
  g_assert_cmpstr (json_node_get_string (element (root, 6)), ==, "\xef\xbf\xbd");
  g_assert_cmpstr (json_node_get_string (element (root, 7)), ==, "éÉ");
  g_assert_cmpstr (json_node_get_string (element (root, 8)), ==, "\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_cmpstr (json_node_get_string (element (root, 9)), ==, "é");
  g_assert_cmpstr (json_node_get_string (element (root, 10)), ==,
                   "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_cmpstr (json_node_get_string (element (root, 11)), ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpstr (json_node_get_string (element (root, 12)), ==, "tab\there");
  g_assert_cmpstr (json_node_get_string (element (root, 13)), ==, "\"\\/\b\f\n\r\t");
}

static void
test_objects (void)
{
  g_autoptr(JsonNode) root = read_ok ("{\"a\": 1, \"b\": {\"c\": [2]}, \"a\": 3}", -1);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GList) names = json_object_get_members (object);
  JsonNode *b = json_object_get_member (object, "b");
  JsonNode *c = json_object_get_member (json_node_get_object (b), "c");

  /* a repeated member keeps its first place and its last value */
  g_assert_cmpuint (g_list_length (names), ==, 2);
  g_assert_cmpstr (names->data, ==, "a");
  g_assert_cmpstr (names->next->data, ==, "b");
  g_assert_cmpint (json_object_get_int_member (object, "a"), ==, 3);

  g_assert_null (json_node_get_parent (root));
  g_assert_true (json_node_get_parent (b) == root);
  g_assert_true (json_node_get_parent (c) == b);
  g_assert_true (json_node_get_parent (element (c, 0)) == c);
}

/* Member names are kept once per document and reused: names of the
 * same length, first and last byte that differ anywhere else stay
 * apart, within an object and across objects */
static void
test_repeated_names (void)
{
  g_autoptr(GString) text = g_string_new ("[");
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MrJsonDoc) doc = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const MrJsonValue *array;
  guint k = 0;

  for (guint length = 2; length <= 30; length++)
    for (guint at = 0; at < length; at++)
      {
        char *base = g_strnfill (length, 'm');
        char *other;

        base[0] = 'k';
        base[length - 1] = 'z';
        other = g_strdup (base);
        other[at] = 'n';

        /* the second name twice in one object: the last value, first place */
        g_string_append_printf (text, "%s{\"%s\":%u,\"%s\":%u,\"%s\":%u}", k > 0 ? "," : "",
                                base, k, other, k + 1, other, k + 2);
        g_ptr_array_add (expected, base);
        g_ptr_array_add (expected, other);
        k += 3;
      }
  g_string_append (text, "]");

  root = read_ok (text->str, text->len);
  g_assert_nonnull (root);

  doc = mr_json_doc_read (text->str, text->len, MR_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  array = mr_json_doc_get_root (doc);
  g_assert_cmpuint (array->length, ==, expected->len / 2);

  for (guint i = 0; i < array->length; i++)
    {
      const MrJsonValue *object = &array->elements[i];
      const char *base = g_ptr_array_index (expected, 2 * i);
      const char *other = g_ptr_array_index (expected, 2 * i + 1);
      gboolean same = g_str_equal (base, other);

      g_assert_cmpuint (object->length, ==, same ? 1 : 2);
      g_assert_cmpstr (object->members[0].name, ==, base);
      if (same)
        continue;
      g_assert_cmpstr (object->members[1].name, ==, other);
      g_assert_cmpint (mr_json_value_get_int (&object->members[1].value), ==, 3 * i + 2);
    }
}

static void
test_empty (void)
{
  const char *texts[] = { "", " \n\t\r ", "\xef\xbb\xbf", "\xef\xbb\xbf \n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) root = read_ok (texts[i], -1);

      g_assert_null (root);
    }

  {
    g_autoptr(JsonNode) root = read_ok ("\xef\xbb\xbf{\"bom\": true}", -1);

    g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  }
}

static void
test_depth (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) deeper = g_string_new (NULL);
  g_autoptr(GString) objects = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) object_root = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < MR_JSON_MAX_DEPTH; i++)
    {
      g_string_prepend_c (deep, '[');
      g_string_append_c (deep, ']');
      g_string_append (objects, "{\"a\":");
    }
  g_string_append_c (objects, '1');
  for (guint i = 0; i < MR_JSON_MAX_DEPTH; i++)
    g_string_append_c (objects, '}');
  g_string_printf (deeper, "[%s]", deep->str);

  root = read_ok (deep->str, deep->len);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  object_root = read_ok (objects->str, objects->len);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (object_root));

  error = read_error (deeper->str, deeper->len, MR_JSON_DIFFER_BOTH_REFUSE);
  g_assert_error (error, MR_JSON_READER_ERROR, MR_JSON_READER_ERROR_DEPTH);
  g_assert_cmpstr (error->message, ==, "it is nested more than 64 levels deep.");

  /* far deeper than any stack would take */
  g_string_truncate (deeper, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append (deeper, "{\"a\":[");
  g_clear_error (&error);
  error = read_error (deeper->str, deeper->len, MR_JSON_DIFFER_BOTH_REFUSE);
  g_assert_error (error, MR_JSON_READER_ERROR, MR_JSON_READER_ERROR_DEPTH);
}

static void
test_trailing (void)
{
  const char *texts[] = { "{} {}", "1 2", "[1] x", "\"a\" \"b\"", "null,", "{}\n}" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = read_error (texts[i], -1, MR_JSON_DIFFER_BOTH_REFUSE);

      g_assert_error (error, MR_JSON_READER_ERROR, MR_JSON_READER_ERROR_TRAILING);
      g_assert_cmpstr (error->message, ==, "there is more after its value.");
    }
}

static void
test_syntax_messages (void)
{
  struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "{\n  \"a\": @\n}", "line 2, column 8: unexpected “@”, expected a value." },
    { "[1,]", "line 1, column 4: unexpected “]”, expected a value." },
    { "[1 2]", "line 1, column 4: unexpected “2”, expected “,” or “]”." },
    { "{\"a\" 1}", "line 1, column 6: unexpected “1”, expected “:”." },
    { "{\"a\": 1 \"b\"}", "line 1, column 9: unexpected “\"”, expected “,” or “}”." },
    { "{1: 2}", "line 1, column 2: unexpected “1”, expected a member name in double quotes." },
    { "[\"é\", \xff]", "line 1, column 7: unexpected byte 0xFF, expected a value." },
    { "[\"é\", ü]", "line 1, column 7: unexpected “ü”, expected a value." },
    { "[\x01]", "line 1, column 2: unexpected U+0001, expected a value." },
    { "[-]", "line 1, column 3: unexpected “]”, expected a digit." },
    { "[1.]", "line 1, column 4: unexpected “]”, expected a digit." },
    { "[1e+]", "line 1, column 5: unexpected “]”, expected a digit." },
    { "[\"a\\qb\"]", "line 1, column 5: unexpected “q”, expected an escape after the backslash." },
    { "{\"open", "line 1, column 7: the text ends inside a string." },
    { "[1,\n", "line 2, column 1: unexpected end of the text, expected a value." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      JsonNode *root = NULL;

      g_assert_false (mr_json_read (cases[i].text, strlen (cases[i].text), MR_JSON_MAX_DEPTH,
                                    &root, &error));
      g_assert_error (error, MR_JSON_READER_ERROR, MR_JSON_READER_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      mr_json_differ_check ((const guint8 *) cases[i].text, strlen (cases[i].text));
    }
}

static void
test_extensions_refused (void)
{
  /* json-glib 1.6 reads these; they are not JSON: refused here on every
   * version. The tokenizer json-glib rewrote for 1.10 refuses the number
   * forms itself (so both refuse there) and still reads the rest; 1.6
   * reads them all (1.8 left the tokenizer alone) */
  struct {
    const char *text;
    gboolean    number;
  } cases[] = {
    { "[01]", TRUE }, { "[00]", TRUE }, { "[-01]", TRUE }, { "[0x10]", TRUE },
    { "[- 5]", TRUE }, { "[.5]", TRUE }, { "[1.]", TRUE }, { "[-.5]", TRUE },
    { "['single']", FALSE }, { "[1 /*comment*/]", FALSE }, { "[\"\\a\"]", FALSE },
    { "[\"\\x41\"]", FALSE }, { "[\"\\'\"]", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MrJsonDifferVerdict verdict = MR_JSON_DIFFER_EXTENSION;
      g_autoptr(GError) error = NULL;

#if JSON_CHECK_VERSION (1, 9, 0)
      if (cases[i].number)
        verdict = MR_JSON_DIFFER_BOTH_REFUSE;
#endif
      error = read_error (cases[i].text, -1, verdict);
      g_assert_error (error, MR_JSON_READER_ERROR, MR_JSON_READER_ERROR_SYNTAX);
    }
}

/* Generated documents: every kind of value, escapes, UTF-8, repairs */

static void
generate_string (GRand   *rand,
                 GString *out)
{
  static const char *pieces[] = {
    "a", "Z", " ", "0", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9",
    "\\u20AC", "\\ud83d\\ude00", "\\ud800", "\\udfff", "\\u0000", "\\u12", "é", "€", "😀",
    "\xff", "\xc3", "\xed\xa0\x80", "\t", "\x01", "domain.com", "@",
  };
  guint n = g_rand_int_range (rand, 0, 12);

  g_string_append_c (out, '"');
  for (guint i = 0; i < n; i++)
    g_string_append (out, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  g_string_append_c (out, '"');
}

static void
generate_number (GRand   *rand,
                 GString *out)
{
  static const char *numbers[] = {
    "0", "-0", "7", "-42", "1234567890123", "9223372036854775807", "-9223372036854775808",
    "9223372036854775808", "18446744073709551616", "0.1", "-2.5", "3.14159265358979323846",
    "1e10", "1E-10", "6.02e+23", "1e308", "1.7976931348623157e308", "2e308", "5e-324",
    "1e-400", "-0.0", "123.456e-7",
  };

  if (g_rand_boolean (rand))
    g_string_append (out, numbers[g_rand_int_range (rand, 0, G_N_ELEMENTS (numbers))]);
  else
    g_string_append_printf (out, "%" G_GINT32_FORMAT, (gint32) g_rand_int (rand));
}

static void
generate_value (GRand   *rand,
                GString *out,
                guint    depth)
{
  const char *space[] = { "", " ", "\n  ", "\t", "\r\n" };
  guint kind = g_rand_int_range (rand, 0, depth < 6 ? 8 : 6);

  switch (kind)
    {
    case 0:
      generate_string (rand, out);
      break;
    case 1:
    case 2:
      generate_number (rand, out);
      break;
    case 3:
      g_string_append (out, g_rand_boolean (rand) ? "true" : "false");
      break;
    case 4:
      g_string_append (out, "null");
      break;
    case 5:
      generate_string (rand, out);
      break;
    case 6:
      {
        guint n = g_rand_int_range (rand, 0, 6);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            g_string_append (out, space[g_rand_int_range (rand, 0, G_N_ELEMENTS (space))]);
            generate_value (rand, out, depth + 1);
          }
        g_string_append_c (out, ']');
      }
      break;
    default:
      {
        guint n = g_rand_int_range (rand, 0, 6);

        g_string_append_c (out, '{');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            /* few names, so that some repeat */
            if (g_rand_int_range (rand, 0, 3) == 0)
              g_string_append_printf (out, "\"k%u\"", g_rand_int_range (rand, 0, 3));
            else
              generate_string (rand, out);
            g_string_append (out, space[g_rand_int_range (rand, 0, G_N_ELEMENTS (space))]);
            g_string_append_c (out, ':');
            generate_value (rand, out, depth + 1);
          }
        g_string_append_c (out, '}');
      }
      break;
    }
}

static void
test_generated (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  guint same = 0;
  guint extension = 0;
  guint refused = 0;

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      generate_value (rand, text, 0);
      g_assert_cmpint (mr_json_differ_check ((const guint8 *) text->str, text->len), ==,
                       MR_JSON_DIFFER_SAME);

      /* and broken: a byte changed, dropped or repeated somewhere */
      for (guint j = 0; j < 4 && text->len > 0; j++)
        {
          guint at = g_rand_int_range (rand, 0, text->len);

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              text->str[at] = "{}[],:\"\\0-.e/'x \xff"[g_rand_int_range (rand, 0, 18)];
              break;
            case 1:
              g_string_erase (text, at, 1);
              break;
            default:
              g_string_insert_len (text, at, text->str + at, 1);
              break;
            }

          switch (mr_json_differ_check ((const guint8 *) text->str, text->len))
            {
            case MR_JSON_DIFFER_SAME:
              same++;
              break;
            case MR_JSON_DIFFER_EXTENSION:
              extension++;
              break;
            case MR_JSON_DIFFER_BOTH_REFUSE:
            default:
              refused++;
              break;
            }
        }
    }

  g_test_message ("broken documents: %u read the same, %u only by json-glib, %u refused by both",
                  same, extension, refused);
  g_assert_cmpuint (same, >, 0);
  g_assert_cmpuint (refused, >, 0);
}

static void
test_core_messages (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{\"order_is_valid\": }", 20);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = mr_json_parse_quote (bytes, &error);

  g_assert_null (quote);
  g_assert_error (error, MR_API_ERROR, MR_API_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "The reply is not valid JSON: line 1, column 20: unexpected “}”, expected a value.");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/json-reader/values", test_values);
  g_test_add_func ("/mr/json-reader/huge-numbers", test_huge_numbers);
  g_test_add_func ("/mr/json-reader/strings", test_strings);
  g_test_add_func ("/mr/json-reader/objects", test_objects);
  g_test_add_func ("/mr/json-reader/repeated-names", test_repeated_names);
  g_test_add_func ("/mr/json-reader/empty", test_empty);
  g_test_add_func ("/mr/json-reader/depth", test_depth);
  g_test_add_func ("/mr/json-reader/trailing", test_trailing);
  g_test_add_func ("/mr/json-reader/syntax-messages", test_syntax_messages);
  g_test_add_func ("/mr/json-reader/extensions-refused", test_extensions_refused);
  g_test_add_func ("/mr/json-reader/generated-differential", test_generated);
  g_test_add_func ("/mr/json-reader/core-messages", test_core_messages);

  return g_test_run ();
}
