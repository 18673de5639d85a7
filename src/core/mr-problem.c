/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-problem"

#include "config.h"

#include "mr-problem.h"

G_DEFINE_BOXED_TYPE (MrProblem, mr_problem, mr_problem_copy, mr_problem_free)

MrProblem *
mr_problem_new (MrProblemKind  kind,
                const char    *domain,
                const char    *account_prefix,
                const char    *detail,
                const char    *message)
{
  MrProblem *self = g_new0 (MrProblem, 1);

  self->kind = kind;
  self->domain = g_strdup (domain);
  self->account_prefix = g_strdup (account_prefix);
  self->detail = g_strdup (detail);
  self->message = g_strdup (message);

  return self;
}

MrProblem *
mr_problem_copy (const MrProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return mr_problem_new (self->kind, self->domain, self->account_prefix,
                         self->detail, self->message);
}

void
mr_problem_free (MrProblem *self)
{
  if (self == NULL)
    return;

  g_free (self->domain);
  g_free (self->account_prefix);
  g_free (self->detail);
  g_free (self->message);
  g_free (self);
}
