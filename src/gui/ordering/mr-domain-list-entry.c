/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The domain list's add entry: what a typed domain would be (checked as
 * it is typed), and domains typed or pasted going into the order as one
 * step of its undo. */

#define G_LOG_DOMAIN "mr-domain-list"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-domain-list-private.h"
#include "mr-gui-util.h"

#define PREVIEW_DELAY_MS 300

static void
set_preview (MrDomainList *self,
             const char   *icon_name,
             const char   *css_class,
             const char   *text)
{
  const char *classes[] = { "success", "warning", "error", "dim-label" };

  gtk_widget_set_visible (self->preview_box, text != NULL);
  if (text == NULL)
    return;

  gtk_image_set_from_icon_name (self->preview_icon, icon_name);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->preview_icon), classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->preview_icon), css_class);
  gtk_label_set_label (self->preview_label, text);
}

void
_mr_domain_list_update_preview (MrDomainList *self)
{
  g_autofree char *text = NULL;
  const char *detail = NULL;
  MrDomainStatus status;

  if (self->preview_domain == NULL || self->checker == NULL)
    {
      set_preview (self, NULL, NULL, NULL);
      return;
    }

  status = mr_domain_checker_lookup (self->checker, self->preview_domain, &detail);

  switch (status)
    {
    case MR_DOMAIN_STATUS_UNKNOWN:
    case MR_DOMAIN_STATUS_CHECKING:
      text = g_strdup_printf (_("Checking %s…"), self->preview_domain);
      set_preview (self, "content-loading-symbolic", "dim-label", text);
      break;

    case MR_DOMAIN_STATUS_AVAILABLE:
      text = g_strdup_printf (_("%s is available. Press Enter to add it."), self->preview_domain);
      set_preview (self, "object-select-symbolic", "success", text);
      break;

    case MR_DOMAIN_STATUS_UNAVAILABLE:
      text = g_strdup_printf (_("%s is taken"), self->preview_domain);
      set_preview (self, "dialog-error-symbolic", "error", text);
      break;

    case MR_DOMAIN_STATUS_RESTRICTED:
      if (detail != NULL)
        text = g_strdup_printf (_("%s is restricted: it contains “%s”"), self->preview_domain, detail);
      else
        text = g_strdup_printf (_("%s is restricted"), self->preview_domain);
      set_preview (self, "dialog-warning-symbolic", "warning", text);
      break;

    case MR_DOMAIN_STATUS_INVALID:
      text = g_strdup_printf (_("Invalid: %s"), detail ? detail : self->preview_domain);
      set_preview (self, "dialog-error-symbolic", "error", text);
      break;

    case MR_DOMAIN_STATUS_ERROR:
      text = g_strdup_printf (_("Could not check %s: %s"), self->preview_domain,
                              detail ? detail : _("unknown error"));
      set_preview (self, "network-error-symbolic", "warning", text);
      break;

    default:
      set_preview (self, NULL, NULL, NULL);
      break;
    }
}

static gboolean
preview_timeout_cb (gpointer data)
{
  MrDomainList *self = data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *normalized = NULL;
  const char *text;

  self->preview_id = 0;
  g_clear_pointer (&self->preview_domain, g_free);

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  parts = mr_domain_name_split_list (text);

  if (parts == NULL || parts[0] == NULL || parts[1] != NULL || self->checker == NULL)
    {
      if (parts != NULL && parts[0] != NULL && parts[1] != NULL)
        {
          g_autofree char *msg = NULL;
          guint n = g_strv_length (parts);

          msg = g_strdup_printf (ngettext ("%u domain. Press Enter to add it.",
                                           "%u domains. Press Enter to add them.", n), n);
          set_preview (self, "list-add-symbolic", "dim-label", msg);
        }
      else
        set_preview (self, NULL, NULL, NULL);
      return G_SOURCE_REMOVE;
    }

  normalized = mr_domain_name_normalize_dfy (parts[0], &error);
  if (normalized == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Invalid: %s"), error->message);

      set_preview (self, "dialog-error-symbolic", "error", msg);
      return G_SOURCE_REMOVE;
    }

  self->preview_domain = g_steal_pointer (&normalized);
  mr_domain_checker_request (self->checker, self->preview_domain);
  _mr_domain_list_update_preview (self);

  return G_SOURCE_REMOVE;
}

/* What was typed or pasted goes into the order: the entry is emptied and
 * keeps no undo of its own, so that Ctrl+Z undoes the order's edit instead
 * of putting the text back (mr-window-actions.c). */
static void
clear_entry (MrDomainList *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  mr_text_forget_undo (GTK_WIDGET (self->entry));
}

/* its own step of the order's undo, even right after another edit */
static void
add_text_as_step (MrDomainList *self,
                  const char   *text)
{
  if (self->session != NULL)
    mr_order_session_break_undo_group (self->session);
  mr_domain_list_add_text (self, text);
}

