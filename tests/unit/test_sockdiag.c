// SPDX-License-Identifier: GPL-2.0-only
/* sock_diag: request building (state mask, port bytecode) and parsing of
 * synthesized inet_diag replies, as the kernel would send them. */
#include <arpa/inet.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <string.h>

#include "check.h"
#include "sockdiag.h"

static void test_bytecode(void)
{
	unsigned char bc[8];
	struct inet_diag_bc_op op[2];
	CHECK(np_sockdiag_port_bc(8080, bc, sizeof(bc)) == 8);
	memcpy(op, bc, sizeof(op));
	CHECK(op[0].code == INET_DIAG_BC_S_EQ);
	/* Match: jump exactly to the end (accept).  Miss: 4 past the end,
	 * which the kernel's audit allows and the runner treats as reject. */
	CHECK(op[0].yes == 8);
	CHECK(op[0].no == 12);
	CHECK(op[1].no == 8080);
	CHECK(np_sockdiag_port_bc(80, bc, 4) == 0);
}

static void test_request(void)
{
	static char buf[1024];
	struct nlmsghdr *nlh =
		np_sockdiag_req(buf, sizeof(buf), AF_INET6, IPPROTO_TCP, 1u << NP_TCP_LISTEN, 22, 7);
	struct inet_diag_req_v2 *req = mnl_nlmsg_get_payload(nlh);
	struct nlattr *attr;
	int nattr = 0;

	CHECK(nlh->nlmsg_type == SOCK_DIAG_BY_FAMILY);
	CHECK(nlh->nlmsg_flags == (NLM_F_REQUEST | NLM_F_DUMP));
	CHECK(nlh->nlmsg_seq == 7);
	CHECK(req->sdiag_family == AF_INET6);
	CHECK(req->sdiag_protocol == IPPROTO_TCP);
	CHECK(req->idiag_states == 1u << 10);
	CHECK(req->idiag_ext & (1 << (INET_DIAG_INFO - 1)));
	CHECK(req->idiag_ext & (1 << (INET_DIAG_SKMEMINFO - 1)));
	mnl_attr_for_each(attr, nlh, sizeof(*req))
	{
		nattr++;
		CHECK(mnl_attr_get_type(attr) == INET_DIAG_REQ_BYTECODE);
		CHECK(mnl_attr_get_payload_len(attr) == 8);
	}
	CHECK(nattr == 1);
	CHECK(req->id.idiag_sport == htons(22)); /* the hash-walk prefilter */

	/* No port: no bytecode at all, the kernel returns every socket. */
	nlh = np_sockdiag_req(buf, sizeof(buf), AF_INET, IPPROTO_UDP, NP_SK_ALL_STATES, 0, 8);
	req = mnl_nlmsg_get_payload(nlh);
	CHECK(nlh->nlmsg_len == MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(*req)));
	CHECK(!(req->idiag_ext & (1 << (INET_DIAG_INFO - 1)))); /* tcp_info is TCP only */
	CHECK(req->id.idiag_sport == 0);
	/* UDP with a port: bytecode only (the id field's byte order differs). */
	nlh = np_sockdiag_req(buf, sizeof(buf), AF_INET, IPPROTO_UDP, NP_SK_ALL_STATES, 53, 9);
	req = mnl_nlmsg_get_payload(nlh);
	CHECK(req->id.idiag_sport == 0);
	CHECK(nlh->nlmsg_len > MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(*req)));
}

/* Both families in one walk: the legacy TCP request, same filters. */
static void test_request_tcp_any(void)
{
	static char buf[1024];
	struct np_sockdiag_query q = {.proto = IPPROTO_TCP, .states = NP_SK_ALL_STATES, .lport = 8080};
	struct nlmsghdr *nlh = np_sockdiag_req_tcp_any(buf, sizeof(buf), &q, 11);
	struct inet_diag_req *req = mnl_nlmsg_get_payload(nlh);
	struct nlattr *attr;
	int nattr = 0;

	CHECK(nlh->nlmsg_type == TCPDIAG_GETSOCK);
	CHECK(nlh->nlmsg_flags == (NLM_F_REQUEST | NLM_F_DUMP));
	CHECK(nlh->nlmsg_seq == 11);
	CHECK(req->idiag_family == AF_UNSPEC);
	CHECK(req->idiag_states == NP_SK_ALL_STATES);
	CHECK(req->idiag_ext & (1 << (INET_DIAG_INFO - 1)));
	CHECK(req->idiag_ext & (1 << (INET_DIAG_SKMEMINFO - 1)));
	CHECK(req->id.idiag_sport == htons(8080));
	CHECK(req->id.idiag_dport == 0);
	mnl_attr_for_each(attr, nlh, sizeof(*req))
	{
		nattr++;
		CHECK(mnl_attr_get_type(attr) == INET_DIAG_REQ_BYTECODE);
		CHECK(mnl_attr_get_payload_len(attr) == 8);
	}
	CHECK(nattr == 1);
	/* Only TCP has the legacy request; no room, no request. */
	q.proto = IPPROTO_UDP;
	CHECK(np_sockdiag_req_tcp_any(buf, sizeof(buf), &q, 12) == NULL);
	q.proto = IPPROTO_TCP;
	CHECK(np_sockdiag_req_tcp_any(buf, 64, &q, 13) == NULL);
}

