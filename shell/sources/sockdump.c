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

int np_sock_dump(struct np_ctx *ctx, const struct np_sockdiag_query *q, np_sock_cb cb, void *arg)
{
	static const int both[] = {AF_INET, AF_INET6}, v6[] = {AF_INET6};
	const int *families = q->dst_family == AF_INET6 ? v6 : both;
	size_t nfam = q->dst_family == AF_INET6 ? 1 : 2;
	struct mnl_socket *nl = np_mnl(ctx, NETLINK_SOCK_DIAG);
	struct dump_state d = {q->proto, cb, arg, ctx};
	/* 64 KiB per read: fewer syscalls on big dumps, as ss does. */
	static char buf[65536];

	if (!nl)
		return -errno ? -errno : -EIO;
	for (size_t f = 0; f < nfam; f++) {
		uint32_t seq = (uint32_t)(np_now() * 1000) + (uint32_t)f;
		struct nlmsghdr *nlh = np_sockdiag_req_q(buf, sizeof(buf), families[f], q, seq);
		int err = np_nl_exchange(ctx, nl, buf, sizeof(buf), nlh, dump_msg, &d, NULL, 0);

		if (err || np_interrupted(ctx))
			np_mnl_close(ctx, NETLINK_SOCK_DIAG); /* half a dump may be queued */
		if (err == -EINTR || (!err && np_interrupted(ctx)))
			return -EINTR;
		/* The raw_diag module may be absent: say so for raw only. */
		if (err == -ENOENT && q->proto == IPPROTO_RAW) {
			np_error(ctx->out, "load the raw_diag module (modprobe raw_diag)",
				 "sockets raw: the kernel has no raw socket diagnostics");
			return -ENOENT;
		}
		if (err) {
			np_error(ctx->out,
				 err == -EPERM ? "needs CAP_NET_ADMIN in this namespace" : NULL,
				 "sock_diag %s dump: %s", np_sock_proto_name(q->proto),
				 strerror(-err));
			return err;
		}
	}
	return 0;
}
