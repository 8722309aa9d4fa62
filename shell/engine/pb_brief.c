// SPDX-License-Identifier: GPL-2.0-only
/* --brief: one line per walk, for chat messages, pagers and monitors that
 * show one line: what died where, how much, which flow, which rule. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "pb_internal.h"
#include "pb_run.h"
#include "pb_summary.h"
#include "verdict_rule.h"

static const char *param(const struct pb_run *r, const char *key)
{
	for (int i = 0; i < r->nparams; i++)
		if (!strcmp(r->params_json_keys[i], key))
			return r->params_vals[i];
	return NULL;
}

/* Appends a blank and fmt (two string arguments) to buf. */
static void add(char *buf, size_t len, const char *fmt, const char *a, const char *b)
{
	size_t o = strlen(buf);
	if (o + 1 >= len)
		return;
	if (o)
		buf[o++] = ' ';
	snprintf(buf + o, len - o, fmt, a, b);
}

/* "2s" for a window of 2.0003 s, "2.5s" */
static const char *secs(double s, char *buf, size_t len)
{
	double r = (double)(long)(s + 0.5);
	snprintf(buf, len, s - r < 0.05 && r - s < 0.05 ? "%.0fs" : "%.1fs", s);
	return buf;
}

/* The flow under diagnosis: "to 10.0.0.2 udp:5353 eth0". */
static void flow(const struct pb_run *r, const struct pb_result *v, char *buf, size_t len)
{
	const char *proto = param(r, "proto");
	if (r->dst)
		add(buf, len, "to %s%s", r->dst, "");
	if (r->port)
		add(buf, len, proto ? "%s:%s" : "port %s%s", proto ? proto : r->port,
		    proto ? r->port : "");
	if (v && v->dev)
		add(buf, len, "%s%s", v->dev, "");
	else if (r->dev)
		add(buf, len, "%s%s", r->dev, "");
}

/* The firewall rule of a netfilter verdict: what to edit. */
static void rule(const struct pb_vrule *ru, char *buf, size_t len)
{
	char handle[32];
	if (!ru)
		return;
	add(buf, len, ru->policy ? "policy %s %s" : "rule %s %s", ru->family, ru->table);
	if (ru->policy) {
		add(buf, len, "%s%s", ru->chain, "");
		return;
	}
	snprintf(handle, sizeof(handle), "#%lld", (long long)ru->handle);
	add(buf, len, "%s %s", ru->chain, handle);
}

const char *pb_brief_text(const struct pb_run *r, char *buf, size_t len)
{
	const struct pb_result *v = r->vres >= 0 ? &r->res[r->vres] : NULL;
	char num[64], w[16];
	buf[0] = '\0';
	if (r->status == NP_OK && r->window > 0) {
		add(buf, len, "no loss in %s%s", secs(r->window, w, sizeof(w)), "");
	} else if (r->status == NP_OK) {
		add(buf, len, "no fault (static checks only)%s%s", "", "");
	} else if (!v) {
		/* unknown: what could not be seen */
		add(buf, len, "not observed: %s%s", r->nconf ? r->confidence[0] : r->summary, "");
	} else {
		if (v->reason)
			add(buf, len, "%s%s", v->reason, "");
		if (v->count >= 0) {
			snprintf(num, sizeof(num), "%.0f pkts/%s", v->count,
				 secs(r->window, w, sizeof(w)));
			add(buf, len, "%s%s", num, "");
		}
		if (!v->reason && v->count < 0)
			add(buf, len, "%s%s", v->title, "");
	}
	flow(r, v, buf, len);
	rule(r->rule, buf, len);
	return buf;
}

void pb_summarize(struct np_ctx *ctx, const struct pb_run *r)
{
	char text[512];
	switch (np_out_summary_mode(ctx->out)) {
	case NP_SUM_BRIEF:
		pb_brief_text(r, text, sizeof(text));
		/* The layer where packets die, else the playbook that found
		 * nothing (or could not look). */
		np_out_headline(ctx->out,
				r->vres >= 0 && r->vlayer != NP_L_NONE ? np_layer_name(r->vlayer)
								       : r->name,
				"%s", text);
		break;
	case NP_SUM_METRICS:
		pb_metrics_walk(ctx, r);
		break;
	default:
		break;
	}
}
