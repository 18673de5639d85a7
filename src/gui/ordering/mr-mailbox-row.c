/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-mailbox-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-mailbox-row.h"

#define NARROW_WIDTH 540

struct _MrMailboxRow
{
  GtkListBoxRow  parent_instance;

  MrAccount     *account;
  char          *domain;
  char          *problem_text;
  gboolean       syncing;
  gboolean       allocated;
  guint          relayout_id;

  GtkWidget     *fields_box;
  GtkEntry      *first_entry;
  GtkEntry      *last_entry;
  GtkEntry      *prefix_entry;
  GtkLabel      *domain_label;
  GtkButton     *remove_button;
  GtkWidget     *problem_box;
  GtkLabel      *problem_label;
};

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_DOMAIN,
  N_PROPS
};

enum {
  REMOVE_REQUESTED,
  NEXT_REQUESTED,
  FIELD_LEFT,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MrMailboxRow, mr_mailbox_row, GTK_TYPE_LIST_BOX_ROW)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
sync_entry (MrMailboxRow *self,
            GtkEntry     *entry,
            const char   *value)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), value) == 0)
    return;

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), value);
  self->syncing = FALSE;
}

static void
sync_from_account (MrMailboxRow *self)
{
  sync_entry (self, self->first_entry, mr_account_get_first_name (self->account));
  sync_entry (self, self->last_entry, mr_account_get_last_name (self->account));
  sync_entry (self, self->prefix_entry, mr_account_get_email_address_prefix (self->account));
}

/* The row takes the focus (Delete removes it): a screen reader names it by
 * its address and describes it by the person and what is wrong with it;
 * its name fields are described by the address */
static void
update_row_label (MrMailboxRow *self)
{
  const char *prefix = gtk_editable_get_text (GTK_EDITABLE (self->prefix_entry));
  const char *first = gtk_editable_get_text (GTK_EDITABLE (self->first_entry));
  const char *last = gtk_editable_get_text (GTK_EDITABLE (self->last_entry));
  g_autofree char *label = NULL;
  g_autofree char *person = NULL;
  g_autofree char *description = NULL;

  if (prefix[0] != '\0' && self->domain != NULL)
    /* Translators: the accessible name of a mailbox row; %s@%s is an email address */
    label = g_strdup_printf (_("Mailbox %s@%s"), prefix, self->domain);
  else
    label = g_strdup (_("Mailbox without an address"));

  /* Translators: a person's first and last name */
  person = g_strstrip (g_strdup_printf (C_("person", "%s %s"), first, last));
  if (person[0] != '\0' && self->problem_text != NULL)
    /* Translators: the accessible description of a mailbox row: the
     * person, then what is wrong with the mailbox */
    description = g_strdup_printf (_("%s. %s"), person, self->problem_text);
  else if (person[0] != '\0')
    description = g_steal_pointer (&person);
  else
    description = g_strdup (self->problem_text);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  /* every row has a "First name" and a "Last name": each says whose they
   * are, unless it says what is wrong with it (mark_entry ()) */
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *entry = GTK_WIDGET (i == 0 ? self->first_entry : self->last_entry);

      if (!gtk_widget_has_css_class (entry, "error"))
        gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label,
                                        -1);
    }

  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
update_remove_label (MrMailboxRow *self)
{
  const char *prefix = gtk_editable_get_text (GTK_EDITABLE (self->prefix_entry));
  g_autofree char *label = NULL;

  if (prefix[0] != '\0' && self->domain != NULL)
    /* Translators: the accessible name of a button; %s@%s is an email address */
    label = g_strdup_printf (_("Remove Mailbox %s@%s"), prefix, self->domain);
  else
    label = g_strdup (_("Remove Mailbox"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  update_row_label (self);
}

static void
mark_entry (GtkEntry   *entry,
            const char *problem)
{
  if (problem != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
account_changed_cb (MrMailboxRow *self,
                    MrAccount    *account)
{
  g_assert (MR_IS_MAILBOX_ROW (self));

  sync_from_account (self);
  update_remove_label (self);
}

static void
first_changed_cb (MrMailboxRow *self,
                  GtkEditable  *editable)
{
  if (self->syncing || self->account == NULL)
    return;

  mr_account_set_first_name (self->account, gtk_editable_get_text (editable));
}

static void
last_changed_cb (MrMailboxRow *self,
                 GtkEditable  *editable)
{
  if (self->syncing || self->account == NULL)
    return;

  mr_account_set_last_name (self->account, gtk_editable_get_text (editable));
}

static void
prefix_changed_cb (MrMailboxRow *self,
                   GtkEditable  *editable)
{
  if (self->syncing || self->account == NULL)
    return;

  mr_account_set_email_address_prefix (self->account, gtk_editable_get_text (editable));
  update_remove_label (self);
}

static void
first_activate_cb (MrMailboxRow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->last_entry));
}

static void
last_activate_cb (MrMailboxRow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->prefix_entry));
}

