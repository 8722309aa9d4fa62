// SPDX-License-Identifier: GPL-2.0-only
/* Kernel half of `probe flow`: what became of this host's packets of a
 * flow after they left.  Counted per remote end in kernel maps (no
 * per-event copy to user space), from tracepoints only:
 *
 *   state        sock:inet_sock_set_state   connects, established, failed
 *   syn_retrans  tcp:tcp_retransmit_skb     SYN retransmissions + schedule
 *   rst          tcp:tcp_receive_reset      RSTs received, from whom
 *   errors       sock:inet_sk_error_report  socket errors by errno
 *   icmp_rx      net:netif_receive_skb      ICMP errors received (before netfilter)
 *   icmp_drop    skb:kfree_skb              ... that this host dropped, and why
 *                                           (and errors it generated itself)
 *   icmp_sent    icmp:icmp_send             IPv4 errors this host sends
 *   icmp6_sent   net:net_dev_queue          ICMPv6 errors this host sends
 *
 * ICMP errors are matched by the packet they quote (flow_parse.h), never
 * by their own addresses.  Every part comes as a tp_btf and a raw_tp
 * program; user space loads one of each pair for the parts the kernel
 * has (probes/flow.c). */
#include "vmlinux.h"

#include <bpf/bpf_tracing.h>

#include "filter.bpf.h"
#include "prog_pair.bpf.h"
#include "flow.h"
#include "sock.bpf.h"

char LICENSE[] SEC("license") = "GPL";

const volatile struct np_flow_cfg flow_cfg = {};

#define NP_TCP_ESTABLISHED 1
#define NP_TCP_SYN_SENT	   2
#define NP_TCP_CLOSE	   7

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, NP_FLOW_MAX_PEERS);
	/* Entries allocated on insert: preallocating them all made creating
	 * the map cost more (4 ms for 10k) than verifying the program. */
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct flow_key);
	__type(value, struct flow_val);
} peers SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, NP_FLOW_MAX_WHO);
	/* Entries allocated on insert: preallocating them all made creating
	 * the map cost more (4 ms for 10k) than verifying the program. */
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct who_key);
	__type(value, __u64);
} who SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NP_FLOW_ERRNOS);
	__type(key, __u32);
	__type(value, __u64);
} errs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} dreasons SEC(".maps");

/* Connecting sockets by address: when their first SYN left. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, NP_FLOW_MAX_CONNS);
	__type(key, __u64);
	__type(value, struct conn_val);
} conns SEC(".maps");

/* The first connection that retransmitted its SYN (claimed once): its
 * socket and when it started (a freed socket's address may come back for
 * a later connection). */
struct owner {
	__u64 sk, start_ns;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct owner);
} sched_owner SEC(".maps");

struct snap {
	__u8 b[NP_SNAP_BUF];
	struct np_icmp_err e; /* parsed here, not on the stack (512-byte limit) */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, NP_FLOW_SITES);
	__type(key, __u32);
	__type(value, struct snap);
} snaps SEC(".maps");

__u64 lost_keys = 0;
__u32 last_mtu = 0;
__u32 sched_n = 0;
__u32 sched_ms[NP_FLOW_SCHED_MAX] = {};
/* Never written: the initial value of a new peer (too big for the stack). */
struct flow_val zero_val = {};

static __always_inline struct flow_val *peer(const struct np_pkt *p)
{
	struct flow_key k = {};
	struct flow_val *v;

	__builtin_memcpy(k.raddr, p->daddr, 16);
	k.netns = p->netns;
	k.rport = p->dport;
	k.family = p->family;
	k.l4 = p->l4;
	v = bpf_map_lookup_elem(&peers, &k);
	if (v)
		return v;
	bpf_map_update_elem(&peers, &k, &zero_val, BPF_NOEXIST);
	v = bpf_map_lookup_elem(&peers, &k);
	if (!v)
		__sync_fetch_and_add(&lost_keys, 1);
	return v;
}

