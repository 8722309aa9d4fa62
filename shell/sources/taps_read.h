/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading the taps of a namespace (taps_read.c): the `taps` command and
 * the taps fact family share it. */
#ifndef NP_TAPS_READ_H
#define NP_TAPS_READ_H

#include "ctx.h"
#include "tapsinfo.h"

/* One device: XDP, the tc hooks, the packet sockets that see it. */
struct np_dev_taps {
	struct np_xdp_link link;
	char xdp_prog[64];
	int qdisc; /* 0 none, 1 ingress, 2 clsact */
	unsigned tc_in, tc_eg, tc_in_bpf, tc_eg_bpf, tcx_in, tcx_eg;
	unsigned psocks;
};

struct np_tap_filter {
	struct np_tc_filter f;
	int dir;
	bool tcx;
	char prog[64];
};

struct np_taps {
	struct np_dev_taps *devs;
	int ndev;
	struct np_tap_filter *filters;
	int nfilters;
	struct np_packet_sock *ps;
	int nps;
	int cur_dir;
	struct np_ctx *ctx;
};

/* Gather everything for dev (NULL: all devices).  0 or -errno, reported
 * (-ENODEV: no such interface).  np_taps_free() in any case. */
int np_taps_gather(struct np_ctx *ctx, const char *dev, struct np_taps *s);
void np_taps_free(struct np_taps *s);
/* The gathered device with that ifindex, or NULL. */
struct np_dev_taps *np_taps_dev(struct np_taps *s, int ifindex);

#define NP_TAPS_OWNER_LEN 64
/* "pid/comm" owning each packet socket, from one walk of /proc/PID/fd
 * (stops once every socket has an owner).  Unknown owners stay "?". */
void np_taps_owners(const struct np_packet_sock *ps, int n, char (*owner)[NP_TAPS_OWNER_LEN]);

#endif
