/* SPDX-License-Identifier: GPL-2.0-only */
/* tcp:tcp_retransmit_skb aggregation: one counter per flow. */
#ifndef NP_RETRANS_H
#define NP_RETRANS_H

#define NP_RETRANS_MAX_KEYS 8192

struct retrans_key {
	__u8 laddr[16], raddr[16];
	__u32 netns;
	__u16 lport, rport;
	__u8 family;
	__u8 pad[3];
};

struct retrans_val {
	__u64 count;
	__u64 failed; /* retransmissions the stack could not send (err != 0) */
	__u8 state;   /* TCP state at the last retransmission */
	__u8 pad[7];
};

#endif
