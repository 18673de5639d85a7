/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-gui-util"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-gui-util.h"

void
mr_show_toast (GtkWidget  *widget,
               const char *title)
{
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  mr_announce (widget, title);
}

#if !GTK_CHECK_VERSION (4, 14, 0)
/* GTK 4.8 cannot announce: a screen reader reads a change of the focused
 * element's description instead. The words are said once; left there they
 * would be read again as what the element is ("View in Orders, Order
 * Placed"), so the element gets its own description back when the focus
 * leaves it, when it is hidden, or after ANNOUNCE_KEEP_S at the latest. */
#define ANNOUNCE_KEY    "mr-announce"
#define ANNOUNCE_KEEP_S 10

typedef struct
{
  GtkWidget *widget;       /* not owned: the data lives on it */
  char      *own;          /* its own description; NULL when it had none */
  guint      timeout_id;
} Announcement;

static void
announcement_free (gpointer data)
{
  Announcement *announcement = data;

  g_clear_handle_id (&announcement->timeout_id, g_source_remove);
  g_free (announcement->own);
  g_free (announcement);
}

static void announcement_focus_cb (GtkWidget *widget);
static void announcement_forget   (GtkWidget *widget);

/* Gives @widget its own description back. Not read again here: while the
 * widget is being destroyed GTK 4.8 has no accessible for it to read from */
static void
announcement_restore (GtkWidget *widget)
{
  Announcement *announcement = g_object_get_data (G_OBJECT (widget), ANNOUNCE_KEY);

  if (announcement == NULL)
    return;

  if (announcement->own != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, announcement->own,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  /* frees @announcement */
  announcement_forget (widget);
}

/* going away: its accessible is gone already, nothing to give back */
static void
announcement_forget (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (widget, announcement_focus_cb, NULL);
  g_signal_handlers_disconnect_by_func (widget, announcement_restore, NULL);
  g_signal_handlers_disconnect_by_func (widget, announcement_forget, NULL);
  g_object_set_data (G_OBJECT (widget), ANNOUNCE_KEY, NULL);
}

static void
announcement_focus_cb (GtkWidget *widget)
{
  if (!gtk_widget_has_focus (widget))
    announcement_restore (widget);
}

static gboolean
announcement_timeout_cb (gpointer data)
{
  Announcement *announcement = data;

  announcement->timeout_id = 0;
  announcement_restore (announcement->widget);

  return G_SOURCE_REMOVE;
}

static void
announce_by_description (GtkWidget  *widget,
                         const char *message)
{
  Announcement *announcement = g_object_get_data (G_OBJECT (widget), ANNOUNCE_KEY);

  if (announcement == NULL)
    {
      announcement = g_new0 (Announcement, 1);
      announcement->widget = widget;
      /* GTK 4.8 has no getter for an accessible property but this one:
       * it returns the value when it differs from the one given */
      if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                            GTK_ACCESSIBLE_PROPERTY_DESCRIPTION))
        {
          announcement->own = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                  "");
          if (announcement->own == NULL)
            announcement->own = g_strdup ("");
        }
      g_object_set_data_full (G_OBJECT (widget), ANNOUNCE_KEY, announcement, announcement_free);
      g_signal_connect (widget, "notify::has-focus", G_CALLBACK (announcement_focus_cb), NULL);
      g_signal_connect (widget, "unmap", G_CALLBACK (announcement_restore), NULL);
      g_signal_connect (widget, "destroy", G_CALLBACK (announcement_forget), NULL);
    }

  g_clear_handle_id (&announcement->timeout_id, g_source_remove);
  announcement->timeout_id = g_timeout_add_seconds (ANNOUNCE_KEEP_S, announcement_timeout_cb,
                                                    announcement);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}
#endif

void
mr_announce (GtkWidget  *widget,
             const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

#if GTK_CHECK_VERSION (4, 14, 0)
  /* newer than GDK_VERSION_MAX_ALLOWED on purpose, and checked above */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_accessible_announce (GTK_ACCESSIBLE (widget), message,
                           GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    GtkRoot *root = gtk_widget_get_root (widget);
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

    /* with accessibility turned off GTK 4.8 makes no accessible to
     * describe, and nobody listens */
    if (g_strcmp0 (g_getenv ("GTK_A11Y"), "none") == 0)
      return;

    announce_by_description (focus != NULL ? focus : widget, message);
  }
#endif
}

