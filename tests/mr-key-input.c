/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>

#include "mr-key-input.h"
#include "mr-test-util.h"

#define FOCUS_WAIT_MS 10000
#define KEY_WAIT_MS   10000
/* at most this many non-blocking main loop turns after a key, for what it
 * set off at once (idle callbacks) */
#define MAX_TURNS     100

static Display *
x_display (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  return gdk_x11_display_get_xdisplay (display);
}

const char *
mr_key_input_unavailable (GtkWidget *window)
{
  GdkDisplay *display = gtk_widget_get_display (window);
  int event_base, error_base, major, minor;

  if (!GDK_IS_X11_DISPLAY (display))
    return "real key input needs the X11 backend (XTest)";

  if (!XTestQueryExtension (gdk_x11_display_get_xdisplay (display),
                            &event_base, &error_base, &major, &minor))
    return "the X server has no XTest extension";

  return NULL;
}

/* key events GDK has delivered to a surface, counted as they go in */
static guint n_key_events;

static gboolean
surface_event_hook (GSignalInvocationHint *hint,
                    guint                  n_params,
                    const GValue          *params,
                    gpointer               data)
{
  GdkEvent *event = n_params > 1 ? g_value_peek_pointer (&params[1]) : NULL;

  if (event != NULL &&
      (gdk_event_get_event_type (event) == GDK_KEY_PRESS ||
       gdk_event_get_event_type (event) == GDK_KEY_RELEASE))
    n_key_events++;

  return TRUE;
}

static void
count_key_events (void)
{
  static gsize hooked;

  if (g_once_init_enter (&hooked))
    {
      g_signal_add_emission_hook (g_signal_lookup ("event", GDK_TYPE_SURFACE), 0,
                                  surface_event_hook, NULL, NULL);
      g_once_init_leave (&hooked, 1);
    }
}

typedef struct
{
  guint until;
} KeyWait;

static gboolean
keys_handled (gpointer data)
{
  KeyWait *wait = data;

  return n_key_events >= wait->until;
}

/* Waits until GTK has handled the @n_sent key events sent since @before
 * (the X server queues them on GDK's connection), then lets what they set
 * off at once run. */
static void
handle_sent (guint before,
             guint n_sent)
{
  Display *dpy = x_display ();
  KeyWait wait = { before + n_sent };

  XSync (dpy, False);
  mr_test_wait_until (keys_handled, &wait, KEY_WAIT_MS);
  for (guint i = 0; i < MAX_TURNS && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
is_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

void
mr_key_input_focus (GtkWindow *window)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  gint64 deadline = g_get_monotonic_time () +
                    (gint64) FOCUS_WAIT_MS * mr_test_timeout_factor () * 1000;

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  count_key_events ();

  /* Xvfb has no window manager to do it: the window takes the focus once
   * the server shows it (before, XSetInputFocus fails) */
  while (!gtk_window_is_active (window) && g_get_monotonic_time () < deadline)
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

      if (surface != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          Display *dpy = gdk_x11_display_get_xdisplay (display);

          gdk_x11_display_error_trap_push (display);
          XRaiseWindow (dpy, gdk_x11_surface_get_xid (surface));
          XSetInputFocus (dpy, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
          gdk_x11_display_error_trap_pop_ignored (display);
        }
      XSync (gdk_x11_display_get_xdisplay (display), False);
      mr_test_spin (20);
    }

  mr_test_wait_until (is_active, window, 100);
}

static KeyCode
key_code (Display  *dpy,
          guint     keyval,
          gboolean *shift)
{
  KeyCode code = XKeysymToKeycode (dpy, keyval);

  if (code == 0)
    g_error ("The keyboard has no key for %s", gdk_keyval_name (keyval));

  *shift = XkbKeycodeToKeysym (dpy, code, 0, 0) != keyval &&
           XkbKeycodeToKeysym (dpy, code, 0, 1) == keyval;
  return code;
}

static guint
send_modifiers (Display         *dpy,
                GdkModifierType  mods,
                gboolean         press)
{
  static const struct { GdkModifierType mask; guint keyval; } keys[] = {
    { GDK_CONTROL_MASK, GDK_KEY_Control_L },
    { GDK_SHIFT_MASK, GDK_KEY_Shift_L },
    { GDK_ALT_MASK, GDK_KEY_Alt_L },
    { GDK_SUPER_MASK, GDK_KEY_Super_L },
  };
  gboolean shift;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (mods & keys[i].mask)
      {
        XTestFakeKeyEvent (dpy, key_code (dpy, keys[i].keyval, &shift), press, CurrentTime);
        n++;
      }

  return n;
}

/* A key tapped as a hand does, the modifiers held around it. The presses
 * and releases go out together: held down until GTK has handled the press
 * (long on a slow machine) the server would repeat the key. */
static void
press_key (guint           keyval,
           GdkModifierType mods)
{
  Display *dpy = x_display ();
  guint before = n_key_events;
  guint n_sent = 2;
  gboolean shift;
  KeyCode code = key_code (dpy, keyval, &shift);

  if (shift)
    mods |= GDK_SHIFT_MASK;

  n_sent += send_modifiers (dpy, mods, TRUE);
  XTestFakeKeyEvent (dpy, code, TRUE, CurrentTime);
  XTestFakeKeyEvent (dpy, code, FALSE, CurrentTime);
  n_sent += send_modifiers (dpy, mods, FALSE);
  handle_sent (before, n_sent);
}

void
mr_key_input_press (const char *accelerator)
{
  guint keyval;
  GdkModifierType mods;

  if (!gtk_accelerator_parse (accelerator, &keyval, &mods) || keyval == 0)
    g_error ("Not a key: %s", accelerator);

  /* "<Shift>z" is typed as Shift and the z key, as a keyboard has it */
  if (mods & GDK_SHIFT_MASK)
    keyval = gdk_keyval_to_lower (keyval);

  press_key (keyval, mods);
}

void
mr_key_input_type (const char *text)
{
  g_return_if_fail (g_utf8_validate (text, -1, NULL));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint keyval = c == '\n' ? GDK_KEY_Return : gdk_unicode_to_keyval (c);

      press_key (keyval, 0);
    }
}
