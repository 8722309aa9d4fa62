// SPDX-License-Identifier: GPL-2.0-only
/* The verdict: one explanation from many findings.
 *
 * Ranking (doc/DESIGN.md, "Layers and the verdict"):
 *   1. a failed `blocking` check (a fault in state: link down, no route,
 *      forwarding off, unresolvable neighbour) explains the loss it causes
 *      elsewhere and is the verdict;
 *   2. a layer whose counter evidence the drop probe attributes to another
 *      layer is not blamed (its finding drops to warn);
 *   3. otherwise the first layer in path order with critical evidence;
 *   4. warnings only: status warn at the first warning layer;
 *   5. nothing: layer none (unknown when nothing at all could be checked). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "layers.h"
#include "pb_run.h"
#include "plural.h"
#include "reasons.h"
#include "xalloc.h"

/* 0: no reason, 1: the probe's top reason of the layer, 2: declared by the
 * check (`reason NAME` or `reason {FACT}`). */
static int reason_rank(const struct pb_result *res)
{
	if (!res->reason)
		return 0;
	return res->check->reason ? 2 : 1;
}

const char *pb_tcpdump_text(enum pb_dir dir, enum np_layer l)
{
	const struct np_layer_info *li = np_layer_info(l);
	return dir == PB_DIR_TX ? li->tcpdump_tx : li->tcpdump_rx;
}

/* What tcpdump shows of the verdict's packets, with the exact interface. */
static void tcpdump_note(const struct pb_run *r, const struct pb_result *res, char *buf, size_t len)
{
	/* Where the drop probe saw them, else the run's device. */
	const char *dev = res->dev && res->layer != NP_L_NETWORK ? res->dev : r->dev;
	const char *in = res->layer != NP_L_NETWORK ? res->in_dev : NULL;
	const char *ns = res->netns ? " in netns " : "", *nsl = res->netns ? res->netns : "";
	if (res->layer == NP_L_NETWORK && dev && r->dst) {
		/* The exact capture: what leaves, and what comes back. */
		bool v6 = strchr(r->dst, ':') != NULL;
		snprintf(buf, len,
			 "tcpdump -ni %s 'host %s and (%s%s%s%s)' sees the packets leave and "
			 "what comes back (RSTs, ICMP errors): the loss is beyond this host",
			 dev, r->dst, r->port ? "port " : "", r->port ? r->port : "",
			 r->port ? " or " : "", v6 ? "icmp6" : "icmp");
		return;
	}
	if (in && dev && strcmp(in, dev) && !res->check->tcpdump) {
		/* Received on one interface, bound for another when it died
		 * (forwarded): the receive tap saw it, the one it was bound for
		 * never will. */
		snprintf(buf, len,
			 "tcpdump -i %s%s%s sees these packets arrive; tcpdump -i %s does not: "
			 "they die before they leave",
			 in, ns, nsl, dev);
		return;
	}
	if (in)
		dev = in; /* the tap that saw them (same device, or before the taps) */
	snprintf(buf, len, "tcpdump%s%s%s%s %s", dev ? " -i " : "", dev ? dev : "", ns, nsl,
		 res->local_out ? "does not see these packets: this host generated them and "
				  "dropped them before they reached the egress tap"
		 : res->check->tcpdump > 0
		     ? "sees these packets: the tap runs before the point where they are dropped"
		 : res->check->tcpdump < 0
		     ? "does not see these packets: they are dropped before the tap"
		     : pb_tcpdump_text(res->dir, res->layer));
}

static int layer_pos(const struct pb_run *r, const struct pb_result *res)
{
	for (int i = 0; i < r->nlayers; i++)
		if (pb_res_in(res, &r->layers[i]))
			return i;
	return PB_MAX_RUN_LAYERS;
}

/* Per layer: crit/warn from its worst finding; `skip` when nothing in it
 * could be checked, or when some of its loss evidence (a probe, a counter
 * over the window) could not be read — a blind layer: a host-wide counter
 * that did read does not stand in for the flow's own evidence, so an
 * otherwise clean walk is `unknown`, never `ok`.  Checks that do not
 * apply (n/a) and window=0 (static only, asked for) are not blindness. */
