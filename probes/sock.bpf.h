/* SPDX-License-Identifier: GPL-2.0-only */
/* Flow identity of a TCP socket (CO-RE), for resets and retrans. */
#ifndef NP_SOCK_BPF_H
#define NP_SOCK_BPF_H

#include "filter.bpf.h"

#define NP_AF_INET  2
#define NP_AF_INET6 10

/* Fill p as the packet local -> remote of sk (saddr = local). */
static __always_inline bool np_pkt_from_sk(const struct sock *sk, struct np_pkt *p)
{
	__u16 fam = BPF_CORE_READ(sk, __sk_common.skc_family);
	p->netns = np_sk_netns(sk);
	p->l4 = IPPROTO_TCP;
	p->sport = BPF_CORE_READ(sk, __sk_common.skc_num);
	p->dport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	if (fam == NP_AF_INET) {
		__be32 a;
		p->family = 4;
		p->l3 = NP_ETH_P_IP;
		a = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		__builtin_memcpy(p->saddr, &a, 4);
		a = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		__builtin_memcpy(p->daddr, &a, 4);
		return true;
	}
	if (fam == NP_AF_INET6) {
		p->family = 6;
		p->l3 = NP_ETH_P_IPV6;
		BPF_CORE_READ_INTO(&p->saddr, sk, __sk_common.skc_v6_rcv_saddr.in6_u.u6_addr8);
		BPF_CORE_READ_INTO(&p->daddr, sk, __sk_common.skc_v6_daddr.in6_u.u6_addr8);
		return true;
	}
	return false;
}

/* Swap the direction of p (a reply to the packet p describes). */
static __always_inline void np_pkt_swap(struct np_pkt *p)
{
	__u8 t[16];
	__u16 port = p->sport;
	__builtin_memcpy(t, p->saddr, 16);
	__builtin_memcpy(p->saddr, p->daddr, 16);
	__builtin_memcpy(p->daddr, t, 16);
	p->sport = p->dport;
	p->dport = port;
}

/* netns/dev + header conditions on an already filled p. */
static __always_inline bool np_filter_pkt(const volatile struct np_filter *f,
					  const struct np_pkt *p)
{
	if ((f->flags & NP_F_NETNS) && p->netns != f->netns)
		return false;
	if ((f->flags & NP_F_DEV) && p->ifindex != f->ifindex)
		return false;
	return np_match_hdr(f, p);
}

#endif
