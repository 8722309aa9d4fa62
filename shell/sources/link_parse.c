// SPDX-License-Identifier: GPL-2.0-only
/* RTM_NEWLINK parsing, stats64 field table, cpumasks and rates. */
#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>

#include "link_parse.h"
#include "np.h"

#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000 /* linux/if.h; clashes with net/if.h */
#endif

#define STAT(f, label, loss) {#f, label, offsetof(struct rtnl_link_stats64, f), loss}

/* Kernel order of struct rtnl_link_stats64 (include/uapi/linux/if_link.h). */
const struct np_link_stat np_link_stats[] = {
	STAT(rx_packets, "packets", false),
	STAT(tx_packets, "packets", false),
	STAT(rx_bytes, "bytes", false),
	STAT(tx_bytes, "bytes", false),
	STAT(rx_errors, "errors", true),
	STAT(tx_errors, "errors", true),
	STAT(rx_dropped, "dropped", true),
	STAT(tx_dropped, "dropped", true),
	STAT(multicast, "mcast", false),
	STAT(collisions, "collisions", true),
	STAT(rx_length_errors, "length", true),
	STAT(rx_over_errors, "over", true),
	STAT(rx_crc_errors, "crc", true),
	STAT(rx_frame_errors, "frame", true),
	STAT(rx_fifo_errors, "fifo", true),
	STAT(rx_missed_errors, "missed", true),
	STAT(tx_aborted_errors, "aborted", true),
	STAT(tx_carrier_errors, "carrier", true),
	STAT(tx_fifo_errors, "fifo", true),
	STAT(tx_heartbeat_errors, "heartbeat", true),
	STAT(tx_window_errors, "window", true),
	STAT(rx_compressed, "compressed", false),
	STAT(tx_compressed, "compressed", false),
	STAT(rx_nohandler, "nohandler", true),
	STAT(rx_otherhost_dropped, "otherhost", true),
};
const size_t np_link_nstats = NP_ARRAY_SIZE(np_link_stats);

const char *const np_link_fields[] = {
	"operstate", "admin_up",  "carrier",   "mtu",	     "ifindex", "kind", "master",
	"xdp",	     "xdp_prog_id", "rx_queues", "tx_queues", "rps_queues",
	"peer_ifindex", "peer_netnsid", "peer", "peer_netns", NULL,
};

uint64_t np_link_stat_value(const struct rtnl_link_stats64 *st, size_t i)
{
	uint64_t v;
	memcpy(&v, (const char *)st + np_link_stats[i].off, sizeof(v));
	return v;
}

int np_link_stat_index(const char *name)
{
	for (size_t i = 0; i < np_link_nstats; i++)
		if (!strcmp(np_link_stats[i].name, name))
			return (int)i;
	return -1;
}

bool np_link_field_known(const char *field)
{
	for (int i = 0; np_link_fields[i]; i++)
		if (!strcmp(np_link_fields[i], field))
			return true;
	return np_link_stat_index(field) >= 0;
}

const char *np_link_operstate_name(int s)
{
	/* RFC 2863 states as the kernel reports them (IF_OPER_*). */
	static const char *const names[] = {"unknown",	      "notpresent", "down",
					    "lowerlayerdown", "testing",    "dormant",
					    "up"};
	if (s < 0 || (size_t)s >= NP_ARRAY_SIZE(names))
		return "unknown";
	return names[s];
}

const char *np_link_xdp_name(int mode)
{
	static const char *const names[] = {"none", "drv", "generic", "hw", "multi"};
	if (mode < 0 || (size_t)mode >= NP_ARRAY_SIZE(names))
		return "unknown";
	return names[mode];
}

