/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mailroom-core.h"
#include "mr-message-dialog.h"

G_BEGIN_DECLS

#define MR_TYPE_CONFIRM_DIALOG (mr_confirm_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MrConfirmDialog, mr_confirm_dialog, MR, CONFIRM_DIALOG, MrMessageDialog)

/* "Place this order?" with what will be charged, to which card. Responses
 * "cancel" and "place", or "cancel" and "checkout" when
 * quote->checkout_required. Enter and Escape answer "cancel". */
MrConfirmDialog *mr_confirm_dialog_new           (GtkWindow       *parent,
                                                  MrQuote         *quote,
                                                  gboolean         demo_mode);
MrQuote         *mr_confirm_dialog_get_quote     (MrConfirmDialog *self);
/* TRUE: an earlier attempt to place this order ended without knowing
 * whether it went through; the dialog warns about placing it again. */
void             mr_confirm_dialog_set_previous_attempt_unknown (MrConfirmDialog *self,
                                                                 gboolean         unknown);
gboolean         mr_confirm_dialog_get_previous_attempt_unknown (MrConfirmDialog *self);
/* "Visa •••• 1234 (John Doe)"; a new string */
char            *mr_confirm_dialog_describe_card (MrQuote         *quote);

G_END_DECLS
