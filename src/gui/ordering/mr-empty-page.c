/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-empty-page"

#include "config.h"

#include "mr-empty-page.h"

struct _MrEmptyPage
{
  GtkWidget      parent_instance;

  /* libadwaita 1.2: the scroller and what it shows */
  GtkWidget     *scroller;
  GtkWidget     *centre;
  GtkWidget     *image;
  GtkWidget     *title_label;
  GtkWidget     *description_label;
  guint          measured_hidden : 1;   /* sized as nothing while a stack hid it */

  /* newer libadwaita */
  AdwStatusPage *stock;
};

enum {
  PROP_0,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MrEmptyPage, mr_empty_page, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static gboolean
use_stock_page (void)
{
  return adw_get_major_version () > 1 || adw_get_minor_version () > 2;
}

static GtkSizeRequestMode
centre_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* one child: its width whatever the height, its height for the width.
 *
 * A page that a stack keeps hidden (the domain list's and the pricing
 * panel's stacks are homogeneous, so they measure every page) asks for
 * nothing: its labels are not laid out, nor their fonts loaded, for a page
 * no one sees (a window opening on a draft measured both hidden pages,
 * 17M instructions before its first frame). Shown again, it is measured
 * for real (mr_empty_page_map ()). The stacks' sizes did not change by it: the
 * panes' widths and the pages' heights come from what they show. */
static void
centre_measure (GtkWidget      *widget,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  GtkWidget *page = gtk_widget_get_ancestor (widget, MR_TYPE_EMPTY_PAGE);

  *minimum = *natural = 0;
  if (child == NULL || !gtk_widget_should_layout (child))
    return;

  if (page != NULL && !gtk_widget_get_child_visible (page))
    {
      MR_EMPTY_PAGE (page)->measured_hidden = TRUE;
      return;
    }

  gtk_widget_measure (child, orientation,
                      orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                      minimum, natural, NULL, NULL);
}

/* the child at its natural height for the width, centred, as valign=center
 * would place it (what AdwStatusPage does), without measuring its width
 * for a height */
static void
centre_allocate (GtkWidget *widget,
                 int        width,
                 int        height,
                 int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  int natural;

  if (child == NULL || !gtk_widget_should_layout (child))
    return;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  natural = MIN (natural, height);
  gtk_widget_size_allocate (child,
                            &(GtkAllocation) { 0, (height - natural) / 2, width, natural },
                            -1);
}

static GtkWidget *
make_label (const char *class1,
            const char *class2)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, class1);
  gtk_widget_add_css_class (label, class2);
  gtk_widget_set_visible (label, FALSE);

  return label;
}

/* statuspage > scrolledwindow > viewport > box > clamp > box > image.icon,
 * label.title.title-1, label.body.description: libadwaita 1.2's nodes */
static void
build_light_page (MrEmptyPage *self)
{
  GtkWidget *centre, *clamp, *box;

  self->image = g_object_new (GTK_TYPE_IMAGE,
                              "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                              NULL);
  gtk_widget_add_css_class (self->image, "icon");
  gtk_widget_set_visible (self->image, FALSE);

  self->title_label = make_label ("title", "title-1");
  self->description_label = make_label ("body", "description");
  gtk_label_set_use_markup (GTK_LABEL (self->description_label), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), self->image);
  gtk_box_append (GTK_BOX (box), self->title_label);
  gtk_box_append (GTK_BOX (box), self->description_label);

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), box);

  /* a box (for the CSS: margins, and the border-spacing it never uses
   * with one child) laid out by centre_allocate () */
  centre = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_layout_manager (centre, gtk_custom_layout_new (centre_request_mode,
                                                                centre_measure,
                                                                centre_allocate));
  self->centre = centre;
  gtk_widget_set_parent (clamp, centre);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  /* nothing inside takes the focus: neither does the scroller */
  gtk_widget_set_can_focus (self->scroller, FALSE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), centre);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->description_label, NULL,
                                  -1);
}

static void
css_classes_changed_cb (MrEmptyPage *self)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (GTK_WIDGET (self));

  gtk_widget_set_css_classes (GTK_WIDGET (self->stock), (const char **) classes);
}

static void
set_label (GtkWidget  *label,
           const char *text)
{
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_visible (label, text != NULL && *text != '\0');
}

