/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mr-key-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "mr-api-client.h"
#include "mr-key-store.h"

G_DEFINE_QUARK (mr-key-store-error-quark, mr_key_store_error)

static GMutex session_keys_lock;
static GHashTable *session_keys;

static const SecretSchema *
mr_key_store_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.mailroom.Mailroom.ApiKey",
    SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* The same server must give the same attribute whoever asks (the app
 * with its GSettings value, the CLI with its default). */
static char *
normalize_server (const char *server)
{
  g_autofree char *copy = NULL;
  gsize len;

  if (server == NULL)
    server = MR_API_DEFAULT_BASE_URL;

  copy = g_strstrip (g_strdup (server));
  len = strlen (copy);
  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  if (len == 0)
    return g_strdup (MR_API_DEFAULT_BASE_URL);

  return g_steal_pointer (&copy);
}

static void
wipe_and_free (gpointer data)
{
  char *str = data;

  if (str == NULL)
    return;

  /* volatile so the compiler keeps the wipe of memory about to be freed */
  for (volatile char *p = str; *p != '\0'; p++)
    *p = '\0';
  g_free (str);
}

static char *
dup_session_key (const char *normalized)
{
  char *ret = NULL;

  g_mutex_lock (&session_keys_lock);
  if (session_keys != NULL)
    ret = g_strdup (g_hash_table_lookup (session_keys, normalized));
  g_mutex_unlock (&session_keys_lock);

  return ret;
}

static void
forget_session_key (const char *normalized)
{
  g_mutex_lock (&session_keys_lock);
  if (session_keys != NULL)
    g_hash_table_remove (session_keys, normalized);
  g_mutex_unlock (&session_keys_lock);
}

/* Turns whatever libsecret (or D-Bus below it) reported into a
 * MR_KEY_STORE_ERROR with a sentence; cancellation stays as it is so that
 * callers can return quietly. */
static GError *
translate_error (GError *error)
{
  GError *ret;

  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  /* the D-Bus wording ("org.freedesktop.secrets was not provided by any
   * .service files") means nothing to a user: it goes to the debug log */
  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR)
    {
      g_debug ("No secret service: %s", error->message);
      ret = g_error_new_literal (MR_KEY_STORE_ERROR, MR_KEY_STORE_ERROR_UNAVAILABLE,
                                 _("No keyring is running, so the API key cannot be "
                                   "kept safely. Start GNOME Keyring or another "
                                   "password keeper and try again."));
    }
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    ret = g_error_new_literal (MR_KEY_STORE_ERROR, MR_KEY_STORE_ERROR_LOCKED,
                               _("The keyring is locked. Unlock it and try again."));
  else
    ret = g_error_new (MR_KEY_STORE_ERROR, MR_KEY_STORE_ERROR_FAILED,
                       _("The keyring could not be used: %s"),
                       error->message);

  g_error_free (error);

  return ret;
}

static GError *
not_unlocked_error (void)
{
  return g_error_new_literal (MR_KEY_STORE_ERROR, MR_KEY_STORE_ERROR_LOCKED,
                              _("The keyring was not unlocked, so the API key "
                                "was not saved."));
}

/* A stored key that could not be sent (edited by another tool, or stored
 * before keys were checked) is an error, never sent. Frees *key then. */
static gboolean
check_stored_key (char   **key,
                  GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (*key == NULL || mr_api_key_check (*key, &local_error))
    return TRUE;

  wipe_and_free (g_steal_pointer (key));
  g_set_error (error, MR_KEY_STORE_ERROR, MR_KEY_STORE_ERROR_FAILED,
               _("The API key in the keyring cannot be used: %s Enter it again in Preferences."),
               local_error->message);
  return FALSE;
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, translate_error (g_steal_pointer (&error)));
      return;
    }

  if (!check_stored_key (&password, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, password, wipe_and_free);
}

