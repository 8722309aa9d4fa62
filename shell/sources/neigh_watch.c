// SPDX-License-Identifier: GPL-2.0-only
/* What the neighbour entries did during an observation window, through
 * libnl-route: the states when the window began from a route/neigh cache
 * (filled once, then freed: only the states are kept), then every
 * RTM_NEWNEIGH / RTM_DELNEIGH notification of the window, parsed into
 * rtnl_neigh objects, in order.  A next hop that cycles through
 * resolution while packets wait for it is seen as such, not as the one
 * state a snapshot at the end happens to catch.
 *
 * Why not libnl's cache manager: it reports a notification only when the
 * cached object changed, and the kernel's repeated "FAILED" for a next hop
 * that failed again is identical to the last one.  The kernel does not
 * notify INCOMPLETE (a packet restarting resolution sets it silently) and
 * leaves resolving entries out of dumps, so a FAILED stands for
 * INCOMPLETE>FAILED when what came before it was not seen or was FAILED.
 *
 * The window source of the neigh family: at the window's end it publishes
 * neigh[ADDR].history ("INCOMPLETE>FAILED>INCOMPLETE>FAILED": the state at
 * the start first when the entry existed, "none" once deleted) and
 * neigh[ADDR].changes for every entry that changed, plus neigh.available
 * and neigh.skip.  At most MAX_WATCHED entries are followed; events queue
 * in the socket until the window ends (a 1 MiB buffer). */
#include <arpa/inet.h>
#include <netlink/cache.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/neighbour.h>
#include <netlink/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "family.h"
#include "neigh_read.h"
#include "rtfmt.h"
#include "xalloc.h"

#define MAX_WATCHED 1024
#define HISTORY_MAX 240
#define RCVBUF	    (1 << 20)

struct watched {
	char addr[INET6_ADDRSTRLEN];
	char start[32]; /* the state when the window began, "" unknown */
	char history[HISTORY_MAX + 4];
	char last[32];
	unsigned changes;
};

struct watch {
	struct nl_sock *sock;
	struct watched *v;
	size_t n;
	bool deleting; /* the message being parsed is an RTM_DELNEIGH */
	bool lost;     /* entries beyond MAX_WATCHED, or a full socket buffer */
};

/* The entry's address as inet_ntop writes it (the neigh[ADDR] spelling). */
static bool addr_of(struct rtnl_neigh *nb, char *buf, size_t len)
{
	struct nl_addr *a = rtnl_neigh_get_dst(nb);
	int fam = a ? nl_addr_get_family(a) : AF_UNSPEC;
	if ((fam != AF_INET && fam != AF_INET6) ||
	    nl_addr_get_len(a) != (fam == AF_INET ? 4u : 16u))
		return false;
	return inet_ntop(fam, nl_addr_get_binary_addr(a), buf, (socklen_t)len) != NULL;
}

static struct watched *find(struct watch *w, const char *addr, bool add)
{
	for (size_t i = 0; i < w->n; i++)
		if (!strcmp(w->v[i].addr, addr))
			return &w->v[i];
	if (!add)
		return NULL;
	if (w->n == MAX_WATCHED) {
		w->lost = true;
		return NULL;
	}
	w->v[w->n] = (struct watched){0};
	snprintf(w->v[w->n].addr, sizeof(w->v[w->n].addr), "%s", addr);
	return &w->v[w->n++];
}

static void add_state(struct watched *e, const char *state)
{
	size_t l = strlen(e->history);
	if (e->last[0])
		e->changes++;
	snprintf(e->last, sizeof(e->last), "%s", state);
	if (l >= HISTORY_MAX) {
		if (strcmp(e->history + l - 3, "..."))
			snprintf(e->history + l, sizeof(e->history) - l, "...");
		return;
	}
	snprintf(e->history + l, sizeof(e->history) - l, "%s%s", l ? ">" : "", state);
}

/* One state an entry reached: appended unless it repeats the last one.
 * FAILED is only ever reached from a resolution (INCOMPLETE, never
 * notified): a FAILED after a FAILED is one that failed again, a first
 * FAILED of an entry the window did not see begin was resolving. */
static void reached(struct watched *e, const char *state)
{
	if (!e->last[0] && e->start[0]) {
		add_state(e, e->start);
	} else if (!e->last[0]) {
		e->changes++; /* created in the window: that is a change */
		if (!strcmp(state, "FAILED"))
			add_state(e, "INCOMPLETE");
	}
	if (e->last[0] && !strcmp(e->last, state)) {
		if (strcmp(state, "FAILED"))
			return;
		add_state(e, "INCOMPLETE");
	}
	add_state(e, state);
}

