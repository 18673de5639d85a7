/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-quote-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mr-quote-scheduler.h"

#define DEFAULT_DELAY_MS 300

struct _MrQuoteScheduler
{
  GObject        parent_instance;

  MrApiClient   *client;
  MrOrder       *order;
  GCancellable  *cancellable;
  MrQuote       *quote;
  GError        *error;
  MrQuoteState   state;
  guint          delay;
  guint          timeout_id;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_QUOTE,
  PROP_ERROR,
  PROP_DELAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (MrQuoteState, mr_quote_state,
  G_DEFINE_ENUM_VALUE (MR_QUOTE_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (MR_QUOTE_STATE_QUOTING, "quoting"),
  G_DEFINE_ENUM_VALUE (MR_QUOTE_STATE_FRESH, "fresh"),
  G_DEFINE_ENUM_VALUE (MR_QUOTE_STATE_STALE, "stale"),
  G_DEFINE_ENUM_VALUE (MR_QUOTE_STATE_ERROR, "error"))

G_DEFINE_FINAL_TYPE (MrQuoteScheduler, mr_quote_scheduler, G_TYPE_OBJECT)

static void
set_state (MrQuoteScheduler *self,
           MrQuoteState      state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_quote (MrQuoteScheduler *self,
           MrQuote          *quote)
{
  if (self->quote == quote)
    return;

  g_clear_pointer (&self->quote, mr_quote_unref);
  if (quote != NULL)
    self->quote = mr_quote_ref (quote);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUOTE]);
}

static void
set_error (MrQuoteScheduler *self,
           const GError     *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
cancel_request (MrQuoteScheduler *self)
{
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
}

static gboolean
order_is_empty (MrQuoteScheduler *self)
{
  return self->order == NULL || mr_order_get_n_items (self->order) == 0;
}

/* The state while a new quote is awaited */
static MrQuoteState
waiting_state (MrQuoteScheduler *self)
{
  return self->quote != NULL ? MR_QUOTE_STATE_STALE : MR_QUOTE_STATE_QUOTING;
}

static void
simulate_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  MrQuoteScheduler *self;
  g_autoptr(MrQuote) quote = NULL;
  g_autoptr(GError) error = NULL;

  quote = mr_api_client_simulate_order_finish (MR_API_CLIENT (source), result, &error);

  /* Cancelled: superseded, or the scheduler is gone; @user_data may be freed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MR_QUOTE_SCHEDULER (user_data);
  g_clear_object (&self->cancellable);

  if (quote != NULL && quote->revision != mr_order_get_revision (self->order))
    {
      g_debug ("Dropping a quote for revision %" G_GUINT64_FORMAT, quote->revision);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (quote != NULL)
    {
      set_quote (self, quote);
      set_error (self, NULL);
      set_state (self, MR_QUOTE_STATE_FRESH);
    }
  else
    {
      set_error (self, error);
      set_state (self, MR_QUOTE_STATE_ERROR);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
send_request (MrQuoteScheduler *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  cancel_request (self);

  if (order_is_empty (self) || self->client == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  mr_api_client_simulate_order_async (self->client,
                                      self->order,
                                      self->cancellable,
                                      simulate_cb,
                                      self);
}

static gboolean
delay_elapsed_cb (gpointer user_data)
{
  MrQuoteScheduler *self = user_data;

  self->timeout_id = 0;
  send_request (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (MrQuoteScheduler *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  cancel_request (self);

  g_object_freeze_notify (G_OBJECT (self));

  if (order_is_empty (self))
    {
      set_quote (self, NULL);
      set_error (self, NULL);
      set_state (self, MR_QUOTE_STATE_IDLE);
    }
  else
    {
      set_error (self, NULL);
      set_state (self, waiting_state (self));
      self->timeout_id = g_timeout_add (self->delay, delay_elapsed_cb, self);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
order_changed_cb (MrQuoteScheduler *self,
                  MrOrder          *order)
{
  schedule (self);
}

static void
mr_quote_scheduler_dispose (GObject *object)
{
  MrQuoteScheduler *self = (MrQuoteScheduler *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  cancel_request (self);

  if (self->order != NULL)
    g_signal_handlers_disconnect_by_data (self->order, self);
  g_clear_object (&self->order);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (mr_quote_scheduler_parent_class)->dispose (object);
}

static void
mr_quote_scheduler_finalize (GObject *object)
{
  MrQuoteScheduler *self = (MrQuoteScheduler *)object;

  g_clear_pointer (&self->quote, mr_quote_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (mr_quote_scheduler_parent_class)->finalize (object);
}

static void
mr_quote_scheduler_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MrQuoteScheduler *self = MR_QUOTE_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_QUOTE:
      g_value_set_boxed (value, self->quote);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_DELAY:
      g_value_set_uint (value, self->delay);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_quote_scheduler_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MrQuoteScheduler *self = MR_QUOTE_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_DELAY:
      mr_quote_scheduler_set_delay (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_quote_scheduler_class_init (MrQuoteSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_quote_scheduler_dispose;
  object_class->finalize = mr_quote_scheduler_finalize;
  object_class->get_property = mr_quote_scheduler_get_property;
  object_class->set_property = mr_quote_scheduler_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MR_TYPE_QUOTE_STATE,
                       MR_QUOTE_STATE_IDLE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_QUOTE] =
    g_param_spec_boxed ("quote", NULL, NULL,
                        MR_TYPE_QUOTE,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_DELAY_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mr_quote_scheduler_init (MrQuoteScheduler *self)
{
  self->delay = DEFAULT_DELAY_MS;
  self->state = MR_QUOTE_STATE_IDLE;
}

MrQuoteScheduler *
mr_quote_scheduler_new (MrApiClient *client,
                        MrOrder     *order)
{
  MrQuoteScheduler *self;

  g_return_val_if_fail (!client || MR_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (MR_IS_ORDER (order), NULL);

  self = g_object_new (MR_TYPE_QUOTE_SCHEDULER, NULL);
  self->client = client != NULL ? g_object_ref (client) : NULL;
  self->order = g_object_ref (order);
  g_signal_connect_object (order, "changed",
                           G_CALLBACK (order_changed_cb), self,
                           G_CONNECT_SWAPPED);

  if (!order_is_empty (self))
    schedule (self);

  return self;
}

MrQuoteState
mr_quote_scheduler_get_state (MrQuoteScheduler *self)
{
  g_return_val_if_fail (MR_IS_QUOTE_SCHEDULER (self), MR_QUOTE_STATE_IDLE);

  return self->state;
}

MrQuote *
mr_quote_scheduler_get_quote (MrQuoteScheduler *self)
{
  g_return_val_if_fail (MR_IS_QUOTE_SCHEDULER (self), NULL);

  return self->quote;
}

MrQuote *
mr_quote_scheduler_get_fresh_quote (MrQuoteScheduler *self)
{
  g_return_val_if_fail (MR_IS_QUOTE_SCHEDULER (self), NULL);

  if (self->quote == NULL || self->order == NULL)
    return NULL;

  if (self->quote->revision != mr_order_get_revision (self->order))
    return NULL;

  return self->quote;
}

const GError *
mr_quote_scheduler_get_error (MrQuoteScheduler *self)
{
  g_return_val_if_fail (MR_IS_QUOTE_SCHEDULER (self), NULL);

  return self->error;
}

void
mr_quote_scheduler_set_delay (MrQuoteScheduler *self,
                              guint             delay_ms)
{
  g_return_if_fail (MR_IS_QUOTE_SCHEDULER (self));

  if (self->delay == delay_ms)
    return;

  self->delay = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
}

void
mr_quote_scheduler_refresh (MrQuoteScheduler *self)
{
  g_return_if_fail (MR_IS_QUOTE_SCHEDULER (self));

  if (self->order == NULL)
    return;

  schedule (self);
  if (self->timeout_id != 0)
    send_request (self);
}

void
mr_quote_scheduler_quote_now (MrQuoteScheduler *self)
{
  g_return_if_fail (MR_IS_QUOTE_SCHEDULER (self));

  /* only a quote that waits for edits to settle: one in flight or a
   * fresh one is already what the order needs */
  if (self->timeout_id != 0)
    send_request (self);
}

void
mr_quote_scheduler_set_client (MrQuoteScheduler *self,
                               MrApiClient      *client)
{
  g_return_if_fail (MR_IS_QUOTE_SCHEDULER (self));
  g_return_if_fail (!client || MR_IS_API_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  /* Prices may differ between servers: the old quote says nothing now. */
  set_quote (self, NULL);

  if (self->order != NULL)
    schedule (self);
}
