// SPDX-License-Identifier: GPL-2.0-only
/* netpath: argv, mode selection and exit codes.  Nothing below main()
 * calls exit(); handlers return 0 or -errno and set ctx->health. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "candidates.h"
#include "command.h"
#include "factsrc.h"
#include "manpage.h"
#include "metrics.h"
#include "options.h"
#include "repl.h"
#include "signals.h"
#include "version.h"

/* What runs before any command and can refuse the whole run: a bad
 * option, a bad environment, a capture that does not load, -n NETNS. */
static int preflight(struct np_ctx *ctx, const struct np_opts *o, int parse_rc)
{
	char why[160];
	int rc;

	if (parse_rc) {
		np_error(ctx->out, "`netpath -h` lists the options", "%s", o->err);
		np_out_error_object(ctx->out, "netpath", NP_EXIT_USAGE);
		return NP_EXIT_USAGE;
	}
	if (np_env_check_attach(getenv("NETPATH_PROBE_ATTACH"), why, sizeof(why))) {
		np_error(ctx->out, "unset it to let the probes choose", "%s", why);
		np_out_error_object(ctx->out, "netpath", NP_EXIT_USAGE);
		return NP_EXIT_USAGE;
	}
	if (np_factsrc_init(ctx->out)) {
		/* A capture that does not load must not fall back to the kernel. */
		np_out_error_object(ctx->out, "replay", NP_EXIT_USAGE);
		return NP_EXIT_USAGE;
	}
	if (o->netns) {
		rc = np_netns_enter(ctx, o->netns);
		if (rc) {
			np_out_error_object(ctx->out, "netns", np_exit_status(ctx, rc));
			return np_exit_status(ctx, rc);
		}
	}
	return 0;
}

/* -c commands, then -f FILE, else the REPL or stdin. */
static int run_session(struct np_ctx *ctx, const struct np_opts *o)
{
	int worst = 0, status;

	for (int i = 0; i < o->ncmds && !np_sigint && !np_stop_requested; i++)
		worst =
		    np_exit_worst(worst, np_exit_status(ctx, np_dispatch_line(ctx, o->cmds[i])));
	if (o->file && !np_sigint && !np_stop_requested) {
		FILE *f = np_open_command_file(ctx, o->file, &status);
		if (!f)
			return np_exit_worst(worst, status);
		worst = np_exit_worst(worst, np_run_stream(ctx, f, o->file));
		fclose(f);
	}
	if (!o->ncmds && !o->file) {
		if (isatty(STDIN_FILENO))
			worst = np_repl(ctx);
		else
			worst = np_run_stream(ctx, stdin, "stdin");
	}
	return worst;
}

int main(int argc, char **argv)
{
	struct np_opts o;
	int parse_rc = np_opts_parse(argc, argv, &o), worst;
	bool color;
	struct np_out *out;
	struct np_ctx ctx;

	if (!parse_rc && (o.help || o.man)) {
		if (o.help)
			np_usage(stdout);
		else
			np_manpage(stdout);
		np_opts_free(&o);
		return 0;
	}
	color =
	    np_color_wanted(o.no_color, getenv("NO_COLOR"), getenv("TERM"), isatty(STDOUT_FILENO));
	out = np_out_new(stdout, stderr, o.json, o.pretty, color);
	if (!out || np_ctx_init(&ctx, out)) {
		fprintf(stderr, "netpath: out of memory\n");
		np_opts_free(&o);
		return NP_UNKNOWN;
	}
	np_signals_install();
	if (!parse_rc)
		np_out_summary(out, o.brief	? NP_SUM_BRIEF
				    : o.metrics ? NP_SUM_METRICS
						: NP_SUM_NONE);
	worst = preflight(&ctx, &o, parse_rc);
	if (!worst && o.version)
		np_version_print(out);
	else if (!worst && o.complete)
		np_complete_print(&ctx, o.complete, stdout);
	else if (!worst)
		worst = run_session(&ctx, &o);
	if (np_factsrc_finish(out))
		worst = np_exit_worst(worst, NP_UNKNOWN);
	/* One exposition per process, even when nothing could run: the
	 * exit status in it is what a monitor alerts on. */
	if (!parse_rc && o.metrics)
		np_metrics_print(ctx.out, stdout, worst);
	np_ctx_fini(&ctx);
	np_out_free(out);
	np_opts_free(&o);
	return worst;
}
