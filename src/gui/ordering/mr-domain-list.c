/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-domain-list"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "mr-a11y.h"
#include "mr-delete-shortcut.h"
#include "mr-empty-page.h"
#include "mr-domain-list-private.h"
#include "mr-fill-model.h"
#include "mr-gui-util.h"
#include "mr-problem-index.h"

#define PREVIEW_DELAY_MS 300
#define MAX_SIMILAR 4

struct _MrDomainList
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkWidget          *entry_box;
  GtkEntry           *entry;
  GtkWidget          *add_button;
  GtkWidget          *preview_box;
  GtkImage           *preview_icon;
  GtkLabel           *preview_label;
  GtkLabel           *title_label;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkListView        *list_view;

  MrOrder            *order;
  GtkMultiSelection  *selection;
  MrFillModel        *fill;       /* what the list view shows of the selection */
  MrOrderItem        *current;    /* the one the editor shows while many are selected */
  GtkWidget          *select_button;
  GtkRevealer        *selection_revealer;
  GtkLabel           *selection_label;
  MrDomainChecker    *checker;
  MrApiClient        *client;
  GCancellable       *cancellable;
  MrOrderType         order_type;

  MrOrderSession     *session;
  GSignalGroup       *session_signals;
  MrProblemIndex     *index;      /* the session's shown problems by domain key */
  GHashTable         *rows;       /* key -> GPtrArray of the MrDomainRow bound to it */
  GHashTable         *stale;      /* MrDomainRow (bound) that put off an update */
  guint               stale_tick;
  gint64              range_frame; /* the frame shown_range() was found for */
  guint               range_first;
  guint               range_last;
  GHashTable         *similar;    /* key -> GStrv (NULL while asked) */

  char               *preview_domain;
  guint               preview_id;
  guint               selecting : 1;
};

enum {
  PROP_0,
  PROP_SELECTED_ITEM,
  PROP_N_SELECTED,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  REMOVE_REQUESTED,
  DOMAINS_SKIPPED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MrDomainList, mr_domain_list, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* rows off screen by more than this many rows put off their updates (a
 * change of every domain, such as the problems of a 1,000-domain paste,
 * lays out in its frame only the rows on screen: each costs about as much
 * as when it was made) */
#define NEAR_ROWS  2
/* rows brought up to date a frame besides those coming near, nearest
 * first: the screen above and below within a few frames */
#define STALE_STEP 8

typedef void (*RowUpdate) (MrDomainRow *row);

static MrRowUpdate
update_kind (RowUpdate update)
{
  if (update == _mr_domain_row_update_item)
    return MR_ROW_UPDATE_ITEM;
  if (update == _mr_domain_row_update_status)
    return MR_ROW_UPDATE_STATUS;
  if (update == _mr_domain_row_update_problems)
    return MR_ROW_UPDATE_PROBLEMS;
  return MR_ROW_UPDATE_SUGGESTIONS;
}

/* where the list shows @row (bind_row_cb() notes its list item) */
static guint
row_position (MrDomainRow *row)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (row), "mr-list-item");

  return list_item != NULL ? gtk_list_item_get_position (list_item) : GTK_INVALID_LIST_POSITION;
}

/* Whether @row is on screen: a GtkListView maps every row it keeps, and
 * places those off screen outside its own area. */
static gboolean
row_is_shown (MrDomainList *self,
              MrDomainRow  *row)
{
  GtkWidget *list_view = GTK_WIDGET (self->list_view);
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (GTK_WIDGET (row)) ||
      !gtk_widget_compute_bounds (GTK_WIDGET (row), list_view, &bounds))
    return FALSE;

  /* a row not placed yet has no height */
  return bounds.size.height > 0 &&
         bounds.origin.y + bounds.size.height > 0 &&
         bounds.origin.y < gtk_widget_get_height (list_view);
}

/* The positions of the rows on screen, found once a frame. */
static void
shown_range (MrDomainList *self,
             guint        *first,
             guint        *last)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view));
  gint64 frame = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : -1;
  GHashTableIter iter;
  gpointer value;

  if (frame < 0 || frame != self->range_frame)
    {
      self->range_frame = frame;
      self->range_first = G_MAXUINT;
      self->range_last = 0;

      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          GPtrArray *rows = value;

          for (guint i = 0; i < rows->len; i++)
            {
              MrDomainRow *row = g_ptr_array_index (rows, i);
              guint position = row_position (row);

              if (position == GTK_INVALID_LIST_POSITION || !row_is_shown (self, row))
                continue;
              self->range_first = MIN (self->range_first, position);
              self->range_last = MAX (self->range_last, position);
            }
        }
    }

  *first = self->range_first;
  *last = self->range_last;
}

