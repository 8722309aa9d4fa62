// SPDX-License-Identifier: GPL-2.0-only
/* Kernel half of `probe drops`: count skb:kfree_skb per
 * {reason, location, netns, ifindex, l3, l4} in a hash map (exact counts,
 * no per-event copy to user space), with each CPU's last bucket counted
 * in a per-CPU slot first (struct drop_cache).  Three entry points for the same
 * tracepoint; user space loads exactly one: tp_btf (typed arguments),
 * raw_tp (no BTF attach needed), or the classic tracepoint (tracefs). */
#include "vmlinux.h"

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

#include "drops.h"
#include "filter.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, NP_DROPS_MAX_KEYS);
	/* Entries allocated on insert: preallocating them all made creating
	 * the map cost more (4 ms for 10k) than verifying the program. */
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct drop_key);
	__type(value, struct drop_val);
} drops SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct drop_cache);
} last SEC(".maps");

/* Drops matched but not counted because the map was full (reported). */
__u64 lost_keys = 0;

_Static_assert(sizeof(struct drop_key) == 24, "drop_key compares as three words");

static __always_inline bool key_eq(const struct drop_key *a, const struct drop_key *b)
{
	const __u64 *x = (const __u64 *)a, *y = (const __u64 *)b;
	return x[0] == y[0] && x[1] == y[1] && x[2] == y[2];
}

/* Count one drop in the map: the first packet of a bucket is its sample
 * (addresses).  False when the map is full (counted as lost). */
static __always_inline bool map_add(const struct drop_key *k, const struct np_pkt *p, __u32 iif)
{
	struct drop_val nv = {}, *v;

	v = bpf_map_lookup_elem(&drops, k);
	if (v) {
		__sync_fetch_and_add(&v->count, 1);
		return true;
	}
	nv.count = 1;
	nv.family = p->family;
	__builtin_memcpy(nv.saddr, p->saddr, 16);
	__builtin_memcpy(nv.daddr, p->daddr, 16);
	nv.iif = iif;
	if (!bpf_map_update_elem(&drops, k, &nv, BPF_NOEXIST))
		return true;
	/* Two CPUs may race to create the key: the loser adds to the
	 * winner's counter instead of overwriting it. */
	v = bpf_map_lookup_elem(&drops, k);
	if (v) {
		__sync_fetch_and_add(&v->count, 1);
		return true;
	}
	__sync_fetch_and_add(&lost_keys, 1);
	return false;
}

/* Move this CPU's pending count into the map (pending is zeroed first:
 * a reader racing with this may miss these drops until its next read,
 * never count them twice). */
static __always_inline void flush(struct drop_cache *c)
{
	__u64 n = c->pending;
	struct drop_val *v;

	if (!c->valid || !n)
		return;
	c->pending = 0;
	v = bpf_map_lookup_elem(&drops, &c->key);
	if (v)
		__sync_fetch_and_add(&v->count, n);
	else
		__sync_fetch_and_add(&lost_keys, n);
}

/* The key's namespace, device and protocols for tp_btf programs whose
 * filter has no header condition (the common case: a walk filters on a
 * namespace): np_filter_skb's rules with each field loaded once, the
 * device read once, the L4 protocol alone.  False: filtered out. */
static __always_inline bool key_fast(struct sk_buff *skb, struct drop_key *k, __u32 fl)
{
	struct net_device *dev = np_skb_dev(skb, true);
	struct sock *sk = dev ? NULL : np_skb_sk(skb, true);
	struct net *net = dev ? dev->nd_net.net : sk ? sk->__sk_common.skc_net.net : NULL;

	if (fl & NP_F_NETNS) {
		if (!np_net_is_filt(net, true))
			return false;
		k->netns = np_filt.netns;
	} else {
		k->netns = np_net_inum(net, true);
	}
	k->ifindex = dev ? dev->ifindex : skb->skb_iif;
	if ((fl & NP_F_DEV) && k->ifindex != np_filt.ifindex)
		return false;
	k->l3 = bpf_ntohs(skb->protocol);
	return true;
}

