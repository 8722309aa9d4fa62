// SPDX-License-Identifier: GPL-2.0-only
/* Active mode (`active=yes`, never the default): during the window a
 * playbook sends a small, bounded set of its own test packets — one TCP
 * connect, a few UDP datagrams, ICMP echoes, or DF-sized datagrams for
 * `mtu` — and the probes filter on the source port netpath bound, so the
 * verdict is about packets netpath knows it sent.  This is the only thing
 * netpath ever sends; nothing else is written.
 *
 * Facts (family `active`, published after the window):
 *   active.sent       packets handed to the kernel
 *   active.errors     sends/connects that failed
 *   active.error      errno name of the first failure ("" when none)
 *   active.connected  TCP: 1 when the handshake completed
 *   active.replies    ICMP echo replies / UDP answers received
 *   active.size       bytes per datagram (mtu: the DF-sized payload)
 *   active.sport      the source port (0 for ICMP)
 *   active.error_at   "send" (refused on this host before anything left),
 *                     "reply" (an ICMP error or a RST came back, or nothing
 *                     came back in the window), "" none
 *   active.icmp_from  who sent the ICMP error ("" none)
 *   mtu (DF search, pb_active_df.c): active.pmtu, active.mtu_ok,
 *   active.mtu_lost, active.icmp_mtu, active.no_answer */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/icmp6.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/errqueue.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "command.h"
#include "factsrc.h"
#include "pb_active.h"
#include "pb_active_df.h"
#include "xalloc.h"

#define ACTIVE_UDP_COUNT  5
#define ACTIVE_ICMP_COUNT 3
#define ACTIVE_MAX_SIZE	  9000

struct pb_active {
	int fd;
	int family;
	enum pb_active_kind kind;
	struct sockaddr_storage to;
	socklen_t tolen;
	unsigned sport;
	int sent, errors, replies, first_err, size, link_mtu;
	bool connected, in_progress;
	bool err_reply;	    /* the first error came back from the network */
	char icmp_from[64]; /* sender of the ICMP error, when one came */
	struct pb_df df;    /* mtu: the DF search */
	bool df_done;
};

static const char *errno_name(int e)
{
	switch (e) {
	case 0:
		return "";
	case EPERM:
		return "EPERM";
	case EACCES:
		return "EACCES";
	case EINVAL:
		return "EINVAL";
	case ENETUNREACH:
		return "ENETUNREACH";
	case EHOSTUNREACH:
		return "EHOSTUNREACH";
	case ECONNREFUSED:
		return "ECONNREFUSED";
	case ETIMEDOUT:
		return "ETIMEDOUT";
	case EMSGSIZE:
		return "EMSGSIZE";
	case ENOBUFS:
		return "ENOBUFS";
	case EADDRNOTAVAIL:
		return "EADDRNOTAVAIL";
	case ECONNRESET:
		return "ECONNRESET";
	default:
		return "EIO";
	}
}

static void failed(struct pb_active *a, int e, bool reply)
{
	a->errors++;
	if (!a->first_err) {
		a->first_err = e;
		a->err_reply = reply;
	}
}

int pb_active_open(struct np_ctx *ctx, enum pb_active_kind kind, const char *dst, unsigned port,
		   struct pb_active **out, char *filter_extra, size_t len)
{
	struct pb_active *a;
	struct np_addr ad;
	char why[128];
	int type, proto;

