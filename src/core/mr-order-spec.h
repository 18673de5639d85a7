/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-order.h"
#include "mr-types.h"

G_BEGIN_DECLS

/* An order as an order file holds it, in plain structs: what
 * `mailroom-cli quote` needs to check an order and send it, without an
 * object per domain and mailbox. Every text is exactly as written (NULL
 * only for an absent or null forwarding_domain) and lives as long as the
 * spec. Read with mr_json_parse_order_spec() or mr_order_file_load_spec();
 * mr_order_spec_to_order() makes the MrOrder the same file reads as. */

typedef struct
{
  const char *email_address_prefix;
  const char *first_name;
  const char *last_name;
} MrOrderSpecAccount;

typedef struct
{
  const char               *domain;
  const char               *forwarding_domain;
  MrEmailProvider           email_provider;
  guint                     n_accounts;
  const MrOrderSpecAccount *accounts;
} MrOrderSpecItem;

typedef struct _MrOrderSpec MrOrderSpec;

struct _MrOrderSpec
{
  MrOrderType         order_type;
  guint               n_items;
  MrOrderSpecItem    *items;

  /*< private >*/
  MrOrderSpecAccount *accounts;
  gpointer            document;
};

void      mr_order_spec_free          (MrOrderSpec  *spec);
MrOrder  *mr_order_spec_to_order      (MrOrderSpec  *spec);

/* The request body mr_json_order_request() writes for the same order,
 * when the order passes mr_order_validate() without a problem; each
 * domain is normalised once, for both. NULL when it may not pass: then
 * validate mr_order_spec_to_order() for the problems. */
char     *mr_order_spec_write_request (MrOrderSpec  *spec,
                                       gboolean      simulation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrOrderSpec, mr_order_spec_free)

G_END_DECLS
