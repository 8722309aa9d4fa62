// SPDX-License-Identifier: GPL-2.0-only
/* The mtu playbook's active test: find the largest don't-fragment packet
 * that crosses the path to dst, by binary search.
 *
 * Each probe is one packet with DF set, sent in PMTU_PROBE mode (DF, but
 * the kernel's cached path MTU does not refuse it: the test measures the
 * path, not the cache).  An answer proves the packet arrived; a router's
 * frag-needed / packet-too-big is an answer too, with the MTU it announces
 * and who sent it (the socket's error queue, IP_RECVERR, names the ICMP's
 * sender; nothing here parses packets off the wire).  Silence for a size
 * while smaller ones pass is the black hole: the packet died in the middle
 * and no ICMP came back.
 *
 * Two ways to get an answer, in this order:
 *   echo  ICMP echo requests with DF (a ping socket, else a raw one as
 *         root).  Echo replies are not rate limited (icmp_ratemask), so a
 *         search of a dozen probes gets a dozen answers.
 *   udp   datagrams to a closed port (33434 unless port= is given): the
 *         destination's port unreachable is the answer.  Used when dst does
 *         not answer echoes.  Port unreachables are rate limited (about 6,
 *         then 1/s per destination), so silence is re-checked with the
 *         smallest size before it counts as a black hole.
 * Answers are matched to the probe that caused them (echo sequence
 * number, or the datagram's own bytes quoted back in the error), so a late
 * answer never counts for the next size.
 *
 * Bounded: at most DF_MAX_PROBES packets, each waiting DF_WAIT seconds,
 * never past the deadline (the observation window). */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/errqueue.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pb_active_df.h"

#define DF_MAX_PROBES 18
#define DF_WAIT	      0.25 /* seconds per probe: a healthy path answers far sooner */
#define DF_MIN	      64   /* payload that any path carries */
#define DF_CLOSE      1	   /* stop when the bounds meet: the exact size */

#ifndef IP_PMTUDISC_PROBE
#define IP_PMTUDISC_PROBE 3
#endif
#ifndef IPV6_PMTUDISC_PROBE
#define IPV6_PMTUDISC_PROBE 3
#endif

enum answer { A_SILENT, A_ARRIVED, A_TOO_BIG, A_UNREACH, A_LOCAL };

struct search {
	int fd, family;
	bool echo, raw; /* transport: echo (ping or raw socket) or udp */
	unsigned short seq;
	int hdr; /* IP + ICMP/UDP header bytes */
	double (*now)(void);
	double deadline;
	struct pb_df *df;
	unsigned char pkt[PB_DF_MAX + 8];
};

static void name_of(const struct sockaddr *sa, char *buf, size_t len)
{
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf,
			  (socklen_t)len);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf,
			  (socklen_t)len);
}

