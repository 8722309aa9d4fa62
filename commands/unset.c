// SPDX-License-Identifier: GPL-2.0-only
/* unset NAME|all: forget a session default. */
#include <string.h>

#include "command.h"

static const char *const unset_names[] = {"dev",    "port", "dst",   "src", "proto",
					  "window", "all",  "pager", NULL};

static const struct np_arg unset_args[] = {
    {NULL, NP_A_ENUM, "NAME", "which default (all: every one)", unset_names, NP_ARG_REQUIRED},
};

static int unset_run(struct np_ctx *ctx, const struct np_args *a)
{
	struct np_session *s = &ctx->set;
	int c = a->v[0].choice;
	bool all = c == 6;
	if (all || c == 0)
		s->dev[0] = '\0';
	if (all || c == 1)
		s->port = 0;
	if (all || c == 2)
		s->dst[0] = '\0';
	if (all || c == 3)
		s->src[0] = '\0';
	if (all || c == 4)
		s->proto[0] = '\0';
	if (all || c == 5)
		s->window = -1;
	if (all || c == 7)
		s->pager_off = false; /* back to the default: on */
	np_print_str(ctx->out, "unset", "%s cleared\n", unset_names[c]);
	return 0;
}

const struct np_cmd np_cmd_unset = {
    .name = "unset",
    .summary = "clear a session default set with `set`",
    .help = "Clears one default (dev, port, dst, src, proto, window) or all of them; "
	    "`unset pager` turns the pager back on.",
    .args = unset_args,
    .nargs = NP_ARRAY_SIZE(unset_args),
    .run = unset_run,
    .examples = "unset port\nunset all",
};
