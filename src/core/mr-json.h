/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "mr-order.h"
#include "mr-order-spec.h"
#include "mr-quote.h"
#include "mr-records.h"

G_BEGIN_DECLS

/* Pure functions between bytes and objects. Parsers accept the current
 * contract and the 2025-09-23 one, ignore unknown members, and fail with
 * MR_API_ERROR_PARSE naming the member ("order_items[2].domain_price: expected
 * a number") when a member has the wrong type or a required one is missing. */

/* Request bodies */
char        *mr_json_order_request       (MrOrder      *order,
                                          gboolean      simulation);  /* POST /dfy-email-account-orders */
char        *mr_json_check_request       (const char * const *domains);
char        *mr_json_similar_request     (const char  *domain,
                                          const char * const *tlds);   /* tlds NULL: omitted */
char        *mr_json_prewarmed_request   (const char  *search,         /* NULL: omitted */
                                          const char * const *extensions); /* NULL: omitted */
char        *mr_json_cancel_request      (const char * const *emails);

/* The same shape without `simulation`, every text exactly as typed, even
 * when invalid: what drafts and order files are written with. */
char        *mr_json_order_draft         (MrOrder      *order);

/* Order files and drafts: the API's request body shape. Unknown members
 * are ignored; `simulation` is ignored. The domain and names are kept as
 * written, even when invalid, so nothing a user typed is lost. */
MrOrder     *mr_json_parse_order_request (GBytes       *bytes,
                                          GError      **error);

/* The same, into plain structs (see mr-order-spec.h): the same errors,
 * and mr_order_spec_to_order() gives the same order. */
MrOrderSpec *mr_json_parse_order_spec    (GBytes       *bytes,
                                          GError      **error);

/* Replies */
MrQuote     *mr_json_parse_quote         (GBytes       *bytes,
                                          GError      **error);
GPtrArray   *mr_json_parse_check         (GBytes       *bytes,       /* MrDomainAvailability* */
                                          GError      **error);
GStrv        mr_json_parse_similar       (GBytes       *bytes,
                                          GError      **error);
GPtrArray   *mr_json_parse_prewarmed     (GBytes       *bytes,       /* MrPrewarmedDomain* */
                                          GError      **error);
MrPage      *mr_json_parse_orders        (GBytes       *bytes,       /* MrOrderRecord* */
                                          GError      **error);
MrPage      *mr_json_parse_accounts      (GBytes       *bytes,       /* MrOrderedAccount* */
                                          GError      **error);
GPtrArray   *mr_json_parse_cancel        (GBytes       *bytes,       /* MrOrderedAccount* */
                                          GError      **error);
/* The error envelope {statusCode, error, message[, code, keyword]}.
 * Returns an MR_API_ERROR for @http_status; when the body is not an
 * envelope, the message says so and carries the HTTP reason. */
GError      *mr_json_parse_error_reply   (guint         http_status,
                                          GBytes       *bytes);

G_END_DECLS
