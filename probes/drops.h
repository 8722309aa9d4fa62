/* SPDX-License-Identifier: GPL-2.0-only */
/* skb:kfree_skb aggregation: the key both sides of the drops probe share. */
#ifndef NP_DROPS_H
#define NP_DROPS_H

#define NP_DROPS_MAX_KEYS 10240

/* One aggregation bucket: every drop with the same reason, kernel
 * location, namespace, device and protocols adds to one exact counter. */
struct drop_key {
	__u64 location; /* caller of kfree_skb (symbolised via /proc/kallsyms) */
	__u32 reason;	/* enum skb_drop_reason of the running kernel */
	__u32 netns;	/* namespace inode (0: no device and no socket) */
	__u32 ifindex;
	__u16 l3;   /* ethertype, host order */
	__u8 l4;    /* IP protocol or 0 */
	__u8 local; /* 1: generated on this host (never received: skb_iif 0) */
};

/* A bucket's count, and the addresses of the packet that opened it: a
 * sample that names the flow (the source rp_filter refused, the address a
 * packet with no socket was sent to) at no cost per later drop. */
struct drop_val {
	__u64 count;
	__u8 saddr[16], daddr[16];
	__u8 family; /* 4, 6 or 0 */
	__u8 pad[3];
	/* The sample's input interface (skb_iif): where a received packet
	 * came in, whichever device it was bound for when it died.  0 for a
	 * packet this host generated. */
	__u32 iif;
};

/* One CPU's last bucket (a per-CPU array of one entry): consecutive
 * drops with the same key, the common case under a flood, are counted
 * here without a hash lookup or an atomic add.  `pending` drops of `key`
 * are not yet in the map: a later drop with another key adds them, and
 * user space adds what is still pending when it reads. */
struct drop_cache {
	struct drop_key key;
	__u64 pending;
	__u32 valid; /* key holds a bucket that exists in the map */
	__u32 pad;
};

#endif
