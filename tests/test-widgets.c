/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "mailroom-core.h"
#include "mr-account-editor.h"
#include "mr-confirm-dialog.h"
#include "mr-mailbox-row.h"
#include "mr-pricing-panel.h"
#include "mr-pricing-panel-quote.h"
#include "mr-prewarmed-page.h"
#include "mr-pricing-summary.h"
#include "mr-test-util.h"
#include "mr-ui-test-util.h"

static GtkWidget *
get_child (GtkWidget  *widget,
           const char *id)
{
  GtkWidget *child = mr_ui_find_child (widget, G_OBJECT_TYPE (widget), id);

  if (child == NULL)
    g_error ("No template child “%s” in %s", id, G_OBJECT_TYPE_NAME (widget));

  return child;
}

static GtkLabel *
find_label_with_text (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with_text (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static const char *
label_text (GtkWidget  *widget,
            const char *id)
{
  return gtk_label_get_text (GTK_LABEL (get_child (widget, id)));
}

static MrMailboxRow *
mailbox_row (GtkWidget *editor,
             int        index)
{
  GtkListBox *list = GTK_LIST_BOX (get_child (editor, "mailbox_list"));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  return row != NULL ? MR_MAILBOX_ROW (row) : NULL;
}

static guint
n_mailbox_rows (GtkWidget *editor)
{
  guint n = 0;

  while (mailbox_row (editor, n) != NULL)
    n++;

  return n;
}

static GtkWindow *
window_for (GtkWidget *child,
            int        width,
            int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);

  return window;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  mr_ui_screenshot (widget, name);
}

static void
destroy_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  mr_test_spin (50);
}

/* ------------------------------------------------------------------ */
/* Account editor */

static MrOrderItem *
google_item (const char *domain)
{
  MrOrderItem *item = mr_order_item_new (domain);

  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_GOOGLE);

  return item;
}

static void
test_editor_empty (void)
{
  GtkWidget *editor = mr_account_editor_new ();
  g_autoptr(MrOrderItem) item = google_item ("acme-outreach.com");
  GtkStack *stack;

  g_object_ref_sink (editor);
  stack = GTK_STACK (get_child (editor, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  /* the form is built when first needed: an empty editor, with the
   * order's problems and type, has none yet */
  mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), NULL);
  mr_account_editor_set_problems (MR_ACCOUNT_EDITOR (editor), NULL);
  mr_account_editor_set_order_type (MR_ACCOUNT_EDITOR (editor), MR_ORDER_TYPE_PRE_WARMED_UP);
  mr_account_editor_set_order_type (MR_ACCOUNT_EDITOR (editor), MR_ORDER_TYPE_DFY);
  g_assert_null (gtk_stack_get_child_by_name (stack, "editor"));
  g_assert_null (mr_ui_find_child (editor, MR_TYPE_ACCOUNT_EDITOR, "title_label"));

  mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), item);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "editor");
  g_assert_cmpstr (label_text (editor, "title_label"), ==, "acme-outreach.com");

  mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_null (mr_account_editor_get_item (MR_ACCOUNT_EDITOR (editor)));
  /* built once: the same form shows the next domain */
  {
    GtkWidget *form = gtk_stack_get_child_by_name (stack, "editor");
    g_autoptr(MrOrderItem) other = google_item ("other.com");

    g_assert_nonnull (form);
    mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), other);
    g_assert_true (gtk_stack_get_child_by_name (stack, "editor") == form);
    g_assert_cmpstr (label_text (editor, "title_label"), ==, "other.com");
    mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), NULL);
  }

  g_assert_finalize_object (editor);
}

static void
test_editor_add_and_limit (void)
{
  GtkWidget *editor = mr_account_editor_new ();
  g_autoptr(MrOrderItem) item = google_item ("acme-outreach.com");
  g_autofree char *reason = NULL;
  GtkWidget *add_row;
  GtkWidget *limit_box;
  guint max = mr_email_provider_max_accounts (MR_EMAIL_PROVIDER_GOOGLE);

  g_object_ref_sink (editor);
  mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), item);
  add_row = get_child (editor, "add_row");
  limit_box = get_child (editor, "limit_box");

  g_assert_cmpuint (n_mailbox_rows (editor), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (add_row));
  g_assert_false (gtk_widget_get_visible (limit_box));

  for (guint i = 0; i < max; i++)
    gtk_widget_activate_action (editor, "editor.add-mailbox", NULL);

  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, max);
  g_assert_cmpuint (n_mailbox_rows (editor), ==, max);
  g_assert_cmpstr (label_text (editor, "count_label"), ==, "5 of 5");

  /* at the limit: disabled, and it says why */
  g_assert_false (mr_order_item_can_add_account (item, &reason));
  g_assert_nonnull (reason);
  g_assert_false (gtk_widget_get_sensitive (add_row));
  g_assert_true (gtk_widget_get_visible (limit_box));
  g_assert_cmpstr (label_text (editor, "limit_label"), ==, reason);
  gtk_widget_activate_action (editor, "editor.add-mailbox", NULL);
  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, max);

  /* removing one enables it again */
  mr_order_item_remove_account (item, 0);
  g_assert_cmpuint (n_mailbox_rows (editor), ==, max - 1);
  g_assert_true (gtk_widget_get_sensitive (add_row));
  g_assert_false (gtk_widget_get_visible (limit_box));
  g_assert_cmpstr (label_text (editor, "count_label"), ==, "4 of 5");

  g_assert_finalize_object (editor);
}

static void
test_editor_fill_from_names (void)
{
  GtkWidget *editor = mr_account_editor_new ();
  g_autoptr(MrOrderItem) item = google_item ("acme-outreach.com");
  g_autofree char *jane = mr_email_prefix_suggest ("Jane", "Doe");
  g_autofree char *john = mr_email_prefix_suggest ("John", "Smith");
  GtkWidget *fill_row;
  MrMailboxRow *row;
  MrAccount *account;

  g_object_ref_sink (editor);
  mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), item);
  fill_row = get_child (editor, "fill_row");

  gtk_editable_set_text (GTK_EDITABLE (fill_row), "Jane Doe, John Smith");
  g_signal_emit_by_name (fill_row, "activate");

  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 2);
  g_assert_cmpuint (n_mailbox_rows (editor), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fill_row)), ==, "");

  account = mr_order_item_get_account (item, 0);
  g_assert_cmpstr (mr_account_get_first_name (account), ==, "Jane");
  g_assert_cmpstr (mr_account_get_last_name (account), ==, "Doe");
  g_assert_cmpstr (mr_account_get_email_address_prefix (account), ==, jane);

  /* the rows show what the accounts hold, with the domain */
  row = mailbox_row (editor, 0);
  g_assert_true (mr_mailbox_row_get_account (row) == account);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_child (GTK_WIDGET (row), "first_entry"))), ==, "Jane");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_child (GTK_WIDGET (row), "prefix_entry"))), ==, jane);
  g_assert_cmpstr (label_text (GTK_WIDGET (row), "domain_label"), ==, "@acme-outreach.com");

  row = mailbox_row (editor, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_child (GTK_WIDGET (row), "prefix_entry"))), ==, john);

  g_assert_finalize_object (editor);
}

