/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MR_DOMAIN_NAME_ERROR (mr_domain_name_error_quark ())

typedef enum
{
  MR_DOMAIN_NAME_ERROR_EMPTY,
  MR_DOMAIN_NAME_ERROR_TOO_LONG,       /* over 253 characters */
  MR_DOMAIN_NAME_ERROR_LABEL_TOO_LONG, /* a label over 63 characters */
  MR_DOMAIN_NAME_ERROR_EMPTY_LABEL,    /* "a..com", ".com" */
  MR_DOMAIN_NAME_ERROR_BAD_CHARACTER,  /* anything but a-z 0-9 - after IDN conversion */
  MR_DOMAIN_NAME_ERROR_HYPHEN,         /* a label starting or ending with '-' */
  MR_DOMAIN_NAME_ERROR_NO_TLD,         /* a single label */
  MR_DOMAIN_NAME_ERROR_BAD_TLD,        /* numeric or otherwise impossible TLD */
  MR_DOMAIN_NAME_ERROR_IDN,            /* could not be converted to ASCII */
  MR_DOMAIN_NAME_ERROR_UNSUPPORTED_TLD,/* valid, but not .com/.org for new DFY domains */
} MrDomainNameError;

GQuark     mr_domain_name_error_quark    (void);

/* Trims, lowercases, drops a trailing dot, a scheme ("https://"), a path
 * and a leading "www."; converts IDN to ASCII (punycode). Returns the
 * ASCII name or NULL with an error whose message says what is wrong. */
char      *mr_domain_name_normalize      (const char  *input,
                                          GError     **error);
/* What an error of mr_domain_name_normalize() says, without the name, for
 * where the name is shown already (a static, translated sentence). */
const char *mr_domain_name_error_get_brief (const GError *error);
/* The one comparison key of a domain: its normalised ASCII form, or, for
 * input that cannot be normalised, the trimmed, lowercased text. Never NULL. */
char      *mr_domain_key                 (const char  *domain);
/* TRUE for .com and .org, the TLDs of new DFY domains */
gboolean   mr_domain_name_is_dfy_tld     (const char  *ascii_domain);
/* normalize + DFY TLD rule */
char      *mr_domain_name_normalize_dfy  (const char  *input,
                                          GError     **error);
/* Splits pasted text on white space, commas and semicolons; drops empties. */
GStrv      mr_domain_name_split_list     (const char  *text);
/* Email local part: a-z 0-9 . _ - (no leading, trailing or double dot), 1..64 */
gboolean   mr_email_prefix_is_valid      (const char  *prefix,
                                          char       **reason);
/* "Jane Doe" -> "jane.doe" (ASCII-folded, invalid characters dropped) */
char      *mr_email_prefix_suggest       (const char  *first_name,
                                          const char  *last_name);

G_END_DECLS
