// SPDX-License-Identifier: GPL-2.0-only
/* A finished run on the output: the JSON of doc/DESIGN.md, "The JSON of a
 * run" ("playbook", "params", "window_s", "layers", "findings", "verdict")
 * and the text walk, one line per layer, then the verdict paragraph.
 * explain = verbose: every check with its outcome and evidence. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "pb_internal.h"
#include "pb_run.h"
#include "pb_summary.h"
#include "verdict_rule.h"

static const char *outcome_name(enum pb_outcome o)
{
	return o == PB_PASS ? "pass" : o == PB_FAIL ? "fail" : o == PB_SKIP ? "skip" : "n/a";
}

static void print_evidence(struct np_out *o, const struct pb_result *res)
{
	np_open_arr(o, "evidence");
	for (int e = 0; e < res->nev; e++) {
		const struct pb_evidence *ev = &res->ev[e];
		np_open_obj(o, NULL);
		np_print_str(o, "fact", NULL, ev->fact);
		if (ev->numeric && ev->value == (double)(int64_t)ev->value)
			np_print_i64(o, "value", NULL, (int64_t)ev->value);
		else if (ev->numeric)
			np_print_dbl(o, "value", NULL, ev->value);
		else
			np_print_str(o, "value", NULL, ev->text);
		np_print_str(o, "over", NULL,
			     ev->kind == 'd'   ? "window"
			     : ev->kind == 'r' ? "per_second"
					       : "now");
		np_close_obj(o);
	}
	np_close_arr(o);
}

static void print_finding(struct np_out *o, const struct pb_result *res)
{
	np_open_obj(o, NULL);
	np_print_str(o, "layer", NULL, np_layer_name(res->layer));
	np_print_str(o, "severity", NULL, pb_sev_name(res->sev));
	np_print_str(o, "title", NULL, res->title);
	if (res->reason)
		np_print_str(o, "reason", NULL, res->reason);
	else
		np_print_null(o, "reason");
	if (res->func)
		np_print_str(o, "function", NULL, res->func);
	if (res->dev)
		np_print_str(o, "device", NULL, res->dev);
	print_evidence(o, res);
	if (res->count >= 0) {
		np_print_dbl(o, "packets", NULL, res->count);
		np_print_dbl(o, "per_second", NULL, res->rate);
	}
	if (res->hint)
		np_print_str(o, "hint", NULL, res->hint);
	if (res->check->blocking)
		np_print_bool(o, "blocking", NULL, true);
	if (res->why)
		np_print_str(o, "note", NULL, res->why);
	np_close_obj(o);
}

/* A parameter by its type: a port is a number, a bool a boolean, a
 * duration its seconds; names and addresses stay strings. */
