// SPDX-License-Identifier: GPL-2.0-only
/* The observation window of a run: the probe filter built from the flow's
 * parameters, every window source started once and collected once, the
 * test packets of active mode, and the wait itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"

const char *ev_job_param(const struct pb_job *job, const char *name)
{
	int i = pb_param_index(job->pb, name, strlen(name));
	return i >= 0 ? job->pv[i] : NULL;
}

/* The probe filter (probes/filter.c grammar) for the flow under diagnosis
 * in namespace nsi: the parameters of its first job. */
static void build_filter(struct eval *ev, int nsi, char *buf, size_t len)
{
	const struct pb_job *job = &ev->jobs[0];
	static const char *const sel[][2] = {
	    {"proto", "proto"}, {"port", "port"}, {"sport", "sport"}, {"dport", "dport"},
	    {"dst", "dst"},	{"src", "src"},	  {"addr", "host"},   {"host", "host"},
	};
	size_t o;
	for (int j = 0; j < ev->njobs; j++)
		if (ev->jobs[j].nsi == nsi) {
			job = &ev->jobs[j];
			break;
		}
	o = (size_t)snprintf(buf, len, "netns %s", nsi ? ev->ns[nsi].label : "current");
	if (nsi == 0)
		ev->flow_filter = false;
	for (size_t i = 0; i < NP_ARRAY_SIZE(sel) && o < len; i++) {
		const char *v = ev_job_param(job, sel[i][0]);
		if (!v)
			continue;
		o += (size_t)snprintf(buf + o, len - o, " and %s %s", sel[i][1], v);
		if (strcmp(sel[i][0], "proto") && nsi == 0)
			ev->flow_filter = true;
	}
}

/* The window source of family fam, watching namespace nsi. */
static void start_one(struct eval *ev, const struct np_fact_family *fam, int nsi, const char *extra)
{
	char filter[640], why[512];
	struct np_ctx_visit v;
	struct source *s = &ev->src[ev->nsrc++];
	int err;

	memset(s, 0, sizeof(*s));
	s->fam = fam;
	s->nsi = nsi;
	build_filter(ev, nsi, filter, sizeof(filter) - 128);
	if (extra && *extra && nsi == 0) {
		strncat(filter, extra, sizeof(filter) - strlen(filter) - 1);
		ev->flow_filter = true; /* exactly netpath's own packets */
	}
	/* Started from inside the namespace: what it reads there (devices,
	 * rules) is that namespace's, and what it publishes goes to its store. */
	why[0] = '\0';
	err = ev_visit(ev, nsi, &v);
	if (!err) {
		err = np_window_start(ev->ctx, fam, filter, &s->state, why, sizeof(why));
		if (err && s->state)
			np_window_stop(ev->ctx, fam, s->state);
		ev_unvisit(ev, nsi, &v);
	}
	if (err) {
		s->why =
		    why[0] ? np_xasprintf("%s probe%s%s: %s", fam->ns, nsi ? " in " : "",
					  nsi ? ev->ns[nsi].label : "", why)
			   : np_xasprintf("%s probe could not start: %s", fam->ns, strerror(-err));
		s->state = NULL;
	} else {
		s->started = true;
	}
}

void ev_sources_start(struct eval *ev, const char *extra)
{
	for (int i = 0; i < ev->nkeys; i++) {
		const struct np_fact_family *fam = ev->keys[i]->ref.fam;
		bool have = false;
		if (!fam->probe || !np_fact_ref_window(&ev->keys[i]->ref))
			continue;
		for (int s = 0; s < ev->nsrc; s++)
			have |= ev->src[s].fam == fam && ev->src[s].nsi == ev->keys[i]->nsi;
		if (have || ev->nsrc == (int)NP_ARRAY_SIZE(ev->src))
			continue;
		start_one(ev, fam, ev->keys[i]->nsi, extra);
	}
}

/* The sources' background preparation (the kernel's BTF), started before
 * the "before" snapshot so the two overlap.  A prepare hook is idempotent:
 * called for every key of its family. */
void ev_sources_prepare(struct eval *ev)
{
	for (int i = 0; i < ev->nkeys; i++) {
		const struct np_fact_family *fam = ev->keys[i]->ref.fam;
		if (fam->probe && fam->probe->prepare && np_fact_ref_window(&ev->keys[i]->ref))
			fam->probe->prepare();
	}
}

