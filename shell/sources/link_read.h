/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading links (link_read.c): the `link` command and the link fact
 * family share it. */
#ifndef NP_LINK_READ_H
#define NP_LINK_READ_H

#include "ctx.h"
#include "link_parse.h"

typedef int (*np_link_cb)(const struct np_link_info *li, void *arg);

/* RTM_GETLINK for dev (by name), or a dump when dev is NULL; cb sees each
 * link (a non-zero return stops and is returned).  0, -ENODEV for an
 * unknown device, or -errno.  Reports nothing. */
int np_link_query(struct np_ctx *ctx, const char *dev, np_link_cb cb, void *arg);
/* One link by name.  -ENOENT (reported: "no such interface") when there
 * is no such device, or -errno (reported). */
int np_link_get(struct np_ctx *ctx, const char *dev, struct np_link_info *li);

/* One rx-N or tx-N queue of a device (sysfs). */
struct np_queue_row {
	char name[16]; /* rx-0, tx-3 */
	char cpus[80]; /* rps_cpus or xps_cpus, "-" when unreadable */
	long flow_cnt; /* rps_flow_cnt, -1 for tx */
};
/* Every queue of dev in order (rx before tx); *rps counts rx queues with
 * RPS on.  The number of rows (malloc'ed in *out), or -errno. */
int np_link_queues(const char *dev, struct np_queue_row **out, int *rps);

#endif
