/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-order-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mr-order-session-private.h"

#include "mr-error.h"
#include "mr-placement-check.h"

static void
set_server_problems (MrOrderSession *self,
                     GPtrArray      *problems)
{
  g_clear_pointer (&self->server_problems, g_ptr_array_unref);
  if (problems != NULL)
    self->server_problems = g_ptr_array_ref (problems);
  self->server_problems_revision = mr_order_get_revision (self->order);
}

typedef struct
{
  MrQuote *reply;
} PlaceData;

static void
place_data_free (PlaceData *data)
{
  g_clear_pointer (&data->reply, mr_quote_unref);
  g_free (data);
}

static void
order_done (MrOrderSession *self,
            MrPlaceOutcome  outcome)
{
  gboolean could_undo = mr_order_session_get_can_undo (self);
  gboolean could_redo = mr_order_session_get_can_redo (self);

  g_clear_object (&self->placed_order);
  self->placed_order = mr_order_copy (self->quoted);
  _mr_order_session_notify (self, PROP_PLACED_ORDER);

  _mr_order_session_forget_attempt (self);

  /* a placed order is not undone into another one */
  self->restoring = TRUE;
  mr_order_remove_all (self->order);
  self->restoring = FALSE;
  mr_undo_stack_clear (self->history);
  _mr_order_session_notify_history (self, could_undo, could_redo);

  mr_order_session_flush_draft (self);

  if (self->checker != NULL)
    mr_domain_checker_invalidate (self->checker);

  _mr_order_session_set_phase (self, MR_ORDER_PHASE_DONE, outcome);
}

/* the unknown result: is the order in the server's lists? */
static void
check_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MrOrderSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  switch (mr_placement_check_finish (result, &error))
    {
    case MR_PLACEMENT_FOUND:
      order_done (self, MR_PLACE_OUTCOME_UNKNOWN_FOUND);
      g_task_return_int (task, MR_PLACE_OUTCOME_UNKNOWN_FOUND);
      break;

    case MR_PLACEMENT_MISSING:
      _mr_order_session_set_phase (self, MR_ORDER_PHASE_DONE, MR_PLACE_OUTCOME_UNKNOWN_MISSING);
      g_task_return_int (task, MR_PLACE_OUTCOME_UNKNOWN_MISSING);
      break;

    case MR_PLACEMENT_UNREAD:
    default:
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          break;
        }

      g_clear_pointer (&self->outcome_detail, g_free);
      self->outcome_detail = mr_api_error_describe (error);
      _mr_order_session_set_phase (self, MR_ORDER_PHASE_DONE, MR_PLACE_OUTCOME_UNKNOWN_FAILED);
      g_task_return_int (task, MR_PLACE_OUTCOME_UNKNOWN_FAILED);
      break;
    }
}

gboolean
mr_checkout_url_is_safe (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  return g_ascii_strcasecmp (scheme, "http") == 0 && mr_api_url_is_loopback (url);
}

gboolean
mr_checkout_url_check (const char  *url,
                       GError     **error)
{
  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, MR_API_ERROR, MR_API_ERROR_NOT_PLACED,
                           _("The server asks for a checkout step but sent no address to "
                             "open. Finish the order on Instantly’s website."));
      return FALSE;
    }

  if (!mr_checkout_url_is_safe (url))
    {
      g_set_error_literal (error, MR_API_ERROR, MR_API_ERROR_NOT_PLACED,
                           _("The server sent a checkout address that is not a secure web "
                             "page, so it was not opened. Finish the order on Instantly’s "
                             "website."));
      return FALSE;
    }

  return TRUE;
}

