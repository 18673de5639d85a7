/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-order-bulk"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mr-order-bulk.h"

#define MAX_PREFIX_LENGTH 64

G_DEFINE_ENUM_TYPE (MrAddressPattern, mr_address_pattern,
  G_DEFINE_ENUM_VALUE (MR_ADDRESS_PATTERN_FIRST, "first"),
  G_DEFINE_ENUM_VALUE (MR_ADDRESS_PATTERN_FIRST_DOT_LAST, "first.last"),
  G_DEFINE_ENUM_VALUE (MR_ADDRESS_PATTERN_FIRSTLAST, "firstlast"),
  G_DEFINE_ENUM_VALUE (MR_ADDRESS_PATTERN_F_DOT_LAST, "f.last"),
  G_DEFINE_ENUM_VALUE (MR_ADDRESS_PATTERN_FIRST_DOT_L, "first.l"))

static const char * const pattern_names[] = {
  "first", "first.last", "firstlast", "f.last", "first.l",
};

const char *
mr_address_pattern_to_string (MrAddressPattern pattern)
{
  g_return_val_if_fail ((guint) pattern < G_N_ELEMENTS (pattern_names), NULL);

  return pattern_names[pattern];
}

gboolean
mr_address_pattern_from_string (const char       *str,
                                MrAddressPattern *out_pattern)
{
  g_return_val_if_fail (out_pattern != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (pattern_names); i++)
    {
      if (g_ascii_strcasecmp (str, pattern_names[i]) == 0)
        {
          *out_pattern = (MrAddressPattern) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* "Zoë Ann" -> "zoe-ann": ASCII-folded, a-z 0-9, inner runs of blanks,
 * hyphens and apostrophes-free punctuation become one hyphen */
static char *
fold_name (const char *name)
{
  g_autofree char *ascii = NULL;
  GString *out = g_string_new (NULL);

  if (name == NULL)
    return g_string_free (out, FALSE);

  ascii = g_str_to_ascii (name, "C");

  for (const char *p = ascii; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_islower (c) || g_ascii_isdigit (c))
        g_string_append_c (out, c);
      else if ((c == '-' || c == ' ' || c == '\t') && out->len > 0 &&
               out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
      /* apostrophes, dots and untransliterated characters are dropped */
    }

  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* the first character of a folded name, as a string */
static char *
initial (const char *folded)
{
  return g_strndup (folded, *folded != '\0' ? 1 : 0);
}

char *
mr_address_pattern_apply (MrAddressPattern  pattern,
                          const char       *first_name,
                          const char       *last_name)
{
  g_autofree char *first = fold_name (first_name);
  g_autofree char *last = fold_name (last_name);
  g_autofree char *f = initial (first);
  g_autofree char *l = initial (last);
  GString *out = g_string_new (NULL);
  const char *left = first;
  const char *right = NULL;
  const char *joint = ".";

  switch (pattern)
    {
    case MR_ADDRESS_PATTERN_FIRST:
      break;
    case MR_ADDRESS_PATTERN_FIRST_DOT_LAST:
      right = last;
      break;
    case MR_ADDRESS_PATTERN_FIRSTLAST:
      right = last;
      joint = "";
      break;
    case MR_ADDRESS_PATTERN_F_DOT_LAST:
      left = f;
      right = last;
      break;
    case MR_ADDRESS_PATTERN_FIRST_DOT_L:
      right = l;
      break;
    default:
      g_return_val_if_reached (g_string_free (out, FALSE));
    }

  /* a missing half falls back to the other one, never to ".doe" */
  if (*left == '\0' && right != NULL && *right != '\0')
    left = (pattern == MR_ADDRESS_PATTERN_F_DOT_LAST) ? last : right, right = NULL;

  g_string_append (out, left);
  if (right != NULL && *right != '\0' && out->len > 0)
    g_string_append (out, joint);
  if (right != NULL)
    g_string_append (out, right);

  if (out->len > MAX_PREFIX_LENGTH)
    g_string_truncate (out, MAX_PREFIX_LENGTH);
  while (out->len > 0 && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == '-'))
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

static void
skip_free (MrBulkSkip *skip)
{
  g_free (skip->what);
  g_free (skip->reason);
  g_free (skip->who);
  g_free (skip->domain);
  g_free (skip);
}

MrBulkReport *
mr_bulk_report_new (void)
{
  MrBulkReport *report = g_new0 (MrBulkReport, 1);

  report->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skip_free);

  return report;
}

void
mr_bulk_report_free (MrBulkReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->skipped);
  g_free (report);
}

void
mr_bulk_report_add_skip (MrBulkReport *report,
                         const char   *what,
                         const char   *reason)
{
  MrBulkSkip *skip;

  g_return_if_fail (report != NULL);

  skip = g_new0 (MrBulkSkip, 1);
  skip->what = g_strdup (what != NULL ? what : "");
  skip->reason = g_strdup (reason);
  g_ptr_array_add (report->skipped, skip);
}

void
mr_bulk_report_add_skip_for (MrBulkReport *report,
                             const char   *who,
                             const char   *domain,
                             const char   *reason)
{
  g_autofree char *what = NULL;
  MrBulkSkip *skip;

  g_return_if_fail (report != NULL);
  g_return_if_fail (who != NULL && domain != NULL);

  what = g_strdup_printf ("%s (%s)", who, domain);
  mr_bulk_report_add_skip (report, what, reason);
  skip = g_ptr_array_index (report->skipped, report->skipped->len - 1);
  skip->who = g_strdup (who);
  skip->domain = g_strdup (domain);
}

char *
mr_bulk_report_describe (MrBulkReport *report)
{
  g_autofree char *done = NULL;
  g_autofree char *domains = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  domains = g_strdup_printf (ngettext ("%u domain", "%u domains", report->n_domains),
                             report->n_domains);

  if (report->n_removed > 0)
    done = g_strdup_printf (ngettext ("Removed %u domain", "Removed %u domains",
                                      report->n_removed),
                            report->n_removed);
  else if (report->n_added > 0)
    /* Translators: "Added 100 mailboxes to 50 domains" */
    done = g_strdup_printf (ngettext ("Added %u mailbox to %s", "Added %u mailboxes to %s",
                                      report->n_added),
                            report->n_added, domains);
  else if (report->n_domains > 0)
    done = g_strdup_printf (_("Changed %s"), domains);
  else
    done = g_strdup (_("Nothing changed"));

  if (report->skipped->len == 0)
    return g_strdup_printf ("%s.", done);

  /* Translators: "Added 98 mailboxes to 50 domains; 2 left out." */
  return g_strdup_printf (ngettext ("%s; %u left out.", "%s; %u left out.",
                                    report->skipped->len),
                          done, report->skipped->len);
}

void
mr_bulk_report_merge (MrBulkReport *into,
                      MrBulkReport *from)
{
  g_return_if_fail (into != NULL);
  g_return_if_fail (from != NULL);

  /* the same domains, touched by each operation */
  into->n_domains = MAX (into->n_domains, from->n_domains);
  into->n_added += from->n_added;
  into->n_removed += from->n_removed;

  for (guint i = 0; i < from->skipped->len; i++)
    {
      MrBulkSkip *skip = g_ptr_array_index (from->skipped, i);

      if (skip->who != NULL && skip->domain != NULL)
        mr_bulk_report_add_skip_for (into, skip->who, skip->domain, skip->reason);
      else
        mr_bulk_report_add_skip (into, skip->what, skip->reason);
    }
}

void
mr_person_free (MrPerson *person)
{
  if (person == NULL)
    return;

  g_free (person->first_name);
  g_free (person->last_name);
  g_free (person);
}

static gboolean
same_names (const char *first_a,
            const char *last_a,
            const char *first_b,
            const char *last_b)
{
  g_autofree char *a = g_utf8_casefold (first_a != NULL ? first_a : "", -1);
  g_autofree char *b = g_utf8_casefold (first_b != NULL ? first_b : "", -1);
  g_autofree char *c = g_utf8_casefold (last_a != NULL ? last_a : "", -1);
  g_autofree char *d = g_utf8_casefold (last_b != NULL ? last_b : "", -1);

  return g_str_equal (a, b) && g_str_equal (c, d);
}

GPtrArray *
mr_people_parse (const char   *text,
                 MrBulkReport *report)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_person_free);
  g_auto(GStrv) entries = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_steal_pointer (&people);

  entries = g_strsplit_set (text, ",;\r\n", -1);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (entries[i]), " \t", -1);
      g_autoptr(GString) last = g_string_new (NULL);
      const char *first = NULL;
      gboolean twice = FALSE;
      MrPerson *person;

      for (guint j = 0; words[j] != NULL; j++)
        {
          if (*words[j] == '\0')
            continue;
          if (first == NULL)
            {
              first = words[j];
              continue;
            }
          if (last->len > 0)
            g_string_append_c (last, ' ');
          g_string_append (last, words[j]);
        }

      if (first == NULL)
        continue;

      if (last->len == 0)
        {
          if (report != NULL)
            mr_bulk_report_add_skip (report, entries[i],
                                     _("A mailbox needs a first and a last name"));
          continue;
        }

      for (guint j = 0; j < people->len && !twice; j++)
        {
          MrPerson *other = g_ptr_array_index (people, j);

          twice = same_names (first, last->str, other->first_name, other->last_name);
        }

      if (twice)
        {
          if (report != NULL)
            mr_bulk_report_add_skip (report, entries[i], _("Listed more than once"));
          continue;
        }

      person = g_new0 (MrPerson, 1);
      person->first_name = g_strdup (first);
      person->last_name = g_string_free (g_steal_pointer (&last), FALSE);
      g_ptr_array_add (people, person);
    }

  return g_steal_pointer (&people);
}

