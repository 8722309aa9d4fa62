// SPDX-License-Identifier: GPL-2.0-only
/* The layer table (doc/DESIGN.md, "Layers and the verdict"): the fixed
 * vocabulary, each layer's place on the receive path (the enum's order)
 * and on the send path, what tcpdump sees of packets lost there in each
 * direction, and the commands an expert runs next.  The verdict, the walk order and the report all
 * read this one table. */
#include <string.h>

#include "layers.h"

#define SEEN_RX                                                                                    \
	"sees these packets: on receive the taps run before tc ingress, netfilter, routing, IP, "  \
	"transport and socket"
#define UNSEEN_TX                                                                                  \
	"does not see these packets: on send the taps run after netfilter, tc egress and the "     \
	"qdisc, and they are dropped before"

static const struct np_layer_info layers[NP_L__COUNT] = {
    [NP_L_NETWORK] = {"network",
		      11,
		      "sees the packets leave (and whatever comes back: RSTs, ICMP errors): the "
		      "loss is beyond this host",
		      "sees the packets leave (and whatever comes back: RSTs, ICMP errors): the "
		      "loss is beyond this host",
		      {"ip route get $dst"}},
    [NP_L_LINK] = {"link",
		   10,
		   "does not see these packets: they are lost in the NIC or driver ring before "
		   "the taps",
		   "sees these packets: the driver or NIC drops them after the tap",
		   {"ip -s -s link show dev $dev", "ethtool -S $dev"}},
    [NP_L_XDP] = {"xdp",
		  12,
		  "does not see these packets: XDP runs before the taps on receive",
		  "does not see these packets: XDP runs before the taps on receive",
		  {"ip -d link show dev $dev", "bpftool net show dev $dev"}},
    [NP_L_TC] = {"tc",
		 7,
		 "sees these packets: on receive the taps run before tc ingress",
		 "does not see these packets: on send tc egress runs before the taps",
		 {"tc -s filter show dev $dev ingress", "tc -s filter show dev $dev egress",
		  "bpftool net show dev $dev"}},
    [NP_L_SOFTIRQ] = {"softirq",
		      13,
		      "does not see these packets: backlog drops (CPU_BACKLOG) happen before the "
		      "taps",
		      "does not see these packets: backlog drops (CPU_BACKLOG) happen before the "
		      "taps",
		      {"netpath softnet",
		       "sysctl net.core.netdev_max_backlog net.core.netdev_budget"}},
    [NP_L_BRIDGE] = {"bridge",
		     9,
		     "sees these packets on the bridge port they arrived on (the taps run before "
		     "the bridge), not on the bridge device",
		     "does not see these packets on the egress port: the bridge dropped them "
		     "before that port's taps",
		     {"bridge -d link show dev $dev", "bridge fdb show dev $dev"}},
    [NP_L_NETFILTER] = {"netfilter", 3, SEEN_RX, UNSEEN_TX, {"nft list ruleset", "iptables -vnxL"}},
    [NP_L_CONNTRACK] = {"conntrack", 4, SEEN_RX, UNSEEN_TX, {"conntrack -S", "netpath conntrack"}},
    [NP_L_ROUTING] = {"routing", 2, SEEN_RX, UNSEEN_TX, {"ip route get $dst", "ip rule show"}},
    [NP_L_NEIGHBOR] = {"neighbor",
		       6,
		       "does not see the lost packets: they wait for neighbour resolution and "
		       "never reach the taps on send",
		       "does not see the lost packets: they wait for neighbour resolution and "
		       "never reach the taps on send",
		       {"ip -s neigh show to $dst"}},
    [NP_L_IP] = {"ip", 5, SEEN_RX, UNSEEN_TX, {"nstat -az 'Ip*' 'Ip6*'"}},
    [NP_L_QDISC] = {"qdisc",
		    8,
		    "does not see these packets: qdisc drops happen before the taps on send",
		    "does not see these packets: qdisc drops happen before the taps on send",
		    {"tc -s qdisc show dev $dev"}},
    [NP_L_TRANSPORT] = {"transport",
			1,
			SEEN_RX,
			UNSEEN_TX,
			{"ss -tuanm 'sport = :$port'", "nstat -az 'Udp*' 'Tcp*'"}},
    [NP_L_SOCKET] = {"socket",
		     0,
		     SEEN_RX,
		     UNSEEN_TX,
		     {"ss -tuanm 'sport = :$port'", "nstat -az 'Udp*' 'Tcp*'"}},
    [NP_L_NONE] = {"none", 14, "", "", {NULL}},
};

const struct np_layer_info *np_layer_info(enum np_layer l)
{
	return &layers[(unsigned)l < NP_L__COUNT ? l : NP_L_NONE];
}

int np_layer_order(enum np_layer l, bool tx)
{
	if ((unsigned)l >= NP_L__COUNT)
		return NP_L__COUNT;
	return tx ? layers[l].tx_order : (int)l;
}

const char *np_layer_name(enum np_layer l)
{
	return np_layer_info(l)->name;
}

int np_layer_from_name(const char *name)
{
	for (int i = 0; i < NP_L__COUNT; i++)
		if (!strcmp(layers[i].name, name))
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
