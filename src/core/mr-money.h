/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money is always integer cents. The API's prices are JSON numbers in
 * dollars; they are converted once, on parsing, and never again touched
 * with floating point arithmetic. */
typedef gint64 MrCents;

gboolean  mr_money_from_double   (double       dollars,
                                  MrCents     *out_cents);
/* "12.5", "-3", "0.10" -> cents; FALSE on anything else (more than 2 decimals too) */
gboolean  mr_money_parse         (const char  *text,
                                  MrCents     *out_cents);
/* Dollars as a JSON-ready double: 1250 -> 12.5 */
double    mr_money_to_double     (MrCents      cents);
/* "$1,234.50" with the locale's grouping, decimal mark and symbol position
 * ("1.234,50 $" in German); negative as "−$3.00" or "−3,00 $" */
char     *mr_money_format        (MrCents      cents);

G_END_DECLS
