/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-problem-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mr-problem-list.h"
#include "mr-problem-private.h"

#include "mr-domain-name.h"

static MrProblem *
warning_copy (MrProblem *problem)
{
  MrProblem *copy;

  if (problem->severity == MR_PROBLEM_WARNING)
    return g_object_ref (problem);

  copy = mr_problem_new_keyed (problem->kind, problem->domain, problem->key,
                               problem->account_prefix, problem->detail, problem->message);
  mr_problem_set_short_message (copy, problem->short_message);
  mr_problem_set_origin (copy, problem->origin);
  mr_problem_set_field (copy, problem->field);
  mr_problem_set_severity (copy, MR_PROBLEM_WARNING);

  return copy;
}

/* What a problem list is built from: each problem once (by the one rule,
 * mr_problem_equal, through a hash that agrees with it), and which
 * mailboxes a local check already speaks about. Linear in the problems. */
typedef struct
{
  GPtrArray  *all;        /* MrProblem, owned */
  GHashTable *seen;       /* MrProblem (borrowed from all) */
  GHashTable *mailboxes;  /* "domain key\nlowercased prefix", owned */
} ProblemSet;

static void
problem_set_init (ProblemSet *set)
{
  set->all = g_ptr_array_new_with_free_func (g_object_unref);
  set->seen = g_hash_table_new ((GHashFunc) mr_problem_hash, (GEqualFunc) mr_problem_equal);
  set->mailboxes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
problem_set_clear (ProblemSet *set)
{
  g_clear_pointer (&set->seen, g_hash_table_unref);
  g_clear_pointer (&set->mailboxes, g_hash_table_unref);
  g_clear_pointer (&set->all, g_ptr_array_unref);
}

static char *
mailbox_key (const MrProblem *problem)
{
  g_autofree char *prefix = g_ascii_strdown (problem->account_prefix ? problem->account_prefix : "", -1);

  return g_strconcat (problem->key, "\n", prefix, NULL);
}

static void
problem_set_take (ProblemSet *set,
                  MrProblem  *problem)
{
  g_ptr_array_add (set->all, problem);
  g_hash_table_add (set->seen, problem);

  if (problem->origin == MR_PROBLEM_LOCAL && problem->domain != NULL &&
      (problem->kind == MR_PROBLEM_ACCOUNT_NAME || problem->kind == MR_PROBLEM_ACCOUNT_PREFIX ||
       problem->kind == MR_PROBLEM_ACCOUNT_DUPLICATE))
    g_hash_table_add (set->mailboxes, mailbox_key (problem));
}

/* a local check already says what is wrong with this mailbox */
static gboolean
mailbox_has_local_problem (ProblemSet      *set,
                           const MrProblem *problem)
{
  g_autofree char *key = NULL;

  if (problem->domain == NULL)
    return FALSE;

  key = mailbox_key (problem);

  return g_hash_table_contains (set->mailboxes, key);
}

static void
add_problems (ProblemSet *set,
              GPtrArray  *problems,
              gboolean    from_quote)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (problems, i);

      /* the server and the local checks often say the same thing */
      if (g_hash_table_contains (set->seen, problem))
        continue;

      if (problem->kind == MR_PROBLEM_ACCOUNT_INVALID)
        {
          if (mailbox_has_local_problem (set, problem))
            continue;

          /* a quote refuses nothing: only a placement is "refused" */
          if (from_quote)
            {
              g_autofree char *who = g_strdup_printf ("%s@%s",
                                                      problem->account_prefix ? problem->account_prefix : "",
                                                      problem->domain ? problem->domain : "");
              g_autofree char *message = _mr_problem_server_sentence (problem->kind,
                                                                      MR_SERVER_SAYS_QUOTE,
                                                                      problem->domain, who,
                                                                      problem->detail, FALSE);

              if (g_strcmp0 (message, problem->message) != 0)
                {
                  /* on the domain's row: the mailbox without its domain */
                  g_autofree char *brief = _mr_problem_server_sentence (problem->kind,
                                                                        MR_SERVER_SAYS_QUOTE,
                                                                        problem->domain,
                                                                        problem->account_prefix,
                                                                        problem->detail, TRUE);

                  mr_problem_set_message (problem, message);
                  mr_problem_set_short_message (problem, brief);
                }
            }
        }

      problem_set_take (set, g_object_ref (problem));
    }
}

/* A domain left out of the quote does not stop the order: its reason is
 * a warning, said once, and what else is wrong with it waits until it is
 * back in. A duplicate's first copy stays in. */
