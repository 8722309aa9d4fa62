// SPDX-License-Identifier: GPL-2.0-only
/* Names, states and TCA_STATS2 parsing for the rtnetlink commands. */
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/fib_rules.h>
#include <linux/gen_stats.h>
#include <linux/neighbour.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>

#include "np.h"
#include "rtfmt.h"
#include "ipproto.h"

static const char *const rt_types[] = {
	[RTN_UNSPEC] = "none",		[RTN_UNICAST] = "unicast",
	[RTN_LOCAL] = "local",		[RTN_BROADCAST] = "broadcast",
	[RTN_ANYCAST] = "anycast",	[RTN_MULTICAST] = "multicast",
	[RTN_BLACKHOLE] = "blackhole",	[RTN_UNREACHABLE] = "unreachable",
	[RTN_PROHIBIT] = "prohibit",	[RTN_THROW] = "throw",
	[RTN_NAT] = "nat",		[RTN_XRESOLVE] = "xresolve",
};

const char *np_rt_type_name(unsigned type, char *buf, size_t len)
{
	if (type < NP_ARRAY_SIZE(rt_types) && rt_types[type])
		return rt_types[type];
	snprintf(buf, len, "type-%u", type);
	return buf;
}

const char *np_rt_type_for_errno(int err)
{
	switch (err) {
	case ENETUNREACH:
		return "noroute";
	case EHOSTUNREACH:
		return "unreachable";
	case EACCES:
		return "prohibit";
	case EINVAL:
		return "blackhole";
	default:
		return NULL;
	}
}

const char *np_errno_name(int err, char *buf, size_t len)
{
	static const struct {
		int e;
		const char *n;
	} names[] = {
	    {ENETUNREACH, "ENETUNREACH"},
	    {EHOSTUNREACH, "EHOSTUNREACH"},
	    {EACCES, "EACCES"},
	    {EINVAL, "EINVAL"},
	    {EPERM, "EPERM"},
	    {ENODEV, "ENODEV"},
	    {ENOENT, "ENOENT"},
	    {EAFNOSUPPORT, "EAFNOSUPPORT"},
	    {EXDEV, "EXDEV"},
	    {ENOBUFS, "ENOBUFS"},
	    {EOPNOTSUPP, "EOPNOTSUPP"},
	    {ENETDOWN, "ENETDOWN"},
	    /* socket errors (probe flow: what the stack told the socket) */
	    {ECONNREFUSED, "ECONNREFUSED"},
	    {ETIMEDOUT, "ETIMEDOUT"},
	    {EMSGSIZE, "EMSGSIZE"},
	    {ECONNRESET, "ECONNRESET"},
	    {EPROTO, "EPROTO"},
	    {EHOSTDOWN, "EHOSTDOWN"},
	    {EPIPE, "EPIPE"},
	    {ECONNABORTED, "ECONNABORTED"},
	    {ENOPROTOOPT, "ENOPROTOOPT"},
	    {EADDRNOTAVAIL, "EADDRNOTAVAIL"},
	    {ENONET, "ENONET"},
	};
	if (err == 0)
		return "";
	for (size_t i = 0; i < NP_ARRAY_SIZE(names); i++)
		if (names[i].e == err)
			return names[i].n;
	snprintf(buf, len, "E%d", err);
	return buf;
}

const char *np_rt_proto_name(unsigned proto, char *buf, size_t len)
{
	static const char *const names[] = {
		[RTPROT_UNSPEC] = "unspec", [RTPROT_REDIRECT] = "redirect",
		[RTPROT_KERNEL] = "kernel", [RTPROT_BOOT] = "boot",
		[RTPROT_STATIC] = "static", [RTPROT_RA] = "ra",
		[RTPROT_DHCP] = "dhcp",	    [RTPROT_BGP] = "bgp",
		[RTPROT_ISIS] = "isis",	    [RTPROT_OSPF] = "ospf",
		[RTPROT_RIP] = "rip",	    [RTPROT_EIGRP] = "eigrp",
		[RTPROT_BABEL] = "babel",   [RTPROT_ZEBRA] = "zebra",
		[RTPROT_BIRD] = "bird",	    [RTPROT_XORP] = "xorp",
		[RTPROT_NTK] = "ntk",	    [RTPROT_MROUTED] = "mrouted",
		[RTPROT_KEEPALIVED] = "keepalived",
	};
	if (proto < NP_ARRAY_SIZE(names) && names[proto])
		return names[proto];
	snprintf(buf, len, "%u", proto);
	return buf;
}

