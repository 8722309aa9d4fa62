// SPDX-License-Identifier: GPL-2.0-only
/* A playbook run.  One run = one observation window, however many
 * playbooks and checks take part:
 *
 *   1. plan: substitute parameters into every fact the run reads;
 *   2. snapshot: the "before" value of every delta fact;
 *   3. window: start every window source (probes) once, send active mode's
 *      packets, wait once, collect, stop;
 *   4. snapshot: state and the "after" value of every delta fact;
 *   5. evaluate, layer by layer: a check that cannot be read is `skip`
 *      with the reason, never a silent pass;
 *   6. annotate and judge (eval_annotate.c, verdict.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "verdict_rule.h"

/* One row per layer and namespace: a container walk has its own netfilter
 * and the host's. */
static struct pb_layer_result *layer_slot(struct pb_run *r, enum np_layer l, const char *title,
					  const char *netns)
{
	for (int i = 0; i < r->nlayers; i++)
		if (r->layers[i].layer == l &&
		    (netns ? r->layers[i].netns && !strcmp(r->layers[i].netns, netns)
			   : !r->layers[i].netns))
			return &r->layers[i];
	if (r->nlayers == PB_MAX_RUN_LAYERS)
		return &r->layers[r->nlayers - 1]; /* more rows than any walk has */
	struct pb_layer_result *lr = &r->layers[r->nlayers++];
	memset(lr, 0, sizeof(*lr));
	lr->layer = l;
	lr->title = np_xstrdup(title ? title : "");
	lr->status = PB_LS_OK;
	lr->netns = netns ? np_xstrdup(netns) : NULL;
	return lr;
}

/* The run's header: names, parameters (first job that has one wins), and
 * what the verdict tailors its commands with. */
static struct pb_run *run_new(struct pb_job *jobs, int njobs)
{
	struct pb_run *r = np_xcalloc(1, sizeof(*r));
	r->vres = -1;
	r->dir = jobs[0].pb->dir;
	r->name = np_xstrdup(njobs == 1 ? jobs[0].pb->name : "diagnose");
	for (int j = 0; j < njobs; j++) {
		r->names = np_xreallocarray(r->names, (size_t)r->nnames + 1, sizeof(char *));
		r->names[r->nnames++] = np_xstrdup(jobs[j].pb->name);
		if (jobs[j].netns) /* the header is this namespace's flow */
			continue;
		for (int i = 0; i < jobs[j].pb->nparams; i++) {
			bool dup = false;
			if (!jobs[j].pv[i] || jobs[j].hidden[i])
				continue;
			for (int k = 0; k < r->nparams; k++)
				dup |= !strcmp(r->params_json_keys[k], jobs[j].pb->params[i].name);
			if (dup || r->nparams == PB_MAX_PARAMS * 2)
				continue;
			r->params_type[r->nparams] = jobs[j].pb->params[i].type;
			r->params_json_keys[r->nparams] = np_xstrdup(jobs[j].pb->params[i].name);
			r->params_vals[r->nparams++] = np_xstrdup(jobs[j].pv[i]);
		}
	}
	/* The first playbook's flow is the run's (a list of devices is not one
	 * device: each finding names its own). */
	int di = pb_param_index(jobs[0].pb, "dev", 3);
	const char *dev = di >= 0 && !jobs[0].list[di] ? jobs[0].pv[di] : NULL,
		   *port = ev_job_param(&jobs[0], "port"), *dst = ev_job_param(&jobs[0], "dst");
	r->dev = dev ? np_xstrdup(dev) : NULL;
	r->port = port ? np_xstrdup(port) : NULL;
	r->dst = dst ? np_xstrdup(dst) : NULL;
	return r;
}

/* 2. The "before" snapshot of every delta fact; whether a window is
 * needed at all. */
static bool snapshot_before(struct eval *ev)
{
	bool need_window = false;
	np_factsrc_snapshot_begin();
	for (int i = 0; i < ev->nkeys; i++) {
		struct key *k = ev->keys[i];
		if (np_fact_ref_window(&k->ref) || k->delta)
			need_window = true;
		if (k->delta && !np_fact_ref_window(&k->ref))
			ev_fetch(ev, k, &k->before, NP_FS_BEFORE);
	}
	return need_window;
}

/* 3. One window for everything: probes attached, active mode's packets
 * sent, one wait, probes collected.  0, or -errno before the window (a
 * bad active=yes), or -EINTR when Ctrl-C ended it (what was seen stays). */
