// SPDX-License-Identifier: GPL-2.0-only
/* `probe flow`: what became of this host's packets of a flow after they
 * left: connect outcomes, SYN retransmissions, RSTs and socket errors,
 * ICMP errors received about them (and whether this host dropped them),
 * ICMP errors this host sent about them.  One row per remote end. */
#include <stdio.h>
#include <string.h>

#include "flow_api.h"
#include "probe_kinds.h"
#include "rtfmt.h"

static const struct np_col cols[] = {
    {"peer", "PEER", NP_COL_STR, NP_COL_TRUNC},
    {"proto", "L4", NP_COL_STR},
    {"connects", "CONN", NP_COL_U64},
    {"established", "EST", NP_COL_U64},
    {"failed", "FAIL", NP_COL_U64},
    {"syn_retrans", "SYNRTX", NP_COL_U64},
    {"rst_received", "RST", NP_COL_U64},
    {"errors", "ERR", NP_COL_U64},
    {"icmp_received", "ICMP", NP_COL_U64},
    {"icmp_dropped", "DROP", NP_COL_U64},
    {"icmp_sent", "SENT", NP_COL_U64},
    {"netns", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"error", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"icmp_kinds", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"icmp_from", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"icmp_mtu", NULL, NP_COL_U64, NP_COL_JSON_ONLY},
    {"icmp_drop_reason", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"icmp_sent_kinds", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"icmp_sent_to", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
};

/* "5 frag_needed, 1 host_unreach" ("" when none). */
static const char *kinds_text(const uint64_t *k, char *buf, size_t len)
{
	size_t o = 0;
	buf[0] = '\0';
	for (unsigned i = 0; i < NP_ICMP_KINDS && o < len; i++)
		if (k[i])
			o += (size_t)snprintf(buf + o, len - o, "%s%llu %s", o ? ", " : "",
					      (unsigned long long)k[i], np_icmp_kind_name(i));
	return buf;
}

static void cell_text(struct np_table *t, const char *s)
{
	np_cell_str(t, s[0] ? s : NULL);
}

static void print_rows(struct np_ctx *ctx, const struct np_flow_row *rows, size_t n)
{
	struct np_table *t = np_table_begin(ctx->out, "flows", NULL, cols, NP_ARRAY_SIZE(cols));
	char kb[160];
	for (size_t i = 0; i < n; i++) {
		const struct np_flow_row *r = &rows[i];
		np_row_begin(t);
		np_cell_str(t, r->peer);
		np_cell_str(t, r->proto);
		np_cell_u64(t, r->c.connects);
		np_cell_u64(t, r->c.established);
		np_cell_u64(t, r->c.failed);
		np_cell_u64(t, r->c.syn_retrans);
		np_cell_u64(t, r->c.rst);
		np_cell_u64(t, r->c.errors);
		np_cell_u64(t, r->c.icmp_rx);
		np_cell_u64(t, r->c.icmp_drop);
		np_cell_u64(t, r->c.icmp_tx);
		np_cell_str(t, r->netns);
		cell_text(t, r->error);
		cell_text(t, kinds_text(r->c.rx_kind, kb, sizeof(kb)));
		cell_text(t, r->icmp_from);
		np_cell_u64(t, r->mtu);
		cell_text(t, r->drop_reason);
		cell_text(t, kinds_text(r->c.tx_kind, kb, sizeof(kb)));
		cell_text(t, r->sent_to);
		np_row_end(t);
	}
	np_table_end(t);
}

/* The lines under the table: what the totals say, in words (text only). */
static void explain(struct np_ctx *ctx, const struct np_flow_totals *t)
{
	const struct np_flow_counts *c = &t->c;
	char kb[160], eb[16];
	if (t->schedule[0])
		np_text(ctx->out, "  SYN retransmitted at %s s after the first SYN\n", t->schedule);
	if (c->rst)
		np_text(ctx->out, "  RSTs received, most from %s\n", t->rst_from);
	if (c->errors) {
		np_text(ctx->out, "  socket errors:");
		for (int e = 1; e < 256; e++)
			if (t->err_count[e])
				np_text(ctx->out, " %llu %s", (unsigned long long)t->err_count[e],
					np_errno_name(e, eb, sizeof(eb)));
		np_text(ctx->out, "\n");
	}
	if (c->icmp_rx) {
		np_text(ctx->out, "  ICMP received: %s, most from %s",
			kinds_text(c->rx_kind, kb, sizeof(kb)), t->icmp_from);
		if (c->rx_kind[NP_ICMP_FRAG_NEEDED])
			np_text(ctx->out, "; path MTU %u", t->mtu);
		np_text(ctx->out, "\n");
	}
	if (c->icmp_drop)
		np_text(ctx->out,
			"  %llu dropped here before the socket (%s): the sender never learns\n",
			(unsigned long long)c->icmp_drop, t->drop_reason);
	if (c->icmp_tx_drop)
		np_text(ctx->out,
			"  %llu generated here and dropped on their way out (%s), to %s: the "
			"sender never learns\n",
			(unsigned long long)c->icmp_tx_drop, t->drop_reason, t->sent_to);
	if (c->icmp_tx)
		np_text(ctx->out, "  ICMP sent: %s, most to %s\n",
			kinds_text(c->tx_kind, kb, sizeof(kb)), t->sent_to);
}

static void print_fact(const struct np_fact *f, void *arg)
{
	np_fact_print(arg, f->key, NULL, f);
}

static void summary(struct np_ctx *ctx, const struct np_flow_totals *t)
{
	const struct np_flow_counts *c = &t->c;
	np_print_u64(ctx->out, "connects", "%llu connect(s)", (unsigned long long)c->connects);
	np_print_u64(ctx->out, "established", ": %llu established",
		     (unsigned long long)c->established);
	np_print_u64(ctx->out, "failed", ", %llu failed", (unsigned long long)c->failed);
	np_print_u64(ctx->out, "syn_retrans", "; %llu SYN retransmission(s)",
		     (unsigned long long)c->syn_retrans);
	np_print_u64(ctx->out, "rst_received", "; %llu RST(s) received\n",
		     (unsigned long long)c->rst);
	np_print_u64(ctx->out, "errors", "%llu socket error(s)", (unsigned long long)c->errors);
	np_print_u64(ctx->out, "icmp_received", "; ICMP errors: %llu received",
		     (unsigned long long)c->icmp_rx);
	np_print_u64(ctx->out, "icmp_dropped", ", %llu dropped here",
		     (unsigned long long)c->icmp_drop);
	np_print_u64(ctx->out, "icmp_sent", ", %llu sent\n", (unsigned long long)c->icmp_tx);
	/* In text, the line under the table says it when there are any. */
	np_print_u64(ctx->out, "icmp_sent_dropped", NULL, (unsigned long long)c->icmp_tx_drop);
}

int np_probe_run_flow(struct np_ctx *ctx, struct np_probe_opts *o)
{
	struct np_flow *f;
	const struct np_flow_row *rows;
	const struct np_flow_totals *t;
	size_t n;
	char why[512];
	double elapsed;
	bool cut;
	int err = np_filter_resolve(ctx, &o->filter, NP_NETNS_CURRENT);
	if (err)
		return err;
	err = np_flow_open(ctx, &o->filter, &f, why, sizeof(why));
	if (err) {
		np_flow_publish_skip(ctx, why);
		return np_probe_skip(ctx, "flow", err, why);
	}
	cut = np_probe_wait(ctx, o->seconds, &elapsed);
	err = np_flow_read(f, &rows, &n, &t);
	np_flow_publish(ctx, f, t, n, elapsed);
	ctx->health = np_flow_health(t);
	np_probe_header(ctx, "flow", "flow: connects, RSTs, socket and ICMP errors", elapsed, o,
			np_flow_attach_mode(f), cut);
	if (np_flow_skip_parts(f)[0])
		np_warn(ctx->out, "probe flow: parts not attached: %s", np_flow_skip_parts(f));
	if (t->lost)
		np_warn(ctx->out, "%llu events not counted: aggregation map full",
			(unsigned long long)t->lost);
	summary(ctx, t);
	if (n || np_out_json(ctx->out))
		print_rows(ctx, rows, n);
	explain(ctx, t);
	np_open_obj(ctx->out, "facts");
	np_facts_each(ctx->facts, "flow.", print_fact, ctx->out);
	np_close_obj(ctx->out);
	np_flow_close(f);
	return err;
}
