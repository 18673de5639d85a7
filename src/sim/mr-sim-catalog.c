/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-sim"

#include "config.h"

#include <string.h>

#include "mr-sim-catalog.h"

static const char * const taken_domains[] = {
  "google.com", "acme.com", "acme.org", "example.com", "example.org",
  "acmecorp.com", "acme-inc.com", "acmesales.com", "globex.com", "initech.com",
  "umbrella.com", "hooli.com", "piedpiper.com", "wayne-enterprises.com",
  "outreach.com", "salesforce.com", "hubspot.com", "mailchimp.com",
  "coldemail.com", "leadgen.com", "growth.com", "startup.com", "business.com",
  "marketing.com", "sales.org", "email.org",
};

/* Demo names that are always free whatever the hash says. */
static const char * const free_domains[] = {
  "acme-outreach.com", "getacme.org", "getacme.com", "tryacme.com",
  "acmehq.com", "acmemail.com", "acme-team.org", "example-outreach.com",
  "mycompany-mail.com", "globex-outreach.com", "initech-mail.org",
  "mailroom-demo.com", "mailroom-demo.org",
};

static const char * const restricted_keywords[] = {
  "google", "gmail", "microsoft", "outlook", "hotmail", "apple", "amazon",
  "paypal", "equifax", "instantly", "facebook", "instagram", "whatsapp",
  "linkedin", "youtube", "netflix", "yahoo", "stripe", "mastercard",
};

static const MrSimPrewarmed prewarmed[] = {
  { "acme-growth.com", 1 },
  { "acme-reach.co", 2 },
  { "brightpath-mail.com", 1 },
  { "clearwave-outreach.com", 1 },
  { "corelead-hq.org", 2 },
  { "dataforge-mail.co", 1 },
  { "emberline-team.com", 2 },
  { "fairwind-sales.org", 1 },
  { "goldleaf-partners.com", 1 },
  { "harborview-mail.co", 2 },
  { "ironbridge-hq.com", 1 },
  { "juniper-outreach.org", 1 },
  { "keystone-leads.com", 2 },
  { "lumen-growth.co", 1 },
  { "maplecrest-mail.com", 1 },
  { "northstar-reach.org", 2 },
  { "oakridge-sales.com", 1 },
  { "pinecone-team.co", 1 },
  { "quartz-outreach.com", 2 },
  { "redwood-leads.org", 1 },
  { "silverline-mail.com", 1 },
  { "tidewater-hq.co", 2 },
  { "upland-growth.com", 1 },
  { "vantage-reach.org", 1 },
  { "willowbrook-mail.com", 2 },
  { "xenon-sales.co", 1 },
  { "yellowstone-team.com", 1 },
  { "zenith-outreach.org", 2 },
  { "bluebird-leads.com", 1 },
  { "copperfield-mail.org", 1 },
};

static const char * const similar_prefixes[] = {
  "get", "try", "use", "go", "hey", "join", "meet", "with", "the", "my",
  "hello", "team", "mail", "hi", "reach", "contact", "letsgo", "discover",
  "choose", "hire", "ask", "visit", "inbox", "on", "by", "from", "real",
};

static const char * const similar_suffixes[] = {
  "hq", "team", "mail", "app", "io", "labs", "group", "co", "inc", "hub",
  "email", "online", "global", "now", "works", "outreach", "sales", "digital",
  "pro", "mailbox", "connect", "direct", "partners", "solutions", "agency",
  "studio", "systems", "media", "network", "central", "base", "zone", "point",
  "office", "desk", "line", "link", "go", "up", "ly",
};

char *
mr_sim_catalog_normalize (const char *domain)
{
  const char *start = domain != NULL ? domain : "";
  const char *end;
  char *copy;

  /* g_strstrip() and g_ascii_strdown() in one copy */
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  copy = g_malloc (end - start + 1);
  for (gsize i = 0; start + i < end; i++)
    copy[i] = mr_sim_ascii_lower (start[i]);
  copy[end - start] = '\0';

  return copy;
}

/* Labels of 1-63 letters, digits and inner hyphens, at least two of
 * them, the last (the TLD) of two or more letters */
