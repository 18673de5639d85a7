/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-money.h"

G_BEGIN_DECLS

/* mr_money_format() with explicit separators, so tests need no
 * installed locale. @grouping is in localeconv() form ("\3", "\3\2"). */
char *_mr_money_format_full (MrCents     cents,
                             const char *decimal_mark,
                             const char *thousands_sep,
                             const char *grouping);
/* The same, with the dollar sign before or after the number, and
 * separated from it by a no-break space or not. */
char *_mr_money_format_placed (MrCents     cents,
                               const char *decimal_mark,
                               const char *thousands_sep,
                               const char *grouping,
                               gboolean    symbol_first,
                               gboolean    symbol_spaced);

G_END_DECLS
