// SPDX-License-Identifier: GPL-2.0-only
/* `probe drops`: where the kernel freed packets, by reason and function,
 * with the plain explanation and next step for the top losses. */
#include <stdio.h>
#include <string.h>

#include "drops_api.h"
#include "probe_kinds.h"
#include "probes_common.h"

#define TOP_EXPLAINED 3

static const struct np_col cols[] = {
    {"count", "COUNT", NP_COL_U64, NP_COL_SUM},
    {"reason", "REASON", NP_COL_STR},
    {"layer", "LAYER", NP_COL_STR, .drop = 3},
    {"function", "FUNCTION", NP_COL_STR, NP_COL_TRUNC},
    {"netns", "NETNS", NP_COL_STR, .drop = 4},
    {"dev", "DEV", NP_COL_STR},
    {"proto", "PROTO", NP_COL_STR, .drop = 2},
    {"kind", "KIND", NP_COL_STR, .drop = 5},
    /* A kernel address: a hex string (JSON numbers above 2^53 lose digits). */
    {"location", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"ifindex", NULL, NP_COL_U64, NP_COL_JSON_ONLY},
    {"netns_inode", NULL, NP_COL_U64, NP_COL_JSON_ONLY},
};

static void print_rows(struct np_ctx *ctx, const struct np_drop_row *rows, size_t n)
{
	struct np_table *t = np_table_begin(ctx->out, "drops", NULL, cols, NP_ARRAY_SIZE(cols));
	char proto[32], fn[128], loc[24];
	for (size_t i = 0; i < n; i++) {
		const struct np_drop_row *r = &rows[i];
		np_row_begin(t);
		np_cell_u64(t, r->count);
		np_cell_str(t, r->reason_name);
		np_cell_str(t, np_layer_name(r->info->layer));
		if (r->func[0])
			snprintf(fn, sizeof(fn), "%s+0x%llx", r->func,
				 (unsigned long long)r->offset);
		else
			snprintf(fn, sizeof(fn), "0x%llx", (unsigned long long)r->location);
		np_cell_str(t, fn);
		np_cell_str(t, r->netns_name);
		np_cell_str(t, r->dev);
		np_cell_str(t, np_proto_text(r->l3, r->l4, proto, sizeof(proto)));
		np_cell_str(t, r->info->benign ? "benign" : "loss");
		snprintf(loc, sizeof(loc), "0x%llx", (unsigned long long)r->location);
		np_cell_str(t, loc);
		np_cell_u64(t, r->ifindex);
		np_cell_u64(t, r->netns);
		np_row_end(t);
	}
	np_table_end(t);
}

/* "  what:    TEXT", TEXT wrapped to the terminal under itself. */
static void labelled(struct np_out *o, const char *key, const char *label, const char *text)
{
	np_print_str(o, key, NULL, text);
	np_text(o, "  %s:%*s", label, 8 - (int)strlen(label), "");
	np_text_wrap(o, text, " ", 11);
}

/* The top loss reasons (one per reason) in plain words. */
static void explain(struct np_ctx *ctx, const struct np_drop_row *rows, size_t n)
{
	const char *seen[TOP_EXPLAINED];
	int shown = 0;
	np_open_arr(ctx->out, "explain");
	for (size_t i = 0; i < n && shown < TOP_EXPLAINED; i++) {
		const struct np_drop_row *r = &rows[i];
		bool dup = false;
		if (r->info->benign)
			continue;
		for (int j = 0; j < shown; j++)
			dup |= !strcmp(seen[j], r->reason_name);
		if (dup)
			continue;
		seen[shown++] = r->reason_name;
		np_open_obj(ctx->out, NULL);
		np_text(ctx->out, "\n");
		np_print_str(ctx->out, "reason", "%s", r->reason_name);
		np_print_str(ctx->out, "layer", " (%s)", np_layer_name(r->info->layer));
		np_print_str(ctx->out, "function", " at %s", r->func[0] ? r->func : "?");
		np_print_u64(ctx->out, "count", ": %llu\n", (unsigned long long)r->count);
		labelled(ctx->out, "meaning", "what", r->info->meaning);
		labelled(ctx->out, "next", "next", r->info->next);
		labelled(ctx->out, "tcpdump", "tcpdump", np_reason_tcpdump(r->info));
		np_close_obj(ctx->out);
	}
	np_close_arr(ctx->out);
}

