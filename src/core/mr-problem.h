/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mr-account.h"

G_BEGIN_DECLS

/* One thing wrong with an order, found locally or reported by the server,
 * attached to the domain (and mailbox, and field) it names, with one
 * sentence and one severity. */
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

typedef enum
{
  MR_PROBLEM_BLOCKS,    /* the order cannot be placed until it is fixed */
  MR_PROBLEM_WARNING,   /* the order can be placed; this is left out or worth a look */
} MrProblemSeverity;

typedef enum
{
  MR_PROBLEM_LOCAL,     /* found by the local checks */
  MR_PROBLEM_SERVER,    /* said by the server (a quote or a refusal) */
} MrProblemOrigin;

#define MR_TYPE_PROBLEM (mr_problem_get_type ())
G_DECLARE_FINAL_TYPE (MrProblem, mr_problem, MR, PROBLEM, GObject)

/* The fields are public and read-only once made. */
struct _MrProblem
{
  GObject            parent_instance;

  MrProblemKind      kind;
  MrProblemSeverity  severity;
  MrProblemOrigin    origin;
  char              *domain;          /* NULL for order-wide problems */
  char              *account_prefix;  /* NULL unless it names one mailbox */
  char              *field;           /* "first_name", "last_name", "email_address_prefix",
                                       * "forwarding_domain", "email_provider", "domain", or NULL */
  char              *detail;          /* keyword, server reason, ... or NULL */
  char              *message;         /* translated sentence for the user */
  char              *short_message;   /* the same without the domain's name, for where
                                       * the domain is shown already (its row), or
                                       * NULL when there is none: see
                                       * mr_problem_get_short_message() */
  MrAccount         *account;         /* the mailbox a local check names, or NULL */
  char              *key;             /* mr_domain_key (domain), computed once; NULL
                                       * when domain is NULL */
};

MrProblem *mr_problem_new        (MrProblemKind    kind,
                                  const char      *domain,
                                  const char      *account_prefix,
                                  const char      *detail,
                                  const char      *message);
/* the same, with @key = mr_domain_key (@domain) known already (it is
 * not worked out again) */
MrProblem *mr_problem_new_keyed  (MrProblemKind    kind,
                                  const char      *domain,
                                  const char      *key,
                                  const char      *account_prefix,
                                  const char      *detail,
                                  const char      *message);
/* a new reference (problems do not change once made) */
MrProblem *mr_problem_copy       (const MrProblem *self);
void       mr_problem_free       (MrProblem       *self);
void       mr_problem_set_origin (MrProblem       *self,
                                  MrProblemOrigin  origin);
void       mr_problem_set_severity (MrProblem     *self,
                                  MrProblemSeverity severity);
void       mr_problem_set_field  (MrProblem       *self,
                                  const char      *field);
void       mr_problem_set_account (MrProblem      *self,
                                  MrAccount       *account);
void       mr_problem_set_message (MrProblem      *self,
                                  const char      *message);
void       mr_problem_set_short_message (MrProblem *self,
                                  const char      *short_message);
/* The sentence for a place that shows the problem's domain already, such
 * as the domain's row ("Already in the order"): the short message, else
 * one made from the kind for what the server says about a domain, else
 * the message. Lists of the whole order show the message. */
const char *mr_problem_get_short_message (MrProblem *self);
/* The one rule for what to show of a problem: where its domain is shown
 * beside it already (@domain_shown: the domain's row or editor, a line
 * that names it first) the short message, else the message. Never NULL. */
const char *mr_problem_get_text  (MrProblem       *self,
                                  gboolean         domain_shown);
/* The one equality rule: the same kind, the same domain (by mr_domain_key),
 * the same mailbox (address prefix, case-insensitive) and field. Unnamed
 * mailboxes are told apart by their sentence. */
gboolean   mr_problem_equal      (const MrProblem *a,
                                  const MrProblem *b);
/* Whether a problem of this kind keeps its domain out of the quote (the
 * domain cannot be ordered as it is), rather than blocking the order. */
gboolean   mr_problem_kind_excludes_domain (MrProblemKind kind);
/* A hash that agrees with mr_problem_equal (equal problems hash alike),
 * for deduplicating many problems with a GHashTable. */
guint      mr_problem_hash       (const MrProblem *self);
/* The first of each set of equal problems (mr_problem_equal), in order,
 * in time linear in their number. A new array of new references. */
GPtrArray *mr_problems_dedupe    (GPtrArray       *problems);

/* Which fields of a mailbox the person has left at least once: a field
 * shows its problem only then. */
void       mr_account_mark_touched (MrAccount     *account,
                                    const char    *field);
gboolean   mr_account_is_touched   (MrAccount     *account,
                                    const char    *field);

G_END_DECLS
