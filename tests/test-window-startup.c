/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's start and rest: a restored draft is quoted at once, hidden
 * views are built when first shown, and an idle window paints nothing (once
 * the quote is shown and what moved has settled, its frame clock stops: no
 * tick callback, spinner or animation left running, nothing queueing a draw
 * or a resize from a frame), with an empty order and with a 50-domain one. */

#include "config.h"

#include "mr-account-editor.h"
#include "mr-empty-page.h"
#include "mr-mailbox-row.h"
#include "mr-orders-view.h"
#include "mr-sim-catalog.h"
#include "mr-test-util.h"
#include "mr-ui-test-util.h"
#include "mr-window-private.h"

#define WAIT_MS 20000
/* a second of an idle window: a few frames for a late reply or a tooltip,
 * none for something that ticks (60 a second) */
#define WINDOW_MS       1000
#define MAX_IDLE_FRAMES 5
/* a busy machine may finish late work in the first windows; something that
 * never stops fails every one of them */
#define N_WINDOWS       5

static MrApplication *the_app;

typedef struct
{
  MrUiWindowFixture ui;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* the cursor's blink is GTK's own ten-second animation after each key;
   * it is not what this test looks for */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  mr_ui_window_fixture_set_up (&fixture->ui, the_app, "mailroom-startup-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mr_ui_window_fixture_tear_down (&fixture->ui);
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", TRUE, NULL);
}

static void
count_cb (GdkFrameClock *clock,
          guint         *n_frames)
{
  (*n_frames)++;
}

/* frames the window's clock goes through in WINDOW_MS */
static guint
count_frames (MrWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  guint n_frames = 0;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_cb), &n_frames);
  mr_test_spin (WINDOW_MS);
  g_signal_handler_disconnect (clock, id);

  return n_frames;
}

static void
assert_goes_idle (MrWindow *window)
{
  guint counts[N_WINDOWS];

  for (guint i = 0; i < N_WINDOWS; i++)
    {
      counts[i] = count_frames (window);
      g_test_message ("frames in %u ms of an idle window: %u", WINDOW_MS, counts[i]);
      if (counts[i] <= MAX_IDLE_FRAMES)
        return;
    }

  g_error ("the idle window kept painting: %u, %u, %u, %u, %u frames a second",
           counts[0], counts[1], counts[2], counts[3], counts[4]);
}

static gboolean
quote_shown (gpointer data)
{
  MrWindow *window = data;
  MrOrderSession *session = window->session;
  MrQuoteScheduler *scheduler = mr_order_session_get_scheduler (session);

  mr_order_session_sync (session);
  return scheduler != NULL && mr_quote_scheduler_get_fresh_quote (scheduler) != NULL;
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;

  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  assert_goes_idle (window);
}

static void
test_fifty_domains (Fixture       *fixture,
                    gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrder *order = mr_order_session_get_order (window->session);

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *domain = g_strdup_printf ("idle-outreach-%02u.com", i);
      g_autoptr(MrOrderItem) item = mr_order_item_new (domain);

      mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing");
      mr_order_append_item (order, item);
    }

  mr_test_wait_until (quote_shown, window, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  mr_ui_screenshot (GTK_WIDGET (window), "idle-50.png");
  assert_goes_idle (window);

  /* the Orders view, shown and back: its pages stop too */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-orders", NULL);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  assert_goes_idle (window);
}

static gboolean
is_narrow (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) <= 360;
}

static int
min_width (GtkWidget *widget)
{
  int minimum;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

static int
min_height (GtkWidget *widget)
{
  int minimum;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (widget),
                      &minimum, NULL, NULL, NULL);
  return minimum;
}

/* The account editor's stack measures only the page it shows (its hidden
 * form is not measured before the first frame). That must not change the
 * layout: the editor pane has one minimum width and height with either
 * page, so the window folds at the same width whether a domain is chosen or
 * not. Screenshots of the empty window, wide and narrow. */
