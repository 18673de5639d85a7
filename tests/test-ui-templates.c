/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "mr-test-util.h"
#include "mr-account-editor.h"
#include "mr-application.h"
#include "mr-confirm-dialog.h"
#include "mr-domain-list.h"
#include "mr-domain-row.h"
#include "mr-extra-accounts-page.h"
#include "mr-mailbox-row.h"
#include "mr-orders-view.h"
#include "mr-preferences-window.h"
#include "mr-prewarmed-page.h"
#include "mr-pricing-panel.h"
#include "mr-pricing-summary.h"
#include "mr-result-page.h"
#include "mr-window.h"

/* Every template builds on GTK 4.8 / libadwaita 1.2: an unknown type or
 * property in a .ui file is a critical, which gtk_test_init() makes fatal. */

static void
check_widget (GtkWidget *widget)
{
  g_object_ref_sink (widget);
  g_assert_true (GTK_IS_WIDGET (widget));
  g_assert_finalize_object (widget);
}

static void
test_plain_widgets (void)
{
  g_autoptr(MrAccount) account = mr_account_new ("Ada", "Lovelace", "ada");

  check_widget (mr_domain_list_new ());
  check_widget (mr_domain_row_new ());
  check_widget (mr_prewarmed_page_new ());
  check_widget (mr_extra_accounts_page_new ());
  check_widget (mr_result_page_new ());
  check_widget (mr_account_editor_new ());
  {
    /* its form, built when it first shows a domain */
    GtkWidget *editor = mr_account_editor_new ();
    g_autoptr(MrOrderItem) item = mr_order_item_new ("acme-outreach.com");

    mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), item);
    mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), NULL);
    check_widget (editor);
  }
  check_widget (mr_pricing_panel_new ());
  check_widget (mr_pricing_summary_new ());
  check_widget (mr_mailbox_row_new (account, "acme-outreach.com"));
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *overlay;

  builder = gtk_builder_new_from_resource ("/io/github/mailroom/Mailroom/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_style_css (void)
{
  g_autoptr(GBytes) css = NULL;
  g_autoptr(GError) error = NULL;

  css = g_resources_lookup_data ("/io/github/mailroom/Mailroom/style.css", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (css, NULL), "tnum"));
}

static void
test_windows (void)
{
  g_autoptr(MrApplication) app = mr_application_new ();
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) quote = mr_quote_new ();
  g_autofree char *tmpdir = g_dir_make_tmp ("mailroom-templates-XXXXXX", NULL);
  g_autofree char *draft = g_build_filename (tmpdir, "draft.json", NULL);
  MrWindow *window;
  MrConfirmDialog *dialog;
  MrPreferencesWindow *prefs;

  g_setenv ("MR_DRAFT_PATH", draft, TRUE);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  mr_application_set_client (app, client, TRUE);

  window = mr_window_new (app);
  g_assert_true (MR_IS_WINDOW (window));
  g_assert_nonnull (mr_window_get_order (window));
  g_assert_nonnull (mr_window_get_scheduler (window));

  dialog = mr_confirm_dialog_new (GTK_WINDOW (window), quote, TRUE);
  g_assert_true (MR_IS_CONFIRM_DIALOG (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  prefs = mr_preferences_window_new (GTK_WINDOW (window), mr_application_get_settings (app));
  g_assert_true (MR_IS_PREFERENCES_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (prefs));
  /* let its key lookup finish while its parent still exists */
  mr_test_spin (300);

  gtk_window_destroy (GTK_WINDOW (window));
  mr_test_spin (50);

  g_remove (draft);
  g_rmdir (tmpdir);
}

/* Icon-only buttons and switches need an accessible label: on GTK 4.8 a
 * tooltip is only the accessible description. Each template is read back
 * from the resource and every button-like <object> without a "label"
 * property or a child must carry <accessibility><property name="label">
 * (or a labelled-by relation). */

#define RESOURCE_PREFIX "/io/github/mailroom/Mailroom/"

/* Buttons whose label or accessible label is set in code. */
static const char * const labelled_in_code[] = {
  "mr-mailbox-row.ui#remove_button",    /* mr_mailbox_row: "Remove <address>" */
  "mr-pricing-panel.ui#error_button",   /* text label set with each error */
  "mr-preferences-window.ui#demo_switch", /* named by its row's title, as its activatable widget */
};

typedef struct
{
  gboolean is_button;
  gboolean has_label;
  char    *id;
  guint    depth;
} ButtonFrame;

typedef struct
{
  const char *file;
  GArray     *frames;    /* ButtonFrame, innermost last */
  GPtrArray  *elements;  /* element names, outermost first */
  GPtrArray  *missing;   /* "file#id (class)" */
} ScanState;

static gboolean
is_button_class (const char *class_name)
{
  static const char * const classes[] = {
    "GtkButton", "GtkMenuButton", "GtkToggleButton", "GtkSwitch", "GtkCheckButton",
  };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_strcmp0 (class_name, classes[i]) == 0)
      return TRUE;
  return FALSE;
}