static uint16_t csum(const unsigned char *p, size_t n)
{
	uint32_t sum = 0;
	for (size_t k = 0; k + 1 < n; k += 2)
		sum += (uint32_t)(p[k] << 8 | p[k + 1]);
	if (n & 1)
		sum += (uint32_t)(p[n - 1] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* The packet of probe seq with size bytes of payload (after the ICMP/UDP
 * header).  Its first payload bytes carry the sequence number, so an
 * error that quotes it back can be matched. */
static size_t build(struct search *s, int size)
{
	unsigned char *p = s->pkt;
	size_t n = (size_t)size;
	memset(p, 'n', n + 8);
	if (!s->echo) {
		p[0] = 'N', p[1] = 'P', p[2] = (unsigned char)(s->seq >> 8),
		p[3] = (unsigned char)s->seq;
		return n;
	}
	/* ICMP header (8) + payload: the kernel fills id (ping socket) and the
	 * checksum of ICMPv6; IPv4 raw needs ours. */
	memset(p, 0, 8);
	p[0] = s->family == AF_INET ? ICMP_ECHO : ICMP6_ECHO_REQUEST;
	p[6] = (unsigned char)(s->seq >> 8), p[7] = (unsigned char)s->seq;
	p[8] = 'N', p[9] = 'P';
	if (s->family == AF_INET) {
		uint16_t c = csum(p, n + 8);
		p[2] = (unsigned char)(c >> 8), p[3] = (unsigned char)c;
	}
	return n + 8;
}

/* An error-queue entry: answers probe seq when the quoted bytes match. */
static enum answer from_error(struct search *s, struct msghdr *m, const unsigned char *quoted,
			      ssize_t qlen)
{
	enum answer ans = A_SILENT;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
		struct sock_extended_err *ee = (struct sock_extended_err *)CMSG_DATA(c);
		if (!((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR) ||
		      (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR)))
			continue;
		if (ee->ee_origin == SO_EE_ORIGIN_LOCAL) {
			s->df->local_err = (int)ee->ee_errno;
			ans = A_LOCAL;
			continue;
		}
		/* echo: the quoted ICMP header carries the sequence; udp: the
		 * payload does. */
		unsigned short q =
		    s->echo ? (qlen >= 8 ? (unsigned short)(quoted[6] << 8 | quoted[7]) : 0)
			    : (qlen >= 4 ? (unsigned short)(quoted[2] << 8 | quoted[3]) : 0);
		if (qlen >= 4 && q != s->seq)
			continue; /* about an earlier probe */
		name_of(SO_EE_OFFENDER(ee), s->df->icmp_from, sizeof(s->df->icmp_from));
		if (ee->ee_errno == EMSGSIZE) {
			s->df->icmp_mtu = (int)ee->ee_info;
			ans = A_TOO_BIG;
		} else if (ee->ee_errno == ECONNREFUSED && !s->echo) {
			ans = A_ARRIVED; /* port unreachable: the destination got it */
		} else {
			s->df->icmp_err = (int)ee->ee_errno;
			ans = A_UNREACH;
		}
	}
	return ans;
}

/* An echo reply (or any datagram on udp) for probe seq? */
static bool is_reply(const struct search *s, const unsigned char *b, ssize_t n)
{
	if (!s->echo)
		return n >= 0;
	if (s->raw && s->family == AF_INET) { /* raw v4 delivers the IP header */
		size_t ihl = n > 0 ? (size_t)(b[0] & 0xf) * 4 : 0;
		if (n < (ssize_t)(ihl + 8))
			return false;
		b += ihl;
		n -= (ssize_t)ihl;
	}
	if (n < 8 || b[0] != (s->family == AF_INET ? ICMP_ECHOREPLY : ICMP6_ECHO_REPLY))
		return false;
	return (unsigned short)(b[6] << 8 | b[7]) == s->seq;
}

/* Everything that is waiting: the answer to the current probe, if any. */
static enum answer drain(struct search *s)
{
	enum answer ans = A_SILENT;
	for (int guard = 0; guard < 64; guard++) {
		unsigned char b[256], cbuf[512];
		struct iovec iov = {b, sizeof(b)};
		struct msghdr m = {.msg_iov = &iov,
				   .msg_iovlen = 1,
				   .msg_control = cbuf,
				   .msg_controllen = sizeof(cbuf)};
		ssize_t n = recvmsg(s->fd, &m, MSG_ERRQUEUE | MSG_DONTWAIT);
		if (n >= 0) {
			enum answer a = from_error(s, &m, b, n);
			if (a != A_SILENT)
				ans = a;
			continue;
		}
		n = recv(s->fd, b, sizeof(b), MSG_DONTWAIT);
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
			continue; /* a pending socket error: the queue entry said it */
		if (n < 0)
			break;
		if (is_reply(s, b, n))
			ans = A_ARRIVED;
	}
	return ans;
}

static enum answer probe(struct search *s, int size)
{
	double until;
	size_t n;
	s->seq++;
	n = build(s, size);
	s->df->probes++;
	if (send(s->fd, s->pkt, n, MSG_NOSIGNAL) < 0) {
		if (errno == ECONNREFUSED) /* an earlier probe's port unreachable */
			return probe(s, size);
		s->df->local_err = errno;
		return A_LOCAL;
	}
	s->df->sent++;
	until = s->now() + DF_WAIT;
	while (s->now() < until) {
		struct pollfd p = {.fd = s->fd, .events = POLLIN};
		enum answer a;
		/* POLLERR comes whatever the events: the error queue wakes us. */
		if (poll(&p, 1, (int)((until - s->now()) * 1000) + 1) <= 0)
			break;
		a = drain(s);
		if (a != A_SILENT)
			return a;
	}
	return A_SILENT;
}

static int open_echo(struct search *s, const struct sockaddr *to, socklen_t tolen)
{
	int proto = s->family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6;
	s->fd = socket(s->family, SOCK_DGRAM | SOCK_CLOEXEC, proto);
	s->raw = s->fd < 0;
	if (s->fd < 0) /* ping sockets not allowed here (ping_group_range): raw, as root */
		s->fd = socket(s->family, SOCK_RAW | SOCK_CLOEXEC, proto);
	if (s->fd < 0)
		return -errno;
	if (connect(s->fd, to, tolen) < 0) {
		int e = errno;
		close(s->fd);
		s->fd = -1;
		return -e;
	}
	return 0;
}

static void set_probe_mode(int fd, int family)
{
	int v = family == AF_INET ? IP_PMTUDISC_PROBE : IPV6_PMTUDISC_PROBE, on = 1;
	if (family == AF_INET) {
		setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &v, sizeof(v));
		setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof(on));
	} else {
		setsockopt(fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER, &v, sizeof(v));
		setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof(on));
	}
}

