// SPDX-License-Identifier: GPL-2.0-only
/* The verdict: one explanation from many findings.
 *
 * Ranking (DESIGN.md "Layers and the verdict"):
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
#include "pb_run.h"

static char *xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");
	if (!p)
		abort();
	return p;
}

const char *pb_tcpdump_text(enum pb_dir dir, enum np_layer l)
{
	if (dir == PB_DIR_TX) {
		if (l == NP_L_LINK)
			return "sees these packets: the driver or NIC drops them after the tap";
		if (l == NP_L_NONE)
			return "";
		return "does not see these packets: on send the taps run after netfilter, tc "
		       "egress and the qdisc, and they are dropped before";
	}
	switch (l) {
	case NP_L_LINK:
		return "does not see these packets: they are lost in the NIC or driver ring before "
		       "the taps";
	case NP_L_XDP:
		return "does not see these packets: XDP runs before the taps on receive";
	case NP_L_SOFTIRQ:
		return "does not see these packets: backlog drops (CPU_BACKLOG) happen before the "
		       "taps";
	case NP_L_QDISC:
		return "does not see these packets: qdisc drops happen before the taps on send";
	case NP_L_NEIGHBOR:
		return "does not see the lost packets: they wait for neighbour resolution and never "
		       "reach the taps on send";
	case NP_L_NONE:
		return "";
	default:
		return "sees these packets: on receive the taps run before tc ingress, netfilter, "
		       "routing, IP, transport and socket";
	}
}

static int layer_pos(const struct pb_run *r, enum np_layer l)
{
	for (int i = 0; i < r->nlayers; i++)
		if (r->layers[i].layer == l)
			return i;
	return NP_L__COUNT;
}

static void layer_status(struct pb_run *r)
{
	for (int l = 0; l < r->nlayers; l++) {
		struct pb_layer_result *lr = &r->layers[l];
		int pass = 0, fail = 0;
		enum pb_sev worst = PB_SEV_INFO;
		const char *first_why = NULL;
		for (int i = 0; i < r->nres; i++) {
			const struct pb_result *res = &r->res[i];
			if (res->layer != lr->layer)
				continue;
			if (res->outcome == PB_PASS)
				pass++;
			else if (res->outcome == PB_FAIL) {
				fail++;
				if (res->sev > worst)
					worst = res->sev;
			} else if (!first_why) {
				first_why = res->why;
			}
		}
		if (fail && worst >= PB_SEV_WARN) {
			lr->status = worst == PB_SEV_CRIT ? "crit" : "warn";
		} else if (!pass && !fail) {
			lr->status = "skip";
			if (!lr->why)
				lr->why = xstrdup(first_why ? first_why : "no checks ran");
		} else {
			lr->status = "ok";
		}
	}
}

static void add_next(struct pb_run *r, const char *fmt, ...) NP_PRINTF(2, 3);
static void add_next(struct pb_run *r, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	for (int i = 0; i < r->nnext; i++)
		if (!strcmp(r->next[i], s)) {
			free(s);
			return;
		}
	r->next = realloc(r->next, (size_t)(r->nnext + 1) * sizeof(char *));
	if (!r->next)
		abort();
	r->next[r->nnext++] = s;
}

/* Next commands for a layer, with the real interface/port/address. */
static void layer_next(struct pb_run *r, enum np_layer l)
{
	const char *dev = r->dev ? r->dev : "DEV";
	switch (l) {
	case NP_L_LINK:
		add_next(r, "ip -s -s link show dev %s", dev);
		add_next(r, "ethtool -S %s | grep -Ei 'drop|miss|fifo|err'", dev);
		break;
	case NP_L_XDP:
		add_next(r, "ip -d link show dev %s", dev);
		add_next(r, "bpftool net show dev %s", dev);
		break;
	case NP_L_TC:
		add_next(r, "tc -s qdisc show dev %s", dev);
		add_next(r, "tc -s filter show dev %s ingress", dev);
		break;
	case NP_L_SOFTIRQ:
		add_next(r, "netpath softnet");
		add_next(r, "sysctl net.core.netdev_max_backlog net.core.netdev_budget");
		break;
	case NP_L_NETFILTER:
		add_next(r, "iptables -vnxL; nft list ruleset");
		if (r->port)
			add_next(r, "netpath probe drops 5 port %s", r->port);
		break;
	case NP_L_CONNTRACK:
		add_next(r, "conntrack -S");
		add_next(r, "netpath conntrack");
		break;
	case NP_L_ROUTING:
		if (r->dst)
			add_next(r, "ip route get %s", r->dst);
		add_next(r, "ip rule show");
		break;
	case NP_L_NEIGHBOR:
		add_next(r, "ip -s neigh show%s%s", r->dst ? " to " : "", r->dst ? r->dst : "");
		break;
	case NP_L_IP:
		add_next(r, "nstat -az 'Ip*'");
		break;
	case NP_L_QDISC:
		add_next(r, "tc -s qdisc show dev %s", dev);
		break;
	case NP_L_TRANSPORT:
	case NP_L_SOCKET:
		if (r->port) {
			add_next(r, "ss -tuanm 'sport = :%s'", r->port);
		} else {
			add_next(r, "ss -ltnu");
		}
		add_next(r, "nstat -az 'Udp*' 'Tcp*'");
		break;
	default:
		break;
	}
}

