// SPDX-License-Identifier: GPL-2.0-only
/* User half of `probe retrans`: TCP retransmissions per flow, with state. */
#include <bpf/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_btf.h"
#include "probe.h"
#include "probe_load.h"
#include "probes_common.h"
#include "retrans.h"
#include "retrans.skel.h"
#include "retrans_api.h"
#include "probe_window.h"
#include "xalloc.h"

struct np_retrans {
	struct retrans_bpf *skel;
	const char *mode;
	struct np_retrans_row *rows;
	size_t nrows;
	uint64_t total, flows;
	const struct np_filter *filter;
};

static int try_mode(void *arg, int mode)
{
	struct np_retrans *r = arg;
	struct np_core_btf cb;
	struct retrans_bpf *s;
	int err;
	s = retrans_bpf__open_opts(np_core_btf_opts(&cb));
	if (!s)
		return np_core_btf_fail(&cb);
	np_probe_autoload(s->obj, mode, NULL, NULL);
	np_probe_kernel_data(s->obj);
	s->rodata->np_filt = *r->filter;
	s->rodata->np_kid = *np_kernel_ids();
	err = np_core_btf_load(&cb, s->skeleton);
	if (!err)
		err = retrans_bpf__attach(s);
	if (err) {
		retrans_bpf__destroy(s);
		return err;
	}
	r->skel = s;
	return 0;
}

int np_retrans_open(struct np_ctx *ctx, const struct np_filter_spec *spec, struct np_retrans **out,
		    char *why, size_t len)
{
	struct np_retrans *r;
	int err;
	(void)ctx;
	*out = NULL;
	if (np_probe_begin(why, len))
		return -EPERM;
	r = np_xcalloc(1, sizeof(*r));
	r->filter = &spec->f;
	r->mode = np_probe_attach("tcp:tcp_retransmit_skb", false, try_mode, r, &err, why, len);
	if (!r->mode) {
		free(r);
		return err;
	}
	*out = r;
	return 0;
}

const char *np_retrans_attach_mode(const struct np_retrans *r)
{
	return r->mode;
}

static int row_cmp(const void *a, const void *b)
{
	const struct np_retrans_row *x = a, *y = b;
	return x->count < y->count ? 1 : x->count > y->count ? -1 : 0;
}

int np_retrans_read(struct np_retrans *r, const struct np_retrans_row **rows, size_t *n)
{
	int fd = bpf_map__fd(r->skel->maps.retrans);
	struct retrans_key key, next, *prev = NULL;
	uint32_t own = (uint32_t)np_netns_inode();
	size_t cap = 0;

	free(r->rows);
	r->rows = NULL;
	r->nrows = 0;
	r->total = 0;
	while (!bpf_map_get_next_key(fd, prev, &next)) {
		struct retrans_val v;
		struct np_retrans_row *row;
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
		row->failed = v.failed;
		r->total += v.count;
		row->state = np_tcp_state_name(v.state);
		np_endpoint_text(key.family, key.laddr, key.lport, row->local, sizeof(row->local));
		np_endpoint_text(key.family, key.raddr, key.rport, row->remote,
				 sizeof(row->remote));
		np_netns_label(key.netns, own, row->netns, sizeof(row->netns));
	}
	/* qsort(NULL, 0, ...) is undefined (UBSan): nothing to sort anyway. */
	if (r->nrows > 1)
		qsort(r->rows, r->nrows, sizeof(*r->rows), row_cmp);
	*rows = r->rows;
	*n = r->nrows;
	return 0;
}

void np_retrans_publish_skip(struct np_ctx *ctx, const char *why)
{
	np_facts_clear_prefix(ctx->facts, "retrans");
	np_fact_set_int(ctx->facts, "retrans.available", 0);
	np_fact_set_str(ctx->facts, "retrans.skip", why);
}

void np_retrans_publish(struct np_ctx *ctx, struct np_retrans *r)
{
	np_facts_clear_prefix(ctx->facts, "retrans");
	np_fact_set_int(ctx->facts, "retrans.available", 1);
	np_fact_set_str(ctx->facts, "retrans.skip", "");
	np_fact_set_int(ctx->facts, "retrans.count", (int64_t)r->total);
	np_fact_set_int(ctx->facts, "retrans.flows", (int64_t)r->nrows);
}

void np_retrans_close(struct np_retrans *r)
{
	if (!r)
		return;
	retrans_bpf__destroy(r->skel);
	free(r->rows);
	free(r);
}

/* ---- window source ---- */

static int open_probe(struct np_ctx *ctx, const struct np_filter_spec *spec, void **probe,
		      char *why, size_t len)
{
	struct np_retrans *r;
	int err = np_retrans_open(ctx, spec, &r, why, len);
	*probe = r;
	return err;
}

static void publish(struct np_ctx *ctx, void *probe, double seconds)
{
	const struct np_retrans_row *rows;
	size_t n;
	(void)seconds;
	np_retrans_read(probe, &rows, &n);
	np_retrans_publish(ctx, probe);
}

static void close_probe(void *probe)
{
	np_retrans_close(probe);
}

static const struct np_probe_ops retrans_ops = {open_probe, publish, np_retrans_publish_skip,
						close_probe};
NP_PROBE_WINDOW(np_retrans_window, "retrans", retrans_ops);

/* ---- `probe retrans` ---- */

static int retrans_run(struct np_ctx *ctx, struct np_probe_opts *o)
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

/* ---- the kind ---- */

static const char *const text_fields[] = {"skip", "attach", NULL};

const struct np_fact_family np_family_retrans = {
    .ns = "retrans",
    .pattern = "retrans.count, retrans.flows",
    .describe = "TCP retransmissions in a probe window (tcp:tcp_retransmit_skb)",
    .window = true,
    .probe = &np_retrans_window,
    .text_fields = text_fields,
};

const struct np_probe np_probe_retrans = {
    .name = "retrans",
    .help = "probe retrans: TCP retransmissions per flow with the socket state.",
    .family = &np_family_retrans,
    .run = retrans_run,
};
