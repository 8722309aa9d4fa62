// SPDX-License-Identifier: GPL-2.0-only
/* The qdisc fact family: qdisc[DEV].FIELD (the root qdisc, the sums over
 * the device's qdiscs) and qdisc[DEV@HANDLE].FIELD (each qdisc and class)
 * from one qdisc_read.c reading. */
#include <linux/pkt_sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "family.h"
#include "qdisc_facts.h"
#include "validate.h"

static void publish(struct np_ctx *ctx, const char *dev, const char *sub, const struct np_qd *q)
{
	struct np_facts *fs = ctx->facts;
	np_fact_setf_str(fs, q->kind, "qdisc[%s%s].kind", dev, sub);
	np_fact_setf_int(fs, q->st.drops, "qdisc[%s%s].drops", dev, sub);
	np_fact_setf_int(fs, q->st.overlimits, "qdisc[%s%s].overlimits", dev, sub);
	np_fact_setf_int(fs, q->st.requeues, "qdisc[%s%s].requeues", dev, sub);
	np_fact_setf_int(fs, q->st.backlog, "qdisc[%s%s].backlog", dev, sub);
	np_fact_setf_int(fs, q->st.qlen, "qdisc[%s%s].qlen", dev, sub);
	np_fact_setf_int(fs, (int64_t)q->st.packets, "qdisc[%s%s].packets", dev, sub);
	np_fact_setf_int(fs, (int64_t)q->st.bytes, "qdisc[%s%s].bytes", dev, sub);
}

/* Facts of one device: the root, every qdisc by handle, the sums. */
void np_qdisc_publish_dev(struct np_ctx *ctx, const struct np_qd_list *l, int ifindex,
			  const char *dev)
{
	uint64_t drops_total = 0, ingress = 0;
	char sub[32], hb[16];
	for (size_t i = 0; i < l->n; i++) {
		const struct np_qd *q = &l->q[i];
		if (q->ifindex != ifindex)
			continue;
		if (q->parent == TC_H_ROOT && !q->is_class)
			publish(ctx, dev, "", q);
		snprintf(sub, sizeof(sub), "@%s", np_tc_handle(q->handle, hb, sizeof(hb)));
		publish(ctx, dev, sub, q);
		if (q->is_class)
			continue; /* a class's drops are its leaf qdisc's: never count twice */
		if (np_qd_is_ingress(q))
			ingress += q->st.drops;
		else
			drops_total += q->st.drops;
	}
	np_fact_setf_int(ctx->facts, (int64_t)drops_total, "qdisc[%s].drops_total", dev);
	np_fact_setf_int(ctx->facts, (int64_t)ingress, "qdisc[%s].ingress_drops", dev);
}

static int qdisc_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct np_qd_list l = {0};
	struct np_ifcache ifc = {0};
	char dev[IF_NAMESIZE + 1], why[128];
	const char *arg = np_factkey_arg(key, 0);
	const char *at = strchr(arg, '@');
	size_t n = at ? (size_t)(at - arg) : strlen(arg);
	int err;

	if (key->seg[0].has_arg) {
		if (n >= sizeof(dev))
			n = sizeof(dev) - 1;
		memcpy(dev, arg, n);
		dev[n] = '\0';
		if (np_validate_iface(dev, why, sizeof(why)) || (at && n != (size_t)(at - arg))) {
			np_error(ctx->out, "qdisc[DEV].FIELD or qdisc[DEV@HANDLE].FIELD",
				 "qdisc[%.64s]: %s", arg, why);
			return -NP_EUSAGE;
		}
		if ((l.only = np_ifindex(ctx, dev)) < 0)
			return l.only;
	}
	err = np_qdisc_read(ctx, &l);
	/* `facts qdisc` without a device: every device's facts. */
	for (size_t i = 0; !err && i < l.n; i++)
		if (!l.q[i].is_class && (!i || l.q[i - 1].ifindex != l.q[i].ifindex))
			np_qdisc_publish_dev(ctx, &l, l.q[i].ifindex,
					     l.only ? dev
						    : np_ifname(&ifc, (unsigned)l.q[i].ifindex));
	np_ifcache_free(&ifc);
	free(l.q);
	return err;
}

static int qdisc_canon(struct np_factkey *key, char *why, size_t len)
{
	static const char *const fields[] = {
	    "kind", "drops",   "overlimits", "requeues",    "backlog",
	    "qlen", "packets", "bytes",	     "drops_total", "ingress_drops"};
	if (key->nseg == 2 && key->seg[0].has_arg)
		for (size_t i = 0; i < NP_ARRAY_SIZE(fields); i++)
			if (!strcmp(np_factkey_name(key, 1), fields[i]))
				return 0;
	snprintf(why, len,
		 "expected qdisc[DEV].FIELD or qdisc[DEV@HANDLE].FIELD: kind drops overlimits "
		 "requeues backlog qlen packets bytes drops_total ingress_drops");
	return -ENOENT;
}

const struct np_fact_family np_family_qdisc = {
    .ns = "qdisc",
    .pattern = "qdisc[DEV].FIELD, qdisc[DEV@HANDLE].FIELD",
    .describe = "qdisc counters: kind drops overlimits requeues backlog qlen packets bytes; "
		"drops_total, ingress_drops",
    .canon = qdisc_canon,
    .fetch = qdisc_fetch,
};
