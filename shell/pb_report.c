// SPDX-License-Identifier: GPL-2.0-only
/* A finished run on the output: the JSON of DESIGN.md ("playbook",
 * "params", "window_s", "layers", "findings", "verdict") and the text walk,
 * one line per layer, then the verdict paragraph.  explain = verbose: every
 * check with its outcome and evidence. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "pb_internal.h"
#include "pb_run.h"
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

static bool is_finding(const struct pb_result *res)
{
	return res->outcome == PB_FAIL;
}

static const char *status_word(const char *s)
{
	return !strcmp(s, "crit") ? "CRIT" : !strcmp(s, "warn") ? "warn" : s;
}

static void text_layer(struct np_ctx *ctx, const struct pb_run *r, const struct pb_layer_result *lr,
		       bool verbose)
{
	struct np_out *o = ctx->out;
	enum np_color c = !strcmp(lr->status, "crit")	? NP_C_RED
			  : !strcmp(lr->status, "warn") ? NP_C_YELLOW
			  : !strcmp(lr->status, "ok")	? NP_C_GREEN
							: NP_C_DIM;
	const char *detail = "";
	char buf[600];
	/* The worst finding of the layer, or why it was skipped: the verdict's
	 * own finding when it is in this layer, so both lines agree. */
	if (r->vres >= 0 && r->res[r->vres].layer == lr->layer &&
	    !strcmp(pb_sev_name(r->res[r->vres].sev), lr->status))
		detail = r->res[r->vres].title;
	for (int i = 0; i < r->nres && !*detail; i++) {
		const struct pb_result *res = &r->res[i];
		if (res->layer == lr->layer && res->outcome == PB_FAIL && res->sev >= PB_SEV_WARN &&
		    !strcmp(pb_sev_name(res->sev), lr->status)) {
			detail = res->title;
			break;
		}
	}
	if (!strcmp(lr->status, "skip"))
		detail = lr->why ? lr->why : "";
	if (!strcmp(lr->status, "ok"))
		detail = lr->title;
	snprintf(buf, sizeof(buf), "%s", detail);
	np_text(o, "  %-10s ", np_layer_name(lr->layer));
	np_text_color(o, c, "%-5s", status_word(lr->status));
	np_text(o, " %s\n", buf);
	for (int i = 0; i < r->nres; i++) {
		const struct pb_result *res = &r->res[i];
		char cond[512];
		if (res->layer != lr->layer)
			continue;
		if (!verbose && !(res->outcome == PB_FAIL && res->sev == PB_SEV_INFO) &&
		    !(res->outcome == PB_FAIL && strcmp(pb_sev_name(res->sev), lr->status)))
			continue;
		if (!verbose) {
			/* Context the engineer should see even on an ok layer. */
			np_text(o, "               %s: %s%s%s\n", pb_sev_name(res->sev), res->title,
				res->why ? " — " : "", res->why ? res->why : "");
			continue;
		}
		pb_expr_format(res->check->cond, cond, sizeof(cond));
		np_text(o, "      [%s] %s\n", outcome_name(res->outcome), cond);
		if (res->outcome == PB_FAIL)
			np_text(o, "             %s: %s\n", pb_sev_name(res->sev), res->title);
		if (res->why)
			np_text(o, "             (%s)\n", res->why);
		for (int e = 0; e < res->nev; e++)
			np_text(o, "             %s%s = %s\n",
				res->ev[e].kind == 'd'	 ? "delta "
				: res->ev[e].kind == 'r' ? "rate "
							 : "",
				res->ev[e].fact, res->ev[e].text);
	}
}