	*out = NULL;
	filter_extra[0] = '\0';
	if (np_factsrc_replaying()) {
		/* Test packets would measure this machine, not the capture. */
		np_error(ctx->out, "drop active=yes to replay a capture",
			 "active=yes sends packets: not with NETPATH_FACTS_REPLAY");
		return -NP_EUSAGE;
	}
	if (np_parse_addr(dst, &ad, why, sizeof(why))) {
		np_error(ctx->out, "active=yes needs dst=ADDR", "active: %s: %s", dst, why);
		return -NP_EUSAGE;
	}
	if (kind != PB_ACTIVE_ICMP && !port) {
		np_error(ctx->out, "give port=N", "active=yes with TCP/UDP needs a port");
		return -NP_EUSAGE;
	}
	a = np_xcalloc(1, sizeof(*a));
	a->kind = kind;
	a->family = ad.family;
	if (ad.family == AF_INET) {
		struct sockaddr_in *s = (struct sockaddr_in *)&a->to;
		s->sin_family = AF_INET;
		s->sin_port = htons((uint16_t)port);
		memcpy(&s->sin_addr, ad.a, 4);
		a->tolen = sizeof(*s);
	} else {
		struct sockaddr_in6 *s = (struct sockaddr_in6 *)&a->to;
		s->sin6_family = AF_INET6;
		s->sin6_port = htons((uint16_t)port);
		memcpy(&s->sin6_addr, ad.a, 16);
		a->tolen = sizeof(*s);
	}
	type = kind == PB_ACTIVE_TCP ? SOCK_STREAM : SOCK_DGRAM;
	proto = kind == PB_ACTIVE_ICMP ? (ad.family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6) : 0;
	a->fd = socket(ad.family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
	if (a->fd < 0 && kind == PB_ACTIVE_ICMP) /* ping sockets not allowed: raw (root) */
		a->fd = socket(ad.family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
	if (a->fd < 0) {
		int e = errno;
		np_error(ctx->out, "active mode needs a socket of this kind", "active: socket: %s",
			 strerror(e));
		free(a);
		return -e;
	}
	if (kind != PB_ACTIVE_ICMP) {
		/* Bind now, so the probes can follow exactly this source port. */
		struct sockaddr_storage any = {.ss_family = (sa_family_t)ad.family};
		struct sockaddr_storage me;
		socklen_t l = sizeof(me);
		if (bind(a->fd, (struct sockaddr *)&any,
			 ad.family == AF_INET ? sizeof(struct sockaddr_in)
					      : sizeof(struct sockaddr_in6)) < 0 ||
		    getsockname(a->fd, (struct sockaddr *)&me, &l) < 0) {
			int e = errno;
			close(a->fd);
			free(a);
			np_error(ctx->out, NULL, "active: bind: %s", strerror(e));
			return -e;
		}
		a->sport = ntohs(ad.family == AF_INET ? ((struct sockaddr_in *)&me)->sin_port
						      : ((struct sockaddr_in6 *)&me)->sin6_port);
		/* The DF search speaks ICMP echo first: the probes follow dst. */
		if (kind != PB_ACTIVE_DF)
			snprintf(filter_extra, len, " and sport %u", a->sport);
	}
	if (kind == PB_ACTIVE_DF) {
		/* Don't fragment: the kernel refuses (EMSGSIZE) what exceeds the
		 * known path MTU, routers on the way drop it with PKT_TOO_BIG. */
		int v = IP_PMTUDISC_DO, mtu = 0;
		socklen_t l = sizeof(mtu);
		if (ad.family == AF_INET)
			setsockopt(a->fd, IPPROTO_IP, IP_MTU_DISCOVER, &v, sizeof(v));
		else {
			v = IPV6_PMTUDISC_DO;
			setsockopt(a->fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER, &v, sizeof(v));
		}
		/* The route's MTU: what a DF packet of full size must cross. */
		if (!connect(a->fd, (struct sockaddr *)&a->to, a->tolen))
			getsockopt(a->fd, ad.family == AF_INET ? IPPROTO_IP : IPPROTO_IPV6,
				   ad.family == AF_INET ? IP_MTU : IPV6_MTU, &mtu, &l);
		if (mtu <= 0)
			mtu = 1500;
		a->link_mtu = mtu;
		a->size = mtu - (ad.family == AF_INET ? 28 : 48);
		if (a->size > ACTIVE_MAX_SIZE)
			a->size = ACTIVE_MAX_SIZE;
	} else {
		int on = 1;
		a->size = 64;
		/* ICMP errors with their sender (the error queue). */
		if (kind != PB_ACTIVE_TCP)
			setsockopt(a->fd, ad.family == AF_INET ? IPPROTO_IP : IPPROTO_IPV6,
				   ad.family == AF_INET ? IP_RECVERR : IPV6_RECVERR, &on,
				   sizeof(on));
	}
	*out = a;
	return 0;
}

static void send_dgram(struct pb_active *a, const void *buf, size_t n)
{
	if (sendto(a->fd, buf, n, MSG_NOSIGNAL, (struct sockaddr *)&a->to, a->tolen) < 0)
		failed(a, errno, errno == ECONNREFUSED); /* a refusal queued by an earlier ICMP */
	else
		a->sent++;
}

void pb_active_send(struct pb_active *a, double deadline)
{
	if (!a)
		return;
	switch (a->kind) {
	case PB_ACTIVE_TCP:
		if (connect(a->fd, (struct sockaddr *)&a->to, a->tolen) < 0) {
			if (errno == EINPROGRESS)
				a->in_progress = true;
			else
				failed(a, errno, false);
		} else {
			a->connected = true;
		}
		a->sent++;
		break;
	case PB_ACTIVE_UDP:
		for (int i = 0; i < ACTIVE_UDP_COUNT; i++)
			send_dgram(a, "netpath active test", 19);
		break;
	case PB_ACTIVE_DF:
		if (!pb_df_search((struct sockaddr *)&a->to, a->tolen, a->fd, a->link_mtu, deadline,
				  np_now, &a->df)) {
			a->df_done = true;
			a->sent = a->df.sent;
			if (a->df.local_err && !a->df.ok)
				failed(a, a->df.local_err, false);
			else if (a->df.icmp_err)
				failed(a, a->df.icmp_err, true);
			else if (a->df.lost || a->df.no_answer)
				failed(a, ETIMEDOUT, true);
			if (a->df.ok || a->df.lost)
				a->replies++;
			snprintf(a->icmp_from, sizeof(a->icmp_from), "%s", a->df.icmp_from);
		}
		break;
	case PB_ACTIVE_ICMP:
		for (int i = 0; i < ACTIVE_ICMP_COUNT; i++) {
			unsigned char pkt[64] = {0};
			/* Ping sockets fill in id and checksum themselves. */
			pkt[0] = a->family == AF_INET ? ICMP_ECHO : ICMP6_ECHO_REQUEST;
			pkt[7] = (unsigned char)i;
			if (a->family == AF_INET) {
				/* Raw sockets need the checksum (ping sockets redo it). */
				uint32_t sum = 0;
				for (size_t k = 0; k < sizeof(pkt); k += 2)
					sum += (uint32_t)(pkt[k] << 8 | pkt[k + 1]);
				while (sum >> 16)
					sum = (sum & 0xffff) + (sum >> 16);
				sum = ~sum & 0xffff;
				pkt[2] = (unsigned char)(sum >> 8);
				pkt[3] = (unsigned char)sum;
			}
			send_dgram(a, pkt, sizeof(pkt));
		}
		break;
	}
}

/* ICMP errors queued for our datagrams (IP_RECVERR): who sent them. */
static void drain_errqueue(struct pb_active *a)
{
	for (int guard = 0; guard < 64; guard++) {
		char data[64], cbuf[512];
		struct iovec iov = {data, sizeof(data)};
		struct msghdr m = {.msg_iov = &iov,
				   .msg_iovlen = 1,
				   .msg_control = cbuf,
				   .msg_controllen = sizeof(cbuf)};
		if (recvmsg(a->fd, &m, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
			return;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
			struct sock_extended_err *ee = (struct sock_extended_err *)CMSG_DATA(c);
			struct sockaddr *off = SO_EE_OFFENDER(ee);
			if (c->cmsg_type != IP_RECVERR && c->cmsg_type != IPV6_RECVERR)
				continue;
			if (ee->ee_origin == SO_EE_ORIGIN_LOCAL) {
				failed(a, (int)ee->ee_errno, false);
				continue;
			}
			failed(a, (int)ee->ee_errno, true);
			if (a->icmp_from[0])
				continue;
			if (off->sa_family == AF_INET)
				inet_ntop(AF_INET, &((struct sockaddr_in *)off)->sin_addr,
					  a->icmp_from, sizeof(a->icmp_from));
			else if (off->sa_family == AF_INET6)
				inet_ntop(AF_INET6, &((struct sockaddr_in6 *)off)->sin6_addr,
					  a->icmp_from, sizeof(a->icmp_from));
		}
	}
}

void pb_active_finish(struct np_ctx *ctx, struct pb_active *a)
{
	struct np_facts *fs = ctx->facts;
	if (!a)
		return;
	if (a->kind == PB_ACTIVE_TCP && a->in_progress) {
		struct pollfd p = {.fd = a->fd, .events = POLLOUT};
		int err = 0;
		socklen_t l = sizeof(err);
		if (poll(&p, 1, 0) == 1 && !getsockopt(a->fd, SOL_SOCKET, SO_ERROR, &err, &l)) {
			if (err)
				failed(a, err, true);
			else
				a->connected = true;
		} else {
			failed(a, ETIMEDOUT, true); /* no answer within the window */
		}
	} else if (a->kind != PB_ACTIVE_TCP && !a->df_done) {
		char buf[2048];
		ssize_t n;
		int err = 0;
		socklen_t l = sizeof(err);
		drain_errqueue(a);
		while ((n = recv(a->fd, buf, sizeof(buf), MSG_DONTWAIT)) >= 0 ||
		       errno == ECONNREFUSED || errno == EMSGSIZE || errno == EHOSTUNREACH ||
		       errno == ENETUNREACH) {
			if (n >= 0)
				a->replies++;
			else
				failed(a, errno, true); /* an ICMP error for our datagrams */
			if (a->replies + a->errors > 64)
				break;
		}
		if (!getsockopt(a->fd, SOL_SOCKET, SO_ERROR, &err, &l) && err)
			failed(a, err, true);
		if (a->kind == PB_ACTIVE_ICMP && !a->replies && !a->errors && a->sent)
			failed(a, ETIMEDOUT, true); /* no echo reply in the window */
	}
	np_fact_set_int(fs, "active.sent", a->sent);
	np_fact_set_int(fs, "active.errors", a->errors);
	np_fact_set_str(fs, "active.error", errno_name(a->first_err));
	np_fact_set_int(fs, "active.connected", a->connected);
	np_fact_set_int(fs, "active.replies", a->replies);
	np_fact_set_int(fs, "active.size", a->size);
	np_fact_set_int(fs, "active.sport", a->sport);
	np_fact_set_str(fs, "active.error_at",
			!a->first_err  ? ""
			: a->err_reply ? "reply"
				       : "send");
	np_fact_set_str(fs, "active.icmp_from", a->icmp_from);
	np_fact_set_int(fs, "active.pmtu", a->df.pmtu);
	np_fact_set_int(fs, "active.mtu_ok", a->df.ok);
	np_fact_set_int(fs, "active.mtu_lost", a->df.lost);
	np_fact_set_int(fs, "active.icmp_mtu", a->df.icmp_mtu);
	np_fact_set_int(fs, "active.no_answer", a->df.no_answer);
	np_fact_set_int(fs, "active.available", 1);
	close(a->fd);
	free(a);
}

void pb_active_close(struct pb_active *a)
{
	if (!a)
		return;
	close(a->fd);
	free(a);
}
