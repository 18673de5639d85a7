/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mr-sim-server.h"
#include "mr-api-client.h"

G_BEGIN_DECLS

/* A simulator on 127.0.0.1, port 0, with the demo key and the pricing of
 * data/sim-pricing.json ($MR_SIM_PRICING). */
MrSimServer  *mr_test_sim_new              (void);
/* A client for @sim with @key (NULL: the demo key). */
MrApiClient  *mr_test_client_new           (MrSimServer   *sim,
                                            const char    *key);
/* Sanitizer builds run several times slower than normal ones: every
 * timeout given to mr_test_wait_result() and mr_test_wait_until() is
 * multiplied by this (4 under AddressSanitizer, else 1; the environment
 * variable MR_TEST_TIMEOUT_FACTOR overrides it). */
guint         mr_test_timeout_factor       (void);
/* Spins the default main context until *@result is set; fails the test
 * after @timeout_ms (times the factor). Use mr_test_store_result_cb as the callback with
 * &result as user data. */
void          mr_test_wait_result          (GAsyncResult **result,
                                            guint          timeout_ms);
void          mr_test_store_result_cb      (GObject       *source,
                                            GAsyncResult  *result,
                                            gpointer       user_data);
/* Spins until @condition (polled) returns TRUE, or fails after @timeout_ms
 * (times the factor) */
void          mr_test_wait_until           (gboolean     (*condition) (gpointer data),
                                            gpointer       data,
                                            guint          timeout_ms);
/* Spins the main context for @ms */
void          mr_test_spin                 (guint          ms);
/* The first @n names "@prefix-0000.com", "@prefix-0001.com", ... that the
 * simulator's catalog has free, so that a quote covers them all */
GStrv         mr_test_free_domains         (const char    *prefix,
                                            guint          n);
/* Reads tests/data/@name */
GBytes       *mr_test_load_fixture         (const char    *name);

G_END_DECLS