void
mr_key_store_lookup_async (const char          *server,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *normalized = NULL;
  char *session_key;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_key_store_lookup_async);

  normalized = normalize_server (server);
  session_key = dup_session_key (normalized);
  if (session_key != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!check_stored_key (&session_key, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, session_key, wipe_and_free);
      return;
    }

  secret_password_lookup (mr_key_store_get_schema (),
                          cancellable,
                          lookup_cb,
                          g_steal_pointer (&task),
                          "server", normalized,
                          NULL);
}

char *
mr_key_store_lookup_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mr_key_store_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
mr_key_store_lookup_sync (const char    *server,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GError) local_error = NULL;
  char *ret;

  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  normalized = normalize_server (server);
  ret = dup_session_key (normalized);
  if (ret != NULL)
    return check_stored_key (&ret, error) ? ret : NULL;

  ret = secret_password_lookup_sync (mr_key_store_get_schema (),
                                     cancellable,
                                     &local_error,
                                     "server", normalized,
                                     NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, translate_error (g_steal_pointer (&local_error)));
      return NULL;
    }

  if (!check_stored_key (&ret, error))
    return NULL;

  return ret;
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      if (error != NULL)
        g_task_return_error (task, translate_error (g_steal_pointer (&error)));
      else
        g_task_return_error (task, not_unlocked_error ());
      return;
    }

  forget_session_key (g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
}

void
mr_key_store_store_async (const char          *server,
                          const char          *api_key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (api_key != NULL && *api_key != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  normalized = normalize_server (server);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_key_store_store_async);
  g_task_set_task_data (task, g_strdup (normalized), g_free);

  /* what cannot be sent is not kept either */
  if (!mr_api_key_check (api_key, &error))
    {
      g_task_return_new_error (task, MR_KEY_STORE_ERROR, MR_KEY_STORE_ERROR_FAILED,
                               "%s", error->message);
      return;
    }

  /* TRANSLATORS: the label of the item in the keyring; %s is the server URL */
  label = g_strdup_printf (_("Mailroom API key (%s)"), normalized);

  secret_password_store (mr_key_store_get_schema (),
                         SECRET_COLLECTION_DEFAULT,
                         label,
                         api_key,
                         cancellable,
                         store_cb,
                         g_steal_pointer (&task),
                         "server", normalized,
                         NULL);
}

gboolean
mr_key_store_store_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mr_key_store_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error only means there was nothing to remove */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      GError *translated = translate_error (g_steal_pointer (&error));

      /* Where no keyring answers, no key can be stored in one either */
      if (g_error_matches (translated, MR_KEY_STORE_ERROR, MR_KEY_STORE_ERROR_UNAVAILABLE))
        {
          g_error_free (translated);
          g_task_return_boolean (task, TRUE);
          return;
        }

      g_task_return_error (task, translated);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
mr_key_store_clear_async (const char          *server,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *normalized = NULL;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_key_store_clear_async);

  normalized = normalize_server (server);
  forget_session_key (normalized);

  secret_password_clear (mr_key_store_get_schema (),
                         cancellable,
                         clear_cb,
                         g_steal_pointer (&task),
                         "server", normalized,
                         NULL);
}

gboolean
mr_key_store_clear_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mr_key_store_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mr_key_store_set_session_key (const char *server,
                              const char *api_key)
{
  g_autofree char *normalized = normalize_server (server);

  if (api_key == NULL || *api_key == '\0')
    {
      forget_session_key (normalized);
      return;
    }

  g_mutex_lock (&session_keys_lock);
  if (session_keys == NULL)
    session_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_and_free);
  g_hash_table_replace (session_keys, g_steal_pointer (&normalized), g_strdup (api_key));
  g_mutex_unlock (&session_keys_lock);
}

gboolean
mr_key_store_has_session_key (const char *server)
{
  g_autofree char *normalized = normalize_server (server);
  gboolean ret = FALSE;

  g_mutex_lock (&session_keys_lock);
  if (session_keys != NULL)
    ret = g_hash_table_contains (session_keys, normalized);
  g_mutex_unlock (&session_keys_lock);

  return ret;
}
