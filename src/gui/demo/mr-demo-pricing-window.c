/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-demo-pricing-window"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "mr-a11y.h"
#include "mr-demo-pricing-window.h"
#include "mr-demo-state.h"

/* Demo only: the built-in simulator's price list, applied as it is
 * edited. Rows are made in code from one table, so each control and the
 * field it sets are side by side. */

typedef enum
{
  FIELD_MONEY,
  FIELD_COUNT,
} FieldType;

typedef struct
{
  const char *name;        /* widget name, for tests */
  const char *group;
  const char *title;
  const char *subtitle;
  FieldType   type;
  double      max;
  gsize       offset;      /* into MrSimPricing */
} Field;

#define OFFSET(f) G_STRUCT_OFFSET (MrSimPricing, f)

static const Field fields[] = {
  { "domain-price", N_("Domains"), N_("Domain Price"), N_("Per domain, per year"),
    FIELD_MONEY, 10000, OFFSET (domain_per_year) },
  { "google-price", N_("Mailboxes"), N_("Google Mailbox"), N_("Per mailbox, per month"),
    FIELD_MONEY, 1000, OFFSET (account_per_month[1]) },
  { "airmail-price", N_("Mailboxes"), N_("AirMail Mailbox"), N_("Per mailbox, per month"),
    FIELD_MONEY, 1000, OFFSET (account_per_month[2]) },
  { "microsoft-price", N_("Mailboxes"), N_("Microsoft Domain"),
    N_("Per domain, per month, for all its mailboxes"), FIELD_MONEY, 10000, OFFSET (microsoft_domain_per_month) },
  { "prewarmed-price", N_("Pre-warmed"), N_("Pre-warmed Mailbox"), N_("Per mailbox, per month"),
    FIELD_MONEY, 1000, OFFSET (prewarmed_account_per_month) },
  { "prewarmed-domain-price", N_("Pre-warmed"), N_("Pre-warmed Domain"), N_("Per domain, per year"),
    FIELD_MONEY, 10000, OFFSET (prewarmed_domain_per_year) },
  { "prewarmed-mailboxes", N_("Pre-warmed"), N_("Mailboxes per Domain"), NULL,
    FIELD_COUNT, 100, OFFSET (prewarmed_accounts_per_domain) },
  { "free-domains", N_("Promotion"), N_("Free Domains"), N_("The first domains of an order cost nothing"),
    FIELD_COUNT, 1000, OFFSET (free_domains) },
  { "discount-percent", N_("Promotion"), N_("Discount"), N_("Percent off the rest of each domain"),
    FIELD_COUNT, 100, OFFSET (discount_percent) },
};

struct _MrDemoPricingWindow
{
  AdwPreferencesWindow  parent_instance;

  MrSimThread          *sim;      /* read and changed only through its calls */
  GtkWidget            *spins[G_N_ELEMENTS (fields)];
  GtkWidget            *brand_row;
  GtkWidget            *last_4_row;
  GtkWidget            *name_row;
  GtkFileChooserNative *chooser;
  gboolean              syncing;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MrDemoPricingWindow, mr_demo_pricing_window, ADW_TYPE_PREFERENCES_WINDOW)

static gpointer
field_pointer (MrSimPricing *pricing,
               const Field  *field)
{
  return G_STRUCT_MEMBER_P (pricing, field->offset);
}

static void
show_pricing (MrDemoPricingWindow *self,
              const MrSimPricing  *pricing)
{
  self->syncing = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gpointer p = field_pointer ((MrSimPricing *) pricing, &fields[i]);
      double value = fields[i].type == FIELD_MONEY ? (double) *(gint64 *) p / 100.0
                                                   : (double) *(guint *) p;

      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->spins[i]), value);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->brand_row), pricing->card_brand ? pricing->card_brand : "");
  gtk_editable_set_text (GTK_EDITABLE (self->last_4_row), pricing->card_last_4 ? pricing->card_last_4 : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), pricing->card_name ? pricing->card_name : "");

  self->syncing = FALSE;
}