static void
test_editor_edits_reach_account (void)
{
  GtkWidget *editor = mr_account_editor_new ();
  g_autoptr(MrOrderItem) item = google_item ("acme-outreach.com");
  g_autoptr(MrAccount) account = mr_account_new ("Ada", "Lovelace", "ada");
  GtkWidget *row;
  GtkWidget *forwarding;

  g_object_ref_sink (editor);
  mr_order_item_append_account (item, account);
  mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), item);
  row = GTK_WIDGET (mailbox_row (editor, 0));

  gtk_editable_set_text (GTK_EDITABLE (get_child (row, "first_entry")), "Augusta");
  gtk_editable_set_text (GTK_EDITABLE (get_child (row, "last_entry")), "King");
  gtk_editable_set_text (GTK_EDITABLE (get_child (row, "prefix_entry")), "augusta");
  g_assert_cmpstr (mr_account_get_first_name (account), ==, "Augusta");
  g_assert_cmpstr (mr_account_get_last_name (account), ==, "King");
  g_assert_cmpstr (mr_account_get_email_address_prefix (account), ==, "augusta");

  /* and the other way round */
  mr_account_set_first_name (account, "Grace");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_child (row, "first_entry"))), ==, "Grace");

  forwarding = get_child (editor, "forwarding_row");
  gtk_editable_set_text (GTK_EDITABLE (forwarding), "acme.com");
  g_assert_cmpstr (mr_order_item_get_forwarding_domain (item), ==, "acme.com");

  /* the domain follows a rename */
  mr_order_item_set_domain (item, "getacme.org");
  g_assert_cmpstr (label_text (editor, "title_label"), ==, "getacme.org");
  g_assert_cmpstr (label_text (row, "domain_label"), ==, "@getacme.org");

  g_assert_finalize_object (editor);
}

static guint
combo_position (AdwComboRow     *combo,
                MrEmailProvider  provider)
{
  GListModel *model = adw_combo_row_get_model (combo);
  const char *label = mr_email_provider_to_label (provider);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) string = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (string), label) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
test_editor_provider (void)
{
  GtkWidget *editor = mr_account_editor_new ();
  g_autoptr(MrOrderItem) item = google_item ("acme-outreach.com");
  AdwComboRow *combo;
  guint microsoft;
  g_autofree char *count = NULL;

  g_object_ref_sink (editor);
  mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), item);
  combo = ADW_COMBO_ROW (get_child (editor, "provider_row"));

  for (guint i = 0; i < 5; i++)
    gtk_widget_activate_action (editor, "editor.add-mailbox", NULL);
  g_assert_false (gtk_widget_get_sensitive (get_child (editor, "add_row")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (combo)), "5"));

  microsoft = combo_position (combo, MR_EMAIL_PROVIDER_MICROSOFT);
  g_assert_cmpuint (microsoft, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (combo, microsoft);

  g_assert_cmpint (mr_order_item_get_email_provider (item), ==, MR_EMAIL_PROVIDER_MICROSOFT);
  count = g_strdup_printf ("5 of %u", mr_email_provider_max_accounts (MR_EMAIL_PROVIDER_MICROSOFT));
  g_assert_cmpstr (label_text (editor, "count_label"), ==, count);
  g_assert_true (gtk_widget_get_sensitive (get_child (editor, "add_row")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (combo)), "100"));

  /* a change from elsewhere shows in the combo row */
  mr_order_item_set_email_provider (item, MR_EMAIL_PROVIDER_AIRMAIL);
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==,
                    combo_position (combo, MR_EMAIL_PROVIDER_AIRMAIL));

  /* extra accounts: Microsoft is not offered */
  mr_account_editor_set_order_type (MR_ACCOUNT_EDITOR (editor), MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  g_assert_cmpuint (combo_position (combo, MR_EMAIL_PROVIDER_MICROSOFT), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (combo)), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==,
                    combo_position (combo, MR_EMAIL_PROVIDER_AIRMAIL));

  /* pre-warmed: no mailbox editing */
  mr_account_editor_set_order_type (MR_ACCOUNT_EDITOR (editor), MR_ORDER_TYPE_PRE_WARMED_UP);
  g_assert_false (gtk_widget_get_visible (get_child (editor, "mailboxes_group")));
  g_assert_true (gtk_widget_get_visible (get_child (editor, "prewarmed_box")));
  gtk_widget_activate_action (editor, "editor.add-mailbox", NULL);
  g_assert_cmpuint (mr_order_item_get_n_accounts (item), ==, 5);

  g_assert_finalize_object (editor);
}

