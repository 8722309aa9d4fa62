// SPDX-License-Identifier: GPL-2.0-only
/* User half of `probe resets`: read the per-flow/reason/stack counters,
 * name the reset reasons from BTF (enum sk_rst_reason), symbolise stacks. */
#include <bpf/bpf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_btf.h"
#include "drops_api.h"
#include "ksyms.h"
#include "probe.h"
#include "probe_load.h"
#include "probes_common.h"
#include "resets.h"
#include "resets.skel.h"
#include "resets_api.h"
#include "probe_window.h"
#include "xalloc.h"

struct np_resets {
	struct resets_bpf *skel;
	const char *mode;
	struct np_reset_row *rows;
	size_t nrows;
	uint64_t sent, received;
	const struct np_filter *filter;
	struct np_reason_names rn; /* enum sk_rst_reason, read once from BTF */
	bool rn_loaded;
};

/* The kernel's reset reason names: one BTF read per probe, shared by the rows
 * and by the zero-publishing of every reason. */
static const struct np_reason_names *rst_names(struct np_resets *r)
{
	if (!r->rn_loaded) {
		if (np_btf_enum_load("sk_rst_reason", "SK_RST_REASON_", &r->rn) < 0)
			np_reason_names_free(&r->rn);
		r->rn_loaded = true;
	}
	return &r->rn;
}

static int try_mode(void *arg, int mode)
{
	struct np_resets *r = arg;
	struct np_core_btf cb;
	struct resets_bpf *s;
	int err;
	s = resets_bpf__open_opts(np_core_btf_opts(&cb));
	if (!s)
		return np_core_btf_fail(&cb);
	np_probe_autoload(s->obj, mode, NULL, NULL);
	np_probe_kernel_data(s->obj);
	s->rodata->np_filt = *r->filter;
	s->rodata->np_kid = *np_kernel_ids();
	err = np_core_btf_load(&cb, s->skeleton);
	if (!err)
		err = resets_bpf__attach(s);
	if (err) {
		resets_bpf__destroy(s);
		return err;
	}
	r->skel = s;
	return 0;
}

int np_resets_open(struct np_ctx *ctx, const struct np_filter_spec *spec, struct np_resets **out,
		   char *why, size_t len)
{
	struct np_resets *r;
	int err;
	(void)ctx;
	*out = NULL;
	if (np_probe_begin(why, len))
		return -EPERM;
	r = np_xcalloc(1, sizeof(*r));
	r->filter = &spec->f;
	r->mode = np_probe_attach("tcp:tcp_send_reset", false, try_mode, r, &err, why, len);
	if (!r->mode) {
		free(r);
		return err;
	}
	*out = r;
	return 0;
}

const char *np_resets_attach_mode(const struct np_resets *r)
{
	return r->mode;
}

static int row_cmp(const void *a, const void *b)
{
	const struct np_reset_row *x = a, *y = b;
	return x->count < y->count ? 1 : x->count > y->count ? -1 : 0;
}

int np_resets_read(struct np_resets *r, const struct np_reset_row **rows, size_t *n)
{
	int fd = bpf_map__fd(r->skel->maps.resets), sfd = bpf_map__fd(r->skel->maps.stacks);
	struct reset_key key, next, *prev = NULL;
	uint32_t own = (uint32_t)np_netns_inode();
	struct np_ksyms *ksyms = NULL; /* loaded once, at the first stack */
	bool ksyms_tried = false;
	size_t cap = 0;

	free(r->rows);
	r->rows = NULL;
	r->nrows = 0;
	r->sent = r->received = 0;
	while (!bpf_map_get_next_key(fd, prev, &next)) {
		struct reset_val v;
		struct np_reset_row *row;
		uint64_t ips[127];
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &v))
			continue;
		if (r->nrows == cap) {
			size_t nc = cap ? cap * 2 : 32;
			void *p = np_xreallocarray(r->rows, nc, sizeof(*r->rows));
			r->rows = p;
			cap = nc;
		}
		row = &r->rows[r->nrows++];
		memset(row, 0, sizeof(*row));
		row->count = v.count;
		row->sent = key.dir == NP_RESET_SENT;
		if (row->sent)
			r->sent += v.count;
		else
			r->received += v.count;
		if (row->sent) {
			const char *nm = np_reason_name(rst_names(r), key.reason);
			if (nm)
				snprintf(row->reason, sizeof(row->reason), "%s", nm);
			else
				snprintf(row->reason, sizeof(row->reason), "%u", key.reason);
		} else {
			snprintf(row->reason, sizeof(row->reason), "-");
		}
		row->state = np_tcp_state_name(key.state);
		np_endpoint_text(key.family, key.laddr, key.lport, row->local, sizeof(row->local));
		np_endpoint_text(key.family, key.raddr, key.rport, row->remote,
				 sizeof(row->remote));
		np_netns_label(key.netns, own, row->netns, sizeof(row->netns));
		row->pid = v.pid;
		memcpy(row->comm, v.comm, 16);
		row->comm[16] = '\0';
		memset(ips, 0, sizeof(ips));
		if (key.stackid >= 0 && !bpf_map_lookup_elem(sfd, &key.stackid, ips)) {
			int depth = 0;
			while (depth < 127 && ips[depth])
				depth++;
			if (!ksyms_tried) {
				ksyms = np_ksyms_load();
				ksyms_tried = true;
			}
			np_stack_text(ksyms, ips, depth, 12, row->stack, sizeof(row->stack));
		}
	}
	np_ksyms_free(ksyms);
	/* qsort(NULL, 0, ...) is undefined (UBSan): nothing to sort anyway. */
	if (r->nrows > 1)
		qsort(r->rows, r->nrows, sizeof(*r->rows), row_cmp);
	*rows = r->rows;
	*n = r->nrows;
	return 0;
}

