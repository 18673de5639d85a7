/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-window.h"

G_BEGIN_DECLS

/* app.demo-prices, app.reset-demo, app.demo-sample(s), app.compare,
 * app.present (F11), app.copy-quote-text, app.copy-quote-markdown,
 * app.export-quote-pdf, app.export-quote-csv */
void          mr_demo_actions_install  (MrApplication   *app);
/* The "Quote" and "Demo" submenus for the window's primary menu */
GMenuModel   *mr_demo_menu_new         (void);

/* @window's latest quote as a sheet, or NULL before the first quote */
MrQuoteSheet *mr_demo_get_window_sheet (MrWindow        *window);
/* Asks every window for a new quote (after the demo prices changed) */
void          mr_demo_requote_all      (GtkApplication  *app);
/* Empties the demo's orders and mailboxes, default prices (no question) */
void          mr_demo_reset            (MrApplication   *app);
/* Replaces @window's order with a sample: "google-5x3", "google-50x5",
 * "microsoft-10x50" or "pre-warmed" (asynchronous: from the inventory) */
void          mr_demo_load_sample      (MrWindow        *window,
                                        const char      *sample);
/* @n_domains domains free in @sim (NULL: not checked), each with
 * @n_mailboxes people */
MrOrder      *mr_demo_make_sample      (MrSimThread     *sim,
                                        MrEmailProvider  provider,
                                        guint            n_domains,
                                        guint            n_mailboxes);

G_END_DECLS
