/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-domain-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-domain-list-private.h"
#include "mr-domain-row.h"
#include "mr-gui-util.h"

#define SPACING 12
/* between the lines of the text column, and the status and the mailboxes */
#define TEXT_SPACING 3
#define LINE_SPACING 6

struct _MrDomainRow
{
  GtkWidget        parent_instance;

  GtkWidget       *select_check;      /* NULL until selection mode */
  GtkImage        *status_icon;
  GtkInscription  *domain_label;
  GtkLabel        *status_label;
  GtkInscription  *mailboxes_label;
  GtkLabel        *problems_label;    /* NULL until it has problems */
  GtkWidget       *suggestions_box;   /* NULL until it is taken */
  GtkWidget       *suggestions_label;
  GtkWidget       *remove_button;

  MrOrderItem     *item;
  MrDomainList    *list;
  char            *key;
  char            *status_text;
  const char      *status_class;      /* static */
  const char      *status_icon_name;  /* static */
  MrDomainStatus   status;
  GPtrArray       *suggestion_buttons;
  char            *problems_text;     /* NULL when it has none */
  char            *problems_spoken;   /* the same naming the domain, for screen readers */
  char            *a11y_label;        /* what the row last said, to say it only when it changes */
  char            *a11y_description;
  gboolean         blocking;
  MrRowUpdate      pending;           /* put off while far off screen */
  gboolean         estimated;         /* its size is a row like it's, not its own */
  gboolean         measure_now;       /* measure it for real, near or not */
};

/* A row far off screen is not measured: it answers with what the last
 * row of the same shape measured (a GtkListView measures every row it
 * keeps, about 200, to place them), and is measured for real when it
 * comes near or a few rows a frame (MR_ROW_UPDATE_SIZE). Shapes: how
 * many lines of problems it shows, and whether it shows suggestions. */
#define N_SHAPES 10

typedef struct
{
  gboolean known;
  int      minimum;
  int      natural;
} RowSize;

static RowSize typical_size[2][N_SHAPES];


G_DEFINE_FINAL_TYPE (MrDomainRow, mr_domain_row, GTK_TYPE_WIDGET)

/* Only what changed is set: a row whose status stays the same is not
 * restyled or laid out again. Returns whether the text changed.
 * A status still to come is dimmed with its colour (.status-pending in
 * style.css), not dim-label's opacity: the node drawn is then of the same
 * kind before and after the check, and GTK repaints only the text and the
 * icon that changed (GTK 4.8 repaints the whole list once a frame's
 * changes make more than 30 rectangles). */
static gboolean
set_status (MrDomainRow *self,
            const char  *icon_name,
            const char  *css_class,
            const char  *text)
{
  if (text == NULL)
    text = "";

  if (g_strcmp0 (icon_name, self->status_icon_name) != 0)
    {
      gtk_image_set_from_icon_name (self->status_icon, icon_name);
      self->status_icon_name = icon_name;
    }

  if (g_strcmp0 (css_class, self->status_class) != 0)
    {
      if (self->status_class != NULL)
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), self->status_class);
          gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
        }
      if (css_class != NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), css_class);
          gtk_widget_add_css_class (GTK_WIDGET (self->status_label), css_class);
        }
      self->status_class = css_class;
    }

  if (g_strcmp0 (text, self->status_text) == 0)
    return FALSE;

  g_free (self->status_text);
  self->status_text = g_strdup (text);
  /* a short status is measured once (no ellipsizing); a long reason can
   * be cut, and read whole in the tooltip */
  gtk_label_set_ellipsize (self->status_label,
                           g_utf8_strlen (text, -1) > 24 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  gtk_label_set_label (self->status_label, self->status_text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), *text != '\0');

  return TRUE;
}

static void
clear_suggestions (MrDomainRow *self)
{
  for (guint i = 0; i < self->suggestion_buttons->len; i++)
    gtk_box_remove (GTK_BOX (self->suggestions_box),
                    g_ptr_array_index (self->suggestion_buttons, i));
  g_ptr_array_set_size (self->suggestion_buttons, 0);
}

/* The parts a row shows only now and then (the check of selection mode,
 * its problems, a taken domain's suggestions) are made when first shown:
 * the rows of a paste are made in its frame, and most show none of them. */
static void
ensure_suggestions_box (MrDomainRow *self)
{
  if (self->suggestions_box != NULL)
    return;

  self->suggestions_label = g_object_new (GTK_TYPE_LABEL,
                                          "label", _("Available instead:"),
                                          "xalign", 0.0f,
                                          "css-classes", (const char *[]) { "caption", "dim-label", NULL },
                                          NULL);
  self->suggestions_box = g_object_new (GTK_TYPE_BOX,
                                        "orientation", GTK_ORIENTATION_VERTICAL,
                                        "spacing", 2,
                                        "margin-top", 3,
                                        "visible", FALSE,
                                        NULL);
  gtk_box_append (GTK_BOX (self->suggestions_box), self->suggestions_label);
  /* last in the column, below the problems */
  gtk_widget_insert_before (self->suggestions_box, GTK_WIDGET (self), self->remove_button);
}

static void
ensure_problems_label (MrDomainRow *self)
{
  if (self->problems_label != NULL)
    return;

  self->problems_label = g_object_new (GTK_TYPE_LABEL,
                                       "visible", FALSE,
                                       "xalign", 0.0f,
                                       "wrap", TRUE,
                                       "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                       "width-chars", 12,
                                       "css-classes", (const char *[]) { "caption", "problems", NULL },
                                       NULL);
  /* below the status line, above the suggestions */
  gtk_widget_insert_after (GTK_WIDGET (self->problems_label), GTK_WIDGET (self),
                           GTK_WIDGET (self->mailboxes_label));
}