/* how many rows @row is from those on screen (0: it is one of them) */
static guint
row_distance (MrDomainList *self,
              MrDomainRow  *row)
{
  guint first, last, position;

  shown_range (self, &first, &last);
  position = row_position (row);
  if (first > last || position == GTK_INVALID_LIST_POSITION)
    return 0;

  if (position < first)
    return first - position;
  if (position > last)
    return position - last;
  return 0;
}

/* the rows on screen, and a few more */
static guint
near_rows (MrDomainList *self)
{
  return NEAR_ROWS;
}

gboolean
_mr_domain_list_row_is_near (MrDomainList *self,
                             MrDomainRow  *row)
{
  g_assert (MR_IS_DOMAIN_LIST (self));

  /* a list not on screen lays out nothing: its rows update as they did */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    return TRUE;

  return row_distance (self, row) <= near_rows (self);
}

typedef struct
{
  MrDomainRow *row;
  guint        distance;
} StaleRow;

static int
compare_stale (gconstpointer a,
               gconstpointer b)
{
  const StaleRow *x = a;
  const StaleRow *y = b;

  return (x->distance > y->distance) - (x->distance < y->distance);
}

/* Before each frame is laid out: the rows that came near are brought up
 * to date, and the nearest few of the others. */
static gboolean
stale_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  MrDomainList *self = user_data;
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (StaleRow));
  guint near = near_rows (self);
  GHashTableIter iter;
  gpointer key;
  guint n_far = 0;

  g_hash_table_iter_init (&iter, self->stale);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      StaleRow row = { key, row_distance (self, key) };

      g_array_append_val (stale, row);
    }
  g_array_sort (stale, compare_stale);
  g_hash_table_remove_all (self->stale);

  for (guint i = 0; i < stale->len; i++)
    {
      StaleRow *row = &g_array_index (stale, StaleRow, i);

      if (row->distance <= near)
        _mr_domain_row_flush (row->row);
      else if (n_far < STALE_STEP)
        n_far += _mr_domain_row_flush (row->row);
      else
        g_hash_table_add (self->stale, row->row);
    }

  if (g_hash_table_size (self->stale) > 0)
    return G_SOURCE_CONTINUE;

  self->stale_tick = 0;
  return G_SOURCE_REMOVE;
}

void
_mr_domain_list_defer_row (MrDomainList *self,
                           MrDomainRow  *row,
                           MrRowUpdate   what)
{
  g_assert (MR_IS_DOMAIN_LIST (self));

  _mr_domain_row_defer (row, what);
  g_hash_table_add (self->stale, row);
  if (self->stale_tick == 0)
    self->stale_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                     stale_tick_cb, self, NULL);
}

static void
update_row (MrDomainList *self,
            MrDomainRow  *row,
            RowUpdate     update)
{
  if (_mr_domain_list_row_is_near (self, row))
    update (row);
  else
    _mr_domain_list_defer_row (self, row, update_kind (update));
}

/* what changed for one domain reaches only its rows */
static void
update_rows_for (MrDomainList *self,
                 const char   *key,
                 RowUpdate     update)
{
  GPtrArray *rows;

  if (key == NULL)
    return;

  rows = g_hash_table_lookup (self->rows, key);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    update_row (self, g_ptr_array_index (rows, i), update);
}

static void
update_all_rows (MrDomainList *self,
                 RowUpdate     update)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  /* an update may move a row to another key: walk a copy */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *rows = value;

      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (rows, i)));
    }

  for (guint i = 0; i < all->len; i++)
    update_row (self, g_ptr_array_index (all, i), update);
}

static void
problems_changed_cb (MrDomainList       *self,
                     const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    update_rows_for (self, keys[i], _mr_domain_row_update_problems);
}

static void
session_checker_cb (MrDomainList *self)
{
  mr_domain_list_set_checker (self, mr_order_session_get_checker (self->session));
}

