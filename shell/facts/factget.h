/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading a fact: THE read call of get, `from` sources, diagnose and the
 * playbook engine.  It is quiet: a fact that cannot be read comes back as
 * a reason, never as an error on the terminal (the caller decides whether
 * it is one).  Every read goes through the record/replay choke point
 * (factsrc.h). */
#ifndef NP_FACTGET_H
#define NP_FACTGET_H

#include "factsrc.h"

/* Why a read gave no value. */
struct np_fact_miss {
	char why[256];	/* in a few words: "no such object or field here", "not in
			 * the replay file", or the reader's own sentence */
	char hint[160]; /* the reader's next step, or "" */
	bool said;	/* why is the reader's own sentence (it names the object) */
};

/* Read a resolved key in a snapshot phase: a window family from the store
 * (its probe published it, or nothing did), any other through its
 * family's reader.  0 and *out, or -errno and *miss. */
int np_fact_read_ref(struct np_ctx *ctx, const struct np_fact_ref *ref, enum np_fs_phase phase,
		     const struct np_fact **out, struct np_fact_miss *miss);
/* Resolve TEXT, then read it outside any window. */
int np_fact_read(struct np_ctx *ctx, const char *text, const struct np_fact **out,
		 struct np_fact_miss *miss);
/* `facts PREFIX`: read a whole family (`link`) or object (`link[lo]`),
 * everything under it.  0 (also for a window family or a name no family
 * reads: the store answers), or -errno with the error reported. */
int np_facts_load(struct np_ctx *ctx, const char *prefix);

#endif
