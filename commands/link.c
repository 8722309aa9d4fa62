// SPDX-License-Identifier: GPL-2.0-only
/* link [DEV] [--interval SECONDS]: state, counters, XDP and RPS/XPS of one
 * link, a compact table of all links, or ip -s style rates.
 *
 * One RTM_GETLINK through libmnl: libnl's rtnl_link parses neither IFLA_XDP
 * nor rx_otherhost_dropped, and the raw message has everything (see
 * link_parse.h).  One device is asked for by name (no dump); only the
 * all-links listing dumps, and it streams without building a cache. */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "link_facts.h"
#include "link_read.h"
#include "link_show.h"
#include "netns_peer.h"
#include "xalloc.h"

enum { A_DEV, A_INTERVAL };

static const struct np_arg link_args[] = {
	[A_DEV] = {NULL, NP_A_IFACE, "DEV", "one interface (default: all, as a table)"},
	[A_INTERVAL] = {"--interval", NP_A_SECONDS, "SECONDS",
			"rates over SECONDS: two snapshots, per-second deltas"},
};

static int show_one(struct np_ctx *ctx, const char *dev)
{
	struct np_link_info li;
	struct np_queue_row *rows = NULL;
	int rps = 0, nq, err = np_link_get(ctx, dev, &li);
	char master[IF_NAMESIZE];
	struct np_link_peer peer = {0};

	if (err)
		return err;
	np_link_publish(ctx, &li);
	np_link_peer_name(&li, peer.name);
	np_link_publish_peer_netns(ctx, &li, peer.netns, sizeof(peer.netns));
	/* A veth's other end in another namespace: ask that namespace. */
	if (li.link && li.link_netnsid >= 0)
		np_netns_link_name(ctx, li.link_netnsid, li.link, peer.name, sizeof(peer.name));
	nq = np_link_queues(li.name, &rows, &rps);
	if (nq >= 0)
		np_fact_setf_int(ctx->facts, rps, "link[%s].rps_queues", li.name);
	np_link_master_name(&li, master);
	np_open_arr(ctx->out, "links");
	np_open_obj(ctx->out, NULL);
	np_link_show_detail(ctx->out, &li, master, &peer, nq >= 0 ? rps : -1);
	if (nq >= 0) {
		static const struct np_col qcols[] = {
			{"queue", "QUEUE", NP_COL_STR},
			{"rps_cpus", "RPS_CPUS", NP_COL_STR},
			{"rps_flow_cnt", "RPS_FLOW_CNT", NP_COL_I64},
			{"xps_cpus", "XPS_CPUS", NP_COL_STR},
		};
		struct np_table *t = np_table_begin(ctx->out, "queues", NULL, qcols, 4);
		for (int i = 0; i < nq; i++) {
			bool rx = rows[i].name[0] == 'r';
			np_row_begin(t);
			np_cell_str(t, rows[i].name);
			/* "-" in the file means unreadable (single-queue xps). */
			np_cell_str(t, rx && strcmp(rows[i].cpus, "-") ? rows[i].cpus : NULL);
			if (rx && rows[i].flow_cnt >= 0)
				np_cell_i64(t, rows[i].flow_cnt);
			else
				np_cell_null(t);
			np_cell_str(t, !rx && strcmp(rows[i].cpus, "-") ? rows[i].cpus : NULL);
			np_row_end(t);
		}
		np_table_end(t);
	}
	np_close_obj(ctx->out);
	np_close_arr(ctx->out);
	free(rows);
	/* A monitor asking about one link wants to hear that it is down. */
	if (np_link_is_down(&li))
		ctx->health = NP_CRIT;
	return 0;
}

struct link_list {
	struct np_link_info *v;
	int n, cap;
};

static int list_add(const struct np_link_info *li, void *arg)
{
	struct link_list *l = arg;
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 16;
		struct np_link_info *nv = np_xreallocarray(l->v, (size_t)cap, sizeof(*nv));
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n++] = *li;
	return 0;
}

static int snapshot(struct np_ctx *ctx, const char *dev, struct link_list *l)
{
	l->n = 0;
	if (dev) {
		struct np_link_info li;
		int err = np_link_get(ctx, dev, &li);
		return err ? err : list_add(&li, l);
	}
	return np_link_query(ctx, NULL, list_add, l);
}

static int show_all(struct np_ctx *ctx)
{
	struct link_list l = {0};
	int err = snapshot(ctx, NULL, &l);
	if (!err) {
		for (int i = 0; i < l.n; i++)
			np_link_publish(ctx, &l.v[i]);
		np_link_show_table(ctx->out, l.v, l.n);
	}
	free(l.v);
	return err;
}

static int show_rates(struct np_ctx *ctx, const char *dev, double secs)
{
	struct link_list a = {0}, b = {0};
	double t0, dt;
	int err = snapshot(ctx, dev, &a), moved = 0;

	if (err)
		goto out;
	t0 = np_now();
	if (ctx->interactive)
		np_text(ctx->out, "sampling %.3gs (Ctrl-C stops early)...\n", secs);
	if (np_sleep(ctx, secs) == -EINTR)
		np_warn(ctx->out, "interrupted: rates over %.2fs", np_now() - t0);
	err = snapshot(ctx, dev, &b);
	dt = np_now() - t0;
	if (err)
		goto out;
	for (int i = 0; i < b.n; i++)
		np_link_publish(ctx, &b.v[i]);
	moved = np_link_show_rates(ctx->out, a.v, a.n, b.v, b.n, dt);
	/* Drops or errors while we watched: the link is losing packets. */
	if (moved)
		ctx->health = NP_WARN;
out:
	free(a.v);
	free(b.v);
	return err;
}

static int link_run(struct np_ctx *ctx, const struct np_args *a)
{
	const char *dev = a->v[A_DEV].set ? a->v[A_DEV].str : NULL;
	if (a->v[A_INTERVAL].set) {
		if (a->v[A_INTERVAL].secs <= 0) {
			np_error(ctx->out, "e.g. --interval 1", "--interval must be above zero");
			return -NP_EUSAGE;
		}
		return show_rates(ctx, dev, a->v[A_INTERVAL].secs);
	}
	return dev ? show_one(ctx, dev) : show_all(ctx);
}

const struct np_cmd np_cmd_link = {
    .name = "link",
    .summary = "link state, counters, XDP and RPS/XPS (ip -s link)",
    .help = "With DEV: operational and admin state, carrier, MTU, kind, master, XDP program "
	    "(mode and id), every rtnl_link_stats64 counter (ip -s -s link names: missed = "
	    "rx_missed_errors, the NIC ring overflow) and the per-queue RPS/XPS CPU masks. "
	    "Exit status CRITICAL when DEV is down. Without DEV: one line per link. With "
	    "--interval S: two snapshots S seconds apart, per-second rates of packets, bytes, "
	    "drops (rx dropped + missed) and errors, and the error/drop counters that moved "
	    "(WARNING exit status when any did). Facts: link[DEV].FIELD.",
    .args = link_args,
    .nargs = NP_ARRAY_SIZE(link_args),
    .run = link_run,
    .facts = NP_FAMILIES("link"),
    .examples = "link\nlink eth0\nlink eth0 --interval 2\nget link[eth0].rx_missed_errors",
};