/* @items, or every item of @order, as a new array of borrowed pointers */
static GPtrArray *
targets (MrOrder   *order,
         GPtrArray *items)
{
  GPtrArray *out;
  guint n;

  if (items != NULL)
    return g_ptr_array_ref (items);

  n = mr_order_get_n_items (order);
  out = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (out, mr_order_get_item (order, i));

  return out;
}

static gboolean
item_is_existing (MrOrder *order)
{
  return mr_order_get_order_type (order) == MR_ORDER_TYPE_EXTRA_ACCOUNTS;
}

MrBulkReport *
mr_order_bulk_set_provider (MrOrder         *order,
                            GPtrArray       *items,
                            MrEmailProvider  provider)
{
  g_autoptr(GPtrArray) list = NULL;
  MrBulkReport *report;
  guint max;

  g_return_val_if_fail (MR_IS_ORDER (order), NULL);
  g_return_val_if_fail (mr_email_provider_is_valid (provider), NULL);

  report = mr_bulk_report_new ();
  list = targets (order, items);
  max = mr_email_provider_max_accounts (provider);

  mr_order_begin_batch (order);
  for (guint i = 0; i < list->len; i++)
    {
      MrOrderItem *item = g_ptr_array_index (list, i);
      const char *domain = mr_order_item_get_domain (item);
      guint n = mr_order_item_get_n_accounts (item);

      if (mr_order_item_get_email_provider (item) == provider)
        continue;

      if (item_is_existing (order))
        {
          mr_bulk_report_add_skip (report, domain,
                                   _("The domain already exists; its provider stays as it is"));
          continue;
        }

      if (n > max)
        {
          g_autofree char *reason = NULL;

          /* Translators: "Google allows at most 5 mailboxes; this domain has 60" */
          reason = g_strdup_printf (_("%s allows at most %u mailboxes; this domain has %u"),
                                    mr_email_provider_to_label (provider), max, n);
          mr_bulk_report_add_skip (report, domain, reason);
          continue;
        }

      mr_order_item_set_email_provider (item, provider);
      report->n_domains++;
    }
  mr_order_end_batch (order);

  return report;
}

