/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-confirm-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-confirm-dialog.h"

struct _MrConfirmDialog
{
  MrMessageDialog   parent_instance;

  MrQuote          *quote;
  gboolean          demo_mode;
  GtkWidget        *unknown_note;
  GString          *summary;
};

G_DEFINE_FINAL_TYPE (MrConfirmDialog, mr_confirm_dialog, MR_TYPE_MESSAGE_DIALOG)

#define UNKNOWN_NOTE N_("A previous attempt to place this order may have gone " \
                        "through. Check Orders before placing it again.")

static char *
brand_label (const char *brand)
{
  static const struct {
    const char *id;
    const char *label;
  } brands[] = {
    { "visa", "Visa" },
    { "mastercard", "Mastercard" },
    { "amex", "American Express" },
    { "american_express", "American Express" },
    { "discover", "Discover" },
    { "diners", "Diners Club" },
    { "jcb", "JCB" },
    { "unionpay", "UnionPay" },
  };
  g_autofree char *lower = NULL;

  if (brand == NULL || brand[0] == '\0')
    return NULL;

  lower = g_ascii_strdown (brand, -1);
  for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
    if (g_str_equal (lower, brands[i].id))
      return g_strdup (brands[i].label);

  if (g_ascii_islower (brand[0]))
    return g_strdup_printf ("%c%s", g_ascii_toupper (brand[0]), brand + 1);

  return g_strdup (brand);
}

/* what a screen reader is told: the lines of the dialog as sentences */
static void
add_to_summary (MrConfirmDialog *self,
                const char      *sentence)
{
  if (self->summary->len > 0)
    g_string_append_c (self->summary, ' ');
  g_string_append (self->summary, sentence);
}

static GtkWidget *
add_line (MrConfirmDialog *self,
          GtkGrid         *grid,
          int              row,
          const char      *caption,
          const char      *value,
          gboolean         large)
{
  GtkWidget *caption_label;
  GtkWidget *value_label;
  g_autofree char *sentence = NULL;

  /* Translators: one line of the confirmation as a screen reader reads
   * it: "Due now: $55.00." */
  sentence = g_strdup_printf (_("%s: %s."), caption, value);
  add_to_summary (self, sentence);

  caption_label = gtk_label_new (caption);
  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_widget_set_valign (caption_label, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (caption_label, TRUE);
  if (!large)
    gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_grid_attach (grid, caption_label, 0, row, 1, 1);

  value_label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 1);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (value_label), GTK_JUSTIFY_RIGHT);
  gtk_widget_set_valign (value_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (value_label, "numeric");
  if (large)
    {
      gtk_widget_add_css_class (caption_label, "heading");
      gtk_widget_add_css_class (value_label, "title-2");
    }
  gtk_grid_attach (grid, value_label, 1, row, 1, 1);

  return value_label;
}

static GtkWidget *
note_new (const char *icon_name,
          const char *text,
          const char *css_class)
{
  GtkWidget *box;
  GtkWidget *image;
  GtkWidget *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (box, css_class);
  /* the note's words say it: the icon is no element of its own (a screen
   * reader read it as "GtkImage") */
  image = g_object_new (GTK_TYPE_IMAGE,
                        "icon-name", icon_name,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                        NULL);
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), image);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

