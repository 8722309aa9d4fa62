/* SPDX-License-Identifier: GPL-2.0-only */
/* A counting probe as a window source (playbooks, diagnose): parse and
 * resolve the filter, open the probe, publish its facts after the window
 * or why it could not run, close it.  Each probe supplies its ops and
 * NP_PROBE_WINDOW() makes the np_window_source. */
#ifndef NP_PROBE_WINDOW_H
#define NP_PROBE_WINDOW_H

#include "ctx.h"
#include "family.h"
#include "filter.h"
#include "kernel_btf.h"

struct np_probe_ops {
	/* Load and attach on a resolved filter (kept alive until close). */
	int (*open)(struct np_ctx *ctx, const struct np_filter_spec *spec, void **probe, char *why,
		    size_t len);
	/* Read the kernel maps and publish the facts of the window. */
	void (*publish)(struct np_ctx *ctx, void *probe, double seconds);
	/* X.available = 0 and X.skip = why. */
	void (*publish_skip)(struct np_ctx *ctx, const char *why);
	void (*close)(void *probe);
};

int np_probe_win_start(const struct np_probe_ops *ops, struct np_ctx *ctx, const char *filter,
		       void **state);
int np_probe_win_collect(const struct np_probe_ops *ops, struct np_ctx *ctx, void *state,
			 double seconds);
void np_probe_win_stop(const struct np_probe_ops *ops, void *state);

/* const struct np_window_source VAR named NAME, driven by OPS. */
#define NP_PROBE_WINDOW(var, label, ops)                                                           \
	static int var##_start(struct np_ctx *ctx, const char *filter, void **state)               \
	{                                                                                          \
		return np_probe_win_start(&(ops), ctx, filter, state);                             \
	}                                                                                          \
	static int var##_collect(struct np_ctx *ctx, void *state, double seconds)                  \
	{                                                                                          \
		return np_probe_win_collect(&(ops), ctx, state, seconds);                          \
	}                                                                                          \
	static void var##_stop(struct np_ctx *ctx, void *state)                                    \
	{                                                                                          \
		(void)ctx;                                                                         \
		np_probe_win_stop(&(ops), state);                                                  \
	}                                                                                          \
	const struct np_window_source var = {                                                      \
	    .name = (label),                                                                       \
	    .start = var##_start,                                                                  \
	    .collect = var##_collect,                                                              \
	    .stop = var##_stop,                                                                    \
	    .prepare = np_kernel_btf_prefetch,                                                     \
	}

#endif
