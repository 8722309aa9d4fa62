// SPDX-License-Identifier: GPL-2.0-only
/* `probe resets` and `probe retrans`: TCP resets (who, why, from which
 * kernel stack) and retransmissions per flow. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "probe_kinds.h"
#include "resets_api.h"
#include "retrans_api.h"

#define TOP_STACKS 3

/* Kernel stacks are too long for a table row: the distinct ones, most RSTs
 * first, each wrapped at " <- " to the terminal (every row's own stack is
 * in -j). */
static void print_stacks(struct np_ctx *ctx, const struct np_reset_row *rows, size_t n)
{
	const char *stack[TOP_STACKS];
	uint64_t count[TOP_STACKS];
	int nstack = 0, more = 0;
	for (size_t i = 0; i < n; i++) {
		int k = 0;
		if (!rows[i].stack[0])
			continue;
		while (k < nstack && strcmp(stack[k], rows[i].stack))
			k++;
		if (k == nstack && nstack == TOP_STACKS) {
			more++;
			continue;
		}
		if (k == nstack) {
			stack[nstack] = rows[i].stack;
			count[nstack++] = 0;
		}
		count[k] += rows[i].count;
	}
	if (!nstack)
		return;
	np_text(ctx->out, "\nkernel stacks (innermost first):\n");
	for (int k = 0; k < nstack; k++) {
		char head[32];
		int col = snprintf(head, sizeof(head), "  %" PRIu64 " RST%s: ", count[k],
				   count[k] == 1 ? "" : "s");
		np_text(ctx->out, "%s", head);
		np_text_wrap(ctx->out, stack[k], " <- ", col);
	}
	if (more)
		np_text(ctx->out, "  (rows with other stacks: -j has each row's stack)\n");
}

