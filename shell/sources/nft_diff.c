// SPDX-License-Identifier: GPL-2.0-only
/* Snapshot bookkeeping (identity index, which hooks reach each chain) and
 * the counter difference between two snapshots.  Pure: no kernel. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nft.h"
#include "xalloc.h"

void np_nft_snap_free(struct np_nft_snap *s)
{
	for (size_t i = 0; i < s->nchains; i++) {
		free(s->chains[i].table);
		free(s->chains[i].name);
		free(s->chains[i].dev);
	}
	for (size_t i = 0; i < s->nrules; i++) {
		free(s->rules[i].target);
		free(s->rules[i].comment);
		free(s->rules[i].text);
	}
	free(s->chains);
	free(s->rules);
	free(s->byid);
	memset(s, 0, sizeof(*s));
}

static const struct np_nft_chain *rule_chain(const struct np_nft_snap *s, size_t r)
{
	return &s->chains[s->rules[r].chain];
}

static int id_cmp(uint8_t fa, const char *ta, uint64_t ha, uint8_t fb, const char *tb, uint64_t hb)
{
	int c;
	if (fa != fb)
		return fa < fb ? -1 : 1;
	c = strcmp(ta, tb);
	if (c)
		return c;
	return ha < hb ? -1 : ha > hb;
}

static int byid_cmp(const void *a, const void *b, void *arg)
{
	const struct np_nft_snap *s = arg;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const struct np_nft_chain *cx = rule_chain(s, x), *cy = rule_chain(s, y);
	return id_cmp(cx->family, cx->table, s->rules[x].handle, cy->family, cy->table,
		      s->rules[y].handle);
}

long np_nft_find_rule(const struct np_nft_snap *s, uint8_t family, const char *table,
		      uint64_t handle)
{
	size_t lo = 0, hi = s->byid ? s->nrules : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, r = s->byid[mid];
		const struct np_nft_chain *c = rule_chain(s, r);
		int cmp = id_cmp(family, table, handle, c->family, c->table, s->rules[r].handle);
		if (!cmp)
			return (long)r;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

static long find_chain(const struct np_nft_snap *s, uint8_t family, const char *table,
		       const char *name)
{
	for (size_t i = 0; i < s->nchains; i++) {
		const struct np_nft_chain *c = &s->chains[i];
		if (c->family == family && !strcmp(c->name, name) && !strcmp(c->table, table))
			return (long)i;
	}
	return -1;
}

/* Which hooks reach each chain: a base chain its own; a regular chain
 * every hook whose chains jump or go to it (followed to a fixpoint: jumps
 * nest at most 16 deep in the kernel, cycles are refused).  The kernel's
 * use count of a chain is its rules plus what references it: a regular
 * chain referenced beyond the jumps we saw is reached through a verdict
 * map we do not follow (any hook); one referenced by nothing is never
 * traversed (no hook). */
static int compute_reach(struct np_nft_snap *s)
{
	long *tgt = np_xcalloc(s->nrules ? s->nrules : 1, sizeof(*tgt));
	uint32_t *refs = np_xcalloc(s->nchains ? s->nchains : 1, sizeof(*refs));
	bool changed = true;
	for (size_t i = 0; i < s->nchains; i++)
		s->chains[i].reach = s->chains[i].base ? s->chains[i].hook : 0;
	for (size_t r = 0; r < s->nrules; r++) {
		const struct np_nft_chain *c = rule_chain(s, r);
		tgt[r] = s->rules[r].target ? find_chain(s, c->family, c->table, s->rules[r].target)
					    : -1;
		refs[s->rules[r].chain]++; /* its own rules */
		if (tgt[r] >= 0)
			refs[tgt[r]]++;
	}
	for (size_t pass = 0; changed && pass <= s->nchains; pass++) {
		changed = false;
		for (size_t r = 0; r < s->nrules; r++) {
			const struct np_nft_chain *from = rule_chain(s, r);
			struct np_nft_chain *to;
			if (tgt[r] < 0 || !from->reach)
				continue;
			to = &s->chains[tgt[r]];
			if (to->base || (to->reach | from->reach) == to->reach)
				continue;
			if (!to->reach || from->prio < to->prio)
				to->prio = from->prio;
			to->reach |= from->reach;
			changed = true;
		}
	}
	for (size_t i = 0; i < s->nchains; i++)
		if (!s->chains[i].base && !s->chains[i].reach && s->chains[i].use > refs[i])
			s->chains[i].reach = NP_NFT_H_ALL;
	free(tgt);
	free(refs);
	return 0;
}

int np_nft_snap_finish(struct np_nft_snap *s)
{
	free(s->byid);
	s->byid = np_xmalloc((s->nrules ? s->nrules : 1) * sizeof(*s->byid));
	for (size_t i = 0; i < s->nrules; i++)
		s->byid[i] = i;
	if (s->nrules > 1)
		qsort_r(s->byid, s->nrules, sizeof(*s->byid), byid_cmp, s);
	return compute_reach(s);
}

bool np_nft_rule_drops(const struct np_nft_rule *r)
{
	return r->verdict == NP_NFT_V_DROP || r->verdict == NP_NFT_V_REJECT;
}

static int move_cmp(const void *a, const void *b)
{
	const struct np_nft_move *x = a, *y = b;
	if (x->packets != y->packets)
		return x->packets < y->packets ? 1 : -1;
	if (x->policy != y->policy)
		return x->policy ? 1 : -1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Record a counter that moved forward (one that went back was reset). */
static int add_move(struct np_nft_move **v, size_t *n, size_t *cap, bool policy, size_t idx,
		    uint64_t packets, uint64_t bytes, uint64_t p0, uint64_t b0)
{
	if (packets <= p0)
		return 0;
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct np_nft_move *p = np_xreallocarray(*v, nc, sizeof(*p));
		*v = p;
		*cap = nc;
	}
	(*v)[(*n)++] = (struct np_nft_move){.policy = policy,
					    .idx = idx,
					    .packets = packets - p0,
					    .bytes = bytes > b0 ? bytes - b0 : 0};
	return 0;
}

int np_nft_diff(const struct np_nft_snap *a, const struct np_nft_snap *b, struct np_nft_move **out,
		size_t *n)
{
	struct np_nft_move *v = NULL;
	size_t cap = 0;
	int err = 0;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < b->nrules && !err; i++) {
		const struct np_nft_rule *rb = &b->rules[i];
		const struct np_nft_chain *c = rule_chain(b, i);
		long j = np_nft_find_rule(a, c->family, c->table, rb->handle);
		/* A rule added during the window counted only window packets. */
		bool had = j >= 0 && a->rules[j].has_counter;
		if (rb->has_counter)
			err = add_move(&v, n, &cap, false, i, rb->packets, rb->bytes,
				       had ? a->rules[j].packets : 0, had ? a->rules[j].bytes : 0);
	}
	for (size_t i = 0; i < b->nchains && !err; i++) {
		const struct np_nft_chain *cb = &b->chains[i];
		long j = find_chain(a, cb->family, cb->table, cb->name);
		bool had = j >= 0 && a->chains[j].has_counter;
		if (cb->base && cb->has_counter)
			err =
			    add_move(&v, n, &cap, true, i, cb->packets, cb->bytes,
				     had ? a->chains[j].packets : 0, had ? a->chains[j].bytes : 0);
	}
	if (err) {
		free(v);
		*n = 0;
		return err;
	}
	if (*n > 1)
		qsort(v, *n, sizeof(*v), move_cmp);
	*out = v;
	return 0;
}