static void
prefix_activate_cb (MrMailboxRow *self)
{
  g_signal_emit (self, signals[NEXT_REQUESTED], 0);
}

static void
remove_clicked_cb (MrMailboxRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static GtkSizeRequestMode
row_request_mode_cb (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* NARROW_WIDTH for the text size: with large text (text scaling above 1,
 * as on a projector) the fields need that much more room side by side */
static int
narrow_width (GtkWidget *widget)
{
  int dpi = 0;

  g_object_get (gtk_widget_get_settings (widget), "gtk-xft-dpi", &dpi, NULL);
  if (dpi <= 96 * 1024)
    return NARROW_WIDTH;

  return (int) (NARROW_WIDTH * (dpi / (96.0 * 1024)));
}

static GtkOrientation
orientation_for_width (MrMailboxRow *self,
                       int           width)
{
  return width < narrow_width (GTK_WIDGET (self)) ? GTK_ORIENTATION_VERTICAL
                                                  : GTK_ORIENTATION_HORIZONTAL;
}

/* narrow: the names on one line, the address under them */
static void
set_fields_for_width (MrMailboxRow *self,
                      int           width)
{
  GtkOrientation orientation = orientation_for_width (self, width);

  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->fields_box)) != orientation)
    gtk_orientable_set_orientation (GTK_ORIENTABLE (self->fields_box), orientation);
}

static void
row_measure_cb (GtkWidget      *widget,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  /* Before its first allocation, the height for a width is the height of
   * the fields laid out for that width: the list that asks allocates this
   * width next, so a new row is laid out once, not first for no width and
   * again on the next frame. Only then: switching queues a resize, and a
   * parent that measures several widths on either side of NARROW_WIDTH
   * each frame would ask for layouts without end. Later widths are
   * handled when allocated. */
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0 &&
      !MR_MAILBOX_ROW (widget)->allocated)
    set_fields_for_width (MR_MAILBOX_ROW (widget), for_size);

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

static gboolean
relayout_cb (gpointer user_data)
{
  MrMailboxRow *self = user_data;

  self->relayout_id = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

static void
row_allocate_cb (GtkWidget *widget,
                 int        width,
                 int        height,
                 int        baseline)
{
  MrMailboxRow *self = MR_MAILBOX_ROW (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);
  GtkOrientation orientation;
  int min_height = 0;

  self->allocated = TRUE;

  /* a width it was not measured for */
  orientation = orientation_for_width (self, width);
  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->fields_box)) != orientation)
    {
      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->fields_box), orientation);
      /* a resize queued while allocating is dropped: ask again afterwards */
      if (self->relayout_id == 0)
        self->relayout_id = g_idle_add (relayout_cb, self);
    }

  if (child == NULL || !gtk_widget_should_layout (child))
    return;

  /* after a switch the row is measured again on the next frame; until
   * then the child gets at least what it needs */
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  gtk_widget_allocate (child, width, MAX (height, min_height), -1, NULL);
}

static void
mr_mailbox_row_dispose (GObject *object)
{
  MrMailboxRow *self = (MrMailboxRow *)object;

  g_clear_handle_id (&self->relayout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MR_TYPE_MAILBOX_ROW);

  G_OBJECT_CLASS (mr_mailbox_row_parent_class)->dispose (object);
}

static void
mr_mailbox_row_finalize (GObject *object)
{
  MrMailboxRow *self = (MrMailboxRow *)object;

  g_clear_object (&self->account);
  g_clear_pointer (&self->domain, g_free);
  g_clear_pointer (&self->problem_text, g_free);

  G_OBJECT_CLASS (mr_mailbox_row_parent_class)->finalize (object);
}

static void
mr_mailbox_row_constructed (GObject *object)
{
  MrMailboxRow *self = (MrMailboxRow *)object;

  G_OBJECT_CLASS (mr_mailbox_row_parent_class)->constructed (object);

  if (self->account != NULL)
    {
      g_signal_connect_object (self->account, "changed",
                               G_CALLBACK (account_changed_cb), self,
                               G_CONNECT_SWAPPED);
      sync_from_account (self);
    }

  update_remove_label (self);
}

static void
mr_mailbox_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MrMailboxRow *self = MR_MAILBOX_ROW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_DOMAIN:
      g_value_set_string (value, self->domain);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_mailbox_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MrMailboxRow *self = MR_MAILBOX_ROW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    case PROP_DOMAIN:
      mr_mailbox_row_set_domain (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_mailbox_row_class_init (MrMailboxRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mr_mailbox_row_constructed;
  object_class->dispose = mr_mailbox_row_dispose;
  object_class->finalize = mr_mailbox_row_finalize;
  object_class->get_property = mr_mailbox_row_get_property;
  object_class->set_property = mr_mailbox_row_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         MR_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[NEXT_REQUESTED] =
    g_signal_new ("next-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* the person left a field ("first_name", "last_name",
   * "email_address_prefix"): from now on it shows its problem */
  signals[FIELD_LEFT] =
    g_signal_new ("field-left",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mailroom/Mailroom/mr-mailbox-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MrMailboxRow, fields_box);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxRow, first_entry);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxRow, last_entry);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxRow, prefix_entry);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxRow, domain_label);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxRow, problem_box);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxRow, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, first_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, last_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, prefix_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, first_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, last_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, prefix_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
