// SPDX-License-Identifier: GPL-2.0-only
/* route get: one RTM_GETROUTE round trip (the resolved route with
 * RTM_F_LOOKUP_TABLE and the matching FIB entry with RTM_F_FIB_MATCH, sent
 * together), then the policy rule that chose the table.  A failed lookup
 * is an answer: its errno says what the packet met (reference R8/T3). */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include "routeget.h"
#include "sysctl_read.h"

/* What one RTM_NEWROUTE reply says. */
struct rt_reply {
	unsigned type, protocol;
	uint32_t table, oif, metric, mtu;
	int family, dst_len, nexthops;
	bool has_dst, has_gw;
	unsigned char dst[16], gw[16], prefsrc[16];
	bool has_prefsrc;
};

static int metrics_cb(const struct nlattr *a, void *data)
{
	struct rt_reply *r = data;
	if (mnl_attr_get_type(a) == RTAX_MTU && mnl_attr_get_payload_len(a) >= 4)
		r->mtu = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

static int route_attr(const struct nlattr *a, void *data)
{
	struct rt_reply *r = data;
	uint16_t len = mnl_attr_get_payload_len(a);
	size_t alen = r->family == AF_INET6 ? 16 : 4;
	switch (mnl_attr_get_type(a)) {
	case RTA_TABLE:
		if (len >= 4)
			r->table = mnl_attr_get_u32(a);
		break;
	case RTA_OIF:
		if (len >= 4)
			r->oif = mnl_attr_get_u32(a);
		break;
	case RTA_PRIORITY:
		if (len >= 4)
			r->metric = mnl_attr_get_u32(a);
		break;
	case RTA_DST:
		if (len >= alen) {
			memcpy(r->dst, mnl_attr_get_payload(a), alen);
			r->has_dst = true;
		}
		break;
	case RTA_GATEWAY:
		if (len >= alen) {
			memcpy(r->gw, mnl_attr_get_payload(a), alen);
			r->has_gw = true;
		}
		break;
	case RTA_PREFSRC:
		if (len >= alen) {
			memcpy(r->prefsrc, mnl_attr_get_payload(a), alen);
			r->has_prefsrc = true;
		}
		break;
	case RTA_METRICS:
		mnl_attr_parse_nested(a, metrics_cb, r);
		break;
	case RTA_MULTIPATH: {
		/* Count the next hops; the first one stands for the entry. */
		const struct rtnexthop *nh = mnl_attr_get_payload(a);
		int left = len;
		r->nexthops = 0;
		while (left >= (int)sizeof(*nh) && nh->rtnh_len >= sizeof(*nh) &&
		       nh->rtnh_len <= left) {
			if (!r->nexthops && !r->oif)
				r->oif = (uint32_t)nh->rtnh_ifindex;
			r->nexthops++;
			left -= RTNH_ALIGN(nh->rtnh_len);
			nh = RTNH_NEXT(nh);
		}
		break;
	}
	}
	return MNL_CB_OK;
}

static int parse_reply(const struct nlmsghdr *nlh, struct rt_reply *r)
{
	const struct rtmsg *rtm;
	memset(r, 0, sizeof(*r));
	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*rtm)))
		return -EINVAL;
	rtm = mnl_nlmsg_get_payload(nlh);
	r->family = rtm->rtm_family;
	r->type = rtm->rtm_type;
	r->protocol = rtm->rtm_protocol;
	r->table = rtm->rtm_table;
	r->dst_len = rtm->rtm_dst_len;
	r->nexthops = 1;
	return mnl_attr_parse(nlh, sizeof(*rtm), route_attr, r) < 0 ? -EINVAL : 0;
}

/* A resolved query: addresses and devices checked. */
struct rq {
	struct np_addr dst, src;
	bool has_src;
	int iif, oif;
	const struct np_route_query *q;
};

