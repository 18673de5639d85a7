/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mr-csv.h"
#include "mr-export.h"
#include "mr-orders-model.h"

typedef struct
{
  MrApiClient *client;
  GFile       *file;
  gboolean     include_passwords;
  MrPager     *pager;
  guint        generation;
  GPtrArray   *accounts;   /* MrOrderedAccount*, owned, fetched with passwords */
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->client);
  g_clear_object (&data->file);
  g_clear_pointer (&data->pager, mr_pager_free);
  g_clear_pointer (&data->accounts, mr_ordered_accounts_free);
  g_free (data);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static GPtrArray *
flatten_groups (GPtrArray *groups)
{
  GPtrArray *flat = g_ptr_array_new ();

  for (guint i = 0; i < groups->len; i++)
    {
      MrAccountGroup *group = g_ptr_array_index (groups, i);

      for (guint j = 0; j < group->accounts->len; j++)
        g_ptr_array_add (flat, g_ptr_array_index (group->accounts, j));
    }

  return flat;
}

static void
write_accounts (GTask     *task,
                GPtrArray *accounts)
{
  ExportData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) groups = mr_account_groups_build (accounts);
  g_autoptr(GPtrArray) flat = flatten_groups (groups);
  g_autoptr(GBytes) bytes = NULL;
  GFileCreateFlags flags = G_FILE_CREATE_REPLACE_DESTINATION;
  char *csv;

  csv = mr_csv_format_accounts (flat, data->include_passwords);
  bytes = g_bytes_new_take (csv, strlen (csv));

  if (data->include_passwords)
    flags |= G_FILE_CREATE_PRIVATE;

  g_file_replace_contents_bytes_async (data->file, bytes, NULL, FALSE, flags,
                                       g_task_get_cancellable (task),
                                       written_cb, task);
}

static void fetch_page (GTask *task);

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  g_autoptr(MrPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = mr_api_client_list_accounts_finish (MR_API_CLIENT (source), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mr_pager_finish (data->pager, data->generation, page);
  mr_pager_collect_accounts (data->pager, page, data->accounts);

  if (mr_pager_is_done (data->pager))
    write_accounts (g_steal_pointer (&task), data->accounts);
  else
    fetch_page (g_steal_pointer (&task));
}

static void
fetch_page (GTask *task)
{
  ExportData *data = g_task_get_task_data (task);
  const char *cursor = NULL;

  data->generation = mr_pager_begin (data->pager, &cursor);
  mr_api_client_list_accounts_async (data->client, 100, cursor, TRUE,
                                     g_task_get_cancellable (task),
                                     page_cb, task);
}

void
mr_export_accounts_async (MrApiClient         *client,
                          GPtrArray           *accounts,
                          GFile               *file,
                          gboolean             include_passwords,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (include_passwords ? MR_IS_API_CLIENT (client) : accounts != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_export_accounts_async);

  data = g_new0 (ExportData, 1);
  data->file = g_object_ref (file);
  data->include_passwords = include_passwords;
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  if (!include_passwords)
    {
      write_accounts (g_steal_pointer (&task), accounts);
      return;
    }

  data->client = g_object_ref (client);
  data->pager = mr_pager_new ();
  data->accounts = mr_ordered_accounts_new ();
  fetch_page (g_steal_pointer (&task));
}

gboolean
mr_export_accounts_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mr_export_accounts_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GtkFileChooserNative *
mr_export_chooser_new (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) csv_filter = NULL;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Mailboxes"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  csv_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (csv_filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv_filter, "text/csv");
  gtk_file_filter_add_suffix (csv_filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv_filter);

  /* Translators: the file name suggested for an export */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("mailboxes.csv"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "include-passwords",
                               _("Include passwords"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "include-passwords", "false");

  return chooser;
}

GFile *
mr_export_chooser_get_file (GtkFileChooserNative *chooser,
                            gboolean             *include_passwords)
{
  const char *choice;

  g_return_val_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser), NULL);

  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "include-passwords");
  if (include_passwords != NULL)
    *include_passwords = g_strcmp0 (choice, "true") == 0;

  return gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
}
