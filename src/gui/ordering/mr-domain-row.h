/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mailroom-core.h"
#include "mr-domain-list.h"

G_BEGIN_DECLS

#define MR_TYPE_DOMAIN_ROW (mr_domain_row_get_type ())
G_DECLARE_FINAL_TYPE (MrDomainRow, mr_domain_row, MR, DOMAIN_ROW, GtkWidget)

/* One domain of the list: availability (icon and words), mailboxes,
 * problems of the order that name it, similar domains to swap in. */
GtkWidget      *mr_domain_row_new             (void);
void            mr_domain_row_bind            (MrDomainRow  *self,
                                               MrOrderItem  *item,
                                               MrDomainList *list);
void            mr_domain_row_unbind          (MrDomainRow  *self);
MrOrderItem    *mr_domain_row_get_item        (MrDomainRow  *self);
MrDomainStatus  mr_domain_row_get_status      (MrDomainRow  *self);
/* what the row says, for tests and the accessible label */
const char     *mr_domain_row_get_status_text (MrDomainRow  *self);
char           *mr_domain_row_dup_problems_text (MrDomainRow *self);
/* what a screen reader hears after the row's name ("example.com, Available"):
 * its mailboxes and its problems in the sentences that name the domain */
char           *mr_domain_row_dup_accessible_description (MrDomainRow *self);
/* the suggestion buttons shown, in order (borrowed widgets) */
GPtrArray      *mr_domain_row_get_suggestion_buttons (MrDomainRow *self);
/* whether it shows the check of selection mode, and *@checked whether
 * the check is on (for tests) */
gboolean        mr_domain_row_get_check_shown (MrDomainRow  *self,
                                               gboolean     *checked);

G_END_DECLS
