/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-quote.h"
#include "mr-quote-sheet.h"

G_BEGIN_DECLS

/* What the thread that parsed a quote works out ahead, so that the main
 * thread does not when the quote reaches it: the quote's problems (as
 * mr_quote_collect_problems() finds them) and its lines as a quote sheet
 * of a DFY order shows them (see mr_quote_sheet_new()). A reply of 1,000
 * domains names up to a thousand problems and two thousand lines.
 *
 * Called once, by the thread that made @self, before it hands @self on
 * (GTask's return is the hand-over); never on a quote another thread
 * may read. */
void       _mr_quote_prepare        (MrQuote *self);
/* The problems prepared for @self, taken: the caller owns them and may
 * change them (NULL when none were prepared, or they were taken). For
 * the one owner of the quote's problems, on the thread that has @self. */
GPtrArray *_mr_quote_take_problems  (MrQuote *self);

/* mr-quote-sheet.c: the sheet of @quote for @order_type, made now, that
 * does not keep @quote (its quote is NULL): what _mr_quote_prepare()
 * keeps in the quote and mr_quote_sheet_new() shares */
MrQuoteSheet *_mr_quote_sheet_new_detached (MrQuote     *quote,
                                            MrOrderType  order_type);

G_END_DECLS
