// SPDX-License-Identifier: GPL-2.0-only
/* qdisc [DEV]: the qdisc tree of each device with its TCA_STATS2 counters,
 * the classes of classful qdiscs (htb, hfsc, prio ...) in between, and
 * clsact/ingress (their drops are tc ingress/egress filter drops). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>

#include "command.h"
#include "family.h"
#include "rtfmt.h"
#include "rtnl_util.h"

struct qd {
	int ifindex;
	uint32_t handle, parent;
	char kind[16];
	struct np_tcstats st;
	bool is_class;
	bool shown;
};

struct qd_list {
	struct qd *q;
	size_t n, cap;
	int only; /* ifindex filter, 0 = all */
	bool oom;
};

static int qd_cb(const struct nlmsghdr *nlh, void *data)
{
	struct qd_list *l = data;
	const struct tcmsg *tcm;
	struct qd q = {0};
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
		void *p = realloc(l->q, cap * sizeof(*l->q));
		if (!p) {
			l->oom = true;
			return MNL_CB_ERROR;
		}
		l->q = p;
		l->cap = cap;
	}
	l->q[l->n++] = q;
	return MNL_CB_OK;
}

/* Classful qdiscs whose classes say where packets wait or die.  mq and
 * mqprio are left out: their "classes" are just the TX queues. */
static bool classful(const char *kind)
{
	static const char *const kinds[] = {"htb", "hfsc", "drr", "qfq", "cbq",
					    "prio", "ets", "atm", NULL};
	for (int i = 0; kinds[i]; i++)
		if (!strcmp(kind, kinds[i]))
			return true;
	return false;
}

static int read_qdiscs(struct np_ctx *ctx, struct qd_list *l)
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
	if (l->oom && !np_out_has_error(ctx->out))
		np_error(ctx->out, NULL, "qdiscs: out of memory");
	np_nl_close(&nl);
	return err;
}

static bool is_ingress(const struct qd *q)
{
	return !q->is_class && q->parent == TC_H_INGRESS;
}

static bool class_exists(const struct qd_list *l, int ifindex, uint32_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->q[i].is_class && l->q[i].ifindex == ifindex && l->q[i].handle == id)
			return true;
	return false;
}

/* Is c drawn under p?  Classes hang under their qdisc (top-level ones) or
 * their parent class; a qdisc under the class it is attached to, or under
 * the qdisc owning that class when the class was not dumped. */
