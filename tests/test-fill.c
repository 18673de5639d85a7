/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A large insertion shown over a few frames (mr-fill-model.h): the model
 * against a GListStore in a shown GtkListView, edits and selection while
 * it fills; then the window with 1,000 domains pasted: the first frame
 * makes the rows of one screen, the rest come over the next frames, and
 * every domain is reachable in the end. */

#include "config.h"

#include <string.h>

#include "mr-account-editor.h"
#include "mr-domain-row.h"
#include "mr-fill-model.h"
#include "mr-test-util.h"
#include "mr-ui-test-util.h"
#include "mr-window-private.h"

#define WAIT_MS 30000
/* what one frame may show of an insertion: a screen of rows, not the 200
 * a GtkListView keeps around its anchor */
#define MAX_FIRST 64
#define MAX_STEP  8
/* rows of a screen: the test window is 760 px tall */
#define SCREEN    32

static MrApplication *the_app;

/* ---- the model ---- */

typedef struct
{
  GtkWidget         *window;
  GtkWidget         *view;
  GListStore        *store;
  GtkMultiSelection *selection;
  MrFillModel       *fill;
  GPtrArray         *mirror;   /* what the fill model's signals said it holds */
  GArray            *added;    /* guint: "added" of each of its changes */
  guint              next_name;
} ModelFixture;

static void
mirror_cb (GListModel   *model,
           guint         position,
           guint         removed,
           guint         added,
           ModelFixture *fixture)
{
  g_assert_cmpuint (position + removed, <=, fixture->mirror->len);
  g_ptr_array_remove_range (fixture->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (fixture->mirror, position + i, g_list_model_get_item (model, position + i));
  g_array_append_val (fixture->added, added);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, gtk_label_new (NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       gtk_string_object_get_string (gtk_list_item_get_item (list_item)));
}

static void
model_set_up (ModelFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  fixture->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  fixture->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (fixture->store)));
  fixture->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->added = g_array_new (FALSE, FALSE, sizeof (guint));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  fixture->view = gtk_list_view_new (NULL, g_object_ref (factory));
  fixture->fill = mr_fill_model_new (GTK_SELECTION_MODEL (fixture->selection), fixture->view);
  mr_fill_model_set_end_first (fixture->fill, TRUE);
  g_signal_connect (fixture->fill, "items-changed", G_CALLBACK (mirror_cb), fixture);
  gtk_list_view_set_model (GTK_LIST_VIEW (fixture->view), GTK_SELECTION_MODEL (fixture->fill));

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 300, 400);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), fixture->view);
  gtk_window_set_child (GTK_WINDOW (fixture->window), scroller);
  gtk_window_present (GTK_WINDOW (fixture->window));
  mr_ui_wait_drawn (fixture->view, 2);
}

static void
model_tear_down (ModelFixture  *fixture,
                 gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_signal_handlers_disconnect_by_data (fixture->fill, fixture);
  g_clear_object (&fixture->fill);
  g_clear_object (&fixture->selection);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->mirror, g_ptr_array_unref);
  g_clear_pointer (&fixture->added, g_array_unref);
  mr_test_spin (50);
}

static GtkStringObject **
new_items (ModelFixture *fixture,
           guint         n)
{
  GtkStringObject **items = g_new0 (GtkStringObject *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("item-%u", fixture->next_name++);

      items[i] = gtk_string_object_new (name);
    }

  return items;
}

static void
splice (ModelFixture *fixture,
        guint         position,
        guint         removed,
        guint         added)
{
  GtkStringObject **items = new_items (fixture, added);

  g_list_store_splice (fixture->store, position, removed, (gpointer *) items, added);
  for (guint i = 0; i < added; i++)
    g_object_unref (items[i]);
  g_free (items);
}

/* What the list was told is what the model holds, in the store's order,
 * with only one run of the store held back; all of it once filled. */
static void
check (ModelFixture *fixture)
{
  GListModel *fill = G_LIST_MODEL (fixture->fill);
  guint n = g_list_model_get_n_items (fill);
  guint n_store = g_list_model_get_n_items (G_LIST_MODEL (fixture->store));
  guint previous = 0;
  guint n_gaps = 0;

  g_assert_cmpuint (n, ==, fixture->mirror->len);
  g_assert_cmpuint (n, <=, n_store);
  if (!mr_fill_model_get_filling (fixture->fill))
    g_assert_cmpuint (n, ==, n_store);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (fill, i);
      g_autoptr(GObject) stored = NULL;
      guint position = mr_fill_model_to_model (fixture->fill, i);

      g_assert_true (item == g_ptr_array_index (fixture->mirror, i));
      g_assert_cmpuint (position, <, n_store);
      stored = g_list_model_get_item (G_LIST_MODEL (fixture->store), position);
      g_assert_true (item == stored);
      g_assert_cmpuint (mr_fill_model_to_shown (fixture->fill, position), ==, i);
      if (i > 0)
        {
          g_assert_cmpuint (position, >, previous);
          if (position > previous + 1)
            n_gaps++;
        }
      else if (position > 0)
        n_gaps++;
      previous = position;
    }
  if (n > 0 && previous + 1 < n_store)
    n_gaps++;
  g_assert_null (g_list_model_get_item (fill, n));

  g_assert_cmpuint (n_gaps, <=, 1);
}

