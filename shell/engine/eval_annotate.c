// SPDX-License-Identifier: GPL-2.0-only
/* After the checks: which evidence is the flow's and which is background,
 * what the probe says about each finding (reason, function, device, drops
 * of packets this host generated), the layers in path order, and where
 * packets to dst go next. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "xalloc.h"

/* ---- evidence ranking ---- */

static bool probe_ok(const struct eval *ev)
{
	for (int i = 0; i < ev->nsrc; i++)
		if (ev->src[i].ok)
			return true;
	return false;
}

/* Counters that moved for traffic other than the flow under diagnosis are
 * context, not the verdict:
 *  - with a flow (port/address), a host-wide counter that moved while the
 *    probe filtered to the flow ran is info;
 *  - without a flow, probe evidence under one packet per second is info
 *    (background: scans, stray datagrams). */
void ev_rank_evidence(const struct eval *ev, struct pb_result *res)
{
	bool all_host = res->nev > 0;
	if (res->outcome != PB_FAIL || res->check->blocking || res->sev == PB_SEV_INFO)
		return;
	for (int e = 0; e < res->nev; e++)
		all_host &= res->ev[e].shared; /* the family's scope */
	if (ev->flow_filter && !res->windowed && all_host && probe_ok(ev)) {
		res->sev = PB_SEV_INFO;
		res->why =
		    np_xstrdup("host-wide counter: other traffic moves it too; the drop probe "
			       "filtered to this flow is the evidence");
	} else if (!ev->flow_filter && res->windowed && res->rate >= 0 && res->rate < 1.0) {
		res->sev = PB_SEV_INFO;
		res->why =
		    np_xstrdup("under 1 packet/s and not filtered to a flow (give port= or an "
			       "address): background, context only");
	}
}

void ev_add_conf(struct pb_run *r, const char *s)
{
	for (int i = 0; i < r->nconf; i++)
		if (!strcmp(r->confidence[i], s))
			return;
	r->confidence = np_xreallocarray(r->confidence, (size_t)(r->nconf + 1), sizeof(char *));
	r->confidence[r->nconf++] = np_xstrdup(s);
}

/* Most of the layer's loss hit packets this host generated: in netfilter
 * that is OUTPUT/POSTROUTING whatever the playbook's direction, and no tap
 * has seen them. */
static void note_local_out(struct pb_run *r, struct pb_result *res)
{
	res->local_out = true;
	if (res->layer != NP_L_NETFILTER)
		return;
	for (int i = 0; i < r->nlayers; i++)
		if (r->layers[i].layer == NP_L_NETFILTER &&
		    (res->netns ? r->layers[i].netns == res->netns : !r->layers[i].netns)) {
			free(r->layers[i].title);
			r->layers[i].title = np_xstrdup(
			    "firewall hooks (OUTPUT, POSTROUTING: packets generated here)");
		}
}

/* Where packets to dst go next, for a `network` verdict: the route's
 * gateway, or dst itself on-link, and this host's source address (what to
 * give the next host's diagnose).  Read quietly: absent is fine. */
static void find_next_hop(struct np_ctx *ctx, struct pb_run *r)
{
	char key[160], buf[64];
	struct np_fact_miss miss;
	const struct np_fact *f;
	if (!r->dst)
		return;
	snprintf(key, sizeof(key), "route[%s].gateway", r->dst);
	if (!np_fact_read(ctx, key, &f, &miss) && *np_fact_text(f, buf, sizeof(buf)))
		r->gateway = np_xstrdup(buf);
	snprintf(key, sizeof(key), "route[%s].prefsrc", r->dst);
	if (!np_fact_read(ctx, key, &f, &miss) && *np_fact_text(f, buf, sizeof(buf)))
		r->self = np_xstrdup(buf);
	if (!r->dev) {
		snprintf(key, sizeof(key), "route[%s].dev", r->dst);
		if (!np_fact_read(ctx, key, &f, &miss) && *np_fact_text(f, buf, sizeof(buf)))
			r->dev = np_xstrdup(buf);
	}
}

