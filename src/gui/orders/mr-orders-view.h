/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_TYPE_ORDERS_VIEW (mr_orders_view_get_type ())
G_DECLARE_FINAL_TYPE (MrOrdersView, mr_orders_view, MR, ORDERS_VIEW, GtkWidget)

/* The workspace's orders and ordered mailboxes, from the server: a page with
 * its own header bar (view switcher, refresh, menu) and two views, "orders"
 * and "mailboxes". Actions in the "orders." group: refresh, export,
 * show-passwords (stateful), cancel-selected, select-none,
 * select-domain(s), order-more(s), copy-address(s), view-mailboxes(s).
 *
 * Signals:
 *   "extra-accounts-requested" (const char *domain, int email_provider):
 *       start an extra-accounts order for this ordered domain.
 *   "back-requested" (): the back button was clicked (see
 *       "show-back-button").
 * Properties: "page-size" (1-100, default 50), "show-back-button",
 * "show-passwords", "max-retry-wait" (seconds a 429 is waited at most),
 * "busy" (read-only: a request runs or a retry is scheduled). */
GtkWidget         *mr_orders_view_new                (void);
void               mr_orders_view_set_client         (MrOrdersView *self,
                                                      MrApiClient  *client);
/* Forgets what is shown and asks the server again (now if the view is
 * mapped, else when it is next shown). */
void               mr_orders_view_reload             (MrOrdersView *self);
/* "orders" or "mailboxes" */
void               mr_orders_view_set_visible_page   (MrOrdersView *self,
                                                      const char   *name);
void               mr_orders_view_set_show_back_button (MrOrdersView *self,
                                                        gboolean      show);
void               mr_orders_view_set_page_size      (MrOrdersView *self,
                                                      guint         page_size);
/* Asks for confirmation first when turning passwords on. */
void               mr_orders_view_set_show_passwords (MrOrdersView *self,
                                                      gboolean      show);
gboolean           mr_orders_view_get_show_passwords (MrOrdersView *self);
gboolean           mr_orders_view_get_busy           (MrOrdersView *self);

/* Writes the mailboxes as CSV to @file. With @include_passwords the
 * accounts are fetched again with their passwords for this file only. */
void               mr_orders_view_export_async       (MrOrdersView        *self,
                                                      GFile               *file,
                                                      gboolean             include_passwords,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           mr_orders_view_export_finish      (MrOrdersView        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* For the window and for tests */
/* the orders shown (after the filter): MrOrderRecordObject */
GListModel        *mr_orders_view_get_orders         (MrOrdersView *self);
/* every order loaded so far, unfiltered */
guint              mr_orders_view_get_n_loaded_orders (MrOrdersView *self);
gboolean           mr_orders_view_get_all_orders_loaded (MrOrdersView *self);
/* the mailboxes shown: MrOrderedAccount*, grouped as on screen */
GPtrArray         *mr_orders_view_get_accounts       (MrOrdersView *self);
void               mr_orders_view_set_filter_text    (MrOrdersView *self,
                                                      const char   *text);
/* what each page shows: "loading", "empty", "no-match", "error" or "list" */
const char        *mr_orders_view_get_orders_state   (MrOrdersView *self);
const char        *mr_orders_view_get_accounts_state (MrOrdersView *self);
/* the text of the loading or rate-limit notice, or NULL */
const char        *mr_orders_view_get_notice         (MrOrdersView *self);
gboolean           mr_orders_view_set_account_selected (MrOrdersView *self,
                                                        const char   *email,
                                                        gboolean      selected);
/* NULL-terminated, in the order shown */
GStrv              mr_orders_view_get_selected       (MrOrdersView *self);
/* the confirmation dialog open now, or NULL */
AdwMessageDialog  *mr_orders_view_get_dialog         (MrOrdersView *self);

G_END_DECLS