static void put_req(struct nlmsghdr *nlh, const struct rq *r, unsigned flags)
{
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	size_t alen = r->dst.family == AF_INET6 ? 16 : 4;
	rtm->rtm_family = (unsigned char)r->dst.family;
	rtm->rtm_dst_len = (unsigned char)(alen * 8);
	/* IPv6 always reports RTA_TABLE and its strict request check refuses
	 * RTM_F_LOOKUP_TABLE ("Invalid flags for get route request"). */
	if (r->dst.family == AF_INET6)
		flags &= ~(unsigned)RTM_F_LOOKUP_TABLE;
	rtm->rtm_flags = flags;
	mnl_attr_put(nlh, RTA_DST, alen, r->dst.a);
	if (r->has_src) {
		rtm->rtm_src_len = (unsigned char)(alen * 8);
		mnl_attr_put(nlh, RTA_SRC, alen, r->src.a);
	}
	if (r->iif > 0)
		mnl_attr_put_u32(nlh, RTA_IIF, (uint32_t)r->iif);
	if (r->oif > 0)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)r->oif);
	if (r->q->has_mark)
		mnl_attr_put_u32(nlh, RTA_MARK, r->q->mark);
	if (r->q->ipproto)
		mnl_attr_put_u8(nlh, RTA_IP_PROTO, r->q->ipproto);
	if (r->q->sport)
		mnl_attr_put_u16(nlh, RTA_SPORT, htons(r->q->sport));
	if (r->q->dport)
		mnl_attr_put_u16(nlh, RTA_DPORT, htons(r->q->dport));
}

static int reply_cb(const struct nlmsghdr *nlh, void *data)
{
	struct rt_reply *r = data;
	if (nlh->nlmsg_type == RTM_NEWROUTE && parse_reply(nlh, r))
		return MNL_CB_ERROR;
	return MNL_CB_OK;
}

/* One RTM_GETROUTE with flags; the positive errno of the answer (a
 * lookup's error is an answer), 0 with *rep filled. */
static int get_route(struct np_nl *nl, const struct rq *r, unsigned flags, struct rt_reply *rep)
{
	struct nlmsghdr *nlh;
	int err;
	/* Clear the request's area: libmnl 1.0.4 leaves attribute padding
	 * unset, and the buffer holds the previous replies. */
	memset(nl->buf, 0, nl->buflen < 1024 ? nl->buflen : 1024);
	nlh = mnl_nlmsg_put_header(nl->buf);
	nlh->nlmsg_type = RTM_GETROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = ++nl->seq;
	put_req(nlh, r, flags);
	memset(rep, 0, sizeof(*rep));
	err = np_nl_get(nl, nlh, reply_cb, rep);
	return -err;
}

/* The lookup, and when fib is set the FIB-match request (the entry that
 * matched).  errs[i] is the positive errno of request i, 0 with reply[i]
 * filled on success. */
static int exchange(struct np_nl *nl, const struct rq *r, bool fib, struct rt_reply *reply,
		    int *errs)
{
	errs[0] = get_route(nl, r, RTM_F_LOOKUP_TABLE, &reply[0]);
	errs[1] = fib ? get_route(nl, r, RTM_F_LOOKUP_TABLE | RTM_F_FIB_MATCH, &reply[1]) : -1;
	return 0;
}

/* A single extra lookup used by the diagnosis (reverse path, output path). */
static int lookup1(struct np_nl *nl, const struct rq *r, struct rt_reply *rep)
{
	struct rt_reply reps[2];
	int errs[2], err = exchange(nl, r, false, reps, errs);
	if (err)
		return err;
	*rep = reps[0];
	return errs[0];
}

static int sysctl_int(const char *fmt, const char *dev, int dflt)
{
	char key[128], val[64];
	snprintf(key, sizeof(key), fmt, dev);
	if (np_sysctl_read(key, val, sizeof(val)))
		return dflt;
	return atoi(val);
}

