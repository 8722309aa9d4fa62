/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel side of the probe filter: read what the filter needs from an
 * skb (CO-RE, IPv4 and IPv6) and compare.  Included by X.bpf.c after
 * vmlinux.h; it defines the probe's filter, np_filt (set before load). */
#ifndef NP_FILTER_BPF_H
#define NP_FILTER_BPF_H

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#include "filter_types.h"

#define NP_ETH_P_IP	  0x0800
#define NP_ETH_P_IPV6	  0x86DD
#define NP_IPPROTO_ICMPV6 58

/* What one packet looks like to a filter (and to the aggregation keys). */
struct np_pkt {
	__u32 netns;
	__u32 ifindex;
	__u16 l3; /* ethertype, host order */
	__u8 l4;
	__u8 family;	    /* 4, 6 or 0 */
	__u16 sport, dport; /* host order */
	__u8 saddr[16], daddr[16];
};

/* The probe's filter: a read-only global user space sets before load. */
const volatile struct np_filter np_filt = {};

/* Globals the programs read for every packet and user space never reads
 * once the probe is loaded go to this section; np_probe_kernel_data()
 * (probe_load.h) has the kernel keep it, and .rodata, in the direct map. */
#define NP_PKT_DATA SEC(".data.pkt")

/* Typed, fault-tolerant view of kernel memory (kernel 6.2+; the verifier
 * turns the call into a register move).  tp_btf programs read headers with
 * it as plain loads: 10-18 ns less per parsed packet than one
 * bpf_probe_read_kernel call (BPF run-time stats under the probe bench).
 * Weak: on an older kernel libbpf leaves the call unresolved, the kernel
 * refuses only the tp_btf programs (the only ones that call it) and the
 * raw_tp fallback, which reads with bpf_probe_read_kernel, loads. */
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym __weak;
/* The kernel's ids of the types cast to (see filter_types.h). */
const volatile struct np_kernel_ids np_kid = {};

/* skb->dev and skb->sk for tp_btf programs, loaded through an untrusted
 * view of the skb.  A load of a struct pointer through a trusted pointer
 * (a tp_btf argument) makes the verifier look for allow-list types by
 * name ("sk_buff__safe_trusted", "..._or_null", "...__safe_rcu", ...):
 * four linear searches of the kernel's 125k BTF types per such load and
 * per path verified, about 9 ms of the drop probe's load on the bench VM.
 * Through the view it searches nothing.  Only these two pointer loads go
 * through it: a load through an untrusted pointer is a fault-tolerant one
 * (an address check more), so the skb's scalar fields are still loaded
 * from the argument itself (a plain load: 4 ns per packet less, measured,
 * than the whole skb through the view). */
static __always_inline struct sk_buff *np_skb_view(struct sk_buff *skb)
{
	return bpf_rdonly_cast(skb, np_kid.sk_buff);
}

static __always_inline struct net_device *np_skb_dev(struct sk_buff *skb, bool btf)
{
	return btf ? np_skb_view(skb)->dev : BPF_CORE_READ(skb, dev);
}

static __always_inline struct sock *np_skb_sk(struct sk_buff *skb, bool btf)
{
	return btf ? np_skb_view(skb)->sk : BPF_CORE_READ(skb, sk);
}

static __always_inline __u32 np_dev_netns(const struct net_device *dev)
{
	return BPF_CORE_READ(dev, nd_net.net, ns.inum);
}

static __always_inline __u32 np_sk_netns(const struct sock *sk)
{
	return BPF_CORE_READ(sk, __sk_common.skc_net.net, ns.inum);
}

/* The namespace an skb belongs to: its device's, else its owning
 * socket's (NULL when it has neither).  Two flavours: btf (tp_btf
 * programs: typed arguments, plain loads that the verifier makes
 * fault-tolerant, no helper call) and CO-RE probe reads (raw_tp / classic
 * tracepoints).  Callers pass a constant; the unused branch is compiled
 * out, so raw_tp programs never contain direct loads. */
static __always_inline struct net *np_skb_net(struct sk_buff *skb, bool btf)
{
	struct net_device *dev;
	struct sock *sk;
	if (btf) {
		dev = np_skb_dev(skb, btf);
		if (dev)
			return dev->nd_net.net;
		sk = np_skb_sk(skb, btf);
		return sk ? sk->__sk_common.skc_net.net : NULL;
	}
	dev = BPF_CORE_READ(skb, dev);
	if (dev)
		return BPF_CORE_READ(dev, nd_net.net);
	sk = BPF_CORE_READ(skb, sk);
	return sk ? BPF_CORE_READ(sk, __sk_common.skc_net.net) : NULL;
}