/* A reply as the kernel builds it: inet_diag_msg + SKMEMINFO + INFO. */
static struct nlmsghdr *fake_reply(char *buf, int family, int state, unsigned sport,
				   unsigned dport, uint32_t rq, uint32_t wq, uint32_t drops)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct inet_diag_msg *m = mnl_nlmsg_put_extra_header(nlh, sizeof(*m));
	uint32_t mem[SK_MEMINFO_VARS] = {0};
	struct tcp_info ti;

	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	m->idiag_family = (uint8_t)family;
	m->idiag_state = (uint8_t)state;
	m->id.idiag_sport = htons((uint16_t)sport);
	m->id.idiag_dport = htons((uint16_t)dport);
	if (family == AF_INET) {
		inet_pton(AF_INET, "10.1.2.3", m->id.idiag_src);
		inet_pton(AF_INET, "10.1.2.4", m->id.idiag_dst);
	} else {
		inet_pton(AF_INET6, "2001:db8::1", m->id.idiag_src);
		inet_pton(AF_INET6, "::", m->id.idiag_dst);
	}
	m->idiag_rqueue = rq;
	m->idiag_wqueue = wq;
	m->idiag_inode = 4242;
	mem[SK_MEMINFO_RMEM_ALLOC] = 100;
	mem[SK_MEMINFO_RCVBUF] = 212992;
	mem[SK_MEMINFO_SNDBUF] = 16384;
	mem[SK_MEMINFO_DROPS] = drops;
	mnl_attr_put(nlh, INET_DIAG_SKMEMINFO, sizeof(mem), mem);
	memset(&ti, 0, sizeof(ti));
	ti.tcpi_snd_cwnd = 10;
	ti.tcpi_rtt = 1500;
	ti.tcpi_total_retrans = 3;
	ti.tcpi_rcv_space = 65483;
	mnl_attr_put(nlh, INET_DIAG_INFO, sizeof(ti), &ti);
	return nlh;
}

static void test_parse(void)
{
	static char buf[2048];
	struct np_sock s;
	struct nlmsghdr *nlh = fake_reply(buf, AF_INET, NP_TCP_ESTABLISHED, 8080, 40000, 5, 7, 0);

	CHECK(np_sockdiag_parse(nlh, IPPROTO_TCP, &s) == 0);
	CHECK_STR(s.local, "10.1.2.3:8080");
	CHECK_STR(s.peer, "10.1.2.4:40000");
	CHECK(s.lport == 8080 && s.rport == 40000);
	CHECK(s.rqueue == 5 && s.wqueue == 7);
	CHECK(s.has_mem && s.rcvbuf == 212992 && s.rmem == 100 && s.sndbuf == 16384);
	CHECK(s.has_tcp && s.cwnd == 10 && s.rtt_us == 1500 && s.total_retrans == 3);
	CHECK(s.rcv_space == 65483);
	CHECK(s.inode == 4242);

	nlh = fake_reply(buf, AF_INET6, NP_TCP_LISTEN, 22, 0, 3, 1, 9);
	CHECK(np_sockdiag_parse(nlh, IPPROTO_TCP, &s) == 0);
	CHECK_STR(s.local, "[2001:db8::1]:22");
	CHECK(np_sock_accept_full(&s));
	CHECK(s.drops == 9);

	/* Truncated: header only. */
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 4;
	CHECK(np_sockdiag_parse(nlh, IPPROTO_TCP, &s) == -EINVAL);
}

static void test_agg(void)
{
	static char buf[2048];
	struct np_sockagg g = {0};
	struct np_sock s;

	/* v4 listener idle, v6 listener overflowing, one connection. */
	np_sockdiag_parse(fake_reply(buf, AF_INET, NP_TCP_LISTEN, 80, 0, 0, 128, 0), IPPROTO_TCP,
			  &s);
	np_sockagg_add(&g, &s);
	np_sockdiag_parse(fake_reply(buf, AF_INET6, NP_TCP_LISTEN, 80, 0, 2, 1, 4), IPPROTO_TCP,
			  &s);
	np_sockagg_add(&g, &s);
	np_sockdiag_parse(fake_reply(buf, AF_INET, NP_TCP_ESTABLISHED, 80, 5555, 11, 0, 1),
			  IPPROTO_TCP, &s);
	np_sockagg_add(&g, &s);
	CHECK(g.count == 3);
	CHECK(g.listen == 1);
	CHECK(g.accept_queue == 2 && g.backlog == 1); /* the fullest listener */
	CHECK(g.full == 1);
	CHECK(g.drops == 5);
	CHECK(g.recv_q == 11);
	CHECK(g.retrans == 9);
}

static void test_states(void)
{
	CHECK_STR(np_sk_state_name(NP_TCP_TIME_WAIT), "time-wait");
	CHECK(np_sk_state_from_name("listen") == 10);
	CHECK(np_sk_state_from_name("bogus") == -1);
	CHECK(np_sk_state_name(0) == NULL);
	CHECK(np_sk_state_name(99) == NULL);
}

int main(void)
{
	test_bytecode();
	test_request();
	test_request_tcp_any();
	test_parse();
	test_agg();
	test_states();
	return check_done();
}
