// SPDX-License-Identifier: GPL-2.0-only
/* The fixed layer vocabulary of DESIGN.md, used by text and JSON alike. */
#include <string.h>

#include "np.h"

static const char *const layer_names[NP_L__COUNT] = {
    [NP_L_NETWORK] = "network",
    [NP_L_LINK] = "link",
    [NP_L_XDP] = "xdp",
    [NP_L_TC] = "tc",
    [NP_L_SOFTIRQ] = "softirq",
    [NP_L_BRIDGE] = "bridge",
    [NP_L_NETFILTER] = "netfilter",
    [NP_L_CONNTRACK] = "conntrack",
    [NP_L_ROUTING] = "routing",
    [NP_L_NEIGHBOR] = "neighbor",
    [NP_L_IP] = "ip",
    [NP_L_QDISC] = "qdisc",
    [NP_L_TRANSPORT] = "transport",
    [NP_L_SOCKET] = "socket",
    [NP_L_NONE] = "none",
};

/* Position of each layer on the send path: the kernel's order from the
 * socket down (OUTPUT runs after the route lookup, fragmentation after
 * POSTROUTING, neighbour resolution before tc egress and the qdisc), the
 * wire, then the layers only the replies cross (XDP and the backlog are
 * receive-side).  The receive path is the enum's own order. */
static const int tx_order[NP_L__COUNT] = {
    [NP_L_SOCKET] = 0,	  [NP_L_TRANSPORT] = 1, [NP_L_ROUTING] = 2,  [NP_L_NETFILTER] = 3,
    [NP_L_CONNTRACK] = 4, [NP_L_IP] = 5,	[NP_L_NEIGHBOR] = 6, [NP_L_TC] = 7,
    [NP_L_QDISC] = 8,	  [NP_L_BRIDGE] = 9,	[NP_L_LINK] = 10,    [NP_L_NETWORK] = 11,
    [NP_L_XDP] = 12,	  [NP_L_SOFTIRQ] = 13,	[NP_L_NONE] = 14,
};

int np_layer_order(enum np_layer l, bool tx)
{
	if ((unsigned)l >= NP_L__COUNT)
		return NP_L__COUNT;
	return tx ? tx_order[l] : (int)l;
}

const char *np_layer_name(enum np_layer l)
{
	if ((unsigned)l >= NP_L__COUNT)
		return "none";
	return layer_names[l];
}

int np_layer_from_name(const char *name)
{
	for (int i = 0; i < NP_L__COUNT; i++)
		if (!strcmp(layer_names[i], name))
			return i;
	return -1;
}

const char *np_health_name(enum np_health h)
{
	switch (h) {
	case NP_OK:
		return "ok";
	case NP_WARN:
		return "warn";
	case NP_CRIT:
		return "crit";
	default:
		return "unknown";
	}
}
