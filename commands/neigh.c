// SPDX-License-Identifier: GPL-2.0-only
/* neigh [DEV|ADDR]: neighbour entries (streaming RTM_GETNEIGH dump, the
 * device filter runs in the kernel) with FAILED/INCOMPLETE flagged, and the
 * neighbour tables' statistics (RTM_GETNEIGHTBL + /proc/net/stat/arp_cache
 * for unresolved_discards) against gc_thresh1/2/3. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "neigh_read.h"
#include "rtfmt.h"

/* One entry, as `ip neigh` shows it. */
static void print_row(const struct np_neigh_row *r, void *arg)
{
	struct np_out *o = arg;
	char ll[64];
	np_open_obj(o, NULL);
	np_print_str(o, "dst", "%s", r->dst);
	np_print_str(o, "family", NULL, r->family == AF_INET6 ? "inet6" : "inet");
	np_print_str(o, "dev", " dev %s", r->dev ? r->dev : "");
	if (r->lladdr && r->lllen) {
		np_lladdr_text(r->lladdr, r->lllen, ll, sizeof(ll));
		np_print_str(o, "lladdr", " lladdr %s", ll);
	} else {
		np_print_null(o, "lladdr");
	}
	if (r->router)
		np_print_bool(o, "router", " router", true);
	if (np_neigh_state_bad(r->nud)) {
		np_text(o, " ");
		np_text_color(o, NP_C_RED, "%s", r->state);
		np_print_str(o, "state", NULL, r->state);
	} else {
		np_print_str(o, "state", " %s", r->state);
	}
	if (r->has_probes)
		np_print_u64(o, "probes", r->probes ? " probes %" PRIu64 : NULL, r->probes);
	np_close_obj(o);
	np_text(o, "\n");
}

/* ---- neighbour tables ---- */

/* The kernel compares gc_thresh2/3 with the entries it may collect (not
 * PERMANENT/NOARP ones), host-wide; netpath sees those of this namespace
 * (gc, or -1 when not counted) plus the table_fulls counter. */
static const char *ntbl_status(const struct np_ntbl *t, int64_t gc)
{
	if (gc >= 0 && (uint64_t)gc >= t->thresh3)
		return "crit"; /* new entries fail: NEIGH_CREATEFAIL */
	if ((gc >= 0 && (uint64_t)gc > t->thresh2) || t->table_fulls)
		return "warn"; /* forced GC churns entries, or the table overflowed */
	return "ok";
}

static void print_tables(struct np_ctx *ctx, const struct np_ntbl_walk *tw,
			 const struct np_neigh_walk *w, enum np_health *h)
{
	static const struct np_col cols[] = {
		{"table", "TABLE", NP_COL_STR},
		{"entries", "ENTRIES", NP_COL_U64},
		{"gc_entries", "GC_ENTRIES(ns)", NP_COL_I64},
		{"gc_thresh1", "THRESH1", NP_COL_U64},
		{"gc_thresh2", "THRESH2", NP_COL_U64},
		{"gc_thresh3", "THRESH3", NP_COL_U64},
		{"res_failed", "RES_FAILED", NP_COL_U64},
		{"unresolved_discards", "UNRES_DISCARDS", NP_COL_U64},
		{"table_fulls", "TABLE_FULLS", NP_COL_U64},
		{"forced_gc_runs", "FORCED_GC", NP_COL_U64},
		{"status", "STATUS", NP_COL_STR},
	};
	struct np_table *t = np_table_begin(ctx->out, "tables",
					    "neighbour tables (host-wide, all namespaces):", cols,
					    NP_ARRAY_SIZE(cols));
	for (int i = 0; i < tw->n; i++) {
		const struct np_ntbl *n = &tw->t[i];
		int64_t gc = !w->counted		       ? -1
			     : !strcmp(n->name, "arp_cache")   ? (int64_t)w->gc4
			     : !strcmp(n->name, "ndisc_cache") ? (int64_t)w->gc6
							       : -1;
		const char *st = ntbl_status(n, gc);
		if (!strcmp(st, "crit"))
			*h = NP_CRIT;
		else if (!strcmp(st, "warn") && *h < NP_WARN)
			*h = NP_WARN;
		np_row_begin(t);
		np_cell_str(t, n->name);
		np_cell_u64(t, n->entries);
		if (gc >= 0)
			np_cell_i64(t, gc);
		else
			np_cell_null(t);
		np_cell_u64(t, n->thresh1);
		np_cell_u64(t, n->thresh2);
		np_cell_u64(t, n->thresh3);
		np_cell_u64(t, n->res_failed);
		np_cell_u64(t, n->unresolved_discards);
		np_cell_u64(t, n->table_fulls);
		np_cell_u64(t, n->forced_gc_runs);
		np_cell_str(t, st);
		np_row_end(t);
	}
	np_table_end(t);
}

