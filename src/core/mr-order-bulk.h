/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-order.h"

G_BEGIN_DECLS

/* Bulk edits of many domains of an order at once. Each operation is one
 * change of the order (one revision bump, so one quote request) and
 * returns a report of what it did and of everything it left out, and why:
 * nothing is dropped in silence. */

typedef enum
{
  MR_ADDRESS_PATTERN_FIRST,            /* jane */
  MR_ADDRESS_PATTERN_FIRST_DOT_LAST,   /* jane.doe */
  MR_ADDRESS_PATTERN_FIRSTLAST,        /* janedoe */
  MR_ADDRESS_PATTERN_F_DOT_LAST,       /* j.doe */
  MR_ADDRESS_PATTERN_FIRST_DOT_L,      /* jane.d */
} MrAddressPattern;

#define MR_TYPE_ADDRESS_PATTERN (mr_address_pattern_get_type ())
GType        mr_address_pattern_get_type    (void);
/* "first.last": the pattern written with the example names */
const char  *mr_address_pattern_to_string   (MrAddressPattern  pattern);
gboolean     mr_address_pattern_from_string (const char       *str,
                                             MrAddressPattern *out_pattern);
/* The address prefix for a person: ASCII-folded ("Zoë" -> "zoe"), only
 * a-z 0-9 . -, at most 64 characters; "" when the names have no letters
 * or digits that fold to ASCII. */
char        *mr_address_pattern_apply       (MrAddressPattern  pattern,
                                             const char       *first_name,
                                             const char       *last_name);

typedef struct
{
  char *what;      /* the domain, name or line it is about */
  char *reason;    /* translated sentence */
  char *who;       /* the person, when it is about a person on a domain, else NULL */
  char *domain;    /* that domain, else NULL */
} MrBulkSkip;

typedef struct
{
  guint      n_domains;    /* domains changed */
  guint      n_added;      /* mailboxes added */
  guint      n_removed;    /* domains removed */
  GPtrArray *skipped;      /* MrBulkSkip*, in the order met */
} MrBulkReport;

MrBulkReport *mr_bulk_report_new        (void);
void          mr_bulk_report_free       (MrBulkReport *report);
void          mr_bulk_report_add_skip   (MrBulkReport *report,
                                         const char   *what,
                                         const char   *reason);
/* one translated sentence: "Added 100 mailboxes to 50 domains; 2 left out." */
/* a person left out of a domain: what = "Jane Doe (acme.com)" */
void          mr_bulk_report_add_skip_for (MrBulkReport *report,
                                           const char   *who,
                                           const char   *domain,
                                           const char   *reason);
char         *mr_bulk_report_describe   (MrBulkReport *report);
/* adds what @from did and left out to @into (several operations that
 * were one change) */
void          mr_bulk_report_merge      (MrBulkReport *into,
                                         MrBulkReport *from);

typedef struct
{
  char *first_name;
  char *last_name;
} MrPerson;

void          mr_person_free            (MrPerson     *person);

/* "Jane Doe, John Smith", or one person per line (also ; and tabs).
 * The first word is the first name, the rest the last name. Returns the
 * people (MrPerson*), each once; a name without a last name, or a person
 * listed twice, goes to @report's skipped list (when @report is given). */
GPtrArray    *mr_people_parse           (const char   *text,
                                         MrBulkReport *report);

/* The operations: @items are MrOrderItem* of @order (NULL: all of them). */
MrBulkReport *mr_order_bulk_set_provider   (MrOrder          *order,
                                            GPtrArray        *items,
                                            MrEmailProvider   provider);
MrBulkReport *mr_order_bulk_set_forwarding (MrOrder          *order,
                                            GPtrArray        *items,
                                            const char       *forwarding_domain);
/* Adds each person to each domain with @pattern. A person already on the
 * domain (same names) is skipped; an address already taken there gets a
 * number ("jane.doe2"); a full domain keeps the people that do not fit
 * in the report. */
MrBulkReport *mr_order_bulk_add_people     (MrOrder          *order,
                                            GPtrArray        *items,
                                            GPtrArray        *people,
                                            MrAddressPattern  pattern);
/* Adds mailboxes until each domain has @n_accounts (at most the
 * provider's maximum), cycling through @people with numbered addresses
 * ("jane.doe", "john.smith", "jane.doe2", ...). With no people, the
 * domain's own first mailbox's names are used. For Microsoft this makes
 * 50 to 100 mailboxes per domain from a few names. */
MrBulkReport *mr_order_bulk_fill           (MrOrder          *order,
                                            GPtrArray        *items,
                                            GPtrArray        *people,
                                            MrAddressPattern  pattern,
                                            guint             n_accounts);
MrBulkReport *mr_order_bulk_remove         (MrOrder          *order,
                                            GPtrArray        *items);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrBulkReport, mr_bulk_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrPerson, mr_person_free)

G_END_DECLS