static uint32_t dev_mtu(const char *dev)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	uint32_t mtu = 0;
	if (fd < 0)
		return 0;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	if (ioctl(fd, SIOCGIFMTU, &ifr) == 0)
		mtu = (uint32_t)ifr.ifr_mtu;
	close(fd);
	return mtu;
}

/* Martian source/destination as ip_route_input_slow() sees them (IPv4). */
static const char *martian4(const struct rq *r)
{
	const unsigned char *s = r->src.a, *d = r->dst.a;
	int localnet = sysctl_int("net/ipv4/conf/%s/route_localnet", r->q->iif, 0) ||
		       sysctl_int("net/ipv4/conf/%s/route_localnet", "all", 0);
	if (s[0] >= 224 || s[0] == 0 || (s[0] == 127 && !localnet))
		return "martian-source";
	if (d[0] == 0 || (d[0] == 127 && !localnet))
		return "martian-destination";
	return NULL;
}

/* An input lookup failed with EINVAL or EHOSTUNREACH: the kernel folds
 * several causes into one errno, so test each cause the way the kernel
 * would (reference R8 "Simulation"). */
static void diagnose_input(struct np_nl *nl, const struct rq *r, struct np_route_answer *ans)
{
	const struct np_route_query *q = r->q;
	struct rq out = *r, rev = *r;
	struct rt_reply rep = {0};
	char dev[IF_NAMESIZE];
	int err, mode;
	bool v6 = r->dst.family == AF_INET6;

	if (ans->err == EHOSTUNREACH) {
		int fwd = sysctl_int(v6 ? "net/ipv6/conf/%s/forwarding" : "net/ipv4/conf/%s/forwarding",
				     q->iif, 1);
		if (!fwd) {
			ans->reason = "forwarding-disabled";
			snprintf(ans->explain, sizeof(ans->explain),
				 "forwarding is disabled on %s (net.%s.conf.%s.forwarding = 0): "
				 "packets for other hosts are dropped (IP_INADDRERRORS, no ICMP)",
				 q->iif, v6 ? "ipv6" : "ipv4", q->iif);
		} else {
			ans->reason = "unreachable-route";
			snprintf(ans->explain, sizeof(ans->explain),
				 "an unreachable route (or rule) rejects it; the sender gets ICMP "
				 "host unreachable");
		}
		return;
	}
	if (ans->err != EINVAL)
		return;
	if (!v6 && (ans->reason = martian4(r))) {
		ans->type = "rejected";
		snprintf(ans->explain, sizeof(ans->explain),
			 "%s address: the kernel drops it before routing (IP_INVALID_SOURCE / "
			 "IP_LOCALNET / IP_INVALID_DEST)",
			 ans->reason + 8);
		return;
	}
	/* The destination as the host itself would route it. */
	out.iif = 0;
	out.has_src = false;
	err = lookup1(nl, &out, &rep);
	if (err == EINVAL) {
		ans->reason = "blackhole-route";
		snprintf(ans->explain, sizeof(ans->explain),
			 "a blackhole route (or rule) silently discards it: no ICMP, no SNMP counter");
		return;
	}
	/* Our own address as source: only accept_local lets it in. */
	rev.dst = r->src;
	rev.iif = 0;
	rev.oif = 0;
	rev.has_src = false;
	err = lookup1(nl, &rev, &rep);
	if (!err && rep.type == RTN_LOCAL &&
	    !sysctl_int(v6 ? "net/ipv6/conf/%s/accept_local" : "net/ipv4/conf/%s/accept_local",
			q->iif, 0)) {
		ans->type = "rejected";
		ans->reason = "martian-source";
		snprintf(ans->explain, sizeof(ans->explain),
			 "the source %s is one of this host's addresses (IP_LOCAL_SOURCE; "
			 "accept_local = 0)",
			 q->src);
		return;
	}
	mode = sysctl_int("net/ipv4/conf/%s/rp_filter", "all", 0);
	if (sysctl_int("net/ipv4/conf/%s/rp_filter", q->iif, 0) > mode)
		mode = sysctl_int("net/ipv4/conf/%s/rp_filter", q->iif, 0);
	if (!v6 && mode > 0) {
		bool fail = err != 0;
		dev[0] = '\0';
		if (!err && rep.oif && !if_indextoname(rep.oif, dev))
			dev[0] = '\0';
		if (!err && mode == 1 && strcmp(dev, q->iif))
			fail = true;
		if (fail) {
			ans->type = "rejected";
			ans->reason = "rp_filter";
			if (err)
				snprintf(ans->explain, sizeof(ans->explain),
					 "reverse-path filter (rp_filter %d): no route back to %s "
					 "(IP_RPFILTER, TcpExt.IPReversePathFilter)",
					 mode, q->src);
			else
				snprintf(ans->explain, sizeof(ans->explain),
					 "strict reverse-path filter (rp_filter 1): the route back "
					 "to %s leaves via %s, not %s (IP_RPFILTER, "
					 "TcpExt.IPReversePathFilter)",
					 q->src, dev[0] ? dev : "?", q->iif);
			return;
		}
	}
	ans->type = "rejected";
	ans->reason = "invalid";
	snprintf(ans->explain, sizeof(ans->explain),
		 "the kernel refused the input lookup (EINVAL) for a reason netpath could not "
		 "narrow down");
}

