/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mailroom-core.h"

G_BEGIN_DECLS

typedef enum
{
  MR_RESULT_NONE,
  MR_RESULT_PLACED,
  MR_RESULT_CHECKOUT,        /* finished in the browser */
  MR_RESULT_UNKNOWN,         /* checking the orders list */
  MR_RESULT_UNKNOWN_FOUND,   /* the domains appear in the orders list */
  MR_RESULT_UNKNOWN_MISSING, /* they do not: most likely not placed */
  MR_RESULT_UNKNOWN_FAILED,  /* the orders list could not be read either */
} MrResultKind;

#define MR_TYPE_RESULT_PAGE (mr_result_page_get_type ())
G_DECLARE_FINAL_TYPE (MrResultPage, mr_result_page, MR, RESULT_PAGE, GtkWidget)

/* What happened to a placed order. Its buttons activate win.new-order,
 * win.back-to-order, win.show-orders and win.open-checkout. */
GtkWidget    *mr_result_page_new       (void);
void          mr_result_page_show      (MrResultPage *self,
                                        MrResultKind  kind,
                                        MrOrder      *order,
                                        const char   *detail);
MrResultKind  mr_result_page_get_kind  (MrResultPage *self);
const char   *mr_result_page_get_title (MrResultPage *self);
const char   *mr_result_page_get_description (MrResultPage *self);
/* the checkout page "Open Checkout Again" opens (win.open-checkout);
 * NULL unless the kind is MR_RESULT_CHECKOUT */
const char   *mr_result_page_get_checkout_url (MrResultPage *self);
/* Puts the keyboard on the main way on (after placing): the first action
 * shown, the suggested one */
void          mr_result_page_focus_first_action (MrResultPage *self);

G_END_DECLS