/* @current with the controls' values */
static MrSimPricing *
read_pricing (MrDemoPricingWindow *self,
              const MrSimPricing  *current)
{
  MrSimPricing *pricing = mr_sim_pricing_copy (current);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gpointer p = field_pointer (pricing, &fields[i]);
      double value = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->spins[i]));

      if (fields[i].type == FIELD_MONEY)
        *(gint64 *) p = (gint64) llround (value * 100.0);
      else
        *(guint *) p = (guint) llround (value);
    }

  g_free (pricing->card_brand);
  g_free (pricing->card_last_4);
  g_free (pricing->card_name);
  pricing->card_brand = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->brand_row)));
  pricing->card_last_4 = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->last_4_row)));
  pricing->card_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  return pricing;
}

static void
toast (MrDemoPricingWindow *self,
       const char          *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
apply (MrDemoPricingWindow *self,
       const MrSimPricing  *pricing)
{
  g_autoptr(GError) error = NULL;

  if (!mr_demo_state_set_pricing (self->sim, pricing, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The prices apply but could not be kept: %s"),
                                               error->message);

      toast (self, text);
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
value_changed_cb (MrDemoPricingWindow *self)
{
  g_autoptr(MrSimPricing) pricing = NULL;
  g_autoptr(MrSimPricing) current = NULL;

  if (self->syncing)
    return;

  current = mr_sim_thread_dup_pricing (self->sim);
  pricing = read_pricing (self, current);
  if (mr_sim_pricing_equal (pricing, current))
    return;

  apply (self, pricing);
}

static void
reset_cb (MrDemoPricingWindow *self)
{
  g_autoptr(MrSimPricing) pricing = mr_demo_state_default_pricing ();

  show_pricing (self, pricing);
  apply (self, pricing);
  toast (self, _("Demo prices reset to the defaults"));
}

static void
chooser_response_cb (MrDemoPricingWindow  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean save = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }

  g_clear_object (&self->chooser);

  if (path == NULL)
    return;

  if (save)
    mr_demo_pricing_window_save (self, path, &error);
  else
    mr_demo_pricing_window_load (self, path, &error);

  if (error != NULL)
    toast (self, error->message);
  else
    toast (self, save ? _("Price list saved") : _("Price list loaded"));
}

static void
open_chooser (MrDemoPricingWindow  *self,
              GtkFileChooserAction  action)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (save ? _("Save Price List") : _("Load Price List"),
                                               GTK_WINDOW (self), action,
                                               save ? _("_Save") : _("_Load"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Price lists (JSON)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (save)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "sim-pricing.json");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
load_clicked_cb (MrDemoPricingWindow *self)
{
  open_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
save_clicked_cb (MrDemoPricingWindow *self)
{
  open_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE);
}

static AdwPreferencesGroup *
find_group (GPtrArray  *groups,
            const char *title)
{
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (g_ptr_array_index (groups, i)), title) == 0)
      return g_ptr_array_index (groups, i);

  return NULL;
}

static GtkWidget *
entry_row (AdwPreferencesGroup *group,
           const char          *title,
           const char          *name)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (group, row);

  return row;
}

static GtkWidget *
button_row (AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle,
            const char          *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_preferences_group_add (group, row);

  return row;
}

static void
mr_demo_pricing_window_dispose (GObject *object)
{
  MrDemoPricingWindow *self = MR_DEMO_PRICING_WINDOW (object);

  g_clear_object (&self->chooser);
  g_clear_object (&self->sim);

  G_OBJECT_CLASS (mr_demo_pricing_window_parent_class)->dispose (object);
}