/* rp_filter refused a source: where does the route back to it leave?
 * (Strict mode wants the interface the packet came in on.) */
static void note_way_back(struct np_ctx *ctx, struct pb_result *res)
{
	char key[160], buf[64];
	struct np_fact_miss miss;
	const struct np_fact *f;
	if (res->layer != NP_L_ROUTING || !res->src || !res->reason ||
	    strcmp(res->reason, "IP_RPFILTER"))
		return;
	snprintf(key, sizeof(key), "route[%s].dev", res->src);
	if (!np_fact_read(ctx, key, &f, &miss) && *np_fact_text(f, buf, sizeof(buf)))
		res->back_dev = np_xstrdup(buf);
	else
		res->back_dev = np_xstrdup("-"); /* no route back at all */
}

/* What a probe of the run saw of the loss at a layer of namespace nsi
 * (its family's layer_detail hook): the first probe that knows anything
 * says it. */
static bool layer_detail(const struct eval *ev, int nsi, enum np_layer l,
			 struct np_layer_detail *d)
{
	for (int s = 0; s < ev->nsrc; s++) {
		const struct np_fact_family *fam = ev->src[s].fam;
		if (ev->src[s].started && ev->src[s].nsi == nsi && fam->layer_detail &&
		    fam->layer_detail(ev_store(ev, nsi), l, d))
			return true;
	}
	return false;
}

/* Probe details for findings: the kernel's reason, function and device,
 * and the addresses of the drops' sample packet. */
static void probe_details(struct np_ctx *ctx, const struct eval *ev, struct pb_run *r)
{
	for (int i = 0; i < r->nres; i++) {
		struct pb_result *res = &r->res[i];
		struct np_layer_detail d;
		if (res->outcome != PB_FAIL || !res->windowed ||
		    !layer_detail(ev, res->nsi, res->layer, &d))
			continue;
		if (!res->reason && d.reason[0])
			res->reason = np_xstrdup(d.reason);
		if (d.func[0])
			res->func = np_xstrdup(d.func);
		if (d.dev[0] && !res->dev)
			res->dev = np_xstrdup(d.dev);
		if (d.in[0])
			res->in_dev = np_xstrdup(d.in);
		if (d.src[0])
			res->src = np_xstrdup(d.src);
		if (d.dst[0])
			res->dst = np_xstrdup(d.dst);
		if (d.local)
			note_local_out(r, res);
		/* The route back is read here: only this namespace's. */
		if (res->nsi == 0)
			note_way_back(ctx, res);
	}
}

/* Layers in path order for the run's direction (several playbooks: the
 * layer table decides; one playbook: as written). */
static int place(const struct pb_run *r, const struct pb_layer_result *lr)
{
	bool tx = r->dir == PB_DIR_TX;
	/* A walk across namespaces: this one's layers, then the other's (the
	 * host side of a container's veth), and what happens beyond them all
	 * (network) last. */
	if (lr->layer == NP_L_NETWORK)
		return 1000;
	/* The host receives the container's packets (its bridge port, the
	 * bridge, then routing and FORWARD): the receive path's order. */
	return lr->netns ? 100 + np_layer_order(lr->layer, false) : np_layer_order(lr->layer, tx);
}

static void path_order(struct pb_run *r)
{
	for (int a = 0; a < r->nlayers; a++)
		for (int b = a + 1; b < r->nlayers; b++)
			if (place(r, &r->layers[a]) > place(r, &r->layers[b])) {
				struct pb_layer_result t = r->layers[a];
				r->layers[a] = r->layers[b];
				r->layers[b] = t;
			}
}

void ev_annotate(struct np_ctx *ctx, struct eval *ev, struct pb_run *r, int njobs)
{
	if (ev->window_ran)
		probe_details(ctx, ev, r);
	if (njobs > 1)
		path_order(r);
	find_next_hop(ctx, r);
}