/* --brief: the loss and its top reason, where. */
static void brief(struct np_ctx *ctx, const struct np_drop_row *rows, size_t n, int64_t loss,
		  double secs)
{
	for (size_t i = 0; i < n; i++)
		if (!rows[i].info->benign) {
			np_out_headline(ctx->out, "probe drops",
					"%lld loss drop(s) in %.1fs, most %s in %s (%llu) on %s",
					(long long)loss, secs, rows[i].reason_name,
					rows[i].func[0] ? rows[i].func : "?",
					(unsigned long long)rows[i].count,
					rows[i].dev[0] ? rows[i].dev : "-");
			return;
		}
	np_out_headline(ctx->out, "probe drops", "no loss drops in %.1fs", secs);
}

int np_probe_run_drops(struct np_ctx *ctx, struct np_probe_opts *o)
{
	struct np_drops *d;
	const struct np_drop_row *rows;
	size_t n;
	char why[256], desc[512];
	double elapsed;
	bool cut;
	const struct np_fact *total, *loss;
	int err;

	err = np_filter_resolve(ctx, &o->filter, NP_NETNS_CURRENT);
	if (err)
		return err;
	err = np_drops_open(ctx, &o->filter, &d, why, sizeof(why));
	if (err) {
		np_drops_publish_skip(ctx, why);
		return np_probe_skip(ctx, "drops", err, why);
	}
	cut = np_probe_wait(ctx, o->seconds, &elapsed);
	err = np_drops_read(ctx, d, &rows, &n);
	if (err) {
		np_drops_close(d);
		return err;
	}
	np_drops_publish(ctx, d);
	np_fact_set_dbl(ctx->facts, "drops.window_s", elapsed);

	total = np_fact_lookup(ctx->facts, "drops.total");
	loss = np_fact_lookup(ctx->facts, "drops.loss");
	if (loss && loss->i > 0)
		ctx->health = NP_CRIT;
	np_filter_describe(&o->filter, desc, sizeof(desc));
	np_print_str(ctx->out, "kind", NULL, "drops");
	np_print_status(ctx->out, NULL, "%s", np_health_name(ctx->health));
	np_print_dbl(ctx->out, "window_s", " probe drops: %.1f s", elapsed);
	np_print_str(ctx->out, "filter", ", %s", desc);
	np_print_str(ctx->out, "attach", ", skb:kfree_skb via %s", np_drops_attach_mode(d));
	np_print_bool(ctx->out, "interrupted", cut ? " (interrupted)\n" : "\n", cut);
	np_print_i64(ctx->out, "total", "%lld", total ? total->i : 0);
	np_text(ctx->out, " drop%s", total && total->i == 1 ? "" : "s");
	np_print_i64(ctx->out, "loss", ", %lld loss", loss ? loss->i : 0);
	np_print_i64(ctx->out, "benign", ", %lld benign\n",
		     (total ? total->i : 0) - (loss ? loss->i : 0));
	if (np_drops_lost(d))
		np_warn(ctx->out, "%llu drops not counted: aggregation map full (%d keys)",
			(unsigned long long)np_drops_lost(d), 10240);
	/* JSON always carries the array (empty on a quiet host). */
	if (n || np_out_json(ctx->out))
		print_rows(ctx, rows, n);
	explain(ctx, rows, n);
	brief(ctx, rows, n, loss ? loss->i : 0, elapsed);
	np_drops_close(d);
	return 0;
}
