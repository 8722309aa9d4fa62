/* SPDX-License-Identifier: GPL-2.0-only */
/* ICMP/ICMPv6 error parsing shared by the kernel half of `probe flow`
 * (probes/flow.bpf.c) and user space (unit tests, the fuzz target): the
 * same code runs in both, so the parser the kernel uses is the one that
 * is tested and fuzzed.
 *
 * Input: the first bytes of a packet from its network header, copied into
 * a buffer of NP_SNAP_BUF bytes (n <= NP_SNAP of them meaningful).  Every
 * read is masked with NP_SNAP_MASK, so any offset stays inside the buffer
 * (what the BPF verifier needs to see); n decides what is meaningful.
 *
 * Handled: outer IPv4 with options (IHL), outer IPv6 with up to
 * NP_ICMP_MAX_EXTHDR extension headers (hop-by-hop, routing, destination
 * options, fragment: first fragment only); the quoted packet's IPv4
 * options; its ports when the quote reaches them and it is not a later
 * fragment.  Not handled: extension headers inside the quoted IPv6 packet
 * (ports 0: a port filter does not match), AH/ESP, tunnels. */
#ifndef NP_FLOW_PARSE_H
#define NP_FLOW_PARSE_H

#if !defined(__bpf__)
#include <linux/types.h>
#endif

#define NP_SNAP		   256 /* bytes of a packet the parser looks at */
#define NP_SNAP_BUF	   512 /* buffer size: masked offset + 40 stays inside */
#define NP_SNAP_MASK	   255
#define NP_ICMP_MAX_EXTHDR 4

#define NP_PARSE_INLINE static inline __attribute__((always_inline))

/* What an ICMP error says about the flow, in the order facts name them. */
enum np_icmp_kind {
	NP_ICMP_NET_UNREACH,
	NP_ICMP_HOST_UNREACH,
	NP_ICMP_PROTO_UNREACH,
	NP_ICMP_PORT_UNREACH,
	NP_ICMP_FRAG_NEEDED, /* IPv4 3/4, ICMPv6 Packet Too Big */
	NP_ICMP_ADMIN_PROHIBITED,
	NP_ICMP_TTL_EXCEEDED,
	NP_ICMP_OTHER,
	NP_ICMP_KINDS,
	NP_ICMP_NOT_ERROR = 0xff, /* echo, redirect, ND ...: not about a lost packet */
};

/* Kind of an ICMP (family 4) or ICMPv6 (family 6) message.  The ICMPv6
 * mapping follows the kernel's icmpv6_err_convert: codes it turns into
 * EACCES (1 admin, 5 policy, 6 reject route) are admin_prohibited. */
NP_PARSE_INLINE __u8 np_icmp_kind(__u8 family, __u8 type, __u8 code)
{
	if (family == 4) {
		if (type == 3) {
			if (code == 0 || code == 6 || code == 11)
				return NP_ICMP_NET_UNREACH;
			if (code == 1 || code == 7 || code == 12)
				return NP_ICMP_HOST_UNREACH;
			if (code == 2)
				return NP_ICMP_PROTO_UNREACH;
			if (code == 3)
				return NP_ICMP_PORT_UNREACH;
			if (code == 4)
				return NP_ICMP_FRAG_NEEDED;
			if (code == 9 || code == 10 || code == 13)
				return NP_ICMP_ADMIN_PROHIBITED;
			return NP_ICMP_OTHER;
		}
		if (type == 11)
			return NP_ICMP_TTL_EXCEEDED;
		if (type == 4 || type == 12) /* source quench, parameter problem */
			return NP_ICMP_OTHER;
		return NP_ICMP_NOT_ERROR;
	}
	if (type == 1) {
		if (code == 0)
			return NP_ICMP_NET_UNREACH;
		if (code == 1 || code == 5 || code == 6)
			return NP_ICMP_ADMIN_PROHIBITED;
		if (code == 3)
			return NP_ICMP_HOST_UNREACH;
		if (code == 4)
			return NP_ICMP_PORT_UNREACH;
		return NP_ICMP_OTHER;
	}
	if (type == 2)
		return NP_ICMP_FRAG_NEEDED;
	if (type == 3)
		return NP_ICMP_TTL_EXCEEDED;
	if (type == 4) /* parameter problem; code 1: unrecognised next header */
		return code == 1 ? NP_ICMP_PROTO_UNREACH : NP_ICMP_OTHER;
	return NP_ICMP_NOT_ERROR;
}

/* One parsed ICMP error. */
struct np_icmp_err {
	__u8 outer_family; /* 4 or 6 */
	__u8 type, code, kind;
	__u32 mtu;     /* frag-needed / packet too big: the announced MTU, else 0 */
	__u8 from[16]; /* outer source: the router or host that sent the error */
	__u8 to[16];   /* outer destination */
	/* the quoted packet (what this host sent, for an error it received) */
	__u8 family, l4;
	__u16 sport, dport; /* host order; 0 when the quote does not reach them */
	__u8 saddr[16], daddr[16];
};

NP_PARSE_INLINE __u8 np_snap_u8(const __u8 *b, __u32 off)
{
	return b[off & NP_SNAP_MASK];
}

