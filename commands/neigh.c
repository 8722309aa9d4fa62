// SPDX-License-Identifier: GPL-2.0-only
/* neigh [DEV|ADDR]: neighbour entries (streaming RTM_GETNEIGH dump, the
 * device filter runs in the kernel) with FAILED/INCOMPLETE flagged, and the
 * neighbour tables' statistics (RTM_GETNEIGHTBL + /proc/net/stat/arp_cache
 * for unresolved_discards) against gc_thresh1/2/3. */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "command.h"
#include "family.h"
#include "rtfmt.h"
#include "rtnl_util.h"

struct neigh_walk {
	struct np_ctx *ctx;
	struct np_ifcache ifc;
	struct np_addr want; /* address filter */
	bool want_addr;
	bool counted; /* an unfiltered dump: gc4/gc6 are this namespace's */
	bool print; /* false: facts only (a fact fetch) */
	uint64_t total, failed, incomplete, by_state[9];
	uint64_t gc4, gc6; /* entries the garbage collector counts (not PERMANENT/NOARP) */
};

struct neigh_ent {
	const struct ndmsg *ndm;
	const void *dst, *lladdr;
	unsigned dstlen, lllen;
	uint32_t probes;
	bool has_probes;
};

static int neigh_attr(const struct nlattr *a, void *data)
{
	struct neigh_ent *e = data;
	switch (mnl_attr_get_type(a)) {
	case NDA_DST:
		e->dst = mnl_attr_get_payload(a);
		e->dstlen = mnl_attr_get_payload_len(a);
		break;
	case NDA_LLADDR:
		e->lladdr = mnl_attr_get_payload(a);
		e->lllen = mnl_attr_get_payload_len(a);
		break;
	case NDA_PROBES:
		if (mnl_attr_get_payload_len(a) >= 4) {
			e->probes = mnl_attr_get_u32(a);
			e->has_probes = true;
		}
		break;
	}
	return MNL_CB_OK;
}

static void lladdr_text(const unsigned char *p, unsigned len, char *buf, size_t blen)
{
	static const char hex[] = "0123456789abcdef";
	size_t off = 0;
	/* By hand: one snprintf per byte showed up in 10k-entry profiles. */
	for (unsigned i = 0; i < len && off + 4 <= blen; i++) {
		if (i)
			buf[off++] = ':';
		buf[off++] = hex[p[i] >> 4];
		buf[off++] = hex[p[i] & 15];
	}
	buf[off < blen ? off : blen - 1] = '\0';
}

