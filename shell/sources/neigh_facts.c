// SPDX-License-Identifier: GPL-2.0-only
/* The neigh and neightbl fact families: neigh[ADDR].state|dev (one entry,
 * two requests, no dump), neigh.failed|incomplete (a streamed dump), and
 * the host-wide neighbour tables' statistics (neigh_read.c). */
#include <stdio.h>
#include <string.h>

#include "family.h"
#include "neigh_read.h"

static int neigh_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct np_nl nl;
	int err;
	if ((err = np_nl_open(ctx, &nl)))
		return err;
	if (!strcmp(np_factkey_name(key, 0), "neightbl")) {
		struct np_ntbl_walk tw = {0};
		err = np_neigh_tables(ctx, &nl, &tw);
	} else {
		/* A lookup by address needs the device in RTM_GETNEIGH, so one
		 * address costs a dump; it is streamed and nothing is kept. */
		struct np_neigh_walk w = {0};
		char why[64];
		w.ctx = ctx;
		if (key->seg[0].has_arg) {
			if (np_parse_addr(np_factkey_arg(key, 0), &w.want, why, sizeof(why))) {
				np_error(ctx->out, "neigh[ADDR]: an IPv4 or IPv6 address", "%s",
					 why);
				np_nl_close(&nl);
				return -NP_EUSAGE;
			}
			w.want_addr = true;
		}
		/* One address: ask the kernel which device it would use and
		 * read that one entry (two requests, no dump). */
		err = w.want_addr ? np_neigh_get(&nl, &w) : np_neigh_dump(ctx, &nl, &w, 0);
		if (err == -ENOENT || err == -ENETUNREACH || err == -EHOSTUNREACH ||
		    err == -EINVAL || err == -EACCES)
			err = 0; /* no entry (or no route to it): state none */
		if (!err && w.want_addr && !w.total) {
			char a[INET6_ADDRSTRLEN];
			np_addr_str(&w.want, a, sizeof(a));
			np_fact_setf_str(ctx->facts, "none", "neigh[%s].state", a);
			np_fact_setf_str(ctx->facts, "", "neigh[%s].dev", a);
		}
		if (!err && !w.want_addr) {
			np_fact_set_int(ctx->facts, "neigh.failed", (int64_t)w.failed);
			np_fact_set_int(ctx->facts, "neigh.incomplete", (int64_t)w.incomplete);
		}
		np_ifcache_free(&w.ifc);
	}
	np_nl_close(&nl);
	return err;
}

/* neigh[ADDR]: the address as inet_ntop writes it (neigh[FD00::01] is
 * neigh[fd00::1]); neightbl[TABLE] as written. */
static int neigh_canon(struct np_factkey *key, char *why, size_t len)
{
	static const char *const tfields[] = {
	    "unresolved_discards", "table_fulls", "forced_gc_runs", "res_failed", "entries",
	    "gc_thresh1",	   "gc_thresh2",  "gc_thresh3"};
	const char *f = np_factkey_name(key, 1);
	if (!strcmp(np_factkey_name(key, 0), "neightbl")) {
		if (key->nseg == 2 && key->seg[0].has_arg)
			for (size_t i = 0; i < NP_ARRAY_SIZE(tfields); i++)
				if (!strcmp(f, tfields[i]))
					return 0;
		snprintf(why, len,
			 "expected neightbl[arp_cache|ndisc_cache].FIELD: unresolved_discards "
			 "table_fulls forced_gc_runs res_failed entries gc_thresh1/2/3");
		return -ENOENT;
	}
	if (key->nseg == 2 && !key->seg[0].has_arg &&
	    (!strcmp(f, "failed") || !strcmp(f, "incomplete") || !strcmp(f, "available") ||
	     !strcmp(f, "skip")))
		return 0;
	if (key->nseg == 2 && key->seg[0].has_arg &&
	    (!strcmp(f, "state") || !strcmp(f, "dev") || !strcmp(f, "history") ||
	     !strcmp(f, "changes"))) {
		struct np_addr a;
		const char *arg = np_factkey_arg(key, 0);
		/* A malformed address can never be answered: usage, not "none". */
		if (strchr(arg, '$'))
			return 0;
		if (np_parse_addr(arg, &a, why, len))
			return -ENOENT;
		np_addr_str(&a, key->seg[0].arg, sizeof(key->seg[0].arg));
		return 0;
	}
	snprintf(why, len,
		 "expected neigh[ADDR].state, .dev, .history or .changes, neigh.failed or "
		 "neigh.incomplete");
	return -ENOENT;
}

/* What the neighbour watch publishes when a window ends (neigh_watch.c). */
static const char *const window_fields[] = {"history", "changes", "available", "skip", NULL};
static const char *const text_fields[] = {"history", "skip", NULL};

const struct np_fact_family np_family_neigh = {
    .ns = "neigh",
    .pattern = "neigh[ADDR].state|dev|history|changes, neigh.failed|incomplete",
    .describe = "neighbour (ARP/NDP) entry state, its state changes in a window, and counts of "
		"unresolvable next hops",
    .canon = neigh_canon,
    .fetch = neigh_fetch,
    .probe = &np_neigh_watch,
    .window_fields = window_fields,
    .text_fields = text_fields,
};

const struct np_fact_family np_family_neightbl = {
    .ns = "neightbl",
    .pattern = "neightbl[arp_cache|ndisc_cache].FIELD",
    .describe = "neighbour table statistics: unresolved_discards table_fulls forced_gc_runs "
		"res_failed entries gc_thresh1/2/3",
    .canon = neigh_canon,
    .fetch = neigh_fetch,
    .scope = NP_SCOPE_HOST, /* the tables are host-wide */
};
