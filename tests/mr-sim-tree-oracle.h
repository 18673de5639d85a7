/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "mr-sim-order.h"

G_BEGIN_DECLS

/* The simulator's json-glib request path before it read documents
 * directly, and its quote reply before the quote had a writer of its own:
 * the reference test-sim-doc compares the new path with. */

char       *mr_sim_tree_check_place_order  (JsonNode           *body);
char       *mr_sim_tree_check_similar      (JsonNode           *body);
char       *mr_sim_tree_check_domains      (JsonNode           *body);
char       *mr_sim_tree_check_prewarmed    (JsonNode           *body);   /* body may be NULL */
char       *mr_sim_tree_check_cancel       (JsonNode           *body);

gboolean    mr_sim_tree_is_valid_name      (const char         *domain);
const char *mr_sim_tree_restricted_keyword (const char         *domain);
char       *mr_sim_tree_normalize          (const char         *domain);

MrSimQuote *mr_sim_tree_quote_new          (JsonObject         *request,
                                            MrSimState         *state,
                                            const MrSimPricing *pricing,
                                            const char         *workspace_id);
char       *mr_sim_tree_quote_to_json      (MrSimQuote         *self,
                                            const MrSimPricing *pricing,
                                            gboolean            simulation,
                                            gboolean            placed,
                                            const char         *order_error,
                                            const char         *payment_failure_reason,
                                            const char         *checkout_url,
                                            const char         *cart_order_id,
                                            gsize              *length);

G_END_DECLS
