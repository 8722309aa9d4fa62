// SPDX-License-Identifier: GPL-2.0-only
/* conn[DST,port=N] facts: key parsing and canonical form, the kernel-side
 * filter (D_COND bytecode, the dport prefilter), and the aggregation of
 * recorded replies of real SYN-SENT sockets (fixtures_conn.h). */
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "conn_parse.h"
#include "fixtures_conn.h"

static void test_key(void)
{
	struct np_conn_key k;
	char why[128], buf[96];

	CHECK(np_conn_key_parse("10.0.0.2", &k, why, sizeof(why)) == 0);
	CHECK(k.dst.family == AF_INET && k.port == 0);
	np_conn_key_format(&k, buf, sizeof(buf));
	CHECK_STR(buf, "10.0.0.2");

	/* Canonical: inet_ntop's form (lower case, zeros compressed). */
	CHECK(np_conn_key_parse("2001:DB8:0:0::0001,port=443", &k, why, sizeof(why)) == 0);
	CHECK(k.dst.family == AF_INET6 && k.port == 443);
	np_conn_key_format(&k, buf, sizeof(buf));
	CHECK_STR(buf, "2001:db8::1,port=443");
	CHECK(np_conn_key_parse("::ffff:10.1.2.3", &k, why, sizeof(why)) == 0);
	np_conn_key_format(&k, buf, sizeof(buf));
	CHECK_STR(buf, "::ffff:10.1.2.3");

	CHECK(np_conn_key_parse("10.0.0.300", &k, why, sizeof(why)) == -1);
	CHECK(strstr(why, "10.0.0.300") != NULL);
	CHECK(np_conn_key_parse("", &k, why, sizeof(why)) == -1);
	CHECK(np_conn_key_parse(",port=80", &k, why, sizeof(why)) == -1);
	CHECK(np_conn_key_parse("10.0.0.2,port=0", &k, why, sizeof(why)) == -1);
	CHECK(np_conn_key_parse("10.0.0.2,port=65536", &k, why, sizeof(why)) == -1);
	CHECK(np_conn_key_parse("10.0.0.2,port=", &k, why, sizeof(why)) == -1);
	CHECK(np_conn_key_parse("10.0.0.2,dport=80", &k, why, sizeof(why)) == -1);
	CHECK(strstr(why, "port=N") != NULL);
	CHECK(np_conn_key_parse("10.0.0.2,port=80,port=81", &k, why, sizeof(why)) == -1);
}

static void test_bytecode(void)
{
	struct np_sockdiag_query q = {.proto = IPPROTO_TCP, .dst_family = AF_INET, .rport = 443};
	unsigned char bc[64];
	struct inet_diag_bc_op op;
	struct inet_diag_hostcond hc;

	inet_pton(AF_INET, "10.0.0.2", q.dst);
	CHECK(np_sockdiag_bc(&q, bc, sizeof(bc)) == 16);
	memcpy(&op, bc, sizeof(op));
	memcpy(&hc, bc + 4, sizeof(hc));
	CHECK(op.code == INET_DIAG_BC_D_COND);
	CHECK(op.yes == 16 && op.no == 20); /* accept at the end, reject past it */
	CHECK(hc.family == AF_INET && hc.prefix_len == 32 && hc.port == 443);
	CHECK(!memcmp(bc + 12, q.dst, 4));

	/* Any port: -1, the kernel's wildcard. */
	q.rport = 0;
	np_sockdiag_bc(&q, bc, sizeof(bc));
	memcpy(&hc, bc + 4, sizeof(hc));
	CHECK(hc.port == -1);

	/* IPv6 and a local port too: S_EQ first, its miss jumps past all. */
	q.dst_family = AF_INET6;
	inet_pton(AF_INET6, "2001:db8::2", q.dst);
	q.lport = 5000;
	CHECK(np_sockdiag_bc(&q, bc, sizeof(bc)) == 8 + 28);
	memcpy(&op, bc, sizeof(op));
	CHECK(op.code == INET_DIAG_BC_S_EQ && op.yes == 8 && op.no == 36 + 4);
	memcpy(&op, bc + 8, sizeof(op));
	CHECK(op.code == INET_DIAG_BC_D_COND && op.yes == 28 && op.no == 32);
	CHECK(np_sockdiag_bc(&q, bc, 20) == 0); /* no room */

	/* Nothing to filter: no bytecode. */
	memset(&q, 0, sizeof(q));
	CHECK(np_sockdiag_bc(&q, bc, sizeof(bc)) == 0);
}

