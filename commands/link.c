// SPDX-License-Identifier: GPL-2.0-only
/* link [DEV] [--interval SECONDS]: state, counters, XDP and RPS/XPS of one
 * link, a compact table of all links, or ip -s style rates.
 *
 * One RTM_GETLINK through libmnl: libnl's rtnl_link parses neither IFLA_XDP
 * nor rx_otherhost_dropped, and the raw message has everything (see
 * link_parse.h).  One device is asked for by name (no dump); only the
 * all-links listing dumps, and it streams without building a cache. */
#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "command.h"
#include "family.h"
#include "link_parse.h"
#include "link_show.h"
#include "rtnl_util.h"
#include "netns_peer.h"

#define IFF_UP_ 0x1 /* net/if.h's IFF_UP is an enum in glibc: keep a plain constant */
/* Receive buffer for dumps (DUMP_BUF in newer libmnl). */
#define DUMP_BUF 32768

typedef int (*link_cb)(const struct np_link_info *li, void *arg);

struct query {
	link_cb cb;
	void *arg;
	int err;
};

static int query_msg(const struct nlmsghdr *nlh, void *data)
{
	struct query *q = data;
	struct np_link_info li;
	if (np_link_parse(nlh, &li) == 0 && !q->err)
		q->err = q->cb(&li, q->arg);
	return MNL_CB_OK;
}

/* RTM_GETLINK for dev (by name), or a dump when dev is NULL; cb sees each
 * link.  0, -ENODEV for an unknown device, or -errno. */
static int link_query(struct np_ctx *ctx, const char *dev, link_cb cb, void *arg)
{
	static unsigned seq;
	struct mnl_socket *nl = np_mnl(ctx, NETLINK_ROUTE);
	char req[NLMSG_SPACE(sizeof(struct ifinfomsg)) + NLA_HDRLEN + NLA_ALIGN(IF_NAMESIZE)];
	char *buf;
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	struct query q = {cb, arg, 0};
	int ret;

	if (!nl)
		return -ENOTCONN;
	/* A dump packs many links per datagram; a reply to one fits 8 KiB. */
	/* Zeroed: libmnl 1.0.4 leaves attribute padding unset, and those bytes
	 * are sent to the kernel (valgrind flags them). */
	buf = calloc(1, DUMP_BUF);
	if (!buf)
		return -ENOMEM;
	/* Zeroed: libmnl leaves attribute padding as it finds it. */
	memset(req, 0, sizeof(req));
	nlh = mnl_nlmsg_put_header(req);
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | (dev ? 0 : NLM_F_DUMP);
	nlh->nlmsg_seq = ++seq + (unsigned)time(NULL);
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	if (dev)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, dev);
	ret = np_nl_exchange(ctx, nl, buf, DUMP_BUF, nlh, query_msg, &q, NULL, 0);
	if (ret && !dev)
		np_mnl_close(ctx, NETLINK_ROUTE); /* the rest of a dump may be queued */
	free(buf);
	return ret ? ret : q.err;
}

/* ---- RPS / XPS from sysfs ---- */

struct queue_row {
	char name[16]; /* rx-0, tx-3 */
	char cpus[80]; /* rps_cpus or xps_cpus */
	long flow_cnt; /* rps_flow_cnt, -1 for tx */
};

static int read_small(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int queue_cmp(const void *a, const void *b)
{
	const struct queue_row *x = a, *y = b;
	int c = strncmp(x->name, y->name, 2); /* rx before tx */
	return c ? c : atoi(x->name + 3) - atoi(y->name + 3);
}

/* Every rx-N/tx-N queue of dev; *rps counts rx queues with RPS on.
 * Returns the number of rows (malloc'ed in *out) or -errno. */
static int read_queues(const char *dev, struct queue_row **out, int *rps)
{
	char dir[64 + IF_NAMESIZE], path[sizeof(dir) + 300];
	struct queue_row *rows = NULL;
	int n = 0, cap = 0;
	struct dirent *e;
	DIR *d;

	*rps = 0;
	snprintf(dir, sizeof(dir), "/sys/class/net/%s/queues", dev);
	d = opendir(dir);
	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		struct queue_row *r;
		bool rx = !strncmp(e->d_name, "rx-", 3);
		char val[32];
		if (!rx && strncmp(e->d_name, "tx-", 3))
			continue;
		if (n == cap) {
			struct queue_row *nr;
			cap = cap ? cap * 2 : 8;
			nr = realloc(rows, (size_t)cap * sizeof(*nr));
			if (!nr)
				break;
			rows = nr;
		}
		r = &rows[n++];
		snprintf(r->name, sizeof(r->name), "%.15s", e->d_name);
		snprintf(path, sizeof(path), "%s/%.255s/%s", dir, e->d_name,
			 rx ? "rps_cpus" : "xps_cpus");
		/* xps_cpus is unreadable on single-queue devices (ENOENT). */
		if (read_small(path, r->cpus, sizeof(r->cpus)))
			snprintf(r->cpus, sizeof(r->cpus), "-");
		r->flow_cnt = -1;
		if (rx) {
			snprintf(path, sizeof(path), "%s/%.255s/rps_flow_cnt", dir, e->d_name);
			if (!read_small(path, val, sizeof(val)))
				r->flow_cnt = atol(val);
			if (np_cpumask_weight(r->cpus) > 0)
				(*rps)++;
		}
	}
	closedir(d);
	if (n > 1)
		qsort(rows, (size_t)n, sizeof(*rows), queue_cmp);
	*out = rows;
	return n;
}

