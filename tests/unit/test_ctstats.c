// SPDX-License-Identifier: GPL-2.0-only
/* Conntrack statistics: /proc/net/stat/nf_conntrack recorded from this
 * kernel, synthesized ctnetlink replies, the entry tally and the
 * table-health judgement (the table-full case cannot be staged in a
 * namespace: nf_conntrack_max is read-only there). */
#include <arpa/inet.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <netinet/in.h>
#include <string.h>

#include "check.h"
#include "ctstats.h"

/* Recorded on kernel 6.18 (2 CPUs) after 5 inserts. */
static const char proc_618[] =
	"entries  clashres found new invalid ignore delete chainlength insert insert_failed drop "
	"early_drop icmp_error  expect_new expect_create expect_delete search_restart\n"
	"00000005  00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000002 "
	"00000000 00000000 00000000 00000000  00000000 00000000 00000000 00000000\n"
	"00000005  00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000003 "
	"00000000 00000000 00000000 00000000  00000000 00000000 00000000 00000000\n";

/* A table-full host: drops and early drops on both CPUs, hex values. */
static const char proc_full[] =
	"entries  clashres found new invalid ignore delete chainlength insert insert_failed drop "
	"early_drop icmp_error  expect_new expect_create expect_delete search_restart\n"
	"0003fffe  00000001 0000000a 00000000 00000010 00000000 00000000 00000002 000000ff "
	"00000003 00000100 00000020 00000001  00000000 00000000 00000000 00000004\n"
	"0003fffe  00000000 00000005 00000000 00000001 00000000 00000000 00000000 00000001 "
	"00000000 00000001 00000001 00000000  00000000 00000000 00000000 00000000\n";

/* An older layout (no clashres/chainlength, searched first). */
static const char proc_old[] = "entries searched found new invalid ignore delete delete_list "
			       "insert insert_failed drop early_drop icmp_error expect_new "
			       "expect_create expect_delete search_restart\n"
			       "00000010 00000000 00000001 00000000 00000002 00000000 00000000 "
			       "00000000 00000003 00000000 00000007 00000000 00000000 00000000 "
			       "00000000 00000000 00000000\n";

static void test_proc(void)
{
	struct np_ct_stats s;
	uint64_t entries;
	int cpus;

	CHECK(np_ct_parse_proc(proc_618, &s, &entries, &cpus) == 0);
	CHECK(cpus == 2);
	CHECK(entries == 5);
	CHECK(s.v[NP_CT_INSERT] == 5);
	CHECK(s.v[NP_CT_DROP] == 0);

	CHECK(np_ct_parse_proc(proc_full, &s, &entries, &cpus) == 0);
	CHECK(entries == 0x3fffe);
	CHECK(s.v[NP_CT_DROP] == 0x101);
	CHECK(s.v[NP_CT_EARLY_DROP] == 0x21);
	CHECK(s.v[NP_CT_INSERT_FAILED] == 3);
	CHECK(s.v[NP_CT_CLASH_RESOLVE] == 1);
	CHECK(s.v[NP_CT_CHAINTOOLONG] == 2);
	CHECK(s.v[NP_CT_INVALID] == 0x11);
	CHECK(s.v[NP_CT_SEARCH_RESTART] == 4);
	CHECK(s.v[NP_CT_ICMP_ERROR] == 1);

	CHECK(np_ct_parse_proc(proc_old, &s, &entries, &cpus) == 0);
	CHECK(cpus == 1 && entries == 16 && s.v[NP_CT_DROP] == 7 && s.v[NP_CT_INSERT] == 3);

	CHECK(np_ct_parse_proc("", &s, &entries, &cpus) == -EINVAL);
	CHECK(np_ct_parse_proc("garbage without newline", &s, &entries, &cpus) == -EINVAL);
	CHECK(np_ct_parse_proc("entries drop\n00000001\n", &s, &entries, &cpus) == -EINVAL);
	CHECK(np_ct_parse_proc("entries drop\n", &s, &entries, &cpus) == -EINVAL);
}

static struct nlmsghdr *ct_msg(char *buf, int msg, int family, uint16_t res_id)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *nfg;
	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | msg;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = (uint8_t)family;
	nfg->res_id = htons(res_id);
	return nlh;
}