static void
ensure_select_check (MrDomainRow *self)
{
  if (self->select_check != NULL)
    return;

  /* in selection mode: whether the row is selected, shown and said (a
   * click on the row toggles it, so the check takes no clicks) */
  self->select_check = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                     "visible", FALSE,
                                     "valign", GTK_ALIGN_START,
                                     "can-focus", FALSE,
                                     "can-target", FALSE,
                                     "css-classes", (const char *[]) { "selection-mode", NULL },
                                     NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->select_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->item != NULL ? mr_order_item_get_domain (self->item)
                                                     : _("Selected"),
                                  -1);
  gtk_widget_insert_after (self->select_check, GTK_WIDGET (self), NULL);
}

static gboolean
check_visible (MrDomainRow *self)
{
  return self->select_check != NULL && gtk_widget_get_visible (self->select_check);
}

static void
suggestion_clicked_cb (GtkButton   *button,
                       MrDomainRow *self)
{
  const char *domain = g_object_get_data (G_OBJECT (button), "domain");

  if (self->item != NULL && domain != NULL)
    mr_order_item_set_domain (self->item, domain);
}

static void
update_suggestions (MrDomainRow *self)
{
  const char * const *similar;

  clear_suggestions (self);

  if (self->list == NULL || self->key == NULL ||
      (self->status != MR_DOMAIN_STATUS_UNAVAILABLE &&
       self->status != MR_DOMAIN_STATUS_RESTRICTED))
    {
      if (self->suggestions_box != NULL)
        gtk_widget_set_visible (self->suggestions_box, FALSE);
      return;
    }

  ensure_suggestions_box (self);
  gtk_widget_set_visible (self->suggestions_box, TRUE);
  similar = mr_domain_list_lookup_similar (self->list, self->key);

  if (similar == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->suggestions_label), _("Looking for similar domains…"));
      return;
    }

  if (similar[0] == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->suggestions_label), _("No similar domains found"));
      return;
    }

  gtk_label_set_label (GTK_LABEL (self->suggestions_label), _("Available instead:"));

  for (guint i = 0; similar[i] != NULL; i++)
    {
      g_autofree char *tooltip = NULL;
      GtkWidget *button;
      GtkWidget *label;

      label = g_object_new (GTK_TYPE_LABEL,
                            "label", similar[i],
                            "xalign", 0.0f,
                            "ellipsize", PANGO_ELLIPSIZE_MIDDLE,
                            NULL);
      button = g_object_new (GTK_TYPE_BUTTON,
                             "child", label,
                             "halign", GTK_ALIGN_START,
                             NULL);
      gtk_widget_add_css_class (button, "suggestion");
      gtk_widget_add_css_class (button, "flat");
      tooltip = g_strdup_printf (_("Use %s instead"), similar[i]);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "domain", g_strdup (similar[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (suggestion_clicked_cb), self);
      gtk_box_append (GTK_BOX (self->suggestions_box), button);
      g_ptr_array_add (self->suggestion_buttons, button);
    }
}

static void
update_status (MrDomainRow *self)
{
  g_autofree char *text = NULL;
  const char *detail = NULL;
  MrDomainStatus status = MR_DOMAIN_STATUS_UNKNOWN;
  MrDomainStatus before = self->status;
  MrDomainChecker *checker;
  gboolean changed;

  if (self->item == NULL || self->list == NULL)
    return;

  if (!mr_domain_list_get_check_availability (self->list))
    {
      self->status = MR_DOMAIN_STATUS_UNKNOWN;
      changed = set_status (self, "mail-unread-symbolic", "status-pending", NULL);
      if (changed || before != self->status)
        update_suggestions (self);
      return;
    }

  checker = mr_domain_list_get_checker (self->list);
  status = mr_domain_checker_lookup (checker, self->key, &detail);
  if (status == MR_DOMAIN_STATUS_UNKNOWN)
    {
      mr_domain_checker_request (checker, self->key);
      status = mr_domain_checker_lookup (checker, self->key, &detail);
      if (status == MR_DOMAIN_STATUS_UNKNOWN)
        status = MR_DOMAIN_STATUS_CHECKING;
    }

  self->status = status;

  switch (status)
    {
    case MR_DOMAIN_STATUS_UNKNOWN:
    case MR_DOMAIN_STATUS_CHECKING:
      changed = set_status (self, "content-loading-symbolic", "status-pending", _("Checking…"));
      break;

    case MR_DOMAIN_STATUS_AVAILABLE:
      changed = set_status (self, "object-select-symbolic", "success", _("Available"));
      break;

    case MR_DOMAIN_STATUS_UNAVAILABLE:
      changed = set_status (self, "dialog-error-symbolic", "error", _("Taken"));
      break;

    case MR_DOMAIN_STATUS_RESTRICTED:
      if (detail != NULL && *detail != '\0')
        text = g_strdup_printf (_("Restricted: “%s”"), detail);
      else
        text = g_strdup (_("Restricted"));
      changed = set_status (self, "dialog-warning-symbolic", "warning", text);
      break;

    case MR_DOMAIN_STATUS_INVALID:
      text = g_strdup_printf (_("Invalid: %s"), detail ? detail : _("not a domain name"));
      changed = set_status (self, "dialog-error-symbolic", "error", text);
      break;

    case MR_DOMAIN_STATUS_ERROR:
      text = g_strdup_printf (_("Not checked: %s"), detail ? detail : _("unknown error"));
      changed = set_status (self, "network-error-symbolic", "warning", text);
      break;

    default:
      changed = set_status (self, "mail-unread-symbolic", "status-pending", NULL);
      break;
    }

  if (changed || before != self->status)
    update_suggestions (self);
}