static int parse_linkinfo(const struct nlattr *nest, struct np_link_info *li)
{
	const struct nlattr *a;
	mnl_attr_for_each_nested(a, nest)
	{
		if (mnl_attr_get_type(a) == IFLA_INFO_KIND &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
			snprintf(li->kind, sizeof(li->kind), "%s", mnl_attr_get_str(a));
	}
	return 0;
}

/* IFLA_XDP: the attach mode, and the program id (the single-mode id, or the
 * driver/generic/offload one when several are attached). */
static void parse_xdp(const struct nlattr *nest, struct np_link_info *li)
{
	const struct nlattr *a;
	unsigned drv = 0, skb = 0, hw = 0;
	mnl_attr_for_each_nested(a, nest)
	{
		unsigned type = mnl_attr_get_type(a);
		if (type == IFLA_XDP_ATTACHED && mnl_attr_validate(a, MNL_TYPE_U8) == 0)
			li->xdp_mode = mnl_attr_get_u8(a);
		if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
			continue;
		if (type == IFLA_XDP_PROG_ID)
			li->xdp_prog_id = mnl_attr_get_u32(a);
		else if (type == IFLA_XDP_DRV_PROG_ID)
			drv = mnl_attr_get_u32(a);
		else if (type == IFLA_XDP_SKB_PROG_ID)
			skb = mnl_attr_get_u32(a);
		else if (type == IFLA_XDP_HW_PROG_ID)
			hw = mnl_attr_get_u32(a);
	}
	if (!li->xdp_prog_id)
		li->xdp_prog_id = drv ? drv : skb ? skb : hw;
}

static int parse_attr(const struct nlattr *a, void *data)
{
	struct np_link_info *li = data;
	size_t n;

	switch (mnl_attr_get_type(a)) {
	case IFLA_IFNAME:
		if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
			snprintf(li->name, sizeof(li->name), "%s", mnl_attr_get_str(a));
		break;
	case IFLA_MTU:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			li->mtu = mnl_attr_get_u32(a);
		break;
	case IFLA_OPERSTATE:
		if (mnl_attr_validate(a, MNL_TYPE_U8) == 0)
			li->operstate = mnl_attr_get_u8(a);
		break;
	case IFLA_CARRIER:
		if (mnl_attr_validate(a, MNL_TYPE_U8) == 0)
			li->carrier = mnl_attr_get_u8(a);
		break;
	case IFLA_MASTER:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			li->master = (int)mnl_attr_get_u32(a);
		break;
	case IFLA_LINK:
		/* ifindexes are positive ints; anything else names nothing */
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0 && mnl_attr_get_u32(a) <= INT32_MAX)
			li->link = (int)mnl_attr_get_u32(a);
		break;
	case IFLA_LINK_NETNSID:
		/* nsids are >= 0; the kernel's "not assigned" is -1 */
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0 && mnl_attr_get_u32(a) <= INT32_MAX)
			li->link_netnsid = (int)mnl_attr_get_u32(a);
		break;
	case IFLA_NUM_RX_QUEUES:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			li->rx_queues = mnl_attr_get_u32(a);
		break;
	case IFLA_NUM_TX_QUEUES:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			li->tx_queues = mnl_attr_get_u32(a);
		break;
	case IFLA_LINKINFO:
		if (mnl_attr_validate(a, MNL_TYPE_NESTED) == 0)
			parse_linkinfo(a, li);
		break;
	case IFLA_XDP:
		if (mnl_attr_validate(a, MNL_TYPE_NESTED) == 0)
			parse_xdp(a, li);
		break;
	case IFLA_STATS64:
		/* Older kernels send a shorter struct: copy what is there,
		 * the rest stays zero. */
		n = mnl_attr_get_payload_len(a);
		if (n > sizeof(li->st))
			n = sizeof(li->st);
		memcpy(&li->st, mnl_attr_get_payload(a), n);
		li->has_stats = true;
		break;
	}
	return MNL_CB_OK;
}

int np_link_parse(const struct nlmsghdr *nlh, struct np_link_info *li)
{
	const struct ifinfomsg *ifi;

	memset(li, 0, sizeof(*li));
	li->operstate = -1;
	li->carrier = -1;
	li->link_netnsid = -1;
	if (nlh->nlmsg_type != RTM_NEWLINK || nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return -EINVAL;
	ifi = mnl_nlmsg_get_payload(nlh);
	li->ifindex = ifi->ifi_index;
	li->flags = ifi->ifi_flags;
	if (mnl_attr_parse(nlh, sizeof(*ifi), parse_attr, li) < 0)
		return -EINVAL;
	if (li->carrier < 0)
		li->carrier = (li->flags & IFF_LOWER_UP) ? 1 : 0;
	return li->name[0] ? 0 : -EINVAL;
}

int np_cpumask_weight(const char *mask)
{
	int n = 0, digits = 0;
	for (const char *p = mask; *p && *p != '\n'; p++) {
		int v;
		if (*p == ',')
			continue;
		if (*p >= '0' && *p <= '9')
			v = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			v = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			v = *p - 'A' + 10;
		else
			return -1;
		n += __builtin_popcount((unsigned)v);
		digits++;
	}
	return digits ? n : -1;
}

static uint64_t delta(const struct rtnl_link_stats64 *a, const struct rtnl_link_stats64 *b,
		      const char *name)
{
	int i = np_link_stat_index(name);
	uint64_t x = np_link_stat_value(a, (size_t)i), y = np_link_stat_value(b, (size_t)i);
	return y >= x ? y - x : 0; /* a reset counter (driver reload) is not negative traffic */
}

void np_link_rates(const struct rtnl_link_stats64 *a, const struct rtnl_link_stats64 *b,
		   double dt, struct np_link_rates *r)
{
	if (dt <= 0)
		dt = 1e-9;
	r->rx_pps = (double)delta(a, b, "rx_packets") / dt;
	r->tx_pps = (double)delta(a, b, "tx_packets") / dt;
	r->rx_bytes_ps = (double)delta(a, b, "rx_bytes") / dt;
	r->tx_bytes_ps = (double)delta(a, b, "tx_bytes") / dt;
	/* ip(8) folds rx_missed_errors into "dropped"; so do we: a ring
	 * overflow is a drop to the user. */
	r->rx_drop_ps = (double)(delta(a, b, "rx_dropped") + delta(a, b, "rx_missed_errors")) / dt;
	r->tx_drop_ps = (double)delta(a, b, "tx_dropped") / dt;
	r->rx_err_ps = (double)delta(a, b, "rx_errors") / dt;
	r->tx_err_ps = (double)delta(a, b, "tx_errors") / dt;
}

int np_link_moved(const struct rtnl_link_stats64 *a, const struct rtnl_link_stats64 *b, char *buf,
		  size_t len)
{
	size_t off = 0;
	int n = 0;
	if (len)
		buf[0] = '\0';
	for (size_t i = 0; i < np_link_nstats; i++) {
		uint64_t x = np_link_stat_value(a, i), y = np_link_stat_value(b, i);
		if (!np_link_stats[i].loss || y <= x)
			continue;
		n++;
		if (off < len)
			off += (size_t)snprintf(buf + off, len - off, "%s%s+%llu", off ? " " : "",
						np_link_stats[i].name, (unsigned long long)(y - x));
	}
	return n;
}