MrBulkReport *
mr_order_bulk_set_forwarding (MrOrder    *order,
                              GPtrArray  *items,
                              const char *forwarding_domain)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *forwarding = NULL;
  MrBulkReport *report;

  g_return_val_if_fail (MR_IS_ORDER (order), NULL);

  report = mr_bulk_report_new ();
  list = targets (order, items);
  forwarding = g_strstrip (g_strdup (forwarding_domain != NULL ? forwarding_domain : ""));

  mr_order_begin_batch (order);
  for (guint i = 0; i < list->len; i++)
    {
      MrOrderItem *item = g_ptr_array_index (list, i);

      if (g_str_equal (mr_order_item_get_forwarding_domain (item), forwarding))
        continue;

      if (item_is_existing (order))
        {
          mr_bulk_report_add_skip (report, mr_order_item_get_domain (item),
                                   _("The domain already exists; its forwarding stays as it is"));
          continue;
        }

      mr_order_item_set_forwarding_domain (item, forwarding);
      report->n_domains++;
    }
  mr_order_end_batch (order);

  return report;
}

/* The folded prefixes and names already on @item */
typedef struct
{
  GHashTable *prefixes;   /* lower-case prefix -> itself */
  guint       n;          /* mailboxes, the new ones included */
  guint       max;        /* how many the domain may have */
} Slots;

