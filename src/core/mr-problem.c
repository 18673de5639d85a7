/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-problem"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mr-problem-private.h"

#include "mr-domain-name.h"

G_DEFINE_FINAL_TYPE (MrProblem, mr_problem, G_TYPE_OBJECT)

static const char *
default_field (MrProblemKind  kind,
               const char    *detail)
{
  switch (kind)
    {
    case MR_PROBLEM_ACCOUNT_NAME:
      return g_strcmp0 (detail, "last_name") == 0 ? "last_name" : "first_name";

    case MR_PROBLEM_ACCOUNT_PREFIX:
    case MR_PROBLEM_ACCOUNT_DUPLICATE:
      return "email_address_prefix";

    case MR_PROBLEM_FORWARDING_DOMAIN:
      return "forwarding_domain";

    case MR_PROBLEM_PROVIDER_MISMATCH:
    case MR_PROBLEM_PROVIDER_UNSUPPORTED:
    case MR_PROBLEM_PROVIDER_UNAVAILABLE:
      return "email_provider";

    case MR_PROBLEM_DOMAIN_INVALID:
    case MR_PROBLEM_DOMAIN_TLD:
    case MR_PROBLEM_DOMAIN_DUPLICATE:
    case MR_PROBLEM_DOMAIN_UNAVAILABLE:
    case MR_PROBLEM_DOMAIN_BLACKLISTED:
      return "domain";

    case MR_PROBLEM_ORDER_EMPTY:
    case MR_PROBLEM_MISSING_DOMAIN_ORDER:
    case MR_PROBLEM_NO_ACCOUNTS:
    case MR_PROBLEM_ACCOUNT_COUNT:
    case MR_PROBLEM_ACCOUNT_INVALID:
    case MR_PROBLEM_PAYMENT_FAILED:
    default:
      return NULL;
    }
}

static void
mr_problem_finalize (GObject *object)
{
  MrProblem *self = MR_PROBLEM (object);

  g_free (self->domain);
  g_free (self->account_prefix);
  g_free (self->field);
  g_free (self->detail);
  g_free (self->message);
  g_free (self->short_message);
  g_free (self->key);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (mr_problem_parent_class)->finalize (object);
}

static void
mr_problem_class_init (MrProblemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mr_problem_finalize;
}

static void
mr_problem_init (MrProblem *self)
{
}

static MrProblem *
problem_new (MrProblemKind  kind,
             const char    *domain,
             char          *key,
             const char    *account_prefix,
             const char    *detail,
             const char    *message)
{
  MrProblem *self = g_object_new (MR_TYPE_PROBLEM, NULL);

  self->kind = kind;
  self->severity = MR_PROBLEM_BLOCKS;
  self->origin = MR_PROBLEM_LOCAL;
  self->domain = g_strdup (domain);
  self->key = key;
  self->account_prefix = g_strdup (account_prefix);
  self->field = g_strdup (default_field (kind, detail));
  self->detail = g_strdup (detail);
  self->message = g_strdup (message);

  return self;
}

MrProblem *
mr_problem_new (MrProblemKind  kind,
                const char    *domain,
                const char    *account_prefix,
                const char    *detail,
                const char    *message)
{
  return problem_new (kind, domain, domain != NULL ? mr_domain_key (domain) : NULL,
                      account_prefix, detail, message);
}

MrProblem *
mr_problem_new_keyed (MrProblemKind  kind,
                      const char    *domain,
                      const char    *key,
                      const char    *account_prefix,
                      const char    *detail,
                      const char    *message)
{
  g_return_val_if_fail ((domain == NULL) == (key == NULL), NULL);

  return problem_new (kind, domain, g_strdup (key), account_prefix, detail, message);
}

MrProblem *
mr_problem_copy (const MrProblem *self)
{
  g_return_val_if_fail (MR_IS_PROBLEM ((MrProblem *) self), NULL);

  return g_object_ref ((MrProblem *) self);
}

void
mr_problem_free (MrProblem *self)
{
  if (self != NULL)
    g_object_unref (self);
}

void
mr_problem_set_origin (MrProblem       *self,
                       MrProblemOrigin  origin)
{
  g_return_if_fail (MR_IS_PROBLEM (self));

  self->origin = origin;
}

void
mr_problem_set_severity (MrProblem         *self,
                         MrProblemSeverity  severity)
{
  g_return_if_fail (MR_IS_PROBLEM (self));

  self->severity = severity;
}

void
mr_problem_set_field (MrProblem  *self,
                      const char *field)
{
  g_return_if_fail (MR_IS_PROBLEM (self));

  g_free (self->field);
  self->field = g_strdup (field);
}

