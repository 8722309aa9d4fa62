// SPDX-License-Identifier: GPL-2.0-only
/* CO-RE against a cut-down copy of the kernel's BTF (see core_btf.h). */
#include <bpf/btf.h>
#include <linux/btf.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core_btf.h"
#include "kernel_btf.h"
#include "xalloc.h"

/* ---- a set of names, and a map of type ids: open addressing ---- */

struct name_set {
	const char **name;
	size_t *len;
	size_t cap; /* a power of two */
};

static uint64_t hash_name(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* Both sides compare names as libbpf does: without a "___flavour" suffix. */
static size_t essential_len(const char *name)
{
	size_t n = strlen(name);
	for (size_t i = n >= 5 ? n - 5 + 1 : 0; i-- > 0;)
		if (name[i] != '_' && name[i + 1] == '_' && name[i + 2] == '_' &&
		    name[i + 3] == '_' && name[i + 4] != '_')
			return i + 1;
	return n;
}

static void names_add(struct name_set *s, const char *name, size_t len)
{
	size_t i = hash_name(name, len) & (s->cap - 1);
	while (s->name[i]) {
		if (s->len[i] == len && !memcmp(s->name[i], name, len))
			return;
		i = (i + 1) & (s->cap - 1);
	}
	s->name[i] = name;
	s->len[i] = len;
}

static bool names_has(const struct name_set *s, const char *name, size_t len)
{
	size_t i = hash_name(name, len) & (s->cap - 1);
	while (s->name[i]) {
		if (s->len[i] == len && !memcmp(s->name[i], name, len))
			return true;
		i = (i + 1) & (s->cap - 1);
	}
	return false;
}

struct id_map {
	uint32_t *key, *val; /* key 0: empty (type 0 is void, never mapped) */
	size_t cap, used;
};

static uint32_t id_get(const struct id_map *m, uint32_t k)
{
	size_t i = (k * 2654435761u) & (m->cap - 1);
	if (!m->cap)
		return 0;
	while (m->key[i]) {
		if (m->key[i] == k)
			return m->val[i];
		i = (i + 1) & (m->cap - 1);
	}
	return 0;
}

static void id_put(struct id_map *m, uint32_t k, uint32_t v);

static void id_grow(struct id_map *m)
{
	struct id_map old = *m;
	m->cap = old.cap ? old.cap * 2 : 4096;
	m->key = np_xcalloc(m->cap, sizeof(*m->key));
	m->val = np_xcalloc(m->cap, sizeof(*m->val));
	m->used = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.key[i])
			id_put(m, old.key[i], old.val[i]);
	free(old.key);
	free(old.val);
}

static void id_put(struct id_map *m, uint32_t k, uint32_t v)
{
	size_t i;
	if ((m->used + 1) * 2 > m->cap)
		id_grow(m);
	i = (k * 2654435761u) & (m->cap - 1);
	while (m->key[i] && m->key[i] != k)
		i = (i + 1) & (m->cap - 1);
	if (!m->key[i])
		m->used++;
	m->key[i] = k;
	m->val[i] = v;
}

/* ---- every type, straight from the raw bytes ---- */

/* What one type takes in the type section; 0 for a kind this build does
 * not know (then the caller walks by id instead). */
static size_t raw_type_size(const struct btf_type *t)
{
	size_t base = sizeof(*t), vlen = btf_vlen(t);
	switch (btf_kind(t)) {
	case BTF_KIND_FWD:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return base;
	case BTF_KIND_INT:
		return base + sizeof(__u32);
	case BTF_KIND_ARRAY:
		return base + sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return base + vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM:
		return base + vlen * sizeof(struct btf_enum);
	case BTF_KIND_ENUM64:
		return base + vlen * sizeof(struct btf_enum64);
	case BTF_KIND_FUNC_PROTO:
		return base + vlen * sizeof(struct btf_param);
	case BTF_KIND_VAR:
		return base + sizeof(struct btf_var);
	case BTF_KIND_DATASEC:
		return base + vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_DECL_TAG:
		return base + sizeof(struct btf_decl_tag);
	default:
		return 0;
	}
}

typedef void (*visit_fn)(void *arg, uint32_t id, const struct btf_type *t, const char *name);

