/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-domain-list.h"
#include "mr-domain-row.h"

G_BEGIN_DECLS

/* Between the domain list and its rows. The list keeps the rows it has
 * bound by domain key and tells only the rows of a domain what changed
 * for it (its problems, its availability, its similar domains). */

/* @row now shows the domain with key @new_key (NULL: none) instead of
 * @old_key (NULL: none) */
void _mr_domain_list_rekey_row          (MrDomainList *self,
                                         MrDomainRow  *row,
                                         const char   *old_key,
                                         const char   *new_key);

void _mr_domain_row_update_item         (MrDomainRow  *self);
void _mr_domain_row_update_problems     (MrDomainRow  *self);
void _mr_domain_row_update_status       (MrDomainRow  *self);
void _mr_domain_row_update_suggestions  (MrDomainRow  *self);
/* the row's button after (before) @from, one of them or the row itself:
 * Remove, then the suggestions; NULL past the last (first) */
GtkWidget *_mr_domain_row_next_button   (MrDomainRow      *self,
                                         GtkWidget        *from,
                                         GtkDirectionType  direction);
/* shows the check of selection mode (or not), checked when @selected */
void _mr_domain_row_set_selected        (MrDomainRow  *self,
                                         gboolean      selection_mode,
                                         gboolean      selected);

/* A GtkListView keeps about 200 rows alive, most of them far off screen.
 * A row far off screen puts off what changed for it (_mr_domain_row_defer)
 * and the list brings it up to date before it can be seen: at once when
 * it comes near, else a few rows a frame (_mr_domain_list_defer_row).
 * Reading what a row says brings it up to date first. */
typedef enum
{
  MR_ROW_UPDATE_ITEM        = 1 << 0,
  MR_ROW_UPDATE_STATUS      = 1 << 1,
  MR_ROW_UPDATE_PROBLEMS    = 1 << 2,
  MR_ROW_UPDATE_SUGGESTIONS = 1 << 3,
  /* measured for real: it answered with the size of a row like it */
  MR_ROW_UPDATE_SIZE        = 1 << 4,
} MrRowUpdate;

gboolean _mr_domain_list_row_is_near    (MrDomainList *self,
                                         MrDomainRow  *row);
void _mr_domain_list_defer_row          (MrDomainList *self,
                                         MrDomainRow  *row,
                                         MrRowUpdate   what);
void _mr_domain_row_defer               (MrDomainRow  *self,
                                         MrRowUpdate   what);
/* applies what it put off; FALSE when there was nothing */
gboolean _mr_domain_row_flush           (MrDomainRow  *self);

G_END_DECLS
