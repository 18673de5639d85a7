/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-draft-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mr-draft-store.h"
#include "mr-json.h"

/* The rename is only durable once the folder's entry is on disk too */
static void
sync_folder (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;

  if (fsync (fd) != 0)
    g_debug ("Could not sync %s: %s", dir, g_strerror (errno));
  close (fd);
}

/* g_file_set_contents_full() writes "draft.json.XXXXXX" next to the draft
 * (six letters or digits); one killed mid-write stays behind, holding
 * names. */
static gboolean
is_temporary_copy (const char *name,
                   const char *base)
{
  gsize base_len = strlen (base);
  const char *suffix;

  if (strncmp (name, base, base_len) != 0 || name[base_len] != '.')
    return FALSE;

  suffix = name + base_len + 1;
  if (strlen (suffix) != 6)
    return FALSE;

  for (guint i = 0; i < 6; i++)
    {
      if (!g_ascii_isalnum (suffix[i]))
        return FALSE;
    }

  return TRUE;
}

guint
mr_draft_store_remove_leftovers (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDir) folder = NULL;
  const char *name;
  guint n_removed = 0;

  g_return_val_if_fail (path != NULL, 0);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  folder = g_dir_open (dir, 0, NULL);
  if (folder == NULL)
    return 0;

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *file = NULL;

      if (!is_temporary_copy (name, base))
        continue;

      file = g_build_filename (dir, name, NULL);
      if (g_unlink (file) == 0)
        n_removed++;
      else
        g_debug ("Could not remove %s: %s", file, g_strerror (errno));
    }

  if (n_removed > 0)
    sync_folder (dir);

  return n_removed;
}

gboolean
mr_draft_store_write (const char  *path,
                      GBytes      *contents,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder for drafts “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  data = g_bytes_get_data (contents, &length);

  /* g_file_set_contents_full() writes a temporary file, syncs it and
   * renames it over the old draft: a crash leaves one or the other. */
  if (!g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT
                                 | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    return FALSE;

  sync_folder (dir);
  return TRUE;
}

GBytes *
mr_draft_store_serialize (MrOrder *order)
{
  char *json;

  g_return_val_if_fail (MR_IS_ORDER (order), NULL);

  json = mr_json_order_draft (order);

  return g_bytes_new_take (json, strlen (json));
}

gboolean
mr_draft_store_save (MrOrder     *order,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (MR_IS_ORDER (order), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  contents = mr_draft_store_serialize (order);

  return mr_draft_store_write (path, contents, error);
}

MrOrder *
mr_draft_store_load (const char  *path,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;
  MrOrder *order;

  g_return_val_if_fail (path != NULL, NULL);

  /* loading is what a start does: what a killed save left goes now */
  mr_draft_store_remove_leftovers (path);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("There is no saved draft"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  bytes = g_bytes_new_take (contents, length);
  order = mr_json_parse_order_request (bytes, &local_error);
  if (order == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The saved draft “%s” could not be read: %s"),
                   path, local_error->message);
      return NULL;
    }

  return order;
}

char *
mr_draft_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "mailroom", "draft.json", NULL);
}
