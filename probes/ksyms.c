// SPDX-License-Identifier: GPL-2.0-only
/* Symbolise kernel text addresses with /proc/kallsyms.  The file is not
 * sorted across modules, so for every wanted address keep the closest
 * text symbol at or below it. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksyms.h"
#include "xalloc.h"

int np_ksyms_resolve(const uint64_t *addrs, int n, struct np_ksym *out)
{
	uint64_t *best;
	char line[512];
	FILE *f;

	for (int i = 0; i < n; i++)
		memset(&out[i], 0, sizeof(out[i]));
	if (n <= 0)
		return 0;
	best = np_xcalloc((size_t)n, sizeof(*best));
	f = fopen("/proc/kallsyms", "re");
	if (!f) {
		int err = -errno;
		free(best);
		return err;
	}
	while (fgets(line, sizeof(line), f)) {
		char *end, *name, type;
		uint64_t a = strtoull(line, &end, 16);
		if (end == line || !a || end[0] != ' ')
			continue;
		type = end[1];
		if (type != 't' && type != 'T')
			continue;
		name = end + 3;
		name[strcspn(name, " \t\n")] = '\0';
		for (int i = 0; i < n; i++) {
			if (a > addrs[i] || a < best[i])
				continue;
			best[i] = a;
			snprintf(out[i].name, sizeof(out[i].name), "%s", name);
			out[i].offset = addrs[i] - a;
			out[i].found = true;
		}
	}
	fclose(f);
	free(best);
	return 0;
}

struct np_ksym_ent {
	uint64_t addr;
	char *name;
};

struct np_ksyms {
	struct np_ksym_ent *v;
	size_t n;
};

static int ent_cmp(const void *a, const void *b)
{
	const struct np_ksym_ent *x = a, *y = b;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

struct np_ksyms *np_ksyms_load(void)
{
	struct np_ksyms *k = np_xcalloc(1, sizeof(*k));
	size_t cap = 0;
	char line[512];
	FILE *f;

	if (!k)
		return NULL;
	f = fopen("/proc/kallsyms", "re");
	if (!f) {
		free(k);
		return NULL;
	}
	while (fgets(line, sizeof(line), f)) {
		char *end, *name;
		uint64_t a = strtoull(line, &end, 16);
		if (end == line || !a || end[0] != ' ' || (end[1] != 't' && end[1] != 'T'))
			continue;
		name = end + 3;
		name[strcspn(name, " \t\n")] = '\0';
		if (k->n == cap) {
			size_t nc = cap ? cap * 2 : 65536;
			struct np_ksym_ent *v = np_xreallocarray(k->v, nc, sizeof(*v));
			k->v = v;
			cap = nc;
		}
		k->v[k->n].addr = a;
		k->v[k->n++].name = np_xstrdup(name);
	}
	fclose(f);
	/* qsort(NULL, 0, ...) is undefined (UBSan): nothing to sort anyway. */
	if (k->n > 1)
		qsort(k->v, k->n, sizeof(*k->v), ent_cmp);
	return k;
}

const char *np_ksyms_find(const struct np_ksyms *k, uint64_t addr, uint64_t *off)
{
	size_t lo = 0, hi;
	if (!k || !k->n || addr < k->v[0].addr)
		return NULL;
	hi = k->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (k->v[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (off)
		*off = addr - k->v[lo].addr;
	return k->v[lo].name;
}

void np_ksyms_free(struct np_ksyms *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i].name);
	free(k->v);
	free(k);
}
