/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading neighbours and the neighbour tables (neigh_read.c): the `neigh`
 * command and the neigh/neightbl fact families share it. */
#ifndef NP_NEIGH_READ_H
#define NP_NEIGH_READ_H

#include "family.h"
#include "rtnl_util.h"
#include "validate.h"

/* One entry as the dump gave it (pointers valid during the visit). */
struct np_neigh_row {
	const char *dst;   /* the address as inet_ntop writes it */
	int family;	   /* AF_INET, AF_INET6 */
	const char *dev;   /* NULL when unknown */
	const char *state; /* REACHABLE, FAILED ... */
	unsigned nud;	   /* NUD_* bits */
	bool router;
	const void *lladdr;
	unsigned lllen;
	bool has_probes;
	uint32_t probes;
};

struct np_neigh_walk {
	struct np_ctx *ctx;
	struct np_ifcache ifc;
	struct np_addr want; /* address filter */
	bool want_addr;
	bool counted; /* an unfiltered dump: gc4/gc6 are this namespace's */
	/* Called for every entry (the command's table), or NULL: facts only
	 * (a fact fetch).  Facts are published either way, PERMANENT and NOARP
	 * entries only when asked for (a fetch or an address). */
	void (*row)(const struct np_neigh_row *r, void *arg);
	void *arg;
	uint64_t total, failed, incomplete, by_state[9];
	uint64_t gc4, gc6; /* entries the garbage collector counts (not PERMANENT/NOARP) */
};

/* Dump the entries (dev > 0: kernel-side filter).  0 or -errno (reported). */
int np_neigh_dump(struct np_ctx *ctx, struct np_nl *nl, struct np_neigh_walk *w, int dev);
/* The neighbour entry of w->want on the device a packet to it would leave
 * by (two requests, no dump).  0, -ENOENT (no entry) or the route
 * lookup's errno. */
int np_neigh_get(struct np_nl *nl, struct np_neigh_walk *w);
/* "aa:bb:cc:dd:ee:ff" */
void np_lladdr_text(const unsigned char *p, unsigned len, char *buf, size_t blen);

/* One neighbour table (arp_cache, ndisc_cache). */
struct np_ntbl {
	char name[16];
	uint64_t entries, thresh1, thresh2, thresh3;
	uint64_t res_failed, table_fulls, forced_gc_runs, unresolved_discards;
	uint64_t allocs, lookups;
};

struct np_ntbl_walk {
	struct np_ntbl t[4];
	int n;
};

/* The neigh family's window source: the entries' state changes during a
 * window (neigh_watch.c, libnl-route cache manager). */
extern const struct np_window_source np_neigh_watch;

/* Read every table and publish neightbl[NAME].*.  0 or -errno (reported). */
int np_neigh_tables(struct np_ctx *ctx, struct np_nl *nl, struct np_ntbl_walk *tw);

#endif