static void layer_status(struct pb_run *r)
{
	for (int l = 0; l < r->nlayers; l++) {
		struct pb_layer_result *lr = &r->layers[l];
		int pass = 0, fail = 0, skip = 0, loss_blind = 0;
		enum pb_sev worst = PB_SEV_INFO;
		const char *first_why = NULL, *loss_why = NULL;
		for (int i = 0; i < r->nres; i++) {
			const struct pb_result *res = &r->res[i];
			if (!pb_res_in(res, lr))
				continue;
			if (res->outcome == PB_PASS || res->outcome == PB_FAIL) {
				res->outcome == PB_PASS ? pass++ : fail++;
				if (res->outcome == PB_FAIL && res->sev > worst)
					worst = res->sev;
				continue;
			}
			if (!first_why)
				first_why = res->why;
			if (res->outcome == PB_SKIP && !res->nowindow) {
				skip++;
				if (res->loss && !loss_why)
					loss_why = res->why;
				loss_blind += res->loss;
			}
		}
		if (fail && worst >= PB_SEV_WARN) {
			lr->status = worst == PB_SEV_CRIT ? PB_LS_CRIT : PB_LS_WARN;
		} else if (!pass && !fail) {
			lr->status = PB_LS_SKIP;
			lr->blind = skip > 0 && !lr->conditional_off;
			if (!lr->why)
				lr->why = np_xstrdup(first_why ? first_why : "no checks ran");
		} else if (loss_blind) {
			lr->status = PB_LS_SKIP;
			lr->blind = true;
			free(lr->why);
			lr->why = np_xasprintf("loss not observed: %s", loss_why);
		} else {
			lr->status = PB_LS_OK;
		}
	}
}

static void add_next(struct pb_run *r, const char *fmt, ...) NP_PRINTF(2, 3);
static void add_next(struct pb_run *r, const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	s = np_xvasprintf(fmt, ap);
	va_end(ap);
	/* An IPv6 flow's rules are ip6tables': checks and the layer table name
	 * `iptables` once for both families, and a command runs as printed. */
	if (r->dst && strchr(r->dst, ':') && !strncmp(s, "iptables", 8)) {
		char *v6 = np_xasprintf("ip6%s", s + 2);
		free(s);
		s = v6;
	}
	for (int i = 0; i < r->nnext; i++)
		if (!strcmp(r->next[i], s)) {
			free(s);
			return;
		}
	if (r->nnext == PB_MAX_VERDICT_NEXT) { /* the five most specific */
		free(s);
		return;
	}
	r->next = np_xreallocarray(r->next, (size_t)r->nnext + 1, sizeof(char *));
	r->next[r->nnext++] = s;
}

/* The layer table's next commands, with the run's interface, port and
 * address; a command that needs a value the run does not have is left
 * out. */
static void layer_next(struct pb_run *r, const struct pb_result *res)
{
	enum np_layer l = res->layer;
	/* A finding on the host side of a container's walk: its own device. */
	const char *dev = res->netns ? res->dev : r->dev;
	const struct np_layer_info *li = np_layer_info(l);
	for (size_t i = 0; i < NP_ARRAY_SIZE(li->next) && li->next[i]; i++) {
		const char *t = li->next[i];
		char out[256];
		size_t o = 0;
		bool missing = false;
		while (*t && o + 1 < sizeof(out)) {
			const char *v = NULL;
			size_t n = 0;
			if (!strncmp(t, "$dev", 4))
				v = dev, n = 4;
			else if (!strncmp(t, "$dst", 4))
				v = r->dst, n = 4;
			else if (!strncmp(t, "$port", 5))
				v = r->port, n = 5;
			if (!n) {
				out[o++] = *t++;
				continue;
			}
			if (!v) {
				missing = true;
				break;
			}
			o += (size_t)snprintf(out + o, sizeof(out) - o, "%s", v);
			t += n;
		}
		out[o < sizeof(out) ? o : sizeof(out) - 1] = '\0';
		if (!missing)
			add_next(r, "%s", out);
	}
}

/* A `network` verdict: the packets left this host, so name where they
 * went next (the route's gateway, or dst itself on-link), the direction,
 * and what to run there.  Appends to the summary; returns bytes written. */