static int neigh_cb(const struct nlmsghdr *nlh, void *data)
{
	struct neigh_walk *w = data;
	struct np_out *o = w->ctx->out;
	struct neigh_ent e = {0};
	char a[INET6_ADDRSTRLEN], ll[64], sb[64];
	const char *state, *dev;
	int fam;

	if (nlh->nlmsg_type != RTM_NEWNEIGH || nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e.ndm)))
		return MNL_CB_OK;
	e.ndm = mnl_nlmsg_get_payload(nlh);
	fam = e.ndm->ndm_family;
	if (fam != AF_INET && fam != AF_INET6)
		return MNL_CB_OK; /* bridge fdb entries are not neighbours */
	if (mnl_attr_parse(nlh, sizeof(*e.ndm), neigh_attr, &e) < 0 || !e.dst ||
	    e.dstlen != (fam == AF_INET6 ? 16u : 4u))
		return MNL_CB_OK;
	if (w->want_addr && (w->want.family != fam || memcmp(w->want.a, e.dst, e.dstlen)))
		return MNL_CB_OK;
	inet_ntop(fam, e.dst, a, sizeof(a));
	state = np_neigh_state_name(e.ndm->ndm_state, sb, sizeof(sb));
	dev = np_ifname(&w->ifc, (unsigned)e.ndm->ndm_ifindex);
	w->total++;
	if (e.ndm->ndm_state & NUD_FAILED)
		w->failed++;
	if (e.ndm->ndm_state & NUD_INCOMPLETE)
		w->incomplete++;
	if (!(e.ndm->ndm_state & (NUD_PERMANENT | NUD_NOARP)))
		*(fam == AF_INET6 ? &w->gc6 : &w->gc4) += 1;
	for (unsigned i = 0; i < 8; i++)
		if (e.ndm->ndm_state & (1u << i))
			w->by_state[i]++;
	/* PERMANENT and NOARP entries are static configuration (and not bounded
	 * by gc_thresh3): publishing 10k of them would cost more than the dump.
	 * A fact fetch still answers neigh[ADDR] for them on demand. */
	if (!w->print || w->want_addr || !(e.ndm->ndm_state & (NUD_PERMANENT | NUD_NOARP))) {
		np_fact_setf_str(w->ctx->facts, state, "neigh[%s].state", a);
		np_fact_setf_str(w->ctx->facts, dev ? dev : "", "neigh[%s].dev", a);
	}
	if (!w->print)
		return MNL_CB_OK;
	np_open_obj(o, NULL);
	np_print_str(o, "dst", "%s", a);
	np_print_str(o, "family", NULL, fam == AF_INET6 ? "inet6" : "inet");
	np_print_str(o, "dev", " dev %s", dev ? dev : "");
	if (e.lladdr && e.lllen) {
		lladdr_text(e.lladdr, e.lllen, ll, sizeof(ll));
		np_print_str(o, "lladdr", " lladdr %s", ll);
	} else {
		np_print_null(o, "lladdr");
	}
	if (e.ndm->ndm_flags & NTF_ROUTER)
		np_print_bool(o, "router", " router", true);
	if (np_neigh_state_bad(e.ndm->ndm_state)) {
		np_text(o, " ");
		np_text_color(o, NP_C_RED, "%s", state);
		np_print_str(o, "state", NULL, state);
	} else {
		np_print_str(o, "state", " %s", state);
	}
	if (e.has_probes)
		np_print_u64(o, "probes", e.probes ? " probes %" PRIu64 : NULL, e.probes);
	np_close_obj(o);
	np_text(o, "\n");
	return MNL_CB_OK;
}

/* ---- neighbour tables ---- */

struct ntbl {
	char name[16];
	uint64_t entries, thresh1, thresh2, thresh3;
	uint64_t res_failed, table_fulls, forced_gc_runs, unresolved_discards;
	uint64_t allocs, lookups;
};

struct ntbl_walk {
	struct ntbl t[4];
	int n;
};

static int ntbl_attr(const struct nlattr *a, void *data)
{
	struct ntbl *t = data;
	uint16_t len = mnl_attr_get_payload_len(a);
	switch (mnl_attr_get_type(a)) {
	case NDTA_NAME:
		snprintf(t->name, sizeof(t->name), "%.*s", (int)strnlen(mnl_attr_get_payload(a), len),
			 (const char *)mnl_attr_get_payload(a));
		break;
	case NDTA_THRESH1:
		if (len >= 4)
			t->thresh1 = mnl_attr_get_u32(a);
		break;
	case NDTA_THRESH2:
		if (len >= 4)
			t->thresh2 = mnl_attr_get_u32(a);
		break;
	case NDTA_THRESH3:
		if (len >= 4)
			t->thresh3 = mnl_attr_get_u32(a);
		break;
	case NDTA_CONFIG: {
		struct ndt_config c;
		if (len >= sizeof(c)) {
			memcpy(&c, mnl_attr_get_payload(a), sizeof(c));
			t->entries = c.ndtc_entries;
		}
		break;
	}
	case NDTA_STATS: {
		struct ndt_stats s;
		if (len >= sizeof(s)) {
			memcpy(&s, mnl_attr_get_payload(a), sizeof(s));
			t->res_failed = s.ndts_res_failed;
			t->table_fulls = s.ndts_table_fulls;
			t->forced_gc_runs = s.ndts_forced_gc_runs;
			t->allocs = s.ndts_allocs;
			t->lookups = s.ndts_lookups;
		}
		break;
	}
	}
	return MNL_CB_OK;
}

static int ntbl_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ntbl_walk *w = data;
	struct ntbl t = {0};
	if (nlh->nlmsg_type != RTM_NEWNEIGHTBL ||
	    nlh->nlmsg_len < mnl_nlmsg_size(sizeof(struct ndtmsg)))
		return MNL_CB_OK;
	if (mnl_attr_parse(nlh, sizeof(struct ndtmsg), ntbl_attr, &t) < 0)
		return MNL_CB_OK;
	/* Per-device parameter messages carry no thresholds: skip them. */
	if (!t.thresh3 || !t.name[0] || w->n >= (int)NP_ARRAY_SIZE(w->t))
		return MNL_CB_OK;
	w->t[w->n++] = t;
	return MNL_CB_OK;
}