typedef struct
{
  guint frames;
} Frames;

static void
count_frame_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  frames->frames++;
}

static gboolean
frames_passed (gpointer data)
{
  return ((Frames *) data)->frames > 0;
}

/* lets the list paint one frame */
static void
next_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  Frames frames = { 0 };
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &frames);
  gtk_widget_queue_draw (widget);
  mr_test_wait_until (frames_passed, &frames, WAIT_MS);
  g_signal_handler_disconnect (clock, id);
}

/* fills frame by frame, checking each; returns how many frames it took */
static guint
fill_up (ModelFixture *fixture)
{
  guint n_frames = 0;

  while (mr_fill_model_get_filling (fixture->fill))
    {
      g_assert_cmpuint (n_frames, <, 500);
      next_frame (fixture->view);
      check (fixture);
      n_frames++;
    }

  return n_frames;
}

static guint
n_rows (GtkWidget *view)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (gtk_widget_get_first_child (child)))
      n++;

  return n;
}

/* 1,000 added at the end: the end of them first, a step a frame */
static void
test_append (ModelFixture  *fixture,
             gconstpointer  data)
{
  GListModel *fill = G_LIST_MODEL (fixture->fill);
  g_autoptr(GObject) last = NULL;
  g_autoptr(GObject) shown_last = NULL;
  guint n_first, n_frames;

  splice (fixture, 0, 0, 3);
  check (fixture);
  g_assert_false (mr_fill_model_get_filling (fixture->fill));
  g_assert_cmpuint (g_list_model_get_n_items (fill), ==, 3);

  g_array_set_size (fixture->added, 0);
  splice (fixture, 3, 0, 1000);
  check (fixture);
  g_assert_true (mr_fill_model_get_filling (fixture->fill));
  n_first = g_list_model_get_n_items (fill) - 3;
  g_assert_cmpuint (n_first, >=, 400 / 53);
  g_assert_cmpuint (n_first, <=, MAX_FIRST);

  /* the last one added is shown, next to the three that were there */
  last = g_list_model_get_item (G_LIST_MODEL (fixture->store), 1002);
  shown_last = g_list_model_get_item (fill, g_list_model_get_n_items (fill) - 1);
  g_assert_true (last == shown_last);
  g_assert_cmpuint (mr_fill_model_to_model (fixture->fill, 3), ==, 1003 - n_first);
  g_assert_cmpuint (mr_fill_model_to_shown (fixture->fill, 3), ==, GTK_INVALID_LIST_POSITION);

  /* the first frame makes the rows of what is shown, not 200 */
  next_frame (fixture->view);
  g_assert_cmpuint (n_rows (fixture->view), <=, 3 + n_first + MAX_STEP + 4);

  n_frames = 1 + fill_up (fixture);
  g_assert_cmpuint (n_frames, >=, 200 / MAX_STEP);
  g_assert_cmpuint (g_list_model_get_n_items (fill), ==, 1003);

  /* a step a frame while the list could make rows for them */
  for (guint i = 1, total = n_first; i < fixture->added->len && total < 200; i++)
    {
      g_assert_cmpuint (g_array_index (fixture->added, guint, i), <=, MAX_STEP);
      total += g_array_index (fixture->added, guint, i);
    }
}

/* paused while it fills: the next frame shows no more, the one after goes
 * on; paused when nothing is held back, nothing changes */
static void
test_pause (ModelFixture  *fixture,
            gconstpointer  data)
{
  GListModel *fill = G_LIST_MODEL (fixture->fill);
  guint n_first, n;

  mr_fill_model_pause (fixture->fill);
  splice (fixture, 0, 0, 1000);
  g_assert_true (mr_fill_model_get_filling (fixture->fill));
  next_frame (fixture->view);
  n_first = g_list_model_get_n_items (fill);

  mr_fill_model_pause (fixture->fill);
  next_frame (fixture->view);
  check (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fill), ==, n_first);
  g_assert_true (mr_fill_model_get_filling (fixture->fill));

  next_frame (fixture->view);
  check (fixture);
  n = g_list_model_get_n_items (fill);
  g_assert_cmpuint (n, >, n_first);
  g_assert_cmpuint (n, <=, n_first + MAX_STEP);

  fill_up (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fill), ==, 1000);
  mr_fill_model_pause (fixture->fill);
  g_assert_false (mr_fill_model_get_filling (fixture->fill));
  splice (fixture, 1000, 0, 2);
  g_assert_cmpuint (g_list_model_get_n_items (fill), ==, 1002);
}

