/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The API key in the keyring (libsecret), under the app's own schema
 * "io.github.mailroom.Mailroom.ApiKey" with attribute "server" = base URL.
 * Never written anywhere else. */
void      mr_key_store_lookup_async   (const char          *server,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* NULL and no error when there is no stored key */
char     *mr_key_store_lookup_finish  (GAsyncResult        *result,
                                       GError             **error);
char     *mr_key_store_lookup_sync    (const char          *server,
                                       GCancellable        *cancellable,
                                       GError             **error);
void      mr_key_store_store_async    (const char          *server,
                                       const char          *api_key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  mr_key_store_store_finish   (GAsyncResult        *result,
                                       GError             **error);
void      mr_key_store_clear_async    (const char          *server,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  mr_key_store_clear_finish   (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
