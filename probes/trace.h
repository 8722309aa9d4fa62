/* SPDX-License-Identifier: GPL-2.0-only */
/* `probe trace` events: one record per tracepoint hit, through a ring
 * buffer (a timeline needs every event in order, not a count). */
#ifndef NP_TRACE_H
#define NP_TRACE_H

enum np_trace_type {
	TE_NETIF_RECEIVE,
	TE_NET_DEV_QUEUE,
	TE_START_XMIT,
	TE_DEV_XMIT,
	TE_QDISC_DEQUEUE,
	TE_FIB_LOOKUP,
	TE_NEIGH_CREATE,
	TE_NEIGH_UPDATE,
	TE_NEIGH_TIMER,
	TE_NEIGH_DEAD,
	TE_KFREE_SKB,
	TE_CONSUME_SKB,
	TE__COUNT,
};

struct np_trace_event {
	__u64 ts;	/* bpf_ktime_get_ns */
	__u64 skb;	/* identity of the packet (0 for fib/neigh) */
	__u64 location; /* kfree/consume caller */
	__u32 netns;
	__u32 ifindex;
	__u32 cpu;
	__u32 reason; /* kfree: drop reason; neigh: state; fib: table */
	__s32 ret;    /* xmit rc, fib/neigh err, qdisc packets */
	__u32 len;
	__u16 l3;
	__u8 l4;
	__u8 family;
	__u8 type; /* enum np_trace_type */
	__u8 pad[3];
	__u16 sport, dport;
	__u8 saddr[16], daddr[16];
	char dev[16];
};

/* Counters in .bss, read at the end. */
struct np_trace_stats {
	__u64 emitted;
	__u64 rate_dropped; /* over the per-second budget */
	__u64 ring_dropped; /* ring buffer full */
};

#endif
