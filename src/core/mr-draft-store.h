/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-order.h"

G_BEGIN_DECLS

/* Drafts are order files (the API's request body plus order_type) written
 * atomically: a crash leaves the old draft or the new one, never half. */
gboolean  mr_draft_store_save          (MrOrder     *order,
                                        const char  *path,
                                        GError     **error);
/* the draft's bytes: a snapshot of @order as it is now */
GBytes   *mr_draft_store_serialize     (MrOrder     *order);
/* Writes @contents (from mr_draft_store_serialize()) atomically and
 * durably. Touches no object: any thread may call it. */
gboolean  mr_draft_store_write         (const char  *path,
                                        GBytes      *contents,
                                        GError     **error);
/* NULL with G_IO_ERROR_NOT_FOUND when there is no draft. First removes
 * the temporary copies a save killed mid-write left behind. */
MrOrder  *mr_draft_store_load          (const char  *path,
                                        GError     **error);
/* Removes "@path.XXXXXX" temporary copies; returns how many */
guint     mr_draft_store_remove_leftovers (const char *path);
/* $XDG_DATA_HOME/mailroom/draft.json */
char     *mr_draft_store_default_path  (void);

G_END_DECLS
