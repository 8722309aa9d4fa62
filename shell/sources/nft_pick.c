// SPDX-License-Identifier: GPL-2.0-only
/* Which rule dropped the flow: counter evidence matched against the drop
 * probe's count, else the counterless drop rules of the path's hooks as
 * candidates.  Pure: works on snapshots and moves. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nft.h"
#include "xalloc.h"

const struct np_nft_chain *np_nft_ref_chain(const struct np_nft_snap *s, const struct np_nft_ref *r)
{
	return r->policy ? &s->chains[r->idx] : &s->chains[s->rules[r->idx].chain];
}

/* Hooks the packet can be in when it meets this rule or policy. */
static unsigned ref_reach(const struct np_nft_snap *s, const struct np_nft_ref *r)
{
	const struct np_nft_chain *c = np_nft_ref_chain(s, r);
	return r->policy ? c->hook : c->reach;
}

const char *np_nft_ref_hook(const struct np_nft_snap *s, const struct np_nft_ref *r, unsigned hooks)
{
	const struct np_nft_chain *c = np_nft_ref_chain(s, r);
	unsigned reach = ref_reach(s, r);
	if (!c->base && reach == NP_NFT_H_ALL)
		return ""; /* reached through a verdict map: unknown */
	return np_nft_hook_name(np_nft_hook_first(reach & hooks ? reach & hooks : reach));
}

/* 0: drops (drop, reject, drop policy); 1: queue (drops when nothing
 * listens on the queue); -1: passes packets on. */
static int drop_class(const struct np_nft_snap *s, const struct np_nft_ref *r)
{
	if (r->policy)
		return s->chains[r->idx].base && s->chains[r->idx].policy_drop ? 0 : -1;
	if (np_nft_rule_drops(&s->rules[r->idx]))
		return 0;
	return s->rules[r->idx].verdict == NP_NFT_V_QUEUE ? 1 : -1;
}

/* Path order: hook, then chain priority, then position (a policy after
 * every rule of its chain). */
static int path_cmp(const struct np_nft_snap *s, const struct np_nft_ref *a,
		    const struct np_nft_ref *b, unsigned hooks)
{
	const struct np_nft_chain *ca = np_nft_ref_chain(s, a), *cb = np_nft_ref_chain(s, b);
	unsigned ra = ref_reach(s, a), rb = ref_reach(s, b);
	unsigned ha = np_nft_hook_first(ra & hooks ? ra & hooks : ra);
	unsigned hb = np_nft_hook_first(rb & hooks ? rb & hooks : rb);
	size_t ka, kb;
	if (ha != hb)
		return ha < hb ? -1 : 1; /* hook bits are in path order */
	if (ca->prio != cb->prio)
		return ca->prio < cb->prio ? -1 : 1;
	if (ca != cb)
		return ca < cb ? -1 : 1;
	ka = a->policy ? SIZE_MAX : a->idx;
	kb = b->policy ? SIZE_MAX : b->idx;
	return ka < kb ? -1 : ka > kb;
}

static uint64_t dist(uint64_t a, int64_t b)
{
	return a > (uint64_t)b ? a - (uint64_t)b : (uint64_t)b - a;
}

/* Is move x a better explanation than y for `drops` packets? */
static bool better(const struct np_nft_snap *s, const struct np_nft_move *x,
		   const struct np_nft_move *y, unsigned hooks, int64_t drops)
{
	struct np_nft_ref rx = {x->policy, x->idx}, ry = {y->policy, y->idx};
	int cx = drop_class(s, &rx), cy = drop_class(s, &ry);
	if (drops > 0) {
		bool ex = x->packets == (uint64_t)drops, ey = y->packets == (uint64_t)drops;
		if (ex != ey)
			return ex;
	}
	if (cx != cy)
		return cx < cy;
	if (drops > 0 && dist(x->packets, drops) != dist(y->packets, drops))
		return dist(x->packets, drops) < dist(y->packets, drops);
	if (drops <= 0 && x->packets != y->packets)
		return x->packets > y->packets;
	return path_cmp(s, &rx, &ry, hooks) < 0;
}

struct sort_arg {
	const struct np_nft_snap *s;
	unsigned hooks;
};

static int cand_cmp(const void *a, const void *b, void *arg)
{
	const struct sort_arg *x = arg;
	return path_cmp(x->s, a, b, x->hooks);
}

/* Drop/reject rules and drop policies in the path's hooks that count
 * nothing: what could have dropped the packets without leaving evidence. */
static int candidates(const struct np_nft_snap *s, unsigned hooks, struct np_nft_culprit *c)
{
	size_t cap = 0;
	for (size_t i = 0; i < s->nrules + s->nchains; i++) {
		struct np_nft_ref r = {i >= s->nrules, i >= s->nrules ? i - s->nrules : i};
		bool counted =
		    r.policy ? s->chains[r.idx].has_counter : s->rules[r.idx].has_counter;
		if (counted || drop_class(s, &r) != 0 || !(ref_reach(s, &r) & hooks))
			continue;
		if (c->ncand == cap) {
			size_t nc = cap ? cap * 2 : 8;
			struct np_nft_ref *p = np_xreallocarray(c->cand, nc, sizeof(*p));
			c->cand = p;
			cap = nc;
		}
		c->cand[c->ncand++] = r;
	}
	if (c->ncand > 1)
		qsort_r(c->cand, c->ncand, sizeof(*c->cand), cand_cmp,
			&(struct sort_arg){s, hooks});
	return 0;
}

int np_nft_pick(const struct np_nft_snap *s, const struct np_nft_move *m, size_t nm, unsigned hooks,
		int64_t drops, struct np_nft_culprit *c)
{
	const struct np_nft_move *best = NULL;
	int err;

	memset(c, 0, sizeof(*c));
	if (drops == 0)
		return 0; /* the flow lost nothing to netfilter */
	for (size_t i = 0; i < nm; i++) {
		struct np_nft_ref r = {m[i].policy, m[i].idx};
		if (drop_class(s, &r) < 0 || !(ref_reach(s, &r) & hooks))
			continue;
		if (!best || better(s, &m[i], best, hooks, drops))
			best = &m[i];
	}
	err = candidates(s, hooks, c);
	if (err)
		return err;
	/* A counter that moved by less than half of what the probe saw does
	 * not explain the loss when rules without counters could. */
	if (best && (drops < 0 || best->packets * 2 >= (uint64_t)drops || !c->ncand)) {
		c->found = c->exact = true;
		c->ref = (struct np_nft_ref){best->policy, best->idx};
		c->packets = best->packets;
		c->count_match = drops > 0 && best->packets == (uint64_t)drops;
		free(c->cand);
		c->cand = NULL;
		c->ncand = 0;
		return 0;
	}
	if (c->ncand) {
		c->found = true;
		c->ref = c->cand[0];
	}
	return 0;
}

void np_nft_culprit_free(struct np_nft_culprit *c)
{
	free(c->cand);
	memset(c, 0, sizeof(*c));
}
