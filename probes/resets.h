/* SPDX-License-Identifier: GPL-2.0-only */
/* tcp:tcp_send_reset / tcp:tcp_receive_reset aggregation key. */
#ifndef NP_RESETS_H
#define NP_RESETS_H

#define NP_RESETS_MAX_KEYS 4096
#define NP_RESET_SENT	   0
#define NP_RESET_RECEIVED  1

struct reset_key {
	__u8 laddr[16], raddr[16];
	__u32 netns;
	__u32 reason; /* enum sk_rst_reason (sent only) */
	__s32 stackid;
	__u16 lport, rport;
	__u8 family; /* 4 or 6 */
	__u8 dir;    /* NP_RESET_SENT / NP_RESET_RECEIVED */
	__u8 state;  /* TCP state of the socket, 0 when there was none */
	__u8 pad;
};

struct reset_val {
	__u64 count;
	__u32 pid; /* task on the CPU at the last event (softirq: often unrelated) */
	char comm[16];
};

#endif
