/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "mr-a11y.h"

/* Set on what is repaired already, so a repair is never connected twice */
#define FIXED_KEY "mr-a11y-fixed"

static gboolean
mark_fixed (gpointer object)
{
  if (g_object_get_data (G_OBJECT (object), FIXED_KEY) != NULL)
    return FALSE;

  g_object_set_data (G_OBJECT (object), FIXED_KEY, GINT_TO_POINTER (TRUE));
  return TRUE;
}

/* Every descendant of @widget of @type, depth first */
static void
collect_descendants (GtkWidget *widget,
                     GType      type,
                     GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect_descendants (child, type, found);
    }
}

static void
collect_label_text (GtkWidget *widget,
                    GString   *text)
{
  if (widget == NULL)
    return;

  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_text (GTK_LABEL (widget));

      if (gtk_widget_get_visible (widget) && *label != '\0')
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

/* Buttons with a mnemonic */

#if !GTK_CHECK_VERSION (4, 12, 0)
static void
button_label_changed_cb (GtkButton *button)
{
  /* gtk_button_set_label() sets the raw label as the accessible label; the
   * child label, the button's mnemonic label, names it already */
  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}
#endif

void
mr_a11y_button_name_by_label (GtkButton *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

#if !GTK_CHECK_VERSION (4, 12, 0)
  if (mark_fixed (button))
    {
      g_signal_connect_after (button, "notify::label",
                              G_CALLBACK (button_label_changed_cb), NULL);
      g_signal_connect_after (button, "notify::use-underline",
                              G_CALLBACK (button_label_changed_cb), NULL);
    }
  button_label_changed_cb (button);
#endif
}

void
mr_a11y_buttons_name_by_label (GtkWidget *widget)
{
#if !GTK_CHECK_VERSION (4, 12, 0)
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget))
    g_ptr_array_add (buttons, widget);
  collect_descendants (widget, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_button_get_use_underline (g_ptr_array_index (buttons, i)))
      mr_a11y_button_name_by_label (g_ptr_array_index (buttons, i));
#endif
}

void
mr_a11y_message_dialog_fix_names (AdwMessageDialog *dialog)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

#if !GTK_CHECK_VERSION (4, 12, 0)
  mr_a11y_buttons_name_by_label (GTK_WIDGET (dialog));
  /* responses added after this call have their buttons by then */
  if (mark_fixed (dialog))
    g_signal_connect (dialog, "map", G_CALLBACK (mr_a11y_buttons_name_by_label), NULL);
#endif
}

/* Lists */

void
mr_a11y_list_item_set_label (GtkListItem *list_item,
                             const char  *label)
{
  g_return_if_fail (GTK_IS_LIST_ITEM (list_item));

#if GTK_CHECK_VERSION (4, 12, 0)
  /* newer than GDK_VERSION_MAX_ALLOWED on purpose, and checked above */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_list_item_set_accessible_label (list_item, label != NULL ? label : "");
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    GtkWidget *child = gtk_list_item_get_child (list_item);
    /* the row GTK made for the item holds its child */
    GtkWidget *row = child != NULL ? gtk_widget_get_parent (child) : NULL;

    if (row == NULL)
      return;

    if (label != NULL && *label != '\0')
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    else
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL);
  }
#endif
}

static void
name_item_by_text_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* runs after the factory's own bind, which sets the text */
  collect_label_text (gtk_list_item_get_child (list_item), text);
  mr_a11y_list_item_set_label (list_item, text->str);
}

/* Items made by @factory are named after the text they show */
static void
factory_name_items (GtkListItemFactory *factory)
{
  if (!GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory) || !mark_fixed (factory))
    return;

  g_signal_connect_after (factory, "bind", G_CALLBACK (name_item_by_text_cb), NULL);
}

/* Drop-downs and combo rows */

static void
name_drop_down_button (GtkDropDown *drop_down)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GString) name = NULL;
  const char *what;
  gpointer item;

  collect_descendants (GTK_WIDGET (drop_down), GTK_TYPE_TOGGLE_BUTTON, buttons);
  if (buttons->len == 0)
    return;

  what = gtk_widget_get_tooltip_text (GTK_WIDGET (drop_down));
  item = gtk_drop_down_get_selected_item (drop_down);
  name = g_string_new (what != NULL ? what : "");
  if (GTK_IS_STRING_OBJECT (item))
    {
      if (name->len > 0)
        g_string_append (name, ": ");
      g_string_append (name, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
    }
  if (name->len > 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (buttons, 0)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                    -1);
}

void
mr_a11y_drop_down_fix_names (GtkDropDown *drop_down)
{
  GtkListItemFactory *factory;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  if (!mark_fixed (drop_down))
    return;

  factory = gtk_drop_down_get_factory (drop_down);
  if (factory != NULL)
    {
      /* the item the button shows was made with the template: made again,
       * it is named too */
      g_object_ref (factory);
      factory_name_items (factory);
      gtk_drop_down_set_factory (drop_down, NULL);
      gtk_drop_down_set_factory (drop_down, factory);
      g_object_unref (factory);
    }
  if (gtk_drop_down_get_list_factory (drop_down) != NULL)
    factory_name_items (gtk_drop_down_get_list_factory (drop_down));

  /* the button is what takes the focus: it says what it chooses and what
   * is chosen */
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (name_drop_down_button), NULL);
  g_signal_connect (drop_down, "notify::tooltip-text", G_CALLBACK (name_drop_down_button), NULL);
  name_drop_down_button (drop_down);
}