/* a stack shows the page: the nothing it measured while hidden goes */
static void
mr_empty_page_map (GtkWidget *widget)
{
  MrEmptyPage *self = MR_EMPTY_PAGE (widget);

  GTK_WIDGET_CLASS (mr_empty_page_parent_class)->map (widget);

  if (self->measured_hidden)
    {
      self->measured_hidden = FALSE;
      gtk_widget_queue_resize (self->centre);
    }
}

static void
mr_empty_page_dispose (GObject *object)
{
  MrEmptyPage *self = MR_EMPTY_PAGE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  if (self->stock != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->stock));
      self->stock = NULL;
    }

  G_OBJECT_CLASS (mr_empty_page_parent_class)->dispose (object);
}

static void
mr_empty_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MrEmptyPage *self = MR_EMPTY_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      g_value_set_string (value, mr_empty_page_get_icon_name (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, mr_empty_page_get_title (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, mr_empty_page_get_description (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_empty_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MrEmptyPage *self = MR_EMPTY_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      mr_empty_page_set_icon_name (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      mr_empty_page_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      mr_empty_page_set_description (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_empty_page_class_init (MrEmptyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_empty_page_dispose;
  object_class->get_property = mr_empty_page_get_property;
  object_class->set_property = mr_empty_page_set_property;

  widget_class->map = mr_empty_page_map;

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "statuspage");
  if (use_stock_page ())
    /* the stock page inside is what assistive technologies see */
    gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
  else
    {
      GtkWidgetClass *stock_class = g_type_class_ref (ADW_TYPE_STATUS_PAGE);

      gtk_widget_class_set_accessible_role (widget_class,
                                            gtk_widget_class_get_accessible_role (stock_class));
      g_type_class_unref (stock_class);
    }
}

static void
mr_empty_page_init (MrEmptyPage *self)
{
  if (!use_stock_page ())
    {
      build_light_page (self);
      return;
    }

  self->stock = ADW_STATUS_PAGE (adw_status_page_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stock), GTK_WIDGET (self));
  g_signal_connect (self, "notify::css-classes", G_CALLBACK (css_classes_changed_cb), NULL);
}

GtkWidget *
mr_empty_page_new (void)
{
  return g_object_new (MR_TYPE_EMPTY_PAGE, NULL);
}

const char *
mr_empty_page_get_icon_name (MrEmptyPage *self)
{
  g_return_val_if_fail (MR_IS_EMPTY_PAGE (self), NULL);

  if (self->stock != NULL)
    return adw_status_page_get_icon_name (self->stock);

  return gtk_image_get_icon_name (GTK_IMAGE (self->image));
}

void
mr_empty_page_set_icon_name (MrEmptyPage *self,
                             const char  *icon_name)
{
  g_return_if_fail (MR_IS_EMPTY_PAGE (self));

  if (g_strcmp0 (icon_name, mr_empty_page_get_icon_name (self)) == 0)
    return;

  if (self->stock != NULL)
    adw_status_page_set_icon_name (self->stock, icon_name);
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (self->image), icon_name);
      gtk_widget_set_visible (self->image, icon_name != NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

const char *
mr_empty_page_get_title (MrEmptyPage *self)
{
  g_return_val_if_fail (MR_IS_EMPTY_PAGE (self), NULL);

  if (self->stock != NULL)
    return adw_status_page_get_title (self->stock);

  return gtk_label_get_label (GTK_LABEL (self->title_label));
}

void
mr_empty_page_set_title (MrEmptyPage *self,
                         const char  *title)
{
  g_return_if_fail (MR_IS_EMPTY_PAGE (self));

  if (g_strcmp0 (title, mr_empty_page_get_title (self)) == 0)
    return;

  if (self->stock != NULL)
    adw_status_page_set_title (self->stock, title);
  else
    set_label (self->title_label, title);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
mr_empty_page_get_description (MrEmptyPage *self)
{
  g_return_val_if_fail (MR_IS_EMPTY_PAGE (self), NULL);

  if (self->stock != NULL)
    return adw_status_page_get_description (self->stock);

  return gtk_label_get_label (GTK_LABEL (self->description_label));
}

void
mr_empty_page_set_description (MrEmptyPage *self,
                               const char  *description)
{
  g_return_if_fail (MR_IS_EMPTY_PAGE (self));

  if (g_strcmp0 (description, mr_empty_page_get_description (self)) == 0)
    return;

  if (self->stock != NULL)
    adw_status_page_set_description (self->stock, description);
  else
    set_label (self->description_label, description);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}
