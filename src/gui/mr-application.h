/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mailroom-core.h"
#include "mr-sim-thread.h"

G_BEGIN_DECLS

#define MR_TYPE_APPLICATION (mr_application_get_type ())
G_DECLARE_FINAL_TYPE (MrApplication, mr_application, MR, APPLICATION, AdwApplication)

/* The app owns the API client every window uses. Properties (notify):
 * "client" (MrApiClient, NULL until the key lookup finished),
 * "demo-mode" (TRUE when the client talks to the in-process simulator),
 * "demo-reason" (a sentence for the user when demo mode runs although the
 * settings ask for the real server, e.g. no API key; NULL otherwise),
 * "settings" (GSettings, construct-only, NULL: the app's schema). */
MrApplication *mr_application_new           (void);
MrApiClient   *mr_application_get_client    (MrApplication *self);
gboolean       mr_application_get_demo_mode (MrApplication *self);
const char    *mr_application_get_demo_reason (MrApplication *self);
/* the in-process simulator in demo mode, on its own thread, else NULL */
MrSimThread   *mr_application_get_sim       (MrApplication *self);
GSettings     *mr_application_get_settings  (MrApplication *self);
/* Use @client instead of looking up a key (tests, or after the
 * preferences changed). No key lookup happens afterwards. */
void           mr_application_set_client    (MrApplication *self,
                                             MrApiClient   *client,
                                             gboolean       demo_mode);
/* Rebuild the client from the settings and the keyring. */
void           mr_application_reload_client (MrApplication *self);

G_END_DECLS