void pb_report(struct np_ctx *ctx, const struct pb_run *r, bool verbose)
{
	struct np_out *o = ctx->out;
	const struct pb_result *v = r->vres >= 0 ? &r->res[r->vres] : NULL;

	/* JSON (DESIGN.md); text is printed alongside through np_text. */
	np_print_str(o, "playbook", NULL, r->name);
	if (r->nnames > 1) {
		np_open_arr(o, "playbooks");
		for (int i = 0; i < r->nnames; i++)
			np_print_str(o, NULL, NULL, r->names[i]);
		np_close_arr(o);
	}
	np_open_obj(o, "params");
	for (int i = 0; i < r->nparams; i++)
		np_print_str(o, r->params_json_keys[i], NULL, r->params_vals[i]);
	np_close_obj(o);
	np_print_dbl(o, "window_s", NULL, r->window);

	/* Over the pending walk of the window, when there was one. */
	if (!verbose && !np_out_json(o))
		pb_live_rewind(ctx, r->live_lines);
	np_text_color(o, NP_C_BOLD, "%s", r->name);
	for (int i = 0; i < r->nparams; i++)
		np_text(o, " %s=%s", r->params_json_keys[i], r->params_vals[i]);
	if (r->window > 0)
		np_text(o, " (observed %.1fs)\n", r->window);
	else
		np_text(o, " (static checks only)\n");

	np_open_arr(o, "layers");
	for (int l = 0; l < r->nlayers; l++) {
		const struct pb_layer_result *lr = &r->layers[l];
		np_open_obj(o, NULL);
		np_print_str(o, "layer", NULL, np_layer_name(lr->layer));
		np_print_str(o, "status", NULL, lr->status);
		if (lr->title && *lr->title)
			np_print_str(o, "title", NULL, lr->title);
		if (!strcmp(lr->status, "skip") && lr->why)
			np_print_str(o, "why", NULL, lr->why);
		np_open_arr(o, "findings");
		for (int i = 0; i < r->nres; i++)
			if (r->res[i].layer == lr->layer && is_finding(&r->res[i]))
				print_finding(o, &r->res[i]);
		np_close_arr(o);
		if (verbose) {
			np_open_arr(o, "checks");
			for (int i = 0; i < r->nres; i++) {
				const struct pb_result *res = &r->res[i];
				char cond[512];
				if (res->layer != lr->layer)
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
		np_close_obj(o);
		text_layer(ctx, r, lr, verbose);
	}
	np_close_arr(o);

	np_open_arr(o, "findings");
	for (int i = 0; i < r->nres; i++)
		if (is_finding(&r->res[i]))
			print_finding(o, &r->res[i]);
	np_close_arr(o);

	np_open_obj(o, "verdict");
	np_print_str(o, "status", NULL, r->status);
	np_print_str(o, "layer", NULL, np_layer_name(r->vlayer));
	if (v && v->reason)
		np_print_str(o, "reason", NULL, v->reason);
	else
		np_print_null(o, "reason");
	if (v && v->func)
		np_print_str(o, "function", NULL, v->func);
	np_print_str(o, "summary", NULL, r->summary);
	np_print_str(o, "tcpdump", NULL, r->tcpdump);
	if (v && v->count >= 0) {
		np_print_dbl(o, "packets", NULL, v->count);
		np_print_dbl(o, "per_second", NULL, v->rate);
	}
	pb_verdict_rule_json(o, r->rule);
	np_open_arr(o, "next");
	for (int i = 0; i < r->nnext; i++)
		np_print_str(o, NULL, NULL, r->next[i]);
	np_close_arr(o);
	np_open_arr(o, "not_observed");
	for (int i = 0; i < r->nconf; i++)
		np_print_str(o, NULL, NULL, r->confidence[i]);
	np_close_arr(o);
	np_close_obj(o);

	/* The verdict paragraph. */
	np_text(o, "\n");
	np_text_color(o, NP_C_BOLD, "verdict: ");
	np_text_color(o,
		      !strcmp(r->status, "crit")   ? NP_C_RED
		      : !strcmp(r->status, "warn") ? NP_C_YELLOW
						   : NP_C_GREEN,
		      "%s", status_word(r->status));
	np_text(o, " at %s — %s\n", np_layer_name(r->vlayer), r->summary);
	pb_verdict_rule_text(o, r->rule);
	if (r->tcpdump && *r->tcpdump)
		np_text(o, "  %s\n", r->tcpdump);
	if (r->nconf) {
		np_text(o, "  not observed (confidence):\n");
		for (int i = 0; i < r->nconf; i++)
			np_text(o, "    - %s\n", r->confidence[i]);
	}
	if (r->nnext) {
		np_text(o, "  next:\n");
		for (int i = 0; i < r->nnext; i++)
			np_text(o, "    %s\n", r->next[i]);
	}
}
