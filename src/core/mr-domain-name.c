/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-domain-name"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "mr-domain-name.h"

#define MAX_DOMAIN_LENGTH 253
#define MAX_LABEL_LENGTH  63
#define MAX_PREFIX_LENGTH 64

G_DEFINE_QUARK (mr-domain-name-error-quark, mr_domain_name_error)

/* Drops what people paste around a domain: "https://", a path, a port,
 * a trailing dot and a leading "www." (unless nothing would be left). */
/* g_utf8_strdown(), without its per-character work when there is
 * nothing to fold (plain ASCII without capitals: most of what is typed
 * or read from a file) */
static char *
utf8_strdown (const char *input)
{
  for (const char *p = input; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || g_ascii_isupper (*p))
      return g_utf8_strdown (input, -1);

  return g_strdup (input);
}

static char *
strip_decorations (const char *input)
{
  g_autofree char *lower = utf8_strdown (input);
  const char *start = g_strstrip (lower);
  const char *scheme = strstr (start, "://");
  const char *end;
  const char *colon;
  gsize len;

  if (scheme != NULL)
    start = scheme + 3;

  end = start + strcspn (start, "/?#");

  colon = memchr (start, ':', end - start);
  if (colon != NULL && colon + 1 < end &&
      strspn (colon + 1, "0123456789") == (gsize) (end - colon - 1))
    end = colon;

  len = end - start;
  if (len > 0 && start[len - 1] == '.')
    len--;

  /* every leading "www.", so that normalising twice changes nothing:
   * www.www.foo.com is foo.com at once */
  while (len > 4 && strncmp (start, "www.", 4) == 0 &&
         memchr (start + 4, '.', len - 4) != NULL)
    {
      start += 4;
      len -= 4;
    }

  return g_strndup (start, len);
}

static gboolean
is_ldh (char c)
{
  return g_ascii_islower (c) || g_ascii_isdigit (c) || c == '-';
}

static gboolean
check_ascii_name (const char  *ascii,
                  const char  *shown,
                  GError     **error)
{
  const char *label = ascii;
  const char *tld = ascii;
  guint n_labels = 0;

  if (strlen (ascii) > MAX_DOMAIN_LENGTH)
    {
      g_set_error (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_TOO_LONG,
                   _("“%s” is too long: a domain has at most %d characters"),
                   shown, MAX_DOMAIN_LENGTH);
      return FALSE;
    }

  /* each part between dots, in place */
  for (;;)
    {
      gsize len = strcspn (label, ".");

      n_labels++;
      tld = label;

      if (len == 0)
        {
          g_set_error (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_EMPTY_LABEL,
                       _("“%s” has an empty part between dots"), shown);
          return FALSE;
        }

      if (len > MAX_LABEL_LENGTH)
        {
          g_set_error (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_LABEL_TOO_LONG,
                       _("“%s” has a part longer than %d characters"),
                       shown, MAX_LABEL_LENGTH);
          return FALSE;
        }

      for (gsize j = 0; j < len; j++)
        {
          if (!is_ldh (label[j]))
            {
              if (g_ascii_isgraph (label[j]))
                g_set_error (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_BAD_CHARACTER,
                             _("“%s” contains “%c”: use only letters, digits and hyphens"),
                             shown, label[j]);
              else
                g_set_error (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_BAD_CHARACTER,
                             _("“%s” contains a space or another character that is not "
                               "allowed: use only letters, digits and hyphens"),
                             shown);
              return FALSE;
            }
        }

      if (label[0] == '-' || label[len - 1] == '-')
        {
          g_set_error (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_HYPHEN,
                       _("“%s” has a part that starts or ends with a hyphen"), shown);
          return FALSE;
        }

      if (label[len] == '\0')
        break;
      label += len + 1;
    }

  if (n_labels < 2)
    {
      g_set_error (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_NO_TLD,
                   _("“%s” has no ending such as .com"), shown);
      return FALSE;
    }

  if (!g_str_has_prefix (tld, "xn--"))
    {
      gboolean alpha = strlen (tld) >= 2;

      for (const char *p = tld; alpha && *p != '\0'; p++)
        alpha = g_ascii_isalpha (*p);

      if (!alpha)
        {
          g_set_error (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_BAD_TLD,
                       _("“%s” does not end in a real top-level domain such as .com"),
                       shown);
          return FALSE;
        }
    }

  return TRUE;
}

