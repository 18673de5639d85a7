/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One thing wrong with an order, found locally or reported by a quote,
 * attached to the domain (and account) it names, with a sentence. */
typedef enum
{
  MR_PROBLEM_ORDER_EMPTY,
  MR_PROBLEM_DOMAIN_INVALID,           /* syntax, or the server's invalid_domains */
  MR_PROBLEM_DOMAIN_TLD,               /* not .com/.org for a new DFY domain */
  MR_PROBLEM_DOMAIN_DUPLICATE,
  MR_PROBLEM_DOMAIN_UNAVAILABLE,       /* unavailable_domains */
  MR_PROBLEM_DOMAIN_BLACKLISTED,       /* blacklist_domains, detail = keyword if known */
  MR_PROBLEM_FORWARDING_DOMAIN,        /* invalid_forwarding_domains or local rule */
  MR_PROBLEM_MISSING_DOMAIN_ORDER,     /* extra_accounts for a domain never ordered */
  MR_PROBLEM_NO_ACCOUNTS,              /* domains_without_accounts */
  MR_PROBLEM_ACCOUNT_COUNT,            /* too few / too many for the provider */
  MR_PROBLEM_PROVIDER_MISMATCH,        /* provider_mismatch_domains */
  MR_PROBLEM_PROVIDER_UNSUPPORTED,     /* unsupported_provider_domains, Microsoft extra accounts */
  MR_PROBLEM_PROVIDER_UNAVAILABLE,     /* unavailable_email_providers (domain = NULL) */
  MR_PROBLEM_ACCOUNT_NAME,             /* first or last name missing */
  MR_PROBLEM_ACCOUNT_PREFIX,           /* address prefix syntax */
  MR_PROBLEM_ACCOUNT_DUPLICATE,        /* same prefix twice on one domain */
  MR_PROBLEM_ACCOUNT_INVALID,          /* the server's invalid_accounts, detail = reason */
  MR_PROBLEM_PAYMENT_FAILED,           /* order_error payment_failed (domain = NULL) */
} MrProblemKind;

typedef struct
{
  MrProblemKind  kind;
  char          *domain;          /* NULL for order-wide problems */
  char          *account_prefix;  /* NULL unless it names one mailbox */
  char          *detail;          /* keyword, server reason, ... or NULL */
  char          *message;         /* translated sentence for the user */
} MrProblem;

#define MR_TYPE_PROBLEM (mr_problem_get_type ())
GType      mr_problem_get_type   (void);
MrProblem *mr_problem_new        (MrProblemKind    kind,
                                  const char      *domain,
                                  const char      *account_prefix,
                                  const char      *detail,
                                  const char      *message);
MrProblem *mr_problem_copy       (const MrProblem *self);
void       mr_problem_free       (MrProblem       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrProblem, mr_problem_free)

G_END_DECLS