/* Calls fn for every named type of b, in id order.  The scans here touch
 * all 125k kernel types; walking the type section itself costs a third of
 * a libbpf lookup per id.  Where the raw bytes do not parse as expected it
 * walks by id (fn must not mind seeing a type twice). */
static void each_named_type(const struct btf *b, visit_fn fn, void *arg)
{
	uint32_t n = btf__type_cnt(b), id = 1, size = 0;
	const char *raw = btf__raw_data(b, &size);
	const struct btf_header *h = (const void *)raw;

	if (raw && size >= sizeof(*h) && h->magic == BTF_MAGIC &&
	    (uint64_t)h->hdr_len + h->type_off + h->type_len <= size &&
	    (uint64_t)h->hdr_len + h->str_off + h->str_len <= size) {
		const char *types = raw + h->hdr_len + h->type_off, *end = types + h->type_len;
		const char *strs = raw + h->hdr_len + h->str_off;

		while (types + sizeof(struct btf_type) <= end && id < n) {
			const struct btf_type *t = (const void *)types;
			size_t len = raw_type_size(t);
			if (!len || types + len > end || t->name_off >= h->str_len)
				break;
			if (t->name_off && strs[t->name_off])
				fn(arg, id, t, strs + t->name_off);
			types += len;
			id++;
		}
		if (id == n)
			return;
	}
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(b, id);
		const char *name = btf__name_by_offset(b, t->name_off);
		if (t->name_off && name && *name)
			fn(arg, id, t, name);
	}
}

/* ---- the cut ---- */

/* Kinds a CO-RE relocation can name (btf_kind_core_compat's). */
static bool relocatable(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_FWD:
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
		return true;
	default:
		return false;
	}
}

/* The kernel types kept, in the order the copy numbers them (id = i + 1). */
struct keep {
	uint32_t *ids;
	size_t n, cap;
	struct id_map map; /* kernel id -> copy id */
};

static void keep_add(struct keep *k, uint32_t id)
{
	if (!id || id_get(&k->map, id))
		return;
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 1024;
		k->ids = np_xreallocarray(k->ids, k->cap, sizeof(*k->ids));
	}
	k->ids[k->n++] = id;
	id_put(&k->map, id, (uint32_t)k->n);
}

/* What a kept type's layout needs: every edge but a pointer's. */
static void keep_edges(struct keep *k, const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		keep_add(k, t->type);
		break;
	case BTF_KIND_ARRAY:
		keep_add(k, btf_array(t)->type);
		keep_add(k, btf_array(t)->index_type);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		const struct btf_member *m = btf_members(t);
		for (unsigned i = 0; i < btf_vlen(t); i++)
			keep_add(k, m[i].type);
		break;
	}
	case BTF_KIND_FUNC_PROTO: {
		const struct btf_param *p = btf_params(t);
		keep_add(k, t->type);
		for (unsigned i = 0; i < btf_vlen(t); i++)
			keep_add(k, p[i].type);
		break;
	}
	default: /* PTR (cut to void), INT, FLOAT, ENUM, ENUM64, FWD */
		break;
	}
}

/* Point the copied type's references at the copy's ids. */
static void remap(struct btf_type *t, const struct id_map *map)
{
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
		t->type = 0; /* void *: CO-RE never looks behind a pointer field */
		break;
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		t->type = id_get(map, t->type);
		break;
	case BTF_KIND_ARRAY:
		btf_array(t)->type = id_get(map, btf_array(t)->type);
		btf_array(t)->index_type = id_get(map, btf_array(t)->index_type);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		struct btf_member *m = btf_members(t);
		for (unsigned i = 0; i < btf_vlen(t); i++)
			m[i].type = id_get(map, m[i].type);
		break;
	}
	case BTF_KIND_FUNC_PROTO: {
		struct btf_param *p = btf_params(t);
		t->type = id_get(map, t->type);
		for (unsigned i = 0; i < btf_vlen(t); i++)
			p[i].type = id_get(map, p[i].type);
		break;
	}
	default:
		break;
	}
}

struct cand_scan {
	const struct name_set *want;
	struct keep *keep;
};

/* A kernel type named like one of the object's: a candidate. */
static void cand_visit(void *arg, uint32_t id, const struct btf_type *t, const char *name)
{
	struct cand_scan *cs = arg;
	if (relocatable(t) && names_has(cs->want, name, essential_len(name)))
		keep_add(cs->keep, id);
}