/* A pasted table of domains and mailboxes is imported, a pasted list with
 * line breaks is added at once; the entry is left empty. */
static void
take_pasted_text (MrDomainList *self,
                  const char   *text)
{
  clear_entry (self);

  /* a table has a separator: a plain list of 1,000 domains is not read
   * as records first (1.5 ms of the paste's frame) */
  if (strpbrk (text, ",;\t") != NULL && mr_order_csv_looks_like_table (text))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.import-text", "s", text);
  else
    add_text_as_step (self, text);
}

/* Text with line breaks never goes into the entry's buffer: the entry
 * would shape and lay out the whole paste (80M instructions for 1,000
 * domains, more than adding them) only for it to be cleared. What the
 * entry would then hold is taken as it is. */
static void
entry_insert_text_cb (GtkEditable  *delegate,
                      const char   *text,
                      int           length,
                      int          *position,
                      MrDomainList *self)
{
  const char *current;
  g_autoptr(GString) whole = NULL;
  gsize at;

  if (length < 0)
    length = strlen (text);
  if (memchr (text, '\n', length) == NULL)
    return;

  current = gtk_editable_get_text (delegate);
  at = g_utf8_offset_to_pointer (current, MAX (*position, 0)) - current;
  at = MIN (at, strlen (current));
  whole = g_string_new_len (current, at);
  g_string_append_len (whole, text, length);
  g_string_append (whole, current + at);

  g_signal_stop_emission_by_name (delegate, "insert-text");
  take_pasted_text (self, whole->str);
}

static void
entry_changed_cb (MrDomainList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  gboolean has_text = text != NULL && *text != '\0';

  gtk_widget_set_sensitive (self->add_button, has_text);
  g_clear_handle_id (&self->preview_id, g_source_remove);

  if (strchr (text, '\n') != NULL)
    {
      g_autofree char *pasted = g_strdup (text);

      take_pasted_text (self, pasted);
      return;
    }

  if (!has_text || !mr_domain_list_get_check_availability (self))
    {
      g_clear_pointer (&self->preview_domain, g_free);
      set_preview (self, NULL, NULL, NULL);
      return;
    }

  self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
}

static void
entry_activate_cb (MrDomainList *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  if (text == NULL || *text == '\0')
    return;

  /* emptied first: nothing the add sets off finds the text again */
  clear_entry (self);
  add_text_as_step (self, text);
  /* what is typed next (a mailbox for it) is a step of its own too; a
   * paste leaves it to the snapshot a second later, off its frame */
  if (self->session != NULL)
    mr_order_session_break_undo_group (self->session);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

void
mr_domain_list_focus_entry (MrDomainList *self)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  if (gtk_widget_get_visible (self->entry_box))
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

guint
mr_domain_list_add_text (MrDomainList *self,
                         const char   *text)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) seen = NULL;
  guint n_skipped = 0;
  guint first;
  gboolean on_screen;

  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), 0);

  if (self->order == NULL || text == NULL)
    return 0;

  parts = mr_domain_name_split_list (text);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  /* the domains in the order and those pasted, by the items' own keys
   * (worked out once a name and kept for the checks): no search of the
   * order for each pasted name */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < mr_order_get_n_items (self->order); i++)
    g_hash_table_add (seen, (gpointer) mr_order_item_get_domain_key (mr_order_get_item (self->order, i)));

  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    {
      g_autoptr(MrOrderItem) item = mr_order_item_new (parts[i]);
      const char *key = mr_order_item_get_domain_key (item);

      if (g_hash_table_contains (seen, key))
        {
          n_skipped++;
          continue;
        }

      g_hash_table_add (seen, (gpointer) key);
      g_ptr_array_add (items, g_steal_pointer (&item));
    }

  /* nothing dropped in silence */
  if (n_skipped > 0)
    _mr_domain_list_emit_domains_skipped (self, n_skipped);

  if (items->len == 0)
    return 0;

  /* A list not on screen yet (the order was empty) cannot scroll: it
   * has no size. It shows its start, and the paste from there. */
  on_screen = gtk_widget_get_mapped (GTK_WIDGET (self->list_view));
  first = mr_order_get_n_items (self->order);
  mr_order_append_items (self->order, (MrOrderItem **) items->pdata, items->len);

  /* the checker batches these; rows further down ask again when shown */
  for (guint i = 0; i < items->len && i < 50 && self->checker != NULL &&
                    mr_domain_list_get_check_availability (self); i++)
    mr_domain_checker_request (self->checker,
                               mr_order_item_get_domain_key (g_ptr_array_index (items, i)));

  _mr_domain_list_select_position (self, first + items->len - 1, on_screen);

  return items->len;
}

void
_mr_domain_list_class_init_entry (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
}

void
_mr_domain_list_init_entry (MrDomainList *self)
{
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)), "insert-text",
                           G_CALLBACK (entry_insert_text_cb), self, 0);
}
