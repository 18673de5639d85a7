/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* `email_provider` / `account_type` of the API: JSON numbers 1, 2, 3. */
typedef enum
{
  MR_EMAIL_PROVIDER_GOOGLE    = 1,
  MR_EMAIL_PROVIDER_AIRMAIL   = 2,
  MR_EMAIL_PROVIDER_MICROSOFT = 3,
} MrEmailProvider;

#define MR_TYPE_EMAIL_PROVIDER (mr_email_provider_get_type ())
GType        mr_email_provider_get_type       (void);
gboolean     mr_email_provider_is_valid       (int              value);
const char  *mr_email_provider_to_label       (MrEmailProvider  provider); /* translated "Google" */
/* mailboxes allowed on one domain of this provider: 1..5 or 50..100 */
guint        mr_email_provider_min_accounts   (MrEmailProvider  provider);
guint        mr_email_provider_max_accounts   (MrEmailProvider  provider);

typedef enum
{
  MR_ORDER_TYPE_DFY,
  MR_ORDER_TYPE_PRE_WARMED_UP,
  MR_ORDER_TYPE_EXTRA_ACCOUNTS,
} MrOrderType;

#define MR_TYPE_ORDER_TYPE (mr_order_type_get_type ())
GType        mr_order_type_get_type           (void);
const char  *mr_order_type_to_string          (MrOrderType      type); /* "dfy", ... */
gboolean     mr_order_type_from_string        (const char      *str,
                                               MrOrderType     *out_type);
const char  *mr_order_type_to_label           (MrOrderType      type); /* translated */

G_END_DECLS
