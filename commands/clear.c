// SPDX-License-Identifier: GPL-2.0-only
/* clear: clear the terminal, like clear(1) or Ctrl-L. */
#include <stdio.h>
#include <unistd.h>

#include "command.h"

static int clear_run(struct np_ctx *ctx, const struct np_args *a)
{
	FILE *f = np_out_file(ctx->out);
	(void)a;
	/* Home, clear the screen and the scrollback; only on a terminal
	 * (escape codes in a file or a pipe are noise). */
	if (!np_out_json(ctx->out) && isatty(fileno(f)))
		np_text(ctx->out, "\033[H\033[2J\033[3J");
	return 0;
}

const struct np_cmd np_cmd_clear = {
    .name = "clear",
    .summary = "clear the screen",
    .help = "Clears the terminal and its scrollback (like clear(1); Ctrl-L clears the screen "
	    "too). Does nothing when the output is not a terminal.",
    .run = clear_run,
    .flags = NP_CMD_LIVE,
};
