/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_TYPE_EXTRA_ACCOUNTS_PAGE (mr_extra_accounts_page_get_type ())
G_DECLARE_FINAL_TYPE (MrExtraAccountsPage, mr_extra_accounts_page, MR, EXTRA_ACCOUNTS_PAGE, GtkWidget)

/* The domains the workspace already ordered (orders list), to pick the
 * ones that get more mailboxes. */
GtkWidget *mr_extra_accounts_page_new        (void);
void       mr_extra_accounts_page_set_client (MrExtraAccountsPage *self,
                                              MrApiClient         *client);
void       mr_extra_accounts_page_set_order  (MrExtraAccountsPage *self,
                                              MrOrder             *order);
void       mr_extra_accounts_page_reload     (MrExtraAccountsPage *self);
guint      mr_extra_accounts_page_get_n_results (MrExtraAccountsPage *self);

G_END_DECLS
