/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mr-account.h"
#include "mr-types.h"

G_BEGIN_DECLS

#define MR_TYPE_ORDER_ITEM (mr_order_item_get_type ())
G_DECLARE_FINAL_TYPE (MrOrderItem, mr_order_item, MR, ORDER_ITEM, GObject)

/* One domain of an order. It is a GListModel of its MrAccounts.
 * Properties: "domain" (as typed by the user; the API gets the
 * normalised ASCII form), "email-provider", "forwarding-domain",
 * "n-accounts". Signal "changed" fires once for any edit of the item or
 * of one of its accounts. */
MrOrderItem     *mr_order_item_new                   (const char      *domain);
const char      *mr_order_item_get_domain            (MrOrderItem     *self);
void             mr_order_item_set_domain            (MrOrderItem     *self,
                                                      const char      *domain);
/* The key of the item's domain (mr_domain_key()), and its normalised ASCII
 * name or NULL when it cannot be normalised: worked out once for each name
 * the item has and kept on the item, since every check of an order (after
 * each edit) and each of its rows needs them. Valid until the item's
 * domain changes. */
const char      *mr_order_item_get_domain_key        (MrOrderItem     *self);
const char      *mr_order_item_get_domain_ascii      (MrOrderItem     *self);
MrEmailProvider  mr_order_item_get_email_provider    (MrOrderItem     *self);
void             mr_order_item_set_email_provider    (MrOrderItem     *self,
                                                      MrEmailProvider  provider);
const char      *mr_order_item_get_forwarding_domain (MrOrderItem     *self);
void             mr_order_item_set_forwarding_domain (MrOrderItem     *self,
                                                      const char      *forwarding_domain);
guint            mr_order_item_get_n_accounts        (MrOrderItem     *self);
MrAccount       *mr_order_item_get_account           (MrOrderItem     *self,
                                                      guint            position);
void             mr_order_item_append_account        (MrOrderItem     *self,
                                                      MrAccount       *account);
/* @n accounts at once: one "items-changed", one notify, one "changed" */
void             mr_order_item_append_accounts       (MrOrderItem     *self,
                                                      MrAccount      **accounts,
                                                      guint            n);
void             mr_order_item_insert_account        (MrOrderItem     *self,
                                                      guint            position,
                                                      MrAccount       *account);
void             mr_order_item_remove_account        (MrOrderItem     *self,
                                                      guint            position);
void             mr_order_item_remove_all_accounts   (MrOrderItem     *self);
/* Parses "Jane Doe, John Smith" (commas, semicolons or new lines between
 * people) into accounts with suggested, unique prefixes; returns how many
 * were added (never beyond the provider's maximum). */
guint            mr_order_item_add_from_names        (MrOrderItem     *self,
                                                      const char      *names);
/* Active mailboxes the domain already has (domains of an extra-accounts
 * order; 0 for new domains). They count against the provider's limit. */
guint            mr_order_item_get_existing_accounts (MrOrderItem     *self);
void             mr_order_item_set_existing_accounts (MrOrderItem     *self,
                                                      guint            n_accounts);
/* the provider's maximum less the existing mailboxes */
guint            mr_order_item_get_max_new_accounts  (MrOrderItem     *self);
/* TRUE when one more mailbox is allowed; else FALSE and a reason */
gboolean         mr_order_item_can_add_account       (MrOrderItem     *self,
                                                      char           **reason);

G_END_DECLS
