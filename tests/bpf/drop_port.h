/* Shared by the scenario BPF programs: does this packet go to DROP_PORT?
 * Parses Ethernet + IPv4/IPv6 (no extension headers) + UDP/TCP; any other
 * frame passes, so ARP/NDP keep working and only the staged flow dies. */
#ifndef NP_TEST_DROP_PORT_H
#define NP_TEST_DROP_PORT_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* The scenarios send their victim flow to this port (tests/scenarios/lib.sh
 * SC_BPF_PORT); fixed because tc/ip load the object without a loader that
 * could set .rodata. */
#ifndef DROP_PORT
#define DROP_PORT 5001
#endif

#define ETH_P_IP_BE   bpf_htons(0x0800)
#define ETH_P_IPV6_BE bpf_htons(0x86DD)
#define PROTO_TCP     6
#define PROTO_UDP     17

static __always_inline int l4_dport_matches(void *l4, void *end, __u8 proto)
{
	if (proto == PROTO_UDP) {
		struct udphdr *u = l4;
		if ((void *)(u + 1) > end)
			return 0;
		return u->dest == bpf_htons(DROP_PORT);
	}
	if (proto == PROTO_TCP) {
		struct tcphdr *t = l4;
		if ((void *)(t + 1) > end)
			return 0;
		return t->dest == bpf_htons(DROP_PORT);
	}
	return 0;
}

/* data/end delimit a frame that starts with the Ethernet header. */
static __always_inline int frame_to_drop_port(void *data, void *end)
{
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > end)
		return 0;
	if (eth->h_proto == ETH_P_IP_BE) {
		struct iphdr *ip = (void *)(eth + 1);
		if ((void *)(ip + 1) > end || ip->ihl < 5)
			return 0;
		return l4_dport_matches((void *)ip + ip->ihl * 4, end, ip->protocol);
	}
	if (eth->h_proto == ETH_P_IPV6_BE) {
		struct ipv6hdr *ip6 = (void *)(eth + 1);
		if ((void *)(ip6 + 1) > end)
			return 0;
		return l4_dport_matches((void *)(ip6 + 1), end, ip6->nexthdr);
	}
	return 0;
}

#endif
