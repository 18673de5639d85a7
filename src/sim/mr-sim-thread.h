/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mr-sim-server.h"

G_BEGIN_DECLS

/* An MrSimServer on a thread of its own, with its own GMainContext: what
 * it computes never runs on the caller's thread (the app's UI thread in
 * demo mode). Once started, the server is touched only on that thread;
 * everything else reaches it through mr_sim_thread_call(). */

#define MR_TYPE_SIM_THREAD (mr_sim_thread_get_type ())
G_DECLARE_FINAL_TYPE (MrSimThread, mr_sim_thread, MR, SIM_THREAD, GObject)

typedef void (*MrSimThreadFunc) (MrSimServer *server,
                                 gpointer     user_data);

/* Makes the server with @pricing_file (as mr_sim_server_new()) on the new
 * thread, runs @setup (may be NULL) there, listens on @host:@port, and
 * returns once it listens; NULL with @error when it cannot. */
MrSimThread  *mr_sim_thread_new           (const char       *pricing_file,
                                           MrSimThreadFunc   setup,
                                           gpointer          setup_data,
                                           const char       *host,
                                           guint             port,
                                           GError          **error);
/* "http://127.0.0.1:PORT" */
const char   *mr_sim_thread_get_url       (MrSimThread      *self);
/* Runs @func on the server's thread, between two requests, and returns
 * when it has run. After mr_sim_thread_stop() it runs on the caller's
 * thread against the stopped server. */
void          mr_sim_thread_call          (MrSimThread      *self,
                                           MrSimThreadFunc   func,
                                           gpointer          user_data);
/* Closes the server's connections and ends the thread (also on dispose) */
void          mr_sim_thread_stop          (MrSimThread      *self);

/* The usual calls, through mr_sim_thread_call() */
MrSimPricing *mr_sim_thread_dup_pricing   (MrSimThread        *self);
void          mr_sim_thread_set_pricing   (MrSimThread        *self,
                                           const MrSimPricing *pricing);
void          mr_sim_thread_reset_state   (MrSimThread        *self);

G_END_DECLS
