/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MR_KEY_STORE_ERROR (mr_key_store_error_quark ())

typedef enum
{
  MR_KEY_STORE_ERROR_UNAVAILABLE, /* no secret service answers (no keyring daemon, no D-Bus) */
  MR_KEY_STORE_ERROR_LOCKED,      /* the keyring stayed locked (unlock prompt dismissed) */
  MR_KEY_STORE_ERROR_FAILED,      /* anything else the keyring reported */
} MrKeyStoreError;

GQuark    mr_key_store_error_quark    (void);

/* The API key in the keyring (libsecret), under the app's own schema
 * "io.github.mailroom.Mailroom.ApiKey" with attribute "server" = base URL.
 * Never written anywhere else. @server NULL means MR_API_DEFAULT_BASE_URL;
 * surrounding spaces and trailing slashes are ignored. Errors are
 * MR_KEY_STORE_ERROR with a sentence a user understands, or
 * G_IO_ERROR_CANCELLED. */
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

/* When no keyring answers, the user may keep a key for this session only:
 * it lives in this process's memory, never on disk, and the lookups above
 * return it before asking the keyring. NULL or "" forgets it. A successful
 * store or clear for the same server forgets it too. */
void      mr_key_store_set_session_key (const char         *server,
                                        const char         *api_key);
gboolean  mr_key_store_has_session_key (const char         *server);

G_END_DECLS
