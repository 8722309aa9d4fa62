// SPDX-License-Identifier: GPL-2.0-only
/* Kernel half of `probe trace`: a per-packet timeline from tracepoints
 * only (no kprobes/fentry).  An skb is followed from the first event
 * that matches the filter until it is freed or consumed (its address is
 * remembered in `tracked`), so it stays visible after NAT or across a
 * veth into another namespace.  Bounded: at most max_per_sec events per
 * second reach user space; the excess is counted. */
#include "vmlinux.h"

#include <bpf/bpf_tracing.h>

#include "filter.bpf.h"
#include "prog_pair.bpf.h"
#include "trace.h"

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 max_per_sec = 2000;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 8192);
	__type(key, __u64);
	__type(value, __u8);
} tracked SEC(".maps");

struct np_trace_stats stats = {};
__u64 win_start = 0;
__u32 win_count = 0;
/* Entries in `tracked` (approximate: LRU evictions are not subtracted,
 * which only costs lookups, never correctness). */
__s64 ntracked NP_PKT_DATA = 0;

/* Per-second budget (racy across CPUs by design: approximate is enough). */
static __always_inline bool budget(void)
{
	__u64 now = bpf_ktime_get_ns();
	if (now - win_start > 1000000000ULL) {
		win_start = now;
		win_count = 0;
	}
	if (++win_count > max_per_sec) {
		__sync_fetch_and_add(&stats.rate_dropped, 1);
		return false;
	}
	return true;
}

static __always_inline void emit(const struct np_pkt *p, __u8 type, __u64 skb, __u64 loc,
				 __u32 reason, __s32 ret, __u32 len, struct net_device *dev)
{
	struct np_trace_event *e;
	if (!budget())
		return;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		__sync_fetch_and_add(&stats.ring_dropped, 1);
		return;
	}
	e->ts = bpf_ktime_get_ns();
	e->skb = skb;
	e->location = loc;
	e->netns = p->netns;
	e->ifindex = p->ifindex;
	e->cpu = bpf_get_smp_processor_id();
	e->reason = reason;
	e->ret = ret;
	e->len = len;
	e->l3 = p->l3;
	e->l4 = p->l4;
	e->family = p->family;
	e->type = type;
	e->sport = p->sport;
	e->dport = p->dport;
	__builtin_memcpy(e->saddr, p->saddr, 16);
	__builtin_memcpy(e->daddr, p->daddr, 16);
	if (dev)
		BPF_CORE_READ_STR_INTO(&e->dev, dev, name);
	else
		e->dev[0] = 0;
	bpf_ringbuf_submit(e, 0);
	__sync_fetch_and_add(&stats.emitted, 1);
}

static __always_inline bool followed(__u64 key)
{
	/* Most packets are never followed: skip the lookup while nothing is. */
	return ntracked && bpf_map_lookup_elem(&tracked, &key) != NULL;
}

/* What a hook saw, for the subprograms below (a BPF call passes at most
 * five arguments). */
struct hook {
	__u64 loc;
	__u32 reason;
	__s32 ret;
	__u8 type;
	bool read_hdr; /* false when the skb may already be gone (net_dev_xmit) */
};

/* Events of an skb already followed: shown whatever the filter says (it
 * may have crossed into another namespace or been NATed).  A subprogram:
 * rare, and the common path carries none of its stack. */
static __noinline void show_followed(struct sk_buff *skb, const struct hook *h, bool btf)
{
	struct np_pkt p = {};
	__u64 key = (__u64)skb;
	bool ends = h->type == TE_KFREE_SKB || h->type == TE_CONSUME_SKB;

	np_pkt_where(skb, &p, btf);
	if (h->read_hdr)
		np_pkt_headers(skb, &p, btf);
	else
		p.l3 = 0; /* fields of a possibly freed skb are not shown */
	emit(&p, h->type, key, h->loc, h->reason, h->ret,
	     h->read_hdr ? (btf ? skb->len : BPF_CORE_READ(skb, len)) : 0, np_skb_dev(skb, btf));
	if (ends && !bpf_map_delete_elem(&tracked, &key))
		__sync_fetch_and_sub(&ntracked, 1);
}

/* A packet the filter matched at an entry point: follow it (unless it is
 * being freed) and show it.  Its own subprogram: the programs' common path,
 * a rejection, carries none of its stack. */
static __noinline void on_match(struct sk_buff *skb, struct np_pkt *p, const struct hook *h,
				bool btf)
{
	__u64 key = (__u64)skb;

	np_pkt_headers(skb, p, btf);
	if (h->type != TE_KFREE_SKB) {
		__u8 one = 1;
		if (!bpf_map_update_elem(&tracked, &key, &one, BPF_NOEXIST))
			__sync_fetch_and_add(&ntracked, 1);
	}
	emit(p, h->type, key, h->loc, h->reason, h->ret, btf ? skb->len : BPF_CORE_READ(skb, len),
	     np_skb_dev(skb, btf));
}