static int neigh_run(struct np_ctx *ctx, const struct np_args *a)
{
	struct np_neigh_walk w = {0};
	struct np_ntbl_walk tw = {0};
	struct np_nl nl;
	enum np_health h = NP_OK;
	const char *arg = a->v[0].set ? a->v[0].str : NULL;
	char why[128];
	int dev = 0, err;

	w.ctx = ctx;
	w.row = print_row;
	w.arg = ctx->out;
	if (arg && !np_parse_addr(arg, &w.want, why, sizeof(why))) {
		w.want_addr = true;
	} else if (arg) {
		/* Digits, dots and colons only: a mistyped address, not a device. */
		if (strspn(arg, "0123456789.:abcdefABCDEF") == strlen(arg) &&
		    strspn(arg, "0123456789.:") > 0 && (strchr(arg, '.') || strchr(arg, ':'))) {
			np_error(ctx->out, "an IPv4 or IPv6 address, e.g. 10.0.0.1 or fe80::1",
				 "neigh: %s", why);
			return -NP_EUSAGE;
		}
		if (np_validate_iface(arg, why, sizeof(why))) {
			np_error(ctx->out, "an interface name or an IPv4/IPv6 address",
				 "neigh: '%.64s' is neither an address nor an interface name", arg);
			return -NP_EUSAGE;
		}
		if ((dev = np_ifindex(ctx, arg)) < 0)
			return dev;
	}
	if ((err = np_nl_open(ctx, &nl)))
		return err;
	np_open_arr(ctx->out, "neighbours");
	err = np_neigh_dump(ctx, &nl, &w, dev);
	np_close_arr(ctx->out);
	if (err)
		goto out;
	if (w.want_addr && !w.total) {
		char a[INET6_ADDRSTRLEN];
		np_addr_str(&w.want, a, sizeof(a));
		np_text(ctx->out, "no neighbour entry for %s\n", a);
		np_fact_setf_str(ctx->facts, "none", "neigh[%s].state", a);
	}
	np_print_u64(ctx->out, "count", w.total ? "\n%" PRIu64 " entries" : NULL, w.total);
	np_print_u64(ctx->out, "failed", w.total ? ", %" PRIu64 " FAILED" : NULL, w.failed);
	np_print_u64(ctx->out, "incomplete", w.total ? ", %" PRIu64 " INCOMPLETE\n\n" : NULL,
		     w.incomplete);
	if (!arg) {
		np_fact_set_int(ctx->facts, "neigh.failed", (int64_t)w.failed);
		np_fact_set_int(ctx->facts, "neigh.incomplete", (int64_t)w.incomplete);
	}
	if (w.failed || w.incomplete)
		h = NP_WARN;
	if ((err = np_neigh_tables(ctx, &nl, &tw)))
		goto out;
	if (!w.total)
		np_text(ctx->out, "\n");
	w.counted = !arg;
	print_tables(ctx, &tw, &w, &h);
	if (w.failed)
		np_text(ctx->out,
			"\nFAILED: the next hop never answered ARP/NDP; packets queued for it "
			"were dropped (NEIGH_FAILED, NEIGH_QUEUEFULL; see unresolved_discards).\n");
	ctx->health = h;
out:
	np_ifcache_free(&w.ifc);
	np_nl_close(&nl);
	return err;
}

/* ---- facts ---- */

static void neigh_complete(struct np_ctx *ctx, int argc, char **argv, const char *word,
			   np_complete_fn add, void *cookie)
{
	static const struct np_arg iface = {NULL, NP_A_IFACE, "DEV", NULL};
	(void)argv;
	if (argc == 0)
		np_complete_type(ctx, &iface, word, add, cookie);
}

static const struct np_arg neigh_args[] = {
	{NULL, NP_A_REST, "DEV|ADDR", "only the entries of one interface, or one address"},
};

const struct np_cmd np_cmd_neigh = {
    .name = "neigh",
    .summary = "ARP/NDP entries (FAILED/INCOMPLETE flagged) and neighbour-table pressure",
    .help = "Lists neighbour entries like `ip neigh` (IPv4 and IPv6), flagging FAILED (the "
	    "next hop never answered: packets to it are dropped) and INCOMPLETE (resolution "
	    "in progress). Then the neighbour tables: entries against gc_thresh1/2/3 (above "
	    "thresh2 forced GC churns entries; at thresh3 new entries fail), failed "
	    "resolutions, table-full events, forced GC runs and unresolved_discards (packets "
	    "dropped while waiting for resolution, from /proc/net/stat). The tables are "
	    "host-wide. WARNING when FAILED/INCOMPLETE entries exist or a table is above "
	    "gc_thresh2, CRITICAL at gc_thresh3.",
    .args = neigh_args,
    .nargs = NP_ARRAY_SIZE(neigh_args),
    .run = neigh_run,
    .complete_rest = neigh_complete,
    .facts = NP_FAMILIES("neigh", "neightbl"),
    .examples = "neigh\nneigh eth0\nneigh 10.0.0.1",
};