static void
test_editor_pages_same_width (Fixture       *fixture,
                              gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrder *order = mr_order_session_get_order (window->session);
  GtkStack *stack;
  int empty_pane, form_pane, empty_height;

  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  mr_ui_screenshot (GTK_WIDGET (window), "startup-empty-wide.png");
  stack = GTK_STACK (mr_ui_find_first (window->account_editor, GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  empty_pane = min_width (window->editor_pane);
  empty_height = min_height (window->editor_pane);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *domain = g_strdup_printf ("pane-outreach-%02u.com", i);
      g_autoptr(MrOrderItem) item = mr_order_item_new (domain);

      mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing, Grace Hopper");
      mr_order_append_item (order, item);
    }
  mr_domain_list_select (window->domain_list, 0);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "editor");
  form_pane = min_width (window->editor_pane);
  g_assert_cmpint (form_pane, ==, empty_pane);
  g_assert_cmpint (min_height (window->editor_pane), ==, empty_height);
  g_assert_cmpint (min_width (gtk_stack_get_child_by_name (stack, "editor")), <=, empty_pane);

  /* narrow, empty again */
  for (guint i = 0; i < 3; i++)
    mr_order_remove_item (order, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  mr_test_wait_until (is_narrow, window, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpint (min_width (window->editor_pane), ==, empty_pane);
  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  mr_ui_screenshot (GTK_WIDGET (window), "startup-empty-narrow.png");
}

/* The editor's form is made ahead of need: not before the window's first
 * frame (that frame shows only "Select a Domain"), but once it is painted
 * and the main loop idles; the first domain then fills that same form */
typedef struct
{
  GtkStack *stack;
  guint     n_painted;
  gboolean  form_at_first_paint;
} FirstPaint;

static void
first_paint_cb (GdkFrameClock *clock,
                FirstPaint    *paint)
{
  if (paint->n_painted++ == 0)
    paint->form_at_first_paint = gtk_stack_get_child_by_name (paint->stack, "editor") != NULL;
}

static gboolean
has_form (gpointer data)
{
  return gtk_stack_get_child_by_name (GTK_STACK (data), "editor") != NULL;
}

static void
test_editor_form_made_when_idle (Fixture       *fixture,
                                 gconstpointer  data)
{
  MrWindow *window;
  FirstPaint paint = { NULL, 0, FALSE };
  GdkFrameClock *clock;
  GtkWidget *form;
  GtkWidget *title;
  gulong id;

  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->ui.window)));
  mr_ui_wait_frames (50);

  window = fixture->ui.window = mr_window_new (fixture->ui.app);
  paint.stack = GTK_STACK (mr_ui_find_first (window->account_editor, GTK_TYPE_STACK));
  g_assert_null (gtk_stack_get_child_by_name (paint.stack, "editor"));

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (gtk_stack_get_child_by_name (paint.stack, "editor"));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (first_paint_cb), &paint);
  mr_test_wait_until (has_form, paint.stack, WAIT_MS);
  g_signal_handler_disconnect (clock, id);

  g_assert_cmpuint (paint.n_painted, >=, 1);
  g_assert_false (paint.form_at_first_paint);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (paint.stack), ==, "empty");
  form = gtk_stack_get_child_by_name (paint.stack, "editor");
  title = mr_ui_find_child (window->account_editor, MR_TYPE_ACCOUNT_EDITOR, "title_label");
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_is_ancestor (title, form));

  /* a paste fills it: the same form shows the last domain */
  gtk_editable_set_text (GTK_EDITABLE (mr_ui_find_first (GTK_WIDGET (window->domain_list),
                                                         GTK_TYPE_ENTRY)),
                         "made-ahead-outreach.com\nmade-ahead-mail.com\n");
  mr_ui_wait_drawn (GTK_WIDGET (window), 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (paint.stack), ==, "editor");
  g_assert_true (gtk_stack_get_child_by_name (paint.stack, "editor") == form);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "made-ahead-mail.com");
}

/* The Orders view (its pages, their lists) is built when first shown */
static void
test_orders_built_when_shown (Fixture       *fixture,
                              gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;

  g_assert_null (window->orders_view);
  g_assert_null (mr_ui_find_first (GTK_WIDGET (window), MR_TYPE_ORDERS_VIEW));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-orders", NULL);
  g_assert_nonnull (window->orders_view);
  g_assert_true (gtk_widget_is_ancestor (window->orders_view, GTK_WIDGET (window)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->top_stack), ==, "orders");
  mr_ui_wait_drawn (window->orders_view, 2);

  /* built once: shown again, the same view */
  {
    GtkWidget *view = window->orders_view;

    g_signal_emit_by_name (view, "back-requested");
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-orders", NULL);
    g_assert_true (window->orders_view == view);
  }
}

/* The keyboard shortcuts window is built when first asked for (the menu
 * item and Ctrl+? both use app.shortcuts) */
static void
test_shortcuts_built_when_asked (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (fixture->ui.window);
  GtkShortcutsWindow *overlay;

  g_assert_null (gtk_application_window_get_help_overlay (window));

  g_action_group_activate_action (G_ACTION_GROUP (fixture->ui.app), "shortcuts", NULL);
  overlay = gtk_application_window_get_help_overlay (window);
  g_assert_nonnull (overlay);
  mr_ui_wait_drawn (GTK_WIDGET (overlay), 2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));

  /* asked again: the same window */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->ui.app), "shortcuts", NULL);
  g_assert_true (gtk_application_window_get_help_overlay (window) == overlay);
  gtk_window_close (GTK_WINDOW (overlay));
}