static size_t next_hop(struct pb_run *r, char *buf, size_t len)
{
	bool gw = r->gateway && *r->gateway;
	char run[256];
	if (!r->dst || !len)
		return 0;
	free(r->nh_addr);
	free(r->nh_run);
	r->nh_addr = np_xstrdup(gw ? r->gateway : r->dst);
	r->nh_via = gw ? "gateway" : "on-link";
	if (gw && r->self)
		snprintf(run, sizeof(run), "netpath -c 'diagnose src=%s dst=%s%s%s'", r->self,
			 r->dst, r->port ? " port=" : "", r->port ? r->port : "");
	else if (gw)
		snprintf(run, sizeof(run), "netpath -c 'diagnose dst=%s%s%s'", r->dst,
			 r->port ? " port=" : "", r->port ? r->port : "");
	else
		snprintf(run, sizeof(run), "netpath -c 'diagnose%s%s'", r->port ? " port=" : "",
			 r->port ? r->port : "");
	r->nh_run = np_xstrdup(run);
	int n = snprintf(buf, len,
			 "; the packets left this host%s%s and the failure is beyond it: next hop "
			 "%s (%s)",
			 r->dev ? " on " : "", r->dev ? r->dev : "", r->nh_addr,
			 gw ? "the route's gateway" : "the destination itself, on-link");
	return n < 0 ? 0 : (size_t)n >= len ? len - 1 : (size_t)n;
}

static void apply_attribution(struct pb_run *r)
{
	bool probe_loss[NP_L__COUNT] = {0};
	int first = PB_MAX_RUN_LAYERS + 1;
	for (int i = 0; i < r->nres; i++) {
		const struct pb_result *res = &r->res[i];
		if (res->outcome == PB_FAIL && res->windowed && res->sev == PB_SEV_CRIT) {
			probe_loss[res->layer] = true;
			if (layer_pos(r, res) < first)
				first = layer_pos(r, res);
		}
	}
	if (first > PB_MAX_RUN_LAYERS)
		return;
	for (int i = 0; i < r->nres; i++) {
		struct pb_result *res = &r->res[i];
		char buf[256];
		size_t o = 0;
		if (res->outcome != PB_FAIL || res->windowed || res->sev != PB_SEV_CRIT ||
		    res->check->blocking || probe_loss[res->layer] || res->layer == NP_L_LINK ||
		    layer_pos(r, res) < first)
			continue;
		/* Counters of a later layer moved, but the drop probe saw the
		 * flow's packets die before reaching it: context, not the verdict.
		 * (An earlier layer is kept: conntrack marking packets INVALID is
		 * why a later rule drops them.) */
		o = (size_t)snprintf(buf, sizeof(buf), "the drop probe attributes the loss to");
		for (int l = 0; l < NP_L__COUNT && o < sizeof(buf); l++)
			if (probe_loss[l])
				o += (size_t)snprintf(buf + o, sizeof(buf) - o, " %s",
						      np_layer_name((enum np_layer)l));
		res->sev = PB_SEV_WARN;
		free(res->why);
		res->why = np_xstrdup(buf);
	}
}

/* The deciding finding: the first layer in path order with a crit
 * finding (a blocking fault ranks before any loss evidence), else the
 * first warning; -1 when none.  *pass and *fail count the outcomes. */
