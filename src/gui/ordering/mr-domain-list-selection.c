/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The domain list's selection and keyboard: one or many selected (a check
 * on each row in selection mode), one Tab stop for the whole list, the
 * arrows, Page Up, Page Down, Home and End from the row with the focus
 * (in selection mode they tick with Shift and never untick), Delete for
 * the selected, Escape out of selection mode. */

#define G_LOG_DOMAIN "mr-domain-list"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-delete-shortcut.h"
#include "mr-domain-list-private.h"

guint
_mr_domain_list_count_selected (MrDomainList *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint) gtk_bitset_get_size (selected);
}

static gboolean
in_selection_mode (MrDomainList *self)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->select_button));
}

static void
update_selection_bar (MrDomainList *self)
{
  guint n = _mr_domain_list_count_selected (self);
  gboolean mode = in_selection_mode (self);
  g_autofree char *text = NULL;

  /* Translators: "12 selected", domains of the order */
  text = g_strdup_printf (ngettext ("%u selected", "%u selected", n), n);
  gtk_label_set_label (self->selection_label, text);
  gtk_revealer_set_reveal_child (self->selection_revealer, mode || n > 1);
}

static void
selection_changed_cb (MrDomainList *self)
{
  MrOrderItem *item;
  guint n = _mr_domain_list_count_selected (self);

  update_selection_bar (self);
  _mr_domain_list_notify_n_selected (self);

  /* with many selected, the editor stays on the one it shows */
  if (n > 1)
    return;

  item = mr_domain_list_get_selected_item (self);
  g_set_object (&self->current, item);
  _mr_domain_list_notify_selected_item (self);

  if (self->selecting)
    return;

  if (item != NULL)
    _mr_domain_list_emit_item_activated (self, item);
}

static void
selection_items_changed_cb (MrDomainList *self,
                            guint         position,
                            guint         removed,
                            guint         added)
{
  MrOrderItem *item;

  if (removed == 0)
    return;

  update_selection_bar (self);
  _mr_domain_list_notify_n_selected (self);

  item = mr_domain_list_get_selected_item (self);
  if (item == self->current)
    return;

  g_set_object (&self->current, item);
  _mr_domain_list_notify_selected_item (self);
}

/* In selection mode a click on a row toggles it, as Ctrl-click does */
static void
selection_click_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    MrDomainList    *self)
{
  GtkWidget *picked;
  MrOrderItem *item = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  if (!in_selection_mode (self) || self->order == NULL)
    return;

  picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  for (GtkWidget *w = picked; w != NULL && w != GTK_WIDGET (self->list_view);
       w = gtk_widget_get_parent (w))
    {
      /* the row's own buttons keep working */
      if (GTK_IS_BUTTON (w))
        return;
      if (MR_IS_DOMAIN_ROW (w))
        {
          item = mr_domain_row_get_item (MR_DOMAIN_ROW (w));
          break;
        }
    }

  if (item == NULL || mr_order_find_item (self->order, mr_order_item_get_domain (item),
                                          &position) != item)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (self->selection), position);
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, FALSE);
}

/* The MrDomainRow that @focus, in @list_view, is on or in: the list's
 * own row has the focus when it is not in one of the row's widgets */
static GtkWidget *
domain_row_of_focus (GtkWidget *list_view,
                     GtkWidget *focus)
{
  GtkWidget *row = NULL;

  for (GtkWidget *w = focus; w != NULL && w != list_view; w = gtk_widget_get_parent (w))
    if (MR_IS_DOMAIN_ROW (w))
      row = w;
  if (row == NULL)
    for (GtkWidget *child = gtk_widget_get_first_child (focus); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (MR_IS_DOMAIN_ROW (child))
        row = child;

  return row;
}

/* The row the focus is on or in (the list's own row, around the
 * MrDomainRow it shows) and its shown position; NULL when the focus is
 * not in a row */
static GtkWidget *
focused_list_row (MrDomainList *self,
                  guint        *position)
{
  GtkWidget *list_view = GTK_WIDGET (self->list_view);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (list_view));
  GtkWidget *row = NULL;
  GtkListItem *list_item;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, list_view))
    return NULL;

  row = domain_row_of_focus (list_view, focus);
  if (row == NULL)
    return NULL;

  list_item = g_object_get_data (G_OBJECT (row), MR_DOMAIN_LIST_ITEM_KEY);
  *position = list_item != NULL ? gtk_list_item_get_position (list_item) : GTK_INVALID_LIST_POSITION;
  if (*position == GTK_INVALID_LIST_POSITION)
    return NULL;

  return gtk_widget_get_parent (row);
}

