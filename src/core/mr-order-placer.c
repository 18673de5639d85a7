/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-order-placer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mr-order-placer.h"

struct _MrOrderPlacer
{
  GObject       parent_instance;

  MrApiClient  *client;
  MrOrder      *order;
  MrPlaceState  state;
  gboolean      sent;
};

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (MrPlaceState, mr_place_state,
  G_DEFINE_ENUM_VALUE (MR_PLACE_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (MR_PLACE_STATE_SENDING, "sending"),
  G_DEFINE_ENUM_VALUE (MR_PLACE_STATE_PLACED, "placed"),
  G_DEFINE_ENUM_VALUE (MR_PLACE_STATE_REJECTED, "rejected"),
  G_DEFINE_ENUM_VALUE (MR_PLACE_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (MR_PLACE_STATE_UNKNOWN, "unknown"))

G_DEFINE_FINAL_TYPE (MrOrderPlacer, mr_order_placer, G_TYPE_OBJECT)

static void
set_state (MrOrderPlacer *self,
           MrPlaceState   state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* NULL when @quote allows placing the order as it is now */
static GError *
check_quote (MrOrderPlacer *self,
             MrQuote       *quote)
{
  g_autofree char *reason = NULL;

  if (quote == NULL)
    return g_error_new_literal (MR_API_ERROR, MR_API_ERROR_NOT_PLACED,
                                _("There is no price for this order yet. "
                                  "Wait for the price before placing it."));

  if (!quote->simulation)
    return g_error_new_literal (MR_API_ERROR, MR_API_ERROR_NOT_PLACED,
                                _("The price shown is not a preview. "
                                  "Wait for a new price before placing the order."));

  if (quote->revision != mr_order_get_revision (self->order))
    return g_error_new_literal (MR_API_ERROR, MR_API_ERROR_NOT_PLACED,
                                _("The order changed since its price was shown. "
                                  "Wait for the new price before placing it."));

  if (!mr_quote_allows_placing (quote, &reason))
    return g_error_new (MR_API_ERROR, MR_API_ERROR_NOT_PLACED,
                        _("The order has problems that must be fixed before it can be placed: %s"),
                        reason);

  return NULL;
}

static void
place_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MrOrderPlacer *self = g_task_get_source_object (task);
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(GError) error = NULL;

  quote = mr_api_client_place_order_finish (MR_API_CLIENT (source), result, &error);
  mr_api_result_set_reply (task, mr_api_result_get_reply (result));

  if (quote != NULL)
    {
      set_state (self, quote->order_placed ? MR_PLACE_STATE_PLACED : MR_PLACE_STATE_REJECTED);
      g_task_return_pointer (task, g_steal_pointer (&quote), (GDestroyNotify) mr_quote_unref);
      return;
    }

  if (g_error_matches (error, MR_API_ERROR, MR_API_ERROR_RESULT_UNKNOWN))
    set_state (self, MR_PLACE_STATE_UNKNOWN);
  else
    set_state (self, MR_PLACE_STATE_FAILED);

  g_task_return_error (task, g_steal_pointer (&error));
}

static void
mr_order_placer_dispose (GObject *object)
{
  MrOrderPlacer *self = (MrOrderPlacer *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->order);

  G_OBJECT_CLASS (mr_order_placer_parent_class)->dispose (object);
}

static void
mr_order_placer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MrOrderPlacer *self = MR_ORDER_PLACER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_order_placer_class_init (MrOrderPlacerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_order_placer_dispose;
  object_class->get_property = mr_order_placer_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MR_TYPE_PLACE_STATE,
                       MR_PLACE_STATE_READY,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mr_order_placer_init (MrOrderPlacer *self)
{
  self->state = MR_PLACE_STATE_READY;
}

MrOrderPlacer *
mr_order_placer_new (MrApiClient *client,
                     MrOrder     *order)
{
  MrOrderPlacer *self;

  g_return_val_if_fail (MR_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (MR_IS_ORDER (order), NULL);

  self = g_object_new (MR_TYPE_ORDER_PLACER, NULL);
  self->client = g_object_ref (client);
  self->order = g_object_ref (order);

  return self;
}

MrPlaceState
mr_order_placer_get_state (MrOrderPlacer *self)
{
  g_return_val_if_fail (MR_IS_ORDER_PLACER (self), MR_PLACE_STATE_READY);

  return self->state;
}

void
mr_order_placer_place_async (MrOrderPlacer       *self,
                             MrQuote             *quote,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MR_IS_ORDER_PLACER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mr_order_placer_place_async);
  /* once sent, the outcome must reach the caller even if it cancelled */
  g_task_set_check_cancellable (task, FALSE);

  if (self->sent)
    {
      /* the state stays what the one attempt gave */
      g_task_return_new_error (task, MR_API_ERROR, MR_API_ERROR_NOT_PLACED,
                               _("This order was already sent. Check the order list "
                                 "before placing it again."));
      return;
    }

  error = check_quote (self, quote);
  if (error != NULL)
    {
      set_state (self, MR_PLACE_STATE_FAILED);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_cancellable_is_cancelled (cancellable))
    {
      set_state (self, MR_PLACE_STATE_FAILED);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Operation was cancelled"));
      return;
    }

  self->sent = TRUE;
  set_state (self, MR_PLACE_STATE_SENDING);

  mr_api_client_place_order_async (self->client,
                                   self->order,
                                   cancellable,
                                   place_cb,
                                   g_steal_pointer (&task));
}

MrQuote *
mr_order_placer_place_finish (MrOrderPlacer  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (MR_IS_ORDER_PLACER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mr_order_placer_place_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
