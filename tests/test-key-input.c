/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window driven by real key presses (mr-key-input.h: XTest under
 * Xvfb), as a person at the keyboard drives it: Enter in the domain entry
 * adds what was typed once; Ctrl+Z and Ctrl+Shift+Z undo and redo the
 * order from the entry and elsewhere, the entry's own typing first; a
 * paste of 50 domains with Ctrl+V is one step; the domain list of 50 is
 * one stop for Tab, the arrows move between its rows. */

#include "config.h"

#include <string.h>

#include "mr-account-editor.h"
#include "mr-key-input.h"
#include "mr-domain-row.h"
#include "mr-pricing-panel.h"
#include "mr-sim-catalog.h"
#include "mr-test-util.h"
#include "mr-ui-test-util.h"
#include "mr-window-private.h"


#define WAIT_MS 15000
/* how far a row scrolled to may sit under the list's edge, in pixels */
#define ROW_MARGIN 4
/* how long nothing more may happen after a key's effect was seen */
#define SETTLE_MS 300

static MrApplication *the_app;

typedef struct
{
  MrUiWindowFixture ui;
  guint             n_skipped;
  /* the keys the shortcuts window names */
  char             *focus_entry;
  char             *add;
  char             *undo;
  char             *redo;
} Fixture;

/* The keys the shortcuts window (Ctrl+?) shows for @title: the tests
 * press what it tells a person to press. */
static GStrv
shortcut_keys (const char *title)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/mailroom/Mailroom/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GStrv found = NULL;

  for (GSList *l = objects; l != NULL && found == NULL; l = l->next)
    {
      g_autofree char *shown = NULL;
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "title", &shown, "accelerator", &accelerator,
                    "action-name", &action, NULL);
      if (g_strcmp0 (shown, title) != 0)
        continue;

      if (action != NULL)
        {
          found = gtk_application_get_accels_for_action (GTK_APPLICATION (the_app), action);
          g_assert_nonnull (found[0]);
        }
      else
        found = g_strsplit (accelerator, " ", -1);
    }

  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  if (found == NULL)
    g_error ("The shortcuts window has no “%s”", title);
  return found;
}

/* the first key the shortcuts window shows for @title */
static char *
shortcut_for (const char *title)
{
  g_auto(GStrv) keys = shortcut_keys (title);

  return g_strdup (keys[0]);
}

/* the shortcuts window shows @key (among others) for @title */
static void
assert_shortcut_lists (const char *title,
                       const char *key)
{
  g_auto(GStrv) keys = shortcut_keys (title);

  if (!g_strv_contains ((const char * const *) keys, key))
    g_error ("The shortcuts window does not show %s for “%s”", key, title);
}

static void
skipped_cb (MrDomainList *list,
            guint         n_skipped,
            Fixture      *fixture)
{
  fixture->n_skipped += n_skipped;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  mr_ui_window_fixture_set_up (&fixture->ui, the_app, "mailroom-key-input-XXXXXX");
  fixture->n_skipped = 0;
  fixture->focus_entry = shortcut_for ("Add domains");
  fixture->add = shortcut_for ("Add the typed domains (in the domain entry)");
  fixture->undo = shortcut_for ("Undo the last change to the order");
  fixture->redo = shortcut_for ("Redo the last undone change");
  g_signal_connect (fixture->ui.window->domain_list, "domains-skipped",
                    G_CALLBACK (skipped_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mr_ui_window_fixture_tear_down (&fixture->ui);
  g_free (fixture->focus_entry);
  g_free (fixture->add);
  g_free (fixture->undo);
  g_free (fixture->redo);
}

/* TRUE when the test can go on; else it is skipped, saying why */
static gboolean
start_typing (Fixture *fixture)
{
  MrWindow *window = fixture->ui.window;
  const char *why = mr_key_input_unavailable (GTK_WIDGET (window));

  if (why != NULL)
    {
      g_test_skip (why);
      return FALSE;
    }

  mr_key_input_focus (GTK_WINDOW (window));
  mr_key_input_press (fixture->focus_entry);
  return TRUE;
}

static GtkWidget *
domain_entry (MrWindow *window)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window->domain_list),
                                                    MR_TYPE_DOMAIN_LIST, "entry"));
}

static const char *
entry_text (MrWindow *window)
{
  return gtk_editable_get_text (GTK_EDITABLE (domain_entry (window)));
}

static gboolean
focus_in_entry (MrWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, domain_entry (window));
}

static guint
n_items (MrWindow *window)
{
  return mr_order_get_n_items (mr_window_get_order (window));
}

typedef struct
{
  MrWindow *window;
  guint     n;
} Count;

static gboolean
has_n_items (gpointer data)
{
  Count *count = data;

  return n_items (count->window) == count->n;
}

/* the order holds @n domains, and still does a moment later */
static void
assert_n_items (MrWindow *window,
                guint     n)
{
  Count count = { window, n };

  mr_test_wait_until (has_n_items, &count, WAIT_MS);
  mr_ui_wait_frames (SETTLE_MS);
  g_assert_cmpuint (n_items (window), ==, n);
}

static gboolean
toast_says_skipped (MrWindow *window)
{
  g_autofree char *text = mr_ui_collect_text (GTK_WIDGET (window->toast_overlay));

  return strstr (text, "Skipped") != NULL;
}

static const char *
last_domain (MrWindow *window)
{
  MrOrder *order = mr_window_get_order (window);

  return mr_order_item_get_domain (mr_order_get_item (order, mr_order_get_n_items (order) - 1));
}

/* Enter (and the keypad's, and the + button) adds what was typed exactly
 * once; only a domain already in the order is skipped, and said. */