gboolean
mr_order_session_take_checkout (MrOrderSession  *self,
                                const char      *url,
                                GError         **error)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  if (!mr_checkout_url_check (url, error))
    return FALSE;

  g_free (self->checkout_url);
  self->checkout_url = g_strdup (url);
  _mr_order_session_notify (self, PROP_CHECKOUT_URL);

  /* finished in the browser: this revision is not placed again from here */
  self->checkout_sent = TRUE;
  self->checkout_revision = mr_order_get_revision (self->order);
  _mr_order_session_set_phase (self, MR_ORDER_PHASE_DONE, MR_PLACE_OUTCOME_CHECKOUT);

  return TRUE;
}

static char *
describe_rejection (MrQuote *reply)
{
  g_autofree char *error = NULL;
  g_autofree char *payment = NULL;

  if (reply == NULL)
    return g_strdup (_("The server did not place the order and gave no reason."));

  if (reply->order_error != MR_ORDER_ERROR_NONE)
    error = mr_order_error_describe (reply->order_error);
  if (reply->payment_failure_reason != MR_PAYMENT_FAILURE_NONE)
    payment = mr_payment_failure_describe (reply->payment_failure_reason);

  /* the payment sentence says more than "the payment failed" */
  if (payment != NULL)
    return g_steal_pointer (&payment);
  if (error != NULL)
    return g_steal_pointer (&error);

  return g_strdup (_("The server did not place the order and gave no reason."));
}

static void
return_failure (GTask          *task,
                MrPlaceOutcome  outcome,
                char           *message)
{
  MrOrderSession *self = g_task_get_source_object (task);

  _mr_order_session_set_phase (self, MR_ORDER_PHASE_EDITING, outcome);
  g_task_return_new_error (task, MR_API_ERROR, MR_API_ERROR_NOT_PLACED, "%s", message);
  g_free (message);
}

static void
place_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MrOrderSession *self = g_task_get_source_object (task);
  PlaceData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrQuote) reply = NULL;
  GError *checkout_error = NULL;
  MrPlaceState state;

  reply = mr_order_placer_place_finish (MR_ORDER_PLACER (source), result, &error);
  state = mr_order_placer_get_state (MR_ORDER_PLACER (source));
  /* the server's own bytes stay available to the caller (--json) */
  mr_api_result_set_reply (task, mr_api_result_get_reply (result));

  /* The placer reports even after a cancel: the session was closed. A
   * placed order must not come back as the next draft. */
  if (self->closed)
    {
      if (state == MR_PLACE_STATE_PLACED)
        _mr_order_session_save_empty_draft (self);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("Operation was cancelled"));
      return;
    }

  g_clear_pointer (&self->last_reply, mr_quote_unref);
  if (reply != NULL)
    {
      self->last_reply = mr_quote_ref (reply);
      data->reply = mr_quote_ref (reply);
    }

  if (error != NULL && g_error_matches (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN))
    state = MR_PLACE_STATE_UNKNOWN;

  switch (state)
    {
    case MR_PLACE_STATE_PLACED:
    case MR_PLACE_STATE_REJECTED:
      /* not placed yet, or not quite: it is paid for on a hosted checkout
       * page, and it is never sent again from here */
      if (reply != NULL && reply->checkout_required)
        {
          if (mr_order_session_take_checkout (self, reply->checkout_url, &checkout_error))
            g_task_return_int (task, MR_PLACE_OUTCOME_CHECKOUT);
          else
            {
              _mr_order_session_set_phase (self, MR_ORDER_PHASE_EDITING, MR_PLACE_OUTCOME_CHECKOUT);
              g_task_return_error (task, checkout_error);
            }
        }
      else if (state == MR_PLACE_STATE_PLACED)
        {
          order_done (self, MR_PLACE_OUTCOME_PLACED);
          g_task_return_int (task, MR_PLACE_OUTCOME_PLACED);
        }
      else
        {
          g_autoptr(GPtrArray) problems = mr_quote_collect_problems (reply);

          set_server_problems (self, problems);
          _mr_order_session_rebuild_problems (self);
          return_failure (task, MR_PLACE_OUTCOME_REJECTED, describe_rejection (reply));
        }
      break;

    case MR_PLACE_STATE_UNKNOWN:
      _mr_order_session_set_attempt_unknown (self, TRUE);
      _mr_order_session_set_phase (self, MR_ORDER_PHASE_CHECKING, MR_PLACE_OUTCOME_NONE);
      mr_placement_check_async (self->client, self->quoted, self->cancellable,
                                check_cb, g_steal_pointer (&task));
      break;

    case MR_PLACE_STATE_FAILED:
    case MR_PLACE_STATE_READY:
    case MR_PLACE_STATE_SENDING:
    default:
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return_failure (task, MR_PLACE_OUTCOME_FAILED, mr_api_error_describe (error));
      else if (error != NULL)
        {
          _mr_order_session_set_phase (self, MR_ORDER_PHASE_EDITING, MR_PLACE_OUTCOME_NONE);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      else
        return_failure (task, MR_PLACE_OUTCOME_FAILED, describe_rejection (reply));
      break;
    }
}

