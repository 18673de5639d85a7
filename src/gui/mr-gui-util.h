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

G_END_DECLS