/* 500 inserted in the middle: their start first, the items after them stay */
static void
test_insert_middle (ModelFixture  *fixture,
                    gconstpointer  data)
{
  GListModel *fill = G_LIST_MODEL (fixture->fill);
  g_autoptr(GObject) after = NULL;
  g_autoptr(GObject) shown_after = NULL;

  splice (fixture, 0, 0, 10);
  splice (fixture, 4, 0, 500);
  check (fixture);
  g_assert_true (mr_fill_model_get_filling (fixture->fill));
  g_assert_cmpuint (mr_fill_model_to_model (fixture->fill, 4), ==, 4);
  g_assert_cmpuint (mr_fill_model_to_model (fixture->fill, 5), ==, 5);

  /* the sixth that was there is still the last shown */
  after = g_list_model_get_item (G_LIST_MODEL (fixture->store), 509);
  shown_after = g_list_model_get_item (fill, g_list_model_get_n_items (fill) - 1);
  g_assert_true (after == shown_after);

  fill_up (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fill), ==, 510);
}

/* Edits of every kind while it fills land where they belong: removals and
 * insertions before, inside and after what is held back, large ones,
 * clearing all; each checked against the store, frame after frame. */
static void
test_edits (ModelFixture  *fixture,
            gconstpointer  data)
{
  splice (fixture, 0, 0, 20);

  for (guint round = 0; round < 400; round++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->store));
      guint op = g_test_rand_int_range (0, 20);
      guint position = g_test_rand_int_range (0, n + 1);
      guint wanted = g_test_rand_int_range (0, 6);
      guint removed = MIN (n - position, wanted);

      if (op < 6)
        splice (fixture, position, removed, 0);
      else if (op < 11)
        splice (fixture, position, 0, g_test_rand_int_range (1, 6));
      else if (op < 13)
        splice (fixture, position, removed, g_test_rand_int_range (0, 6));
      else if (op < 15)
        splice (fixture, position, removed, g_test_rand_int_range (60, 600));
      else if (op == 15)
        splice (fixture, 0, n, g_test_rand_int_range (0, 2) ? 300 : 0);
      else
        next_frame (fixture->view);

      check (fixture);
    }

  fill_up (fixture);
  check (fixture);

  mr_fill_model_finish (fixture->fill);
  check (fixture);
}

typedef struct
{
  guint position;
  guint n_items;
  guint count;
} Changed;

static void
selection_changed_cb (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      Changed           *changed)
{
  changed->position = position;
  changed->n_items = n_items;
  changed->count++;
}

static guint64
n_selected (GtkSelectionModel *model)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);

  return gtk_bitset_get_size (selected);
}

/* Selecting through the list selects in the model, the held-back items
 * included where a range spans them. */
static void
test_selection (ModelFixture  *fixture,
                gconstpointer  data)
{
  GtkSelectionModel *fill = GTK_SELECTION_MODEL (fixture->fill);
  GtkSelectionModel *model = GTK_SELECTION_MODEL (fixture->selection);
  g_autoptr(GtkBitset) shown = NULL;
  g_autoptr(GtkBitset) mask = NULL;
  g_autoptr(GtkBitset) none = NULL;
  Changed changed = { 0 };
  guint n_shown, n_held;

  splice (fixture, 0, 0, 5);
  splice (fixture, 5, 0, 1000);
  g_assert_true (mr_fill_model_get_filling (fixture->fill));
  n_shown = g_list_model_get_n_items (G_LIST_MODEL (fill));
  n_held = 1005 - n_shown;
  g_signal_connect (fill, "selection-changed", G_CALLBACK (selection_changed_cb), &changed);

  /* "Select All" is all of the order */
  g_assert_true (gtk_selection_model_select_all (fill));
  g_assert_cmpuint (n_selected (model), ==, 1005);
  g_assert_cmpuint (n_selected (fill), ==, n_shown);
  g_assert_true (gtk_selection_model_unselect_all (fill));
  g_assert_cmpuint (n_selected (model), ==, 0);

  /* the fifth and the first shown of the paste: all that lies between */
  g_assert_true (gtk_selection_model_select_range (fill, 4, 2, TRUE));
  g_assert_cmpuint (n_selected (model), ==, n_held + 2);
  g_assert_true (gtk_selection_model_is_selected (model, 5));
  g_assert_true (gtk_selection_model_is_selected (fill, 5));
  g_assert_false (gtk_selection_model_is_selected (fill, 3));
  g_assert_false (gtk_selection_model_is_selected (fill, 6));
  g_assert_true (gtk_selection_model_unselect_range (fill, 4, 2));
  g_assert_cmpuint (n_selected (model), ==, 0);

  /* one item, each way */
  g_assert_true (gtk_selection_model_select_item (fill, n_shown - 1, FALSE));
  g_assert_true (gtk_selection_model_is_selected (model, 1004));
  g_assert_true (gtk_selection_model_unselect_item (fill, n_shown - 1));

  /* what the model says changed, where the list shows it */
  changed.count = 0;
  gtk_selection_model_select_item (model, 10, FALSE);
  g_assert_cmpuint (changed.count, ==, 0);
  gtk_selection_model_select_item (model, 1003, FALSE);
  g_assert_cmpuint (changed.count, ==, 1);
  g_assert_cmpuint (changed.position, ==, n_shown - 2);
  g_assert_cmpuint (changed.n_items, ==, 1);
  gtk_selection_model_select_item (model, 1, FALSE);
  g_assert_cmpuint (changed.position, ==, 1);
  shown = gtk_selection_model_get_selection_in_range (fill, 0, n_shown);
  g_assert_cmpuint (gtk_bitset_get_size (shown), ==, 2);
  g_assert_true (gtk_bitset_contains (shown, 1));
  g_assert_true (gtk_bitset_contains (shown, n_shown - 2));

  /* a selection set over what is shown leaves the held-back items as they were */
  none = gtk_bitset_new_empty ();
  mask = gtk_bitset_new_range (0, n_shown);
  g_assert_true (gtk_selection_model_set_selection (fill, none, mask));
  g_assert_cmpuint (n_selected (model), ==, 1);
  g_assert_true (gtk_selection_model_is_selected (model, 10));

  /* the selection follows the items as they are shown */
  fill_up (fixture);
  g_assert_true (gtk_selection_model_is_selected (fill, 10));
  g_assert_cmpuint (n_selected (fill), ==, 1);
  g_signal_handlers_disconnect_by_data (fill, &changed);
}

