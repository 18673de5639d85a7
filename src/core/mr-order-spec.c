/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-order"

#include "config.h"

#include <string.h>

#include "mr-domain-name.h"
#include "mr-json-reader.h"
#include "mr-json-text-private.h"
#include "mr-model-private.h"
#include "mr-order-spec.h"

void
mr_order_spec_free (MrOrderSpec *spec)
{
  if (spec == NULL)
    return;

  g_free (spec->items);
  g_free (spec->accounts);
  if (spec->document != NULL)
    mr_json_doc_free (spec->document);
  g_free (spec);
}

MrOrder *
mr_order_spec_to_order (MrOrderSpec *spec)
{
  g_autoptr(GPtrArray) items = NULL;
  MrOrder *order;

  g_return_val_if_fail (spec != NULL, NULL);

  items = g_ptr_array_new_full (spec->n_items, g_object_unref);
  for (guint i = 0; i < spec->n_items; i++)
    {
      const MrOrderSpecItem *item = &spec->items[i];
      GPtrArray *accounts = g_ptr_array_new_full (item->n_accounts, g_object_unref);

      for (guint j = 0; j < item->n_accounts; j++)
        {
          const MrOrderSpecAccount *account = &item->accounts[j];

          g_ptr_array_add (accounts, _mr_account_new_take (g_strdup (account->first_name),
                                                           g_strdup (account->last_name),
                                                           g_strdup (account->email_address_prefix)));
        }

      g_ptr_array_add (items, _mr_order_item_new_take (g_strdup (item->domain), item->email_provider,
                                                       g_strdup (item->forwarding_domain),
                                                       accounts));
    }

  order = mr_order_new (spec->order_type);
  if (items->len > 0)
    mr_order_append_items (order, (MrOrderItem **) items->pdata, items->len);

  return order;
}

/* What follows mirrors mr_order_validate() (mr-order-validate.c) for an
 * order read from a file (no mailboxes exist yet), as a yes/no answer:
 * it only says an order is free of problems when that finds none.
 * test-order-spec holds the two to the same verdict. */

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
accounts_valid (MrOrderType            order_type,
                const MrOrderSpecItem *item,
                GHashTable            *seen)
{
  guint n = item->n_accounts;

  if (order_type == MR_ORDER_TYPE_PRE_WARMED_UP)
    return TRUE;

  if (order_type == MR_ORDER_TYPE_EXTRA_ACCOUNTS &&
      item->email_provider == MR_EMAIL_PROVIDER_MICROSOFT)
    return FALSE;

  if (n == 0 ||
      n < mr_email_provider_min_accounts (item->email_provider) ||
      n > mr_email_provider_max_accounts (item->email_provider))
    return FALSE;

  g_hash_table_remove_all (seen);

  for (guint i = 0; i < n; i++)
    {
      const MrOrderSpecAccount *account = &item->accounts[i];

      if (_mr_text_is_blank (account->first_name) || _mr_text_is_blank (account->last_name) ||
          !mr_email_prefix_is_valid (account->email_address_prefix, NULL))
        return FALSE;

      /* a few mailboxes are compared one by one */
      if (n <= 8)
        {
          for (guint j = 0; j < i; j++)
            if (prefix_equal (item->accounts[j].email_address_prefix, account->email_address_prefix))
              return FALSE;
        }
      else if (!g_hash_table_add (seen, (gpointer) account->email_address_prefix))
        {
          return FALSE;
        }
    }

  return TRUE;
}

#define APPEND_LITERAL(out, text) g_string_append_len ((out), (text), sizeof (text) - 1)

static void
write_accounts (GString               *out,
                const MrOrderSpecItem *item)
{
  /* the member names, quoted, with their colon */
  static const char * const member_texts[3] = {
    "\"email_address_prefix\":", "\"first_name\":", "\"last_name\":",
  };
  static const gsize member_lens[3] = {
    sizeof ("\"email_address_prefix\":") - 1, sizeof ("\"first_name\":") - 1,
    sizeof ("\"last_name\":") - 1,
  };

  for (guint j = 0; j < item->n_accounts; j++)
    {
      const MrOrderSpecAccount *account = &item->accounts[j];
      const char *values[3] = {
        account->email_address_prefix, account->first_name, account->last_name,
      };

      if (j > 0)
        g_string_append_c (out, ',');

      if (_mr_json_text_plain_object (out, member_texts, member_lens, values,
                                      G_N_ELEMENTS (values), TRUE))
        continue;

      g_string_append_c (out, '{');
      for (guint k = 0; k < G_N_ELEMENTS (member_texts); k++)
        {
          if (k > 0)
            g_string_append_c (out, ',');
          g_string_append_len (out, member_texts[k], member_lens[k]);
          _mr_json_text_stripped (out, values[k]);
        }
      g_string_append_c (out, '}');
    }
}

/* One item of the request; FALSE when it may have a problem.
 * @seen_domains owns the domains as the request sends them. */
