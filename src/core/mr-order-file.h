/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-order.h"
#include "mr-order-spec.h"

G_BEGIN_DECLS

/* The order file: the API's request body as JSON (what `mailroom-cli
 * quote/place` reads and the window opens and saves). Loading keeps every
 * text as written, even when invalid; errors name the file. */
MrOrder  *mr_order_file_load (const char  *path,
                              GError     **error);
/* The same file as plain structs, with the same errors */
MrOrderSpec *mr_order_file_load_spec (const char  *path,
                                      GError     **error);
/* Written atomically (a temporary file renamed over @path). */
gboolean  mr_order_file_save (MrOrder     *order,
                              const char  *path,
                              GError     **error);

G_END_DECLS
