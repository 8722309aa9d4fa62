// SPDX-License-Identifier: GPL-2.0-only
/* The firewall command's tables (see firewall_show.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "firewall_show.h"
#include "xalloc.h"

#define MIN_RULE_COLS 16

/* One row: a rule, or a base chain (its policy). */
struct row {
	struct np_nft_ref ref;
	bool moved; /* watch: the counts are the window's */
	uint64_t packets, bytes;
	bool counted; /* has a counter */
};

/* Columns every row shows in text before the rule: computed per row so
 * the widths are known before the table is printed. */
struct cells {
	char where[800];  /* family table chain */
	char shown[1024]; /* the rule text, with iptables' comment nft does not print */
	const char *hook;
	char prio[16];
	char handle[24];
	char packets[24];
	char verdict[16];
	const char *text;
};

static int text_cols(const struct np_out *o)
{
	struct winsize ws;
	if (!np_out_json(o) && isatty(fileno(np_out_file(o))) &&
	    !ioctl(fileno(np_out_file(o)), TIOCGWINSZ, &ws) && ws.ws_col > 80)
		return ws.ws_col;
	return 80;
}

static int width(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void fill(const struct np_nft_snap *s, const struct row *r, struct cells *c)
{
	const struct np_nft_chain *ch = np_nft_ref_chain(s, &r->ref);
	const struct np_nft_rule *ru = r->ref.policy ? NULL : &s->rules[r->ref.idx];
	snprintf(c->where, sizeof(c->where), "%s %s %s", np_nft_family_name(ch->family), ch->table,
		 ch->name);
	c->hook = np_nft_ref_hook(s, &r->ref, NP_NFT_H_ALL);
	if (!*c->hook)
		c->hook = "-";
	if (ch->base)
		snprintf(c->prio, sizeof(c->prio), "%" PRId32, ch->prio);
	else
		snprintf(c->prio, sizeof(c->prio), "-");
	snprintf(c->handle, sizeof(c->handle), "%" PRIu64, ru ? ru->handle : ch->handle);
	if (r->counted)
		snprintf(c->packets, sizeof(c->packets), "%" PRIu64, r->packets);
	else
		snprintf(c->packets, sizeof(c->packets), "-");
	snprintf(c->verdict, sizeof(c->verdict), "%s",
		 ru		   ? np_nft_verdict_name(ru->verdict)
		 : ch->policy_drop ? "drop"
				   : "accept");
	c->text = ru		    ? (ru->text ? ru->text : "?")
		  : ch->policy_drop ? "policy drop"
				    : "policy accept";
}

/* The rule text cut to at most max code points, "..." marking the cut. */
static const char *cut(const char *t, int max, char *buf, size_t len, bool *was_cut)
{
	int n = 0;
	size_t i = 0;
	if (width(t) <= max)
		return t;
	for (; t[i] && i + 4 < len; i++) {
		if (((unsigned char)t[i] & 0xc0) != 0x80 && ++n > max - 3)
			break;
		buf[i] = t[i];
	}
	memcpy(buf + i, "...", 4);
	*was_cut = true;
	return buf;
}

static const struct np_col cols[] = {
    {"kind", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"family", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"table", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"chain", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"packets", "PACKETS", NP_COL_U64},
    {"where", "CHAIN", NP_COL_STR, NP_COL_TEXT_ONLY},
    {"hook", "HOOK", NP_COL_STR},
    {"priority", "PRIO", NP_COL_I64},
    {"handle", "HANDLE", NP_COL_U64},
    {"verdict", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"bytes", NULL, NP_COL_U64, NP_COL_JSON_ONLY},
    {"text", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"comment", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"rule", "RULE", NP_COL_STR, NP_COL_TEXT_ONLY},
};

static void print_rows(struct np_ctx *ctx, const struct np_nft_snap *s, const struct row *rows,
		       size_t n, const char *key)
{
	struct cells *c = np_xcalloc(n ? n : 1, sizeof(*c));
	int w[4] = {width("CHAIN"), width("HOOK"), width("PRIO"), width("HANDLE")};
	int wp = width("PACKETS"), room;
	size_t ncut = 0;
	struct np_table *t;

	if (!c)
		return;
	if (!n && !np_out_json(ctx->out)) {
		free(c);
		return; /* no header over nothing; JSON still gets its [] */
	}
	for (size_t i = 0; i < n; i++) {
		fill(s, &rows[i], &c[i]);
		const char *v[4] = {c[i].where, c[i].hook, c[i].prio, c[i].handle};
		for (int k = 0; k < 4; k++)
			w[k] = width(v[k]) > w[k] ? width(v[k]) : w[k];
		wp = width(c[i].packets) > wp ? width(c[i].packets) : wp;
	}
	room = text_cols(ctx->out) - (wp + w[0] + w[1] + w[2] + w[3] + 5 * 2);
	if (room < MIN_RULE_COLS)
		room = MIN_RULE_COLS;
	t = np_table_begin(ctx->out, key, NULL, cols, NP_ARRAY_SIZE(cols));
	for (size_t i = 0; i < n; i++) {
		const struct np_nft_chain *ch = np_nft_ref_chain(s, &rows[i].ref);
		const struct np_nft_rule *ru =
		    rows[i].ref.policy ? NULL : &s->rules[rows[i].ref.idx];
		bool was_cut = false;
		char buf[1024];
		np_row_begin(t);
		np_cell_str(t, ru ? "rule" : "policy");
		np_cell_str(t, np_nft_family_name(ch->family));
		np_cell_str(t, ch->table);
		np_cell_str(t, ch->name);
		if (rows[i].counted)
			np_cell_u64(t, rows[i].packets);
		else
			np_cell_null(t);
		np_cell_str(t, c[i].where);
		np_cell_str(t, strcmp(c[i].hook, "-") ? c[i].hook : NULL);
		if (ch->base)
			np_cell_i64(t, ch->prio);
		else
			np_cell_null(t);
		np_cell_u64(t, ru ? ru->handle : ch->handle);
		np_cell_str(t, c[i].verdict);
		if (rows[i].counted)
			np_cell_u64(t, rows[i].bytes);
		else
			np_cell_null(t);
		np_cell_str(t, ru ? ru->text : c[i].text); /* as nft prints it */
		np_cell_str(t, ru ? ru->comment : NULL);
		np_cell_str(t, cut(c[i].text, room, buf, sizeof(buf), &was_cut));
		np_row_end(t);
		ncut += was_cut;
	}
	np_table_end(t);
	if (ncut)
		np_text(ctx->out,
			"%zu rule text%s cut to fit (...): -j or `nft -a list ruleset` shows %s "
			"whole\n",
			ncut, ncut > 1 ? "s" : "", ncut > 1 ? "them" : "it");
	free(c);
}

static struct row rule_row(const struct np_nft_snap *s, struct np_nft_ref ref)
{
	const struct np_nft_chain *ch = np_nft_ref_chain(s, &ref);
	const struct np_nft_rule *ru = ref.policy ? NULL : &s->rules[ref.idx];
	struct row r = {.ref = ref};
	r.counted = ru ? ru->has_counter : ch->has_counter;
	r.packets = ru ? ru->packets : ch->packets;
	r.bytes = ru ? ru->bytes : ch->bytes;
	return r;
}

void np_fw_print_rules(struct np_ctx *ctx, const struct np_nft_snap *s)
{
	struct row *rows = np_xcalloc(s->nrules + s->nchains + 1, sizeof(*rows));
	size_t *first = np_xcalloc(s->nchains + 2, sizeof(*first));
	size_t *order = np_xcalloc(s->nrules + 1, sizeof(*order)), n = 0, nocount = 0;
	/* Rules bucketed by chain (a counting sort keeps their order). */
	for (size_t r = 0; r < s->nrules; r++)
		first[s->rules[r].chain + 2]++;
	for (size_t ci = 0; ci < s->nchains; ci++)
		first[ci + 2] += first[ci + 1];
	for (size_t r = 0; r < s->nrules; r++)
		order[first[s->rules[r].chain + 1]++] = r;
	for (size_t ci = 0; ci < s->nchains; ci++) {
		if (s->chains[ci].base)
			rows[n++] = rule_row(s, (struct np_nft_ref){true, ci});
		for (size_t k = first[ci]; k < first[ci + 1]; k++) {
			const struct np_nft_rule *ru = &s->rules[order[k]];
			if (!np_nft_rule_drops(ru) && ru->verdict != NP_NFT_V_QUEUE)
				continue;
			rows[n++] = rule_row(s, (struct np_nft_ref){false, order[k]});
			nocount += !ru->has_counter;
		}
	}
	print_rows(ctx, s, rows, n, "rules");
	np_print_u64(ctx->out, "chains", "%" PRIu64 " chains, ", (uint64_t)s->nchains);
	np_print_u64(ctx->out, "total_rules", "%" PRIu64 " rules: ", (uint64_t)s->nrules);
	np_print_u64(ctx->out, "listed",
		     "%" PRIu64 " listed (base chains; drop, reject and queue rules)\n",
		     (uint64_t)n);
	if (nocount)
		np_print_u64(ctx->out, "without_counter",
			     "%" PRIu64 " of them count nothing (PACKETS -): add `counter` to see "
			     "what they drop\n",
			     (uint64_t)nocount);
	free(rows);
	free(first);
	free(order);
}

void np_fw_print_moves(struct np_ctx *ctx, const struct np_nft_window *w, double seconds)
{
	struct row *rows = np_xcalloc(w->nmoves + 1, sizeof(*rows));
	for (size_t i = 0; i < w->nmoves; i++) {
		const struct np_nft_move *m = &w->moves[i];
		rows[i] = (struct row){.ref = {m->policy, m->idx},
				       .moved = true,
				       .packets = m->packets,
				       .bytes = m->bytes,
				       .counted = true};
	}
	np_print_dbl(ctx->out, "window_s", "counters that moved in %.1fs", seconds);
	np_print_u64(ctx->out, "moved", ": %" PRIu64 "\n", (uint64_t)w->nmoves);
	print_rows(ctx, &w->after, rows, w->nmoves, "rules");
	free(rows);
}

static void culprit_obj(struct np_ctx *ctx, const struct np_nft_snap *s,
			const struct np_nft_culprit *c)
{
	const struct np_nft_chain *ch = np_nft_ref_chain(s, &c->ref);
	const struct np_nft_rule *ru = c->ref.policy ? NULL : &s->rules[c->ref.idx];
	struct np_out *o = ctx->out;
	np_open_obj(o, "culprit");
	np_print_str(o, "family", NULL, np_nft_family_name(ch->family));
	np_print_str(o, "table", NULL, ch->table);
	np_print_str(o, "chain", NULL, ch->name);
	np_print_str(o, "hook", NULL, np_nft_ref_hook(s, &c->ref, NP_NFT_H_ALL));
	np_print_u64(o, "handle", NULL, ru ? ru->handle : ch->handle);
	np_print_str(o, "text", NULL, ru ? (ru->text ? ru->text : "") : "policy drop");
	np_print_str(o, "comment", NULL, ru && ru->comment ? ru->comment : "");
	np_print_u64(o, "packets", NULL, c->packets);
	np_print_bool(o, "exact", NULL, c->exact);
	np_close_obj(o);
}

void np_fw_print_culprit(struct np_ctx *ctx, const struct np_nft_window *w, double seconds)
{
	const struct np_nft_culprit *c = &w->cul[NP_NFT_P_ANY];
	const struct np_nft_snap *s = &w->after;
	struct np_out *o = ctx->out;
	char label[1024], advice[1024];

	if (!c->found) {
		np_print_null(o, "culprit");
		np_text(o, "\nno drop or reject rule and no drop policy counted packets in %.1fs\n",
			seconds);
		return;
	}
	culprit_obj(ctx, s, c);
	np_nft_ref_label(s, &c->ref, label, sizeof(label));
	if (c->exact) {
		np_text(o, "\neating packets: %s (%" PRIu64 " packets in %.1fs)\n", label,
			c->packets, seconds);
		return;
	}
	np_text(o,
		"\nno drop rule with a counter moved in %.1fs; %zu drop/reject rule%s or drop "
		"polic%s count%s nothing and could be dropping unseen:\n",
		seconds, c->ncand, c->ncand > 1 ? "s" : "", c->ncand > 1 ? "ies" : "y",
		c->ncand > 1 ? "" : "s");
	np_open_arr(o, "candidates");
	for (size_t i = 0; i < c->ncand && i < NP_NFT_MAX_CAND; i++) {
		np_nft_ref_label(s, &c->cand[i], label, sizeof(label));
		np_nft_advice(s, &c->cand[i], advice, sizeof(advice));
		np_open_obj(o, NULL);
		np_print_str(o, "rule", "  - %s\n", label);
		np_print_str(o, "advice", *advice ? "      count it: %s\n" : NULL, advice);
		np_close_obj(o);
	}
	np_close_arr(o);
	if (c->ncand > NP_NFT_MAX_CAND)
		np_text(o, "  ... and %zu more (firewall lists them)\n",
			c->ncand - NP_NFT_MAX_CAND);
}

void np_fw_print_legacy(struct np_ctx *ctx, const char *legacy)
{
	np_print_str(ctx->out, "legacy",
		     *legacy ? "note: iptables-legacy tables exist (%s): their rules and counters "
			       "are not read here; iptables-legacy -vnxL shows them\n"
			     : NULL,
		     legacy);
}