/* Output lookup errors: what each errno means for a local sender. */
static void explain_output(struct np_nl *nl, const struct rq *r, struct np_route_answer *ans)
{
	switch (ans->err) {
	case ENETUNREACH:
		ans->reason = "no-route";
		snprintf(ans->explain, sizeof(ans->explain),
			 "no route matches (or a throw route ends the lookup): ENETUNREACH, "
			 "Ip.OutNoRoutes / IpExt.InNoRoutes");
		break;
	case EHOSTUNREACH:
		ans->reason = "unreachable-route";
		snprintf(ans->explain, sizeof(ans->explain),
			 "an unreachable route (or rule) rejects it: senders get EHOSTUNREACH");
		break;
	case EACCES:
		ans->reason = "prohibit-route";
		snprintf(ans->explain, sizeof(ans->explain),
			 "a prohibit route (or rule) rejects it: senders get EACCES, ICMP "
			 "administratively prohibited");
		break;
	case EINVAL: {
		struct rq own = *r;
		struct rt_reply rep = {0};
		if (r->has_src) {
			own.dst = r->src;
			own.has_src = false;
			own.oif = 0;
			if (lookup1(nl, &own, &rep) != 0 || rep.type != RTN_LOCAL) {
				ans->type = "rejected";
				ans->reason = "source-not-local";
				snprintf(ans->explain, sizeof(ans->explain),
					 "%s is not an address of this host: a local sender cannot "
					 "use it (add iif DEV to ask about a forwarded packet)",
					 r->q->src);
				return;
			}
		}
		ans->reason = "blackhole-route";
		snprintf(ans->explain, sizeof(ans->explain),
			 "a blackhole route (or rule) silently discards it: senders get EINVAL, "
			 "no ICMP, no counter");
		break;
	}
	}
}

static const char *addr_text(int family, const unsigned char *a, char *buf, size_t len)
{
	return inet_ntop(family, a, buf, (socklen_t)len) ? buf : "";
}

#define MAX_MATCHED_RULES 64

struct rules_walk {
	struct np_rule_flow flow;
	struct np_rule m[MAX_MATCHED_RULES]; /* the rules matching the flow, in order */
	int n;
};

static int rule_cb(const struct nlmsghdr *nlh, void *data)
{
	struct rules_walk *w = data;
	struct np_rule r;
	if (w->n < MAX_MATCHED_RULES && !np_rule_parse(nlh, &r) && np_rule_matches(&r, &w->flow))
		w->m[w->n++] = r;
	return MNL_CB_OK;
}