static ButtonFrame *
current_object (ScanState *state)
{
  if (state->frames->len == 0)
    return NULL;
  return &g_array_index (state->frames, ButtonFrame, state->frames->len - 1);
}

static const char *
parent_element (ScanState *state,
                guint      up)
{
  if (state->elements->len < up + 1)
    return NULL;
  return g_ptr_array_index (state->elements, state->elements->len - 1 - up);
}

static void
scan_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              user_data,
            GError              **error)
{
  ScanState *state = user_data;
  ButtonFrame *frame = current_object (state);
  const char *name = NULL;
  const char *class_name = NULL;
  const char *id = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "name"))
        name = values[i];
      else if (g_str_equal (names[i], "class"))
        class_name = values[i];
      else if (g_str_equal (names[i], "id"))
        id = values[i];
    }

  if (frame != NULL && frame->is_button && frame->depth == state->elements->len)
    {
      /* a direct child of the button's <object> */
      if (g_str_equal (element, "child"))
        frame->has_label = TRUE;
      else if (g_str_equal (element, "property") &&
               (g_strcmp0 (name, "label") == 0 || g_strcmp0 (name, "child") == 0))
        frame->has_label = TRUE;
    }
  else if (frame != NULL && frame->is_button &&
           frame->depth + 1 == state->elements->len &&
           g_strcmp0 (parent_element (state, 0), "accessibility") == 0)
    {
      if ((g_str_equal (element, "property") && g_strcmp0 (name, "label") == 0) ||
          (g_str_equal (element, "relation") && g_strcmp0 (name, "labelled-by") == 0))
        frame->has_label = TRUE;
    }

  g_ptr_array_add (state->elements, g_strdup (element));

  if (g_str_equal (element, "object") || g_str_equal (element, "template"))
    {
      ButtonFrame new_frame = { 0, };

      new_frame.is_button = is_button_class (class_name);
      new_frame.id = g_strdup (id != NULL ? id : class_name);
      new_frame.depth = state->elements->len;
      g_array_append_val (state->frames, new_frame);
    }
}

static void
scan_end (GMarkupParseContext  *context,
          const char           *element,
          gpointer              user_data,
          GError              **error)
{
  ScanState *state = user_data;
  ButtonFrame *frame = current_object (state);

  if (frame != NULL && frame->depth == state->elements->len)
    {
      if (frame->is_button && !frame->has_label)
        {
          g_autofree char *key = g_strdup_printf ("%s#%s", state->file, frame->id);
          gboolean allowed = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (labelled_in_code); i++)
            allowed |= g_str_equal (key, labelled_in_code[i]);
          if (!allowed)
            g_ptr_array_add (state->missing, g_steal_pointer (&key));
        }
      g_free (frame->id);
      g_array_set_size (state->frames, state->frames->len - 1);
    }

  g_ptr_array_set_size (state->elements, state->elements->len - 1);
}

static void
scan_ui_file (const char *file,
              GPtrArray  *missing)
{
  static const GMarkupParser parser = { scan_start, scan_end, NULL, NULL, NULL };
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, file, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GArray) frames = g_array_new (FALSE, TRUE, sizeof (ButtonFrame));
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  ScanState state = { file, frames, elements, missing };
  const char *data;
  gsize len;

  bytes = g_resources_lookup_data (path, 0, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &len);
  context = g_markup_parse_context_new (&parser, 0, &state, NULL);
  g_markup_parse_context_parse (context, data, len, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (frames->len, ==, 0);
}

