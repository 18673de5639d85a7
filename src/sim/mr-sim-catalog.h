/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_ascii_tolower() without a call per byte, for the request path */
G_ALWAYS_INLINE static inline char
mr_sim_ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
}

/* The simulator's view of the domain market: deterministic, so tests and
 * demos always see the same answers.
 *
 * - taken: a built-in list (google.com, acme.com, example.com, ...), every
 *   name whose label before the TLD has 4 characters or fewer, the
 *   pre-warmed inventory (Instantly already owns it) and about 20% of the
 *   other names, picked by an FNV-1a hash of the whole name. A built-in
 *   list of demo names (acme-outreach.com, getacme.org, ...) is always free.
 * - restricted: the name (hyphens ignored) contains a trademark keyword.
 * - supported TLDs for new DFY domains: com and org; anything else is
 *   reported as not available. */

typedef enum
{
  MR_SIM_AVAILABLE,
  MR_SIM_TAKEN,
  MR_SIM_RESTRICTED,
  MR_SIM_UNSUPPORTED_TLD,
  MR_SIM_INVALID_NAME,
} MrSimAvailability;

typedef struct
{
  const char *domain;
  int         account_type;   /* 1 Google, 2 AirMail */
} MrSimPrewarmed;

/* Lower case, surrounding white space removed */
char              *mr_sim_catalog_normalize            (const char  *domain);
/* LDH labels of 1-63 characters, at least two labels, an alphabetic TLD */
gboolean           mr_sim_catalog_is_valid_name        (const char  *domain);
/* The part after the last dot, or "" */
const char        *mr_sim_catalog_get_tld              (const char  *domain);
/* The matched keyword (static) or NULL */
const char        *mr_sim_catalog_restricted_keyword   (const char  *domain);
gboolean           mr_sim_catalog_is_taken             (const char  *domain);
/* Availability of a new .com/.org DFY domain, ignoring what the
 * workspace ordered (the server adds that). */
MrSimAvailability  mr_sim_catalog_check                (const char  *domain,
                                                        const char **keyword);
/* The whole built-in inventory */
const MrSimPrewarmed *mr_sim_catalog_get_prewarmed     (guint       *n_domains);
const MrSimPrewarmed *mr_sim_catalog_find_prewarmed    (const char  *domain);
/* Up to @max_per_tld available, unrestricted names like @domain for each
 * TLD of @tlds; @exclude (may be NULL) holds names that are not free. */
GPtrArray         *mr_sim_catalog_similar              (const char  *domain,
                                                        const char * const *tlds,
                                                        guint        max_per_tld,
                                                        GHashTable  *exclude);

G_END_DECLS
