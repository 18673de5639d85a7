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

G_END_DECLS