static __always_inline void who_add(__u8 what, __u8 family, const __u8 *addr)
{
	struct who_key k = {};
	__u64 one = 1, *c;

	__builtin_memcpy(k.addr, addr, 16);
	k.family = family;
	k.what = what;
	c = bpf_map_lookup_elem(&who, &k);
	if (c) {
		__sync_fetch_and_add(c, 1);
		return;
	}
	if (bpf_map_update_elem(&who, &k, &one, BPF_NOEXIST)) {
		c = bpf_map_lookup_elem(&who, &k);
		if (c)
			__sync_fetch_and_add(c, 1);
	}
}

/* A socket's flow (local -> remote), any L4 protocol; a v4-mapped IPv6
 * peer is seen as IPv4 so `dst 10.0.0.2` matches dual-stack sockets. */
static __always_inline bool flow_from_sk(const struct sock *sk, struct np_pkt *p)
{
	static const __u8 mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	bool is_mapped = true;

	if (!np_pkt_from_sk(sk, p))
		return false;
	p->l4 = BPF_CORE_READ_BITFIELD_PROBED(sk, sk_protocol);
	if (p->family != 6)
		return true;
	for (int i = 0; i < 12; i++)
		if (p->daddr[i] != mapped[i])
			is_mapped = false;
	if (is_mapped) {
		p->family = 4;
		__builtin_memmove(p->saddr, p->saddr + 12, 4);
		__builtin_memmove(p->daddr, p->daddr + 12, 4);
		__builtin_memset(p->saddr + 4, 0, 12);
		__builtin_memset(p->daddr + 4, 0, 12);
	}
	return true;
}

/* Socket events: netns and header conditions.  A socket has no device,
 * so `dev` narrows only the packet events (ICMP). */
static __always_inline bool sock_match(const struct np_pkt *p)
{
	if ((np_filt.flags & NP_F_NETNS) && p->netns != np_filt.netns)
		return false;
	return np_match_hdr(&np_filt, p);
}

static __always_inline void on_state(const struct sock *sk, int old, int new)
{
	struct np_pkt p = {};
	struct flow_val *v;

	/* Cheapest rejection first: most transitions are not a connect's. */
	if (!(old == NP_TCP_CLOSE && new == NP_TCP_SYN_SENT) &&
	    !(old == NP_TCP_SYN_SENT && (new == NP_TCP_ESTABLISHED || new == NP_TCP_CLOSE)))
		return;
	if (!sk || !flow_from_sk(sk, &p) || p.l4 != IPPROTO_TCP || !sock_match(&p))
		return;
	v = peer(&p);
	if (!v)
		return;
	if (new == NP_TCP_SYN_SENT) {
		struct conn_val c = {.start_ns = bpf_ktime_get_ns()};
		__u64 key = (__u64)sk;
		__sync_fetch_and_add(&v->connects, 1);
		bpf_map_update_elem(&conns, &key, &c, BPF_ANY);
	} else if (new == NP_TCP_ESTABLISHED) {
		__sync_fetch_and_add(&v->established, 1);
	} else {
		__sync_fetch_and_add(&v->failed, 1);
	}
}

/* The schedule of one connection: ms after its first SYN.  A socket's
 * retransmissions are serialised by its lock: plain stores suffice. */
static __always_inline void note_schedule(const struct sock *sk)
{
	__u64 key = (__u64)sk;
	__u32 zero = 0, idx, ms;
	struct conn_val *c = bpf_map_lookup_elem(&conns, &key);
	struct owner *ow;

	if (!c) /* it entered SYN_SENT before the window */
		return;
	idx = c->n;
	if (idx >= NP_FLOW_SCHED_MAX)
		return;
	ms = (__u32)((bpf_ktime_get_ns() - c->start_ns) / 1000000);
	c->ms[idx] = ms;
	c->n = idx + 1;
	if (idx == 0) {
		struct owner me = {.sk = key, .start_ns = c->start_ns};
		bpf_map_update_elem(&sched_owner, &zero, &me, BPF_NOEXIST);
	}
	ow = bpf_map_lookup_elem(&sched_owner, &zero);
	if (ow && ow->sk == key && ow->start_ns == c->start_ns) {
		sched_ms[idx] = ms;
		sched_n = idx + 1;
	}
}