void np_resets_publish_skip(struct np_ctx *ctx, const char *why)
{
	np_facts_clear_prefix(ctx->facts, "resets");
	np_fact_set_int(ctx->facts, "resets.available", 0);
	np_fact_set_str(ctx->facts, "resets.skip", why);
}

/* Every reset reason of the running kernel at 0: an unpublished reason[] fact
 * reads as text in a playbook, so resets.reason[NO_SOCKET] == 0 would be
 * skipped on a quiet window instead of passing (drops publishes its reasons
 * the same way).  A kernel without enum sk_rst_reason publishes none. */
static void publish_zero_reasons(struct np_ctx *ctx, struct np_resets *r)
{
	const struct np_reason_names *rn = rst_names(r);
	char key[NP_FACTKEY_MAX];
	for (int i = 0; i < rn->n; i++) {
		snprintf(key, sizeof(key), "resets.reason[%s]", rn->v[i].name);
		np_fact_set_int(ctx->facts, key, 0);
	}
}

void np_resets_publish(struct np_ctx *ctx, struct np_resets *r)
{
	np_facts_clear_prefix(ctx->facts, "resets");
	np_fact_set_int(ctx->facts, "resets.available", 1);
	np_fact_set_str(ctx->facts, "resets.skip", "");
	np_fact_set_int(ctx->facts, "resets.count", (int64_t)(r->sent + r->received));
	np_fact_set_int(ctx->facts, "resets.sent", (int64_t)r->sent);
	np_fact_set_int(ctx->facts, "resets.received", (int64_t)r->received);
	publish_zero_reasons(ctx, r);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct np_reset_row *row = &r->rows[i];
		const struct np_fact *f;
		char key[NP_FACTKEY_MAX];
		if (!row->sent)
			continue;
		snprintf(key, sizeof(key), "resets.reason[%s]", row->reason);
		f = np_fact_lookup(ctx->facts, key);
		np_fact_set_int(ctx->facts, key, (f ? f->i : 0) + (int64_t)row->count);
	}
}

void np_resets_close(struct np_resets *r)
{
	if (!r)
		return;
	resets_bpf__destroy(r->skel);
	np_reason_names_free(&r->rn);
	free(r->rows);
	free(r);
}

/* ---- window source ---- */

static int open_probe(struct np_ctx *ctx, const struct np_filter_spec *spec, void **probe,
		      char *why, size_t len)
{
	struct np_resets *r;
	int err = np_resets_open(ctx, spec, &r, why, len);
	*probe = r;
	return err;
}

static void publish(struct np_ctx *ctx, void *probe, double seconds)
{
	const struct np_reset_row *rows;
	size_t n;
	(void)seconds;
	np_resets_read(probe, &rows, &n);
	np_resets_publish(ctx, probe);
}

static void close_probe(void *probe)
{
	np_resets_close(probe);
}

static const struct np_probe_ops resets_ops = {open_probe, publish, np_resets_publish_skip,
					       close_probe};
NP_PROBE_WINDOW(np_resets_window, "resets", resets_ops);

/* ---- `probe resets` ---- */

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

static int resets_run(struct np_ctx *ctx, struct np_probe_opts *o)
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

/* ---- the kind ---- */

static const char *const text_fields[] = {"skip", "attach", NULL};

const struct np_fact_family np_family_resets = {
    .ns = "resets",
    .pattern = "resets.count, resets.sent, resets.received, resets.reason[REASON]",
    .describe = "TCP RSTs sent/received in a probe window (tcp:tcp_send_reset)",
    .window = true,
    .probe = &np_resets_window,
    .text_fields = text_fields,
};

const struct np_probe np_probe_resets = {
    .name = "resets",
    .help = "probe resets: TCP RSTs sent and received, with the kernel's reset reason, "
	    "4-tuple, socket state, task and kernel stack.",
    .family = &np_family_resets,
    .run = resets_run,
};
