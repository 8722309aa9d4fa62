// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>
#include <string.h>

#include "candidates.h"
#include "tokenize.h"
#include "xalloc.h"

void np_cands_add(void *cookie, const char *c)
{
	struct np_cands *l = cookie;
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], c))
			return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		char **v = np_xreallocarray(l->v, cap, sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = np_xstrdup(c);
}

void np_cands_clear(struct np_cands *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

void np_cands_free(struct np_cands *l)
{
	np_cands_clear(l);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}

int np_candidates(struct np_ctx *ctx, const char *line, size_t start, const char *word,
		  struct np_cands *out)
{
	struct np_tokens t;
	char err[64], why[256];
	char *prefix = np_xstrndup(line, start);

	if (np_tokenize(prefix, &t, err, sizeof(err))) {
		free(prefix);
		return -NP_EUSAGE;
	}
	free(prefix);
	if (t.argc == 0) {
		for (int i = 0; np_commands[i]; i++)
			if (!strncmp(np_commands[i]->name, word, strlen(word)))
				np_cands_add(out, np_commands[i]->name);
	} else {
		const struct np_cmd *cmd;
		if (!np_command_resolve(t.argv[0], &cmd, why, sizeof(why)))
			np_complete_command_args(ctx, cmd, t.argc - 1, t.argv + 1, word,
						 np_cands_add, out);
	}
	np_tokens_free(&t);
	return 0;
}

size_t np_last_word(const char *line)
{
	size_t n = strlen(line);
	while (n > 0 && line[n - 1] != ' ' && line[n - 1] != '\t')
		n--;
	return n;
}

void np_complete_print(struct np_ctx *ctx, const char *line, FILE *f)
{
	struct np_cands c = {0};
	size_t start = np_last_word(line);

	if (np_candidates(ctx, line, start, line + start, &c) == 0)
		for (size_t i = 0; i < c.n; i++)
			fprintf(f, "%s\n", c.v[i]);
	np_cands_free(&c);
}