/* Covering routes of one type, best (longest) per table. */
struct reject_walk {
	int family;
	unsigned char dst[16];
	struct {
		uint32_t table;
		int len;
		unsigned char pfx[16];
	} best[16];
	int n;
};

static bool covers(const unsigned char *a, const unsigned char *p, int plen)
{
	int bytes = plen / 8, bits = plen % 8;
	if (memcmp(a, p, (size_t)bytes))
		return false;
	return !bits || ((a[bytes] ^ p[bytes]) & (0xff << (8 - bits)) & 0xff) == 0;
}

static int reject_cb(const struct nlmsghdr *nlh, void *data)
{
	struct reject_walk *w = data;
	const struct rtmsg *rtm;
	const struct nlattr *a;
	unsigned char pfx[16] = {0};
	uint32_t table;
	size_t alen = w->family == AF_INET6 ? 16 : 4;
	int i;
	if (nlh->nlmsg_type != RTM_NEWROUTE || nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*rtm)))
		return MNL_CB_OK;
	rtm = mnl_nlmsg_get_payload(nlh);
	table = rtm->rtm_table;
	mnl_attr_for_each(a, nlh, sizeof(*rtm)) {
		if (mnl_attr_get_type(a) == RTA_TABLE && mnl_attr_get_payload_len(a) >= 4)
			table = mnl_attr_get_u32(a);
		if (mnl_attr_get_type(a) == RTA_DST && mnl_attr_get_payload_len(a) >= alen)
			memcpy(pfx, mnl_attr_get_payload(a), alen);
	}
	if (rtm->rtm_family != w->family || !covers(w->dst, pfx, rtm->rtm_dst_len))
		return MNL_CB_OK;
	for (i = 0; i < w->n && w->best[i].table != table; i++)
		;
	if (i == w->n) {
		if (w->n == (int)NP_ARRAY_SIZE(w->best))
			return MNL_CB_OK;
		w->n++;
		w->best[i].table = table;
		w->best[i].len = -1;
	}
	if (rtm->rtm_dst_len > w->best[i].len) {
		w->best[i].len = rtm->rtm_dst_len;
		memcpy(w->best[i].pfx, pfx, alen);
	}
	return MNL_CB_OK;
}

/* The lookup failed with a route type's errno: the kernel does not say
 * which table held that route, so ask it for the routes of that type only
 * (a kernel-filtered dump: the FIB is walked in the kernel but only
 * rejecting routes are sent) and take the first table, in rule order, with
 * one covering DST. */
static void find_reject_route(struct np_ctx *ctx, struct np_nl *nl, const struct rq *r,
			      const struct rules_walk *rw, unsigned rtn, struct np_route_answer *ans)
{
	struct reject_walk w = {0};
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	char a[INET6_ADDRSTRLEN];
	size_t alen = r->dst.family == AF_INET6 ? 16 : 4;

	if (!nl->strict)
		return; /* without kernel filtering this would be a full dump */
	w.family = r->dst.family;
	memcpy(w.dst, r->dst.a, alen);
	nlh = np_nl_req(nl, RTM_GETROUTE, NLM_F_DUMP, sizeof(*rtm), (void **)&rtm);
	rtm->rtm_family = (unsigned char)r->dst.family;
	rtm->rtm_type = (unsigned char)rtn;
	if (np_nl_dump(ctx, nl, nlh, reject_cb, &w, "route lookup") < 0)
		return;
	for (int i = 0; i < rw->n; i++) {
		const struct np_rule *ru = &rw->m[i];
		if (ru->action != FR_ACT_TO_TBL || ru->l3mdev)
			continue;
		for (int t = 0; t < w.n; t++) {
			if (w.best[t].table != ru->table)
				continue;
			ans->table = ru->table;
			ans->rule = *ru;
			ans->have_rule = true;
			if (w.best[t].len == 0)
				snprintf(ans->prefix, sizeof(ans->prefix), "default");
			else
				snprintf(ans->prefix, sizeof(ans->prefix), "%s/%d",
					 addr_text(r->dst.family, w.best[t].pfx, a, sizeof(a)),
					 w.best[t].len);
			if (rtn == RTN_THROW) {
				ans->type = "throw";
				ans->reason = "throw-route";
				snprintf(ans->explain, sizeof(ans->explain),
					 "a throw route in table %" PRIu32 " ends the lookup and no "
					 "later rule's table matches: ENETUNREACH",
					 ru->table);
			}
			return;
		}
	}
}