static int window(struct np_ctx *ctx, struct eval *ev, struct pb_run *r, bool need_window,
		  double secs, bool quiet)
{
	struct pb_active *act = NULL;
	char extra[64] = "";
	bool intr = false;
	double t0;

	if (ev->jobs[0].active) {
		int rc;
		if (secs <= 0) {
			np_error(ctx->out, "give window=1 or more",
				 "active=yes needs an observation window");
			return -NP_EUSAGE;
		}
		rc = ev_active_open(ctx, &ev->jobs[0], &act, extra, sizeof(extra));
		if (rc)
			return rc;
		ev->active = true;
		need_window = true;
	}
	if (!need_window)
		return 0;
	if (secs <= 0) {
		ev_add_conf(r, "window=0: counters over time and probes were not observed");
		return 0;
	}
	np_factsrc_snapshot_end(); /* after the window, everything is read anew */
	ev_sources_start(ev, extra);
	t0 = np_now();
	pb_active_send(act, t0 + secs); /* the probes are attached: send now */
	if (!quiet)
		r->live_lines = pb_live_begin(ctx, r, ev->jobs, ev->njobs, secs);
	if (!np_factsrc_replaying())
		ev_sources_idle(ev); /* inside the window: its wait hides this */
	if (!np_factsrc_replaying()) /* a capture has no time to wait for */
		ev_countdown(ctx, secs - (np_now() - t0), quiet, &intr);
	ev->window = np_window_observed(secs, np_now() - t0);
	ev->window_ran = true;
	r->interrupted = intr;
	/* Ctrl-C ended the window: consumed here, so the probes are still
	 * collected and the after-snapshot read (what was seen so far). */
	if (intr)
		np_sigint = 0;
	ev_sources_collect_stop(ev, ev->window);
	pb_active_finish(ctx, act);
	for (int s = 0; s < ev->nsrc; s++)
		if (ev->src[s].why)
			ev_add_conf(r, ev->src[s].why);
	if (intr)
		ev_add_conf(r, "the window was cut short by Ctrl-C");
	return intr ? -EINTR : 0;
}

/* 4. State and the "after" snapshot: static checks judge the state at
 * the end of the observation (an accept queue that filled up during the
 * window counts), deltas the change across it. */
static void snapshot_after(struct eval *ev)
{
	/* Ended once the run is judged; without a window the BEFORE one
	 * continues. */
	np_factsrc_snapshot_begin();
	for (int i = 0; i < ev->nkeys; i++) {
		struct key *k = ev->keys[i];
		const struct fval *latest;
		if (np_fact_ref_window(&k->ref))
			continue;
		if (!k->delta) {
			ev_fetch(ev, k, &k->now, NP_FS_AFTER);
			continue;
		}
		if (ev->window_ran)
			ev_fetch(ev, k, &k->after, NP_FS_AFTER);
		latest = ev->window_ran ? &k->after : &k->before;
		if (latest->have) {
			ev_fval_free(&k->now);
			k->now.have = true;
			k->now.numeric = latest->numeric;
			k->now.num = latest->num;
			k->now.text = np_xstrdup(latest->text);
		}
	}
}

/* A check that could not be read is listed under "not observed" once
 * (a probe that did not run is listed by itself, window=0 as such). */
static void note_unread(struct eval *ev, struct pb_run *r, enum np_layer l, const char *why)
{
	char line[640];
	for (int q = 0; q < ev->nsrc; q++)
		if (ev->src[q].why && !strcmp(ev->src[q].why, why))
			return;
	if (strstr(why, "window=0"))
		return;
	snprintf(line, sizeof(line), "%s: %s", np_layer_name(l), why);
	ev_add_conf(r, line);
}

/* A list parameter's copies: a check that uses the list runs on every
 * item, the others on the first item only. */
/* A check reads one device of the list when its condition does; one
 * that reads only the namespace's facts (a probe's) runs once, and names
 * its device from the evidence (drops.dev[LAYER]). */
static bool uses_list(const struct pb_job *job, const struct pb_check *ck)
{
	return job->list_at && pb_check_reads_param(ck, job->pb->params[job->list_at - 1].name);
}

static bool applies_to_item(const struct pb_job *job, const struct pb_check *ck)
{
	return !job->list_at || job->item == 0 || uses_list(job, ck);
}

