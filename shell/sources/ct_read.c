// SPDX-License-Identifier: GPL-2.0-only
/* Reading conntrack: the table's fill (sysctls, else ctnetlink), the
 * per-CPU statistics (ctnetlink, cross-checked against and else from
 * /proc/net/stat/nf_conntrack) and the streamed table tally, never a copy
 * of the table (messages parsed by ctstats.c). */
#include <fcntl.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <libmnl/libmnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ct_read.h"
#include "rtnl_util.h"
#include "sysctl_read.h"

static int read_u64_sysctl(const char *key, uint64_t *v)
{
	char buf[64];
	if (np_sysctl_read(key, buf, sizeof(buf)))
		return -ENOENT;
	*v = strtoull(buf, NULL, 10);
	return 0;
}

static int read_proc(struct np_ct_snap *s)
{
	static char text[65536];
	int fd = open("/proc/net/stat/nf_conntrack", O_RDONLY | O_CLOEXEC);
	ssize_t n, off = 0;
	if (fd < 0)
		return -errno;
	while ((n = read(fd, text + off, sizeof(text) - 1 - (size_t)off)) > 0)
		off += n;
	close(fd);
	text[off] = '\0';
	if (np_ct_parse_proc(text, &s->proc_sum, &s->proc_entries, &s->proc_cpus))
		return -EINVAL;
	s->have_proc = 1;
	return 0;
}

struct nl_walk {
	struct np_ct_snap *s;
	struct np_ct_tally *tally;
	struct np_ctx *ctx;
};

static int cpu_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_walk *w = data;
	struct np_ct_snap *s = w->s;
	struct np_ct_stats st;
	int cpu;
	if (np_ct_parse_cpu(nlh, &st, &cpu) || s->ncpu >= NP_CT_MAX_CPUS)
		return MNL_CB_OK;
	s->cpu[s->ncpu] = st;
	s->cpu_id[s->ncpu++] = cpu;
	for (int i = 0; i < NP_CT_NSTATS; i++)
		s->nl_sum.v[i] += st.v[i];
	return MNL_CB_OK;
}

static int global_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_walk *w = data;
	if (!np_ct_parse_global(nlh, &w->s->count, &w->s->max))
		w->s->have_nl_global = 1;
	return MNL_CB_OK;
}

static int tally_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_walk *w = data;
	np_ct_tally_msg(nlh, w->tally);
	return np_interrupted(w->ctx) ? MNL_CB_STOP : MNL_CB_OK;
}

/* One ctnetlink request; replies go to cb.  0 or -errno (not reported). */
static int ct_request(struct np_ctx *ctx, int msg, int dump, mnl_cb_t cb, struct nl_walk *w)
{
	static char buf[65536];
	struct mnl_socket *nl = np_mnl(ctx, NETLINK_NETFILTER);
	uint32_t seq = (uint32_t)(np_now() * 1000);
	struct nlmsghdr *nlh;
	int err;

	if (!nl)
		return -EPROTONOSUPPORT;
	nlh = np_ct_req(buf, msg, dump, seq);
	err = np_nl_exchange(ctx, nl, buf, sizeof(buf), nlh, cb, w, NULL, 0);
	if (err || np_interrupted(ctx))
		np_mnl_close(ctx, NETLINK_NETFILTER); /* may hold the rest of a dump */
	return err;
}

void np_ct_snapshot(struct np_ctx *ctx, struct np_ct_snap *s)
{
	struct nl_walk w = {s, NULL, ctx};
	struct np_ct_stats *cpu = s->cpu;
	int *cpu_id = s->cpu_id;
	int err;

	memset(s, 0, sizeof(*s));
	s->cpu = cpu;
	s->cpu_id = cpu_id;
	if (!read_u64_sysctl("net.netfilter.nf_conntrack_count", &s->count) &&
	    !read_u64_sysctl("net.netfilter.nf_conntrack_max", &s->max))
		s->have_sysctl = 1;
	read_proc(s);
	/* Without the sysctls and /proc file conntrack is not loaded: do not
	 * ask ctnetlink, whose request would make the kernel load the
	 * modules (netpath only looks). */
	if (!s->have_sysctl && !s->have_proc) {
		s->nl_errno = ENOENT;
		return;
	}
	/* nfnetlink may be absent (socket fails): np_mnl would report an
	 * error, which here is an answer ("not loaded"), not a failure. */
	{
		struct mnl_socket *probe = mnl_socket_open(NETLINK_NETFILTER);
		if (!probe) {
			s->nl_errno = errno;
		} else {
			mnl_socket_close(probe);
			err = ct_request(ctx, IPCTNL_MSG_CT_GET_STATS, 0, global_cb, &w);
			if (!err)
				err = ct_request(ctx, IPCTNL_MSG_CT_GET_STATS_CPU, 1, cpu_cb, &w);
			if (!err && s->ncpu)
				s->have_nl_cpu = 1;
			s->nl_errno = err ? -err : 0;
		}
	}
	s->loaded = s->have_sysctl || s->have_nl_global || s->have_nl_cpu || s->have_proc;
	if (!s->have_sysctl && !s->have_nl_global && s->have_proc)
		s->count = s->proc_entries;
}

const struct np_ct_stats *np_ct_snap_stats(const struct np_ct_snap *s)
{
	return s->have_nl_cpu ? &s->nl_sum : &s->proc_sum;
}

int np_ct_tally_read(struct np_ctx *ctx, struct np_ct_tally *t)
{
	struct nl_walk w = {NULL, t, ctx};
	memset(t, 0, sizeof(*t));
	return ct_request(ctx, IPCTNL_MSG_CT_GET, 1, tally_cb, &w);
}