static void
update_accessible_label_full (MrDomainRow *self,
                              gboolean     force)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  g_autofree char *remove_label = NULL;
  const char *domain;
  GtkWidget *list_row;

  if (self->item == NULL)
    return;

  domain = mr_order_item_get_domain (self->item);
  /* Translators: a domain row as a screen reader says it: the domain, then
   * its status ("Available", "Taken", "Checking…") */
  label = g_strdup_printf (_("%s, %s"), domain,
                           self->status_text && *self->status_text ? self->status_text
                                                                   : _("not checked"));
  /* its mailboxes, then its problems when it has some: no separator left
   * hanging at the end of a row with none */
  if (self->problems_spoken != NULL)
    description = g_strdup_printf ("%s. %s", gtk_inscription_get_text (self->mailboxes_label),
                                   self->problems_spoken);
  else
    description = g_strdup (gtk_inscription_get_text (self->mailboxes_label));

  if (!force &&
      g_strcmp0 (label, self->a11y_label) == 0 &&
      g_strcmp0 (description, self->a11y_description) == 0)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  /* the list's row around it is what takes the focus: it carries the same name */
  list_row = gtk_widget_get_parent (GTK_WIDGET (self));
  if (list_row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list_row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);

  g_free (self->a11y_label);
  self->a11y_label = g_steal_pointer (&label);
  g_free (self->a11y_description);
  self->a11y_description = g_steal_pointer (&description);

  /* its tooltip says the same, when asked (remove_query_tooltip_cb) */
  remove_label = g_strdup_printf (_("Remove %s"), domain);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  if (self->select_check != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->select_check),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, domain,
                                    -1);
}

static void
update_accessible_label (MrDomainRow *self)
{
  update_accessible_label_full (self, FALSE);
}

static void
parent_changed_cb (MrDomainRow *self)
{
  update_accessible_label_full (self, TRUE);
}

/* A new status of the domain being edited or focused is said aloud */
static void
announce_status (MrDomainRow *self)
{
  GtkWidget *list_row = gtk_widget_get_parent (GTK_WIDGET (self));
  g_autofree char *message = NULL;

  if (self->item == NULL || self->status_text == NULL || *self->status_text == '\0' ||
      list_row == NULL)
    return;

  if (!(gtk_widget_get_state_flags (list_row) & GTK_STATE_FLAG_SELECTED) &&
      !gtk_widget_has_focus (list_row))
    return;

  message = g_strdup_printf (_("%s, %s"), mr_order_item_get_domain (self->item), self->status_text);
  mr_announce (GTK_WIDGET (self), message);
}

/* What the row shows (@brief: the problems' short sentences, since the
 * row shows its domain) and what a screen reader hears of them (@full:
 * the sentences that name the domain, said after the row's name). */
static char *
problems_text (GPtrArray *problems,
               gboolean   brief,
               gboolean  *blocking)
{
  g_autoptr(GString) text = g_string_new (NULL);

  *blocking = FALSE;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (problems, i);

      if (i == 3)
        {
          guint rest = problems->len - 3;

          g_string_append_c (text, '\n');
          g_string_append_printf (text, ngettext ("and %u more problem", "and %u more problems", rest),
                                  rest);
          break;
        }

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* the sign is there so the state is not shown by colour alone: a
       * warning sign only for what does not stop the order */
      *blocking |= problem->severity == MR_PROBLEM_BLOCKS;
      g_string_append (text, problem->severity == MR_PROBLEM_WARNING ? "⚠ " : "✕ ");
      g_string_append (text, mr_problem_get_text (problem, brief));
    }

  if (text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

/* Nothing is touched when the row would say the same: the list calls this
 * only for the rows whose problems changed, and they may still read the
 * same (the same sentence from a new check). */
static void
update_problems (MrDomainRow *self)
{
  GPtrArray *problems = NULL;
  g_autofree char *text = NULL;
  g_autofree char *spoken = NULL;
  gboolean blocking;

  if (self->list != NULL && self->key != NULL)
    problems = mr_domain_list_get_problems_for (self->list, self->key);

  spoken = problems_text (problems, FALSE, &blocking);
  if (g_strcmp0 (spoken, self->problems_spoken) != 0)
    {
      g_free (self->problems_spoken);
      self->problems_spoken = g_steal_pointer (&spoken);
    }

  text = problems_text (problems, TRUE, &blocking);
  if (g_strcmp0 (text, self->problems_text) == 0 && blocking == self->blocking)
    {
      update_accessible_label (self);
      return;
    }

  g_free (self->problems_text);
  self->problems_text = g_steal_pointer (&text);
  self->blocking = blocking;

  if (self->problems_text != NULL)
    {
      ensure_problems_label (self);
      gtk_label_set_label (self->problems_label, self->problems_text);
    }
  /* on the two widgets they colour, not on the row: a class of the row
   * restyles every widget in it, and a bulk apply changes 100 rows */
  set_css_class (GTK_WIDGET (self->domain_label), "has-problems",
                 self->problems_text != NULL && blocking);
  if (self->problems_label != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problems_label), self->problems_text != NULL);
      set_css_class (GTK_WIDGET (self->problems_label), "has-warnings",
                     self->problems_text != NULL && !blocking);
    }

  update_accessible_label (self);
}