static void
test_enter_adds_one (Fixture       *fixture,
                     gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  g_auto(GStrv) names = mr_test_free_domains ("key-enter", 5);

  if (!start_typing (fixture))
    return;
  g_assert_true (focus_in_entry (window));

  for (guint i = 0; i < 3; i++)
    {
      mr_key_input_type (names[i]);
      g_assert_cmpstr (entry_text (window), ==, names[i]);
      mr_key_input_press (fixture->add);

      assert_n_items (window, i + 1);
      g_assert_cmpstr (last_domain (window), ==, names[i]);
      g_assert_cmpstr (entry_text (window), ==, "");
      g_assert_true (focus_in_entry (window));
    }

  mr_key_input_type (names[3]);
  mr_key_input_press ("KP_Enter");
  assert_n_items (window, 4);
  g_assert_cmpstr (last_domain (window), ==, names[3]);

  /* Tab to the + button, Space presses it; the entry has the keys again */
  mr_key_input_type (names[4]);
  mr_key_input_press ("Tab");
  g_assert_false (focus_in_entry (window));
  mr_key_input_press ("space");
  assert_n_items (window, 5);
  g_assert_cmpstr (last_domain (window), ==, names[4]);
  g_assert_true (focus_in_entry (window));

  g_assert_cmpuint (fixture->n_skipped, ==, 0);
  g_assert_false (toast_says_skipped (window));
  mr_ui_screenshot (GTK_WIDGET (window), "key-input-enter.png");

  /* one already in the order: nothing added, one skipped, and said */
  mr_key_input_type (names[1]);
  mr_key_input_press (fixture->add);
  assert_n_items (window, 5);
  g_assert_cmpuint (fixture->n_skipped, ==, 1);
  g_assert_true (toast_says_skipped (window));
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* The shortcuts window opens with the key it names for itself, lays out
 * its groups (the domain list's selection mode among them) without a
 * warning, and Escape closes it */
static void
test_shortcuts_window (Fixture       *fixture,
                       gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  g_autofree char *key = shortcut_for ("Keyboard shortcuts");
  GtkWidget *overlay;
  g_autofree char *text = NULL;

  if (!start_typing (fixture))
    return;

  mr_key_input_press (key);
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  mr_test_wait_until (widget_mapped, overlay, WAIT_MS);
  mr_ui_wait_drawn (overlay, 2);
  text = mr_ui_collect_text (overlay);
  g_assert_nonnull (strstr (text, "Leave selection mode"));
  g_assert_nonnull (strstr (text, "In selection mode, every ticked one, as one step to undo"));
  mr_ui_screenshot (overlay, "key-input-shortcuts.png");

  mr_key_input_press ("Escape");
  g_assert_false (gtk_widget_get_visible (overlay));
}

/* Ctrl+Z in the empty entry undoes the last add (not the entry's emptying);
 * the entry's own typing is undone first; Ctrl+Shift+Z redoes. */
static void
test_undo_in_entry (Fixture       *fixture,
                    gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  g_auto(GStrv) names = mr_test_free_domains ("key-undo", 2);

  if (!start_typing (fixture))
    return;

  /* two adds in quick succession are two steps */
  for (guint i = 0; i < 2; i++)
    {
      mr_key_input_type (names[i]);
      mr_key_input_press (fixture->add);
    }
  assert_n_items (window, 2);

  mr_key_input_press (fixture->undo);
  assert_n_items (window, 1);
  g_assert_cmpstr (last_domain (window), ==, names[0]);
  g_assert_cmpstr (entry_text (window), ==, "");
  g_assert_true (focus_in_entry (window));
  mr_key_input_press (fixture->undo);
  assert_n_items (window, 0);
  g_assert_cmpstr (entry_text (window), ==, "");
  g_assert_false (mr_order_session_get_can_undo (window->session));

  mr_key_input_press (fixture->redo);
  assert_n_items (window, 1);
  mr_key_input_press (fixture->redo);
  assert_n_items (window, 2);
  g_assert_cmpstr (last_domain (window), ==, names[1]);
  g_assert_cmpstr (entry_text (window), ==, "");

  /* typed and not added yet: Ctrl+Z takes the typing back, then the order */
  mr_key_input_type ("half-typed.com");
  mr_key_input_press (fixture->undo);
  g_assert_cmpstr (entry_text (window), ==, "");
  assert_n_items (window, 2);
  mr_key_input_press (fixture->undo);
  assert_n_items (window, 1);
  mr_key_input_press (fixture->redo);
  assert_n_items (window, 2);
  g_assert_cmpstr (entry_text (window), ==, "");

  /* typed, left and come back to: what the entry holds is not undone,
   * the order is */
  mr_key_input_type ("kept.com");
  mr_key_input_press ("Tab");
  mr_key_input_press ("<Shift>Tab");
  g_assert_true (focus_in_entry (window));
  mr_key_input_press (fixture->undo);
  assert_n_items (window, 1);
  g_assert_cmpstr (entry_text (window), ==, "kept.com");

  /* Orders and Mailboxes do not show the order: Ctrl+Z leaves it alone */
  {
    g_autofree char *orders = shortcut_for ("Orders and mailboxes");
    g_autofree char *back = shortcut_for ("Back from Orders and Mailboxes");

    mr_key_input_press (orders);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (window->top_stack), ==, "orders");
    mr_key_input_press (fixture->undo);
    assert_n_items (window, 1);
    mr_key_input_press (back);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (window->top_stack), ==, "ordering");
    g_assert_true (focus_in_entry (window));
    mr_key_input_press (fixture->undo);
    assert_n_items (window, 0);
  }

  g_assert_cmpuint (fixture->n_skipped, ==, 0);
}

static const char *
first_forwarding (MrWindow *window)
{
  MrOrderItem *item = mr_order_get_item (mr_window_get_order (window), 0);

  g_assert_nonnull (item);
  return mr_order_item_get_forwarding_domain (item);
}

/* A field whose typing edits the order as it goes (the forwarding domain):
 * its typing is the order's to undo and redo, in the order's one history. */
static void
test_undo_in_editor (Fixture       *fixture,
                     gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  g_auto(GStrv) names = mr_test_free_domains ("key-editor", 1);
  GtkWidget *forwarding;
  guint n_steps;

  if (!start_typing (fixture))
    return;

  mr_key_input_type (names[0]);
  mr_key_input_press (fixture->add);
  assert_n_items (window, 1);

  /* the editor shows the domain just added; its forwarding field */
  forwarding = mr_ui_find_child (window->account_editor, MR_TYPE_ACCOUNT_EDITOR,
                                 "forwarding_row");
  mr_ui_wait_drawn (forwarding, 1);
  gtk_widget_grab_focus (forwarding);
  mr_key_input_type ("fwd.example.com");
  g_assert_cmpstr (first_forwarding (window), ==, "fwd.example.com");

  /* typing is one step, or a few when it pauses (a slow machine): each
   * Ctrl+Z takes some of it back, none takes the domain with it */
  for (n_steps = 0; *first_forwarding (window) != '\0'; n_steps++)
    {
      g_assert_cmpuint (n_steps, <, strlen ("fwd.example.com"));
      mr_key_input_press (fixture->undo);
      assert_n_items (window, 1);
      g_assert_true (g_str_has_prefix ("fwd.example.com", first_forwarding (window)));
    }

  for (guint i = 0; i < n_steps; i++)
    mr_key_input_press (fixture->redo);
  g_assert_cmpstr (first_forwarding (window), ==, "fwd.example.com");

  /* then the add, in the same history */
  for (guint i = 0; i <= n_steps; i++)
    mr_key_input_press (fixture->undo);
  assert_n_items (window, 0);
  for (guint i = 0; i <= n_steps; i++)
    mr_key_input_press (fixture->redo);
  assert_n_items (window, 1);
  g_assert_cmpstr (first_forwarding (window), ==, "fwd.example.com");
}

typedef struct
{
  MrWindow *window;
  guint     n_domains;
} Quoted;

/* a fresh quote for the order as it is, of @n_domains */
static gboolean
quoted (gpointer data)
{
  Quoted *want = data;
  MrOrderSession *session = want->window->session;
  MrQuote *quote;

  mr_order_session_sync (session);
  quote = mr_quote_scheduler_get_fresh_quote (mr_order_session_get_scheduler (session));
  return quote != NULL && quote->number_of_domains_ordered == (int) want->n_domains;
}

static GtkWidget *
panel_child (MrWindow   *window,
             const char *name)
{
  return GTK_WIDGET (mr_ui_template_child (window->pricing_panel, name));
}

/* The order, the domain list and the pricing panel all count @n domains */
static void
assert_counted (MrWindow *window,
                guint     n)
{
  MrCents domain_price = mr_ui_price_from_file ("domain_price_per_year", NULL);
  GtkLabel *count_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window->domain_list),
                                                                    MR_TYPE_DOMAIN_LIST,
                                                                    "count_label"));
  g_autofree char *count = g_strdup_printf ("%u domains · 0 mailboxes", n);
  g_autofree char *due = NULL;
  Quoted want = { window, n };
  GListModel *lines;
  MrQuote *quote;

  assert_n_items (window, n);
  g_assert_cmpstr (gtk_label_get_text (count_label), ==, count);

  mr_test_wait_until (quoted, &want, WAIT_MS);
  quote = mr_quote_scheduler_get_fresh_quote (mr_order_session_get_scheduler (window->session));
  g_assert_cmpint (quote->total_price, ==, (MrCents) n * domain_price - quote->total_discount);
  due = mr_money_format (quote->total_price);
  mr_ui_wait_filled (GTK_WIDGET (window));
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (panel_child (window, "due_label"))), ==, due);
  lines = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (panel_child (window, "items_view"))));
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, n);
}

