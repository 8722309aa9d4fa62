// SPDX-License-Identifier: GPL-2.0-only
/* Parsing for `taps` and the tcpdump visibility statement (tapsinfo.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/packet_diag.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>

#include "tapsinfo.h"

const char *np_xdp_mode_name(int attached)
{
	switch (attached) {
	case XDP_ATTACHED_NONE:
		return "none";
	case XDP_ATTACHED_DRV:
		return "drv";
	case XDP_ATTACHED_SKB:
		return "generic";
	case XDP_ATTACHED_HW:
		return "hw";
	case XDP_ATTACHED_MULTI:
		return "multi";
	default:
		return "unknown";
	}
}

static uint32_t u32_or0(const struct nlattr *a)
{
	return mnl_attr_validate(a, MNL_TYPE_U32) == 0 ? mnl_attr_get_u32(a) : 0;
}

int np_xdp_parse_link(const struct nlmsghdr *nlh, struct np_xdp_link *out)
{
	const struct ifinfomsg *ifi;
	const struct nlattr *a, *x;

	memset(out, 0, sizeof(*out));
	if (nlh->nlmsg_type != RTM_NEWLINK || nlh->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(*ifi))
		return -EINVAL;
	ifi = mnl_nlmsg_get_payload(nlh);
	out->ifindex = ifi->ifi_index;
	mnl_attr_for_each(a, nlh, sizeof(*ifi))
	{
		switch (mnl_attr_get_type(a)) {
		case IFLA_IFNAME:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
				snprintf(out->name, sizeof(out->name), "%s", mnl_attr_get_str(a));
			break;
		case IFLA_XDP:
			mnl_attr_for_each_nested(x, a)
			{
				switch (mnl_attr_get_type(x)) {
				case IFLA_XDP_ATTACHED:
					if (mnl_attr_validate(x, MNL_TYPE_U8) == 0)
						out->attached = mnl_attr_get_u8(x);
					break;
				case IFLA_XDP_PROG_ID:
					out->prog_id = u32_or0(x);
					break;
				case IFLA_XDP_DRV_PROG_ID:
					out->drv_id = u32_or0(x);
					break;
				case IFLA_XDP_SKB_PROG_ID:
					out->skb_id = u32_or0(x);
					break;
				case IFLA_XDP_HW_PROG_ID:
					out->hw_id = u32_or0(x);
					break;
				}
			}
			break;
		}
	}
	/* With several modes the kernel sends no PROG_ID: show the first. */
	if (!out->prog_id)
		out->prog_id = out->drv_id ? out->drv_id : out->skb_id ? out->skb_id : out->hw_id;
	return out->name[0] ? 0 : -EINVAL;
}

int np_tc_parent_dir(uint32_t parent)
{
	if (parent == TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS) || parent == TC_H_MAKE(TC_H_INGRESS, 0))
		return 1;
	if (parent == TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_EGRESS))
		return 2;
	return 0;
}

static void parse_bpf_opts(const struct nlattr *opts, struct np_tc_filter *f)
{
	const struct nlattr *a;
	mnl_attr_for_each_nested(a, opts)
	{
		switch (mnl_attr_get_type(a)) {
		case TCA_BPF_NAME:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
				snprintf(f->bpf_name, sizeof(f->bpf_name), "%s", mnl_attr_get_str(a));
			break;
		case TCA_BPF_ID:
			f->bpf_id = u32_or0(a);
			break;
		case TCA_BPF_FLAGS:
			f->bpf_da = (u32_or0(a) & TCA_BPF_FLAG_ACT_DIRECT) != 0;
			break;
		}
	}
}

int np_tc_parse_filter(const struct nlmsghdr *nlh, struct np_tc_filter *out)
{
	const struct tcmsg *t;
	const struct nlattr *a, *opts = NULL;

	memset(out, 0, sizeof(*out));
	if (nlh->nlmsg_type != RTM_NEWTFILTER || nlh->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(*t))
		return -EINVAL;
	t = mnl_nlmsg_get_payload(nlh);
	out->ifindex = t->tcm_ifindex;
	out->parent = t->tcm_parent;
	out->handle = t->tcm_handle;
	out->prio = TC_H_MAJ(t->tcm_info) >> 16;
	out->protocol = ntohs((uint16_t)TC_H_MIN(t->tcm_info));
	mnl_attr_for_each(a, nlh, sizeof(*t))
	{
		switch (mnl_attr_get_type(a)) {
		case TCA_KIND:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
				snprintf(out->kind, sizeof(out->kind), "%s", mnl_attr_get_str(a));
			break;
		case TCA_CHAIN:
			out->chain = u32_or0(a);
			break;
		case TCA_OPTIONS:
			opts = a;
			break;
		}
	}
	/* Every (chain, prio, protocol) starts with a record without a
	 * handle or options: the classifier instance, not a filter. */
	out->is_head = out->handle == 0 && !opts;
	if (opts && !strcmp(out->kind, "bpf"))
		parse_bpf_opts(opts, out);
	return 0;
}