static int pick_finding(const struct pb_run *r, int *pass, int *fail)
{
	int best = -1, bestpos = PB_MAX_RUN_LAYERS + 1, warn = -1, warnpos = PB_MAX_RUN_LAYERS + 1;
	*pass = *fail = 0;
	for (int i = 0; i < r->nres; i++) {
		const struct pb_result *res = &r->res[i];
		int pos = layer_pos(r, res);
		if (res->outcome == PB_PASS)
			(*pass)++;
		if (res->outcome != PB_FAIL)
			continue;
		(*fail)++;
		if (res->sev == PB_SEV_CRIT && res->check->blocking) {
			/* Blocking faults rank before any loss evidence. */
			pos -= PB_MAX_RUN_LAYERS + 1;
		}
		/* In the same layer prefer probe evidence (it counts this flow's
		 * packets), then a finding that names the kernel's reason, then
		 * one whose check declares it (a specific diagnosis such as "RSTs
		 * because nothing listens") over one that took it from the probe
		 * (a generic "this layer dropped packets"). */
		if (res->sev == PB_SEV_CRIT &&
		    (pos < bestpos ||
		     (pos == bestpos && ((!r->res[best].windowed && res->windowed) ||
					 (r->res[best].windowed == res->windowed &&
					  reason_rank(&r->res[best]) < reason_rank(res)))))) {
			best = i;
			bestpos = pos;
		}
		if (res->sev == PB_SEV_WARN && pos < warnpos) {
			warn = i;
			warnpos = pos;
		}
	}
	/* Neighbour resolution itself goes through tc, the qdisc and the
	 * device — and, from a container, across its veth into the host's
	 * bridge: loss or a fault there explains an unresolved neighbour. */
	if (best >= 0 && r->res[best].layer == NP_L_NEIGHBOR) {
		static const enum np_layer below[] = {NP_L_LINK, NP_L_QDISC, NP_L_TC, NP_L_BRIDGE};
		int cause = -1;
		for (size_t b = 0; b < NP_ARRAY_SIZE(below) && cause < 0; b++)
			for (int i = 0; i < r->nres && cause < 0; i++)
				if (r->res[i].outcome == PB_FAIL && r->res[i].sev == PB_SEV_CRIT &&
				    r->res[i].layer == below[b])
					cause = i;
		if (cause >= 0)
			best = cause;
	}
	return best >= 0 ? best : warn;
}

/* The verdict's summary of finding res, into buf. */
static void summarize(struct pb_run *r, const struct pb_result *res, char *buf, size_t len)
{
	size_t o = (size_t)snprintf(buf, len, "%s", res->title);
	if (res->check->blocking)
		o += (size_t)snprintf(buf + o, len - o,
				      "; a blocking fault: packets of this path cannot pass");
	/* Beyond this host the counts are events seen here (RSTs, ICMP
	 * errors, failed connects), not packets this host lost. */
	if (res->count > 0 && o < len && res->layer != NP_L_NETWORK)
		o += (size_t)snprintf(buf + o, len - o, "; %.0f packet%s lost in %.1fs (%.1f/s)",
				      res->count, np_plural_s(res->count), r->window, res->rate);
	if (res->reason && o < len)
		o += (size_t)snprintf(buf + o, len - o, "; %s %s",
				      res->layer == NP_L_NETWORK ? "reason" : "kernel reason",
				      res->reason);
	if (res->func && o < len)
		o += (size_t)snprintf(buf + o, len - o, " in %s()", res->func);
	/* Name the flow under diagnosis when the title does not. */
	if (r->port && o < len && !strstr(res->title, r->port))
		o += (size_t)snprintf(buf + o, len - o, "; flow: port %s", r->port);
	if (r->dst && o < len && !strstr(buf, r->dst))
		o += (size_t)snprintf(
		    buf + o, len - o, "%s to %s",
		    r->port && !strstr(res->title, r->port) ? "" : "; flow:", r->dst);
	if (res->dev && !r->dev)
		r->dev = np_xstrdup(res->dev); /* where the probe saw them */
	if (res->dev && o < len && !strstr(buf, res->dev))
		o += (size_t)snprintf(buf + o, len - o, " on %s", res->dev);
	if (res->netns && o < len) {
		/* The host side of a container's walk: say where. */
		o += (size_t)snprintf(buf + o, len - o, " in netns %s", res->netns);
		free(r->vnetns);
		r->vnetns = np_xstrdup(res->netns);
	}
	if (res->back_dev && res->dev && o < len)
		o += (size_t)snprintf(
		    buf + o, len - o, "; %s", /* rp_filter: which way back */
		    !strcmp(res->back_dev, "-") ? "there is no route back to that source at all"
		    : strcmp(res->back_dev, res->dev)
			? "the route back to the source leaves by another interface"
			: "the route back to the source leaves by the same interface");
	if (res->back_dev && strcmp(res->back_dev, "-") && o < len)
		o += (size_t)snprintf(buf + o, len - o, " (%s)", res->back_dev);
	if (res->reason && !strcmp(res->reason, "NO_SOCKET") && res->dst && o < len &&
	    !strstr(buf, res->dst))
		o += (size_t)snprintf(buf + o, len - o, "; the packets were for %s", res->dst);
	if (res->local_out && res->layer == NP_L_NETFILTER && o < len)
		o += (size_t)snprintf(buf + o, len - o,
				      "; in OUTPUT/POSTROUTING: packets this host generated");
	if (res->layer == NP_L_NETWORK)
		next_hop(r, buf + o, o < len ? len - o : 0);
}

