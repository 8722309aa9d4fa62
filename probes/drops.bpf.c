// SPDX-License-Identifier: GPL-2.0-only
/* Kernel half of `probe drops`: count skb:kfree_skb per
 * {reason, location, netns, ifindex, l3, l4} in a hash map (exact counts,
 * no per-event copy to user space).  Three entry points for the same
 * tracepoint; user space loads exactly one: tp_btf (typed arguments),
 * raw_tp (no BTF attach needed), or the classic tracepoint (tracefs). */
#include "vmlinux.h"

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

#include "drops.h"
#include "filter.bpf.h"

char LICENSE[] SEC("license") = "GPL";

const volatile struct np_filter np_filt = {};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, NP_DROPS_MAX_KEYS);
	__type(key, struct drop_key);
	__type(value, struct drop_val);
} drops SEC(".maps");

/* Drops matched but not counted because the map was full (reported). */
__u64 lost_keys = 0;

static __always_inline void count(struct sk_buff *skb, __u64 location, __u32 reason, bool btf)
{
	struct np_pkt p = {};
	struct drop_key k = {};
	struct drop_val nv = {}, *v;

	if (!np_filter_skb(&np_filt, skb, &p, true, btf))
		return;
	k.location = location;
	k.reason = reason;
	k.netns = p.netns;
	k.ifindex = p.ifindex;
	k.l3 = p.l3;
	k.l4 = p.l4;
	/* A packet this host generated was never received: no input
	 * interface.  Its netfilter drops are OUTPUT/POSTROUTING, and no
	 * tap has seen it yet. */
	k.local = BPF_CORE_READ(skb, skb_iif) == 0 && BPF_CORE_READ(skb, sk) != NULL;
	v = bpf_map_lookup_elem(&drops, &k);
	if (v) {
		__sync_fetch_and_add(&v->count, 1);
		return;
	}
	/* The first packet of a bucket is its sample (addresses). */
	nv.count = 1;
	nv.family = p.family;
	__builtin_memcpy(nv.saddr, p.saddr, 16);
	__builtin_memcpy(nv.daddr, p.daddr, 16);
	nv.iif = BPF_CORE_READ(skb, skb_iif);
	/* Two CPUs may race to create the key: the loser adds to the
	 * winner's counter instead of overwriting it. */
	if (bpf_map_update_elem(&drops, &k, &nv, BPF_NOEXIST)) {
		v = bpf_map_lookup_elem(&drops, &k);
		if (v)
			__sync_fetch_and_add(&v->count, 1);
		else
			__sync_fetch_and_add(&lost_keys, 1);
	}
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