/* the shown position of the list's row @list_row, else
 * GTK_INVALID_LIST_POSITION */
static guint
list_row_position (GtkWidget *list_row)
{
  GtkListItem *list_item = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (list_row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (MR_IS_DOMAIN_ROW (child))
      list_item = g_object_get_data (G_OBJECT (child), MR_DOMAIN_LIST_ITEM_KEY);

  return list_item != NULL ? gtk_list_item_get_position (list_item) : GTK_INVALID_LIST_POSITION;
}

/* Page Up and Page Down: the farthest row up (down) from @from that is
 * seen whole with it in the list's height; at least the next one. The
 * rows are measured, not looked up where they were drawn: GTK 4.8 lays
 * out only the rows in sight. */
static guint
page_target (MrDomainList *self,
             guint         from,
             int           direction)
{
  GtkWidget *list_view = GTK_WIDGET (self->list_view);
  int page = gtk_widget_get_height (list_view);
  int width = gtk_widget_get_width (list_view);
  g_autoptr(GHashTable) rows = g_hash_table_new (NULL, NULL);
  guint target = from;
  int room = page;

  for (GtkWidget *child = gtk_widget_get_first_child (list_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      guint position = list_row_position (child);

      if (position != GTK_INVALID_LIST_POSITION)
        g_hash_table_insert (rows, GUINT_TO_POINTER (position), child);
    }

  for (guint position = from; ; position += direction)
    {
      GtkWidget *list_row = g_hash_table_lookup (rows, GUINT_TO_POINTER (position));
      int height;

      if (list_row == NULL)
        break;
      gtk_widget_measure (list_row, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
      room -= height;
      if (room < 0)
        break;
      target = position;
      if (direction < 0 && position == 0)
        break;
    }

  if (target == from)
    target = direction > 0 ? from + 1 : (from > 0 ? from - 1 : 0);

  return target;
}

/* the list's row at the shown @position, if it has one */
static GtkWidget *
list_row_at (MrDomainList *self,
             guint         position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (list_row_position (child) == position)
      return child;

  return NULL;
}

/* Puts the focus on the row at the shown @position and scrolls to it:
 * where the user sees it, and where the list itself (its Tab stop, its
 * accessible focus) knows it is */
static void
focus_row_at (MrDomainList *self,
              guint         position)
{
#if GTK_CHECK_VERSION (4, 12, 0)
  /* newer than GDK_VERSION_MAX_ALLOWED on purpose, and checked above */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_list_view_scroll_to (self->list_view, position, GTK_LIST_SCROLL_FOCUS, NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  GtkWidget *list_row;

  /* GTK 4.8 keeps the row it scrolls to; focusing it moves the list's
   * own focus there */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  list_row = list_row_at (self, position);
  if (list_row != NULL)
    gtk_widget_grab_focus (list_row);
#endif
}

/* After the focus moved from @from to @to (shown positions) by a key
 * with @state. In selection mode the keys move the focus and never
 * untick: Shift ticks the rows from the one left to the one reached.
 * Else as GTK's lists: the row reached is selected (and edited), Ctrl
 * moves without selecting, Shift selects from the domain being edited
 * (Ctrl+Shift: keeping the others). */
static void
select_moved (MrDomainList    *self,
              guint            from,
              guint            to,
              GdkModifierType  state)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->fill);
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;
  guint anchor = from;

  if (in_selection_mode (self))
    {
      if (shift)
        gtk_selection_model_select_range (model, MIN (from, to), MAX (from, to) - MIN (from, to) + 1,
                                          FALSE);
      return;
    }

  if (!shift)
    {
      if (!control)
        gtk_selection_model_select_item (model, to, TRUE);
      return;
    }

  if (self->current != NULL && self->order != NULL)
    {
      guint position;

      if (mr_order_find_item (self->order, mr_order_item_get_domain (self->current),
                              &position) == self->current &&
          mr_fill_model_to_shown (self->fill, position) != GTK_INVALID_LIST_POSITION)
        anchor = mr_fill_model_to_shown (self->fill, position);
    }
  gtk_selection_model_select_range (model, MIN (anchor, to), MAX (anchor, to) - MIN (anchor, to) + 1,
                                    !control);
}

/* Up, Down, Page Up, Page Down, Home and End (with Ctrl, Shift or both)
 * from the row with the focus: GTK's own move from the row they last
 * put the focus on themselves (on GTK 4.12 and later, not from one the
 * focus came back to by Tab), and select as they go, which would untick
 * what was ticked in selection mode. TRUE when it was such a key. */
static gboolean
move_focus_row (MrDomainList    *self,
                guint            keyval,
                GdkModifierType  state)
{
  GtkWidget *list_row;
  guint position, target, n_items;

  if ((state & ~(GDK_CONTROL_MASK | GDK_SHIFT_MASK)) & gtk_accelerator_get_default_mod_mask ())
    return FALSE;
  list_row = focused_list_row (self, &position);
  if (list_row == NULL)
    return FALSE;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->fill));

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      target = position > 0 ? position - 1 : 0;
      break;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      target = position + 1;
      break;

    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      target = page_target (self, position, -1);
      break;

    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      target = page_target (self, position, 1);
      break;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      target = 0;
      break;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      target = n_items > 0 ? n_items - 1 : 0;
      break;

    default:
      return FALSE;
    }

  if (n_items == 0)
    return TRUE;
  /* at the end it stays, and selects as it would have */
  target = MIN (target, n_items - 1);
  if (target != position)
    focus_row_at (self, target);
  select_moved (self, position, target, state);

  return TRUE;
}