gboolean
mr_sim_catalog_is_valid_name (const char *domain)
{
  const char *label;
  guint n = 0;

  if (domain == NULL || *domain == '\0' || strlen (domain) > 253)
    return FALSE;

  for (label = domain; ; label++)
    {
      const char *end = strchr (label, '.');
      gboolean last = end == NULL;
      gsize len;

      if (last)
        end = label + strlen (label);
      len = end - label;
      n++;

      if (len == 0 || len > 63 || label[0] == '-' || label[len - 1] == '-')
        return FALSE;

      for (gsize j = 0; j < len; j++)
        {
          char c = label[j];

          if (!g_ascii_isalnum (c) && c != '-')
            return FALSE;
          if (last && !g_ascii_isalpha (c))
            return FALSE;
        }

      if (last)
        return n >= 2 && len >= 2;
      label = end;
    }
}

const char *
mr_sim_catalog_get_tld (const char *domain)
{
  const char *dot = strrchr (domain, '.');

  return dot != NULL ? dot + 1 : "";
}

const char *
mr_sim_catalog_restricted_keyword (const char *domain)
{
  const char *dot = strrchr (domain, '.');
  const char *end = dot != NULL ? dot : domain + strlen (domain);
  const char *found = NULL;
  char buffer[256];
  char *squashed = (gsize) (end - domain) < sizeof buffer ? buffer : g_malloc (end - domain + 1);
  char *q = squashed;
  guint32 pairs[26] = { 0 };   /* bit b of pairs[a]: letter a then letter b */
  int previous = -1;

  for (const char *p = domain; p < end; p++)
    if (*p != '-')
      {
        int letter;

        *q = mr_sim_ascii_lower (*p);
        letter = *q >= 'a' && *q <= 'z' ? *q - 'a' : -1;
        if (previous >= 0 && letter >= 0)
          pairs[previous] |= 1u << letter;
        previous = letter;
        q++;
      }
  *q = '\0';

  /* a keyword (all letters, five or more) can only be there when its
   * first two pairs of letters are */
  for (guint i = 0; i < G_N_ELEMENTS (restricted_keywords); i++)
    {
      const char *k = restricted_keywords[i];

      if ((pairs[k[0] - 'a'] & (1u << (k[1] - 'a'))) != 0 &&
          (pairs[k[1] - 'a'] & (1u << (k[2] - 'a'))) != 0 &&
          strstr (squashed, k) != NULL)
        {
          found = k;
          break;
        }
    }

  if (squashed != buffer)
    g_free (squashed);

  return found;
}

/* The built-in names, each once, with what it is: a free or a taken name
 * (the addresses of these two marks), or a pre-warmed one (its entry).
 * A name is looked up only when a listed name has its length and first
 * letter (listed_starts), which most names have not. */
static const char free_mark;
static const char taken_mark;

typedef struct
{
  GHashTable *names;
  guint32     starts[64];   /* bit of the first letter, by length */
} Listed;

static guint32
start_bit (const char *name)
{
  return name[0] >= 'a' && name[0] <= 'z' ? 1u << (name[0] - 'a') : 1u << 31;
}

static void
list_name (Listed        *listed,
           const char    *name,
           gconstpointer  what)
{
  gsize length = strlen (name);

  g_assert (length < G_N_ELEMENTS (listed->starts));
  /* no name is in two lists */
  g_assert (!g_hash_table_contains (listed->names, name));
  g_hash_table_insert (listed->names, (gpointer) name, (gpointer) what);
  listed->starts[length] |= start_bit (name);
}

/* What @domain is in the lists, or NULL */
static gconstpointer
look_up_listed (const char *domain)
{
  static Listed *listed;
  gsize length;

  if (g_once_init_enter (&listed))
    {
      Listed *lists = g_new0 (Listed, 1);

      lists->names = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < G_N_ELEMENTS (free_domains); i++)
        list_name (lists, free_domains[i], &free_mark);
      for (guint i = 0; i < G_N_ELEMENTS (taken_domains); i++)
        list_name (lists, taken_domains[i], &taken_mark);
      for (guint i = 0; i < G_N_ELEMENTS (prewarmed); i++)
        list_name (lists, prewarmed[i].domain, &prewarmed[i]);

      g_once_init_leave (&listed, lists);
    }

  length = strlen (domain);
  if (length >= G_N_ELEMENTS (listed->starts) || (listed->starts[length] & start_bit (domain)) == 0)
    return NULL;

  return g_hash_table_lookup (listed->names, domain);
}

static guint32
fnv1a (const char *str)
{
  guint32 hash = 2166136261u;

  for (const char *p = str; *p != '\0'; p++)
    {
      hash ^= (guchar) *p;
      hash *= 16777619u;
    }

  return hash;
}

