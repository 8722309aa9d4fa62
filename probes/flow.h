/* SPDX-License-Identifier: GPL-2.0-only */
/* `probe flow` aggregation: what happened to this host's packets of a flow
 * after they left (connect outcome, SYN retransmissions, RSTs and socket
 * errors, ICMP errors received about them, ICMP errors sent about them).
 * Shared by probes/flow.bpf.c and probes/flow.c: fixed-size types only. */
#ifndef NP_FLOW_H
#define NP_FLOW_H

#include "flow_parse.h" /* NP_ICMP_KINDS */

#define NP_FLOW_MAX_PEERS 2048
#define NP_FLOW_MAX_WHO	  512
#define NP_FLOW_MAX_CONNS 4096
#define NP_FLOW_SCHED_MAX 8
#define NP_FLOW_ERRNOS	  256 /* socket errors counted per errno below this */
#define NP_FLOW_LOCAL_MAX 16  /* local addresses the quoted source is checked against */

/* Where an ICMP error was parsed (one per-CPU scratch buffer each: a
 * softirq program may interrupt a process-context one on the same CPU). */
#define NP_FLOW_SITE_RX	  0 /* net:netif_receive_skb: received, before netfilter */
#define NP_FLOW_SITE_DROP 1 /* skb:kfree_skb: this host dropped it */
#define NP_FLOW_SITE_TX	  2 /* net:net_dev_queue: an ICMP error this host sends */
#define NP_FLOW_SITES	  3

/* The remote end of the flow: the socket's peer, the quoted packet's
 * destination, or the offending packet's destination. */
struct flow_key {
	__u8 raddr[16];
	__u32 netns;
	__u16 rport;
	__u8 family; /* 4 or 6 */
	__u8 l4;     /* IPPROTO_TCP, IPPROTO_UDP ... */
};

struct flow_val {
	__u64 connects;	   /* CLOSE -> SYN_SENT */
	__u64 established; /* SYN_SENT -> ESTABLISHED */
	__u64 failed;	   /* SYN_SENT -> CLOSE */
	__u64 syn_retrans; /* tcp_retransmit_skb in SYN_SENT */
	__u64 rst;	   /* tcp_receive_reset */
	__u64 errors;	   /* inet_sk_error_report with sk_err set */
	__u64 icmp_rx, icmp_drop, icmp_tx;
	__u64 icmp_tx_drop; /* errors this host generated, dropped on their way out */
	__u64 rx_kind[NP_ICMP_KINDS], tx_kind[NP_ICMP_KINDS];
	__u32 last_errno;
	__u32 mtu;	   /* announced by the last frag-needed / packet too big */
	__u32 drop_reason; /* enum skb_drop_reason of the last dropped ICMP error */
	__u8 from_family, to_family;
	__u8 pad[2];
	__u8 icmp_from[16]; /* outer source of the last ICMP error received */
	__u8 sent_to[16];   /* where the last ICMP error sent went */
};

/* "Who" counters: which address sent the RSTs / ICMP errors, where the
 * errors this host sent went.  User space names the most frequent. */
#define NP_WHO_RST_FROM	 0
#define NP_WHO_ICMP_FROM 1
#define NP_WHO_SENT_TO	 2

struct who_key {
	__u8 addr[16];
	__u8 family;
	__u8 what;
	__u16 pad;
};

/* One connecting socket: when it entered SYN_SENT and when its SYN was
 * retransmitted (ms after that). */
struct conn_val {
	__u64 start_ns;
	__u32 n;
	__u32 ms[NP_FLOW_SCHED_MAX];
};

/* Addresses of the watched namespace (set before load; n = 0: no check). */
struct np_flow_local {
	__u32 n;
	__u32 pad;
	struct {
		__u8 family;
		__u8 pad[3];
		__u8 a[16];
	} addr[NP_FLOW_LOCAL_MAX];
};

/* Read-only configuration, set before load. */
struct np_flow_cfg {
	struct np_flow_local local;
	__u8 v4_tx_at_queue; /* no icmp:icmp_send: see IPv4 errors at net_dev_queue */
	__u8 pad[7];
};

#endif
