// SPDX-License-Identifier: GPL-2.0-only
/* netpath: argv, mode selection and exit codes.  Nothing below main()
 * calls exit(); handlers return 0 or -errno and set ctx->health. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "config.h"
#include "factsrc.h"
#include "manpage.h"
#include "repl.h"

enum { OPT_NO_COLOR = 256, OPT_MAN };

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"netns", required_argument, NULL, 'n'},
		{"json", no_argument, NULL, 'j'},
		{"pretty", no_argument, NULL, 'p'},
		{"no-color", no_argument, NULL, OPT_NO_COLOR},
		{"command", required_argument, NULL, 'c'},
		{"file", required_argument, NULL, 'f'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, 'h'},
		{"man", no_argument, NULL, OPT_MAN},
		{NULL, 0, NULL, 0},
	};
	const char *netns = NULL, *file = NULL;
	const char **cmds = calloc((size_t)argc + 1, sizeof(char *));
	int ncmds = 0, opt, worst = 0;
	bool json = false, pretty = false, color = true;
	struct np_out *out;
	struct np_ctx ctx;

	if (!cmds)
		return NP_UNKNOWN;
	while ((opt = getopt_long(argc, argv, "n:jpc:f:Vh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'n':
			netns = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'p':
			json = pretty = true;
			break;
		case OPT_NO_COLOR:
			color = false;
			break;
		case 'c':
			cmds[ncmds++] = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'V':
			printf("netpath %s\n", NP_VERSION);
			free(cmds);
			return 0;
		case 'h':
			np_usage(stdout);
			free(cmds);
			return 0;
		case OPT_MAN:
			np_manpage(stdout);
			free(cmds);
			return 0;
		default:
			np_usage(stderr);
			free(cmds);
			return NP_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "netpath: unexpected argument '%s' (commands go after -c)\n",
			argv[optind]);
		np_usage(stderr);
		free(cmds);
		return NP_EXIT_USAGE;
	}
	if (getenv("NO_COLOR") || !isatty(STDOUT_FILENO))
		color = false;

	out = np_out_new(stdout, stderr, json, pretty, color);
	if (!out || np_ctx_init(&ctx, out)) {
		fprintf(stderr, "netpath: out of memory\n");
		free(cmds);
		return NP_UNKNOWN;
	}
	np_signals_install();
	if (np_factsrc_init(out)) {
		/* A capture that does not load must not fall back to the kernel. */
		np_out_error_object(out, "replay");
		worst = NP_EXIT_USAGE;
		goto done;
	}

	if (netns) {
		int rc = np_netns_enter(&ctx, netns);
		if (rc) {
			np_out_error_object(out, "netns");
			worst = np_exit_status(&ctx, rc);
			goto done;
		}
	}
	for (int i = 0; i < ncmds; i++) {
		worst = np_exit_worst(worst, np_exit_status(&ctx, np_dispatch_line(&ctx, cmds[i])));
		if (np_sigint)
			break;
	}
	if (file) {
		FILE *f = fopen(file, "r");
		if (!f) {
			np_error(out, "-f takes a file of commands, one per line", "%s: %s", file,
				 strerror(errno));
			np_out_error_object(out, "file");
			worst = np_exit_worst(worst, NP_UNKNOWN);
		} else {
			worst = np_exit_worst(worst, np_run_stream(&ctx, f, file));
			fclose(f);
		}
	}
	if (!ncmds && !file) {
		if (isatty(STDIN_FILENO))
			worst = np_repl(&ctx);
		else
			worst = np_run_stream(&ctx, stdin, "stdin");
	}
done:
	if (np_factsrc_finish(out))
		worst = np_exit_worst(worst, NP_UNKNOWN);
	np_ctx_fini(&ctx);
	np_out_free(out);
	free(cmds);
	return worst;
}