static void
update_item (MrDomainRow *self)
{
  g_autofree char *key = NULL;
  g_autofree char *mailboxes = NULL;
  const char *domain;
  guint n_accounts;

  if (self->item == NULL)
    return;

  domain = mr_order_item_get_domain (self->item);
  key = g_strdup (mr_order_item_get_domain_key (self->item));
  if (g_strcmp0 (domain, gtk_inscription_get_text (self->domain_label)) != 0)
    gtk_inscription_set_text (self->domain_label, domain);

  n_accounts = mr_order_item_get_n_accounts (self->item);
  if (n_accounts == 0 && self->list != NULL &&
      mr_domain_list_get_order_type (self->list) == MR_ORDER_TYPE_PRE_WARMED_UP)
    mailboxes = g_strdup (_("Mailboxes included"));
  else if (n_accounts == 0)
    mailboxes = g_strdup (_("No mailboxes"));
  else
    mailboxes = g_strdup_printf (ngettext ("%s · %u mailbox", "%s · %u mailboxes", n_accounts),
                                 mr_email_provider_to_label (mr_order_item_get_email_provider (self->item)),
                                 n_accounts);
  if (g_strcmp0 (mailboxes, gtk_inscription_get_text (self->mailboxes_label)) != 0)
    gtk_inscription_set_text (self->mailboxes_label, mailboxes);

  if (g_strcmp0 (key, self->key) != 0)
    {
      if (self->list != NULL)
        _mr_domain_list_rekey_row (self->list, self, self->key, key);
      g_free (self->key);
      self->key = g_steal_pointer (&key);
      update_status (self);
      update_problems (self);
    }

  update_accessible_label (self);
}

static void
item_changed_cb (MrDomainRow *self)
{
  if (self->list != NULL && !_mr_domain_list_row_is_near (self->list, self))
    _mr_domain_list_defer_row (self->list, self, MR_ROW_UPDATE_ITEM);
  else
    update_item (self);
}

/* Tooltips are made when asked: on GTK 4.8 setting a tooltip's text asks
 * the display where the pointer is (a round trip to the X server), which
 * for every row of a long list costs more than laying the row out. */
static gboolean
remove_query_tooltip_cb (MrDomainRow *self,
                         int          x,
                         int          y,
                         gboolean     keyboard,
                         GtkTooltip  *tooltip)
{
  g_autofree char *text = NULL;

  if (self->item == NULL)
    return FALSE;

  text = g_strdup_printf (_("Remove %s"), mr_order_item_get_domain (self->item));
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

/* the status is one line: a long reason can be read whole here */
static gboolean
status_query_tooltip_cb (MrDomainRow *self,
                         int          x,
                         int          y,
                         gboolean     keyboard,
                         GtkTooltip  *tooltip)
{
  if (self->status_text == NULL || g_utf8_strlen (self->status_text, -1) <= 24)
    return FALSE;

  gtk_tooltip_set_text (tooltip, self->status_text);

  return TRUE;
}

static void
remove_clicked_cb (MrDomainRow *self)
{
  if (self->list != NULL && self->item != NULL)
    mr_domain_list_request_remove (self->list, self->item);
}

static guint
row_shape (MrDomainRow *self)
{
  guint lines = 0;

  if (self->problems_text != NULL)
    {
      lines = 1;
      for (const char *p = self->problems_text; *p != '\0'; p++)
        lines += *p == '\n';
    }

  return MIN (lines, 4) +
         (self->suggestions_box != NULL && gtk_widget_get_visible (self->suggestions_box) ? 5 : 0);
}

/* TRUE when it answered with a typical size instead of measuring */
static gboolean
measure_estimated (MrDomainRow    *self,
                   GtkOrientation  orientation,
                   int            *minimum,
                   int            *natural)
{
  const RowSize *size = &typical_size[orientation][row_shape (self)];

  if (self->measure_now || self->list == NULL || self->item == NULL || !size->known ||
      _mr_domain_list_row_is_near (self->list, self))
    return FALSE;

  *minimum = size->minimum;
  *natural = size->natural;
  if (!self->estimated)
    {
      self->estimated = TRUE;
      _mr_domain_list_defer_row (self->list, self, MR_ROW_UPDATE_SIZE);
    }

  return TRUE;
}

/* FALSE, and zero, for a child not shown */
static gboolean
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural)
{
  *minimum = *natural = 0;
  if (child == NULL || !gtk_widget_should_layout (child))
    return FALSE;

  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  return TRUE;
}

/* The status is given the width of the widest of the short ones a check
 * goes through: "Checking…" turning "Available" then leaves the
 * mailboxes beside it where they were, and only the status is drawn
 * again. Measured again when the status's font changes (text scaling). */
static int
short_status_width (MrDomainRow *self)
{
  static PangoFontDescription *measured_font;
  static double measured_resolution;
  static int width;
  GtkWidget *label = GTK_WIDGET (self->status_label);
  PangoContext *context = gtk_widget_get_pango_context (label);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);
  const char *texts[] = {
    _("Checking…"), _("Available"), _("Taken"), _("Restricted"),
  };

  if (measured_font != NULL && resolution == measured_resolution &&
      pango_font_description_equal (font, measured_font))
    return width;

  g_clear_pointer (&measured_font, pango_font_description_free);
  measured_font = pango_font_description_copy (font);
  measured_resolution = resolution;
  width = 0;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, texts[i]);
      int text_width;

      pango_layout_get_pixel_size (layout, &text_width, NULL);
      width = MAX (width, text_width);
    }

  return width;
}