/* ---- the window ---- */

typedef struct
{
  MrUiWindowFixture ui;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  mr_ui_window_fixture_set_up (&fixture->ui, the_app, "mailroom-fill-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mr_ui_window_fixture_tear_down (&fixture->ui);
}

static GPtrArray *
domain_rows (MrWindow *window)
{
  return mr_ui_find_all (GTK_WIDGET (window->domain_list), MR_TYPE_DOMAIN_ROW);
}

static MrDomainRow *
row_of (MrWindow   *window,
        const char *domain)
{
  g_autoptr(GPtrArray) rows = domain_rows (window);

  for (guint i = 0; i < rows->len; i++)
    {
      MrOrderItem *item = mr_domain_row_get_item (g_ptr_array_index (rows, i));

      if (item != NULL && g_strcmp0 (mr_order_item_get_domain (item), domain) == 0)
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

static void
count_class (GtkWidget  *widget,
             const char *css_class,
             guint      *n)
{
  if (gtk_widget_has_css_class (widget, css_class))
    (*n)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_class (child, css_class, n);
}

static GtkWidget *
price_list (MrWindow *window)
{
  GObject *view = mr_ui_template_child (window->pricing_panel, "items_view");

  g_assert_true (GTK_IS_LIST_VIEW (view));
  return GTK_WIDGET (view);
}

static guint
n_price_rows (MrWindow *window)
{
  guint n = 0;

  /* before its first quote the panel has no price list, so no rows */
  if (mr_ui_template_child (window->pricing_panel, "items_view") == NULL)
    return 0;

  count_class (price_list (window), "pricing-item", &n);
  return n;
}

static gboolean
quote_fresh (gpointer data)
{
  MrWindow *window = data;

  return mr_quote_scheduler_get_fresh_quote (mr_order_session_get_scheduler (window->session)) != NULL;
}

/* the domain list shows the same items as the order, in its order */
static void
assert_list_is_order (MrWindow *window)
{
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (
    GTK_LIST_VIEW (mr_domain_list_get_list_view (window->domain_list))));
  MrOrder *order = mr_order_session_get_order (window->session);
  guint n = mr_order_get_n_items (order);

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MrOrderItem) item = g_list_model_get_item (shown, i);

      g_assert_true (item == mr_order_get_item (order, i));
    }
}

/* a pasted list arrives in one change of the entry */
static void
paste (MrWindow           *window,
       const char * const *domains)
{
  GtkWidget *entry = mr_ui_find_first (GTK_WIDGET (window->domain_list), GTK_TYPE_ENTRY);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; domains[i] != NULL; i++)
    g_string_append_printf (text, "%s\n", domains[i]);
  gtk_editable_set_text (GTK_EDITABLE (entry), text->str);
}

