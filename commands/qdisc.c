// SPDX-License-Identifier: GPL-2.0-only
/* qdisc [DEV]: the qdisc tree of each device with its TCA_STATS2 counters,
 * the classes of classful qdiscs (htb, hfsc, prio ...) in between, and
 * clsact/ingress (their drops are tc ingress/egress filter drops). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/pkt_sched.h>

#include "command.h"
#include "qdisc_facts.h"

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

static void row(struct np_table *t, const char *dev, struct np_qd *q, unsigned depth)
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
	np_cell_str(t, np_qd_is_ingress(q) && !strcmp(q->kind, "clsact")
			   ? "clsact"
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

static void print_subtree(struct np_table *t, struct np_qd_list *l, const char *dev,
			  struct np_qd *p, unsigned depth)
{
	row(t, dev, p, depth);
	if (depth > 12)
		return; /* malformed parent links: never loop */
	for (size_t i = 0; i < l->n; i++)
		if (!l->q[i].shown && np_qd_child_of(l, &l->q[i], p))
			print_subtree(t, l, dev, &l->q[i], depth + 1);
}

static int qdisc_run(struct np_ctx *ctx, const struct np_args *a)
{
	struct np_qd_list l = {0};
	struct np_ifcache ifc = {0};
	struct np_table *t;
	uint64_t drops = 0, ingress_drops = 0;
	int err;

	if (a->v[0].set && (l.only = np_ifindex(ctx, a->v[0].str)) < 0)
		return l.only;
	if ((err = np_qdisc_read(ctx, &l)))
		goto out;
	t = np_table_begin(ctx->out, "qdiscs", NULL, qd_cols, NP_ARRAY_SIZE(qd_cols));
	/* Device by device, in dump order: egress tree from the root, then
	 * ingress/clsact, then anything whose parent was not found. */
	for (size_t i = 0; i < l.n; i++) {
		struct np_qd *q = &l.q[i];
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
			if (l.q[j].ifindex == q->ifindex && np_qd_is_ingress(&l.q[j]) &&
			    !l.q[j].shown)
				row(t, dev, &l.q[j], 0);
		for (size_t j = i; j < l.n; j++)
			if (l.q[j].ifindex == q->ifindex && !l.q[j].shown)
				row(t, dev, &l.q[j], 1);
		np_qdisc_publish_dev(ctx, &l, q->ifindex, dev);
	}
	np_table_end(t);
	for (size_t i = 0; i < l.n; i++) {
		if (np_qd_is_ingress(&l.q[i]))
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
