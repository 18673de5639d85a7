/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-sim-thread.h"

G_BEGIN_DECLS

/* What the demo keeps between runs, in the app's state directory
 * ($MR_DEMO_STATE_DIR, else $XDG_STATE_HOME/mailroom): the simulator's
 * orders and mailboxes (demo-state.json) and the demo price list
 * (demo-pricing.json, in the simulator's own format). */

/* FALSE when $MR_DEMO_STATE is "memory" (the test suite): nothing is
 * read or written */
gboolean      mr_demo_state_is_kept       (void);
char         *mr_demo_state_get_dir       (void);
/* The price list a fresh demo starts from: $MR_SIM_PRICING, the
 * installed sim-pricing.json, or the built-in defaults. */
MrSimPricing *mr_demo_state_default_pricing (void);
/* Points @sim at the saved orders and prices (creating the directory);
 * on the simulator's thread, before it listens (MrSimThread's setup) */
gboolean      mr_demo_state_attach        (MrSimServer   *sim,
                                           GError       **error);
/* Applies @pricing to @sim and keeps it for the next run */
gboolean      mr_demo_state_set_pricing   (MrSimThread        *sim,
                                           const MrSimPricing *pricing,
                                           GError            **error);
/* Forgets every demo order and mailbox and returns to the default prices */
void          mr_demo_state_reset         (MrSimThread   *sim);

G_END_DECLS
