/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

/* The logic behind the Orders view, kept apart from widgets. */


/* Copies the accounts of @page not seen before into @into
 * (MrOrderedAccount*, owned), then wipes the passwords left in @page. */
void        mr_pager_collect_accounts (MrPager    *self,
                                       MrPage     *page,
                                       GPtrArray  *into);

/* Arrays of owned MrOrderedAccount*; free wipes the passwords first. */
GPtrArray  *mr_ordered_accounts_new             (void);
void        mr_ordered_accounts_wipe_passwords  (GPtrArray *accounts);
void        mr_ordered_accounts_free            (GPtrArray *accounts);

/* Identity of records for de-duplication (orders have no id). */
char       *mr_order_record_key    (const MrOrderRecord    *record);
char       *mr_ordered_account_key (const MrOrderedAccount *account);

/* The ordered accounts of one domain. */
typedef struct
{
  char            *domain;
  MrEmailProvider  email_provider;   /* of its first account */
  GPtrArray       *accounts;         /* MrOrderedAccount*, borrowed */
  guint            n_active;
} MrAccountGroup;

void        mr_account_group_free  (MrAccountGroup *self);
/* Groups @accounts (MrOrderedAccount*) by domain: domains in alphabetical
 * order, active accounts before cancelled ones, each by address. The
 * groups borrow the accounts: keep @accounts alive. */
GPtrArray  *mr_account_groups_build (GPtrArray     *accounts);

/* A set of selected addresses. Only active accounts can be selected. */
GHashTable *mr_account_selection_new        (void);
/* Adds every active account of @group; returns how many were added. */
guint       mr_account_selection_add_group  (GHashTable     *selection,
                                             MrAccountGroup *group);
gboolean    mr_account_selection_has_group  (GHashTable     *selection,
                                             MrAccountGroup *group);
/* Drops addresses that are no longer in @accounts or are cancelled. */
void        mr_account_selection_prune      (GHashTable     *selection,
                                             GPtrArray      *accounts);
/* The selected addresses in the order of @accounts, NULL-terminated. */
GStrv       mr_account_selection_to_strv    (GHashTable     *selection,
                                             GPtrArray      *accounts);

/* @time in local time, in the language's medium date form; NULL for NULL. */
char       *mr_format_date         (GDateTime *time);

G_END_DECLS
