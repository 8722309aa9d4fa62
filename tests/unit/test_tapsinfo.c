// SPDX-License-Identifier: GPL-2.0-only
/* taps: parsing of synthesized RTM_NEWLINK (IFLA_XDP), RTM_NEWTFILTER
 * (cls_bpf) and packet_diag replies, and the tcpdump visibility
 * statement for the combinations that matter. */
#include <arpa/inet.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/packet_diag.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <string.h>
#include <sys/socket.h>

#include "check.h"
#include "tapsinfo.h"

static char buf[4096];

static struct nlmsghdr *link_msg(int ifindex, const char *name, int attached, uint32_t id,
				 int multi)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;
	struct nlattr *x;
	nlh->nlmsg_type = RTM_NEWLINK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_index = ifindex;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	mnl_attr_put_u32(nlh, IFLA_MTU, 1500);
	x = mnl_attr_nest_start(nlh, IFLA_XDP);
	mnl_attr_put_u8(nlh, IFLA_XDP_ATTACHED, (uint8_t)attached);
	if (multi) {
		mnl_attr_put_u32(nlh, IFLA_XDP_SKB_PROG_ID, id + 1);
		mnl_attr_put_u32(nlh, IFLA_XDP_DRV_PROG_ID, id);
	} else if (id) {
		mnl_attr_put_u32(nlh, IFLA_XDP_PROG_ID, id);
	}
	mnl_attr_nest_end(nlh, x);
	return nlh;
}

static void test_link(void)
{
	struct np_xdp_link l;
	CHECK(np_xdp_parse_link(link_msg(3, "veth0", XDP_ATTACHED_DRV, 42, 0), &l) == 0);
	CHECK_STR(l.name, "veth0");
	CHECK(l.ifindex == 3 && l.attached == XDP_ATTACHED_DRV && l.prog_id == 42);
	CHECK_STR(np_xdp_mode_name(l.attached), "drv");

	CHECK(np_xdp_parse_link(link_msg(4, "eth1", XDP_ATTACHED_MULTI, 7, 1), &l) == 0);
	CHECK_STR(np_xdp_mode_name(l.attached), "multi");
	CHECK(l.drv_id == 7 && l.skb_id == 8 && l.prog_id == 7);

	CHECK(np_xdp_parse_link(link_msg(1, "lo", XDP_ATTACHED_NONE, 0, 0), &l) == 0);
	CHECK_STR(np_xdp_mode_name(l.attached), "none");
	CHECK(l.prog_id == 0);
	CHECK_STR(np_xdp_mode_name(XDP_ATTACHED_SKB), "generic");

	struct nlmsghdr *nlh = link_msg(1, "lo", 0, 0, 0);
	nlh->nlmsg_type = RTM_NEWROUTE;
	CHECK(np_xdp_parse_link(nlh, &l) == -EINVAL);
}

static struct nlmsghdr *filter_msg(uint32_t parent, uint32_t handle, const char *kind, int opts,
				   uint32_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct tcmsg *t;
	nlh->nlmsg_type = RTM_NEWTFILTER;
	t = mnl_nlmsg_put_extra_header(nlh, sizeof(*t));
	t->tcm_ifindex = 5;
	t->tcm_parent = parent;
	t->tcm_handle = handle;
	t->tcm_info = TC_H_MAKE(49152u << 16, htons(ETH_P_ALL));
	mnl_attr_put_strz(nlh, TCA_KIND, kind);
	mnl_attr_put_u32(nlh, TCA_CHAIN, 0);
	if (opts) {
		struct nlattr *o = mnl_attr_nest_start(nlh, TCA_OPTIONS);
		mnl_attr_put_strz(nlh, TCA_BPF_NAME, "tc_drop.o:[classifier]");
		mnl_attr_put_u32(nlh, TCA_BPF_ID, 99);
		mnl_attr_put_u32(nlh, TCA_BPF_FLAGS, flags);
		mnl_attr_nest_end(nlh, o);
	}
	return nlh;
}

static void test_filter(void)
{
	struct np_tc_filter f;
	uint32_t ing = TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS);
	uint32_t eg = TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_EGRESS);

	CHECK(np_tc_parse_filter(filter_msg(ing, 1, "bpf", 1, TCA_BPF_FLAG_ACT_DIRECT), &f) == 0);
	CHECK(!f.is_head);
	CHECK_STR(f.kind, "bpf");
	CHECK(f.bpf_da && f.bpf_id == 99);
	CHECK_STR(f.bpf_name, "tc_drop.o:[classifier]");
	CHECK(f.prio == 49152 && f.protocol == ETH_P_ALL && f.ifindex == 5);
	CHECK(np_tc_parent_dir(f.parent) == 1);

	CHECK(np_tc_parse_filter(filter_msg(eg, 1, "bpf", 1, 0), &f) == 0);
	CHECK(!f.bpf_da);
	CHECK(np_tc_parent_dir(f.parent) == 2);

	/* The per-priority header record is not a filter. */
	CHECK(np_tc_parse_filter(filter_msg(ing, 0, "bpf", 0, 0), &f) == 0);
	CHECK(f.is_head);

	CHECK(np_tc_parse_filter(filter_msg(ing, 0x800, "u32", 0, 0), &f) == 0);
	CHECK(!f.is_head && f.bpf_id == 0);
	CHECK(np_tc_parent_dir(TC_H_MAKE(TC_H_INGRESS, 0)) == 1);
	CHECK(np_tc_parent_dir(TC_H_ROOT) == 0);
}

