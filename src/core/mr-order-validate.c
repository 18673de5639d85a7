/* SPDX-License-Identifier: GPL-3.0-or-later */

/* mr_order_validate(): the local mirror of the API's order rules */

#define G_LOG_DOMAIN "mr-order"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mr-domain-name.h"
#include "mr-model-private.h"
#include "mr-order.h"

/* The domain a problem names, said once for all its problems: its name
 * as shown, its key (mr_domain_key, worked out once) and the name the
 * problem is filed under. */
typedef struct
{
  const char *shown;
  const char *domain;
  const char *key;
} Subject;

/* @message names the domain, for a list of the whole order; @short_message
 * says the same without it, for the domain's row (NULL: the same as @message) */
static MrProblem *
add_problem (GPtrArray     *problems,
             MrProblemKind  kind,
             const Subject *subject,
             const char    *account_prefix,
             const char    *detail,
             const char    *message,
             const char    *short_message)
{
  MrProblem *problem;

  if (subject != NULL)
    problem = mr_problem_new_keyed (kind, subject->domain, subject->key, account_prefix, detail,
                                    message);
  else
    problem = mr_problem_new (kind, NULL, account_prefix, detail, message);
  if (short_message != NULL)
    mr_problem_set_short_message (problem, short_message);

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

/* A mailbox as a sentence names it: "jane.doe@example.com", or "mailbox
 * 3 on example.com" when unnamed; and on its domain's row, "jane.doe" or
 * "mailbox 3". Described on first use: most mailboxes have no problem. */
typedef struct
{
  char *full;
  char *brief;
} Who;

static void
who_clear (Who *who)
{
  g_clear_pointer (&who->full, g_free);
  g_clear_pointer (&who->brief, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Who, who_clear)

static void
who_is (Who        *who,
        MrAccount  *account,
        guint       position,
        const char *shown_domain)
{
  const char *prefix = mr_account_get_email_address_prefix (account);

  if (who->full != NULL)
    return;

  if (prefix != NULL && *prefix != '\0')
    {
      who->full = g_strdup_printf ("%s@%s", prefix, shown_domain);
      who->brief = g_strdup (prefix);
    }
  else
    {
      who->full = g_strdup_printf (_("mailbox %u on %s"), position + 1, shown_domain);
      who->brief = g_strdup_printf (_("mailbox %u"), position + 1);
    }
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

/* What can be wrong with one mailbox: each fault is said once, by its
 * problem's kind and detail here and its sentence in mailbox_sentence() */
typedef enum
{
  MAILBOX_NO_FIRST_NAME,
  MAILBOX_NO_LAST_NAME,
  MAILBOX_BAD_ADDRESS,   /* with the reason the address is not valid */
  MAILBOX_LISTED_TWICE,
} MailboxFault;

static const struct
{
  MrProblemKind  kind;
  const char    *detail;  /* NULL: the reason, if there is one */
} mailbox_faults[] = {
  [MAILBOX_NO_FIRST_NAME] = { MR_PROBLEM_ACCOUNT_NAME, "first_name" },
  [MAILBOX_NO_LAST_NAME] = { MR_PROBLEM_ACCOUNT_NAME, "last_name" },
  [MAILBOX_BAD_ADDRESS] = { MR_PROBLEM_ACCOUNT_PREFIX, NULL },
  [MAILBOX_LISTED_TWICE] = { MR_PROBLEM_ACCOUNT_DUPLICATE, NULL },
};

/* @who: the mailbox as the sentence names it (Who) */
static char *
mailbox_sentence (MailboxFault  fault,
                  const char   *who,
                  const char   *reason)
{
  switch (fault)
    {
    case MAILBOX_NO_FIRST_NAME:
      return g_strdup_printf (_("Enter a first name for %s"), who);

    case MAILBOX_NO_LAST_NAME:
      return g_strdup_printf (_("Enter a last name for %s"), who);

    case MAILBOX_BAD_ADDRESS:
      /* Translators: "The address of mailbox 2 on example.com: The address is empty" */
      return g_strdup_printf (_("The address of %s is not valid: %s"), who, reason);

    case MAILBOX_LISTED_TWICE:
      return g_strdup_printf (_("%s is listed more than once"), who);

    default:
      g_assert_not_reached ();
      return NULL;
    }
}

/* One check of an order in progress: what it found so far, what it has
 * seen, and the sentence said of many domains in one pass, translated
 * once a pass (a pasted list of 1,000 empty domains says it 1,000 times) */
typedef struct
{
  MrOrder    *order;
  GPtrArray  *problems;
  GHashTable *seen_domains;       /* the items' own ASCII names */
  GHashTable *seen_prefixes;      /* for many mailboxes: the addresses of
                                   * one item's earlier mailboxes */
  char       *no_accounts_brief;  /* "Add at least 1 mailbox", for brief_min */
  guint       brief_min;
} Check;

static void
check_clear (Check *check)
{
  g_clear_pointer (&check->problems, g_ptr_array_unref);
  g_clear_pointer (&check->seen_domains, g_hash_table_unref);
  g_clear_pointer (&check->seen_prefixes, g_hash_table_unref);
  g_clear_pointer (&check->no_accounts_brief, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Check, check_clear)

/* A fault of the mailbox at @position, said of it in both forms (@who
 * is described on first use and kept for its other faults) */
static void
add_mailbox_problem (Check         *check,
                     const Subject *subject,
                     MrAccount     *account,
                     guint          position,
                     Who           *who,
                     MailboxFault   fault,
                     const char    *reason)
{
  const char *detail = mailbox_faults[fault].detail != NULL ? mailbox_faults[fault].detail
                                                            : reason;
  g_autofree char *message = NULL;
  g_autofree char *brief = NULL;

  who_is (who, account, position, subject->shown);
  message = mailbox_sentence (fault, who->full, reason);
  brief = mailbox_sentence (fault, who->brief, reason);
  mr_problem_set_account (add_problem (check->problems, mailbox_faults[fault].kind, subject,
                                       mr_account_get_email_address_prefix (account), detail,
                                       message, brief),
                          account);
}

static void
validate_accounts (Check         *check,
                   MrOrderItem   *item,
                   const Subject *subject)
{
  GPtrArray *problems = check->problems;
  /* for many mailboxes, the valid addresses of earlier mailboxes on this
   * item (the accounts' own strings, emptied for each item) */
  GHashTable *seen = check->seen_prefixes;
  MrEmailProvider provider = mr_order_item_get_email_provider (item);
  guint n = mr_order_item_get_n_accounts (item);
  guint min = mr_email_provider_min_accounts (provider);
  guint max = mr_email_provider_max_accounts (provider);
  guint existing = mr_order_item_get_existing_accounts (item);
  const char *shown = subject->shown;
  g_autofree char *message = NULL;
  g_autofree char *brief = NULL;
  /* a few mailboxes (Google, AirMail) are compared one by one; Microsoft's
   * 50 to 100 go through the table */
  const char *few[8];
  guint n_few = 0;
  gboolean use_table = n > G_N_ELEMENTS (few);

  if (use_table)
    g_hash_table_remove_all (seen);

  if (mr_order_get_order_type (check->order) == MR_ORDER_TYPE_EXTRA_ACCOUNTS &&
      provider == MR_EMAIL_PROVIDER_MICROSOFT)
    {
      message = g_strdup_printf (_("%s cannot get extra mailboxes: Microsoft domains do not "
                                   "support them"), shown);
      add_problem (problems, MR_PROBLEM_PROVIDER_UNSUPPORTED, subject, NULL, NULL, message,
                   _("No extra mailboxes: Microsoft domains do not support them"));
      return;
    }

  if (n == 0)
    {
      if (check->no_accounts_brief == NULL || check->brief_min != min)
        {
          g_free (check->no_accounts_brief);
          /* the row says "No mailboxes" already */
          check->no_accounts_brief = g_strdup_printf (ngettext ("Add at least %u mailbox",
                                                                "Add at least %u mailboxes",
                                                                min), min);
          check->brief_min = min;
        }
      message = g_strdup_printf (_("%s has no mailboxes: add at least %u"), shown, min);
      add_problem (problems, MR_PROBLEM_NO_ACCOUNTS, subject, NULL, NULL, message,
                   check->no_accounts_brief);
      return;
    }

  if (existing > 0 && n > 0 && n + existing > max)
    {
      const char *provider_label = mr_email_provider_to_label (provider);
      guint room = mr_order_item_get_max_new_accounts (item);

      /* Translators: "Google allows 5 mailboxes on example.com; it has 2, so add at most 3" */
      message = g_strdup_printf (_("%s allows %u mailboxes on %s; it has %u, so add at most %u"),
                                 provider_label, max, shown, existing, room);
      /* Translators: on the domain's row: "Google allows 5 mailboxes; this domain has 2, so
       * add at most 3" */
      brief = g_strdup_printf (_("%s allows %u mailboxes; this domain has %u, so add at most %u"),
                               provider_label, max, existing, room);
      add_problem (problems, MR_PROBLEM_ACCOUNT_COUNT, subject, NULL, NULL, message, brief);
    }
  else if (existing == 0 && (n < min || n > max))
    {
      const char *provider_label = mr_email_provider_to_label (provider);

      /* Translators: "Microsoft needs 50 to 100 mailboxes on example.com; it has 3" */
      message = g_strdup_printf (_("%s needs %u to %u mailboxes on %s; it has %u"),
                                 provider_label, min, max, shown, n);
      /* Translators: on the domain's row: "Microsoft needs 50 to 100 mailboxes; this
       * domain has 3" */
      brief = g_strdup_printf (_("%s needs %u to %u mailboxes; this domain has %u"),
                               provider_label, min, max, n);
      add_problem (problems, MR_PROBLEM_ACCOUNT_COUNT, subject, NULL, NULL, message, brief);
    }

  for (guint i = 0; i < n; i++)
    {
      MrAccount *account = mr_order_item_get_account (item, i);
      const char *prefix = mr_account_get_email_address_prefix (account);
      g_auto(Who) who = { NULL, NULL };
      g_autofree char *reason = NULL;

      if (_mr_text_is_blank (mr_account_get_first_name (account)))
        add_mailbox_problem (check, subject, account, i, &who, MAILBOX_NO_FIRST_NAME, NULL);

      if (_mr_text_is_blank (mr_account_get_last_name (account)))
        add_mailbox_problem (check, subject, account, i, &who, MAILBOX_NO_LAST_NAME, NULL);

      if (!mr_email_prefix_is_valid (prefix, &reason))
        {
          add_mailbox_problem (check, subject, account, i, &who, MAILBOX_BAD_ADDRESS, reason);
          continue;
        }

      if (use_table ? g_hash_table_contains (seen, prefix) : listed_in (few, n_few, prefix))
        {
          add_mailbox_problem (check, subject, account, i, &who, MAILBOX_LISTED_TWICE, NULL);
          continue;
        }

      if (use_table)
        g_hash_table_add (seen, (gpointer) prefix);
      else
        few[n_few++] = prefix;
    }
}

static void
validate_item (Check       *check,
               MrOrderItem *item)
{
  GPtrArray *problems = check->problems;
  GHashTable *seen_domains = check->seen_domains;
  MrOrderType order_type = mr_order_get_order_type (check->order);
  const char *forwarding = mr_order_item_get_forwarding_domain (item);
  /* normalised once for as long as the item keeps its name */
  const char *ascii = mr_order_item_get_domain_ascii (item);
  g_autofree char *stripped = NULL;
  g_autofree char *message = NULL;
  Subject subject;

  subject.key = mr_order_item_get_domain_key (item);
  if (ascii != NULL)
    {
      const char *domain = mr_order_item_get_domain (item);

      /* what was typed, as it was typed (but for the spaces around it) */
      if (!_mr_text_is_trimmed (domain))
        domain = stripped = g_strstrip (g_strdup (domain));
      subject.shown = domain;
      subject.domain = ascii;
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *none = NULL;

      stripped = g_strstrip (g_strdup (mr_order_item_get_domain (item)));
      subject.shown = stripped;
      subject.domain = stripped;

      /* the reason, again: names that cannot be normalised are few */
      none = mr_domain_name_normalize (stripped, &error);
      g_assert (none == NULL && error != NULL);
      add_problem (problems, MR_PROBLEM_DOMAIN_INVALID, &subject, NULL, NULL, error->message,
                   mr_domain_name_error_get_brief (error));
    }

  if (ascii != NULL && !tld_allowed (order_type, ascii))
    {
      if (order_type == MR_ORDER_TYPE_PRE_WARMED_UP)
        {
          message = g_strdup_printf (_("%s cannot be ordered: pre-warmed domains end in .com, "
                                       ".org or .co"), subject.shown);
          add_problem (problems, MR_PROBLEM_DOMAIN_TLD, &subject, NULL, NULL, message,
                       _("Cannot be ordered: pre-warmed domains end in .com, .org or .co"));
        }
      else
        {
          message = g_strdup_printf (_("%s cannot be ordered: only .com and .org can be "
                                       "ordered"), subject.shown);
          add_problem (problems, MR_PROBLEM_DOMAIN_TLD, &subject, NULL, NULL, message,
                       _("Cannot be ordered: only .com and .org can be ordered"));
        }
      g_clear_pointer (&message, g_free);
    }

  if (ascii != NULL)
    {
      if (g_hash_table_contains (seen_domains, ascii))
        {
          message = g_strdup_printf (_("%s is in the order more than once"), subject.shown);
          add_problem (problems, MR_PROBLEM_DOMAIN_DUPLICATE, &subject, NULL, NULL, message,
                       _("Already in the order"));
          g_clear_pointer (&message, g_free);
        }
      else
        {
          /* the item's own string: the table lives for this pass only */
          g_hash_table_add (seen_domains, (gpointer) ascii);
        }
    }

  if (!_mr_text_is_blank (forwarding))
    {
      g_autoptr(GError) forwarding_error = NULL;
      g_autofree char *forwarding_ascii = mr_domain_name_normalize (forwarding,
                                                                    &forwarding_error);
      g_autofree char *brief = NULL;

      if (forwarding_ascii == NULL)
        {
          message = g_strdup_printf (_("The forwarding domain of %s is not valid: %s"),
                                     subject.shown, forwarding_error->message);
          brief = g_strdup_printf (_("The forwarding domain is not valid: %s"),
                                   forwarding_error->message);
          add_problem (problems, MR_PROBLEM_FORWARDING_DOMAIN, &subject, NULL, forwarding,
                       message, brief);
          g_clear_pointer (&message, g_free);
        }
      else if (ascii != NULL && g_str_equal (ascii, forwarding_ascii))
        {
          message = g_strdup_printf (_("%s cannot forward to itself: choose a different "
                                       "forwarding domain"), subject.shown);
          add_problem (problems, MR_PROBLEM_FORWARDING_DOMAIN, &subject, NULL, forwarding,
                       message,
                       _("Cannot forward to itself: choose a different forwarding domain"));
          g_clear_pointer (&message, g_free);
        }
    }

  /* pre-warmed domains come with their mailboxes */
  if (order_type != MR_ORDER_TYPE_PRE_WARMED_UP)
    validate_accounts (check, item, &subject);
}

GPtrArray *
mr_order_validate (MrOrder *self)
{
  g_auto(Check) check = { NULL, };
  guint n_items;

  g_return_val_if_fail (MR_IS_ORDER (self), NULL);

  check.order = self;
  check.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_problem_free);
  check.seen_domains = g_hash_table_new (g_str_hash, g_str_equal);
  check.seen_prefixes = g_hash_table_new (prefix_hash, prefix_equal);
  n_items = mr_order_get_n_items (self);

  if (n_items == 0)
    add_problem (check.problems, MR_PROBLEM_ORDER_EMPTY, NULL, NULL, NULL,
                 _("The order is empty: add a domain"), NULL);

  for (guint i = 0; i < n_items; i++)
    validate_item (&check, mr_order_get_item (self, i));

  return g_steal_pointer (&check.problems);
}