typedef struct
{
  MrWindow      *window;
  const char    *domain;     /* the row that must be on screen */
  guint          n_rows;     /* domain rows in the frame */
  guint          n_prices;   /* price lines in the frame */
  gboolean       shown;      /* the row of @domain was drawn */
  GskRenderNode *node;       /* what the window drew */
  gboolean       waiting;    /* for the fresh quote: frames before it do not count */
  const char    *expect;     /* what the row's mailboxes line says in the frame */
  gboolean       up_to_date; /* it did */
  MrOrderItem   *editor_item; /* what the editor showed in the frame */
  gboolean       done;
} Probe;

static const char *
row_mailboxes_text (MrDomainRow *row)
{
  g_autoptr(GPtrArray) all = mr_ui_find_all (GTK_WIDGET (row), GTK_TYPE_INSCRIPTION);

  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (all, i), "numeric"))
      return gtk_inscription_get_text (g_ptr_array_index (all, i));

  return NULL;
}

static gboolean
probe_done (gpointer data)
{
  return ((Probe *) data)->done;
}

static void
probe_paint_cb (GdkFrameClock *clock,
                Probe         *probe)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  GtkWidget *widget = GTK_WIDGET (probe->window);
  MrDomainRow *row;

  if (probe->done || probe->waiting)
    return;

  probe->done = TRUE;
  probe->editor_item = mr_account_editor_get_item (MR_ACCOUNT_EDITOR (probe->window->account_editor));
  rows = domain_rows (probe->window);
  probe->n_rows = rows->len;
  probe->n_prices = n_price_rows (probe->window);

  /* drawn: mapped and inside the list's visible part */
  row = probe->domain != NULL ? row_of (probe->window, probe->domain) : NULL;
  if (row != NULL && probe->expect != NULL)
    probe->up_to_date = strstr (row_mailboxes_text (row), probe->expect) != NULL;
  if (row != NULL && gtk_widget_get_mapped (GTK_WIDGET (row)))
    {
      GtkWidget *view = mr_domain_list_get_list_view (probe->window->domain_list);
      graphene_rect_t bounds;

      probe->shown = gtk_widget_compute_bounds (GTK_WIDGET (row), view, &bounds) &&
                     bounds.origin.y >= 0 &&
                     bounds.origin.y + bounds.size.height <= gtk_widget_get_height (view) + 1;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  probe->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static void
quote_state_cb (MrQuoteScheduler *scheduler,
                GParamSpec       *pspec,
                Probe            *probe)
{
  if (mr_quote_scheduler_get_fresh_quote (scheduler) != NULL)
    probe->waiting = FALSE;
}

/* Watches the window's frames for the next one (with @waiting set: the
 * first after the fresh quote came) */
static void
probe_arm (Probe *probe)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (probe->window));
  MrQuoteScheduler *scheduler = mr_order_session_get_scheduler (probe->window->session);

  g_signal_connect (clock, "after-paint", G_CALLBACK (probe_paint_cb), probe);
  g_signal_connect (scheduler, "notify::state", G_CALLBACK (quote_state_cb), probe);
  gtk_widget_queue_draw (GTK_WIDGET (probe->window));
}

static void
probe_wait (Probe *probe)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (probe->window));
  MrQuoteScheduler *scheduler = mr_order_session_get_scheduler (probe->window->session);

  mr_test_wait_until (probe_done, probe, WAIT_MS);
  g_signal_handlers_disconnect_by_data (clock, probe);
  g_signal_handlers_disconnect_by_data (scheduler, probe);
}

static void
probe_next_frame (Probe *probe)
{
  probe_arm (probe);
  probe_wait (probe);
}

/* 1,000 domains pasted into an empty order: the first frame makes a
 * screen of rows from the top (the list was not on screen, so it shows
 * its start), the rest come over the next frames; edits meanwhile land in
 * their rows; then every domain is reachable, and the price lines do the
 * same when the quote comes. */