/* 5. One check of one job. */
static void evaluate_check(struct eval *ev, struct pb_run *r, int j, const struct pb_layer *ly,
			   const struct pb_check *ck)
{
	const struct pb_job *job = &ev->jobs[j];
	struct pb_result *res;
	struct ectx x = {.ev = ev, .job = job};
	enum tri t;

	r->res = np_xreallocarray(r->res, (size_t)r->nres + 1, sizeof(*r->res));
	res = &r->res[r->nres++];
	memset(res, 0, sizeof(*res));
	res->job = j;
	res->layer = ly->layer;
	res->nsi = job->nsi;
	for (int i = 0; job->netns && i < r->nlayers; i++)
		if (r->layers[i].netns && !strcmp(r->layers[i].netns, job->netns))
			res->netns = r->layers[i].netns; /* the run owns the label */
	res->dir = job->pb->dir;
	res->check = ck;
	res->sev = ck->sev;
	res->rate = res->count = -1;
	x.res = res;
	t = ev_check_applies(ev, job, ck, &x);
	if (t == T_TRUE)
		t = ev_expr(&x, ck->cond);
	res->title = ev_interp(ev, job, ck->msg);
	res->hint = ev_interp(ev, job, ck->hint);
	for (int n = 0; n < ck->nnext; n++) {
		/* A command runs as printed: one with a value not known here
		 * (an unset parameter, an unread fact) is left out. */
		char *cmd = ev_interp_strict(ev, job, ck->next[n]);
		if (cmd)
			res->next[res->nnext++] = cmd;
	}
	res->reason = ck->reason ? ev_interp(ev, job, ck->reason) : NULL;
	if (res->reason && (!*res->reason || !strcmp(res->reason, "?"))) {
		free(res->reason);
		res->reason = NULL;
	}
	/* Loss evidence: what could raise the status.  An info check is
	 * context (which rule, which peers): unread, it blinds nothing. */
	res->loss = x.loss && ck->sev >= PB_SEV_WARN;
	res->nowindow = x.nowindow;
	if (job->netns && !res->dev) {
		/* The other namespace's finding names its own device. */
		const char *d = ev_job_param(job, "dev");
		if (!d)
			d = ev_job_param(job, "iif");
		if (d)
			res->dev = np_xstrdup(d);
	}
	if (uses_list(job, ck)) {
		/* One device of several: the finding names it. */
		res->item = true;
		res->dev = np_xstrdup(job->pv[job->list_at - 1]);
	}
	if (t == T_TRUE) {
		res->outcome = PB_PASS;
	} else if (t == T_FALSE) {
		res->outcome = PB_FAIL;
	} else {
		res->outcome = x.na ? PB_NA : PB_SKIP;
		res->why = np_xstrdup(x.why);
		if (!x.na)
			note_unread(ev, r, ly->layer, x.why);
	}
	/* How much and how fast: the first counted evidence. */
	for (int e = 0; e < res->nev && res->outcome == PB_FAIL; e++)
		if (res->ev[e].numeric && res->ev[e].kind == 'd' && res->ev[e].value > 0) {
			res->count = res->ev[e].value;
			res->rate = ev->window > 0 ? res->count / ev->window : 0;
			break;
		}
	ev_rank_evidence(ev, res);
}

/* 5. Evaluate, layer by layer in each playbook's order. */
static void evaluate(struct eval *ev, struct pb_run *r)
{
	char why[512];
	for (int j = 0; j < ev->njobs; j++) {
		const struct pb_playbook *pb = ev->jobs[j].pb;
		for (int l = 0; l < pb->nlayers; l++) {
			const struct pb_layer *ly = &pb->layers[l];
			char *title = pb_subst_msg(&ev->jobs[j], ly->title ? ly->title : "");
			struct pb_layer_result *lr =
			    layer_slot(r, ly->layer, title, ev->jobs[j].netns);
			free(title);
			if (!ev_layer_on(ev, &ev->jobs[j], ly, why, sizeof(why))) {
				if (!lr->why)
					lr->why = np_xstrdup(why);
				lr->conditional_off = true;
				continue;
			}
			lr->conditional_off = false;
			for (int c = 0; c < ly->nchecks; c++)
				if (applies_to_item(&ev->jobs[j], &ly->checks[c]))
					evaluate_check(ev, r, j, ly, &ly->checks[c]);
		}
	}
}

/* Jobs with a list parameter (each-interface) become one copy per item;
 * the others are copied as they are.  The copies own their strings. */
static struct pb_job *expand_lists(const struct pb_job *jobs, int njobs, int *n)
{
	struct pb_job *out = NULL;
	*n = 0;
	for (int j = 0; j < njobs; j++) {
		int at = -1, items = 1;
		char *list = NULL, *save = NULL, *item;
		for (int i = 0; i < jobs[j].pb->nparams; i++)
			if (jobs[j].list[i] && jobs[j].pv[i])
				at = i;
		if (at >= 0) {
			list = np_xstrdup(jobs[j].pv[at]);
			items = 0;
		}
		item = at >= 0 ? strtok_r(list, ",", &save) : NULL;
		do {
			struct pb_job *c;
			out = np_xreallocarray(out, (size_t)*n + 1, sizeof(*out));
			c = &out[(*n)++];
			*c = jobs[j];
			for (int i = 0; i < PB_MAX_PARAMS; i++)
				c->pv[i] = jobs[j].pv[i] ? np_xstrdup(jobs[j].pv[i]) : NULL;
			if (at >= 0) {
				free(c->pv[at]);
				c->pv[at] = np_xstrdup(item);
				c->list[at] = false;
				c->list_at = (short)(at + 1);
				c->item = (short)items++;
				item = strtok_r(NULL, ",", &save);
			}
		} while (item);
		free(list);
	}
	return out;
}