/* 50 domains pasted with Ctrl+V are one step: Tab, Ctrl+Z takes all 50
 * away, Ctrl+Shift+Z brings them back; one more typed and Enter adds one. */
static void
test_paste_fifty (Fixture       *fixture,
                  gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  g_auto(GStrv) names = mr_test_free_domains ("key-paste", 51);
  g_autoptr(GString) paste = g_string_new (NULL);

  if (!start_typing (fixture))
    return;

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (paste, "%s\n", names[i]);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), paste->str);

  mr_key_input_press ("<Control>v");
  assert_counted (window, 50);
  g_assert_cmpstr (entry_text (window), ==, "");
  g_assert_cmpstr (mr_order_item_get_domain (mr_order_get_item (mr_window_get_order (window), 0)),
                   ==, names[0]);
  g_assert_cmpstr (last_domain (window), ==, names[49]);
  mr_ui_screenshot (GTK_WIDGET (window), "key-input-paste-50.png");

  mr_key_input_press ("Tab");
  g_assert_false (focus_in_entry (window));
  mr_key_input_press (fixture->undo);
  assert_n_items (window, 0);
  g_assert_false (mr_order_session_get_can_undo (window->session));
  mr_key_input_press (fixture->redo);
  assert_counted (window, 50);

  /* back in the entry: one typed, Enter, exactly one more and no toast */
  mr_key_input_press ("<Shift>Tab");
  g_assert_true (focus_in_entry (window));
  mr_key_input_type (names[50]);
  mr_key_input_press (fixture->add);
  assert_counted (window, 51);
  g_assert_cmpstr (last_domain (window), ==, names[50]);
  g_assert_cmpuint (fixture->n_skipped, ==, 0);
  g_assert_false (toast_says_skipped (window));

  /* from the entry too: the add, then the paste, each one step */
  mr_key_input_press (fixture->undo);
  assert_n_items (window, 50);
  mr_key_input_press (fixture->undo);
  assert_n_items (window, 0);
  mr_key_input_press (fixture->redo);
  mr_key_input_press (fixture->redo);
  assert_counted (window, 51);
  mr_ui_screenshot (GTK_WIDGET (window), "key-input-paste-51.png");
}


/* The row of the list that has the focus (the list's own row, around an
 * MrDomainRow), or NULL when the focus is elsewhere */
static MrDomainRow *
focused_row (MrWindow   *window,
             gboolean   *on_row_itself)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *list_view = mr_domain_list_get_list_view (window->domain_list);

  *on_row_itself = FALSE;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, list_view))
    return NULL;

  for (GtkWidget *w = focus; w != NULL && w != list_view; w = gtk_widget_get_parent (w))
    if (MR_IS_DOMAIN_ROW (w))
      return MR_DOMAIN_ROW (w);

  for (GtkWidget *child = gtk_widget_get_first_child (focus); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (MR_IS_DOMAIN_ROW (child))
      {
        *on_row_itself = TRUE;
        return MR_DOMAIN_ROW (child);
      }

  return NULL;
}

static guint
position_of (MrWindow    *window,
             MrDomainRow *row)
{
  guint position = G_MAXUINT;

  mr_order_find_item (mr_window_get_order (window),
                      mr_order_item_get_domain (mr_domain_row_get_item (row)), &position);
  return position;
}

/* the domain list's template child @name */
static GtkWidget *
list_part (MrWindow   *window,
           const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window->domain_list),
                                                    MR_TYPE_DOMAIN_LIST, name));
}

/* the buttons a row offers: a taken domain's suggestions, then Remove */
static guint
n_row_buttons (MrDomainRow *row)
{
  return mr_domain_row_get_suggestion_buttons (row)->len + 1;
}

static gboolean
taken_rows_suggest (gpointer data)
{
  MrWindow *window = data;
  g_autoptr(GPtrArray) rows = mr_ui_find_all (GTK_WIDGET (window->domain_list), MR_TYPE_DOMAIN_ROW);
  guint n_taken = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      MrDomainRow *row = g_ptr_array_index (rows, i);

      if (mr_domain_row_get_status (row) != MR_DOMAIN_STATUS_UNAVAILABLE)
        continue;
      if (mr_domain_row_get_suggestion_buttons (row)->len == 0)
        return FALSE;
      n_taken++;
    }

  return n_taken == 10;
}

/* Tab from where the focus is until it leaves the domain list (its entry,
 * its list, its buttons); returns
 * how many presses that took, and in @n_in_list how many of them stopped
 * in the list */
static guint
tab_out_of_list (MrWindow *window,
                 guint    *n_in_list)
{
  gboolean itself;
  guint n = 0;

  *n_in_list = 0;
  for (;;)
    {
      mr_key_input_press ("Tab");
      n++;
      g_assert_cmpuint (n, <=, 20);

      if (focused_row (window, &itself) != NULL)
        (*n_in_list)++;
      else if (!gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                        GTK_WIDGET (window->domain_list)))
        return n;
    }
}

/* Pastes 50 domains with Ctrl+V, a taken one every five from the first
 * row to the 46th, and waits until the taken ones offer suggestions */
static void
paste_fifty_some_taken (MrWindow *window)
{
  g_auto(GStrv) free_names = mr_test_free_domains ("key-tab", 40);
  g_autoptr(GString) paste = g_string_new (NULL);
  guint n_taken = 0;

  for (guint i = 0, f = 0; f < 40 || n_taken < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("key-tab-taken-%04u.com", i);

      if (n_taken < 10 && (f == 40 || (f + n_taken) % 5 == 0))
        {
          if (mr_sim_catalog_check (name, NULL) != MR_SIM_TAKEN)
            continue;
          g_string_append_printf (paste, "%s\n", name);
          n_taken++;
        }
      else
        g_string_append_printf (paste, "%s\n", free_names[f++]);
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), paste->str);
  mr_key_input_press ("<Control>v");
  assert_n_items (window, 50);
  mr_ui_wait_filled (GTK_WIDGET (window));
  mr_test_wait_until (taken_rows_suggest, window, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
}

/* 50 domains, 10 of them taken (a row of six buttons each): from the
 * entry a few Tabs reach the pane after the list; inside it Tab goes
 * through the focused row's own buttons, then out, and Shift+Tab comes
 * back to the row; the arrows go to every row itself, each the same. */