NP_PARSE_INLINE __u16 np_snap_be16(const __u8 *b, __u32 off)
{
	return (__u16)(np_snap_u8(b, off) << 8 | np_snap_u8(b, off + 1));
}

NP_PARSE_INLINE void np_snap_addr(__u8 *dst, const __u8 *b, __u32 off, int len)
{
	const __u8 *s = b + (off & NP_SNAP_MASK);
	__builtin_memset(dst, 0, 16);
	if (len == 4)
		__builtin_memcpy(dst, s, 4);
	else
		__builtin_memcpy(dst, s, 16);
}

/* Offset of the ICMPv6 header after the fixed header and the extension
 * headers, or 0 when this is not ICMPv6 (or not its first fragment). */
NP_PARSE_INLINE __u32 np_icmp6_offset(const __u8 *b, __u32 n)
{
	__u8 nh = np_snap_u8(b, 6);
	__u32 off = 40;
	for (int i = 0; i < NP_ICMP_MAX_EXTHDR; i++) {
		if (nh == 58)
			return off;
		if (off + 8 > n)
			return 0;
		if (nh == 44) { /* fragment: only the first carries the header */
			if (np_snap_be16(b, off + 2) & 0xfff8)
				return 0;
			nh = np_snap_u8(b, off);
			off += 8;
		} else if (nh == 0 || nh == 43 || nh == 60) {
			__u32 len = ((__u32)np_snap_u8(b, off + 1) + 1) * 8;
			nh = np_snap_u8(b, off);
			off += len;
		} else {
			return 0;
		}
	}
	return nh == 58 ? off : 0;
}

/* The quoted packet, at offset q (just after the ICMP header). */
NP_PARSE_INLINE int np_icmp_quote(const __u8 *b, __u32 n, __u32 q, struct np_icmp_err *e)
{
	__u32 l4off;
	if (e->outer_family == 4) {
		__u32 ihl = (np_snap_u8(b, q) & 0xf) * 4;
		if (q + 20 > n || np_snap_u8(b, q) >> 4 != 4 || ihl < 20)
			return 0;
		e->family = 4;
		e->l4 = np_snap_u8(b, q + 9);
		np_snap_addr(e->saddr, b, q + 12, 4);
		np_snap_addr(e->daddr, b, q + 16, 4);
		if (np_snap_be16(b, q + 6) & 0x1fff) /* a later fragment: no ports */
			return 1;
		l4off = q + ihl;
	} else {
		if (q + 40 > n || np_snap_u8(b, q) >> 4 != 6)
			return 0;
		e->family = 6;
		e->l4 = np_snap_u8(b, q + 6);
		np_snap_addr(e->saddr, b, q + 8, 16);
		np_snap_addr(e->daddr, b, q + 24, 16);
		l4off = q + 40;
	}
	/* TCP, UDP, UDP-Lite, SCTP, DCCP: ports are the first 4 bytes. */
	if ((e->l4 == 6 || e->l4 == 17 || e->l4 == 136 || e->l4 == 132 || e->l4 == 33) &&
	    l4off + 4 <= n) {
		e->sport = np_snap_be16(b, l4off);
		e->dport = np_snap_be16(b, l4off + 2);
	}
	return 1;
}

/* 1 when b[0..n) is an ICMP or ICMPv6 error quoting an IP packet of the
 * same family, with e filled; 0 otherwise (e partly written). */
NP_PARSE_INLINE int np_icmp_err_parse(const __u8 *b, __u32 n, struct np_icmp_err *e)
{
	__u32 off;
	__u8 v;

	if (n > NP_SNAP)
		n = NP_SNAP;
	if (n < 28)
		return 0;
	v = np_snap_u8(b, 0) >> 4;
	if (v == 4) {
		off = (np_snap_u8(b, 0) & 0xf) * 4;
		/* ICMP only, and not a fragment (offset or more-fragments). */
		if (off < 20 || np_snap_u8(b, 9) != 1 || (np_snap_be16(b, 6) & 0x3fff))
			return 0;
		e->outer_family = 4;
		np_snap_addr(e->from, b, 12, 4);
		np_snap_addr(e->to, b, 16, 4);
	} else if (v == 6) {
		if (n < 48)
			return 0;
		off = np_icmp6_offset(b, n);
		if (!off)
			return 0;
		e->outer_family = 6;
		np_snap_addr(e->from, b, 8, 16);
		np_snap_addr(e->to, b, 24, 16);
	} else {
		return 0;
	}
	if (off + 8 > n)
		return 0;
	e->type = np_snap_u8(b, off);
	e->code = np_snap_u8(b, off + 1);
	e->kind = np_icmp_kind(e->outer_family, e->type, e->code);
	if (e->kind == NP_ICMP_NOT_ERROR)
		return 0;
	e->mtu = 0;
	if (e->kind == NP_ICMP_FRAG_NEEDED)
		e->mtu = e->outer_family == 4
			     ? np_snap_be16(b, off + 6)
			     : (__u32)np_snap_be16(b, off + 4) << 16 | np_snap_be16(b, off + 6);
	e->sport = e->dport = 0;
	return np_icmp_quote(b, n, off + 8, e);
}

#endif
