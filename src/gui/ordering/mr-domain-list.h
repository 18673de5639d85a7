/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_TYPE_DOMAIN_LIST (mr_domain_list_get_type ())
G_DECLARE_FINAL_TYPE (MrDomainList, mr_domain_list, MR, DOMAIN_LIST, GtkWidget)

/* The domains of an order: an add-domain entry (new domains orders) and
 * a GtkListView bound to the MrOrder. Signals: "item-activated"
 * (MrOrderItem: chosen by the user), "remove-requested" (guint position),
 * "problems-changed", "similar-changed" and "status-changed" (const char
 * *normalised domain, NULL for all).
 * Property "selected-item" (MrOrderItem, notify). */
GtkWidget       *mr_domain_list_new                (void);
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
/* every problem of the order (MrProblem*); rows show those of their domain */
void             mr_domain_list_set_problems       (MrDomainList    *self,
                                                    GPtrArray       *problems);
/* borrowed, NULL when the domain has none */
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
void             mr_domain_list_focus_entry        (MrDomainList    *self);
/* adds every domain of @text not in the order yet; returns how many */
guint            mr_domain_list_add_text           (MrDomainList    *self,
                                                    const char      *text);
/* emits "remove-requested" with the position of @item */
void             mr_domain_list_request_remove     (MrDomainList    *self,
                                                    MrOrderItem     *item);
GtkWidget       *mr_domain_list_get_list_view      (MrDomainList    *self);

G_END_DECLS
