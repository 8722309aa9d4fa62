// SPDX-License-Identifier: GPL-2.0-only
/* Classifying a drop: the table's entry for a name, else an entry derived
 * for a name the table does not know.  Kernels add drop reasons every
 * release, stable updates included (this 6.18.44 build has three more than
 * upstream 6.18.0, one in the middle of the enum); the running kernel's BTF
 * is the list, the table (reasons.c) is the knowledge.  A name the table
 * lacks gets an explanation derived from its prefix and from the function
 * the drop fired in, is counted as loss (only known housekeeping is
 * benign), and says that it was derived. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reasons.h"
#include "xalloc.h"

/* Name prefixes in the kernel's naming habits, most specific first. */
static const struct {
	const char *prefix;
	enum np_layer layer;
} prefixes[] = {
    {"TCP_LISTEN", NP_L_SOCKET}, {"TCP_", NP_L_TRANSPORT},   {"UDP_", NP_L_TRANSPORT},
    {"ICMP", NP_L_IP},		 {"IPV6_NDISC", NP_L_NEIGHBOR}, {"IPV6", NP_L_IP},
    {"IP6_", NP_L_IP},		 {"IP_", NP_L_IP},		 {"FRAG_", NP_L_IP},
    {"PKT_", NP_L_IP},		 {"NEIGH_", NP_L_NEIGHBOR},	 {"ARP_", NP_L_NEIGHBOR},
    {"NDISC", NP_L_NEIGHBOR},	 {"QDISC_", NP_L_QDISC},	 {"TC_", NP_L_TC},
    {"XDP", NP_L_XDP},		 {"NETFILTER", NP_L_NETFILTER}, {"NF_", NP_L_NETFILTER},
    {"CONNTRACK", NP_L_CONNTRACK}, {"SOCKET_", NP_L_SOCKET},	 {"SOCK_", NP_L_SOCKET},
    {"UNIX_", NP_L_SOCKET},	 {"PROTO_MEM", NP_L_SOCKET},	 {"CPU_", NP_L_SOFTIRQ},
    {"BACKLOG", NP_L_SOFTIRQ},	 {"XFRM_", NP_L_ROUTING},	 {"FIB", NP_L_ROUTING},
    {"ROUTE", NP_L_ROUTING},	 {"RT_", NP_L_ROUTING},	 {"DEV_", NP_L_LINK},
    {"SKB_", NP_L_LINK},	 {"NIC_", NP_L_LINK},		 {"FULL_RING", NP_L_LINK},
    {"HDR_", NP_L_LINK},	 {"TAP_", NP_L_LINK},		 {"TUN", NP_L_LINK},
    {"VXLAN", NP_L_LINK},	 {"GRE", NP_L_LINK},		 {"MACSEC", NP_L_LINK},
    {"BRIDGE", NP_L_BRIDGE},	 {"BR_", NP_L_BRIDGE},		 {"OVS", NP_L_LINK},
};

/* What to look at first, per layer, when all netpath knows is the layer. */
static const char *const layer_next[NP_L__COUNT] = {
    [NP_L_LINK] = "ip -s -s link show dev DEV; ethtool -S DEV.",
    [NP_L_XDP] = "ip -d link show dev DEV; bpftool net show.",
    [NP_L_TC] = "tc -s filter show dev DEV ingress|egress; bpftool net show.",
    [NP_L_SOFTIRQ] = "netpath softnet; net.core.netdev_max_backlog.",
    [NP_L_BRIDGE] = "netpath bridge; bridge -d link show; bridge vlan show; bridge fdb show.",
    [NP_L_NETFILTER] = "nft list ruleset (rule counters); iptables -vnxL.",
    [NP_L_CONNTRACK] = "conntrack -S; netpath conntrack.",
    [NP_L_ROUTING] = "ip route get DST from SRC iif DEV; ip rule show.",
    [NP_L_NEIGHBOR] = "ip -s neigh show; is the next hop answering?",
    [NP_L_IP] = "nstat -az 'Ip*' 'Ip6*'.",
    [NP_L_QDISC] = "tc -s qdisc show dev DEV.",
    [NP_L_TRANSPORT] = "nstat -az 'Tcp*' 'Udp*'; ss -tuanm for the flow.",
    [NP_L_SOCKET] = "ss -tuanm for the socket (queues, drops).",
    [NP_L_NONE] = "Find the function in the kernel source (the drop's location names it).",
};

struct derived {
	struct np_reason_info info;
	struct derived *next;
	char name[64];
	char func[64];
	char meaning[512];
};

static struct derived *cache;

enum np_layer np_reason_layer_by_name(const char *name)
{
	if (!name)
		return NP_L_NONE;
	if (!strncasecmp(name, "SKB_DROP_REASON_", 16))
		name += 16;
	for (size_t i = 0; i < NP_ARRAY_SIZE(prefixes); i++)
		if (!strncasecmp(name, prefixes[i].prefix, strlen(prefixes[i].prefix)))
			return prefixes[i].layer;
	return NP_L_NONE;
}