const char *np_rt_scope_name(unsigned scope, char *buf, size_t len)
{
	switch (scope) {
	case RT_SCOPE_UNIVERSE:
		return "global";
	case RT_SCOPE_SITE:
		return "site";
	case RT_SCOPE_LINK:
		return "link";
	case RT_SCOPE_HOST:
		return "host";
	case RT_SCOPE_NOWHERE:
		return "nowhere";
	}
	snprintf(buf, len, "%u", scope);
	return buf;
}

const char *np_rt_table_name(uint32_t table, char *buf, size_t len)
{
	switch (table) {
	case RT_TABLE_MAIN:
		return "main";
	case RT_TABLE_LOCAL:
		return "local";
	case RT_TABLE_DEFAULT:
		return "default";
	case RT_TABLE_UNSPEC:
		return "unspec";
	}
	snprintf(buf, len, "%" PRIu32, table);
	return buf;
}

int np_rt_table_parse(const char *s, uint32_t *out)
{
	char *end;
	unsigned long long v;
	if (!strcmp(s, "main"))
		*out = RT_TABLE_MAIN;
	else if (!strcmp(s, "local"))
		*out = RT_TABLE_LOCAL;
	else if (!strcmp(s, "default"))
		*out = RT_TABLE_DEFAULT;
	else if (!strcmp(s, "all"))
		*out = 0;
	else {
		if (*s < '0' || *s > '9')
			return -1;
		errno = 0;
		v = strtoull(s, &end, 10);
		if (errno || *end || v == 0 || v > UINT32_MAX)
			return -1;
		*out = (uint32_t)v;
	}
	return 0;
}

const char *np_rule_action_name(unsigned action, char *buf, size_t len)
{
	switch (action) {
	case FR_ACT_TO_TBL:
		return "lookup";
	case FR_ACT_GOTO:
		return "goto";
	case FR_ACT_NOP:
		return "nop";
	case FR_ACT_BLACKHOLE:
		return "blackhole";
	case FR_ACT_UNREACHABLE:
		return "unreachable";
	case FR_ACT_PROHIBIT:
		return "prohibit";
	}
	snprintf(buf, len, "action-%u", action);
	return buf;
}

/* ---- neighbours ---- */

static const struct {
	unsigned bit;
	const char *name;
} nud_names[] = {
	{NUD_PERMANENT, "PERMANENT"}, {NUD_NOARP, "NOARP"},   {NUD_FAILED, "FAILED"},
	{NUD_INCOMPLETE, "INCOMPLETE"}, {NUD_PROBE, "PROBE"}, {NUD_DELAY, "DELAY"},
	{NUD_STALE, "STALE"},	      {NUD_REACHABLE, "REACHABLE"},
};

const char *np_neigh_state_name(unsigned state, char *buf, size_t len)
{
	size_t off = 0;
	int n = 0;
	const unsigned all = state;
	if (!state)
		return "none";
	for (size_t i = 0; i < NP_ARRAY_SIZE(nud_names); i++) {
		if (!(state & nud_names[i].bit))
			continue;
		/* A single bit is the common case: return the constant. */
		if (all == nud_names[i].bit)
			return nud_names[i].name;
		if (off < len)
			off += (size_t)snprintf(buf + off, len - off, "%s%s", n++ ? "|" : "",
						nud_names[i].name);
		state &= ~nud_names[i].bit;
	}
	if (state && off < len)
		snprintf(buf + off, len - off, "%s0x%x", n ? "|" : "", state);
	return buf;
}

bool np_neigh_state_bad(unsigned state)
{
	return state & (NUD_FAILED | NUD_INCOMPLETE);
}