static void
build_contents (MrConfirmDialog *self)
{
  MrQuote *quote = self->quote;
  g_autofree char *domains = NULL;
  g_autofree char *mailboxes = NULL;
  g_autofree char *body = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *due = NULL;
  g_autofree char *month = NULL;
  g_autofree char *year = NULL;
  g_autofree char *discount = NULL;
  g_autofree char *card = NULL;
  GtkWidget *box;
  GtkWidget *grid;
  gint64 n_domains = 0;
  gint64 n_mailboxes = 0;
  int row = 0;

  for (guint i = 0; quote->order_items != NULL && i < quote->order_items->len; i++)
    {
      const MrQuoteItem *item = g_ptr_array_index (quote->order_items, i);

      n_domains++;
      n_mailboxes += item->accounts != NULL ? item->accounts->len : 0;
    }

  if (n_domains == 0)
    {
      n_domains = quote->number_of_domains_ordered;
      n_mailboxes = quote->number_of_accounts_ordered;
    }

  domains = g_strdup_printf (ngettext ("%d domain",
                                       "%d domains",
                                       n_domains),
                             (int) n_domains);
  mailboxes = g_strdup_printf (ngettext ("%d mailbox",
                                         "%d mailboxes",
                                         n_mailboxes),
                               (int) n_mailboxes);
  /* Translators: "2 domains · 5 mailboxes" */
  body = g_strdup_printf (_("%s · %s"), domains, mailboxes);
  /* Translators: the start of what a screen reader is told of the order
   * to confirm: "2 domains, 5 mailboxes." */
  counts = g_strdup_printf (_("%s, %s."), domains, mailboxes);
  add_to_summary (self, counts);

  if (quote->checkout_required)
    {
      const char *checkout = _("This order is finished in your browser: the checkout "
                               "page opens there, and you pay on it.");
      char *with_checkout;

      with_checkout = g_strconcat (body, "\n\n", checkout, NULL);
      add_to_summary (self, checkout);
      g_free (body);
      body = with_checkout;
    }

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_add_css_class (box, "confirm-details");

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_box_append (GTK_BOX (box), grid);

  due = mr_money_format (quote->total_price);
  month = mr_money_format (quote->total_price_per_month);
  year = mr_money_format (quote->total_price_per_year);

  add_line (self, GTK_GRID (grid), row++, _("Due now"), due, TRUE);
  add_line (self, GTK_GRID (grid), row++, _("Then per month"), month, FALSE);
  add_line (self, GTK_GRID (grid), row++, _("Then per year"), year, FALSE);

  if (quote->total_discount > 0)
    {
      discount = mr_money_format (-quote->total_discount);
      add_line (self, GTK_GRID (grid), row++, _("Discount"), discount, FALSE);
    }

  if (!quote->checkout_required)
    {
      card = mr_confirm_dialog_describe_card (quote);
      add_line (self, GTK_GRID (grid), row++, _("Charged to"), card, FALSE);
    }

  /* shown by mr_confirm_dialog_set_previous_attempt_unknown () */
  self->unknown_note = note_new ("dialog-warning-symbolic", _(UNKNOWN_NOTE), "warning");
  gtk_widget_set_visible (self->unknown_note, FALSE);
  gtk_box_prepend (GTK_BOX (box), self->unknown_note);

  if (self->demo_mode)
    {
      gtk_box_append (GTK_BOX (box),
                      note_new ("dialog-information-symbolic",
                                _("Demo mode: nothing will be charged"),
                                "demo-notice"));
      /* Translators: what a screen reader says of the demo note */
      add_to_summary (self, _("Demo mode: nothing will be charged."));
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"));

  if (quote->checkout_required)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "checkout",
                                       _("Continue to _Checkout"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "checkout",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  else
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "place", _("_Place Order"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "place",
                                                  ADW_RESPONSE_SUGGESTED);
    }

  /* placing costs money: only an explicit click does it */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
}

/* The button of @response: libadwaita 1.2 has no getter, its label tells */
static GtkWidget *
find_response_button (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_response_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A screen reader reads the heading and the focused button, not the
 * lines between them: the dialog and its button that places the order
 * are described by what is charged, so it is said before it is paid */
static void
update_description (MrConfirmDialog *self)
{
  const char *response = self->quote->checkout_required ? "checkout" : "place";
  g_autofree char *text = NULL;
  GtkWidget *button;

  if (gtk_widget_get_visible (self->unknown_note))
    text = g_strconcat (_(UNKNOWN_NOTE), " ", self->summary->str, NULL);
  else
    text = g_strdup (self->summary->str);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);

  button = find_response_button (GTK_WIDGET (self),
                                 adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (self),
                                                                        response));
  if (button != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);
}

static void
mr_confirm_dialog_finalize (GObject *object)
{
  MrConfirmDialog *self = (MrConfirmDialog *)object;

  g_clear_pointer (&self->quote, mr_quote_unref);
  g_string_free (self->summary, TRUE);

  G_OBJECT_CLASS (mr_confirm_dialog_parent_class)->finalize (object);
}

static void
mr_confirm_dialog_class_init (MrConfirmDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mr_confirm_dialog_finalize;
}

static void
mr_confirm_dialog_init (MrConfirmDialog *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "confirm-dialog");
  self->summary = g_string_new (NULL);
  g_signal_connect (self, "map", G_CALLBACK (update_description), NULL);
}

MrConfirmDialog *
mr_confirm_dialog_new (GtkWindow *parent,
                       MrQuote   *quote,
                       gboolean   demo_mode)
{
  MrConfirmDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (quote != NULL, NULL);

  self = g_object_new (MR_TYPE_CONFIRM_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("Place this order?"),
                       NULL);
  self->quote = mr_quote_ref (quote);
  self->demo_mode = !!demo_mode;

  build_contents (self);
  update_description (self);

  return self;
}

MrQuote *
mr_confirm_dialog_get_quote (MrConfirmDialog *self)
{
  g_return_val_if_fail (MR_IS_CONFIRM_DIALOG (self), NULL);

  return self->quote;
}

void
mr_confirm_dialog_set_previous_attempt_unknown (MrConfirmDialog *self,
                                                gboolean         unknown)
{
  g_return_if_fail (MR_IS_CONFIRM_DIALOG (self));

  gtk_widget_set_visible (self->unknown_note, !!unknown);
  update_description (self);
}

gboolean
mr_confirm_dialog_get_previous_attempt_unknown (MrConfirmDialog *self)
{
  g_return_val_if_fail (MR_IS_CONFIRM_DIALOG (self), FALSE);

  return gtk_widget_get_visible (self->unknown_note);
}

char *
mr_confirm_dialog_describe_card (MrQuote *quote)
{
  g_autofree char *brand = NULL;
  g_autofree char *card = NULL;
  const char *last4;
  const char *name;

  g_return_val_if_fail (quote != NULL, NULL);

  brand = brand_label (quote->payment_method_brand);
  last4 = quote->payment_method_last_4_digits;
  name = quote->payment_method_name_on_card;

  if (brand != NULL && last4 != NULL && last4[0] != '\0')
    /* Translators: a card brand and its last four digits, "Visa •••• 1234" */
    card = g_strdup_printf (_("%s •••• %s"), brand, last4);
  else if (last4 != NULL && last4[0] != '\0')
    card = g_strdup_printf (_("Card •••• %s"), last4);
  else if (brand != NULL)
    card = g_steal_pointer (&brand);
  else
    card = g_strdup (_("The workspace’s payment method"));

  if (name != NULL && name[0] != '\0')
    /* Translators: a card and the name on it, "Visa •••• 1234 (John Doe)" */
    return g_strdup_printf (_("%s (%s)"), card, name);

  return g_steal_pointer (&card);
}
