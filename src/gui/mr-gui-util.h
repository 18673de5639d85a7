/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

/* Small helpers shared by several widgets. */

/* Shows @title for a few seconds in the AdwToastOverlay that is @widget or
 * holds it; does nothing outside one. */
void  mr_show_toast (GtkWidget  *widget,
                     const char *title);

/* The rows of the domain pickers (pre-warmed domains, extra accounts): a
 * row naming @domain with a flat button, stored in @buttons, that keeps
 * @domain as its "domain" data and calls @clicked (GtkButton *, @user_data). */
GtkWidget *mr_domain_row_with_add_button (const char *domain,
                                          GPtrArray  *buttons,
                                          GCallback   clicked,
                                          gpointer    user_data);
/* Shows on each of @buttons whether its domain is in @order already. */
void       mr_add_buttons_update         (GPtrArray  *buttons,
                                          MrOrder    *order);
/* Removes every row of @list. */
void       mr_list_box_clear             (GtkListBox *list);

/* What a view of an MrQuoteScheduler shows: its state, its last quote
 * (maybe an older one) and whether that quote is the fresh one. */
typedef struct
{
  MrQuoteState  state;
  MrQuote      *quote;
  gboolean      current;
} MrQuoteView;

/* Fills @view from @scheduler; with no scheduler, idle and no quote. */
void     mr_quote_view_read         (MrQuoteView       *view,
                                     MrQuoteScheduler  *scheduler);
/* Makes *@slot hold @scheduler and calls @changed (@owner) when its state,
 * quote or error changes; forgets what @owner watched before. Returns
 * FALSE when *@slot holds @scheduler already. */
gboolean mr_watch_quote_scheduler   (MrQuoteScheduler **slot,
                                     MrQuoteScheduler  *scheduler,
                                     gpointer           owner,
                                     GCallback          changed);
/* Stops @owner watching *@slot and clears it. */
void     mr_unwatch_quote_scheduler (MrQuoteScheduler **slot,
                                     gpointer           owner);

G_END_DECLS
