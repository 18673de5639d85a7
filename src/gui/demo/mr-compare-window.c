/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-compare-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-a11y.h"
#include "mr-compare-window.h"
#include "mr-message-dialog.h"

/* The order priced side by side for each provider (and pre-warmed).
 * Picking a column makes the order what the column priced: the provider,
 * and as many mailboxes per domain as it requires (one undoable change). */

#define N_ROWS (MR_COMPARE_ROW_BUTTON + 1)
#define MAX_LEFT_OUT_REASONS 4
#define MAX_LEFT_OUT_NAMES   3

struct _MrCompareWindow
{
  AdwWindow     parent_instance;

  MrWindow     *window;       /* weak */
  GtkWidget    *spin;
  GtkWidget    *stack;
  GtkWidget    *status;
  GtkWidget    *grid;
  GtkWidget    *toasts;
  GtkWidget    *cells[N_ROWS][MR_COMPARE_N_COLUMNS];
  GPtrArray    *columns;
  MrBulkReport *picked;       /* what the last pick did, for its details */
  GCancellable *cancellable;
  gboolean      running;
};

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MrCompareWindow, mr_compare_window, ADW_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];

static void
set_running (MrCompareWindow *self,
             gboolean         running)
{
  if (self->running == running)
    return;

  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_money (GtkWidget *label,
           MrCents    cents)
{
  g_autofree char *text = mr_money_format (cents);

  gtk_label_set_text (GTK_LABEL (label), text);
}

static MrEmailProvider
order_provider (MrCompareWindow *self,
                gboolean        *mixed)
{
  MrOrder *order = mr_window_get_order (self->window);
  MrEmailProvider provider = MR_EMAIL_PROVIDER_GOOGLE;

  *mixed = FALSE;
  for (guint i = 0; i < mr_order_get_n_items (order); i++)
    {
      MrEmailProvider p = mr_order_item_get_email_provider (mr_order_get_item (order, i));

      if (i > 0 && p != provider)
        *mixed = TRUE;
      provider = p;
    }

  return provider;
}

static void
show_columns (MrCompareWindow *self)
{
  guint per_day = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->spin));
  gboolean mixed = FALSE;
  MrEmailProvider current = MR_EMAIL_PROVIDER_GOOGLE;
  gboolean dfy = FALSE;

  if (self->window != NULL)
    {
      current = order_provider (self, &mixed);
      dfy = mr_order_get_order_type (mr_window_get_order (self->window)) == MR_ORDER_TYPE_DFY;
    }

  for (guint k = 0; k < MR_COMPARE_N_COLUMNS; k++)
    {
      MrCompareColumn *column = self->columns != NULL ? g_ptr_array_index (self->columns, k) : NULL;
      gboolean priced = column != NULL && column->quote != NULL;
      gboolean is_current = column != NULL && column->kind != MR_COMPARE_PRE_WARMED &&
                            dfy && !mixed && column->provider == current;
      GtkWidget *button = self->cells[MR_COMPARE_ROW_BUTTON][k];

      if (column != NULL)
        mr_compare_column_update (column, per_day);

      for (guint r = MR_COMPARE_ROW_DUE_NOW; r <= MR_COMPARE_ROW_PER_1000; r++)
        gtk_label_set_text (GTK_LABEL (self->cells[r][k]), priced ? "" : "—");

      if (priced)
        {
          g_autofree char *capacity = g_strdup_printf ("%'" G_GUINT64_FORMAT, column->emails_per_day);

          set_money (self->cells[MR_COMPARE_ROW_DUE_NOW][k], column->due_now);
          set_money (self->cells[MR_COMPARE_ROW_PER_MONTH][k], column->per_month);
          set_money (self->cells[MR_COMPARE_ROW_FIRST_YEAR][k], column->first_year);
          set_money (self->cells[MR_COMPARE_ROW_PER_MAILBOX][k], column->per_mailbox_per_month);
          gtk_label_set_text (GTK_LABEL (self->cells[MR_COMPARE_ROW_CAPACITY][k]), capacity);
          set_money (self->cells[MR_COMPARE_ROW_PER_1000][k], column->per_1000_emails);
        }

      gtk_label_set_text (GTK_LABEL (self->cells[MR_COMPARE_ROW_NOTE][k]),
                          column != NULL && column->note != NULL ? column->note : "");

      if (column != NULL && column->kind == MR_COMPARE_PRE_WARMED)
        {
          gtk_widget_set_visible (button, FALSE);
          continue;
        }

      gtk_widget_set_visible (button, TRUE);
      gtk_widget_set_sensitive (button, priced && !is_current);
      if (is_current)
        gtk_button_set_label (GTK_BUTTON (button), _("Current"));
      else if (column != NULL)
        {
          /* Translators: a button under a column: "Use Microsoft" */
          g_autofree char *label = g_strdup_printf (_("Use %s"), column->title);

          gtk_button_set_label (GTK_BUTTON (button), label);
        }
      if (is_current)
        gtk_widget_remove_css_class (button, "suggested-action");
      else
        gtk_widget_add_css_class (button, "suggested-action");
    }
}