static void
test_editor_problems (void)
{
  GtkWidget *editor = mr_account_editor_new ();
  g_autoptr(MrOrderItem) item = google_item ("acme-outreach.com");
  g_autoptr(MrAccount) ada = mr_account_new ("Ada", "Lovelace", "ada");
  g_autoptr(MrAccount) alan = mr_account_new ("Alan", "Turing", "alan");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_problem_free);
  MrMailboxRow *row;
  MrProblem *taken;

  g_object_ref_sink (editor);
  mr_order_item_append_account (item, ada);
  mr_order_item_append_account (item, alan);
  mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), item);

  g_ptr_array_add (problems, mr_problem_new (MR_PROBLEM_ACCOUNT_INVALID, "acme-outreach.com",
                                             "alan", "reserved", "This address is reserved."));
  g_ptr_array_add (problems, mr_problem_new (MR_PROBLEM_FORWARDING_DOMAIN, "acme-outreach.com",
                                             NULL, NULL, "The forwarding domain is not valid."));
  g_ptr_array_add (problems, mr_problem_new (MR_PROBLEM_DOMAIN_UNAVAILABLE, "other.com",
                                             NULL, NULL, "other.com is taken."));
  mr_account_editor_set_problems (MR_ACCOUNT_EDITOR (editor), problems);

  g_assert_null (mr_mailbox_row_get_problem_text (mailbox_row (editor, 0)));
  row = mailbox_row (editor, 1);
  g_assert_cmpstr (mr_mailbox_row_get_problem_text (row), ==, "This address is reserved.");
  g_assert_true (gtk_widget_get_visible (get_child (GTK_WIDGET (row), "problem_box")));
  g_assert_true (gtk_widget_has_css_class (get_child (GTK_WIDGET (row), "prefix_entry"), "error"));

  g_assert_true (gtk_widget_get_visible (get_child (editor, "settings_problem_box")));
  g_assert_cmpstr (label_text (editor, "settings_problem_label"), ==, "The forwarding domain is not valid.");
  /* another domain's problem is not shown here */
  g_assert_false (gtk_widget_get_visible (get_child (editor, "domain_problem_box")));

  /* under the domain's own heading the sentence does not name it again;
   * a screen reader that reaches the label alone hears the whole one */
  taken = mr_problem_new (MR_PROBLEM_DOMAIN_UNAVAILABLE, "acme-outreach.com", NULL, NULL,
                          "acme-outreach.com is taken: it cannot be registered");
  mr_problem_set_short_message (taken, "Taken: it cannot be registered");
  g_ptr_array_add (problems, taken);
  mr_account_editor_set_problems (MR_ACCOUNT_EDITOR (editor), problems);
  g_assert_true (gtk_widget_get_visible (get_child (editor, "domain_problem_box")));
  g_assert_cmpstr (label_text (editor, "domain_problem_label"), ==, "Taken: it cannot be registered");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (get_child (editor, "domain_problem_label")),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "acme-outreach.com is taken: it cannot be registered");
  /* a problem with no short sentence shows its own */
  g_assert_cmpstr (label_text (editor, "settings_problem_label"), ==, "The forwarding domain is not valid.");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (get_child (editor, "settings_problem_label")),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  mr_account_editor_set_problems (MR_ACCOUNT_EDITOR (editor), NULL);
  g_assert_null (mr_mailbox_row_get_problem_text (row));
  g_assert_false (gtk_widget_has_css_class (get_child (GTK_WIDGET (row), "prefix_entry"), "error"));
  g_assert_false (gtk_widget_get_visible (get_child (editor, "settings_problem_box")));

  g_assert_finalize_object (editor);
}

static void
test_editor_screenshot (void)
{
  GtkWidget *editor = mr_account_editor_new ();
  g_autoptr(MrOrderItem) item = google_item ("acme-outreach.com");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_problem_free);
  GtkWindow *window;
  MrProblem *taken;

  mr_order_item_set_forwarding_domain (item, "acme.com");
  mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing, Grace Hopper");
  mr_account_set_email_address_prefix (mr_order_item_get_account (item, 2), "ada");
  g_ptr_array_add (problems, mr_problem_new (MR_PROBLEM_ACCOUNT_DUPLICATE, "acme-outreach.com",
                                             "ada", NULL, "Two mailboxes use the address ada."));
  taken = mr_problem_new (MR_PROBLEM_DOMAIN_UNAVAILABLE, "acme-outreach.com", NULL, NULL,
                          "acme-outreach.com is taken: it cannot be registered");
  mr_problem_set_short_message (taken, "Taken: it cannot be registered");
  g_ptr_array_add (problems, taken);

  window = window_for (editor, 760, 720);
  save_screenshot (GTK_WIDGET (window), "widget-account-editor-empty.png");

  mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), item);
  mr_account_editor_set_problems (MR_ACCOUNT_EDITOR (editor), problems);
  save_screenshot (GTK_WIDGET (window), "widget-account-editor.png");

  mr_order_item_add_from_names (item, "Barbara Liskov, Edsger Dijkstra");
  mr_account_editor_set_problems (MR_ACCOUNT_EDITOR (editor), NULL);
  save_screenshot (GTK_WIDGET (window), "widget-account-editor-full.png");

  gtk_window_set_default_size (window, 360, 720);
  save_screenshot (GTK_WIDGET (window), "widget-account-editor-narrow.png");

  destroy_window (window);
}

/* The borders in @node drawn in more than one colour, counting the sides
 * of width 0 (GTK 4.8's cairo renderer draws those side by side, each
 * under its own clip), and all borders in @n_borders */
static guint
count_mixed_borders (GskRenderNode *node,
                     guint         *n_borders)
{
  guint n = 0;

  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_mixed_borders (gsk_container_node_get_child (node, i), n_borders);
      return n;

    case GSK_TRANSFORM_NODE:
      return count_mixed_borders (gsk_transform_node_get_child (node), n_borders);

    case GSK_CLIP_NODE:
      return count_mixed_borders (gsk_clip_node_get_child (node), n_borders);

    case GSK_ROUNDED_CLIP_NODE:
      return count_mixed_borders (gsk_rounded_clip_node_get_child (node), n_borders);

    case GSK_OPACITY_NODE:
      return count_mixed_borders (gsk_opacity_node_get_child (node), n_borders);

    case GSK_COLOR_MATRIX_NODE:
      return count_mixed_borders (gsk_color_matrix_node_get_child (node), n_borders);

    case GSK_SHADOW_NODE:
      return count_mixed_borders (gsk_shadow_node_get_child (node), n_borders);

    case GSK_DEBUG_NODE:
      return count_mixed_borders (gsk_debug_node_get_child (node), n_borders);

    case GSK_CROSS_FADE_NODE:
      return count_mixed_borders (gsk_cross_fade_node_get_start_child (node), n_borders) +
             count_mixed_borders (gsk_cross_fade_node_get_end_child (node), n_borders);

    case GSK_BORDER_NODE:
      {
        const GdkRGBA *colors = gsk_border_node_get_colors (node);

        (*n_borders)++;
        for (guint i = 1; i < 4; i++)
          if (!gdk_rgba_equal (&colors[0], &colors[i]))
            return 1;
        return 0;
      }

    default:
      return 0;
    }
}

/* The rows of the editor's boxed lists are parted by a line at their
 * bottom; drawn in one colour on every side (style.css), it costs the
 * cairo renderer a fill, not a clip and a fill per side: the editor is
 * painted every frame while it fades in after a paste */
