/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The simulator's request path against the json-glib one it replaced
 * (tests/mr-sim-tree-oracle.c): every input that reads as JSON gets the
 * same message from each endpoint's schema check both ways, and a body
 * the place-order check lets through gets a byte-identical quote, with
 * orders on record, a promotion and an unavailable provider. Any
 * difference aborts. Replayed on its own corpus and on the corpora of
 * every JSON target. */

#include "config.h"

#include <string.h>

#include "mr-fuzz.h"
#include "mr-json-reader.h"
#include "mr-sim-order.h"
#include "mr-sim-request.h"
#include "mr-sim-tree-oracle.h"

#define MAX_DEPTH 64
#define WORKSPACE "6f1d3a52-2c4b-4e8a-9b7d-0d5e4c3b2a19"

typedef char * (*DocCheck) (const MrJsonValue *body);
typedef char * (*TreeCheck) (JsonNode *body);

static MrSimState *state;
static MrSimPricing *pricing;

static void
set_up (void)
{
  gint64 now;

  if (state != NULL)
    return;

  state = mr_sim_state_new ();
  now = mr_sim_state_now ();
  mr_sim_state_add_order (state, WORKSPACE, "ordered-before.com", NULL, 1, FALSE, now);
  mr_sim_state_add_order (state, WORKSPACE, "extra-owned.com", NULL, 1, FALSE, now);
  mr_sim_state_add_account (state, WORKSPACE, "extra-owned.com", "ada", "Ada", "Lovelace", 1, FALSE, now);
  mr_sim_state_add_order (state, WORKSPACE, "extra-ms.com", NULL, 3, FALSE, now);

  pricing = mr_sim_pricing_new_default ();
  pricing->free_domains = 1;
  pricing->discount_percent = 15;
  pricing->provider_unavailable[2] = TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const struct { TreeCheck tree; DocCheck doc; } checks[] = {
    { mr_sim_tree_check_place_order, mr_sim_request_check_place_order },
    { mr_sim_tree_check_similar, mr_sim_request_check_similar },
    { mr_sim_tree_check_domains, mr_sim_request_check_domains },
    { mr_sim_tree_check_prewarmed, mr_sim_request_check_prewarmed },
    { mr_sim_tree_check_cancel, mr_sim_request_check_cancel },
  };
  g_autoptr(MrJsonDoc) doc = mr_json_doc_read ((const char *) data, size, MAX_DEPTH, NULL);
  g_autoptr(JsonNode) tree = NULL;
  g_autofree char *refusal = NULL;
  const MrJsonValue *root;

  set_up ();

  if (doc == NULL || (root = mr_json_doc_get_root (doc)) == NULL)
    return 0;
  if (!mr_json_read ((const char *) data, size, MAX_DEPTH, &tree, NULL) || tree == NULL)
    g_error ("The document reads, the tree does not");

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autofree char *tree_message = checks[i].tree (tree);
      g_autofree char *doc_message = checks[i].doc (root);

      if (g_strcmp0 (tree_message, doc_message) != 0)
        g_error ("Check %u: the tree path says \"%s\", the document path \"%s\"", i,
                 tree_message != NULL ? tree_message : "(fine)",
                 doc_message != NULL ? doc_message : "(fine)");
      mr_fuzz_assert_utf8 ("a check's message", doc_message);
    }

  refusal = mr_sim_request_check_place_order (root);
  if (refusal == NULL)
    {
      g_autoptr(MrSimQuote) tree_quote = mr_sim_tree_quote_new (json_node_get_object (tree), state,
                                                                pricing, WORKSPACE);
      g_autoptr(MrSimQuote) doc_quote = mr_sim_quote_new (root, state, pricing, WORKSPACE);
      g_autofree char *expected = mr_sim_quote_to_json (tree_quote, pricing, TRUE, FALSE,
                                                        NULL, NULL, NULL, NULL, NULL);
      g_autofree char *got = mr_sim_quote_to_json (doc_quote, pricing, TRUE, FALSE,
                                                   NULL, NULL, NULL, NULL, NULL);

      if (!g_str_equal (expected, got))
        g_error ("The quotes differ:\ntree:     %s\ndocument: %s", expected, got);
      mr_fuzz_assert_utf8 ("the quote", got);
    }

  return 0;
}
