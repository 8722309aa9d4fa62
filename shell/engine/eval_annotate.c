// SPDX-License-Identifier: GPL-2.0-only
/* After the checks: which evidence is the flow's and which is background,
 * what the probe says about each finding (reason, function, device, drops
 * of packets this host generated), the layers in path order, and where
 * packets to dst go next. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"

/* ---- evidence ranking ---- */

/* Counters shared by every flow of the network namespace (SNMP,
 * conntrack statistics) or of the whole host (softnet, neighbour tables). */
static bool host_counter(const char *fact)
{
	return !strncmp(fact, "softnet", 7) || !strncmp(fact, "neightbl", 8);
}

static bool shared_counter(const char *fact)
{
	return !strncmp(fact, "snmp.", 5) || !strncmp(fact, "conntrack.stat", 14) ||
	       host_counter(fact);
}

static bool probe_ok(const struct eval *ev)
{
	for (int i = 0; i < ev->nsrc; i++)
		if (ev->src[i].ok)
			return true;
	return false;
}

/* Counters that moved for traffic other than the flow under diagnosis are
 * context, not the verdict:
 *  - with a flow (port/address), a counter every flow moves (of the
 *    namespace, or of the host) that moved while the probe filtered to the
 *    flow ran is info;
 *  - without a flow, probe evidence under one packet per second is info
 *    (background: scans, stray datagrams). */
void ev_rank_evidence(const struct eval *ev, struct pb_result *res)
{
	bool all_shared = res->nev > 0, any_host = false;
	if (res->outcome != PB_FAIL || res->check->blocking || res->sev == PB_SEV_INFO)
		return;
	for (int e = 0; e < res->nev; e++) {
		all_shared &= shared_counter(res->ev[e].fact);
		any_host |= host_counter(res->ev[e].fact);
	}
	if (ev->flow_filter && !res->windowed && all_shared && probe_ok(ev)) {
		res->sev = PB_SEV_INFO;
		res->why =
		    np_xstrdup(any_host ? "host-wide counter: other traffic moves it too; "
					  "the drop probe filtered to this flow is the evidence"
					: "counter of the whole namespace: other traffic moves "
					  "it too; the drop probe filtered to this flow is the "
					  "evidence");
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
	r->confidence = realloc(r->confidence, (size_t)(r->nconf + 1) * sizeof(char *));
	if (!r->confidence)
		abort();
	r->confidence[r->nconf++] = np_xstrdup(s);
}

/* Drops of packets this host generated (the probe's drops.local): in
 * netfilter that is OUTPUT/POSTROUTING whatever the playbook's direction,
 * and no tap has seen them.  Most of the layer's loss decides. */
static void note_local_out(const struct np_facts *fs, struct pb_run *r, struct pb_result *res)
{
	char k[128];
	const struct np_fact *loc, *all;
	if (!res->windowed)
		return;
	snprintf(k, sizeof(k), "drops.local[%s]", np_layer_name(res->layer));
	loc = np_fact_lookup(fs, k);
	snprintf(k, sizeof(k), "drops.layer[%s]", np_layer_name(res->layer));
	all = np_fact_lookup(fs, k);
	if (!loc || !all || loc->type != NP_FACT_INT || all->type != NP_FACT_INT || loc->i <= 0 ||
	    loc->i * 2 < all->i)
		return;
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
	char key[160], why[128], buf[64];
	const struct np_fact *f;
	if (!r->dst)
		return;
	snprintf(key, sizeof(key), "route[%s].gateway", r->dst);
	if (!np_fact_read(ctx, key, &f, why, sizeof(why)) && *np_fact_text(f, buf, sizeof(buf)))
		r->gateway = np_xstrdup(buf);
	snprintf(key, sizeof(key), "route[%s].prefsrc", r->dst);
	if (!np_fact_read(ctx, key, &f, why, sizeof(why)) && *np_fact_text(f, buf, sizeof(buf)))
		r->self = np_xstrdup(buf);
	if (!r->dev) {
		snprintf(key, sizeof(key), "route[%s].dev", r->dst);
		if (!np_fact_read(ctx, key, &f, why, sizeof(why)) &&
		    *np_fact_text(f, buf, sizeof(buf)))
			r->dev = np_xstrdup(buf);
	}
}

/* rp_filter refused a source: where does the route back to it leave?
 * (Strict mode wants the interface the packet came in on.) */
static void note_way_back(struct np_ctx *ctx, struct pb_result *res)
{
	char key[160], why[128], buf[64];
	const struct np_fact *f;
	if (res->layer != NP_L_ROUTING || !res->src || !res->reason ||
	    strcmp(res->reason, "IP_RPFILTER"))
		return;
	snprintf(key, sizeof(key), "route[%s].dev", res->src);
	if (!np_fact_read(ctx, key, &f, why, sizeof(why)) && *np_fact_text(f, buf, sizeof(buf)))
		res->back_dev = np_xstrdup(buf);
	else
		res->back_dev = np_xstrdup("-"); /* no route back at all */
}

/* Probe details for findings: the kernel's reason, function and device,
 * and the addresses of the drops' sample packet. */
static void probe_details(struct np_ctx *ctx, const struct eval *ev, struct pb_run *r)
{
	for (int i = 0; i < r->nres; i++) {
		struct pb_result *res = &r->res[i];
		const struct np_facts *fs = ev_store(ev, res->nsi);
		char k[128];
		const struct np_fact *f;
		if (res->outcome != PB_FAIL || !res->windowed)
			continue;
		snprintf(k, sizeof(k), "drops.reason[%s]", np_layer_name(res->layer));
		f = np_fact_lookup(fs, k);
		if (!res->reason && f && f->type == NP_FACT_STR && *f->s)
			res->reason = np_xstrdup(f->s);
		snprintf(k, sizeof(k), "drops.func[%s]", np_layer_name(res->layer));
		f = np_fact_lookup(fs, k);
		if (f && f->type == NP_FACT_STR && *f->s)
			res->func = np_xstrdup(f->s);
		snprintf(k, sizeof(k), "drops.dev[%s]", np_layer_name(res->layer));
		f = np_fact_lookup(fs, k);
		if (f && f->type == NP_FACT_STR && *f->s && strcmp(f->s, "-") && !res->dev)
			res->dev = np_xstrdup(f->s);
		snprintf(k, sizeof(k), "drops.in[%s]", np_layer_name(res->layer));
		f = np_fact_lookup(fs, k);
		if (f && f->type == NP_FACT_STR && *f->s)
			res->in_dev = np_xstrdup(f->s);
		snprintf(k, sizeof(k), "drops.src[%s]", np_layer_name(res->layer));
		f = np_fact_lookup(fs, k);
		if (f && f->type == NP_FACT_STR && *f->s)
			res->src = np_xstrdup(f->s);
		snprintf(k, sizeof(k), "drops.dst[%s]", np_layer_name(res->layer));
		f = np_fact_lookup(fs, k);
		if (f && f->type == NP_FACT_STR && *f->s)
			res->dst = np_xstrdup(f->s);
		note_local_out(fs, r, res);
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
