/* SPDX-License-Identifier: GPL-2.0-only */
/* User half of `probe trace`. */
#ifndef NP_TRACE_API_H
#define NP_TRACE_API_H

#include <linux/types.h>

#include "ctx.h"
#include "filter.h"
#include "trace.h"

struct np_trace;

typedef void (*np_trace_cb)(void *arg, const struct np_trace_event *e);

/* Load and attach every trace program (tp_btf, else raw_tp).  max_per_sec
 * bounds the events reaching user space.  0 or -errno with why. */
int np_trace_open(struct np_ctx *ctx, const struct np_filter_spec *spec, unsigned max_per_sec,
		  np_trace_cb cb, void *arg, struct np_trace **out, char *why, size_t len);
/* Deliver pending events to the callback; waits at most timeout_ms. */
int np_trace_poll(struct np_trace *t, int timeout_ms);
void np_trace_stats(const struct np_trace *t, struct np_trace_stats *out);
const char *np_trace_attach_mode(const struct np_trace *t);
void np_trace_close(struct np_trace *t);
const char *np_trace_type_name(unsigned type);

#endif