/* The copy's bytes as they grow: types, then strings. */
struct emit {
	const struct btf *kernel;
	char *types, *strs;
	size_t types_len, types_cap, strs_len, strs_cap;
	struct id_map str_map; /* kernel string offset -> copy's */
};

static void *grow(char **p, size_t *len, size_t *cap, size_t n)
{
	void *at;
	if (*len + n > *cap) {
		*cap = (*len + n) * 2;
		*p = np_xreallocarray(*p, *cap, 1);
	}
	at = *p + *len;
	*len += n;
	return at;
}

/* The kernel's strings are already unique, so one copy per offset. */
static uint32_t copy_str(struct emit *e, uint32_t off)
{
	uint32_t got;
	const char *s;
	size_t n;

	if (!off)
		return 0;
	got = id_get(&e->str_map, off);
	if (got)
		return got;
	s = btf__name_by_offset(e->kernel, off);
	n = s ? strlen(s) + 1 : 1;
	got = (uint32_t)e->strs_len;
	memcpy(grow(&e->strs, &e->strs_len, &e->strs_cap, n), s ? s : "", n);
	id_put(&e->str_map, off, got);
	return got;
}

/* The names of t's vlen entries (members, enum values, parameters): each
 * entry begins with its name_off. */
static void copy_names(struct emit *e, struct btf_type *t, size_t stride)
{
	char *p = (char *)(t + 1);
	for (unsigned i = 0; i < btf_vlen(t); i++, p += stride) {
		__u32 off;
		memcpy(&off, p, sizeof(off));
		off = copy_str(e, off);
		memcpy(p, &off, sizeof(off));
	}
}

/* One kept type, its names and references rewritten for the copy. */
static int copy_type(struct emit *e, const struct btf_type *src, const struct id_map *ids)
{
	size_t len = raw_type_size(src);
	struct btf_type *t;

	if (!len)
		return -EPROTO;
	t = grow(&e->types, &e->types_len, &e->types_cap, len);
	memcpy(t, src, len);
	t->name_off = copy_str(e, t->name_off);
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		copy_names(e, t, sizeof(struct btf_member));
		break;
	case BTF_KIND_ENUM:
		copy_names(e, t, sizeof(struct btf_enum));
		break;
	case BTF_KIND_ENUM64:
		copy_names(e, t, sizeof(struct btf_enum64));
		break;
	case BTF_KIND_FUNC_PROTO:
		copy_names(e, t, sizeof(struct btf_param));
		break;
	default:
		break;
	}
	remap(t, ids);
	return 0;
}

void *np_core_btf_cut_raw(const struct btf *kernel, const struct btf *local, size_t *len)
{
	uint32_t nl = btf__type_cnt(local);
	struct name_set want = {0};
	struct keep keep = {0};
	struct emit e = {.kernel = kernel};
	struct btf_header h = {.magic = BTF_MAGIC, .version = BTF_VERSION, .hdr_len = sizeof(h)};
	char *out = NULL;
	int err = 0;

	for (want.cap = 64; want.cap < (size_t)nl * 2; want.cap *= 2)
		;
	want.name = np_xcalloc(want.cap, sizeof(*want.name));
	want.len = np_xcalloc(want.cap, sizeof(*want.len));
	for (uint32_t i = 1; i < nl; i++) {
		const struct btf_type *t = btf__type_by_id(local, i);
		const char *name = btf__name_by_offset(local, t->name_off);
		if (relocatable(t) && name && *name)
			names_add(&want, name, essential_len(name));
	}
	/* One pass over the kernel's types for the candidates libbpf would
	 * find by name; then the closure of their layouts, breadth first. */
	{
		struct cand_scan cs = {&want, &keep};
		each_named_type(kernel, cand_visit, &cs);
	}
	for (size_t i = 0; i < keep.n; i++)
		keep_edges(&keep, btf__type_by_id(kernel, keep.ids[i]));

	/* The copy, numbered in keep's order; its string section begins
	 * with the empty string, as BTF's must. */
	*(char *)grow(&e.strs, &e.strs_len, &e.strs_cap, 1) = '\0';
	for (size_t i = 0; i < keep.n && !err; i++)
		err = copy_type(&e, btf__type_by_id(kernel, keep.ids[i]), &keep.map);
	if (!err) {
		h.type_len = (uint32_t)e.types_len;
		h.str_off = h.type_len;
		h.str_len = (uint32_t)e.strs_len;
		*len = sizeof(h) + e.types_len + e.strs_len;
		out = np_xcalloc(1, *len);
		memcpy(out, &h, sizeof(h));
		memcpy(out + sizeof(h), e.types, e.types_len);
		memcpy(out + sizeof(h) + e.types_len, e.strs, e.strs_len);
	}
	free(want.name);
	free(want.len);
	free(keep.ids);
	free(keep.map.key);
	free(keep.map.val);
	free(e.types);
	free(e.strs);
	free(e.str_map.key);
	free(e.str_map.val);
	if (err)
		errno = -err;
	return out;
}

