// SPDX-License-Identifier: GPL-2.0-only
/* snmp_parse + counters_kb: recorded /proc/net/snmp, netstat, snmp6. */
#include <stdint.h>
#include <stdio.h>

#include "check.h"
#include "fixtures_snmp.h"
#include "snmp_parse.h"

static int64_t val(const struct np_counters *c, const char *g, const char *n)
{
	const struct np_counter *e = np_counters_find(c, g, n);
	return e ? e->value : INT64_MIN;
}

static void test_pairs(void)
{
	struct np_counters c = {0};
	CHECK(np_snmp_parse_pairs(fx_snmp, &c) == 0);
	CHECK(np_snmp_parse_pairs(fx_netstat, &c) == 0);
	CHECK(c.n == 312); /* every header name of both files */
	CHECK(val(&c, "Ip", "Forwarding") == 2);
	CHECK(val(&c, "Tcp", "MaxConn") == -1);
	CHECK(val(&c, "Tcp", "InSegs") == 1019);
	CHECK(val(&c, "TcpExt", "ListenOverflows") == 2);
	CHECK(val(&c, "IpExt", "InNoRoutes") == 0);
	CHECK(val(&c, "IcmpMsg", "InType3") == 1);
	CHECK(val(&c, "MPTcpExt", "MPCapableSYNRX") == 0);
	CHECK(np_counters_find(&c, "Tcp", "ListenOverflows") == NULL);
	np_counters_free(&c);
}

static void test_pairs_malformed(void)
{
	struct np_counters c = {0};
	CHECK(np_snmp_parse_pairs("Ip: A B\nIp: 1\n", &c) == -EINVAL);
	CHECK(np_snmp_parse_pairs("Ip: A\nTcp: 1\n", &c) == -EINVAL);
	CHECK(np_snmp_parse_pairs("Ip: A B\n", &c) == -EINVAL);
	CHECK(np_snmp_parse_pairs("Ip: A\nIp: x\n", &c) == -EINVAL);
	CHECK(np_snmp_parse_pairs("no colon\nhere\n", &c) == -EINVAL);
	np_counters_free(&c);
	/* u64 beyond INT64_MAX saturates; no trailing newline is fine. */
	CHECK(np_snmp_parse_pairs("X: A B\nX: 18446744073709551615 7", &c) == 0);
	CHECK(val(&c, "X", "A") == INT64_MAX && val(&c, "X", "B") == 7);
	np_counters_free(&c);
	CHECK(np_snmp_parse_pairs("", &c) == 0 && c.n == 0);
}

static void test_snmp6(void)
{
	struct np_counters c = {0};
	char g[16];
	const char *name;
	CHECK(np_snmp_parse_snmp6(fx_snmp6, &c) == 0);
	CHECK(c.n == 90);
	CHECK(val(&c, "Ip6", "InReceives") == 6);
	CHECK(val(&c, "Icmp6", "InErrors") == 1);
	CHECK(val(&c, "Icmp6", "InType1") == 1);
	CHECK(val(&c, "Udp6", "RcvbufErrors") == 0);
	CHECK(val(&c, "UdpLite6", "InDatagrams") == 0);
	CHECK(np_counters_find(&c, "Udp6", "Lite6InDatagrams") == NULL);
	np_counters_free(&c);
	CHECK(np_snmp6_split("Ip6InDiscards", g, sizeof(g), &name));
	CHECK_STR(g, "Ip6");
	CHECK_STR(name, "InDiscards");
	CHECK(np_snmp6_split("UdpLite6InErrors", g, sizeof(g), &name));
	CHECK_STR(g, "UdpLite6");
	CHECK(!np_snmp6_split("Ip6", g, sizeof(g), &name));
	CHECK(!np_snmp6_split("Ipv6Foo", g, sizeof(g), &name));
	CHECK(np_snmp_parse_snmp6("garbage\nIp6OutRequests 5\n", &c) == 0 && c.n == 1);
	np_counters_free(&c);
}

static void test_groups_and_filters(void)
{
	struct np_counter tcp = {"Tcp", "InSegs", 1}, ext = {"TcpExt", "ListenOverflows", 1};
	CHECK_STR(np_snmp_group_file("Tcp"), "snmp");
	CHECK_STR(np_snmp_group_file("IcmpMsg"), "snmp");
	CHECK_STR(np_snmp_group_file("TcpExt"), "netstat");
	CHECK_STR(np_snmp_group_file("FutureExt"), "netstat");
	CHECK_STR(np_snmp_group_file("Udp6"), "snmp6");
	CHECK(np_snmp_group_file("Foo") == NULL);
	CHECK(np_filter_is_group("tcpext"));
	CHECK(!np_filter_is_group("listen"));
	CHECK(np_counter_match(&tcp, "tcp"));
	CHECK(!np_counter_match(&ext, "tcp")); /* a group filter is the whole group */
	CHECK(np_counter_match(&ext, "TCPEXT"));
	CHECK(np_counter_match(&ext, "listen"));
	CHECK(np_counter_match(&ext, "ext.listenover"));
	CHECK(!np_counter_match(&tcp, "listen"));
	CHECK(np_counter_match(&ext, "snmp.TcpExt.ListenOverflows"));
	CHECK(np_counter_match(&tcp, "snmp.Tcp"));
	CHECK(!np_counter_match(&ext, "snmp.Tcp"));
	CHECK(np_counter_match(&tcp, NULL) && np_counter_match(&tcp, ""));
}

static void test_knowledge(void)
{
	const struct np_counter_info *k = np_counter_knowledge("TcpExt", "ListenOverflows");
	CHECK(k && k->layer == NP_L_SOCKET);
	k = np_counter_knowledge("TcpExt", "IPReversePathFilter");
	CHECK(k && k->layer == NP_L_ROUTING);
	k = np_counter_knowledge("IpExt", "InNoRoutes");
	CHECK(k && k->layer == NP_L_ROUTING);
	k = np_counter_knowledge("Udp6", "RcvbufErrors");
	CHECK(k && k->layer == NP_L_SOCKET && k->meaning[0]);
	k = np_counter_knowledge("Udp", "NoPorts");
	CHECK(k && k->layer == NP_L_TRANSPORT);
	CHECK(np_counter_knowledge("Tcp", "InSegs") == NULL);
	CHECK_STR(np_layer_name(np_counter_knowledge("Ip", "ReasmFails")->layer), "ip");
}

int main(void)
{
	test_pairs();
	test_pairs_malformed();
	test_snmp6();
	test_groups_and_filters();
	test_knowledge();
	return check_done();
}
