// SPDX-License-Identifier: GPL-2.0-only
/* Bridge readers: rtnetlink requests and the br_netfilter sysctls. */
#include <errno.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bridge_read.h"
#include "sysctl_read.h"
#include "xalloc.h"

#ifndef AF_BRIDGE
#define AF_BRIDGE 7
#endif
#ifndef RTEXT_FILTER_BRVLAN_COMPRESSED
#define RTEXT_FILTER_BRVLAN_COMPRESSED (1 << 2)
#endif
#ifndef RTEXT_FILTER_SKIP_STATS
#define RTEXT_FILTER_SKIP_STATS (1 << 3)
#endif

static int info_msg(const struct nlmsghdr *nlh, void *data)
{
	np_br_parse_info(nlh, data);
	return MNL_CB_OK;
}

int np_br_read_info(struct np_nl *nl, const char *br, struct np_br_info *bi)
{
	struct ifinfomsg *ifi;
	struct nlmsghdr *nlh = np_nl_req(nl, RTM_GETLINK, 0, sizeof(*ifi), (void **)&ifi);
	int err;

	memset(bi, 0, sizeof(*bi));
	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, br);
	/* The counters are not needed: a smaller reply. */
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	err = np_nl_get(nl, nlh, info_msg, bi);
	if (err == -ENOENT)
		err = -ENODEV;
	if (!err && !bi->name[0])
		err = -ENODEV;
	return err;
}

struct list_walk {
	np_br_info_cb cb;
	void *arg;
	int err;
};

static int list_msg(const struct nlmsghdr *nlh, void *data)
{
	struct list_walk *w = data;
	struct np_br_info bi;
	/* Without strict checking the kernel ignores the kind filter. */
	if (np_br_parse_info(nlh, &bi) || strcmp(bi.kind, "bridge") || w->err)
		return MNL_CB_OK;
	w->err = w->cb(&bi, w->arg);
	return MNL_CB_OK;
}

int np_br_list(struct np_ctx *ctx, struct np_nl *nl, np_br_info_cb cb, void *arg)
{
	struct ifinfomsg *ifi;
	struct nlmsghdr *nlh = np_nl_req(nl, RTM_GETLINK, NLM_F_DUMP, sizeof(*ifi), (void **)&ifi);
	struct nlattr *li;
	struct list_walk w = {cb, arg, 0};
	int err;

	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	li = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "bridge");
	mnl_attr_nest_end(nlh, li);
	err = np_nl_dump(ctx, nl, nlh, list_msg, &w, "bridges");
	return err ? err : w.err;
}

struct port_walk {
	struct np_br_ports *ps;
	int br;
	int err;
};

static int port_msg(const struct nlmsghdr *nlh, void *data)
{
	struct port_walk *w = data;
	struct np_br_ports *ps = w->ps;
	struct np_br_port p;

	if (w->err || np_br_parse_port(nlh, &p))
		return MNL_CB_OK;
	if (p.ifindex == w->br && !p.is_port) {
		ps->self = p;
		ps->have_self = true;
		return MNL_CB_OK;
	}
	/* The dump covers every bridge of the namespace. */
	if (p.master != w->br || !p.is_port)
		return MNL_CB_OK;
	if (ps->n == ps->cap) {
		int cap = ps->cap ? ps->cap * 2 : 8;
		ps->v = np_xreallocarray(ps->v, (size_t)cap, sizeof(*ps->v));
		ps->cap = cap;
	}
	ps->v[ps->n++] = p;
	return MNL_CB_OK;
}

int np_br_read_ports(struct np_ctx *ctx, struct np_nl *nl, int br_ifindex, struct np_br_ports *out)
{
	struct ifinfomsg *ifi;
	struct nlmsghdr *nlh = np_nl_req(nl, RTM_GETLINK, NLM_F_DUMP, sizeof(*ifi), (void **)&ifi);
	struct port_walk w = {out, br_ifindex, 0};
	int err;

	memset(out, 0, sizeof(*out));
	/* The bridge dump (rtnl_bridge_getlink) takes no device filter; the
	 * compressed VLAN list keeps a trunk port's message small. */
	ifi->ifi_family = AF_BRIDGE;
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_BRVLAN_COMPRESSED);
	err = np_nl_dump(ctx, nl, nlh, port_msg, &w, "bridge ports");
	if (!err)
		err = w.err;
	if (err)
		np_br_ports_free(out);
	return err;
}

void np_br_ports_free(struct np_br_ports *ps)
{
	free(ps->v);
	memset(ps, 0, sizeof(*ps));
}

int np_br_port_find(const struct np_br_ports *ps, const char *name)
{
	for (int i = 0; i < ps->n; i++)
		if (!strcmp(ps->v[i].name, name))
			return i;
	return -1;
}

struct fdb_walk {
	np_br_fdb_cb cb;
	void *arg;
	int br;
	int ret;
};

static int fdb_msg(const struct nlmsghdr *nlh, void *data)
{
	struct fdb_walk *w = data;
	struct np_br_fdb e;
	if (w->ret || np_br_parse_fdb(nlh, &e) || !np_br_fdb_is_bridge(&e, w->br))
		return MNL_CB_OK;
	w->ret = w->cb(&e, w->arg);
	/* Stopping mid-dump would leave replies queued: read on, ignore. */
	return MNL_CB_OK;
}

int np_br_fdb_walk(struct np_ctx *ctx, struct np_nl *nl, int br_ifindex, np_br_fdb_cb cb, void *arg)
{
	struct ndmsg *ndm;
	struct nlmsghdr *nlh = np_nl_req(nl, RTM_GETNEIGH, NLM_F_DUMP, sizeof(*ndm), (void **)&ndm);
	struct fdb_walk w = {cb, arg, br_ifindex, 0};
	int err;

	ndm->ndm_family = AF_BRIDGE;
	/* NDA_MASTER: the kernel dumps only this bridge and its ports. */
	mnl_attr_put_u32(nlh, NDA_MASTER, (uint32_t)br_ifindex);
	err = np_nl_dump(ctx, nl, nlh, fdb_msg, &w, "bridge fdb");
	return err ? err : w.ret;
}

static int nf_switch(const char *key)
{
	char v[32];
	return np_sysctl_read(key, v, sizeof(v)) == 0 ? atoi(v) != 0 : 0;
}

void np_br_nf_read(struct np_br_nf *nf)
{
	memset(nf, 0, sizeof(*nf));
	/* /proc/sys/net is the reading task's namespace view: the per-namespace
	 * switches of the namespace netpath is in. */
	nf->loaded = access("/proc/sys/net/bridge", F_OK) == 0;
	if (!nf->loaded)
		return;
	nf->call_iptables = nf_switch("net.bridge.bridge-nf-call-iptables");
	nf->call_ip6tables = nf_switch("net.bridge.bridge-nf-call-ip6tables");
	nf->call_arptables = nf_switch("net.bridge.bridge-nf-call-arptables");
}

int np_br_nf_effective(const struct np_br_nf *nf, int global, int own)
{
	return nf->loaded && (global > 0 || own > 0) ? 1 : 0;
}
