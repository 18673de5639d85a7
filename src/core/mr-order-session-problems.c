/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-order-session"

#include "config.h"

#include "mr-order-session-private.h"

#include "mr-domain-name.h"
#include "mr-problem-list.h"
#include "mr-quote-private.h"

#define VALIDATE_DELAY_MS 150
#define SYNC_DELAY_MS     100

GPtrArray *
_mr_order_session_get_quote_problems (MrOrderSession *self)
{
  MrQuote *quote = mr_order_session_get_quote (self);

  /* a quote's problems are read once per quote, not once per rebuild,
   * with what the quote priced: "quoted" as it is now, since the
   * scheduler drops a reply for an older revision */
  if (quote != self->quote_problems_of)
    {
      g_clear_pointer (&self->quote_problems, g_ptr_array_unref);
      g_clear_pointer (&self->quote_problems_of, mr_quote_unref);
      g_clear_pointer (&self->quote_basis, mr_quote_basis_free);
      if (quote != NULL)
        {
          /* made on the thread that parsed the reply, when it was */
          self->quote_problems = _mr_quote_take_problems (quote);
          if (self->quote_problems == NULL)
            self->quote_problems = mr_quote_collect_problems (quote);
          self->quote_problems_of = mr_quote_ref (quote);
          self->quote_basis = mr_quote_basis_new (self->quoted, self->quote_problems);
        }
    }

  return self->quote_problems;
}

void
_mr_order_session_rebuild_problems (MrOrderSession *self)
{
  guint old_len = g_list_model_get_n_items (G_LIST_MODEL (self->problems));
  g_autoptr(GPtrArray) quote_problems = NULL;
  gboolean changed;

  _mr_order_session_get_quote_problems (self);

  /* what it said about a domain changed since holds no longer (the next
   * quote says it again if it still does); the rest stays */
  if (self->quote_problems != NULL)
    quote_problems = mr_quote_basis_filter (self->quote_basis, self->quoted, self->quote_problems);

  changed = mr_problem_list_update (self->problems, self->local_problems, self->server_problems,
                                    quote_problems, G_LIST_MODEL (self->excluded),
                                    self->excluded_keys);
  if (!changed)
    return;

  _mr_order_session_emit_problems_changed (self);
  if (old_len != g_list_model_get_n_items (G_LIST_MODEL (self->problems)))
    _mr_order_session_notify (self, PROP_N_PROBLEMS);
}

static void
run_local_checks (MrOrderSession *self)
{
  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_pointer (&self->local_problems, g_ptr_array_unref);
  self->local_problems = mr_order_validate (self->order);
}

static gboolean
validate_timeout_cb (gpointer data)
{
  MrOrderSession *self = data;

  self->validate_id = 0;
  mr_order_session_validate_now (self);

  return G_SOURCE_REMOVE;
}

void
_mr_order_session_schedule_validate (MrOrderSession *self)
{
  if (self->validate_id == 0)
    self->validate_id = g_timeout_add (VALIDATE_DELAY_MS, validate_timeout_cb, self);
}

/* what the quote covers: the items that can be ordered */

static gboolean
same_items (MrOrder   *order,
            GPtrArray *items)
{
  if (mr_order_get_n_items (order) != items->len)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    if (mr_order_get_item (order, i) != g_ptr_array_index (items, i))
      return FALSE;

  return TRUE;
}

/* Works out which items can be ordered and hands a copy of them to the
 * scheduler (one revision of "quoted", so one quote request, per change). */
static void
sync_quoted (MrOrderSession *self)
{
  g_autoptr(GPtrArray) included = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) excluded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint old_excluded = g_list_model_get_n_items (G_LIST_MODEL (self->excluded));

  g_clear_handle_id (&self->sync_id, g_source_remove);

  /* the reasons come from fresh local checks */
  run_local_checks (self);
  mr_problem_list_partition (self->order, self->local_problems, self->server_excluded,
                             self->checker, included, excluded, keys);

  if (mr_problem_list_set_excluded (self->excluded, excluded))
    {
      g_hash_table_unref (self->excluded_keys);
      self->excluded_keys = g_steal_pointer (&keys);
    }

  /* "quoted" holds the included items themselves: an edit of one bumps
   * both orders, so only a change of which items are in needs a new set */
  if (!same_items (self->quoted, included))
    mr_order_set_items (self->quoted, (MrOrderItem **) included->pdata, included->len);
  mr_order_set_order_type (self->quoted, mr_order_get_order_type (self->order));

  _mr_order_session_rebuild_problems (self);
  if (old_excluded != g_list_model_get_n_items (G_LIST_MODEL (self->excluded)))
    _mr_order_session_notify (self, PROP_N_EXCLUDED);
  _mr_order_session_update_can_place (self);
}