static void apply_attribution(struct pb_run *r)
{
	bool probe_loss[NP_L__COUNT] = {0};
	int first = NP_L__COUNT + 1;
	for (int i = 0; i < r->nres; i++) {
		const struct pb_result *res = &r->res[i];
		if (res->outcome == PB_FAIL && res->windowed && res->sev == PB_SEV_CRIT) {
			probe_loss[res->layer] = true;
			if (layer_pos(r, res->layer) < first)
				first = layer_pos(r, res->layer);
		}
	}
	if (first > NP_L__COUNT)
		return;
	for (int i = 0; i < r->nres; i++) {
		struct pb_result *res = &r->res[i];
		char buf[256];
		size_t o = 0;
		if (res->outcome != PB_FAIL || res->windowed || res->sev != PB_SEV_CRIT ||
		    res->check->blocking || probe_loss[res->layer] || res->layer == NP_L_LINK ||
		    layer_pos(r, res->layer) < first)
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
		res->why = xstrdup(buf);
	}
}

void pb_verdict(struct pb_run *r)
{
	int best = -1, bestpos = NP_L__COUNT + 1, warn = -1, warnpos = NP_L__COUNT + 1;
	int pass = 0, fail = 0;
	char buf[1024];

	apply_attribution(r);
	layer_status(r);
	for (int i = 0; i < r->nres; i++) {
		const struct pb_result *res = &r->res[i];
		int pos = layer_pos(r, res->layer);
		if (res->outcome == PB_PASS)
			pass++;
		if (res->outcome != PB_FAIL)
			continue;
		fail++;
		if (res->sev == PB_SEV_CRIT && res->check->blocking) {
			/* Blocking faults rank before any loss evidence. */
			pos -= NP_L__COUNT + 1;
		}
		/* In the same layer prefer probe evidence (it counts this flow's
		 * packets), then a finding that names the kernel's reason. */
		if (res->sev == PB_SEV_CRIT &&
		    (pos < bestpos ||
		     (pos == bestpos && ((!r->res[best].windowed && res->windowed) ||
					 (r->res[best].windowed == res->windowed &&
					  !r->res[best].reason && res->reason))))) {
			best = i;
			bestpos = pos;
		}
		if (res->sev == PB_SEV_WARN && pos < warnpos) {
			warn = i;
			warnpos = pos;
		}
	}
	/* Neighbour resolution itself goes through tc, the qdisc and the
	 * device: loss or a fault there explains an unresolved neighbour. */
	if (best >= 0 && r->res[best].layer == NP_L_NEIGHBOR) {
		static const enum np_layer below[] = {NP_L_LINK, NP_L_QDISC, NP_L_TC};
		int cause = -1;
		for (size_t b = 0; b < NP_ARRAY_SIZE(below) && cause < 0; b++)
			for (int i = 0; i < r->nres && cause < 0; i++)
				if (r->res[i].outcome == PB_FAIL && r->res[i].sev == PB_SEV_CRIT &&
				    r->res[i].layer == below[b])
					cause = i;
		if (cause >= 0)
			best = cause;
	}
	if (best < 0)
		best = warn;
	r->vres = best;
	if (best >= 0) {
		const struct pb_result *res = &r->res[best];
		size_t o;
		r->status = res->sev == PB_SEV_CRIT ? "crit" : "warn";
		r->vlayer = res->layer;
		o = (size_t)snprintf(buf, sizeof(buf), "%s", res->title);
		if (res->check->blocking)
			o += (size_t)snprintf(buf + o, sizeof(buf) - o,
					      "; a blocking fault: packets of this path cannot pass");
		if (res->count > 0 && o < sizeof(buf))
			o += (size_t)snprintf(buf + o, sizeof(buf) - o,
					      "; %.0f packets lost in %.1fs (%.1f/s)", res->count,
					      r->window, res->rate);
		if (res->reason && o < sizeof(buf))
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "; kernel reason %s",
					      res->reason);
		if (res->func && o < sizeof(buf))
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, " in %s()", res->func);
		/* Name the flow under diagnosis when the title does not. */
		if (r->port && o < sizeof(buf) && !strstr(res->title, r->port))
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "; flow: port %s", r->port);
		if (r->dst && o < sizeof(buf) && !strstr(buf, r->dst))
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s to %s",
					      r->port && !strstr(res->title, r->port) ? "" : "; flow:",
					      r->dst);
		if (res->dev && !r->dev)
			r->dev = xstrdup(res->dev); /* where the probe saw them */
		if (res->dev && o < sizeof(buf) && !strstr(buf, res->dev))
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, " on %s", res->dev);
		r->summary = xstrdup(buf);
		snprintf(buf, sizeof(buf), "tcpdump%s%s %s", r->dev ? " -i " : "",
			 r->dev ? r->dev : "",
			 res->check->tcpdump > 0	? "sees these packets: the tap runs before the point where they are dropped"
			 : res->check->tcpdump < 0 ? "does not see these packets: they are dropped before the tap"
						   : pb_tcpdump_text(r->dir, res->layer));
		r->tcpdump = xstrdup(buf);
		if (res->hint)
			add_next(r, "%s", res->hint);
		if (res->reason)
			add_next(r, "netpath why %s", res->reason);
		layer_next(r, res->layer);
		add_next(r, "netpath explain");
	} else {
		char names[256];
		size_t no = 0;
		names[0] = '\0';
		for (int i = 0; i < r->nnames && no < sizeof(names); i++)
			no += (size_t)snprintf(names + no, sizeof(names) - no, "%s%s",
					       i ? (i + 1 == r->nnames ? " and " : ", ") : "",
					       r->names[i]);
		r->vlayer = NP_L_NONE;
		r->status = pass == 0 && fail == 0 ? "unknown" : "ok";
		if (pass == 0 && fail == 0)
			snprintf(buf, sizeof(buf), "nothing could be checked on the %s path%s", names,
				 r->nnames > 1 ? "s" : "");
		else if (r->window > 0)
			snprintf(buf, sizeof(buf), "no loss found on the %s path%s in %.1fs%s", names,
				 r->nnames > 1 ? "s" : "", r->window,
				 r->nconf ? " (see what could not be observed)" : "");
		else
			snprintf(buf, sizeof(buf), "no fault found on the %s path%s (static checks only)",
				 names, r->nnames > 1 ? "s" : "");
		r->summary = xstrdup(buf);
		r->tcpdump = xstrdup("");
	}
}