static void
test_list_one_stop (Fixture       *fixture,
                    gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrDomainRow *row;
  GtkWidget *after;
  gboolean itself;
  guint n_in_list, n_presses;

  if (!start_typing (fixture))
    return;

  paste_fifty_some_taken (window);
  g_assert_true (focus_in_entry (window));

  /* from the entry: the selection button, the list, the next pane */
  n_presses = tab_out_of_list (window, &n_in_list);
  g_test_message ("%u Tabs from the entry out of the list, %u in it", n_presses, n_in_list);
  g_assert_cmpuint (n_in_list, >=, 1);
  g_assert_cmpuint (n_in_list, <=, 6);
  g_assert_cmpuint (n_presses, <=, 10);
  after = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (after);
  g_assert_false (gtk_widget_is_ancestor (after, GTK_WIDGET (window->domain_list)));

  /* back: onto the row the focus was on (the first, on every GTK), then
   * out before the list, and Tab goes in at the same row */
  mr_key_input_press ("<Shift>Tab");
  row = focused_row (window, &itself);
  g_assert_nonnull (row);
  g_assert_true (itself);
  g_assert_cmpuint (position_of (window, row), ==, 0);
  mr_key_input_press ("<Shift>Tab");
  g_assert_null (focused_row (window, &itself));
  g_assert_false (focus_in_entry (window));
  mr_key_input_press ("Tab");
  row = focused_row (window, &itself);
  g_assert_true (itself);
  g_assert_cmpuint (position_of (window, row), ==, 0);

  /* every row the same, new or recycled: the row itself, Tab to its
   * first button, Shift+Tab back to it */
  for (guint i = 0; i < 50; i++)
    {
      MrDomainRow *button_row;

      if (i > 0)
        mr_key_input_press ("Down");
      row = focused_row (window, &itself);
      g_assert_nonnull (row);
      g_assert_true (itself);
      g_assert_cmpuint (position_of (window, row), ==, i);
      /* a recycled row shows its own domain's suggestions, all four */
      g_assert_cmpuint (n_row_buttons (row), ==,
                        mr_domain_row_get_status (row) == MR_DOMAIN_STATUS_UNAVAILABLE ? 5 : 1);

      mr_key_input_press ("Tab");
      button_row = focused_row (window, &itself);
      if (button_row != row)
        g_error ("row %u: Tab went to %s", i,
                 G_OBJECT_TYPE_NAME (gtk_root_get_focus (GTK_ROOT (window))));
      g_assert_false (itself);
      g_assert_true (GTK_IS_BUTTON (gtk_root_get_focus (GTK_ROOT (window))));
      mr_key_input_press ("<Shift>Tab");
      g_assert_true (focused_row (window, &itself) == row);
      g_assert_true (itself);
    }
  mr_ui_screenshot (GTK_WIDGET (window), "key-input-list-last-row.png");

  /* from the last row (available): Remove, then out to the same place */
  n_presses = tab_out_of_list (window, &n_in_list);
  g_assert_cmpuint (n_in_list, ==, 1);
  g_assert_cmpuint (n_presses, ==, 2);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == after);

  /* back in, up to the last taken one: its five buttons, then out */
  mr_key_input_press ("<Shift>Tab");
  for (guint i = 0; i < 4; i++)
    mr_key_input_press ("Up");
  row = focused_row (window, &itself);
  g_assert_true (itself);
  g_assert_cmpuint (position_of (window, row), ==, 45);
  g_assert_cmpuint (n_row_buttons (row), ==, 5);
  n_presses = tab_out_of_list (window, &n_in_list);
  g_assert_cmpuint (n_in_list, ==, 5);
  g_assert_cmpuint (n_presses, ==, 6);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == after);
}


/* the first widget of @type under @row with the style class @css_class */
static GtkWidget *
row_child (MrDomainRow *row,
           GType        type,
           const char  *css_class)
{
  g_autoptr(GPtrArray) all = mr_ui_find_all (GTK_WIDGET (row), type);

  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (all, i), css_class))
      return g_ptr_array_index (all, i);
  g_assert_not_reached ();
}

static gboolean
described_by_mailboxes (gpointer data)
{
  g_autofree char *description = mr_domain_row_dup_accessible_description (data);

  return g_strcmp0 (description, "Google · 1 mailbox") == 0;
}

/* Selection mode from the keyboard: every row shows a check, Space on a
 * row ticks it and the row says it is selected; a row with no problem is
 * described by its mailboxes alone; Remove sits on the domain's line of
 * a tall taken row. */
static void
test_list_selection_mode (Fixture       *fixture,
                          gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrder *order = mr_window_get_order (window);
  GtkWidget *select_button = list_part (window, "select_button");
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *description = NULL;
  graphene_rect_t remove_bounds, domain_bounds, row_bounds;
  MrDomainRow *row = NULL;
  gboolean itself, checked;
  guint n_checked = 0;

  if (!start_typing (fixture))
    return;
  paste_fifty_some_taken (window);

  /* a domain with a mailbox and nothing wrong: its mailboxes, no "." after */
  mr_order_item_add_from_names (mr_order_get_item (order, 1), "Ada Lovelace");
  rows = mr_ui_find_all (GTK_WIDGET (window->domain_list), MR_TYPE_DOMAIN_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      MrDomainRow *r = g_ptr_array_index (rows, i);

      if (mr_domain_row_get_item (r) == mr_order_get_item (order, 1))
        row = r;
      g_assert_false (mr_domain_row_get_check_shown (r, NULL));
    }
  mr_test_wait_until (described_by_mailboxes, row, WAIT_MS);
  description = mr_domain_row_dup_accessible_description (row);
  g_assert_cmpstr (description, ==, "Google · 1 mailbox");

  /* the taken first row: Remove at its top, on the domain's line, not
   * halfway down its suggestions */
  row = NULL;
  for (guint i = 0; i < rows->len; i++)
    if (mr_domain_row_get_item (g_ptr_array_index (rows, i)) == mr_order_get_item (order, 0))
      row = g_ptr_array_index (rows, i);
  g_assert_nonnull (row);
  mr_ui_wait_drawn (GTK_WIDGET (row), 2);
  g_assert_true (gtk_widget_compute_bounds (row_child (row, GTK_TYPE_BUTTON, "circular"), GTK_WIDGET (row),
                                            &remove_bounds));
  g_assert_true (gtk_widget_compute_bounds (row_child (row, GTK_TYPE_INSCRIPTION, "domain-name"), GTK_WIDGET (row),
                                            &domain_bounds));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (row), &row_bounds));
  g_test_message ("taken row %.0f px tall, Remove at y %.0f, the domain at y %.0f-%.0f",
                  row_bounds.size.height, remove_bounds.origin.y, domain_bounds.origin.y,
                  domain_bounds.origin.y + domain_bounds.size.height);
  g_assert_cmpfloat (row_bounds.size.height, >, 3 * remove_bounds.size.height);
  g_assert_cmpfloat (remove_bounds.origin.y, ==, domain_bounds.origin.y);

  /* into selection mode with the keyboard: Tab to its button, Space */
  while (gtk_root_get_focus (GTK_ROOT (window)) != select_button)
    {
      mr_key_input_press ("Tab");
      g_assert_true (focus_in_entry (window) ||
                     gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                             GTK_WIDGET (window->domain_list)));
    }
  mr_key_input_press ("space");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (select_button)));
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);

  /* into the list, Home goes to the first row, Ctrl+Shift+A unticks
   * all, Space ticks the first; Down and Ctrl+Down move without ticking,
   * Space ticks the third as well */
  mr_key_input_press ("Tab");
  row = focused_row (window, &itself);
  g_assert_true (itself);
  mr_key_input_press ("Home");
  mr_key_input_press ("<Control><Shift>a");
  mr_key_input_press ("space");
  mr_key_input_press ("Down");
  mr_key_input_press ("<Control>Down");
  row = focused_row (window, &itself);
  g_assert_true (itself);
  g_assert_cmpuint (position_of (window, row), ==, 2);
  mr_key_input_press ("space");
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  mr_ui_screenshot (GTK_WIDGET (window), "key-input-list-selection-mode.png");

  for (guint i = 0; i < rows->len; i++)
    {
      MrDomainRow *r = g_ptr_array_index (rows, i);
      GtkWidget *list_row = gtk_widget_get_parent (GTK_WIDGET (r));
      guint position = position_of (window, r);
      gboolean selected = gtk_selection_model_is_selected (
        GTK_SELECTION_MODEL (gtk_list_view_get_model (
          GTK_LIST_VIEW (mr_domain_list_get_list_view (window->domain_list)))), position);

      /* every row shown has its check; ticked when selected, and says so */
      if (!gtk_widget_get_mapped (GTK_WIDGET (r)))
        continue;
      g_assert_true (mr_domain_row_get_check_shown (r, &checked));
      g_assert_true (checked == selected);
      g_assert_true (checked == (position == 0 || position == 2));
      n_checked += checked;
      gtk_test_accessible_assert_state (list_row, GTK_ACCESSIBLE_STATE_SELECTED, selected);
    }
  g_assert_cmpuint (n_checked, ==, 2);

  /* Delete takes both ticked domains, as one step to undo */
  {
    g_autofree char *first = g_strdup (mr_order_item_get_domain (mr_order_get_item (order, 0)));
    g_autofree char *third = g_strdup (mr_order_item_get_domain (mr_order_get_item (order, 2)));
    guint before = n_items (window);

    mr_key_input_press ("Delete");
    assert_n_items (window, before - 2);
    g_assert_null (mr_order_find_item (order, first, NULL));
    g_assert_null (mr_order_find_item (order, third, NULL));
    mr_key_input_press (fixture->undo);
    assert_n_items (window, before);
    g_assert_nonnull (mr_order_find_item (order, first, NULL));
    g_assert_nonnull (mr_order_find_item (order, third, NULL));
  }
  /* the rows shown now */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = mr_ui_find_all (GTK_WIDGET (window->domain_list), MR_TYPE_DOMAIN_ROW);

  /* out of selection mode, no checks */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (select_button), FALSE);
  for (guint i = 0; i < rows->len; i++)
    g_assert_false (mr_domain_row_get_check_shown (g_ptr_array_index (rows, i), NULL));
}

