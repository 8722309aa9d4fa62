// SPDX-License-Identifier: GPL-2.0-only
/* Counting probes as window sources (see probe_window.h). */
#include <stdlib.h>

#include "probe_window.h"
#include "xalloc.h"

struct win {
	struct np_filter_spec spec; /* the skeleton copies the filter at load */
	void *probe;
};

int np_probe_win_start(const struct np_probe_ops *ops, struct np_ctx *ctx, const char *filter,
		       void **state)
{
	struct win *w = np_xcalloc(1, sizeof(*w));
	char why[512];
	int err;
	*state = NULL;
	err = np_filter_prepare(ctx, filter, &w->spec, why, sizeof(why));
	if (!err)
		err = ops->open(ctx, &w->spec, &w->probe, why, sizeof(why));
	if (err) {
		ops->publish_skip(ctx, why);
		free(w);
		return err;
	}
	*state = w;
	return 0;
}

int np_probe_win_collect(const struct np_probe_ops *ops, struct np_ctx *ctx, void *state,
			 double seconds)
{
	struct win *w = state;
	if (!w)
		return -EINVAL;
	ops->publish(ctx, w->probe, seconds);
	return 0;
}

void np_probe_win_stop(const struct np_probe_ops *ops, void *state)
{
	struct win *w = state;
	if (!w)
		return;
	ops->close(w->probe);
	free(w);
}
