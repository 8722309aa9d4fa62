/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel side of the probe filter: read what the filter needs from an
 * skb (CO-RE, IPv4 and IPv6) and compare.  Included by X.bpf.c after
 * vmlinux.h; the probe defines `const volatile struct np_filter np_filt`. */
#ifndef NP_FILTER_BPF_H
#define NP_FILTER_BPF_H

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#include "filter_types.h"

#define NP_ETH_P_IP   0x0800
#define NP_ETH_P_IPV6 0x86DD
#define NP_IPPROTO_ICMPV6 58

/* What one packet looks like to a filter (and to the aggregation keys). */
struct np_pkt {
	__u32 netns;
	__u32 ifindex;
	__u16 l3; /* ethertype, host order */
	__u8 l4;
	__u8 family; /* 4, 6 or 0 */
	__u16 sport, dport; /* host order */
	__u8 saddr[16], daddr[16];
};

static __always_inline __u32 np_dev_netns(const struct net_device *dev)
{
	return BPF_CORE_READ(dev, nd_net.net, ns.inum);
}

static __always_inline __u32 np_sk_netns(const struct sock *sk)
{
	return BPF_CORE_READ(sk, __sk_common.skc_net.net, ns.inum);
}

/* Namespace and device: from skb->dev, else the owning socket. */
static __always_inline void np_pkt_where(struct sk_buff *skb, struct np_pkt *p)
{
	struct net_device *dev = BPF_CORE_READ(skb, dev);
	if (dev) {
		p->netns = np_dev_netns(dev);
		p->ifindex = BPF_CORE_READ(dev, ifindex);
	} else {
		struct sock *sk = BPF_CORE_READ(skb, sk);
		if (sk)
			p->netns = np_sk_netns(sk);
		p->ifindex = BPF_CORE_READ(skb, skb_iif);
	}
	p->l3 = bpf_ntohs(BPF_CORE_READ(skb, protocol));
}

/* L3/L4 headers from skb->head + network_header (no extension-header walk
 * for IPv6: the first next-header is taken as L4). */
static __always_inline void np_pkt_headers(struct sk_buff *skb, struct np_pkt *p)
{
	unsigned char *head = BPF_CORE_READ(skb, head);
	__u16 nh = BPF_CORE_READ(skb, network_header);
	__u32 l4off;

	if (!head || nh == (__u16)~0U)
		return;
	if (p->l3 == NP_ETH_P_IP) {
		struct iphdr ip;
		if (bpf_probe_read_kernel(&ip, sizeof(ip), head + nh))
			return;
		if (ip.version != 4)
			return;
		p->family = 4;
		p->l4 = ip.protocol;
		__builtin_memcpy(p->saddr, &ip.saddr, 4);
		__builtin_memcpy(p->daddr, &ip.daddr, 4);
		/* Later fragments carry no L4 header. */
		if (ip.frag_off & bpf_htons(0x1fff))
			return;
		l4off = nh + ip.ihl * 4;
	} else if (p->l3 == NP_ETH_P_IPV6) {
		struct ipv6hdr ip6;
		if (bpf_probe_read_kernel(&ip6, sizeof(ip6), head + nh))
			return;
		p->family = 6;
		p->l4 = ip6.nexthdr;
		bpf_probe_read_kernel(p->saddr, 16, &ip6.saddr);
		bpf_probe_read_kernel(p->daddr, 16, &ip6.daddr);
		l4off = nh + sizeof(ip6);
	} else {
		return;
	}
	if (p->l4 == IPPROTO_TCP || p->l4 == IPPROTO_UDP) {
		__be16 ports[2];
		if (!bpf_probe_read_kernel(ports, sizeof(ports), head + l4off)) {
			p->sport = bpf_ntohs(ports[0]);
			p->dport = bpf_ntohs(ports[1]);
		}
	}
}

/* fa stays volatile: casting it away lets the compiler fold the const
 * global to its all-zero initializer. */
static __always_inline bool np_addr_eq(const volatile struct np_filter_addr *fa, const struct np_pkt *p,
				       const __u8 *a)
{
	int n = fa->family == 4 ? 4 : 16;
	if (fa->family != p->family)
		return false;
	for (int i = 0; i < 16; i++) {
		if (i >= n)
			break;
		if (fa->a[i] != a[i])
			return false;
	}
	return true;
}

/* Everything except netns/dev (checked first, they are cheap). */
static __always_inline bool np_match_hdr(const volatile struct np_filter *f, const struct np_pkt *p)
{
	__u32 fl = f->flags;
	if (fl & NP_F_PROTO) {
		if (f->l4 == IPPROTO_ICMP) {
			if (p->l4 != IPPROTO_ICMP && p->l4 != NP_IPPROTO_ICMPV6)
				return false;
		} else if (p->l4 != f->l4) {
			return false;
		}
	}
	if ((fl & NP_F_SRC) && !np_addr_eq(&f->src, p, p->saddr))
		return false;
	if ((fl & NP_F_DST) && !np_addr_eq(&f->dst, p, p->daddr))
		return false;
	if ((fl & NP_F_HOST) &&
	    !np_addr_eq(&f->host, p, p->saddr) &&
	    !np_addr_eq(&f->host, p, p->daddr))
		return false;
	if ((fl & (NP_F_PORT | NP_F_SPORT | NP_F_DPORT)) && p->l4 != IPPROTO_TCP &&
	    p->l4 != IPPROTO_UDP)
		return false;
	if ((fl & NP_F_SPORT) && p->sport != f->sport)
		return false;
	if ((fl & NP_F_DPORT) && p->dport != f->dport)
		return false;
	if ((fl & NP_F_PORT) && p->sport != f->port && p->dport != f->port)
		return false;
	return true;
}

/* Fill p and decide.  Headers are read only when kept packets need them
 * or the filter asks (want_hdr: the caller aggregates by L4). */
static __always_inline bool np_filter_skb(const volatile struct np_filter *f, struct sk_buff *skb,
					  struct np_pkt *p, bool want_hdr)
{
	np_pkt_where(skb, p);
	if ((f->flags & NP_F_NETNS) && p->netns != f->netns)
		return false;
	if ((f->flags & NP_F_DEV) && p->ifindex != f->ifindex)
		return false;
	if (want_hdr || (f->flags & NP_F_NEEDS_HDR))
		np_pkt_headers(skb, p);
	return np_match_hdr(f, p);
}

#endif