static void
slots_init (Slots       *slots,
            MrOrder     *order,
            MrOrderItem *item)
{
  guint n = mr_order_item_get_n_accounts (item);

  slots->prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  slots->n = n;
  slots->max = mr_order_item_get_max_new_accounts (item);

  for (guint i = 0; i < n; i++)
    {
      MrAccount *account = mr_order_item_get_account (item, i);

      g_hash_table_add (slots->prefixes,
                        g_ascii_strdown (mr_account_get_email_address_prefix (account), -1));
    }
}

/* @base, else base2, base3, ... : the first one free on the domain */
static char *
take_prefix (Slots      *slots,
             const char *base)
{
  char *candidate = g_strdup (base);

  for (guint n = 2; g_hash_table_contains (slots->prefixes, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s%u", base, n);
    }

  g_hash_table_add (slots->prefixes, g_strdup (candidate));

  return candidate;
}

static gboolean
person_on_item (MrOrderItem *item,
                MrPerson    *person)
{
  guint n = mr_order_item_get_n_accounts (item);

  for (guint i = 0; i < n; i++)
    {
      MrAccount *account = mr_order_item_get_account (item, i);

      if (same_names (mr_account_get_first_name (account), mr_account_get_last_name (account),
                      person->first_name, person->last_name))
        return TRUE;
    }

  return FALSE;
}

static char *
full_name (MrPerson *person)
{
  return g_strdup_printf ("%s %s", person->first_name, person->last_name);
}

static char *
full_reason (MrOrderItem *item,
             MrOrder     *order,
             guint        max)
{
  MrEmailProvider provider = mr_order_item_get_email_provider (item);

  if (mr_order_item_get_existing_accounts (item) > 0)
    return g_strdup_printf (ngettext ("Full: %s allows %u mailboxes and the domain already "
                                      "has %u",
                                      "Full: %s allows %u mailboxes and the domain already "
                                      "has %u",
                                      mr_email_provider_max_accounts (provider)),
                            mr_email_provider_to_label (provider),
                            mr_email_provider_max_accounts (provider),
                            mr_email_provider_max_accounts (provider) - max);

  return g_strdup_printf (ngettext ("Full: %s allows at most %u mailbox per domain",
                                    "Full: %s allows at most %u mailboxes per domain", max),
                          mr_email_provider_to_label (provider), max);
}

MrBulkReport *
mr_order_bulk_add_people (MrOrder          *order,
                          GPtrArray        *items,
                          GPtrArray        *people,
                          MrAddressPattern  pattern)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) bases = NULL;
  MrBulkReport *report;

  g_return_val_if_fail (MR_IS_ORDER (order), NULL);
  g_return_val_if_fail (people != NULL, NULL);

  report = mr_bulk_report_new ();
  list = targets (order, items);

  /* the base address of each person, once for all domains */
  bases = g_ptr_array_new_with_free_func (g_free);
  for (guint j = 0; j < people->len; j++)
    {
      MrPerson *person = g_ptr_array_index (people, j);

      g_ptr_array_add (bases, mr_address_pattern_apply (pattern, person->first_name,
                                                        person->last_name));
    }

  for (guint j = 0; j < people->len; j++)
    {
      if (*(const char *) g_ptr_array_index (bases, j) == '\0')
        {
          g_autofree char *who = full_name (g_ptr_array_index (people, j));

          mr_bulk_report_add_skip (report, who,
                                   _("No address can be made from this name: type one "
                                     "in the editor"));
        }
    }

  mr_order_begin_batch (order);
  for (guint i = 0; i < list->len; i++)
    {
      MrOrderItem *item = g_ptr_array_index (list, i);
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
      const char *domain = mr_order_item_get_domain (item);
      Slots slots;

      slots_init (&slots, order, item);

      for (guint j = 0; j < people->len; j++)
        {
          MrPerson *person = g_ptr_array_index (people, j);
          const char *base = g_ptr_array_index (bases, j);
          g_autofree char *prefix = NULL;

          if (*base == '\0')
            continue;

          if (person_on_item (item, person))
            {
              g_autofree char *who = full_name (person);

              mr_bulk_report_add_skip_for (report, who, domain,
                                           _("Already has a mailbox on this domain"));
              continue;
            }

          if (slots.n >= slots.max)
            {
              g_autofree char *who = full_name (person);
              g_autofree char *reason = full_reason (item, order, slots.max);

              mr_bulk_report_add_skip_for (report, who, domain, reason);
              continue;
            }

          prefix = take_prefix (&slots, base);
          g_ptr_array_add (added, mr_account_new (person->first_name, person->last_name, prefix));
          slots.n++;
        }

      g_hash_table_unref (slots.prefixes);

      if (added->len == 0)
        continue;

      mr_order_item_append_accounts (item, (MrAccount **) added->pdata, added->len);
      report->n_added += added->len;
      report->n_domains++;
    }
  mr_order_end_batch (order);

  return report;
}

