// SPDX-License-Identifier: GPL-2.0-only
/* Private rtnetlink sockets, streaming dumps and the ifindex memo. */
#include <errno.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "netns.h"
#include "rtnl_util.h"
#include "xalloc.h"

#ifndef NETLINK_GET_STRICT_CHK
#define NETLINK_GET_STRICT_CHK 12
#endif

/* Dumps are filled by the kernel up to the reader's buffer size: 32 KiB
 * (like iproute2) keeps syscalls few and the footprint small. */
#define NP_NL_BUF 32768

/* Bind and configure nl->sock (already opened, or NULL when opening
 * failed); 0 or -errno reported. */
static int nl_setup(struct np_ctx *ctx, struct np_nl *nl, int bus)
{
	const char *what = bus == NETLINK_ROUTE ? "rtnetlink" : "netlink";
	int one = 1, err;
	nl->buflen = NP_NL_BUF;
	nl->buf = np_xcalloc(1, nl->buflen);
	if (!nl->sock) {
		err = -errno;
		np_error(ctx->out, NULL, "%s: %s", what, strerror(-err));
		np_nl_close(nl);
		return err;
	}
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		np_error(ctx->out, NULL, "%s: bind: %s", what, strerror(errno));
		np_nl_close(nl);
		return err;
	}
	nl->strict =
	    mnl_socket_setsockopt(nl->sock, NETLINK_GET_STRICT_CHK, &one, sizeof(one)) == 0;
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (unsigned)time(NULL);
	return 0;
}

int np_nl_open_bus(struct np_ctx *ctx, struct np_nl *nl, int bus)
{
	memset(nl, 0, sizeof(*nl));
	nl->sock = mnl_socket_open2(bus, SOCK_CLOEXEC);
	return nl_setup(ctx, nl, bus);
}

int np_nl_open(struct np_ctx *ctx, struct np_nl *nl)
{
	return np_nl_open_bus(ctx, nl, NETLINK_ROUTE);
}

int np_nl_open_netns(struct np_ctx *ctx, struct np_nl *nl, int nsfd)
{
	int fd = np_netns_socket(nsfd, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	memset(nl, 0, sizeof(*nl));
	if (fd < 0)
		return fd; /* not reported: the caller says which namespace */
	nl->sock = mnl_socket_fdopen(fd);
	if (!nl->sock) {
		close(fd);
		return -ENOMEM;
	}
	return nl_setup(ctx, nl, NETLINK_ROUTE);
}

void np_nl_close(struct np_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->buf);
	memset(nl, 0, sizeof(*nl));
}

