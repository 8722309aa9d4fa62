/* SPDX-License-Identifier: GPL-2.0-only */
/* The probe filter as the kernel side sees it.  Shared by user space
 * (probes/filter.c fills it) and every X.bpf.c (probes/filter.bpf.h
 * evaluates it), so only fixed-size integer types live here.  It is
 * stored in a `const volatile` global of each probe, set before load: the
 * verifier then prunes every branch of an unused condition. */
#ifndef NP_FILTER_TYPES_H
#define NP_FILTER_TYPES_H

/* Which conditions are set (np_filter.flags). */
#define NP_F_NETNS (1u << 0)
#define NP_F_DEV   (1u << 1)
#define NP_F_PROTO (1u << 2)
#define NP_F_HOST  (1u << 3)
#define NP_F_SRC   (1u << 4)
#define NP_F_DST   (1u << 5)
#define NP_F_PORT  (1u << 6)
#define NP_F_SPORT (1u << 7)
#define NP_F_DPORT (1u << 8)
/* Conditions that need the packet's IP/L4 headers. */
#define NP_F_NEEDS_HDR                                                                             \
	(NP_F_PROTO | NP_F_HOST | NP_F_SRC | NP_F_DST | NP_F_PORT | NP_F_SPORT | NP_F_DPORT)

/* One address condition: family 4 or 6, bytes in network order. */
struct np_filter_addr {
	__u8 family;
	__u8 pad[3];
	__u8 a[16];
};

struct np_filter {
	__u32 flags;
	__u32 netns;   /* namespace inode */
	__u32 ifindex; /* within that namespace (or netpath's own) */
	__u8 l4;       /* IPPROTO_TCP/UDP/ICMP (ICMP also matches ICMPv6) */
	__u8 pad;
	__u16 port, sport, dport; /* host order */
	__u16 pad2;
	struct np_filter_addr host, src, dst;
};

/* Kernel BTF ids of the types tp_btf programs view memory as
 * (bpf_rdonly_cast's second argument), looked up by user space in the
 * kernel's BTF (np_kernel_ids()) and set before load like the filter: a
 * frozen read-only global is a constant to the verifier.  Not CO-RE
 * type-id relocations: those give the id in the BTF libbpf relocates
 * against, which is a cut-down copy of the kernel's (probes/core_btf.c).
 * 0 where absent: the tp_btf flavour then fails to load and raw_tp is
 * used. */
struct np_kernel_ids {
	__u32 sk_buff, iphdr, ipv6hdr, udphdr;
};

#endif
