/* SPDX-License-Identifier: GPL-3.0-or-later */

/* mr_order_validate(): the local mirror of the API's order rules */

#define G_LOG_DOMAIN "mr-order"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mr-domain-name.h"
#include "mr-order.h"

static MrProblem *
add_problem (GPtrArray     *problems,
             MrProblemKind  kind,
             const char    *domain,
             const char    *account_prefix,
             const char    *detail,
             const char    *message)
{
  MrProblem *problem = mr_problem_new (kind, domain, account_prefix, detail, message);

  g_ptr_array_add (problems, problem);

  return problem;
}

static gboolean
tld_allowed (MrOrderType  order_type,
             const char  *ascii)
{
  switch (order_type)
    {
    case MR_ORDER_TYPE_DFY:
      return mr_domain_name_is_dfy_tld (ascii);

    case MR_ORDER_TYPE_PRE_WARMED_UP:
      return mr_domain_name_is_dfy_tld (ascii) || g_str_has_suffix (ascii, ".co");

    case MR_ORDER_TYPE_EXTRA_ACCOUNTS:
    default:
      return TRUE;
    }
}

/* "jane.doe@example.com", or "mailbox 3 on example.com" when unnamed */
static char *
describe_account (MrAccount  *account,
                  guint       position,
                  const char *shown_domain)
{
  const char *prefix = mr_account_get_email_address_prefix (account);

  if (prefix != NULL && *prefix != '\0')
    return g_strdup_printf ("%s@%s", prefix, shown_domain);

  return g_strdup_printf (_("mailbox %u on %s"), position + 1, shown_domain);
}

/* @who, described on first use: most mailboxes have no problem */
static const char *
who_is (char       **who,
        MrAccount   *account,
        guint        position,
        const char  *shown_domain)
{
  if (*who == NULL)
    *who = describe_account (account, position, shown_domain);

  return *who;
}

/* Addresses compare without case (they are ASCII once valid) */
static guint
prefix_hash (gconstpointer key)
{
  guint hash = 5381;

  for (const char *p = key; *p != '\0'; p++)
    hash = (hash << 5) + hash + (guchar) g_ascii_tolower (*p);

  return hash;
}

