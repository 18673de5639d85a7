/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mr-account-editor.h"
#include "mr-fill-model.h"
#include "mr-pricing-panel.h"
#include "mr-pricing-panel-quote.h"
#include "mr-test-util.h"
#include "mr-ui-test-util.h"

static void
find_all (GtkWidget *widget,
          GType      type,
          GPtrArray *out)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    g_ptr_array_add (out, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_all (child, type, out);
}

GPtrArray *
mr_ui_find_all (GtkWidget *root,
                GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  find_all (root, type, out);
  return out;
}

GtkWidget *
mr_ui_find_first (GtkWidget *root,
                  GType      type)
{
  g_autoptr(GPtrArray) all = mr_ui_find_all (root, type);

  return all->len > 0 ? g_ptr_array_index (all, 0) : NULL;
}

GObject *
mr_ui_template_child (GtkWidget  *widget,
                      const char *id)
{
  GObject *child = gtk_widget_get_template_child (widget, G_OBJECT_TYPE (widget), id);
  GtkWidget *quote;

  if (child != NULL || !MR_IS_PRICING_PANEL (widget))
    return child;

  quote = mr_ui_find_first (widget, MR_TYPE_PRICING_PANEL_QUOTE);
  if (quote == NULL)
    return NULL;

  return gtk_widget_get_template_child (quote, MR_TYPE_PRICING_PANEL_QUOTE, id);
}

static GtkWidget *
find_by_id (GtkWidget  *widget,
            const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
mr_ui_find_child (GtkWidget  *widget,
                  GType       type,
                  const char *id)
{
  GObject *child = gtk_widget_get_template_child (widget, type, id);

  if (child == NULL && MR_IS_PRICING_PANEL (widget))
    child = mr_ui_template_child (widget, id);
  if (child != NULL)
    return GTK_WIDGET (child);

  /* the editor's form, made with its first domain: looked for there only,
   * since libadwaita's own templates use the same ids ("title_label" is
   * AdwStatusPage's too, on the editor's empty page) */
  if (MR_IS_ACCOUNT_EDITOR (widget))
    {
      GObject *stack = gtk_widget_get_template_child (widget, MR_TYPE_ACCOUNT_EDITOR, "stack");
      GtkWidget *form = gtk_stack_get_child_by_name (GTK_STACK (stack), "editor");

      return form != NULL ? find_by_id (form, id) : NULL;
    }

  return find_by_id (widget, id);
}

GtkWidget *
mr_ui_find_button (GtkWidget  *root,
                   const char *label)
{
  g_autoptr(GPtrArray) buttons = mr_ui_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

char *
mr_ui_collect_text (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = mr_ui_find_all (root, GTK_TYPE_LABEL);
  g_autoptr(GPtrArray) inscriptions = mr_ui_find_all (root, GTK_TYPE_INSCRIPTION);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (!gtk_widget_is_visible (label))
        continue;

      g_string_append (text, gtk_label_get_text (GTK_LABEL (label)));
      g_string_append_c (text, '\n');
    }

  /* list rows show text that does not change their size this way */
  for (guint i = 0; i < inscriptions->len; i++)
    {
      GtkWidget *inscription = g_ptr_array_index (inscriptions, i);
      const char *shown = gtk_inscription_get_text (GTK_INSCRIPTION (inscription));

      if (!gtk_widget_is_visible (inscription) || shown == NULL)
        continue;

      g_string_append (text, shown);
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

#define DRAWN_WAIT_MS 10000

/* Screenshots look like GNOME: Cantarell 11 when it is installed
 * (tools/deps.sh installs fonts-cantarell), else GTK's default font */
static void
use_gnome_font (void)
{
  static gboolean done;
  PangoFontMap *map;
  PangoFontFamily **families = NULL;
  int n_families = 0;

  if (done)
    return;
  done = TRUE;

  map = pango_cairo_font_map_get_default ();
  pango_font_map_list_families (map, &families, &n_families);
  for (int i = 0; i < n_families; i++)
    {
      if (g_ascii_strcasecmp (pango_font_family_get_name (families[i]), "Cantarell") == 0)
        {
          g_object_set (gtk_settings_get_default (), "gtk-font-name", "Cantarell 11", NULL);
          break;
        }
    }
  g_free (families);
}

void
mr_ui_wait_frames (guint ms)
{
  use_gnome_font ();
  mr_test_spin (ms);
}

static gboolean
has_size (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) &&
         gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0;
}

typedef struct
{
  GtkWidget     *widget;
  guint          n_frames;
  guint          frames;
  gboolean       capture;
  GskRenderNode *node;
  guint          next_id;
  gboolean       done;
} Painted;

/* Between two frames, everything already queued at default or idle
 * priority runs first (the window's own idle callbacks, which may change
 * what the next frame shows); frames requested back to back would starve
 * them on a slow machine. */
static gboolean
next_frame_cb (gpointer data)
{
  Painted *painted = data;

  painted->next_id = 0;
  if (painted->frames >= painted->n_frames && (!painted->capture || painted->node != NULL))
    painted->done = TRUE;
  else
    gtk_widget_queue_draw (painted->widget);

  return G_SOURCE_REMOVE;
}

/* Right after a paint every drawn widget holds its render node; anything
 * that runs between frames may drop it again (queue_draw), so the picture
 * is taken here. */
static void
after_paint_cb (GdkFrameClock *clock,
                Painted       *painted)
{
  painted->frames++;

  if (painted->frames >= painted->n_frames && painted->capture && painted->node == NULL)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (painted->widget);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                              gtk_widget_get_width (painted->widget),
                              gtk_widget_get_height (painted->widget));
      painted->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }

  if (painted->next_id == 0)
    painted->next_id = g_idle_add_full (G_PRIORITY_LOW, next_frame_cb, painted, NULL);
}