static __always_inline void on_retrans(const struct sock *sk)
{
	struct np_pkt p = {};
	struct flow_val *v;

	if (!sk || BPF_CORE_READ(sk, __sk_common.skc_state) != NP_TCP_SYN_SENT)
		return;
	if (!flow_from_sk(sk, &p) || !sock_match(&p))
		return;
	v = peer(&p);
	if (!v)
		return;
	__sync_fetch_and_add(&v->syn_retrans, 1);
	note_schedule(sk);
}

static __always_inline void on_rst(const struct sock *sk)
{
	struct np_pkt p = {};
	struct flow_val *v;

	if (!sk || !flow_from_sk(sk, &p) || !sock_match(&p))
		return;
	v = peer(&p);
	if (!v)
		return;
	__sync_fetch_and_add(&v->rst, 1);
	who_add(NP_WHO_RST_FROM, p.family, p.daddr);
}

static __always_inline void on_error(const struct sock *sk)
{
	struct np_pkt p = {};
	struct flow_val *v;
	__u32 err;
	__u64 *c;

	if (!sk)
		return;
	err = (__u32)BPF_CORE_READ(sk, sk_err);
	if (!err || !flow_from_sk(sk, &p) || !sock_match(&p))
		return;
	v = peer(&p);
	if (!v)
		return;
	__sync_fetch_and_add(&v->errors, 1);
	v->last_errno = err;
	err &= NP_FLOW_ERRNOS - 1;
	c = bpf_map_lookup_elem(&errs, &err);
	if (c)
		__sync_fetch_and_add(c, 1);
}

/* The quoted source must be this host (an error about our own packet),
 * when user space could list the namespace's addresses. */
static __always_inline bool quoted_from_here(const struct np_icmp_err *e)
{
	__u32 n = flow_cfg.local.n;
	if (!n)
		return true;
	for (int i = 0; i < NP_FLOW_LOCAL_MAX; i++) {
		bool eq = true;
		if (i >= n)
			break;
		if (flow_cfg.local.addr[i].family != e->family)
			continue;
		for (int j = 0; j < 16; j++)
			if (flow_cfg.local.addr[i].a[j] != e->saddr[j])
				eq = false;
		if (eq)
			return true;
	}
	return false;
}

static __always_inline void count_rx(struct flow_val *v, const struct np_icmp_err *e)
{
	__sync_fetch_and_add(&v->icmp_rx, 1);
	__sync_fetch_and_add(&v->rx_kind[e->kind & 7], 1);
	if (e->kind == NP_ICMP_FRAG_NEEDED) {
		v->mtu = e->mtu;
		last_mtu = e->mtu;
	}
	__builtin_memcpy(v->icmp_from, e->from, 16);
	v->from_family = e->outer_family;
	who_add(NP_WHO_ICMP_FROM, e->outer_family, e->from);
}

/* own: an error this host generated, dropped on its way out (an ICMPv6
 * one never reaches the "sent" site, so whom it was for is noted here). */
static __always_inline void count_drop(struct flow_val *v, __u32 reason,
				       const struct np_icmp_err *own)
{
	__u64 one = 1, *c;
	__sync_fetch_and_add(own ? &v->icmp_tx_drop : &v->icmp_drop, 1);
	if (own) {
		__builtin_memcpy(v->sent_to, own->to, 16);
		v->to_family = own->outer_family;
		who_add(NP_WHO_SENT_TO, own->outer_family, own->to);
	}
	v->drop_reason = reason;
	c = bpf_map_lookup_elem(&dreasons, &reason);
	if (c)
		__sync_fetch_and_add(c, 1);
	else if (bpf_map_update_elem(&dreasons, &reason, &one, BPF_NOEXIST) &&
		 (c = bpf_map_lookup_elem(&dreasons, &reason)))
		__sync_fetch_and_add(c, 1);
}

static __always_inline void count_tx(struct flow_val *v, __u8 kind, __u8 family, const __u8 *to)
{
	__sync_fetch_and_add(&v->icmp_tx, 1);
	__sync_fetch_and_add(&v->tx_kind[kind & 7], 1);
	__builtin_memcpy(v->sent_to, to, 16);
	v->to_family = family;
	who_add(NP_WHO_SENT_TO, family, to);
}