/* Largest size that crosses, between a size that passed (lo) and one that
 * did not (hi).  Returns false when a router announced the MTU after all. */
static bool bisect(struct search *s, int lo, int hi)
{
	while (hi - lo > DF_CLOSE && s->df->probes < DF_MAX_PROBES &&
	       s->now() + DF_WAIT < s->deadline) {
		int mid = lo + (hi - lo) / 2;
		enum answer a = probe(s, mid);
		if (a == A_SILENT && !s->echo && probe(s, DF_MIN) != A_ARRIVED)
			break; /* rate limited, not lost: stop with what is known */
		if (a == A_ARRIVED)
			lo = mid;
		else if (a == A_TOO_BIG && s->df->icmp_mtu > s->hdr)
			return false;
		else
			hi = mid;
	}
	s->df->ok = lo;
	s->df->lost = hi;
	return true;
}

/* The search over one transport.  1 done, 0 dst does not answer it. */
static int search(struct search *s, int hi)
{
	enum answer a = probe(s, hi);
	if (a == A_ARRIVED) {
		s->df->ok = hi;
		s->df->pmtu = hi + s->hdr;
		return 1;
	}
	if (a == A_TOO_BIG || a == A_UNREACH || a == A_LOCAL) {
		/* A router said it, or the kernel refused: no black hole here. */
		if (a == A_TOO_BIG && s->df->icmp_mtu > s->hdr)
			s->df->pmtu = s->df->icmp_mtu;
		return 1;
	}
	if (probe(s, DF_MIN) != A_ARRIVED)
		return 0;
	if (bisect(s, DF_MIN, hi))
		s->df->pmtu = s->df->ok + s->hdr;
	else
		s->df->pmtu = s->df->icmp_mtu;
	return 1;
}

int pb_df_search(const struct sockaddr *to, socklen_t tolen, int udp_fd, int link_mtu,
		 double deadline, double (*now)(void), struct pb_df *df)
{
	struct search s = {.family = to->sa_family, .now = now, .deadline = deadline, .df = df};
	int ip = to->sa_family == AF_INET ? 20 : 40, hi, got = 0;

	memset(df, 0, sizeof(*df));
	hi = link_mtu - ip - 8;
	if (hi > PB_DF_MAX)
		hi = PB_DF_MAX;
	if (hi < DF_MIN)
		return -EINVAL;
	df->link_size = hi;
	s.hdr = ip + 8;
	if (!open_echo(&s, to, tolen)) {
		s.echo = true;
		set_probe_mode(s.fd, s.family);
		got = search(&s, hi);
		close(s.fd);
		snprintf(df->via, sizeof(df->via), "echo");
	}
	if (!got && udp_fd >= 0) {
		s.echo = s.raw = false;
		s.fd = udp_fd;
		set_probe_mode(udp_fd, s.family);
		got = search(&s, hi);
		snprintf(df->via, sizeof(df->via), "udp");
	}
	df->no_answer = !got;
	return 0;
}