static void
compare_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MrCompareWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = mr_quote_compare_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_running (self, FALSE);

  if (columns == NULL)
    {
      g_autofree char *text = mr_api_error_describe (error);

      adw_status_page_set_title (ADW_STATUS_PAGE (self->status), _("Could Not Compare"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status), text);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
      return;
    }

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  self->columns = g_steal_pointer (&columns);
  show_columns (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "grid");
}

static void
spin_changed_cb (MrCompareWindow *self)
{
  show_columns (self);
}

static void
use_clicked_cb (GtkButton       *button,
                MrCompareWindow *self)
{
  guint k = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "column"));

  mr_compare_window_pick (self, k);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MrCompareWindow *self = MR_COMPARE_WINDOW (widget);

  if (self->window == NULL)
    return;

  mr_order_session_undo (mr_window_get_session (self->window));
  show_columns (self);
}

/* the domains a pick left as they were, and why: one paragraph a reason */
static void
left_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MrCompareWindow *self = MR_COMPARE_WINDOW (widget);
  g_autoptr(GHashTable) by_reason = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  guint n;

  if (self->picked == NULL || self->picked->skipped->len == 0)
    return;

  by_reason = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                     (GDestroyNotify) g_ptr_array_unref);
  reasons = g_ptr_array_new ();
  n = self->picked->skipped->len;
  for (guint i = 0; i < n; i++)
    {
      MrBulkSkip *skip = g_ptr_array_index (self->picked->skipped, i);
      GPtrArray *whats = g_hash_table_lookup (by_reason, skip->reason);

      if (whats == NULL)
        {
          whats = g_ptr_array_new ();
          g_hash_table_insert (by_reason, skip->reason, whats);
          g_ptr_array_add (reasons, skip->reason);
        }
      g_ptr_array_add (whats, skip->what);
    }

  for (guint i = 0; i < reasons->len && i < MAX_LEFT_OUT_REASONS; i++)
    {
      const char *reason = g_ptr_array_index (reasons, i);
      GPtrArray *whats = g_hash_table_lookup (by_reason, reason);

      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append (body, reason);
      g_string_append_c (body, '\n');
      for (guint k = 0; k < whats->len && k < MAX_LEFT_OUT_NAMES; k++)
        {
          if (k > 0)
            g_string_append (body, ", ");
          g_string_append (body, g_ptr_array_index (whats, k));
        }
      if (whats->len > MAX_LEFT_OUT_NAMES)
        /* Translators: after a list of domains: "a.com, b.com, c.com and 47 more" */
        g_string_append_printf (body, ngettext (" and %u more", " and %u more",
                                                whats->len - MAX_LEFT_OUT_NAMES),
                                whats->len - MAX_LEFT_OUT_NAMES);
    }

  if (reasons->len > MAX_LEFT_OUT_REASONS)
    {
      guint rest = 0;

      for (guint i = MAX_LEFT_OUT_REASONS; i < reasons->len; i++)
        rest += ((GPtrArray *) g_hash_table_lookup (by_reason, g_ptr_array_index (reasons, i)))->len;
      g_string_append (body, "\n\n");
      g_string_append_printf (body, ngettext ("%u more for other reasons", "%u more for other reasons",
                                              rest),
                              rest);
    }

  heading = g_strdup_printf (ngettext ("%u Left Out", "%u Left Out", n), n);
  /* one constant size, so GTK 4.10+ measures its wrapping texts consistently
   * (mr-message-dialog.c) */
  dialog = mr_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  mr_compare_window_refresh (MR_COMPARE_WINDOW (widget));
}

static GtkWidget *
cell (const char *text,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_add_css_class (label, "numeric");

  return label;
}

static void
mr_compare_window_dispose (GObject *object)
{
  MrCompareWindow *self = MR_COMPARE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->picked, mr_bulk_report_free);
  g_clear_weak_pointer (&self->window);

  G_OBJECT_CLASS (mr_compare_window_parent_class)->dispose (object);
}

