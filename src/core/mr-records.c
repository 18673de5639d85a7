/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mr-records"

#include "config.h"

#include <string.h>

#include "mr-records.h"

G_DEFINE_BOXED_TYPE (MrDomainAvailability, mr_domain_availability,
                     mr_domain_availability_copy, mr_domain_availability_free)
G_DEFINE_BOXED_TYPE (MrPrewarmedDomain, mr_prewarmed_domain,
                     mr_prewarmed_domain_copy, mr_prewarmed_domain_free)
G_DEFINE_BOXED_TYPE (MrOrderRecord, mr_order_record,
                     mr_order_record_copy, mr_order_record_free)
G_DEFINE_BOXED_TYPE (MrOrderedAccount, mr_ordered_account,
                     mr_ordered_account_copy, mr_ordered_account_free)

static MrPage *mr_page_copy (MrPage *self);

G_DEFINE_BOXED_TYPE (MrPage, mr_page, mr_page_copy, mr_page_free)

static GDateTime *
date_time_ref0 (GDateTime *date_time)
{
  return date_time != NULL ? g_date_time_ref (date_time) : NULL;
}

MrDomainAvailability *
mr_domain_availability_copy (const MrDomainAvailability *self)
{
  MrDomainAvailability *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MrDomainAvailability, 1);
  copy->domain = g_strdup (self->domain);
  copy->availability = self->availability;
  copy->restricted_keyword = g_strdup (self->restricted_keyword);

  return copy;
}

void
mr_domain_availability_free (MrDomainAvailability *self)
{
  if (self == NULL)
    return;

  g_free (self->domain);
  g_free (self->restricted_keyword);
  g_free (self);
}

MrPrewarmedDomain *
mr_prewarmed_domain_copy (const MrPrewarmedDomain *self)
{
  MrPrewarmedDomain *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MrPrewarmedDomain, 1);
  copy->domain = g_strdup (self->domain);
  copy->has_account_type = self->has_account_type;
  copy->account_type = self->account_type;

  return copy;
}

void
mr_prewarmed_domain_free (MrPrewarmedDomain *self)
{
  if (self == NULL)
    return;

  g_free (self->domain);
  g_free (self);
}

MrOrderRecord *
mr_order_record_copy (const MrOrderRecord *self)
{
  MrOrderRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MrOrderRecord, 1);
  copy->workspace_id = g_strdup (self->workspace_id);
  copy->domain = g_strdup (self->domain);
  copy->forwarding_domain = g_strdup (self->forwarding_domain);
  copy->forwarding_mode = g_strdup (self->forwarding_mode);
  copy->has_is_pre_warmed_up = self->has_is_pre_warmed_up;
  copy->is_pre_warmed_up = self->is_pre_warmed_up;
  copy->timestamp_created = date_time_ref0 (self->timestamp_created);
  copy->timestamp_cancelled = date_time_ref0 (self->timestamp_cancelled);
  copy->cancelled = self->cancelled;

  return copy;
}

void
mr_order_record_free (MrOrderRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->workspace_id);
  g_free (self->domain);
  g_free (self->forwarding_domain);
  g_free (self->forwarding_mode);
  g_clear_pointer (&self->timestamp_created, g_date_time_unref);
  g_clear_pointer (&self->timestamp_cancelled, g_date_time_unref);
  g_free (self);
}

MrOrderedAccount *
mr_ordered_account_copy (const MrOrderedAccount *self)
{
  MrOrderedAccount *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MrOrderedAccount, 1);
  copy->id = g_strdup (self->id);
  copy->domain = g_strdup (self->domain);
  copy->email = g_strdup (self->email);
  copy->email_provider = self->email_provider;
  copy->first_name = g_strdup (self->first_name);
  copy->last_name = g_strdup (self->last_name);
  copy->is_pre_warmed_up = self->is_pre_warmed_up;
  copy->timestamp_created = date_time_ref0 (self->timestamp_created);
  copy->timestamp_cancelled = date_time_ref0 (self->timestamp_cancelled);
  copy->cancelled = self->cancelled;
  copy->password = g_strdup (self->password);

  return copy;
}

void
mr_ordered_account_free (MrOrderedAccount *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->domain);
  g_free (self->email);
  g_free (self->first_name);
  g_free (self->last_name);
  g_clear_pointer (&self->timestamp_created, g_date_time_unref);
  g_clear_pointer (&self->timestamp_cancelled, g_date_time_unref);
  /* the password is a secret: do not leave it lying around in freed memory */
  if (self->password != NULL)
    {
      memset (self->password, 0, strlen (self->password));
      g_free (self->password);
    }
  g_free (self);
}

MrPage *
mr_page_new (GDestroyNotify item_free)
{
  MrPage *self;

  self = g_new0 (MrPage, 1);
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);

  return self;
}

/* Pages are not changed after parsing, so a copy shares the (reference
 * counted) item array instead of needing to know how to copy its items. */
static MrPage *
mr_page_copy (MrPage *self)
{
  MrPage *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MrPage, 1);
  copy->items = self->items != NULL ? g_ptr_array_ref (self->items) : NULL;
  copy->next_starting_after = g_strdup (self->next_starting_after);
  copy->warnings = g_ptr_array_ref (self->warnings);

  return copy;
}

void
mr_page_free (MrPage *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->next_starting_after);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self);
}
