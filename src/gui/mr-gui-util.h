/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

/* Small helpers shared by several widgets. */

/* Shows @title for a few seconds in the AdwToastOverlay that is @widget or
 * holds it, and announces it; does nothing outside one. */
void  mr_show_toast (GtkWidget  *widget,
                     const char *title);
/* Says @message to a screen reader: an announcement on GTK 4.14 and later,
 * a new description of the focused element (or @widget) before, which gets
 * its own description back when the focus leaves it, when it is hidden or
 * after a few seconds. Toasts shown with mr_show_toast() are announced
 * already. */
void  mr_announce   (GtkWidget  *widget,
                     const char *message);

/* The rows of the domain pickers (pre-warmed domains, extra accounts): a
 * row naming @domain with a flat button, stored in @buttons, that keeps
 * @domain as its "domain" data and calls @clicked (GtkButton *, @user_data). */
GtkWidget *mr_domain_row_with_add_button (const char *domain,
                                          GPtrArray  *buttons,
                                          GCallback   clicked,
                                          gpointer    user_data);
/* Shows on each of @buttons whether its domain is in @order already. */
void       mr_add_buttons_update         (GPtrArray  *buttons,
                                          MrOrder    *order);
/* Removes every row of @list. */
void       mr_list_box_clear             (GtkListBox *list);
/* The domain pickers' shared steps. Makes *@slot hold @order and calls
 * @update (@owner) when its items change; FALSE when it held @order
 * already. */
gboolean   mr_domain_picker_watch_order  (MrOrder     **slot,
                                          MrOrder      *order,
                                          gpointer      owner,
                                          GCallback     update);
/* Cancels what *@cancellable was loading; TRUE, with a new *@cancellable,
 * when @page is shown and has a @client to load from. A hidden page sets
 * *@needs_reload and loads when it is mapped. */
gboolean   mr_domain_picker_begin_reload (GtkWidget     *page,
                                          MrApiClient   *client,
                                          GCancellable **cancellable,
                                          gboolean      *needs_reload);
/* Stops @spinner and shows the "error" page of @stack, @label saying what
 * @error means. */
void       mr_domain_picker_show_error   (GtkStack      *stack,
                                          GtkSpinner    *spinner,
                                          GtkLabel      *label,
                                          const GError  *error);
/* Disposes @widget's template of @type and unparents what is left. */
void       mr_widget_dispose_children    (GtkWidget     *widget,
                                          GType          type);

/* What a view of an MrQuoteScheduler shows: its state, its last quote
 * (maybe an older one) and whether that quote is the fresh one. */
typedef struct
{
  MrQuoteState  state;
  MrQuote      *quote;
  gboolean      current;
} MrQuoteView;

/* Fills @view from @scheduler; with no scheduler, idle and no quote. */
void     mr_quote_view_read         (MrQuoteView       *view,
                                     MrQuoteScheduler  *scheduler);
/* Makes *@slot hold @scheduler and calls @changed (@owner) when its state,
 * quote or error changes; forgets what @owner watched before. Returns
 * FALSE when *@slot holds @scheduler already. */
gboolean mr_watch_quote_scheduler   (MrQuoteScheduler **slot,
                                     MrQuoteScheduler  *scheduler,
                                     gpointer           owner,
                                     GCallback          changed);
/* Stops @owner watching *@slot and clears it. */
void     mr_unwatch_quote_scheduler (MrQuoteScheduler **slot,
                                     gpointer           owner);

/* Drops the undo history of @editable (a GtkText, or a GtkEntry or
 * AdwEntryRow around one) once the signals under way are done: GtkText's
 * history must not change while it records an edit. */
void        mr_text_forget_undo       (GtkWidget     *editable);

/* Spins @spinner while @busy and mapped: a spinner spinning where it is
 * not shown would keep the window painting every frame. */
void        mr_spinner_set_busy       (GtkSpinner    *spinner,
                                       gboolean       busy);

/* The paged lists (orders, mailboxes): a stack with "loading", "error" and
 * other pages, and a footer revealer with a spinner and a label. */

/* Shows @state in @stack; the "loading" page spins @spinner and says
 * @notice, or @loading_text without one; the "error" page says @error. */
void        mr_paged_list_show_state  (GtkStack      *stack,
                                       const char    *state,
                                       GtkSpinner    *spinner,
                                       GtkLabel      *loading_label,
                                       const char    *notice,
                                       const char    *loading_text,
                                       AdwStatusPage *error_page,
                                       const char    *error);
/* Reveals @footer saying @text, with @spinner spinning when @busy; hides
 * it when @text is NULL. */
void        mr_paged_list_show_footer (GtkRevealer   *footer,
                                       GtkSpinner    *spinner,
                                       GtkLabel      *label,
                                       const char    *text,
                                       gboolean       busy);
/* The text of the loading or footer notice on show, or NULL. */
const char *mr_paged_list_get_notice  (GtkStack      *stack,
                                       GtkLabel      *loading_label,
                                       GtkRevealer   *footer,
                                       GtkLabel      *footer_label);

/* An icon a widget will show, drawn once ahead of need (the first draw of
 * an icon loads it, as much as the rest of a frame): @css when the widget
 * draws it from CSS (as a spinner does), else it is looked up as a
 * GtkImage of a GThemedIcon looks it up. */
typedef struct
{
  const char *name;
  int         size;
  gboolean    css;
} MrIconPreload;

/* Looks @icon up for @widget and draws it once; the caller keeps the
 * result, so that the icon theme hands the widget the loaded icon */
GtkIconPaintable *mr_gui_preload_icon (GtkWidget           *widget,
                                       const MrIconPreload *icon);

G_END_DECLS
