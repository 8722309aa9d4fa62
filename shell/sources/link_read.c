// SPDX-License-Identifier: GPL-2.0-only
/* Reading links: one RTM_GETLINK through libmnl (libnl's rtnl_link parses
 * neither IFLA_XDP nor rx_otherhost_dropped, and the raw message has
 * everything, see link_parse.h).  One device is asked for by name (no
 * dump); only the all-links listing dumps, and it streams without
 * building a cache.  RPS/XPS masks come from sysfs. */
#include <dirent.h>
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "link_read.h"
#include "rtnl_util.h"
#include "xalloc.h"

/* Receive buffer for dumps (DUMP_BUF in newer libmnl). */
#define DUMP_BUF 32768

struct query {
	np_link_cb cb;
	void *arg;
	int err;
};

static int query_msg(const struct nlmsghdr *nlh, void *data)
{
	struct query *q = data;
	struct np_link_info li;
	if (np_link_parse(nlh, &li) == 0 && !q->err)
		q->err = q->cb(&li, q->arg);
	return MNL_CB_OK;
}

int np_link_query(struct np_ctx *ctx, const char *dev, np_link_cb cb, void *arg)
{
	static unsigned seq;
	struct mnl_socket *nl = np_mnl(ctx, NETLINK_ROUTE);
	char req[NLMSG_SPACE(sizeof(struct ifinfomsg)) + NLA_HDRLEN + NLA_ALIGN(IF_NAMESIZE)];
	char *buf;
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	struct query q = {cb, arg, 0};
	int ret;

	if (!nl)
		return -ENOTCONN;
	/* A dump packs many links per datagram; a reply to one fits 8 KiB. */
	/* Zeroed: libmnl 1.0.4 leaves attribute padding unset, and those bytes
	 * are sent to the kernel (valgrind flags them). */
	buf = np_xcalloc(1, DUMP_BUF);
	/* Zeroed: libmnl leaves attribute padding as it finds it. */
	memset(req, 0, sizeof(req));
	nlh = mnl_nlmsg_put_header(req);
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | (dev ? 0 : NLM_F_DUMP);
	nlh->nlmsg_seq = ++seq + (unsigned)time(NULL);
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	if (dev)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, dev);
	ret = np_nl_exchange(ctx, nl, buf, DUMP_BUF, nlh, query_msg, &q, NULL, 0);
	if (ret && !dev)
		np_mnl_close(ctx, NETLINK_ROUTE); /* the rest of a dump may be queued */
	free(buf);
	return ret ? ret : q.err;
}

/* ---- RPS / XPS from sysfs ---- */

static int read_small(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int queue_cmp(const void *a, const void *b)
{
	const struct np_queue_row *x = a, *y = b;
	int c = strncmp(x->name, y->name, 2); /* rx before tx */
	return c ? c : atoi(x->name + 3) - atoi(y->name + 3);
}

/* Every rx-N/tx-N queue of dev; *rps counts rx queues with RPS on.
 * Returns the number of rows (malloc'ed in *out) or -errno. */
int np_link_queues(const char *dev, struct np_queue_row **out, int *rps)
{
	char dir[64 + IF_NAMESIZE], path[sizeof(dir) + 300];
	struct np_queue_row *rows = NULL;
	int n = 0, cap = 0;
	struct dirent *e;
	DIR *d;

	*rps = 0;
	snprintf(dir, sizeof(dir), "/sys/class/net/%s/queues", dev);
	d = opendir(dir);
	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		struct np_queue_row *r;
		bool rx = !strncmp(e->d_name, "rx-", 3);
		char val[32];
		if (!rx && strncmp(e->d_name, "tx-", 3))
			continue;
		if (n == cap) {
			struct np_queue_row *nr;
			cap = cap ? cap * 2 : 8;
			nr = np_xreallocarray(rows, (size_t)cap, sizeof(*nr));
			rows = nr;
		}
		r = &rows[n++];
		snprintf(r->name, sizeof(r->name), "%.15s", e->d_name);
		snprintf(path, sizeof(path), "%s/%.255s/%s", dir, e->d_name,
			 rx ? "rps_cpus" : "xps_cpus");
		/* xps_cpus is unreadable on single-queue devices (ENOENT). */
		if (read_small(path, r->cpus, sizeof(r->cpus)))
			snprintf(r->cpus, sizeof(r->cpus), "-");
		r->flow_cnt = -1;
		if (rx) {
			snprintf(path, sizeof(path), "%s/%.255s/rps_flow_cnt", dir, e->d_name);
			if (!read_small(path, val, sizeof(val)))
				r->flow_cnt = atol(val);
			if (np_cpumask_weight(r->cpus) > 0)
				(*rps)++;
		}
	}
	closedir(d);
	if (n > 1)
		qsort(rows, (size_t)n, sizeof(*rows), queue_cmp);
	*out = rows;
	return n;
}

static int copy_one(const struct np_link_info *li, void *arg)
{
	*(struct np_link_info *)arg = *li;
	return 0;
}

/* One link by name.  -ENOENT (reported) when there is no such device. */
int np_link_get(struct np_ctx *ctx, const char *dev, struct np_link_info *li)
{
	int err = np_link_query(ctx, dev, copy_one, li);
	if (err == -ENODEV || err == -ENOENT) {
		np_error(ctx->out, "`link` lists the interfaces of this namespace",
			 "link %s: no such interface%s%s", dev, ctx->netns[0] ? " in netns " : "",
			 ctx->netns);
		return -ENOENT;
	}
	if (err) {
		np_error(ctx->out, NULL, "link %s: %s", dev, strerror(-err));
		return err;
	}
	return 0;
}