static void
test_editor_row_borders (void)
{
  GtkWidget *editor = mr_account_editor_new ();
  g_autoptr(MrOrderItem) item = google_item ("acme-outreach.com");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GtkWindow *window;
  guint n_borders = 0;

  mr_order_item_add_from_names (item, "Ada Lovelace, Alan Turing");
  mr_account_editor_set_item (MR_ACCOUNT_EDITOR (editor), item);
  window = window_for (editor, 760, 720);
  mr_ui_wait_drawn (editor, 2);

  paintable = gtk_widget_paintable_new (editor);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (editor),
                          gtk_widget_get_height (editor));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  g_assert_cmpuint (count_mixed_borders (node, &n_borders), ==, 0);
  /* the settings, the two mailboxes and the actions: at least a line each */
  g_assert_cmpuint (n_borders, >=, 4);

  destroy_window (window);
}

/* ------------------------------------------------------------------ */
/* Pricing panel */

typedef struct
{
  MrSimServer      *sim;
  MrApiClient      *client;
  MrOrder          *order;
  MrQuoteScheduler *scheduler;
} PricingFixture;

static void
pricing_fixture_set_up (PricingFixture *fixture,
                        const char     *key)
{
  g_autoptr(MrOrderItem) first = google_item ("acme-outreach.com");
  g_autoptr(MrOrderItem) second = google_item ("getacme.org");

  fixture->sim = mr_test_sim_new ();
  fixture->client = mr_test_client_new (fixture->sim, key);
  fixture->order = mr_order_new (MR_ORDER_TYPE_DFY);
  fixture->scheduler = mr_quote_scheduler_new (fixture->client, fixture->order);
  mr_quote_scheduler_set_delay (fixture->scheduler, 50);

  mr_order_item_add_from_names (first, "Ada Lovelace, Alan Turing, Grace Hopper");
  mr_order_item_add_from_names (second, "Jane Doe, John Smith");
  mr_order_append_item (fixture->order, first);
  mr_order_append_item (fixture->order, second);
}

static void
pricing_fixture_tear_down (PricingFixture *fixture)
{
  g_assert_finalize_object (fixture->scheduler);
  g_clear_object (&fixture->order);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sim);
}

static gboolean
state_is_settled (gpointer data)
{
  MrQuoteState state = mr_quote_scheduler_get_state (data);

  return state == MR_QUOTE_STATE_FRESH || state == MR_QUOTE_STATE_ERROR;
}

static void
assert_money_label (GtkWidget  *panel,
                    const char *id,
                    MrCents     cents)
{
  g_autofree char *expected = mr_money_format (cents);

  g_assert_cmpstr (label_text (panel, id), ==, expected);
}

/* the pricing-item box of @domain in the panel's list, or NULL */
static GtkWidget *
find_item_box (GtkWidget  *widget,
               const char *domain)
{
  if (gtk_widget_has_css_class (widget, "pricing-item"))
    {
      GtkWidget *heading = gtk_widget_get_first_child (widget);

      return g_strcmp0 (gtk_label_get_label (GTK_LABEL (heading)), domain) == 0 ? widget : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_item_box (child, domain);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* the texts of the labels in @widget, one string */
static char *
item_text (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s|", gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *inner = item_text (child);

      g_string_append (text, inner);
    }

  return g_string_free (text, FALSE);
}

static void
test_panel_quote (void)
{
  PricingFixture fixture;
  GtkWidget *panel = mr_pricing_panel_new ();
  GtkWidget *totals;
  MrQuote *quote;
  g_autoptr(MrAccount) extra = mr_account_new ("Barbara", "Liskov", "barbara");
  g_autoptr(GObject) row_item = NULL;
  g_autofree char *row_text = NULL;
  GtkSelectionModel *items;
  GtkWidget *row_box;
  GtkWindow *window;

  pricing_fixture_set_up (&fixture, NULL);
  window = window_for (panel, 360, 720);

  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), fixture.scheduler);

  mr_quote_scheduler_refresh (fixture.scheduler);
  mr_test_wait_until (state_is_settled, fixture.scheduler, 10000);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture.scheduler), ==, MR_QUOTE_STATE_FRESH);
  quote = mr_quote_scheduler_get_fresh_quote (fixture.scheduler);
  g_assert_nonnull (quote);
  g_assert_cmpint (quote->total_price, >, 0);
  totals = get_child (panel, "due_label");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_child (panel, "stack"))), ==, "quote");
  assert_money_label (panel, "due_label", quote->total_price);
  assert_money_label (panel, "month_label", quote->total_price_per_month);
  assert_money_label (panel, "year_label", quote->total_price_per_year);
  g_assert_cmpstr (label_text (panel, "state_label"), ==, "Updated");
  g_assert_false (gtk_widget_get_visible (get_child (panel, "updating_label")));
  g_assert_cmpfloat (gtk_widget_get_opacity (totals), ==, 1.0);
  save_screenshot (GTK_WIDGET (window), "widget-pricing-panel.png");

  /* the row of getacme.org (two Google mailboxes at $5.00 in the
   * simulator's pricing), and the list's item for it */
  mr_test_spin (200);
  items = gtk_list_view_get_model (GTK_LIST_VIEW (get_child (panel, "items_view")));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (items)), ==, 2);
  row_item = g_list_model_get_item (G_LIST_MODEL (items), 1);
  row_box = find_item_box (panel, "getacme.org");
  g_assert_nonnull (row_box);
  /* a quote that came while its page was being made ahead: the row that
   * page was tried with is not in it */
  g_assert_null (find_item_box (panel, "example-outreach.com"));
  row_text = item_text (row_box);
  g_assert_nonnull (strstr (row_text, "2 × $5.00"));

  /* an edit: the old figures dim and say so until the new quote comes */
  mr_sim_server_set_latency (fixture.sim, 1500);
  mr_order_item_append_account (mr_order_get_item (fixture.order, 1), extra);
  g_assert_true (gtk_widget_get_visible (get_child (panel, "updating_label")));
  g_assert_cmpstr (label_text (panel, "updating_label"), ==, "Updating…");
  g_assert_cmpfloat (gtk_widget_get_opacity (totals), <, 1.0);
  g_assert_true (gtk_widget_get_visible (get_child (panel, "spinner")));
  save_screenshot (GTK_WIDGET (window), "widget-pricing-panel-updating.png");

  mr_test_wait_until (state_is_settled, fixture.scheduler, 10000);
  quote = mr_quote_scheduler_get_fresh_quote (fixture.scheduler);
  g_assert_nonnull (quote);
  g_assert_cmpuint (quote->revision, ==, mr_order_get_revision (fixture.order));
  assert_money_label (panel, "due_label", quote->total_price);
  assert_money_label (panel, "month_label", quote->total_price_per_month);
  g_assert_false (gtk_widget_get_visible (get_child (panel, "updating_label")));
  g_assert_cmpfloat (gtk_widget_get_opacity (totals), ==, 1.0);

  /* the same domains: the same list item and the same row widgets, with
   * the new figures in them */
  {
    g_autoptr(GObject) now_item = g_list_model_get_item (G_LIST_MODEL (items), 1);
    g_autofree char *now_text = NULL;

    g_assert_true (now_item == row_item);
    g_assert_true (find_item_box (panel, "getacme.org") == row_box);
    now_text = item_text (row_box);
    g_assert_nonnull (strstr (now_text, "3 × $5.00"));
    g_assert_cmpstr (now_text, !=, row_text);
  }

  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), NULL);
  destroy_window (window);
  pricing_fixture_tear_down (&fixture);
}