static void print_param(struct np_out *o, enum pb_ptype type, const char *key, const char *val)
{
	double secs;
	char why[64];
	if (type == PB_T_PORT)
		np_print_value(o, key, NULL, val);
	else if (type == PB_T_BOOL)
		np_print_bool(o, key, NULL, !strcmp(val, "yes"));
	else if (type == PB_T_DURATION && !np_parse_seconds(val, &secs, why, sizeof(why)))
		np_print_dbl(o, key, NULL, secs);
	else
		np_print_str(o, key, NULL, val);
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The merged playbooks of diagnose share layers (rx-device.inc in rx,
 * softirq and tcpdump): the same check fails in each.  A finding that
 * says what an earlier one said (layer, severity, words, device) is
 * shown once. */
static bool repeated(const struct pb_run *r, int i)
{
	const struct pb_result *a = &r->res[i];
	for (int j = 0; j < i; j++) {
		const struct pb_result *b = &r->res[j];
		if (b->outcome == PB_FAIL && b->layer == a->layer && b->sev == a->sev &&
		    same_text(b->title, a->title) && same_text(b->dev, a->dev) &&
		    same_text(b->why, a->why))
			return true;
	}
	return false;
}

static bool is_finding(const struct pb_run *r, int i)
{
	return r->res[i].outcome == PB_FAIL && !repeated(r, i);
}

static const char *status_word(const char *s)
{
	return !strcmp(s, "crit")      ? "CRIT"
	       : !strcmp(s, "warn")    ? "warn"
	       : !strcmp(s, "unknown") ? "UNKNOWN"
				       : s;
}

/* A finding of severity sev sets a layer to status s. */
static bool sev_is(enum pb_sev sev, enum pb_lstatus s)
{
	return (sev == PB_SEV_CRIT && s == PB_LS_CRIT) || (sev == PB_SEV_WARN && s == PB_LS_WARN);
}

/* A layer walked once per device (dev from each-interface): the devices
 * in order, each with its own status and worst finding. */
struct devline {
	const char *dev;
	enum pb_lstatus status;
	const char *title;
};

static int layer_devices(const struct pb_run *r, const struct pb_layer_result *lr,
			 struct devline *d, int max)
{
	int n = 0;
	for (int i = 0; i < r->nres; i++) {
		const struct pb_result *res = &r->res[i];
		int k = 0;
		if (!pb_res_in(res, lr) || !res->item || !res->dev)
			continue;
		while (k < n && strcmp(d[k].dev, res->dev))
			k++;
		if (k == n) {
			if (n == max)
				continue;
			d[n++] = (struct devline){res->dev, PB_LS_SKIP, NULL};
		}
		if (res->outcome == PB_PASS && d[k].status == PB_LS_SKIP)
			d[k].status = PB_LS_OK;
		if (res->outcome == PB_FAIL && res->sev >= PB_SEV_WARN) {
			enum pb_lstatus s = res->sev == PB_SEV_CRIT ? PB_LS_CRIT : PB_LS_WARN;
			if (d[k].status == PB_LS_OK || d[k].status == PB_LS_SKIP ||
			    (d[k].status == PB_LS_WARN && s == PB_LS_CRIT)) {
				d[k].status = s;
				d[k].title = res->title;
			}
		} else if (res->outcome == PB_FAIL && d[k].status == PB_LS_SKIP) {
			d[k].status = PB_LS_OK;
		}
	}
	return n;
}

static void print_devices(struct np_ctx *ctx, const struct pb_run *r,
			  const struct pb_layer_result *lr)
{
	struct devline d[16];
	int n = layer_devices(r, lr, d, (int)NP_ARRAY_SIZE(d));
	bool differ = false;
	for (int i = 1; i < n; i++)
		differ |= d[i].status != d[0].status;
	/* One line per device at the link layer; elsewhere only when the
	 * devices disagree. */
	if (n < 2 || (lr->layer != NP_L_LINK && !differ))
		return;
	np_open_arr(ctx->out, "devices");
	for (int i = 0; i < n; i++) {
		np_open_obj(ctx->out, NULL);
		np_print_str(ctx->out, "device", NULL, d[i].dev);
		np_print_str(ctx->out, "status", NULL, pb_lstatus_name(d[i].status));
		np_close_obj(ctx->out);
		np_text(ctx->out, "    %-8s ", d[i].dev);
		np_text_color(ctx->out,
			      d[i].status == PB_LS_CRIT	  ? NP_C_RED
			      : d[i].status == PB_LS_WARN ? NP_C_YELLOW
			      : d[i].status == PB_LS_OK	  ? NP_C_GREEN
							  : NP_C_DIM,
			      "%s", status_word(pb_lstatus_name(d[i].status)));
		np_text(ctx->out, "%*s%s\n",
			d[i].title ? 6 - (int)strlen(pb_lstatus_name(d[i].status)) : 0, "",
			d[i].title ? d[i].title : "");
	}
	np_close_arr(ctx->out);
}

static void text_layer(struct np_ctx *ctx, const struct pb_run *r, const struct pb_layer_result *lr,
		       bool verbose)
{
	struct np_out *o = ctx->out;
	enum np_color c = lr->status == PB_LS_CRIT   ? NP_C_RED
			  : lr->status == PB_LS_WARN ? NP_C_YELLOW
			  : lr->status == PB_LS_OK   ? NP_C_GREEN
						     : NP_C_DIM;
	const char *detail = "";
	char buf[600];
	/* The worst finding of the layer, or why it was skipped: the verdict's
	 * own finding when it is in this layer, so both lines agree. */
	if (r->vres >= 0 && pb_res_in(&r->res[r->vres], lr) &&
	    sev_is(r->res[r->vres].sev, lr->status))
		detail = r->res[r->vres].title;
	for (int i = 0; i < r->nres && !*detail; i++) {
		const struct pb_result *res = &r->res[i];
		if (pb_res_in(res, lr) && res->outcome == PB_FAIL && res->sev >= PB_SEV_WARN &&
		    sev_is(res->sev, lr->status)) {
			detail = res->title;
			break;
		}
	}
	if (lr->status == PB_LS_SKIP)
		detail = lr->why ? lr->why : "";
	if (lr->status == PB_LS_OK)
		detail = lr->title;
	snprintf(buf, sizeof(buf), "%s", detail);
	if (lr->netns && !np_out_json(o)) {
		/* A row of the other namespace: say which, once per row. */
		char name[32];
		snprintf(name, sizeof(name), "%s@", np_layer_name(lr->layer));
		np_text(o, "  %-10s ", name);
	} else {
		np_text(o, "  %-10s ", np_layer_name(lr->layer));
	}
	np_text_color(o, c, "%-5s", status_word(pb_lstatus_name(lr->status)));
	np_text(o, " ");
	np_text_wrapf(o, 19, 19, "%s", buf);
	for (int i = 0; i < r->nres; i++) {
		const struct pb_result *res = &r->res[i];
		char cond[512];
		if (!pb_res_in(res, lr))
			continue;
		if (!verbose && !(res->outcome == PB_FAIL && res->sev == PB_SEV_INFO) &&
		    !(res->outcome == PB_FAIL && !sev_is(res->sev, lr->status)))
			continue;
		if (!verbose && repeated(r, i))
			continue;
		if (!verbose) {
			/* Context the engineer should see even on an ok layer. */
			np_text(o, "               %s: ", pb_sev_name(res->sev));
			np_text_wrapf(o, 17, 17 + (int)strlen(pb_sev_name(res->sev)), "%s%s%s",
				      res->title, res->why ? " — " : "", res->why ? res->why : "");
			continue;
		}
		pb_expr_format(res->check->cond, cond, sizeof(cond));
		np_text(o, "      [%s] ", outcome_name(res->outcome));
		np_text_wrapf(o, 13, 9 + (int)strlen(outcome_name(res->outcome)), "%s", cond);
		if (res->outcome == PB_FAIL) {
			np_text(o, "             %s: ", pb_sev_name(res->sev));
			np_text_wrapf(o, 15, 15 + (int)strlen(pb_sev_name(res->sev)), "%s",
				      res->title);
		}
		if (res->why) {
			np_text(o, "             ");
			np_text_wrapf(o, 14, 13, "(%s)", res->why);
		}
		for (int e = 0; e < res->nev; e++)
			np_text(o, "             %s%s = %s\n",
				res->ev[e].kind == 'd'	 ? "delta "
				: res->ev[e].kind == 'r' ? "rate "
							 : "",
				res->ev[e].fact, res->ev[e].text);
	}
}

/* The run's header: JSON members and the text line (over the pending walk
 * of the window, when there was one). */
static void report_header(struct np_ctx *ctx, const struct pb_run *r, bool verbose)
{
	struct np_out *o = ctx->out;
	struct np_wrap w;

	/* JSON (doc/DESIGN.md, "The JSON of a run"); text is printed alongside
	 * through np_text. */
	np_print_str(o, "playbook", NULL, r->name);
	if (r->nnames > 1) {
		np_open_arr(o, "playbooks");
		for (int i = 0; i < r->nnames; i++)
			np_print_str(o, NULL, NULL, r->names[i]);
		np_close_arr(o);
	}
	np_open_obj(o, "params");
	for (int i = 0; i < r->nparams; i++)
		print_param(o, r->params_type[i], r->params_json_keys[i], r->params_vals[i]);
	np_close_obj(o);
	np_print_dbl(o, "window_s", NULL, r->window);
	if (r->vantage) {
		np_open_obj(o, "vantage");
		np_print_str(o, "role", NULL, r->vantage);
		np_print_str(o, "why", NULL, r->vantage_why);
		if (r->across)
			np_print_str(o, "across", NULL, r->across);
		np_close_obj(o);
	}

	if (!verbose && !np_out_json(o))
		pb_live_rewind(ctx, r);
	np_text_color(o, NP_C_BOLD, "%s", r->name);
	/* Many parameters (dst, port, proto, dev, nexthop...): broken between
	 * them at the width (the bold name's escapes do not count). */
	np_wrap_begin_at(o, &w, (int)strlen(r->name));
	for (int i = 0; i < r->nparams; i++)
		np_text(o, " %s=%s", r->params_json_keys[i], r->params_vals[i]);
	if (r->window > 0)
		np_text(o, " (observed %.1fs)", r->window);
	else if (r->nlayers)
		np_text(o, " (static checks only)");
	else
		np_text(o, " (not walked)");
	np_wrap_end(o, &w, " ", 2);
	if (r->vantage) {
		np_text(o, "  vantage: ");
		np_text_wrapf(o, 4, 11, "%s — %s", r->vantage, r->vantage_why);
	}
	if (r->across) {
		np_text(o, "  across: ");
		np_text_wrapf(o, 4, 10, "%s (its layers marked @)", r->across);
	}
}

/* explain: every check of a layer with its outcome and evidence. */
static void report_checks(struct np_out *o, const struct pb_run *r,
			  const struct pb_layer_result *lr)
{
	np_open_arr(o, "checks");
	for (int i = 0; i < r->nres; i++) {
		const struct pb_result *res = &r->res[i];
		char cond[512];
		if (!pb_res_in(res, lr))
			continue;
		pb_expr_format(res->check->cond, cond, sizeof(cond));
		np_open_obj(o, NULL);
		np_print_str(o, "check", NULL, cond);
		np_print_str(o, "outcome", NULL, outcome_name(res->outcome));
		np_print_str(o, "severity", NULL, pb_sev_name(res->sev));
		np_print_str(o, "title", NULL, res->title);
		if (res->why)
			np_print_str(o, "why", NULL, res->why);
		print_evidence(o, res);
		np_close_obj(o);
	}
	np_close_arr(o);
}

static void report_layers(struct np_ctx *ctx, const struct pb_run *r, bool verbose)
{
	struct np_out *o = ctx->out;
	np_open_arr(o, "layers");
	for (int l = 0; l < r->nlayers; l++) {
		const struct pb_layer_result *lr = &r->layers[l];
		np_open_obj(o, NULL);
		np_print_str(o, "layer", NULL, np_layer_name(lr->layer));
		if (lr->netns)
			np_print_str(o, "netns", NULL, lr->netns);
		np_print_str(o, "status", NULL, pb_lstatus_name(lr->status));
		if (lr->title && *lr->title)
			np_print_str(o, "title", NULL, lr->title);
		if (lr->status == PB_LS_SKIP && lr->why)
			np_print_str(o, "why", NULL, lr->why);
		np_open_arr(o, "findings");
		for (int i = 0; i < r->nres; i++)
			if (pb_res_in(&r->res[i], lr) && is_finding(r, i))
				print_finding(o, &r->res[i]);
		np_close_arr(o);
		if (verbose)
			report_checks(o, r, lr);
		text_layer(ctx, r, lr, verbose);
		print_devices(ctx, r, lr);
		np_close_obj(o);
	}
	np_close_arr(o);

	np_open_arr(o, "findings");
	for (int i = 0; i < r->nres; i++)
		if (is_finding(r, i))
			print_finding(o, &r->res[i]);
	np_close_arr(o);
}

/* The verdict object (JSON). */
static void verdict_json(struct np_ctx *ctx, const struct pb_run *r)
{
	struct np_out *o = ctx->out;
	const struct pb_result *v = r->vres >= 0 ? &r->res[r->vres] : NULL;

	np_open_obj(o, "verdict");
	np_print_str(o, "status", NULL, np_health_name(r->status));
	np_print_str(o, "layer", NULL, np_layer_name(r->vlayer));
	if (r->vnetns)
		np_print_str(o, "netns", NULL, r->vnetns);
	if (v && v->reason)
		np_print_str(o, "reason", NULL, v->reason);
	else
		np_print_null(o, "reason");
	if (v && v->func)
		np_print_str(o, "function", NULL, v->func);
	np_print_str(o, "summary", NULL, r->summary);
	np_print_value(o, "tcpdump", NULL, r->tcpdump); /* null: not applicable */
	if (v && v->count >= 0) {
		np_print_dbl(o, "packets", NULL, v->count);
		np_print_dbl(o, "per_second", NULL, v->rate);
	}
	if (r->nh_addr) {
		np_open_obj(o, "next_hop");
		np_print_str(o, "address", NULL, r->nh_addr);
		np_print_str(o, "via", NULL, r->nh_via);
		if (r->dev)
			np_print_str(o, "device", NULL, r->dev);
		np_print_str(o, "direction", NULL, "outbound");
		np_print_str(o, "run", NULL, r->nh_run);
		np_close_obj(o);
	}
	if (r->advice)
		np_print_str(o, "advice", NULL, r->advice);
	pb_verdict_rule_json(o, r->rule);
	np_open_arr(o, "next");
	for (int i = 0; i < r->nnext; i++) {
		char cmd[600];
		if (pb_next_render_in(ctx, r->vnetns, r->next[i], cmd, sizeof(cmd)))
			np_print_str(o, NULL, NULL, cmd);
	}
	np_close_arr(o);
	np_open_arr(o, "not_observed");
	for (int i = 0; i < r->nconf; i++)
		np_print_str(o, NULL, NULL, r->confidence[i]);
	np_close_arr(o);
	np_close_obj(o);
}

/* The verdict paragraph (text). */
static void verdict_text(struct np_ctx *ctx, const struct pb_run *r)
{
	struct np_out *o = ctx->out;
	int col;
	np_text(o, "\n");
	np_text_color(o, NP_C_BOLD, "verdict: ");
	np_text_color(o,
		      r->status == NP_CRIT   ? NP_C_RED
		      : r->status == NP_WARN ? NP_C_YELLOW
					     : NP_C_GREEN,
		      "%s", status_word(np_health_name(r->status)));
	col = 9 + (int)strlen(status_word(np_health_name(r->status)));
	if (r->vlayer == NP_L_NONE && r->status == NP_UNKNOWN) {
		np_text(o, " — ");
		np_text_wrapf(o, 2, col + 3, "%s", r->summary);
	} else {
		np_text(o, " at %s — ", np_layer_name(r->vlayer));
		np_text_wrapf(o, 2, col + 7 + (int)strlen(np_layer_name(r->vlayer)), "%s",
			      r->summary);
	}
	pb_verdict_rule_text(o, r->rule);
	if (r->tcpdump && *r->tcpdump) {
		np_text(o, "  ");
		np_text_wrapf(o, 4, 2, "%s", r->tcpdump);
	}
	if (r->nconf) {
		np_text(o, "  not observed (confidence):\n");
		for (int i = 0; i < r->nconf; i++)
			np_text(o, "    - %s\n", r->confidence[i]);
	}
	if (r->nh_addr) {
		np_text(o, "  next hop: ");
		np_text_wrapf(o, 4, 12, "%s (%s%s%s); there: %s", r->nh_addr,
			      !strcmp(r->nh_via, "gateway") ? "the route's gateway" : "on-link",
			      r->dev ? " via " : "", r->dev ? r->dev : "", r->nh_run);
	}
	if (r->advice) {
		np_text(o, "  advice: ");
		np_text_wrapf(o, 4, 10, "%s", r->advice);
	}
	if (r->nnext) {
		np_text(o, "  next:\n");
		for (int i = 0; i < r->nnext; i++) {
			char cmd[600];
			if (pb_next_render_in(ctx, r->vnetns, r->next[i], cmd, sizeof(cmd)))
				np_text(o, "    %s\n", cmd);
		}
	}
}

void pb_report(struct np_ctx *ctx, const struct pb_run *r, bool verbose)
{
	report_header(ctx, r, verbose);
	report_layers(ctx, r, verbose);
	verdict_json(ctx, r);
	verdict_text(ctx, r);
	/* --brief / --metrics: the walk in one line, or in the exposition. */
	if (!verbose)
		pb_summarize(ctx, r);
}