static void free_expanded(struct pb_job *jobs, int n)
{
	for (int j = 0; j < n; j++)
		for (int i = 0; i < PB_MAX_PARAMS; i++)
			free(jobs[j].pv[i]);
	free(jobs);
}

int pb_run(struct np_ctx *ctx, struct pb_job *given, int ngiven, double secs, bool quiet,
	   struct pb_run **out)
{
	int njobs;
	struct pb_job *jobs = expand_lists(given, ngiven, &njobs);
	struct eval ev = {.ctx = ctx, .jobs = jobs, .njobs = njobs};
	struct pb_run *r = run_new(given, ngiven);
	bool need_window;
	int rc;

	*out = r;
	if (secs < 0)
		secs = jobs[0].pb->window;
	rc = ev_netns_plan(&ev);
	if (rc) {
		ev_netns_free(&ev);
		free_expanded(jobs, njobs);
		pb_verdict(r);
		return rc;
	}
	for (int j = 0; j < njobs; j++) /* 1. plan */
		ev_collect_job(&ev, &jobs[j]);
	if (secs > 0 && !np_factsrc_replaying())
		ev_sources_prepare(&ev);
	need_window = snapshot_before(&ev);
	rc = window(ctx, &ev, r, need_window, secs, quiet);
	if (rc && rc != -EINTR) {
		ev_free(&ev);
		ev_netns_free(&ev);
		free_expanded(jobs, njobs);
		pb_verdict(r);
		return rc;
	}
	snapshot_after(&ev);
	r->window = ev.window;
	evaluate(&ev, r);
	ev_annotate(ctx, &ev, r, ngiven);
	pb_verdict(r);
	r->rule = pb_verdict_rule(&ev, r);
	pb_verdict_rule_next(r);
	np_factsrc_snapshot_end();
	ev_free(&ev);
	ev_netns_free(&ev);
	free_expanded(jobs, njobs);
	return rc;
}

void pb_run_free(struct pb_run *r)
{
	if (!r)
		return;
	free(r->name);
	for (int i = 0; i < r->nnames; i++)
		free(r->names[i]);
	free(r->names);
	for (int i = 0; i < r->nparams; i++) {
		free(r->params_json_keys[i]);
		free(r->params_vals[i]);
	}
	for (int i = 0; i < r->nlayers; i++) {
		free(r->layers[i].title);
		free(r->layers[i].why);
		free(r->layers[i].netns);
	}
	for (int i = 0; i < r->nres; i++) {
		struct pb_result *res = &r->res[i];
		free(res->title);
		free(res->hint);
		for (int n = 0; n < res->nnext; n++)
			free(res->next[n]);
		free(res->reason);
		free(res->func);
		free(res->dev);
		free(res->src);
		free(res->in_dev);
		free(res->dst);
		free(res->back_dev);
		free(res->why);
		for (int e = 0; e < res->nev; e++) {
			free(res->ev[e].fact);
			free(res->ev[e].text);
		}
	}
	free(r->res);
	for (int i = 0; i < r->nconf; i++)
		free(r->confidence[i]);
	free(r->confidence);
	free(r->summary);
	free(r->advice);
	free(r->tcpdump);
	for (int i = 0; i < r->nnext; i++)
		free(r->next[i]);
	free(r->next);
	free(r->dev);
	free(r->port);
	free(r->dst);
	free(r->vantage);
	free(r->vantage_why);
	free(r->across);
	free(r->gateway);
	free(r->self);
	free(r->nh_addr);
	free(r->nh_run);
	free(r->vnetns);
	pb_verdict_rule_free(r->rule);
	for (int i = 0; i < r->npbs; i++)
		pb_free(r->pbs[i]);
	free(r);
}

static void last_run_free(void *p)
{
	pb_run_free(p);
}

void pb_run_finish(struct np_ctx *ctx, struct pb_run *r)
{
	ctx->health = r->status;
	if (ctx->last_run == r)
		return;
	if (ctx->last_run && ctx->last_run_free)
		ctx->last_run_free(ctx->last_run);
	ctx->last_run = r;
	ctx->last_run_free = last_run_free;
}
