/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-types"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mr-types.h"

G_DEFINE_ENUM_TYPE (MrEmailProvider, mr_email_provider,
  G_DEFINE_ENUM_VALUE (MR_EMAIL_PROVIDER_GOOGLE, "google"),
  G_DEFINE_ENUM_VALUE (MR_EMAIL_PROVIDER_AIRMAIL, "airmail"),
  G_DEFINE_ENUM_VALUE (MR_EMAIL_PROVIDER_MICROSOFT, "microsoft"))

G_DEFINE_ENUM_TYPE (MrOrderType, mr_order_type,
  G_DEFINE_ENUM_VALUE (MR_ORDER_TYPE_DFY, "dfy"),
  G_DEFINE_ENUM_VALUE (MR_ORDER_TYPE_PRE_WARMED_UP, "pre-warmed-up"),
  G_DEFINE_ENUM_VALUE (MR_ORDER_TYPE_EXTRA_ACCOUNTS, "extra-accounts"))

gboolean
mr_email_provider_is_valid (int value)
{
  return value == MR_EMAIL_PROVIDER_GOOGLE ||
         value == MR_EMAIL_PROVIDER_AIRMAIL ||
         value == MR_EMAIL_PROVIDER_MICROSOFT;
}

const char *
mr_email_provider_to_label (MrEmailProvider provider)
{
  switch (provider)
    {
    case MR_EMAIL_PROVIDER_GOOGLE:
      return _("Google");
    case MR_EMAIL_PROVIDER_AIRMAIL:
      return _("AirMail");
    case MR_EMAIL_PROVIDER_MICROSOFT:
      return _("Microsoft");
    default:
      return _("Unknown provider");
    }
}

guint
mr_email_provider_min_accounts (MrEmailProvider provider)
{
  switch (provider)
    {
    case MR_EMAIL_PROVIDER_MICROSOFT:
      return 50;
    case MR_EMAIL_PROVIDER_GOOGLE:
    case MR_EMAIL_PROVIDER_AIRMAIL:
    default:
      return 1;
    }
}

guint
mr_email_provider_max_accounts (MrEmailProvider provider)
{
  switch (provider)
    {
    case MR_EMAIL_PROVIDER_MICROSOFT:
      return 100;
    case MR_EMAIL_PROVIDER_GOOGLE:
    case MR_EMAIL_PROVIDER_AIRMAIL:
    default:
      return 5;
    }
}

const char *
mr_order_type_to_string (MrOrderType type)
{
  switch (type)
    {
    case MR_ORDER_TYPE_DFY:
      return "dfy";
    case MR_ORDER_TYPE_PRE_WARMED_UP:
      return "pre_warmed_up";
    case MR_ORDER_TYPE_EXTRA_ACCOUNTS:
      return "extra_accounts";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
mr_order_type_from_string (const char  *str,
                           MrOrderType *out_type)
{
  static const MrOrderType types[] = {
    MR_ORDER_TYPE_DFY,
    MR_ORDER_TYPE_PRE_WARMED_UP,
    MR_ORDER_TYPE_EXTRA_ACCOUNTS,
  };

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      if (g_strcmp0 (str, mr_order_type_to_string (types[i])) == 0)
        {
          if (out_type != NULL)
            *out_type = types[i];
          return TRUE;
        }
    }

  return FALSE;
}

const char *
mr_order_type_to_label (MrOrderType type)
{
  switch (type)
    {
    case MR_ORDER_TYPE_DFY:
      return _("New domains");
    case MR_ORDER_TYPE_PRE_WARMED_UP:
      return _("Pre-warmed domains");
    case MR_ORDER_TYPE_EXTRA_ACCOUNTS:
      return _("Extra mailboxes");
    default:
      return _("Unknown order type");
    }
}
