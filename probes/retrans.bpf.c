// SPDX-License-Identifier: GPL-2.0-only
/* Kernel half of `probe retrans`: TCP retransmissions per flow. */
#include "vmlinux.h"

#include <bpf/bpf_tracing.h>

#include "filter.bpf.h"
#include "retrans.h"
#include "sock.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, NP_RETRANS_MAX_KEYS);
	/* Entries allocated on insert: preallocating them all made creating
	 * the map cost more (4 ms for 10k) than verifying the program. */
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct retrans_key);
	__type(value, struct retrans_val);
} retrans SEC(".maps");

__u64 lost_keys = 0;

static __always_inline void on_retrans(const struct sock *sk, struct sk_buff *skb, int err)
{
	struct np_pkt p = {};
	struct retrans_key k = {};
	struct retrans_val *v, nv = {};

	if (!sk || !np_pkt_from_sk(sk, &p))
		return;
	if (skb) {
		struct net_device *dev = BPF_CORE_READ(skb, dev);
		if (dev)
			p.ifindex = BPF_CORE_READ(dev, ifindex);
	}
	if (!np_filter_pkt(&np_filt, &p))
		return;
	__builtin_memcpy(k.laddr, p.saddr, 16);
	__builtin_memcpy(k.raddr, p.daddr, 16);
	k.lport = p.sport;
	k.rport = p.dport;
	k.netns = p.netns;
	k.family = p.family;
	v = bpf_map_lookup_elem(&retrans, &k);
	if (!v) {
		bpf_map_update_elem(&retrans, &k, &nv, BPF_NOEXIST);
		v = bpf_map_lookup_elem(&retrans, &k);
		if (!v) {
			__sync_fetch_and_add(&lost_keys, 1);
			return;
		}
	}
	__sync_fetch_and_add(&v->count, 1);
	if (err)
		__sync_fetch_and_add(&v->failed, 1);
	v->state = BPF_CORE_READ(sk, __sk_common.skc_state);
}

SEC("tp_btf/tcp_retransmit_skb")
int BPF_PROG(retrans_btf, const struct sock *sk, struct sk_buff *skb, int err)
{
	on_retrans(sk, skb, err);
	return 0;
}

SEC("raw_tp/tcp_retransmit_skb")
int BPF_PROG(retrans_raw, const struct sock *sk, struct sk_buff *skb, int err)
{
	on_retrans(sk, skb, err);
	return 0;
}