/* The text column: the domain; its status and mailboxes on one line;
 * its problems and suggestions below when it shows them. The row lays
 * it out itself: two boxes more in each row cost more to make than the
 * row's own widgets, and in a paste's frame every row shown is made. */
static void
measure_text (MrDomainRow    *self,
              GtkOrientation  orientation,
              int             for_width,
              int            *minimum,
              int            *natural)
{
  GtkWidget *below[] = {
    GTK_WIDGET (self->domain_label),
    self->problems_label != NULL ? GTK_WIDGET (self->problems_label) : NULL,
    self->suggestions_box,
  };
  int status_min, status_nat, mailboxes_min, mailboxes_nat, min, nat;
  gboolean has_status;

  has_status = measure_child (GTK_WIDGET (self->status_label), orientation, -1,
                              &status_min, &status_nat);
  if (has_status && orientation == GTK_ORIENTATION_HORIZONTAL)
    status_nat = MAX (status_nat, short_status_width (self));
  measure_child (GTK_WIDGET (self->mailboxes_label), orientation, -1,
                 &mailboxes_min, &mailboxes_nat);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int spacing = has_status ? LINE_SPACING : 0;

      *minimum = status_min + spacing + mailboxes_min;
      *natural = status_nat + spacing + mailboxes_nat;
      for (guint i = 0; i < G_N_ELEMENTS (below); i++)
        if (measure_child (below[i], orientation, -1, &min, &nat))
          {
            *minimum = MAX (*minimum, min);
            *natural = MAX (*natural, nat);
          }
      return;
    }

  *minimum = MAX (status_min, mailboxes_min);
  *natural = MAX (status_nat, mailboxes_nat);
  for (guint i = 0; i < G_N_ELEMENTS (below); i++)
    if (measure_child (below[i], orientation, for_width, &min, &nat))
      {
        *minimum += TEXT_SPACING + min;
        *natural += TEXT_SPACING + nat;
      }
}

static GtkSizeRequestMode
mr_domain_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The icon and the button keep their natural widths; the text column gets
 * what is left, and is measured for its height at that one width. A
 * GtkBox would also ask the column for its width at each height, which
 * makes a wrapping label lay out its text many times over. */
static void
mr_domain_row_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  MrDomainRow *self = MR_DOMAIN_ROW (widget);
  int icon_min, icon_nat, button_min, button_nat, text_min, text_nat;
  int check_min = 0, check_nat = 0;
  RowSize *typical;

  *minimum_baseline = -1;
  *natural_baseline = -1;

  if (measure_estimated (self, orientation, minimum, natural))
    return;

  self->estimated = FALSE;

  gtk_widget_measure (GTK_WIDGET (self->status_icon), GTK_ORIENTATION_HORIZONTAL, -1,
                      &icon_min, &icon_nat, NULL, NULL);
  gtk_widget_measure (self->remove_button, GTK_ORIENTATION_HORIZONTAL, -1,
                      &button_min, &button_nat, NULL, NULL);
  /* the check, in selection mode, comes first and counts as part of the icon */
  if (check_visible (self))
    {
      gtk_widget_measure (self->select_check, GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &check_nat, NULL, NULL);
      icon_nat += check_nat + SPACING;
      if (orientation == GTK_ORIENTATION_VERTICAL)
        gtk_widget_measure (self->select_check, GTK_ORIENTATION_VERTICAL, -1,
                            &check_min, &check_nat, NULL, NULL);
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      measure_text (self, GTK_ORIENTATION_HORIZONTAL, -1, &text_min, &text_nat);
      *minimum = icon_nat + SPACING + text_min + SPACING + button_nat;
      *natural = icon_nat + SPACING + text_nat + SPACING + button_nat;
    }
  else
    {
      int text_width = -1;

      if (for_size >= 0)
        {
          measure_text (self, GTK_ORIENTATION_HORIZONTAL, -1, &text_min, &text_nat);
          text_width = MAX (for_size - icon_nat - button_nat - 2 * SPACING, text_min);
        }

      measure_text (self, GTK_ORIENTATION_VERTICAL, text_width, &text_min, &text_nat);
      gtk_widget_measure (GTK_WIDGET (self->status_icon), GTK_ORIENTATION_VERTICAL, -1,
                          &icon_min, &icon_nat, NULL, NULL);
      gtk_widget_measure (self->remove_button, GTK_ORIENTATION_VERTICAL, -1,
                          &button_min, &button_nat, NULL, NULL);
      *minimum = MAX (MAX (text_min, check_min), MAX (icon_min, button_min));
      *natural = MAX (MAX (text_nat, check_nat), MAX (icon_nat, button_nat));
    }

  if (self->item != NULL)
    {
      typical = &typical_size[orientation][row_shape (self)];
      /* a row with its check is measured for itself */
      if (check_visible (self))
        return;
      typical->known = TRUE;
      typical->minimum = *minimum;
      typical->natural = *natural;
    }
}

static void
allocate_child (GtkWidget *child,
                int        row_width,
                gboolean   rtl,
                int        x,
                int        y,
                int        width,
                int        height)
{
  GtkAllocation allocation = { rtl ? row_width - x - width : x, y, width, height };

  gtk_widget_size_allocate (child, &allocation, -1);
}

