/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's actions on files and on many domains at once: Import CSV,
 * Open, Save As, a pasted table, and bulk setup. */

#define G_LOG_DOMAIN "mr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-window-private.h"
#include "mr-window-files.h"
#include "mr-message-dialog.h"

static void
free_domains_cb (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  g_ptr_array_unref (value);
}

static void
toast (MrWindow   *self,
       const char *title,
       const char *button_label,
       const char *action_name)
{
  AdwToast *toast = adw_toast_new (title);

  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
    }

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static MrOrder *
get_order (MrWindow *self)
{
  return mr_order_session_get_order (self->session);
}

/* what comes next is one step of win.undo of its own */
static void
start_undo_step (MrWindow *self)
{
  mr_order_session_break_undo_group (self->session);
}

static void
report_dialog_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           MrWindow         *self)
{
  if (g_strcmp0 (response, "copy") == 0)
    {
      const char *text = g_object_get_data (G_OBJECT (dialog), "mr-report-text");

      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
    }
}

/* A dialog with a heading, a sentence and a list of what was left out:
 * @rows holds a title and a subtitle for each row, one after the other;
 * @copy_text is what Copy List puts on the clipboard */
static GtkWidget *
build_report (MrWindow   *self,
              const char *heading,
              const char *body,
              GPtrArray  *rows,
              const char *copy_text)
{
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *list;

  dialog = mr_message_dialog_new (GTK_WINDOW (self), heading, body);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  if (copy_text != NULL && *copy_text != '\0')
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "copy", _("_Copy List"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_object_set_data_full (G_OBJECT (dialog), "mr-report-text", g_strdup (copy_text), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (report_dialog_response_cb), self, 0);

  if (rows == NULL || rows->len == 0)
    return dialog;

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);

  for (guint i = 0; i + 1 < rows->len; i += 2)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (rows, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_ptr_array_index (rows, i + 1));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  return dialog;
}

/* one slot per window that the open report's weak pointer clears */
static GtkWindow **
report_slot (MrWindow *self)
{
  GtkWindow **slot = g_object_get_data (G_OBJECT (self), "mr-report-dialog-slot");

  if (slot == NULL)
    {
      slot = g_new0 (GtkWindow *, 1);
      g_object_set_data_full (G_OBJECT (self), "mr-report-dialog-slot", slot, g_free);
    }

  return slot;
}

GtkWindow *
mr_window_get_report_dialog (MrWindow *self)
{
  g_return_val_if_fail (MR_IS_WINDOW (self), NULL);

  return *report_slot (self);
}

static void
show_report_in_slot (MrWindow   *self,
                     const char *heading,
                     const char *body,
                     GPtrArray  *rows,
                     const char *lines)
{
  GtkWindow **slot = report_slot (self);

  if (*slot != NULL)
    {
      GtkWindow *old = *slot;

      g_object_remove_weak_pointer (G_OBJECT (old), (gpointer *) slot);
      *slot = NULL;
      gtk_window_destroy (old);
    }

  *slot = GTK_WINDOW (build_report (self, heading, body, rows, lines));
  g_object_add_weak_pointer (G_OBJECT (*slot), (gpointer *) slot);
  gtk_window_present (*slot);
}

/* The skips as rows, one per person and reason ("Donald Knuth · 20 domains",
 * "Full: …"), and as text, one line each, for the clipboard */
static GPtrArray *
group_skips (MrBulkReport  *report,
             char         **out_text)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < report->skipped->len; i++)
    {
      MrBulkSkip *skip = g_ptr_array_index (report->skipped, i);
      const char *who = skip->who != NULL ? skip->who : skip->what;
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", who, skip->reason);
      GPtrArray *domains = g_hash_table_lookup (groups, key);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: "Jane Doe (acme.com): Already has a mailbox on this domain" */
      g_string_append_printf (text, _("%s: %s"), skip->what, skip->reason);

      if (domains == NULL)
        {
          domains = g_ptr_array_new ();
          g_ptr_array_add (keys, skip);
          g_hash_table_insert (groups, g_steal_pointer (&key), domains);
        }
      if (skip->domain != NULL)
        g_ptr_array_add (domains, skip->domain);
    }

  for (guint i = 0; i < keys->len; i++)
    {
      MrBulkSkip *skip = g_ptr_array_index (keys, i);
      const char *who = skip->who != NULL ? skip->who : skip->what;
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", who, skip->reason);
      GPtrArray *domains = g_hash_table_lookup (groups, key);

      if (domains->len > 1)
        /* Translators: "Donald Knuth · 20 domains" */
        g_ptr_array_add (rows, g_strdup_printf (ngettext ("%s · %u domain", "%s · %u domains",
                                                          domains->len),
                                                who, domains->len));
      else
        g_ptr_array_add (rows, g_strdup (skip->what));
      g_ptr_array_add (rows, g_strdup (skip->reason));
    }

  g_hash_table_foreach (groups, free_domains_cb, NULL);
  *out_text = g_string_free (text, FALSE);

  return rows;
}