static void
name_combo_row_lists (AdwComboRow *row)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  /* the list in the row, which shows the choice, and the popup's list */
  collect_descendants (GTK_WIDGET (row), GTK_TYPE_LIST_VIEW, lists);
  for (guint i = 0; i < lists->len; i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (lists, i)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                    -1);
}

void
mr_a11y_combo_row_fix_names (AdwComboRow *row)
{
  GtkListItemFactory *factory;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  if (!mark_fixed (row))
    return;

  factory = adw_combo_row_get_factory (row);
  if (factory != NULL)
    {
      /* items made with the template are made again, and named */
      g_object_ref (factory);
      factory_name_items (factory);
      adw_combo_row_set_factory (row, NULL);
      adw_combo_row_set_factory (row, factory);
      g_object_unref (factory);
    }
  if (adw_combo_row_get_list_factory (row) != NULL)
    factory_name_items (adw_combo_row_get_list_factory (row));

  g_signal_connect (row, "notify::title", G_CALLBACK (name_combo_row_lists), NULL);
  name_combo_row_lists (row);
}

/* Status pages */

static void
status_page_child_changed_cb (AdwStatusPage *page)
{
  GtkWidget *scroller = gtk_widget_get_first_child (GTK_WIDGET (page));

  if (GTK_IS_SCROLLED_WINDOW (scroller))
    gtk_widget_set_can_focus (scroller, adw_status_page_get_child (page) != NULL);
}

void
mr_a11y_status_pages_fix_focus (GtkWidget *widget)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (ADW_IS_STATUS_PAGE (widget))
    g_ptr_array_add (pages, widget);
  collect_descendants (widget, ADW_TYPE_STATUS_PAGE, pages);

  for (guint i = 0; i < pages->len; i++)
    {
      AdwStatusPage *page = g_ptr_array_index (pages, i);

      if (mark_fixed (page))
        {
          g_signal_connect (page, "notify::child", G_CALLBACK (status_page_child_changed_cb), NULL);
          /* libadwaita 1.2 notifies "description" when the child changes */
          g_signal_connect (page, "notify::description",
                            G_CALLBACK (status_page_child_changed_cb), NULL);
        }
      status_page_child_changed_cb (page);
    }
}

/* Toasts */

static void
fix_toast_widget (GtkWidget *toast_widget)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_descendants (toast_widget, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkButton *button = g_ptr_array_index (buttons, i);

      /* the close button: an icon, no label, no tooltip (libadwaita 1.2);
       * named as our own Dismiss buttons are */
      if (gtk_button_get_label (button) == NULL &&
          gtk_widget_get_tooltip_text (GTK_WIDGET (button)) == NULL)
        {
          gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Dismiss"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"),
                                          -1);
        }
      else
        {
          mr_a11y_button_name_by_label (button);
        }
    }
}

static void
toast_overlay_children_changed_cb (GListModel      *children,
                                   guint            position,
                                   guint            removed,
                                   guint            added,
                                   AdwToastOverlay *overlay)
{
  GtkWidget *main_child = adw_toast_overlay_get_child (overlay);

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) child = g_list_model_get_item (children, i);

      /* every child but the overlay's own is a toast it shows */
      if (child != main_child)
        fix_toast_widget (child);
    }
}

void
mr_a11y_toast_overlay_fix_names (AdwToastOverlay *overlay)
{
  GListModel *children;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  if (!mark_fixed (overlay))
    return;

  /* AdwToastOverlay 1.2 tells nobody when it shows a toast (queued ones
   * come later than adw_toast_overlay_add_toast()); the list of its
   * children does. It has only its child and the toasts on screen, so
   * observing it costs next to nothing. The model lives as long as the
   * overlay. */
  children = gtk_widget_observe_children (GTK_WIDGET (overlay));
  g_signal_connect_object (children, "items-changed",
                           G_CALLBACK (toast_overlay_children_changed_cb), overlay, 0);
  g_object_set_data_full (G_OBJECT (overlay), "mr-a11y-children", children, g_object_unref);
  toast_overlay_children_changed_cb (children, 0, 0, g_list_model_get_n_items (children), overlay);
}

/* Menus */

static gboolean
is_menu_item (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  return role == GTK_ACCESSIBLE_ROLE_MENU_ITEM ||
         role == GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX ||
         role == GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO;
}

/* The text of the first visible label under @widget: a menu item's own
 * text, which comes before its accelerator's */
static const char *
first_label_text (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text;

      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child))
        text = gtk_label_get_text (GTK_LABEL (child));
      else
        text = first_label_text (child);
      if (text != NULL && *text != '\0')
        return text;
    }

  return NULL;
}