/* ---- tc ---- */

struct tc_walk {
	const struct nlattr *kind, *stats2, *stats;
};

static int tc_attr_cb(const struct nlattr *a, void *data)
{
	struct tc_walk *w = data;
	switch (mnl_attr_get_type(a)) {
	case TCA_KIND:
		if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
			return MNL_CB_ERROR;
		w->kind = a;
		break;
	case TCA_STATS2:
		w->stats2 = a;
		break;
	case TCA_STATS:
		w->stats = a;
		break;
	}
	return MNL_CB_OK;
}

static int stats2_cb(const struct nlattr *a, void *data)
{
	struct np_tcstats *st = data;
	uint16_t plen = mnl_attr_get_payload_len(a);
	switch (mnl_attr_get_type(a)) {
	case TCA_STATS_BASIC: {
		struct gnet_stats_basic b;
		/* The kernel pads gnet_stats_basic to 16 bytes; 12 is the packed size. */
		if (plen < 12)
			return MNL_CB_ERROR;
		memset(&b, 0, sizeof(b));
		memcpy(&b, mnl_attr_get_payload(a), plen < sizeof(b) ? plen : sizeof(b));
		st->bytes = b.bytes;
		st->packets = b.packets;
		st->valid = true;
		break;
	}
	case TCA_STATS_PKT64:
		if (plen >= sizeof(uint64_t)) {
			st->packets = mnl_attr_get_u64(a);
			st->valid = true;
		}
		break;
	case TCA_STATS_QUEUE: {
		struct gnet_stats_queue q;
		if (plen < sizeof(q))
			return MNL_CB_ERROR;
		memcpy(&q, mnl_attr_get_payload(a), sizeof(q));
		st->qlen = q.qlen;
		st->backlog = q.backlog;
		st->drops = q.drops;
		st->requeues = q.requeues;
		st->overlimits = q.overlimits;
		st->valid = true;
		break;
	}
	}
	return MNL_CB_OK;
}

int np_tc_parse(const struct nlmsghdr *nlh, char *kind, size_t kindlen, struct np_tcstats *st)
{
	struct tc_walk w = {0};
	memset(st, 0, sizeof(*st));
	if (kindlen)
		kind[0] = '\0';
	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(struct tcmsg)))
		return -EINVAL;
	if (mnl_attr_parse(nlh, sizeof(struct tcmsg), tc_attr_cb, &w) < 0)
		return -EINVAL;
	if (w.kind && kindlen)
		snprintf(kind, kindlen, "%s", mnl_attr_get_str(w.kind));
	if (w.stats2) {
		if (mnl_attr_parse_nested(w.stats2, stats2_cb, st) < 0)
			return -EINVAL;
	} else if (w.stats) {
		/* Kernels without TCA_STATS2 (or a qdisc that only fills the
		 * legacy struct) still give the same counters. */
		struct tc_stats s;
		if (mnl_attr_get_payload_len(w.stats) < sizeof(s))
			return -EINVAL;
		memcpy(&s, mnl_attr_get_payload(w.stats), sizeof(s));
		st->bytes = s.bytes;
		st->packets = s.packets;
		st->drops = s.drops;
		st->overlimits = s.overlimits;
		st->qlen = s.qlen;
		st->backlog = s.backlog;
		st->valid = true;
	}
	return 0;
}

const char *np_tc_handle(uint32_t h, char *buf, size_t len)
{
	if (h == TC_H_ROOT)
		return "root";
	if (TC_H_MIN(h))
		snprintf(buf, len, "%x:%x", TC_H_MAJ(h) >> 16, TC_H_MIN(h));
	else
		snprintf(buf, len, "%x:", TC_H_MAJ(h) >> 16);
	return buf;
}

const char *np_tc_parent(uint32_t parent, char *buf, size_t len)
{
	if (parent == TC_H_ROOT)
		return "root";
	if (parent == TC_H_INGRESS) /* == TC_H_CLSACT */
		return "ingress";
	return np_tc_handle(parent, buf, len);
}

/* ---- route fact keys ---- */