void
mr_problem_set_account (MrProblem *self,
                        MrAccount *account)
{
  g_return_if_fail (MR_IS_PROBLEM (self));

  g_set_object (&self->account, account);
}

void
mr_problem_set_message (MrProblem  *self,
                        const char *message)
{
  g_return_if_fail (MR_IS_PROBLEM (self));

  g_free (self->message);
  self->message = g_strdup (message);
}

void
mr_problem_set_short_message (MrProblem  *self,
                              const char *short_message)
{
  g_return_if_fail (MR_IS_PROBLEM (self));

  g_free (self->short_message);
  self->short_message = g_strdup (short_message);
}

/* The availability check knows a name is taken or restricted */
static char *
check_sentence (MrProblemKind  kind,
                const char    *domain,
                const char    *detail,
                gboolean       brief)
{
  gboolean has_detail = detail != NULL && *detail != '\0';

  if (kind == MR_PROBLEM_DOMAIN_UNAVAILABLE && brief)
    return g_strdup (_("Taken: it cannot be registered"));
  if (kind == MR_PROBLEM_DOMAIN_UNAVAILABLE)
    return g_strdup_printf (_("%s is taken: it cannot be registered"), domain);

  if (kind != MR_PROBLEM_DOMAIN_BLACKLISTED)
    return NULL;
  if (brief && has_detail)
    return g_strdup_printf (_("Contains the restricted word “%s”"), detail);
  if (has_detail)
    return g_strdup_printf (_("%s contains the restricted word “%s”"), domain, detail);
  if (brief)
    return g_strdup (_("Contains a restricted word, such as a trademark"));
  return g_strdup_printf (_("%s contains a restricted word, such as a trademark"), domain);
}

/* A mailbox the server does not take: a placement "refused" it, a quote
 * only says it would not */
static char *
mailbox_sentence (MrServerSays  says,
                  const char   *mailbox,
                  const char   *detail,
                  gboolean      brief)
{
  gboolean has_detail = detail != NULL && *detail != '\0';

  /* on the domain's row a mailbox is named by its prefix: none, no sentence */
  if (brief && (mailbox == NULL || *mailbox == '\0'))
    return NULL;

  if (says == MR_SERVER_SAYS_QUOTE && has_detail)
    return g_strdup_printf (_("The server does not accept the mailbox %s: %s"), mailbox, detail);
  if (says == MR_SERVER_SAYS_QUOTE)
    return g_strdup_printf (_("The server does not accept the mailbox %s. "
                              "Check its name and address."), mailbox);
  if (has_detail)
    return g_strdup_printf (_("The mailbox %s was refused: %s"), mailbox, detail);
  return g_strdup_printf (_("The mailbox %s was refused. Check its name and address."), mailbox);
}

