/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Details of the window: Delete and BackSpace in a text field edit the
 * text, they never remove a domain or a mailbox; at 360 px the labels get
 * shorter instead of cut off. GTK 4.8 cannot inject key events, so a key press is
 * played through the shortcut controllers the way GTK propagates it:
 * capture from the window down to the focus, then bubble back up. */

#include "config.h"

#include <glib/gstdio.h>

#include "mr-test-util.h"
#include "mr-ui-test-util.h"
#include "mr-application.h"
#include "mr-account-editor.h"
#include "mr-delete-shortcut.h"
#include "mr-mailbox-row.h"
#include "mr-preferences-window.h"
#include "mr-window-private.h"

#define WAIT_MS 15000

static MrApplication *the_app;
static char *data_home;

typedef MrUiWindowFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  mr_ui_window_fixture_set_up (fixture, the_app, "mailroom-keys-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mr_ui_window_fixture_tear_down (fixture);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }

  g_rmdir (dir);
}

/* Key presses through shortcut controllers */

static gboolean
trigger_is_key (GtkShortcutTrigger *trigger,
                guint               keyval)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    return gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
           (gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) &
            gtk_accelerator_get_default_mod_mask ()) == 0;

  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_is_key (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval) ||
           trigger_is_key (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval);

  return FALSE;
}

/* Activates the shortcuts of @widget's controllers in @phase for @keyval;
 * TRUE when one of them handled the key. */
static gboolean
offer_key (GtkWidget        *widget,
           GtkPropagationPhase phase,
           gboolean          managed_only,
           guint             keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;
      if (managed_only &&
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) == GTK_SHORTCUT_SCOPE_LOCAL)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (!trigger_is_key (gtk_shortcut_get_trigger (shortcut), keyval))
            continue;

          if (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                            GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                            widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }

  return FALSE;
}

static void
collect_outside (GtkWidget *widget,
                 GHashTable *ancestors,
                 GPtrArray  *out)
{
  if (!g_hash_table_contains (ancestors, widget))
    g_ptr_array_add (out, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_outside (child, ancestors, out);
}

/* Plays @keyval pressed with the focus in @focus; returns the widget whose
 * shortcut took it, or NULL. Controllers with a managed or global scope
 * elsewhere in the window count as the window's. */
static GtkWidget *
press (GtkWidget *focus,
       guint      keyval)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GHashTable) ancestors = g_hash_table_new (NULL, NULL);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (focus));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_ptr_array_add (chain, w);
      g_hash_table_add (ancestors, w);
    }
  collect_outside (root, ancestors, others);

  for (guint i = 0; i < others->len; i++)
    if (offer_key (g_ptr_array_index (others, i), GTK_PHASE_CAPTURE, TRUE, keyval))
      return g_ptr_array_index (others, i);

  for (guint i = chain->len; i > 0; i--)
    if (offer_key (g_ptr_array_index (chain, i - 1), GTK_PHASE_CAPTURE, FALSE, keyval))
      return g_ptr_array_index (chain, i - 1);

  if (offer_key (focus, GTK_PHASE_TARGET, FALSE, keyval))
    return focus;

  for (guint i = 0; i < chain->len; i++)
    if (offer_key (g_ptr_array_index (chain, i), GTK_PHASE_BUBBLE, FALSE, keyval))
      return g_ptr_array_index (chain, i);

  for (guint i = 0; i < others->len; i++)
    if (offer_key (g_ptr_array_index (others, i), GTK_PHASE_BUBBLE, TRUE, keyval))
      return g_ptr_array_index (others, i);

  return NULL;
}

