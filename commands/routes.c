// SPDX-License-Identifier: GPL-2.0-only
/* routes [TABLE] [PREFIX] [summary] [inet|inet6]: a streaming RTM_GETROUTE dump
 * (libmnl, one message at a time: nothing is cached, so 100k routes cost
 * no more memory than 10).  The table filter runs in the kernel (strict
 * dump checking). */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/rtnetlink.h>
#include <netlink/route/route.h>

#include "command.h"
#include "rtfmt.h"
#include "rtnl_util.h"
#include "xalloc.h"

struct routes_opts {
	uint32_t table; /* 0 = all */
	bool table_set, summary, has_prefix;
	int family; /* AF_UNSPEC = both */
	struct np_prefix prefix; /* routes PREFIX: only routes inside it */
};

struct tblcount {
	uint32_t table;
	uint64_t n;
};

struct routes_walk {
	struct np_ctx *ctx;
	const struct routes_opts *opt;
	struct np_ifcache ifc;
	uint64_t total, v4, v6;
	uint64_t by_type[256], by_proto[256];
	struct tblcount *tables;
	size_t ntables, captables;
};

/* One route, decoded just enough to print it. */
struct rt_line {
	const struct rtmsg *rtm;
	uint32_t table, oif, metric, mtu;
	const void *dst, *gw, *prefsrc;
	int nexthops;
};

static int line_attr(const struct nlattr *a, void *data)
{
	struct rt_line *l = data;
	uint16_t len = mnl_attr_get_payload_len(a);
	unsigned alen = l->rtm->rtm_family == AF_INET6 ? 16 : 4;
	switch (mnl_attr_get_type(a)) {
	case RTA_TABLE:
		if (len >= 4)
			l->table = mnl_attr_get_u32(a);
		break;
	case RTA_OIF:
		if (len >= 4)
			l->oif = mnl_attr_get_u32(a);
		break;
	case RTA_PRIORITY:
		if (len >= 4)
			l->metric = mnl_attr_get_u32(a);
		break;
	case RTA_DST:
		if (len >= alen)
			l->dst = mnl_attr_get_payload(a);
		break;
	case RTA_GATEWAY:
		if (len >= alen)
			l->gw = mnl_attr_get_payload(a);
		break;
	case RTA_PREFSRC:
		if (len >= alen)
			l->prefsrc = mnl_attr_get_payload(a);
		break;
	case RTA_MULTIPATH: {
		const struct rtnexthop *nh = mnl_attr_get_payload(a);
		int left = len;
		l->nexthops = 0;
		while (left >= (int)sizeof(*nh) && nh->rtnh_len >= sizeof(*nh) &&
		       nh->rtnh_len <= left) {
			if (!l->nexthops) {
				/* The first next hop stands for the route in one line. */
				struct nlattr *na;
				l->oif = (uint32_t)nh->rtnh_ifindex;
				for (na = (struct nlattr *)RTNH_DATA(nh);
				     (char *)na + sizeof(*na) <= (char *)nh + nh->rtnh_len &&
				     na->nla_len >= sizeof(*na);
				     na = (struct nlattr *)((char *)na + NLA_ALIGN(na->nla_len)))
					if ((na->nla_type & NLA_TYPE_MASK) == RTA_GATEWAY &&
					    na->nla_len >= sizeof(*na) + alen)
						l->gw = (char *)na + NLA_HDRLEN;
			}
			l->nexthops++;
			left -= RTNH_ALIGN(nh->rtnh_len);
			nh = RTNH_NEXT(nh);
		}
		break;
	}
	case RTA_METRICS: {
		const struct nlattr *m;
		mnl_attr_for_each_nested(m, a)
			if (mnl_attr_get_type(m) == RTAX_MTU && mnl_attr_get_payload_len(m) >= 4)
				l->mtu = mnl_attr_get_u32(m);
		break;
	}
	}
	return MNL_CB_OK;
}

static void count_table(struct routes_walk *w, uint32_t table)
{
	for (size_t i = 0; i < w->ntables; i++)
		if (w->tables[i].table == table) {
			w->tables[i].n++;
			return;
		}
	if (w->ntables == w->captables) {
		size_t cap = w->captables ? w->captables * 2 : 8;
		w->tables = np_xreallocarray(w->tables, cap, sizeof(*w->tables));
		w->captables = cap;
	}
	w->tables[w->ntables++] = (struct tblcount){table, 1};
}

