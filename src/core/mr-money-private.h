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

G_END_DECLS
