/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-bulk-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-a11y.h"
#include "mr-bulk-dialog.h"

/* the provider row: "Keep as it is", then the providers */
static const MrEmailProvider provider_choices[] = {
  0, MR_EMAIL_PROVIDER_GOOGLE, MR_EMAIL_PROVIDER_AIRMAIL, MR_EMAIL_PROVIDER_MICROSOFT,
};

struct _MrBulkDialog
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkWidget      *apply_button;
  GtkEntry       *people_row;
  AdwComboRow    *pattern_row;
  AdwClamp       *clamp;
  GtkStringList  *pattern_list;
  GtkSpinButton  *fill_spin;
  GtkWidget      *domain_group;
  AdwComboRow    *provider_row;
  GtkEntry       *forwarding_row;
  GtkLabel       *preview_label;
  GtkButton      *remove_button;

  MrOrder        *order;
  GPtrArray      *items;      /* MrOrderItem*, owned references */
  char           *preview;
  MrAddressPattern pattern;
  guint           filling_patterns : 1;
};

enum {
  APPLIED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MrBulkDialog, mr_bulk_dialog, ADW_TYPE_WINDOW)

static guint signals[N_SIGNALS];

static GPtrArray *
parse_people (MrBulkDialog *self,
              MrBulkReport *report)
{
  return mr_people_parse (gtk_editable_get_text (GTK_EDITABLE (self->people_row)), report);
}

static MrAddressPattern
get_pattern (MrBulkDialog *self)
{
  return self->pattern;
}

static MrEmailProvider
get_provider (MrBulkDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->provider_row);

  if (selected >= G_N_ELEMENTS (provider_choices))
    return 0;

  return provider_choices[selected];
}

/* "jane.doe@…": the pattern shown with the first person typed */
static void
update_pattern_examples (MrBulkDialog *self,
                         GPtrArray    *people)
{
  const char *first = _("Jane");
  const char *last = _("Doe");
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GListModel *model = G_LIST_MODEL (self->pattern_list);
  gboolean same;

  if (people != NULL && people->len > 0)
    {
      MrPerson *person = g_ptr_array_index (people, 0);

      first = person->first_name;
      last = person->last_name;
    }

  for (guint i = MR_ADDRESS_PATTERN_FIRST; i <= MR_ADDRESS_PATTERN_FIRST_DOT_L; i++)
    {
      g_autofree char *example = mr_address_pattern_apply (i, first, last);

      g_ptr_array_add (labels, g_strdup_printf ("%s@…", example));
    }

  same = g_list_model_get_n_items (model) == labels->len;
  for (guint i = 0; same && i < labels->len; i++)
    same = g_str_equal (gtk_string_list_get_string (self->pattern_list, i),
                        g_ptr_array_index (labels, i));
  if (same)
    return;

  g_ptr_array_add (labels, NULL);
  self->filling_patterns = TRUE;
  gtk_string_list_splice (self->pattern_list, 0, g_list_model_get_n_items (model),
                          (const char * const *) labels->pdata);
  adw_combo_row_set_selected (self->pattern_row, self->pattern);
  self->filling_patterns = FALSE;
}

static void
update_preview (MrBulkDialog *self)
{
  g_autoptr(MrBulkReport) parse_report = mr_bulk_report_new ();
  g_autoptr(GPtrArray) people = parse_people (self, parse_report);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = self->items->len;
  guint fill = (guint) gtk_spin_button_get_value_as_int (self->fill_spin);
  MrEmailProvider provider = get_provider (self);
  const char *forwarding = gtk_editable_get_text (GTK_EDITABLE (self->forwarding_row));
  g_autofree char *domains = g_strdup_printf (ngettext ("%u domain", "%u domains", n), n);
  const char *first_domain = "…";
  gboolean anything;

  if (n > 0)
    first_domain = mr_order_item_get_domain (g_ptr_array_index (self->items, 0));

  update_pattern_examples (self, people);

  if (fill > 0)
    /* Translators: "Fills each of 50 domains to 75 mailboxes." */
    g_string_append_printf (text, _("Fills each of %s to %u mailboxes."), domains, fill);
  else if (people->len > 0)
    {
      g_autoptr(GString) addresses = g_string_new (NULL);

      for (guint i = 0; i < people->len && i < 2; i++)
        {
          MrPerson *person = g_ptr_array_index (people, i);
          g_autofree char *prefix = mr_address_pattern_apply (get_pattern (self),
                                                              person->first_name,
                                                              person->last_name);

          if (addresses->len > 0)
            g_string_append (addresses, ", ");
          g_string_append_printf (addresses, "%s@%s", prefix, first_domain);
        }

      /* Translators: "Adds 2 mailboxes to each of 50 domains, like jane.doe@acme.com." */
      g_string_append_printf (text, ngettext ("Adds %u mailbox to each of %s, like %s.",
                                              "Adds %u mailboxes to each of %s, like %s.",
                                              people->len),
                              people->len, domains, addresses->str);
    }

  if (provider != 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Provider: %s."), mr_email_provider_to_label (provider));
    }

  if (forwarding != NULL && *forwarding != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Forwarding to %s."), forwarding);
    }

  if (parse_report->skipped->len > 0)
    {
      MrBulkSkip *skip = g_ptr_array_index (parse_report->skipped, 0);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: "“Cher”: A mailbox needs a first and a last name." */
      g_string_append_printf (text, _("“%s”: %s."), skip->what, skip->reason);
    }

  anything = people->len > 0 || fill > 0 || provider != 0 ||
             (forwarding != NULL && *forwarding != '\0');
  if (!anything && text->len == 0)
    g_string_append_printf (text, _("Choose what to set on %s."), domains);

  g_free (self->preview);
  self->preview = g_strdup (text->str);
  gtk_label_set_label (self->preview_label, self->preview);
  gtk_widget_set_sensitive (self->apply_button, anything && n > 0);
}

