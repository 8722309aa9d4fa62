// SPDX-License-Identifier: GPL-2.0-only
/* nftables counters over a window, the culprit of each path, and the
 * `nft.*` facts they publish (see nft_window.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "nft_window.h"
#include "xalloc.h"

const char *const np_nft_path_names[NP_NFT_P__COUNT] = {"any", "rx", "forward", "tx"};

int np_nft_window_begin(struct np_ctx *ctx, struct np_nft_window *w, char *why, size_t len)
{
	memset(w, 0, sizeof(*w));
	w->probe_drops = -1;
	w->nlegacy = np_nft_legacy(w->legacy, sizeof(w->legacy));
	return np_nft_snapshot(ctx, &w->before, why, len);
}

/* Rules whose text is worth a libnftables listing: culprits, the
 * candidates we publish, and (for `firewall watch`) every mover. */
static int text_refs(struct np_nft_window *w, bool with_moves, struct np_nft_ref **out, size_t *n)
{
	size_t cap = NP_NFT_P__COUNT * (NP_NFT_MAX_CAND + 1) + (with_moves ? w->nmoves : 0);
	struct np_nft_ref *v = np_xcalloc(cap, sizeof(*v));
	*n = 0;
	*out = v;
	for (int p = 0; p < NP_NFT_P__COUNT; p++) {
		const struct np_nft_culprit *c = &w->cul[p];
		if (c->found)
			v[(*n)++] = c->ref;
		for (size_t i = 0; i < c->ncand && i < NP_NFT_MAX_CAND; i++)
			v[(*n)++] = c->cand[i];
	}
	for (size_t i = 0; with_moves && i < w->nmoves; i++)
		v[(*n)++] = (struct np_nft_ref){w->moves[i].policy, w->moves[i].idx};
	return 0;
}

int np_nft_window_end(struct np_ctx *ctx, struct np_nft_window *w, int64_t drops, bool with_moves,
		      char *why, size_t len)
{
	struct np_nft_ref *refs;
	size_t nrefs;
	int err = np_nft_snapshot(ctx, &w->after, why, len);
	if (err)
		return err;
	w->probe_drops = drops;
	err = np_nft_diff(&w->before, &w->after, &w->moves, &w->nmoves);
	for (int p = 0; p < NP_NFT_P__COUNT && !err; p++)
		err = np_nft_pick(&w->after, w->moves, w->nmoves,
				  np_nft_path_hooks(np_nft_path_names[p]), drops, &w->cul[p]);
	if (!err)
		err = text_refs(w, with_moves, &refs, &nrefs);
	if (err) {
		snprintf(why, len, "out of memory");
		return err;
	}
	/* Without the text the rule is still named by its handle.  In a
	 * playbook's window the text must not cost more than the window's
	 * margin: huge chains go without it. */
	if (nrefs)
		np_nft_texts(&w->after, refs, nrefs, with_moves ? 0 : NP_NFT_TEXT_MAX_RULES, why,
			     len);
	free(refs);
	return 0;
}

void np_nft_window_free(struct np_nft_window *w)
{
	np_nft_snap_free(&w->before);
	np_nft_snap_free(&w->after);
	free(w->moves);
	for (int p = 0; p < NP_NFT_P__COUNT; p++)
		np_nft_culprit_free(&w->cul[p]);
	memset(w, 0, sizeof(*w));
}

uint64_t np_nft_window_drops(const struct np_nft_window *w)
{
	uint64_t sum = 0;
	for (size_t i = 0; i < w->nmoves; i++) {
		const struct np_nft_move *m = &w->moves[i];
		if (m->policy ? w->after.chains[m->idx].policy_drop
			      : np_nft_rule_drops(&w->after.rules[m->idx]))
			sum += m->packets;
	}
	return sum;
}

void np_nft_publish_skip(struct np_ctx *ctx, const char *why)
{
	np_facts_clear_prefix(ctx->facts, "nft.");
	np_fact_set_int(ctx->facts, "nft.available", 0);
	np_fact_set_str(ctx->facts, "nft.skip", why);
}

/* One path's culprit under prefix ("nft.rule" or "nft.rule[rx]"); every
 * field exists (empty / 0 when nothing was found) so checks evaluate. */
