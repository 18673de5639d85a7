/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "mr-pricing-panel-quote.h"

struct _MrPricingPanelQuote
{
  GtkBox parent_instance;
};

G_DEFINE_FINAL_TYPE (MrPricingPanelQuote, mr_pricing_panel_quote, GTK_TYPE_BOX)

/* the parts the panel fills, by their ids in the template */
static const char * const parts[] = {
  "items_scroller", "items_view", "totals_grid", "due_label", "updating_label",
  "month_label", "year_label", "discount_label", "free_caption", "free_label",
  "problems_section", "problems_header", "problems_icon", "problems_label",
  "problems_list", "quote_filler",
};

static void
mr_pricing_panel_quote_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MR_TYPE_PRICING_PANEL_QUOTE);

  G_OBJECT_CLASS (mr_pricing_panel_quote_parent_class)->dispose (object);
}

static void
mr_pricing_panel_quote_class_init (MrPricingPanelQuoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_pricing_panel_quote_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mailroom/Mailroom/mr-pricing-panel-quote.ui");
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    gtk_widget_class_bind_template_child_full (widget_class, parts[i], FALSE, 0);
}

static void
mr_pricing_panel_quote_init (MrPricingPanelQuote *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mr_pricing_panel_quote_new (void)
{
  return g_object_new (MR_TYPE_PRICING_PANEL_QUOTE, NULL);
}

GtkWidget *
mr_pricing_panel_quote_get_part (MrPricingPanelQuote *self,
                                 const char          *name)
{
  GObject *part;

  g_return_val_if_fail (MR_IS_PRICING_PANEL_QUOTE (self), NULL);

  part = gtk_widget_get_template_child (GTK_WIDGET (self), MR_TYPE_PRICING_PANEL_QUOTE, name);
  g_return_val_if_fail (GTK_IS_WIDGET (part), NULL);

  return GTK_WIDGET (part);
}
