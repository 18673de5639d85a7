/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Frame times of a window, from its GdkFrameClock.
 *
 * A frame's time is how long the main loop was busy on the way to it: from
 * when the previous frame was painted (or the recorder was started, or the
 * main loop last waited a whole frame for something to do, whichever came
 * last) to when this one was painted, less the time spent waiting in
 * poll(). It holds the signal handlers run for a change, the layout and
 * the paint: what a user waits for between two pictures. Over 16.7 ms, a
 * frame of a 60 Hz display is missed. Needs mr_bench_loop_install(). */
typedef struct _MrBenchFrames MrBenchFrames;

/* starts recording the frames of @widget's window now */
MrBenchFrames *mr_bench_frames_start   (GtkWidget     *widget);
/* frames painted so far */
guint          mr_bench_frames_count   (MrBenchFrames *frames);
/* the longest frame so far, in ms (0 before the first) */
double         mr_bench_frames_longest (MrBenchFrames *frames);
/* the longest of the frames painted from @from_ms to before @to_ms
 * (mr_bench_now_ms), 0 if none; *@cpu_ms (may be NULL) gets the most CPU
 * time the main thread spent on one of them (on a busy machine the wall
 * time is longer) */
double         mr_bench_frames_longest_between (MrBenchFrames *frames,
                                                double         from_ms,
                                                double         to_ms,
                                                double        *cpu_ms);
/* when the last frame was painted (mr_bench_now_ms), 0 before the first */
double         mr_bench_frames_last_ms (MrBenchFrames *frames);
/* iterates the main loop until a frame is painted after @after_ms
 * (mr_bench_now_ms), for at most @timeout_ms; FALSE if none was */
gboolean       mr_bench_frames_wait_painted_after (MrBenchFrames *frames,
                                                   double         after_ms,
                                                   guint          timeout_ms);
/* prints each frame painted from @from_ms on (for MR_BENCH_FRAMES=1) */
void           mr_bench_frames_print   (MrBenchFrames *frames,
                                        double         from_ms);
/* stops recording */
void           mr_bench_frames_free    (MrBenchFrames *frames);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrBenchFrames, mr_bench_frames_free)

G_END_DECLS
