/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

/* A quote handed to a customer: an A4 PDF drawn with cairo and pango
 * (title, date, every line, the totals, the discount, the price note and
 * the valid-until date), the CSV of mr_quote_sheet_to_csv(), or the text
 * on the clipboard. */
gboolean mr_quote_export_pdf  (MrQuoteSheet  *sheet,
                               const char    *path,
                               GError       **error);
gboolean mr_quote_export_csv  (MrQuoteSheet  *sheet,
                               const char    *path,
                               GError       **error);
void     mr_quote_export_copy (GtkWidget     *widget,
                               MrQuoteSheet  *sheet,
                               gboolean       markdown);

G_END_DECLS