static void print_route(struct routes_walk *w, const struct rt_line *l)
{
	struct np_out *o = w->ctx->out;
	const struct rtmsg *rtm = l->rtm;
	int fam = rtm->rtm_family;
	char a[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN + 8], tb[32];
	const char *type = np_rt_type_name(rtm->rtm_type, tb, sizeof(tb));

	if (l->dst)
		snprintf(dst, sizeof(dst), "%s/%u", inet_ntop(fam, l->dst, a, sizeof(a)),
			 rtm->rtm_dst_len);
	else
		snprintf(dst, sizeof(dst), "default");
	np_open_obj(o, NULL);
	np_print_str(o, "type", rtm->rtm_type == RTN_UNICAST ? NULL : "%s ", type);
	np_print_str(o, "dst", "%s", dst);
	np_print_str(o, "family", NULL, fam == AF_INET6 ? "inet6" : "inet");
	if (l->gw)
		np_print_str(o, "gateway", " via %s", inet_ntop(fam, l->gw, a, sizeof(a)));
	if (l->oif)
		np_print_str(o, "dev", " dev %s", np_ifname(&w->ifc, l->oif));
	np_print_str(o, "table", l->table == RT_TABLE_MAIN ? NULL : " table %s",
		     np_rt_table_name(l->table, tb, sizeof(tb)));
	np_print_str(o, "protocol", " proto %s", np_rt_proto_name(rtm->rtm_protocol, tb, sizeof(tb)));
	np_print_str(o, "scope", rtm->rtm_scope ? " scope %s" : NULL,
		     np_rt_scope_name(rtm->rtm_scope, tb, sizeof(tb)));
	if (l->prefsrc)
		np_print_str(o, "prefsrc", " src %s", inet_ntop(fam, l->prefsrc, a, sizeof(a)));
	if (l->metric)
		np_print_u64(o, "metric", " metric %" PRIu64, l->metric);
	if (l->mtu)
		np_print_u64(o, "mtu", " mtu %" PRIu64, l->mtu);
	if (l->nexthops > 1)
		np_print_u64(o, "nexthops", " nexthops %" PRIu64, (uint64_t)l->nexthops);
	np_close_obj(o);
	np_text(o, "\n");
}

/* `routes 10.0.0.0/8`: the destination of the route lies inside the
 * prefix, like `ip route show root` (the default route only in /0). */
static bool inside(const struct routes_opts *o, const struct rt_line *l,
		   const struct nlmsghdr *nlh)
{
	static const unsigned char zero[16];
	const unsigned char *dst = l->dst;
	if (o->summary) { /* the summary walk did not decode RTA_DST */
		const struct nlattr *a;
		mnl_attr_for_each(a, nlh, sizeof(*l->rtm))
			if (mnl_attr_get_type(a) == RTA_DST)
				dst = mnl_attr_get_payload(a);
	}
	return np_prefix_contains(&o->prefix, l->rtm->rtm_family, dst ? dst : zero,
				  l->rtm->rtm_dst_len);
}

static int route_cb(const struct nlmsghdr *nlh, void *data)
{
	struct routes_walk *w = data;
	struct rt_line l = {0};
	if (nlh->nlmsg_type != RTM_NEWROUTE || nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*l.rtm)))
		return MNL_CB_OK;
	l.rtm = mnl_nlmsg_get_payload(nlh);
	if (l.rtm->rtm_flags & RTM_F_CLONED)
		return MNL_CB_OK; /* route cache / PMTU exceptions are not routes */
	if (w->opt->family && l.rtm->rtm_family != w->opt->family)
		return MNL_CB_OK;
	l.table = l.rtm->rtm_table;
	l.nexthops = 1;
	if (w->opt->summary) {
		/* Summary counts only need the header and RTA_TABLE. */
		const struct nlattr *a = mnl_nlmsg_get_payload_offset(nlh, sizeof(*l.rtm));
		mnl_attr_for_each(a, nlh, sizeof(*l.rtm))
			if (mnl_attr_get_type(a) == RTA_TABLE && mnl_attr_get_payload_len(a) >= 4)
				l.table = mnl_attr_get_u32(a);
	} else if (mnl_attr_parse(nlh, sizeof(*l.rtm), line_attr, &l) < 0) {
		return MNL_CB_OK;
	}
	/* Without strict checking the kernel ignores the table filter. */
	if (w->opt->table && l.table != w->opt->table)
		return MNL_CB_OK;
	if (w->opt->has_prefix && !inside(w->opt, &l, nlh))
		return MNL_CB_OK;
	w->total++;
	if (l.rtm->rtm_family == AF_INET6)
		w->v6++;
	else
		w->v4++;
	if (w->opt->summary) {
		w->by_type[l.rtm->rtm_type]++;
		w->by_proto[l.rtm->rtm_protocol]++;
		count_table(w, l.table);
	} else {
		print_route(w, &l);
	}
	return MNL_CB_OK;
}

