// SPDX-License-Identifier: GPL-2.0-only
/* User half of the drops probe: load only the one program the kernel
 * can take (tp_btf, else raw_tp, else the classic tracepoint), read the
 * aggregation map, name reasons from BTF and locations from kallsyms,
 * classify, publish facts. */
#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core_btf.h"
#include "drops_api.h" /* filter types before the skeleton */
#include "drops.h"
#include "kernel_btf.h"
#include "drops.skel.h"
#include "ksyms.h"
#include "netns_ifname.h"
#include "probe.h"
#include "probe_load.h"
#include "probes_common.h"
#include "xalloc.h"

struct np_drops {
	struct drops_bpf *skel;
	const char *mode;
	struct np_drop_row *rows;
	size_t nrows;
	struct np_reason_names names;
	bool names_loaded;
	uint32_t own_netns;
	const struct np_filter *filter; /* while loading */
	int netns_pin;			/* np_filter_pin: the filter's namespace, held open */
	struct np_ifnames ifn;		/* device names in the rows' namespaces */
};

const char *np_drops_attach_mode(const struct np_drops *d)
{
	return d->mode;
}

uint64_t np_drops_lost(const struct np_drops *d)
{
	return d->skel && d->skel->bss ? d->skel->bss->lost_keys : 0;
}

/* One attach mode: open, keep that mode's program, load, attach. */
static int try_mode(void *arg, int mode)
{
	struct np_drops *d = arg;
	struct np_core_btf cb;
	struct drops_bpf *s;
	int err;

	s = drops_bpf__open_opts(np_core_btf_opts(&cb));
	if (!s)
		return np_core_btf_fail(&cb);
	np_probe_autoload(s->obj, mode, NULL, NULL);
	np_probe_kernel_data(s->obj);
	s->rodata->np_filt = *d->filter;
	s->rodata->np_kid = *np_kernel_ids();
	err = np_core_btf_load(&cb, s->skeleton);
	if (!err)
		err = drops_bpf__attach(s);
	if (err) {
		drops_bpf__destroy(s);
		return err;
	}
	d->skel = s;
	return 0;
}

int np_drops_open(struct np_ctx *ctx, const struct np_filter_spec *spec, struct np_drops **out,
		  char *why, size_t len)
{
	struct np_drops *d;
	int err, pin;

	*out = NULL;
	if (np_probe_begin(why, len))
		return -EPERM;
	err = np_filter_pin(ctx, spec, &pin, why, len);
	if (err)
		return err;
	d = np_xcalloc(1, sizeof(*d));
	d->netns_pin = pin;
	d->own_netns = (uint32_t)np_netns_inode();
	np_ifnames_init(&d->ifn, d->own_netns, pin, spec->f.netns);
	d->filter = &spec->f;
	d->mode = np_probe_attach("skb:kfree_skb (tp_btf, raw_tp, tracepoint)", true, try_mode, d,
				  &err, why, len);
	if (!d->mode) {
		np_drops_close(d);
		return err;
	}
	*out = d;
	return 0;
}

/* Append one row for key with count n (sample from val). */
static void row_add(struct np_drops *d, size_t *cap, const struct drop_key *key,
		    const struct drop_val *v, uint64_t n)
{
	struct np_drop_row *r;
	if (d->nrows == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		d->rows = np_xreallocarray(d->rows, nc, sizeof(*d->rows));
		*cap = nc;
	}
	r = &d->rows[d->nrows++];
	memset(r, 0, sizeof(*r));
	r->count = n;
	if (v->family == 4 || v->family == 6) {
		int af = v->family == 4 ? AF_INET : AF_INET6;
		inet_ntop(af, v->saddr, r->src, sizeof(r->src));
		inet_ntop(af, v->daddr, r->dst, sizeof(r->dst));
	}
	r->reason = key->reason;
	r->location = key->location;
	r->netns = key->netns;
	r->ifindex = key->ifindex;
	r->iif = v->iif;
	r->l3 = key->l3;
	r->l4 = key->l4;
	r->local = key->local;
}

