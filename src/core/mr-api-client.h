/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mr-error.h"
#include "mr-json.h"

G_BEGIN_DECLS

#define MR_API_DEFAULT_BASE_URL "https://api.instantly.ai"

#define MR_TYPE_API_CLIENT (mr_api_client_get_type ())
G_DECLARE_FINAL_TYPE (MrApiClient, mr_api_client, MR, API_CLIENT, GObject)

/* One SoupSession against one server. @base_url is the server root
 * (paths /api/v2/... are appended). http:// is refused unless the host is
 * loopback (127.0.0.0/8, ::1, localhost): MR_API_ERROR_INSECURE_URL.
 * The key is sent as "Authorization: Bearer" and is never logged.
 * Properties: "base-url" (construct-only), "api-key" (write-only, may
 * change), "user-agent", "timeout" (seconds), "max-reply-size" (bytes).
 * Replies are parsed on a worker thread; every callback runs in the main
 * context the call was made in, and a cancelled call (but placing an
 * order) completes as cancelled without waiting for its parse. */
MrApiClient *mr_api_client_new                    (const char          *base_url,
                                                   const char          *api_key,
                                                   GError             **error);
const char  *mr_api_client_get_base_url           (MrApiClient         *self);
void         mr_api_client_set_api_key            (MrApiClient         *self,
                                                   const char          *api_key);
gboolean     mr_api_client_has_api_key            (MrApiClient         *self);
void         mr_api_client_set_timeout            (MrApiClient         *self,
                                                   guint                seconds);
void         mr_api_client_set_max_reply_size     (MrApiClient         *self,
                                                   gsize                max_bytes);
/* An API key goes into an HTTP header: it must be printable ASCII with
 * no spaces or line breaks (and not over 4096 bytes). FALSE with a
 * G_IO_ERROR_INVALID_DATA saying what is wrong otherwise (never the key). Checked where
 * a key is entered (preferences, MAILROOM_API_KEY), read (keyring) and
 * sent. */
gboolean     mr_api_key_check                     (const char          *api_key,
                                                   GError             **error);
/* TRUE for http(s) URLs whose host is loopback */
gboolean     mr_api_url_is_loopback               (const char          *url);
/* NULL when acceptable as a base URL, else an MR_API_ERROR_INSECURE_URL */
gboolean     mr_api_url_check                     (const char          *url,
                                                   GError             **error);

/* The body of the 2xx reply that @result (of an _async call of this
 * client, or of MrOrderPlacer) was parsed from, exactly as it arrived, so
 * that it can be shown as the server sent it; NULL when there is none. */
GBytes      *mr_api_result_get_reply              (GAsyncResult        *result);
/* for wrappers of the calls: hands the reply on to their own task */
void         mr_api_result_set_reply              (GTask               *task,
                                                   GBytes              *reply);

/* POST /domains/check (at most 50 domains): MrDomainAvailability* */
void         mr_api_client_check_domains_async    (MrApiClient         *self,
                                                   const char * const  *domains,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray   *mr_api_client_check_domains_finish   (MrApiClient         *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* POST /domains/similar; @tlds NULL for the server's default */
void         mr_api_client_similar_domains_async  (MrApiClient         *self,
                                                   const char          *domain,
                                                   const char * const  *tlds,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GStrv        mr_api_client_similar_domains_finish (MrApiClient         *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* POST /domains/pre-warmed-up-list: MrPrewarmedDomain* */
void         mr_api_client_prewarmed_domains_async  (MrApiClient         *self,
                                                     const char          *search,
                                                     const char * const  *extensions,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray   *mr_api_client_prewarmed_domains_finish (MrApiClient         *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* POST /dfy-email-account-orders with simulation: true. The quote's
 * revision is the order's revision when the request was built. */
void         mr_api_client_simulate_order_async   (MrApiClient         *self,
                                                   MrOrder             *order,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* The same for an order already written as its request body, by
 * mr_json_order_request (order, TRUE) or mr_order_spec_write_request
 * (spec, TRUE) (taken): so that a large order's body can be written on
 * another thread, or without an MrOrder. @revision is the order's (0
 * without one). Its result is read with
 * mr_api_client_simulate_order_finish(). */
void         mr_api_client_simulate_body_async    (MrApiClient         *self,
                                                   char                *body,
                                                   guint64              revision,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
MrQuote     *mr_api_client_simulate_order_finish  (MrApiClient         *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* POST /dfy-email-account-orders with simulation: false. Low level: sent
 * once on a new connection, never retried. Use MrOrderPlacer, which adds
 * the checks. A failure after the request left is
 * MR_API_ERROR_RESULT_UNKNOWN; a 5xx or unparsable reply too. */
void         mr_api_client_place_order_async      (MrApiClient         *self,
                                                   MrOrder             *order,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
MrQuote     *mr_api_client_place_order_finish     (MrApiClient         *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* GET /dfy-email-account-orders: MrPage of MrOrderRecord*.
 * @limit 0 leaves it to the server; @starting_after is passed unchanged. */
void         mr_api_client_list_orders_async      (MrApiClient         *self,
                                                   guint                limit,
                                                   const char          *starting_after,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
MrPage      *mr_api_client_list_orders_finish     (MrApiClient         *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* GET /dfy-email-account-orders/accounts: MrPage of MrOrderedAccount* */
void         mr_api_client_list_accounts_async    (MrApiClient         *self,
                                                   guint                limit,
                                                   const char          *starting_after,
                                                   gboolean             with_passwords,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
MrPage      *mr_api_client_list_accounts_finish   (MrApiClient         *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* POST /dfy-email-account-orders/accounts/cancel: MrOrderedAccount* */
void         mr_api_client_cancel_accounts_async  (MrApiClient         *self,
                                                   const char * const  *emails,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray   *mr_api_client_cancel_accounts_finish (MrApiClient         *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