static void
update_count (MrDomainList *self)
{
  guint n_items = 0;
  guint n_accounts = 0;
  g_autofree char *domains = NULL;
  g_autofree char *mailboxes = NULL;
  g_autofree char *text = NULL;

  if (self->order != NULL)
    {
      n_items = mr_order_get_n_items (self->order);
      n_accounts = mr_order_get_n_accounts (self->order);
    }

  domains = g_strdup_printf (ngettext ("%u domain", "%u domains", n_items), n_items);
  mailboxes = g_strdup_printf (ngettext ("%u mailbox", "%u mailboxes", n_accounts), n_accounts);
  /* Translators: "3 domains · 12 mailboxes" */
  text = g_strdup_printf (_("%s · %s"), domains, mailboxes);
  gtk_label_set_label (self->count_label, n_items > 0 ? text : "");
  gtk_stack_set_visible_child_name (self->list_stack, n_items > 0 ? "list" : "empty");
}

static void
order_changed_cb (MrDomainList *self)
{
  update_count (self);
}

static guint
count_selected (MrDomainList *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint) gtk_bitset_get_size (selected);
}

static void
update_selection_bar (MrDomainList *self)
{
  guint n = count_selected (self);
  gboolean mode = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->select_button));
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
  guint n = count_selected (self);

  update_selection_bar (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);

  /* with many selected, the editor stays on the one it shows */
  if (n > 1)
    return;

  item = mr_domain_list_get_selected_item (self);
  g_set_object (&self->current, item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);

  if (self->selecting)
    return;

  if (item != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);

  item = mr_domain_list_get_selected_item (self);
  if (item == self->current)
    return;

  g_set_object (&self->current, item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
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

  if (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->select_button)) ||
      self->order == NULL)
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
 * Without this GTK 4.8 stops at every row and every button in it (GTK
 * 4.12 calls this GTK_LIST_TAB_ITEM). */
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
  for (GtkWidget *w = focus; w != NULL && w != list_view; w = gtk_widget_get_parent (w))
    if (MR_IS_DOMAIN_ROW (w))
      row = w;
  if (row == NULL)
    for (GtkWidget *child = gtk_widget_get_first_child (focus); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (MR_IS_DOMAIN_ROW (child))
        row = child;
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

static gboolean
in_selection_mode (MrDomainList *self)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->select_button));
}

/* every row shown says whether it is selected: a check in selection mode */
static void
update_row_selected (MrDomainList *self,
                     GtkListItem  *list_item)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  if (MR_IS_DOMAIN_ROW (row))
    _mr_domain_row_set_selected (MR_DOMAIN_ROW (row), in_selection_mode (self),
                                 gtk_list_item_get_selected (list_item));
}

static void
list_item_selected_cb (GtkListItem  *list_item,
                       GParamSpec   *pspec,
                       MrDomainList *self)
{
  update_row_selected (self, list_item);
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
                                                    "mr-list-item");

        if (list_item != NULL)
          update_row_selected (self, list_item);
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
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              MrDomainList             *self)
{
  gtk_list_item_set_child (list_item, mr_domain_row_new ());
  g_signal_connect_object (list_item, "notify::selected",
                           G_CALLBACK (list_item_selected_cb), self, 0);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             MrDomainList             *self)
{
  MrDomainRow *row = MR_DOMAIN_ROW (gtk_list_item_get_child (list_item));

  g_object_set_data (G_OBJECT (row), "mr-list-item", list_item);
  mr_domain_row_bind (row, gtk_list_item_get_item (list_item), self);
  update_row_selected (self, list_item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               MrDomainList             *self)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "mr-list-item", NULL);
  mr_domain_row_unbind (MR_DOMAIN_ROW (gtk_list_item_get_child (list_item)));
}

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

static void
update_preview (MrDomainList *self)
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
  update_preview (self);

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

static void
checker_status_changed_cb (MrDomainChecker *checker,
                           const char      *domain,
                           int              status,
                           MrDomainList    *self)
{
  if (self->preview_domain != NULL && g_strcmp0 (domain, self->preview_domain) == 0)
    update_preview (self);

  if (domain == NULL)
    update_all_rows (self, _mr_domain_row_update_status);
  else
    update_rows_for (self, domain, _mr_domain_row_update_status);
}

typedef struct
{
  MrDomainList *self;
  char         *key;
} SimilarRequest;

static void
similar_request_free (SimilarRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->key);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimilarRequest, similar_request_free)

