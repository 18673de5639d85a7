/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mailroom-core.h"
#include "mr-orders-model.h"

G_BEGIN_DECLS

/* One list fetched from the server page by page, with its 429 back-off:
 * on a rate limit it waits as long as the server asks (at most
 * max_retry_wait seconds), calls @changed every second of the countdown,
 * then @load to ask for the same page again. Embedded in its owner. */
typedef struct
{
  gpointer       owner;
  void         (*load)    (gpointer owner);
  void         (*changed) (gpointer owner);
  MrPager       *pager;
  GCancellable  *cancellable;
  guint          max_retry_wait;
  guint          retry_id;
  guint          retry_remaining;
  guint          n_rate_limited;
  MrBackoff      backoff;
  char          *error;          /* described, when the last request failed */
} MrPageLoader;

void      mr_page_loader_init          (MrPageLoader  *self,
                                        gpointer       owner,
                                        void         (*load)    (gpointer owner),
                                        void         (*changed) (gpointer owner));
/* Cancels the request and the retry and forgets the pages. */
void      mr_page_loader_stop          (MrPageLoader  *self);
/* Stops, then gets a new cancellable for the next requests. */
void      mr_page_loader_reset         (MrPageLoader  *self);
void      mr_page_loader_clear         (MrPageLoader  *self);
/* A request runs or a retry is scheduled. */
gboolean  mr_page_loader_is_active     (MrPageLoader  *self);
/* The countdown of a scheduled retry, or NULL. */
char     *mr_page_loader_describe_wait (MrPageLoader  *self);
/* Clears the last error and marks a request as running. */
guint     mr_page_loader_begin         (MrPageLoader  *self,
                                        const char   **cursor);
/* FALSE when the page is an answer to an older request. */
gboolean  mr_page_loader_finish        (MrPageLoader  *self,
                                        guint          generation,
                                        const MrPage  *page);
/* After a failed request: FALSE when it was an older one (ignore it).
 * A rate limit schedules a retry; any other error is kept, described, in
 * ->error. */
gboolean  mr_page_loader_fail          (MrPageLoader  *self,
                                        guint          generation,
                                        const GError  *error);

/* What a page request hands to its callback. */
typedef struct
{
  gpointer owner;        /* a reference */
  guint    generation;
} MrPageRequest;

MrPageRequest *mr_page_request_new  (gpointer       owner,
                                     guint          generation);
void           mr_page_request_free (MrPageRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrPageRequest, mr_page_request_free)

G_END_DECLS