/* A draft restored at start is not being typed: what can be quoted is
 * worked out and asked for before the window's first frame, without the
 * edit debounce. */
static void
test_draft_quoted_at_once (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MrOrder) draft = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GError) error = NULL;
  MrQuoteScheduler *scheduler;
  MrWindow *window;
  guint n_domains = 0;

  for (guint i = 0; n_domains < 3; i++)
    {
      g_autofree char *domain = g_strdup_printf ("startup-outreach-%02u.com", i);
      g_autoptr(MrOrderItem) item = NULL;

      if (mr_sim_catalog_is_taken (domain))
        continue;
      item = mr_order_item_new (domain);
      mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing");
      mr_order_append_item (draft, item);
      n_domains++;
    }

  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->ui.window)));
  mr_ui_wait_frames (50);
  g_assert_true (mr_draft_store_save (draft, fixture->ui.draft_path, &error));
  g_assert_no_error (error);

  window = fixture->ui.window = mr_window_new (fixture->ui.app);

  /* before the main loop runs once: synced and asked for */
  g_assert_cmpuint (mr_order_get_n_items (mr_window_get_order (window)), ==, 3);
  g_assert_cmpuint (mr_order_get_n_items (mr_order_session_get_quoted_order (window->session)),
                    ==, 3);
  scheduler = mr_window_get_scheduler (window);
  g_assert_nonnull (scheduler);
  g_assert_cmpint (mr_quote_scheduler_get_state (scheduler), ==, MR_QUOTE_STATE_QUOTING);

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_window_present (GTK_WINDOW (window));
  mr_test_wait_until (quote_shown, window, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  mr_ui_screenshot (GTK_WIDGET (window), "startup-draft.png");

  /* the same draft when the client comes later (the keyring's answer):
   * priced as soon as it is there */
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->ui.window)));
  mr_ui_wait_frames (50);
  g_assert_true (mr_draft_store_save (draft, fixture->ui.draft_path, &error));
  g_assert_no_error (error);
  mr_application_set_client (fixture->ui.app, NULL, TRUE);
  window = fixture->ui.window = mr_window_new (fixture->ui.app);
  g_assert_null (mr_window_get_scheduler (window));

  mr_application_set_client (fixture->ui.app, fixture->ui.client, TRUE);
  g_assert_cmpuint (mr_order_get_n_items (mr_order_session_get_quoted_order (window->session)),
                    ==, 3);
  scheduler = mr_window_get_scheduler (window);
  g_assert_nonnull (scheduler);
  g_assert_cmpint (mr_quote_scheduler_get_state (scheduler), ==, MR_QUOTE_STATE_QUOTING);
  gtk_window_present (GTK_WINDOW (window));
  mr_test_wait_until (quote_shown, window, WAIT_MS);
}

/* What the first painted frame with the draft's quote shows */
typedef struct
{
  MrWindow *window;
  gboolean  seen;
  gboolean  fading;       /* a stack of the editor or the panel in a transition */
  gboolean  rows_fit;     /* every mailbox row as tall as what it holds */
} FirstQuote;

static void
find_stacks (GtkWidget *widget,
             GPtrArray *stacks)
{
  if (GTK_IS_STACK (widget))
    g_ptr_array_add (stacks, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_stacks (child, stacks);
}

static void
check_rows_fit (GtkWidget *widget,
                gboolean  *fit)
{
  if (MR_IS_MAILBOX_ROW (widget) && gtk_widget_get_mapped (widget))
    {
      GtkWidget *child = gtk_widget_get_first_child (widget);
      int min_height = 0;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (child),
                          &min_height, NULL, NULL, NULL);
      if (gtk_widget_get_height (widget) < min_height)
        *fit = FALSE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_rows_fit (child, fit);
}

static void
first_quote_painted_cb (GdkFrameClock *clock,
                        FirstQuote    *first)
{
  MrQuoteScheduler *scheduler = mr_window_get_scheduler (first->window);
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  if (first->seen || scheduler == NULL || mr_quote_scheduler_get_fresh_quote (scheduler) == NULL)
    return;

  first->seen = TRUE;
  find_stacks (first->window->account_editor, stacks);
  find_stacks (first->window->pricing_panel, stacks);
  g_assert_cmpuint (stacks->len, >, 0);
  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_transition_running (stacks->pdata[i]))
      first->fading = TRUE;

  first->rows_fit = TRUE;
  check_rows_fit (first->window->account_editor, &first->rows_fit);
}