/* Moves the focus out of the list, to the next (or previous) stop after
 * it in the window: the list takes no focus meanwhile, so the window's
 * focus chain passes over it as over a widget that cannot be focused. */
static void
leave_list (MrDomainList     *self,
            GtkDirectionType  direction)
{
  GtkWidget *list_view = GTK_WIDGET (self->list_view);
  GtkRoot *root = gtk_widget_get_root (list_view);

  if (!GTK_IS_WINDOW (root))
    return;

  gtk_widget_set_can_focus (list_view, FALSE);
  /* as GtkWindow does for Tab: the next stop, else round to the first */
  g_signal_emit_by_name (root, "move-focus", direction);
  gtk_widget_set_can_focus (list_view, TRUE);
}

/* The list is one stop for Tab, as GNOME lists are: Tab goes from the row
 * with the focus through its own buttons (Remove, then a taken domain's
 * suggestions), then out of the list; Shift+Tab goes back to the row,
 * then out. The arrows move between rows, Delete removes the selected.
 * Without this GTK 4.8 stops at every row and every button in it. GTK
 * 4.12 and later have GTK_LIST_TAB_ITEM (set in _mr_domain_list_init_keys)
 * but move Tab by where the buttons are drawn, and a row just scrolled to
 * is not laid out yet: Tab stays ours there too. */
static gboolean
list_key_pressed_cb (MrDomainList          *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  GtkWidget *list_view = GTK_WIDGET (self->list_view);
  GtkDirectionType direction;
  GtkWidget *focus;
  GtkWidget *row = NULL;
  GtkWidget *list_row;

  if (move_focus_row (self, keyval, state))
    return TRUE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else
    return FALSE;

  focus = gtk_root_get_focus (gtk_widget_get_root (list_view));
  if (focus == NULL || !gtk_widget_is_ancestor (focus, list_view))
    return FALSE;

  /* the list's row is the parent of the MrDomainRow it shows */
  row = domain_row_of_focus (list_view, focus);
  if (row == NULL)
    {
      leave_list (self, direction);
      return TRUE;
    }
  list_row = gtk_widget_get_parent (row);

  /* from the row into its buttons and through them (not from where they
   * are drawn: a row just scrolled to is not laid out yet); out after the
   * last, back to the row before the first, out before the row */
  if (focus != list_row || direction == GTK_DIR_TAB_FORWARD)
    {
      GtkWidget *next = _mr_domain_row_next_button (MR_DOMAIN_ROW (row), focus, direction);

      if (next != NULL && gtk_widget_grab_focus (next))
        return TRUE;
      if (next == NULL && focus != list_row && direction == GTK_DIR_TAB_BACKWARD &&
          gtk_widget_grab_focus (list_row))
        return TRUE;
    }

  leave_list (self, direction);
  return TRUE;
}

/* every row shown says whether it is selected: a check in selection mode */
void
_mr_domain_list_update_row_selected (MrDomainList *self,
                                     GtkListItem  *list_item)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  if (MR_IS_DOMAIN_ROW (row))
    _mr_domain_row_set_selected (MR_DOMAIN_ROW (row), in_selection_mode (self),
                                 gtk_list_item_get_selected (list_item));
}

