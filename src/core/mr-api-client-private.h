/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-api-client.h"

G_BEGIN_DECLS

/* For tests: called on the thread that parses a reply, just before it
 * does (@parsed FALSE) and just after (TRUE), with the revision the
 * request was sent for (0 but for quotes). It may block, to hold that
 * parse while the test does something else. */
typedef void (*MrApiParseHook) (guint64  revision,
                                gboolean parsed,
                                gpointer user_data);

void mr_api_client_set_parse_hook (MrApiClient    *self,
                                   MrApiParseHook  hook,
                                   gpointer        user_data);

G_END_DECLS
