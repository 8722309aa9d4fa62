// SPDX-License-Identifier: GPL-2.0-only
/* One sock_diag dump over libmnl (see sockdump.h). */
#include <libmnl/libmnl.h>
#include <linux/sock_diag.h>
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "rtnl_util.h"
#include "sockdump.h"

struct dump_state {
	int proto;
	np_sock_cb cb;
	void *arg;
	struct np_ctx *ctx;
};

static int dump_msg(const struct nlmsghdr *nlh, void *data)
{
	struct dump_state *d = data;
	struct np_sock s;
	if (np_sockdiag_parse(nlh, d->proto, &s) == 0)
		d->cb(&s, d->arg);
	return np_interrupted(d->ctx) ? MNL_CB_STOP : MNL_CB_OK;
}

const char *np_sock_proto_name(int proto)
{
	return proto == IPPROTO_TCP ? "tcp" : proto == IPPROTO_UDP ? "udp" : "raw";
}

/* One dump request and its replies; closes the socket after an error or
 * Ctrl-C (half a dump may be queued on it). */
static int dump_one(struct np_ctx *ctx, struct mnl_socket *nl, char *buf, size_t len,
		    const struct nlmsghdr *nlh, struct dump_state *d)
{
	int err = np_nl_exchange(ctx, nl, buf, len, nlh, dump_msg, d, NULL, 0);

	if (err || np_interrupted(ctx))
		np_mnl_close(ctx, NETLINK_SOCK_DIAG);
	if (!err && np_interrupted(ctx))
		return -EINTR;
	return err;
}

static int dump_error(struct np_ctx *ctx, const struct np_sockdiag_query *q, int err)
{
	/* The raw_diag module may be absent: say so for raw only. */
	if (err == -ENOENT && q->proto == IPPROTO_RAW)
		np_error(ctx->out, "load the raw_diag module (modprobe raw_diag)",
			 "sockets raw: the kernel has no raw socket diagnostics");
	else if (err != -EINTR)
		np_error(ctx->out, err == -EPERM ? "needs CAP_NET_ADMIN in this namespace" : NULL,
			 "sock_diag %s dump: %s", np_sock_proto_name(q->proto), strerror(-err));
	return err;
}

int np_sock_dump(struct np_ctx *ctx, const struct np_sockdiag_query *q, np_sock_cb cb, void *arg)
{
	static const int both[] = {AF_INET, AF_INET6}, v6[] = {AF_INET6};
	const int *families = q->dst_family == AF_INET6 ? v6 : both;
	size_t nfam = q->dst_family == AF_INET6 ? 1 : 2;
	struct mnl_socket *nl = np_mnl(ctx, NETLINK_SOCK_DIAG);
	struct dump_state d = {q->proto, cb, arg, ctx};
	uint32_t seq = (uint32_t)(np_now() * 1000);
	/* 64 KiB per read: fewer syscalls on big dumps, as ss does. */
	static char buf[65536];
	int err;

	if (!nl)
		return -errno ? -errno : -EIO;
	/* TCP, both families: one walk of the kernel's hash tables instead of
	 * one per family (half the kernel time on a host with 100k sockets).
	 * A kernel without the legacy request answers before any socket, so
	 * falling back to a dump per family repeats nothing. */
	if (q->proto == IPPROTO_TCP && nfam == 2) {
		struct nlmsghdr *nlh = np_sockdiag_req_tcp_any(buf, sizeof(buf), q, seq);

		err = dump_one(ctx, nl, buf, sizeof(buf), nlh, &d);
		if (err != -EINVAL && err != -ENOENT && err != -EOPNOTSUPP)
			return err ? dump_error(ctx, q, err) : 0;
		nl = np_mnl(ctx, NETLINK_SOCK_DIAG);
		if (!nl)
			return -errno ? -errno : -EIO;
	}
	for (size_t f = 0; f < nfam; f++) {
		struct nlmsghdr *nlh =
		    np_sockdiag_req_q(buf, sizeof(buf), families[f], q, seq + 1 + (uint32_t)f);

		err = dump_one(ctx, nl, buf, sizeof(buf), nlh, &d);
		if (err)
			return dump_error(ctx, q, err);
	}
	return 0;
}