/* Name the rule (and, for rejecting routes, the table) behind an answer.
 * Rule lists are short: one small dump. */
static void find_rule(struct np_ctx *ctx, struct np_nl *nl, const struct rq *r,
		      struct np_route_answer *ans)
{
	static struct rules_walk w; /* 64 rules: keep it off the stack */
	struct fib_rule_hdr *frh;
	struct nlmsghdr *nlh;
	size_t alen = r->dst.family == AF_INET6 ? 16 : 4;
	unsigned rtn = 0;

	memset(&w, 0, sizeof(w));
	w.flow.family = r->dst.family;
	memcpy(w.flow.dst, r->dst.a, alen);
	if (r->has_src) {
		memcpy(w.flow.src, r->src.a, alen);
		w.flow.has_src = true;
	}
	snprintf(w.flow.iif, sizeof(w.flow.iif), "%s", r->q->iif);
	snprintf(w.flow.oif, sizeof(w.flow.oif), "%s", r->q->oif);
	w.flow.mark = r->q->mark;
	w.flow.ipproto = r->q->ipproto;
	w.flow.sport = r->q->sport;
	w.flow.dport = r->q->dport;
	w.flow.uid = (uint32_t)getuid();
	nlh = np_nl_req(nl, RTM_GETRULE, NLM_F_DUMP, sizeof(*frh), (void **)&frh);
	frh->family = (unsigned char)r->dst.family;
	/* A failure here only costs the rule line: the lookup stands. */
	if (np_nl_dump(ctx, nl, nlh, rule_cb, &w, "rules") < 0)
		return;
	if (!ans->err) {
		/* The kernel goes on past a table without a match (or with a
		 * throw), so the chooser is the first matching rule that names
		 * the answer's table. */
		for (int i = 0; i < w.n; i++)
			if (w.m[i].action == FR_ACT_TO_TBL && !w.m[i].l3mdev &&
			    w.m[i].table == ans->table) {
				ans->rule = w.m[i];
				ans->have_rule = true;
				return;
			}
		return;
	}
	for (int i = 0; i < w.n; i++) {
		const struct np_rule *ru = &w.m[i];
		static const struct {
			unsigned act;
			int err;
			const char *reason;
		} rej[] = {
			{FR_ACT_BLACKHOLE, EINVAL, "blackhole-rule"},
			{FR_ACT_UNREACHABLE, EHOSTUNREACH, "unreachable-rule"},
			{FR_ACT_PROHIBIT, EACCES, "prohibit-rule"},
		};
		for (size_t k = 0; k < NP_ARRAY_SIZE(rej); k++) {
			if (ru->action != rej[k].act)
				continue;
			/* The walk ends at a rejecting rule whatever the errno. */
			if (ans->err == rej[k].err) {
				ans->rule = *ru;
				ans->have_rule = true;
				ans->reason = rej[k].reason;
				snprintf(ans->explain, sizeof(ans->explain),
					 "policy rule %" PRIu32 " rejects it before any table is "
					 "consulted",
					 ru->prio);
			}
			return;
		}
	}
	/* Only answers that came from a route of a known type are looked up. */
	if (ans->reason && !strcmp(ans->reason, "blackhole-route"))
		rtn = RTN_BLACKHOLE;
	else if (ans->reason && !strcmp(ans->reason, "unreachable-route"))
		rtn = RTN_UNREACHABLE;
	else if (ans->reason && !strcmp(ans->reason, "prohibit-route"))
		rtn = RTN_PROHIBIT;
	else if (ans->reason && !strcmp(ans->reason, "no-route"))
		rtn = RTN_THROW;
	if (rtn && r->q->locate)
		find_reject_route(ctx, nl, r, &w, rtn, ans);
}