static gboolean
write_item (MrOrderType            order_type,
            const MrOrderSpecItem *item,
            GHashTable            *seen_domains,
            GHashTable            *seen_prefixes,
            GString               *out)
{
  const char *forwarding = item->forwarding_domain;
  g_autofree char *ascii = NULL;
  g_autofree char *sent_forwarding = NULL;
  char *sent;

  /* what mr_order_validate() checks, the domain trimmed, and what the
   * request sends, as written: the same text nearly always */
  if (_mr_text_is_trimmed (item->domain))
    {
      ascii = mr_domain_name_normalize (item->domain, NULL);
    }
  else
    {
      g_autofree char *shown = g_strstrip (g_strdup (item->domain));

      ascii = mr_domain_name_normalize (shown, NULL);
    }

  if (ascii == NULL || !tld_allowed (order_type, ascii) ||
      g_hash_table_contains (seen_domains, ascii))
    return FALSE;

  if (!_mr_text_is_blank (forwarding))
    {
      g_autofree char *forwarding_ascii = mr_domain_name_normalize (forwarding, NULL);

      if (forwarding_ascii == NULL || g_str_equal (ascii, forwarding_ascii))
        return FALSE;

      if (_mr_text_is_trimmed (forwarding))
        {
          sent_forwarding = g_steal_pointer (&forwarding_ascii);
        }
      else
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (forwarding));

          sent_forwarding = _mr_json_text_request_domain (trimmed);
        }
    }

  if (!accounts_valid (order_type, item, seen_prefixes))
    return FALSE;

  sent = _mr_text_is_trimmed (item->domain) ? g_strdup (ascii) : _mr_json_text_request_domain (item->domain);
  g_hash_table_add (seen_domains, g_steal_pointer (&ascii));

  APPEND_LITERAL (out, "{\"domain\":");
  _mr_json_text_string (out, sent);
  g_free (sent);

  APPEND_LITERAL (out, ",\"email_provider\":");
  _mr_json_text_int (out, item->email_provider);

  if (sent_forwarding != NULL)
    {
      APPEND_LITERAL (out, ",\"forwarding_domain\":");
      _mr_json_text_string (out, sent_forwarding);
    }

  APPEND_LITERAL (out, ",\"accounts\":[");
  write_accounts (out, item);
  APPEND_LITERAL (out, "]}");

  return TRUE;
}

/* From this many domains on, the second half of the request is written
 * on a thread of its own: at 1,000 domains writing it costs a few
 * milliseconds, a thread well under 0.1 */
#define MIN_ITEMS_FOR_SPLIT 200

/* Items [@from, @to) of a request */
typedef struct
{
  MrOrderType            order_type;
  const MrOrderSpecItem *items;
  guint                  from;
  guint                  to;
  GHashTable            *seen_domains;
  GString               *out;
  gboolean               ok;
} Part;

/* Writes the items into part->out, made here unless given */
static gpointer
write_part_cb (gpointer data)
{
  Part *part = data;
  g_autoptr(GHashTable) seen_prefixes = g_hash_table_new (prefix_hash, prefix_equal);

  part->seen_domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (part->out == NULL)
    part->out = g_string_sized_new (64 + 400 * (part->to - part->from));
  part->ok = TRUE;

  for (guint i = part->from; i < part->to && part->ok; i++)
    {
      if (i > part->from)
        g_string_append_c (part->out, ',');

      part->ok = write_item (part->order_type, &part->items[i], part->seen_domains,
                             seen_prefixes, part->out);
    }

  return NULL;
}

static void
clear_part (Part *part)
{
  g_clear_pointer (&part->seen_domains, g_hash_table_unref);
  if (part->out != NULL)
    g_string_free (part->out, TRUE);
  part->out = NULL;
}

/* No domain of @second is in @first */
static gboolean
disjoint (GHashTable *first,
          GHashTable *second)
{
  GHashTableIter iter;
  gpointer domain;

  g_hash_table_iter_init (&iter, second);
  while (g_hash_table_iter_next (&iter, &domain, NULL))
    if (g_hash_table_contains (first, domain))
      return FALSE;

  return TRUE;
}

char *
mr_order_spec_write_request (MrOrderSpec *spec,
                             gboolean     simulation)
{
  Part parts[2] = { { 0, }, };
  GThread *thread = NULL;
  gboolean ok;
  GString *out;

  g_return_val_if_fail (spec != NULL, NULL);

  if (spec->n_items == 0)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      parts[i].order_type = spec->order_type;
      parts[i].items = spec->items;
    }
  parts[0].to = spec->n_items;

  /* the second half on a thread while this one writes the first */
  if (spec->n_items >= MIN_ITEMS_FOR_SPLIT)
    {
      parts[1].from = spec->n_items / 2;
      parts[1].to = spec->n_items;
      thread = g_thread_try_new ("mailroom-request", write_part_cb, &parts[1], NULL);
      if (thread != NULL)
        parts[0].to = parts[1].from;
    }

  /* the first half straight into the request */
  parts[0].out = out = g_string_sized_new (64 + 400 * spec->n_items);
  APPEND_LITERAL (out, "{\"items\":[");
  write_part_cb (&parts[0]);
  ok = parts[0].ok;

  if (thread != NULL)
    {
      g_thread_join (thread);
      ok = ok && parts[1].ok && disjoint (parts[0].seen_domains, parts[1].seen_domains);
    }

  if (!ok)
    {
      clear_part (&parts[0]);
      clear_part (&parts[1]);
      return NULL;
    }

  if (thread != NULL)
    {
      g_string_append_c (out, ',');
      g_string_append_len (out, parts[1].out->str, parts[1].out->len);
    }
  APPEND_LITERAL (out, "],\"order_type\":");
  _mr_json_text_string (out, mr_order_type_to_string (spec->order_type));
  APPEND_LITERAL (out, ",\"simulation\":");
  g_string_append (out, simulation ? "true" : "false");
  g_string_append_c (out, '}');

  parts[0].out = NULL;
  clear_part (&parts[0]);
  clear_part (&parts[1]);

  return g_string_free (out, FALSE);
}