/* Where a matching skb can first be seen: received (netif_receive_skb),
 * sent (net_dev_queue), a new skb on the way out (qdisc_dequeue and
 * net_dev_start_xmit see the segments a qdisc or validate_xmit_skb cut
 * from a GSO skb), or dropped before reaching any of those (kfree_skb).
 * Cheapest rejection first: the namespace, read alone, then the followed
 * lookup (only while something is followed), then device and headers
 * (only the fields the filter decides on; a match reads the whole
 * headers for the event). */
static __always_inline void on_entry(struct sk_buff *skb, __u8 type, __u64 loc, __u32 reason,
				     __s32 ret, bool btf)
{
	struct hook h = {.loc = loc, .reason = reason, .ret = ret, .type = type, .read_hdr = true};
	__u64 key = (__u64)skb;
	__u32 netns;

	if (!skb)
		return;
	if (np_filt.flags & NP_F_NETNS) {
		if (!np_net_is_filt(np_skb_net(skb, btf), btf)) {
			/* Another namespace: only a followed skb (it crossed
			 * a veth). */
			if (followed(key))
				show_followed(skb, &h, btf);
			return;
		}
		netns = np_filt.netns;
	} else {
		netns = np_skb_netns(skb, btf);
	}
	if (followed(key)) {
		show_followed(skb, &h, btf);
		return;
	}
	/* A port filter rejects most packets on their ports alone: before
	 * anything else of the skb is read or p is set up. */
	if (btf && (np_filt.flags & (NP_F_PORT | NP_F_SPORT | NP_F_DPORT)) &&
	    np_ports_reject(&np_filt, skb, bpf_ntohs(skb->protocol)))
		return;
	{
		struct np_pkt p = {};
		if (np_filter_skb_ns(&np_filt, skb, netns, &p, false, btf))
			on_match(skb, &p, &h, btf);
	}
}

/* consume_skb (every freed skb of the host) and net_dev_xmit (every sent
 * packet, and the skb may be gone): a match here was followed from an
 * entry point, so the fast path is the followed lookup alone. */
static __always_inline void on_followed(struct sk_buff *skb, __u8 type, __u64 loc, __s32 ret,
					bool read_hdr, bool btf)
{
	struct hook h = {.loc = loc, .ret = ret, .type = type, .read_hdr = read_hdr};
	if (followed((__u64)skb))
		show_followed(skb, &h, btf);
}

static __always_inline void on_fib(__u32 table, const struct flowi4 *fl,
				   const struct fib_nh_common *nhc, int err, bool btf)
{
	struct np_pkt p = {.family = 4, .l3 = NP_ETH_P_IP};
	struct net_device *dev = NULL;
	__be32 a;
	if (!fl)
		return;
	/* Every route lookup of the host passes here.  The flow is on the
	 * caller's stack: its protocol and ports are the cheapest rejection
	 * (they decide alone when the filter has no address condition), then
	 * namespace and device; the addresses only for a lookup that can
	 * match. */
	if (btf) {
		p.l4 = fl->__fl_common.flowic_proto;
		p.sport = bpf_ntohs(fl->uli.ports.sport);
		p.dport = bpf_ntohs(fl->uli.ports.dport);
	} else {
		p.l4 = BPF_CORE_READ(fl, __fl_common.flowic_proto);
		p.sport = bpf_ntohs(BPF_CORE_READ(fl, uli.ports.sport));
		p.dport = bpf_ntohs(BPF_CORE_READ(fl, uli.ports.dport));
	}
	if (!(np_filt.flags & (NP_F_HOST | NP_F_SRC | NP_F_DST)) && !np_match_hdr(&np_filt, &p))
		return;
	if (nhc)
		dev = btf ? nhc->nhc_dev : BPF_CORE_READ(nhc, nhc_dev);
	if (np_filt.flags & NP_F_NETNS) {
		if (dev) {
			if (!np_net_is_filt(btf ? dev->nd_net.net : BPF_CORE_READ(dev, nd_net.net),
					    btf))
				return;
		} else {
			/* A failed lookup has no device: the caller's
			 * namespace. */
			struct task_struct *t = (struct task_struct *)bpf_get_current_task();
			if (!np_net_is_filt(BPF_CORE_READ(t, nsproxy, net_ns), false))
				return;
		}
		p.netns = np_filt.netns;
	} else if (dev) {
		p.netns = btf ? dev->nd_net.net->ns.inum : np_dev_netns(dev);
	}
	if (dev)
		p.ifindex = btf ? dev->ifindex : BPF_CORE_READ(dev, ifindex);
	if ((np_filt.flags & NP_F_DEV) && p.ifindex != np_filt.ifindex)
		return;
	a = btf ? fl->saddr : BPF_CORE_READ(fl, saddr);
	__builtin_memcpy(p.saddr, &a, 4);
	a = btf ? fl->daddr : BPF_CORE_READ(fl, daddr);
	__builtin_memcpy(p.daddr, &a, 4);
	if (!np_match_hdr(&np_filt, &p))
		return;
	emit(&p, TE_FIB_LOOKUP, 0, 0, table, err, 0, dev);
}