/* A namespace's inode number, the id user space knows it by (0: none). */
static __always_inline __u32 np_net_inum(struct net *net, bool btf)
{
	if (!net)
		return 0;
	return btf ? net->ns.inum : BPF_CORE_READ(net, ns.inum);
}

static __always_inline __u32 np_skb_netns(struct sk_buff *skb, bool btf)
{
	return np_net_inum(np_skb_net(skb, btf), btf);
}

/* The filter's namespace by address, learned from the first skb whose
 * namespace has the filter's inode.  Reading the inode is a load from a
 * cache line of struct net that the stack itself does not keep warm (the
 * most sampled load of the trace programs under the probe bench's flood);
 * comparing the address, which the program has already loaded to reach
 * the inode, costs nothing.  Measured side by side: 12 ns less per packet
 * for the trace probe (7 programs), 2.6 ns for the drop probe.
 * Sound because user space keeps the namespace open while the probe runs
 * (np_filter_pin): its struct net cannot be freed and its address taken
 * by another namespace. */
__u64 np_filt_net NP_PKT_DATA = 0;

/* Is net the filter's namespace?  Only for a filter with NP_F_NETNS. */
static __always_inline bool np_net_is_filt(struct net *net, bool btf)
{
	__u64 known = np_filt_net;
	if (known)
		return (__u64)net == known;
	if (!net || np_net_inum(net, btf) != np_filt.netns)
		return false;
	np_filt_net = (__u64)net;
	return true;
}

/* Device and ethertype (the namespace is np_skb_netns'): the device's
 * index, else the input interface. */
static __always_inline void np_pkt_dev(struct sk_buff *skb, struct np_pkt *p, bool btf)
{
	struct net_device *dev;
	if (btf) {
		dev = np_skb_dev(skb, btf);
		p->ifindex = dev ? dev->ifindex : skb->skb_iif;
		p->l3 = bpf_ntohs(skb->protocol);
		return;
	}
	dev = BPF_CORE_READ(skb, dev);
	p->ifindex = dev ? BPF_CORE_READ(dev, ifindex) : BPF_CORE_READ(skb, skb_iif);
	p->l3 = bpf_ntohs(BPF_CORE_READ(skb, protocol));
}

/* Namespace, device and ethertype. */
static __always_inline void np_pkt_where(struct sk_buff *skb, struct np_pkt *p, bool btf)
{
	p->netns = np_skb_netns(skb, btf);
	np_pkt_dev(skb, p, btf);
}

/* np_pkt_headers for tp_btf programs: same fields, plain loads (the
 * addresses only when addrs: a filter without address conditions decides
 * on the protocol and ports alone). */
static __always_inline void np_pkt_headers_direct(struct sk_buff *skb, struct np_pkt *p, bool addrs)
{
	unsigned long nhp;
	unsigned char *head = skb->head;
	__u16 nh = skb->network_header;
	__u32 l4off;

	if (!head || nh == (__u16)~0U)
		return;
	nhp = (unsigned long)head + nh;
	if (p->l3 == NP_ETH_P_IP) {
		struct iphdr *ip = bpf_rdonly_cast((void *)nhp, np_kid.iphdr);
		__u8 vihl = *(__u8 *)ip;
		__u32 a;
		if (vihl >> 4 != 4)
			return;
		p->family = 4;
		p->l4 = ip->protocol;
		if (addrs) {
			a = ip->saddr;
			__builtin_memcpy(p->saddr, &a, 4);
			a = ip->daddr;
			__builtin_memcpy(p->daddr, &a, 4);
		}
		if (ip->frag_off & bpf_htons(0x1fff))
			return;
		l4off = (vihl & 0xf) * 4;
	} else if (p->l3 == NP_ETH_P_IPV6) {
		struct ipv6hdr *ip6 = bpf_rdonly_cast((void *)nhp, np_kid.ipv6hdr);
		__u32 w[4];
		p->family = 6;
		p->l4 = ip6->nexthdr;
		if (addrs) {
			for (int i = 0; i < 4; i++)
				w[i] = ip6->saddr.in6_u.u6_addr32[i];
			__builtin_memcpy(p->saddr, w, 16);
			for (int i = 0; i < 4; i++)
				w[i] = ip6->daddr.in6_u.u6_addr32[i];
			__builtin_memcpy(p->daddr, w, 16);
		}
		l4off = 40;
	} else {
		return;
	}
	if (p->l4 == IPPROTO_TCP || p->l4 == IPPROTO_UDP) {
		struct udphdr *uh = bpf_rdonly_cast((void *)(nhp + l4off), np_kid.udphdr);
		p->sport = bpf_ntohs(uh->source);
		p->dport = bpf_ntohs(uh->dest);
	}
}

