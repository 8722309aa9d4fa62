// SPDX-License-Identifier: GPL-2.0-only
/* What every probe's answer shares (see probe.h). */
#include <stdio.h>
#include <string.h>

#include "probe.h"

int np_probe_skip(struct np_ctx *ctx, const char *kind, int err, const char *why)
{
	np_print_status(ctx->out, NULL, "%s", "skip");
	np_print_str(ctx->out, "kind", " probe %s", kind);
	np_print_str(ctx->out, "skip", ": %s\n", why);
	np_error(ctx->out,
		 err == -EPERM ? "run as root, or grant CAP_BPF and CAP_PERFMON"
			       : "`features` shows what this kernel allows",
		 "probe %s skipped: %s", kind, why);
	return err;
}

void np_probe_header(struct np_ctx *ctx, const char *kind, const char *what, double elapsed,
		     const struct np_probe_opts *o, const char *mode, bool cut)
{
	const char *word = np_health_name(ctx->health);
	struct np_wrap w;
	char desc[512];
	np_filter_describe(&o->filter, desc, sizeof(desc));
	np_print_str(ctx->out, "kind", NULL, kind);
	/* The judgement is made before the header: the word agrees with the
	 * exit status (JSON's "status" is the dispatcher's). */
	np_print_status(ctx->out, NULL, "%s", word);
	/* A long filter or namespace name: broken between words at the
	 * terminal's width, not cut by it. */
	np_wrap_begin_at(ctx->out, &w, (int)strlen(word));
	np_print_dbl(ctx->out, "window_s", " probe %.1f s", elapsed);
	np_text(ctx->out, " %s", what);
	np_print_str(ctx->out, "filter", ", %s", desc);
	np_print_str(ctx->out, "attach", ", via %s", mode);
	np_print_bool(ctx->out, "interrupted", cut ? " (interrupted)" : "", cut);
	np_wrap_end(ctx->out, &w, " ", 2);
}

bool np_probe_wait(struct np_ctx *ctx, double seconds, double *elapsed)
{
	double t0 = np_now();
	int err = np_sleep(ctx, seconds);
	*elapsed = np_now() - t0;
	return err == -EINTR;
}