static void
mr_compare_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MrCompareWindow *self = MR_COMPARE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_compare_window_class_init (MrCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_compare_window_dispose;
  object_class->get_property = mr_compare_window_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "compare.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "compare.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "compare.show-left-out", NULL, left_out_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mr_compare_window_init (MrCompareWindow *self)
{
  static const char *row_titles[N_ROWS] = {
    NULL, N_("Due now"), N_("Per month"), N_("First year"), N_("Per mailbox per month"),
    N_("Emails per day"), N_("Per 1,000 emails"), NULL, NULL,
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *refresh = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spinner_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *frame;

  self->cancellable = g_cancellable_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Compare Providers"));
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 640);

  gtk_widget_set_tooltip_text (refresh, _("Compare Again"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (refresh), "compare.refresh");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), refresh);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Emails per Mailbox per Day"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("An assumption for the sending figures; change it to match the campaign"));
  self->spin = gtk_spin_button_new_with_range (1, 500, 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->spin), MR_COMPARE_DEFAULT_EMAILS_PER_DAY);
  gtk_widget_set_valign (self->spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (self->spin, "emails-per-day");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_signal_connect_object (self->spin, "value-changed", G_CALLBACK (spin_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (content), group);

  self->grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 24);
  gtk_widget_set_margin_top (self->grid, 18);
  gtk_widget_set_margin_bottom (self->grid, 18);
  gtk_widget_set_margin_start (self->grid, 18);
  gtk_widget_set_margin_end (self->grid, 18);
  for (guint r = 0; r < N_ROWS; r++)
    {
      if (row_titles[r] != NULL)
        {
          GtkWidget *label = gtk_label_new (g_dgettext (GETTEXT_PACKAGE, row_titles[r]));

          gtk_label_set_xalign (GTK_LABEL (label), 0.0);
          if (r == MR_COMPARE_ROW_DUE_NOW)
            gtk_widget_add_css_class (label, "heading");
          else
            gtk_widget_add_css_class (label, "dim-label");
          gtk_grid_attach (GTK_GRID (self->grid), label, 0, (int) r, 1, 1);
        }

      for (guint k = 0; k < MR_COMPARE_N_COLUMNS; k++)
        {
          GtkWidget *widget;

          if (r == MR_COMPARE_ROW_BUTTON)
            {
              widget = gtk_button_new_with_label ("");
              g_object_set_data (G_OBJECT (widget), "column", GUINT_TO_POINTER (k));
              g_signal_connect (widget, "clicked", G_CALLBACK (use_clicked_cb), self);
              gtk_widget_set_halign (widget, GTK_ALIGN_END);
            }
          else if (r == MR_COMPARE_ROW_TITLE)
            widget = cell ("", "title-4");
          else if (r == MR_COMPARE_ROW_DUE_NOW)
            widget = cell ("", "title-3");
          else if (r == MR_COMPARE_ROW_NOTE)
            widget = cell ("", "caption");
          else
            widget = cell ("", NULL);

          if (r == MR_COMPARE_ROW_NOTE)
            gtk_widget_add_css_class (widget, "dim-label");
          gtk_widget_set_hexpand (widget, TRUE);
          gtk_widget_set_valign (widget, GTK_ALIGN_START);
          gtk_grid_attach (GTK_GRID (self->grid), widget, (int) k + 1, (int) r, 1, 1);
          self->cells[r][k] = widget;
        }
    }
  gtk_label_set_text (GTK_LABEL (self->cells[MR_COMPARE_ROW_TITLE][MR_COMPARE_GOOGLE]), _("Google"));
  gtk_label_set_text (GTK_LABEL (self->cells[MR_COMPARE_ROW_TITLE][MR_COMPARE_AIRMAIL]), _("AirMail"));
  gtk_label_set_text (GTK_LABEL (self->cells[MR_COMPARE_ROW_TITLE][MR_COMPARE_MICROSOFT]), _("Microsoft"));
  gtk_label_set_text (GTK_LABEL (self->cells[MR_COMPARE_ROW_TITLE][MR_COMPARE_PRE_WARMED]), _("Pre-warmed"));

  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "view");
  gtk_frame_set_child (GTK_FRAME (frame), self->grid);

  self->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_box_append (GTK_BOX (spinner_box), spinner);
  gtk_box_append (GTK_BOX (spinner_box), gtk_label_new (_("Pricing the order for each provider…")));
  gtk_widget_set_margin_top (spinner_box, 48);
  gtk_stack_add_named (GTK_STACK (self->stack), spinner_box, "loading");
  gtk_stack_add_named (GTK_STACK (self->stack), frame, "grid");
  self->status = adw_status_page_new ();
  /* a status page with no child is no blank stop for Tab (mr-a11y.h) */
  mr_a11y_status_pages_fix_focus (self->status);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status), "dialog-warning-symbolic");
  gtk_stack_add_named (GTK_STACK (self->stack), self->status, "status");
  gtk_box_append (GTK_BOX (content), self->stack);

  {
    GtkWidget *foot = gtk_label_new (_("Each column is a simulated quote for the same domains. "
                                       "The first year adds eleven more months to what is due now; "
                                       "the cost per 1,000 emails spreads it over a year of sending."));

    gtk_label_set_wrap (GTK_LABEL (foot), TRUE);
    gtk_label_set_xalign (GTK_LABEL (foot), 0.0);
    gtk_widget_add_css_class (foot, "dim-label");
    gtk_widget_add_css_class (foot, "caption");
    gtk_box_append (GTK_BOX (content), foot);
  }

  gtk_widget_set_margin_top (content, 24);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->toasts = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toasts), scrolled);
  gtk_box_append (GTK_BOX (box), self->toasts);

  adw_window_set_content (ADW_WINDOW (self), box);
}

