/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared between the playbook engine's files (not a public API). */
#ifndef NP_PB_INTERNAL_H
#define NP_PB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "pb_run.h"

/* Index of parameter name[0..len) in pb, or -1. */
int pb_param_index(const struct pb_playbook *pb, const char *name, size_t len);
/* Substitute $name/${name}; false with the first unset parameter's name
 * in missing (when not NULL). */
bool pb_subst(const struct pb_job *job, const char *in, char *out, size_t len, char *missing,
	      size_t mlen);
/* Best effort for messages: unset parameters read <name>.  malloc'ed. */
char *pb_subst_msg(const struct pb_job *job, const char *in);

/* The live walk (pb_live.c): the pending layer lines printed when the
 * window starts, on a terminal only.  Returns how many lines were printed
 * (0: none) and keeps their widths in r->live_cols, which pb_report()
 * climbs back over with pb_live_rewind(). */
struct np_ctx;
int pb_live_begin(struct np_ctx *ctx, struct pb_run *r, const struct pb_job *jobs, int njobs,
		  double window);
void pb_live_rewind(struct np_ctx *ctx, const struct pb_run *r);
/* Terminal rows taken by n lines of the given display widths on a
 * terminal `width` columns wide (a line wider than it wraps). */
int pb_live_rows(const short *cols, int n, int width);

#endif