gboolean
mr_sim_catalog_is_taken (const char *domain)
{
  const char *dot = strrchr (domain, '.');
  const char *first_dot = strchr (domain, '.');
  gconstpointer listed = look_up_listed (domain);

  /* a free name, else a taken or pre-warmed one */
  if (listed != NULL)
    return listed != &free_mark;
  if (dot != NULL && dot == first_dot && dot - domain <= 4)
    return TRUE;

  return fnv1a (domain) % 100 < 20;
}

MrSimAvailability
mr_sim_catalog_check (const char  *domain,
                      const char **keyword)
{
  const char *tld;
  const char *kw;

  if (keyword != NULL)
    *keyword = NULL;

  if (!mr_sim_catalog_is_valid_name (domain))
    return MR_SIM_INVALID_NAME;

  kw = mr_sim_catalog_restricted_keyword (domain);
  if (kw != NULL)
    {
      if (keyword != NULL)
        *keyword = kw;
      return MR_SIM_RESTRICTED;
    }

  tld = mr_sim_catalog_get_tld (domain);
  if (!g_str_equal (tld, "com") && !g_str_equal (tld, "org"))
    return MR_SIM_UNSUPPORTED_TLD;

  if (mr_sim_catalog_is_taken (domain))
    return MR_SIM_TAKEN;

  return MR_SIM_AVAILABLE;
}

const MrSimPrewarmed *
mr_sim_catalog_get_prewarmed (guint *n_domains)
{
  *n_domains = G_N_ELEMENTS (prewarmed);

  return prewarmed;
}

const MrSimPrewarmed *
mr_sim_catalog_find_prewarmed (const char *domain)
{
  gconstpointer listed = look_up_listed (domain);

  return listed != NULL && listed != &free_mark && listed != &taken_mark ? listed : NULL;
}

static void
add_candidate (GPtrArray  *out,
               GHashTable *seen,
               GHashTable *exclude,
               char       *candidate)
{
  if (!g_hash_table_contains (seen, candidate) &&
      (exclude == NULL || !g_hash_table_contains (exclude, candidate)) &&
      mr_sim_catalog_check (candidate, NULL) == MR_SIM_AVAILABLE)
    {
      g_hash_table_add (seen, candidate);
      g_ptr_array_add (out, g_strdup (candidate));
      return;
    }

  g_free (candidate);
}

GPtrArray *
mr_sim_catalog_similar (const char         *domain,
                        const char * const *tlds,
                        guint               max_per_tld,
                        GHashTable         *exclude)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *norm = mr_sim_catalog_normalize (domain);
  GString *base = g_string_new (NULL);
  const char *dot = strchr (norm, '.');
  const char *end = dot != NULL ? dot : norm + strlen (norm);

  for (const char *p = norm; p < end; p++)
    if (g_ascii_isalnum (*p) || (*p == '-' && base->len > 0))
      g_string_append_c (base, *p);
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);

  if (base->len > 0 && base->len <= 50)
    {
      for (guint t = 0; tlds[t] != NULL; t++)
        {
          guint start = out->len;
          const char *tld = tlds[t];

          for (guint round = 0; round < 5 && out->len - start < max_per_tld; round++)
            {
              const char * const *list = round % 2 == 0 ? similar_suffixes : similar_prefixes;
              guint n = round % 2 == 0 ? G_N_ELEMENTS (similar_suffixes) : G_N_ELEMENTS (similar_prefixes);

              for (guint i = 0; i < n && out->len - start < max_per_tld; i++)
                {
                  char *candidate;

                  switch (round)
                    {
                    case 0:
                      candidate = g_strdup_printf ("%s%s.%s", base->str, list[i], tld);
                      break;
                    case 1:
                      candidate = g_strdup_printf ("%s%s.%s", list[i], base->str, tld);
                      break;
                    case 2:
                      candidate = g_strdup_printf ("%s-%s.%s", base->str, list[i], tld);
                      break;
                    case 3:
                      candidate = g_strdup_printf ("%s-%s.%s", list[i], base->str, tld);
                      break;
                    default:
                      candidate = g_strdup_printf ("%s%s%u.%s", base->str, list[i], i + 1, tld);
                      break;
                    }
                  add_candidate (out, seen, exclude, candidate);
                }
            }
        }
    }

  g_string_free (base, TRUE);

  return g_steal_pointer (&out);
}
