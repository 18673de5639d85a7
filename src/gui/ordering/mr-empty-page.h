/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MR_TYPE_EMPTY_PAGE (mr_empty_page_get_type ())
G_DECLARE_FINAL_TYPE (MrEmptyPage, mr_empty_page, MR, EMPTY_PAGE, GtkWidget)

/* An empty state: an icon, a title and a description, centred, looking
 * exactly like an AdwStatusPage (the same CSS nodes and style classes, so
 * "compact" and the dark and high-contrast styles apply as they do there).
 *
 * Why not AdwStatusPage itself: on GTK 4.8 its boxes are centred with
 * valign, and GTK then measures each box's width for its height, which for
 * a vertical box of wrapping labels is a search over widths that lays the
 * labels out again at each step. The window's three empty pages laid their
 * labels out some 70 times each before the first frame. Here the box is
 * centred by its own layout, which measures only heights for widths.
 *
 * With libadwaita newer than 1.2 (whose status page is built and styled
 * differently) the page holds a stock AdwStatusPage instead. */
GtkWidget  *mr_empty_page_new             (void);
const char *mr_empty_page_get_icon_name   (MrEmptyPage *self);
void        mr_empty_page_set_icon_name   (MrEmptyPage *self,
                                           const char  *icon_name);
const char *mr_empty_page_get_title       (MrEmptyPage *self);
void        mr_empty_page_set_title       (MrEmptyPage *self,
                                           const char  *title);
const char *mr_empty_page_get_description (MrEmptyPage *self);
void        mr_empty_page_set_description (MrEmptyPage *self,
                                           const char  *description);

G_END_DECLS
