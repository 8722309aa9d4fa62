// SPDX-License-Identifier: GPL-2.0-only
/* Who sees or alters packets on a device: XDP (rtnetlink), tc filters on
 * the ingress/clsact hooks and tcx programs, AF_PACKET sockets
 * (packet_diag) and their owners (/proc); messages parsed by tapsinfo.c. */
#include <bpf/bpf.h>
#include <dirent.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/packet_diag.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rtnl_util.h"
#include "taps_read.h"
#include "xalloc.h"

#define MAX_DEVS    4096
#define MAX_FILTERS 1024
#define MAX_PSOCKS  1024

/* One netlink request/dump on bus; replies to cb.  0 or -errno. */
static int nl_talk(struct np_ctx *ctx, int bus, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	static char buf[65536];
	struct mnl_socket *nl = np_mnl(ctx, bus);
	int err;

	if (!nl)
		return -EIO;
	nlh->nlmsg_seq = (uint32_t)(np_now() * 1000);
	err = np_nl_exchange(ctx, nl, buf, sizeof(buf), nlh, cb, data, NULL, 0);
	if (err)
		np_mnl_close(ctx, bus); /* the rest of a dump may be queued */
	return err;
}

static void prog_name(uint32_t id, char *buf, size_t len)
{
	struct bpf_prog_info info;
	uint32_t ilen = sizeof(info);
	int fd;
	buf[0] = '\0';
	if (!id)
		return;
	fd = bpf_prog_get_fd_by_id(id);
	if (fd < 0)
		return; /* needs CAP_SYS_ADMIN: the id is still shown */
	memset(&info, 0, sizeof(info));
	if (!bpf_obj_get_info_by_fd(fd, &info, &ilen))
		snprintf(buf, len, "%s", info.name);
	close(fd);
}

struct np_dev_taps *np_taps_dev(struct np_taps *s, int ifindex)
{
	for (int i = 0; i < s->ndev; i++)
		if (s->devs[i].link.ifindex == ifindex)
			return &s->devs[i];
	return NULL;
}

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct np_taps *s = data;
	struct np_xdp_link l;
	if (np_xdp_parse_link(nlh, &l) || s->ndev >= MAX_DEVS)
		return MNL_CB_OK;
	memset(&s->devs[s->ndev], 0, sizeof(s->devs[0]));
	s->devs[s->ndev].link = l;
	prog_name(l.prog_id, s->devs[s->ndev].xdp_prog, sizeof(s->devs[0].xdp_prog));
	s->ndev++;
	return MNL_CB_OK;
}

static int read_links(struct np_taps *s, const char *dev)
{
	/* Zeroed: libmnl 1.0.4 leaves attribute padding unset (sent as is). */
	char buf[512] = {0};
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | (dev ? NLM_F_ACK : NLM_F_DUMP);
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	if (dev)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, dev);
	return nl_talk(s->ctx, NETLINK_ROUTE, nlh, link_cb, s);
}