/* ---- facts ---- */

static void master_name(const struct np_link_info *li, char *buf)
{
	buf[0] = '\0';
	if (li->master && !if_indextoname((unsigned)li->master, buf))
		snprintf(buf, IF_NAMESIZE, "%d", li->master);
}

/* The peer's (or lower device's) name when it is in this namespace: an
 * ifindex of another namespace names nothing here. */
static void peer_name(const struct np_link_info *li, char *buf)
{
	buf[0] = '\0';
	if (li->link && li->link_netnsid < 0 && !if_indextoname((unsigned)li->link, buf))
		buf[0] = '\0';
}

/* link[DEV].peer_netns: "" in this namespace, else a spec -n accepts.
 * Costs a walk of /run/netns (and /proc): only when asked. */
static void publish_peer_netns(struct np_ctx *ctx, const struct np_link_info *li, char *buf,
			       size_t len)
{
	buf[0] = '\0';
	if (li->link && li->link_netnsid >= 0)
		np_netns_spec_of_nsid(ctx, li->link_netnsid, buf, len);
	np_fact_setf_str(ctx->facts, buf, "link[%s].peer_netns", li->name);
}

static void publish(struct np_ctx *ctx, const struct np_link_info *li)
{
	struct np_facts *fs = ctx->facts;
	const char *d = li->name;
	char master[IF_NAMESIZE], peer[IF_NAMESIZE];

	master_name(li, master);
	peer_name(li, peer);
	np_fact_setf_str(fs, np_link_operstate_name(li->operstate), "link[%s].operstate", d);
	np_fact_setf_int(fs, (li->flags & IFF_UP_) ? 1 : 0, "link[%s].admin_up", d);
	np_fact_setf_int(fs, li->carrier, "link[%s].carrier", d);
	np_fact_setf_int(fs, li->mtu, "link[%s].mtu", d);
	np_fact_setf_int(fs, li->ifindex, "link[%s].ifindex", d);
	np_fact_setf_str(fs, li->kind, "link[%s].kind", d);
	np_fact_setf_str(fs, master, "link[%s].master", d);
	np_fact_setf_str(fs, np_link_xdp_name(li->xdp_mode), "link[%s].xdp", d);
	np_fact_setf_int(fs, li->xdp_prog_id, "link[%s].xdp_prog_id", d);
	np_fact_setf_int(fs, li->rx_queues, "link[%s].rx_queues", d);
	np_fact_setf_int(fs, li->tx_queues, "link[%s].tx_queues", d);
	np_fact_setf_int(fs, li->link, "link[%s].peer_ifindex", d);
	np_fact_setf_int(fs, li->link_netnsid, "link[%s].peer_netnsid", d);
	np_fact_setf_str(fs, peer, "link[%s].peer", d);
	for (size_t i = 0; i < np_link_nstats; i++)
		np_fact_setf_int(fs, (int64_t)np_link_stat_value(&li->st, i), "link[%s].%s", d,
				 np_link_stats[i].name);
}

static int copy_one(const struct np_link_info *li, void *arg)
{
	*(struct np_link_info *)arg = *li;
	return 0;
}

/* One link by name.  -ENOENT (reported) when there is no such device. */
static int get_one(struct np_ctx *ctx, const char *dev, struct np_link_info *li)
{
	int err = link_query(ctx, dev, copy_one, li);
	if (err == -ENODEV || err == -ENOENT) {
		np_error(ctx->out, "`link` lists the interfaces of this namespace",
			 "link %s: no such interface%s%s", dev, ctx->netns[0] ? " in netns " : "",
			 ctx->netns);
		return -ENOENT;
	}
	if (err) {
		np_error(ctx->out, NULL, "link %s: %s", dev, strerror(-err));
		return err;
	}
	return 0;
}

static int publish_cb(const struct np_link_info *li, void *arg)
{
	publish(arg, li);
	return 0;
}

