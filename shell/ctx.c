// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctx.h"
#include "netns.h"

int np_ctx_init(struct np_ctx *ctx, struct np_out *out)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->out = out;
	ctx->set.window = -1;
	ctx->facts = np_facts_new();
	ctx->home_netns_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	/* Started under nsenter or `ip netns exec`: the prompt says where. */
	np_netns_current_label(ctx->home_netns, sizeof(ctx->home_netns));
	memcpy(ctx->netns, ctx->home_netns, sizeof(ctx->netns));
	return 0;
}

static void close_sockets(struct np_ctx *ctx);

void np_ctx_reset(struct np_ctx *ctx)
{
	close_sockets(ctx);
	np_facts_clear(ctx->facts);
}

static void close_sockets(struct np_ctx *ctx)
{
	for (size_t i = 0; i < NP_ARRAY_SIZE(ctx->mnl_); i++) {
		if (ctx->mnl_[i])
			mnl_socket_close(ctx->mnl_[i]);
		ctx->mnl_[i] = NULL;
	}
}

int np_ctx_visit(struct np_ctx *ctx, int nsfd, struct np_facts *facts, struct np_ctx_visit *v)
{
	v->back = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (v->back < 0)
		return -errno;
	if (setns(nsfd, CLONE_NEWNET) < 0) {
		int err = -errno;
		close(v->back);
		v->back = -1;
		return err;
	}
	memcpy(v->mnl, ctx->mnl_, sizeof(v->mnl));
	v->facts = ctx->facts;
	memset(ctx->mnl_, 0, sizeof(ctx->mnl_));
	ctx->facts = facts;
	return 0;
}

void np_ctx_return(struct np_ctx *ctx, struct np_ctx_visit *v)
{
	if (v->back < 0)
		return;
	close_sockets(ctx); /* they belong to the visited namespace */
	memcpy(ctx->mnl_, v->mnl, sizeof(ctx->mnl_));
	ctx->facts = v->facts;
	if (setns(v->back, CLONE_NEWNET) < 0) {
		/* Cannot happen with the fd of where we were; say so rather
		 * than read the wrong namespace silently. */
		np_error(ctx->out, NULL, "could not return from a namespace visit: %s",
			 strerror(errno));
	}
	close(v->back);
	v->back = -1;
}

void np_ctx_fini(struct np_ctx *ctx)
{
	np_ctx_reset(ctx);
	np_facts_free(ctx->facts);
	if (ctx->last_run && ctx->last_run_free)
		ctx->last_run_free(ctx->last_run);
	if (ctx->home_netns_fd >= 0)
		close(ctx->home_netns_fd);
}

struct mnl_socket *np_mnl(struct np_ctx *ctx, int bus)
{
	struct mnl_socket *nl;
	if (bus < 0 || (size_t)bus >= NP_ARRAY_SIZE(ctx->mnl_))
		return NULL;
	if (ctx->mnl_[bus])
		return ctx->mnl_[bus];
	nl = mnl_socket_open2(bus, SOCK_CLOEXEC);
	if (!nl) {
		np_error(ctx->out, NULL, "netlink bus %d: %s", bus, strerror(errno));
		return NULL;
	}
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		np_error(ctx->out, NULL, "netlink bus %d: bind: %s", bus, strerror(errno));
		mnl_socket_close(nl);
		return NULL;
	}
	ctx->mnl_[bus] = nl;
	return nl;
}

void np_mnl_close(struct np_ctx *ctx, int bus)
{
	if (bus < 0 || (size_t)bus >= NP_ARRAY_SIZE(ctx->mnl_) || !ctx->mnl_[bus])
		return;
	mnl_socket_close(ctx->mnl_[bus]);
	ctx->mnl_[bus] = NULL;
}

unsigned long np_netns_inode(void)
{
	struct stat st;
	if (stat("/proc/self/ns/net", &st) < 0)
		return 0;
	return st.st_ino;
}
