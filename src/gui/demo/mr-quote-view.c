/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-quote-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-quote-view.h"

/* The whole quote in large type, for a projector: the grouped lines, the
 * discount, the totals and one note. No problems, no API words. Built in
 * code: its rows follow the sheet. */

struct _MrQuoteView
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  MrQuoteSheet *sheet;
  double        zoom;
};

enum {
  PROP_0,
  PROP_SHEET,
  PROP_ZOOM,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MrQuoteView, mr_quote_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

/* sizes in points at zoom 1: readable from the back of a room at 1024x768 */
#define SIZE_TITLE  30.0
#define SIZE_LINE   20.0
#define SIZE_DETAIL 15.0
#define SIZE_DUE    44.0

static GtkWidget *
make_label (const char *text,
            double      points,
            gboolean    bold,
            double      xalign,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_size_new ((int) (points * PANGO_SCALE)));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);

  gtk_label_set_xalign (GTK_LABEL (label), (float) xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
attach_row (GtkGrid    *grid,
            int         row,
            const char *label,
            const char *detail,
            const char *amount,
            double      points,
            gboolean    bold)
{
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *right = make_label (amount, points, bold, 1.0, NULL);

  gtk_widget_set_hexpand (left, TRUE);
  gtk_box_append (GTK_BOX (left), make_label (label, points, bold, 0.0, NULL));
  if (detail != NULL && *detail != '\0')
    gtk_box_append (GTK_BOX (left), make_label (detail, points * SIZE_DETAIL / SIZE_LINE,
                                                 FALSE, 0.0, "dim-label"));
  gtk_widget_set_valign (right, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (right), FALSE);
  gtk_grid_attach (grid, left, 0, row, 1, 1);
  gtk_grid_attach (grid, right, 1, row, 1, 1);
}

static void
attach_money (GtkGrid    *grid,
              int         row,
              const char *label,
              MrCents     cents,
              double      points,
              gboolean    bold)
{
  g_autofree char *amount = mr_money_format (cents);

  attach_row (grid, row, label, NULL, amount, points, bold);
}

static void
rebuild (MrQuoteView *self)
{
  MrQuoteSheet *sheet = self->sheet;
  double z = self->zoom;
  GtkWidget *child;
  GtkWidget *grid;
  GtkWidget *totals;
  int row = 0;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);

  if (sheet == NULL)
    {
      gtk_box_append (GTK_BOX (self->box),
                      make_label (_("The quote appears here as soon as the order has a price."),
                                  SIZE_LINE * z, FALSE, 0.5, "dim-label"));
      return;
    }

  {
    g_autofree char *counts = mr_quote_sheet_describe_counts (sheet);

    gtk_box_append (GTK_BOX (self->box), make_label (_("Your Quote"), SIZE_TITLE * z, TRUE, 0.0, NULL));
    gtk_box_append (GTK_BOX (self->box), make_label (counts, SIZE_DETAIL * z, FALSE, 0.0, "dim-label"));
  }

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), (int) (14 * z));
  gtk_grid_set_column_spacing (GTK_GRID (grid), (int) (32 * z));
  gtk_widget_set_margin_top (grid, (int) (18 * z));
  for (guint i = 0; i < sheet->summary_lines->len; i++)
    {
      const MrQuoteLine *line = g_ptr_array_index (sheet->summary_lines, i);
      g_autofree char *amount = mr_money_format (line->amount);

      attach_row (GTK_GRID (grid), row++, line->label, line->detail, amount, SIZE_LINE * z, FALSE);
    }
  gtk_box_append (GTK_BOX (self->box), grid);
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  totals = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (totals), (int) (10 * z));
  gtk_grid_set_column_spacing (GTK_GRID (totals), (int) (32 * z));
  row = 0;
  if (sheet->discount != 0)
    attach_money (GTK_GRID (totals), row++, _("Subtotal"), sheet->subtotal, SIZE_LINE * z, FALSE);
  if (sheet->free_domains_discount != 0)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("Free domain (%u)", "Free domains (%u)",
                                                          sheet->n_free_domains),
                                                sheet->n_free_domains);

      attach_money (GTK_GRID (totals), row++, label, -sheet->free_domains_discount, SIZE_LINE * z, FALSE);
    }
  if (sheet->other_discount != 0)
    attach_money (GTK_GRID (totals), row++, _("Discount"), -sheet->other_discount, SIZE_LINE * z, FALSE);
  attach_money (GTK_GRID (totals), row++, _("Due now"), sheet->due_now, SIZE_DUE * z, TRUE);
  attach_money (GTK_GRID (totals), row++, _("Then per month"), sheet->per_month, SIZE_LINE * z, FALSE);
  attach_money (GTK_GRID (totals), row++, _("Then per year"), sheet->per_year, SIZE_LINE * z, FALSE);
  gtk_box_append (GTK_BOX (self->box), totals);

  {
    g_autofree char *note = sheet->demo ? g_strdup (_("Demo prices. Nothing is charged."))
                                        : mr_quote_sheet_get_valid_note (sheet);
    GtkWidget *label = make_label (note, SIZE_DETAIL * z, FALSE, 0.0, "dim-label");

    gtk_widget_set_margin_top (label, (int) (12 * z));
    gtk_box_append (GTK_BOX (self->box), label);
  }
}

