// SPDX-License-Identifier: GPL-2.0-only
/* taps [DEV]: who can see or alter packets on each interface: XDP
 * programs (IFLA_XDP), tc ingress/egress filters on clsact/ingress
 * (RTM_GETTFILTER, cls_bpf programs by name and id) and tcx programs,
 * AF_PACKET sockets (packet_diag: the tcpdump-like listeners), and what
 * tcpdump on the interface can and cannot see given all that. */
#include <inttypes.h>
#include <linux/if_ether.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "taps_facts.h"
#include "xalloc.h"

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

static const char *dev_name(struct np_taps *s, int ifindex, char *buf, size_t len)
{
	struct np_dev_taps *d;
	if (ifindex == 0)
		return "*";
	d = np_taps_dev(s, ifindex);
	if (d)
		return d->link.name;
	snprintf(buf, len, "if%d", ifindex);
	return buf;
}

static void print_devices(struct np_ctx *ctx, struct np_taps *s)
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
		struct np_dev_taps *d = &s->devs[i];
		np_taps_publish(ctx, d);
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

static void print_filters(struct np_ctx *ctx, struct np_taps *s)
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
		struct np_tap_filter *r = &s->filters[i];
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

static void print_packet_socks(struct np_ctx *ctx, struct np_taps *s, int only_ifindex)
{
	static const struct np_col cols[] = {
		{"inode", "INODE", NP_COL_U64},	 {"dev", "DEV", NP_COL_STR},
		{"protocol", "PROTO", NP_COL_STR}, {"type", "TYPE", NP_COL_STR},
		{"drops", "DROPS", NP_COL_U64},	 {"filter_insns", "FILTER", NP_COL_U64},
		{"process", "PROCESS", NP_COL_STR},
	};
	char nb[24], pb[16];
	char(*owner)[NP_TAPS_OWNER_LEN];
	struct np_table *t;
	int shown = 0;
	for (int i = 0; i < s->nps; i++)
		shown += !only_ifindex || s->ps[i].ifindex == 0 || s->ps[i].ifindex == only_ifindex;
	if (!shown && !np_out_json(ctx->out))
		return;
	owner = np_xcalloc((size_t)s->nps + 1, sizeof(*owner));
	np_taps_owners(s->ps, s->nps, owner);
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

static void print_visibility(struct np_ctx *ctx, const struct np_dev_taps *d)
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
	struct np_taps s;
	int err = np_taps_gather(ctx, dev, &s);

	if (err) {
		np_taps_free(&s);
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
	np_taps_free(&s);
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