/* Only the L4 protocol, what an aggregation key needs (np_pkt_headers'
 * checks, none of its address or port reads): tp_btf with two plain
 * loads, the others with one 10-byte read.  Sets l4 and family. */
static __always_inline void np_pkt_l4(struct sk_buff *skb, struct np_pkt *p, bool btf)
{
	unsigned char *head;
	unsigned long nhp;
	__u16 nh;

	if (p->l3 != NP_ETH_P_IP && p->l3 != NP_ETH_P_IPV6)
		return;
	head = btf ? skb->head : BPF_CORE_READ(skb, head);
	nh = btf ? skb->network_header : BPF_CORE_READ(skb, network_header);
	if (!head || nh == (__u16)~0U)
		return;
	nhp = (unsigned long)head + nh;
	if (btf && p->l3 == NP_ETH_P_IP) {
		struct iphdr *ip = bpf_rdonly_cast((void *)nhp, np_kid.iphdr);
		if (*(__u8 *)ip >> 4 != 4)
			return;
		p->family = 4;
		p->l4 = ip->protocol;
	} else if (btf) {
		struct ipv6hdr *ip6 = bpf_rdonly_cast((void *)nhp, np_kid.ipv6hdr);
		p->family = 6;
		p->l4 = ip6->nexthdr;
	} else {
		__u8 b[10];
		if (bpf_probe_read_kernel(b, sizeof(b), (void *)nhp))
			return;
		if (p->l3 == NP_ETH_P_IP && b[0] >> 4 != 4)
			return;
		p->family = p->l3 == NP_ETH_P_IP ? 4 : 6;
		p->l4 = p->l3 == NP_ETH_P_IP ? b[9] : b[6];
	}
}

/* L3/L4 headers from skb->head + network_header: tp_btf programs with
 * plain loads (above), the others with one read of the first 48 bytes
 * (IPv4 header without options or IPv6 header, plus the ports); no
 * extension-header walk for IPv6. */
static __always_inline void np_pkt_headers(struct sk_buff *skb, struct np_pkt *p, bool btf)
{
	unsigned char *head, *nhp;
	__u8 buf[48] = {};
	__u16 nh;
	__u32 l4off;

	if (btf) {
		np_pkt_headers_direct(skb, p, true);
		return;
	}
	if (p->l3 != NP_ETH_P_IP && p->l3 != NP_ETH_P_IPV6)
		return;
	head = BPF_CORE_READ(skb, head);
	nh = BPF_CORE_READ(skb, network_header);
	if (!head || nh == (__u16)~0U)
		return;
	nhp = head + nh;
	/* Only what the family needs (the copy's length is much of its cost):
	 * IPv4 header without options + ports, or IPv6 header + ports
	 * (retried without ports: near the end of a page the read can fault). */
	if (p->l3 == NP_ETH_P_IP) {
		if (bpf_probe_read_kernel(buf, 24, nhp))
			return;
	} else if (bpf_probe_read_kernel(buf, 44, nhp) && bpf_probe_read_kernel(buf, 40, nhp)) {
		return;
	}
	if (p->l3 == NP_ETH_P_IP) {
		struct iphdr *ip = (struct iphdr *)buf;
		if (ip->version != 4)
			return;
		p->family = 4;
		p->l4 = ip->protocol;
		__builtin_memcpy(p->saddr, &ip->saddr, 4);
		__builtin_memcpy(p->daddr, &ip->daddr, 4);
		/* Later fragments carry no L4 header. */
		if (ip->frag_off & bpf_htons(0x1fff))
			return;
		l4off = ip->ihl * 4;
	} else {
		struct ipv6hdr *ip6 = (struct ipv6hdr *)buf;
		p->family = 6;
		p->l4 = ip6->nexthdr;
		__builtin_memcpy(p->saddr, &ip6->saddr, 16);
		__builtin_memcpy(p->daddr, &ip6->daddr, 16);
		l4off = 40;
	}
	if (p->l4 != IPPROTO_TCP && p->l4 != IPPROTO_UDP)
		return;
	/* Constant offsets only: a computed pointer into the stack buffer
	 * tempts the compiler into arithmetic the verifier refuses. */
	if (l4off == 20) {
		p->sport = (__u16)(buf[20] << 8 | buf[21]);
		p->dport = (__u16)(buf[22] << 8 | buf[23]);
	} else if (l4off == 40) {
		p->sport = (__u16)(buf[40] << 8 | buf[41]);
		p->dport = (__u16)(buf[42] << 8 | buf[43]);
	} else {
		__be16 ports[2];
		if (!bpf_probe_read_kernel(ports, sizeof(ports), nhp + l4off)) {
			p->sport = bpf_ntohs(ports[0]);
			p->dport = bpf_ntohs(ports[1]);
		}
	}
}

