/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-presentation-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-demo-actions.h"
#include "mr-presentation-window.h"
#include "mr-quote-view.h"

#define ZOOM_STEP 1.15

struct _MrPresentationWindow
{
  AdwWindow         parent_instance;

  GtkWidget        *header_bar;
  GtkWidget        *clamp;
  GtkWidget        *view;
  MrWindow         *window;     /* weak */
  GSignalGroup     *scheduler_signals;
};

G_DEFINE_FINAL_TYPE (MrPresentationWindow, mr_presentation_window, ADW_TYPE_WINDOW)

static void
update_sheet (MrPresentationWindow *self)
{
  g_autoptr(MrQuoteSheet) sheet = NULL;

  if (self->window != NULL)
    sheet = mr_demo_get_window_sheet (self->window);
  mr_quote_view_set_sheet (MR_QUOTE_VIEW (self->view), sheet);
}

static void
quote_changed_cb (MrPresentationWindow *self)
{
  update_sheet (self);
}

/* an older quote stays up, dimmed, until the new one arrives */
static void
state_changed_cb (MrPresentationWindow *self,
                  GParamSpec           *pspec,
                  MrQuoteScheduler     *scheduler)
{
  gboolean current = scheduler == NULL ||
                     mr_quote_scheduler_get_state (scheduler) == MR_QUOTE_STATE_FRESH;

  gtk_widget_set_opacity (self->view, current ? 1.0 : 0.45);
}

static void
fullscreened_cb (MrPresentationWindow *self)
{
  gtk_widget_set_visible (self->header_bar, !gtk_window_is_fullscreen (GTK_WINDOW (self)));
}

static void
set_zoom (MrPresentationWindow *self,
          double                zoom)
{
  mr_quote_view_set_zoom (MR_QUOTE_VIEW (self->view), zoom);
  zoom = mr_quote_view_get_zoom (MR_QUOTE_VIEW (self->view));
  adw_clamp_set_maximum_size (ADW_CLAMP (self->clamp), (int) (860 * zoom));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MrPresentationWindow *self = MR_PRESENTATION_WINDOW (widget);
  double zoom = mr_quote_view_get_zoom (MR_QUOTE_VIEW (self->view));
  int direction = g_variant_get_int32 (parameter);

  if (direction > 0)
    set_zoom (self, zoom * ZOOM_STEP);
  else if (direction < 0)
    set_zoom (self, zoom / ZOOM_STEP);
  else
    set_zoom (self, 1.0);
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    gtk_window_unfullscreen (GTK_WINDOW (widget));
  else
    gtk_window_fullscreen (GTK_WINDOW (widget));
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    gtk_window_unfullscreen (GTK_WINDOW (widget));
  else
    gtk_window_close (GTK_WINDOW (widget));
}

static void
mr_presentation_window_dispose (GObject *object)
{
  MrPresentationWindow *self = MR_PRESENTATION_WINDOW (object);

  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->scheduler_signals);

  G_OBJECT_CLASS (mr_presentation_window_parent_class)->dispose (object);
}

static void
mr_presentation_window_class_init (MrPresentationWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_presentation_window_dispose;

  gtk_widget_class_install_action (widget_class, "presentation.zoom", "i", zoom_action);
  gtk_widget_class_install_action (widget_class, "presentation.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_install_action (widget_class, "presentation.leave", NULL, leave_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "presentation.fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "presentation.leave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "presentation.zoom", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "presentation.zoom", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "presentation.zoom", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "presentation.zoom", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "presentation.zoom", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "presentation.zoom", "i", 0);
}

static void
mr_presentation_window_init (MrPresentationWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *hint = gtk_label_new (_("F11 full screen · Ctrl+plus and Ctrl+minus zoom · Esc leaves"));
  GtkWidget *title = adw_window_title_new (_("Presentation"), NULL);
  GtkWidget *button = gtk_button_new_from_icon_name ("view-fullscreen-symbolic");

  gtk_window_set_title (GTK_WINDOW (self), _("Presentation"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1024, 768);

  self->header_bar = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (self->header_bar), title);
  gtk_widget_add_css_class (hint, "dim-label");
  adw_header_bar_pack_start (ADW_HEADER_BAR (self->header_bar), hint);
  gtk_widget_set_tooltip_text (button, _("Full Screen"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "presentation.fullscreen");
  adw_header_bar_pack_end (ADW_HEADER_BAR (self->header_bar), button);
  gtk_box_append (GTK_BOX (box), self->header_bar);

  self->view = mr_quote_view_new ();
  gtk_widget_set_margin_top (self->view, 40);
  gtk_widget_set_margin_bottom (self->view, 40);
  gtk_widget_set_margin_start (self->view, 32);
  gtk_widget_set_margin_end (self->view, 32);
  self->clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (self->clamp), 860);
  adw_clamp_set_child (ADW_CLAMP (self->clamp), self->view);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreened_cb), NULL);
}

GtkWidget *
mr_presentation_window_new (MrWindow *window)
{
  MrPresentationWindow *self;

  g_return_val_if_fail (MR_IS_WINDOW (window), NULL);

  self = g_object_new (MR_TYPE_PRESENTATION_WINDOW,
                       "application", gtk_window_get_application (GTK_WINDOW (window)),
                       NULL);
  g_set_weak_pointer (&self->window, window);
  g_signal_connect_object (mr_window_get_session (window), "notify::quote",
                           G_CALLBACK (quote_changed_cb), self, G_CONNECT_SWAPPED);
  /* the session makes a new scheduler when the client changes */
  self->scheduler_signals = g_signal_group_new (MR_TYPE_QUOTE_SCHEDULER);
  g_signal_group_connect_object (self->scheduler_signals, "notify::state",
                                 G_CALLBACK (state_changed_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (mr_window_get_session (window), "scheduler",
                          self->scheduler_signals, "target", G_BINDING_SYNC_CREATE);
  update_sheet (self);

  return GTK_WIDGET (self);
}

GtkWidget *
mr_presentation_window_get_view (MrPresentationWindow *self)
{
  g_return_val_if_fail (MR_IS_PRESENTATION_WINDOW (self), NULL);

  return self->view;
}