void ev_sources_idle(struct eval *ev)
{
	for (int i = 0; i < ev->nsrc; i++) {
		struct source *s = &ev->src[i];
		struct np_ctx_visit v;
		if (!s->started || ev_visit(ev, s->nsi, &v))
			continue;
		np_window_idle(ev->ctx, s->fam, s->state);
		ev_unvisit(ev, s->nsi, &v);
	}
}

void ev_sources_collect_stop(struct eval *ev, double secs)
{
	for (int i = 0; i < ev->nsrc; i++) {
		struct source *s = &ev->src[i];
		struct np_ctx_visit v;
		char why[512];
		int err;
		if (!s->started)
			continue;
		/* Collected there too: its facts go to that namespace's store. */
		err = ev_visit(ev, s->nsi, &v);
		if (err) {
			snprintf(why, sizeof(why), "cannot enter netns %s: %s",
				 ev->ns[s->nsi].label, strerror(-err));
			np_window_stop(ev->ctx, s->fam, s->state);
		} else {
			err = np_window_collect(ev->ctx, s->fam, s->state, secs, why, sizeof(why));
			np_window_stop(ev->ctx, s->fam, s->state);
			ev_unvisit(ev, s->nsi, &v);
		}
		s->state = NULL;
		if (err)
			s->why = np_xasprintf("%s probe: %s", s->fam->ns, why);
		else
			s->ok = true;
	}
}

struct source *ev_source_of(struct eval *ev, const struct key *k)
{
	for (int i = 0; i < ev->nsrc; i++)
		if (ev->src[i].fam == k->ref.fam && ev->src[i].nsi == k->nsi)
			return &ev->src[i];
	return NULL;
}

void ev_countdown(struct np_ctx *ctx, double secs, bool quiet, bool *intr)
{
	bool live = ctx->interactive && !np_out_json(ctx->out) && !quiet;
	double end = np_now() + secs;
	/* One row at any width: a wrapped countdown would leave its \r on the
	 * second row and the live walk's rewind one row short. */
	int cols = np_out_width(ctx->out), clear = cols > 0 && cols <= 50 ? cols - 1 : 50;
	const char *fmt = cols > 0 && cols < 42 ? "\r %4.1fs left "
						: "\r  observing: %4.1fs left (Ctrl-C stops) ";
	*intr = false;
	while (true) {
		double left = end - np_now();
		if (left <= 0)
			break;
		if (live) {
			fprintf(np_out_file(ctx->out), fmt, left);
			fflush(np_out_file(ctx->out));
		}
		if (np_sleep(ctx, left > 0.2 ? 0.2 : left)) {
			*intr = true;
			break;
		}
	}
	if (live)
		fprintf(np_out_file(ctx->out), "\r%*s\r", clear, "");
}

/* What active=yes sends and where: the playbook's `active` statement,
 * the proto/port parameters, and dst (or target; 127.0.0.1 for a local
 * port). */
int ev_active_open(struct np_ctx *ctx, const struct pb_job *job, struct pb_active **act,
		   char *extra, size_t len)
{
	const char *proto = ev_job_param(job, "proto"), *port = ev_job_param(job, "port");
	const char *dst = ev_job_param(job, "dst");
	int kind = job->pb->active;
	if (!dst)
		dst = ev_job_param(job, "target");
	if (!dst)
		dst = port ? "127.0.0.1" : NULL;
	if (kind < 0) {
		np_error(ctx->out, "active=yes works with tx, tcp-connect, udp, mtu, neighbor",
			 "playbook %s has no active test", job->pb->name);
		return -NP_EUSAGE;
	}
	if (!dst) {
		np_error(ctx->out, "e.g. active=yes dst=10.0.0.1", "active=yes needs dst=ADDR");
		return -NP_EUSAGE;
	}
	if (kind == PB_ACTIVE_BY_PROTO)
		kind = proto && !strcmp(proto, "tcp")	 ? PB_ACTIVE_TCP
		       : proto && !strcmp(proto, "icmp") ? PB_ACTIVE_ICMP
		       : port				 ? PB_ACTIVE_UDP
							 : PB_ACTIVE_ICMP;
	/* DF probes need no listener: the traceroute port when none is given. */
	return pb_active_open(ctx, (enum pb_active_kind)kind, dst,
			      port		     ? (unsigned)atoi(port)
			      : kind == PB_ACTIVE_DF ? 33434u
						     : 0,
			      act, extra, len);
}