static void
mr_quote_view_dispose (GObject *object)
{
  MrQuoteView *self = MR_QUOTE_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->sheet, mr_quote_sheet_unref);

  G_OBJECT_CLASS (mr_quote_view_parent_class)->dispose (object);
}

static void
mr_quote_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MrQuoteView *self = MR_QUOTE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHEET:
      g_value_set_boxed (value, self->sheet);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_quote_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MrQuoteView *self = MR_QUOTE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHEET:
      mr_quote_view_set_sheet (self, g_value_get_boxed (value));
      break;
    case PROP_ZOOM:
      mr_quote_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_quote_view_class_init (MrQuoteViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_quote_view_dispose;
  object_class->get_property = mr_quote_view_get_property;
  object_class->set_property = mr_quote_view_set_property;

  properties[PROP_SHEET] =
    g_param_spec_boxed ("sheet", NULL, NULL, MR_TYPE_QUOTE_SHEET,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MR_QUOTE_VIEW_MIN_ZOOM, MR_QUOTE_VIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "quoteview");
}

static void
mr_quote_view_init (MrQuoteView *self)
{
  self->zoom = 1.0;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  rebuild (self);
}

GtkWidget *
mr_quote_view_new (void)
{
  return g_object_new (MR_TYPE_QUOTE_VIEW, NULL);
}

void
mr_quote_view_set_sheet (MrQuoteView  *self,
                         MrQuoteSheet *sheet)
{
  g_return_if_fail (MR_IS_QUOTE_VIEW (self));

  if (sheet == self->sheet)
    return;

  g_clear_pointer (&self->sheet, mr_quote_sheet_unref);
  if (sheet != NULL)
    self->sheet = mr_quote_sheet_ref (sheet);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHEET]);
}

MrQuoteSheet *
mr_quote_view_get_sheet (MrQuoteView *self)
{
  g_return_val_if_fail (MR_IS_QUOTE_VIEW (self), NULL);

  return self->sheet;
}

void
mr_quote_view_set_zoom (MrQuoteView *self,
                        double       zoom)
{
  g_return_if_fail (MR_IS_QUOTE_VIEW (self));

  zoom = CLAMP (zoom, MR_QUOTE_VIEW_MIN_ZOOM, MR_QUOTE_VIEW_MAX_ZOOM);
  if (G_APPROX_VALUE (zoom, self->zoom, 0.001))
    return;

  self->zoom = zoom;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
mr_quote_view_get_zoom (MrQuoteView *self)
{
  g_return_val_if_fail (MR_IS_QUOTE_VIEW (self), 1.0);

  return self->zoom;
}
