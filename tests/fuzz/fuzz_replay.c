// SPDX-License-Identifier: GPL-2.0-only
/* The fact capture parser (NETPATH_FACTS_REPLAY files come from other
 * hosts and from hand edits): anything either parses into sorted, unique,
 * canonical fact keys with well-formed values, or fails naming line:col.
 * What parses, written back by the recorder's value writer, parses again
 * to the same entries. */
#include <errno.h>

#include "fuzz.h"
#include "replay.h"

static void same_value(const struct np_rvalue *a, const struct np_rvalue *b)
{
	FUZZ_ASSERT(a->type == b->type);
	if (a->type == NP_FACT_INT)
		FUZZ_ASSERT(a->i == b->i);
	else if (a->type == NP_FACT_DBL)
		FUZZ_ASSERT(a->d == b->d);
	else
		FUZZ_ASSERT(!strcmp(a->s, b->s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct np_replay *r = NULL, *r2 = NULL;
	char err[512] = "";
	static char vb[NP_REPLAY_STR_MAX * 4 + 8], va[NP_REPLAY_STR_MAX * 4 + 8];

	int rc = np_replay_parse("fuzz", (const char *)data, size, &r, err, sizeof(err));
	if (rc) {
		FUZZ_ASSERT(r == NULL);
		FUZZ_ASSERT(rc == -EINVAL || rc == -ENOMEM);
		FUZZ_ASSERT(rc == -ENOMEM || !strncmp(err, "fuzz:", 5));
		return 0;
	}
	size_t cap = 64, len = 0;
	char *text = malloc(cap);
	FUZZ_ASSERT(text);
	for (size_t i = 0; i < r->n; i++) {
		const struct np_rentry *e = &r->e[i];
		struct np_factkey k;
		char canon[NP_FACTKEY_MAX * 2];
		FUZZ_ASSERT(i == 0 || strcmp(r->e[i - 1].key, e->key) < 0);
		FUZZ_ASSERT(np_factkey_parse(e->key, &k, err, sizeof(err)) == 0);
		np_factkey_format(&k, canon, sizeof(canon));
		FUZZ_ASSERT(!strcmp(canon, e->key));
		FUZZ_ASSERT(np_replay_find(r, e->key) == e);
		if (e->after.type == NP_FACT_STR)
			FUZZ_ASSERT(strlen(e->after.s) <= NP_REPLAY_STR_MAX);
		if (!e->delta)
			same_value(&e->before, &e->after);
		np_replay_format_value(vb, sizeof(vb), &e->before);
		np_replay_format_value(va, sizeof(va), &e->after);
		size_t need = strlen(e->key) + strlen(vb) + strlen(va) + 16;
		if (len + need > cap) {
			cap = (len + need) * 2;
			text = realloc(text, cap);
			FUZZ_ASSERT(text);
		}
		len +=
		    (size_t)(e->delta ? snprintf(text + len, cap - len, "%s = %s -> %s\n", e->key,
						 vb, va)
				      : snprintf(text + len, cap - len, "%s = %s\n", e->key, va));
	}
	rc = np_replay_parse("again", text, len, &r2, err, sizeof(err));
	if (rc)
		fprintf(stderr, "re-parse: %s\n", err);
	FUZZ_ASSERT(rc == 0 && r2->n == r->n);
	for (size_t i = 0; i < r->n; i++) {
		FUZZ_ASSERT(!strcmp(r->e[i].key, r2->e[i].key));
		FUZZ_ASSERT(r->e[i].delta == r2->e[i].delta);
		same_value(&r->e[i].before, &r2->e[i].before);
		same_value(&r->e[i].after, &r2->e[i].after);
	}
	free(text);
	np_replay_free(r);
	np_replay_free(r2);
	return 0;
}