/* ---- expression text ---- */

static size_t val_format(const struct pb_val *v, char *buf, size_t len)
{
	switch (v->kind) {
	case PB_V_STR:
		return (size_t)snprintf(buf, len, strpbrk(v->text, " \t\"") ? "\"%s\"" : "%s",
					v->text);
	case PB_V_PARAM:
		return (size_t)snprintf(buf, len, "$%s", v->text);
	case PB_V_DELTA:
		return (size_t)snprintf(buf, len, "delta %s", v->text);
	case PB_V_RATE:
		return (size_t)snprintf(buf, len, "rate %s", v->text);
	default:
		return (size_t)snprintf(buf, len, "%s", v->text);
	}
}

static size_t fmt(const struct pb_expr *e, char *buf, size_t len, int prec)
{
	size_t o = 0;
#define PUT(...)                                                                                   \
	do {                                                                                       \
		if (o < len)                                                                       \
			o += (size_t)snprintf(buf + o, len - o, __VA_ARGS__);                      \
	} while (0)
	if (len == 0)
		return 0;
	switch (e->kind) {
	case PB_E_OR:
	case PB_E_AND: {
		int p = e->kind == PB_E_OR ? 1 : 2;
		if (p < prec)
			PUT("(");
		if (o < len)
			o += fmt(e->l, buf + o, len - o, p);
		PUT(" %s ", e->kind == PB_E_OR ? "or" : "and");
		if (o < len)
			o += fmt(e->r, buf + o, len - o, p + 1);
		if (p < prec)
			PUT(")");
		break;
	}
	case PB_E_NOT:
		PUT("not ");
		if (o < len)
			o += fmt(e->l, buf + o, len - o, 3);
		break;
	case PB_E_TRUTH:
		o += val_format(&e->a, buf, len);
		break;
	case PB_E_CMP:
		o += val_format(&e->a, buf, len);
		PUT(" %s ", pb_op_name(e->op));
		if (o < len)
			o += val_format(&e->b, buf + o, len - o);
		break;
	case PB_E_IN:
		o += val_format(&e->a, buf, len);
		PUT(" in (");
		for (int i = 0; i < e->nlist; i++) {
			if (i)
				PUT(", ");
			if (o < len)
				o += val_format(&e->list[i], buf + o, len - o);
		}
		PUT(")");
		break;
	}
#undef PUT
	return o < len ? o : len - 1;
}

void pb_expr_format(const struct pb_expr *e, char *buf, size_t len)
{
	if (len)
		buf[0] = '\0';
	if (e && len)
		fmt(e, buf, len, 0);
}

/* ---- output ---- */

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
			     ev->kind == 'd' ? "window" : ev->kind == 'r' ? "per_second" : "now");
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
	/* The worst finding of the layer, or why it was skipped. */
	for (int i = 0; i < r->nres; i++) {
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
