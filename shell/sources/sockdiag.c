// SPDX-License-Identifier: GPL-2.0-only
/* sock_diag request building and reply parsing (see sockdiag.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <stdio.h>
#include <string.h>

#include "np.h"
#include "sockdiag.h"

static const char *const state_names[NP_TCP_MAX_STATES] = {
    [NP_TCP_ESTABLISHED] = "established",
    [NP_TCP_SYN_SENT] = "syn-sent",
    [NP_TCP_SYN_RECV] = "syn-recv",
    [NP_TCP_FIN_WAIT1] = "fin-wait-1",
    [NP_TCP_FIN_WAIT2] = "fin-wait-2",
    [NP_TCP_TIME_WAIT] = "time-wait",
    [NP_TCP_CLOSE] = "close",
    [NP_TCP_CLOSE_WAIT] = "close-wait",
    [NP_TCP_LAST_ACK] = "last-ack",
    [NP_TCP_LISTEN] = "listen",
    [NP_TCP_CLOSING] = "closing",
    [NP_TCP_NEW_SYN_RECV] = "new-syn-recv",
};

const char *np_sk_state_name(int state)
{
	if (state <= 0 || state >= NP_TCP_MAX_STATES)
		return NULL;
	return state_names[state];
}

int np_sk_state_from_name(const char *name)
{
	for (int s = 1; s < NP_TCP_MAX_STATES; s++)
		if (!strcmp(state_names[s], name))
			return s;
	return -1;
}

size_t np_sockdiag_bc(const struct np_sockdiag_query *q, void *buf, size_t len)
{
	unsigned char *b = buf;
	size_t alen = q->dst_family == AF_INET ? 4 : q->dst_family == AF_INET6 ? 16 : 0;
	size_t port_len = q->lport ? 8 : 0;
	size_t dst_len =
	    q->dst_family || q->rport ? 4 + sizeof(struct inet_diag_hostcond) + alen : 0;
	size_t total = port_len + dst_len;

	if (!total || len < total)
		return 0;
	/* Each condition: yes = its own length (on to the next, or to the
	 * end: accept); no = 4 past the end of the program (reject), the
	 * furthest the kernel's audit allows. */
	if (port_len) {
		struct inet_diag_bc_op ops[2] = {
		    {.code = INET_DIAG_BC_S_EQ, .yes = 8, .no = (uint16_t)(total + 4)},
		    {.code = 0, .yes = 0, .no = (uint16_t)q->lport},
		};
		memcpy(b, ops, sizeof(ops));
	}
	if (dst_len) {
		struct inet_diag_bc_op op = {.code = INET_DIAG_BC_D_COND,
					     .yes = (uint8_t)dst_len,
					     .no = (uint16_t)(dst_len + 4)};
		struct inet_diag_hostcond hc;
		/* memset, not an initialiser: the two bytes of padding after
		 * prefix_len go to the kernel too. */
		memset(&hc, 0, sizeof(hc));
		hc.family = (uint8_t)q->dst_family;
		hc.prefix_len = (uint8_t)(alen * 8);
		hc.port = q->rport ? (int)q->rport : -1;
		memcpy(b + port_len, &op, sizeof(op));
		memcpy(b + port_len + sizeof(op), &hc, sizeof(hc));
		memcpy(b + port_len + sizeof(op) + sizeof(hc), q->dst, alen);
	}
	return total;
}

/* The extension bits a query asks for: memory, and tcp_info for TCP. */
static uint8_t query_ext(const struct np_sockdiag_query *q)
{
	uint8_t ext = 1 << (INET_DIAG_SKMEMINFO - 1);
	if (q->proto == IPPROTO_TCP)
		ext |= 1 << (INET_DIAG_INFO - 1);
	return ext;
}

/* TCP dumps also honour id.idiag_sport/dport (network order), checked in
 * the hash walk before any bytecode runs: most sockets are skipped for the
 * price of a compare.  UDP compares those fields in host order on some
 * kernels, so there the bytecode alone filters. */
static void query_id(const struct np_sockdiag_query *q, struct inet_diag_sockid *id)
{
	if (q->proto == IPPROTO_TCP) {
		id->idiag_sport = htons((uint16_t)q->lport);
		id->idiag_dport = htons((uint16_t)q->rport);
	}
}