static void
similar_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SimilarRequest) request = user_data;
  MrDomainList *self = request->self;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = NULL;
  GStrv kept;
  guint n;

  domains = mr_api_client_similar_domains_finish (MR_API_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      MR_API_CLIENT (source) != self->client ||
      !g_hash_table_contains (self->similar, request->key))
    return;

  if (error != NULL)
    g_debug ("No similar domains for %s: %s", request->key, error->message);

  n = domains ? MIN (g_strv_length (domains), MAX_SIMILAR) : 0;
  kept = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    kept[i] = g_strdup (domains[i]);

  g_hash_table_replace (self->similar, g_strdup (request->key), kept);
  update_rows_for (self, request->key, _mr_domain_row_update_suggestions);
}

static void
mr_domain_list_dispose (GObject *object)
{
  MrDomainList *self = MR_DOMAIN_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->preview_id, g_source_remove);

  if (self->stale_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->stale_tick);
  self->stale_tick = 0;
  if (self->stale != NULL)
    g_hash_table_remove_all (self->stale);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MR_TYPE_DOMAIN_LIST);

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  if (self->index != NULL)
    g_signal_handlers_disconnect_by_data (self->index, self);
  g_clear_object (&self->index);

  g_clear_object (&self->fill);
  g_clear_object (&self->selection);
  g_clear_object (&self->current);
  g_clear_object (&self->order);
  g_clear_object (&self->checker);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mr_domain_list_parent_class)->dispose (object);
}

static void
mr_domain_list_finalize (GObject *object)
{
  MrDomainList *self = MR_DOMAIN_LIST (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_pointer (&self->similar, g_hash_table_unref);
  g_clear_pointer (&self->preview_domain, g_free);

  G_OBJECT_CLASS (mr_domain_list_parent_class)->finalize (object);
}

static void
mr_domain_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MrDomainList *self = MR_DOMAIN_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ITEM:
      g_value_set_object (value, mr_domain_list_get_selected_item (self));
      break;

    case PROP_N_SELECTED:
      g_value_set_uint (value, count_selected (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MrDomainList *self = MR_DOMAIN_LIST (widget);
  guint position = mr_domain_list_get_selected (self);

  if (position != GTK_INVALID_LIST_POSITION)
    g_signal_emit (self, signals[REMOVE_REQUESTED], 0, position);
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

static void
mr_domain_list_class_init (MrDomainListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_domain_list_dispose;
  object_class->finalize = mr_domain_list_finalize;
  object_class->get_property = mr_domain_list_get_property;

  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL,
                         MR_TYPE_ORDER_ITEM,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MR_TYPE_ORDER_ITEM);
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* added text named domains already in the order, or twice: how many */
  signals[DOMAINS_SKIPPED] =
    g_signal_new ("domains-skipped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mailroom/Mailroom/mr-domain-list.ui");
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, box);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, entry_box);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, entry);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, add_button);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, preview_box);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, preview_icon);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, preview_label);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, title_label);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, count_label);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, list_view);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, select_button);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, selection_label);
  gtk_widget_class_bind_template_callback (widget_class, select_toggled_cb);
  gtk_widget_class_install_action (widget_class, "list.select-all-domains", NULL,
                                   select_all_action);
  gtk_widget_class_install_action (widget_class, "list.select-none", NULL, select_none_action);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "list.remove-selected", NULL,
                                   remove_selected_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (MR_TYPE_DOMAIN_ROW);
  g_type_ensure (MR_TYPE_EMPTY_PAGE);
}

