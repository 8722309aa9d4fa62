// SPDX-License-Identifier: GPL-2.0-only
/* taps [DEV]: who can see or alter packets on each interface: XDP
 * programs (IFLA_XDP), tc ingress/egress filters on clsact/ingress
 * (RTM_GETTFILTER, cls_bpf programs by name and id) and tcx programs,
 * AF_PACKET sockets (packet_diag: the tcpdump-like listeners), and what
 * tcpdump on the interface can and cannot see given all that. */
#include <bpf/bpf.h>
#include <dirent.h>
#include <inttypes.h>
#include <libmnl/libmnl.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/inet_diag.h>
#include <linux/packet_diag.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "family.h"
#include "rtnl_util.h"
#include "tapsinfo.h"

#define MAX_DEVS 4096
#define MAX_FILTERS 1024
#define MAX_PSOCKS 1024

struct dev_taps {
	struct np_xdp_link link;
	char xdp_prog[64];
	int qdisc; /* 0 none, 1 ingress, 2 clsact */
	unsigned tc_in, tc_eg, tc_in_bpf, tc_eg_bpf, tcx_in, tcx_eg;
	unsigned psocks;
};

struct filter_rec {
	struct np_tc_filter f;
	int dir;
	bool tcx;
	char prog[64];
};

struct taps_state {
	struct dev_taps *devs;
	int ndev;
	struct filter_rec *filters;
	int nfilters;
	struct np_packet_sock *ps;
	int nps;
	int cur_dir;
	struct np_ctx *ctx;
};

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

static struct dev_taps *dev_by_index(struct taps_state *s, int ifindex)
{
	for (int i = 0; i < s->ndev; i++)
		if (s->devs[i].link.ifindex == ifindex)
			return &s->devs[i];
	return NULL;
}

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct taps_state *s = data;
	struct np_xdp_link l;
	if (np_xdp_parse_link(nlh, &l) || s->ndev >= MAX_DEVS)
		return MNL_CB_OK;
	memset(&s->devs[s->ndev], 0, sizeof(s->devs[0]));
	s->devs[s->ndev].link = l;
	prog_name(l.prog_id, s->devs[s->ndev].xdp_prog, sizeof(s->devs[0].xdp_prog));
	s->ndev++;
	return MNL_CB_OK;
}

static int read_links(struct taps_state *s, const char *dev)
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
	struct taps_state *s = data;
	const struct tcmsg *t = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	struct dev_taps *d;

	if (nlh->nlmsg_type != RTM_NEWQDISC || t->tcm_parent != TC_H_INGRESS)
		return MNL_CB_OK;
	d = dev_by_index(s, t->tcm_ifindex);
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
	struct taps_state *s = data;
	struct filter_rec *r;
	struct dev_taps *d;
	if (s->nfilters >= MAX_FILTERS)
		return MNL_CB_OK;
	r = &s->filters[s->nfilters];
	memset(r, 0, sizeof(*r));
	if (np_tc_parse_filter(nlh, &r->f) || r->f.is_head)
		return MNL_CB_OK;
	d = dev_by_index(s, r->f.ifindex);
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

