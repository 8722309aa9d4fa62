// SPDX-License-Identifier: GPL-2.0-only
/* Route-type/state names, route fact keys, policy-rule matching and
 * TCA_STATS2 parsing from synthesized netlink messages (no root, no kernel). */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/fib_rules.h>
#include <linux/gen_stats.h>
#include <linux/neighbour.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>

#include "check.h"
#include "rtfmt.h"
#include "rtrule.h"

static void test_names(void)
{
	char b[32];
	CHECK_STR(np_rt_type_name(RTN_UNICAST, b, sizeof(b)), "unicast");
	CHECK_STR(np_rt_type_name(RTN_BLACKHOLE, b, sizeof(b)), "blackhole");
	CHECK_STR(np_rt_type_name(RTN_PROHIBIT, b, sizeof(b)), "prohibit");
	CHECK_STR(np_rt_type_name(RTN_THROW, b, sizeof(b)), "throw");
	CHECK_STR(np_rt_type_name(200, b, sizeof(b)), "type-200");
	CHECK_STR(np_rt_type_for_errno(ENETUNREACH), "noroute");
	CHECK_STR(np_rt_type_for_errno(EHOSTUNREACH), "unreachable");
	CHECK_STR(np_rt_type_for_errno(EACCES), "prohibit");
	CHECK_STR(np_rt_type_for_errno(EINVAL), "blackhole");
	CHECK(np_rt_type_for_errno(EPERM) == NULL);
	CHECK(np_rt_type_for_errno(ENODEV) == NULL);
	CHECK_STR(np_errno_name(EHOSTUNREACH, b, sizeof(b)), "EHOSTUNREACH");
	CHECK_STR(np_errno_name(0, b, sizeof(b)), "");
	CHECK_STR(np_errno_name(9999, b, sizeof(b)), "E9999");
	CHECK_STR(np_rt_proto_name(RTPROT_KERNEL, b, sizeof(b)), "kernel");
	CHECK_STR(np_rt_proto_name(RTPROT_BGP, b, sizeof(b)), "bgp");
	CHECK_STR(np_rt_proto_name(250, b, sizeof(b)), "250");
	CHECK_STR(np_rt_scope_name(RT_SCOPE_LINK, b, sizeof(b)), "link");
	CHECK_STR(np_rt_table_name(RT_TABLE_MAIN, b, sizeof(b)), "main");
	CHECK_STR(np_rt_table_name(100, b, sizeof(b)), "100");
	CHECK_STR(np_rule_action_name(FR_ACT_PROHIBIT, b, sizeof(b)), "prohibit");
}

static void test_table_parse(void)
{
	uint32_t t = 1;
	CHECK(np_rt_table_parse("main", &t) == 0 && t == RT_TABLE_MAIN);
	CHECK(np_rt_table_parse("local", &t) == 0 && t == RT_TABLE_LOCAL);
	CHECK(np_rt_table_parse("all", &t) == 0 && t == 0);
	CHECK(np_rt_table_parse("100", &t) == 0 && t == 100);
	CHECK(np_rt_table_parse("4294967295", &t) == 0 && t == 4294967295u);
	CHECK(np_rt_table_parse("4294967296", &t) == -1);
	CHECK(np_rt_table_parse("0", &t) == -1);
	CHECK(np_rt_table_parse("-1", &t) == -1);
	CHECK(np_rt_table_parse("12x", &t) == -1);
	CHECK(np_rt_table_parse("", &t) == -1);
}

static void test_neigh_state(void)
{
	char b[64];
	CHECK_STR(np_neigh_state_name(NUD_REACHABLE, b, sizeof(b)), "REACHABLE");
	CHECK_STR(np_neigh_state_name(NUD_FAILED, b, sizeof(b)), "FAILED");
	CHECK_STR(np_neigh_state_name(NUD_INCOMPLETE, b, sizeof(b)), "INCOMPLETE");
	CHECK_STR(np_neigh_state_name(NUD_PERMANENT, b, sizeof(b)), "PERMANENT");
	CHECK_STR(np_neigh_state_name(0, b, sizeof(b)), "none");
	CHECK_STR(np_neigh_state_name(NUD_STALE | NUD_NOARP, b, sizeof(b)), "NOARP|STALE");
	CHECK_STR(np_neigh_state_name(0x300, b, sizeof(b)), "0x300");
	CHECK(np_neigh_state_bad(NUD_FAILED));
	CHECK(np_neigh_state_bad(NUD_INCOMPLETE));
	CHECK(!np_neigh_state_bad(NUD_STALE));
	CHECK(!np_neigh_state_bad(NUD_REACHABLE | NUD_NOARP));
}