static int link_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	const char *dev = np_factkey_arg(key, 0);
	struct np_link_info li;
	int err;

	/* `facts link` names the whole family: the one case for a dump. */
	if (!key->seg[0].has_arg)
		return link_query(ctx, NULL, publish_cb, ctx);
	err = get_one(ctx, dev, &li);
	if (err)
		return err;
	publish(ctx, &li);
	if (key->nseg > 1 && !strcmp(np_factkey_name(key, 1), "peer_netns")) {
		char spec[300];
		publish_peer_netns(ctx, &li, spec, sizeof(spec));
	}
	/* sysfs only when asked: rps_queues costs a directory walk. */
	if (key->nseg > 1 && !strcmp(np_factkey_name(key, 1), "rps_queues")) {
		struct queue_row *rows = NULL;
		int rps = 0, n = read_queues(dev, &rows, &rps);
		free(rows);
		if (n < 0)
			return n;
		np_fact_setf_int(ctx->facts, rps, "link[%s].rps_queues", dev);
	}
	return 0;
}

static int link_canon(struct np_factkey *key, char *why, size_t len)
{
	const char *dev = np_factkey_arg(key, 0), *field = np_factkey_name(key, 1);
	if (!key->seg[0].has_arg || key->nseg > 2 || (key->nseg == 2 && key->seg[1].has_arg)) {
		snprintf(why, len, "expected link[DEV].FIELD, e.g. link[eth0].rx_missed_errors");
		return -ENOENT;
	}
	if (dev[0] != '$' && np_validate_iface(dev, why, len))
		return -ENOENT;
	if (key->nseg == 2 && field[0] != '$' && !np_link_field_known(field)) {
		snprintf(why, len, "unknown link field '%s' (operstate, mtu, rx_dropped, ...)",
			 field);
		return -ENOENT;
	}
	return 0;
}

struct complete_ifs {
	const char *prefix;
	np_complete_fn add;
	void *cookie;
};

static void link_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
{
	const char *close = strstr(prefix, "].");
	char buf[NP_FACTKEY_MAX];
	(void)ctx;
	if (strncmp(prefix, "link[", 5))
		return;
	if (!close) {
		/* link[<TAB>: the interfaces, ready for a field. */
		struct if_nameindex *ifs = if_nameindex(), *i;
		for (i = ifs; i && i->if_index; i++) {
			snprintf(buf, sizeof(buf), "link[%s].", i->if_name);
			if (!strncmp(buf, prefix, strlen(prefix)))
				add(cookie, buf);
		}
		if (ifs)
			if_freenameindex(ifs);
		return;
	}
	for (int i = 0; np_link_fields[i]; i++) {
		snprintf(buf, sizeof(buf), "%.*s%s", (int)(close + 2 - prefix), prefix,
			 np_link_fields[i]);
		if (!strncmp(buf, prefix, strlen(prefix)))
			add(cookie, buf);
	}
	for (size_t i = 0; i < np_link_nstats; i++) {
		snprintf(buf, sizeof(buf), "%.*s%s", (int)(close + 2 - prefix), prefix,
			 np_link_stats[i].name);
		if (!strncmp(buf, prefix, strlen(prefix)))
			add(cookie, buf);
	}
}

const struct np_fact_family np_family_link = {
    .ns = "link",
    .pattern = "link[DEV].FIELD",
    .describe = "link state, MTU, kind, XDP, queues and every rtnl_link_stats64 counter",
    .canon = link_canon,
    .fetch = link_fetch,
    .complete = link_complete,
};

enum { A_DEV, A_INTERVAL };

static const struct np_arg link_args[] = {
	[A_DEV] = {NULL, NP_A_IFACE, "DEV", "one interface (default: all, as a table)"},
	[A_INTERVAL] = {"--interval", NP_A_SECONDS, "SECONDS",
			"rates over SECONDS: two snapshots, per-second deltas"},
};

static int show_one(struct np_ctx *ctx, const char *dev)
{
	struct np_link_info li;
	struct queue_row *rows = NULL;
	int rps = 0, nq, err = get_one(ctx, dev, &li);
	char master[IF_NAMESIZE];
	struct np_link_peer peer = {0};

	if (err)
		return err;
	publish(ctx, &li);
	peer_name(&li, peer.name);
	publish_peer_netns(ctx, &li, peer.netns, sizeof(peer.netns));
	/* A veth's other end in another namespace: ask that namespace. */
	if (li.link && li.link_netnsid >= 0)
		np_netns_link_name(ctx, li.link_netnsid, li.link, peer.name, sizeof(peer.name));
	nq = read_queues(li.name, &rows, &rps);
	if (nq >= 0)
		np_fact_setf_int(ctx->facts, rps, "link[%s].rps_queues", li.name);
	master_name(&li, master);
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
		struct np_link_info *nv = realloc(l->v, (size_t)cap * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
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
		int err = get_one(ctx, dev, &li);
		return err ? err : list_add(&li, l);
	}
	return link_query(ctx, NULL, list_add, l);
}

static int show_all(struct np_ctx *ctx)
{
	struct link_list l = {0};
	int err = snapshot(ctx, NULL, &l);
	if (!err) {
		for (int i = 0; i < l.n; i++)
			publish(ctx, &l.v[i]);
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
		publish(ctx, &b.v[i]);
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