static void
name_menu_items (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text;

      if (!is_menu_item (child))
        {
          name_menu_items (child);
          continue;
        }

      /* GTK 4.18 labels an item by its label, which it leaves out of the
       * AT-SPI tree: the item has no name there. Its text as its own name
       * holds on every version. */
      text = first_label_text (child);
      if (text == NULL)
        continue;
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (child),
                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }
}

static void
menu_button_popover_changed_cb (GtkMenuButton *button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  if (popover == NULL || !mark_fixed (popover))
    return;

  /* the items are made again when the menu changes: named each time the
   * menu opens, before an item takes the focus */
  g_signal_connect (popover, "show", G_CALLBACK (name_menu_items), NULL);
}

void
mr_a11y_menu_button_fix_names (GtkMenuButton *button)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));

  if (!mark_fixed (button))
    return;

  g_signal_connect (button, "notify::popover",
                    G_CALLBACK (menu_button_popover_changed_cb), NULL);
  g_signal_connect (button, "notify::menu-model",
                    G_CALLBACK (menu_button_popover_changed_cb), NULL);
  menu_button_popover_changed_cb (button);
}

/* Windows a library builds for us */

/* The name a button without a label shows: its child labels' text, else
 * its tooltip, else what its icon means */
static char *
button_text (GtkButton *button)
{
  GtkWidget *child = gtk_button_get_child (button);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (button));
  const char *icon = gtk_button_get_icon_name (button);

  collect_label_text (child, text);
  if (text->len > 0)
    return g_string_free (g_steal_pointer (&text), FALSE);
  if (tooltip != NULL && *tooltip != '\0')
    return g_strdup (tooltip);

  if (icon == NULL && GTK_IS_IMAGE (child))
    icon = gtk_image_get_icon_name (GTK_IMAGE (child));
  if (g_strcmp0 (icon, "edit-find-symbolic") == 0)
    return g_strdup (_("Search"));
  if (g_strcmp0 (icon, "go-previous-symbolic") == 0)
    return g_strdup (_("Back"));

  return NULL;
}

/* "_Credits" as it reads: "Credits" ("__" is an underscore) */
static void
append_without_mnemonic (GString    *text,
                         const char *label)
{
  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (text, *p);
    }
}

static void
name_built_window (GtkWidget *window)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();

  /* "_Copy Text Copy Text" (GTK 4.8) */
  mr_a11y_buttons_name_by_label (window);

  /* buttons that show an icon or a label of their own: GTK 4.8 names them
   * after their class ("GtkImage", "GtkButton"). The window's controls
   * are named by GTK. */
  collect_descendants (window, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkButton *button = g_ptr_array_index (buttons, i);
      g_autofree char *text = NULL;

      if (gtk_button_get_label (button) != NULL ||
          gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_WINDOW_CONTROLS) != NULL)
        continue;
      text = button_text (button);
      if (text != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                        -1);
    }

  /* a boxed list in a group without a title is labelled by that empty
   * title: no name. It is named after its rows ("Credits, Legal"). */
  collect_descendants (window, GTK_TYPE_LIST_BOX, lists);
  for (guint i = 0; i < lists->len; i++)
    {
      GtkWidget *list = g_ptr_array_index (lists, i);
      GtkWidget *group = gtk_widget_get_ancestor (list, ADW_TYPE_PREFERENCES_GROUP);
      g_autoptr(GString) names = g_string_new (NULL);
      const char *title;

      title = group != NULL ? adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)) : NULL;
      if (title != NULL && *title != '\0')
        continue;

      for (GtkWidget *row = gtk_widget_get_first_child (list);
           row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          const char *row_title;

          if (!ADW_IS_PREFERENCES_ROW (row) || !gtk_widget_get_visible (row))
            continue;
          row_title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
          if (row_title == NULL || *row_title == '\0')
            continue;
          if (names->len > 0)
            g_string_append (names, ", ");
          if (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)))
            append_without_mnemonic (names, row_title);
          else
            g_string_append (names, row_title);
        }
      if (names->len == 0)
        continue;

      gtk_accessible_reset_relation (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, names->str,
                                      -1);
    }
}

void
mr_a11y_built_window_fix_names (GtkWindow  *window,
                                const char *title)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  /* a screen reader names a window by its title */
  if (title != NULL && (gtk_window_get_title (window) == NULL ||
                        *gtk_window_get_title (window) == '\0'))
    gtk_window_set_title (window, title);

  if (!mark_fixed (window))
    return;

  /* what the window makes when it is shown is repaired then */
  g_signal_connect (window, "map", G_CALLBACK (name_built_window), NULL);
  name_built_window (GTK_WIDGET (window));
}

void
mr_a11y_fix_template (GtkWidget *widget)
{
  g_autoptr(GPtrArray) overlays = g_ptr_array_new ();

  g_return_if_fail (GTK_IS_WIDGET (widget));

  mr_a11y_buttons_name_by_label (widget);
  mr_a11y_status_pages_fix_focus (widget);

  collect_descendants (widget, ADW_TYPE_TOAST_OVERLAY, overlays);
  for (guint i = 0; i < overlays->len; i++)
    mr_a11y_toast_overlay_fix_names (g_ptr_array_index (overlays, i));
}
