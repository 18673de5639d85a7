/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-pricing-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-pricing-summary.h"
#include "mr-gui-util.h"

struct _MrPricingSummary
{
  AdwBin            parent_instance;

  MrQuoteScheduler *scheduler;

  GtkButton        *button;
  GtkLabel         *value_label;
  GtkSpinner       *spinner;
  GtkImage         *status_icon;
  GtkLabel         *status_label;
};

enum {
  PROP_0,
  PROP_SCHEDULER,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MrPricingSummary, mr_pricing_summary, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_state (MrPricingSummary *self)
{
  MrQuoteView view;
  g_autofree char *value = NULL;
  g_autofree char *accessible = NULL;
  const char *status = NULL;
  const char *icon = NULL;
  gboolean busy = FALSE;

  mr_quote_view_read (&view, self->scheduler);

  if (view.state == MR_QUOTE_STATE_IDLE || view.quote == NULL)
    value = g_strdup ("—");
  else if (!mr_quote_field_is_known (view.quote, MR_QUOTE_FIELD_TOTAL_PRICE))
    value = g_strdup (_("unknown"));
  else
    value = mr_money_format (view.quote->total_price);

  switch (view.state)
    {
    case MR_QUOTE_STATE_QUOTING:
    case MR_QUOTE_STATE_STALE:
      status = _("Updating…");
      busy = TRUE;
      break;

    case MR_QUOTE_STATE_ERROR:
      status = _("Price not available");
      icon = "dialog-error-symbolic";
      break;

    case MR_QUOTE_STATE_IDLE:
      status = _("No domains yet");
      break;

    case MR_QUOTE_STATE_FRESH:
      if (!view.current)
        {
          status = _("Updating…");
          busy = TRUE;
        }
      break;

    default:
      break;
    }

  gtk_label_set_label (self->value_label, value);
  gtk_widget_set_opacity (GTK_WIDGET (self->value_label), view.current ? 1.0 : 0.4);
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_image_set_from_icon_name (self->status_icon, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), icon != NULL);

  if (status != NULL)
    /* Translators: accessible name of the price bar: "Due now: $55.00, Updating…" */
    accessible = g_strdup_printf (_("Due now: %s, %s. Show the quote"), value, status);
  else
    accessible = g_strdup_printf (_("Due now: %s. Show the quote"), value);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
scheduler_notify_cb (MrPricingSummary *self)
{
  update_state (self);
}

static void
button_clicked_cb (MrPricingSummary *self)
{
  g_signal_emit (self, signals[ACTIVATED], 0);
}

static void
mr_pricing_summary_dispose (GObject *object)
{
  MrPricingSummary *self = (MrPricingSummary *)object;

  mr_unwatch_quote_scheduler (&self->scheduler, self);

  /* the bin's child is a template child: let the bin drop it first */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MR_TYPE_PRICING_SUMMARY);

  G_OBJECT_CLASS (mr_pricing_summary_parent_class)->dispose (object);
}

static void
mr_pricing_summary_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MrPricingSummary *self = MR_PRICING_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      g_value_set_object (value, self->scheduler);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_pricing_summary_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MrPricingSummary *self = MR_PRICING_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      mr_pricing_summary_set_scheduler (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_pricing_summary_class_init (MrPricingSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_pricing_summary_dispose;
  object_class->get_property = mr_pricing_summary_get_property;
  object_class->set_property = mr_pricing_summary_set_property;

  properties[PROP_SCHEDULER] =
    g_param_spec_object ("scheduler", NULL, NULL,
                         MR_TYPE_QUOTE_SCHEDULER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mailroom/Mailroom/mr-pricing-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, MrPricingSummary, button);
  gtk_widget_class_bind_template_child (widget_class, MrPricingSummary, value_label);
  gtk_widget_class_bind_template_child (widget_class, MrPricingSummary, spinner);
  gtk_widget_class_bind_template_child (widget_class, MrPricingSummary, status_icon);
  gtk_widget_class_bind_template_child (widget_class, MrPricingSummary, status_label);
  gtk_widget_class_bind_template_callback (widget_class, button_clicked_cb);
}

static void
mr_pricing_summary_init (MrPricingSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  update_state (self);
}

GtkWidget *
mr_pricing_summary_new (void)
{
  return g_object_new (MR_TYPE_PRICING_SUMMARY, NULL);
}

MrQuoteScheduler *
mr_pricing_summary_get_scheduler (MrPricingSummary *self)
{
  g_return_val_if_fail (MR_IS_PRICING_SUMMARY (self), NULL);

  return self->scheduler;
}

void
mr_pricing_summary_set_scheduler (MrPricingSummary *self,
                                  MrQuoteScheduler *scheduler)
{
  g_return_if_fail (MR_IS_PRICING_SUMMARY (self));
  g_return_if_fail (scheduler == NULL || MR_IS_QUOTE_SCHEDULER (scheduler));

  if (!mr_watch_quote_scheduler (&self->scheduler, scheduler, self,
                                 G_CALLBACK (scheduler_notify_cb)))
    return;

  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULER]);
}