static void
mr_domain_list_init (MrDomainList *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkGesture *click;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)), "insert-text",
                           G_CALLBACK (entry_insert_text_cb), self, 0);

  self->order_type = MR_ORDER_TYPE_DFY;
  self->cancellable = g_cancellable_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  self->stale = g_hash_table_new (NULL, NULL);
  self->range_frame = -1;
  self->index = mr_problem_index_new ();
  g_signal_connect_object (self->index, "domains-changed",
                           G_CALLBACK (problems_changed_cb), self, G_CONNECT_SWAPPED);
  self->session_signals = g_signal_group_new (MR_TYPE_ORDER_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::checker",
                                 G_CALLBACK (session_checker_cb), self, G_CONNECT_SWAPPED);
  self->similar = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_strfreev);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  /* Ctrl- and Shift-click and Ctrl+A select many; one selected is edited */
  self->selection = gtk_multi_selection_new (NULL);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  /* removed items leave the selection without "selection-changed" */
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (selection_items_changed_cb), self, G_CONNECT_SWAPPED);
  /* a paste of many shows its rows over a few frames */
  self->fill = mr_fill_model_new (GTK_SELECTION_MODEL (self->selection),
                                  GTK_WIDGET (self->list_view));
  mr_fill_model_set_end_first (self->fill, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->fill));

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (selection_click_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

  /* Delete where the list has the focus; in a text field it edits the text */
  gtk_widget_add_controller (GTK_WIDGET (self->list_view),
                             mr_delete_shortcut_controller_new ("list.remove-selected"));

  update_count (self);

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_fix_template (GTK_WIDGET (self));
}

GtkWidget *
mr_domain_list_new (void)
{
  return g_object_new (MR_TYPE_DOMAIN_LIST, NULL);
}

void
mr_domain_list_set_order (MrDomainList *self,
                          MrOrder      *order)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));
  g_return_if_fail (order == NULL || MR_IS_ORDER (order));

  if (self->order == order)
    return;

  if (self->order != NULL)
    g_signal_handlers_disconnect_by_data (self->order, self);

  g_set_object (&self->order, order);
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (order));

  if (order != NULL)
    g_signal_connect_object (order, "changed", G_CALLBACK (order_changed_cb), self,
                             G_CONNECT_SWAPPED);

  update_count (self);
}

void
mr_domain_list_set_checker (MrDomainList    *self,
                            MrDomainChecker *checker)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  if (self->checker == checker)
    return;

  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);

  g_set_object (&self->checker, checker);

  if (checker != NULL)
    g_signal_connect_object (checker, "status-changed",
                             G_CALLBACK (checker_status_changed_cb), self, 0);

  /* rows bound before the checker came ask it now */
  update_all_rows (self, _mr_domain_row_update_status);
}

MrDomainChecker *
mr_domain_list_get_checker (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  return self->checker;
}

void
mr_domain_list_set_client (MrDomainList *self,
                           MrApiClient  *client)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  if (self->client == client)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_set_object (&self->client, client);
  g_hash_table_remove_all (self->similar);

  update_all_rows (self, _mr_domain_row_update_suggestions);
}

void
mr_domain_list_set_order_type (MrDomainList *self,
                               MrOrderType   order_type)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  self->order_type = order_type;
  gtk_widget_set_visible (self->entry_box, order_type == MR_ORDER_TYPE_DFY);

  switch (order_type)
    {
    case MR_ORDER_TYPE_PRE_WARMED_UP:
      gtk_label_set_label (self->title_label, _("Chosen Domains"));
      g_object_set (gtk_stack_get_child_by_name (self->list_stack, "empty"),
                    "description", _("Add pre-warmed domains from the list above"),
                    NULL);
      break;

    case MR_ORDER_TYPE_EXTRA_ACCOUNTS:
      gtk_label_set_label (self->title_label, _("Domains"));
      g_object_set (gtk_stack_get_child_by_name (self->list_stack, "empty"),
                    "description", _("Choose a domain you already own above"),
                    NULL);
      break;

    case MR_ORDER_TYPE_DFY:
    default:
      gtk_label_set_label (self->title_label, _("Domains"));
      g_object_set (gtk_stack_get_child_by_name (self->list_stack, "empty"),
                    "description", _("Type a domain above, or paste a whole list"),
                    NULL);
      break;
    }

  /* what a row says of its mailboxes and whether it is checked */
  update_all_rows (self, _mr_domain_row_update_item);
  update_all_rows (self, _mr_domain_row_update_status);
}

MrOrderType
mr_domain_list_get_order_type (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), MR_ORDER_TYPE_DFY);

  return self->order_type;
}

gboolean
mr_domain_list_get_check_availability (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), FALSE);

  return self->order_type == MR_ORDER_TYPE_DFY && self->checker != NULL;
}

void
mr_domain_list_set_session (MrDomainList   *self,
                            MrOrderSession *session)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));
  g_return_if_fail (session == NULL || MR_IS_ORDER_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  mr_domain_list_set_order (self, session != NULL ? mr_order_session_get_order (session) : NULL);
  mr_domain_list_set_checker (self, session != NULL ? mr_order_session_get_checker (session) : NULL);
  mr_problem_index_set_session (self->index, session);
}