/* the bad rows of an import as rows: "Line 4", why */
static GPtrArray *
bad_rows_to_rows (MrCsvReport *report)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < report->bad_rows->len; i++)
    {
      MrCsvBadRow *bad = g_ptr_array_index (report->bad_rows, i);

      /* Translators: a line of an imported file, "Line 4" */
      g_ptr_array_add (rows, g_strdup_printf (_("Line %u"), bad->line));
      g_ptr_array_add (rows, g_strdup (bad->reason));
    }

  return rows;
}

static void
show_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);
  const char *heading = g_object_get_data (G_OBJECT (self), "mr-last-report-heading");
  const char *lines = g_object_get_data (G_OBJECT (self), "mr-last-report-lines");
  GPtrArray *rows = g_object_get_data (G_OBJECT (self), "mr-last-report-rows");

  if (lines != NULL)
    show_report_in_slot (self, heading, NULL, rows, lines);
}

static void
remember_report (MrWindow   *self,
                 const char *heading,
                 GPtrArray  *rows,
                 const char *lines)
{
  g_object_set_data_full (G_OBJECT (self), "mr-last-report-heading", g_strdup (heading), g_free);
  g_object_set_data_full (G_OBJECT (self), "mr-last-report-lines", g_strdup (lines), g_free);
  g_object_set_data_full (G_OBJECT (self), "mr-last-report-rows", g_ptr_array_ref (rows),
                          (GDestroyNotify) g_ptr_array_unref);
}

guint
mr_window_import_csv_text (MrWindow   *self,
                           const char *data,
                           gssize      length,
                           const char *source_name)
{
  g_autoptr(MrCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *domains = NULL;
  g_autofree char *mailboxes = NULL;
  guint n_good;

  g_return_val_if_fail (MR_IS_WINDOW (self), 0);

  start_undo_step (self);
  report = mr_order_csv_import (get_order (self), data, length, &error);
  start_undo_step (self);
  if (report == NULL)
    {
      g_autofree char *heading = NULL;

      /* Translators: "Cannot Import orders.csv" */
      heading = g_strdup_printf (_("Cannot Import %s"), source_name);
      show_report_in_slot (self, heading, error->message, NULL, NULL);
      return 0;
    }

  n_good = report->n_rows - report->bad_rows->len;
  domains = g_strdup_printf (ngettext ("%u new domain", "%u new domains", report->n_domains),
                             report->n_domains);
  mailboxes = g_strdup_printf (ngettext ("%u mailbox", "%u mailboxes", report->n_accounts),
                               report->n_accounts);
  /* Translators: "Imported 12 new domains and 30 mailboxes" */
  title = g_strdup_printf (_("Imported %s and %s"), domains, mailboxes);

  if (report->bad_rows->len > 0)
    {
      g_autofree char *lines = mr_csv_report_format_bad (report);
      g_autoptr(GPtrArray) rows = bad_rows_to_rows (report);
      g_autofree char *heading = NULL;
      g_autofree char *body = NULL;

      heading = g_strdup_printf (ngettext ("%u Row Not Imported", "%u Rows Not Imported",
                                           report->bad_rows->len),
                                 report->bad_rows->len);
      /* Translators: "From orders.csv: Imported 12 new domains and 30 mailboxes. These rows
       * were left out; fix them and import the file again: the rows already in the order
       * are not added twice." */
      body = g_strdup_printf (_("From %s: %s. These rows were left out; fix them and import "
                                "again: rows already in the order are not added twice."),
                              source_name, title);
      remember_report (self, heading, rows, lines);
      show_report_in_slot (self, heading, body, rows, lines);
    }
  else
    {
      toast (self, title, NULL, NULL);
    }

  return n_good;
}

static void
import_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MrWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Cannot Import %s"), name);

      show_report_in_slot (self, heading, error->message, NULL, NULL);
      return;
    }

  mr_window_import_csv_text (self, contents, length, name);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
import_response_cb (GtkNativeDialog *native,
                    int              response,
                    MrWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      g_file_load_contents_async (file, NULL, import_loaded_cb, g_object_ref (self));
    }

  g_object_unref (native);
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Import Domains and Mailboxes"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  add_filter (GTK_FILE_CHOOSER (native), _("Spreadsheets (CSV)"), "text/csv", "*.csv");
  add_filter (GTK_FILE_CHOOSER (native), _("Text Files"), "text/plain", "*.txt");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
import_text_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  mr_window_import_csv_text (MR_WINDOW (widget), g_variant_get_string (param, NULL), -1,
                             _("the pasted text"));
}