/* A port filter's quick rejection for tp_btf programs: the two 16-bit
 * words where a TCP or UDP header would carry the ports, behind an IPv4
 * header of the length it states or a bare IPv6 header, read without any
 * of np_pkt_headers' checks.  When the filter's port is not where the
 * filter wants it, the packet cannot match: either it has its ports
 * there, or it has none (another protocol, a later fragment, an IPv6
 * extension header), and np_match_hdr rejects a port filter then too.
 * Otherwise (false: may match) the full parse decides.  Two loads from the
 * packet instead of five, and none of p's stores: most packets a probe
 * sees are rejected, at every hook. */
static __always_inline bool np_ports_reject(const volatile struct np_filter *f, struct sk_buff *skb,
					    __u16 l3)
{
	unsigned char *head = skb->head;
	__u16 nh = skb->network_header;
	unsigned long nhp;
	struct udphdr *uh;
	__u32 fl = f->flags;
	__u16 sp, dp;

	if (!head || nh == (__u16)~0U || (l3 != NP_ETH_P_IP && l3 != NP_ETH_P_IPV6))
		return true; /* no L3 header: no ports */
	nhp = (unsigned long)head + nh;
	if (l3 == NP_ETH_P_IP)
		nhp += (*(__u8 *)bpf_rdonly_cast((void *)nhp, np_kid.iphdr) & 0xf) * 4;
	else
		nhp += 40;
	uh = bpf_rdonly_cast((void *)nhp, np_kid.udphdr);
	sp = bpf_ntohs(uh->source);
	dp = bpf_ntohs(uh->dest);
	if ((fl & NP_F_SPORT) && sp != f->sport)
		return true;
	if ((fl & NP_F_DPORT) && dp != f->dport)
		return true;
	return (fl & NP_F_PORT) && sp != f->port && dp != f->port;
}

/* What a filter without address conditions needs: protocol and ports
 * (tp_btf: plain loads, no address read; others: np_pkt_headers). */
static __always_inline void np_pkt_headers_ports(struct sk_buff *skb, struct np_pkt *p, bool btf)
{
	if (btf)
		np_pkt_headers_direct(skb, p, false);
	else
		np_pkt_headers(skb, p, btf);
}

/* fa stays volatile: casting it away lets the compiler fold the const
 * global to its all-zero initializer. */
static __always_inline bool np_addr_eq(const volatile struct np_filter_addr *fa,
				       const struct np_pkt *p, const __u8 *a)
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
	if ((fl & NP_F_HOST) && !np_addr_eq(&f->host, p, p->saddr) &&
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

/* Fill p and decide, cheapest rejection first: the namespace (read alone),
 * then the device, then headers only when the filter or the caller
 * (want_hdr: it aggregates by L4 or shows the packet) needs them.  netns
 * is np_skb_netns(skb) when the caller already read it, else ~0U. */
static __always_inline bool np_filter_skb_ns(const volatile struct np_filter *f,
					     struct sk_buff *skb, __u32 netns, struct np_pkt *p,
					     bool want_hdr, bool btf)
{
	if (netns != ~0U) {
		if ((f->flags & NP_F_NETNS) && netns != f->netns)
			return false;
	} else if (f->flags & NP_F_NETNS) {
		if (!np_net_is_filt(np_skb_net(skb, btf), btf))
			return false;
		netns = f->netns;
	} else {
		netns = np_skb_netns(skb, btf);
	}
	p->netns = netns;
	np_pkt_dev(skb, p, btf);
	if ((f->flags & NP_F_DEV) && p->ifindex != f->ifindex)
		return false;
	if (btf && (f->flags & (NP_F_PORT | NP_F_SPORT | NP_F_DPORT)) &&
	    np_ports_reject(f, skb, p->l3))
		return false;
	if (want_hdr || (f->flags & (NP_F_HOST | NP_F_SRC | NP_F_DST)))
		np_pkt_headers(skb, p, btf);
	else if (f->flags & NP_F_NEEDS_HDR)
		/* protocol and ports decide: the caller reads the addresses
		 * of a match itself (np_pkt_headers) */
		np_pkt_headers_ports(skb, p, btf);
	return np_match_hdr(f, p);
}

static __always_inline bool np_filter_skb(const volatile struct np_filter *f, struct sk_buff *skb,
					  struct np_pkt *p, bool want_hdr, bool btf)
{
	return np_filter_skb_ns(f, skb, ~0U, p, want_hdr, btf);
}

#endif
