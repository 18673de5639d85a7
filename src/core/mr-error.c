/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mr-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mr-error.h"

typedef struct
{
  guint  status;
  gint   retry_after;
  char  *server_error;
  char  *code;
  char  *keyword;
} MrApiErrorPrivate;

static void
mr_api_error_private_init (MrApiErrorPrivate *priv)
{
  priv->status = 0;
  priv->retry_after = -1;
  priv->server_error = NULL;
  priv->code = NULL;
  priv->keyword = NULL;
}

static void
mr_api_error_private_copy (const MrApiErrorPrivate *src,
                           MrApiErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->retry_after = src->retry_after;
  dest->server_error = g_strdup (src->server_error);
  dest->code = g_strdup (src->code);
  dest->keyword = g_strdup (src->keyword);
}

static void
mr_api_error_private_clear (MrApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->server_error, g_free);
  g_clear_pointer (&priv->code, g_free);
  g_clear_pointer (&priv->keyword, g_free);
}

G_DEFINE_EXTENDED_ERROR (MrApiError, mr_api_error)

static const MrApiErrorPrivate *
lookup_private (const GError *error)
{
  if (error == NULL || error->domain != MR_API_ERROR)
    return NULL;

  return mr_api_error_get_private (error);
}

guint
mr_api_error_get_status (const GError *error)
{
  const MrApiErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->status : 0;
}

gint
mr_api_error_get_retry_after (const GError *error)
{
  const MrApiErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->retry_after : -1;
}

const char *
mr_api_error_get_server_error (const GError *error)
{
  const MrApiErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->server_error : NULL;
}

const char *
mr_api_error_get_code (const GError *error)
{
  const MrApiErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->code : NULL;
}

const char *
mr_api_error_get_keyword (const GError *error)
{
  const MrApiErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->keyword : NULL;
}

MrApiError
mr_api_error_code_for_status (guint status)
{
  if (status == 0)
    return MR_API_ERROR_NETWORK;

  switch (status)
    {
    case 400:
      return MR_API_ERROR_BAD_REQUEST;
    case 401:
      return MR_API_ERROR_UNAUTHORIZED;
    case 402:
      return MR_API_ERROR_PAYMENT_REQUIRED;
    case 403:
      return MR_API_ERROR_FORBIDDEN;
    case 404:
      return MR_API_ERROR_NOT_FOUND;
    case 429:
      return MR_API_ERROR_RATE_LIMITED;
    default:
      break;
    }

  if (status >= 500 && status <= 599)
    return MR_API_ERROR_SERVER;

  return MR_API_ERROR_HTTP;
}

GError *
mr_api_error_new_http (guint       status,
                       const char *server_error,
                       const char *message,
                       gint        retry_after,
                       const char *code,
                       const char *keyword)
{
  MrApiErrorPrivate *priv;
  GError *error;

  if (message != NULL && message[0] != '\0')
    error = g_error_new_literal (MR_API_ERROR, mr_api_error_code_for_status (status), message);
  else if (server_error != NULL && server_error[0] != '\0')
    error = g_error_new_literal (MR_API_ERROR, mr_api_error_code_for_status (status), server_error);
  else
    error = g_error_new (MR_API_ERROR, mr_api_error_code_for_status (status),
                         _("The server replied with HTTP status %u."), status);

  priv = mr_api_error_get_private (error);
  priv->status = status;
  priv->retry_after = retry_after < 0 ? -1 : retry_after;
  priv->server_error = g_strdup (server_error);
  priv->code = g_strdup (code);
  priv->keyword = g_strdup (keyword);

  return error;
}

void
mr_api_error_set_retry_after (GError *error,
                              gint    retry_after)
{
  MrApiErrorPrivate *priv;

  g_return_if_fail (error != NULL);
  g_return_if_fail (error->domain == MR_API_ERROR);

  priv = mr_api_error_get_private (error);
  priv->retry_after = retry_after < 0 ? -1 : retry_after;
}

