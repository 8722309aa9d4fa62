/* SPDX-License-Identifier: GPL-2.0-only */
/* The kernel's own FIB lookup (RTM_GETROUTE, no dump) and the diagnosis of
 * failed input lookups: forwarding disabled, martian source, rp_filter. */
#ifndef NP_ROUTEGET_H
#define NP_ROUTEGET_H

#include "ctx.h"
#include "rtfmt.h"
#include "rtrule.h"
#include "rtnl_util.h"

struct np_route_answer {
	int err;	    /* positive errno of a failed lookup, 0 on success */
	const char *type;   /* route type name (np_rt_type_name or noroute) */
	unsigned rtn;	    /* RTN_* of a successful lookup */
	uint32_t table;	    /* 0 = unknown */
	char dev[IF_NAMESIZE];
	char gateway[64];
	char prefsrc[64];
	char prefix[72];    /* the matching FIB entry (RTM_F_FIB_MATCH), "" if unknown */
	char proto[16];	    /* who installed the matching entry */
	uint32_t mtu;	    /* PMTU from the route, else the device MTU; 0 unknown */
	bool mtu_cached;    /* mtu came from a cached PMTU exception */
	uint32_t metric;
	int nexthops;	    /* >1 for a multipath entry */
	/* Why (one word for playbooks, one sentence for people). */
	const char *reason;
	char explain[256];
	/* The policy rule that chose the table (or rejected the packet). */
	bool have_rule;
	struct np_rule rule;
	bool delivers;	    /* unicast/local/broadcast/multicast/anycast */
};

/* Validate the query (addresses, devices) and run it.  0 with *ans filled
 * (a failed lookup is an answer, not an error), or -errno / -NP_EUSAGE
 * with the error reported. */
int np_route_lookup(struct np_ctx *ctx, const struct np_route_query *q, struct np_route_answer *ans);
/* Publish route[KEY].* facts for an answer; KEY is the canonical key of q,
 * or keyarg when given (a fact request is answered under the exact key it
 * asked for, whatever the order of its selectors). */
void np_route_publish(struct np_ctx *ctx, const struct np_route_query *q, const char *keyarg,
		      const struct np_route_answer *ans);

#endif