/* A RTM_NEWQDISC message like the kernel's tc_fill_qdisc(). */
static struct nlmsghdr *qdisc_msg(char *buf, const char *kind, bool stats2, bool legacy)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct tcmsg *tcm;
	nlh->nlmsg_type = RTM_NEWQDISC;
	tcm = mnl_nlmsg_put_extra_header(nlh, sizeof(*tcm));
	tcm->tcm_handle = 0x10000;
	tcm->tcm_parent = TC_H_ROOT;
	mnl_attr_put_strz(nlh, TCA_KIND, kind);
	if (stats2) {
		struct gnet_stats_basic b = {.bytes = 123456789012ull, .packets = 1000};
		struct gnet_stats_queue q = {
			.qlen = 5, .backlog = 7500, .drops = 489, .requeues = 3, .overlimits = 503};
		struct nlattr *n = mnl_attr_nest_start(nlh, TCA_STATS2);
		mnl_attr_put(nlh, TCA_STATS_BASIC, sizeof(b), &b);
		mnl_attr_put(nlh, TCA_STATS_QUEUE, sizeof(q), &q);
		mnl_attr_nest_end(nlh, n);
	}
	if (legacy) {
		struct tc_stats s = {.bytes = 42, .packets = 2, .drops = 9, .overlimits = 1,
				     .qlen = 1, .backlog = 100};
		mnl_attr_put(nlh, TCA_STATS, sizeof(s), &s);
	}
	return nlh;
}

static void test_tc_parse(void)
{
	char buf[1024], kind[16];
	struct np_tcstats st;
	struct nlmsghdr *nlh = qdisc_msg(buf, "tbf", true, true);

	CHECK(np_tc_parse(nlh, kind, sizeof(kind), &st) == 0);
	CHECK_STR(kind, "tbf");
	CHECK(st.valid);
	CHECK(st.bytes == 123456789012ull);
	CHECK(st.packets == 1000);
	CHECK(st.drops == 489);
	CHECK(st.overlimits == 503);
	CHECK(st.requeues == 3);
	CHECK(st.backlog == 7500);
	CHECK(st.qlen == 5);

	/* TCA_STATS2 wins over legacy TCA_STATS; legacy alone still works. */
	nlh = qdisc_msg(buf, "pfifo", false, true);
	CHECK(np_tc_parse(nlh, kind, sizeof(kind), &st) == 0);
	CHECK_STR(kind, "pfifo");
	CHECK(st.drops == 9 && st.packets == 2 && st.bytes == 42 && st.requeues == 0);

	/* No stats at all: zeros, not garbage. */
	nlh = qdisc_msg(buf, "noqueue", false, false);
	CHECK(np_tc_parse(nlh, kind, sizeof(kind), &st) == 0);
	CHECK(!st.valid && st.drops == 0);

	/* Truncated queue stats are rejected. */
	nlh = mnl_nlmsg_put_header(buf);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct tcmsg));
	{
		uint32_t half[2] = {1, 2};
		struct nlattr *n = mnl_attr_nest_start(nlh, TCA_STATS2);
		mnl_attr_put(nlh, TCA_STATS_QUEUE, sizeof(half), half);
		mnl_attr_nest_end(nlh, n);
	}
	CHECK(np_tc_parse(nlh, kind, sizeof(kind), &st) == -EINVAL);

	/* A message too short for struct tcmsg. */
	nlh = mnl_nlmsg_put_header(buf);
	CHECK(np_tc_parse(nlh, kind, sizeof(kind), &st) == -EINVAL);
}

static void test_tc_handle(void)
{
	char b[16];
	CHECK_STR(np_tc_handle(0x10000, b, sizeof(b)), "1:");
	CHECK_STR(np_tc_handle(0x10010, b, sizeof(b)), "1:10");
	CHECK_STR(np_tc_handle(0xffff0000, b, sizeof(b)), "ffff:");
	CHECK_STR(np_tc_handle(0, b, sizeof(b)), "0:");
	CHECK_STR(np_tc_parent(TC_H_ROOT, b, sizeof(b)), "root");
	CHECK_STR(np_tc_parent(TC_H_INGRESS, b, sizeof(b)), "ingress");
	CHECK_STR(np_tc_parent(0x10001, b, sizeof(b)), "1:1");
}