static char *
describe_sentence (const GError *error)
{
  guint status = mr_api_error_get_status (error);
  gint retry_after;
  const char *code;
  const char *keyword;

  switch ((MrApiError) error->code)
    {
    case MR_API_ERROR_NETWORK:
      return g_strdup (_("Could not reach Instantly. Check your internet connection, then try again."));

    case MR_API_ERROR_TIMEOUT:
      return g_strdup (_("Instantly did not answer in time. Check your internet connection, then try again."));

    case MR_API_ERROR_BAD_REQUEST:
      code = mr_api_error_get_code (error);
      keyword = mr_api_error_get_keyword (error);
      if (g_strcmp0 (code, "restricted_domain") == 0 && keyword != NULL && keyword[0] != '\0')
        return g_strdup_printf (_("The domain contains the restricted keyword “%s”. Choose a domain without it."),
                                keyword);
      if (g_strcmp0 (code, "restricted_domain") == 0)
        return g_strdup (_("The domain contains a restricted keyword, such as a trademark. Choose another domain."));
      return g_strdup (_("Instantly refused the request as invalid. Check the domains and accounts, then try again."));

    case MR_API_ERROR_UNAUTHORIZED:
      return g_strdup (_("Instantly refused the API key: it is wrong or has been revoked. Check the key in Preferences."));

    case MR_API_ERROR_PAYMENT_REQUIRED:
      return g_strdup (_("This Instantly workspace needs an active paid plan to order accounts. Activate a plan in Instantly, then try again."));

    case MR_API_ERROR_FORBIDDEN:
      return g_strdup (_("The API key is not allowed to do this: it lacks the dfy_email_account_orders scope. Create a key with that scope and enter it in Preferences."));

    case MR_API_ERROR_NOT_FOUND:
      return g_strdup (_("Instantly could not find what was asked for. Check the server address in Preferences, or try again later."));

    case MR_API_ERROR_RATE_LIMITED:
      retry_after = mr_api_error_get_retry_after (error);
      if (retry_after >= 0)
        return g_strdup_printf (ngettext ("Too many requests were sent to Instantly. Wait %d second, then try again.",
                                          "Too many requests were sent to Instantly. Wait %d seconds, then try again.",
                                          retry_after),
                                retry_after);
      return g_strdup (_("Too many requests were sent to Instantly. Wait a minute, then try again."));

    case MR_API_ERROR_SERVER:
      if (status != 0)
        return g_strdup_printf (_("Instantly had a problem of its own (HTTP %u). Try again in a few minutes."),
                                status);
      return g_strdup (_("Instantly had a problem of its own. Try again in a few minutes."));

    case MR_API_ERROR_HTTP:
      if (status != 0)
        return g_strdup_printf (_("Instantly gave an unexpected answer (HTTP %u). Try again later."), status);
      return g_strdup (_("Instantly gave an unexpected answer. Try again later."));

    case MR_API_ERROR_PARSE:
      return g_strdup (_("Instantly’s reply could not be understood. Try again later; if it keeps happening, Mailroom may need an update."));

    case MR_API_ERROR_TOO_LARGE:
      return g_strdup (_("Instantly’s reply was too large to read. Try again later."));

    case MR_API_ERROR_INSECURE_URL:
      return g_strdup (_("The server address is not safe to send the API key to. Use an https:// address in Preferences."));

    case MR_API_ERROR_NOT_PLACED:
      return g_strdup (_("The order was not sent. Wait for an up-to-date price, then confirm again."));

    case MR_API_ERROR_RESULT_UNKNOWN:
      return g_strdup (_("The order may or may not have been placed: the connection failed after it was sent. Check the orders list before trying again."));

    default:
      break;
    }

  return g_strdup (_("The request to Instantly failed."));
}

char *
mr_api_error_describe (const GError *error)
{
  g_autofree char *sentence = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != MR_API_ERROR)
    return g_strdup (error->message);

  sentence = describe_sentence (error);

  if (error->message == NULL || error->message[0] == '\0' ||
      g_strcmp0 (error->message, sentence) == 0 ||
      g_strcmp0 (error->message, mr_api_error_get_server_error (error)) == 0)
    return g_steal_pointer (&sentence);

  /* Translators: the first %s is a sentence saying what went wrong and
   * what to do, the second is the server's own message */
  return g_strdup_printf (_("%s (%s)"), sentence, error->message);
}
