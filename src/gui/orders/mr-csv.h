/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CSV as RFC 4180 writes it: comma-separated, CRLF line ends, a field in
 * double quotes when it holds a comma, a quote, a line break or leading or
 * trailing blanks, with quotes inside doubled. No GTK here. */

void   mr_csv_append_field    (GString            *out,
                               const char         *field);
void   mr_csv_append_row      (GString            *out,
                               const char * const *fields,
                               gsize               n_fields);

/* The ordered accounts (MrOrderedAccount*) as a CSV document with the
 * header email,first_name,last_name,domain,provider,created,cancelled and,
 * only when @include_passwords, a last column password. Dates are
 * ISO 8601 in UTC with milliseconds, as the API sends them; cancelled is
 * empty for active accounts. */
char  *mr_csv_format_accounts (GPtrArray          *accounts,
                               gboolean            include_passwords);

G_END_DECLS