static void
mr_demo_pricing_window_class_init (MrDemoPricingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_demo_pricing_window_dispose;

  /* after the simulator has the new prices */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mr_demo_pricing_window_init (MrDemoPricingWindow *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  AdwPreferencesGroup *group;
  GtkWidget *row;

  gtk_window_set_title (GTK_WINDOW (self), _("Demo Prices"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "demo-pricing");

  adw_preferences_page_set_title (page, _("Demo Prices"));
  adw_preferences_page_set_icon_name (page, "preferences-other-symbolic");

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Demo Only"));
  adw_preferences_group_set_description (group,
    _("These prices drive the built-in demo simulator and apply at once to the open order. "
      "Nothing is ever charged, and real orders always use Instantly’s own prices."));
  adw_preferences_page_add (page, group);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const Field *field = &fields[i];
      const char *title = g_dgettext (GETTEXT_PACKAGE, field->group);
      GtkWidget *spin;

      group = find_group (groups, title);
      if (group == NULL)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, title);
          adw_preferences_page_add (page, group);
          g_ptr_array_add (groups, group);
        }

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_dgettext (GETTEXT_PACKAGE, field->title));
      if (field->subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_dgettext (GETTEXT_PACKAGE, field->subtitle));

      if (field->type == FIELD_MONEY)
        {
          spin = gtk_spin_button_new_with_range (0, field->max, 0.5);
          gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("$"));
        }
      else
        {
          spin = gtk_spin_button_new_with_range (0, field->max, 1);
          gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
        }
      if (g_str_equal (field->name, "discount-percent"))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("%"));
      if (g_str_equal (field->name, "prewarmed-mailboxes"))
        gtk_spin_button_set_range (GTK_SPIN_BUTTON (spin), 1, field->max);

      gtk_widget_set_name (spin, field->name);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      row, NULL, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (group, row);
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (value_changed_cb), self,
                               G_CONNECT_SWAPPED);
      self->spins[i] = spin;
    }

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Card Shown in the Confirmation"));
  adw_preferences_page_add (page, group);
  self->brand_row = entry_row (group, _("Brand"), "card-brand");
  self->last_4_row = entry_row (group, _("Last 4 Digits"), "card-last-4");
  self->name_row = entry_row (group, _("Name on Card"), "card-name");
  g_signal_connect_object (self->brand_row, "changed", G_CALLBACK (value_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->last_4_row, "changed", G_CALLBACK (value_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (value_changed_cb), self, G_CONNECT_SWAPPED);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Price List"));
  adw_preferences_group_set_description (group, _("A file in the simulator’s own format, "
                                                  "which mailroom-sim --pricing also reads"));
  adw_preferences_page_add (page, group);
  row = button_row (group, _("Load Price List…"), NULL, "document-open-symbolic");
  g_signal_connect_object (row, "activated", G_CALLBACK (load_clicked_cb), self, G_CONNECT_SWAPPED);
  row = button_row (group, _("Save Price List…"), NULL, "document-save-symbolic");
  g_signal_connect_object (row, "activated", G_CALLBACK (save_clicked_cb), self, G_CONNECT_SWAPPED);
  row = button_row (group, _("Reset to Defaults"), _("The prices Mailroom ships with"),
                    "edit-undo-symbolic");
  gtk_widget_set_name (row, "reset-prices");
  g_signal_connect_object (row, "activated", G_CALLBACK (reset_cb), self, G_CONNECT_SWAPPED);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_fix_template (GTK_WIDGET (self));
}

GtkWidget *
mr_demo_pricing_window_new (MrSimThread *sim)
{
  MrDemoPricingWindow *self;
  g_autoptr(MrSimPricing) pricing = NULL;

  g_return_val_if_fail (MR_IS_SIM_THREAD (sim), NULL);

  self = g_object_new (MR_TYPE_DEMO_PRICING_WINDOW, NULL);
  self->sim = g_object_ref (sim);
  pricing = mr_sim_thread_dup_pricing (sim);
  show_pricing (self, pricing);

  return GTK_WIDGET (self);
}

gboolean
mr_demo_pricing_window_load (MrDemoPricingWindow  *self,
                             const char           *path,
                             GError              **error)
{
  g_autoptr(MrSimPricing) pricing = NULL;

  g_return_val_if_fail (MR_IS_DEMO_PRICING_WINDOW (self), FALSE);

  pricing = mr_sim_pricing_new_from_file (path, error);
  if (pricing == NULL)
    return FALSE;

  show_pricing (self, pricing);
  apply (self, pricing);

  return TRUE;
}

gboolean
mr_demo_pricing_window_save (MrDemoPricingWindow  *self,
                             const char           *path,
                             GError              **error)
{
  g_autoptr(MrSimPricing) pricing = NULL;

  g_return_val_if_fail (MR_IS_DEMO_PRICING_WINDOW (self), FALSE);

  pricing = mr_sim_thread_dup_pricing (self->sim);

  return mr_sim_pricing_save_to_file (pricing, path, error);
}