char *
_mr_problem_server_sentence (MrProblemKind  kind,
                             MrServerSays   says,
                             const char    *domain,
                             const char    *mailbox,
                             const char    *detail,
                             gboolean       brief)
{
  gboolean has_detail = detail != NULL && *detail != '\0';

  if (says == MR_SERVER_SAYS_CHECK)
    return check_sentence (kind, domain, detail, brief);

  switch (kind)
    {
    case MR_PROBLEM_DOMAIN_INVALID:
      /* a wrong ending is not a spelling mistake: say what can be ordered
       * (in brief, as the local check of the ending says it) */
      if (domain != NULL && strchr (domain, '.') != NULL && !mr_domain_name_is_dfy_tld (domain))
        {
          if (brief)
            return g_strdup (_("Cannot be ordered: only .com and .org can be ordered"));
          return g_strdup_printf (_("“%s” cannot be ordered: only .com and .org can be ordered."),
                                  domain);
        }
      if (brief)
        return g_strdup (_("Instantly does not accept this domain. Check the spelling; new "
                           "domains must end in .com or .org."));
      return g_strdup_printf (_("Instantly does not accept “%s” as a domain. Check the spelling; "
                                "new domains must end in .com or .org."),
                              domain);

    case MR_PROBLEM_DOMAIN_UNAVAILABLE:
      if (brief)
        return g_strdup (_("Not available: already registered or cannot be ordered. Choose "
                           "another domain."));
      return g_strdup_printf (_("%s is not available: it is already registered or cannot be "
                                "ordered. Choose another domain."),
                              domain);

    case MR_PROBLEM_DOMAIN_BLACKLISTED:
      if (brief && has_detail)
        return g_strdup_printf (_("Contains the restricted keyword “%s” (a trademark or "
                                  "similar). Choose a domain without it."), detail);
      if (has_detail)
        return g_strdup_printf (_("%s contains the restricted keyword “%s” (a trademark or "
                                  "similar). Choose a domain without it."),
                                domain, detail);
      if (brief)
        return g_strdup (_("Contains a restricted word, such as a trademark. Choose another "
                           "domain."));
      return g_strdup_printf (_("%s contains a restricted word, such as a trademark. Choose "
                                "another domain."),
                              domain);

    case MR_PROBLEM_FORWARDING_DOMAIN:
      if (brief && has_detail)
        return g_strdup_printf (_("The forwarding domain “%s” was refused. Use a real domain "
                                  "that is different from this one."), detail);
      if (has_detail)
        return g_strdup_printf (_("The forwarding domain “%s” of %s was refused. Use a real "
                                  "domain that is different from %s."),
                                detail, domain, domain);
      if (brief)
        return g_strdup (_("The forwarding domain was refused. Use a real domain that is "
                           "different from this one."));
      return g_strdup_printf (_("The forwarding domain of %s was refused. Use a real domain that "
                                "is different from %s."),
                              domain, domain);

    case MR_PROBLEM_MISSING_DOMAIN_ORDER:
      if (brief)
        return g_strdup (_("Not ordered in this workspace yet, so extra mailboxes cannot be "
                           "added to it. Order it as a new domain instead."));
      return g_strdup_printf (_("%s has not been ordered in this workspace yet, so extra "
                                "mailboxes cannot be added to it. Order it as a new domain "
                                "instead."),
                              domain);

    case MR_PROBLEM_PROVIDER_MISMATCH:
      if (brief)
        return g_strdup (_("Already has mailboxes with another email provider. All mailboxes "
                           "on a domain must use the same provider."));
      return g_strdup_printf (_("%s already has mailboxes with another email provider. All "
                                "mailboxes on a domain must use the same provider."),
                              domain);

    case MR_PROBLEM_PROVIDER_UNSUPPORTED:
      if (brief)
        return g_strdup (_("Extra mailboxes cannot be added: the email provider of this "
                           "domain does not allow it through the API."));
      return g_strdup_printf (_("Extra mailboxes cannot be added to %s: its email provider does "
                                "not allow it through the API."),
                              domain);

    case MR_PROBLEM_NO_ACCOUNTS:
      if (brief)
        return g_strdup (_("No mailboxes. Add at least one mailbox."));
      return g_strdup_printf (_("%s has no mailboxes. Add at least one mailbox to it."), domain);

    case MR_PROBLEM_ACCOUNT_INVALID:
      return mailbox_sentence (says, mailbox, detail, brief);

    case MR_PROBLEM_ORDER_EMPTY:
    case MR_PROBLEM_DOMAIN_TLD:
    case MR_PROBLEM_DOMAIN_DUPLICATE:
    case MR_PROBLEM_ACCOUNT_COUNT:
    case MR_PROBLEM_PROVIDER_UNAVAILABLE:
    case MR_PROBLEM_ACCOUNT_NAME:
    case MR_PROBLEM_ACCOUNT_PREFIX:
    case MR_PROBLEM_ACCOUNT_DUPLICATE:
    case MR_PROBLEM_PAYMENT_FAILED:
    default:
      return NULL;
    }
}

const char *
mr_problem_get_short_message (MrProblem *self)
{
  g_return_val_if_fail (MR_IS_PROBLEM (self), NULL);

  /* the server's sentences are made when first shown in a row: most
   * problems of a long order are never on screen */
  if (self->short_message == NULL && self->domain != NULL && self->origin == MR_PROBLEM_SERVER)
    self->short_message = _mr_problem_server_sentence (self->kind, MR_SERVER_SAYS_ORDER,
                                                       self->domain, self->account_prefix,
                                                       self->detail, TRUE);

  if (self->short_message != NULL)
    return self->short_message;

  return self->message != NULL ? self->message : "";
}

const char *
mr_problem_get_text (MrProblem *self,
                     gboolean   domain_shown)
{
  g_return_val_if_fail (MR_IS_PROBLEM (self), NULL);

  if (domain_shown && self->domain != NULL)
    return mr_problem_get_short_message (self);

  return self->message != NULL ? self->message : "";
}

static gboolean
prefix_equal (const char *a,
              const char *b)
{
  if (a == NULL || b == NULL)
    return a == b || (a == NULL && *b == '\0') || (b == NULL && *a == '\0');

  return g_ascii_strcasecmp (a, b) == 0;
}

