/* SPDX-License-Identifier: GPL-2.0-only */
/* `taps`: who can see or alter packets on an interface.  Parsing of the
 * netlink answers (IFLA_XDP of a link, a tc filter, a packet_diag record)
 * and the statement of what tcpdump can see given what is attached
 * (reference section 4).  Pure functions, testable on synthesized bytes. */
#ifndef NP_TAPSINFO_H
#define NP_TAPSINFO_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

struct nlmsghdr;

/* ---- XDP attachment (RTM_NEWLINK reply) ---- */
struct np_xdp_link {
	int ifindex;
	char name[IF_NAMESIZE];
	int attached;	 /* XDP_ATTACHED_NONE/DRV/SKB/HW/MULTI */
	uint32_t prog_id; /* the single program, or the driver one with MULTI */
	uint32_t drv_id, skb_id, hw_id;
};
/* "none", "drv", "generic", "hw", "multi". */
const char *np_xdp_mode_name(int attached);
int np_xdp_parse_link(const struct nlmsghdr *nlh, struct np_xdp_link *out);

/* ---- tc filters (RTM_NEWTFILTER reply) ---- */
struct np_tc_filter {
	int ifindex;
	uint32_t parent, handle;
	unsigned prio, protocol; /* protocol in host order (ETH_P_*) */
	uint32_t chain;
	char kind[16];		  /* bpf, u32, flower, matchall ... */
	bool is_head;		  /* the per-priority header record, not a filter */
	bool bpf_da;		  /* cls_bpf direct-action */
	uint32_t bpf_id;	  /* cls_bpf program id */
	char bpf_name[64];	  /* TCA_BPF_NAME (object:section as tc loaded it) */
};
int np_tc_parse_filter(const struct nlmsghdr *nlh, struct np_tc_filter *out);
/* Which hook of a clsact/ingress qdisc a filter parent means: 1 ingress,
 * 2 egress, 0 neither. */
int np_tc_parent_dir(uint32_t parent);

/* ---- AF_PACKET sockets (packet_diag reply) ---- */
struct np_packet_sock {
	uint32_t inode;
	int type;	   /* SOCK_RAW / SOCK_DGRAM */
	unsigned protocol; /* host order; ETH_P_ALL = 3 sees everything */
	int ifindex;	   /* 0: bound to every interface */
	bool has_info;
	uint32_t uid;
	bool has_mem;
	uint32_t rmem, rcvbuf, drops;
	unsigned filter_insns; /* classic BPF filter length, 0 = none */
	bool has_rx_ring;
};
int np_packet_parse(const struct nlmsghdr *nlh, struct np_packet_sock *out);

/* ---- what tcpdump can see ---- */
struct np_taps_dev {
	int xdp_attached;
	uint32_t xdp_id;
	const char *xdp_prog; /* name or NULL */
	unsigned tc_ingress, tc_egress; /* filters */
	unsigned tc_ingress_bpf, tc_egress_bpf;
	unsigned packet_sockets;
};

struct np_tap_stage {
	const char *dir;   /* "rx" / "tx" */
	const char *stage; /* layer words */
	bool attached;	   /* something on this device acts here */
	bool seen;	   /* would tcpdump on the device see packets dropped here? */
	char note[200];
};

#define NP_TAP_STAGES 10
/* Fills up to NP_TAP_STAGES stages in path order; returns the count. */
int np_taps_visibility(const struct np_taps_dev *d, const char *dev, struct np_tap_stage *out);

#endif