MrOrderSession *
mr_domain_list_get_session (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  return self->session;
}

MrProblemIndex *
mr_domain_list_get_problem_index (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  return self->index;
}

GPtrArray *
mr_domain_list_get_problems_for (MrDomainList *self,
                                 const char   *normalized_domain)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  return mr_problem_index_lookup (self->index, normalized_domain);
}

const char * const *
mr_domain_list_lookup_similar (MrDomainList *self,
                               const char   *normalized_domain)
{
  SimilarRequest *request;
  gpointer value = NULL;

  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  if (normalized_domain == NULL || self->client == NULL)
    return NULL;

  if (g_hash_table_lookup_extended (self->similar, normalized_domain, NULL, &value))
    return (const char * const *) value;

  request = g_new0 (SimilarRequest, 1);
  request->self = g_object_ref (self);
  request->key = g_strdup (normalized_domain);

  g_hash_table_insert (self->similar, g_strdup (normalized_domain), NULL);
  mr_api_client_similar_domains_async (self->client, normalized_domain, NULL,
                                       self->cancellable, similar_cb, request);
  return NULL;
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

/* The rows of the items around @position come up to date before the list
 * jumps there (the list lays them out in the frame of the jump). */
static void
flush_rows_around (MrDomainList *self,
                   guint         position)
{
  guint n = mr_order_get_n_items (self->order);
  guint span = gtk_widget_get_height (GTK_WIDGET (self->list_view)) / 32 + 2;
  guint start = position > span ? position - span : 0;

  if (g_hash_table_size (self->stale) == 0)
    return;

  for (guint i = start; i < n && i <= position + span; i++)
    {
      g_autofree char *key = mr_domain_key (mr_order_item_get_domain (mr_order_get_item (self->order, i)));
      GPtrArray *rows = g_hash_table_lookup (self->rows, key);

      for (guint j = 0; rows != NULL && j < rows->len; j++)
        _mr_domain_row_flush (g_ptr_array_index (rows, j));
    }
}

static void
select_position (MrDomainList *self,
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
  shown = mr_fill_model_to_shown (self->fill, position);
  if (shown == GTK_INVALID_LIST_POSITION)
    {
      mr_fill_model_finish (self->fill);
      shown = mr_fill_model_to_shown (self->fill, position);
    }
  if (shown != GTK_INVALID_LIST_POSITION)
    {
      flush_rows_around (self, position);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item",
                                  "u", shown);
    }
}

void
mr_domain_list_select (MrDomainList *self,
                       guint         position)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  select_position (self, position, TRUE);
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
    g_signal_emit (self, signals[DOMAINS_SKIPPED], 0, n_skipped);

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

  select_position (self, first + items->len - 1, on_screen);

  return items->len;
}

void
mr_domain_list_request_remove (MrDomainList *self,
                               MrOrderItem  *item)
{
  guint n;

  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  if (self->order == NULL)
    return;

  n = mr_order_get_n_items (self->order);
  for (guint i = 0; i < n; i++)
    {
      if (mr_order_get_item (self->order, i) == item)
        {
          g_signal_emit (self, signals[REMOVE_REQUESTED], 0, i);
          return;
        }
    }
}

GtkWidget *
mr_domain_list_get_list_view (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  return GTK_WIDGET (self->list_view);
}

void
_mr_domain_list_rekey_row (MrDomainList *self,
                           MrDomainRow  *row,
                           const char   *old_key,
                           const char   *new_key)
{
  GPtrArray *rows;

  g_assert (MR_IS_DOMAIN_LIST (self));
  g_assert (MR_IS_DOMAIN_ROW (row));

  if (old_key != NULL && (rows = g_hash_table_lookup (self->rows, old_key)) != NULL)
    {
      g_ptr_array_remove_fast (rows, row);
      if (rows->len == 0)
        g_hash_table_remove (self->rows, old_key);
    }

  if (new_key == NULL)
    {
      g_hash_table_remove (self->stale, row);
      return;
    }

  rows = g_hash_table_lookup (self->rows, new_key);
  if (rows == NULL)
    {
      rows = g_ptr_array_new ();
      g_hash_table_insert (self->rows, g_strdup (new_key), rows);
    }
  g_ptr_array_add (rows, row);
}