static GtkSelectionModel *
list_selection (MrWindow *window)
{
  return GTK_SELECTION_MODEL (gtk_list_view_get_model (
    GTK_LIST_VIEW (mr_domain_list_get_list_view (window->domain_list))));
}

static guint
n_ticked (MrWindow *window)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (list_selection (window));

  return (guint) gtk_bitset_get_size (selected);
}

/* the domains ticked (selected) are exactly @first to @last, and @also
 * (G_MAXUINT: none) */
static void
assert_ticked (MrWindow *window,
               guint     first,
               guint     last,
               guint     also)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (list_selection (window));
  g_autoptr(GtkBitset) want = gtk_bitset_new_range (first, last - first + 1);

  if (also != G_MAXUINT)
    gtk_bitset_add (want, also);
  if (!gtk_bitset_equals (selected, want))
    g_error ("ticked: %" G_GUINT64_FORMAT " from %u to %u; wanted %" G_GUINT64_FORMAT
             " from %u to %u",
             gtk_bitset_get_size (selected), gtk_bitset_get_minimum (selected),
             gtk_bitset_get_maximum (selected), gtk_bitset_get_size (want), first,
             MAX (last, also == G_MAXUINT ? 0 : also));
}

/* Tab until the focus is on @target (a row of the list when NULL),
 * failing rather than hanging when the focus never gets there */
static void
tab_to (MrWindow  *window,
        GtkWidget *target)
{
  gboolean itself;

  for (guint n = 0; ; n++)
    {
      if (target != NULL ? gtk_root_get_focus (GTK_ROOT (window)) == target
                         : focused_row (window, &itself) != NULL)
        return;
      g_assert_cmpuint (n, <, 30);
      mr_key_input_press ("Tab");
    }
}

/* Into selection mode with the keyboard: Tab to its button, Space, and
 * Tab back into the list */
static void
enter_selection_mode (MrWindow *window)
{
  GtkWidget *select_button = list_part (window, "select_button");

  tab_to (window, select_button);
  mr_key_input_press ("space");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (select_button)));
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  mr_key_input_press ("Tab");
}

/* The row with the focus is itself focused (not one of its buttons), is
 * the one at @position, and can be seen whole in the list; returns it */
static MrDomainRow *
assert_focus_on (MrWindow *window,
                 guint     position)
{
  GtkWidget *list_view = mr_domain_list_get_list_view (window->domain_list);
  GtkWidget *scrolled = gtk_widget_get_parent (list_view);
  graphene_rect_t bounds;
  gboolean itself;
  MrDomainRow *row;

  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  row = focused_row (window, &itself);
  g_assert_nonnull (row);
  g_assert_true (itself);
  if (position_of (window, row) != position)
    g_error ("the focus is on row %u, not %u", position_of (window, row), position);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  /* (GTK 4.18 may scroll a row to within its margin of the edge) */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (row), scrolled, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, -ROW_MARGIN);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scrolled) + ROW_MARGIN);
  return row;
}

/* The list's own idea of its focus row is the row that has the focus:
 * out of the list with Tab and back with Shift+Tab comes back to it */
static void
assert_focus_comes_back (MrWindow *window,
                         guint     position)
{
  gboolean itself;
  guint n = 0;

  /* through the row's buttons to the stop after the list (in selection
   * mode, the selection bar's first button) */
  while (focused_row (window, &itself) != NULL)
    {
      mr_key_input_press ("Tab");
      g_assert_cmpuint (++n, <=, 10);
    }
  mr_key_input_press ("<Shift>Tab");
  assert_focus_on (window, position);
}

typedef struct
{
  MrWindow   *window;
  const char *text;
} Toast;

static gboolean
toast_shown (gpointer data)
{
  Toast *toast = data;
  g_autofree char *all = mr_ui_collect_text (GTK_WIDGET (toast->window->toast_overlay));

  return strstr (all, toast->text) != NULL;
}

/* a toast says @text, now or once the one before it has gone */
static void
assert_toast_says (MrWindow   *window,
                   const char *text)
{
  Toast toast = { window, text };

  mr_test_wait_until (toast_shown, &toast, WAIT_MS);
}

static gboolean
toast_gone (gpointer data)
{
  Toast *toast = data;
  g_autofree char *all = mr_ui_collect_text (GTK_WIDGET (toast->window->toast_overlay));

  return strstr (all, toast->text) == NULL;
}

/* no toast says @text a moment later (well before its 5 s are up: its
 * Undo would undo something else) */
static void
assert_toast_gone (MrWindow   *window,
                   const char *text)
{
  Toast toast = { window, text };

  mr_test_wait_until (toast_gone, &toast, 1500);
}

/* Selection mode at size, from the keyboard, with the keys the shortcuts
 * window names: 50 domains (ten tall taken ones), Space and Shift+Down
 * tick ten; the arrows and Page Down move the focus and untick nothing,
 * the focus where it is seen and where GTK will bring it back; Shift+Page
 * Down ticks what it passes; Delete removes every ticked one as one step
 * to undo; Ctrl+A ticks all; Escape leaves selection mode with the focus
 * on the row that had it. */
