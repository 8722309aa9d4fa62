/* SPDX-License-Identifier: GPL-2.0-only */
/* `probe KIND [SECONDS] [FILTER] [--long]`: the words after KIND. */
#ifndef NP_PROBE_OPTS_H
#define NP_PROBE_OPTS_H

#include "ctx.h"
#include "filter.h"

#define NP_PROBE_DEFAULT_S 3.0
#define NP_PROBE_CEILING_S 60.0

struct np_probe_opts {
	double seconds;
	bool long_ok;
	struct np_filter_spec filter;
	char filter_text[512];
};

/* Seconds may come before or after the filter; --long lifts the ceiling.
 * 0 or -NP_EUSAGE (reported). */
int np_probe_opts_parse(struct np_ctx *ctx, int argc, char **argv, struct np_probe_opts *o);

#endif
