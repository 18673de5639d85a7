/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-order.h"

G_BEGIN_DECLS

/* Importing domains and mailboxes from a CSV file (or pasted text).
 *
 * Columns: domain, first name, last name, address prefix, and optionally
 * provider and forwarding domain, found by their header under the names
 * other tools export ("Domain", "First Name", "first_name", "Given name",
 * "Email", "Username", "Provider", "Forwarding Domain", ...). Without a
 * header row the columns are taken in that order. A column "Email" holding
 * "jane@acme.com" gives both the prefix and, without a domain column, the
 * domain. Fields may be quoted (RFC 4180, "" inside), lines end in LF or
 * CRLF, a UTF-8 BOM is skipped, and the separator is a comma, semicolon
 * or tab, whichever the first line uses. */

typedef struct
{
  guint  line;     /* 1-based line the row starts on */
  char  *text;     /* the row as read, fields joined by the separator */
  char  *reason;   /* translated */
} MrCsvBadRow;

typedef struct
{
  guint      n_rows;        /* data rows read (blank lines not counted) */
  guint      n_domains;     /* domains added to the order */
  guint      n_accounts;    /* mailboxes added to the order */
  GPtrArray *bad_rows;      /* MrCsvBadRow*, by line */
} MrCsvReport;

void         mr_csv_report_free        (MrCsvReport  *report);
/* "Line 4: the domain “acme” is not valid: …", one per line */
char        *mr_csv_report_format_bad  (MrCsvReport  *report);

/* Adds the rows of @data to @order as one change: new domains at the end,
 * mailboxes of a domain already in the order added to it. Every good row
 * is kept; each bad row is in the report with its line and why. Returns
 * NULL with an error only when nothing can be read at all (not text, no
 * rows). */
MrCsvReport *mr_order_csv_import       (MrOrder      *order,
                                        const char   *data,
                                        gssize        length,
                                        GError      **error);

/* TRUE when pasted @text is a table of mailboxes rather than a plain
 * list of domains: some line has several fields and one of them is not
 * a domain name. */
gboolean     mr_order_csv_looks_like_table (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrCsvReport, mr_csv_report_free)

G_END_DECLS
