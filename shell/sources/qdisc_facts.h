/* SPDX-License-Identifier: GPL-2.0-only */
/* What the `qdisc` command publishes of a device (qdisc_facts.c). */
#ifndef NP_QDISC_FACTS_H
#define NP_QDISC_FACTS_H

#include "qdisc_read.h"

/* qdisc[DEV].* and qdisc[DEV@HANDLE].* of one device of l. */
void np_qdisc_publish_dev(struct np_ctx *ctx, const struct np_qd_list *l, int ifindex,
			  const char *dev);

#endif