static void
select_toggled_cb (MrDomainList *self)
{
  GHashTableIter iter;
  GPtrArray *rows;

  update_selection_bar (self);

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &rows))
    for (guint i = 0; i < rows->len; i++)
      {
        GtkListItem *list_item = g_object_get_data (G_OBJECT (g_ptr_array_index (rows, i)),
                                                    MR_DOMAIN_LIST_ITEM_KEY);

        if (list_item != NULL)
          _mr_domain_list_update_row_selected (self, list_item);
      }
}

static void
list_activate_cb (MrDomainList *self,
                  guint         position)
{
  g_autoptr(MrOrderItem) item = NULL;

  if (self->order == NULL)
    return;

  item = g_list_model_get_item (G_LIST_MODEL (self->order),
                                mr_fill_model_to_model (self->fill, position));
  if (item != NULL)
    _mr_domain_list_emit_item_activated (self, item);
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MrDomainList *self = MR_DOMAIN_LIST (widget);
  guint position = mr_domain_list_get_selected (self);
  guint shown;
  gboolean in_row = focused_list_row (self, &shown) != NULL;
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint first = gtk_bitset_is_empty (selected) ? position : gtk_bitset_get_minimum (selected);
  guint n_items;

  if (_mr_domain_list_count_selected (self) > 1)
    _mr_domain_list_emit_remove_selected_requested (self);
  else if (position != GTK_INVALID_LIST_POSITION)
    _mr_domain_list_emit_remove_requested (self, position);
  else
    return;

  /* the focus goes with the selection the removal left (the row after
   * the removed ones, scrolled to), not off screen or out of the list;
   * in selection mode none is left ticked: to the row after the first
   * removed one */
  position = mr_domain_list_get_selected (self);
  n_items = self->order != NULL ? mr_order_get_n_items (self->order) : 0;
  if (position == GTK_INVALID_LIST_POSITION && n_items > 0 && first != GTK_INVALID_LIST_POSITION)
    position = MIN (first, n_items - 1);
  if (in_row && position != GTK_INVALID_LIST_POSITION)
    mr_domain_list_focus_position (self, position);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  mr_domain_list_select_all (MR_DOMAIN_LIST (widget));
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MrDomainList *self = MR_DOMAIN_LIST (widget);
  MrOrderItem *keep = mr_domain_list_get_selected_item (self);
  guint position = GTK_INVALID_LIST_POSITION;

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->select_button), FALSE);
  /* back to the one the editor shows */
  if (keep != NULL && self->order != NULL)
    mr_order_find_item (self->order, mr_order_item_get_domain (keep), &position);
  mr_domain_list_select (self, position);
}

/* Escape in selection mode leaves it, as GNOME apps do: the domain being
 * edited stays the one selected (else the row with the focus), the list
 * does not scroll, the focus stays on its row. Outside selection mode
 * Escape is not the list's. */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  MrDomainList *self = MR_DOMAIN_LIST (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  MrOrderItem *keep = mr_domain_list_get_selected_item (self);
  guint position = GTK_INVALID_LIST_POSITION;

  if (!in_selection_mode (self))
    return FALSE;

  if (keep != NULL && self->order != NULL)
    mr_order_find_item (self->order, mr_order_item_get_domain (keep), &position);
  else if (focused_list_row (self, &position) != NULL)
    position = mr_fill_model_to_model (self->fill, position);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->select_button), FALSE);
  _mr_domain_list_select_position (self, position, FALSE);

  /* the selection bar hides with selection mode: its button's focus goes
   * to the button that brings it back */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->selection_revealer)))
    gtk_widget_grab_focus (self->select_button);

  return TRUE;
}

/* the shown position of @position, the rest of an insertion being shown
 * over a few frames shown now if it is in it; the rows around it up to
 * date */
static guint
shown_now (MrDomainList *self,
           guint         position)
{
  guint shown = mr_fill_model_to_shown (self->fill, position);

  if (shown == GTK_INVALID_LIST_POSITION)
    {
      mr_fill_model_finish (self->fill);
      shown = mr_fill_model_to_shown (self->fill, position);
    }
  if (shown != GTK_INVALID_LIST_POSITION)
    _mr_domain_list_flush_rows_around (self, position);

  return shown;
}

void
_mr_domain_list_select_position (MrDomainList *self,
                                 guint         position,
                                 gboolean      scroll)
{
  guint shown;

  self->selecting = TRUE;
  if (position == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  self->selecting = FALSE;

  if (position == GTK_INVALID_LIST_POSITION || !scroll)
    return;

  /* the list scrolls to a row it shows */
  shown = shown_now (self, position);
  if (shown != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item",
                                "u", shown);
}

gboolean
mr_domain_list_get_selection_mode (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), FALSE);

  return in_selection_mode (self);
}

