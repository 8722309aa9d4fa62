// SPDX-License-Identifier: GPL-2.0-only
/* explain: the last verdict again, with every check and all its evidence. */
#include "command.h"
#include "pb_run.h"

static int explain_run(struct np_ctx *ctx, const struct np_args *a)
{
	struct pb_run *r = ctx->last_run;
	(void)a;
	if (!r || ctx->last_run_free == NULL) {
		np_error(ctx->out, "run a playbook first, e.g. `run rx port=8080`",
			 "no verdict to explain yet");
		return -ENOENT;
	}
	pb_report(ctx, r, true);
	pb_run_finish(ctx, r); /* same verdict, same exit status */
	return 0;
}

const struct np_cmd np_cmd_explain = {
    .name = "explain",
    .summary = "reprint the last verdict with every check and its evidence",
    .help = "Shows the last `run`/`diagnose` again: every check of every layer with its "
	    "outcome (pass, fail, skip with why, n/a when a parameter was not given), the facts "
	    "it read and their values or deltas over the window, then the verdict.",
    .run = explain_run,
};