static int qdisc_cb(const struct nlmsghdr *nlh, void *data)
{
	struct np_taps *s = data;
	const struct tcmsg *t = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	struct np_dev_taps *d;

	if (nlh->nlmsg_type != RTM_NEWQDISC || t->tcm_parent != TC_H_INGRESS)
		return MNL_CB_OK;
	d = np_taps_dev(s, t->tcm_ifindex);
	if (!d)
		return MNL_CB_OK;
	mnl_attr_for_each(a, nlh, sizeof(*t))
	{
		if (mnl_attr_get_type(a) == TCA_KIND &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
			d->qdisc = !strcmp(mnl_attr_get_str(a), "clsact") ? 2 : 1;
	}
	return MNL_CB_OK;
}

static int filter_cb(const struct nlmsghdr *nlh, void *data)
{
	struct np_taps *s = data;
	struct np_tap_filter *r;
	struct np_dev_taps *d;
	if (s->nfilters >= MAX_FILTERS)
		return MNL_CB_OK;
	r = &s->filters[s->nfilters];
	memset(r, 0, sizeof(*r));
	if (np_tc_parse_filter(nlh, &r->f) || r->f.is_head)
		return MNL_CB_OK;
	d = np_taps_dev(s, r->f.ifindex);
	if (!d)
		return MNL_CB_OK;
	r->dir = s->cur_dir;
	prog_name(r->f.bpf_id, r->prog, sizeof(r->prog));
	if (r->dir == 1) {
		d->tc_in++;
		d->tc_in_bpf += !strcmp(r->f.kind, "bpf");
	} else {
		d->tc_eg++;
		d->tc_eg_bpf += !strcmp(r->f.kind, "bpf");
	}
	s->nfilters++;
	return MNL_CB_OK;
}

static int read_tc(struct np_taps *s, int ifindex)
{
	/* Zeroed: libmnl 1.0.4 leaves attribute padding unset (sent as is). */
	char buf[256] = {0};
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct tcmsg *t;
	int err;

	nlh->nlmsg_type = RTM_GETQDISC;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	t = mnl_nlmsg_put_extra_header(nlh, sizeof(*t));
	t->tcm_family = AF_UNSPEC;
	t->tcm_ifindex = ifindex;
	err = nl_talk(s->ctx, NETLINK_ROUTE, nlh, qdisc_cb, s);
	if (err)
		return err;
	for (int i = 0; i < s->ndev; i++) {
		struct np_dev_taps *d = &s->devs[i];
		/* clsact: both hooks; the ingress qdisc has only one (asking
		 * it for "egress" would return its ingress block again). */
		for (int dir = 1; dir <= (d->qdisc == 2 ? 2 : d->qdisc); dir++) {
			nlh = mnl_nlmsg_put_header(buf);
			nlh->nlmsg_type = RTM_GETTFILTER;
			nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
			t = mnl_nlmsg_put_extra_header(nlh, sizeof(*t));
			t->tcm_family = AF_UNSPEC;
			t->tcm_ifindex = d->link.ifindex;
			t->tcm_parent =
			    TC_H_MAKE(TC_H_CLSACT, dir == 1 ? TC_H_MIN_INGRESS : TC_H_MIN_EGRESS);
			s->cur_dir = dir;
			err = nl_talk(s->ctx, NETLINK_ROUTE, nlh, filter_cb, s);
			if (err == -ENODEV || err == -EINVAL)
				continue; /* vanished or the qdisc went away meanwhile */
			if (err)
				return err;
		}
	}
	return 0;
}

/* tcx (kernel 6.6+): BPF programs on the device without a qdisc. */
static void read_tcx(struct np_taps *s)
{
	/* BPF_TCX_INGRESS / BPF_TCX_EGRESS: newer than the build's headers. */
	static const int tcx_type[2] = {46, 47};
	for (int i = 0; i < s->ndev; i++) {
		for (int dir = 0; dir < 2; dir++) {
			uint32_t ids[64], cnt = NP_ARRAY_SIZE(ids), flags = 0;
			if (bpf_prog_query(s->devs[i].link.ifindex,
					   (enum bpf_attach_type)tcx_type[dir], 0, &flags, ids,
					   &cnt))
				continue; /* older kernel or no privilege: nothing to add */
			for (uint32_t k = 0; k < cnt && s->nfilters < MAX_FILTERS; k++) {
				struct np_tap_filter *r = &s->filters[s->nfilters++];
				memset(r, 0, sizeof(*r));
				r->tcx = true;
				r->dir = dir + 1;
				r->f.ifindex = s->devs[i].link.ifindex;
				snprintf(r->f.kind, sizeof(r->f.kind), "tcx");
				r->f.bpf_id = ids[k];
				r->f.bpf_da = true;
				prog_name(ids[k], r->prog, sizeof(r->prog));
				if (dir == 0) {
					s->devs[i].tc_in++;
					s->devs[i].tc_in_bpf++;
				} else {
					s->devs[i].tc_eg++;
					s->devs[i].tc_eg_bpf++;
				}
			}
		}
	}
}

static int packet_cb(const struct nlmsghdr *nlh, void *data)
{
	struct np_taps *s = data;
	if (s->nps < MAX_PSOCKS && !np_packet_parse(nlh, &s->ps[s->nps]))
		s->nps++;
	return MNL_CB_OK;
}

static int read_packet_socks(struct np_taps *s)
{
	/* Zeroed: libmnl 1.0.4 leaves attribute padding unset (sent as is). */
	char buf[256] = {0};
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct packet_diag_req *req;
	int err;

	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req = mnl_nlmsg_put_extra_header(nlh, sizeof(*req));
	req->sdiag_family = AF_PACKET;
	req->pdiag_show =
	    PACKET_SHOW_INFO | PACKET_SHOW_MEMINFO | PACKET_SHOW_FILTER | PACKET_SHOW_RING_CFG;
	req->pdiag_cookie[0] = req->pdiag_cookie[1] = INET_DIAG_NOCOOKIE;
	err = nl_talk(s->ctx, NETLINK_SOCK_DIAG, nlh, packet_cb, s);
	if (err == -ENOENT) {
		np_warn(s->ctx->out, "no packet_diag in this kernel (modprobe af_packet_diag): "
				     "AF_PACKET sockets not listed");
		return 0;
	}
	for (int i = 0; !err && i < s->nps; i++)
		for (int d = 0; d < s->ndev; d++)
			if (s->ps[i].ifindex == 0 || s->ps[i].ifindex == s->devs[d].link.ifindex)
				s->devs[d].psocks++;
	return err;
}

void np_taps_owners(const struct np_packet_sock *ps, int n, char (*owner)[NP_TAPS_OWNER_LEN])
{
	char path[96], link[64];
	DIR *proc;
	struct dirent *p;
	int left = n;

	for (int i = 0; i < n; i++)
		snprintf(owner[i], NP_TAPS_OWNER_LEN, "?");
	if (!n || !(proc = opendir("/proc")))
		return;
	while (left && (p = readdir(proc))) {
		DIR *fds;
		struct dirent *f;
		if (p->d_name[0] < '0' || p->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%.20s/fd", p->d_name);
		fds = opendir(path);
		if (!fds)
			continue;
		while (left && (f = readdir(fds))) {
			unsigned long ino;
			ssize_t len;
			snprintf(path, sizeof(path), "/proc/%.20s/fd/%.20s", p->d_name, f->d_name);
			len = readlink(path, link, sizeof(link) - 1);
			if (len <= 0)
				continue;
			link[len] = '\0';
			if (sscanf(link, "socket:[%lu]", &ino) != 1)
				continue;
			for (int i = 0; i < n; i++) {
				char comm[32] = "?";
				FILE *c;
				if (ps[i].inode != ino || owner[i][0] != '?')
					continue;
				snprintf(path, sizeof(path), "/proc/%.20s/comm", p->d_name);
				c = fopen(path, "re");
				if (c) {
					if (fgets(comm, sizeof(comm), c))
						comm[strcspn(comm, "\n")] = '\0';
					fclose(c);
				}
				snprintf(owner[i], NP_TAPS_OWNER_LEN, "%.20s/%.31s", p->d_name,
					 comm);
				left--;
			}
		}
		closedir(fds);
	}
	closedir(proc);
}

void np_taps_free(struct np_taps *s)
{
	free(s->devs);
	free(s->filters);
	free(s->ps);
}

int np_taps_gather(struct np_ctx *ctx, const char *dev, struct np_taps *s)
{
	int err;
	memset(s, 0, sizeof(*s));
	s->ctx = ctx;
	s->devs = np_xcalloc(dev ? 1 : MAX_DEVS, sizeof(*s->devs));
	s->filters = np_xcalloc(MAX_FILTERS, sizeof(*s->filters));
	s->ps = np_xcalloc(MAX_PSOCKS, sizeof(*s->ps));
	err = read_links(s, dev);
	if (err == -ENODEV) {
		np_error(ctx->out, "`link` lists the interfaces of this namespace",
			 "taps %s: no such interface", dev);
		return err;
	}
	if (!err)
		err = read_tc(s, dev && s->ndev ? s->devs[0].link.ifindex : 0);
	if (!err) {
		read_tcx(s);
		err = read_packet_socks(s);
	}
	if (err && !np_out_has_error(ctx->out))
		np_error(ctx->out, err == -EPERM ? "needs CAP_NET_ADMIN" : NULL, "taps: %s",
			 strerror(-err));
	return err;
}
