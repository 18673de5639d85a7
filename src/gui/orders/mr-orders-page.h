/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_TYPE_ORDERS_PAGE (mr_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (MrOrdersPage, mr_orders_page, MR, ORDERS_PAGE, AdwBin)

/* The "Orders" page of MrOrdersView: the workspace's orders, filterable by
 * domain, loaded a page at a time as the list is scrolled to its end.
 * Activating an order activates "orders.view-mailboxes" with its domain.
 * Property "busy" (read-only): a request runs or a retry is scheduled. */
GtkWidget  *mr_orders_page_new                (void);
/* Forgets the orders shown; does not load. */
void        mr_orders_page_set_client         (MrOrdersPage *self,
                                               MrApiClient  *client);
void        mr_orders_page_set_page_size      (MrOrdersPage *self,
                                               guint         page_size);
void        mr_orders_page_set_max_retry_wait (MrOrdersPage *self,
                                               guint         seconds);
/* Asks the server again; what is shown stays until the first page. */
void        mr_orders_page_reload             (MrOrdersPage *self);
/* Asks for the next page now, after an error too. */
void        mr_orders_page_load_more          (MrOrdersPage *self);
gboolean    mr_orders_page_get_busy           (MrOrdersPage *self);
/* the orders shown (after the filter): MrOrderRecordObject */
GListModel *mr_orders_page_get_orders         (MrOrdersPage *self);
guint       mr_orders_page_get_n_loaded       (MrOrdersPage *self);
gboolean    mr_orders_page_get_all_loaded     (MrOrdersPage *self);
void        mr_orders_page_set_filter_text    (MrOrdersPage *self,
                                               const char   *text);
/* "loading", "empty", "no-match", "error" or "list" */
const char *mr_orders_page_get_state          (MrOrdersPage *self);
/* the text of the loading or rate-limit notice, or NULL */
const char *mr_orders_page_get_notice         (MrOrdersPage *self);

G_END_DECLS