GtkWidget *
mr_domain_row_with_add_button (const char *domain,
                               GPtrArray  *buttons,
                               GCallback   clicked,
                               gpointer    user_data)
{
  GtkWidget *row;
  GtkWidget *button;

  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (buttons != NULL, NULL);

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", domain,
                      "use-markup", FALSE,
                      NULL);
  button = g_object_new (GTK_TYPE_BUTTON,
                         "valign", GTK_ALIGN_CENTER,
                         NULL);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "domain", g_strdup (domain), g_free);
  g_signal_connect (button, "clicked", clicked, user_data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  g_ptr_array_add (buttons, button);

  return row;
}

void
mr_add_buttons_update (GPtrArray *buttons,
                       MrOrder   *order)
{
  g_return_if_fail (buttons != NULL);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      const char *domain = g_object_get_data (G_OBJECT (button), "domain");
      gboolean added = order != NULL && mr_order_find_item (order, domain, NULL) != NULL;
      g_autofree char *label = NULL;

      gtk_button_set_icon_name (GTK_BUTTON (button),
                                added ? "object-select-symbolic" : "list-add-symbolic");
      gtk_widget_set_sensitive (button, !added);
      label = g_strdup_printf (added ? _("%s is in the order") : _("Add %s"), domain);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
}

void
mr_list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

gboolean
mr_domain_picker_watch_order (MrOrder  **slot,
                              MrOrder   *order,
                              gpointer   owner,
                              GCallback  update)
{
  if (*slot == order)
    return FALSE;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, owner);

  g_set_object (slot, order);

  if (order != NULL)
    g_signal_connect_object (order, "items-changed", update, owner, G_CONNECT_SWAPPED);

  return TRUE;
}

gboolean
mr_domain_picker_begin_reload (GtkWidget     *page,
                               MrApiClient   *client,
                               GCancellable **cancellable,
                               gboolean      *needs_reload)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);

  /* nothing is fetched for a page nobody has seen yet */
  *needs_reload = !gtk_widget_get_mapped (page);
  if (client == NULL || *needs_reload)
    return FALSE;

  *cancellable = g_cancellable_new ();
  return TRUE;
}

void
mr_domain_picker_show_error (GtkStack     *stack,
                             GtkSpinner   *spinner,
                             GtkLabel     *label,
                             const GError *error)
{
  g_autofree char *message = mr_api_error_describe (error);

  gtk_spinner_set_spinning (spinner, FALSE);
  gtk_label_set_label (label, message);
  gtk_stack_set_visible_child_name (stack, "error");
}

void
mr_widget_dispose_children (GtkWidget *widget,
                            GType      type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

void
mr_quote_view_read (MrQuoteView      *view,
                    MrQuoteScheduler *scheduler)
{
  g_return_if_fail (view != NULL);

  view->state = MR_QUOTE_STATE_IDLE;
  view->quote = NULL;
  view->current = FALSE;

  if (scheduler == NULL)
    return;

  view->state = mr_quote_scheduler_get_state (scheduler);
  view->quote = mr_quote_scheduler_get_quote (scheduler);
  view->current = view->quote != NULL &&
                  view->state == MR_QUOTE_STATE_FRESH &&
                  mr_quote_scheduler_get_fresh_quote (scheduler) == view->quote;
}

gboolean
mr_watch_quote_scheduler (MrQuoteScheduler **slot,
                          MrQuoteScheduler  *scheduler,
                          gpointer           owner,
                          GCallback          changed)
{
  static const char * const signals[] = { "notify::state", "notify::quote", "notify::error" };

  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (scheduler == NULL || MR_IS_QUOTE_SCHEDULER (scheduler), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (owner), FALSE);

  if (*slot == scheduler)
    return FALSE;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, owner);

  g_set_object (slot, scheduler);

  for (guint i = 0; scheduler != NULL && i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (scheduler, signals[i], changed, owner, G_CONNECT_SWAPPED);

  return TRUE;
}

void
mr_unwatch_quote_scheduler (MrQuoteScheduler **slot,
                            gpointer           owner)
{
  g_return_if_fail (slot != NULL);

  if (*slot == NULL)
    return;

  g_signal_handlers_disconnect_by_data (*slot, owner);
  g_clear_object (slot);
}

/* GTK 4.8 animates a spinning GtkSpinner's style on every frame even in a
 * stack page that is not shown: a spinner left spinning there keeps the
 * window's frame clock running (about 60 idle frames a second). */
#define SPINNER_BUSY_KEY "mr-spinner-busy"

static void
spinner_mapped_cb (GtkSpinner *spinner)
{
  gtk_spinner_set_spinning (spinner,
                            gtk_widget_get_mapped (GTK_WIDGET (spinner)) &&
                            g_object_get_data (G_OBJECT (spinner), SPINNER_BUSY_KEY) != NULL);
}

static gboolean
forget_undo_cb (gpointer data)
{
  GtkEditable *editable = data;

  /* not in a window any more: nothing to undo there, maybe no GtkText */
  if (gtk_widget_get_root (GTK_WIDGET (editable)) == NULL)
    return G_SOURCE_REMOVE;

  if (gtk_editable_get_enable_undo (editable))
    {
      gtk_editable_set_enable_undo (editable, FALSE);
      gtk_editable_set_enable_undo (editable, TRUE);
    }

  return G_SOURCE_REMOVE;
}

void
mr_text_forget_undo (GtkWidget *editable)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));

  g_idle_add_full (G_PRIORITY_HIGH, forget_undo_cb, g_object_ref (editable), g_object_unref);
}