static void
test_list_selection_keys (Fixture       *fixture,
                          gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrder *order = mr_window_get_order (window);
  GtkWidget *select_button = list_part (window, "select_button");
  GtkWidget *revealer = list_part (window, "selection_revealer");
  const char *moves[] = { "Up", "Down" };
  g_autofree char *tick = shortcut_for ("Tick or untick the focused domain");
  g_autofree char *select_all = shortcut_for ("Select all domains");
  g_autofree char *unselect_all = shortcut_for ("Unselect all domains");
  g_autofree char *remove = shortcut_for ("Remove the selected domains (in the domain list)");
  g_autofree char *leave = shortcut_for ("Leave selection mode");
  g_autofree char *tenth = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  MrDomainRow *row;
  gboolean itself;
  guint focus, before, after, n_selected;

  if (!start_typing (fixture))
    return;
  /* the arrows (Page Up, Page Down, Home and End in a subtitle) */
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autofree char *with_shift = g_strconcat ("<Shift>", moves[i], NULL);

      assert_shortcut_lists ("Move the focus without changing what is ticked", moves[i]);
      assert_shortcut_lists ("Tick the domains the focus passes over", with_shift);
    }
  paste_fifty_some_taken (window);

  enter_selection_mode (window);
  mr_key_input_press ("Home");
  assert_focus_on (window, 0);

  /* none ticked; Space, then Shift+Down nine times: ten ticked, the focus
   * on the tenth */
  mr_key_input_press (unselect_all);
  g_assert_cmpuint (n_ticked (window), ==, 0);
  mr_key_input_press (tick);
  assert_ticked (window, 0, 0, G_MAXUINT);
  for (guint i = 1; i < 10; i++)
    {
      mr_key_input_press ("<Shift>Down");
      assert_focus_on (window, i);
      assert_ticked (window, 0, i, G_MAXUINT);
    }

  /* the arrows move, tick nothing and untick nothing */
  mr_key_input_press ("Down");
  mr_key_input_press ("Down");
  assert_focus_on (window, 11);
  mr_key_input_press ("Up");
  assert_focus_on (window, 10);
  assert_ticked (window, 0, 9, G_MAXUINT);
  mr_key_input_press (tick);
  assert_ticked (window, 0, 10, G_MAXUINT);
  mr_key_input_press (tick);
  assert_ticked (window, 0, 9, G_MAXUINT);
  assert_focus_comes_back (window, 10);

  /* Page Down: a page further, seen, and where GTK brings it back */
  mr_key_input_press ("Page_Down");
  row = focused_row (window, &itself);
  g_assert_nonnull (row);
  focus = position_of (window, row);
  g_test_message ("Page Down from row 10 to row %u", focus);
  g_assert_cmpuint (focus, >, 11);
  assert_focus_on (window, focus);
  assert_ticked (window, 0, 9, G_MAXUINT);
  assert_focus_comes_back (window, focus);
  mr_key_input_press ("Page_Up");
  row = focused_row (window, &itself);
  g_assert_cmpuint (position_of (window, row), <, focus);
  focus = position_of (window, row);
  assert_focus_on (window, focus);
  assert_ticked (window, 0, 9, G_MAXUINT);
  mr_key_input_press ("Page_Down");
  mr_key_input_press ("Page_Down");
  row = focused_row (window, &itself);
  before = position_of (window, row);
  assert_focus_on (window, before);
  assert_ticked (window, 0, 9, G_MAXUINT);

  /* Shift+Page Down ticks from the row it leaves to the row it reaches */
  mr_key_input_press ("<Shift>Page_Down");
  row = focused_row (window, &itself);
  after = position_of (window, row);
  g_test_message ("Shift+Page Down from row %u to row %u", before, after);
  g_assert_cmpuint (after, >, before);
  assert_focus_on (window, after);
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (list_selection (window));

    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 10 + after - before + 1);
    for (guint i = 0; i < 50; i++)
      g_assert_true (gtk_bitset_contains (selected, i) == (i < 10 || (i >= before && i <= after)));
  }
  mr_ui_screenshot (GTK_WIDGET (window), "key-input-list-ticked.png");

  /* End and Home move, and untick nothing */
  {
    guint n = n_ticked (window);

    mr_key_input_press ("End");
    assert_focus_on (window, 49);
    mr_key_input_press ("Home");
    assert_focus_on (window, 0);
    mr_key_input_press ("End");
    assert_focus_on (window, 49);
    g_assert_cmpuint (n_ticked (window), ==, n);
  }

  /* Delete: every ticked one, one toast, one step back */
  tenth = g_strdup (mr_order_item_get_domain (mr_order_get_item (order, 9)));
  mr_key_input_press (remove);
  assert_n_items (window, 50 - (10 + after - before + 1));
  g_assert_null (mr_order_find_item (order, tenth, NULL));
  /* none is left ticked; the focus goes to the row after the first
   * removed one, where the list scrolls */
  g_assert_cmpuint (n_ticked (window), ==, 0);
  assert_focus_on (window, 0);
  {
    g_autofree char *removed = g_strdup_printf ("Removed %u domains", 10 + after - before + 1);

    assert_toast_says (window, removed);
  }
  mr_key_input_press (fixture->undo);
  assert_n_items (window, 50);
  g_assert_nonnull (mr_order_find_item (order, tenth, NULL));
  /* ticked again, the focus on the first of them */
  g_assert_cmpuint (n_ticked (window), ==, 10 + after - before + 1);
  assert_focus_on (window, 0);

  /* Ctrl+A in the list ticks every one; Delete takes all 50, Ctrl+Z
   * brings all 50 back */
  tab_to (window, NULL);
  mr_key_input_press (select_all);
  assert_ticked (window, 0, 49, G_MAXUINT);
  mr_key_input_press (remove);
  assert_n_items (window, 0);
  assert_toast_says (window, "Removed 50 domains");
  mr_key_input_press (fixture->undo);
  assert_n_items (window, 50);
  mr_ui_wait_filled (GTK_WIDGET (window));

  /* still in selection mode: tick two, then Escape leaves it, the focus
   * stays on its row, one domain selected (the one being edited), no
   * checks */
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (select_button)));
  tab_to (window, NULL);
  mr_key_input_press (unselect_all);
  g_assert_cmpuint (n_ticked (window), ==, 0);
  mr_key_input_press ("Home");
  mr_key_input_press (tick);
  mr_key_input_press ("Down");
  mr_key_input_press ("Down");
  mr_key_input_press (tick);
  assert_ticked (window, 0, 0, 2);
  mr_key_input_press ("Down");
  assert_focus_on (window, 3);
  mr_key_input_press (leave);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (select_button)));
  assert_focus_on (window, 3);
  g_object_get (window->domain_list, "n-selected", &n_selected, NULL);
  g_assert_cmpuint (n_selected, ==, 1);
  rows = mr_ui_find_all (GTK_WIDGET (window->domain_list), MR_TYPE_DOMAIN_ROW);
  for (guint i = 0; i < rows->len; i++)
    g_assert_false (mr_domain_row_get_check_shown (g_ptr_array_index (rows, i), NULL));

  /* out of selection mode Escape is not the list's */
  mr_key_input_press (leave);
  assert_focus_on (window, 3);

  /* back into selection mode from the row (Shift+Tab to its button,
   * Space), Tab to the selection bar: Escape there leaves selection mode
   * and the focus goes to the button that brings it back */
  mr_key_input_press ("<Shift>Tab");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == select_button);
  mr_key_input_press ("space");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (select_button)));
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  for (guint n = 0; !gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), revealer); n++)
    {
      g_assert_cmpuint (n, <, 10);
      mr_key_input_press ("Tab");
    }
  mr_key_input_press (leave);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (select_button)));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == select_button);

  /* Shift+End and Shift+Home tick up to the end and the start */
  mr_key_input_press ("space");
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  mr_key_input_press ("Tab");
  assert_focus_on (window, 3);
  mr_key_input_press (unselect_all);
  mr_key_input_press ("<Shift>End");
  assert_focus_on (window, 49);
  assert_ticked (window, 3, 49, G_MAXUINT);
  mr_key_input_press ("Up");
  mr_key_input_press ("<Shift>Home");
  assert_focus_on (window, 0);
  assert_ticked (window, 0, 49, G_MAXUINT);
  mr_key_input_press (leave);
}