/* unresolved_discards is only in /proc/net/stat/NAME (hex, one row per
 * CPU, columns named by the header).  The kernel creates that file in the
 * initial namespace only, although the table is host-wide: inside another
 * namespace read it through PID 1's view. */
static void read_unresolved(struct ntbl *t)
{
	char path[64], line[1024], *save, *tok;
	int col = -1, i;
	FILE *f;
	snprintf(path, sizeof(path), "/proc/net/stat/%s", t->name);
	f = fopen(path, "re");
	if (!f) {
		snprintf(path, sizeof(path), "/proc/1/net/stat/%s", t->name);
		f = fopen(path, "re");
	}
	if (!f)
		return;
	if (fgets(line, sizeof(line), f))
		for (i = 0, tok = strtok_r(line, " \t\n", &save); tok;
		     tok = strtok_r(NULL, " \t\n", &save), i++)
			if (!strcmp(tok, "unresolved_discards"))
				col = i;
	while (col >= 0 && fgets(line, sizeof(line), f))
		for (i = 0, tok = strtok_r(line, " \t\n", &save); tok;
		     tok = strtok_r(NULL, " \t\n", &save), i++)
			if (i == col)
				t->unresolved_discards += strtoull(tok, NULL, 16);
	fclose(f);
}

/* The kernel compares gc_thresh2/3 with the entries it may collect (not
 * PERMANENT/NOARP ones), host-wide; netpath sees those of this namespace
 * (gc, or -1 when not counted) plus the table_fulls counter. */
static const char *ntbl_status(const struct ntbl *t, int64_t gc)
{
	if (gc >= 0 && (uint64_t)gc >= t->thresh3)
		return "crit"; /* new entries fail: NEIGH_CREATEFAIL */
	if ((gc >= 0 && (uint64_t)gc > t->thresh2) || t->table_fulls)
		return "warn"; /* forced GC churns entries, or the table overflowed */
	return "ok";
}

static int read_tables(struct np_ctx *ctx, struct np_nl *nl, struct ntbl_walk *tw)
{
	struct ndtmsg *ndt;
	struct nlmsghdr *nlh = np_nl_req(nl, RTM_GETNEIGHTBL, NLM_F_DUMP, sizeof(*ndt), (void **)&ndt);
	int err = np_nl_dump(ctx, nl, nlh, ntbl_cb, tw, "neighbour tables");
	if (err)
		return err;
	for (int i = 0; i < tw->n; i++) {
		struct ntbl *t = &tw->t[i];
		read_unresolved(t);
		np_fact_setf_int(ctx->facts, (int64_t)t->unresolved_discards,
				 "neightbl[%s].unresolved_discards", t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->table_fulls, "neightbl[%s].table_fulls",
				 t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->forced_gc_runs,
				 "neightbl[%s].forced_gc_runs", t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->res_failed, "neightbl[%s].res_failed",
				 t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->entries, "neightbl[%s].entries", t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->thresh1, "neightbl[%s].gc_thresh1", t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->thresh2, "neightbl[%s].gc_thresh2", t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->thresh3, "neightbl[%s].gc_thresh3", t->name);
	}
	return 0;
}

static void print_tables(struct np_ctx *ctx, const struct ntbl_walk *tw, const struct neigh_walk *w,
			 enum np_health *h)
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
		const struct ntbl *n = &tw->t[i];
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

/* Dump the entries (dev > 0: kernel-side filter). */
static int dump_entries(struct np_ctx *ctx, struct np_nl *nl, struct neigh_walk *w, int dev)
{
	struct ndmsg *ndm;
	struct nlmsghdr *nlh = np_nl_req(nl, RTM_GETNEIGH, NLM_F_DUMP, sizeof(*ndm), (void **)&ndm);
	if (dev > 0 && nl->strict)
		mnl_attr_put_u32(nlh, NDA_IFINDEX, (uint32_t)dev);
	return np_nl_dump(ctx, nl, nlh, neigh_cb, w, "neighbours");
}

