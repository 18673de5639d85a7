/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The JSON reader against the path it replaces: every input goes through
 * mr_json_read() and through mr_json_guard() + json-glib, and any
 * difference that is not allowed aborts (see mr-json-differ.h). Replayed
 * on its own corpus and on the corpora of every JSON target. */

#include "config.h"

#include "mr-fuzz.h"
#include "mr-json-differ.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  mr_json_differ_check (data, size);

  return 0;
}
