/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-order.h"
#include "mr-problem.h"

G_BEGIN_DECLS

/* What a quote priced, for the domains its problems name. A quote's
 * problems belong to the order it priced: once a domain's content changes
 * (an edit, a bulk apply, or it leaves the order) what the quote said
 * about it no longer holds, until a new quote says it again. What it said
 * about the domains that did not change, and about the order as a whole,
 * still holds. */
typedef struct _MrQuoteBasis MrQuoteBasis;

/* @quoted: the order the quote priced, as it is when the quote comes (the
 * scheduler drops replies for an older revision); @problems: the quote's
 * MrProblems (mr_quote_collect_problems()). Reads only the domains that
 * @problems name. */
MrQuoteBasis *mr_quote_basis_new      (MrOrder      *quoted,
                                       GPtrArray    *problems);
void          mr_quote_basis_free     (MrQuoteBasis *self);
/* The problems of @problems (the ones given to mr_quote_basis_new()) that
 * still hold for @quoted as it is now: a new array of new references, in
 * the same order. Linear in the items of @quoted and in the mailboxes of
 * the domains @problems name. */
GPtrArray    *mr_quote_basis_filter   (MrQuoteBasis *self,
                                       MrOrder      *quoted,
                                       GPtrArray    *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrQuoteBasis, mr_quote_basis_free)

G_END_DECLS