static void
add_excluded_reasons (GPtrArray  *all,
                      GListModel *excluded,
                      GHashTable *excluded_keys)
{
  g_autoptr(GHashTable) said = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_excluded = g_list_model_get_n_items (excluded);

  for (guint i = 0; i < all->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (all, i);
      const char *key = problem->key;

      if (problem->kind == MR_PROBLEM_DOMAIN_DUPLICATE)
        {
          g_ptr_array_add (kept, warning_copy (problem));
          continue;
        }

      if (key == NULL || !g_hash_table_contains (excluded_keys, key))
        {
          g_ptr_array_add (kept, g_object_ref (problem));
          continue;
        }

      if (mr_problem_kind_excludes_domain (problem->kind) && !g_hash_table_contains (said, key))
        {
          g_ptr_array_add (kept, warning_copy (problem));
          g_hash_table_add (said, (gpointer) key);
        }
    }

  /* reasons only the checker or an earlier quote knows */
  for (guint i = 0; i < n_excluded; i++)
    {
      g_autoptr(MrProblem) reason = g_list_model_get_item (excluded, i);
      const char *key = reason->key;

      if (reason->kind == MR_PROBLEM_DOMAIN_DUPLICATE || g_hash_table_contains (said, key))
        continue;

      g_ptr_array_add (kept, g_object_ref (reason));
      g_hash_table_add (said, (gpointer) key);
    }

  g_ptr_array_set_size (all, 0);
  g_ptr_array_extend_and_steal (all, g_steal_pointer (&kept));
}

static gboolean
same_problem (const MrProblem *old,
              const MrProblem *problem)
{
  return old == problem ||
         (mr_problem_equal (old, problem) &&
          old->severity == problem->severity &&
          old->origin == problem->origin &&
          g_strcmp0 (old->message, problem->message) == 0);
}

/* Replaces only the range that changed: the problems before and after it
 * keep their objects, and the list emits one items-changed (or none). */
static gboolean
splice_changed (GListStore *store,
                GPtrArray  *problems)
{
  GListModel *model = G_LIST_MODEL (store);
  guint old_len = g_list_model_get_n_items (model);
  guint head = 0;
  guint tail = 0;

  while (head < old_len && head < problems->len)
    {
      g_autoptr(MrProblem) old = g_list_model_get_item (model, head);

      if (!same_problem (old, g_ptr_array_index (problems, head)))
        break;
      head++;
    }

  while (tail < old_len - head && tail < problems->len - head)
    {
      g_autoptr(MrProblem) old = g_list_model_get_item (model, old_len - 1 - tail);

      if (!same_problem (old, g_ptr_array_index (problems, problems->len - 1 - tail)))
        break;
      tail++;
    }

  if (head == old_len && head == problems->len)
    return FALSE;

  g_list_store_splice (store, head, old_len - head - tail,
                       problems->pdata + head, problems->len - head - tail);

  return TRUE;
}

static MrProblem *
checker_reason (MrDomainChecker *checker,
                const char      *domain,
                const char      *key)
{
  g_autofree char *message = NULL;
  g_autofree char *brief = NULL;
  const char *detail = NULL;
  MrProblemKind kind;
  MrProblem *problem;

  switch (mr_domain_checker_lookup (checker, key, &detail))
    {
    case MR_DOMAIN_STATUS_UNAVAILABLE:
      kind = MR_PROBLEM_DOMAIN_UNAVAILABLE;
      /* a problem's detail is the restricted word only */
      detail = NULL;
      break;

    case MR_DOMAIN_STATUS_RESTRICTED:
      kind = MR_PROBLEM_DOMAIN_BLACKLISTED;
      break;

    case MR_DOMAIN_STATUS_UNKNOWN:
    case MR_DOMAIN_STATUS_CHECKING:
    case MR_DOMAIN_STATUS_AVAILABLE:
    case MR_DOMAIN_STATUS_INVALID:
    case MR_DOMAIN_STATUS_ERROR:
    default:
      return NULL;
    }

  message = _mr_problem_server_sentence (kind, MR_SERVER_SAYS_CHECK, domain, NULL, detail, FALSE);
  brief = _mr_problem_server_sentence (kind, MR_SERVER_SAYS_CHECK, domain, NULL, detail, TRUE);
  problem = mr_problem_new_keyed (kind, domain, key, NULL, detail, message);
  mr_problem_set_short_message (problem, brief);
  mr_problem_set_origin (problem, MR_PROBLEM_SERVER);
  mr_problem_set_severity (problem, MR_PROBLEM_WARNING);

  return problem;
}

/* domain key -> the local reason it cannot be ordered */
static GHashTable *
local_reasons (GPtrArray *local)
{
  GHashTable *reasons = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; local != NULL && i < local->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (local, i);

      if ((problem->kind == MR_PROBLEM_DOMAIN_INVALID || problem->kind == MR_PROBLEM_DOMAIN_TLD) &&
          problem->domain != NULL)
        g_hash_table_insert (reasons, problem->key, problem);
    }

  return reasons;
}