static void put_bc(struct nlmsghdr *nlh, const struct np_sockdiag_query *q)
{
	char bc[64];
	size_t n = np_sockdiag_bc(q, bc, sizeof(bc));
	if (n)
		mnl_attr_put(nlh, INET_DIAG_REQ_BYTECODE, n, bc);
}

/* A dump request's netlink header in buf. */
static struct nlmsghdr *dump_header(void *buf, uint16_t type, uint32_t seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq;
	return nlh;
}

struct nlmsghdr *np_sockdiag_req_q(void *buf, size_t len, int family,
				   const struct np_sockdiag_query *q, uint32_t seq)
{
	struct nlmsghdr *nlh;
	struct inet_diag_req_v2 *req;

	if (len < 256) /* header + request + bytecode */
		return NULL;
	nlh = dump_header(buf, SOCK_DIAG_BY_FAMILY, seq);
	req = mnl_nlmsg_put_extra_header(nlh, sizeof(*req));
	req->sdiag_family = (uint8_t)family;
	req->sdiag_protocol = (uint8_t)q->proto;
	req->idiag_states = q->states;
	if (q->proto == IPPROTO_RAW)
		req->pad = IPPROTO_RAW; /* sdiag_raw_protocol: every raw protocol */
	req->idiag_ext = query_ext(q);
	query_id(q, &req->id);
	put_bc(nlh, q);
	return nlh;
}

struct nlmsghdr *np_sockdiag_req_tcp_any(void *buf, size_t len, const struct np_sockdiag_query *q,
					 uint32_t seq)
{
	struct nlmsghdr *nlh;
	struct inet_diag_req *req;

	if (len < 256 || q->proto != IPPROTO_TCP)
		return NULL;
	nlh = dump_header(buf, TCPDIAG_GETSOCK, seq);
	req = mnl_nlmsg_put_extra_header(nlh, sizeof(*req));
	req->idiag_family = AF_UNSPEC; /* ignored: the kernel dumps both */
	req->idiag_states = q->states;
	req->idiag_ext = query_ext(q);
	query_id(q, &req->id);
	put_bc(nlh, q);
	return nlh;
}

size_t np_sockdiag_port_bc(unsigned port, void *buf, size_t len)
{
	struct np_sockdiag_query q = {.lport = port};
	return np_sockdiag_bc(&q, buf, len);
}

struct nlmsghdr *np_sockdiag_req(void *buf, size_t len, int family, int proto, uint32_t states,
				 unsigned port, uint32_t seq)
{
	struct np_sockdiag_query q = {.proto = proto, .states = states, .lport = port};
	return np_sockdiag_req_q(buf, len, family, &q, seq);
}

static void fmt_endpoint(int family, const uint32_t *addr, unsigned port, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];
	if (!inet_ntop(family, addr, a, sizeof(a)))
		snprintf(a, sizeof(a), "?");
	if (family == AF_INET6)
		snprintf(buf, len, "[%s]:%u", a, port);
	else
		snprintf(buf, len, "%s:%u", a, port);
}