/* the domains selected are exactly those from @first to @last */
static void
assert_selected (MrWindow *window,
                 guint     first,
                 guint     last)
{
  assert_ticked (window, first, last, G_MAXUINT);
}

/* Outside selection mode, the keys of GTK's lists from the row with the
 * focus, also after the focus left the list and came back: the arrows
 * and Page Down select the row they reach (the editor shows it), Ctrl
 * moves without selecting, Shift selects from the domain being edited;
 * the focus is where it is seen and where GTK brings it back. */
static void
test_list_browse_keys (Fixture       *fixture,
                       gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrder *order = mr_window_get_order (window);
  MrDomainRow *row;
  gboolean itself;
  guint focus, before;

  if (!start_typing (fixture))
    return;
  paste_fifty_some_taken (window);

  tab_to (window, NULL);
  mr_key_input_press ("Home");
  assert_focus_on (window, 0);
  assert_selected (window, 0, 0);
  for (guint i = 0; i < 3; i++)
    mr_key_input_press ("Down");
  assert_focus_on (window, 3);
  assert_selected (window, 3, 3);
  g_assert_true (mr_domain_list_get_selected_item (window->domain_list) == mr_order_get_item (order, 3));
  assert_focus_comes_back (window, 3);

  /* Shift+Down from there: from the one edited to the one reached */
  mr_key_input_press ("<Shift>Down");
  mr_key_input_press ("<Shift>Down");
  assert_focus_on (window, 5);
  assert_selected (window, 3, 5);
  assert_focus_comes_back (window, 5);
  mr_key_input_press ("<Shift>Up");
  assert_focus_on (window, 4);
  assert_selected (window, 3, 4);

  /* Page Down selects the row it reaches, a page further */
  mr_key_input_press ("Page_Down");
  row = focused_row (window, &itself);
  g_assert_nonnull (row);
  focus = position_of (window, row);
  g_test_message ("Page Down from row 4 to row %u", focus);
  g_assert_cmpuint (focus, >, 5);
  assert_focus_on (window, focus);
  assert_selected (window, focus, focus);
  g_assert_true (mr_domain_list_get_selected_item (window->domain_list) == mr_order_get_item (order, focus));
  assert_focus_comes_back (window, focus);

  /* Ctrl+Page Up moves without selecting; Shift+Page Down selects from
   * the one edited */
  before = focus;
  mr_key_input_press ("<Control>Page_Up");
  row = focused_row (window, &itself);
  focus = position_of (window, row);
  g_assert_cmpuint (focus, <, before);
  assert_focus_on (window, focus);
  assert_selected (window, before, before);
  mr_key_input_press ("<Shift>Page_Down");
  mr_key_input_press ("<Shift>Page_Down");
  row = focused_row (window, &itself);
  focus = position_of (window, row);
  g_assert_cmpuint (focus, >, before);
  assert_focus_on (window, focus);
  assert_selected (window, before, focus);
  assert_focus_comes_back (window, focus);

  /* End and Home select the last and the first */
  mr_key_input_press ("End");
  assert_focus_on (window, 49);
  assert_selected (window, 49, 49);
  mr_key_input_press ("Home");
  assert_focus_on (window, 0);
  assert_selected (window, 0, 0);
  g_assert_true (mr_domain_list_get_selected_item (window->domain_list) == mr_order_get_item (order, 0));
}

/* the domains ticked are exactly the @n at @positions */
static void
assert_ticked_at (MrWindow    *window,
                  const guint *positions,
                  guint        n)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (list_selection (window));
  g_autoptr(GtkBitset) want = gtk_bitset_new_empty ();

  for (guint i = 0; i < n; i++)
    gtk_bitset_add (want, positions[i]);
  if (!gtk_bitset_equals (selected, want))
    g_error ("%" G_GUINT64_FORMAT " ticked from %u, wanted %u from %u",
             gtk_bitset_get_size (selected),
             gtk_bitset_is_empty (selected) ? G_MAXUINT : gtk_bitset_get_minimum (selected),
             n, n > 0 ? positions[0] : G_MAXUINT);
}

typedef struct
{
  MrWindow   *window;
  const char *domain;  /* NULL: none */
} Edited;

static gboolean
editor_shows (gpointer data)
{
  Edited *edited = data;
  MrOrderItem *item = mr_account_editor_get_item (MR_ACCOUNT_EDITOR (edited->window->account_editor));

  if (edited->domain == NULL)
    return item == NULL;
  return item != NULL && g_strcmp0 (mr_order_item_get_domain (item), edited->domain) == 0 &&
         item == mr_domain_list_get_selected_item (edited->window->domain_list);
}

/* the editor shows the domain @domain (NULL: none), the one selected */
static void
assert_editor_shows (MrWindow   *window,
                     const char *domain)
{
  Edited edited = { window, domain };

  mr_test_wait_until (editor_shows, &edited, WAIT_MS);
}

static const char *
domain_at (MrWindow *window,
           guint     position)
{
  return mr_order_item_get_domain (mr_order_get_item (mr_window_get_order (window), position));
}

/* Selection mode, 50 domains: three ticked far apart, Delete removes
 * them and leaves none ticked (the focus on the row after the first);
 * Ctrl+Z brings the three back ticked, the focus on the first of them,
 * seen; Ctrl+Shift+Z is as the Delete was. */