static gboolean
sync_idle_cb (gpointer data)
{
  MrOrderSession *self = data;

  self->sync_id = 0;
  sync_quoted (self);

  return G_SOURCE_REMOVE;
}

void
_mr_order_session_schedule_sync (MrOrderSession *self)
{
  /* edits settle first (typing in an order of 1,000 domains) */
  if (self->sync_id == 0)
    self->sync_id = g_timeout_add (SYNC_DELAY_MS, sync_idle_cb, self);
}

/* what the window and the CLI read */

void
mr_order_session_validate_now (MrOrderSession *self)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  run_local_checks (self);
  _mr_order_session_rebuild_problems (self);
}

void
mr_order_session_sync (MrOrderSession *self)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  if (self->sync_id != 0)
    sync_quoted (self);
}

GListModel *
mr_order_session_get_excluded (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return G_LIST_MODEL (self->excluded);
}

MrOrder *
mr_order_session_get_quoted_order (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return self->quoted;
}

guint
mr_order_session_remove_excluded (MrOrderSession *self)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_items;

  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), 0);

  if (self->phase != MR_ORDER_PHASE_EDITING)
    return 0;

  mr_order_session_sync (self);
  n_items = mr_order_get_n_items (self->order);
  for (guint i = 0; i < n_items; i++)
    {
      MrOrderItem *item = mr_order_get_item (self->order, i);
      const char *key = mr_order_item_get_domain_key (item);

      if (g_hash_table_contains (seen, key) || g_hash_table_contains (self->excluded_keys, key))
        g_ptr_array_add (gone, item);
      else
        g_hash_table_add (seen, (gpointer) key);
    }

  mr_order_session_break_undo_group (self);
  mr_order_remove_items (self->order, (MrOrderItem **) gone->pdata, gone->len);
  mr_order_session_break_undo_group (self);

  return gone->len;
}

GListModel *
mr_order_session_get_problems (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  return G_LIST_MODEL (self->problems);
}

guint
mr_order_session_get_n_problems (MrOrderSession *self)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->problems));
}

GPtrArray *
mr_order_session_dup_problem_array (MrOrderSession *self)
{
  GPtrArray *copy;
  guint n;

  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->problems));
  copy = g_ptr_array_new_full (n, (GDestroyNotify) mr_problem_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (copy, g_list_model_get_item (G_LIST_MODEL (self->problems), i));

  return copy;
}

gboolean
mr_order_session_problem_is_shown (MrOrderSession  *self,
                                   const MrProblem *problem)
{
  g_return_val_if_fail (MR_IS_ORDER_SESSION (self), FALSE);
  g_return_val_if_fail (problem != NULL, FALSE);

  /* a field the person has not left yet says nothing */
  if (problem->account != NULL && problem->field != NULL && !self->reveal_problems)
    return mr_account_is_touched (problem->account, problem->field);

  return TRUE;
}

void
mr_order_session_touch (MrOrderSession *self,
                        MrAccount      *account,
                        const char     *field)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));
  g_return_if_fail (MR_IS_ACCOUNT (account));

  if (mr_account_is_touched (account, field))
    return;

  mr_account_mark_touched (account, field);
  _mr_order_session_emit_problems_changed (self);
}

void
mr_order_session_reveal_problems (MrOrderSession *self)
{
  g_return_if_fail (MR_IS_ORDER_SESSION (self));

  if (self->reveal_problems)
    return;

  self->reveal_problems = TRUE;
  _mr_order_session_emit_problems_changed (self);
}
