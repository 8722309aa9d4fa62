/* SPDX-License-Identifier: GPL-2.0-only */
/* One runner per `probe KIND` (commands/probe_KIND.c). */
#ifndef NP_PROBE_KINDS_H
#define NP_PROBE_KINDS_H

#include "probe_opts.h"

int np_probe_run_drops(struct np_ctx *ctx, struct np_probe_opts *o);
int np_probe_run_resets(struct np_ctx *ctx, struct np_probe_opts *o);
int np_probe_run_retrans(struct np_ctx *ctx, struct np_probe_opts *o);
int np_probe_run_trace(struct np_ctx *ctx, struct np_probe_opts *o);
int np_probe_run_flow(struct np_ctx *ctx, struct np_probe_opts *o);

/* Report a probe that could not run: status skip (stdout/JSON) and the
 * reason on stderr.  Returns err (-EPERM for a missing capability:
 * exit 3). */
int np_probe_skip(struct np_ctx *ctx, const char *kind, int err, const char *why);
/* The first line of a probe's answer: kind, status ok, window, what was
 * watched, the filter, the attach method, whether Ctrl-C cut it short. */
void np_probe_header(struct np_ctx *ctx, const char *kind, const char *what, double elapsed,
		     const struct np_probe_opts *o, const char *mode, bool cut);
/* Sleep the window; true when Ctrl-C cut it short.  *elapsed is set. */
bool np_probe_wait(struct np_ctx *ctx, double seconds, double *elapsed);

#endif
