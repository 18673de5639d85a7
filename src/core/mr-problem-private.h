/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-problem.h"

G_BEGIN_DECLS

/* Which reply of the server says what is wrong: each knows different
 * things, and a quote refuses nothing (only a placement does) */
typedef enum
{
  MR_SERVER_SAYS_ORDER,   /* the lists of a quote or of a placement */
  MR_SERVER_SAYS_QUOTE,   /* a quote's invalid_accounts, before placing */
  MR_SERVER_SAYS_CHECK,   /* the availability check of new domains */
} MrServerSays;

/* The one place that words what the server says about a domain: the
 * sentence that names @domain (for lists of the whole order) or, with
 * @brief, the short one for where the domain is shown already (its
 * row). @mailbox names the mailbox of MR_PROBLEM_ACCOUNT_INVALID (its
 * address, or its prefix in brief); @detail is the problem's detail
 * (keyword, forwarding domain, reason). NULL when there is no such
 * sentence: a brief one for an unnamed mailbox, or a kind the server's
 * reply does not say about a domain. */
char *_mr_problem_server_sentence (MrProblemKind  kind,
                                   MrServerSays   says,
                                   const char    *domain,
                                   const char    *mailbox,
                                   const char    *detail,
                                   gboolean       brief);

G_END_DECLS
