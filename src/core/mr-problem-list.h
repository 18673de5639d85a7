/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mr-domain-checker.h"
#include "mr-order.h"
#include "mr-problem.h"
#include "mr-quote.h"

G_BEGIN_DECLS

/* The problems of an order being edited, as the session shows them: which
 * items can be ordered (the others are left out of the quote, each with
 * its reason as a warning), and one list of every problem, each once. */

/* Which items of @order can be ordered. An item is left out when its
 * domain is in the order already, when a local check (@local, from
 * mr_order_validate()) finds the domain invalid, when the server said it
 * cannot be ordered (@server_excluded: domain key -> MrProblem), or when
 * @checker (nullable) knows it is taken or restricted (new DFY domains
 * only). @included gets the items that can be ordered and @excluded the
 * reasons (new references), @excluded_keys the domain keys left out other
 * than second copies (new strings). */
void      mr_problem_list_partition        (MrOrder         *order,
                                            GPtrArray       *local,
                                            GHashTable      *server_excluded,
                                            MrDomainChecker *checker,
                                            GPtrArray       *included,
                                            GPtrArray       *excluded,
                                            GHashTable      *excluded_keys);
/* Makes @store hold the reasons @excluded; FALSE if it held them already. */
gboolean  mr_problem_list_set_excluded     (GListStore      *store,
                                            GPtrArray       *excluded);
/* Adds to @server_excluded (domain key -> MrProblem) the domains a quote
 * says cannot be ordered (invalid, taken, restricted), from the problems
 * mr_quote_collect_problems() found in it, so that they stay out of the
 * next quotes; TRUE if it learned one. */
gboolean  mr_problem_list_learn_exclusions_from (GHashTable *server_excluded,
                                                 GPtrArray  *quote_problems);
/* Makes @store (MrProblem) hold every problem once, by mr_problem_equal:
 * @local first (they name the field), then @server (the last refusal) and
 * @quote (a quote's: a mailbox the server does not accept was not
 * "refused"), all nullable. A domain left out of the quote (@excluded, the
 * reasons, and @excluded_keys, their domain keys) does not stop the order:
 * its reason is one warning, and what else is wrong with it waits until it
 * is back in. Only the range that changed is replaced (one items-changed
 * or none), in time linear in the problems; FALSE if nothing changed. */
gboolean  mr_problem_list_update           (GListStore      *store,
                                            GPtrArray       *local,
                                            GPtrArray       *server,
                                            GPtrArray       *quote,
                                            GListModel      *excluded,
                                            GHashTable      *excluded_keys);

G_END_DECLS
