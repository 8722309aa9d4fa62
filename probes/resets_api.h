/* SPDX-License-Identifier: GPL-2.0-only */
/* User half of the resets probe. */
#ifndef NP_RESETS_API_H
#define NP_RESETS_API_H

#include <stdint.h>

#include "ctx.h"
#include "family.h"
#include "filter.h"

struct np_resets;

struct np_reset_row {
	uint64_t count;
	bool sent;
	char reason[48]; /* enum sk_rst_reason name (sent), "-" (received) */
	const char *state;
	char local[64], remote[64];
	char netns[64];
	uint32_t pid;
	char comm[17];
	char stack[512]; /* innermost first */
};

int np_resets_open(struct np_ctx *ctx, const struct np_filter_spec *spec, struct np_resets **out,
		   char *why, size_t len);
int np_resets_read(struct np_resets *r, const struct np_reset_row **rows, size_t *n);
void np_resets_publish(struct np_ctx *ctx, struct np_resets *r);
void np_resets_publish_skip(struct np_ctx *ctx, const char *why);
const char *np_resets_attach_mode(const struct np_resets *r);
void np_resets_close(struct np_resets *r);

extern const struct np_window_source np_resets_window;

#endif
