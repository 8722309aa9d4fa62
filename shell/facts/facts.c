// SPDX-License-Identifier: GPL-2.0-only
/* The fact store: an open-addressing hash of key -> value.  Sizes are small
 * (hundreds to a few thousand facts) so iteration sorts on demand. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "output.h"
#include "xalloc.h"

struct np_facts {
	struct np_fact **slot;
	size_t cap, n;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

struct np_facts *np_facts_new(void)
{
	struct np_facts *fs = np_xcalloc(1, sizeof(*fs));
	fs->cap = 256;
	fs->slot = np_xcalloc(fs->cap, sizeof(*fs->slot));
	return fs;
}

static void fact_free(struct np_fact *f)
{
	if (!f)
		return;
	free(f->key);
	free(f->s);
	free(f);
}

void np_facts_clear(struct np_facts *fs)
{
	for (size_t i = 0; i < fs->cap; i++) {
		fact_free(fs->slot[i]);
		fs->slot[i] = NULL;
	}
	fs->n = 0;
}

void np_facts_free(struct np_facts *fs)
{
	if (!fs)
		return;
	np_facts_clear(fs);
	free(fs->slot);
	free(fs);
}

static size_t find(const struct np_facts *fs, const char *key)
{
	size_t i = hash(key) & (fs->cap - 1);
	while (fs->slot[i] && strcmp(fs->slot[i]->key, key))
		i = (i + 1) & (fs->cap - 1);
	return i;
}

static void grow(struct np_facts *fs)
{
	struct np_facts nf = {.cap = fs->cap * 2};
	nf.slot = np_xcalloc(nf.cap, sizeof(*nf.slot));
	for (size_t i = 0; i < fs->cap; i++)
		if (fs->slot[i])
			nf.slot[find(&nf, fs->slot[i]->key)] = fs->slot[i];
	free(fs->slot);
	fs->slot = nf.slot;
	fs->cap = nf.cap;
}

static uint64_t gen_now;

uint64_t np_facts_gen(void)
{
	return gen_now;
}

/* Returns the (new or reset) fact for key. */
static struct np_fact *slot_for(struct np_facts *fs, const char *key)
{
	size_t i;
	if ((fs->n + 1) * 4 > fs->cap * 3)
		grow(fs);
	i = find(fs, key);
	if (fs->slot[i]) {
		free(fs->slot[i]->s);
		fs->slot[i]->s = NULL;
		fs->slot[i]->gen = ++gen_now;
		return fs->slot[i];
	}
	struct np_fact *f = np_xcalloc(1, sizeof(*f));
	f->key = np_xstrdup(key);
	f->gen = ++gen_now;
	fs->slot[i] = f;
	fs->n++;
	return f;
}

int np_fact_set_int(struct np_facts *fs, const char *key, int64_t v)
{
	struct np_fact *f = slot_for(fs, key);
	f->type = NP_FACT_INT;
	f->i = v;
	f->d = (double)v;
	return 0;
}

int np_fact_set_dbl(struct np_facts *fs, const char *key, double v)
{
	struct np_fact *f = slot_for(fs, key);
	f->type = NP_FACT_DBL;
	f->d = v;
	f->i = (int64_t)v;
	return 0;
}

int np_fact_set_str(struct np_facts *fs, const char *key, const char *v)
{
	struct np_fact *f = slot_for(fs, key);
	f->type = NP_FACT_STR;
	f->s = np_xstrdup(v ? v : "");
	return 0;
}

#define SETF(call)                                                                                 \
	char key[NP_FACTKEY_MAX * 2];                                                              \
	va_list ap;                                                                                \
	va_start(ap, kfmt);                                                                        \
	vsnprintf(key, sizeof(key), kfmt, ap);                                                     \
	va_end(ap);                                                                                \
	return call

int np_fact_setf_int(struct np_facts *fs, int64_t v, const char *kfmt, ...)
{
	SETF(np_fact_set_int(fs, key, v));
}
int np_fact_setf_str(struct np_facts *fs, const char *v, const char *kfmt, ...)
{
	SETF(np_fact_set_str(fs, key, v));
}
int np_fact_setf_dbl(struct np_facts *fs, double v, const char *kfmt, ...)
{
	SETF(np_fact_set_dbl(fs, key, v));
}

const struct np_fact *np_fact_lookup(const struct np_facts *fs, const char *key)
{
	return fs->slot[find(fs, key)];
}

static void remove_at(struct np_facts *fs, size_t i)
{
	/* Backward-shift deletion keeps probe chains intact. */
	fact_free(fs->slot[i]);
	fs->slot[i] = NULL;
	fs->n--;
	for (size_t j = (i + 1) & (fs->cap - 1); fs->slot[j]; j = (j + 1) & (fs->cap - 1)) {
		struct np_fact *f = fs->slot[j];
		fs->slot[j] = NULL;
		fs->slot[find(fs, f->key)] = f;
	}
}

void np_facts_clear_prefix(struct np_facts *fs, const char *prefix)
{
	size_t plen = strlen(prefix);
	for (size_t i = 0; i < fs->cap;) {
		if (fs->slot[i] && !strncmp(fs->slot[i]->key, prefix, plen))
			remove_at(fs, i); /* re-examine slot i: something may have shifted in */
		else
			i++;
	}
}

static int cmp_fact(const void *a, const void *b)
{
	return strcmp((*(struct np_fact *const *)a)->key, (*(struct np_fact *const *)b)->key);
}

void np_facts_each(const struct np_facts *fs, const char *prefix,
		   void (*cb)(const struct np_fact *f, void *arg), void *arg)
{
	size_t plen = strlen(prefix), n = 0;
	struct np_fact **v = np_xmalloc((fs->n + 1) * sizeof(*v));
	for (size_t i = 0; i < fs->cap; i++)
		if (fs->slot[i] && !strncmp(fs->slot[i]->key, prefix, plen))
			v[n++] = fs->slot[i];
	qsort(v, n, sizeof(*v), cmp_fact);
	for (size_t i = 0; i < n; i++)
		cb(v[i], arg);
	free(v);
}

size_t np_facts_count(const struct np_facts *fs)
{
	return fs->n;
}

bool np_fact_number(const struct np_fact *f, double *out)
{
	char *end;
	switch (f->type) {
	case NP_FACT_INT:
		*out = (double)f->i;
		return true;
	case NP_FACT_DBL:
		*out = f->d;
		return true;
	case NP_FACT_STR:
		if (!f->s || !*f->s)
			return false;
		*out = strtod(f->s, &end);
		return *end == '\0';
	}
	return false;
}

const char *np_fact_text(const struct np_fact *f, char *buf, size_t len)
{
	switch (f->type) {
	case NP_FACT_INT:
		snprintf(buf, len, "%lld", (long long)f->i);
		break;
	case NP_FACT_DBL:
		snprintf(buf, len, "%.6g", f->d);
		break;
	case NP_FACT_STR:
		snprintf(buf, len, "%s", f->s ? f->s : "");
		break;
	}
	return buf;
}

void np_fact_print(struct np_out *o, const char *key, const char *fmt, const struct np_fact *f)
{
	char buf[64];
	if (f->type == NP_FACT_STR) {
		np_print_value(o, key, fmt, f->s);
		return;
	}
	/* Numbers print as numbers; the text form is np_fact_text's. */
	if (f->type == NP_FACT_INT)
		np_print_i64(o, key, NULL, f->i);
	else
		np_print_dbl(o, key, NULL, f->d);
	if (fmt && !np_out_json(o))
		np_print_str(o, key, fmt, np_fact_text(f, buf, sizeof(buf)));
}
