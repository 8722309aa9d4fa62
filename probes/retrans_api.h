/* SPDX-License-Identifier: GPL-2.0-only */
/* User half of the retrans probe. */
#ifndef NP_RETRANS_API_H
#define NP_RETRANS_API_H

#include <stdint.h>

#include "ctx.h"
#include "family.h"
#include "filter.h"

struct np_retrans;

struct np_retrans_row {
	uint64_t count, failed;
	const char *state;
	char local[64], remote[64];
	char netns[64];
};

int np_retrans_open(struct np_ctx *ctx, const struct np_filter_spec *spec, struct np_retrans **out,
		    char *why, size_t len);
int np_retrans_read(struct np_retrans *r, const struct np_retrans_row **rows, size_t *n);
void np_retrans_publish(struct np_ctx *ctx, struct np_retrans *r);
void np_retrans_publish_skip(struct np_ctx *ctx, const char *why);
const char *np_retrans_attach_mode(const struct np_retrans *r);
void np_retrans_close(struct np_retrans *r);

extern const struct np_window_source np_retrans_window;

#endif