static void test_netlink_stats(void)
{
	static char buf[4096];
	struct np_ct_stats s;
	uint64_t count = 0, max = 0;
	int cpu = -1;
	struct nlmsghdr *nlh = ct_msg(buf, IPCTNL_MSG_CT_GET_STATS_CPU, AF_UNSPEC, 3);

	mnl_attr_put_u32(nlh, CTA_STATS_FOUND, htonl(11));
	mnl_attr_put_u32(nlh, CTA_STATS_INVALID, htonl(22));
	mnl_attr_put_u32(nlh, CTA_STATS_INSERT_FAILED, htonl(3));
	mnl_attr_put_u32(nlh, CTA_STATS_DROP, htonl(70000));
	mnl_attr_put_u32(nlh, CTA_STATS_EARLY_DROP, htonl(5));
	mnl_attr_put_u32(nlh, CTA_STATS_ERROR, htonl(6));
	mnl_attr_put_u32(nlh, CTA_STATS_CHAIN_TOOLONG, htonl(8));
	CHECK(np_ct_parse_cpu(nlh, &s, &cpu) == 0);
	CHECK(cpu == 3);
	CHECK(s.v[NP_CT_FOUND] == 11 && s.v[NP_CT_INVALID] == 22);
	CHECK(s.v[NP_CT_DROP] == 70000 && s.v[NP_CT_EARLY_DROP] == 5);
	CHECK(s.v[NP_CT_ICMP_ERROR] == 6 && s.v[NP_CT_CHAINTOOLONG] == 8);
	CHECK(s.v[NP_CT_INSERT_FAILED] == 3 && s.v[NP_CT_INSERT] == 0);
	/* The wrong message type is refused. */
	CHECK(np_ct_parse_global(nlh, &count, &max) == -EINVAL);

	nlh = ct_msg(buf, IPCTNL_MSG_CT_GET_STATS, AF_UNSPEC, 0);
	mnl_attr_put_u32(nlh, CTA_STATS_GLOBAL_ENTRIES, htonl(262000));
	mnl_attr_put_u32(nlh, CTA_STATS_GLOBAL_MAX_ENTRIES, htonl(262144));
	CHECK(np_ct_parse_global(nlh, &count, &max) == 0);
	CHECK(count == 262000 && max == 262144);

	/* Missing max: not an answer. */
	nlh = ct_msg(buf, IPCTNL_MSG_CT_GET_STATS, AF_UNSPEC, 0);
	mnl_attr_put_u32(nlh, CTA_STATS_GLOBAL_ENTRIES, htonl(1));
	CHECK(np_ct_parse_global(nlh, &count, &max) == -EINVAL);

	/* A request header as the kernel expects it. */
	nlh = np_ct_req(buf, IPCTNL_MSG_CT_GET_STATS_CPU, 1, 9);
	CHECK(nlh->nlmsg_type == ((NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET_STATS_CPU));
	CHECK(nlh->nlmsg_flags & NLM_F_DUMP);
	CHECK(nlh->nlmsg_len == MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct nfgenmsg)));
}

static void test_judge(void)
{
	struct np_ct_stats d = {0};
	char why[200];

	CHECK(np_ct_judge(10, 262144, NULL, why, sizeof(why)) == NP_OK);
	CHECK(np_ct_judge(240000, 262144, NULL, why, sizeof(why)) == NP_WARN);
	CHECK(strstr(why, "nearly full") != NULL);
	CHECK(np_ct_judge(262144, 262144, NULL, why, sizeof(why)) == NP_CRIT);
	CHECK(strstr(why, "table full") != NULL);
	CHECK(np_ct_judge(1000000, 0, NULL, why, sizeof(why)) == NP_OK); /* max 0: unlimited */

	CHECK(np_ct_judge(10, 262144, &d, why, sizeof(why)) == NP_OK);
	d.v[NP_CT_INSERT_FAILED] = 4;
	CHECK(np_ct_judge(10, 262144, &d, why, sizeof(why)) == NP_WARN);
	CHECK(strstr(why, "insert_failed") != NULL);
	d.v[NP_CT_EARLY_DROP] = 2;
	CHECK(np_ct_judge(10, 262144, &d, why, sizeof(why)) == NP_WARN);
	CHECK(strstr(why, "early_drop") != NULL);
	d.v[NP_CT_DROP] = 1;
	CHECK(np_ct_judge(10, 262144, &d, why, sizeof(why)) == NP_CRIT);
	CHECK(strstr(why, "dropped") != NULL);
	d.v[NP_CT_DROP] = 0;
	d.v[NP_CT_EARLY_DROP] = 0;
	d.v[NP_CT_INSERT_FAILED] = 0;
	d.v[NP_CT_CHAINTOOLONG] = 1;
	CHECK(np_ct_judge(10, 262144, &d, why, sizeof(why)) == NP_CRIT);

	/* Deltas from two recorded snapshots of a table filling up. */
	{
		struct np_ct_stats a, b, dd;
		uint64_t e;
		int c;
		np_ct_parse_proc(proc_618, &a, &e, &c);
		np_ct_parse_proc(proc_full, &b, &e, &c);
		np_ct_delta(&a, &b, &dd);
		CHECK(dd.v[NP_CT_DROP] == 0x101);
		CHECK(dd.v[NP_CT_INSERT] == 0xff + 1 - 5);
		CHECK(np_ct_judge(e, 262144, &dd, why, sizeof(why)) == NP_CRIT);
		np_ct_delta(&b, &a, &dd); /* counters going backwards (reset): 0 */
		CHECK(dd.v[NP_CT_DROP] == 0);
	}
}