MrBulkReport *
mr_order_bulk_fill (MrOrder          *order,
                    GPtrArray        *items,
                    GPtrArray        *people,
                    MrAddressPattern  pattern,
                    guint             n_accounts)
{
  g_autoptr(GPtrArray) list = NULL;
  MrBulkReport *report;

  g_return_val_if_fail (MR_IS_ORDER (order), NULL);

  report = mr_bulk_report_new ();
  list = targets (order, items);

  mr_order_begin_batch (order);
  for (guint i = 0; i < list->len; i++)
    {
      MrOrderItem *item = g_ptr_array_index (list, i);
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) own = NULL;
      const char *domain = mr_order_item_get_domain (item);
      GPtrArray *names = people;
      guint wanted = n_accounts;
      guint k = 0;
      Slots slots;

      slots_init (&slots, order, item);

      if (wanted > slots.max)
        {
          g_autofree char *reason = NULL;

          /* Translators: "Filled to 5: Google allows at most 5 mailboxes per domain" */
          reason = g_strdup_printf (_("Filled to %u: %s allows at most %u mailboxes per domain"),
                                    slots.max,
                                    mr_email_provider_to_label (mr_order_item_get_email_provider (item)),
                                    slots.max);
          mr_bulk_report_add_skip (report, domain, reason);
          wanted = slots.max;
        }

      if ((names == NULL || names->len == 0) && slots.n < wanted)
        {
          MrAccount *first = mr_order_item_get_account (item, 0);
          MrPerson *person;

          if (first == NULL)
            {
              mr_bulk_report_add_skip (report, domain,
                                       _("No names to make mailboxes from: add people first"));
              g_hash_table_unref (slots.prefixes);
              continue;
            }

          own = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_person_free);
          person = g_new0 (MrPerson, 1);
          person->first_name = g_strdup (mr_account_get_first_name (first));
          person->last_name = g_strdup (mr_account_get_last_name (first));
          g_ptr_array_add (own, person);
          names = own;
        }

      while (slots.n < wanted)
        {
          MrPerson *person = g_ptr_array_index (names, k % names->len);
          g_autofree char *base = mr_address_pattern_apply (pattern, person->first_name,
                                                            person->last_name);
          g_autofree char *prefix = NULL;

          k++;
          if (*base == '\0')
            {
              /* no one in the list gives an address */
              if (k >= names->len && added->len == 0)
                {
                  mr_bulk_report_add_skip (report, domain,
                                           _("No address can be made from these names"));
                  break;
                }
              continue;
            }

          prefix = take_prefix (&slots, base);
          g_ptr_array_add (added, mr_account_new (person->first_name, person->last_name, prefix));
          slots.n++;
        }

      g_hash_table_unref (slots.prefixes);

      if (added->len == 0)
        continue;

      mr_order_item_append_accounts (item, (MrAccount **) added->pdata, added->len);
      report->n_added += added->len;
      report->n_domains++;
    }
  mr_order_end_batch (order);

  return report;
}

MrBulkReport *
mr_order_bulk_remove (MrOrder   *order,
                      GPtrArray *items)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GHashTable) doomed = NULL;
  MrBulkReport *report;
  guint n;

  g_return_val_if_fail (MR_IS_ORDER (order), NULL);

  report = mr_bulk_report_new ();
  list = targets (order, items);
  doomed = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < list->len; i++)
    g_hash_table_add (doomed, g_ptr_array_index (list, i));

  n = mr_order_get_n_items (order);

  mr_order_begin_batch (order);
  if (g_hash_table_size (doomed) == n)
    {
      mr_order_remove_all (order);
      report->n_removed = n;
    }
  else
    {
      /* from the end, so positions stay valid */
      for (guint i = n; i > 0; i--)
        {
          if (!g_hash_table_contains (doomed, mr_order_get_item (order, i - 1)))
            continue;

          mr_order_remove_item (order, i - 1);
          report->n_removed++;
        }
    }
  mr_order_end_batch (order);

  report->n_domains = report->n_removed;

  return report;
}
