/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mr-api-client.h"
#include "mr-application.h"
#include "mr-money.h"
#include "mr-sim-server.h"
#include "mr-window.h"

G_BEGIN_DECLS

/* Helpers for the window tests: find widgets, read what they say, save
 * screenshots into $MR_SCREENSHOT_DIR. */
GPtrArray *mr_ui_find_all      (GtkWidget  *root,
                                GType       type);
GtkWidget *mr_ui_find_first    (GtkWidget  *root,
                                GType       type);
/* @widget's template child @id, or that of the pricing panel's quote page
 * under it (made with the panel's first quote); NULL if none */
GObject   *mr_ui_template_child (GtkWidget  *widget,
                                 const char *id);
/* @widget's template child @id (of its class @type), else the pricing
 * panel's quote page's (mr_ui_template_child ()), else the widget of that
 * builder id under @widget (parts built when first needed), or NULL */
GtkWidget *mr_ui_find_child    (GtkWidget  *widget,
                                GType       type,
                                const char *id);
/* the first button under @root labelled @label (mnemonic included), or NULL */
GtkWidget *mr_ui_find_button   (GtkWidget  *root,
                                const char *label);
/* every visible label's and inscription's text under @root, one per line */
char      *mr_ui_collect_text  (GtkWidget  *root);
/* spins the main loop for @ms (for things that must NOT happen) */
void       mr_ui_wait_frames   (guint       ms);
/* Waits until @widget is mapped, has a size, and its window has painted
 * @n_frames frames since (so what changed before is laid out and drawn).
 * Fails the test if that does not happen in time. */
void       mr_ui_wait_drawn    (GtkWidget  *widget,
                                guint       n_frames);
/* Waits for @widget to be drawn (animations included) and saves it as
 * $MR_SCREENSHOT_DIR/@name; does nothing without $MR_SCREENSHOT_DIR. */
void       mr_ui_screenshot    (GtkWidget  *widget,
                                const char *name);
/* saves @node, drawn by @widget (a picture of one frame, taken right
 * after it was painted), as $MR_SCREENSHOT_DIR/@name */
void       mr_ui_screenshot_node (GtkWidget     *widget,
                                  GskRenderNode *node,
                                  const char    *name);
/* Waits until every list under @root shows all its model's items: a list
 * shows a large insertion over a few frames (mr-fill-model.h). */
void       mr_ui_wait_filled   (GtkWidget  *root);


/* Start-up of a window test program: GTK and libadwaita, the window
 * decorations GNOME uses (so screenshots look like the desktop), and the
 * one registered, non-unique application the program's tests share. */
MrApplication *mr_ui_test_init (int    *argc,
                                char ***argv);

/* One window against its own in-process simulator, with the draft in a
 * temporary folder (named after @tmp_template, "…-XXXXXX"). */
typedef struct
{
  char          *tmpdir;
  char          *draft_path;
  MrSimServer   *sim;
  MrApiClient   *client;
  MrApplication *app;
  MrWindow      *window;
} MrUiWindowFixture;

void      mr_ui_window_fixture_set_up    (MrUiWindowFixture *fixture,
                                          MrApplication     *app,
                                          const char        *tmp_template);
/* destroys the window (when there is one) and removes the draft */
void      mr_ui_window_fixture_tear_down (MrUiWindowFixture *fixture);
/* a new window of @app at the tests' size, presented and drawn */
MrWindow *mr_ui_open_window              (MrApplication     *app);

/* A price from $MR_SIM_PRICING: the number @member, or with @inner the
 * number @inner in the object @member. */
MrCents   mr_ui_price_from_file          (const char        *member,
                                          const char        *inner);

G_END_DECLS