int np_packet_parse(const struct nlmsghdr *nlh, struct np_packet_sock *out)
{
	const struct packet_diag_msg *m;
	const struct nlattr *a;

	memset(out, 0, sizeof(*out));
	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(*m))
		return -EINVAL;
	m = mnl_nlmsg_get_payload(nlh);
	if (m->pdiag_family != AF_PACKET)
		return -EINVAL;
	out->inode = m->pdiag_ino;
	out->type = m->pdiag_type;
	out->protocol = m->pdiag_num; /* packet_diag already converts it to host order */
	mnl_attr_for_each(a, nlh, sizeof(*m))
	{
		size_t len = mnl_attr_get_payload_len(a);
		switch (mnl_attr_get_type(a)) {
		case PACKET_DIAG_INFO:
			if (len >= sizeof(struct packet_diag_info)) {
				const struct packet_diag_info *pi = mnl_attr_get_payload(a);
				out->ifindex = (int)pi->pdi_index;
				out->has_info = true;
			}
			break;
		case PACKET_DIAG_UID:
			out->uid = u32_or0(a);
			break;
		case PACKET_DIAG_MEMINFO: {
			/* The SK_MEMINFO array: rmem_alloc, rcvbuf, ... drops at 8. */
			uint32_t mem[9] = {0};
			memcpy(mem, mnl_attr_get_payload(a), len < sizeof(mem) ? len : sizeof(mem));
			out->has_mem = true;
			out->rmem = mem[0];
			out->rcvbuf = mem[1];
			out->drops = len >= sizeof(mem) ? mem[8] : 0;
			break;
		}
		case PACKET_DIAG_FILTER:
			out->filter_insns = (unsigned)(len / 8); /* struct sock_filter is 8 bytes */
			break;
		case PACKET_DIAG_RX_RING:
			out->has_rx_ring = true;
			break;
		}
	}
	return 0;
}

static struct np_tap_stage *stage(struct np_tap_stage *s, const char *dir, const char *name,
				  bool attached, bool seen)
{
	s->dir = dir;
	s->stage = name;
	s->attached = attached;
	s->seen = seen;
	s->note[0] = '\0';
	return s;
}

int np_taps_visibility(const struct np_taps_dev *d, const char *dev, struct np_tap_stage *out)
{
	int n = 0;
	struct np_tap_stage *s;
	bool xdp = d->xdp_attached != XDP_ATTACHED_NONE;

	s = stage(&out[n++], "rx", "link (NIC ring, driver)", false, false);
	snprintf(s->note, sizeof(s->note), "ring overflows and driver drops happen before any tap");
	s = stage(&out[n++], "rx", "xdp", xdp, false);
	if (xdp)
		snprintf(s->note, sizeof(s->note),
			 "XDP program %s (id %u, %s) runs before taps: what it drops, redirects or "
			 "bounces never reaches tcpdump on %s",
			 d->xdp_prog && *d->xdp_prog ? d->xdp_prog : "?", d->xdp_id,
			 np_xdp_mode_name(d->xdp_attached), dev);
	else
		snprintf(s->note, sizeof(s->note), "no XDP program");
	s = stage(&out[n++], "rx", "softirq (backlog, RPS)", false, false);
	snprintf(s->note, sizeof(s->note), "backlog drops (softnet dropped) are before taps");
	s = stage(&out[n++], "rx", "taps", d->packet_sockets > 0, true);
	snprintf(s->note, sizeof(s->note), "%u AF_PACKET socket%s see%s %s", d->packet_sockets,
		 d->packet_sockets == 1 ? "" : "s", d->packet_sockets == 1 ? "s" : "", dev);
	s = stage(&out[n++], "rx", "tc ingress", d->tc_ingress > 0, true);
	if (d->tc_ingress)
		snprintf(s->note, sizeof(s->note),
			 "%u filter%s (%u BPF) run after taps: tcpdump shows packets they drop",
			 d->tc_ingress, d->tc_ingress == 1 ? "" : "s", d->tc_ingress_bpf);
	else
		snprintf(s->note, sizeof(s->note), "no tc ingress filter");
	s = stage(&out[n++], "rx", "netfilter, routing, ip, transport, socket", false, true);
	snprintf(s->note, sizeof(s->note),
		 "after taps: tcpdump shows packets these layers drop (seen but never delivered)");

	s = stage(&out[n++], "tx", "socket, routing, netfilter, neighbor", false, false);
	snprintf(s->note, sizeof(s->note), "dropped before the device: never captured");
	s = stage(&out[n++], "tx", "tc egress", d->tc_egress > 0, false);
	if (d->tc_egress)
		snprintf(s->note, sizeof(s->note),
			 "%u filter%s (%u BPF) run before taps: packets they drop are invisible",
			 d->tc_egress, d->tc_egress == 1 ? "" : "s", d->tc_egress_bpf);
	else
		snprintf(s->note, sizeof(s->note), "no tc egress filter");
	s = stage(&out[n++], "tx", "qdisc", false, false);
	snprintf(s->note, sizeof(s->note), "qdisc drops are invisible: only packets that left "
					   "the qdisc are captured");
	s = stage(&out[n++], "tx", "taps, then driver ring", d->packet_sockets > 0, true);
	snprintf(s->note, sizeof(s->note),
		 "a captured TX packet reached the driver; only ring/NIC/wire loss remains");
	return n;
}
