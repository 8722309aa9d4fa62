/* SPDX-License-Identifier: GPL-2.0-only */
/* netpath's own command line and environment, parsed without side effects
 * (main() acts on the result; unit-tested in tests/unit/test_options.c). */
#ifndef NP_OPTIONS_H
#define NP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

struct np_opts {
	const char *netns, *file;
	const char *complete; /* --complete LINE (the bash completion helper) */
	const char **cmds;    /* -c, in order; argc entries allocated */
	int ncmds;
	bool json, pretty, no_color, version, help, man;
	bool brief, metrics; /* --brief: one line per command; --metrics: OpenMetrics */
	char err[256]; /* the first problem, when np_opts_parse fails */
};

/* 0, or -NP_EUSAGE with o->err ("unknown option '--bogus'").  Parsing
 * goes on past an error so -j given after it still selects JSON for the
 * error itself.  Free o->cmds with np_opts_free. */
int np_opts_parse(int argc, char **argv, struct np_opts *o);
void np_opts_free(struct np_opts *o);

/* Colour only on a terminal that has it: not with --no-color, not when
 * NO_COLOR is set to a non-empty value (no-color.org: an empty one does
 * not count), not for TERM unset, empty or "dumb". */
bool np_color_wanted(bool no_color_flag, const char *no_color_env, const char *term, bool tty);

/* NETPATH_PROBE_ATTACH: NULL/unset is fine, else one of tp_btf, raw_tp,
 * tracepoint.  0 or -NP_EUSAGE with why. */
int np_env_check_attach(const char *val, char *why, size_t len);

#endif
