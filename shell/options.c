// SPDX-License-Identifier: GPL-2.0-only
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "np.h"
#include "options.h"
#include "xalloc.h"

enum { OPT_NO_COLOR = 256, OPT_MAN, OPT_COMPLETE };

static void first_error(struct np_opts *o, const char *fmt, const char *a)
{
	if (!o->err[0])
		snprintf(o->err, sizeof(o->err), fmt, a);
}

int np_opts_parse(int argc, char **argv, struct np_opts *o)
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
	    {"complete", required_argument, NULL, OPT_COMPLETE},
	    {NULL, 0, NULL, 0},
	};
	char shortopt[3] = "-";
	int opt;

	memset(o, 0, sizeof(*o));
	o->cmds = np_xcalloc((size_t)argc + 1, sizeof(char *));
	opterr = 0; /* our own messages: one line, no program path */
	optind = 1;
	/* Leading ':' tells a missing value (':') from an unknown option ('?'). */
	while ((opt = getopt_long(argc, argv, ":n:jpc:f:Vh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'n':
			o->netns = optarg;
			break;
		case 'j':
			o->json = true;
			break;
		case 'p':
			o->json = o->pretty = true;
			break;
		case OPT_NO_COLOR:
			o->no_color = true;
			break;
		case 'c':
			o->cmds[o->ncmds++] = optarg;
			break;
		case 'f':
			if (o->file)
				first_error(o, "%s",
					    "-f given twice (one file of commands per run)");
			o->file = optarg;
			break;
		case 'V':
			o->version = true;
			break;
		case 'h':
			o->help = true;
			break;
		case OPT_MAN:
			o->man = true;
			break;
		case OPT_COMPLETE:
			o->complete = optarg;
			break;
		case ':':
			first_error(o, "option '%.64s' needs a value", argv[optind - 1]);
			break;
		default:
			shortopt[1] = (char)optopt;
			first_error(o, "unknown option '%.64s'",
				    optopt ? shortopt : argv[optind - 1]);
			break;
		}
	}
	if (optind < argc)
		first_error(o, "unexpected argument '%.64s' (commands go after -c)", argv[optind]);
	return o->err[0] ? -NP_EUSAGE : 0;
}

void np_opts_free(struct np_opts *o)
{
	free(o->cmds);
	o->cmds = NULL;
}

bool np_color_wanted(bool no_color_flag, const char *no_color_env, const char *term, bool tty)
{
	if (no_color_flag || !tty)
		return false;
	if (no_color_env && *no_color_env)
		return false;
	return term && *term && strcmp(term, "dumb");
}

int np_env_check_attach(const char *val, char *why, size_t len)
{
	static const char *const ok[] = {"tp_btf", "raw_tp", "tracepoint", NULL};
	if (!val || !*val) /* empty = unset, as the probes read it */
		return 0;
	for (int i = 0; ok[i]; i++)
		if (!strcmp(val, ok[i]))
			return 0;
	snprintf(why, len, "NETPATH_PROBE_ATTACH='%.32s': expected tp_btf, raw_tp or tracepoint",
		 val);
	return -NP_EUSAGE;
}