static int resolve(struct np_ctx *ctx, const struct np_route_query *q, struct rq *r)
{
	char why[128];
	int idx;
	memset(r, 0, sizeof(*r));
	r->q = q;
	if (np_parse_addr(q->dst, &r->dst, why, sizeof(why))) {
		np_error(ctx->out, "an IPv4 or IPv6 address, e.g. 10.0.0.1 or 2001:db8::1",
			 "route get: destination '%.64s': %s", q->dst, why);
		return -NP_EUSAGE;
	}
	if (q->src[0]) {
		if (np_parse_addr(q->src, &r->src, why, sizeof(why))) {
			np_error(ctx->out, NULL, "route get: source '%.64s': %s", q->src, why);
			return -NP_EUSAGE;
		}
		if (r->src.family != r->dst.family) {
			np_error(ctx->out, NULL, "route get: %s and %s are of different families",
				 q->dst, q->src);
			return -NP_EUSAGE;
		}
		r->has_src = true;
	}
	if (q->iif[0] && !r->has_src) {
		np_error(ctx->out, "e.g. route get 10.2.0.1 from 10.1.0.1 iif eth0",
			 "route get: iif needs from SRC (the input lookup validates the source)");
		return -NP_EUSAGE;
	}
	if (q->iif[0]) {
		if ((idx = np_ifindex(ctx, q->iif)) < 0)
			return idx;
		r->iif = idx;
	}
	if (q->oif[0]) {
		if ((idx = np_ifindex(ctx, q->oif)) < 0)
			return idx;
		r->oif = idx;
	}
	return 0;
}

