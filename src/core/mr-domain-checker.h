/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-api-client.h"

G_BEGIN_DECLS

typedef enum
{
  MR_DOMAIN_STATUS_UNKNOWN,      /* never asked */
  MR_DOMAIN_STATUS_CHECKING,     /* queued or in flight */
  MR_DOMAIN_STATUS_AVAILABLE,
  MR_DOMAIN_STATUS_UNAVAILABLE,  /* taken */
  MR_DOMAIN_STATUS_RESTRICTED,   /* trademark keyword, see detail */
  MR_DOMAIN_STATUS_INVALID,      /* refused locally, detail = reason */
  MR_DOMAIN_STATUS_ERROR,        /* the check failed, detail = message */
} MrDomainStatus;

#define MR_TYPE_DOMAIN_STATUS (mr_domain_status_get_type ())
GType mr_domain_status_get_type (void);

#define MR_TYPE_DOMAIN_CHECKER (mr_domain_checker_get_type ())
G_DECLARE_FINAL_TYPE (MrDomainChecker, mr_domain_checker, MR, DOMAIN_CHECKER, GObject)

/* Gathers domains requested within "batch-delay" ms (150 by default) into
 * one /domains/check call of at most 50; caches results for "cache-ttl"
 * seconds (600); keeps to "max-calls" calls per "rate-window" ms (30 per
 * 60000) by queueing, never by failing. Emits "status-changed" (domain,
 * status) for every change. Domains are matched in normalised form. */
MrDomainChecker *mr_domain_checker_new         (MrApiClient     *client);
/* queue a check; a cached or in-flight domain is not asked again */
void             mr_domain_checker_request     (MrDomainChecker *self,
                                                const char      *domain);
MrDomainStatus   mr_domain_checker_lookup      (MrDomainChecker *self,
                                                const char      *domain,
                                                const char     **detail);
/* forget the cache (after an order, or a key change) */
void             mr_domain_checker_invalidate  (MrDomainChecker *self);
void             mr_domain_checker_set_client  (MrDomainChecker *self,
                                                MrApiClient     *client);
/* number of calls made so far (for tests and the budget display) */
guint            mr_domain_checker_get_n_calls (MrDomainChecker *self);

G_END_DECLS
