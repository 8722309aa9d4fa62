// SPDX-License-Identifier: GPL-2.0-only
/* help [COMMAND]: generated from the descriptors. */
#include <string.h>

#include "command.h"

static const struct np_arg help_args[] = {
	{NULL, NP_A_COMMAND, "COMMAND", "the command to explain"},
};

static int help_one(struct np_ctx *ctx, const struct np_cmd *c)
{
	char syn[512];
	np_cmd_synopsis(c, syn, sizeof(syn));
	np_print_str(ctx->out, "name", NULL, c->name);
	np_print_str(ctx->out, "synopsis", "usage: %s\n", syn);
	np_print_str(ctx->out, "summary", "%s\n", c->summary);
	if (c->help)
		np_print_str(ctx->out, "help", "\n%s\n", c->help);
	if (c->nargs) {
		np_text(ctx->out, "\narguments:\n");
		np_open_arr(ctx->out, "arguments");
		for (int i = 0; i < c->nargs; i++) {
			const struct np_arg *a = &c->args[i];
			const char *label = a->kw ? a->kw : a->meta ? a->meta : "ARG";
			np_open_obj(ctx->out, NULL);
			np_print_str(ctx->out, "name", "  %-14s ", label);
			np_print_str(ctx->out, "help", "%s\n", a->help ? a->help : "");
			np_close_obj(ctx->out);
		}
		np_close_arr(ctx->out);
	}
	if (c->facts) {
		np_text(ctx->out, "\nfacts:\n");
		np_open_arr(ctx->out, "facts");
		for (const struct np_fact_provider *const *p = c->facts; *p; p++) {
			np_open_obj(ctx->out, NULL);
			np_print_str(ctx->out, "pattern", "  %-34s ", (*p)->pattern);
			np_print_str(ctx->out, "describe", "%s\n", (*p)->describe);
			np_close_obj(ctx->out);
		}
		np_close_arr(ctx->out);
	}
	if (c->examples)
		np_print_str(ctx->out, "examples", "\nexamples:\n%s\n", c->examples);
	return 0;
}

static int help_run(struct np_ctx *ctx, const struct np_args *a)
{
	static const struct np_col cols[] = {
		{"name", "COMMAND", NP_COL_STR},
		{"summary", "WHAT IT DOES", NP_COL_STR},
	};
	struct np_table *t;

	if (a->v[0].set)
		return help_one(ctx, np_command_find(a->v[0].str));
	t = np_table_begin(ctx->out, "commands", NULL, cols, 2);
	for (int i = 0; np_commands[i]; i++) {
		np_row_begin(t);
		np_cell_str(t, np_commands[i]->name);
		np_cell_str(t, np_commands[i]->summary);
		np_row_end(t);
	}
	np_table_end(t);
	np_text(ctx->out, "\n`help COMMAND` for details; Tab completes commands and arguments.\n");
	return 0;
}

const struct np_cmd np_cmd_help = {
	.name = "help",
	.summary = "list commands, or explain one",
	.args = help_args,
	.nargs = NP_ARRAY_SIZE(help_args),
	.run = help_run,
};
