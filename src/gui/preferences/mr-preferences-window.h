/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MR_TYPE_PREFERENCES_WINDOW (mr_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (MrPreferencesWindow, mr_preferences_window, MR, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The API key (kept with MrKeyStore, never in @settings), demo mode and the
 * server URL ("demo-mode", "server-url" in @settings). Emits
 * "credentials-changed" (no arguments) after the key, the server or the
 * mode changed, so that the application can rebuild its client.
 * Widget actions: prefs.test-connection, prefs.remove-key, prefs.reset-server. */
MrPreferencesWindow *mr_preferences_window_new (GtkWindow *parent,
                                                GSettings *settings);

G_END_DECLS
