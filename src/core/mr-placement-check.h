/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-api-client.h"
#include "mr-order.h"

G_BEGIN_DECLS

/* The reconciliation check after a placement whose result is unknown
 * (the connection failed after the order was sent): is the order in the
 * server's lists? It reads the orders list, or for extra mailboxes the
 * mailboxes list, one page at a time and at most 20 pages, until every
 * domain (address) of the order has been seen. It never sends the order
 * again. The session runs it for the window and for mailroom-cli place. */
typedef enum
{
  MR_PLACEMENT_FOUND,     /* every domain (address) is in the lists */
  MR_PLACEMENT_MISSING,   /* the lists were read to their end without them */
  MR_PLACEMENT_UNREAD,    /* the lists could not be read: see the error */
} MrPlacementCheck;

void             mr_placement_check_async  (MrApiClient          *client,
                                            MrOrder              *order,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/* FOUND or MISSING; or UNREAD with an error when a page could not be read (the
 * client's error), when the lists could not be read to their end
 * (G_IO_ERROR_PARTIAL_INPUT, with a sentence to show), or
 * G_IO_ERROR_CANCELLED */
MrPlacementCheck mr_placement_check_finish (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
