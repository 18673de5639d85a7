/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-message-dialog"

#include "config.h"

#include "mr-a11y.h"
#include "mr-message-dialog.h"

/* A message dialog is always shown at its natural width and the height its
 * contents need at that width, and it cannot be resized. AdwMessageDialog
 * asks for a height for each width instead, with its minimum height taken
 * at the narrowest width its texts allow, where they wrap into more lines
 * than at the width it is shown at. GTK 4.10 and later then measure the
 * window's width for its own (shorter) height while working out its minimum
 * size, and warn "Trying to measure ... for height of N, but it needs at
 * least M". Asking for one constant size, measured at the natural width,
 * gives the same window on GTK 4.8 and no warning on newer GTK. */

G_DEFINE_TYPE (MrMessageDialog, mr_message_dialog, ADW_TYPE_MESSAGE_DIALOG)

static GtkSizeRequestMode
mr_message_dialog_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
mr_message_dialog_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  GtkWidgetClass *parent_class = GTK_WIDGET_CLASS (mr_message_dialog_parent_class);
  int width = 0;
  int min = 0;
  int nat = 0;

  parent_class->measure (widget, GTK_ORIENTATION_HORIZONTAL, -1,
                         &min, &width, NULL, NULL);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      parent_class->measure (widget, GTK_ORIENTATION_VERTICAL, MAX (min, width),
                             &min, &nat, minimum_baseline, natural_baseline);
    }
  else
    {
      nat = MAX (min, width);
      min = nat;
      if (minimum_baseline != NULL)
        *minimum_baseline = -1;
      if (natural_baseline != NULL)
        *natural_baseline = -1;
    }

  *minimum = min;
  *natural = MAX (min, nat);
}

static void
mr_message_dialog_class_init (MrMessageDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->get_request_mode = mr_message_dialog_get_request_mode;
  widget_class->measure = mr_message_dialog_measure;
}

static void
mr_message_dialog_init (MrMessageDialog *self)
{
  /* the buttons of its responses: accessible names GTK 4.8 gets wrong
   * (mr-a11y.h) */
  mr_a11y_message_dialog_fix_names (ADW_MESSAGE_DIALOG (self));
}

GtkWidget *
mr_message_dialog_new (GtkWindow  *parent,
                       const char *heading,
                       const char *body)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  dialog = g_object_new (MR_TYPE_MESSAGE_DIALOG,
                         "transient-for", parent,
                         NULL);
  if (heading != NULL)
    adw_message_dialog_set_heading (dialog, heading);
  if (body != NULL)
    adw_message_dialog_set_body (dialog, body);

  return GTK_WIDGET (dialog);
}