static void
test_list_undo_removal_ticked (Fixture       *fixture,
                               gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  MrOrder *order = mr_window_get_order (window);
  GtkWidget *select_button = list_part (window, "select_button");
  g_autofree char *tick = shortcut_for ("Tick or untick the focused domain");
  g_autofree char *unselect_all = shortcut_for ("Unselect all domains");
  g_autofree char *remove = shortcut_for ("Remove the selected domains (in the domain list)");
  const guint ticked[] = { 5, 20, 40 };
  g_auto(GStrv) names = g_new0 (char *, G_N_ELEMENTS (ticked) + 1);
  guint at = 0;

  if (!start_typing (fixture))
    return;
  paste_fifty_some_taken (window);

  enter_selection_mode (window);
  mr_key_input_press ("Home");
  mr_key_input_press (unselect_all);
  for (guint i = 0; i < G_N_ELEMENTS (ticked); i++)
    {
      for (; at < ticked[i]; at++)
        mr_key_input_press ("Down");
      assert_focus_on (window, ticked[i]);
      mr_key_input_press (tick);
      names[i] = g_strdup (domain_at (window, ticked[i]));
    }
  assert_ticked_at (window, ticked, G_N_ELEMENTS (ticked));

  /* Delete: none left ticked, the editor empty, the focus on the row
   * after the first removed one */
  mr_key_input_press (remove);
  assert_n_items (window, 47);
  g_assert_cmpuint (n_ticked (window), ==, 0);
  assert_focus_on (window, ticked[0]);
  assert_editor_shows (window, NULL);

  /* Ctrl+Z: the three ticked again where they were, the focus on the
   * first, seen; the toast that offered to undo it is gone */
  assert_toast_says (window, "Removed 3 domains");
  mr_key_input_press (fixture->undo);
  assert_n_items (window, 50);
  assert_toast_gone (window, "Removed 3 domains");
  for (guint i = 0; i < G_N_ELEMENTS (ticked); i++)
    g_assert_cmpstr (domain_at (window, ticked[i]), ==, names[i]);
  assert_ticked_at (window, ticked, G_N_ELEMENTS (ticked));
  assert_focus_on (window, ticked[0]);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (select_button)));
  mr_ui_screenshot (GTK_WIDGET (window), "key-input-undo-ticked.png");

  /* Ctrl+Shift+Z: as after the Delete */
  mr_key_input_press (fixture->redo);
  assert_n_items (window, 47);
  g_assert_null (mr_order_find_item (order, names[1], NULL));
  g_assert_cmpuint (n_ticked (window), ==, 0);
  assert_focus_on (window, ticked[0]);

  /* and back once more, the last one brought back seen too */
  mr_key_input_press (fixture->undo);
  assert_n_items (window, 50);
  assert_ticked_at (window, ticked, G_N_ELEMENTS (ticked));
  assert_focus_on (window, ticked[0]);
  for (at = ticked[0]; at < ticked[2]; at++)
    mr_key_input_press ("Down");
  assert_focus_on (window, ticked[2]);
  assert_ticked_at (window, ticked, G_N_ELEMENTS (ticked));

  /* an unticked row's own Remove (what its button asks for) takes that
   * row alone: the three stay ticked, one place up */
  {
    const guint moved[] = { ticked[0] - 1, ticked[1] - 1, ticked[2] - 1 };

    mr_domain_list_request_remove (window->domain_list, mr_order_get_item (order, 0));
    assert_n_items (window, 49);
    assert_ticked_at (window, moved, G_N_ELEMENTS (moved));
    for (guint i = 0; i < G_N_ELEMENTS (moved); i++)
      g_assert_cmpstr (domain_at (window, moved[i]), ==, names[i]);
  }
}

/* Outside selection mode, 50 domains: Delete on the eighth selects the
 * one after it (edited, the focus on its row); Ctrl+Z brings it back
 * selected, edited, the focus on its row, after typing elsewhere too;
 * Ctrl+Shift+Z is as the Delete was. */
static void
test_list_undo_removal_one (Fixture       *fixture,
                            gconstpointer  data)
{
  MrWindow *window = fixture->ui.window;
  g_autofree char *removed = NULL;
  g_autofree char *after = NULL;

  if (!start_typing (fixture))
    return;
  paste_fifty_some_taken (window);

  tab_to (window, NULL);
  mr_key_input_press ("Home");
  for (guint i = 0; i < 7; i++)
    mr_key_input_press ("Down");
  assert_focus_on (window, 7);
  assert_selected (window, 7, 7);
  removed = g_strdup (domain_at (window, 7));
  after = g_strdup (domain_at (window, 8));
  assert_editor_shows (window, removed);

  mr_key_input_press ("Delete");
  assert_n_items (window, 49);
  assert_selected (window, 7, 7);
  assert_editor_shows (window, after);
  assert_focus_on (window, 7);

  mr_key_input_press (fixture->undo);
  assert_n_items (window, 50);
  g_assert_cmpstr (domain_at (window, 7), ==, removed);
  assert_selected (window, 7, 7);
  assert_editor_shows (window, removed);
  assert_focus_on (window, 7);
  assert_focus_comes_back (window, 7);
  mr_ui_screenshot (GTK_WIDGET (window), "key-input-undo-one.png");

  mr_key_input_press (fixture->redo);
  assert_n_items (window, 49);
  assert_selected (window, 7, 7);
  assert_editor_shows (window, after);
  assert_focus_on (window, 7);

  /* the last one, far down: back in sight */
  mr_key_input_press ("End");
  assert_focus_on (window, 48);
  g_free (removed);
  removed = g_strdup (domain_at (window, 48));
  mr_key_input_press ("Delete");
  assert_n_items (window, 48);
  assert_selected (window, 47, 47);
  mr_key_input_press ("Home");
  assert_focus_on (window, 0);
  mr_key_input_press (fixture->undo);
  assert_n_items (window, 49);
  assert_selected (window, 48, 48);
  assert_editor_shows (window, removed);
  assert_focus_on (window, 48);

  /* the toast's own Undo button does the same, and the toast goes */
  {
    g_autofree char *title = g_strdup_printf ("Removed %s", removed);
    GtkWidget *button;

    mr_key_input_press ("Delete");
    assert_n_items (window, 48);
    assert_toast_says (window, title);
    button = mr_ui_find_button (GTK_WIDGET (window->toast_overlay), "_Undo");
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    assert_n_items (window, 49);
    assert_selected (window, 48, 48);
    assert_editor_shows (window, removed);
    assert_toast_gone (window, title);
  }

  /* a row's own Remove, from the keyboard: the focus goes on to the row
   * that takes its place, selected and edited, not lost with the row */
  {
    MrDomainRow *row;

    mr_key_input_press ("Home");
    for (guint i = 0; i < 7; i++)
      mr_key_input_press ("Down");
    row = assert_focus_on (window, 7);
    g_free (after);
    after = g_strdup (domain_at (window, 8));
    for (guint i = 0; i < n_row_buttons (row); i++)
      mr_key_input_press ("Tab");
    mr_key_input_press ("space");
    assert_n_items (window, 48);
    assert_selected (window, 7, 7);
    assert_editor_shows (window, after);
    assert_focus_on (window, 7);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* a backend that keeps what widgets say, to read it back (the ui suite
   * turns accessibility off) */
  g_setenv ("GTK_A11Y", "test", TRUE);
  the_app = mr_ui_test_init (&argc, &argv);

  g_test_add ("/mr/key-input/enter/adds-one", Fixture, NULL,
              fixture_set_up, test_enter_adds_one, fixture_tear_down);
  g_test_add ("/mr/key-input/shortcuts-window", Fixture, NULL,
              fixture_set_up, test_shortcuts_window, fixture_tear_down);
  g_test_add ("/mr/key-input/undo/in-entry", Fixture, NULL,
              fixture_set_up, test_undo_in_entry, fixture_tear_down);
  g_test_add ("/mr/key-input/undo/in-editor", Fixture, NULL,
              fixture_set_up, test_undo_in_editor, fixture_tear_down);
  g_test_add ("/mr/key-input/paste/fifty", Fixture, NULL,
              fixture_set_up, test_paste_fifty, fixture_tear_down);
  g_test_add ("/mr/key-input/list/one-stop", Fixture, NULL,
              fixture_set_up, test_list_one_stop, fixture_tear_down);
  g_test_add ("/mr/key-input/list/selection-mode", Fixture, NULL,
              fixture_set_up, test_list_selection_mode, fixture_tear_down);
  g_test_add ("/mr/key-input/list/selection-keys", Fixture, NULL,
              fixture_set_up, test_list_selection_keys, fixture_tear_down);
  g_test_add ("/mr/key-input/list/browse-keys", Fixture, NULL,
              fixture_set_up, test_list_browse_keys, fixture_tear_down);
  g_test_add ("/mr/key-input/list/undo-removal-ticked", Fixture, NULL,
              fixture_set_up, test_list_undo_removal_ticked, fixture_tear_down);
  g_test_add ("/mr/key-input/list/undo-removal-one", Fixture, NULL,
              fixture_set_up, test_list_undo_removal_one, fixture_tear_down);

  ret = g_test_run ();
  g_clear_object (&the_app);

  return ret;
}