static void
changed_cb (MrBulkDialog *self)
{
  if (self->items != NULL)
    update_preview (self);
}

static void
pattern_selected_cb (MrBulkDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->pattern_row);

  if (self->filling_patterns || selected > MR_ADDRESS_PATTERN_FIRST_DOT_L)
    return;

  self->pattern = (MrAddressPattern) selected;
  changed_cb (self);
}

static void
provider_changed_cb (MrBulkDialog *self)
{
  /* Microsoft domains take 50 to 100 mailboxes: start from 50 */
  if (get_provider (self) == MR_EMAIL_PROVIDER_MICROSOFT &&
      gtk_spin_button_get_value_as_int (self->fill_spin) == 0)
    gtk_spin_button_set_value (self->fill_spin, 50);

  changed_cb (self);
}

static void
apply_clicked_cb (MrBulkDialog *self)
{
  g_autoptr(MrBulkReport) report = mr_bulk_dialog_apply (self);

  g_signal_emit (self, signals[APPLIED], 0, report);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
remove_clicked_cb (MrBulkDialog *self)
{
  g_autoptr(MrBulkReport) report = NULL;

  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
  report = mr_bulk_dialog_remove (self);
  g_signal_emit (self, signals[APPLIED], 0, report);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
mr_bulk_dialog_dispose (GObject *object)
{
  MrBulkDialog *self = MR_BULK_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MR_TYPE_BULK_DIALOG);

  G_OBJECT_CLASS (mr_bulk_dialog_parent_class)->dispose (object);
}

static void
mr_bulk_dialog_finalize (GObject *object)
{
  MrBulkDialog *self = MR_BULK_DIALOG (object);

  g_clear_object (&self->order);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->preview, g_free);

  G_OBJECT_CLASS (mr_bulk_dialog_parent_class)->finalize (object);
}

static void
mr_bulk_dialog_class_init (MrBulkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_bulk_dialog_dispose;
  object_class->finalize = mr_bulk_dialog_finalize;

  /**
   * MrBulkDialog::applied:
   * @report: (type gpointer): the MrBulkReport, valid during the emission
   */
  signals[APPLIED] =
    g_signal_new ("applied",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * MrBulkDialog::remove-requested:
   *
   * Emitted by the Remove button just before the domains go (to keep an undo).
   */
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mailroom/Mailroom/mr-bulk-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MrBulkDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MrBulkDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, MrBulkDialog, people_row);
  gtk_widget_class_bind_template_child (widget_class, MrBulkDialog, pattern_row);
  gtk_widget_class_bind_template_child (widget_class, MrBulkDialog, clamp);
  gtk_widget_class_bind_template_child (widget_class, MrBulkDialog, pattern_list);
  gtk_widget_class_bind_template_child (widget_class, MrBulkDialog, fill_spin);
  gtk_widget_class_bind_template_child (widget_class, MrBulkDialog, domain_group);
  gtk_widget_class_bind_template_child (widget_class, MrBulkDialog, provider_row);
  gtk_widget_class_bind_template_child (widget_class, MrBulkDialog, forwarding_row);
  gtk_widget_class_bind_template_child (widget_class, MrBulkDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, MrBulkDialog, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, provider_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pattern_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

/* Large text (text scaling above 1, as on a projector) widens the dialog
 * with it: at its usual width the rows' titles would break inside words
 * and the hints of their fields be cut short */
static void
widen_for_text (MrBulkDialog *self)
{
  int dpi = 0;
  int width;
  int height;
  double scale;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-xft-dpi", &dpi, NULL);
  scale = dpi > 0 ? dpi / (96.0 * 1024) : 1.0;
  if (scale <= 1.0)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), (int) (width * scale), height);
  adw_clamp_set_maximum_size (self->clamp, (int) (adw_clamp_get_maximum_size (self->clamp) * scale));
}