static bool row_is(const struct np_drop_row *r, const struct drop_key *k)
{
	return r->reason == k->reason && r->location == k->location && r->netns == k->netns &&
	       r->ifindex == k->ifindex && r->l3 == k->l3 && r->l4 == k->l4 && r->local == k->local;
}

/* Add what each CPU still holds in its last-bucket slot (read after the
 * map: a CPU flushing meanwhile is missed until the next read, never
 * counted twice).  A bucket created after the map was read is looked up
 * for its sample. */
static int add_pending(struct np_drops *d, size_t *cap)
{
	int ncpu = libbpf_num_possible_cpus(), fd = bpf_map__fd(d->skel->maps.last);
	uint32_t zero = 0;
	struct drop_cache *c;

	if (ncpu <= 0)
		return ncpu ? ncpu : -EINVAL;
	c = np_xcalloc((size_t)ncpu, sizeof(*c));
	if (bpf_map_lookup_elem(fd, &zero, c))
		goto out;
	for (int i = 0; i < ncpu; i++) {
		struct drop_val v;
		size_t j = 0;
		if (!c[i].valid || !c[i].pending)
			continue;
		while (j < d->nrows && !row_is(&d->rows[j], &c[i].key))
			j++;
		if (j < d->nrows)
			d->rows[j].count += c[i].pending;
		else if (!bpf_map_lookup_elem(bpf_map__fd(d->skel->maps.drops), &c[i].key, &v))
			row_add(d, cap, &c[i].key, &v, v.count + c[i].pending);
	}
out:
	free(c);
	return 0;
}

static int row_cmp(const void *a, const void *b)
{
	const struct np_drop_row *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return x->reason < y->reason ? -1 : x->reason > y->reason;
}

int np_drops_read(struct np_ctx *ctx, struct np_drops *d, const struct np_drop_row **rows,
		  size_t *n)
{
	int fd = bpf_map__fd(d->skel->maps.drops);
	struct drop_key key, next, *prev = NULL;
	uint64_t *addrs = NULL;
	struct np_ksym *syms = NULL;
	size_t cap = 0;
	int err = 0;

	(void)ctx;
	free(d->rows);
	d->rows = NULL;
	d->nrows = 0;
	while (!bpf_map_get_next_key(fd, prev, &next)) {
		struct drop_val v;
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &v))
			continue;
		row_add(d, &cap, &key, &v, v.count);
	}
	err = add_pending(d, &cap);
	if (err)
		goto out;
	if (!d->nrows)
		goto out;
	/* Names only now: BTF and kallsyms cost milliseconds, and an empty
	 * window needs neither. */
	if (!d->names_loaded) {
		np_reason_names_load(&d->names); /* empty without BTF: by function */
		d->names_loaded = true;
	}
	addrs = np_xcalloc(d->nrows, sizeof(*addrs));
	syms = np_xcalloc(d->nrows, sizeof(*syms));
	for (size_t i = 0; i < d->nrows; i++)
		addrs[i] = d->rows[i].location;
	np_ksyms_resolve(addrs, (int)d->nrows, syms);
	for (size_t i = 0; i < d->nrows; i++) {
		struct np_drop_row *r = &d->rows[i];
		const char *nm = np_reason_name(&d->names, r->reason);
		if (nm)
			snprintf(r->reason_name, sizeof(r->reason_name), "%s", nm);
		else
			snprintf(r->reason_name, sizeof(r->reason_name), "REASON_%u", r->reason);
		if (syms[i].found) {
			snprintf(r->func, sizeof(r->func), "%s", syms[i].name);
			r->offset = syms[i].offset;
		}
		r->info = np_reason_classify(nm, r->func);
		np_netns_label(r->netns, d->own_netns, r->netns_name, sizeof(r->netns_name));
		if (!r->ifindex)
			snprintf(r->dev, sizeof(r->dev), "-");
		else
			np_ifnames_name(&d->ifn, r->netns, r->ifindex, r->dev, sizeof(r->dev));
		if (r->iif)
			np_ifnames_name(&d->ifn, r->netns, r->iif, r->in_dev, sizeof(r->in_dev));
	}
	/* qsort(NULL, 0, ...) is undefined (UBSan): nothing to sort anyway. */
	if (d->nrows > 1)
		qsort(d->rows, d->nrows, sizeof(*d->rows), row_cmp);