static gboolean
first_quote_seen (gpointer data)
{
  return ((FirstQuote *) data)->seen;
}

/* The window opens on a restored draft as it will stay: the frame that
 * first has the draft's quote shows it and the selected domain's form in
 * place (not fading in from "Getting a Price…" and "Select a Domain", not
 * with mailbox rows still laid out for another width); once open, the
 * panel's pages fade again, the editor's never do. */
static void
test_draft_opens_in_place (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MrOrder) draft = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  FirstQuote first = { NULL, };
  g_autoptr(MrOrderItem) item = mr_order_item_new ("opens-in-place-outreach.com");
  MrWindow *window;
  gulong id;

  g_assert_false (mr_sim_catalog_is_taken ("opens-in-place-outreach.com"));
  mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing");
  mr_order_append_item (draft, item);

  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->ui.window)));
  mr_ui_wait_frames (50);
  g_assert_true (mr_draft_store_save (draft, fixture->ui.draft_path, &error));
  g_assert_no_error (error);

  window = fixture->ui.window = mr_window_new (fixture->ui.app);
  first.window = window;
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_widget_realize (GTK_WIDGET (window));
  id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                         G_CALLBACK (first_quote_painted_cb), &first);
  gtk_window_present (GTK_WINDOW (window));
  mr_test_wait_until (first_quote_seen, &first, WAIT_MS);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), id);

  g_assert_false (first.fading);
  g_assert_true (first.rows_fit);

  /* open: the panel fades between its pages again; the editor switches
   * at once (a fade of the whole pane cost every frame of a paste) */
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  find_stacks (window->pricing_panel, stacks);
  g_assert_cmpuint (stacks->len, >, 0);
  for (guint i = 0; i < stacks->len; i++)
    g_assert_cmpint (gtk_stack_get_transition_type (stacks->pdata[i]), !=,
                     GTK_STACK_TRANSITION_TYPE_NONE);
  g_ptr_array_set_size (stacks, 0);
  find_stacks (window->account_editor, stacks);
  g_assert_cmpuint (stacks->len, >, 0);
  for (guint i = 0; i < stacks->len; i++)
    g_assert_cmpint (gtk_stack_get_transition_type (stacks->pdata[i]), ==,
                     GTK_STACK_TRANSITION_TYPE_NONE);
}

static gboolean
page_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* A window opening on a draft: the pages its stacks keep hidden (the
 * domain list's "No Domains Yet" and the pricing panel's "Nothing to Price
 * Yet" behind the rows and the quote) ask for no room and lay nothing out
 * (on libadwaita 1.2, where the page is our own); shown when the last domain goes, in a short window, they are measured
 * for real: the whole page scrolls into view. */
static void
test_hidden_empty_pages (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MrOrder) draft = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = mr_test_free_domains ("hidden-empty", 3);
  GtkWidget *pages[2];
  int hidden_natural[2];
  MrWindow *window;
  int minimum, natural;

  for (guint i = 0; domains[i] != NULL; i++)
    {
      g_autoptr(MrOrderItem) item = mr_order_item_new (domains[i]);

      mr_order_item_add_from_names (item, "Ada Lovelace");
      mr_order_append_item (draft, item);
    }

  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->ui.window)));
  mr_ui_wait_frames (50);
  g_assert_true (mr_draft_store_save (draft, fixture->ui.draft_path, &error));
  g_assert_no_error (error);

  window = fixture->ui.window = mr_window_new (fixture->ui.app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 400);
  gtk_window_present (GTK_WINDOW (window));
  mr_test_wait_until (quote_shown, window, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);

  pages[0] = mr_ui_find_first (GTK_WIDGET (window->domain_list), MR_TYPE_EMPTY_PAGE);
  pages[1] = mr_ui_find_first (window->pricing_panel, MR_TYPE_EMPTY_PAGE);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_nonnull (pages[i]);
      g_assert_false (gtk_widget_get_child_visible (pages[i]));
      /* its margins, without the icon or the labels */
      gtk_widget_measure (pages[i], GTK_ORIENTATION_VERTICAL, 300,
                          &minimum, &hidden_natural[i], NULL, NULL);
    }

  while (mr_order_get_n_items (mr_window_get_order (window)) > 0)
    mr_order_session_remove_item (window->session, 0);
  mr_test_wait_until (page_mapped, pages[0], WAIT_MS);
  mr_test_wait_until (page_mapped, pages[1], WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  mr_ui_screenshot (GTK_WIDGET (window), "startup-empty-again-short.png");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (mr_ui_find_first (pages[i],
                                                                            GTK_TYPE_SCROLLED_WINDOW));
      GtkWidget *content = gtk_widget_get_first_child (gtk_scrolled_window_get_child (scroller));
      GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (scroller);
      GtkWidget *title = mr_ui_find_first (pages[i], GTK_TYPE_LABEL);

      gtk_widget_measure (pages[i], GTK_ORIENTATION_VERTICAL, 300, &minimum, &natural, NULL, NULL);
      g_test_message ("page %u: %d px tall hidden, %d shown", i, hidden_natural[i], natural);
      g_assert_cmpint (gtk_widget_get_height (title), >, 0);
      /* libadwaita 1.3 and later: the page is AdwStatusPage, which a
       * stack measures whole, hidden or not */
      if (adw_get_major_version () == 1 && adw_get_minor_version () <= 2)
        g_assert_cmpint (natural, >=, hidden_natural[i] + gtk_widget_get_height (title));

      gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (content),
                          &minimum, &natural, NULL, NULL);
      g_test_message ("page %u: content %d px tall, scrolls over %.0f px in %d",
                      i, natural, gtk_adjustment_get_upper (vadjustment),
                      gtk_widget_get_height (GTK_WIDGET (scroller)));
      g_assert_cmpint (natural, >, 0);
      g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >=, natural);
    }
}

