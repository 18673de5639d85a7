/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The other side of the wire: a stand-in for Instantly's DFY order API on
 * a SoupServer. It never uses src/core. */

#define MR_SIM_DEMO_KEY "mailroom-demo-key"

/* the contract's per-minute rate limits */
#define MR_SIM_CHECK_PER_MINUTE 30
#define MR_SIM_GLOBAL_PER_MINUTE 6000

typedef enum
{
  MR_SIM_FAULT_NONE,
  MR_SIM_FAULT_SERVER_ERROR,   /* 500 with the error envelope */
  MR_SIM_FAULT_MALFORMED,      /* 200 with a body that is not JSON */
  MR_SIM_FAULT_DROP,           /* read the request, then close the connection, no reply
                                * and no effect ("drop-before") */
  MR_SIM_FAULT_DROP_AFTER,     /* process the request as usual (an order IS placed), then
                                * close the connection without sending the reply */
} MrSimFault;

/* Which requests a fault hits. A quote and a placement both POST
 * /dfy-email-account-orders; the body's `simulation` tells them apart. */
typedef enum
{
  MR_SIM_FAULT_TARGET_PATH,    /* every request to a path (or to any path) */
  MR_SIM_FAULT_TARGET_PLACE,   /* POST /dfy-email-account-orders without "simulation": true */
  MR_SIM_FAULT_TARGET_QUOTE,   /* POST /dfy-email-account-orders with "simulation": true */
} MrSimFaultTarget;

typedef enum
{
  MR_SIM_PAYMENT_OK,
  MR_SIM_PAYMENT_METHOD_NOT_SUPPORTED,
  MR_SIM_PAYMENT_AUTHENTICATION_REQUIRED,
  MR_SIM_PAYMENT_CARD_EXPIRED,
  MR_SIM_PAYMENT_GENERIC_DECLINE,
} MrSimPayment;

#define MR_TYPE_SIM_SERVER (mr_sim_server_get_type ())
G_DECLARE_FINAL_TYPE (MrSimServer, mr_sim_server, MR, SIM_SERVER, GObject)

/* A server with the demo key (scope all:all), the built-in catalogue and
 * the pricing of @pricing_file (NULL: the built-in defaults, which equal
 * data/sim-pricing.json). */
MrSimServer *mr_sim_server_new                (const char   *pricing_file,
                                               GError      **error);
/* Listens on @host (loopback unless told otherwise) and @port (0: any).
 * Runs in the thread-default main context of the caller. */
gboolean     mr_sim_server_listen             (MrSimServer  *self,
                                               const char   *host,
                                               guint         port,
                                               GError      **error);
/* "http://127.0.0.1:PORT" once listening */
const char  *mr_sim_server_get_url            (MrSimServer  *self);
void         mr_sim_server_disconnect         (MrSimServer  *self);

/* Keys: scopes is a comma list ("all:all", "dfy_email_account_orders:read", ...) */
void         mr_sim_server_add_key            (MrSimServer  *self,
                                               const char   *key,
                                               const char   *scopes);
void         mr_sim_server_remove_key         (MrSimServer  *self,
                                               const char   *key);
/* A key of another workspace (NULL: the default one): its orders and
 * accounts are invisible to the others, its rate limits its own. */
void         mr_sim_server_add_key_for_workspace (MrSimServer *self,
                                                  const char  *key,
                                                  const char  *scopes,
                                                  const char  *workspace_id);
/* FALSE: every call answers 402 */
void         mr_sim_server_set_has_plan       (MrSimServer  *self,
                                               gboolean      has_plan);
void         mr_sim_server_set_payment        (MrSimServer  *self,
                                               MrSimPayment  payment);
void         mr_sim_server_set_payment_method (MrSimServer  *self,
                                               const char   *brand,
                                               const char   *last_4_digits,
                                               const char   *name_on_card);
void         mr_sim_server_set_checkout_required (MrSimServer *self,
                                                  gboolean     required);
/* promotions: first N domains free; percentage off the total */
void         mr_sim_server_set_free_domains   (MrSimServer  *self,
                                               guint         n_free);
void         mr_sim_server_set_discount_percent (MrSimServer *self,
                                                 guint        percent);
/* FALSE: orders naming @email_provider (1-3) report it in
 * unavailable_email_providers (order_error provider_unavailable) */
void         mr_sim_server_set_provider_available (MrSimServer *self,
                                                   int          email_provider,
                                                   gboolean     available);
/* delay every reply by @ms */
void         mr_sim_server_set_latency        (MrSimServer  *self,
                                               guint         ms);
/* the next @count requests to @path (NULL: any) fail with @fault */
void         mr_sim_server_inject_fault       (MrSimServer  *self,
                                               const char   *path,
                                               MrSimFault    fault,
                                               guint         count);
/* the next @count placements or quotes (see MrSimFaultTarget) fail with @fault */
void         mr_sim_server_inject_fault_on    (MrSimServer      *self,
                                               MrSimFaultTarget  target,
                                               MrSimFault        fault,
                                               guint             count);
/* "TARGET:KIND[:COUNT]" as mailroom-sim --fault takes it: TARGET is a
 * path ("*" or empty: any), "place" or "quote"; KIND is 500 (or error),
 * malformed, drop (or drop-before) or drop-after; COUNT defaults to 1. */
gboolean     mr_sim_server_inject_fault_spec  (MrSimServer  *self,
                                               const char   *spec,
                                               GError      **error);
/* per-minute limits; 0 disables. Defaults: 30 for domains/check, 6000 global */
void         mr_sim_server_set_rate_limits    (MrSimServer  *self,
                                               guint         check_per_minute,
                                               guint         global_per_minute);
/* Domains already ordered by the workspace (for extra_accounts demos). */
void         mr_sim_server_add_ordered_domain (MrSimServer  *self,
                                               const char   *domain,
                                               int           email_provider,
                                               guint         n_accounts);
/* the file orders and accounts are kept in (NULL: memory only) */
gboolean     mr_sim_server_set_state_file     (MrSimServer  *self,
                                               const char   *path,
                                               GError      **error);

/* For tests: how many real (non-simulated) place-order requests arrived,
 * and how many requests of any kind to @path (NULL: all). */
guint        mr_sim_server_get_n_orders_placed (MrSimServer *self);
guint        mr_sim_server_get_n_requests      (MrSimServer *self,
                                                const char  *path);
/* How many placements (POST /dfy-email-account-orders without
 * "simulation": true) arrived, whatever became of them, faults included. */
guint        mr_sim_server_get_n_place_requests (MrSimServer *self);

G_END_DECLS
