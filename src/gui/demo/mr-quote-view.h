/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

#define MR_QUOTE_VIEW_MIN_ZOOM 0.5
#define MR_QUOTE_VIEW_MAX_ZOOM 3.0

#define MR_TYPE_QUOTE_VIEW (mr_quote_view_get_type ())
G_DECLARE_FINAL_TYPE (MrQuoteView, mr_quote_view, MR, QUOTE_VIEW, GtkWidget)

/* Properties: "sheet" (MrQuoteSheet, may be NULL), "zoom" (0.5-3.0) */
GtkWidget    *mr_quote_view_new       (void);
void          mr_quote_view_set_sheet (MrQuoteView  *self,
                                       MrQuoteSheet *sheet);
MrQuoteSheet *mr_quote_view_get_sheet (MrQuoteView  *self);
void          mr_quote_view_set_zoom  (MrQuoteView  *self,
                                       double        zoom);
double        mr_quote_view_get_zoom  (MrQuoteView  *self);

G_END_DECLS
