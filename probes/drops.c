// SPDX-License-Identifier: GPL-2.0-only
/* User half of the drops probe: load only the one program the kernel
 * can take (tp_btf, else raw_tp, else the classic tracepoint), read the
 * aggregation map, name reasons from BTF and locations from kallsyms,
 * classify, publish facts. */
#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "drops_api.h" /* filter types before the skeleton */
#include "drops.h"
#include "drops.skel.h"
#include "np_features.h"
#include "ksyms.h"
#include "probes_common.h"

struct np_drops {
	struct drops_bpf *skel;
	const char *mode;
	struct np_drop_row *rows;
	size_t nrows;
	struct np_reason_names names;
	bool names_loaded;
	uint32_t own_netns;
};

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG || !getenv("NETPATH_DEBUG"))
		return 0;
	return vfprintf(stderr, fmt, ap);
}

void np_libbpf_setup(void)
{
	static bool done;
	if (!done) {
		libbpf_set_print(libbpf_print);
		done = true;
	}
}

const char *np_drops_attach_mode(const struct np_drops *d)
{
	return d->mode;
}

uint64_t np_drops_lost(const struct np_drops *d)
{
	return d->skel && d->skel->bss ? d->skel->bss->lost_keys : 0;
}

/* Try one entry point: open, keep only prog autoloaded, load, attach. */
static int try_mode(struct np_drops *d, const struct np_filter *f, int which)
{
	struct drops_bpf *s = drops_bpf__open();
	struct bpf_program *progs[3];
	int err;

	if (!s)
		return -errno;
	progs[0] = s->progs.drops_btf;
	progs[1] = s->progs.drops_raw;
	progs[2] = s->progs.drops_tp;
	for (int i = 0; i < 3; i++)
		bpf_program__set_autoload(progs[i], i == which);
	s->rodata->np_filt = *f;
	err = drops_bpf__load(s);
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
	static const char *const modes[] = {"tp_btf", "raw_tp", "tracepoint"};
	struct np_drops *d;
	struct stat st;
	int err = -ENOENT;

	(void)ctx;
	*out = NULL;
	if (np_probe_caps(why, len))
		return -EPERM;
	np_libbpf_setup();
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->own_netns = (uint32_t)np_netns_inode();
	for (int i = 0; i < 3; i++) {
		const char *force = np_probe_forced_attach();
		if (force && strcmp(force, modes[i]))
			continue;
		/* tp_btf needs the kernel's BTF; the classic tracepoint needs
		 * tracefs for its id.  raw_tp needs neither. */
		if (i == 0 && stat("/sys/kernel/btf/vmlinux", &st))
			continue;
		if (i == 2 && !*np_tracefs_path())
			continue;
		err = try_mode(d, &spec->f, i);
		if (!err) {
			d->mode = modes[i];
			*out = d;
			return 0;
		}
	}
	free(d);
	snprintf(why, len, "cannot attach to skb:kfree_skb (tp_btf, raw_tp, tracepoint): %s",
		 strerror(-err));
	return err;
}

/* Append one row for key with count n (sample from val). */
static int row_add(struct np_drops *d, size_t *cap, const struct drop_key *key,
		   const struct drop_val *v, uint64_t n)
{
	struct np_drop_row *r;
	if (d->nrows == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		r = realloc(d->rows, nc * sizeof(*r));
		if (!r)
			return -ENOMEM;
		d->rows = r;
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
	r->l3 = key->l3;
	r->l4 = key->l4;
	r->local = key->local;
	return 0;
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
	int ncpu = libbpf_num_possible_cpus(), fd = bpf_map__fd(d->skel->maps.last), err = 0;
	uint32_t zero = 0;
	struct drop_cache *c;

	if (ncpu <= 0)
		return ncpu ? ncpu : -EINVAL;
	c = calloc((size_t)ncpu, sizeof(*c));
	if (!c)
		return -ENOMEM;
	if (bpf_map_lookup_elem(fd, &zero, c))
		goto out;
	for (int i = 0; i < ncpu && !err; i++) {
		struct drop_val v;
		size_t j = 0;
		if (!c[i].valid || !c[i].pending)
			continue;
		while (j < d->nrows && !row_is(&d->rows[j], &c[i].key))
			j++;
		if (j < d->nrows)
			d->rows[j].count += c[i].pending;
		else if (!bpf_map_lookup_elem(bpf_map__fd(d->skel->maps.drops), &c[i].key, &v))
			err = row_add(d, cap, &c[i].key, &v, v.count + c[i].pending);
	}
out:
	free(c);
	return err;
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
		err = row_add(d, &cap, &key, &v, v.count);
		if (err)
			goto out;
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
	addrs = calloc(d->nrows, sizeof(*addrs));
	syms = calloc(d->nrows, sizeof(*syms));
	if (!addrs || !syms) {
		err = -ENOMEM;
		goto out;
	}
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
		else if (r->netns != d->own_netns || !if_indextoname(r->ifindex, r->dev))
			snprintf(r->dev, sizeof(r->dev), "if%u", r->ifindex);
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
	}
}

void np_drops_close(struct np_drops *d)
{
	if (!d)
		return;
	drops_bpf__destroy(d->skel);
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

const struct np_window_source np_drops_window = {
    .name = "drops",
    .start = win_start,
    .collect = win_collect,
    .stop = win_stop,
};