void
mr_spinner_set_busy (GtkSpinner *spinner,
                     gboolean    busy)
{
  g_return_if_fail (GTK_IS_SPINNER (spinner));

  if (g_object_get_data (G_OBJECT (spinner), SPINNER_BUSY_KEY "-watched") == NULL)
    {
      g_object_set_data (G_OBJECT (spinner), SPINNER_BUSY_KEY "-watched", GINT_TO_POINTER (1));
      g_signal_connect (spinner, "map", G_CALLBACK (spinner_mapped_cb), NULL);
      g_signal_connect (spinner, "unmap", G_CALLBACK (spinner_mapped_cb), NULL);
    }

  g_object_set_data (G_OBJECT (spinner), SPINNER_BUSY_KEY, GINT_TO_POINTER (!!busy));
  spinner_mapped_cb (spinner);
}

void
mr_paged_list_show_state (GtkStack      *stack,
                          const char    *state,
                          GtkSpinner    *spinner,
                          GtkLabel      *loading_label,
                          const char    *notice,
                          const char    *loading_text,
                          AdwStatusPage *error_page,
                          const char    *error)
{
  g_return_if_fail (GTK_IS_STACK (stack));
  g_return_if_fail (state != NULL);

  if (g_str_equal (state, "error"))
    adw_status_page_set_description (error_page, error);

  gtk_label_set_text (loading_label, notice != NULL ? notice : loading_text);
  gtk_stack_set_visible_child_name (stack, state);
  mr_spinner_set_busy (spinner, g_str_equal (state, "loading"));
}

void
mr_paged_list_show_footer (GtkRevealer *footer,
                           GtkSpinner  *spinner,
                           GtkLabel    *label,
                           const char  *text,
                           gboolean     busy)
{
  g_return_if_fail (GTK_IS_REVEALER (footer));

  if (text == NULL)
    {
      mr_spinner_set_busy (spinner, FALSE);
      gtk_revealer_set_reveal_child (footer, FALSE);
      return;
    }

  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (spinner), busy);
  mr_spinner_set_busy (spinner, busy);
  gtk_revealer_set_reveal_child (footer, TRUE);
}

const char *
mr_paged_list_get_notice (GtkStack    *stack,
                          GtkLabel    *loading_label,
                          GtkRevealer *footer,
                          GtkLabel    *footer_label)
{
  g_return_val_if_fail (GTK_IS_STACK (stack), NULL);

  if (g_str_equal (gtk_stack_get_visible_child_name (stack), "loading"))
    return gtk_label_get_text (loading_label);
  if (gtk_revealer_get_reveal_child (footer))
    return gtk_label_get_text (footer_label);

  return NULL;
}

GtkIconPaintable *
mr_gui_preload_icon (GtkWidget           *widget,
                     const MrIconPreload *icon)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  int scale = gtk_widget_get_scale_factor (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GtkIconPaintable *paintable;
  GtkSnapshot *snapshot;

  if (icon->css)
    {
      paintable = gtk_icon_theme_lookup_icon (theme, icon->name, NULL, icon->size, scale,
                                              GTK_TEXT_DIR_NONE, 0);
    }
  else
    {
      g_autoptr(GIcon) gicon = g_themed_icon_new (icon->name);

      paintable = gtk_icon_theme_lookup_by_gicon (theme, gicon, icon->size, scale,
                                                  gtk_widget_get_direction (widget), 0);
    }

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (GDK_PAINTABLE (paintable), snapshot, icon->size, icon->size);
  node = gtk_snapshot_free_to_node (snapshot);

  return paintable;
}
