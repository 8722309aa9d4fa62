/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading conntrack (ct_read.c): the `conntrack` command and the
 * conntrack fact family share it. */
#ifndef NP_CT_READ_H
#define NP_CT_READ_H

#include "ctstats.h"
#include "ctx.h"

#define NP_CT_MAX_CPUS 1024

/* Everything one look at conntrack gathers.  cpu and cpu_id point at the
 * caller's arrays of NP_CT_MAX_CPUS (per-CPU rows from ctnetlink). */
struct np_ct_snap {
	int loaded;
	int have_sysctl, have_nl_global, have_nl_cpu, have_proc;
	uint64_t count, max;
	struct np_ct_stats nl_sum, proc_sum;
	uint64_t proc_entries;
	int proc_cpus, ncpu;
	int nl_errno; /* why ctnetlink did not answer, 0 if it did */
	struct np_ct_stats *cpu;
	int *cpu_id;
};

/* Gather a snapshot from every source there is; never fails: what could
 * not be read is recorded (nl_errno, have_*). */
void np_ct_snapshot(struct np_ctx *ctx, struct np_ct_snap *s);
/* The statistics a snapshot trusts: ctnetlink's sums, else /proc's. */
const struct np_ct_stats *np_ct_snap_stats(const struct np_ct_snap *s);
/* The whole table streamed into a tally by protocol and TCP state (no
 * entry kept).  0 or -errno (not reported); Ctrl-C leaves it partial. */
int np_ct_tally_read(struct np_ctx *ctx, struct np_ct_tally *t);

#endif
