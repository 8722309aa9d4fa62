/* SPDX-License-Identifier: GPL-2.0-only */
/* Pure formatting and parsing helpers for the rtnetlink commands (route,
 * routes, rules, neigh, qdisc).  No sockets here: everything is unit-tested
 * on synthesized messages. */
#ifndef NP_RTFMT_H
#define NP_RTFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

/* RTN_* -> "unicast", "blackhole" ...; unknown numbers as "type-N" in buf. */
const char *np_rt_type_name(unsigned type, char *buf, size_t len);
/* A failed route lookup's errno (positive) -> the route type it stands for:
 * ENETUNREACH "noroute", EHOSTUNREACH "unreachable", EACCES "prohibit",
 * EINVAL "blackhole" (the caller refines EINVAL on input lookups). NULL for
 * errnos that are real failures (EPERM, ENODEV, ...). */
const char *np_rt_type_for_errno(int err);
/* Errno name: "ENETUNREACH" ... or "E<number>". */
const char *np_errno_name(int err, char *buf, size_t len);
/* RTPROT_* -> "kernel", "boot", "static", "dhcp", ... or the number. */
const char *np_rt_proto_name(unsigned proto, char *buf, size_t len);
/* RT_SCOPE_* -> "global", "link", "host", ... or the number. */
const char *np_rt_scope_name(unsigned scope, char *buf, size_t len);
/* Table id -> "main", "local", "default" or the number. */
const char *np_rt_table_name(uint32_t table, char *buf, size_t len);
/* "main", "local", "default", "all" (0) or a number 1..2^32-1.  Names from
 * /etc/iproute2/rt_tables are resolved by the caller.  0 or -1. */
int np_rt_table_parse(const char *s, uint32_t *out);
/* FR_ACT_* -> "lookup", "goto", "nop", "blackhole", "unreachable", "prohibit". */
const char *np_rule_action_name(unsigned action, char *buf, size_t len);

/* NUD_* state bits -> "REACHABLE", "FAILED", "PERMANENT" ... (the most
 * significant state; "none" for 0).  Several bits are joined with '|'. */
const char *np_neigh_state_name(unsigned state, char *buf, size_t len);
/* NUD_FAILED or NUD_INCOMPLETE: the next hop cannot be (or is not yet) resolved. */
bool np_neigh_state_bad(unsigned state);

/* TCA_STATS2 (or legacy TCA_STATS) counters of a qdisc or class. */
struct np_tcstats {
	uint64_t bytes, packets;
	uint32_t qlen, backlog, drops, requeues, overlimits;
	bool valid;
};
/* Parse the attribute stream of a tcmsg (after struct tcmsg): fills kind
 * (TCA_KIND) and the counters.  Returns 0, or -EINVAL for a malformed
 * message. */
int np_tc_parse(const struct nlmsghdr *nlh, char *kind, size_t kindlen, struct np_tcstats *st);
/* tc handle formatting like tc(8): "1:", "1:10", "ffff:", "root", "0:".  */
const char *np_tc_handle(uint32_t h, char *buf, size_t len);
/* Parent of a qdisc as tc prints it ("root", "ingress"/"clsact", "1:10"). */
const char *np_tc_parent(uint32_t parent, char *buf, size_t len);

/* Route fact keys: "DST[,from=SRC][,iif=DEV][,oif=DEV][,mark=N]
 * [,proto=P][,sport=N][,dport=N]" (the part inside route[...]). */
struct np_route_query {
	char dst[64];
	char src[64];
	char iif[16];
	char oif[16];
	uint32_t mark;
	bool has_mark;
	uint8_t ipproto; /* 0 = unset; IPPROTO_TCP/UDP/ICMP */
	uint16_t sport, dport;
	/* Not part of the key: also locate the table and prefix of a
	 * rejecting route (costs a kernel-filtered dump, O(routes)). */
	bool locate;
};
/* Canonical key argument for q (selectors in the fixed order above). */
void np_route_key(const struct np_route_query *q, char *buf, size_t len);
/* Parse a key argument back.  0 or -1 with why. */
int np_route_key_parse(const char *arg, struct np_route_query *q, char *why, size_t len);
/* "tcp", "udp", "icmp" (and "icmpv6") <-> IPPROTO_*; 0 for unknown. */
uint8_t np_ipproto_parse(const char *s);
const char *np_ipproto_name(uint8_t p);

#endif
