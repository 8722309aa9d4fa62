// SPDX-License-Identifier: GPL-2.0-only
/* help [COMMAND]: generated from the descriptors. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "family.h"
#include "pb.h"

static const struct np_arg help_args[] = {
	{NULL, NP_A_COMMAND, "COMMAND", "the command to explain"},
	{NULL, NP_A_PLAYBOOK, "PLAYBOOK", "with run or show: that playbook's parameters"},
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
		for (const char *const *n = c->facts; *n; n++) {
			const struct np_fact_family *fam = np_fact_family_find(*n);
			if (!fam)
				continue;
			np_open_obj(ctx->out, NULL);
			np_print_str(ctx->out, "pattern", "  %-34s ", fam->pattern);
			np_print_str(ctx->out, "describe", "%s\n", fam->describe);
			np_close_obj(ctx->out);
		}
		np_close_arr(ctx->out);
	}
	if (c->examples)
		np_print_str(ctx->out, "examples", "\nexamples:\n%s\n", c->examples);
	return 0;
}

/* `help run rx`: what `run rx` takes, from the playbook itself. */
static void help_playbook(struct np_ctx *ctx, const struct pb_playbook *pb)
{
	static const struct np_col cols[] = {
		{"name", "PARAMETER", NP_COL_STR},
		{"type", "TYPE", NP_COL_STR},
		{"required", "REQUIRED", NP_COL_STR},
		{"default", "DEFAULT", NP_COL_STR},
		{"help", "MEANING", NP_COL_STR},
	};
	char def[128];
	struct np_table *t;

	np_text(ctx->out, "\n");
	np_print_str(ctx->out, "playbook", "run %s", pb->name);
	np_print_str(ctx->out, "summary", ": %s\n", pb->summary);
	np_print_str(ctx->out, "path", "(%s)\n\n", pb->path);
	t = np_table_begin(ctx->out, "params", NULL, cols, NP_ARRAY_SIZE(cols));
	for (int i = 0; i < pb->nparams; i++) {
		const struct pb_param *p = &pb->params[i];
		def[0] = '\0';
		for (int f = 0; f < p->nfrom; f++)
			snprintf(def + strlen(def), sizeof(def) - strlen(def), "%s%s",
				 f ? ", " : "from ", p->from[f]);
		np_row_begin(t);
		np_cell_str(t, p->name);
		np_cell_str(t, pb_ptype_name(p->type));
		np_cell_str(t, p->optional ? "no" : "yes");
		np_cell_str(t, p->def ? p->def : def[0] ? def : NULL);
		np_cell_str(t, p->help);
		np_row_end(t);
	}
	np_row_begin(t);
	np_cell_str(t, "window");
	np_cell_str(t, "duration");
	np_cell_str(t, "no");
	snprintf(def, sizeof(def), "%gs", pb->window);
	np_cell_str(t, def);
	np_cell_str(t, "observation window (0: static checks only)");
	np_row_end(t);
	np_row_begin(t);
	np_cell_str(t, "active");
	np_cell_str(t, "bool");
	np_cell_str(t, "no");
	np_cell_str(t, "no");
	np_cell_str(t, pb->active >= 0 ? "yes: send a few test packets of netpath's own"
				       : "not supported by this playbook");
	np_row_end(t);
	np_table_end(t);
	np_text(ctx->out, "\nparameters are KEY=VALUE: run %s%s\n", pb->name,
		pb->nparams ? " dev=eth0 window=2" : " window=2");
}

static int help_run(struct np_ctx *ctx, const struct np_args *a)
{
	static const struct np_col cols[] = {
		{"name", "COMMAND", NP_COL_STR},
		{"summary", "WHAT IT DOES", NP_COL_STR},
	};
	struct np_table *t;
	struct pb_playbook *pb;
	char err[PB_ERR_LEN];

	if (a->v[1].set) {
		const char *c = a->v[0].str;
		if (strcmp(c, "run") && strcmp(c, "show") && strcmp(c, "diagnose")) {
			np_error(ctx->out, "e.g. help run rx",
				 "help: only run (and show) take a playbook name, not %s", c);
			return -NP_EUSAGE;
		}
		pb = pb_load(a->v[1].str, err, sizeof(err));
		if (!pb) {
			bool missing = strstr(err, "no playbook") != NULL;
			np_error(ctx->out,
				 missing ? "`playbooks` lists them" : "fix the playbook file", "%s",
				 err);
			return missing ? -ENOENT : -EINVAL;
		}
		help_one(ctx, np_command_find(c));
		help_playbook(ctx, pb);
		pb_free(pb);
		return 0;
	}
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
	.examples = "help\nhelp probe\nhelp run rx",
};