static void
mr_bulk_dialog_init (MrBulkDialog *self)
{
  self->pattern = MR_ADDRESS_PATTERN_FIRST_DOT_LAST;
  gtk_widget_init_template (GTK_WIDGET (self));
  widen_for_text (self);

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_combo_row_fix_names (self->pattern_row);
  mr_a11y_combo_row_fix_names (self->provider_row);
  mr_a11y_fix_template (GTK_WIDGET (self));
}

MrBulkDialog *
mr_bulk_dialog_new (GtkWindow *parent,
                    MrOrder   *order,
                    GPtrArray *items)
{
  MrBulkDialog *self;
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  guint n;

  g_return_val_if_fail (MR_IS_ORDER (order), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  self = g_object_new (MR_TYPE_BULK_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->order = g_object_ref (order);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (items, i)));

  n = items->len;
  /* Translators: the bulk setup dialog's subtitle, "50 domains" */
  subtitle = g_strdup_printf (ngettext ("%u domain", "%u domains", n), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  remove_label = g_strdup_printf (ngettext ("_Remove %u Domain", "_Remove %u Domains", n), n);
  gtk_button_set_label (self->remove_button, remove_label);
  gtk_button_set_use_underline (self->remove_button, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_button), n > 0);

  /* domains that already exist keep their provider and forwarding */
  gtk_widget_set_visible (self->domain_group,
                          mr_order_get_order_type (order) != MR_ORDER_TYPE_EXTRA_ACCOUNTS);

  update_preview (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->people_row));

  return self;
}

void
mr_bulk_dialog_set_people (MrBulkDialog *self,
                           const char   *people)
{
  g_return_if_fail (MR_IS_BULK_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->people_row), people != NULL ? people : "");
}

void
mr_bulk_dialog_set_pattern (MrBulkDialog     *self,
                            MrAddressPattern  pattern)
{
  g_return_if_fail (MR_IS_BULK_DIALOG (self));

  adw_combo_row_set_selected (self->pattern_row, pattern);
}

void
mr_bulk_dialog_set_provider (MrBulkDialog    *self,
                             MrEmailProvider  provider)
{
  g_return_if_fail (MR_IS_BULK_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (provider_choices); i++)
    if (provider_choices[i] == provider)
      adw_combo_row_set_selected (self->provider_row, i);
}

void
mr_bulk_dialog_set_forwarding (MrBulkDialog *self,
                               const char   *forwarding_domain)
{
  g_return_if_fail (MR_IS_BULK_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->forwarding_row),
                         forwarding_domain != NULL ? forwarding_domain : "");
}

void
mr_bulk_dialog_set_fill (MrBulkDialog *self,
                         guint         n_accounts)
{
  g_return_if_fail (MR_IS_BULK_DIALOG (self));

  gtk_spin_button_set_value (self->fill_spin, n_accounts);
}

const char *
mr_bulk_dialog_get_preview (MrBulkDialog *self)
{
  g_return_val_if_fail (MR_IS_BULK_DIALOG (self), NULL);

  return self->preview;
}

MrBulkReport *
mr_bulk_dialog_apply (MrBulkDialog *self)
{
  MrBulkReport *report;
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *forwarding = NULL;
  MrEmailProvider provider;
  guint fill;

  g_return_val_if_fail (MR_IS_BULK_DIALOG (self), NULL);

  report = mr_bulk_report_new ();
  people = parse_people (self, report);
  provider = get_provider (self);
  forwarding = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->forwarding_row))));
  fill = (guint) gtk_spin_button_get_value_as_int (self->fill_spin);

  /* everything at once is one change of the order, so one quote */
  mr_order_begin_batch (self->order);

  if (provider != 0)
    {
      g_autoptr(MrBulkReport) step = mr_order_bulk_set_provider (self->order, self->items,
                                                                 provider);
      mr_bulk_report_merge (report, step);
    }

  if (*forwarding != '\0')
    {
      g_autoptr(MrBulkReport) step = mr_order_bulk_set_forwarding (self->order, self->items,
                                                                   forwarding);
      mr_bulk_report_merge (report, step);
    }

  if (fill > 0)
    {
      g_autoptr(MrBulkReport) step = mr_order_bulk_fill (self->order, self->items, people,
                                                         get_pattern (self), fill);
      mr_bulk_report_merge (report, step);
    }
  else if (people->len > 0)
    {
      g_autoptr(MrBulkReport) step = mr_order_bulk_add_people (self->order, self->items, people,
                                                               get_pattern (self));
      mr_bulk_report_merge (report, step);
    }

  mr_order_end_batch (self->order);

  return report;
}

MrBulkReport *
mr_bulk_dialog_remove (MrBulkDialog *self)
{
  g_return_val_if_fail (MR_IS_BULK_DIALOG (self), NULL);

  return mr_order_bulk_remove (self->order, self->items);
}