static void test_route_key(void)
{
	struct np_route_query q = {0}, p;
	char key[300], why[200];

	snprintf(q.dst, sizeof(q.dst), "10.0.0.2");
	np_route_key(&q, key, sizeof(key));
	CHECK_STR(key, "10.0.0.2");
	snprintf(q.src, sizeof(q.src), "10.1.0.1");
	snprintf(q.iif, sizeof(q.iif), "eth0.100");
	np_route_key(&q, key, sizeof(key));
	CHECK_STR(key, "10.0.0.2,from=10.1.0.1,iif=eth0.100");
	q.has_mark = true;
	q.mark = 7;
	q.ipproto = 6;
	q.dport = 443;
	np_route_key(&q, key, sizeof(key));
	CHECK_STR(key, "10.0.0.2,from=10.1.0.1,iif=eth0.100,mark=7,proto=tcp,dport=443");
	CHECK(np_route_key_parse(key, &p, why, sizeof(why)) == 0);
	CHECK_STR(p.dst, "10.0.0.2");
	CHECK_STR(p.src, "10.1.0.1");
	CHECK_STR(p.iif, "eth0.100");
	CHECK(p.has_mark && p.mark == 7 && p.ipproto == 6 && p.dport == 443 && p.sport == 0);
	CHECK(np_route_key_parse("2001:db8::1", &p, why, sizeof(why)) == 0);
	CHECK_STR(p.dst, "2001:db8::1");
	CHECK(np_route_key_parse("10.0.0.2,bogus=1", &p, why, sizeof(why)) == -1);
	CHECK(np_route_key_parse("10.0.0.2,sport=70000", &p, why, sizeof(why)) == -1);
	CHECK(np_route_key_parse("10.0.0.2,proto=sctp", &p, why, sizeof(why)) == -1);
	CHECK(np_route_key_parse("10.0.0.2,iif", &p, why, sizeof(why)) == -1);
	CHECK(np_route_key_parse("", &p, why, sizeof(why)) == -1);
}

static struct nlmsghdr *rule_msg(char *buf, unsigned prio, unsigned table, const char *from,
				 unsigned from_len, const char *iif, unsigned action)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct fib_rule_hdr *h;
	nlh->nlmsg_type = RTM_NEWRULE;
	h = mnl_nlmsg_put_extra_header(nlh, sizeof(*h));
	h->family = AF_INET;
	h->action = (unsigned char)action;
	h->table = table < 256 ? (unsigned char)table : RT_TABLE_UNSPEC;
	mnl_attr_put_u32(nlh, FRA_PRIORITY, prio);
	mnl_attr_put_u32(nlh, FRA_TABLE, table);
	if (from) {
		struct in_addr a;
		inet_pton(AF_INET, from, &a);
		h->src_len = (unsigned char)from_len;
		mnl_attr_put(nlh, FRA_SRC, 4, &a);
	}
	if (iif)
		mnl_attr_put_strz(nlh, FRA_IIFNAME, iif);
	return nlh;
}

static void test_rules(void)
{
	char buf[512], text[256];
	struct np_rule r;
	struct np_rule_flow f = {.family = AF_INET};

	inet_pton(AF_INET, "10.2.0.1", f.dst);
	inet_pton(AF_INET, "10.1.0.7", f.src);
	f.has_src = true;

	CHECK(np_rule_parse(rule_msg(buf, 32766, RT_TABLE_MAIN, NULL, 0, NULL, FR_ACT_TO_TBL), &r) ==
	      0);
	np_rule_describe(&r, text, sizeof(text));
	CHECK_STR(text, "32766: from all lookup main");
	CHECK(np_rule_matches(&r, &f));

	CHECK(np_rule_parse(rule_msg(buf, 100, 1000, "10.1.0.0", 16, "veth0", FR_ACT_TO_TBL), &r) ==
	      0);
	np_rule_describe(&r, text, sizeof(text));
	CHECK_STR(text, "100: from 10.1.0.0/16 iif veth0 lookup 1000");
	CHECK(!np_rule_matches(&r, &f)); /* local traffic comes from "lo" */
	snprintf(f.iif, sizeof(f.iif), "veth0");
	CHECK(np_rule_matches(&r, &f));
	inet_pton(AF_INET, "10.3.0.7", f.src);
	CHECK(!np_rule_matches(&r, &f));

	CHECK(np_rule_parse(rule_msg(buf, 5, 0, NULL, 0, "lo", FR_ACT_BLACKHOLE), &r) == 0);
	np_rule_describe(&r, text, sizeof(text));
	CHECK_STR(text, "5: from all iif lo blackhole");
	f.iif[0] = '\0';
	CHECK(np_rule_matches(&r, &f));

	/* Truncated header. */
	{
		struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
		CHECK(np_rule_parse(nlh, &r) == -EINVAL);
	}
}

int main(void)
{
	test_names();
	test_table_parse();
	test_neigh_state();
	test_tc_parse();
	test_tc_handle();
	test_route_key();
	test_rules();
	return check_done();
}
