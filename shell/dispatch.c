// SPDX-License-Identifier: GPL-2.0-only
/* Command lookup, dispatch and the mapping from results to exit status. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "factsrc.h"
#include "tokenize.h"

const struct np_cmd *np_command_find(const char *name)
{
	for (int i = 0; np_commands[i]; i++)
		if (!strcmp(np_commands[i]->name, name))
			return np_commands[i];
	return NULL;
}

static void suggest(const char *name, char *buf, size_t len)
{
	/* Offer the commands sharing the first letters, like a shell would. */
	size_t off = (size_t)snprintf(buf, len, "try `help`");
	int n = 0;
	for (int i = 0; np_commands[i] && off < len; i++)
		if (!strncmp(np_commands[i]->name, name, 2) && n++ < 4)
			off += (size_t)snprintf(buf + off, len - off, "%s`%s`",
						n == 1 ? "; did you mean " : " or ",
						np_commands[i]->name);
}

int np_dispatch(struct np_ctx *ctx, int argc, char **argv)
{
	const struct np_cmd *cmd;
	struct np_args args;
	int rc;

	/* People paste what netpath suggests: a leading "netpath" is a
	 * no-op (its options belong on a command line, not at the prompt). */
	if (argc > 0 && !strcmp(argv[0], "netpath")) {
		argc--, argv++;
		if (argc > 0 && argv[0][0] == '-') {
			np_out_begin(ctx->out, "netpath");
			np_error(ctx->out,
				 "at the prompt: `netns NAME`, `set ...`; -j/-c belong on a "
				 "command line",
				 "'netpath %.32s': options are for the command line", argv[0]);
			np_out_end(ctx->out);
			return -NP_EUSAGE;
		}
	}
	if (argc == 0)
		return 0;
	ctx->health = NP_OK;
	np_sigint = 0;
	cmd = np_command_find(argv[0]);
	np_out_begin(ctx->out, cmd ? cmd->name : argv[0]);
	if (!cmd) {
		char hint[256];
		suggest(argv[0], hint, sizeof(hint));
		np_error(ctx->out, hint, "unknown command '%.64s'", argv[0]);
		rc = -NP_EUSAGE;
	} else {
		rc = np_args_parse(ctx, cmd, argc - 1, argv + 1, &args);
		if (!rc)
			rc = cmd->run(ctx, &args);
		if (rc < 0 && rc != -NP_EUSAGE && !np_out_has_error(ctx->out))
			np_error(ctx->out, NULL, "%s: %s", cmd->name, strerror(-rc));
	}
	np_out_end(ctx->out);
	return rc;
}

int np_dispatch_line(struct np_ctx *ctx, const char *line)
{
	struct np_tokens t;
	char err[256];
	int rc = np_tokenize(line, &t, err, sizeof(err));

	if (rc) {
		np_out_begin(ctx->out, "");
		np_error(ctx->out, NULL, "%s", err);
		np_out_end(ctx->out);
		return rc;
	}
	np_factsrc_note_command(line);
	rc = np_dispatch(ctx, t.argc, t.argv);
	np_tokens_free(&t);
	return rc;
}

int np_exit_status(const struct np_ctx *ctx, int rc)
{
	if (rc == -NP_EUSAGE)
		return NP_EXIT_USAGE;
	if (rc < 0)
		return NP_UNKNOWN;
	return (int)ctx->health;
}

static int rank(int status)
{
	switch (status) {
	case NP_EXIT_USAGE:
		return 5;
	case NP_CRIT:
		return 4;
	case NP_UNKNOWN:
		return 3;
	case NP_WARN:
		return 2;
	default:
		return 1;
	}
}

int np_exit_worst(int a, int b)
{
	return rank(a) >= rank(b) ? a : b;
}