static void publish_culprit(struct np_facts *fs, const struct np_nft_window *w, int p)
{
	const struct np_nft_culprit *c = &w->cul[p];
	const struct np_nft_snap *s = &w->after;
	const struct np_nft_chain *ch = c->found ? np_nft_ref_chain(s, &c->ref) : NULL;
	const struct np_nft_rule *r = c->found && !c->ref.policy ? &s->rules[c->ref.idx] : NULL;
	char pre[32], label[1024], advice[1024] = "";

	if (p == NP_NFT_P_ANY)
		snprintf(pre, sizeof(pre), "nft.rule");
	else
		snprintf(pre, sizeof(pre), "nft.rule[%s]", np_nft_path_names[p]);
	label[0] = '\0';
	if (ch) {
		np_nft_ref_label(s, &c->ref, label, sizeof(label));
		if (!c->exact)
			np_nft_advice(s, &c->ref, advice, sizeof(advice));
	}
	np_fact_setf_str(fs, ch ? np_nft_family_name(ch->family) : "", "%s.family", pre);
	np_fact_setf_str(fs, ch ? ch->table : "", "%s.table", pre);
	np_fact_setf_str(fs, ch ? ch->name : "", "%s.chain", pre);
	np_fact_setf_str(
	    fs, ch ? np_nft_ref_hook(s, &c->ref, np_nft_path_hooks(np_nft_path_names[p])) : "",
	    "%s.hook", pre);
	np_fact_setf_int(fs, ch ? ch->prio : 0, "%s.priority", pre);
	np_fact_setf_int(fs, ch ? (int64_t)(r ? r->handle : ch->handle) : 0, "%s.handle", pre);
	np_fact_setf_str(fs,
			 r    ? (r->text ? r->text : "")
			 : ch ? "policy drop"
			      : "",
			 "%s.text", pre);
	np_fact_setf_str(fs, r && r->comment ? r->comment : "", "%s.comment", pre);
	np_fact_setf_int(fs, (int64_t)c->packets, "%s.packets", pre);
	np_fact_setf_int(fs, c->exact, "%s.exact", pre);
	np_fact_setf_int(fs, (int64_t)c->ncand, "%s.candidates", pre);
	np_fact_setf_str(fs, advice, "%s.advice", pre);
	np_fact_setf_int(fs, ch && c->ref.policy, "%s.policy", pre);
	np_fact_setf_str(fs, label, "%s.label", pre);
	for (size_t i = 0; i < c->ncand && i < NP_NFT_MAX_CAND; i++) {
		np_nft_ref_label(s, &c->cand[i], label, sizeof(label));
		np_fact_setf_str(fs, label, "%s.candidate[%zu]", pre, i + 1);
	}
}

double np_nft_window_seconds(const struct np_nft_window *w)
{
	return w->after.t > w->before.t ? w->after.t - w->before.t : 0;
}

void np_nft_window_publish(struct np_ctx *ctx, const struct np_nft_window *w)
{
	struct np_facts *fs = ctx->facts;
	np_facts_clear_prefix(fs, "nft.");
	np_fact_set_int(fs, "nft.available", 1);
	np_fact_set_str(fs, "nft.skip", "");
	np_fact_set_str(fs, "nft.legacy", w->legacy);
	np_fact_set_int(fs, "nft.legacy_tables", w->nlegacy);
	np_fact_set_int(fs, "nft.moved", (int64_t)w->nmoves);
	np_fact_set_int(fs, "nft.drops", (int64_t)np_nft_window_drops(w));
	np_fact_set_int(fs, "nft.probe_drops", w->probe_drops);
	np_fact_set_dbl(fs, "nft.window_s", np_nft_window_seconds(w));
	for (int p = 0; p < NP_NFT_P__COUNT; p++)
		publish_culprit(fs, w, p);
}

/* ---- window source ---- */

/* The drop probe's netfilter count of THIS window: its facts are fresh
 * when drops.window_s is this window's length (the engine passes the same
 * value to every source); stale or absent: unknown. */
static int64_t probe_drops(struct np_ctx *ctx, double seconds)
{
	const struct np_fact *ws = np_fact_lookup(ctx->facts, "drops.window_s");
	const struct np_fact *f;
	if (!ws || ws->type != NP_FACT_DBL || ws->d != seconds)
		return -1;
	/* The reason by name when this kernel has it, else the layer. */
	f = np_fact_lookup(ctx->facts, "drops[NETFILTER_DROP]");
	if (!f)
		f = np_fact_lookup(ctx->facts, "drops.layer[netfilter]");
	return f && f->type == NP_FACT_INT ? f->i : -1;
}

static int win_start(struct np_ctx *ctx, const char *filter, void **state)
{
	struct np_nft_window *w = np_xcalloc(1, sizeof(*w));
	char why[256];
	int err;
	(void)filter; /* rule counters are not per flow: the drop count is */
	*state = NULL;
	err = np_nft_window_begin(ctx, w, why, sizeof(why));
	if (err) {
		np_nft_window_free(w);
		free(w);
		np_nft_publish_skip(ctx, why);
		return err;
	}
	*state = w;
	return 0;
}

static int win_collect(struct np_ctx *ctx, void *state, double seconds)
{
	struct np_nft_window *w = state;
	char why[256] = "";
	if (!w)
		return -EINVAL;
	if (np_nft_window_end(ctx, w, probe_drops(ctx, seconds), false, why, sizeof(why))) {
		np_nft_publish_skip(ctx, why);
		return 0;
	}
	np_nft_window_publish(ctx, w);
	return 0;
}

static void win_stop(struct np_ctx *ctx, void *state)
{
	(void)ctx;
	if (state)
		np_nft_window_free(state);
	free(state);
}

const struct np_window_source np_nft_window = {
    .name = "nft",
    .start = win_start,
    .collect = win_collect,
    .stop = win_stop,
};
