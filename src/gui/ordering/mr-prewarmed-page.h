/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_TYPE_PREWARMED_PAGE (mr_prewarmed_page_get_type ())
G_DECLARE_FINAL_TYPE (MrPrewarmedPage, mr_prewarmed_page, MR, PREWARMED_PAGE, GtkWidget)

/* Browse and search the pre-warmed inventory (.com/.org/.co filters) and
 * add domains from it to the order. */
GtkWidget *mr_prewarmed_page_new        (void);
void       mr_prewarmed_page_set_client (MrPrewarmedPage *self,
                                         MrApiClient     *client);
void       mr_prewarmed_page_set_order  (MrPrewarmedPage *self,
                                         MrOrder         *order);
void       mr_prewarmed_page_reload     (MrPrewarmedPage *self);
/* domains shown now, 0 while loading (for tests) */
guint      mr_prewarmed_page_get_n_results (MrPrewarmedPage *self);

G_END_DECLS
