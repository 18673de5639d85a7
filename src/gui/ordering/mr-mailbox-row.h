/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_TYPE_MAILBOX_ROW (mr_mailbox_row_get_type ())
G_DECLARE_FINAL_TYPE (MrMailboxRow, mr_mailbox_row, MR, MAILBOX_ROW, GtkListBoxRow)

/* One mailbox of a domain: first name, last name and address prefix
 * entries that edit @account directly. Signals "remove-requested" (the
 * row's remove button) and "next-requested" (Enter in the last field). */
GtkWidget  *mr_mailbox_row_new          (MrAccount    *account,
                                         const char   *domain);
MrAccount  *mr_mailbox_row_get_account  (MrMailboxRow *self);
const char *mr_mailbox_row_get_domain   (MrMailboxRow *self);
void        mr_mailbox_row_set_domain   (MrMailboxRow *self,
                                         const char   *domain);
/* MrProblem*s that name this mailbox; NULL or empty clears them */
void        mr_mailbox_row_set_problems (MrMailboxRow *self,
                                         GPtrArray    *problems);
/* the text shown under the row, or NULL when there is no problem */
const char *mr_mailbox_row_get_problem_text (MrMailboxRow *self);
void        mr_mailbox_row_focus_first  (MrMailboxRow *self);

G_END_DECLS