out:
	free(addrs);
	free(syms);
	*rows = d->rows;
	*n = d->nrows;
	return err;
}

void np_drops_publish_skip(struct np_ctx *ctx, const char *why)
{
	np_facts_clear_prefix(ctx->facts, "drops");
	np_fact_set_int(ctx->facts, "drops.available", 0);
	np_fact_set_str(ctx->facts, "drops.skip", why);
}

void np_drops_publish(struct np_ctx *ctx, struct np_drops *d)
{
	struct np_facts *fs = ctx->facts;
	uint64_t total = 0, loss = 0, layer[NP_L__COUNT] = {0}, local[NP_L__COUNT] = {0};
	const struct np_drop_row *top[NP_L__COUNT] = {0};

	np_facts_clear_prefix(fs, "drops");
	np_fact_set_int(fs, "drops.available", 1);
	np_fact_set_str(fs, "drops.skip", "");
	np_fact_set_str(fs, "drops.attach", d->mode);
	/* Every reason the kernel knows reads 0 rather than "missing", so a
	 * playbook check on a quiet host evaluates instead of failing. */
	for (int i = 0; i < d->names.n; i++)
		np_fact_setf_int(fs, 0, "drops[%s]", d->names.v[i].name);
	for (int l = 0; l < NP_L__COUNT; l++) {
		np_fact_setf_int(fs, 0, "drops.layer[%s]", np_layer_name(l));
		np_fact_setf_int(fs, 0, "drops.local[%s]", np_layer_name(l));
		np_fact_setf_str(fs, "", "drops.reason[%s]", np_layer_name(l));
		np_fact_setf_str(fs, "", "drops.func[%s]", np_layer_name(l));
		np_fact_setf_str(fs, "", "drops.dev[%s]", np_layer_name(l));
		np_fact_setf_str(fs, "", "drops.src[%s]", np_layer_name(l));
		np_fact_setf_str(fs, "", "drops.dst[%s]", np_layer_name(l));
		np_fact_setf_str(fs, "", "drops.in[%s]", np_layer_name(l));
	}
	for (size_t i = 0; i < d->nrows; i++) {
		const struct np_drop_row *r = &d->rows[i];
		const struct np_fact *f;
		char key[NP_FACTKEY_MAX];
		total += r->count;
		snprintf(key, sizeof(key), "drops[%s]", r->reason_name);
		f = np_fact_lookup(fs, key);
		np_fact_set_int(fs, key, (f ? f->i : 0) + (int64_t)r->count);
		snprintf(key, sizeof(key), "drops.at[%s@%s]", r->reason_name,
			 r->func[0] ? r->func : "?");
		f = np_fact_lookup(fs, key);
		np_fact_set_int(fs, key, (f ? f->i : 0) + (int64_t)r->count);
		if (r->info->benign)
			continue;
		loss += r->count;
		layer[r->info->layer] += r->count;
		if (r->local)
			local[r->info->layer] += r->count;
		/* rows are sorted: the first loss row of a layer is its top */
		if (!top[r->info->layer])
			top[r->info->layer] = r;
	}
	np_fact_set_int(fs, "drops.total", (int64_t)total);
	np_fact_set_int(fs, "drops.loss", (int64_t)loss);
	np_fact_set_int(fs, "drops.lost_keys", (int64_t)np_drops_lost(d));
	for (int l = 0; l < NP_L__COUNT; l++) {
		if (!top[l])
			continue;
		np_fact_setf_int(fs, (int64_t)layer[l], "drops.layer[%s]", np_layer_name(l));
		np_fact_setf_int(fs, (int64_t)local[l], "drops.local[%s]", np_layer_name(l));
		np_fact_setf_str(fs, top[l]->reason_name, "drops.reason[%s]", np_layer_name(l));
		np_fact_setf_str(fs, top[l]->func, "drops.func[%s]", np_layer_name(l));
		/* The device of the top row: names the interface in a verdict
		 * when the playbook was not told one ("-" when unknown). */
		np_fact_setf_str(fs, top[l]->dev, "drops.dev[%s]", np_layer_name(l));
		/* The top row's sample packet: the flow's addresses. */
		np_fact_setf_str(fs, top[l]->src, "drops.src[%s]", np_layer_name(l));
		np_fact_setf_str(fs, top[l]->dst, "drops.dst[%s]", np_layer_name(l));
		/* ...and the interface it came in on ("" when generated
		 * here): the tap that saw it, for a forwarded packet that
		 * died bound for another device. */
		np_fact_setf_str(fs, top[l]->in_dev, "drops.in[%s]", np_layer_name(l));
	}
}