void
mr_domain_list_focus_position (MrDomainList *self,
                               guint         position)
{
  guint shown;

  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  if (self->order == NULL || position >= mr_order_get_n_items (self->order))
    return;

  shown = shown_now (self, position);
  if (shown != GTK_INVALID_LIST_POSITION)
    focus_row_at (self, shown);
}

void
mr_domain_list_select_positions (MrDomainList *self,
                                 const guint  *positions,
                                 guint         n_positions,
                                 gboolean      focus)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GtkBitset) mask = NULL;
  guint n_items, first;

  g_return_if_fail (MR_IS_DOMAIN_LIST (self));
  g_return_if_fail (positions != NULL || n_positions == 0);

  if (self->order == NULL)
    return;

  n_items = mr_order_get_n_items (self->order);
  selected = gtk_bitset_new_empty ();
  for (guint i = 0; i < n_positions; i++)
    if (positions[i] < n_items)
      gtk_bitset_add (selected, positions[i]);
  if (gtk_bitset_is_empty (selected))
    return;

  /* one change of the selection, as Ctrl+A makes */
  mask = gtk_bitset_new_range (0, n_items);
  self->selecting = TRUE;
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
  self->selecting = FALSE;

  first = gtk_bitset_get_minimum (selected);
  if (focus)
    {
      mr_domain_list_focus_position (self, first);
    }
  else
    {
      guint shown = shown_now (self, first);

      if (shown != GTK_INVALID_LIST_POSITION)
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item",
                                    "u", shown);
    }
}

MrOrderItem *
mr_domain_list_get_selected_item (MrDomainList *self)
{
  guint position;

  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  position = mr_domain_list_get_selected (self);
  if (position == GTK_INVALID_LIST_POSITION || self->order == NULL)
    return NULL;

  return mr_order_get_item (self->order, position);
}

guint
mr_domain_list_get_selected (MrDomainList *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), GTK_INVALID_LIST_POSITION);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_is_empty (selected) || self->order == NULL)
    return GTK_INVALID_LIST_POSITION;

  /* the one being edited while it stays selected, else the first */
  if (self->current != NULL &&
      mr_order_find_item (self->order, mr_order_item_get_domain (self->current),
                          &position) == self->current &&
      gtk_bitset_contains (selected, position))
    return position;

  return gtk_bitset_get_minimum (selected);
}

GPtrArray *
mr_domain_list_get_selected_items (MrDomainList *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GPtrArray *items;
  guint position;

  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  items = g_ptr_array_new ();
  if (self->order == NULL)
    return items;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more; more = gtk_bitset_iter_next (&iter, &position))
    {
      MrOrderItem *item = mr_order_get_item (self->order, position);

      if (item != NULL)
        g_ptr_array_add (items, item);
    }

  return items;
}

void
mr_domain_list_select_all (MrDomainList *self)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

void
mr_domain_list_select (MrDomainList *self,
                       guint         position)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  _mr_domain_list_select_position (self, position, TRUE);
}

void
_mr_domain_list_class_init_selection (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, select_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_install_action (widget_class, "list.select-all-domains", NULL,
                                   select_all_action);
  gtk_widget_class_install_action (widget_class, "list.select-none", NULL, select_none_action);
  gtk_widget_class_install_action (widget_class, "list.remove-selected", NULL,
                                   remove_selected_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

void
_mr_domain_list_init_selection (MrDomainList *self)
{
  /* Ctrl- and Shift-click and Ctrl+A select many; one selected is edited */
  self->selection = gtk_multi_selection_new (NULL);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  /* removed items leave the selection without "selection-changed" */
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (selection_items_changed_cb), self, G_CONNECT_SWAPPED);
}

void
_mr_domain_list_init_keys (MrDomainList *self)
{
  GtkGesture *click;
  GtkEventController *keys;

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (selection_click_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

#if GTK_CHECK_VERSION (4, 12, 0)
  /* GTK's own one Tab stop: the focus comes back to the row that had it
   * (by default Shift+Tab came back in at the last row); Tab itself stays
   * list_key_pressed_cb's, as on GTK 4.8. Newer than
   * GDK_VERSION_MAX_ALLOWED on purpose, and checked above */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_list_view_set_tab_behavior (self->list_view, GTK_LIST_TAB_ITEM);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif

  /* Delete where the list has the focus; in a text field it edits the text */
  gtk_widget_add_controller (GTK_WIDGET (self->list_view),
                             mr_delete_shortcut_controller_new ("list.remove-selected"));
}