static gboolean
prefix_equal (gconstpointer a,
              gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

static gboolean
listed_in (const char * const *prefixes,
           guint               n_prefixes,
           const char         *prefix)
{
  for (guint i = 0; i < n_prefixes; i++)
    if (prefix_equal (prefixes[i], prefix))
      return TRUE;

  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/* @seen: for many mailboxes, the valid addresses of earlier mailboxes on
 * this item (the accounts' own strings, emptied for each item) */
static void
validate_accounts (MrOrder     *self,
                   MrOrderItem *item,
                   const char  *domain,
                   const char  *shown,
                   GHashTable  *seen,
                   GPtrArray   *problems)
{
  MrEmailProvider provider = mr_order_item_get_email_provider (item);
  guint n = mr_order_item_get_n_accounts (item);
  guint min = mr_email_provider_min_accounts (provider);
  guint max = mr_email_provider_max_accounts (provider);
  guint existing = mr_order_item_get_existing_accounts (item);
  g_autofree char *message = NULL;
  /* a few mailboxes (Google, AirMail) are compared one by one; Microsoft's
   * 50 to 100 go through the table */
  const char *few[8];
  guint n_few = 0;
  gboolean use_table = n > G_N_ELEMENTS (few);

  if (use_table)
    g_hash_table_remove_all (seen);

  if (mr_order_get_order_type (self) == MR_ORDER_TYPE_EXTRA_ACCOUNTS &&
      provider == MR_EMAIL_PROVIDER_MICROSOFT)
    {
      message = g_strdup_printf (_("%s cannot get extra mailboxes: Microsoft domains do not "
                                   "support them"), shown);
      add_problem (problems, MR_PROBLEM_PROVIDER_UNSUPPORTED, domain, NULL, NULL, message);
      return;
    }

  if (n == 0)
    {
      message = g_strdup_printf (_("%s has no mailboxes: add at least %u"), shown, min);
      add_problem (problems, MR_PROBLEM_NO_ACCOUNTS, domain, NULL, NULL, message);
      return;
    }

  if (existing > 0 && n > 0 && n + existing > max)
    {
      /* Translators: "Google allows 5 mailboxes on example.com; it has 2, so add at most 3" */
      message = g_strdup_printf (_("%s allows %u mailboxes on %s; it has %u, so add at most %u"),
                                 mr_email_provider_to_label (provider), max, shown, existing,
                                 mr_order_item_get_max_new_accounts (item));
      add_problem (problems, MR_PROBLEM_ACCOUNT_COUNT, domain, NULL, NULL, message);
      g_clear_pointer (&message, g_free);
    }
  else if (existing == 0 && (n < min || n > max))
    {
      /* Translators: "Microsoft needs 50 to 100 mailboxes on example.com; it has 3" */
      message = g_strdup_printf (_("%s needs %u to %u mailboxes on %s; it has %u"),
                                 mr_email_provider_to_label (provider), min, max, shown, n);
      add_problem (problems, MR_PROBLEM_ACCOUNT_COUNT, domain, NULL, NULL, message);
      g_clear_pointer (&message, g_free);
    }

  for (guint i = 0; i < n; i++)
    {
      MrAccount *account = mr_order_item_get_account (item, i);
      const char *prefix = mr_account_get_email_address_prefix (account);
      g_autofree char *who = NULL;
      g_autofree char *reason = NULL;

      if (is_blank (mr_account_get_first_name (account)))
        {
          message = g_strdup_printf (_("Enter a first name for %s"),
                                     who_is (&who, account, i, shown));
          mr_problem_set_account (add_problem (problems, MR_PROBLEM_ACCOUNT_NAME, domain, prefix,
                                               "first_name", message),
                                  account);
          g_clear_pointer (&message, g_free);
        }

      if (is_blank (mr_account_get_last_name (account)))
        {
          message = g_strdup_printf (_("Enter a last name for %s"),
                                     who_is (&who, account, i, shown));
          mr_problem_set_account (add_problem (problems, MR_PROBLEM_ACCOUNT_NAME, domain, prefix,
                                               "last_name", message),
                                  account);
          g_clear_pointer (&message, g_free);
        }

      if (!mr_email_prefix_is_valid (prefix, &reason))
        {
          /* Translators: "The address of mailbox 2 on example.com: The address is empty" */
          message = g_strdup_printf (_("The address of %s is not valid: %s"),
                                     who_is (&who, account, i, shown), reason);
          mr_problem_set_account (add_problem (problems, MR_PROBLEM_ACCOUNT_PREFIX, domain, prefix,
                                               reason, message),
                                  account);
          g_clear_pointer (&message, g_free);
          continue;
        }

      if (use_table ? g_hash_table_contains (seen, prefix) : listed_in (few, n_few, prefix))
        {
          message = g_strdup_printf (_("%s is listed more than once"),
                                     who_is (&who, account, i, shown));
          mr_problem_set_account (add_problem (problems, MR_PROBLEM_ACCOUNT_DUPLICATE, domain, prefix,
                                               NULL, message),
                                  account);
          g_clear_pointer (&message, g_free);
          continue;
        }

      if (use_table)
        g_hash_table_add (seen, (gpointer) prefix);
      else
        few[n_few++] = prefix;
    }
}

static void
validate_item (MrOrder     *self,
               MrOrderItem *item,
               GHashTable  *seen_domains,
               GHashTable  *seen_prefixes,
               GPtrArray   *problems)
{
  MrOrderType order_type = mr_order_get_order_type (self);
  const char *forwarding = mr_order_item_get_forwarding_domain (item);
  g_autofree char *shown = g_strstrip (g_strdup (mr_order_item_get_domain (item)));
  g_autofree char *ascii = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  const char *domain;

  ascii = mr_domain_name_normalize (shown, &error);
  domain = ascii != NULL ? ascii : shown;

  if (ascii == NULL)
    {
      add_problem (problems, MR_PROBLEM_DOMAIN_INVALID, domain, NULL, NULL, error->message);
    }
  else if (!tld_allowed (order_type, ascii))
    {
      if (order_type == MR_ORDER_TYPE_PRE_WARMED_UP)
        message = g_strdup_printf (_("%s cannot be ordered: pre-warmed domains end in .com, "
                                     ".org or .co"), shown);
      else
        message = g_strdup_printf (_("%s cannot be ordered: only .com and .org can be "
                                     "ordered"), shown);
      add_problem (problems, MR_PROBLEM_DOMAIN_TLD, domain, NULL, NULL, message);
      g_clear_pointer (&message, g_free);
    }

  if (ascii != NULL)
    {
      if (g_hash_table_contains (seen_domains, ascii))
        {
          message = g_strdup_printf (_("%s is in the order more than once"), shown);
          add_problem (problems, MR_PROBLEM_DOMAIN_DUPLICATE, domain, NULL, NULL, message);
          g_clear_pointer (&message, g_free);
        }
      else
        {
          g_hash_table_add (seen_domains, g_strdup (ascii));
        }
    }

  if (!is_blank (forwarding))
    {
      g_autoptr(GError) forwarding_error = NULL;
      g_autofree char *forwarding_ascii = mr_domain_name_normalize (forwarding,
                                                                    &forwarding_error);

      if (forwarding_ascii == NULL)
        {
          message = g_strdup_printf (_("The forwarding domain of %s is not valid: %s"),
                                     shown, forwarding_error->message);
          add_problem (problems, MR_PROBLEM_FORWARDING_DOMAIN, domain, NULL, forwarding, message);
          g_clear_pointer (&message, g_free);
        }
      else if (ascii != NULL && g_str_equal (ascii, forwarding_ascii))
        {
          message = g_strdup_printf (_("%s cannot forward to itself: choose a different "
                                       "forwarding domain"), shown);
          add_problem (problems, MR_PROBLEM_FORWARDING_DOMAIN, domain, NULL, forwarding, message);
          g_clear_pointer (&message, g_free);
        }
    }

  /* pre-warmed domains come with their mailboxes */
  if (order_type != MR_ORDER_TYPE_PRE_WARMED_UP)
    validate_accounts (self, item, domain, shown, seen_prefixes, problems);
}

GPtrArray *
mr_order_validate (MrOrder *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) seen_domains = NULL;
  g_autoptr(GHashTable) seen_prefixes = NULL;
  guint n_items;

  g_return_val_if_fail (MR_IS_ORDER (self), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_problem_free);
  seen_domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  seen_prefixes = g_hash_table_new (prefix_hash, prefix_equal);
  n_items = mr_order_get_n_items (self);

  if (n_items == 0)
    {
      add_problem (problems, MR_PROBLEM_ORDER_EMPTY, NULL, NULL, NULL,
                   _("The order is empty: add a domain"));
      return g_steal_pointer (&problems);
    }

  for (guint i = 0; i < n_items; i++)
    validate_item (self, mr_order_get_item (self, i), seen_domains, seen_prefixes, problems);

  return g_steal_pointer (&problems);
}
