/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-window.h"
#include "mr-domain-list.h"
#include "mr-extra-accounts-page.h"
#include "mr-prewarmed-page.h"
#include "mr-result-page.h"

G_BEGIN_DECLS

/* Shared by mr-window.c and mr-window-actions.c; tests read it too. */
struct _MrWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkDropDown          *order_type_dropdown;
  GtkWidget            *place_button;
  AdwSqueezer          *place_squeezer;      /* its label, or its icon when narrow */
  GtkStack             *place_stack;
  GtkSpinner           *place_spinner;
  GtkMenuButton        *menu_button;
  GtkRevealer          *demo_revealer;
  GtkLabel             *demo_label;
  GtkLabel             *demo_short_label;
  GtkWidget            *demo_key_button;
  GtkWidget            *demo_key_icon_button;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_title;
  GtkLabel             *error_label;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  GtkStack             *adder_stack;
  MrPrewarmedPage      *prewarmed_page;     /* NULL until first shown */
  MrExtraAccountsPage  *extra_page;         /* NULL until first shown */
  MrDomainList         *domain_list;
  GtkWidget            *editor_pane;
  GtkWidget            *editor_header;
  GtkLabel             *editor_title;
  GtkWidget            *editor_slot;
  GtkWidget            *pricing_slot;
  GtkRevealer          *summary_revealer;
  GtkWidget            *summary_slot;
  MrResultPage         *result_page;        /* NULL until first shown */
  GtkStack             *top_stack;
  GtkWidget            *orders_slot;
  GtkRevealer          *orders_demo_revealer;

  /* widgets of other files, made in code */
  GtkWidget            *account_editor;
  GtkWidget            *pricing_panel;
  GtkWidget            *pricing_summary;
  GtkWidget            *orders_view;        /* NULL until the Orders view exists */
  GtkWindow            *confirm_dialog;     /* weak */

  /* state */
  MrApplication        *app;                /* weak */
  MrOrderSession       *session;            /* owned: the order being edited */
  MrQuote              *confirm_quote;      /* owned, nullable: what the dialog shows */
  guint                 compact_id;
  gulong                opened_id;          /* frame clock "after-paint", while opening */
  GdkFrameClock        *editor_clock;       /* owned while the editor waits for a paste's frame */
  gulong                editor_paint_id;    /* its "after-paint" */
  guint                 editor_idle_id;     /* then the editor shows the selection */
  guint                 syncing_type : 1;
  guint                 draft_error_shown : 1;
  guint                 typing_edits_order : 1; /* the focused text field's typing edits the order */

  /* undo (mr-window-actions.c) */
  GtkWidget            *typing_text;        /* weak: the focused text field */
  AdwToast             *undo_toast;         /* owned, nullable: the toast offering Undo,
                                             * until it is dismissed */
  guint                 undo_toast_id;      /* dismisses it once a change was undone */
  guint64               typing_revision;    /* the order's revision before its last change */

  /* tests: opens a checkout page instead of gtk_show_uri () */
  void                (*show_uri) (MrWindow   *self,
                                   const char *uri);
};

void  _mr_window_class_init_actions (GtkWidgetClass *widget_class);
void  _mr_window_init_actions       (MrWindow       *self);
void  _mr_window_update_actions     (MrWindow       *self);
void  _mr_window_show_order_type    (MrWindow       *self);
MrResultPage *_mr_window_ensure_result_page (MrWindow *self);
void  _mr_window_new_order          (MrWindow       *self,
                                     MrOrderType     order_type,
                                     gboolean        with_undo);
/* a toast saying @title with an Undo button, dismissed once an undo or
 * redo was applied (its Undo is then no longer the change it names) */
void  _mr_window_add_undo_toast     (MrWindow       *self,
                                     const char     *title);
void  _mr_window_undo_applied       (MrWindow       *self);
void  _mr_window_dispose_undo       (MrWindow       *self);
void  _mr_window_show_phase         (MrWindow       *self);
void  _mr_window_show_error         (MrWindow       *self,
                                     const char     *title,
                                     const char     *message);
void  _mr_window_hide_error         (MrWindow       *self);
void  _mr_window_select_domain      (MrWindow       *self,
                                     const char     *domain);
GtkWidget *_mr_window_ensure_orders_view (MrWindow *self);

G_END_DECLS
