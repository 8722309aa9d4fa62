// SPDX-License-Identifier: GPL-2.0-only
/* The live walk, for the REPL on a terminal.  When the observation window
 * starts, the walk is printed at once: one line per layer in path order
 * saying what that layer is waiting for (counters moving over the window,
 * the drop probes, or state read when the window ends), with the countdown
 * under it.  When the window ends pb_report() moves the cursor back to the
 * first of these lines and prints each layer's result over its pending line,
 * so the engineer watches the walk resolve in place instead of staring at a
 * blank screen.
 *
 * Only when every line fits on the screen: the cursor cannot climb above
 * the top row, and a half-overwritten walk would be worse than none.  Not in
 * JSON, not with -c or -f, not when stdout is not a terminal, not with
 * TERM=dumb. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ctx.h"
#include "family.h"
#include "pb_internal.h"

/* What a layer waits for: counts over all its checks (and its `when`). */
struct wait {
	int probes, counters, state, unset;
	char param[32]; /* a parameter the layer needs and was not given */
};

struct count_ctx {
	const struct pb_job *job;
	struct wait *w;
};

static bool count_val(const struct pb_val *v, void *arg)
{
	struct count_ctx *cc = arg;
	struct wait *w = cc->w;
	char buf[NP_FACTKEY_MAX * 2], why[128];
	struct np_fact_ref ref;

	if (v->kind != PB_V_FACT && v->kind != PB_V_DELTA && v->kind != PB_V_RATE)
		return false;
	if (!pb_subst(cc->job, v->text, buf, sizeof(buf), why, sizeof(why))) {
		/* Judged as skipped at the end: say so now. */
		w->unset++;
		snprintf(w->param, sizeof(w->param), "%.24s", why);
		return false;
	}
	if (!np_fact_resolve(buf, &ref, why, sizeof(why)) && np_fact_ref_window(&ref))
		w->probes++;
	else if (v->kind != PB_V_FACT)
		w->counters++;
	else
		w->state++;
	return false;
}

static void count_expr(const struct pb_job *job, const struct pb_expr *e, struct wait *w)
{
	struct count_ctx cc = {job, w};
	pb_expr_any_val(e, count_val, &cc);
}

/* "watching 3 counters and the probes", "state, read when the window ends" */
static void wait_text(const struct wait *w, char *buf, size_t len)
{
	if (w->unset && !w->probes && !w->counters && !w->state)
		snprintf(buf, len, "will be skipped: needs %s=", w->param);
	else if (w->probes && w->counters)
		snprintf(buf, len, "watching %d counter%s and the probes", w->counters,
			 w->counters == 1 ? "" : "s");
	else if (w->probes)
		snprintf(buf, len, "watching the probes");
	else if (w->counters)
		snprintf(buf, len, "watching %d counter%s", w->counters,
			 w->counters == 1 ? "" : "s");
	else
		snprintf(buf, len, "state, read when the window ends");
}

static int screen_rows(FILE *f)
{
	struct winsize ws;
	if (ioctl(fileno(f), TIOCGWINSZ, &ws) || !ws.ws_row)
		return 0;
	return ws.ws_row;
}

int pb_live_begin(struct np_ctx *ctx, const struct pb_run *r, const struct pb_job *jobs, int njobs,
		  double window)
{
	struct np_out *o = ctx->out;
	FILE *f = np_out_file(o);
	struct {
		enum np_layer layer;
		char *title; /* parameters substituted */
		struct wait w;
	} ls[NP_L__COUNT];
	int n = 0;

	const char *term = getenv("TERM");

	/* A dumb terminal cannot move the cursor: the report comes after. */
	if (!ctx->interactive || np_out_json(o) || !isatty(fileno(f)) || !term ||
	    !strcmp(term, "dumb"))
		return 0;
	/* The layers in the order pb_run() reports them: first appearance,
	 * then (several playbooks) path order for the direction. */
	for (int j = 0; j < njobs; j++)
		for (int l = 0; l < jobs[j].pb->nlayers; l++) {
			const struct pb_layer *ly = &jobs[j].pb->layers[l];
			int i = 0;
			while (i < n && ls[i].layer != ly->layer)
				i++;
			if (i == n) {
				if (n == NP_L__COUNT)
					continue;
				memset(&ls[n], 0, sizeof(ls[n]));
				ls[n].layer = ly->layer;
				ls[n].title = pb_subst_msg(&jobs[j], ly->title ? ly->title : "");
				n++;
			}
			count_expr(&jobs[j], ly->when, &ls[i].w);
			for (int c = 0; c < ly->nchecks; c++)
				count_expr(&jobs[j], ly->checks[c].cond, &ls[i].w);
		}
	if (njobs > 1)
		for (int a = 0; a < n; a++)
			for (int b = a + 1; b < n; b++) {
				bool tx = r->dir == PB_DIR_TX;
				int la = np_layer_order(ls[a].layer, tx),
				    lb = np_layer_order(ls[b].layer, tx);
				if (la > lb) {
					__typeof__(ls[0]) t = ls[a];
					ls[a] = ls[b];
					ls[b] = t;
				}
			}
	/* header + layers + the countdown line, and room for the prompt */
	if (n + 3 > screen_rows(f)) {
		for (int i = 0; i < n; i++)
			free(ls[i].title);
		return 0;
	}

	np_text_color(o, NP_C_BOLD, "%s", r->name);
	for (int i = 0; i < r->nparams; i++)
		np_text(o, " %s=%s", r->params_json_keys[i], r->params_vals[i]);
	np_text(o, " (observing %.1fs)\n", window);
	for (int i = 0; i < n; i++) {
		char what[96];
		wait_text(&ls[i].w, what, sizeof(what));
		np_text(o, "  %-10s ", np_layer_name(ls[i].layer));
		np_text_color(o, NP_C_DIM, "%-5s", "...");
		np_text(o, " %s", what);
		np_text_color(o, NP_C_DIM, " — %s", ls[i].title ? ls[i].title : "");
		np_text(o, "\n");
		free(ls[i].title);
	}
	fflush(f);
	return n + 1;
}

void pb_live_rewind(struct np_ctx *ctx, int lines)
{
	FILE *f = np_out_file(ctx->out);
	if (lines <= 0)
		return;
	/* Up to the header, column 0, clear everything below: the report is
	 * printed over the pending walk. */
	fprintf(f, "\033[%dA\r\033[J", lines);
}