int np_route_lookup(struct np_ctx *ctx, const struct np_route_query *q, struct np_route_answer *ans)
{
	struct rt_reply rep[2];
	struct np_nl nl;
	struct rq r;
	int errs[2], err;
	char tbuf[32], a[INET6_ADDRSTRLEN];

	memset(ans, 0, sizeof(*ans));
	if ((err = resolve(ctx, q, &r)))
		return err;
	if ((err = np_nl_open(ctx, &nl)))
		return err;
	err = exchange(&nl, &r, true, rep, errs);
	if (err) {
		np_error(ctx->out, NULL, "route get: %s", strerror(-err));
		goto out;
	}
	ans->err = errs[0];
	if (ans->err) {
		ans->type = np_rt_type_for_errno(ans->err);
		if (!ans->type) {
			/* Not a routing answer: EPERM, ENODEV (device vanished) ... */
			err = -ans->err;
			np_error(ctx->out,
				 ans->err == ENODEV ? "the device vanished; check `link`" : NULL,
				 "route get %s: %s", q->dst, strerror(ans->err));
			goto out;
		}
		if (r.iif)
			diagnose_input(&nl, &r, ans);
		else
			explain_output(&nl, &r, ans);
		find_rule(ctx, &nl, &r, ans);
		goto out;
	}
	ans->rtn = rep[0].type;
	ans->type = np_rt_type_name(rep[0].type, tbuf, sizeof(tbuf));
	if (ans->type == tbuf)
		ans->type = "unicast"; /* unknown numbers: never hand out a stack buffer */
	ans->table = rep[0].table;
	if (rep[0].oif && !if_indextoname(rep[0].oif, ans->dev))
		snprintf(ans->dev, sizeof(ans->dev), "if%u", rep[0].oif);
	if (rep[0].has_gw)
		addr_text(rep[0].family, rep[0].gw, ans->gateway, sizeof(ans->gateway));
	if (rep[0].has_prefsrc)
		addr_text(rep[0].family, rep[0].prefsrc, ans->prefsrc, sizeof(ans->prefsrc));
	ans->mtu = rep[0].mtu;
	ans->mtu_cached = rep[0].mtu != 0;
	if (!ans->mtu && ans->dev[0])
		ans->mtu = dev_mtu(ans->dev);
	if (!errs[1]) {
		if (rep[1].has_dst)
			snprintf(ans->prefix, sizeof(ans->prefix), "%s/%d",
				 addr_text(rep[1].family, rep[1].dst, a, sizeof(a)), rep[1].dst_len);
		else
			snprintf(ans->prefix, sizeof(ans->prefix), "default");
		snprintf(ans->proto, sizeof(ans->proto), "%s",
			 np_rt_proto_name(rep[1].protocol, tbuf, sizeof(tbuf)));
		ans->metric = rep[1].metric;
		ans->nexthops = rep[1].nexthops;
		if (!ans->gateway[0] && rep[1].has_gw)
			addr_text(rep[1].family, rep[1].gw, ans->gateway, sizeof(ans->gateway));
	}
	ans->delivers = true;
	/* The rule is named from the successful lookup's table, before an
	 * IPv6 forwarding verdict turns the answer into a refusal. */
	find_rule(ctx, &nl, &r, ans);
	if (r.iif && rep[0].type == RTN_UNICAST && r.dst.family == AF_INET6 &&
	    !sysctl_int("net/ipv6/conf/%s/forwarding", "all", 1)) {
		/* IPv6 checks forwarding in ip6_forward(), after the lookup
		 * succeeded: report what the packet meets. */
		ans->err = EHOSTUNREACH;
		ans->type = "unreachable";
		ans->reason = "forwarding-disabled";
		ans->delivers = false;
		snprintf(ans->explain, sizeof(ans->explain),
			 "IPv6 forwarding is disabled (net.ipv6.conf.all.forwarding = 0): the "
			 "route exists but forwarded packets are dropped");
	} else if (r.iif && rep[0].type == RTN_UNICAST) {
		ans->reason = "forward";
		snprintf(ans->explain, sizeof(ans->explain), "forwarded out of %s", ans->dev);
	} else if (rep[0].type == RTN_LOCAL) {
		ans->reason = "local";
		snprintf(ans->explain, sizeof(ans->explain), "delivered to this host");
	} else {
		ans->reason = "route";
	}
	err = 0;
out:
	np_nl_close(&nl);
	return err;
}

void np_route_publish(struct np_ctx *ctx, const struct np_route_query *q, const char *keyarg,
		      const struct np_route_answer *ans)
{
	char key[300], eb[16];
	struct np_facts *fs = ctx->facts;
	if (keyarg)
		snprintf(key, sizeof(key), "%s", keyarg);
	else
		np_route_key(q, key, sizeof(key));
	np_fact_setf_str(fs, ans->type, "route[%s].type", key);
	np_fact_setf_str(fs, np_errno_name(ans->err, eb, sizeof(eb)), "route[%s].error", key);
	np_fact_setf_str(fs, ans->dev, "route[%s].dev", key);
	np_fact_setf_str(fs, ans->gateway, "route[%s].gateway", key);
	np_fact_setf_int(fs, ans->table, "route[%s].table", key);
	np_fact_setf_str(fs, ans->prefsrc, "route[%s].prefsrc", key);
	np_fact_setf_int(fs, ans->mtu, "route[%s].mtu", key);
	np_fact_setf_str(fs, ans->reason ? ans->reason : "", "route[%s].reason", key);
	np_fact_setf_str(fs, ans->prefix, "route[%s].prefix", key);
	np_fact_setf_int(fs, ans->have_rule ? (int64_t)ans->rule.prio : -1, "route[%s].rule", key);
}