static gboolean
same_excluded (GListModel *model,
               GPtrArray  *excluded)
{
  if (g_list_model_get_n_items (model) != excluded->len)
    return FALSE;

  for (guint i = 0; i < excluded->len; i++)
    {
      g_autoptr(MrProblem) old = g_list_model_get_item (model, i);
      const MrProblem *problem = g_ptr_array_index (excluded, i);

      if (!mr_problem_equal (old, problem) || g_strcmp0 (old->message, problem->message) != 0)
        return FALSE;
    }

  return TRUE;
}

void
mr_problem_list_partition (MrOrder         *order,
                           GPtrArray       *local,
                           GHashTable      *server_excluded,
                           MrDomainChecker *checker,
                           GPtrArray       *included,
                           GPtrArray       *excluded,
                           GHashTable      *excluded_keys)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) reasons = NULL;
  guint n_items;

  g_return_if_fail (MR_IS_ORDER (order));
  g_return_if_fail (server_excluded != NULL);
  g_return_if_fail (included != NULL && excluded != NULL && excluded_keys != NULL);

  /* new domains only: extra mailboxes and pre-warmed domains exist already */
  if (mr_order_get_order_type (order) != MR_ORDER_TYPE_DFY)
    checker = NULL;

  reasons = local_reasons (local);
  n_items = mr_order_get_n_items (order);
  for (guint i = 0; i < n_items; i++)
    {
      MrOrderItem *item = mr_order_get_item (order, i);
      const char *domain = mr_order_item_get_domain (item);
      /* the item's own string (mr_domain_key, worked out once a name) */
      const char *key = mr_order_item_get_domain_key (item);
      MrProblem *reason = NULL;

      if (g_hash_table_contains (seen, key))
        {
          g_autofree char *message = g_strdup_printf (_("%s is in the order more than once"),
                                                      domain);

          reason = mr_problem_new_keyed (MR_PROBLEM_DOMAIN_DUPLICATE, domain, key, NULL, NULL,
                                         message);
          mr_problem_set_short_message (reason, _("Already in the order"));
          mr_problem_set_severity (reason, MR_PROBLEM_WARNING);
          g_ptr_array_add (excluded, reason);
          continue;
        }
      g_hash_table_add (seen, (gpointer) key);

      reason = g_hash_table_lookup (reasons, key);
      if (reason != NULL)
        reason = warning_copy (reason);
      else
        {
          MrProblem *said = g_hash_table_lookup (server_excluded, key);

          if (said != NULL)
            reason = warning_copy (said);
          else if (checker != NULL)
            reason = checker_reason (checker, domain, key);
        }

      if (reason != NULL)
        {
          g_ptr_array_add (excluded, reason);
          g_hash_table_add (excluded_keys, g_strdup (key));
        }
      else
        g_ptr_array_add (included, g_object_ref (item));
    }
}

gboolean
mr_problem_list_set_excluded (GListStore *store,
                              GPtrArray  *excluded)
{
  g_return_val_if_fail (G_IS_LIST_STORE (store), FALSE);
  g_return_val_if_fail (excluded != NULL, FALSE);

  if (same_excluded (G_LIST_MODEL (store), excluded))
    return FALSE;

  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       excluded->pdata, excluded->len);

  return TRUE;
}

gboolean
mr_problem_list_learn_exclusions_from (GHashTable *server_excluded,
                                       GPtrArray  *quote_problems)
{
  gboolean learned = FALSE;

  g_return_val_if_fail (server_excluded != NULL, FALSE);

  for (guint i = 0; quote_problems != NULL && i < quote_problems->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (quote_problems, i);

      if (problem->domain == NULL ||
          (problem->kind != MR_PROBLEM_DOMAIN_INVALID &&
           problem->kind != MR_PROBLEM_DOMAIN_UNAVAILABLE &&
           problem->kind != MR_PROBLEM_DOMAIN_BLACKLISTED))
        continue;

      if (g_hash_table_contains (server_excluded, problem->key))
        continue;

      g_hash_table_insert (server_excluded, g_strdup (problem->key), warning_copy (problem));
      learned = TRUE;
    }

  return learned;
}

gboolean
mr_problem_list_update (GListStore *store,
                        GPtrArray  *local,
                        GPtrArray  *server,
                        GPtrArray  *quote,
                        GListModel *excluded,
                        GHashTable *excluded_keys)
{
  ProblemSet set;
  gboolean changed;

  g_return_val_if_fail (G_IS_LIST_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (excluded), FALSE);
  g_return_val_if_fail (excluded_keys != NULL, FALSE);

  problem_set_init (&set);

  /* the local sentences first: they name the field */
  add_problems (&set, local, FALSE);
  add_problems (&set, server, FALSE);
  add_problems (&set, quote, TRUE);
  add_excluded_reasons (set.all, excluded, excluded_keys);

  changed = splice_changed (store, set.all);
  problem_set_clear (&set);

  return changed;
}