/* An ICMP error at ptr (n bytes of linear data from its network header):
 * parse, match the quoted packet, count at site. */
static __always_inline void on_icmp(const void *ptr, __u32 n, __u32 netns, __u32 ifindex,
				    __u32 site, __u32 reason, bool own)
{
	struct np_pkt p = {};
	struct flow_val *v;
	struct np_icmp_err *e;
	__u64 len;
	struct snap *s = bpf_map_lookup_elem(&snaps, &site);

	if (!s || n < 28)
		return;
	if (n > NP_SNAP)
		n = NP_SNAP;
	len = n;
	/* The verifier must see the bound on the register it is given: the
	 * compiler would otherwise pass a copy made before the clamp. */
	asm volatile("%[len] &= %[mask]" : [len] "+r"(len) : [mask] "i"(NP_SNAP_BUF - 1));
	if (bpf_probe_read_kernel(s->b, len, ptr))
		return;
	e = &s->e;
	if (!np_icmp_err_parse(s->b, n, e))
		return;
	if ((np_filt.flags & NP_F_DEV) && ifindex != np_filt.ifindex)
		return;
	p.netns = netns;
	p.ifindex = ifindex;
	p.family = e->family;
	p.l3 = e->family == 4 ? NP_ETH_P_IP : NP_ETH_P_IPV6;
	p.l4 = e->l4;
	p.sport = e->sport;
	p.dport = e->dport;
	__builtin_memcpy(p.saddr, e->saddr, 16);
	__builtin_memcpy(p.daddr, e->daddr, 16);
	if (!np_match_hdr(&np_filt, &p))
		return;
	/* Errors received are about our own packets.  An error this host
	 * generated (own: its ICMP socket holds it) quotes somebody else's
	 * packet: a router's frag-needed dropped in its own OUTPUT. */
	if (site != NP_FLOW_SITE_TX && !own && !quoted_from_here(e))
		return;
	/* Of the errors this host generated, only a frag-needed / packet too
	 * big dropped on its way out makes a black hole: a host unreachable
	 * the neighbour code sends a local sender dies in its queue purge and
	 * says nothing the neighbour layer does not. */
	if (site == NP_FLOW_SITE_DROP && own && e->kind != NP_ICMP_FRAG_NEEDED)
		return;
	v = peer(&p);
	if (!v)
		return;
	if (site == NP_FLOW_SITE_RX)
		count_rx(v, e);
	else if (site == NP_FLOW_SITE_DROP)
		count_drop(v, reason, own ? e : NULL);
	else
		count_tx(v, e->kind, e->family, e->saddr);
}

/* Cheap look at the protocol before copying: ICMP (or an IPv6 extension
 * header that may lead to ICMPv6).  Most packets stop here, so tp_btf
 * programs read the two bytes with plain loads (bpf_rdonly_cast, as the
 * probe filter does) instead of a helper call. */
static __always_inline bool maybe_icmp(const void *ptr, __u16 l3, bool btf)
{
	__u8 v, proto;
	if (btf && l3 == NP_ETH_P_IP) {
		struct iphdr *ip = bpf_rdonly_cast(ptr, np_kid.iphdr);
		v = *(__u8 *)ip >> 4;
		proto = ip->protocol;
	} else if (btf) {
		struct ipv6hdr *ip6 = bpf_rdonly_cast(ptr, np_kid.ipv6hdr);
		v = *(__u8 *)ip6 >> 4;
		proto = ip6->nexthdr;
	} else {
		__u8 h[10];
		if (bpf_probe_read_kernel(h, sizeof(h), ptr))
			return false;
		v = h[0] >> 4;
		proto = l3 == NP_ETH_P_IP ? h[9] : h[6];
	}
	if (l3 == NP_ETH_P_IP)
		return v == 4 && proto == 1;
	return v == 6 && (proto == 58 || proto == 0 || proto == 43 || proto == 44 || proto == 60);
}

