/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-order-file"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mr-json.h"
#include "mr-order-file.h"

typedef gpointer (*ParseFunc) (GBytes  *bytes,
                               GError **error);

/* @parse on the file's bytes, its errors saying which file */
static gpointer
load (const char  *path,
      ParseFunc    parse,
      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gpointer result;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot read the order file: %s"), local_error->message);
      return NULL;
    }

  bytes = g_bytes_new_take (contents, length);
  result = parse (bytes, &local_error);
  if (result == NULL)
    {
      /* not MR_API_ERROR: the file is the user's, not Instantly's reply */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* TRANSLATORS: a file name and what is wrong with it */
                   _("%s is not a valid order file: %s"), path, local_error->message);
      return NULL;
    }

  return result;
}

MrOrder *
mr_order_file_load (const char  *path,
                    GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return load (path, (ParseFunc) mr_json_parse_order_request, error);
}

MrOrderSpec *
mr_order_file_load_spec (const char  *path,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return load (path, (ParseFunc) mr_json_parse_order_spec, error);
}

gboolean
mr_order_file_save (MrOrder     *order,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (MR_IS_ORDER (order), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  json = mr_json_order_draft (order);

  if (!g_file_set_contents_full (path, json, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot save the order file: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}