uint8_t np_ipproto_parse(const char *s)
{
	if (!strcmp(s, "tcp"))
		return IPPROTO_TCP;
	if (!strcmp(s, "udp"))
		return IPPROTO_UDP;
	if (!strcmp(s, "icmp"))
		return IPPROTO_ICMP;
	if (!strcmp(s, "icmpv6") || !strcmp(s, "ipv6-icmp"))
		return IPPROTO_ICMPV6;
	return 0;
}

const char *np_ipproto_name(uint8_t p)
{
	/* Queries only carry protocols np_ipproto_parse accepts (or 0). */
	static char buf[16];
	return p ? np_proto_name(p, buf, sizeof(buf)) : "";
}

void np_route_key(const struct np_route_query *q, char *buf, size_t len)
{
	size_t off = (size_t)snprintf(buf, len, "%s", q->dst);
#define ADD(...)                                                                                   \
	do {                                                                                       \
		if (off < len)                                                                     \
			off += (size_t)snprintf(buf + off, len - off, __VA_ARGS__);                \
	} while (0)
	if (q->src[0])
		ADD(",from=%s", q->src);
	if (q->iif[0])
		ADD(",iif=%s", q->iif);
	if (q->oif[0])
		ADD(",oif=%s", q->oif);
	if (q->has_mark)
		ADD(",mark=%" PRIu32, q->mark);
	if (q->ipproto)
		ADD(",proto=%s", np_ipproto_name(q->ipproto));
	if (q->sport)
		ADD(",sport=%u", q->sport);
	if (q->dport)
		ADD(",dport=%u", q->dport);
#undef ADD
}

static int port_value(const char *v, uint16_t *out)
{
	char *end;
	unsigned long p = strtoul(v, &end, 10);
	if (!*v || *end || p == 0 || p > 65535)
		return -1;
	*out = (uint16_t)p;
	return 0;
}

int np_route_key_parse(const char *arg, struct np_route_query *q, char *why, size_t len)
{
	char tmp[256], *save = NULL, *tok;
	memset(q, 0, sizeof(*q));
	if (strlen(arg) >= sizeof(tmp) || !*arg) {
		snprintf(why, len, "empty or overlong route key");
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s", arg);
	tok = strtok_r(tmp, ",", &save);
	if (!tok || strlen(tok) >= sizeof(q->dst)) {
		snprintf(why, len, "expected DST first");
		return -1;
	}
	snprintf(q->dst, sizeof(q->dst), "%s", tok);
	while ((tok = strtok_r(NULL, ",", &save))) {
		char *eq = strchr(tok, '=');
		const char *v;
		int bad = 0;
		if (!eq) {
			snprintf(why, len, "'%.40s': expected key=value", tok);
			return -1;
		}
		*eq = '\0';
		v = eq + 1;
		if (!strcmp(tok, "from") && strlen(v) < sizeof(q->src))
			snprintf(q->src, sizeof(q->src), "%s", v);
		else if (!strcmp(tok, "iif") && *v && strlen(v) < sizeof(q->iif))
			snprintf(q->iif, sizeof(q->iif), "%s", v);
		else if (!strcmp(tok, "oif") && *v && strlen(v) < sizeof(q->oif))
			snprintf(q->oif, sizeof(q->oif), "%s", v);
		else if (!strcmp(tok, "mark")) {
			char *end;
			unsigned long long m = strtoull(v, &end, 0);
			bad = !*v || *end || m > UINT32_MAX;
			q->mark = (uint32_t)m;
			q->has_mark = true;
		} else if (!strcmp(tok, "proto"))
			bad = !(q->ipproto = np_ipproto_parse(v));
		else if (!strcmp(tok, "sport"))
			bad = port_value(v, &q->sport);
		else if (!strcmp(tok, "dport"))
			bad = port_value(v, &q->dport);
		else
			bad = 1;
		if (bad) {
			snprintf(why, len,
				 "'%.20s=%.40s': selectors are from=SRC iif=DEV oif=DEV mark=N "
				 "proto=tcp|udp|icmp sport=N dport=N",
				 tok, v);
			return -1;
		}
	}
	return 0;
}