/* Packet events: the namespace first (read alone), then the protocol. */
static __always_inline void on_skb(struct sk_buff *skb, __u32 site, __u32 reason, bool btf)
{
	unsigned char *head;
	__u32 netns, start, tail;
	__u16 l3;
	struct net_device *dev;
	const void *ptr;
	bool own;

	if (!skb)
		return;
	netns = np_skb_netns(skb, btf);
	if ((np_filt.flags & NP_F_NETNS) && netns != np_filt.netns)
		return;
	l3 = bpf_ntohs(btf ? skb->protocol : BPF_CORE_READ(skb, protocol));
	if (l3 != NP_ETH_P_IP && l3 != NP_ETH_P_IPV6)
		return;
	/* Sent: only errors this host generated (its ICMP socket owns them),
	 * ICMPv6 always, IPv4 when icmp:icmp_send is missing. */
	own = site != NP_FLOW_SITE_RX && np_skb_sk(skb, btf) != NULL;
	if (site == NP_FLOW_SITE_TX && ((l3 == NP_ETH_P_IP && !flow_cfg.v4_tx_at_queue) || !own))
		return;
	head = btf ? skb->head : BPF_CORE_READ(skb, head);
	tail = btf ? skb->tail : BPF_CORE_READ(skb, tail);
	if (site == NP_FLOW_SITE_RX) {
		/* netif_receive_skb runs before the stack resets the network
		 * header: the driver left data at the L3 header. */
		unsigned char *data = btf ? skb->data : BPF_CORE_READ(skb, data);
		start = (__u32)(data - head);
	} else {
		start = btf ? skb->network_header : BPF_CORE_READ(skb, network_header);
		if (start == 0xffff)
			return;
	}
	if (!head || tail <= start)
		return;
	ptr = head + start;
	if (!maybe_icmp(ptr, l3, btf))
		return;
	dev = np_skb_dev(skb, btf);
	on_icmp(ptr, tail - start, netns,
		dev ? (btf ? dev->ifindex : BPF_CORE_READ(dev, ifindex)) : 0, site, reason, own);
}

/* icmp:icmp_send (IPv4): skb is the offending packet, matched directly. */
static __always_inline void on_icmp_send(struct sk_buff *skb, int type, int code, bool btf)
{
	struct np_pkt p = {};
	struct flow_val *v;
	__u8 kind = np_icmp_kind(4, (__u8)type, (__u8)code);

	if (kind == NP_ICMP_NOT_ERROR || !skb)
		return;
	if (!np_filter_skb(&np_filt, skb, &p, true, btf) || p.family != 4)
		return;
	v = peer(&p);
	if (v)
		count_tx(v, kind, p.family, p.saddr);
}

BOTH(inet_sock_set_state, state, ARGS(const struct sock *sk, int old, int new), (void)btf;
     on_state(sk, old, new); return 0;)
BOTH(tcp_retransmit_skb, syn_retrans, ARGS(const struct sock *sk, const struct sk_buff *skb),
     (void)btf;
     on_retrans(sk); return 0;)
BOTH(tcp_receive_reset, rst, ARGS(const struct sock *sk), (void)btf; on_rst(sk); return 0;)
BOTH(inet_sk_error_report, errors, ARGS(const struct sock *sk), (void)btf; on_error(sk); return 0;)
BOTH(netif_receive_skb, icmp_rx, ARGS(struct sk_buff *skb), on_skb(skb, NP_FLOW_SITE_RX, 0, btf);
     return 0;)
BOTH(kfree_skb, icmp_drop, ARGS(struct sk_buff *skb, void *location, int reason),
     on_skb(skb, NP_FLOW_SITE_DROP, (__u32)reason, btf);
     return 0;)
BOTH(net_dev_queue, icmp6_sent, ARGS(struct sk_buff *skb), on_skb(skb, NP_FLOW_SITE_TX, 0, btf);
     return 0;)
BOTH(icmp_send, icmp_sent, ARGS(const struct sk_buff *skb, int type, int code),
     on_icmp_send((struct sk_buff *)skb, type, code, btf);
     return 0;)
