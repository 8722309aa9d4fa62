/* SPDX-License-Identifier: GPL-2.0-only */
/* Parsing the rtnetlink messages that describe a Linux bridge: the bridge
 * itself (RTM_NEWLINK, IFLA_INFO_DATA), its ports as the AF_BRIDGE link
 * dump reports them (IFLA_PROTINFO: STP state, learning, flooding;
 * IFLA_AF_SPEC: VLAN membership) and its forwarding database
 * (RTM_NEWNEIGH, AF_BRIDGE).  No sockets here: the unit tests and the fuzz
 * target feed recorded messages. */
#ifndef NP_BRIDGE_PARSE_H
#define NP_BRIDGE_PARSE_H

#include <linux/netlink.h>
#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NP_VLAN_N 4096 /* VIDs 1..4094; the bitmaps index by VID */

/* The bridge device: RTM_NEWLINK (AF_UNSPEC) of a link of kind "bridge". */
struct np_br_info {
	char name[IF_NAMESIZE];
	int ifindex;
	char kind[32];	       /* "bridge" for a bridge */
	unsigned flags;	       /* ifi_flags */
	int stp_state;	       /* 0 off, 1 kernel STP, 2 user-space STP */
	int vlan_filtering;    /* 0 also when the kernel cannot filter (attribute absent) */
	unsigned default_pvid; /* 0: absent (no VLAN support) */
	int nf_call_iptables;  /* the bridge's own br_netfilter switches; -1 absent */
	int nf_call_ip6tables;
	int nf_call_arptables;
	unsigned ageing_time; /* centiseconds */
};

/* One port as the AF_BRIDGE link dump reports it. */
struct np_br_port {
	char name[IF_NAMESIZE];
	int ifindex;
	int master;	/* IFLA_MASTER: the bridge's ifindex */
	unsigned flags; /* ifi_flags */
	bool is_port;	/* IFLA_PROTINFO present (the bridge's own entry has none) */
	int state;	/* BR_STATE_*; -1 absent */
	int learning, flood, mcast_flood, bcast_flood; /* 0/1; -1 absent */
	unsigned pvid;				       /* 0: none */
	int nvlans;				       /* member VIDs */
	uint8_t vlan[NP_VLAN_N / 8];
	uint8_t untagged[NP_VLAN_N / 8];
};

/* One forwarding database entry (RTM_NEWNEIGH, AF_BRIDGE). */
struct np_br_fdb {
	uint8_t mac[6];
	int ifindex;	/* the port, or the bridge itself for its own addresses */
	int master;	/* NDA_MASTER; 0 = not a bridge FDB entry (a device's own list) */
	unsigned vlan;	/* NDA_VLAN; 0 none */
	unsigned state; /* NUD_PERMANENT local, NUD_NOARP static, else dynamic */
	unsigned ntf;	/* ndm_flags: NTF_SELF marks a device's own address list */
	long updated_s; /* seconds since last update (NDA_CACHEINFO); -1 unknown */
};

/* 0, or -EINVAL when nlh is not such a message (or lacks its name/MAC). */
int np_br_parse_info(const struct nlmsghdr *nlh, struct np_br_info *bi);
int np_br_parse_port(const struct nlmsghdr *nlh, struct np_br_port *p);
int np_br_parse_fdb(const struct nlmsghdr *nlh, struct np_br_fdb *e);

/* "disabled", "listening", "learning", "forwarding", "blocking"; "unknown". */
const char *np_br_state_name(int state);
/* An entry of the bridge's forwarding database (not a device's own
 * unicast/multicast list that the same dump carries). */
bool np_br_fdb_is_bridge(const struct np_br_fdb *e, int br_ifindex);
/* "local" (the bridge's or a port's own address), "static", "dynamic". */
const char *np_br_fdb_kind(const struct np_br_fdb *e);

/* "aa:bb:cc:dd:ee:ff" (case-insensitive, ':' or '-') -> 0, else -EINVAL. */
int np_mac_parse(const char *s, uint8_t mac[6]);
/* Lower-case colon form into buf (18 bytes). */
const char *np_mac_format(const uint8_t mac[6], char *buf, size_t len);

#endif