static guint
scan_ui_text (const char *file,
              const char *text)
{
  static const GMarkupParser parser = { scan_start, scan_end, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GArray) frames = g_array_new (FALSE, TRUE, sizeof (ButtonFrame));
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  ScanState state = { file, frames, elements, missing };

  context = g_markup_parse_context_new (&parser, 0, &state, NULL);
  g_markup_parse_context_parse (context, text, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  return missing->len;
}

static void
test_accessible_labels (void)
{
  g_auto(GStrv) children = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  guint n_files = 0;

  /* the scanner itself: an icon-only button is caught, labelled ones pass */
  g_assert_cmpuint (scan_ui_text ("t.ui",
                                  "<interface><object class=\"GtkButton\" id=\"b\">"
                                  "<property name=\"icon-name\">x</property>"
                                  "<property name=\"tooltip-text\">X</property>"
                                  "</object></interface>"), ==, 1);
  g_assert_cmpuint (scan_ui_text ("t.ui",
                                  "<interface><object class=\"GtkBox\"><child>"
                                  "<object class=\"GtkSwitch\"/></child>"
                                  "<child><object class=\"GtkButton\">"
                                  "<property name=\"label\">A</property></object></child>"
                                  "<child><object class=\"GtkMenuButton\">"
                                  "<property name=\"icon-name\">x</property>"
                                  "<accessibility><property name=\"label\">X</property>"
                                  "</accessibility></object></child>"
                                  "<child><object class=\"GtkToggleButton\">"
                                  "<accessibility><relation name=\"labelled-by\">l</relation>"
                                  "</accessibility></object></child>"
                                  "<child><object class=\"GtkButton\"><child>"
                                  "<object class=\"GtkLabel\"/></child></object></child>"
                                  "</object></interface>"), ==, 1);
  /* a label property of an object nested in the button's child does not count
   * for a sibling button without one */
  g_assert_cmpuint (scan_ui_text ("t.ui",
                                  "<interface><object class=\"GtkBox\"><child>"
                                  "<object class=\"GtkLabel\"><property name=\"label\">A</property>"
                                  "</object></child><child><object class=\"GtkCheckButton\"/>"
                                  "</child></object></interface>"), ==, 1);

  children = g_resources_enumerate_children (RESOURCE_PREFIX, 0, NULL);
  g_assert_nonnull (children);
  for (guint i = 0; children[i] != NULL; i++)
    {
      if (!g_str_has_suffix (children[i], ".ui"))
        continue;
      scan_ui_file (children[i], missing);
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 14);

  for (guint i = 0; i < missing->len; i++)
    g_test_message ("no accessible label: %s", (char *) g_ptr_array_index (missing, i));
  g_assert_cmpuint (missing->len, ==, 0);
}

static void
test_orders_menu_primary (void)
{
  GtkWidget *view;
  GtkWidget *child;
  gboolean found = FALSE;

  view = g_object_ref_sink (mr_orders_view_new ());
  /* F10 opens the menu of the primary menu button */
  for (child = gtk_widget_get_first_child (view); child != NULL; )
    {
      if (GTK_IS_MENU_BUTTON (child))
        {
          g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (child)));
          found = TRUE;
        }
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != view && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == view ? NULL : gtk_widget_get_next_sibling (child);
        }
    }
  g_assert_true (found);
  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/mr/ui/templates/widgets", test_plain_widgets);
  g_test_add_func ("/mr/ui/templates/help-overlay", test_help_overlay);
  g_test_add_func ("/mr/ui/templates/style", test_style_css);
  g_test_add_func ("/mr/ui/templates/windows", test_windows);
  g_test_add_func ("/mr/ui/templates/accessible-labels", test_accessible_labels);
  g_test_add_func ("/mr/ui/templates/orders-menu-primary", test_orders_menu_primary);

  return g_test_run ();
}
