/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

/* Writes ordered accounts to @file as CSV (see mr-csv.h), grouped as the
 * Mailboxes page shows them. Without @include_passwords it writes
 * @accounts (MrOrderedAccount*); with it, it fetches every account again
 * with its password from @client for this file only, and makes the file
 * private. */
void                  mr_export_accounts_async  (MrApiClient          *client,
                                                 GPtrArray            *accounts,
                                                 GFile                *file,
                                                 gboolean              include_passwords,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean              mr_export_accounts_finish (GAsyncResult         *result,
                                                 GError              **error);

/* A save dialog for a CSV file with an "Include passwords" choice. */
GtkFileChooserNative *mr_export_chooser_new     (GtkWidget            *widget);
/* The file chosen, and whether passwords were asked for. */
GFile                *mr_export_chooser_get_file (GtkFileChooserNative *chooser,
                                                  gboolean             *include_passwords);

G_END_DECLS