/* the quote page is made, and the row it tries the price lines' fonts
 * with (put in with the page) is out of it again: all is made ahead */
static gboolean
page_made_ahead (gpointer data)
{
  return mr_ui_find_first (data, MR_TYPE_PRICING_PANEL_QUOTE) != NULL &&
         find_item_box (data, "example-outreach.com") == NULL;
}

/* The first quote's page is made while the quote is on its way (the
 * frame the quote comes in only fills it in): hidden behind "Getting a
 * Price…" until then, with no row of its own left in it once done, and
 * the quote shows in it as in a page made for it. */
static void
test_panel_made_while_quoting (void)
{
  PricingFixture fixture;
  GtkWidget *panel = mr_pricing_panel_new ();
  GtkStack *stack;
  GtkWidget *page;
  GtkWindow *window;
  MrQuote *quote;

  pricing_fixture_set_up (&fixture, NULL);
  /* the scheduler quotes its order on its own: the reply takes longer
   * than the wait below, however slow the build */
  mr_sim_server_set_latency (fixture.sim, 6000 * mr_test_timeout_factor ());
  window = window_for (panel, 360, 720);
  stack = GTK_STACK (get_child (panel, "stack"));
  mr_ui_wait_drawn (GTK_WIDGET (window), 1);
  g_assert_null (mr_ui_find_first (panel, MR_TYPE_PRICING_PANEL_QUOTE));

  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), fixture.scheduler);
  mr_quote_scheduler_refresh (fixture.scheduler);
  mr_test_wait_until (page_made_ahead, panel, 3000);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture.scheduler), ==, MR_QUOTE_STATE_QUOTING);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
  page = mr_ui_find_first (panel, MR_TYPE_PRICING_PANEL_QUOTE);
  g_assert_nonnull (page);
  g_assert_false (gtk_widget_get_child_visible (page));
  /* the row it tried the price lines' fonts with is gone again */
  g_assert_null (find_item_box (panel, "example-outreach.com"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
                      GTK_LIST_VIEW (get_child (panel, "items_view"))))), ==, 0);

  mr_test_wait_until (state_is_settled, fixture.scheduler, 15000);
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  quote = mr_quote_scheduler_get_fresh_quote (fixture.scheduler);
  g_assert_nonnull (quote);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "quote");
  g_assert_true (mr_ui_find_first (panel, MR_TYPE_PRICING_PANEL_QUOTE) == page);
  assert_money_label (panel, "due_label", quote->total_price);
  assert_money_label (panel, "month_label", quote->total_price_per_month);
  g_assert_nonnull (find_item_box (panel, "getacme.org"));
  g_assert_null (find_item_box (panel, "example-outreach.com"));
  save_screenshot (GTK_WIDGET (window), "widget-pricing-panel-made-while-quoting.png");

  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), NULL);
  destroy_window (window);
  pricing_fixture_tear_down (&fixture);
}

static void
problem_activated_cb (MrPricingPanel *panel,
                      const char     *domain,
                      char          **out)
{
  g_free (*out);
  *out = g_strdup (domain);
}

static void
test_panel_problems (void)
{
  PricingFixture fixture;
  GtkWidget *panel = mr_pricing_panel_new ();
  g_autoptr(GListStore) problems = g_list_store_new (MR_TYPE_PROBLEM);
  g_autoptr(MrProblem) taken = NULL;
  g_autofree char *activated = NULL;
  GtkListBox *list;
  GtkWindow *window;

  pricing_fixture_set_up (&fixture, NULL);
  /* a mailbox short of a name is a local problem, and the server's too */
  mr_account_set_last_name (mr_order_item_get_account (mr_order_get_item (fixture.order, 0), 0), "");
  window = window_for (panel, 360, 720);
  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), fixture.scheduler);

  taken = mr_problem_new (MR_PROBLEM_DOMAIN_UNAVAILABLE, "getacme.org",
                          NULL, NULL, "This domain is already taken.");
  g_list_store_append (problems, taken);
  mr_pricing_panel_set_problems (MR_PRICING_PANEL (panel), G_LIST_MODEL (problems));

  mr_quote_scheduler_refresh (fixture.scheduler);
  mr_test_wait_until (state_is_settled, fixture.scheduler, 10000);

  g_assert_true (gtk_widget_get_visible (get_child (panel, "problems_section")));
  list = GTK_LIST_BOX (get_child (panel, "problems_list"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (list), "getacme.org — This domain is already taken."));

  g_signal_connect (panel, "problem-activated", G_CALLBACK (problem_activated_cb), &activated);
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (activated, ==, "getacme.org");
  save_screenshot (GTK_WIDGET (window), "widget-pricing-panel-problems.png");

  /* the same model again: the panel still follows it */
  mr_pricing_panel_set_problems (MR_PRICING_PANEL (panel), G_LIST_MODEL (problems));
  g_list_store_remove_all (problems);
  g_assert_null (find_label_with_text (GTK_WIDGET (list), "getacme.org — This domain is already taken."));

  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), NULL);
  destroy_window (window);
  pricing_fixture_tear_down (&fixture);
}

/* the rows of @list that are shown, in order */
static GPtrArray *
shown_rows (GtkListBox *list)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_visible (row))
        g_ptr_array_add (rows, row);
    }

  return rows;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

static MrProblem *
numbered_problem (MrProblemKind kind,
                  guint         i,
                  const char   *message)
{
  g_autofree char *domain = g_strdup_printf ("outreach-%04u.com", i);

  return mr_problem_new (kind, domain, NULL, NULL, message);
}

/* 1,000 problems and 1,000 domains left out: the sidebar lists the first
 * few in rows it made once and refills in place; "Show All" opens every
 * one in a list that makes rows only for what is on screen, and each can
 * be activated from there. */