/* What the window published about the loss at layer l (drops.reason[L],
 * .func[L], .dev[L], .src[L], .dst[L], .local[L] against .layer[L]), for
 * the verdict. */
static const char *str_fact(const struct np_facts *fs, const char *what, enum np_layer l)
{
	char k[64];
	const struct np_fact *f;
	snprintf(k, sizeof(k), "drops.%s[%s]", what, np_layer_name(l));
	f = np_fact_lookup(fs, k);
	return f && f->type == NP_FACT_STR && f->s ? f->s : "";
}

static int64_t int_fact(const struct np_facts *fs, const char *what, enum np_layer l)
{
	char k[64];
	const struct np_fact *f;
	snprintf(k, sizeof(k), "drops.%s[%s]", what, np_layer_name(l));
	f = np_fact_lookup(fs, k);
	return f && f->type == NP_FACT_INT ? f->i : -1;
}

bool np_drops_layer_detail(const struct np_facts *fs, enum np_layer l, struct np_layer_detail *out)
{
	int64_t loc = int_fact(fs, "local", l), all = int_fact(fs, "layer", l);
	const char *dev = str_fact(fs, "dev", l);
	memset(out, 0, sizeof(*out));
	snprintf(out->reason, sizeof(out->reason), "%s", str_fact(fs, "reason", l));
	snprintf(out->func, sizeof(out->func), "%s", str_fact(fs, "func", l));
	/* "-": the top row had no device. */
	snprintf(out->dev, sizeof(out->dev), "%s", strcmp(dev, "-") ? dev : "");
	snprintf(out->in, sizeof(out->in), "%s", str_fact(fs, "in", l));
	snprintf(out->src, sizeof(out->src), "%s", str_fact(fs, "src", l));
	snprintf(out->dst, sizeof(out->dst), "%s", str_fact(fs, "dst", l));
	/* Most of the layer's loss hit packets generated here. */
	out->local = loc > 0 && all >= 0 && loc * 2 >= all;
	return out->reason[0] || out->func[0] || out->dev[0] || out->in[0] || out->src[0] ||
	       out->dst[0] || out->local;
}

void np_drops_close(struct np_drops *d)
{
	if (!d)
		return;
	drops_bpf__destroy(d->skel);
	np_ifnames_close(&d->ifn);
	/* After the programs are gone (see np_filter_pin). */
	if (d->netns_pin >= 0)
		close(d->netns_pin);
	free(d->rows);
	np_reason_names_free(&d->names);
	free(d);
}

/* ---- window source ---- */

static int win_start(struct np_ctx *ctx, const char *filter, void **state)
{
	struct np_filter_spec spec;
	struct np_drops *d;
	char why[256];
	int err;

	*state = NULL;
	err = np_filter_parse(filter, &spec, why, sizeof(why));
	if (err) {
		np_error(ctx->out, "filter: netns|dev|proto|host|src|dst|port|sport|dport",
			 "drops filter: %s", why);
		np_drops_publish_skip(ctx, why);
		return err;
	}
	err = np_filter_resolve(ctx, &spec, NP_NETNS_CURRENT);
	if (err) {
		np_drops_publish_skip(ctx, "filter names an unknown namespace or interface");
		return err;
	}
	err = np_drops_open(ctx, &spec, &d, why, sizeof(why));
	if (err) {
		np_drops_publish_skip(ctx, why);
		return err;
	}
	*state = d;
	return 0;
}