entry_left_cb (GtkEventControllerFocus *controller,
               MrMailboxRow            *self)
{
  const char *field = g_object_get_data (G_OBJECT (controller), "mr-field");

  g_signal_emit (self, signals[FIELD_LEFT], 0, field);
}

static void
watch_leave (MrMailboxRow *self,
             GtkEntry     *entry,
             const char   *field)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_object_set_data (G_OBJECT (controller), "mr-field", (gpointer) field);
  g_signal_connect (controller, "leave", G_CALLBACK (entry_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (entry), controller);
}

static void
mr_mailbox_row_init (MrMailboxRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  watch_leave (self, self->first_entry, "first_name");
  watch_leave (self, self->last_entry, "last_name");
  watch_leave (self, self->prefix_entry, "email_address_prefix");

  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (row_request_mode_cb,
                                                        row_measure_cb,
                                                        row_allocate_cb));
}

GtkWidget *
mr_mailbox_row_new (MrAccount  *account,
                    const char *domain)
{
  g_return_val_if_fail (MR_IS_ACCOUNT (account), NULL);

  return g_object_new (MR_TYPE_MAILBOX_ROW,
                       "account", account,
                       "domain", domain,
                       NULL);
}

MrAccount *
mr_mailbox_row_get_account (MrMailboxRow *self)
{
  g_return_val_if_fail (MR_IS_MAILBOX_ROW (self), NULL);

  return self->account;
}

const char *
mr_mailbox_row_get_domain (MrMailboxRow *self)
{
  g_return_val_if_fail (MR_IS_MAILBOX_ROW (self), NULL);

  return self->domain;
}

void
mr_mailbox_row_set_domain (MrMailboxRow *self,
                           const char   *domain)
{
  g_autofree char *suffix = NULL;

  g_return_if_fail (MR_IS_MAILBOX_ROW (self));

  if (g_strcmp0 (self->domain, domain) == 0)
    return;

  g_free (self->domain);
  self->domain = g_strdup (domain);

  suffix = g_strdup_printf ("@%s", domain != NULL ? domain : "");
  gtk_label_set_label (self->domain_label, suffix);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->domain_label), suffix);
  update_remove_label (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOMAIN]);
}

void
mr_mailbox_row_set_problems (MrMailboxRow *self,
                             GPtrArray    *problems)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) first_text = NULL;
  g_autoptr(GString) last_text = NULL;
  g_autoptr(GString) prefix_text = NULL;

  g_return_if_fail (MR_IS_MAILBOX_ROW (self));

  text = g_string_new (NULL);
  first_text = g_string_new (NULL);
  last_text = g_string_new (NULL);
  prefix_text = g_string_new (NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const MrProblem *problem = g_ptr_array_index (problems, i);
      const char *message = problem->message;
      GString *target = prefix_text;

      if (message == NULL || message[0] == '\0')
        message = problem->detail != NULL ? problem->detail : _("This mailbox has a problem.");

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, message);

      /* each problem marks the one field it names */
      if (g_strcmp0 (problem->field, "first_name") == 0)
        target = first_text;
      else if (g_strcmp0 (problem->field, "last_name") == 0)
        target = last_text;

      if (target != NULL)
        {
          if (target->len > 0)
            g_string_append_c (target, '\n');
          g_string_append (target, message);
        }
    }

  mark_entry (self->first_entry, first_text->len > 0 ? first_text->str : NULL);
  mark_entry (self->last_entry, last_text->len > 0 ? last_text->str : NULL);
  mark_entry (self->prefix_entry, prefix_text->len > 0 ? prefix_text->str : NULL);

  g_clear_pointer (&self->problem_text, g_free);
  if (text->len > 0)
    self->problem_text = g_strdup (text->str);

  gtk_label_set_label (self->problem_label, self->problem_text);
  gtk_widget_set_visible (self->problem_box, self->problem_text != NULL);
  update_row_label (self);
}

const char *
mr_mailbox_row_get_problem_text (MrMailboxRow *self)
{
  g_return_val_if_fail (MR_IS_MAILBOX_ROW (self), NULL);

  return self->problem_text;
}

void
mr_mailbox_row_focus_first (MrMailboxRow *self)
{
  g_return_if_fail (MR_IS_MAILBOX_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->first_entry));
}