static void
test_paste_1000 (Fixture       *fixture,
                 gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrder *order = mr_order_session_get_order (window->session);
  g_auto(GStrv) domains = mr_test_free_domains ("fill-outreach", 1000);
  Probe first = { window, NULL, };
  Probe editor = { window, NULL, };
  Probe quoted = { window, NULL, .waiting = TRUE };
  MrQuote *quote;
  MrDomainRow *row;
  GdkFrameClock *clock;
  Frames frames = { 0 };
  guint n_frames;

  mr_ui_screenshot (GTK_WIDGET (window), "fill-0-empty.png");

  /* the frames are counted from the paste: how many pass before the
   * edits below depends on the machine's load, not on the list */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &frames);

  first.domain = domains[0];
  probe_arm (&quoted);
  paste (window, (const char * const *) domains);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 1000);

  /* the first frame: a screen of rows, the last one selected and shown */
  probe_next_frame (&first);
  mr_ui_screenshot_node (GTK_WIDGET (window), first.node, "fill-1000-first-frame.png");
  g_clear_pointer (&first.node, gsk_render_node_unref);
  g_test_message ("rows in the first frame: %u", first.n_rows);
  g_assert_cmpuint (first.n_rows, >, 0);
  g_assert_cmpuint (first.n_rows, <=, SCREEN);
  g_assert_true (first.shown);
  g_assert_true (mr_domain_list_get_selected_item (window->domain_list) ==
                 mr_order_get_item (order, 999));
  g_assert_null (row_of (window, domains[999]));

  /* the editor shows the last one on the next frame, which adds no rows
   * (making the editor's form took a third of the paste's frame) */
  g_assert_null (first.editor_item);
  probe_next_frame (&editor);
  g_clear_pointer (&editor.node, gsk_render_node_unref);
  g_assert_true (editor.editor_item == mr_order_get_item (order, 999));
  g_assert_cmpuint (editor.n_rows, ==, first.n_rows);
  g_assert_cmpstr (gtk_label_get_label (window->editor_title), ==, domains[999]);

  /* edits while it fills: one shown, one held back (the 501st), one renamed */
  g_assert_null (row_of (window, domains[500]));
  mr_order_remove_item (order, 1);
  mr_order_remove_item (order, 499);
  mr_order_item_set_domain (mr_order_get_item (order, 2), "fill-renamed.com");
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 998);
  mr_ui_wait_drawn (GTK_WIDGET (window), 1);
  g_assert_null (row_of (window, domains[1]));
  g_assert_nonnull (row_of (window, "fill-renamed.com"));
  g_assert_null (row_of (window, domains[3]));
  g_assert_nonnull (row_of (window, domains[4]));

  mr_ui_wait_filled (GTK_WIDGET (window));
  g_signal_handlers_disconnect_by_data (clock, &frames);
  n_frames = frames.frames;
  g_test_message ("the domain list filled in %u frames", n_frames);
  g_assert_cmpuint (n_frames, >=, (200 - SCREEN) / MAX_STEP);
  assert_list_is_order (window);

  /* every domain is reachable: the last by scrolling to it */
  mr_domain_list_select (window->domain_list, 997);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  row = row_of (window, domains[999]);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  mr_domain_list_select (window->domain_list, 498);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_nonnull (row_of (window, domains[499]));
  g_assert_nonnull (row_of (window, domains[501]));
  g_assert_null (row_of (window, domains[500]));

  /* the quote's price lines: a screen of them in its frame, then all */
  probe_wait (&quoted);
  g_clear_pointer (&quoted.node, gsk_render_node_unref);
  g_test_message ("price lines in the quote's frame: %u", quoted.n_prices);
  g_assert_cmpuint (quoted.n_prices, >, 0);
  g_assert_cmpuint (quoted.n_prices, <=, SCREEN);
  mr_ui_wait_filled (GTK_WIDGET (window));
  quote = mr_quote_scheduler_get_fresh_quote (mr_order_session_get_scheduler (window->session));
  g_assert_cmpuint (quote->order_items->len, >=, 990);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
                      GTK_LIST_VIEW (price_list (window))))), ==, quote->order_items->len);

  mr_ui_screenshot (GTK_WIDGET (window), "fill-1000-filled.png");
}

/* 1,000 pasted below three: the list scrolls to the last one pasted and
 * shows the paste from its end, filling in above without moving */
static void
test_paste_more (Fixture       *fixture,
                 gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrder *order = mr_order_session_get_order (window->session);
  g_auto(GStrv) domains = mr_test_free_domains ("more-outreach", 1003);
  Probe first = { window, NULL, };
  Probe filled = { window, NULL, };

  paste (window, (const char * const *) (const char *[]) { domains[0], domains[1], domains[2], NULL });
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 3);

  first.domain = domains[1002];
  paste (window, (const char * const *) domains + 3);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 1003);
  probe_next_frame (&first);
  mr_ui_screenshot_node (GTK_WIDGET (window), first.node, "fill-more-first-frame.png");
  g_clear_pointer (&first.node, gsk_render_node_unref);
  g_test_message ("rows in the first frame: %u", first.n_rows);
  g_assert_cmpuint (first.n_rows, <=, SCREEN + 3);
  g_assert_true (first.shown);

  mr_ui_wait_filled (GTK_WIDGET (window));
  filled.domain = domains[1002];
  probe_next_frame (&filled);
  g_clear_pointer (&filled.node, gsk_render_node_unref);
  g_assert_true (filled.shown);
  assert_list_is_order (window);

  mr_domain_list_select (window->domain_list, 3);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_nonnull (row_of (window, domains[3]));
  g_assert_nonnull (row_of (window, domains[0]));
}

/* where a row's mailboxes line starts, from the row's start */
static double
mailboxes_x (MrDomainRow *row)
{
  g_autoptr(GPtrArray) all = mr_ui_find_all (GTK_WIDGET (row), GTK_TYPE_INSCRIPTION);
  graphene_rect_t bounds;

  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (all, i), "numeric") &&
        gtk_widget_compute_bounds (g_ptr_array_index (all, i), GTK_WIDGET (row), &bounds))
      return bounds.origin.x;

  g_assert_not_reached ();
}