static void
count_changes_cb (GSettings  *settings,
                  const char *key,
                  guint      *n_changes)
{
  (*n_changes)++;
}

/* The kind of order is remembered when it changes; a window that opens
 * does not write it again (a dconf write at each start) */
static void
test_order_type_remembered (Fixture       *fixture,
                            gconstpointer  data)
{
  GSettings *settings = mr_application_get_settings (fixture->ui.app);
  guint n_changes = 0;
  gulong id;

  /* nothing stored: the default is what a new window shows */
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->ui.window)));
  g_settings_reset (settings, "last-order-type");
  mr_ui_wait_frames (50);
  id = g_signal_connect (settings, "changed::last-order-type",
                         G_CALLBACK (count_changes_cb), &n_changes);
  fixture->ui.window = mr_ui_open_window (fixture->ui.app);
  g_assert_cmpuint (n_changes, ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->ui.window), "win.order-type", "s",
                              mr_order_type_to_string (MR_ORDER_TYPE_PRE_WARMED_UP));
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpint (g_settings_get_enum (settings, "last-order-type"), ==,
                   MR_ORDER_TYPE_PRE_WARMED_UP);

  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->ui.window)));
  fixture->ui.window = mr_ui_open_window (fixture->ui.app);
  g_assert_cmpint (mr_order_get_order_type (mr_window_get_order (fixture->ui.window)), ==,
                   MR_ORDER_TYPE_PRE_WARMED_UP);
  g_assert_cmpuint (n_changes, ==, 1);

  g_signal_handler_disconnect (settings, id);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  the_app = mr_ui_test_init (&argc, &argv);

  g_test_add ("/mr/window/startup/draft-quoted-at-once", Fixture, NULL,
              fixture_set_up, test_draft_quoted_at_once, fixture_tear_down);
  g_test_add ("/mr/window/startup/draft-opens-in-place", Fixture, NULL,
              fixture_set_up, test_draft_opens_in_place, fixture_tear_down);
  g_test_add ("/mr/window/startup/orders-built-when-shown", Fixture, NULL,
              fixture_set_up, test_orders_built_when_shown, fixture_tear_down);
  g_test_add ("/mr/window/startup/shortcuts-built-when-asked", Fixture, NULL,
              fixture_set_up, test_shortcuts_built_when_asked, fixture_tear_down);
  g_test_add ("/mr/window/startup/editor-pages-same-width", Fixture, NULL,
              fixture_set_up, test_editor_pages_same_width, fixture_tear_down);
  g_test_add ("/mr/window/startup/editor-form-made-when-idle", Fixture, NULL,
              fixture_set_up, test_editor_form_made_when_idle, fixture_tear_down);
  g_test_add ("/mr/window/startup/hidden-empty-pages", Fixture, NULL,
              fixture_set_up, test_hidden_empty_pages, fixture_tear_down);
  g_test_add ("/mr/window/startup/order-type-remembered", Fixture, NULL,
              fixture_set_up, test_order_type_remembered, fixture_tear_down);
  g_test_add ("/mr/window/startup/idle-empty", Fixture, NULL,
              fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/mr/window/idle/fifty-domains", Fixture, NULL,
              fixture_set_up, test_fifty_domains, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&the_app);

  return status;
}