GtkWidget *
mr_compare_window_new (MrWindow *window)
{
  MrCompareWindow *self;

  g_return_val_if_fail (MR_IS_WINDOW (window), NULL);

  self = g_object_new (MR_TYPE_COMPARE_WINDOW,
                       "application", gtk_window_get_application (GTK_WINDOW (window)),
                       "transient-for", window,
                       NULL);
  g_set_weak_pointer (&self->window, window);
  mr_compare_window_refresh (self);

  return GTK_WIDGET (self);
}

void
mr_compare_window_refresh (MrCompareWindow *self)
{
  MrApplication *app;
  MrApiClient *client;

  g_return_if_fail (MR_IS_COMPARE_WINDOW (self));

  if (self->window == NULL)
    return;

  app = MR_APPLICATION (gtk_window_get_application (GTK_WINDOW (self->window)));
  client = app != NULL ? mr_application_get_client (app) : NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (client == NULL || mr_order_get_n_items (mr_window_get_order (self->window)) == 0)
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status), _("Nothing to Compare"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status),
                                       _("Add domains to the order to compare providers."));
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
      set_running (self, FALSE);
      return;
    }

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
  set_running (self, TRUE);
  mr_quote_compare_async (client, mr_window_get_order (self->window),
                          (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->spin)),
                          self->cancellable, compare_cb, g_object_ref (self));
}

gboolean
mr_compare_window_get_running (MrCompareWindow *self)
{
  g_return_val_if_fail (MR_IS_COMPARE_WINDOW (self), FALSE);

  return self->running;
}

GPtrArray *
mr_compare_window_get_columns (MrCompareWindow *self)
{
  g_return_val_if_fail (MR_IS_COMPARE_WINDOW (self), NULL);

  return self->columns;
}

GtkWidget *
mr_compare_window_get_cell (MrCompareWindow *self,
                            guint            row,
                            MrCompareKind    kind)
{
  g_return_val_if_fail (MR_IS_COMPARE_WINDOW (self), NULL);
  g_return_val_if_fail (row < N_ROWS && kind < MR_COMPARE_N_COLUMNS, NULL);

  return self->cells[row][kind];
}

MrBulkReport *
mr_compare_window_get_picked (MrCompareWindow *self)
{
  g_return_val_if_fail (MR_IS_COMPARE_WINDOW (self), NULL);

  return self->picked;
}

void
mr_compare_window_pick (MrCompareWindow *self,
                        MrCompareKind    kind)
{
  MrCompareColumn *column;
  MrOrderSession *session;
  g_autofree char *done = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (MR_IS_COMPARE_WINDOW (self));
  g_return_if_fail (kind < MR_COMPARE_N_COLUMNS);

  if (self->window == NULL || self->columns == NULL || kind == MR_COMPARE_PRE_WARMED)
    return;

  column = g_ptr_array_index (self->columns, kind);
  session = mr_window_get_session (self->window);

  /* one step to undo, one change of the order, so one quote */
  mr_order_session_break_undo_group (session);
  g_clear_pointer (&self->picked, mr_bulk_report_free);
  self->picked = mr_compare_column_apply (column, mr_order_session_get_order (session));
  mr_order_session_break_undo_group (session);

  show_columns (self);

  done = mr_bulk_report_describe (self->picked);
  /* Translators: "Microsoft: Added 470 mailboxes to 10 domains." */
  title = g_strdup_printf (_("%s: %s"), column->title, done);
  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (self->picked->skipped->len > 0)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "compare.show-left-out");
    }
  else if (self->picked->n_domains > 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "compare.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), toast);
}