typedef struct
{
  MrDomainRow    *row;
  MrDomainStatus  status;
} RowStatus;

static gboolean
row_has_status (gpointer data)
{
  RowStatus *want = data;

  return mr_domain_row_get_status (want->row) == want->status;
}

/* 50 pasted: the same, in fewer frames */
static void
test_paste_50 (Fixture       *fixture,
               gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrder *order = mr_order_session_get_order (window->session);
  g_auto(GStrv) domains = mr_test_free_domains ("fifty-outreach", 50);
  Probe first = { window, NULL, };
  RowStatus check = { NULL, MR_DOMAIN_STATUS_AVAILABLE };
  g_autoptr(GPtrArray) rows = NULL;
  double checking_x;

  first.domain = domains[0];
  mr_ui_screenshot (GTK_WIDGET (window), "fill-0-empty.png");
  paste (window, (const char * const *) domains);
  probe_next_frame (&first);
  mr_ui_screenshot_node (GTK_WIDGET (window), first.node, "fill-50-first-frame.png");
  g_clear_pointer (&first.node, gsk_render_node_unref);
  g_assert_true (first.shown);

  /* a row's check ending leaves its mailboxes line where it was ("Checking…"
   * and "Available" take the same room): only its status is drawn again */
  check.row = row_of (window, domains[0]);
  g_assert_cmpint (mr_domain_row_get_status (check.row), ==, MR_DOMAIN_STATUS_CHECKING);
  checking_x = mailboxes_x (check.row);
  mr_test_wait_until (row_has_status, &check, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 1);
  g_assert_true (check.row == row_of (window, domains[0]));
  g_assert_cmpstr (mr_domain_row_get_status_text (check.row), ==, "Available");
  g_assert_cmpfloat (mailboxes_x (check.row), ==, checking_x);

  mr_ui_wait_filled (GTK_WIDGET (window));
  mr_ui_wait_drawn (GTK_WIDGET (window), 1);
  assert_list_is_order (window);
  rows = domain_rows (window);
  g_assert_cmpuint (rows->len, ==, 50);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 50);

  mr_test_wait_until (quote_fresh, window, WAIT_MS);
  mr_ui_wait_filled (GTK_WIDGET (window));
  mr_ui_screenshot (GTK_WIDGET (window), "fill-50-filled.png");
  g_assert_cmpuint (n_price_rows (window), ==, 50);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* the mailboxes line of each row alive */
static GPtrArray *
mailbox_lines (MrWindow *window)
{
  g_autoptr(GPtrArray) all = mr_ui_find_all (GTK_WIDGET (window->domain_list), GTK_TYPE_INSCRIPTION);
  GPtrArray *lines = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (all, i), "numeric"))
      g_ptr_array_add (lines, g_ptr_array_index (all, i));

  return lines;
}

typedef struct
{
  MrWindow   *window;
  const char *text;
} AllSay;

static gboolean
all_lines_say (gpointer data)
{
  AllSay *want = data;
  g_autoptr(GPtrArray) lines = mailbox_lines (want->window);

  for (guint i = 0; i < lines->len; i++)
    if (strstr (gtk_inscription_get_text (g_ptr_array_index (lines, i)), want->text) == NULL)
      return FALSE;

  return TRUE;
}

static void
add_to_all (MrOrder    *order,
            const char *names)
{
  for (guint i = 0; i < mr_order_get_n_items (order); i++)
    mr_order_item_add_from_names (mr_order_get_item (order, i), names);
}

/* An edit of every domain of 1,000 lays out again only the rows near the
 * screen in its frame, not the 200 the list keeps alive: the others come
 * up to date a few a frame, and a jump to one shows it up to date. */
