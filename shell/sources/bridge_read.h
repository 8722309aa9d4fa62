/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading a bridge from the kernel: one rtnetlink request per question
 * (the bridge by name, its ports in one AF_BRIDGE link dump, its FDB in one
 * AF_BRIDGE neighbour dump filtered to the bridge by the kernel) and the
 * br_netfilter switches of this namespace (/proc/sys/net/bridge). */
#ifndef NP_BRIDGE_READ_H
#define NP_BRIDGE_READ_H

#include "bridge_parse.h"
#include "rtnl_util.h"

/* RTM_GETLINK by name.  0 (check bi->kind: the device may not be a
 * bridge), -ENODEV when there is no such device, or -errno; not reported. */
int np_br_read_info(struct np_nl *nl, const char *br, struct np_br_info *bi);

/* Every bridge of the namespace (a link dump the kernel filters by kind). */
typedef int (*np_br_info_cb)(const struct np_br_info *bi, void *arg);
int np_br_list(struct np_ctx *ctx, struct np_nl *nl, np_br_info_cb cb, void *arg);

/* The ports of the bridge br_ifindex (the bridge's own entry, with its
 * VLANs, in *self when self is not NULL; self->is_port stays false). */
struct np_br_ports {
	struct np_br_port *v;
	int n, cap;
	struct np_br_port self;
	bool have_self;
};
int np_br_read_ports(struct np_ctx *ctx, struct np_nl *nl, int br_ifindex, struct np_br_ports *out);
void np_br_ports_free(struct np_br_ports *ps);
/* Index of the port named name, or -1. */
int np_br_port_find(const struct np_br_ports *ps, const char *name);

/* Every entry of the bridge's forwarding database, streamed; cb returning
 * non-zero stops the walk with that value. */
typedef int (*np_br_fdb_cb)(const struct np_br_fdb *e, void *arg);
int np_br_fdb_walk(struct np_ctx *ctx, struct np_nl *nl, int br_ifindex, np_br_fdb_cb cb,
		   void *arg);

/* br_netfilter in this namespace: loaded when /proc/sys/net/bridge exists
 * (the module registers it per namespace); the call_* switches 0 when not. */
struct np_br_nf {
	int loaded;
	int call_iptables, call_ip6tables, call_arptables;
};
void np_br_nf_read(struct np_br_nf *nf);
/* Effective switch for one bridge: the namespace's or the bridge's own
 * (ip link set BR type bridge nf_call_iptables 1). */
int np_br_nf_effective(const struct np_br_nf *nf, int global, int own);

#endif