static void
test_panel_many_problems (void)
{
  PricingFixture fixture;
  GtkWidget *panel = mr_pricing_panel_new ();
  g_autoptr(GListStore) problems = g_list_store_new (MR_TYPE_PROBLEM);
  g_autoptr(GListStore) excluded = g_list_store_new (MR_TYPE_PROBLEM);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(MrProblem) changed = NULL;
  g_autofree char *activated = NULL;
  GtkListBox *list, *excluded_list;
  GtkListView *full;
  GtkStack *view_stack;
  GtkWindow *window;

  pricing_fixture_set_up (&fixture, NULL);
  window = window_for (panel, 360, 900);
  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), fixture.scheduler);
  mr_quote_scheduler_refresh (fixture.scheduler);
  mr_test_wait_until (state_is_settled, fixture.scheduler, 10000);
  g_signal_connect (panel, "problem-activated", G_CALLBACK (problem_activated_cb), &activated);

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(MrProblem) problem = numbered_problem (MR_PROBLEM_NO_ACCOUNTS, i,
                                                       "Add at least one mailbox.");
      g_autoptr(MrProblem) reason = numbered_problem (MR_PROBLEM_DOMAIN_UNAVAILABLE, i,
                                                      "This domain is already taken.");

      mr_problem_set_severity (reason, MR_PROBLEM_WARNING);
      g_list_store_append (problems, problem);
      g_list_store_append (excluded, reason);
    }
  mr_pricing_panel_set_problems (MR_PRICING_PANEL (panel), G_LIST_MODEL (problems));
  mr_pricing_panel_set_excluded (MR_PRICING_PANEL (panel), G_LIST_MODEL (excluded));
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);

  /* a few rows each, not a thousand */
  list = GTK_LIST_BOX (get_child (panel, "problems_list"));
  excluded_list = GTK_LIST_BOX (get_child (panel, "excluded_list"));
  g_assert_cmpuint (count_children (GTK_WIDGET (list)), <=, 4);
  g_assert_cmpuint (count_children (GTK_WIDGET (excluded_list)), <=, 4);
  g_assert_cmpstr (label_text (panel, "problems_label"), ==, "1000 Problems");
  g_assert_cmpstr (label_text (panel, "excluded_label"), ==, "1000 Domains Not Included");
  before = shown_rows (list);
  g_assert_cmpuint (before->len, ==, 3);
  g_assert_nonnull (find_label_with_text (g_ptr_array_index (before, 0),
                                          "outreach-0000.com — Add at least one mailbox."));
  g_assert_nonnull (find_label_with_text (g_ptr_array_index (before, 2), "Show All 1000 Problems"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (excluded_list), "Show All 1000 Domains"));
  save_screenshot (GTK_WIDGET (window), "widget-pricing-panel-many-problems.png");

  /* the first problem changes: the same rows, the new sentence in the first */
  changed = numbered_problem (MR_PROBLEM_ACCOUNT_NAME, 0, "Add a last name.");
  g_list_store_splice (problems, 0, 1, (gpointer *) &changed, 1);
  after = shown_rows (list);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_true (g_ptr_array_index (after, i) == g_ptr_array_index (before, i));
  g_assert_nonnull (find_label_with_text (g_ptr_array_index (after, 0),
                                          "outreach-0000.com — Add a last name."));
  g_assert_null (find_label_with_text (GTK_WIDGET (list), "outreach-0000.com — Add at least one mailbox."));

  /* every problem is reachable: "Show All" opens them all */
  g_signal_emit_by_name (list, "row-activated", g_ptr_array_index (after, 2));
  view_stack = GTK_STACK (get_child (panel, "view_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_stack), ==, "list");
  full = GTK_LIST_VIEW (get_child (panel, "full_list"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (full))), ==, 1000);
  g_assert_cmpstr (label_text (panel, "list_title"), ==, "1000 Problems");
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);
  /* rows for what is on screen (GTK 4.8 keeps up to 200), not for 1,000 */
  g_assert_cmpuint (count_children (GTK_WIDGET (full)), <, 250);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (full), "outreach-0001.com — Add at least one mailbox."));
  save_screenshot (GTK_WIDGET (window), "widget-pricing-panel-all-problems.png");

  g_signal_emit_by_name (full, "activate", 999);
  g_assert_cmpstr (activated, ==, "outreach-0999.com");

  /* back, with the keyboard on the row that opened the list; and the
   * same for the domains left out */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (window),
                                         gtk_stack_get_child_by_name (view_stack, "list")));
  mr_pricing_panel_close_list (MR_PRICING_PANEL (panel));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_stack), ==, "main");
  g_assert_true (gtk_window_get_focus (window) == g_ptr_array_index (after, 2));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = shown_rows (excluded_list);
  g_assert_cmpuint (after->len, ==, 3);
  g_signal_emit_by_name (excluded_list, "row-activated", g_ptr_array_index (after, 2));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_stack), ==, "list");
  g_assert_cmpstr (label_text (panel, "list_title"), ==, "1000 Domains Not Included");
  g_assert_true (G_LIST_MODEL (excluded) ==
                 gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_list_view_get_model (full))));
  g_signal_emit_by_name (full, "activate", 500);
  g_assert_cmpstr (activated, ==, "outreach-0500.com");

  /* the list follows its model; emptied, the page goes back to the quote */
  g_list_store_remove_all (excluded);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_stack), ==, "main");
  g_assert_false (gtk_widget_get_visible (get_child (panel, "excluded_section")));

  mr_pricing_panel_set_problems (MR_PRICING_PANEL (panel), NULL);
  mr_pricing_panel_set_excluded (MR_PRICING_PANEL (panel), NULL);
  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), NULL);
  destroy_window (window);
  pricing_fixture_tear_down (&fixture);
}

static void
test_panel_unauthorized (void)
{
  PricingFixture fixture;
  GtkWidget *panel = mr_pricing_panel_new ();
  GtkWidget *button;
  g_autofree char *expected = NULL;
  const GError *error;
  GtkWindow *window;

  pricing_fixture_set_up (&fixture, "not-a-key");
  window = window_for (panel, 360, 720);
  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), fixture.scheduler);

  mr_quote_scheduler_refresh (fixture.scheduler);
  mr_test_wait_until (state_is_settled, fixture.scheduler, 10000);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture.scheduler), ==, MR_QUOTE_STATE_ERROR);
  error = mr_quote_scheduler_get_error (fixture.scheduler);
  g_assert_error ((GError *) error, MR_API_ERROR, MR_API_ERROR_UNAUTHORIZED);

  expected = mr_api_error_describe (error);
  g_assert_true (gtk_widget_get_visible (get_child (panel, "error_box")));
  g_assert_cmpstr (label_text (panel, "error_label"), ==, expected);
  button = get_child (panel, "error_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Open Preferences");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "app.preferences");
  /* no figures pretend to be a price */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_child (panel, "stack"))), ==, "none");
  save_screenshot (GTK_WIDGET (window), "widget-pricing-panel-401.png");

  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), NULL);
  destroy_window (window);
  pricing_fixture_tear_down (&fixture);
}

