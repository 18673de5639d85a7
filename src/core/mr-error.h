/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MR_API_ERROR (mr_api_error_quark ())

/* One domain for every way a call to the API can fail. The server's own
 * message, when there is one, is the GError message; the HTTP status,
 * the server's `error` text and any Retry-After ride along as extended
 * error data (see the getters below). */
typedef enum
{
  MR_API_ERROR_NETWORK,          /* could not connect, connection reset before a reply */
  MR_API_ERROR_TIMEOUT,          /* no reply within the client's timeout */
  MR_API_ERROR_BAD_REQUEST,      /* 400 */
  MR_API_ERROR_UNAUTHORIZED,     /* 401: missing, invalid or revoked key */
  MR_API_ERROR_PAYMENT_REQUIRED, /* 402: no active paid plan */
  MR_API_ERROR_FORBIDDEN,        /* 403: key lacks the scope */
  MR_API_ERROR_NOT_FOUND,        /* 404 */
  MR_API_ERROR_RATE_LIMITED,     /* 429, see mr_api_error_get_retry_after() */
  MR_API_ERROR_SERVER,           /* 5xx */
  MR_API_ERROR_HTTP,             /* any other unexpected status */
  MR_API_ERROR_PARSE,            /* a reply that is not what the contract says */
  MR_API_ERROR_TOO_LARGE,        /* a reply over the client's size cap */
  MR_API_ERROR_INSECURE_URL,     /* http:// to a host that is not loopback, or a bad URL */
  MR_API_ERROR_NOT_PLACED,       /* place refused locally: no valid quote for this revision, already sent */
  MR_API_ERROR_RESULT_UNKNOWN,   /* place: the request left, no trustworthy answer came back */
} MrApiError;

GQuark       mr_api_error_quark                (void);

/* 0 when the error carries no HTTP status */
guint        mr_api_error_get_status           (const GError *error);
/* seconds from a Retry-After header, -1 when there was none */
gint         mr_api_error_get_retry_after      (const GError *error);
/* the `error` field of the server's envelope, or NULL */
const char  *mr_api_error_get_server_error     (const GError *error);
/* `code`/`keyword` of the 400 restricted_domain reply of /domains/similar, or NULL */
const char  *mr_api_error_get_code             (const GError *error);
const char  *mr_api_error_get_keyword          (const GError *error);

GError      *mr_api_error_new_http             (guint        status,
                                                const char  *server_error,
                                                const char  *message,
                                                gint         retry_after,
                                                const char  *code,
                                                const char  *keyword);
void         mr_api_error_set_retry_after      (GError      *error,
                                                gint         retry_after);
MrApiError   mr_api_error_code_for_status      (guint        status);

/* A sentence a user understands, with what to do next (translated). */
char        *mr_api_error_describe             (const GError *error);

G_END_DECLS