/* A verdict from finding res: summary, tcpdump line, next commands. */
static void verdict_found(struct pb_run *r, const struct pb_result *res)
{
	char buf[1024];
	r->status = res->sev == PB_SEV_CRIT ? NP_CRIT : NP_WARN;
	r->vlayer = res->layer;
	summarize(r, res, buf, sizeof(buf));
	r->summary = np_xstrdup(buf);
	tcpdump_note(r, res, buf, sizeof(buf));
	r->tcpdump = np_xstrdup(buf);
	/* Most specific first: the finding's own commands, the kernel
	 * reason explained, the layer's usual commands, the walk. */
	for (int n = 0; n < res->nnext; n++)
		add_next(r, "%s", res->next[n]);
	if (res->hint)
		r->advice = np_xstrdup(res->hint);
	if (res->reason && np_reason_lookup(res->reason))
		add_next(r, "netpath why %s", res->reason); /* a kernel drop reason */
	layer_next(r, res);
	add_next(r, "netpath explain");
}

/* No finding: ok, or unknown when nothing (or not everything that could
 * show loss) was observed. */
static void verdict_none(struct pb_run *r, int pass, int fail)
{
	char names[256], blind[256], buf[1024];
	size_t no = 0, bo = 0;
	names[0] = blind[0] = '\0';
	for (int i = 0; i < r->nnames && no < sizeof(names); i++)
		no += (size_t)snprintf(names + no, sizeof(names) - no, "%s%s",
				       i ? (i + 1 == r->nnames ? " and " : ", ") : "", r->names[i]);
	for (int l = 0; l < r->nlayers && bo < sizeof(blind); l++)
		if (r->layers[l].blind)
			bo += (size_t)snprintf(blind + bo, sizeof(blind) - bo, "%s%s",
					       bo ? ", " : "", np_layer_name(r->layers[l].layer));
	r->vlayer = NP_L_NONE;
	r->status = (pass == 0 && fail == 0) || blind[0] ? NP_UNKNOWN : NP_OK;
	if (pass == 0 && fail == 0)
		snprintf(buf, sizeof(buf), "nothing could be checked on the %s path%s", names,
			 r->nnames > 1 ? "s" : "");
	else if (blind[0])
		snprintf(buf, sizeof(buf),
			 "no loss found where netpath could look, but it could not observe "
			 "%s: loss there would not have been seen (see what could not be "
			 "observed)",
			 blind);
	else if (r->window > 0)
		snprintf(buf, sizeof(buf), "no loss found on the %s path%s in %.1fs%s", names,
			 r->nnames > 1 ? "s" : "", r->window,
			 r->nconf ? " (see what could not be observed)" : "");
	else
		snprintf(buf, sizeof(buf), "no fault found on the %s path%s (static checks only)",
			 names, r->nnames > 1 ? "s" : "");
	r->summary = np_xstrdup(buf);
	r->tcpdump = np_xstrdup("");
}

void pb_verdict(struct pb_run *r)
{
	int pass, fail;
	apply_attribution(r);
	layer_status(r);
	r->vres = pick_finding(r, &pass, &fail);
	if (r->vres >= 0)
		verdict_found(r, &r->res[r->vres]);
	else
		verdict_none(r, pass, fail);
}

struct pb_run *pb_run_unknown(const char *name, const char *why)
{
	struct pb_run *r = np_xcalloc(1, sizeof(*r));
	r->name = np_xstrdup(name);
	r->vres = -1;
	r->vlayer = NP_L_NONE;
	r->status = NP_UNKNOWN;
	r->summary = np_xstrdup(why);
	r->tcpdump = np_xstrdup("");
	return r;
}

const char *pb_lstatus_name(enum pb_lstatus s)
{
	static const char *const n[] = {"ok", "warn", "crit", "skip"};
	return (unsigned)s < NP_ARRAY_SIZE(n) ? n[s] : "skip";
}