/* "IPV6_TOO_MANY_EXTHDRS" -> "ipv6 too many exthdrs" */
static void words(const char *name, char *buf, size_t len)
{
	size_t o = 0;
	for (; *name && o + 1 < len; name++)
		buf[o++] = *name == '_' ? ' ' : (char)tolower((unsigned char)*name);
	buf[o] = '\0';
}

const struct np_reason_info *np_reason_derive(const char *name, const char *func)
{
	const struct np_reason_info *by_func = np_reason_by_func(func);
	struct derived *d;
	char w[64];

	if (!name || !*name)
		return by_func ? by_func : np_reason_generic();
	if (!strncasecmp(name, "SKB_DROP_REASON_", 16))
		name += 16;
	if (!func)
		func = "";
	for (d = cache; d; d = d->next)
		if (!strcasecmp(d->name, name) && !strcmp(d->func, func))
			return &d->info;
	d = np_xcalloc(1, sizeof(*d));
	snprintf(d->name, sizeof(d->name), "%s", name);
	for (char *p = d->name; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	snprintf(d->func, sizeof(d->func), "%s", func);
	words(d->name, w, sizeof(w));
	d->info.name = d->name;
	d->info.benign = false; /* loss, unless the table knows better */
	if (by_func) {
		d->info.layer = by_func->layer;
		snprintf(d->meaning, sizeof(d->meaning),
			 "Derived, not from netpath's table (it covers Linux up to %s and this "
			 "build's additions): the name reads \"%s\" and the drop fired in %s(): %s "
			 "Counted as loss.",
			 NP_REASONS_TABLE_KERNEL, w, func, by_func->meaning);
		d->info.next = by_func->next;
	} else {
		d->info.layer = np_reason_layer_by_name(d->name);
		if (d->info.layer != NP_L_NONE)
			snprintf(d->meaning, sizeof(d->meaning),
				 "Derived, not from netpath's table (it covers Linux up to %s and "
				 "this build's additions): the name reads \"%s\"; its prefix places "
				 "it in the %s layer%s%s%s. Counted as loss.",
				 NP_REASONS_TABLE_KERNEL, w, np_layer_name(d->info.layer),
				 *func ? " (it fired in " : "", func, *func ? "())" : "");
		else
			snprintf(d->meaning, sizeof(d->meaning),
				 "Derived, not from netpath's table (it covers Linux up to %s and "
				 "this build's additions): the name reads \"%s\" and neither its "
				 "prefix nor %s%s places it in a layer. Counted as loss.",
				 NP_REASONS_TABLE_KERNEL, w, *func ? func : "a kernel function",
				 *func ? "()" : "");
		d->info.next = layer_next[d->info.layer];
	}
	d->info.meaning = d->meaning;
	d->next = cache;
	cache = d;
	return &d->info;
}

bool np_reason_is_derived(const struct np_reason_info *r)
{
	for (const struct derived *d = cache; d; d = d->next)
		if (r == &d->info)
			return true;
	return false;
}

void np_reason_derived_free(void)
{
	while (cache) {
		struct derived *d = cache;
		cache = d->next;
		free(d);
	}
}

/* A source MAC the bridge refuses (zero or multicast): the same reason
 * VXLAN uses, but here the bridge's ingress dropped it. */
static const struct np_reason_info mac_invalid_source_bridge = {
    "MAC_INVALID_SOURCE", NP_L_BRIDGE, false,
    "A frame entered a bridge port with an invalid source MAC (all zeros or multicast): the "
    "bridge drops it before learning or forwarding.",
    "Find the sender on that port: tcpdump -e -i PORT; a misbehaving VM/container or a "
    "broken tunnel."};

/* A reason whose meaning depends on where it happened. */
static const struct np_reason_info queue_purge_neigh = {
    "QUEUE_PURGE", NP_L_NEIGHBOR, false,
    "Packets queued while waiting for ARP/ND were freed when the neighbour entry was destroyed.",
    "ip neigh show: is the next hop answering? Link flaps or neighbour flushes?"};

const struct np_reason_info *np_reason_classify(const char *name, const char *func)
{
	const struct np_reason_info *r = NULL;
	if (name && func && !strcasecmp(name, "QUEUE_PURGE") &&
	    (!strncmp(func, "neigh_", 6) || !strncmp(func, "__neigh_", 8)))
		return &queue_purge_neigh;
	if (name && func && !strcasecmp(name, "MAC_INVALID_SOURCE") && !strncmp(func, "br_", 3))
		return &mac_invalid_source_bridge;
	if (name && strcasecmp(name, "NOT_SPECIFIED"))
		r = np_reason_lookup(name);
	if (r)
		return r;
	if (name && strcasecmp(name, "NOT_SPECIFIED"))
		return np_reason_derive(name, func); /* a reason newer than the table */
	r = np_reason_by_func(func);
	if (!r && name)
		r = np_reason_lookup(name);
	return r ? r : np_reason_generic();
}
