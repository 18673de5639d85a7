/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MR_TYPE_ACCOUNT (mr_account_get_type ())
G_DECLARE_FINAL_TYPE (MrAccount, mr_account, MR, ACCOUNT, GObject)

/* One mailbox to order: properties "first-name", "last-name",
 * "email-address-prefix". Every change emits "changed" once. */
MrAccount   *mr_account_new                      (const char *first_name,
                                                  const char *last_name,
                                                  const char *email_address_prefix);
const char  *mr_account_get_first_name           (MrAccount  *self);
void         mr_account_set_first_name           (MrAccount  *self,
                                                  const char *first_name);
const char  *mr_account_get_last_name            (MrAccount  *self);
void         mr_account_set_last_name            (MrAccount  *self,
                                                  const char *last_name);
const char  *mr_account_get_email_address_prefix (MrAccount  *self);
void         mr_account_set_email_address_prefix (MrAccount  *self,
                                                  const char *prefix);

G_END_DECLS