static void
test_far_rows (Fixture       *fixture,
               gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrder *order = mr_order_session_get_order (window->session);
  g_auto(GStrv) domains = mr_test_free_domains ("far-outreach", 1000);
  g_autoptr(GPtrArray) lines = NULL;
  AllSay one = { window, "· 1 mailbox" };
  Probe jump = { window, NULL, };
  guint n_changed = 0;
  guint n_rows_near;

  paste (window, (const char * const *) domains);
  mr_ui_wait_filled (GTK_WIDGET (window));
  mr_ui_wait_drawn (GTK_WIDGET (window), 30);

  lines = mailbox_lines (window);
  g_test_message ("rows alive: %u", lines->len);
  g_assert_cmpuint (lines->len, >=, 200);
  for (guint i = 0; i < lines->len; i++)
    g_signal_connect (g_ptr_array_index (lines, i), "notify::text",
                      G_CALLBACK (count_notify_cb), &n_changed);

  /* the rows on screen at once (and two either side), the rest later */
  n_rows_near = 4;
  for (guint i = 0; i < lines->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (lines, i)))
      n_rows_near++;
  add_to_all (order, "Ada Lovelace");
  g_test_message ("rows changed at once: %u (on screen and near: %u)", n_changed, n_rows_near);
  g_assert_cmpuint (n_changed, >=, n_rows_near - 4);
  g_assert_cmpuint (n_changed, <=, n_rows_near);
  mr_test_wait_until (all_lines_say, &one, WAIT_MS);
  g_assert_cmpuint (n_changed, ==, lines->len);
  for (guint i = 0; i < lines->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (lines, i), &n_changed);

  /* a jump right after the edit shows the row as it is now */
  add_to_all (order, "Alan Turing");
  jump.domain = domains[150];
  jump.expect = "· 2 mailboxes";
  mr_domain_list_select (window->domain_list, 150);
  probe_next_frame (&jump);
  mr_ui_screenshot_node (GTK_WIDGET (window), jump.node, "fill-far-jump.png");
  g_clear_pointer (&jump.node, gsk_render_node_unref);
  g_assert_true (jump.shown);
  g_assert_true (jump.up_to_date);
}

static void
count_inserted_cb (GtkEntryBuffer *buffer,
                   guint           position,
                   const char     *chars,
                   guint           n_chars,
                   guint          *longest)
{
  *longest = MAX (*longest, n_chars);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

/* A list pasted where the cursor is, after a name typed in the entry:
 * the entry never holds the list (its buffer is not handed the text, so
 * it shapes none of it), the typed name and the pasted ones are added in
 * one change, in the order they read, the entry is left empty, and one
 * undo takes all of them out. */
static void
test_paste_into_typed (Fixture       *fixture,
                       gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrder *order = mr_order_session_get_order (window->session);
  GtkWidget *entry = mr_ui_find_first (GTK_WIDGET (window->domain_list), GTK_TYPE_ENTRY);
  GtkEntryBuffer *buffer = gtk_entry_get_buffer (GTK_ENTRY (entry));
  g_auto(GStrv) domains = mr_test_free_domains ("typed-outreach", 4);
  g_autofree char *pasted = g_strdup_printf ("\n%s\n%s\n%s\n", domains[1], domains[2], domains[3]);
  guint n_changes = 0;
  guint longest = 0;
  int position;

  gtk_editable_set_text (GTK_EDITABLE (entry), domains[0]);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, domains[0]);

  g_signal_connect (buffer, "inserted-text", G_CALLBACK (count_inserted_cb), &longest);
  g_signal_connect (order, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  position = strlen (domains[0]);
  gtk_editable_insert_text (GTK_EDITABLE (entry), pasted, -1, &position);
  g_signal_handlers_disconnect_by_data (buffer, &longest);
  g_signal_handlers_disconnect_by_data (order, &n_changes);

  g_assert_cmpuint (longest, ==, 0);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (mr_order_item_get_domain (mr_order_get_item (order, i)), ==, domains[i]);
  mr_ui_wait_filled (GTK_WIDGET (window));
  assert_list_is_order (window);

  /* typing goes into the entry as before */
  gtk_editable_set_text (GTK_EDITABLE (entry), "more");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "more");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");

  mr_order_session_undo (window->session);
  g_assert_cmpuint (mr_order_get_n_items (order), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  the_app = mr_ui_test_init (&argc, &argv);

  g_test_add ("/mr/fill/model/append", ModelFixture, NULL, model_set_up, test_append,
              model_tear_down);
  g_test_add ("/mr/fill/model/insert-middle", ModelFixture, NULL, model_set_up,
              test_insert_middle, model_tear_down);
  g_test_add ("/mr/fill/model/edits", ModelFixture, NULL, model_set_up, test_edits,
              model_tear_down);
  g_test_add ("/mr/fill/model/selection", ModelFixture, NULL, model_set_up, test_selection,
              model_tear_down);
  g_test_add ("/mr/fill/model/pause", ModelFixture, NULL, model_set_up, test_pause,
              model_tear_down);
  g_test_add ("/mr/fill/window/paste-50", Fixture, NULL, fixture_set_up, test_paste_50,
              fixture_tear_down);
  g_test_add ("/mr/fill/window/paste-1000", Fixture, NULL, fixture_set_up, test_paste_1000,
              fixture_tear_down);
  g_test_add ("/mr/fill/window/paste-more", Fixture, NULL, fixture_set_up, test_paste_more,
              fixture_tear_down);
  g_test_add ("/mr/fill/window/paste-into-typed", Fixture, NULL, fixture_set_up,
              test_paste_into_typed, fixture_tear_down);
  g_test_add ("/mr/fill/window/far-rows", Fixture, NULL, fixture_set_up, test_far_rows,
              fixture_tear_down);

  ret = g_test_run ();
  g_clear_object (&the_app);

  return ret;
}
