// SPDX-License-Identifier: GPL-2.0-only
/* Command lookup, dispatch and the mapping from results to exit status. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "signals.h"

/* The usage line of a command, as a hint. */
static void usage_hint(const struct np_cmd *cmd, char *hint, size_t len)
{
	char syn[512];
	np_cmd_synopsis(cmd, syn, sizeof(syn));
	snprintf(hint, len, "usage: %s", syn);
}

int np_dispatch(struct np_ctx *ctx, int argc, char **argv)
{
	const struct np_cmd *cmd;
	struct np_args args;
	char why[256];
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
	/* A SIGTERM between two commands still cuts the next one short. */
	np_sigint = np_stop_requested;
	rc = np_command_resolve(argv[0], &cmd, why, sizeof(why));
	np_out_begin(ctx->out, cmd ? cmd->name : argv[0]);
	if (!cmd) {
		/* The first word is netpath's own vocabulary: a syntax error. */
		np_error(ctx->out, "`help` lists the commands", "%s", why);
		rc = -NP_EUSAGE;
	} else {
		rc = np_args_parse(ctx, cmd, argc - 1, argv + 1, &args);
		if (!rc)
			rc = cmd->run(ctx, &args);
		/* Every failure says something: a handler that forgot to is
		 * caught here, so each error has its one line and JSON member. */
		if (rc == -NP_EUSAGE && !np_out_has_error(ctx->out)) {
			char hint[600];
			usage_hint(cmd, hint, sizeof(hint));
			np_error(ctx->out, hint, "%s: invalid arguments", cmd->name);
		} else if (rc < 0 && !np_out_has_error(ctx->out)) {
			np_error(ctx->out, NULL, "%s: %s", cmd->name, strerror(-rc));
		}
	}
	np_out_end(ctx->out);
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
