/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-problem-index"

#include "config.h"

#include "mr-problem-index.h"

struct _MrProblemIndex
{
  GObject         parent_instance;

  MrOrderSession *session;
  GSignalGroup   *session_signals;
  GHashTable     *by_key;    /* domain key -> GPtrArray of MrProblem (owned refs) */
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  DOMAINS_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MrProblemIndex, mr_problem_index, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* what a row shows of a problem: its rule, its severity and its sentence */
static gboolean
same_problem (const MrProblem *a,
              const MrProblem *b)
{
  return a == b ||
         (mr_problem_equal (a, b) &&
          a->severity == b->severity &&
          a->origin == b->origin &&
          g_strcmp0 (a->message, b->message) == 0);
}

static gboolean
same_problems (GPtrArray *a,
               GPtrArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (!same_problem (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
        return FALSE;
    }

  return TRUE;
}

/* One pass over the model (linear in the problems), then one comparison
 * per domain: only the domains whose shown problems differ are named. */
static void
refresh (MrProblemIndex *self)
{
  g_autoptr(GHashTable) by_key = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GListModel *model = NULL;
  guint n = 0;

  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) g_ptr_array_unref);

  if (self->session != NULL)
    {
      model = mr_order_session_get_problems (self->session);
      n = g_list_model_get_n_items (model);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MrProblem) problem = g_list_model_get_item (model, i);
      GPtrArray *list;

      /* order-wide problems belong to no domain */
      if (problem->key == NULL || !mr_order_session_problem_is_shown (self->session, problem))
        continue;

      list = g_hash_table_lookup (by_key, problem->key);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_key, g_strdup (problem->key), list);
        }
      g_ptr_array_add (list, g_steal_pointer (&problem));
    }

  changed = g_ptr_array_new_with_free_func (g_free);

  g_hash_table_iter_init (&iter, self->by_key);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!same_problems (value, g_hash_table_lookup (by_key, key)))
        g_ptr_array_add (changed, g_strdup (key));
    }

  g_hash_table_iter_init (&iter, by_key);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (self->by_key, key))
        g_ptr_array_add (changed, g_strdup (key));
    }

  g_hash_table_unref (self->by_key);
  self->by_key = g_steal_pointer (&by_key);

  if (changed->len == 0)
    return;

  g_ptr_array_add (changed, NULL);
  g_signal_emit (self, signals[DOMAINS_CHANGED], 0, (const char * const *) changed->pdata);
}

static void
mr_problem_index_dispose (GObject *object)
{
  MrProblemIndex *self = MR_PROBLEM_INDEX (object);

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mr_problem_index_parent_class)->dispose (object);
}

static void
mr_problem_index_finalize (GObject *object)
{
  MrProblemIndex *self = MR_PROBLEM_INDEX (object);

  g_clear_pointer (&self->by_key, g_hash_table_unref);

  G_OBJECT_CLASS (mr_problem_index_parent_class)->finalize (object);
}

static void
mr_problem_index_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MrProblemIndex *self = MR_PROBLEM_INDEX (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_problem_index_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MrProblemIndex *self = MR_PROBLEM_INDEX (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mr_problem_index_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_problem_index_class_init (MrProblemIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mr_problem_index_dispose;
  object_class->finalize = mr_problem_index_finalize;
  object_class->get_property = mr_problem_index_get_property;
  object_class->set_property = mr_problem_index_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MR_TYPE_ORDER_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DOMAINS_CHANGED] =
    g_signal_new ("domains-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRV | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
mr_problem_index_init (MrProblemIndex *self)
{
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);

  /* the session says when its problem model changed, and when what of it
   * is shown changed (a field left, the problems revealed) */
  self->session_signals = g_signal_group_new (MR_TYPE_ORDER_SESSION);
  g_signal_group_connect_object (self->session_signals, "problems-changed",
                                 G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
}

MrProblemIndex *
mr_problem_index_new (void)
{
  return g_object_new (MR_TYPE_PROBLEM_INDEX, NULL);
}

MrOrderSession *
mr_problem_index_get_session (MrProblemIndex *self)
{
  g_return_val_if_fail (MR_IS_PROBLEM_INDEX (self), NULL);

  return self->session;
}

void
mr_problem_index_set_session (MrProblemIndex *self,
                              MrOrderSession *session)
{
  g_return_if_fail (MR_IS_PROBLEM_INDEX (self));
  g_return_if_fail (session == NULL || MR_IS_ORDER_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

GPtrArray *
mr_problem_index_lookup (MrProblemIndex *self,
                         const char     *key)
{
  g_return_val_if_fail (MR_IS_PROBLEM_INDEX (self), NULL);

  if (key == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_key, key);
}

guint
mr_problem_index_get_n_domains (MrProblemIndex *self)
{
  g_return_val_if_fail (MR_IS_PROBLEM_INDEX (self), 0);

  return g_hash_table_size (self->by_key);
}