/* What the order holds, to see that nothing was removed */
static char *
describe_order (MrWindow *window)
{
  MrOrder *order = mr_window_get_order (window);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < mr_order_get_n_items (order); i++)
    {
      MrOrderItem *item = mr_order_get_item (order, i);

      g_string_append_printf (out, "%s:%u ", mr_order_item_get_domain (item),
                              mr_order_item_get_n_accounts (item));
    }

  return g_string_free (out, FALSE);
}

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GtkWidget *child = mr_ui_find_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* The GtkText that takes the keys of an entry, entry row or search entry */
static GtkWidget *
text_of (GtkWidget *field)
{
  GtkWidget *text = GTK_IS_TEXT (field) ? field : mr_ui_find_first (field, GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  return text;
}

/* Delete and BackSpace in @field edit its text and nothing else */
static void
assert_keys_edit_text (MrWindow   *window,
                       GtkWidget  *field,
                       const char *what)
{
  GtkWidget *text = text_of (field);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *taker;

  g_test_message ("Delete and BackSpace in the %s", what);

  gtk_editable_set_text (GTK_EDITABLE (text), "abc");
  g_assert_true (gtk_widget_grab_focus (text));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == text);
  g_assert_true (mr_focus_is_text_field (text));
  before = describe_order (window);

  gtk_editable_set_position (GTK_EDITABLE (text), 0);
  taker = press (text, GDK_KEY_Delete);
  g_assert_true (taker == text);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (text)), ==, "bc");

  /* the keypad's Delete too */
  gtk_editable_set_position (GTK_EDITABLE (text), 0);
  taker = press (text, GDK_KEY_KP_Delete);
  g_assert_true (taker == text);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (text)), ==, "c");

  gtk_editable_set_position (GTK_EDITABLE (text), -1);
  taker = press (text, GDK_KEY_BackSpace);
  g_assert_true (taker == text);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (text)), ==, "");

  /* an empty field still keeps the keys */
  taker = press (text, GDK_KEY_Delete);
  g_assert_true (taker == text);
  taker = press (text, GDK_KEY_BackSpace);
  g_assert_true (taker == text);

  after = describe_order (window);
  g_assert_cmpstr (after, ==, before);
}

static gboolean
rows_checked (gpointer data)
{
  MrWindow *window = data;

  return mr_order_get_n_items (mr_window_get_order (window)) == 2 &&
         mr_ui_find_all (GTK_WIDGET (window->account_editor), MR_TYPE_MAILBOX_ROW)->len == 2;
}

static MrMailboxRow *
first_mailbox_row (MrWindow *window)
{
  g_autoptr(GPtrArray) rows = mr_ui_find_all (GTK_WIDGET (window->account_editor),
                                              MR_TYPE_MAILBOX_ROW);

  g_assert_cmpuint (rows->len, >, 0);
  return g_ptr_array_index (rows, 0);
}

static void
test_delete_in_text (Fixture       *fixture,
                     gconstpointer  data)
{
  MrWindow *window = fixture->window;
  GtkWidget *entry = template_child (window->domain_list, MR_TYPE_DOMAIN_LIST, "entry");
  MrOrderItem *item;
  MrMailboxRow *row;

  gtk_editable_set_text (GTK_EDITABLE (entry), "acme-outreach.com, getacme.org");
  g_signal_emit_by_name (entry, "activate");
  item = mr_order_find_item (mr_window_get_order (window), "acme-outreach.com", NULL);
  g_assert_nonnull (item);
  mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing");
  mr_domain_list_select (window->domain_list, 0);
  mr_test_wait_until (rows_checked, window, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);

  assert_keys_edit_text (window, entry, "add-domain entry");

  row = first_mailbox_row (window);
  assert_keys_edit_text (window, template_child (row, MR_TYPE_MAILBOX_ROW, "first_entry"),
                         "first name");
  assert_keys_edit_text (window, template_child (row, MR_TYPE_MAILBOX_ROW, "last_entry"),
                         "last name");
  assert_keys_edit_text (window, template_child (row, MR_TYPE_MAILBOX_ROW, "prefix_entry"),
                         "address prefix");
  assert_keys_edit_text (window, template_child (window->account_editor, MR_TYPE_ACCOUNT_EDITOR,
                                                 "forwarding_row"),
                         "forwarding domain");
  assert_keys_edit_text (window, template_child (window->account_editor, MR_TYPE_ACCOUNT_EDITOR,
                                                 "fill_row"),
                         "fill-from-names row");

  /* the search entries of the other order types and of the orders view */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.order-type", "s", "pre_warmed_up");
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  assert_keys_edit_text (window, template_child (window->prewarmed_page, MR_TYPE_PREWARMED_PAGE,
                                                 "search_entry"),
                         "pre-warmed search");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.order-type", "s", "extra_accounts");
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  assert_keys_edit_text (window, template_child (window->extra_page, MR_TYPE_EXTRA_ACCOUNTS_PAGE,
                                                 "search_entry"),
                         "extra accounts search");
}

