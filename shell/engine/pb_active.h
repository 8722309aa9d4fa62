/* SPDX-License-Identifier: GPL-2.0-only */
/* Active mode: netpath's own bounded test packets during a playbook's
 * window (see pb_active.c). */
#ifndef NP_PB_ACTIVE_H
#define NP_PB_ACTIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "facts.h"

struct np_ctx;
struct pb_active;

enum pb_active_kind {
	PB_ACTIVE_TCP,	/* one connect() */
	PB_ACTIVE_UDP,	/* 5 small datagrams */
	PB_ACTIVE_ICMP, /* 3 echo requests */
	PB_ACTIVE_DF,	/* DF datagrams: binary search of the size that crosses */
};

/* Open (and bind) the test socket before the probes start; filter_extra
 * gets " and sport N" so the probes follow exactly these packets. */
int pb_active_open(struct np_ctx *ctx, enum pb_active_kind kind, const char *dst, unsigned port,
		   struct pb_active **out, char *filter_extra, size_t len);
/* Send the test packets (right after the probes attached); the DF search
 * of mtu ends by deadline (np_now() seconds: the window's end). */
void pb_active_send(struct pb_active *a, double deadline);
/* After the window: publish the active.* facts, close, free. */
void pb_active_finish(struct np_ctx *ctx, struct pb_active *a);
/* Close without publishing (error paths). */
void pb_active_close(struct pb_active *a);

#endif