static int attr_cb(const struct nlattr *attr, void *data)
{
	struct np_sock *s = data;
	size_t len = mnl_attr_get_payload_len(attr);

	switch (mnl_attr_get_type(attr)) {
	case INET_DIAG_SKMEMINFO: {
		uint32_t mem[SK_MEMINFO_VARS] = {0};
		memcpy(mem, mnl_attr_get_payload(attr), len < sizeof(mem) ? len : sizeof(mem));
		s->has_mem = 1;
		s->rmem = mem[SK_MEMINFO_RMEM_ALLOC];
		s->rcvbuf = mem[SK_MEMINFO_RCVBUF];
		s->wmem = mem[SK_MEMINFO_WMEM_ALLOC];
		s->sndbuf = mem[SK_MEMINFO_SNDBUF];
		s->backlog = mem[SK_MEMINFO_BACKLOG];
		/* SK_MEMINFO_DROPS is the last field; older kernels omit it. */
		s->drops = len > SK_MEMINFO_DROPS * 4 ? mem[SK_MEMINFO_DROPS] : 0;
		break;
	}
	case INET_DIAG_INFO: {
		/* tcp_info grows over kernel versions: copy what both know. */
		struct tcp_info ti;
		memset(&ti, 0, sizeof(ti));
		memcpy(&ti, mnl_attr_get_payload(attr), len < sizeof(ti) ? len : sizeof(ti));
		if (s->proto != IPPROTO_TCP || len < offsetof(struct tcp_info, tcpi_rcv_space) + 4)
			break;
		s->has_tcp = 1;
		s->cwnd = ti.tcpi_snd_cwnd;
		s->rtt_us = ti.tcpi_rtt;
		s->rttvar_us = ti.tcpi_rttvar;
		s->retrans = ti.tcpi_retrans;
		s->total_retrans = ti.tcpi_total_retrans;
		s->lost = ti.tcpi_lost;
		s->unacked = ti.tcpi_unacked;
		s->rcv_space = ti.tcpi_rcv_space;
		s->retransmits = ti.tcpi_retransmits;
		s->backoff = ti.tcpi_backoff;
		s->probes = ti.tcpi_probes;
		s->pmtu = ti.tcpi_pmtu;
		s->snd_mss = ti.tcpi_snd_mss;
		break;
	}
	default:
		break;
	}
	return MNL_CB_OK;
}

int np_sockdiag_parse(const struct nlmsghdr *nlh, int proto, struct np_sock *out)
{
	const struct inet_diag_msg *m;

	memset(out, 0, sizeof(*out));
	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(*m))
		return -EINVAL;
	m = mnl_nlmsg_get_payload(nlh);
	if (m->idiag_family != AF_INET && m->idiag_family != AF_INET6)
		return -EINVAL;
	out->family = m->idiag_family;
	out->proto = proto;
	out->state = m->idiag_state;
	out->lport = ntohs(m->id.idiag_sport);
	out->rport = ntohs(m->id.idiag_dport);
	fmt_endpoint(m->idiag_family, m->id.idiag_src, out->lport, out->local, sizeof(out->local));
	fmt_endpoint(m->idiag_family, m->id.idiag_dst, out->rport, out->peer, sizeof(out->peer));
	out->inode = m->idiag_inode;
	out->uid = m->idiag_uid;
	out->rqueue = m->idiag_rqueue;
	out->wqueue = m->idiag_wqueue;
	if (mnl_attr_parse(nlh, sizeof(*m), attr_cb, out) < 0)
		return -EINVAL;
	return 0;
}

void np_sockagg_add(struct np_sockagg *g, const struct np_sock *s)
{
	g->count++;
	g->drops += s->drops;
	g->rmem += s->rmem;
	g->rcvbuf += s->rcvbuf;
	g->retrans += s->total_retrans;
	if (s->state == NP_TCP_LISTEN || (s->proto != IPPROTO_TCP && s->state == NP_TCP_CLOSE)) {
		/* Keep the fullest listener (v4 and v6, SO_REUSEPORT groups):
		 * one overflowing queue is the fault even if its twin is idle. */
		int64_t fill = (int64_t)s->rqueue - (int64_t)s->wqueue;
		int64_t best = (int64_t)g->accept_queue - (int64_t)g->backlog;
		g->listen = 1;
		if (!strstr(g->listen_addrs, s->local) &&
		    strlen(g->listen_addrs) + strlen(s->local) + 2 < sizeof(g->listen_addrs))
			snprintf(g->listen_addrs + strlen(g->listen_addrs),
				 sizeof(g->listen_addrs) - strlen(g->listen_addrs), "%s%s",
				 g->listen_addrs[0] ? " " : "", s->local);
		if (s->proto == IPPROTO_TCP && (!g->have_listener || fill > best)) {
			g->accept_queue = s->rqueue;
			g->backlog = s->wqueue;
			g->have_listener = 1;
		}
		if (s->proto != IPPROTO_TCP) {
			g->recv_q += s->rqueue;
			g->send_q += s->wqueue;
		}
		if (np_sock_accept_full(s))
			g->full = 1;
		return;
	}
	g->recv_q += s->rqueue;
	g->send_q += s->wqueue;
}
