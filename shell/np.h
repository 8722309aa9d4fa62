/* SPDX-License-Identifier: GPL-2.0-only */
/* Common definitions shared by every part of netpath. */
#ifndef NP_NP_H
#define NP_NP_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Health of what a command looked at (Nagios plugin convention).  Commands
 * set ctx->health; only main() turns health and return codes into an exit
 * status. */
enum np_health {
	NP_OK = 0,
	NP_WARN = 1,
	NP_CRIT = 2,
	NP_UNKNOWN = 3,
};

/* Exit status for a usage or syntax error. */
#define NP_EXIT_USAGE 64

/* Handlers return 0 or -errno.  -NP_EUSAGE marks a usage/syntax error
 * (exit 64); it is outside the errno range so a kernel EINVAL is never
 * mistaken for a typo. */
#define NP_EUSAGE 4096

#define NP_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define NP_PRINTF(f, a) __attribute__((format(printf, f, a)))

struct np_ctx;

/* The layer vocabulary, in receive-path order: packets come from the
 * network, cross the device, and (when the host bridges) the bridge before
 * the IP stack.  On the send path the order is reversed: a `network`
 * verdict means the packets left this host and the failure is downstream. */
enum np_layer {
	NP_L_NETWORK,
	NP_L_LINK,
	NP_L_XDP,
	NP_L_TC,
	NP_L_SOFTIRQ,
	NP_L_BRIDGE,
	NP_L_NETFILTER,
	NP_L_CONNTRACK,
	NP_L_ROUTING,
	NP_L_NEIGHBOR,
	NP_L_IP,
	NP_L_QDISC,
	NP_L_TRANSPORT,
	NP_L_SOCKET,
	NP_L_NONE,
	NP_L__COUNT,
};

const char *np_layer_name(enum np_layer l);
/* Position of l in path order: the receive path, or the send path (tx). */
int np_layer_order(enum np_layer l, bool tx);
/* Returns the layer for a name or -1. */
int np_layer_from_name(const char *name);

const char *np_health_name(enum np_health h);

#endif