gboolean
mr_problem_equal (const MrProblem *a,
                  const MrProblem *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->kind != b->kind ||
      g_strcmp0 (a->field, b->field) != 0 ||
      !prefix_equal (a->account_prefix, b->account_prefix))
    return FALSE;

  if (a->domain != NULL || b->domain != NULL)
    {
      if (a->domain == NULL || b->domain == NULL)
        return FALSE;

      if (!g_str_equal (a->key, b->key))
        return FALSE;
    }

  /* two unnamed mailboxes of one domain: "mailbox 2" is not "mailbox 3" */
  if (a->account_prefix == NULL || *a->account_prefix == '\0')
    {
      if (a->account != NULL && b->account != NULL)
        return a->account == b->account;
      if (a->kind == MR_PROBLEM_ACCOUNT_NAME || a->kind == MR_PROBLEM_ACCOUNT_PREFIX)
        return g_strcmp0 (a->message, b->message) == 0;
    }

  return TRUE;
}

static guint
ascii_case_hash (const char *s)
{
  guint hash = 5381;

  for (; s != NULL && *s != '\0'; s++)
    hash = (hash << 5) + hash + (guchar) g_ascii_tolower (*s);

  return hash;
}

gboolean
mr_problem_kind_excludes_domain (MrProblemKind kind)
{
  switch (kind)
    {
    case MR_PROBLEM_DOMAIN_INVALID:
    case MR_PROBLEM_DOMAIN_TLD:
    case MR_PROBLEM_DOMAIN_DUPLICATE:
    case MR_PROBLEM_DOMAIN_UNAVAILABLE:
    case MR_PROBLEM_DOMAIN_BLACKLISTED:
      return TRUE;

    case MR_PROBLEM_ORDER_EMPTY:
    case MR_PROBLEM_FORWARDING_DOMAIN:
    case MR_PROBLEM_MISSING_DOMAIN_ORDER:
    case MR_PROBLEM_NO_ACCOUNTS:
    case MR_PROBLEM_ACCOUNT_COUNT:
    case MR_PROBLEM_PROVIDER_MISMATCH:
    case MR_PROBLEM_PROVIDER_UNSUPPORTED:
    case MR_PROBLEM_PROVIDER_UNAVAILABLE:
    case MR_PROBLEM_ACCOUNT_NAME:
    case MR_PROBLEM_ACCOUNT_PREFIX:
    case MR_PROBLEM_ACCOUNT_DUPLICATE:
    case MR_PROBLEM_ACCOUNT_INVALID:
    case MR_PROBLEM_PAYMENT_FAILED:
    default:
      return FALSE;
    }
}

guint
mr_problem_hash (const MrProblem *self)
{
  guint hash;

  g_return_val_if_fail (self != NULL, 0);

  /* only what mr_problem_equal always compares: kind, field, the prefix
   * (case-insensitive, NULL as ""), the domain key */
  hash = (guint) self->kind * 16777619u;
  hash ^= self->field != NULL ? g_str_hash (self->field) : 0;
  hash = hash * 31 + ascii_case_hash (self->account_prefix);
  hash = hash * 31 + (self->key != NULL ? g_str_hash (self->key) : 7u);

  return hash;
}

GPtrArray *
mr_problems_dedupe (GPtrArray *problems)
{
  g_autoptr(GHashTable) seen = NULL;
  GPtrArray *once;

  g_return_val_if_fail (problems != NULL, NULL);

  seen = g_hash_table_new ((GHashFunc) mr_problem_hash, (GEqualFunc) mr_problem_equal);
  once = g_ptr_array_new_full (problems->len, g_object_unref);
  for (guint i = 0; i < problems->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (problems, i);

      if (g_hash_table_contains (seen, problem))
        continue;

      g_hash_table_add (seen, problem);
      g_ptr_array_add (once, g_object_ref (problem));
    }

  return once;
}

static GQuark
touched_quark (void)
{
  return g_quark_from_static_string ("mr-touched-fields");
}

static guint
field_bit (const char *field)
{
  if (g_strcmp0 (field, "first_name") == 0)
    return 1 << 0;
  if (g_strcmp0 (field, "last_name") == 0)
    return 1 << 1;
  if (g_strcmp0 (field, "email_address_prefix") == 0)
    return 1 << 2;

  return 1 << 3;
}

void
mr_account_mark_touched (MrAccount  *account,
                         const char *field)
{
  guint bits;

  g_return_if_fail (MR_IS_ACCOUNT (account));

  bits = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (account), touched_quark ()));
  g_object_set_qdata (G_OBJECT (account), touched_quark (),
                      GUINT_TO_POINTER (bits | field_bit (field)));
}

gboolean
mr_account_is_touched (MrAccount  *account,
                       const char *field)
{
  guint bits;

  g_return_val_if_fail (MR_IS_ACCOUNT (account), FALSE);

  bits = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (account), touched_quark ()));

  return (bits & field_bit (field)) != 0;
}
