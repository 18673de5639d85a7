/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* What every harness defines: libFuzzer calls it with each input, and
 * replay.c calls it with each file of the target's corpus. Returns 0. */
int   LLVMFuzzerTestOneInput (const uint8_t *data,
                              size_t         size);
/* Once, before the first input: criticals abort (a g_return_if_fail
 * that fires is a finding), everything below them is dropped. */
int   LLVMFuzzerInitialize   (int           *argc,
                              char        ***argv);

/* Aborts, naming @what, when @text is not valid UTF-8 (NULL is fine):
 * every text the parsers hand on is shown or saved. */
void  mr_fuzz_assert_utf8    (const char    *what,
                              const char    *text);
void  mr_fuzz_assert_strv_utf8 (const char  *what,
                                GStrv        strv);
/* The input as a NUL-terminated string (up to the first NUL byte) */
char *mr_fuzz_strndup        (const uint8_t *data,
                              size_t         size);

G_END_DECLS