/* the text column at @x, @width wide, from the top down */
static void
allocate_text (MrDomainRow *self,
               int          row_width,
               gboolean     rtl,
               int          x,
               int          width)
{
  GtkWidget *below[] = {
    self->problems_label != NULL ? GTK_WIDGET (self->problems_label) : NULL,
    self->suggestions_box,
  };
  int min, nat, y, line_height, status_width = 0, mailboxes_min, spacing = 0;

  measure_child (GTK_WIDGET (self->domain_label), GTK_ORIENTATION_VERTICAL, width, &min, &nat);
  allocate_child (GTK_WIDGET (self->domain_label), row_width, rtl, x, 0, width, nat);
  y = nat + TEXT_SPACING;

  /* the status at its natural width (at least the short ones') when it
   * fits, the mailboxes the rest */
  measure_child (GTK_WIDGET (self->status_label), GTK_ORIENTATION_VERTICAL, -1, &min, &line_height);
  measure_child (GTK_WIDGET (self->mailboxes_label), GTK_ORIENTATION_VERTICAL, -1, &min, &nat);
  line_height = MAX (line_height, nat);
  measure_child (GTK_WIDGET (self->mailboxes_label), GTK_ORIENTATION_HORIZONTAL, -1,
                 &mailboxes_min, &nat);
  if (measure_child (GTK_WIDGET (self->status_label), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat))
    {
      spacing = LINE_SPACING;
      status_width = CLAMP (width - spacing - mailboxes_min, min,
                            MAX (nat, short_status_width (self)));
      allocate_child (GTK_WIDGET (self->status_label), row_width, rtl,
                      x, y, status_width, line_height);
    }
  allocate_child (GTK_WIDGET (self->mailboxes_label), row_width, rtl,
                  x + status_width + spacing, y,
                  MAX (width - status_width - spacing, mailboxes_min), line_height);
  y += line_height;

  for (guint i = 0; i < G_N_ELEMENTS (below); i++)
    if (measure_child (below[i], GTK_ORIENTATION_VERTICAL, width, &min, &nat))
      {
        y += TEXT_SPACING;
        allocate_child (below[i], row_width, rtl, x, y, width, nat);
        y += nat;
      }
}

static void
mr_domain_row_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  MrDomainRow *self = MR_DOMAIN_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int icon_width, icon_height, button_width, button_height, text_min, text_nat, text_width;
  int check_width = 0, check_height, lead = 0;

  gtk_widget_measure (GTK_WIDGET (self->status_icon), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &icon_width, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->status_icon), GTK_ORIENTATION_VERTICAL, -1,
                      NULL, &icon_height, NULL, NULL);
  gtk_widget_measure (self->remove_button, GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &button_width, NULL, NULL);
  gtk_widget_measure (self->remove_button, GTK_ORIENTATION_VERTICAL, -1,
                      NULL, &button_height, NULL, NULL);
  measure_text (self, GTK_ORIENTATION_HORIZONTAL, -1, &text_min, &text_nat);
  if (check_visible (self))
    {
      gtk_widget_measure (self->select_check, GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &check_width, NULL, NULL);
      gtk_widget_measure (self->select_check, GTK_ORIENTATION_VERTICAL, -1,
                          NULL, &check_height, NULL, NULL);
      allocate_child (self->select_check, width, rtl,
                      0, 0, check_width, MIN (check_height, height));
      lead = check_width + SPACING;
    }
  text_width = MAX (width - lead - icon_width - button_width - 2 * SPACING, text_min);

  allocate_child (GTK_WIDGET (self->status_icon), width, rtl,
                  lead, 0, icon_width, MIN (icon_height, height));
  allocate_text (self, width, rtl, lead + icon_width + SPACING, text_width);
  /* at the top, beside the domain it removes: a taken row is tall with
   * its suggestions, and a button in its middle sat beside them */
  allocate_child (self->remove_button, width, rtl,
                  width - button_width, 0, button_width, MIN (button_height, height));
}

/* The list's row around it takes the focus given to the row (arrows,
 * a click, Tab into the list), never the first of its buttons: a
 * GtkListItemWidget offers the focus to its child first, and a GtkWidget
 * passes it on to its first child that takes it. */
static gboolean
mr_domain_row_grab_focus (GtkWidget *widget)
{
  return FALSE;
}

/* Its buttons are reached from the row (Tab, see the list's
 * list_key_pressed_cb) or among themselves, not straight from outside */
static gboolean
mr_domain_row_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  GtkWidget *list_row = gtk_widget_get_parent (widget);

  if (gtk_widget_get_focus_child (widget) == NULL &&
      (list_row == NULL || !gtk_widget_is_focus (list_row)))
    return FALSE;

  return GTK_WIDGET_CLASS (mr_domain_row_parent_class)->focus (widget, direction);
}

