/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mailroom-core.h"
#include "mr-problem-index.h"

G_BEGIN_DECLS

#define MR_TYPE_DOMAIN_LIST (mr_domain_list_get_type ())
G_DECLARE_FINAL_TYPE (MrDomainList, mr_domain_list, MR, DOMAIN_LIST, GtkWidget)

/* The domains of an order: an add-domain entry (new domains orders) and
 * a GtkListView bound to the MrOrder. It follows an MrOrderSession: its
 * order, its domain checker, and its problem model through an
 * MrProblemIndex, so that a change reaches only the rows of the domains
 * it changed. Signals: "item-activated" (MrOrderItem: chosen by the user),
 * "remove-requested" (guint position), "domains-skipped" (guint).
 * Properties "selected-item" (MrOrderItem, notify), "n-selected". */
GtkWidget       *mr_domain_list_new                (void);
/* the order, the checker and the problems of @session */
void             mr_domain_list_set_session        (MrDomainList    *self,
                                                    MrOrderSession  *session);
MrOrderSession  *mr_domain_list_get_session        (MrDomainList    *self);
/* the shown problems of the session by domain (what the rows show) */
MrProblemIndex  *mr_domain_list_get_problem_index  (MrDomainList    *self);
void             mr_domain_list_set_order          (MrDomainList    *self,
                                                    MrOrder         *order);
void             mr_domain_list_set_checker        (MrDomainList    *self,
                                                    MrDomainChecker *checker);
MrDomainChecker *mr_domain_list_get_checker        (MrDomainList    *self);
void             mr_domain_list_set_client         (MrDomainList    *self,
                                                    MrApiClient     *client);
/* new domains: entry shown and availability checked */
void             mr_domain_list_set_order_type     (MrDomainList    *self,
                                                    MrOrderType      order_type);
MrOrderType      mr_domain_list_get_order_type     (MrDomainList    *self);
gboolean         mr_domain_list_get_check_availability (MrDomainList *self);
/* the shown problems of a domain (MrProblem, borrowed), NULL when it has none */
GPtrArray       *mr_domain_list_get_problems_for   (MrDomainList    *self,
                                                    const char      *normalized_domain);
/* similar available domains; NULL while unknown (a request is started) */
const char * const *mr_domain_list_lookup_similar  (MrDomainList    *self,
                                                    const char      *normalized_domain);
MrOrderItem     *mr_domain_list_get_selected_item  (MrDomainList    *self);
guint            mr_domain_list_get_selected       (MrDomainList    *self);
/* selects only @position (GTK_INVALID_LIST_POSITION: nothing) */
void             mr_domain_list_select             (MrDomainList    *self,
                                                    guint            position);
/* Ctrl/Shift-click, Ctrl+A, Select All and the selection mode select
 * many ("n-selected"); the borrowed items, in order */
GPtrArray       *mr_domain_list_get_selected_items (MrDomainList    *self);
void             mr_domain_list_select_all         (MrDomainList    *self);
/* TRUE in selection mode (a check on each row) */
gboolean         mr_domain_list_get_selection_mode (MrDomainList    *self);
/* Selects exactly the @n_positions at @positions (ticked in selection
 * mode; one is edited) and scrolls to the first; with @focus the focus
 * goes to its row */
void             mr_domain_list_select_positions   (MrDomainList    *self,
                                                    const guint     *positions,
                                                    guint            n_positions,
                                                    gboolean         focus);
/* puts the focus on the row at @position, scrolled to; what is selected
 * stays */
void             mr_domain_list_focus_position     (MrDomainList    *self,
                                                    guint            position);
/* TRUE while a large insertion is shown over a few frames (the frame of
 * the change shows a screen of it) */
gboolean         mr_domain_list_get_filling        (MrDomainList    *self);
/* while filling: the next frame shows no more of the insertion */
void             mr_domain_list_pause_filling      (MrDomainList    *self);
void             mr_domain_list_focus_entry        (MrDomainList    *self);
/* adds every domain of @text not in the order yet; returns how many */
guint            mr_domain_list_add_text           (MrDomainList    *self,
                                                    const char      *text);
/* emits "remove-requested" with the position of @item */
void             mr_domain_list_request_remove     (MrDomainList    *self,
                                                    MrOrderItem     *item);
GtkWidget       *mr_domain_list_get_list_view      (MrDomainList    *self);

G_END_DECLS