struct btf *np_core_btf_cut(const struct btf *kernel, const struct btf *local)
{
	size_t len = 0;
	void *raw = np_core_btf_cut_raw(kernel, local, &len);
	struct btf *btf = raw ? btf__new(raw, (__u32)len) : NULL;
	free(raw);
	return btf;
}

/* ---- the file libbpf reads ---- */

/* True when the kernel's BTF is vmlinux alone: with an override libbpf
 * does not search module BTFs, so a module's types would be missed. */
static bool no_module_btf(void)
{
	static int known = -1;
	DIR *d;
	struct dirent *e;

	if (known >= 0)
		return known;
	d = opendir("/sys/kernel/btf");
	if (!d)
		return (known = 0);
	known = 1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && strcmp(e->d_name, "vmlinux"))
			known = 0;
	closedir(d);
	return known;
}

const struct bpf_object_open_opts *np_core_btf_opts(struct np_core_btf *c)
{
	memset(c, 0, sizeof(*c));
	c->opts.sz = sizeof(c->opts);
	c->fd = -1;
	if (getenv("NETPATH_BTF_FULL") || !no_module_btf() || !np_kernel_btf())
		return &c->opts;
	c->fd = memfd_create("netpath-core-btf", MFD_CLOEXEC);
	if (c->fd < 0)
		return &c->opts;
	snprintf(c->path, sizeof(c->path), "/proc/self/fd/%d", c->fd);
	c->opts.btf_custom_path = c->path;
	return &c->opts;
}

int np_core_btf_fail(struct np_core_btf *c)
{
	int err = errno ? -errno : -EINVAL;
	np_core_btf_close(c);
	return err;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int np_core_btf_fill(struct np_core_btf *c, const struct bpf_object *obj)
{
	struct btf *kernel = np_kernel_btf();
	const struct btf *local = bpf_object__btf(obj);
	void *cut = NULL;
	const void *raw;
	size_t size = 0;
	__u32 full = 0;
	int err;

	if (c->fd < 0)
		return 0;
	if (local)
		cut = np_core_btf_cut_raw(kernel, local, &size);
	/* No cut: the whole kernel BTF, which is what libbpf would use. */
	raw = cut ? cut : btf__raw_data(kernel, &full);
	if (!cut)
		size = full;
	err = raw ? write_all(c->fd, raw, size) : -ENOMEM;
	free(cut);
	return err;
}

void np_core_btf_close(struct np_core_btf *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

int np_core_btf_load(struct np_core_btf *c, struct bpf_object_skeleton *skel)
{
	int err = np_core_btf_fill(c, *skel->obj);
	if (!err)
		err = bpf_object__load_skeleton(skel);
	np_core_btf_close(c);
	return err;
}

struct id_want {
	const char *name;
	__u32 *id;
};

static void id_visit(void *arg, uint32_t id, const struct btf_type *t, const char *name)
{
	struct id_want *w = arg;
	if (!btf_is_struct(t))
		return;
	for (; w->name; w++)
		if (!*w->id && name[0] == w->name[0] && !strcmp(name, w->name))
			*w->id = id;
}

const struct np_kernel_ids *np_kernel_ids(void)
{
	static struct np_kernel_ids ids;
	static bool done;
	struct id_want want[] = {{"sk_buff", &ids.sk_buff},
				 {"iphdr", &ids.iphdr},
				 {"ipv6hdr", &ids.ipv6hdr},
				 {"udphdr", &ids.udphdr},
				 {NULL, NULL}};
	const struct btf *k;

	if (done)
		return &ids;
	done = true;
	k = np_kernel_btf();
	if (k)
		each_named_type(k, id_visit, want);
	return &ids;
}
