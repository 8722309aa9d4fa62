// SPDX-License-Identifier: GPL-2.0-only
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ctx.h"
#include "netns.h"

volatile sig_atomic_t np_sigint;

int np_ctx_init(struct np_ctx *ctx, struct np_out *out)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->out = out;
	ctx->set.window = -1;
	ctx->facts = np_facts_new();
	if (!ctx->facts)
		return -ENOMEM;
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
	if (ctx->rtnl_)
		nl_socket_free(ctx->rtnl_);
	ctx->rtnl_ = NULL;
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
	v->rtnl = ctx->rtnl_;
	memcpy(v->mnl, ctx->mnl_, sizeof(v->mnl));
	v->facts = ctx->facts;
	ctx->rtnl_ = NULL;
	memset(ctx->mnl_, 0, sizeof(ctx->mnl_));
	ctx->facts = facts;
	return 0;
}

void np_ctx_return(struct np_ctx *ctx, struct np_ctx_visit *v)
{
	if (v->back < 0)
		return;
	close_sockets(ctx); /* they belong to the visited namespace */
	ctx->rtnl_ = v->rtnl;
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

struct nl_sock *np_rtnl(struct np_ctx *ctx)
{
	int err;
	if (ctx->rtnl_)
		return ctx->rtnl_;
	ctx->rtnl_ = nl_socket_alloc();
	if (!ctx->rtnl_) {
		np_error(ctx->out, NULL, "cannot allocate a netlink socket");
		return NULL;
	}
	err = nl_connect(ctx->rtnl_, NETLINK_ROUTE);
	if (err < 0) {
		np_error(ctx->out, NULL, "rtnetlink: %s", nl_geterror(err));
		nl_socket_free(ctx->rtnl_);
		ctx->rtnl_ = NULL;
	}
	return ctx->rtnl_;
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

/* Like `ip netns exec`: give this process its own mount namespace and a
 * sysfs that shows the new network namespace, so /sys/class/net matches. */
static void remount_sys(void)
{
	if (unshare(CLONE_NEWNS) < 0)
		return;
	if (mount("", "/", "none", MS_SLAVE | MS_REC, NULL) < 0)
		return;
	if (umount2("/sys", MNT_DETACH) < 0)
		return;
	mount("sysfs", "/sys", "sysfs", 0, NULL);
}

int np_netns_enter(struct np_ctx *ctx, const char *spec)
{
	struct np_netns_spec s;
	struct np_netns_target t;
	char why[256];
	int err;

	if (!spec || !*spec)
		spec = "-";
	if (np_netns_spec_parse(spec, &s, why, sizeof(why))) {
		np_error(ctx->out,
			 "a name under /run/netns, pid:PID, /proc/PID/ns/net, docker:NAME",
			 "netns '%.64s': %s", spec, why);
		return -NP_EUSAGE;
	}
	err = np_netns_resolve(ctx, &s, &t);
	if (err)
		return err;
	if (setns(t.fd, CLONE_NEWNET) < 0) {
		err = -errno;
		np_error(ctx->out, "entering a namespace needs CAP_SYS_ADMIN", "netns %s: %s",
			 t.label[0] ? t.label : "-", strerror(errno));
		np_netns_target_close(&t);
		return err;
	}
	np_netns_target_close(&t);
	remount_sys();
	snprintf(ctx->netns, sizeof(ctx->netns), "%s", t.label);
	np_ctx_reset(ctx);
	return 0;
}

unsigned long np_netns_inode(void)
{
	struct stat st;
	if (stat("/proc/self/ns/net", &st) < 0)
		return 0;
	return st.st_ino;
}

bool np_interrupted(const struct np_ctx *ctx)
{
	(void)ctx;
	return np_sigint != 0;
}

double np_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int np_sleep(struct np_ctx *ctx, double seconds)
{
	double end = np_now() + seconds;
	for (;;) {
		double left = end - np_now();
		struct timespec ts;
		if (np_interrupted(ctx))
			return -EINTR;
		if (left <= 0)
			return 0;
		if (left > 0.1)
			left = 0.1; /* wake to re-check the flag even if the signal raced */
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
	}
}
