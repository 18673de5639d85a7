/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mailroom-core.h"
#include "mr-application.h"

G_BEGIN_DECLS

#define MR_TYPE_WINDOW (mr_window_get_type ())
G_DECLARE_FINAL_TYPE (MrWindow, mr_window, MR, WINDOW, AdwApplicationWindow)

/* The ordering window. It uses the client of @app ("client" property,
 * followed when it changes) and keeps its draft in $MR_DRAFT_PATH or
 * mr_draft_store_default_path(). */
MrWindow         *mr_window_new            (MrApplication *app);
MrOrderSession   *mr_window_get_session    (MrWindow      *self);
MrOrder          *mr_window_get_order      (MrWindow      *self);
MrQuoteScheduler *mr_window_get_scheduler  (MrWindow      *self);
MrDomainChecker  *mr_window_get_checker    (MrWindow      *self);
/* write the draft now if a save is pending */
void              mr_window_flush_draft    (MrWindow      *self);

G_END_DECLS