static int win_collect(struct np_ctx *ctx, void *state, double seconds)
{
	struct np_drops *d = state;
	const struct np_drop_row *rows;
	size_t n;
	int err;
	if (!d)
		return -EINVAL;
	err = np_drops_read(ctx, d, &rows, &n);
	if (err)
		return err;
	/* Zero facts for every reason need the names even on a quiet host. */
	if (!d->names_loaded) {
		np_reason_names_load(&d->names);
		d->names_loaded = true;
	}
	np_drops_publish(ctx, d);
	np_fact_set_dbl(ctx->facts, "drops.window_s", seconds);
	return 0;
}

static void win_stop(struct np_ctx *ctx, void *state)
{
	(void)ctx;
	np_drops_close(state);
}

/* The reason names (a parse of the kernel's BTF, tens of ms on a busy
 * host) while the window runs: collect needs them even when nothing
 * dropped. */
static void win_idle(struct np_ctx *ctx, void *state)
{
	struct np_drops *d = state;
	(void)ctx;
	if (d && !d->names_loaded) {
		np_reason_names_load(&d->names);
		d->names_loaded = true;
	}
}

const struct np_window_source np_drops_window = {
    .name = "drops",
    .start = win_start,
    .collect = win_collect,
    .stop = win_stop,
    .idle = win_idle,
    .prepare = np_kernel_btf_prefetch,
};

/* ---- `probe drops` ---- */

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
		np_print_str_wrapped(ctx->out, "meaning", "  what:    ", r->info->meaning);
		np_print_str_wrapped(ctx->out, "next", "  next:    ", r->info->next);
		np_print_str_wrapped(ctx->out, "tcpdump",
				     "  tcpdump: ", np_reason_tcpdump(r->info));
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

static int drops_run(struct np_ctx *ctx, struct np_probe_opts *o)
{
	struct np_drops *d;
	const struct np_drop_row *rows;
	size_t n;
	char why[256], desc[512];
	struct np_wrap w;
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
	np_wrap_begin_at(ctx->out, &w, (int)strlen(np_health_name(ctx->health)));
	np_print_dbl(ctx->out, "window_s", " probe drops: %.1f s", elapsed);
	np_print_str(ctx->out, "filter", ", %s", desc);
	np_print_str(ctx->out, "attach", ", skb:kfree_skb via %s", np_drops_attach_mode(d));
	np_print_bool(ctx->out, "interrupted", cut ? " (interrupted)" : "", cut);
	np_wrap_end(ctx->out, &w, " ", 2);
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

/* ---- the kind ---- */

static const char *const drops_text[] = {"reason", "func", "dev",    "src", "dst",
					 "in",	   "skip", "attach", NULL};

const struct np_fact_family np_family_drops = {
    .ns = "drops",
    .pattern = "drops[REASON], drops.layer[LAYER], drops.total, drops.loss",
    .describe = "kernel drops by reason and layer seen in a probe window (skb:kfree_skb)",
    .window = true,
    .probe = &np_drops_window,
    .text_fields = drops_text,
    .layer_detail = np_drops_layer_detail,
};

const struct np_probe np_probe_drops = {
    .name = "drops",
    .help = "probe drops [SECONDS] [FILTER] counts every skb:kfree_skb in the kernel by reason, "
	    "function, namespace, device and protocol (exact counts, aggregated in a BPF map), "
	    "names each reason from the kernel's BTF, places it in a layer, marks it loss or "
	    "benign, and explains the top losses. By default only the namespace netpath is in "
	    "is watched (netns all for the whole host).",
    .family = &np_family_drops,
    .run = drops_run,
};