static void
test_panel_server_error (void)
{
  PricingFixture fixture;
  GtkWidget *panel = mr_pricing_panel_new ();
  GtkWidget *button;
  GtkWindow *window;

  pricing_fixture_set_up (&fixture, NULL);
  window = window_for (panel, 360, 720);
  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), fixture.scheduler);

  mr_sim_server_inject_fault (fixture.sim, NULL, MR_SIM_FAULT_SERVER_ERROR, 1);
  mr_quote_scheduler_refresh (fixture.scheduler);
  mr_test_wait_until (state_is_settled, fixture.scheduler, 10000);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture.scheduler), ==, MR_QUOTE_STATE_ERROR);

  button = get_child (panel, "error_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Try Again");
  g_assert_null (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)));

  /* Try Again asks once more, and this time it works */
  g_signal_emit_by_name (button, "clicked");
  mr_test_wait_until (state_is_settled, fixture.scheduler, 10000);
  g_assert_cmpint (mr_quote_scheduler_get_state (fixture.scheduler), ==, MR_QUOTE_STATE_FRESH);
  g_assert_false (gtk_widget_get_visible (get_child (panel, "error_box")));

  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), NULL);
  destroy_window (window);
  pricing_fixture_tear_down (&fixture);
}

static void
test_panel_empty (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  MrQuoteScheduler *scheduler = mr_quote_scheduler_new (client, order);
  GtkWidget *panel = mr_pricing_panel_new ();
  GtkWindow *window = window_for (panel, 360, 720);

  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), scheduler);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_child (panel, "stack"))), ==, "empty");
  /* the quote page is made with the first quote, not before */
  mr_ui_wait_drawn (GTK_WIDGET (window), 1);
  g_assert_null (mr_ui_find_first (panel, MR_TYPE_PRICING_PANEL_QUOTE));
  save_screenshot (GTK_WIDGET (window), "widget-pricing-panel-empty.png");

  mr_pricing_panel_set_scheduler (MR_PRICING_PANEL (panel), NULL);
  destroy_window (window);
  g_assert_finalize_object (scheduler);
}

static void
activated_cb (MrPricingSummary *summary,
              guint            *count)
{
  (*count)++;
}

static void
test_summary (void)
{
  PricingFixture fixture;
  GtkWidget *summary = mr_pricing_summary_new ();
  g_autoptr(MrAccount) extra = mr_account_new ("Barbara", "Liskov", "barbara");
  g_autofree char *expected = NULL;
  GtkWindow *window;
  MrQuote *quote;
  guint activated = 0;

  pricing_fixture_set_up (&fixture, NULL);
  window = window_for (summary, 360, 48);
  mr_pricing_summary_set_scheduler (MR_PRICING_SUMMARY (summary), fixture.scheduler);

  mr_quote_scheduler_refresh (fixture.scheduler);
  mr_test_wait_until (state_is_settled, fixture.scheduler, 10000);
  quote = mr_quote_scheduler_get_fresh_quote (fixture.scheduler);
  g_assert_nonnull (quote);
  expected = mr_money_format (quote->total_price);
  g_assert_cmpstr (label_text (summary, "value_label"), ==, expected);
  g_assert_false (gtk_widget_get_visible (get_child (summary, "status_label")));
  save_screenshot (GTK_WIDGET (window), "widget-pricing-summary.png");

  mr_sim_server_set_latency (fixture.sim, 1500);
  mr_order_item_append_account (mr_order_get_item (fixture.order, 0), extra);
  g_assert_true (gtk_widget_get_visible (get_child (summary, "status_label")));
  g_assert_cmpstr (label_text (summary, "status_label"), ==, "Updating…");
  g_assert_cmpfloat (gtk_widget_get_opacity (get_child (summary, "value_label")), <, 1.0);
  save_screenshot (GTK_WIDGET (window), "widget-pricing-summary-updating.png");

  g_signal_connect (summary, "activated", G_CALLBACK (activated_cb), &activated);
  g_signal_emit_by_name (get_child (summary, "button"), "clicked");
  g_assert_cmpuint (activated, ==, 1);

  mr_test_wait_until (state_is_settled, fixture.scheduler, 10000);
  mr_pricing_summary_set_scheduler (MR_PRICING_SUMMARY (summary), NULL);
  destroy_window (window);
  pricing_fixture_tear_down (&fixture);
}

/* ------------------------------------------------------------------ */
/* Confirmation */

static MrQuote *
sample_quote (gboolean checkout_required)
{
  MrQuote *quote = mr_quote_new ();
  const char *domains[] = { "acme-outreach.com", "getacme.org" };
  guint accounts[] = { 3, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      MrQuoteItem *item = g_new0 (MrQuoteItem, 1);

      item->domain = g_strdup (domains[i]);
      item->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_quote_account_free);
      for (guint j = 0; j < accounts[i]; j++)
        {
          MrQuoteAccount *account = g_new0 (MrQuoteAccount, 1);

          account->email_address_prefix = g_strdup_printf ("user%u", j);
          account->first_name = g_strdup ("User");
          account->last_name = g_strdup_printf ("%u", j);
          g_ptr_array_add (item->accounts, account);
        }
      item->email_provider = MR_EMAIL_PROVIDER_GOOGLE;
      item->domain_price = 1500;
      item->accounts_price = 500 * accounts[i];
      g_ptr_array_add (quote->order_items, item);
    }

  quote->total_price = 5500;
  quote->total_price_per_month = 2500;
  quote->total_price_per_year = 3000;
  g_free (quote->payment_method_brand);
  quote->payment_method_brand = g_strdup ("visa");
  g_free (quote->payment_method_last_4_digits);
  quote->payment_method_last_4_digits = g_strdup ("1234");
  g_free (quote->payment_method_name_on_card);
  quote->payment_method_name_on_card = g_strdup ("John Doe");
  quote->checkout_required = checkout_required;
  if (checkout_required)
    quote->checkout_url = g_strdup ("https://checkout.example.com/c/1");

  return quote;
}