static int oif_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;
	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	mnl_attr_for_each(a, nlh, sizeof(struct rtmsg))
		if (mnl_attr_get_type(a) == RTA_OIF && mnl_attr_get_payload_len(a) >= 4)
			*(uint32_t *)data = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

/* The neighbour entry of w->want on the device a packet to it would leave
 * by.  0, -ENOENT (no entry) or the route lookup's errno. */
static int get_entry(struct np_nl *nl, struct neigh_walk *w)
{
	size_t alen = w->want.family == AF_INET6 ? 16 : 4;
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	struct ndmsg *ndm;
	uint32_t oif = 0;
	int err;

	nlh = np_nl_req(nl, RTM_GETROUTE, 0, sizeof(*rtm), (void **)&rtm);
	rtm->rtm_family = (unsigned char)w->want.family;
	rtm->rtm_dst_len = (unsigned char)(alen * 8);
	mnl_attr_put(nlh, RTA_DST, alen, w->want.a);
	if ((err = np_nl_get(nl, nlh, oif_cb, &oif)))
		return err;
	if (!oif)
		return -ENOENT;
	nlh = np_nl_req(nl, RTM_GETNEIGH, 0, sizeof(*ndm), (void **)&ndm);
	ndm->ndm_family = (unsigned char)w->want.family;
	ndm->ndm_ifindex = (int)oif;
	mnl_attr_put(nlh, NDA_DST, alen, w->want.a);
	return np_nl_get(nl, nlh, neigh_cb, w);
}

static int neigh_run(struct np_ctx *ctx, const struct np_args *a)
{
	struct neigh_walk w = {0};
	struct ntbl_walk tw = {0};
	struct np_nl nl;
	enum np_health h = NP_OK;
	const char *arg = a->v[0].set ? a->v[0].str : NULL;
	char why[128];
	int dev = 0, err;

	w.ctx = ctx;
	w.print = true;
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
	err = dump_entries(ctx, &nl, &w, dev);
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
	if ((err = read_tables(ctx, &nl, &tw)))
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

static int neigh_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct np_nl nl;
	int err;
	if ((err = np_nl_open(ctx, &nl)))
		return err;
	if (!strcmp(np_factkey_name(key, 0), "neightbl")) {
		struct ntbl_walk tw = {0};
		err = read_tables(ctx, &nl, &tw);
	} else {
		/* A lookup by address needs the device in RTM_GETNEIGH, so one
		 * address costs a dump; it is streamed and nothing is kept. */
		struct neigh_walk w = {0};
		char why[64];
		w.ctx = ctx;
		if (key->seg[0].has_arg) {
			if (np_parse_addr(np_factkey_arg(key, 0), &w.want, why, sizeof(why))) {
				np_error(ctx->out, "neigh[ADDR]: an IPv4 or IPv6 address", "%s", why);
				np_nl_close(&nl);
				return -NP_EUSAGE;
			}
			w.want_addr = true;
		}
		/* One address: ask the kernel which device it would use and
		 * read that one entry (two requests, no dump). */
		err = w.want_addr ? get_entry(&nl, &w) : dump_entries(ctx, &nl, &w, 0);
		if (err == -ENOENT || err == -ENETUNREACH || err == -EHOSTUNREACH || err == -EINVAL ||
		    err == -EACCES)
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
	static const char *const tfields[] = {"unresolved_discards", "table_fulls", "forced_gc_runs",
					      "res_failed", "entries", "gc_thresh1", "gc_thresh2",
					      "gc_thresh3"};
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
	    (!strcmp(f, "failed") || !strcmp(f, "incomplete")))
		return 0;
	if (key->nseg == 2 && key->seg[0].has_arg && (!strcmp(f, "state") || !strcmp(f, "dev"))) {
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
	snprintf(why, len, "expected neigh[ADDR].state, neigh[ADDR].dev, neigh.failed or "
			   "neigh.incomplete");
	return -ENOENT;
}

const struct np_fact_family np_family_neigh = {
    .ns = "neigh",
    .pattern = "neigh[ADDR].state|dev, neigh.failed|incomplete",
    .describe = "neighbour (ARP/NDP) entry state and counts of unresolvable next hops",
    .canon = neigh_canon,
    .fetch = neigh_fetch,
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
