/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_TYPE_MAILBOXES_PAGE (mr_mailboxes_page_get_type ())
G_DECLARE_FINAL_TYPE (MrMailboxesPage, mr_mailboxes_page, MR, MAILBOXES_PAGE, AdwBin)

/* The "Mailboxes" page of MrOrdersView: every ordered account, grouped by
 * domain, with a check box to select it, a copy button and, when asked
 * for, its password. Its buttons activate actions of the "orders." group
 * (select-domain, select-none, cancel-selected, copy-address, order-more)
 * that an ancestor provides.
 * Read-only properties: "busy" (loading, waiting to retry or cancelling),
 * "n-selected", "n-accounts" (loaded accounts, 0 until loaded). */
GtkWidget  *mr_mailboxes_page_new                 (void);
/* Forgets the accounts and the selection; does not load. */
void        mr_mailboxes_page_set_client          (MrMailboxesPage *self,
                                                   MrApiClient     *client);
void        mr_mailboxes_page_set_page_size       (MrMailboxesPage *self,
                                                   guint            page_size);
void        mr_mailboxes_page_set_max_retry_wait  (MrMailboxesPage *self,
                                                   guint            seconds);
/* Turning passwords on loads the accounts again with them; turning them off
 * wipes them at once. */
void        mr_mailboxes_page_set_show_passwords  (MrMailboxesPage *self,
                                                   gboolean         show);
/* Asks the server again; what is shown stays until all pages are in. */
void        mr_mailboxes_page_reload              (MrMailboxesPage *self);
/* Shows that the selected mailboxes are being cancelled. */
void        mr_mailboxes_page_set_cancelling      (MrMailboxesPage *self,
                                                   gboolean         cancelling);
gboolean    mr_mailboxes_page_get_busy            (MrMailboxesPage *self);
/* every loaded account (MrOrderedAccount*), or NULL until loaded */
GPtrArray  *mr_mailboxes_page_get_loaded_accounts (MrMailboxesPage *self);
/* the accounts shown: MrOrderedAccount*, grouped as on screen */
GPtrArray  *mr_mailboxes_page_get_accounts        (MrMailboxesPage *self);
/* the email provider of @domain's accounts, 0 if it has none */
int         mr_mailboxes_page_get_domain_provider (MrMailboxesPage *self,
                                                   const char      *domain);
/* Moves the focus to @domain's first row, now or once loaded. */
void        mr_mailboxes_page_focus_domain        (MrMailboxesPage *self,
                                                   const char      *domain);
/* "loading", "empty", "error" or "list" */
const char *mr_mailboxes_page_get_state           (MrMailboxesPage *self);
/* the text of the loading or rate-limit notice, or NULL */
const char *mr_mailboxes_page_get_notice          (MrMailboxesPage *self);

gboolean    mr_mailboxes_page_set_account_selected (MrMailboxesPage *self,
                                                    const char      *email,
                                                    gboolean         selected);
/* Selects every active account of @domain, or none if all are selected. */
void        mr_mailboxes_page_toggle_domain       (MrMailboxesPage *self,
                                                   const char      *domain);
void        mr_mailboxes_page_select_none         (MrMailboxesPage *self);
/* After @emails are cancelled and the list reloads, the focus goes to the
 * next active mailbox, or the first one, or the search field. */
void        mr_mailboxes_page_focus_after_cancel  (MrMailboxesPage    *self,
                                                   const char * const *emails);
/* NULL-terminated, in the order shown */
GStrv       mr_mailboxes_page_get_selected        (MrMailboxesPage *self);

G_END_DECLS