static void
test_confirm_place (void)
{
  g_autoptr(MrQuote) quote = sample_quote (FALSE);
  g_autofree char *due = mr_money_format (5500);
  g_autofree char *month = mr_money_format (2500);
  g_autofree char *year = mr_money_format (3000);
  MrConfirmDialog *dialog;
  GtkWidget *extra;

  dialog = mr_confirm_dialog_new (NULL, quote, TRUE);
  g_assert_true (mr_confirm_dialog_get_quote (dialog) == quote);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Place this order?");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, "2 domains · 5 mailboxes");

  extra = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (find_label_with_text (extra, "Visa •••• 1234 (John Doe)"));
  g_assert_nonnull (find_label_with_text (extra, "Demo mode: nothing will be charged"));
  g_assert_nonnull (find_label_with_text (extra, due));
  g_assert_nonnull (find_label_with_text (extra, month));
  g_assert_nonnull (find_label_with_text (extra, year));

  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "cancel"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "place"));
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "checkout"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "place"),
                   ==, ADW_RESPONSE_SUGGESTED);
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");

  gtk_window_present (GTK_WINDOW (dialog));
  save_screenshot (GTK_WIDGET (dialog), "widget-confirm-dialog.png");
  destroy_window (GTK_WINDOW (dialog));
}

static void
test_confirm_checkout (void)
{
  g_autoptr(MrQuote) quote = sample_quote (TRUE);
  MrConfirmDialog *dialog;
  GtkWidget *extra;

  dialog = mr_confirm_dialog_new (NULL, quote, FALSE);
  extra = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  g_assert_null (find_label_with_text (extra, "Demo mode: nothing will be charged"));
  g_assert_null (find_label_with_text (extra, "Charged to"));

  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "cancel"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "checkout"));
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "place"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), "checkout"),
                   ==, "Continue to _Checkout");
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "browser"));

  gtk_window_present (GTK_WINDOW (dialog));
  save_screenshot (GTK_WIDGET (dialog), "widget-confirm-dialog-checkout.png");
  destroy_window (GTK_WINDOW (dialog));
}

static void
test_confirm_card_text (void)
{
  g_autoptr(MrQuote) quote = sample_quote (FALSE);
  g_autofree char *full = NULL;
  g_autofree char *no_name = NULL;
  g_autofree char *nothing = NULL;

  full = mr_confirm_dialog_describe_card (quote);
  g_assert_cmpstr (full, ==, "Visa •••• 1234 (John Doe)");

  g_free (quote->payment_method_name_on_card);
  quote->payment_method_name_on_card = g_strdup ("");
  no_name = mr_confirm_dialog_describe_card (quote);
  g_assert_cmpstr (no_name, ==, "Visa •••• 1234");

  g_free (quote->payment_method_brand);
  quote->payment_method_brand = g_strdup ("");
  g_free (quote->payment_method_last_4_digits);
  quote->payment_method_last_4_digits = g_strdup ("");
  nothing = mr_confirm_dialog_describe_card (quote);
  g_assert_cmpstr (nothing, !=, "");
  g_assert_null (strstr (nothing, "••••"));
}

/* ------------------------------------------------------------------ */
/* Pages that are not shown at start */

static gboolean
prewarmed_shown (gpointer data)
{
  return mr_prewarmed_page_get_n_results (data) > 0;
}

/* The pre-warmed page asks the server nothing until it is first shown */
static void
test_prewarmed_lazy (void)
{
  g_autoptr(MrSimServer) sim = mr_test_sim_new ();
  g_autoptr(MrApiClient) client = mr_test_client_new (sim, NULL);
  const char *path = "/api/v2/dfy-email-account-orders/domains/pre-warmed-up-list";
  GtkWidget *page = g_object_ref_sink (mr_prewarmed_page_new ());
  GtkWindow *window;

  mr_prewarmed_page_set_client (MR_PREWARMED_PAGE (page), client);
  mr_prewarmed_page_reload (MR_PREWARMED_PAGE (page));
  mr_test_spin (300);
  g_assert_cmpuint (mr_sim_server_get_n_requests (sim, path), ==, 0);

  window = window_for (page, 600, 700);
  mr_test_wait_until (prewarmed_shown, page, 10000);
  g_assert_cmpuint (mr_sim_server_get_n_requests (sim, path), ==, 1);

  destroy_window (window);
  g_object_unref (page);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  /* what a screen reader is told, read back (the ui suite runs with none) */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* what MrApplication loads by itself */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/mailroom/Mailroom/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add_func ("/mr/widgets/account-editor/empty", test_editor_empty);
  g_test_add_func ("/mr/widgets/prewarmed-page/lazy", test_prewarmed_lazy);
  g_test_add_func ("/mr/widgets/account-editor/add-and-limit", test_editor_add_and_limit);
  g_test_add_func ("/mr/widgets/account-editor/fill-from-names", test_editor_fill_from_names);
  g_test_add_func ("/mr/widgets/account-editor/edits-reach-account", test_editor_edits_reach_account);
  g_test_add_func ("/mr/widgets/account-editor/provider", test_editor_provider);
  g_test_add_func ("/mr/widgets/account-editor/problems", test_editor_problems);
  g_test_add_func ("/mr/widgets/account-editor/screenshot", test_editor_screenshot);
  g_test_add_func ("/mr/widgets/account-editor/row-borders", test_editor_row_borders);
  g_test_add_func ("/mr/widgets/pricing-panel/quote", test_panel_quote);
  g_test_add_func ("/mr/widgets/pricing-panel/problems", test_panel_problems);
  g_test_add_func ("/mr/widgets/pricing-panel/many-problems", test_panel_many_problems);
  g_test_add_func ("/mr/widgets/pricing-panel/unauthorized", test_panel_unauthorized);
  g_test_add_func ("/mr/widgets/pricing-panel/server-error", test_panel_server_error);
  g_test_add_func ("/mr/widgets/pricing-panel/empty", test_panel_empty);
  g_test_add_func ("/mr/widgets/pricing-panel/made-while-quoting", test_panel_made_while_quoting);
  g_test_add_func ("/mr/widgets/pricing-summary", test_summary);
  g_test_add_func ("/mr/widgets/confirm-dialog/place", test_confirm_place);
  g_test_add_func ("/mr/widgets/confirm-dialog/checkout", test_confirm_checkout);
  g_test_add_func ("/mr/widgets/confirm-dialog/card-text", test_confirm_card_text);

  return g_test_run ();
}
