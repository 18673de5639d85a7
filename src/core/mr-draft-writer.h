/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes drafts to one file on a worker thread, so that the write and its
 * fsync never hold up the thread that edits the order. The caller turns
 * the order into bytes on its own thread (a snapshot: later edits do not
 * change it) and queues them.
 *
 * The newest snapshot always wins: at most one write runs at a time, and
 * a snapshot queued while one runs replaces any older one still waiting,
 * so an older snapshot never lands after a newer one.
 *
 * Signal "failed" (GError) in the thread-default main context the writer
 * was made in, when the newest snapshot of a run of queued writes could
 * not be written. */
#define MR_TYPE_DRAFT_WRITER (mr_draft_writer_get_type ())
G_DECLARE_FINAL_TYPE (MrDraftWriter, mr_draft_writer, MR, DRAFT_WRITER, GObject)

MrDraftWriter *mr_draft_writer_new        (const char     *path);
/* writes @contents on the worker thread, after what is being written */
void           mr_draft_writer_queue      (MrDraftWriter  *self,
                                           GBytes         *contents);
/* Waits for the write that runs, forgets what is queued and writes
 * @contents (newer than anything queued) on the calling thread. For
 * quitting and closing: when it returns, @contents is on disk. */
gboolean       mr_draft_writer_write_now  (MrDraftWriter  *self,
                                           GBytes         *contents,
                                           GError        **error);
/* waits until the worker has written everything queued */
void           mr_draft_writer_wait       (MrDraftWriter  *self);
/* TRUE while a write is queued or runs */
gboolean       mr_draft_writer_get_busy   (MrDraftWriter  *self);
/* how many snapshots were written (by the worker or write_now) */
guint          mr_draft_writer_get_n_written (MrDraftWriter *self);

G_END_DECLS
