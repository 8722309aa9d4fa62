// SPDX-License-Identifier: GPL-2.0-only
/* --metrics: a finished walk as the exposition's record (shell/metrics.h
 * keeps and prints them): its labels, verdict and the window's drops. */
#include <string.h>

#include "command.h"
#include "metrics.h"
#include "pb_internal.h"
#include "pb_run.h"
#include "pb_summary.h"
#include "reasons.h"

static void drop_fact(const struct np_fact *f, void *arg)
{
	struct np_metrics_walk *w = arg;
	const char *name = f->key + strlen("drops[");
	size_t n = strcspn(name, "]");
	const struct np_reason_info *info;
	struct np_metrics_drop *d;
	/* drops[REASON] only: not drops.layer[...], drops.at[...] */
	if (f->type != NP_FACT_INT || f->i <= 0 || name[n] != ']' || name[n + 1] ||
	    w->ndrops == NP_METRICS_DROPS)
		return;
	d = &w->drops[w->ndrops++];
	snprintf(d->reason, sizeof(d->reason), "%.*s", (int)n, name);
	info = np_reason_classify(d->reason, NULL);
	d->layer = info ? info->layer : NP_L_NONE;
	d->count = f->i;
}

void pb_metrics_walk(struct np_ctx *ctx, const struct pb_run *r)
{
	const struct pb_result *v = r->vres >= 0 ? &r->res[r->vres] : NULL;
	struct np_metrics_walk w = {0};

	np_metrics_label(w.playbook, sizeof(w.playbook), r->name);
	np_metrics_label(w.netns, sizeof(w.netns), ctx->netns);
	np_metrics_label(w.port, sizeof(w.port), r->port);
	np_metrics_label(w.dst, sizeof(w.dst), r->dst);
	np_metrics_label(w.dev, sizeof(w.dev), r->dev);
	np_metrics_label(w.layer, sizeof(w.layer), np_layer_name(r->vlayer));
	np_metrics_label(w.reason, sizeof(w.reason), v ? v->reason : NULL);
	w.status = (int)r->status;
	w.packets = v ? v->count : -1;
	w.window = r->window;
	/* The window's drop probe published drops[REASON] (0 when quiet). */
	if (r->window > 0)
		np_facts_each(ctx->facts, "drops[", drop_fact, &w);
	np_metrics_add(&w);
}
