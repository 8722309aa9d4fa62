/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading /proc/net/softnet_stat (softnet_facts.c): the `softnet` command
 * and the softnet fact family share it. */
#ifndef NP_SOFTNET_FACTS_H
#define NP_SOFTNET_FACTS_H

#include "ctx.h"
#include "softnet_parse.h"

/* One reading: a row per CPU and the sums. */
struct np_softnet_snap {
	struct np_softnet_cpu *rows;
	int n;
	uint64_t total[NP_SOFTNET_NFIELDS];
};

/* 0 or -errno (reported). */
int np_softnet_snap_read(struct np_ctx *ctx, struct np_softnet_snap *s);
void np_softnet_snap_free(struct np_softnet_snap *s);
/* softnet.FIELD and softnet[cpuN].FIELD of a reading. */
void np_softnet_publish(struct np_ctx *ctx, const struct np_softnet_snap *s);

#endif
