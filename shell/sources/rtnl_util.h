/* SPDX-License-Identifier: GPL-2.0-only */
/* Netlink plumbing shared by route, routes, rules, neigh and qdisc: a
 * private NETLINK_ROUTE socket with strict checking (so the kernel filters
 * dumps by table/device), a streaming dump loop that never builds a cache,
 * and an ifindex -> name memo. */
#ifndef NP_RTNL_UTIL_H
#define NP_RTNL_UTIL_H

#include <net/if.h>

#include <libmnl/libmnl.h>

#include "ctx.h"

struct np_nl {
	struct mnl_socket *sock;
	char *buf;
	size_t buflen;
	unsigned seq, portid;
	bool strict; /* NETLINK_GET_STRICT_CHK accepted: kernel-side dump filters work */
	bool quiet;  /* np_nl_dump reports nothing: the caller turns -errno into its own words */
};

/* Open a private rtnetlink socket (its own sequence space: the shared
 * np_mnl() socket may be mid-conversation for another command).  0 or
 * -errno with the error reported. */
int np_nl_open(struct np_ctx *ctx, struct np_nl *nl);
/* The same socket opened inside the namespace nsfd (shell/netns.h: netpath
 * itself stays where it is).  0, or -errno: a failure to reach the
 * namespace is not reported (the caller names it), later ones are. */
int np_nl_open_netns(struct np_ctx *ctx, struct np_nl *nl, int nsfd);
/* The same on another netlink bus (NETLINK_NETFILTER ...). */
int np_nl_open_bus(struct np_ctx *ctx, struct np_nl *nl, int bus);
void np_nl_close(struct np_nl *nl);
/* A request header in nl->buf: type, flags (NLM_F_REQUEST is added) and a
 * zeroed family header of hdrlen bytes. */
struct nlmsghdr *np_nl_req(struct np_nl *nl, uint16_t type, uint16_t flags, size_t hdrlen,
			   void **hdr);
/* The one netlink exchange every reader goes through: send req on sock
 * and run cb on every answer (read into buf) until the dump ends
 * (NLMSG_DONE), the ACK of an acknowledged request or the one answer of
 * a plain get arrives, cb stops, or Ctrl-C (ctx polled; may be NULL).
 * 0, -EINTR, -EAGAIN when the kernel flagged the dump as interrupted (the
 * table changed under it), or the kernel's or the socket's -errno.
 * Reports nothing; ack (may be NULL with acklen 0) gets the kernel's
 * extended-ACK text when it sent one.  After a failure or -EINTR a dump
 * may still be queued: a shared socket is closed (np_mnl_close). */
int np_nl_exchange(struct np_ctx *ctx, struct mnl_socket *sock, char *buf, size_t buflen,
		   const struct nlmsghdr *req, mnl_cb_t cb, void *data, char *ack, size_t acklen);
/* Send a dump request and call cb for every message until NLMSG_DONE.
 * Stops early on Ctrl-C (returns -EINTR) and reports "what: ..." errors:
 * -EAGAIN when the kernel flagged the dump as interrupted (the table or a
 * device changed under it), -EPERM, or the kernel's errno. */
int np_nl_dump(struct np_ctx *ctx, struct np_nl *nl, struct nlmsghdr *req, mnl_cb_t cb, void *data,
	       const char *what);

/* Send a single (non-dump) request and run cb on its answer.  0, or the
 * kernel's -errno (not reported: for lookups an errno is an answer). */
int np_nl_get(struct np_nl *nl, struct nlmsghdr *req, mnl_cb_t cb, void *data);

/* ifindex -> name for the current namespace, memoized (dumps repeat the
 * same few devices thousands of times). */
struct np_ifcache {
	struct {
		unsigned idx;
		char name[IF_NAMESIZE];
	} *e;
	unsigned n, cap;
	char tmp[IF_NAMESIZE + 8];
};
const char *np_ifname(struct np_ifcache *c, unsigned ifindex);
void np_ifcache_free(struct np_ifcache *c);
/* Resolve a device name or report "no such device" with a hint.  Returns the
 * ifindex or -ENODEV. */
int np_ifindex(struct np_ctx *ctx, const char *dev);

#endif