/* A drop that is not this CPU's last bucket: move what the CPU holds
 * into the map, then count this one there (its first packet is the
 * bucket's sample: addresses).  Its own subprogram: the hot path
 * carries none of its stack. */
static __noinline void count_slow(struct sk_buff *skb, struct drop_key *k, struct drop_cache *c,
				  bool btf)
{
	struct np_pkt p = {};

	flush(c);
	p.netns = k->netns;
	p.ifindex = k->ifindex;
	p.l3 = k->l3;
	np_pkt_headers(skb, &p, btf);
	c->valid = map_add(k, &p, btf ? skb->skb_iif : BPF_CORE_READ(skb, skb_iif));
	if (c->valid)
		c->key = *k;
}

/* Cheapest work first: the filter (namespace, device, headers only when
 * it has header conditions), then the key's L4 protocol alone, then this
 * CPU's last bucket; the addresses are read only for a bucket's first
 * packet.  Reentry on one CPU cannot interleave: the kernel runs a
 * tracing program at most once per CPU at a time. */
static __always_inline void count(struct sk_buff *skb, __u64 location, __u32 reason, bool btf)
{
	__u32 fl = np_filt.flags;
	struct drop_key k = {};
	struct drop_cache *c;
	__u32 zero = 0;

	if (btf && !(fl & NP_F_NEEDS_HDR)) {
		struct np_pkt p = {.l3 = 0};
		if (!key_fast(skb, &k, fl))
			return;
		p.l3 = k.l3;
		np_pkt_l4(skb, &p, btf);
		k.l4 = p.l4;
	} else {
		struct np_pkt p = {};
		if (!np_filter_skb(&np_filt, skb, &p, false, btf))
			return;
		if (!(fl & NP_F_NEEDS_HDR))
			np_pkt_l4(skb, &p, btf);
		k.netns = p.netns;
		k.ifindex = p.ifindex;
		k.l3 = p.l3;
		k.l4 = p.l4;
	}
	k.location = location;
	k.reason = reason;
	/* A packet this host generated was never received: no input
	 * interface.  Its netfilter drops are OUTPUT/POSTROUTING, and no
	 * tap has seen it yet. */
	if (btf)
		k.local = skb->skb_iif == 0 && np_skb_sk(skb, btf) != NULL;
	else
		k.local = BPF_CORE_READ(skb, skb_iif) == 0 && BPF_CORE_READ(skb, sk) != NULL;
	c = bpf_map_lookup_elem(&last, &zero);
	if (!c)
		return; /* never: one entry per CPU */
	if (c->valid && key_eq(&c->key, &k)) {
		c->pending++;
		return;
	}
	count_slow(skb, &k, c, btf);
}

SEC("tp_btf/kfree_skb")
int BPF_PROG(drops_btf, struct sk_buff *skb, void *location, enum skb_drop_reason reason)
{
	count(skb, (__u64)location, reason, true);
	return 0;
}

SEC("raw_tp/kfree_skb")
int BPF_PROG(drops_raw, struct sk_buff *skb, void *location, int reason)
{
	count(skb, (__u64)location, (__u32)reason, false);
	return 0;
}

/* The classic tracepoint's return value decides whether perf events on
 * the same tracepoint still get the event: returning 0 would blind
 * `perf stat -e skb:kfree_skb` and friends.  Always 1. */
SEC("tp/skb/kfree_skb")
int drops_tp(struct trace_event_raw_kfree_skb *ctx)
{
	/* Kernels before 5.17 have no reason field: 0 makes user space map
	 * the drop by its location function. */
	__u32 reason = bpf_core_field_exists(ctx->reason) ? (__u32)ctx->reason : 0;
	count((struct sk_buff *)ctx->skbaddr, (__u64)ctx->location, reason, false);
	return 1;
}