/* A name that is already as mr_domain_name_normalize() would leave it,
 * before its checks: lower-case letters, digits, hyphens and dots only,
 * no leading "www." and no trailing dot. Nothing to strip, lower or
 * convert (nearly every name of an order file and of a request). */
static gboolean
is_plain_name (const char *input)
{
  const char *p;

  if (strncmp (input, "www.", 4) == 0)
    return FALSE;

  for (p = input; *p != '\0'; p++)
    {
      char c = *p;

      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
        return FALSE;
    }

  return p > input && p[-1] != '.';
}

char *
mr_domain_name_normalize (const char  *input,
                          GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (input != NULL && is_plain_name (input))
    {
      ascii = g_strdup (input);
      if (!check_ascii_name (ascii, input, error))
        return NULL;

      return g_steal_pointer (&ascii);
    }

  if (input == NULL || !g_utf8_validate (input, -1, NULL))
    {
      g_set_error_literal (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_EMPTY,
                           _("Enter a domain name"));
      return NULL;
    }

  shown = g_strstrip (g_strdup (input));
  stripped = strip_decorations (input);

  if (*stripped == '\0')
    {
      g_set_error_literal (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_EMPTY,
                           _("Enter a domain name"));
      return NULL;
    }

  if (g_str_is_ascii (stripped))
    {
      ascii = g_steal_pointer (&stripped);
    }
  else
    {
      ascii = g_hostname_to_ascii (stripped);
      if (ascii == NULL)
        {
          g_set_error (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_IDN,
                       _("“%s” contains characters that cannot be used in a domain name"),
                       shown);
          return NULL;
        }
      /* nameprep folds case, but be sure */
      for (char *p = ascii; *p != '\0'; p++)
        *p = g_ascii_tolower (*p);
    }

  if (!check_ascii_name (ascii, shown, error))
    return NULL;

  return g_steal_pointer (&ascii);
}

const char *
mr_domain_name_error_get_brief (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != MR_DOMAIN_NAME_ERROR)
    return error->message;

  switch ((MrDomainNameError) error->code)
    {
    case MR_DOMAIN_NAME_ERROR_EMPTY:
      return _("Enter a domain name");
    case MR_DOMAIN_NAME_ERROR_TOO_LONG:
      return _("Too long: a domain has at most 253 characters");
    case MR_DOMAIN_NAME_ERROR_LABEL_TOO_LONG:
      return _("A part is longer than 63 characters");
    case MR_DOMAIN_NAME_ERROR_EMPTY_LABEL:
      return _("A part between dots is empty");
    case MR_DOMAIN_NAME_ERROR_BAD_CHARACTER:
      return _("Use only letters, digits and hyphens");
    case MR_DOMAIN_NAME_ERROR_HYPHEN:
      return _("A part starts or ends with a hyphen");
    case MR_DOMAIN_NAME_ERROR_NO_TLD:
      return _("No ending such as .com");
    case MR_DOMAIN_NAME_ERROR_BAD_TLD:
      return _("Does not end in a real top-level domain such as .com");
    case MR_DOMAIN_NAME_ERROR_IDN:
      return _("Contains characters that cannot be used in a domain name");
    case MR_DOMAIN_NAME_ERROR_UNSUPPORTED_TLD:
      return _("Cannot be ordered: only .com and .org can be ordered");
    default:
      return error->message;
    }
}

