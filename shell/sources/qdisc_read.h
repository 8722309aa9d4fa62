/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading qdiscs and classes (qdisc_read.c): the `qdisc` command and the
 * qdisc fact family share it. */
#ifndef NP_QDISC_READ_H
#define NP_QDISC_READ_H

#include "rtfmt.h"
#include "rtnl_util.h"

/* One qdisc or class with its counters. */
struct np_qd {
	int ifindex;
	uint32_t handle, parent;
	char kind[16];
	struct np_tcstats st;
	bool is_class;
	bool shown;
};

struct np_qd_list {
	struct np_qd *q;
	size_t n, cap;
	int only; /* ifindex filter, 0 = all */
};

/* Every qdisc and class (of l->only, 0: every device) into l.  0 or
 * -errno (reported). */
int np_qdisc_read(struct np_ctx *ctx, struct np_qd_list *l);
/* The ingress (or clsact) qdisc. */
bool np_qd_is_ingress(const struct np_qd *q);
/* Is c drawn under p?  Classes hang under their qdisc (top-level ones) or
 * their parent class; a qdisc under the class it is attached to, or under
 * the qdisc owning that class when the class was not dumped. */
bool np_qd_child_of(const struct np_qd_list *l, const struct np_qd *c, const struct np_qd *p);

#endif
