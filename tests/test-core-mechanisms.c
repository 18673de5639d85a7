/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The shared mechanisms of core: the domain key, the cursor pager and
 * the 429 back-off. */

#include "config.h"

#include "mailroom-core.h"

static MrPage *
page_with (const char *next,
           guint       n_items)
{
  MrPage *page = g_new0 (MrPage, 1);

  page->items = g_ptr_array_new ();
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (page->items, GUINT_TO_POINTER (i + 1));
  page->next_starting_after = g_strdup (next);

  return page;
}

static void
page_free (MrPage *page)
{
  g_ptr_array_unref (page->items);
  g_free (page->next_starting_after);
  g_free (page);
}

/* follows @cursors (NULL: the end) page by page; returns the pages read */
static guint
follow (MrPager     *pager,
        const char **cursors,
        guint        n_cursors)
{
  guint n = 0;

  while (!mr_pager_is_done (pager) && n < n_cursors)
    {
      const char *asked = NULL;
      guint generation = mr_pager_begin (pager, &asked);
      MrPage *page = page_with (cursors[n], 3);

      if (n > 0)
        g_assert_cmpstr (asked, ==, cursors[n - 1]);
      else
        g_assert_null (asked);
      g_assert_true (mr_pager_finish (pager, generation, page));
      page_free (page);
      n++;
    }

  return n;
}

static void
test_pager_end (void)
{
  g_autoptr(MrPager) pager = mr_pager_new ();
  const char *cursors[] = { "a", "b", NULL };

  g_assert_cmpuint (follow (pager, cursors, 3), ==, 3);
  g_assert_cmpint (mr_pager_get_stop (pager), ==, MR_PAGER_END);
  g_assert_false (mr_pager_stopped_early (pager));
}

static void
test_pager_repeated (void)
{
  g_autoptr(MrPager) pager = mr_pager_new ();
  const char *same[] = { "a", "a", "a", "a" };
  const char *cycle[] = { "a", "b", "a", "b", "a" };

  /* the same cursor again: stop, do not fetch the same page forever */
  g_assert_cmpuint (follow (pager, same, 4), ==, 2);
  g_assert_cmpint (mr_pager_get_stop (pager), ==, MR_PAGER_REPEATED_CURSOR);
  g_assert_true (mr_pager_stopped_early (pager));

  /* A, B, A: a cycle, not only the last cursor */
  mr_pager_reset (pager);
  g_assert_false (mr_pager_is_done (pager));
  g_assert_cmpuint (follow (pager, cycle, 5), ==, 3);
  g_assert_cmpint (mr_pager_get_stop (pager), ==, MR_PAGER_REPEATED_CURSOR);
}

static void
test_pager_cap (void)
{
  g_autoptr(MrPager) pager = mr_pager_new ();
  g_autoptr(GPtrArray) cursors = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (cursors, g_strdup_printf ("cursor-%u", i));

  mr_pager_set_max_pages (pager, 5);
  g_assert_cmpuint (follow (pager, (const char **) cursors->pdata, cursors->len), ==, 5);
  g_assert_cmpint (mr_pager_get_stop (pager), ==, MR_PAGER_PAGE_CAP);
  g_assert_true (mr_pager_stopped_early (pager));
  g_assert_null (mr_pager_get_cursor (pager));
}

static void
test_pager_generations (void)
{
  g_autoptr(MrPager) pager = mr_pager_new ();
  MrPage *page = page_with ("a", 1);
  const char *cursor = NULL;
  guint old = mr_pager_begin (pager, &cursor);

  /* a reply to a request made before a reset is not current */
  mr_pager_reset (pager);
  g_assert_false (mr_pager_finish (pager, old, page));
  g_assert_cmpuint (mr_pager_get_n_pages (pager), ==, 0);

  /* a failed request asks for the same cursor again */
  old = mr_pager_begin (pager, &cursor);
  g_assert_true (mr_pager_fail (pager, old));
  g_assert_true (mr_pager_can_load (pager));
  g_assert_true (mr_pager_mark_seen (pager, "x"));
  g_assert_false (mr_pager_mark_seen (pager, "x"));
  page_free (page);
}

static GError *
rate_limited (gint retry_after)
{
  GError *error = g_error_new_literal (MR_API_ERROR, MR_API_ERROR_RATE_LIMITED, "slow down");

  mr_api_error_set_retry_after (error, retry_after);

  return error;
}

static void
test_backoff (void)
{
  g_autoptr(GError) plain = rate_limited (-1);
  g_autoptr(GError) later = rate_limited (7);
  g_autoptr(GError) now = rate_limited (0);
  g_autoptr(GError) forever = rate_limited (100000);
  MrBackoff backoff;

  mr_backoff_init (&backoff, 2000, 10000);

  /* no Retry-After: double from the first wait up to the cap */
  g_assert_cmpuint (mr_backoff_next_ms (&backoff, plain), ==, 2000);
  g_assert_cmpuint (mr_backoff_next_ms (&backoff, plain), ==, 4000);
  g_assert_cmpuint (mr_backoff_next_ms (&backoff, plain), ==, 8000);
  g_assert_cmpuint (mr_backoff_next_ms (&backoff, plain), ==, 10000);
  g_assert_cmpuint (mr_backoff_next_ms (&backoff, plain), ==, 10000);
  g_assert_cmpuint (backoff.n_limited, ==, 5);

  /* the server's word, but never "now" and never past the cap */
  g_assert_cmpuint (mr_backoff_next_ms (&backoff, later), ==, 7000);
  g_assert_cmpuint (mr_backoff_next_ms (&backoff, now), ==, MR_BACKOFF_MIN_MS);
  g_assert_cmpuint (mr_backoff_next_ms (&backoff, forever), ==, 10000);
  g_assert_cmpuint (mr_backoff_next_s (&backoff, later), ==, 7);

  /* a success starts over */
  mr_backoff_reset (&backoff);
  g_assert_cmpuint (backoff.n_limited, ==, 0);
  g_assert_cmpuint (mr_backoff_next_ms (&backoff, plain), ==, 2000);
}

static void
test_domain_key (void)
{
  const struct { const char *input; const char *key; } cases[] = {
    { "Acme.COM", "acme.com" },
    { "  acme.com.  ", "acme.com" },
    { "https://www.acme.com/path", "acme.com" },
    { "bücher.de", "xn--bcher-kva.de" },
    { "BÜCHER.de", "xn--bcher-kva.de" },
    /* not a domain: still one key, trimmed and lowercased */
    { "  Domain!.COM ", "domain!.com" },
    { "MY", "my" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = mr_domain_key (cases[i].input);

      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mr/core/pager/end", test_pager_end);
  g_test_add_func ("/mr/core/pager/repeated-and-cycling", test_pager_repeated);
  g_test_add_func ("/mr/core/pager/page-cap", test_pager_cap);
  g_test_add_func ("/mr/core/pager/generations", test_pager_generations);
  g_test_add_func ("/mr/core/backoff", test_backoff);
  g_test_add_func ("/mr/core/domain-key", test_domain_key);

  return g_test_run ();
}
