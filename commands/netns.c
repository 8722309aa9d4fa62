// SPDX-License-Identifier: GPL-2.0-only
/* netns [NAME|-]: switch network namespace for everything that follows. */
#include "command.h"

static const struct np_arg netns_args[] = {
	{NULL, NP_A_NETNS, "NAME", "a namespace under /run/netns, or - for the starting one"},
};

static int netns_run(struct np_ctx *ctx, const struct np_args *a)
{
	int err;
	if (a->v[0].set) {
		err = np_netns_enter(ctx, a->v[0].str);
		if (err)
			return err;
	}
	np_print_str(ctx->out, "netns", "netns %s", ctx->netns[0] ? ctx->netns : "(initial)");
	np_print_u64(ctx->out, "inode", " (inode %llu)\n", (unsigned long long)np_netns_inode());
	return 0;
}

const struct np_cmd np_cmd_netns = {
	.name = "netns",
	.summary = "show or switch the network namespace",
	.help = "Switches to /run/netns/NAME for every following command, like `ip -n`. `netns -` "
		"returns to the namespace netpath started in. The prompt shows the namespace.",
	.args = netns_args,
	.nargs = NP_ARRAY_SIZE(netns_args),
	.run = netns_run,
};