static void
mr_domain_row_dispose (GObject *object)
{
  MrDomainRow *self = MR_DOMAIN_ROW (object);
  GtkWidget *child;

  mr_domain_row_unbind (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->select_check = NULL;
  self->status_icon = NULL;
  self->domain_label = NULL;
  self->status_label = NULL;
  self->mailboxes_label = NULL;
  self->problems_label = NULL;
  self->suggestions_box = NULL;
  self->suggestions_label = NULL;
  self->remove_button = NULL;

  G_OBJECT_CLASS (mr_domain_row_parent_class)->dispose (object);
}

static void
mr_domain_row_finalize (GObject *object)
{
  MrDomainRow *self = MR_DOMAIN_ROW (object);

  g_clear_pointer (&self->suggestion_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->problems_text, g_free);
  g_clear_pointer (&self->problems_spoken, g_free);
  g_clear_pointer (&self->a11y_label, g_free);
  g_clear_pointer (&self->a11y_description, g_free);

  G_OBJECT_CLASS (mr_domain_row_parent_class)->finalize (object);
}

static void
mr_domain_row_class_init (MrDomainRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_domain_row_dispose;
  object_class->finalize = mr_domain_row_finalize;

  widget_class->get_request_mode = mr_domain_row_get_request_mode;
  widget_class->measure = mr_domain_row_measure;
  widget_class->size_allocate = mr_domain_row_size_allocate;
  widget_class->grab_focus = mr_domain_row_grab_focus;
  widget_class->focus = mr_domain_row_focus;

  gtk_widget_class_set_css_name (widget_class, "domainrow");
}

/* Built in code, not from a template: a paste makes a screen of rows in
 * its frame, and GtkBuilder took about as long again as the widgets.
 * The row lays out its children itself (mr_domain_row_measure): the text
 * column gets the width left by the icon and the button, and is only ever
 * asked for its height at that width. The domain and its mailboxes are
 * GtkInscriptions: their size does not depend on their text, so a new
 * count is drawn without measuring the row again. Only the problems wrap
 * (width-chars spares GtkLabel laying them out one character a line to
 * find their narrowest width). */
static void
mr_domain_row_init (MrDomainRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_set_margin_top (widget, 8);
  gtk_widget_set_margin_bottom (widget, 8);
  gtk_widget_set_margin_start (widget, 6);
  gtk_widget_set_margin_end (widget, 2);

  self->status_icon = g_object_new (GTK_TYPE_IMAGE,
                                    "icon-name", "mail-unread-symbolic",
                                    "valign", GTK_ALIGN_START,
                                    "margin-top", 2,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                    NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->status_icon), widget);

  self->domain_label = g_object_new (GTK_TYPE_INSCRIPTION,
                                     "xalign", 0.0f,
                                     "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE,
                                     "css-classes", (const char *[]) { "domain-name", NULL },
                                     NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->domain_label), widget);

  self->status_label = g_object_new (GTK_TYPE_LABEL,
                                     "xalign", 0.0f,
                                     "single-line-mode", TRUE,
                                     "has-tooltip", TRUE,
                                     "css-classes", (const char *[]) { "caption", "status", NULL },
                                     NULL);
  g_signal_connect_swapped (self->status_label, "query-tooltip",
                            G_CALLBACK (status_query_tooltip_cb), self);
  gtk_widget_set_parent (GTK_WIDGET (self->status_label), widget);

  self->mailboxes_label = g_object_new (GTK_TYPE_INSCRIPTION,
                                        "xalign", 0.0f,
                                        "hexpand", TRUE,
                                        "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END,
                                        "css-classes", (const char *[]) { "caption", "dim-label",
                                                                          "numeric", NULL },
                                        NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->mailboxes_label), widget);

  self->remove_button = g_object_new (GTK_TYPE_BUTTON,
                                      "icon-name", "user-trash-symbolic",
                                      "valign", GTK_ALIGN_START,
                                      "has-tooltip", TRUE,
                                      "css-classes", (const char *[]) { "flat", "circular", NULL },
                                      NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Domain"),
                                  -1);
  g_signal_connect_swapped (self->remove_button, "clicked",
                            G_CALLBACK (remove_clicked_cb), self);
  g_signal_connect_swapped (self->remove_button, "query-tooltip",
                            G_CALLBACK (remove_query_tooltip_cb), self);
  gtk_widget_set_parent (self->remove_button, widget);

  self->suggestion_buttons = g_ptr_array_new ();
  /* the list puts the row in a GtkListBoxRow after it is made */
  g_signal_connect (self, "notify::parent", G_CALLBACK (parent_changed_cb), NULL);
}

GtkWidget *
mr_domain_row_new (void)
{
  return g_object_new (MR_TYPE_DOMAIN_ROW, NULL);
}

void
mr_domain_row_bind (MrDomainRow  *self,
                    MrOrderItem  *item,
                    MrDomainList *list)
{
  g_return_if_fail (MR_IS_DOMAIN_ROW (self));
  g_return_if_fail (MR_IS_ORDER_ITEM (item));
  g_return_if_fail (MR_IS_DOMAIN_LIST (list));

  mr_domain_row_unbind (self);

  self->pending = 0;
  self->item = g_object_ref (item);
  self->list = list;

  g_signal_connect_object (item, "changed", G_CALLBACK (item_changed_cb), self, G_CONNECT_SWAPPED);

  /* the list tells the row what changes for its domain (see
   * mr-domain-list-private.h) once it knows the row's key */
  update_item (self);
}

void
mr_domain_row_unbind (MrDomainRow *self)
{
  g_return_if_fail (MR_IS_DOMAIN_ROW (self));

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  if (self->list != NULL && self->key != NULL)
    _mr_domain_list_rekey_row (self->list, self, self->key, NULL);

  g_clear_object (&self->item);
  self->list = NULL;
  self->pending = 0;
  self->estimated = FALSE;
  self->measure_now = FALSE;
  g_clear_pointer (&self->key, g_free);

  /* a row bound again, to a domain of the same status, shows that
   * domain's suggestions: nothing of the last one's stays */
  self->status = MR_DOMAIN_STATUS_UNKNOWN;
  if (self->suggestion_buttons != NULL)
    clear_suggestions (self);
  if (self->suggestions_box != NULL)
    gtk_widget_set_visible (self->suggestions_box, FALSE);
}

void
_mr_domain_row_update_item (MrDomainRow *self)
{
  g_assert (MR_IS_DOMAIN_ROW (self));

  update_item (self);
}

void
_mr_domain_row_update_problems (MrDomainRow *self)
{
  g_assert (MR_IS_DOMAIN_ROW (self));

  update_problems (self);
}