static gboolean
painted_enough (gpointer data)
{
  Painted *painted = data;

  return painted->done;
}

static GskRenderNode *
wait_painted (GtkWidget *widget,
              guint      n_frames,
              gboolean   capture)
{
  Painted painted = { widget, MAX (n_frames, 1), 0, capture, NULL, 0, FALSE };
  GdkFrameClock *clock;
  gulong id;

  mr_test_wait_until (has_size, widget, DRAWN_WAIT_MS);

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  mr_test_wait_until (painted_enough, &painted, DRAWN_WAIT_MS);
  g_signal_handler_disconnect (clock, id);
  g_clear_handle_id (&painted.next_id, g_source_remove);

  return painted.node;
}

void
mr_ui_wait_drawn (GtkWidget *widget,
                  guint      n_frames)
{
  wait_painted (widget, n_frames, FALSE);
}

static void
save_node (GtkWidget     *widget,
           GskRenderNode *node,
           const char    *dir,
           const char    *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  g_assert_nonnull (node);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

void
mr_ui_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("MR_SCREENSHOT_DIR");
  g_autoptr(GskRenderNode) node = NULL;

  if (dir == NULL || *dir == '\0')
    return;

  g_mkdir_with_parents (dir, 0755);
  use_gnome_font ();

  /* mapped and laid out, then time for transitions (they run on the clock,
   * not per frame), then a picture taken right after a paint */
  mr_test_wait_until (has_size, widget, DRAWN_WAIT_MS);
  mr_ui_wait_frames (300);
  node = wait_painted (widget, 2, TRUE);
  save_node (widget, node, dir, name);
}

void
mr_ui_screenshot_node (GtkWidget     *widget,
                       GskRenderNode *node,
                       const char    *name)
{
  const char *dir = g_getenv ("MR_SCREENSHOT_DIR");

  if (dir == NULL || *dir == '\0')
    return;

  g_mkdir_with_parents (dir, 0755);
  save_node (widget, node, dir, name);
}

static void
find_filling (GtkWidget *widget,
              gboolean  *filling)
{
  if (GTK_IS_LIST_VIEW (widget))
    {
      GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (widget));

      if (MR_IS_FILL_MODEL (model) && mr_fill_model_get_filling (MR_FILL_MODEL (model)))
        *filling = TRUE;
    }
  /* the lines of a first long quote come to its list a frame later */
  if (MR_IS_PRICING_PANEL (widget) && mr_pricing_panel_get_adding_lines (MR_PRICING_PANEL (widget)))
    *filling = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_filling (child, filling);
}

static gboolean
all_filled (gpointer data)
{
  gboolean filling = FALSE;

  find_filling (data, &filling);

  return !filling;
}

void
mr_ui_wait_filled (GtkWidget *root)
{
  mr_test_wait_until (all_filled, root, DRAWN_WAIT_MS);
}

MrApplication *
mr_ui_test_init (int    *argc,
                 char ***argv)
{
  g_autoptr(GError) error = NULL;
  MrApplication *app;

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* as GNOME has it: the screenshots look like the desktop */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", ":close", NULL);

  app = mr_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

MrWindow *
mr_ui_open_window (MrApplication *app)
{
  MrWindow *window = mr_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_window_present (GTK_WINDOW (window));
  mr_ui_wait_drawn (GTK_WIDGET (window), 2);

  return window;
}

void
mr_ui_window_fixture_set_up (MrUiWindowFixture *fixture,
                             MrApplication     *app,
                             const char        *tmp_template)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp (tmp_template, &error);
  g_assert_no_error (error);
  fixture->draft_path = g_build_filename (fixture->tmpdir, "draft.json", NULL);
  g_setenv ("MR_DRAFT_PATH", fixture->draft_path, TRUE);

  fixture->sim = mr_test_sim_new ();
  fixture->client = mr_test_client_new (fixture->sim, NULL);

  /* one application for the whole program, as in the real one */
  fixture->app = g_object_ref (app);
  g_settings_reset (mr_application_get_settings (app), "last-order-type");
  mr_application_set_client (fixture->app, fixture->client, TRUE);

  fixture->window = mr_ui_open_window (fixture->app);
}

void
mr_ui_window_fixture_tear_down (MrUiWindowFixture *fixture)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  mr_ui_wait_frames (50);

  mr_application_set_client (fixture->app, NULL, TRUE);
  g_clear_object (&fixture->app);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sim);

  g_remove (fixture->draft_path);
  g_rmdir (fixture->tmpdir);
  g_free (fixture->draft_path);
  g_free (fixture->tmpdir);
}

MrCents
mr_ui_price_from_file (const char *member,
                       const char *inner)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  MrCents cents = 0;

  json_parser_load_from_file (parser, g_getenv ("MR_SIM_PRICING"), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  if (inner != NULL)
    root = json_object_get_object_member (root, member);
  g_assert_true (mr_money_from_double (json_object_get_double_member (root, inner ? inner : member),
                                       &cents));

  return cents;
}
