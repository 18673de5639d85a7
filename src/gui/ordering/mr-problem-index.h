/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_TYPE_PROBLEM_INDEX (mr_problem_index_get_type ())
G_DECLARE_FINAL_TYPE (MrProblemIndex, mr_problem_index, MR, PROBLEM_INDEX, GObject)

/* The problems of a session's problem model that are shown (see
 * mr_order_session_problem_is_shown()), by domain key, in the model's
 * order. It follows the session: after each change it emits
 * "domains-changed" (a NULL-terminated array of domain keys) once, naming
 * only the domains whose shown problems are not the same as before, so a
 * widget per domain updates only where something changed.
 *
 * Property "session" (MrOrderSession, nullable, notify). */
MrProblemIndex *mr_problem_index_new         (void);
MrOrderSession *mr_problem_index_get_session (MrProblemIndex *self);
void            mr_problem_index_set_session (MrProblemIndex *self,
                                              MrOrderSession *session);
/* the shown problems of the domain with mr_domain_key @key (MrProblem,
 * borrowed, valid until the next change), or NULL when it has none */
GPtrArray      *mr_problem_index_lookup      (MrProblemIndex *self,
                                              const char     *key);
/* how many domains have shown problems */
guint           mr_problem_index_get_n_domains (MrProblemIndex *self);

G_END_DECLS
