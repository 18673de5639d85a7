/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mailroom-core.h"
#include "mr-fuzz.h"

G_BEGIN_DECLS

/* Shared by the harnesses of the list replies */

static inline void
mr_fuzz_check_failure (gconstpointer  result,
                       GError        *error)
{
  if (result != NULL)
    {
      g_assert (error == NULL);
      return;
    }

  g_assert (error != NULL);
  mr_fuzz_assert_utf8 ("the error message", error->message);
}

static inline void
mr_fuzz_check_account (const MrOrderedAccount *account)
{
  mr_fuzz_assert_utf8 ("id", account->id);
  mr_fuzz_assert_utf8 ("domain", account->domain);
  mr_fuzz_assert_utf8 ("email", account->email);
  mr_fuzz_assert_utf8 ("first_name", account->first_name);
  mr_fuzz_assert_utf8 ("last_name", account->last_name);
  mr_fuzz_assert_utf8 ("password", account->password);
}

static inline void
mr_fuzz_check_order_record (const MrOrderRecord *record)
{
  mr_fuzz_assert_utf8 ("workspace_id", record->workspace_id);
  mr_fuzz_assert_utf8 ("domain", record->domain);
  mr_fuzz_assert_utf8 ("forwarding_domain", record->forwarding_domain);
  mr_fuzz_assert_utf8 ("forwarding_mode", record->forwarding_mode);
}

G_END_DECLS