static int cmp_tbl(const void *a, const void *b)
{
	const struct tblcount *x = a, *y = b;
	return x->n < y->n ? 1 : x->n > y->n ? -1 : (x->table > y->table) - (x->table < y->table);
}

static void print_summary(struct routes_walk *w)
{
	static const struct np_col cols[] = {
		{"name", "NAME", NP_COL_STR},
		{"routes", "ROUTES", NP_COL_U64},
	};
	struct np_out *o = w->ctx->out;
	struct np_table *t;
	char b[32];

	np_print_u64(o, "total", "%" PRIu64 " routes", w->total);
	np_print_u64(o, "inet", " (%" PRIu64 " IPv4", w->v4);
	np_print_u64(o, "inet6", ", %" PRIu64 " IPv6)\n\n", w->v6);
	t = np_table_begin(o, "by_table", "by table:", cols, 2);
	/* qsort(NULL, 0, ...) is undefined (UBSan): nothing to sort anyway. */
	if (w->ntables > 1)
		qsort(w->tables, w->ntables, sizeof(*w->tables), cmp_tbl);
	for (size_t i = 0; i < w->ntables; i++) {
		np_row_begin(t);
		np_cell_str(t, np_rt_table_name(w->tables[i].table, b, sizeof(b)));
		np_cell_u64(t, w->tables[i].n);
		np_row_end(t);
	}
	np_table_end(t);
	np_text(o, "\n");
	t = np_table_begin(o, "by_type", "by type:", cols, 2);
	for (unsigned i = 0; i < 256; i++)
		if (w->by_type[i]) {
			np_row_begin(t);
			np_cell_str(t, np_rt_type_name(i, b, sizeof(b)));
			np_cell_u64(t, w->by_type[i]);
			np_row_end(t);
		}
	np_table_end(t);
	np_text(o, "\n");
	t = np_table_begin(o, "by_protocol", "by protocol (who installed them):", cols, 2);
	for (unsigned i = 0; i < 256; i++)
		if (w->by_proto[i]) {
			np_row_begin(t);
			np_cell_str(t, np_rt_proto_name(i, b, sizeof(b)));
			np_cell_u64(t, w->by_proto[i]);
			np_row_end(t);
		}
	np_table_end(t);
}

static int parse_opts(struct np_ctx *ctx, int n, char **tok, struct routes_opts *opt)
{
	char why[128];
	memset(opt, 0, sizeof(*opt));
	opt->table = RT_TABLE_MAIN;
	for (int i = 0; i < n; i++) {
		const char *t = tok[i];
		uint32_t id;
		int named;
		if (!strcmp(t, "summary"))
			opt->summary = true;
		else if (!strcmp(t, "inet") || !strcmp(t, "-4"))
			opt->family = AF_INET;
		else if (!strcmp(t, "inet6") || !strcmp(t, "-6"))
			opt->family = AF_INET6;
		else if (!opt->has_prefix && strpbrk(t, ".:/")) {
			if (np_parse_prefix(t, &opt->prefix, why, sizeof(why))) {
				np_error(ctx->out, "e.g. routes 10.0.0.0/8", "routes: %s", why);
				return -NP_EUSAGE;
			}
			opt->has_prefix = true;
			opt->family = opt->prefix.addr.family;
		} else if (!opt->table_set && !np_rt_table_parse(t, &id)) {
			opt->table = id;
			opt->table_set = true;
		} else if (!opt->table_set && (named = rtnl_route_str2table(t)) > 0) {
			/* a name from /etc/iproute2/rt_tables */
			opt->table = (uint32_t)named;
			opt->table_set = true;
		} else {
			np_error(ctx->out,
				 "TABLE is main, local, default, all, a number or a name from "
				 "/etc/iproute2/rt_tables",
				 "routes: unknown table, prefix or option '%.64s'", t);
			return -NP_EUSAGE;
		}
	}
	/* A summary is about the whole FIB unless a table is named. */
	if (opt->summary && !opt->table_set)
		opt->table = 0;
	return 0;
}