gboolean
mr_domain_name_is_dfy_tld (const char *ascii_domain)
{
  g_return_val_if_fail (ascii_domain != NULL, FALSE);

  return g_str_has_suffix (ascii_domain, ".com") ||
         g_str_has_suffix (ascii_domain, ".org");
}

char *
mr_domain_name_normalize_dfy (const char  *input,
                              GError     **error)
{
  g_autofree char *ascii = mr_domain_name_normalize (input, error);

  if (ascii == NULL)
    return NULL;

  if (!mr_domain_name_is_dfy_tld (ascii))
    {
      g_set_error (error, MR_DOMAIN_NAME_ERROR, MR_DOMAIN_NAME_ERROR_UNSUPPORTED_TLD,
                   _("“%s” cannot be ordered: only .com and .org can be ordered"),
                   ascii);
      return NULL;
    }

  return g_steal_pointer (&ascii);
}

GStrv
mr_domain_name_split_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = text;

  if (text == NULL)
    return g_strv_builder_end (builder);

  while (*p != '\0')
    {
      gsize len = strcspn (p, " \t\r\n\f\v,;");

      if (len > 0)
        {
          g_autofree char *word = g_strndup (p, len);

          g_strv_builder_add (builder, word);
        }
      p += len;
      if (*p != '\0')
        p++;
    }

  return g_strv_builder_end (builder);
}

gboolean
mr_email_prefix_is_valid (const char  *prefix,
                          char       **reason)
{
  gsize len;

  if (prefix == NULL || *prefix == '\0')
    {
      if (reason != NULL)
        *reason = g_strdup (_("The address is empty"));
      return FALSE;
    }

  len = strlen (prefix);
  if (len > MAX_PREFIX_LENGTH)
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("The address is longer than %d characters"),
                                   MAX_PREFIX_LENGTH);
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    {
      char c = prefix[i];

      if (!g_ascii_isalnum (c) && c != '.' && c != '_' && c != '-')
        {
          if (reason != NULL)
            *reason = g_strdup (_("Use only letters, digits, dots, hyphens and underscores "
                                  "before the @"));
          return FALSE;
        }
    }

  if (prefix[0] == '.' || prefix[len - 1] == '.')
    {
      if (reason != NULL)
        *reason = g_strdup (_("The address cannot start or end with a dot"));
      return FALSE;
    }

  if (strstr (prefix, "..") != NULL)
    {
      if (reason != NULL)
        *reason = g_strdup (_("The address cannot have two dots in a row"));
      return FALSE;
    }

  return TRUE;
}

/* ASCII-folds @name and keeps a-z, 0-9 and inner hyphens */
static void
append_folded (GString    *out,
               const char *name)
{
  g_autofree char *ascii = NULL;
  gsize start = out->len;

  if (name == NULL)
    return;

  ascii = g_str_to_ascii (name, NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_islower (c) || g_ascii_isdigit (c))
        g_string_append_c (out, c);
      else if ((c == '-' || c == ' ') && out->len > start && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }

  while (out->len > start && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
}

char *
mr_email_prefix_suggest (const char *first_name,
                         const char *last_name)
{
  GString *out = g_string_new (NULL);

  append_folded (out, first_name);
  if (out->len > 0)
    g_string_append_c (out, '.');
  append_folded (out, last_name);

  while (out->len > 0 && out->str[out->len - 1] == '.')
    g_string_truncate (out, out->len - 1);

  if (out->len > MAX_PREFIX_LENGTH)
    g_string_truncate (out, MAX_PREFIX_LENGTH);

  while (out->len > 0 && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == '-'))
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

char *
mr_domain_key (const char *domain)
{
  g_autofree char *stripped = NULL;
  char *normalized;

  if (domain == NULL)
    return g_strdup ("");

  normalized = mr_domain_name_normalize (domain, NULL);
  if (normalized != NULL)
    return normalized;

  stripped = g_strstrip (g_strdup (domain));
  return g_utf8_strdown (stripped, -1);
}