static void
test_delete_removes (Fixture       *fixture,
                     gconstpointer  data)
{
  MrWindow *window = fixture->window;
  GtkWidget *entry = template_child (window->domain_list, MR_TYPE_DOMAIN_LIST, "entry");
  GtkWidget *list_view = template_child (window->domain_list, MR_TYPE_DOMAIN_LIST, "list_view");
  GtkWidget *remove_button;
  GtkWidget *focus;
  g_autofree char *after_mailbox = NULL;
  g_autofree char *after_domain = NULL;
  MrOrderItem *item;

  gtk_editable_set_text (GTK_EDITABLE (entry), "acme-outreach.com, getacme.org");
  g_signal_emit_by_name (entry, "activate");
  item = mr_order_find_item (mr_window_get_order (window), "acme-outreach.com", NULL);
  mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing");
  mr_domain_list_select (window->domain_list, 0);
  mr_test_wait_until (rows_checked, window, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);

  /* on a mailbox's remove button, Delete removes that mailbox */
  remove_button = template_child (first_mailbox_row (window), MR_TYPE_MAILBOX_ROW, "remove_button");
  g_assert_true (gtk_widget_grab_focus (remove_button));
  g_assert_false (mr_focus_is_text_field (remove_button));
  g_assert_nonnull (press (remove_button, GDK_KEY_Delete));
  after_mailbox = describe_order (window);
  g_assert_cmpstr (after_mailbox, ==, "acme-outreach.com:1 getacme.org:0 ");

  /* on the selected domain in the list, Delete removes the domain */
  g_assert_true (gtk_widget_grab_focus (list_view));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, list_view) || focus == list_view);
  g_assert_false (mr_focus_is_text_field (focus));
  g_assert_nonnull (press (focus, GDK_KEY_Delete));
  after_domain = describe_order (window);
  g_assert_cmpstr (after_domain, ==, "getacme.org:0 ");
}

/* No accelerator of the application takes Delete or BackSpace: those run
 * before any text field sees the key. */
static void
test_no_delete_accels (void)
{
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (the_app));
  const guint keys[] = { GDK_KEY_Delete, GDK_KEY_KP_Delete, GDK_KEY_BackSpace };

  g_assert_nonnull (actions);
  g_assert_nonnull (actions[0]);

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (the_app),
                                                                   actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint keyval = 0;
          GdkModifierType mods = 0;

          g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &mods));
          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            if (keyval == keys[k] && mods == 0)
              g_error ("%s takes %s", actions[i], accels[j]);
        }
    }
}

static gboolean
is_folded (gpointer data)
{
  MrWindow *window = data;

  return adw_leaflet_get_folded (window->leaflet) && gtk_widget_get_width (data) <= 360;
}

static gboolean
is_wide (gpointer data)
{
  return gtk_widget_get_width (data) > 360;
}

static int
line_count (GtkLabel *label)
{
  return pango_layout_get_line_count (gtk_label_get_layout (label));
}

static gboolean
place_button_laid_out (gpointer data)
{
  MrWindow *window = data;
  GtkWidget *child = adw_squeezer_get_visible_child (window->place_squeezer);
  int natural = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);

  return gtk_widget_get_width (child) >= natural;
}

/* the header button shows its whole label, or its icon when narrow */
static void
assert_place_button_whole (MrWindow *window)
{
  GtkWidget *child;
  int natural = 0;

  /* the squeezer lays out its new child on a later frame; the child to
   * check is the one shown once it is laid out */
  mr_test_wait_until (place_button_laid_out, window, WAIT_MS);
  child = adw_squeezer_get_visible_child (window->place_squeezer);
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_test_message ("place button content: %d of %d px, %s", gtk_widget_get_width (child), natural,
                  G_OBJECT_TYPE_NAME (child));
  g_assert_cmpint (gtk_widget_get_width (child), >=, natural);
  if (GTK_IS_LABEL (child))
    {
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))));
      /* the whole label, never a short "Place…" */
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child)), ==, "Place Order…");
    }
  else
    g_assert_true (GTK_IS_IMAGE (child));
}