static void on_neigh(struct nl_object *obj, void *arg)
{
	struct watch *w = arg;
	struct rtnl_neigh *nb = (struct rtnl_neigh *)obj;
	char addr[INET6_ADDRSTRLEN], sb[32];
	struct watched *e;
	if (!addr_of(nb, addr, sizeof(addr)) || !(e = find(w, addr, true)))
		return;
	reached(e, w->deleting
		       ? "none"
		       : np_neigh_state_name((unsigned)rtnl_neigh_get_state(nb), sb, sizeof(sb)));
}

static int on_msg(struct nl_msg *msg, void *arg)
{
	struct watch *w = arg;
	w->deleting = nlmsg_hdr(msg)->nlmsg_type == RTM_DELNEIGH;
	nl_msg_parse(msg, on_neigh, w);
	return NL_OK;
}

/* The states when the window begins: a route/neigh cache filled on its own
 * socket (the event socket is already subscribed, so nothing between the
 * two is missed), read, freed. */
static void start_states(struct watch *w)
{
	struct nl_sock *sync = nl_socket_alloc();
	struct nl_cache *cache = NULL;
	if (sync && !nl_connect(sync, NETLINK_ROUTE) && !rtnl_neigh_alloc_cache(sync, &cache)) {
		for (struct nl_object *o = nl_cache_get_first(cache); o && w->n < MAX_WATCHED;
		     o = nl_cache_get_next(o)) {
			char addr[INET6_ADDRSTRLEN];
			struct watched *e;
			if (addr_of((struct rtnl_neigh *)o, addr, sizeof(addr)) &&
			    (e = find(w, addr, true)))
				np_neigh_state_name(
				    (unsigned)rtnl_neigh_get_state((struct rtnl_neigh *)o),
				    e->start, sizeof(e->start));
		}
	}
	nl_cache_free(cache);
	nl_socket_free(sync);
}

static void publish_skip(struct np_ctx *ctx, const char *why)
{
	np_fact_set_int(ctx->facts, "neigh.available", 0);
	np_fact_set_str(ctx->facts, "neigh.skip", why);
}

static int watch_start(struct np_ctx *ctx, const char *filter, void **state)
{
	struct watch *w = np_xcalloc(1, sizeof(*w));
	int err;
	(void)filter; /* every entry of the namespace: a next hop is not in the flow's filter */
	*state = NULL;
	w->v = np_xcalloc(MAX_WATCHED, sizeof(*w->v));
	w->sock = nl_socket_alloc();
	err = w->sock ? nl_connect(w->sock, NETLINK_ROUTE) : -NLE_NOMEM;
	if (!err)
		err = nl_socket_add_memberships(w->sock, RTNLGRP_NEIGH, 0);
	if (err) {
		char why[160];
		snprintf(why, sizeof(why), "neighbour watch (libnl): %s", nl_geterror(err));
		publish_skip(ctx, why);
		nl_socket_free(w->sock);
		free(w->v);
		free(w);
		return -EIO;
	}
	nl_socket_disable_seq_check(w->sock);
	nl_socket_modify_cb(w->sock, NL_CB_VALID, NL_CB_CUSTOM, on_msg, w);
	nl_socket_set_buffer_size(w->sock, RCVBUF, 0);
	nl_socket_set_nonblocking(w->sock);
	start_states(w);
	*state = w;
	return 0;
}

static int watch_collect(struct np_ctx *ctx, void *state, double seconds)
{
	struct watch *w = state;
	int rc;
	(void)seconds;
	/* The notifications queued during the window, in order. */
	while ((rc = nl_recvmsgs_default(w->sock)) >= 0)
		;
	if (rc != -NLE_AGAIN)
		w->lost = true; /* -NLE_NOMEM: the socket buffer overflowed */
	np_fact_set_int(ctx->facts, "neigh.available", 1);
	np_fact_set_str(ctx->facts, "neigh.skip",
			w->lost ? "some neighbour changes were not kept (too many entries or "
				  "notifications)"
				: "");
	for (size_t i = 0; i < w->n; i++) {
		if (!w->v[i].changes)
			continue;
		np_fact_setf_str(ctx->facts, w->v[i].history, "neigh[%s].history", w->v[i].addr);
		np_fact_setf_int(ctx->facts, w->v[i].changes, "neigh[%s].changes", w->v[i].addr);
	}
	return 0;
}

static void watch_stop(struct np_ctx *ctx, void *state)
{
	struct watch *w = state;
	(void)ctx;
	if (!w)
		return;
	nl_socket_free(w->sock);
	free(w->v);
	free(w);
}

const struct np_window_source np_neigh_watch = {
    .name = "neigh",
    .start = watch_start,
    .collect = watch_collect,
    .stop = watch_stop,
};