static struct nlmsghdr *packet_msg(unsigned proto, uint32_t ifindex, uint32_t drops, int filter)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct packet_diag_msg *m;
	struct packet_diag_info pi = {.pdi_index = ifindex, .pdi_version = 2};
	uint32_t mem[SK_MEMINFO_VARS] = {0};
	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	m = mnl_nlmsg_put_extra_header(nlh, sizeof(*m));
	m->pdiag_family = AF_PACKET;
	m->pdiag_type = SOCK_RAW;
	m->pdiag_num = (uint16_t)proto; /* host order, as packet_diag fills it */
	m->pdiag_ino = 777;
	mnl_attr_put(nlh, PACKET_DIAG_INFO, sizeof(pi), &pi);
	mem[SK_MEMINFO_RCVBUF] = 2097152;
	mem[SK_MEMINFO_DROPS] = drops;
	mnl_attr_put(nlh, PACKET_DIAG_MEMINFO, sizeof(mem), mem);
	mnl_attr_put_u32(nlh, PACKET_DIAG_UID, 0);
	if (filter) {
		unsigned char insns[4 * 8] = {0}; /* tcpdump 'udp' compiles to a few insns */
		mnl_attr_put(nlh, PACKET_DIAG_FILTER, sizeof(insns), insns);
	}
	return nlh;
}

static void test_packet(void)
{
	struct np_packet_sock p;
	CHECK(np_packet_parse(packet_msg(ETH_P_ALL, 5, 12, 1), &p) == 0);
	CHECK(p.inode == 777 && p.type == SOCK_RAW && p.protocol == ETH_P_ALL);
	CHECK(p.has_info && p.ifindex == 5);
	CHECK(p.has_mem && p.drops == 12 && p.rcvbuf == 2097152);
	CHECK(p.filter_insns == 4);

	CHECK(np_packet_parse(packet_msg(ETH_P_IP, 0, 0, 0), &p) == 0);
	CHECK(p.ifindex == 0 && p.filter_insns == 0 && p.protocol == ETH_P_IP);

	struct nlmsghdr *nlh = packet_msg(ETH_P_ALL, 1, 0, 0);
	((struct packet_diag_msg *)mnl_nlmsg_get_payload(nlh))->pdiag_family = AF_INET;
	CHECK(np_packet_parse(nlh, &p) == -EINVAL);
}

static const struct np_tap_stage *find(const struct np_tap_stage *st, int n, const char *dir,
				       const char *stage)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(st[i].dir, dir) && !strcmp(st[i].stage, stage))
			return &st[i];
	return NULL;
}

static void test_visibility(void)
{
	struct np_tap_stage st[NP_TAP_STAGES];
	const struct np_tap_stage *s;
	struct np_taps_dev d = {.xdp_attached = XDP_ATTACHED_DRV, .xdp_id = 42,
				.xdp_prog = "xdp_drop", .tc_ingress = 1, .tc_ingress_bpf = 1,
				.tc_egress = 2, .packet_sockets = 1};
	int n = np_taps_visibility(&d, "veth0", st);

	CHECK(n == 10);
	s = find(st, n, "rx", "xdp");
	CHECK(s && s->attached && !s->seen);
	CHECK(s && strstr(s->note, "xdp_drop") && strstr(s->note, "before taps"));
	s = find(st, n, "rx", "tc ingress");
	CHECK(s && s->attached && s->seen);
	s = find(st, n, "tx", "tc egress");
	CHECK(s && s->attached && !s->seen);
	CHECK(s && strstr(s->note, "2 filters"));
	s = find(st, n, "tx", "qdisc");
	CHECK(s && !s->seen);
	s = find(st, n, "rx", "netfilter, routing, ip, transport, socket");
	CHECK(s && s->seen);
	/* Path order: XDP before taps before tc ingress. */
	CHECK(find(st, n, "rx", "xdp") < find(st, n, "rx", "taps"));
	CHECK(find(st, n, "rx", "taps") < find(st, n, "rx", "tc ingress"));
	CHECK(find(st, n, "tx", "tc egress") < find(st, n, "tx", "taps, then driver ring"));

	struct np_taps_dev none = {0};
	n = np_taps_visibility(&none, "eth0", st);
	s = find(st, n, "rx", "xdp");
	CHECK(s && !s->attached && strstr(s->note, "no XDP"));
	s = find(st, n, "rx", "taps");
	CHECK(s && !s->attached);
}

int main(void)
{
	test_link();
	test_filter();
	test_packet();
	test_visibility();
	return check_done();
}