gboolean
mr_window_open_order_file (MrWindow *self,
                           GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrOrder) loaded = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  gboolean had_items;

  g_return_val_if_fail (MR_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  name = g_file_get_basename (file);
  loaded = path != NULL ? mr_order_file_load (path, &error) : NULL;
  if (loaded == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Cannot Open %s"), name);

      show_report_in_slot (self, heading,
                           error != NULL ? error->message : _("Only local files can be opened"),
                           NULL, NULL);
      return FALSE;
    }

  had_items = mr_order_get_n_items (get_order (self)) > 0;

  /* one change, undone in one step */
  start_undo_step (self);
  mr_order_begin_batch (get_order (self));
  mr_order_set_order_type (get_order (self), mr_order_get_order_type (loaded));
  mr_order_assign (get_order (self), loaded);
  mr_order_end_batch (get_order (self));
  start_undo_step (self);
  _mr_window_hide_error (self);
  mr_order_session_resume_editing (self->session);
  _mr_window_show_phase (self);

  /* Translators: "Opened order.json: 50 domains" */
  title = g_strdup_printf (ngettext ("Opened %s: %u domain", "Opened %s: %u domains",
                                     mr_order_get_n_items (loaded)),
                           name, mr_order_get_n_items (loaded));
  toast (self, title, had_items ? _("_Undo") : NULL, "win.undo");

  return TRUE;
}

gboolean
mr_window_save_order_file (MrWindow *self,
                           GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (MR_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  name = g_file_get_basename (file);
  if (path == NULL || !mr_order_file_save (get_order (self), path, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Cannot Save %s"), name);

      show_report_in_slot (self, heading,
                           error != NULL ? error->message : _("Only local files can be saved"),
                           NULL, NULL);
      return FALSE;
    }

  /* Translators: "Saved order.json" */
  title = g_strdup_printf (_("Saved %s"), name);
  toast (self, title, NULL, NULL);

  return TRUE;
}

static void
open_response_cb (GtkNativeDialog *native,
                  int              response,
                  MrWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      mr_window_open_order_file (self, file);
    }

  g_object_unref (native);
}

static void
open_order_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Order"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  add_filter (GTK_FILE_CHOOSER (native), _("Order Files"), "application/json", "*.json");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
save_response_cb (GtkNativeDialog *native,
                  int              response,
                  MrWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      mr_window_save_order_file (self, file);
    }

  g_object_unref (native);
}

static void
save_order_as_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Save Order"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  /* Translators: the suggested name of a saved order file */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("order.json"));
  add_filter (GTK_FILE_CHOOSER (native), _("Order Files"), "application/json", "*.json");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* the domains the bulk dialog acts on: those selected, else all */
static GPtrArray *
bulk_targets (MrWindow *self)
{
  g_autoptr(GPtrArray) items = mr_domain_list_get_selected_items (self->domain_list);
  guint n;

  if (items->len > 1)
    return g_steal_pointer (&items);

  g_ptr_array_set_size (items, 0);
  n = mr_order_get_n_items (get_order (self));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, mr_order_get_item (get_order (self), i));

  return g_steal_pointer (&items);
}

static void
bulk_applied_cb (MrBulkDialog *dialog,
                 MrBulkReport *report,
                 MrWindow     *self)
{
  g_autofree char *title = mr_bulk_report_describe (report);

  start_undo_step (self);

  if (report->n_removed > 0)
    {
      toast (self, title, _("_Undo"), "win.undo");
      return;
    }

  if (report->skipped->len > 0)
    {
      g_autofree char *lines = NULL;
      g_autoptr(GPtrArray) rows = group_skips (report, &lines);
      g_autofree char *heading = NULL;

      heading = g_strdup_printf (ngettext ("%u Left Out", "%u Left Out", report->skipped->len),
                                 report->skipped->len);
      remember_report (self, heading, rows, lines);
      toast (self, title, _("_Details"), "win.show-report");
      return;
    }

  toast (self, title, NULL, NULL);
}

static void
bulk_remove_before_cb (MrBulkDialog *dialog,
                       MrWindow     *self)
{
  start_undo_step (self);
}

MrBulkDialog *
mr_window_show_bulk_dialog (MrWindow *self)
{
  g_autoptr(GPtrArray) items = NULL;
  MrBulkDialog *dialog;

  g_return_val_if_fail (MR_IS_WINDOW (self), NULL);

  items = bulk_targets (self);
  start_undo_step (self);
  dialog = mr_bulk_dialog_new (GTK_WINDOW (self), get_order (self), items);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (bulk_applied_cb), self, 0);
  g_signal_connect_object (dialog, "remove-requested", G_CALLBACK (bulk_remove_before_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
bulk_setup_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);

  if (mr_order_get_n_items (get_order (self)) == 0)
    return;

  mr_window_show_bulk_dialog (self);
}

static void
select_all_domains_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  MrWindow *self = MR_WINDOW (widget);

  mr_domain_list_select_all (self->domain_list);
}

void
_mr_window_class_init_files (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.select-all-domains", NULL,
                                   select_all_domains_action);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.import-text", "s", import_text_action);
  gtk_widget_class_install_action (widget_class, "win.open-order", NULL, open_order_action);
  gtk_widget_class_install_action (widget_class, "win.save-order-as", NULL, save_order_as_action);
  gtk_widget_class_install_action (widget_class, "win.bulk-setup", NULL, bulk_setup_action);
  gtk_widget_class_install_action (widget_class, "win.show-report", NULL, show_report_action);
}
