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

    /* GTK 4.8 cannot announce: a screen reader reads a change of the
     * focused element's description instead */
    gtk_accessible_update_property (GTK_ACCESSIBLE (focus != NULL ? focus : widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
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

static void
button_name_changed_cb (GtkButton *button)
{
  /* The child label, the button's mnemonic label, names it already */
  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
collect_label_text (GtkWidget *widget,
                    GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      const char *label = gtk_label_get_text (GTK_LABEL (widget));

      if (*label != '\0')
        {
          if (text->len > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, label);
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_text (child, text);
}

/* A drop-down's button is named after the drop-down's tooltip and choice */
static void
name_drop_down_button (GtkWidget *button)
{
  GtkWidget *drop_down = gtk_widget_get_ancestor (button, GTK_TYPE_DROP_DOWN);
  g_autoptr(GString) name = NULL;
  const char *what;
  gpointer item;

  if (drop_down == NULL)
    return;

  what = gtk_widget_get_tooltip_text (drop_down);
  item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (drop_down));
  name = g_string_new (what != NULL ? what : "");
  if (GTK_IS_STRING_OBJECT (item))
    g_string_append_printf (name, name->len > 0 ? ": %s" : "%s",
                            gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  if (name->len > 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                    -1);
}

static gboolean
widget_mapped_hook (GSignalInvocationHint *hint,
                    guint                  n_params,
                    const GValue          *params,
                    gpointer               user_data)
{
  static GQuark watched;
  GObject *object = g_value_get_object (&params[0]);

  /* a status page with nothing to do in it (no child) is no stop for Tab:
   * its scrolled window would take the focus as a blank, unnamed stop */
  if (GTK_IS_SCROLLED_WINDOW (object) &&
      ADW_IS_STATUS_PAGE (gtk_widget_get_parent (GTK_WIDGET (object))))
    {
      GtkWidget *page = gtk_widget_get_parent (GTK_WIDGET (object));

      gtk_widget_set_can_focus (GTK_WIDGET (object),
                                adw_status_page_get_child (ADW_STATUS_PAGE (page)) != NULL);
      return TRUE;
    }

  /* the list inside a combo row shows its choice: it is named by the row */
  if (GTK_IS_LIST_VIEW (object) &&
      gtk_widget_get_ancestor (GTK_WIDGET (object), ADW_TYPE_COMBO_ROW) != NULL)
    {
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (object), ADW_TYPE_COMBO_ROW);

      gtk_accessible_update_property (GTK_ACCESSIBLE (object),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                      -1);
      return TRUE;
    }

  /* the items of a drop-down (its list, and the choice it shows): named by
   * the text they show */
  if (g_str_equal (G_OBJECT_TYPE_NAME (object), "GtkListItemWidget") &&
      (gtk_widget_get_ancestor (GTK_WIDGET (object), GTK_TYPE_POPOVER) != NULL ||
       gtk_widget_get_ancestor (GTK_WIDGET (object), GTK_TYPE_DROP_DOWN) != NULL ||
       gtk_widget_get_ancestor (GTK_WIDGET (object), ADW_TYPE_COMBO_ROW) != NULL))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      collect_label_text (GTK_WIDGET (object), text);
      if (text->len > 0)
        gtk_accessible_update_property (GTK_ACCESSIBLE (object),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, text->str,
                                        -1);
      return TRUE;
    }

  if (GTK_IS_TOGGLE_BUTTON (object) && gtk_widget_get_ancestor (GTK_WIDGET (object),
                                                                GTK_TYPE_DROP_DOWN) != NULL)
    {
      GtkWidget *drop_down = gtk_widget_get_ancestor (GTK_WIDGET (object), GTK_TYPE_DROP_DOWN);

      if (watched == 0)
        watched = g_quark_from_static_string ("mr-a11y-watched");
      if (g_object_get_qdata (object, watched) == NULL)
        {
          g_object_set_qdata (object, watched, GINT_TO_POINTER (TRUE));
          g_signal_connect_object (drop_down, "notify::selected",
                                   G_CALLBACK (name_drop_down_button), object,
                                   G_CONNECT_SWAPPED);
        }
      name_drop_down_button (GTK_WIDGET (object));
      return TRUE;
    }

  if (!GTK_IS_BUTTON (object))
    return TRUE;

  /* libadwaita 1.2 leaves a toast's close button without a name or
   * tooltip, so a screen reader hears "GtkImage" for as long as a toast is
   * shown: name it as our own Dismiss buttons are named */
  if (gtk_widget_get_parent (GTK_WIDGET (object)) != NULL &&
      g_str_equal (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (GTK_WIDGET (object))),
                   "AdwToastWidget") &&
      gtk_button_get_label (GTK_BUTTON (object)) == NULL &&
      gtk_widget_get_tooltip_text (GTK_WIDGET (object)) == NULL)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (object), _("Dismiss"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (object),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"),
                                      -1);
      return TRUE;
    }

  if (watched == 0)
    watched = g_quark_from_static_string ("mr-a11y-watched");

  if (g_object_get_qdata (object, watched) == NULL)
    {
      g_object_set_qdata (object, watched, GINT_TO_POINTER (TRUE));
      g_signal_connect_after (object, "notify::label",
                              G_CALLBACK (button_name_changed_cb), NULL);
      g_signal_connect_after (object, "notify::use-underline",
                              G_CALLBACK (button_name_changed_cb), NULL);
    }
  button_name_changed_cb (GTK_BUTTON (object));

  return TRUE;
}

void
mr_a11y_install_fixes (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      /* the class stays loaded as long as the hook can run */
      g_type_class_ref (GTK_TYPE_BUTTON);
      g_type_class_ref (GTK_TYPE_DROP_DOWN);
      g_type_class_ref (GTK_TYPE_LIST_VIEW);
      g_type_class_ref (GTK_TYPE_SCROLLED_WINDOW);
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                  widget_mapped_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