static struct nlmsghdr *entry(char *buf, int family, int proto, int tcp_state, uint32_t status)
{
	struct nlmsghdr *nlh = ct_msg(buf, IPCTNL_MSG_CT_NEW, family, 0);
	struct nlattr *tup = mnl_attr_nest_start(nlh, CTA_TUPLE_ORIG);
	struct nlattr *ip = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);
	mnl_attr_put_u32(nlh, CTA_IP_V4_SRC, htonl(0x0a000001));
	mnl_attr_nest_end(nlh, ip);
	struct nlattr *pr = mnl_attr_nest_start(nlh, CTA_TUPLE_PROTO);
	mnl_attr_put_u8(nlh, CTA_PROTO_NUM, (uint8_t)proto);
	mnl_attr_put_u16(nlh, CTA_PROTO_SRC_PORT, htons(1000));
	mnl_attr_nest_end(nlh, pr);
	mnl_attr_nest_end(nlh, tup);
	mnl_attr_put_u32(nlh, CTA_STATUS, htonl(status));
	if (tcp_state >= 0) {
		struct nlattr *pi = mnl_attr_nest_start(nlh, CTA_PROTOINFO);
		struct nlattr *t = mnl_attr_nest_start(nlh, CTA_PROTOINFO_TCP);
		mnl_attr_put_u8(nlh, CTA_PROTOINFO_TCP_STATE, (uint8_t)tcp_state);
		mnl_attr_nest_end(nlh, t);
		mnl_attr_nest_end(nlh, pi);
	}
	return nlh;
}

static void test_tally(void)
{
	static char buf[4096];
	static struct np_ct_tally t;
	char pb[16];

	memset(&t, 0, sizeof(t));
	for (int i = 0; i < 5; i++)
		CHECK(np_ct_tally_msg(entry(buf, AF_INET, IPPROTO_TCP, 7, IPS_SEEN_REPLY | IPS_ASSURED),
				      &t) == 0);
	CHECK(np_ct_tally_msg(entry(buf, AF_INET6, IPPROTO_TCP, 3, IPS_SEEN_REPLY), &t) == 0);
	CHECK(np_ct_tally_msg(entry(buf, AF_INET, IPPROTO_UDP, -1, 0), &t) == 0);
	CHECK(np_ct_tally_msg(entry(buf, AF_INET, IPPROTO_TCP, 42, 0), &t) == 0);
	CHECK(t.total == 8);
	CHECK(t.proto[IPPROTO_TCP] == 7 && t.proto[IPPROTO_UDP] == 1);
	CHECK(t.tcp_state[7] == 5 && t.tcp_state[3] == 1);
	CHECK(t.tcp_state[NP_CT_TCP_STATES] == 1); /* unknown state kept apart */
	CHECK(t.ipv4 == 7 && t.ipv6 == 1);
	CHECK(t.assured == 5 && t.unreplied == 2);
	CHECK_STR(np_ct_tcp_state_name(7), "TIME_WAIT");
	CHECK_STR(np_ct_tcp_state_name(99), "UNKNOWN");
	CHECK_STR(np_ct_proto_name(IPPROTO_UDP, pb, sizeof(pb)), "udp");
	CHECK_STR(np_ct_proto_name(200, pb, sizeof(pb)), "proto-200");

	/* No tuple: refused, nothing counted. */
	CHECK(np_ct_tally_msg(ct_msg(buf, IPCTNL_MSG_CT_NEW, AF_INET, 0), &t) == -EINVAL);
	CHECK(t.total == 8);
}

int main(void)
{
	test_proc();
	test_netlink_stats();
	test_judge();
	test_tally();
	return check_done();
}