static bool child_of(const struct qd_list *l, const struct qd *c, const struct qd *p)
{
	if (c == p || c->ifindex != p->ifindex || is_ingress(c) || is_ingress(p))
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

static void publish(struct np_ctx *ctx, const char *dev, const char *sub, const struct qd *q)
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
static void publish_dev(struct np_ctx *ctx, const struct qd_list *l, int ifindex, const char *dev)
{
	uint64_t drops_total = 0, ingress = 0;
	char sub[32], hb[16];
	for (size_t i = 0; i < l->n; i++) {
		const struct qd *q = &l->q[i];
		if (q->ifindex != ifindex)
			continue;
		if (q->parent == TC_H_ROOT && !q->is_class)
			publish(ctx, dev, "", q);
		snprintf(sub, sizeof(sub), "@%s", np_tc_handle(q->handle, hb, sizeof(hb)));
		publish(ctx, dev, sub, q);
		if (q->is_class)
			continue; /* a class's drops are its leaf qdisc's: never count twice */
		if (is_ingress(q))
			ingress += q->st.drops;
		else
			drops_total += q->st.drops;
	}
	np_fact_setf_int(ctx->facts, (int64_t)drops_total, "qdisc[%s].drops_total", dev);
	np_fact_setf_int(ctx->facts, (int64_t)ingress, "qdisc[%s].ingress_drops", dev);
}

static const struct np_col qd_cols[] = {
	{"dev", "DEV", NP_COL_STR},
	{"tree", "QDISC", NP_COL_STR, NP_COL_TEXT_ONLY},
	{"kind", "kind", NP_COL_STR, NP_COL_JSON_ONLY},
	{"object", "object", NP_COL_STR, NP_COL_JSON_ONLY},
	{"handle", "HANDLE", NP_COL_STR},
	{"parent", "PARENT", NP_COL_STR},
	{"depth", "depth", NP_COL_U64, NP_COL_JSON_ONLY},
	{"packets", "PACKETS", NP_COL_U64},
	{"bytes", "BYTES", NP_COL_U64},
	{"drops", "DROPS", NP_COL_U64},
	{"overlimits", "OVERLIMITS", NP_COL_U64},
	{"requeues", "REQUEUES", NP_COL_U64},
	{"backlog", "BACKLOG_B", NP_COL_U64},
	{"qlen", "QLEN", NP_COL_U64},
};

static void row(struct np_table *t, const char *dev, struct qd *q, unsigned depth)
{
	char tree[64], hb[16], pb[16];
	q->shown = true;
	snprintf(tree, sizeof(tree), "%*s%s%s", (int)(depth * 2), "", q->kind,
		 q->is_class ? " class" : "");
	np_row_begin(t);
	np_cell_str(t, dev);
	np_cell_str(t, tree);
	np_cell_str(t, q->kind);
	np_cell_str(t, q->is_class ? "class" : "qdisc");
	np_cell_str(t, np_tc_handle(q->handle, hb, sizeof(hb)));
	np_cell_str(t, is_ingress(q) && !strcmp(q->kind, "clsact") ? "clsact"
								     : np_tc_parent(q->parent, pb, sizeof(pb)));
	np_cell_u64(t, depth);
	np_cell_u64(t, q->st.packets);
	np_cell_u64(t, q->st.bytes);
	np_cell_u64(t, q->st.drops);
	np_cell_u64(t, q->st.overlimits);
	np_cell_u64(t, q->st.requeues);
	np_cell_u64(t, q->st.backlog);
	np_cell_u64(t, q->st.qlen);
	np_row_end(t);
}

static void print_subtree(struct np_table *t, struct qd_list *l, const char *dev, struct qd *p,
			  unsigned depth)
{
	row(t, dev, p, depth);
	if (depth > 12)
		return; /* malformed parent links: never loop */
	for (size_t i = 0; i < l->n; i++)
		if (!l->q[i].shown && child_of(l, &l->q[i], p))
			print_subtree(t, l, dev, &l->q[i], depth + 1);
}

static int qdisc_run(struct np_ctx *ctx, const struct np_args *a)
{
	struct qd_list l = {0};
	struct np_ifcache ifc = {0};
	struct np_table *t;
	uint64_t drops = 0, ingress_drops = 0;
	int err;

	if (a->v[0].set && (l.only = np_ifindex(ctx, a->v[0].str)) < 0)
		return l.only;
	if ((err = read_qdiscs(ctx, &l)))
		goto out;
	t = np_table_begin(ctx->out, "qdiscs", NULL, qd_cols, NP_ARRAY_SIZE(qd_cols));
	/* Device by device, in dump order: egress tree from the root, then
	 * ingress/clsact, then anything whose parent was not found. */
	for (size_t i = 0; i < l.n; i++) {
		struct qd *q = &l.q[i];
		const char *dev;
		bool done = q->shown;
		for (size_t k = 0; k < i && !done; k++)
			done = l.q[k].ifindex == q->ifindex;
		if (done)
			continue;
		dev = np_ifname(&ifc, (unsigned)q->ifindex);
		for (size_t j = i; j < l.n; j++)
			if (l.q[j].ifindex == q->ifindex && l.q[j].parent == TC_H_ROOT &&
			    !l.q[j].is_class && !l.q[j].shown)
				print_subtree(t, &l, dev, &l.q[j], 0);
		for (size_t j = i; j < l.n; j++)
			if (l.q[j].ifindex == q->ifindex && is_ingress(&l.q[j]) && !l.q[j].shown)
				row(t, dev, &l.q[j], 0);
		for (size_t j = i; j < l.n; j++)
			if (l.q[j].ifindex == q->ifindex && !l.q[j].shown)
				row(t, dev, &l.q[j], 1);
		publish_dev(ctx, &l, q->ifindex, dev);
	}
	np_table_end(t);
	for (size_t i = 0; i < l.n; i++) {
		if (is_ingress(&l.q[i]))
			ingress_drops += l.q[i].st.drops;
		else if (l.q[i].parent == TC_H_ROOT && !l.q[i].is_class)
			drops += l.q[i].st.drops;
	}
	np_print_u64(ctx->out, "root_drops", "\nroot qdisc drops %" PRIu64, drops);
	np_print_u64(ctx->out, "ingress_drops", ", tc ingress (clsact/ingress) drops %" PRIu64 "\n",
		     ingress_drops);
	if (drops || ingress_drops)
		np_text(ctx->out,
			"Counters are cumulative: compare two readings. DROPS on a root are "
			"packets the queue refused (QDISC_DROP); on clsact/ingress they are tc "
			"filter drops (TC_INGRESS/TC_EGRESS). OVERLIMITS alone is shaping, "
			"not loss.\n");
out:
	np_ifcache_free(&ifc);
	free(l.q);
	return err;
}

/* ---- facts ---- */

static int qdisc_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct qd_list l = {0};
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
	err = read_qdiscs(ctx, &l);
	/* `facts qdisc` without a device: every device's facts. */
	for (size_t i = 0; !err && i < l.n; i++)
		if (!l.q[i].is_class && (!i || l.q[i - 1].ifindex != l.q[i].ifindex))
			publish_dev(ctx, &l, l.q[i].ifindex,
				    l.only ? dev : np_ifname(&ifc, (unsigned)l.q[i].ifindex));
	np_ifcache_free(&ifc);
	free(l.q);
	return err;
}

static int qdisc_canon(struct np_factkey *key, char *why, size_t len)
{
	static const char *const fields[] = {"kind",	"drops", "overlimits", "requeues",
					     "backlog", "qlen",	 "packets",    "bytes",
					     "drops_total", "ingress_drops"};
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

static const struct np_arg qdisc_args[] = {
	{NULL, NP_A_IFACE, "DEV", "only this interface"},
};

const struct np_cmd np_cmd_qdisc = {
    .name = "qdisc",
    .summary = "qdisc tree per device with drops, overlimits, requeues, backlog",
    .help = "Shows each device's queueing disciplines as a tree (root, the classes of "
	    "classful qdiscs such as htb, their leaf qdiscs, then the clsact/ingress qdisc) "
	    "with TCA_STATS2 counters: packets, bytes, drops, "
	    "overlimits, requeues, backlog (bytes) and qlen. Drops on an egress qdisc are "
	    "packets the queue refused (QDISC_DROP: the device's tx_dropped does not move); "
	    "drops on clsact/ingress are tc filter drops. overlimits counts shaping "
	    "(throttled, not lost); requeues mean the driver's TX queue was stopped. Facts: "
	    "qdisc[DEV].drops (root), .drops_total, .ingress_drops, qdisc[DEV@1:].drops per "
	    "qdisc and qdisc[DEV@1:10].drops per class.",
    .args = qdisc_args,
    .nargs = NP_ARRAY_SIZE(qdisc_args),
    .run = qdisc_run,
    .facts = NP_FAMILIES("qdisc"),
    .examples = "qdisc\nqdisc eth0\nget qdisc[eth0].drops",
};
