// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>
#include <string.h>

#include "candidates.h"
#include "helppos.h"
#include "tokenize.h"
#include "xalloc.h"

#define MAX_VALUES 48

static void row(FILE *f, const char *name, const char *help)
{
	fprintf(f, "  %-18s %s\n", name, help ? help : "");
}

static bool is_keyword(const struct np_cmd *cmd, const char *s)
{
	for (int k = 0; k < cmd->nargs; k++)
		if (cmd->args[k].kw && !strcmp(cmd->args[k].kw, s))
			return true;
	return false;
}

/* The values Tab would offer here, on one wrapped line. */
static void values(FILE *f, const struct np_cmd *cmd, const struct np_cands *c)
{
	size_t col = 0, shown = 0, skipped = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (cmd && is_keyword(cmd, c->v[i]))
			continue; /* listed with their help above */
		if (shown == MAX_VALUES) {
			skipped++;
			continue;
		}
		if (!shown)
			col = (size_t)fprintf(f, "  values:");
		if (col + strlen(c->v[i]) > 78)
			col = (size_t)fprintf(f, "\n         ");
		col += (size_t)fprintf(f, " %s", c->v[i]);
		shown++;
	}
	if (skipped)
		fprintf(f, " (%zu more: type a few letters)", skipped);
	if (shown)
		fputc('\n', f);
}

static void arg_row(FILE *f, const struct np_arg *a)
{
	char name[64];
	if (a->kw && a->type != NP_A_FLAG)
		snprintf(name, sizeof(name), "%s %s", a->kw, np_arg_meta(a));
	else
		snprintf(name, sizeof(name), "%s", a->kw ? a->kw : np_arg_meta(a));
	row(f, name, a->help);
}

static void command_help(struct np_ctx *ctx, const struct np_cmd *cmd, struct np_tokens *t,
			 const char *word, FILE *f)
{
	struct np_slot s;
	bool done = true;
	int next;

	np_complete_slot(cmd, t->argc - 1, t->argv + 1, &s);
	if (s.rest_arg >= 0) {
		arg_row(f, &cmd->args[s.rest_arg]);
		done = false; /* free-form words: the command decides */
	} else if (s.value_of >= 0) {
		arg_row(f, &cmd->args[s.value_of]);
		done = false;
	} else {
		for (int k = 0; k < cmd->nargs; k++)
			if (!s.used[k] && cmd->args[k].kw &&
			    !strncmp(cmd->args[k].kw, word, strlen(word)))
				arg_row(f, &cmd->args[k]);
		next = np_arg_next_positional(cmd, s.used, 0);
		if (next < cmd->nargs)
			arg_row(f, &cmd->args[next]);
		for (int k = 0; k < cmd->nargs; k++)
			if ((cmd->args[k].flags & NP_ARG_REQUIRED) && !s.used[k])
				done = false;
	}
	{
		struct np_cands c = {0};
		np_complete_command_args(ctx, cmd, t->argc - 1, t->argv + 1, word, np_cands_add,
					 &c);
		values(f, cmd, &c);
		np_cands_free(&c);
	}
	if (done && !*word)
		row(f, "<cr>", "run it");
}

void np_help_at(struct np_ctx *ctx, const char *line, size_t point, FILE *f)
{
	char *upto = np_xstrndup(line, point), err[256];
	size_t start;
	struct np_tokens t;
	const struct np_cmd *cmd;

	if (!upto)
		return;
	start = np_last_word(upto);
	upto[start] = '\0';
	if (np_tokenize(upto, &t, err, sizeof(err))) {
		fprintf(f, "  %s\n", err);
	} else if (t.argc == 0) {
		const char *word = line + start;
		size_t wl = point - start;
		for (int i = 0; np_commands[i]; i++)
			if (!strncmp(np_commands[i]->name, word, wl))
				row(f, np_commands[i]->name, np_commands[i]->summary);
	} else if (np_command_resolve(t.argv[0], &cmd, err, sizeof(err))) {
		fprintf(f, "  %s\n", err);
	} else {
		char *word = np_xstrndup(line + start, point - start);
		if (word)
			command_help(ctx, cmd, &t, word, f);
		free(word);
	}
	np_tokens_free(&t);
	free(upto);
}
