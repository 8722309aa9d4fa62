// SPDX-License-Identifier: GPL-2.0-only
/* Reading qdiscs and classes: one streamed RTM_GETQDISC and RTM_GETTCLASS
 * dump each (TCA_STATS2 parsed by rtfmt.c), and how they hang together. */
#include <libmnl/libmnl.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qdisc_read.h"
#include "xalloc.h"

static int qd_cb(const struct nlmsghdr *nlh, void *data)
{
	struct np_qd_list *l = data;
	const struct tcmsg *tcm;
	struct np_qd q = {0};
	if ((nlh->nlmsg_type != RTM_NEWQDISC && nlh->nlmsg_type != RTM_NEWTCLASS) ||
	    nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*tcm)))
		return MNL_CB_OK;
	tcm = mnl_nlmsg_get_payload(nlh);
	if (l->only && tcm->tcm_ifindex != l->only)
		return MNL_CB_OK;
	if (np_tc_parse(nlh, q.kind, sizeof(q.kind), &q.st))
		return MNL_CB_OK;
	q.ifindex = tcm->tcm_ifindex;
	q.handle = tcm->tcm_handle;
	q.parent = tcm->tcm_parent;
	q.is_class = nlh->nlmsg_type == RTM_NEWTCLASS;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		l->q = np_xreallocarray(l->q, cap, sizeof(*l->q));
		l->cap = cap;
	}
	l->q[l->n++] = q;
	return MNL_CB_OK;
}

/* Classful qdiscs whose classes say where packets wait or die.  mq and
 * mqprio are left out: their "classes" are just the TX queues. */
static bool classful(const char *kind)
{
	static const char *const kinds[] = {"htb",  "hfsc", "drr", "qfq", "cbq",
					    "prio", "ets",  "atm", NULL};
	for (int i = 0; kinds[i]; i++)
		if (!strcmp(kind, kinds[i]))
			return true;
	return false;
}

int np_qdisc_read(struct np_ctx *ctx, struct np_qd_list *l)
{
	struct np_nl nl;
	struct tcmsg *tcm;
	struct nlmsghdr *nlh;
	size_t nq;
	int err;
	if ((err = np_nl_open(ctx, &nl)))
		return err;
	nlh = np_nl_req(&nl, RTM_GETQDISC, NLM_F_DUMP, sizeof(*tcm), (void **)&tcm);
	err = np_nl_dump(ctx, &nl, nlh, qd_cb, l, "qdiscs");
	/* Classes are dumped per device (the kernel wants an ifindex), only
	 * where a classful qdisc sits. */
	nq = l->n;
	for (size_t i = 0; !err && i < nq; i++) {
		bool seen = false;
		if (!classful(l->q[i].kind))
			continue;
		for (size_t j = 0; j < i; j++)
			seen |= l->q[j].ifindex == l->q[i].ifindex && classful(l->q[j].kind);
		if (seen)
			continue;
		nlh = np_nl_req(&nl, RTM_GETTCLASS, NLM_F_DUMP, sizeof(*tcm), (void **)&tcm);
		tcm->tcm_ifindex = l->q[i].ifindex;
		err = np_nl_dump(ctx, &nl, nlh, qd_cb, l, "classes");
		if (err == -ENODEV || err == -EINVAL) {
			/* the device vanished since the qdisc dump: its rows stay */
			err = 0;
		}
	}
	np_nl_close(&nl);
	return err;
}

bool np_qd_is_ingress(const struct np_qd *q)
{
	return !q->is_class && q->parent == TC_H_INGRESS;
}

static bool class_exists(const struct np_qd_list *l, int ifindex, uint32_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->q[i].is_class && l->q[i].ifindex == ifindex && l->q[i].handle == id)
			return true;
	return false;
}

bool np_qd_child_of(const struct np_qd_list *l, const struct np_qd *c, const struct np_qd *p)
{
	if (c == p || c->ifindex != p->ifindex || np_qd_is_ingress(c) || np_qd_is_ingress(p))
		return false;
	if (p->is_class)
		return c->parent == p->handle;
	if (!TC_H_MAJ(p->handle))
		return false; /* a default root (0:) has no children */
	if (c->is_class)
		return TC_H_MAJ(c->handle) == TC_H_MAJ(p->handle) &&
		       (c->parent == TC_H_ROOT || c->parent == p->handle);
	if (c->parent == TC_H_ROOT)
		return false;
	return TC_H_MAJ(c->parent) == TC_H_MAJ(p->handle) &&
	       !class_exists(l, c->ifindex, c->parent);
}