gboolean
mr_order_session_quote_is_current (MrOrderSession *self,
                                   MrQuote        *quote)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);

  return quote != NULL &&
         self->sync_id == 0 &&
         quote->revision == mr_order_get_revision (self->quoted);
}

void
mr_order_session_place_async (MrOrderSession      *self,
                              MrQuote             *quote,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MR_IS_ORDER_SESSION (self));
  g_return_if_fail (quote != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, mr_order_session_place_async);
  g_task_set_task_data (task, g_new0 (PlaceData, 1), (GDestroyNotify) place_data_free);

  if (self->phase == MR_ORDER_PHASE_PLACING || self->phase == MR_ORDER_PHASE_CHECKING)
    {
      g_task_return_new_error (task, MR_API_ERROR, MR_API_ERROR_NOT_PLACED, "%s",
                               _("This order is being placed already."));
      return;
    }

  if (self->client == NULL || self->closed)
    {
      g_task_return_new_error (task, MR_API_ERROR, MR_API_ERROR_NOT_PLACED, "%s",
                               _("There is no connection to the server."));
      return;
    }

  if (!mr_order_session_quote_is_current (self, quote))
    {
      g_task_return_new_error (task, MR_API_ERROR, MR_API_ERROR_NOT_PLACED, "%s",
                               _("The order changed. Check the new price, then place it."));
      return;
    }

  if (mr_order_session_get_checkout_blocks (self))
    {
      g_task_return_new_error (task, MR_API_ERROR, MR_API_ERROR_NOT_PLACED, "%s",
                               _("This order went to checkout in your browser. Change it or "
                                 "start a new order to place another."));
      return;
    }

  g_clear_object (&self->placer);
  self->placer = mr_order_placer_new (self->client, self->quoted);
  _mr_order_session_set_phase (self, MR_ORDER_PHASE_PLACING, MR_PLACE_OUTCOME_NONE);

  mr_order_placer_place_async (self->placer, quote, self->cancellable, place_cb,
                               g_steal_pointer (&task));
}

MrPlaceOutcome
mr_order_session_place_finish (MrOrderSession  *self,
                               GAsyncResult    *result,
                               MrQuote        **reply,
                               GError         **error)
{
  PlaceData *data;
  GError *local_error = NULL;
  gssize outcome;

  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), MR_PLACE_OUTCOME_FAILED);
  g_return_val_if_fail (g_task_is_valid (result, self), MR_PLACE_OUTCOME_FAILED);

  data = g_task_get_task_data (G_TASK (result));
  if (reply != NULL)
    *reply = data->reply ? mr_quote_ref (data->reply) : NULL;

  outcome = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      /* a refusal says what; a checkout whose page is unusable stays one */
      return self->outcome != MR_PLACE_OUTCOME_NONE ? self->outcome : MR_PLACE_OUTCOME_FAILED;
    }

  return (MrPlaceOutcome) outcome;
}