void
_mr_domain_row_update_status (MrDomainRow *self)
{
  g_autofree char *before = NULL;

  g_assert (MR_IS_DOMAIN_ROW (self));

  if (self->key == NULL)
    return;

  before = g_strdup (self->status_text);
  update_status (self);
  update_accessible_label (self);
  if (g_strcmp0 (before, self->status_text) != 0)
    announce_status (self);
}

void
_mr_domain_row_update_suggestions (MrDomainRow *self)
{
  g_assert (MR_IS_DOMAIN_ROW (self));

  update_suggestions (self);
}

void
_mr_domain_row_defer (MrDomainRow *self,
                      MrRowUpdate  what)
{
  g_assert (MR_IS_DOMAIN_ROW (self));

  self->pending |= what;
}

gboolean
_mr_domain_row_flush (MrDomainRow *self)
{
  MrRowUpdate pending;

  g_assert (MR_IS_DOMAIN_ROW (self));

  pending = self->pending;
  self->pending = 0;
  if (pending == 0 || self->item == NULL)
    return FALSE;

  /* measured for real until what it shows changes again (GtkListView
   * measures a row more than once a layout) */
  if (pending & ~MR_ROW_UPDATE_SIZE)
    self->measure_now = FALSE;

  if (pending & MR_ROW_UPDATE_ITEM)
    update_item (self);
  if (pending & MR_ROW_UPDATE_STATUS)
    _mr_domain_row_update_status (self);
  if (pending & MR_ROW_UPDATE_PROBLEMS)
    update_problems (self);
  if (pending & MR_ROW_UPDATE_SUGGESTIONS)
    update_suggestions (self);
  if ((pending & MR_ROW_UPDATE_SIZE) && self->estimated)
    {
      self->estimated = FALSE;
      self->measure_now = TRUE;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }

  return TRUE;
}

void
_mr_domain_row_set_selected (MrDomainRow *self,
                             gboolean     selection_mode,
                             gboolean     selected)
{
  GtkWidget *list_row;

  g_assert (MR_IS_DOMAIN_ROW (self));

  /* the hidden check is left alone: a selection of 50 outside selection
   * mode touches no widget of the rows it leaves */
  if (selection_mode)
    ensure_select_check (self);
  if (selection_mode &&
      gtk_check_button_get_active (GTK_CHECK_BUTTON (self->select_check)) != selected)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->select_check), selected);
  if (self->select_check != NULL && gtk_widget_get_visible (self->select_check) != selection_mode)
    gtk_widget_set_visible (self->select_check, selection_mode);

  /* the row that takes the focus says whether it is selected (GTK 4.8's
   * list rows do not) */
  list_row = gtk_widget_get_parent (GTK_WIDGET (self));
  if (list_row != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (list_row),
                                 GTK_ACCESSIBLE_STATE_SELECTED, selected,
                                 -1);
}

gboolean
mr_domain_row_get_check_shown (MrDomainRow *self,
                               gboolean    *checked)
{
  g_return_val_if_fail (MR_IS_DOMAIN_ROW (self), FALSE);

  if (checked != NULL)
    *checked = self->select_check != NULL &&
               gtk_check_button_get_active (GTK_CHECK_BUTTON (self->select_check));
  return check_visible (self) &&
         gtk_widget_get_mapped (self->select_check);
}

GtkWidget *
_mr_domain_row_next_button (MrDomainRow      *self,
                            GtkWidget        *from,
                            GtkDirectionType  direction)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint i;

  g_assert (MR_IS_DOMAIN_ROW (self));

  /* the order they are seen in: Remove on the domain's line, then the
   * suggestions below it */
  _mr_domain_row_flush (self);
  g_ptr_array_add (buttons, self->remove_button);
  for (i = 0; i < self->suggestion_buttons->len; i++)
    g_ptr_array_add (buttons, g_ptr_array_index (self->suggestion_buttons, i));

  if (!g_ptr_array_find (buttons, from, &i))
    i = direction == GTK_DIR_TAB_FORWARD ? G_MAXUINT : buttons->len;

  for (;;)
    {
      GtkWidget *button;

      if (direction == GTK_DIR_TAB_FORWARD)
        i = i == G_MAXUINT ? 0 : i + 1;
      else if (i == 0)
        return NULL;
      else
        i--;
      if (i >= buttons->len)
        return NULL;

      button = g_ptr_array_index (buttons, i);
      if (gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button) &&
          gtk_widget_get_focusable (button))
        return button;
    }
}

MrOrderItem *
mr_domain_row_get_item (MrDomainRow *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_ROW (self), NULL);

  return self->item;
}

MrDomainStatus
mr_domain_row_get_status (MrDomainRow *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_ROW (self), MR_DOMAIN_STATUS_UNKNOWN);

  _mr_domain_row_flush (self);
  return self->status;
}

const char *
mr_domain_row_get_status_text (MrDomainRow *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_ROW (self), NULL);

  _mr_domain_row_flush (self);
  return self->status_text ? self->status_text : "";
}

char *
mr_domain_row_dup_problems_text (MrDomainRow *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_ROW (self), NULL);

  _mr_domain_row_flush (self);
  return g_strdup (self->problems_text);
}

char *
mr_domain_row_dup_accessible_description (MrDomainRow *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_ROW (self), NULL);

  _mr_domain_row_flush (self);
  return g_strdup (self->a11y_description);
}

GPtrArray *
mr_domain_row_get_suggestion_buttons (MrDomainRow *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_ROW (self), NULL);

  _mr_domain_row_flush (self);
  return self->suggestion_buttons;
}
