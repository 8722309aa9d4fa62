/* SPDX-License-Identifier: GPL-2.0-only */
/* Where facts come from: the single choke point between the fact store's
 * readers (get, facts, playbooks, diagnose) and the providers, with the
 * test/forensics hooks (format in replay.h):
 *
 *   NETPATH_FACTS_REPLAY=FILE  every fact is answered from FILE, never the
 *       kernel.  Strict: a key absent from FILE is unknown (-ENODATA, "not
 *       in the replay file"), so a playbook check on it is `skip`, never a
 *       value from the machine replaying it.  Probe windows are not
 *       attached and the window does not sleep; probe facts come from FILE
 *       (absent probe counters are 0 when FILE holds the probe's family,
 *       as in a live window).  Works as non-root, without BPF.
 *   NETPATH_FACTS_RECORD=FILE  every fact a run read is written to FILE at
 *       exit (counters read before and after a window as BEFORE -> AFTER,
 *       probe results as the window's values, zero counters left out).
 *
 * Without either variable this is one pointer test per fetch. */
#ifndef NP_FACTSRC_H
#define NP_FACTSRC_H

#include <stdbool.h>

#include "ctx.h"
#include "family.h"

/* Which snapshot a read belongs to: the playbook engine's "before" and
 * "after" of a window (a counter is recorded as BEFORE -> AFTER and
 * replayed as such), or a read outside one. */
enum np_fs_phase { NP_FS_STATIC, NP_FS_BEFORE, NP_FS_AFTER };

/* At start (main): read the environment, load the replay file.  0, or
 * -errno with the error reported through out. */
int np_factsrc_init(struct np_out *out);
/* At exit: write the record file, free.  0 or -errno (reported). */
int np_factsrc_finish(struct np_out *out);
bool np_factsrc_replaying(void);
/* Begin every window source's background preparation (prepare hooks:
 * the kernel's BTF) for a command about to open a window, so it overlaps
 * the command's planning.  Nothing when replaying a capture. */
void np_window_sources_prepare(void);

/* Ask the family of ref for it (or answer from the replay file), as part
 * of snapshot phase; 0 or -errno.  Readers call np_fact_read (factget.h),
 * which comes here. */
int np_fact_fetch(struct np_ctx *ctx, const struct np_fact_ref *ref, enum np_fs_phase phase);
/* A snapshot of the engine (BEFORE, or AFTER and the reads that judge
 * it) begins: until it ends, a fetch of a fact set since it began is
 * answered from the store.  A reader publishes the whole object it read
 * (sock[tcp:80].count reads every sock[tcp:80] field with one dump), so
 * a snapshot reads each object once.  Replaying, the capture answers.
 * Begun while one is open, the open one continues: diagnose's planning
 * reads are its run's BEFORE (and, with window=0, AFTER) snapshot. */
void np_factsrc_snapshot_begin(void);
void np_factsrc_snapshot_end(void);
/* Text for a fetch error ("not in the replay file" for -ENODATA when replaying). */
const char *np_fact_errstr(int err);
/* A command line about to run: kept as a `# command:` comment in the
 * record. */
void np_factsrc_note_command(const char *line);

/* The probe of a window family through the hooks (replaying, nothing is
 * attached).  start and collect return 0 when the probe ran, else -errno
 * with why it could not ("" when it did not say): the NS.skip it
 * published, or the error. */
int np_window_start(struct np_ctx *ctx, const struct np_fact_family *fam, const char *filter,
		    void **state, char *why, size_t len);
int np_window_collect(struct np_ctx *ctx, const struct np_fact_family *fam, void *state,
		      double secs, char *why, size_t len);
void np_window_stop(struct np_ctx *ctx, const struct np_fact_family *fam, void *state);
/* The window has begun: the probe's idle work, if it has any. */
void np_window_idle(struct np_ctx *ctx, const struct np_fact_family *fam, void *state);
/* Seconds the window lasted: replaying, the recorded replay.window_s (else
 * requested); otherwise measured (recorded). */
double np_window_observed(double requested, double measured);

/* A choice made from the host that a capture must replay the same way:
 * `from sole-interface` (sole_interface) and `from each-interface`
 * (interfaces) of playbook parameters.  Replaying: 1 with the recorded
 * value, 0 without; not replaying -1 (ask the kernel, then note it). */
int np_factsrc_setting(const char *name, char *buf, size_t len);
void np_factsrc_note_setting(const char *name, const char *value);

#endif
