// SPDX-License-Identifier: GPL-2.0-only
/* Kernel half of `probe resets`: who sends (and receives) TCP RSTs, why,
 * from which kernel stack.  Aggregated per flow+reason+stack. */
#include "vmlinux.h"

#include <bpf/bpf_tracing.h>

#include "filter.bpf.h"
#include "resets.h"
#include "sock.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, NP_RESETS_MAX_KEYS);
	/* Entries allocated on insert: preallocating them all made creating
	 * the map cost more (4 ms for 10k) than verifying the program. */
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct reset_key);
	__type(value, struct reset_val);
} resets SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, 1024);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, 127 * sizeof(__u64));
} stacks SEC(".maps");

__u64 lost_keys = 0;

static __always_inline void add(void *ctx, const struct np_pkt *p, __u8 dir, __u32 reason,
				__u8 state)
{
	struct reset_key k = {};
	struct reset_val *v, nv = {};

	if (!np_filter_pkt(&np_filt, p))
		return;
	/* The key is the local/remote view whatever the direction. */
	if (dir == NP_RESET_SENT) {
		__builtin_memcpy(k.laddr, p->saddr, 16);
		__builtin_memcpy(k.raddr, p->daddr, 16);
		k.lport = p->sport;
		k.rport = p->dport;
	} else {
		__builtin_memcpy(k.laddr, p->daddr, 16);
		__builtin_memcpy(k.raddr, p->saddr, 16);
		k.lport = p->dport;
		k.rport = p->sport;
	}
	k.netns = p->netns;
	k.family = p->family;
	k.dir = dir;
	k.reason = reason;
	k.state = state;
	k.stackid = bpf_get_stackid(ctx, &stacks, 0);
	v = bpf_map_lookup_elem(&resets, &k);
	if (!v) {
		bpf_map_update_elem(&resets, &k, &nv, BPF_NOEXIST);
		v = bpf_map_lookup_elem(&resets, &k);
		if (!v) {
			__sync_fetch_and_add(&lost_keys, 1);
			return;
		}
	}
	__sync_fetch_and_add(&v->count, 1);
	v->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(v->comm, sizeof(v->comm));
}

static __always_inline void on_send(void *ctx, const struct sock *sk, struct sk_buff *skb,
				    __u32 reason)
{
	struct np_pkt p = {};
	__u8 state = 0;

	if (sk) {
		if (!np_pkt_from_sk(sk, &p))
			return;
		state = BPF_CORE_READ(sk, __sk_common.skc_state);
		if (skb) {
			struct net_device *dev = BPF_CORE_READ(skb, dev);
			if (dev)
				p.ifindex = BPF_CORE_READ(dev, ifindex);
		}
	} else if (skb) {
		/* No socket: the RST answers skb, so it goes the other way. */
		np_pkt_where(skb, &p, false);
		np_pkt_headers(skb, &p, false);
		if (p.l4 != IPPROTO_TCP)
			return;
		np_pkt_swap(&p);
	} else {
		return;
	}
	add(ctx, &p, NP_RESET_SENT, reason, state);
}

static __always_inline void on_receive(void *ctx, const struct sock *sk)
{
	struct np_pkt p = {};
	if (!sk || !np_pkt_from_sk(sk, &p))
		return;
	np_pkt_swap(&p); /* the RST came from the remote end */
	add(ctx, &p, NP_RESET_RECEIVED, 0, BPF_CORE_READ(sk, __sk_common.skc_state));
}

SEC("tp_btf/tcp_send_reset")
int BPF_PROG(send_btf, const struct sock *sk, struct sk_buff *skb, int reason)
{
	on_send(ctx, sk, skb, (__u32)reason);
	return 0;
}

SEC("tp_btf/tcp_receive_reset")
int BPF_PROG(recv_btf, const struct sock *sk)
{
	on_receive(ctx, sk);
	return 0;
}

SEC("raw_tp/tcp_send_reset")
int BPF_PROG(send_raw, const struct sock *sk, struct sk_buff *skb, int reason)
{
	on_send(ctx, sk, skb, (__u32)reason);
	return 0;
}

SEC("raw_tp/tcp_receive_reset")
int BPF_PROG(recv_raw, const struct sock *sk)
{
	on_receive(ctx, sk);
	return 0;
}
