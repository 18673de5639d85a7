/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Domain names as typed or pasted: normalisation and validation, the
 * list splitter, and mailbox prefixes. Normalising is idempotent and
 * gives a valid ASCII name; a DFY name has a DFY TLD. */

#include "config.h"

#include <string.h>

#include "mailroom-core.h"
#include "mr-fuzz.h"

static gboolean
is_ascii_name (const char *name)
{
  gsize len = strlen (name);

  if (len == 0 || len > 253)
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '.'))
      return FALSE;

  return TRUE;
}

static void
check_normalize (const char *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) dfy_error = NULL;
  g_autofree char *ascii = mr_domain_name_normalize (input, &error);
  g_autofree char *dfy = mr_domain_name_normalize_dfy (input, &dfy_error);
  g_autofree char *twice = NULL;

  if (ascii == NULL)
    {
      g_assert (error != NULL && error->domain == MR_DOMAIN_NAME_ERROR);
      mr_fuzz_assert_utf8 ("the error message", error->message);
      g_assert (dfy == NULL);
      return;
    }

  if (!is_ascii_name (ascii))
    {
      g_printerr ("normalised to something that is not an ASCII domain name: \"%s\"\n", ascii);
      abort ();
    }

  twice = mr_domain_name_normalize (ascii, &error);
  if (twice == NULL || strcmp (ascii, twice) != 0)
    {
      g_printerr ("normalising is not idempotent: \"%s\" -> \"%s\"\n", ascii, twice ? twice : "(error)");
      abort ();
    }

  if (dfy != NULL)
    {
      g_assert_cmpstr (dfy, ==, ascii);
      g_assert (mr_domain_name_is_dfy_tld (dfy));
    }
  else
    {
      g_assert (dfy_error != NULL);
      mr_fuzz_assert_utf8 ("the error message", dfy_error->message);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = mr_fuzz_strndup (data, size);
  g_auto(GStrv) parts = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *suggested = NULL;
  const char *bar;

  check_normalize (text);

  /* what the window and the CLI do with pasted text (it is UTF-8 there) */
  if (g_utf8_validate (text, -1, NULL))
    {
      parts = mr_domain_name_split_list (text);
      for (guint i = 0; parts[i] != NULL && i < 64; i++)
        {
          g_assert (parts[i][0] != '\0');
          check_normalize (parts[i]);
        }
    }

  if (!mr_email_prefix_is_valid (text, &reason))
    mr_fuzz_assert_utf8 ("the reason", reason);

  /* "first|last" */
  bar = strchr (text, '|');
  if (bar != NULL && g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *first = g_strndup (text, bar - text);

      suggested = mr_email_prefix_suggest (first, bar + 1);
      g_assert (suggested != NULL);
      if (*suggested != '\0' && !mr_email_prefix_is_valid (suggested, NULL))
        {
          g_printerr ("the suggested prefix \"%s\" is not valid\n", suggested);
          abort ();
        }
    }

  return 0;
}
