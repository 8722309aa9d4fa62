/* SPDX-License-Identifier: GPL-2.0-only */
/* RTM_NEWLINK parsing for `link` and the link[DEV].* facts.
 *
 * netpath reads links from the raw rtnetlink message rather than libnl's
 * rtnl_link object: libnl 3.7 parses neither IFLA_XDP nor
 * rx_otherhost_dropped, and one parse of the raw message gives everything
 * from a single RTM_GETLINK.  Kept free of sockets so the unit tests can
 * feed recorded messages. */
#ifndef NP_LINK_PARSE_H
#define NP_LINK_PARSE_H

#include <linux/if_link.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct np_link_info {
	char name[IF_NAMESIZE];
	int ifindex;
	unsigned flags;	   /* ifi_flags: IFF_UP ... */
	int operstate;	   /* IF_OPER_*; -1 if absent */
	int carrier;	   /* IFLA_CARRIER, else IFF_LOWER_UP */
	unsigned mtu;
	char kind[32];	   /* IFLA_INFO_KIND; "" for physical */
	int master;	   /* ifindex, 0 = none */
	/* IFLA_LINK: a veth's peer, or the lower device of a vlan/macvlan/
	 * tunnel (what ip(8) prints after '@'); 0 = none.  An ifindex of the
	 * namespace link_netnsid names, or of this one when that is -1. */
	int link;
	int link_netnsid; /* IFLA_LINK_NETNSID; -1 = same namespace */
	unsigned rx_queues, tx_queues;
	int xdp_mode;	   /* XDP_ATTACHED_*; 0 = none */
	unsigned xdp_prog_id;
	bool has_stats;
	struct rtnl_link_stats64 st;
};

/* Parse one RTM_NEWLINK message.  0, or -EINVAL if it is not one. */
int np_link_parse(const struct nlmsghdr *nlh, struct np_link_info *li);

/* "up", "down", "lowerlayerdown", "dormant", "unknown", "notpresent", "testing" */
const char *np_link_operstate_name(int operstate);
/* "none", "drv", "generic", "hw", "multi" */
const char *np_link_xdp_name(int mode);

/* Every rtnl_link_stats64 field by its kernel name. */
struct np_link_stat {
	const char *name;  /* kernel name: rx_missed_errors */
	const char *label; /* short ip(8)-style label: missed */
	size_t off;
	bool loss;	   /* an error or drop counter (rates/moved report) */
};
extern const struct np_link_stat np_link_stats[];
extern const size_t np_link_nstats;
uint64_t np_link_stat_value(const struct rtnl_link_stats64 *st, size_t i);
/* Index of a stats field by name or -1. */
int np_link_stat_index(const char *name);

/* Every link[DEV].FIELD name the provider knows (NULL-terminated). */
extern const char *const np_link_fields[];
bool np_link_field_known(const char *field);

/* Number of CPUs set in a sysfs cpumask ("00000000,0000000f" -> 4); -1 if malformed. */
int np_cpumask_weight(const char *mask);

/* Rates between two snapshots taken dt seconds apart. */
struct np_link_rates {
	double rx_pps, tx_pps, rx_bytes_ps, tx_bytes_ps;
	double rx_drop_ps, tx_drop_ps, rx_err_ps, tx_err_ps;
};
void np_link_rates(const struct rtnl_link_stats64 *a, const struct rtnl_link_stats64 *b,
		   double dt, struct np_link_rates *r);
/* "rx_missed_errors+12 tx_dropped+3": the loss counters that moved
 * ("" when none).  Returns how many moved. */
int np_link_moved(const struct rtnl_link_stats64 *a, const struct rtnl_link_stats64 *b, char *buf,
		  size_t len);

#endif