static int routes_run(struct np_ctx *ctx, const struct np_args *a)
{
	struct routes_opts opt;
	struct routes_walk w = {0};
	struct np_nl nl;
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	int err;

	if ((err = parse_opts(ctx, a->nrest, a->rest, &opt)))
		return err;
	if ((err = np_nl_open(ctx, &nl)))
		return err;
	w.ctx = ctx;
	w.opt = &opt;
	nlh = np_nl_req(&nl, RTM_GETROUTE, NLM_F_DUMP, sizeof(*rtm), (void **)&rtm);
	rtm->rtm_family = (unsigned char)opt.family;
	if (opt.table && nl.strict) {
		rtm->rtm_table = opt.table < 256 ? (unsigned char)opt.table : RT_TABLE_UNSPEC;
		mnl_attr_put_u32(nlh, RTA_TABLE, opt.table);
	}
	if (!opt.summary)
		np_open_arr(ctx->out, "routes");
	err = np_nl_dump(ctx, &nl, nlh, route_cb, &w, "routes");
	if (!opt.summary)
		np_close_arr(ctx->out);
	if (err == -ENOENT && opt.table) {
		/* strict IPv4 dumps refuse a table that does not exist */
		np_error(ctx->out, "`routes summary` lists the tables in use", "routes: no table %s",
			 a->rest[0]);
		err = -ENOENT;
	}
	if (!err && !w.total && opt.table_set && opt.table && opt.table != RT_TABLE_MAIN &&
	    opt.table != RT_TABLE_LOCAL && opt.table != RT_TABLE_DEFAULT) {
		/* Tables exist only while they hold routes: an empty one is
		 * almost always a typo or a table that was never filled. */
		np_error(ctx->out, "`routes summary` lists the tables in use",
			 "routes: table %" PRIu32 " has no routes (no such table)", opt.table);
		err = -ENOENT;
	}
	if (!err) {
		if (opt.summary)
			print_summary(&w);
		else
			np_print_u64(ctx->out, "count", NULL, w.total);
	}
	np_ifcache_free(&w.ifc);
	free(w.tables);
	np_nl_close(&nl);
	return err;
}

static void routes_complete(struct np_ctx *ctx, int argc, char **argv, const char *word,
			    np_complete_fn add, void *cookie)
{
	static const char *const words[] = {"summary", "all",  "main",	"local",
					    "default", "inet", "inet6", NULL};
	(void)ctx;
	(void)argc;
	(void)argv;
	for (int i = 0; words[i]; i++)
		if (!strncmp(words[i], word, strlen(word)))
			add(cookie, words[i]);
}

static const struct np_arg routes_args[] = {
	{NULL, NP_A_REST, "TABLE|PREFIX|summary|inet|inet6 ...",
	 "TABLE: main (default), local, default, all, a number or a name from rt_tables; "
	 "PREFIX (10.0.0.0/8, fd00::/16): only routes inside it; "
	 "summary: counts by table, type and protocol"},
};

const struct np_cmd np_cmd_routes = {
	.name = "routes",
	.summary = "list routes of a table, or summarize the whole FIB",
	.help = "Lists the routes of TABLE (main by default, `all` for every table), IPv4 and "
		"IPv6 unless inet or inet6 is given, one line per route like `ip route`. "
		"A PREFIX keeps the routes whose destination lies inside it (`ip route show "
		"root PREFIX`; an address alone is a host prefix). "
		"`routes summary` counts routes by table, type and protocol over the whole FIB "
		"(or TABLE). The dump is streamed message by message: 100,000 routes use no more "
		"memory than ten, and the table filter runs in the kernel.",
	.args = routes_args,
	.nargs = NP_ARRAY_SIZE(routes_args),
	.run = routes_run,
	.complete_rest = routes_complete,
	.examples = "routes\nroutes summary\nroutes local\nroutes all inet6\nroutes 100\n"
		    "routes 10.0.0.0/8\nroutes all fd00::/8",
};