static void test_request(void)
{
	static char buf[1024];
	struct np_sockdiag_query q = {
	    .proto = IPPROTO_TCP, .states = NP_CONN_STATES, .dst_family = AF_INET, .rport = 443};
	struct nlmsghdr *nlh;
	struct inet_diag_req_v2 *req;
	struct nlattr *attr;
	int nbc = 0;

	inet_pton(AF_INET, "10.0.0.2", q.dst);
	nlh = np_sockdiag_req_q(buf, sizeof(buf), AF_INET6, &q, 3);
	req = mnl_nlmsg_get_payload(nlh);
	CHECK(req->sdiag_family == AF_INET6); /* v4-mapped sockets match a v4 cond */
	CHECK(req->idiag_states == NP_CONN_STATES);
	CHECK(!(req->idiag_states & (1u << NP_TCP_LISTEN)));
	CHECK(!(req->idiag_states & (1u << NP_TCP_TIME_WAIT)));
	CHECK(req->id.idiag_dport == htons(443)); /* the hash-walk prefilter */
	CHECK(req->id.idiag_sport == 0);
	CHECK(req->idiag_ext & (1 << (INET_DIAG_INFO - 1)));
	mnl_attr_for_each(attr, nlh, sizeof(*req))
	{
		nbc++;
		CHECK(mnl_attr_get_type(attr) == INET_DIAG_REQ_BYTECODE);
		CHECK(mnl_attr_get_payload_len(attr) == 16);
	}
	CHECK(nbc == 1);
}

static unsigned long long msgbuf[512];

static const struct nlmsghdr *load(const char *hex)
{
	memset(msgbuf, 0, sizeof(msgbuf));
	check_unhex(hex, (unsigned char *)msgbuf, sizeof(msgbuf));
	return (const struct nlmsghdr *)msgbuf;
}

static void test_recorded(void)
{
	struct np_sock s;
	struct np_connagg g = {0};
	int64_t v[NP_CONN_NFIELDS];

	CHECK(np_sockdiag_parse(load(fx_conn_syn_sent_v4_hex), IPPROTO_TCP, &s) == 0);
	CHECK(s.family == AF_INET && s.state == NP_TCP_SYN_SENT);
	CHECK_STR(s.peer, "10.250.0.2:443");
	CHECK(s.has_tcp);
	/* Linear SYN timeouts (tcp_syn_linear_timeouts): no backoff yet. */
	CHECK(s.retransmits == 2 && s.total_retrans == 2 && s.backoff == 0);
	CHECK(s.unacked == 1 && s.lost == 1); /* the SYN */
	CHECK(s.pmtu == 1500 && s.snd_mss == 524 && s.rtt_us == 0);
	np_connagg_add(&g, &s);

	CHECK(np_sockdiag_parse(load(fx_conn_syn_sent_v6_hex), IPPROTO_TCP, &s) == 0);
	CHECK(s.family == AF_INET6 && s.state == NP_TCP_SYN_SENT);
	CHECK_STR(s.peer, "[fd00:250::2]:8443");
	CHECK(s.retransmits == 4 && s.pmtu == 1500 && s.snd_mss == 1208);
	np_connagg_add(&g, &s);

	/* An established socket on another path with a smaller MTU. */
	s.state = NP_TCP_ESTABLISHED;
	s.pmtu = 1280;
	s.snd_mss = 1188;
	s.retransmits = 0;
	s.rtt_us = 900;
	s.total_retrans = 4;
	s.lost = 2;
	np_connagg_add(&g, &s);

	np_connagg_values(&g, v);
	CHECK(!strcmp(np_conn_fields[0], "count") && v[0] == 3);
	CHECK(!strcmp(np_conn_fields[1], "syn_sent") && v[1] == 2);
	CHECK(!strcmp(np_conn_fields[2], "established") && v[2] == 1);
	CHECK(!strcmp(np_conn_fields[3], "retrans") && v[3] == 2 + 4 + 4);
	CHECK(!strcmp(np_conn_fields[4], "lost") && v[4] == 1 + 1 + 2);
	CHECK(!strcmp(np_conn_fields[5], "retransmits") && v[5] == 4); /* max */
	CHECK(!strcmp(np_conn_fields[7], "rtt_us") && v[7] == 900);
	CHECK(!strcmp(np_conn_fields[8], "pmtu") && v[8] == 1280); /* min */
	CHECK(!strcmp(np_conn_fields[9], "snd_mss") && v[9] == 524);
	CHECK(!strcmp(np_conn_fields[10], "unacked") && v[10] == 3);
	CHECK(np_conn_fields[NP_CONN_NFIELDS] == NULL);
}

int main(void)
{
	test_key();
	test_bytecode();
	test_request();
	test_recorded();
	return check_done();
}
