/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

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

char *
mr_ui_collect_text (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = mr_ui_find_all (root, GTK_TYPE_LABEL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (!gtk_widget_is_visible (label))
        continue;

      g_string_append (text, gtk_label_get_text (GTK_LABEL (label)));
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

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

void
mr_ui_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("MR_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL || *dir == '\0')
    return;

  g_mkdir_with_parents (dir, 0755);
  use_gnome_font ();
  mr_ui_wait_frames (300);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}