int np_probe_run_resets(struct np_ctx *ctx, struct np_probe_opts *o)
{
	/* Connections to a closed port differ only in the client's port, and
	 * the task is whoever was on the CPU: text rows merge over both. */
	static const struct np_col cols[] = {
	    {"count", "COUNT", NP_COL_U64, NP_COL_SUM},
	    {"direction", "DIR", NP_COL_STR},
	    {"reason", "REASON", NP_COL_STR},
	    {"state", "STATE", NP_COL_STR, .drop = 3},
	    {"local", "LOCAL", NP_COL_STR, NP_COL_ANY},
	    {"remote", "REMOTE", NP_COL_STR, NP_COL_ANY},
	    {"netns", "NETNS", NP_COL_STR, .drop = 4},
	    {"comm", "TASK", NP_COL_STR, NP_COL_ANY, .drop = 5},
	    {"pid", NULL, NP_COL_U64, NP_COL_JSON_ONLY},
	    {"stack", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
	};
	struct np_resets *r;
	const struct np_reset_row *rows;
	size_t n;
	char why[256];
	double elapsed;
	bool cut;
	const struct np_fact *sent, *received;
	int err = np_filter_resolve(ctx, &o->filter, NP_NETNS_CURRENT);
	if (err)
		return err;
	err = np_resets_open(ctx, &o->filter, &r, why, sizeof(why));
	if (err) {
		np_resets_publish_skip(ctx, why);
		return np_probe_skip(ctx, "resets", err, why);
	}
	cut = np_probe_wait(ctx, o->seconds, &elapsed);
	np_resets_read(r, &rows, &n);
	np_resets_publish(ctx, r);
	sent = np_fact_lookup(ctx->facts, "resets.sent");
	received = np_fact_lookup(ctx->facts, "resets.received");
	if (sent && sent->i > 0)
		ctx->health = NP_WARN;
	np_probe_header(ctx, "resets", "tcp:tcp_send_reset + tcp_receive_reset", elapsed, o,
			np_resets_attach_mode(r), cut);
	np_print_i64(ctx->out, "sent", "%lld RST", sent ? sent->i : 0);
	np_text(ctx->out, "%s sent", sent && sent->i == 1 ? "" : "s");
	np_print_i64(ctx->out, "received", ", %lld received\n", received ? received->i : 0);
	if (n || np_out_json(ctx->out)) {
		struct np_table *t =
		    np_table_begin(ctx->out, "resets", NULL, cols, NP_ARRAY_SIZE(cols));
		for (size_t i = 0; i < n; i++) {
			np_row_begin(t);
			np_cell_u64(t, rows[i].count);
			np_cell_str(t, rows[i].sent ? "sent" : "received");
			np_cell_str(t, rows[i].reason);
			np_cell_str(t, rows[i].state);
			np_cell_str(t, rows[i].local);
			np_cell_str(t, rows[i].remote);
			np_cell_str(t, rows[i].netns);
			np_cell_str(t, rows[i].comm);
			np_cell_u64(t, rows[i].pid);
			np_cell_str(t, rows[i].stack[0] ? rows[i].stack : NULL);
			np_row_end(t);
		}
		np_table_end(t);
		np_text(ctx->out, "(TASK is whoever was on the CPU: for RSTs sent from softirq it "
				  "may be unrelated)\n");
		print_stacks(ctx, rows, n);
	}
	np_out_headline(ctx->out, "probe resets", "%lld RST(s) sent, %lld received in %.1fs%s%s",
			sent ? (long long)sent->i : 0, received ? (long long)received->i : 0,
			elapsed, n && rows[0].sent ? ", most " : "",
			n && rows[0].sent ? rows[0].reason : "");
	np_resets_close(r);
	return 0;
}

int np_probe_run_retrans(struct np_ctx *ctx, struct np_probe_opts *o)
{
	static const struct np_col cols[] = {
	    {"count", "RETRANS", NP_COL_U64}, {"failed", "FAILED", NP_COL_U64},
	    {"state", "STATE", NP_COL_STR},   {"local", "LOCAL", NP_COL_STR},
	    {"remote", "REMOTE", NP_COL_STR}, {"netns", "NETNS", NP_COL_STR},
	};
	struct np_retrans *r;
	const struct np_retrans_row *rows;
	size_t n;
	char why[256];
	double elapsed;
	bool cut;
	const struct np_fact *count;
	int err = np_filter_resolve(ctx, &o->filter, NP_NETNS_CURRENT);
	if (err)
		return err;
	err = np_retrans_open(ctx, &o->filter, &r, why, sizeof(why));
	if (err) {
		np_retrans_publish_skip(ctx, why);
		return np_probe_skip(ctx, "retrans", err, why);
	}
	cut = np_probe_wait(ctx, o->seconds, &elapsed);
	np_retrans_read(r, &rows, &n);
	np_retrans_publish(ctx, r);
	count = np_fact_lookup(ctx->facts, "retrans.count");
	if (count && count->i > 0)
		ctx->health = NP_WARN;
	np_probe_header(ctx, "retrans", "tcp:tcp_retransmit_skb", elapsed, o,
			np_retrans_attach_mode(r), cut);
	np_print_i64(ctx->out, "count", "%lld", count ? count->i : 0);
	np_text(ctx->out, " retransmission%s", count && count->i == 1 ? "" : "s");
	np_print_u64(ctx->out, "flow_count", " in %llu", (unsigned long long)n);
	np_text(ctx->out, " flow%s\n", n == 1 ? "" : "s");
	if (n || np_out_json(ctx->out)) {
		struct np_table *t =
		    np_table_begin(ctx->out, "flows", NULL, cols, NP_ARRAY_SIZE(cols));
		for (size_t i = 0; i < n; i++) {
			np_row_begin(t);
			np_cell_u64(t, rows[i].count);
			np_cell_u64(t, rows[i].failed);
			np_cell_str(t, rows[i].state);
			np_cell_str(t, rows[i].local);
			np_cell_str(t, rows[i].remote);
			np_cell_str(t, rows[i].netns);
			np_row_end(t);
		}
		np_table_end(t);
	}
	np_out_headline(ctx->out, "probe retrans", "%lld retransmission(s) in %zu flow(s) in %.1fs",
			count ? (long long)count->i : 0, n, elapsed);
	np_retrans_close(r);
	return 0;
}