struct nlmsghdr *np_nl_req(struct np_nl *nl, uint16_t type, uint16_t flags, size_t hdrlen,
			   void **hdr)
{
	struct nlmsghdr *nlh;
	/* Requests are small; libmnl 1.0.4 leaves attribute padding unset, so
	 * clear the request area of the reused buffer (no stale reply bytes or
	 * uninitialised padding go back to the kernel). */
	memset(nl->buf, 0, nl->buflen < 1024 ? nl->buflen : 1024);
	nlh = mnl_nlmsg_put_header(nl->buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++nl->seq;
	*hdr = mnl_nlmsg_put_extra_header(nlh, hdrlen);
	return nlh;
}

/* The kernel's own explanation of a refused request (extended ACK), so
 * the one error line says what the kernel objected to. */
static const char *ext_ack_msg(const char *buf, size_t len)
{
	int left = (int)len;
	for (const struct nlmsghdr *h = (const struct nlmsghdr *)buf; mnl_nlmsg_ok(h, left);
	     h = mnl_nlmsg_next(h, &left)) {
		const struct nlmsgerr *e;
		const struct nlattr *a;
		size_t off;
		if (h->nlmsg_type != NLMSG_ERROR || !(h->nlmsg_flags & NLM_F_ACK_TLVS))
			continue;
		e = mnl_nlmsg_get_payload(h);
		if (h->nlmsg_len < mnl_nlmsg_size(sizeof(*e)) || !e->error)
			continue;
		/* The TLVs follow the echoed request (its header only when
		 * NLM_F_CAPPED is set). */
		off = sizeof(*e);
		if (!(h->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len - sizeof(e->msg);
		mnl_attr_for_each(a, h, off)
			if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
			    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
				return mnl_attr_get_str(a);
	}
	return NULL;
}

int np_nl_exchange(struct np_ctx *ctx, struct mnl_socket *sock, char *buf, size_t buflen,
		   const struct nlmsghdr *req, mnl_cb_t cb, void *data, char *ack, size_t acklen)
{
	unsigned seq = req->nlmsg_seq, portid = mnl_socket_get_portid(sock);
	/* A get without an ACK is answered by one datagram; a dump ends with
	 * NLMSG_DONE, an acknowledged request with its ACK (MNL_CB_STOP). */
	bool one = !(req->nlmsg_flags & (NLM_F_DUMP | NLM_F_ACK));
	ssize_t n;
	int ret;

	if (acklen)
		ack[0] = '\0';
	if (mnl_socket_sendto(sock, req, req->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		n = mnl_socket_recvfrom(sock, buf, buflen);
		if (n < 0 && errno == EINTR && !(ctx && np_interrupted(ctx)))
			continue;
		if (n < 0)
			return errno == EINTR ? -EINTR : -errno;
		errno = 0;
		ret = mnl_cb_run(buf, (size_t)n, seq, portid, cb, data);
		if (ret == MNL_CB_ERROR) {
			const char *ext = ext_ack_msg(buf, (size_t)n);
			int err = errno ? -errno : -EIO;
			if (ext && acklen)
				snprintf(ack, acklen, "%s", ext);
			/* libmnl's translation of NLM_F_DUMP_INTR */
			return err == -EINTR ? -EAGAIN : err;
		}
		if (ret == MNL_CB_STOP || one)
			return 0;
		if (ctx && np_interrupted(ctx))
			return -EINTR;
	}
}

int np_nl_dump(struct np_ctx *ctx, struct np_nl *nl, struct nlmsghdr *req, mnl_cb_t cb, void *data,
	       const char *what)
{
	char ext[256];
	int err =
	    np_nl_exchange(ctx, nl->sock, nl->buf, nl->buflen, req, cb, data, ext, sizeof(ext));
	if (!err || err == -EINTR || nl->quiet)
		return err;
	if (ext[0] && err != -EAGAIN)
		np_error(ctx->out, NULL, "%s: %s (%s)", what, strerror(-err), ext);
	else if (err == -EAGAIN)
		np_error(ctx->out, "run the command again",
			 "%s: the kernel interrupted the dump because the table changed under "
			 "it (a device or entry vanished)",
			 what);
	else if (err == -EPERM || err == -EACCES)
		np_error(ctx->out, "run as root or with CAP_NET_ADMIN", "%s: %s", what,
			 strerror(-err));
	else if (!np_out_has_error(ctx->out))
		np_error(ctx->out, NULL, "%s: %s", what, strerror(-err));
	return err;
}

int np_nl_get(struct np_nl *nl, struct nlmsghdr *req, mnl_cb_t cb, void *data)
{
	return np_nl_exchange(NULL, nl->sock, nl->buf, nl->buflen, req, cb, data, NULL, 0);
}

const char *np_ifname(struct np_ifcache *c, unsigned ifindex)
{
	char name[IF_NAMESIZE];
	if (!ifindex)
		return NULL;
	for (unsigned i = 0; i < c->n; i++)
		if (c->e[i].idx == ifindex)
			return c->e[i].name;
	if (!if_indextoname(ifindex, name)) {
		/* The device vanished after the kernel sent the entry. */
		snprintf(c->tmp, sizeof(c->tmp), "if%u", ifindex);
		return c->tmp;
	}
	if (c->n == c->cap) {
		unsigned cap = c->cap ? c->cap * 2 : 16;
		c->e = np_xreallocarray(c->e, cap, sizeof(*c->e));
		c->cap = cap;
	}
	c->e[c->n].idx = ifindex;
	memcpy(c->e[c->n].name, name, sizeof(name));
	return c->e[c->n++].name;
}

void np_ifcache_free(struct np_ifcache *c)
{
	free(c->e);
	memset(c, 0, sizeof(*c));
}

int np_ifindex(struct np_ctx *ctx, const char *dev)
{
	unsigned idx = if_nametoindex(dev);
	if (!idx) {
		np_error(ctx->out, "`link` lists the interfaces of this namespace",
			 "no such device '%.32s'%s%s", dev, ctx->netns[0] ? " in netns " : "",
			 ctx->netns);
		return -ENODEV;
	}
	return (int)idx;
}
