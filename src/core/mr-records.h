/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mr-types.h"

G_BEGIN_DECLS

/* Plain records parsed from the API's replies. Each is a boxed type with
 * a free function; arrays of them own their elements. */

typedef enum
{
  MR_AVAILABILITY_AVAILABLE,
  MR_AVAILABILITY_UNAVAILABLE,
  MR_AVAILABILITY_RESTRICTED,    /* unavailable_reason "restricted" */
  MR_AVAILABILITY_UNKNOWN,       /* the result does not say */
} MrAvailability;

/* one result of /domains/check */
typedef struct
{
  char           *domain;
  MrAvailability  availability;
  char           *restricted_keyword;   /* NULL unless restricted and sent */
} MrDomainAvailability;

/* one domain of /domains/pre-warmed-up-list */
typedef struct
{
  char            *domain;
  gboolean         has_account_type;    /* FALSE in the 2025-09-23 shape */
  MrEmailProvider  account_type;
} MrPrewarmedDomain;

/* one record of GET /dfy-email-account-orders */
typedef struct
{
  char      *workspace_id;
  char      *domain;
  char      *forwarding_domain;         /* NULL when null or absent */
  char      *forwarding_mode;           /* "redirect", "stealth" or NULL */
  gboolean   has_is_pre_warmed_up;
  gboolean   is_pre_warmed_up;
  GDateTime *timestamp_created;         /* NULL when unreadable */
  GDateTime *timestamp_cancelled;       /* NULL when active or unreadable */
  gboolean   cancelled;                 /* a cancel time was sent, readable or not */
} MrOrderRecord;

/* one item of GET .../accounts and of the cancel reply */
typedef struct
{
  char            *id;
  char            *domain;
  char            *email;
  MrEmailProvider  email_provider;
  char            *first_name;
  char            *last_name;
  gboolean         is_pre_warmed_up;
  GDateTime       *timestamp_created;   /* NULL when unreadable */
  GDateTime       *timestamp_cancelled; /* NULL when active or unreadable */
  gboolean         cancelled;           /* a cancel time was sent, readable or not */
  char            *password;            /* NULL unless asked for and sent */
} MrOrderedAccount;

/* a page of a list endpoint */
typedef struct
{
  GPtrArray *items;                     /* MrOrderRecord* or MrOrderedAccount* */
  char      *next_starting_after;       /* NULL on the last page */
  GPtrArray *warnings;                  /* char*: fields shown as unknown; never NULL */
} MrPage;

#define MR_TYPE_DOMAIN_AVAILABILITY (mr_domain_availability_get_type ())
#define MR_TYPE_PREWARMED_DOMAIN    (mr_prewarmed_domain_get_type ())
#define MR_TYPE_ORDER_RECORD        (mr_order_record_get_type ())
#define MR_TYPE_ORDERED_ACCOUNT     (mr_ordered_account_get_type ())
#define MR_TYPE_PAGE                (mr_page_get_type ())

GType                 mr_domain_availability_get_type (void);
MrDomainAvailability *mr_domain_availability_copy     (const MrDomainAvailability *self);
void                  mr_domain_availability_free     (MrDomainAvailability       *self);
GType                 mr_prewarmed_domain_get_type    (void);
MrPrewarmedDomain    *mr_prewarmed_domain_copy        (const MrPrewarmedDomain    *self);
void                  mr_prewarmed_domain_free        (MrPrewarmedDomain          *self);
GType                 mr_order_record_get_type        (void);
MrOrderRecord        *mr_order_record_copy            (const MrOrderRecord        *self);
void                  mr_order_record_free            (MrOrderRecord              *self);
GType                 mr_ordered_account_get_type     (void);
MrOrderedAccount     *mr_ordered_account_copy         (const MrOrderedAccount     *self);
void                  mr_ordered_account_free         (MrOrderedAccount           *self);
GType                 mr_page_get_type                (void);
MrPage               *mr_page_new                     (GDestroyNotify              item_free);
void                  mr_page_free                    (MrPage                     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrDomainAvailability, mr_domain_availability_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrPrewarmedDomain, mr_prewarmed_domain_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrOrderRecord, mr_order_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrOrderedAccount, mr_ordered_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrPage, mr_page_free)

G_END_DECLS
