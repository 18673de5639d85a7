/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Asks before mailboxes are cancelled: names each address and says what the
 * API contract warns of (their Unibox emails and conversations are deleted
 * for good). Responses "keep" (default, close) and "cancel" (destructive). */
AdwMessageDialog   *mr_cancel_dialog_new        (GtkWindow          *parent,
                                                 const char * const *emails);
/* the addresses the dialog names */
const char * const *mr_cancel_dialog_get_emails (AdwMessageDialog   *dialog);

G_END_DECLS