static int read_tc(struct taps_state *s, int ifindex)
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
		struct dev_taps *d = &s->devs[i];
		/* clsact: both hooks; the ingress qdisc has only one (asking
		 * it for "egress" would return its ingress block again). */
		for (int dir = 1; dir <= (d->qdisc == 2 ? 2 : d->qdisc); dir++) {
			nlh = mnl_nlmsg_put_header(buf);
			nlh->nlmsg_type = RTM_GETTFILTER;
			nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
			t = mnl_nlmsg_put_extra_header(nlh, sizeof(*t));
			t->tcm_family = AF_UNSPEC;
			t->tcm_ifindex = d->link.ifindex;
			t->tcm_parent = TC_H_MAKE(TC_H_CLSACT,
						  dir == 1 ? TC_H_MIN_INGRESS : TC_H_MIN_EGRESS);
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
static void read_tcx(struct taps_state *s)
{
	/* BPF_TCX_INGRESS / BPF_TCX_EGRESS: newer than the build's headers. */
	static const int tcx_type[2] = {46, 47};
	for (int i = 0; i < s->ndev; i++) {
		for (int dir = 0; dir < 2; dir++) {
			uint32_t ids[64], cnt = NP_ARRAY_SIZE(ids), flags = 0;
			if (bpf_prog_query(s->devs[i].link.ifindex, (enum bpf_attach_type)tcx_type[dir],
					   0, &flags, ids, &cnt))
				continue; /* older kernel or no privilege: nothing to add */
			for (uint32_t k = 0; k < cnt && s->nfilters < MAX_FILTERS; k++) {
				struct filter_rec *r = &s->filters[s->nfilters++];
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
	struct taps_state *s = data;
	if (s->nps < MAX_PSOCKS && !np_packet_parse(nlh, &s->ps[s->nps]))
		s->nps++;
	return MNL_CB_OK;
}

static int read_packet_socks(struct taps_state *s)
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
	req->pdiag_show = PACKET_SHOW_INFO | PACKET_SHOW_MEMINFO | PACKET_SHOW_FILTER |
			  PACKET_SHOW_RING_CFG;
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

#define OWNER_LEN 64

/* "pid/comm" owning each packet socket, from one walk of /proc/PID/fd
 * (stops once every socket has an owner).  Unknown owners stay "?". */
static void find_owners(const struct np_packet_sock *ps, int n, char (*owner)[OWNER_LEN])
{
	char path[96], link[64];
	DIR *proc;
	struct dirent *p;
	int left = n;

	for (int i = 0; i < n; i++)
		snprintf(owner[i], OWNER_LEN, "?");
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
				snprintf(owner[i], OWNER_LEN, "%.20s/%.31s", p->d_name, comm);
				left--;
			}
		}
		closedir(fds);
	}
	closedir(proc);
}

static void state_free(struct taps_state *s)
{
	free(s->devs);
	free(s->filters);
	free(s->ps);
}

/* Gather everything for dev (NULL: all).  0 or -errno, reported. */
static int gather(struct np_ctx *ctx, const char *dev, struct taps_state *s)
{
	int err;
	memset(s, 0, sizeof(*s));
	s->ctx = ctx;
	s->devs = calloc(dev ? 1 : MAX_DEVS, sizeof(*s->devs));
	s->filters = calloc(MAX_FILTERS, sizeof(*s->filters));
	s->ps = calloc(MAX_PSOCKS, sizeof(*s->ps));
	if (!s->devs || !s->filters || !s->ps)
		return -ENOMEM;
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

/* ---- facts ---- */

static void publish(struct np_ctx *ctx, const struct dev_taps *d)
{
	const char *n = d->link.name;
	np_fact_setf_str(ctx->facts, np_xdp_mode_name(d->link.attached), "taps[%s].xdp", n);
	np_fact_setf_int(ctx->facts, d->link.prog_id, "taps[%s].xdp_prog_id", n);
	np_fact_setf_str(ctx->facts, d->xdp_prog, "taps[%s].xdp_prog", n);
	np_fact_setf_int(ctx->facts, d->tc_in, "taps[%s].tc_ingress", n);
	np_fact_setf_int(ctx->facts, d->tc_eg, "taps[%s].tc_egress", n);
	np_fact_setf_int(ctx->facts, d->psocks, "taps[%s].packet_sockets", n);
}

static int taps_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct taps_state s;
	int err = gather(ctx, np_factkey_arg(key, 0), &s);
	if (!err)
		for (int i = 0; i < s.ndev; i++)
			publish(ctx, &s.devs[i]);
	state_free(&s);
	return err == -ENODEV ? -ENOENT : err;
}

static const char *const taps_fields[] = {"xdp",       "xdp_prog_id", "xdp_prog",
					  "tc_ingress", "tc_egress",   "packet_sockets", NULL};

static int taps_canon(struct np_factkey *key, char *why, size_t len)
{
	if (key->nseg != 2 || !key->seg[0].has_arg || key->seg[1].has_arg)
		goto bad;
	for (int i = 0; taps_fields[i]; i++)
		if (!strcmp(taps_fields[i], key->seg[1].name))
			return key->seg[0].arg[0] == '$' ? 0
			       : np_validate_iface(key->seg[0].arg, why, len) ? -ENOENT
									      : 0;
bad:
	snprintf(why, len, "expected taps[DEV].{xdp,xdp_prog_id,xdp_prog,tc_ingress,tc_egress,"
			   "packet_sockets}");
	return -ENOENT;
}

static void taps_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
{
	char key[96];
	const char *dev = ctx->set.dev[0] ? ctx->set.dev : "DEV";
	for (int i = 0; taps_fields[i]; i++) {
		snprintf(key, sizeof(key), "taps[%s].%s", dev, taps_fields[i]);
		if (!strncmp(key, prefix, strlen(prefix)))
			add(cookie, key);
	}
}

const struct np_fact_family np_family_taps = {
    .ns = "taps",
    .pattern = "taps[DEV].FIELD",
    .describe = "who sees or alters packets on DEV: xdp mode, xdp_prog_id, xdp_prog, "
		"tc_ingress/tc_egress filter counts, packet_sockets",
    .canon = taps_canon,
    .fetch = taps_fetch,
    .complete = taps_complete,
};

/* ---- the command ---- */

static const struct np_arg taps_args[] = {
	{NULL, NP_A_IFACE, "DEV", "one interface, with what tcpdump on it can see"},
};

static const char *proto_text(unsigned proto, char *buf, size_t len)
{
	if (proto == ETH_P_ALL)
		return "all";
	if (proto == 0)
		return "none (send only)";
	if (proto == ETH_P_IP)
		return "ip";
	if (proto == ETH_P_IPV6)
		return "ipv6";
	if (proto == ETH_P_ARP)
		return "arp";
	snprintf(buf, len, "0x%04x", proto);
	return buf;
}

static const char *dev_name(struct taps_state *s, int ifindex, char *buf, size_t len)
{
	struct dev_taps *d;
	if (ifindex == 0)
		return "*";
	d = dev_by_index(s, ifindex);
	if (d)
		return d->link.name;
	snprintf(buf, len, "if%d", ifindex);
	return buf;
}

static void print_devices(struct np_ctx *ctx, struct taps_state *s)
{
	static const struct np_col cols[] = {
		{"dev", "DEV", NP_COL_STR},
		{"xdp", "XDP", NP_COL_STR},
		{"xdp_prog_id", "XDP_ID", NP_COL_U64},
		{"xdp_prog", "XDP_PROG", NP_COL_STR},
		{"tc_ingress", "TC_INGRESS", NP_COL_U64},
		{"tc_egress", "TC_EGRESS", NP_COL_U64},
		{"packet_sockets", "PACKET_SOCKETS", NP_COL_U64},
	};
	struct np_table *t = np_table_begin(ctx->out, "interfaces", NULL, cols, NP_ARRAY_SIZE(cols));
	for (int i = 0; i < s->ndev; i++) {
		struct dev_taps *d = &s->devs[i];
		publish(ctx, d);
		np_row_begin(t);
		np_cell_str(t, d->link.name);
		np_cell_str(t, np_xdp_mode_name(d->link.attached));
		if (d->link.prog_id)
			np_cell_u64(t, d->link.prog_id);
		else
			np_cell_null(t);
		np_cell_str(t, d->xdp_prog[0] ? d->xdp_prog : NULL);
		np_cell_u64(t, d->tc_in);
		np_cell_u64(t, d->tc_eg);
		np_cell_u64(t, d->psocks);
		np_row_end(t);
	}
	np_table_end(t);
}

static void print_filters(struct np_ctx *ctx, struct taps_state *s)
{
	static const struct np_col cols[] = {
		{"dev", "DEV", NP_COL_STR},	   {"hook", "HOOK", NP_COL_STR},
		{"kind", "KIND", NP_COL_STR},	   {"prio", "PRIO", NP_COL_U64},
		{"chain", "CHAIN", NP_COL_U64},	   {"direct_action", "DA", NP_COL_STR},
		{"prog_id", "PROG_ID", NP_COL_U64}, {"prog", "PROGRAM", NP_COL_STR},
		{"object", "OBJECT", NP_COL_STR},
	};
	char nb[24];
	struct np_table *t;
	if (!s->nfilters && !np_out_json(ctx->out))
		return;
	np_text(ctx->out, "\n");
	t = np_table_begin(ctx->out, "filters", "tc filters on clsact/ingress and tcx:", cols,
			   NP_ARRAY_SIZE(cols));
	for (int i = 0; i < s->nfilters; i++) {
		struct filter_rec *r = &s->filters[i];
		np_row_begin(t);
		np_cell_str(t, dev_name(s, r->f.ifindex, nb, sizeof(nb)));
		np_cell_str(t, r->dir == 1 ? "ingress" : "egress");
		np_cell_str(t, r->f.kind);
		if (r->tcx) {
			np_cell_null(t);
			np_cell_null(t);
		} else {
			np_cell_u64(t, r->f.prio);
			np_cell_u64(t, r->f.chain);
		}
		np_cell_str(t, r->f.bpf_id ? (r->f.bpf_da ? "yes" : "no") : NULL);
		if (r->f.bpf_id)
			np_cell_u64(t, r->f.bpf_id);
		else
			np_cell_null(t);
		np_cell_str(t, r->prog[0] ? r->prog : NULL);
		np_cell_str(t, r->f.bpf_name[0] ? r->f.bpf_name : NULL);
		np_row_end(t);
	}
	np_table_end(t);
}

static void print_packet_socks(struct np_ctx *ctx, struct taps_state *s, int only_ifindex)
{
	static const struct np_col cols[] = {
		{"inode", "INODE", NP_COL_U64},	 {"dev", "DEV", NP_COL_STR},
		{"protocol", "PROTO", NP_COL_STR}, {"type", "TYPE", NP_COL_STR},
		{"drops", "DROPS", NP_COL_U64},	 {"filter_insns", "FILTER", NP_COL_U64},
		{"process", "PROCESS", NP_COL_STR},
	};
	char nb[24], pb[16];
	char (*owner)[OWNER_LEN];
	struct np_table *t;
	int shown = 0;
	for (int i = 0; i < s->nps; i++)
		shown += !only_ifindex || s->ps[i].ifindex == 0 || s->ps[i].ifindex == only_ifindex;
	if (!shown && !np_out_json(ctx->out))
		return;
	owner = calloc((size_t)s->nps + 1, sizeof(*owner));
	if (!owner)
		return;
	find_owners(s->ps, s->nps, owner);
	np_text(ctx->out, "\n");
	t = np_table_begin(ctx->out, "packet_sockets",
			   "AF_PACKET sockets (tcpdump-like listeners; DEV * = every interface):",
			   cols, NP_ARRAY_SIZE(cols));
	for (int i = 0; i < s->nps; i++) {
		struct np_packet_sock *p = &s->ps[i];
		if (only_ifindex && p->ifindex && p->ifindex != only_ifindex)
			continue;
		np_row_begin(t);
		np_cell_u64(t, p->inode);
		np_cell_str(t, dev_name(s, p->ifindex, nb, sizeof(nb)));
		np_cell_str(t, proto_text(p->protocol, pb, sizeof(pb)));
		np_cell_str(t, p->type == SOCK_RAW ? "raw" : p->type == SOCK_DGRAM ? "dgram" : "?");
		np_cell_u64(t, p->drops);
		np_cell_u64(t, p->filter_insns);
		np_cell_str(t, owner[i]);
		np_row_end(t);
	}
	np_table_end(t);
	free(owner);
}

static void print_visibility(struct np_ctx *ctx, const struct dev_taps *d)
{
	static const struct np_col cols[] = {
		{"dir", "DIR", NP_COL_STR},
		{"stage", "STAGE", NP_COL_STR},
		{"attached", "HERE", NP_COL_STR},
		{"seen", "TCPDUMP SEES ITS DROPS", NP_COL_STR},
		{"note", "WHY", NP_COL_STR},
	};
	struct np_taps_dev td = {
		.xdp_attached = d->link.attached,
		.xdp_id = d->link.prog_id,
		.xdp_prog = d->xdp_prog,
		.tc_ingress = d->tc_in,
		.tc_egress = d->tc_eg,
		.tc_ingress_bpf = d->tc_in_bpf,
		.tc_egress_bpf = d->tc_eg_bpf,
		.packet_sockets = d->psocks,
	};
	struct np_tap_stage st[NP_TAP_STAGES];
	int n = np_taps_visibility(&td, d->link.name, st);
	char title[96];
	struct np_table *t;

	snprintf(title, sizeof(title), "what tcpdump on %s can see (path order):", d->link.name);
	np_text(ctx->out, "\n");
	t = np_table_begin(ctx->out, "tcpdump", title, cols, NP_ARRAY_SIZE(cols));
	for (int i = 0; i < n; i++) {
		np_row_begin(t);
		np_cell_str(t, st[i].dir);
		np_cell_str(t, st[i].stage);
		np_cell_str(t, st[i].attached ? "yes" : "no");
		np_cell_str(t, st[i].seen ? "yes" : "no");
		np_cell_str(t, st[i].note);
		np_row_end(t);
	}
	np_table_end(t);
}

static int taps_run(struct np_ctx *ctx, const struct np_args *a)
{
	const char *dev = a->v[0].set ? a->v[0].str : NULL;
	struct taps_state s;
	int err = gather(ctx, dev, &s);

	if (err) {
		state_free(&s);
		return err;
	}
	print_devices(ctx, &s);
	print_filters(ctx, &s);
	print_packet_socks(ctx, &s, dev && s.ndev ? s.devs[0].link.ifindex : 0);
	if (dev && s.ndev)
		print_visibility(ctx, &s.devs[0]);
	else
		for (int i = 0; i < s.ndev; i++)
			if (s.devs[i].link.attached)
				np_text(ctx->out,
					"\n%s: XDP (%s) runs before taps: tcpdump on %s cannot see "
					"what it drops (`taps %s` for the whole picture)\n",
					s.devs[i].link.name, np_xdp_mode_name(s.devs[i].link.attached),
					s.devs[i].link.name, s.devs[i].link.name);
	state_free(&s);
	return 0;
}

const struct np_cmd np_cmd_taps = {
    .name = "taps",
    .summary = "XDP, tc filters and packet sockets per interface; what tcpdump can see",
    .help = "Lists who can see or alter packets on each interface: the XDP program (mode drv, "
	    "generic, hw; id and name), tc filters on the clsact/ingress hooks (cls_bpf "
	    "direct-action programs with their id and name) and tcx programs, and AF_PACKET "
	    "sockets (tcpdump and other capture tools) with the interface they are bound to, "
	    "their drops, their filter length and their process. With DEV it also states what "
	    "tcpdump on DEV can and cannot see given that: on receive XDP and backlog drops "
	    "happen before taps (invisible), tc ingress, netfilter and socket drops after them "
	    "(visible); on transmit tc egress and qdisc drops happen before taps (invisible). "
	    "Program names need CAP_SYS_ADMIN; ids are always shown.",
    .args = taps_args,
    .nargs = NP_ARRAY_SIZE(taps_args),
    .run = taps_run,
    .facts = NP_FAMILIES("taps"),
    .examples = "taps\ntaps eth0\nget taps[eth0].xdp",
};