/* what the header's Place Order button shows now */
static GtkWidget *
place_button_child (MrWindow *window)
{
  return adw_squeezer_get_visible_child (window->place_squeezer);
}

/* At 360 px the demo strip says it shorter, not cut off, and the header
 * still says "Place Order…" whole */
static void
test_narrow_labels (Fixture       *fixture,
                    gconstpointer  data)
{
  MrWindow *window = fixture->window;

  g_assert_false (adw_leaflet_get_folded (window->leaflet));
  g_assert_true (GTK_IS_LABEL (place_button_child (window)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->demo_label)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->demo_short_label)));
  g_assert_true (gtk_widget_get_visible (window->demo_key_button));
  g_assert_false (gtk_widget_get_visible (window->demo_key_icon_button));
  g_assert_cmpint (line_count (window->demo_label), ==, 1);
  assert_place_button_whole (window);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  mr_test_wait_until (is_folded, window, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);

  /* its whole label, or an icon with the words as its tooltip */
  g_assert_nonnull (gtk_widget_get_tooltip_text (window->place_button));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->demo_label)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->demo_short_label)));
  g_assert_false (gtk_widget_get_visible (window->demo_key_button));
  g_assert_true (gtk_widget_get_visible (window->demo_key_icon_button));
  g_assert_nonnull (gtk_widget_get_tooltip_text (window->demo_key_icon_button));
  g_assert_cmpint (line_count (window->demo_short_label), <=, 2);
  assert_place_button_whole (window);

  /* and back */
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  mr_test_wait_until (is_wide, window, WAIT_MS);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  g_assert_false (adw_leaflet_get_folded (window->leaflet));
  g_assert_true (GTK_IS_LABEL (place_button_child (window)));
  g_assert_true (gtk_widget_get_visible (window->demo_key_button));
}

static MrPreferencesWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (MR_IS_PREFERENCES_WINDOW (window))
        return MR_PREFERENCES_WINDOW (window);
    }

  return NULL;
}

static gboolean
has_preferences (gpointer data)
{
  return find_preferences () != NULL;
}

static gboolean
key_status_settled (gpointer data)
{
  GObject *row = gtk_widget_get_template_child (data, MR_TYPE_PREFERENCES_WINDOW, "key_status_row");
  const char *status = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  return status != NULL && !g_str_has_suffix (status, "…");
}

/* The menu's Preferences opens the preferences over the window (and gives
 * the screenshot of them) */
static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  MrPreferencesWindow *prefs;

  g_assert_null (find_preferences ());
  g_action_group_activate_action (G_ACTION_GROUP (the_app), "preferences", NULL);
  mr_test_wait_until (has_preferences, NULL, WAIT_MS);
  prefs = find_preferences ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == GTK_WINDOW (fixture->window));
  mr_test_wait_until (key_status_settled, prefs, WAIT_MS);
  mr_ui_screenshot (GTK_WIDGET (prefs), "preferences.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* a private keyring file: never the user's keyring */
  data_home = g_dir_make_tmp ("mailroom-keys-data-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "mailroom-test-master-password", TRUE);

  the_app = mr_ui_test_init (&argc, &argv);

  g_test_add ("/mr/keys/delete/in-text-fields", Fixture, NULL,
              fixture_set_up, test_delete_in_text, fixture_tear_down);
  g_test_add ("/mr/keys/delete/removes", Fixture, NULL,
              fixture_set_up, test_delete_removes, fixture_tear_down);
  g_test_add_func ("/mr/keys/delete/no-accelerators", test_no_delete_accels);
  g_test_add ("/mr/window/narrow-labels", Fixture, NULL,
              fixture_set_up, test_narrow_labels, fixture_tear_down);
  g_test_add ("/mr/window/preferences", Fixture, NULL,
              fixture_set_up, test_preferences, fixture_tear_down);

  ret = g_test_run ();
  g_clear_object (&the_app);
  remove_tree (data_home);
  g_free (data_home);

  return ret;
}