/* Neighbour events: match namespace, device and host/dst on the key. */
static __always_inline void on_neigh(const struct neighbour *n, __u8 type, __s32 ret)
{
	struct np_pkt p = {};
	struct net_device *dev;
	struct neigh_table *tbl;
	__u32 klen;
	int fam;
	if (!n)
		return;
	dev = BPF_CORE_READ(n, dev);
	tbl = BPF_CORE_READ(n, tbl);
	if (!dev || !tbl)
		return;
	p.netns = np_dev_netns(dev);
	p.ifindex = BPF_CORE_READ(dev, ifindex);
	fam = BPF_CORE_READ(tbl, family);
	klen = BPF_CORE_READ(tbl, key_len);
	p.family = fam == 10 ? 6 : 4;
	p.l3 = fam == 10 ? NP_ETH_P_IPV6 : NP_ETH_P_IP;
	if (klen > 16)
		klen = 16;
	bpf_probe_read_kernel(p.daddr, klen & 31,
			      (void *)n + bpf_core_field_offset(n->primary_key));
	if ((np_filt.flags & NP_F_NETNS) && p.netns != np_filt.netns)
		return;
	if ((np_filt.flags & NP_F_DEV) && p.ifindex != np_filt.ifindex)
		return;
	/* A protocol/port filter without an address says nothing about
	 * neighbours: showing every ARP/ND event would only be noise. */
	if ((np_filt.flags & (NP_F_PROTO | NP_F_PORT | NP_F_SPORT | NP_F_DPORT)) &&
	    !(np_filt.flags & (NP_F_HOST | NP_F_DST)))
		return;
	if ((np_filt.flags & NP_F_SRC) && !(np_filt.flags & (NP_F_HOST | NP_F_DST)))
		return;
	if ((np_filt.flags & NP_F_DST) && !np_addr_eq(&np_filt.dst, &p, p.daddr))
		return;
	if ((np_filt.flags & NP_F_HOST) && !np_addr_eq(&np_filt.host, &p, p.daddr))
		return;
	emit(&p, type, 0, 0, BPF_CORE_READ(n, nud_state), ret, 0, dev);
}

BOTH(netif_receive_skb, rx, ARGS(struct sk_buff *skb),
     on_entry(skb, TE_NETIF_RECEIVE, 0, 0, 0, btf);
     return 0;)
BOTH(net_dev_queue, queue, ARGS(struct sk_buff *skb), on_entry(skb, TE_NET_DEV_QUEUE, 0, 0, 0, btf);
     return 0;)
BOTH(net_dev_start_xmit, start_xmit, ARGS(struct sk_buff *skb, struct net_device *dev),
     on_entry(skb, TE_START_XMIT, 0, 0, 0, btf);
     return 0;)
BOTH(net_dev_xmit, xmit,
     ARGS(struct sk_buff *skb, int rc, struct net_device *dev, unsigned int len),
     on_followed(skb, TE_DEV_XMIT, 0, rc, false, btf);
     return 0;)
BOTH(qdisc_dequeue, dequeue,
     ARGS(struct Qdisc *q, struct netdev_queue *txq, int packets, struct sk_buff *skb),
     on_entry(skb, TE_QDISC_DEQUEUE, 0, 0, packets, btf);
     return 0;)
BOTH(fib_table_lookup, fib,
     ARGS(u32 tb_id, const struct flowi4 *fl, const struct fib_nh_common *nhc, int err),
     on_fib(tb_id, fl, nhc, err, btf);
     return 0;)
BOTH(neigh_create, ncreate,
     ARGS(struct neigh_table *tbl, struct net_device *dev, const void *pkey,
	  const struct neighbour *n, bool gc),
     (void)btf;
     on_neigh(n, TE_NEIGH_CREATE, 0); return 0;)
BOTH(neigh_update, nupdate, ARGS(struct neighbour *n, const u8 *lladdr, u8 new, u32 flags, u32 pid),
     (void)btf;
     on_neigh(n, TE_NEIGH_UPDATE, new); return 0;)
BOTH(neigh_timer_handler, ntimer, ARGS(struct neighbour *n, int err), (void)btf;
     on_neigh(n, TE_NEIGH_TIMER, err); return 0;)
BOTH(neigh_event_send_dead, ndead, ARGS(struct neighbour *n, int err), (void)btf;
     on_neigh(n, TE_NEIGH_DEAD, err); return 0;)
BOTH(kfree_skb, kfree, ARGS(struct sk_buff *skb, void *location, enum skb_drop_reason reason),
     on_entry(skb, TE_KFREE_SKB, (__u64)location, reason, 0, btf);
     return 0;)
BOTH(consume_skb, consume, ARGS(struct sk_buff *skb, void *location),
     on_followed(skb, TE_CONSUME_SKB, (__u64)location, 0, true, btf);
     return 0;)
