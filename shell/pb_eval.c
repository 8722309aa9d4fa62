// SPDX-License-Identifier: GPL-2.0-only
/* The playbook evaluator.  One run = one observation window, however many
 * playbooks and checks take part:
 *
 *   1. substitute parameters into every fact the run reads;
 *   2. read the static facts and the "before" snapshot of delta facts;
 *   3. start every window source (probes) once, sleep the window once,
 *      collect, stop, read the "after" snapshot;
 *   4. evaluate: a check that cannot be read is `skip` with the reason,
 *      never a silent pass.
 *
 * Conditions are three-valued (true / false / unknown) so an unreadable
 * fact inside `a or b` does not hide what b says. */
#include <ctype.h>
#include <math.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "factsrc.h"
#include "pb_active.h"
#include "pb_internal.h"
#include "pb_run.h"
#include "verdict_rule.h"

/* ---- the fact table of one run ---- */

struct fval {
	bool have;
	bool numeric;
	double num;
	char *text;
};

struct key {
	char *key; /* canonical */
	const struct np_fact_provider *prov;
	bool delta; /* needs before/after */
	struct fval now, before, after;
	char *why; /* why it could not be read */
};

struct source {
	const struct np_window_source *ws;
	const char *ns;
	void *state;
	bool started, ok;
	char *why;
};

struct eval {
	struct np_ctx *ctx;
	struct pb_job *jobs;
	int njobs;
	struct key *keys;
	int nkeys;
	struct source src[8];
	int nsrc;
	double window; /* observed seconds (0 = static only) */
	bool window_ran;
	bool flow_filter; /* probe filtered to a flow (port/address given) */
	bool active;	  /* active=yes: active.* facts are published */
};

static char *xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");
	if (!p)
		abort();
	return p;
}

static char *xasprintf(const char *fmt, ...) NP_PRINTF(1, 2);
static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	return s;
}

static void fval_free(struct fval *v)
{
	free(v->text);
	v->text = NULL;
	v->have = false;
}

static void fval_from_fact(struct fval *v, const struct np_fact *f)
{
	char buf[512];
	fval_free(v);
	v->have = true;
	v->numeric = np_fact_number(f, &v->num);
	v->text = xstrdup(np_fact_text(f, buf, sizeof(buf)));
}

/* ---- reading facts ---- */

static struct key *key_find(struct eval *ev, const char *canon)
{
	for (int i = 0; i < ev->nkeys; i++)
		if (!strcmp(ev->keys[i].key, canon))
			return &ev->keys[i];
	return NULL;
}

/* Register a fact the run needs.  NULL with why when the key is invalid
 * after substitution. */
static struct key *key_add(struct eval *ev, const char *text, bool delta, char *why, size_t len)
{
	struct np_factkey k;
	char canon[NP_FACTKEY_MAX * 2];
	const struct np_fact_provider *p;
	struct key *e;

	if (np_factkey_parse(text, &k, why, len))
		return NULL;
	p = np_fact_provider_for(&k);
	if (!p) {
		snprintf(why, len, "no provider for '%s'", text);
		return NULL;
	}
	if (p->check && p->check(&k, why, len))
		return NULL;
	np_factkey_format(&k, canon, sizeof(canon));
	e = key_find(ev, canon);
	if (!e) {
		struct key *nk = realloc(ev->keys, (size_t)(ev->nkeys + 1) * sizeof(*nk));
		if (!nk)
			abort();
		ev->keys = nk;
		e = &ev->keys[ev->nkeys++];
		memset(e, 0, sizeof(*e));
		e->key = xstrdup(canon);
		e->prov = p;
	}
	e->delta |= delta;
	return e;
}

/* Read one non-window fact now, quietly: a failure is a reason, not an
 * error on the terminal (the check becomes `skip`). */
static void fetch(struct eval *ev, struct key *k, struct fval *into)
{
	struct np_factkey fk;
	char why[256];
	int err;
	const struct np_fact *f;

	if (np_factkey_parse(k->key, &fk, why, sizeof(why))) {
		free(k->why);
		k->why = xstrdup(why);
		return;
	}
	err = np_fact_fetch(ev->ctx, k->prov, &fk);
	f = err ? NULL : np_fact_lookup(ev->ctx->facts, k->key);
	if (!f) {
		free(k->why);
		k->why = xasprintf("%s: %s", k->key,
				   err == -ENOENT || !err ? "no such object or field here"
							  : np_fact_errstr(err));
		fval_free(into);
		return;
	}
	fval_from_fact(into, f);
}

static void add_key_refs(struct eval *ev, const struct pb_job *job, const struct pb_val *v)
{
	char buf[NP_FACTKEY_MAX * 2], why[256];
	if (v->plus)
		add_key_refs(ev, job, v->plus);
	if (v->kind != PB_V_FACT && v->kind != PB_V_DELTA && v->kind != PB_V_RATE)
		return;
	if (!pb_subst(job, v->text, buf, sizeof(buf), NULL, 0))
		return;
	key_add(ev, buf, v->kind != PB_V_FACT, why, sizeof(why));
}

static void collect_keys(struct eval *ev, const struct pb_job *job, const struct pb_expr *e)
{
	if (!e)
		return;
	add_key_refs(ev, job, &e->a);
	add_key_refs(ev, job, &e->b);
	for (int i = 0; i < e->nlist; i++)
		add_key_refs(ev, job, &e->list[i]);
	collect_keys(ev, job, e->l);
	collect_keys(ev, job, e->r);
}

/* {FACT} references inside a message/hint/reason template. */
static void each_interp(const char *text, void (*cb)(const char *key, void *arg), void *arg)
{
	for (const char *o = text ? strchr(text, '{') : NULL; o; o = strchr(o + 1, '{')) {
		const char *c = strchr(o, '}');
		char key[NP_FACTKEY_MAX];
		if (o > text && o[-1] == '$')
			continue;
		if (!c || c == o + 1 || (size_t)(c - o - 1) >= sizeof(key))
			return;
		snprintf(key, sizeof(key), "%.*s", (int)(c - o - 1), o + 1);
		cb(key, arg);
	}
}

struct interp_ctx {
	struct eval *ev;
	const struct pb_job *job;
};

static void interp_add(const char *tmpl, void *arg)
{
	struct interp_ctx *ic = arg;
	char key[NP_FACTKEY_MAX * 2], why[256];
	if (pb_subst(ic->job, tmpl, key, sizeof(key), NULL, 0))
		key_add(ic->ev, key, false, why, sizeof(why));
}

static void collect_interp(struct eval *ev, const struct pb_job *job, const char *text)
{
	struct interp_ctx ic = {ev, job};
	each_interp(text, interp_add, &ic);
}

/* The value of a fact for a message: latest reading, "?" when unknown. */
static const char *msg_value(struct eval *ev, const char *tmpl, const struct pb_job *job, char *buf,
			     size_t len)
{
	char key[NP_FACTKEY_MAX * 2], why[128];
	struct np_factkey fk;
	struct key *k;
	if (!pb_subst(job, tmpl, key, sizeof(key), NULL, 0) ||
	    np_factkey_parse(key, &fk, why, sizeof(why)))
		return "?";
	np_factkey_format(&fk, key, sizeof(key));
	k = key_find(ev, key);
	if (!k)
		return "?";
	if (k->prov->window) {
		const struct np_fact *f =
		    ev->window_ran ? np_fact_lookup(ev->ctx->facts, key) : NULL;
		return f ? np_fact_text(f, buf, len) : "?";
	}
	if (k->after.have)
		return k->after.text;
	return k->now.have ? k->now.text : "?";
}

/* Parameters, then {FACT} values. */
static char *interp(struct eval *ev, const struct pb_job *job, const char *text)
{
	char *p = pb_subst_msg(job, text), out[1024], vbuf[256];
	size_t o = 0;
	if (!p || !strchr(p, '{'))
		return p;
	for (const char *s = p; *s && o + 1 < sizeof(out);) {
		const char *c = *s == '{' ? strchr(s, '}') : NULL;
		if (c && c > s + 1 && (size_t)(c - s - 1) < NP_FACTKEY_MAX) {
			char key[NP_FACTKEY_MAX];
			snprintf(key, sizeof(key), "%.*s", (int)(c - s - 1), s + 1);
			const char *v = msg_value(ev, key, job, vbuf, sizeof(vbuf));
			for (; *v && o + 1 < sizeof(out); v++)
				out[o++] = *v;
			s = c + 1;
			continue;
		}
		out[o++] = *s++;
	}
	out[o] = '\0';
	free(p);
	return xstrdup(out);
}

/* ---- window sources ---- */

static const char *job_param(const struct pb_job *job, const char *name)
{
	int i = pb_param_index(job->pb, name, strlen(name));
	return i >= 0 ? job->pv[i] : NULL;
}

/* The probe filter (probes/filter.c grammar) for the flow under diagnosis. */
static void build_filter(struct eval *ev, char *buf, size_t len)
{
	const struct pb_job *job = &ev->jobs[0];
	static const char *const sel[][2] = {
	    {"proto", "proto"}, {"port", "port"}, {"sport", "sport"}, {"dport", "dport"},
	    {"dst", "dst"},	{"src", "src"},	  {"addr", "host"},   {"host", "host"},
	};
	size_t o = (size_t)snprintf(buf, len, "netns current");
	ev->flow_filter = false;
	for (size_t i = 0; i < NP_ARRAY_SIZE(sel) && o < len; i++) {
		const char *v = job_param(job, sel[i][0]);
		if (!v)
			continue;
		o += (size_t)snprintf(buf + o, len - o, " and %s %s", sel[i][1], v);
		if (strcmp(sel[i][0], "proto"))
			ev->flow_filter = true;
	}
}

static void sources_start(struct eval *ev, const char *extra)
{
	char filter[640];
	build_filter(ev, filter, sizeof(filter) - 128);
	if (extra && *extra) {
		strncat(filter, extra, sizeof(filter) - strlen(filter) - 1);
		ev->flow_filter = true; /* exactly netpath's own packets */
	}
	for (int i = 0; i < ev->nkeys; i++) {
		const struct np_window_source *ws = ev->keys[i].prov->window;
		bool have = false;
		if (!ws)
			continue;
		for (int s = 0; s < ev->nsrc; s++)
			have |= ev->src[s].ws == ws;
		if (have || ev->nsrc == (int)NP_ARRAY_SIZE(ev->src))
			continue;
		struct source *s = &ev->src[ev->nsrc++];
		memset(s, 0, sizeof(*s));
		s->ws = ws;
		s->ns = ev->keys[i].prov->ns;
		int err = np_window_start(ev->ctx, ws, s->ns, filter, &s->state);
		if (err) {
			char k[128];
			const struct np_fact *f;
			snprintf(k, sizeof(k), "%s.skip", s->ns);
			f = np_fact_lookup(ev->ctx->facts, k);
			s->why =
			    f && f->type == NP_FACT_STR && *f->s
				? xasprintf("%s probe: %s", s->ns, f->s)
				: xasprintf("%s probe could not start: %s", s->ns, strerror(-err));
			if (s->state)
				np_window_stop(ev->ctx, ws, s->ns, s->state);
			s->state = NULL;
		} else {
			s->started = true;
		}
	}
}

static void sources_collect_stop(struct eval *ev, double secs)
{
	for (int i = 0; i < ev->nsrc; i++) {
		struct source *s = &ev->src[i];
		if (!s->started)
			continue;
		/* Forget what an earlier window published. */
		np_facts_clear_prefix(ev->ctx->facts, s->ns);
		int err = np_window_collect(ev->ctx, s->ws, s->ns, s->state, secs);
		np_window_stop(ev->ctx, s->ws, s->ns, s->state);
		s->state = NULL;
		char k[128];
		const struct np_fact *avail, *skip;
		snprintf(k, sizeof(k), "%s.available", s->ns);
		avail = np_fact_lookup(ev->ctx->facts, k);
		snprintf(k, sizeof(k), "%s.skip", s->ns);
		skip = np_fact_lookup(ev->ctx->facts, k);
		if (err)
			s->why = xasprintf("%s probe: %s", s->ns, strerror(-err));
		else if (avail && avail->type == NP_FACT_INT && avail->i == 0)
			s->why = xasprintf("%s probe: %s", s->ns,
					   skip && skip->type == NP_FACT_STR && *skip->s
					       ? skip->s
					       : "not available");
		else
			s->ok = true;
	}
}

static struct source *source_of(struct eval *ev, const struct key *k)
{
	for (int i = 0; i < ev->nsrc; i++)
		if (ev->src[i].ws == k->prov->window)
			return &ev->src[i];
	return NULL;
}

/* ---- values and conditions ---- */

struct rv {
	enum { RV_NUM, RV_STR, RV_UNK } kind;
	double num;
	const char *str;
	char buf[512];
};

enum tri { T_FALSE, T_TRUE, T_UNK };

struct ectx {
	struct eval *ev;
	const struct pb_job *job;
	struct pb_result *res; /* evidence goes here */
	char why[512];
	bool na; /* the unknown comes from an unset parameter */
};

static void unknown(struct ectx *x, bool na, const char *fmt, ...) NP_PRINTF(3, 4);
static void unknown(struct ectx *x, bool na, const char *fmt, ...)
{
	va_list ap;
	if (x->why[0])
		return; /* keep the first reason */
	x->na = na;
	va_start(ap, fmt);
	vsnprintf(x->why, sizeof(x->why), fmt, ap);
	va_end(ap);
}

static void add_evidence(struct ectx *x, const char *fact, char kind, const struct rv *v)
{
	struct pb_result *r = x->res;
	if (!r || r->nev == PB_MAX_EV)
		return;
	for (int i = 0; i < r->nev; i++)
		if (!strcmp(r->ev[i].fact, fact) && r->ev[i].kind == kind)
			return;
	struct pb_evidence *e = &r->ev[r->nev++];
	e->fact = xstrdup(fact);
	e->kind = kind;
	e->numeric = v->kind == RV_NUM;
	e->value = v->num;
	e->text = v->kind == RV_NUM ? xasprintf("%.10g", v->num) : xstrdup(v->str);
}

static void set_num(struct rv *v, double n)
{
	v->kind = RV_NUM;
	v->num = n;
}

static void resolve1(struct ectx *x, const struct pb_val *val, struct rv *out)
{
	char key[NP_FACTKEY_MAX * 2], miss[64], why[256];
	struct key *k;
	struct source *s;

	out->kind = RV_UNK;
	switch (val->kind) {
	case PB_V_NUM:
		set_num(out, val->num);
		return;
	case PB_V_STR:
		if (!pb_subst(x->job, val->text, key, sizeof(key), miss, sizeof(miss))) {
			unknown(x, true, "needs %s=", miss);
			return;
		}
		/* Literal text lives in the playbook, which outlives the run. */
		snprintf(out->buf, sizeof(out->buf), "%s", key);
		out->kind = RV_STR;
		out->str = out->buf;
		return;
	case PB_V_PARAM: {
		int i = pb_param_index(x->job->pb, val->text, strlen(val->text));
		char *end;
		if (i < 0 || !x->job->pv[i]) {
			unknown(x, true, "needs %s=", val->text);
			return;
		}
		out->num = strtod(x->job->pv[i], &end);
		out->kind = *end || end == x->job->pv[i] ? RV_STR : RV_NUM;
		out->str = x->job->pv[i];
		return;
	}
	default:
		break;
	}
	if (!pb_subst(x->job, val->text, key, sizeof(key), miss, sizeof(miss))) {
		unknown(x, true, "needs %s=", miss);
		return;
	}
	k = key_add(x->ev, key, val->kind != PB_V_FACT, why, sizeof(why));
	if (!k) {
		unknown(x, false, "%s: %s", key, why);
		return;
	}
	s = k->prov->window ? source_of(x->ev, k) : NULL;
	if (!strcmp(k->prov->ns, "active") && !x->ev->active) {
		unknown(x, true, "needs active=yes");
		return;
	}
	if (k->prov->window) {
		/* Probe facts: counts over the window itself. */
		const struct np_fact *f;
		if (!x->ev->window_ran) {
			unknown(x, false, "window=0: probes not run");
			return;
		}
		if (!s || !s->ok) {
			unknown(x, false, "%s", s && s->why ? s->why : "probe did not run");
			return;
		}
		f = np_fact_lookup(x->ev->ctx->facts, k->key);
		if (x->res)
			x->res->windowed = true;
		if (!f) {
			/* A counter the probe did not publish did not move. */
			if (strstr(k->key, ".reason[") || strstr(k->key, ".func[") ||
			    strstr(k->key, ".skip")) {
				out->kind = RV_STR;
				out->str = "";
			} else {
				set_num(out, 0);
			}
		} else {
			fval_from_fact(&k->now, f);
			if (k->now.numeric)
				set_num(out, k->now.num);
			else {
				out->kind = RV_STR;
				out->str = k->now.text;
			}
		}
		if (val->kind == PB_V_RATE && out->kind == RV_NUM)
			out->num = x->ev->window > 0 ? out->num / x->ev->window : 0;
		add_evidence(x, k->key, val->kind == PB_V_RATE ? 'r' : 'd', out);
		return;
	}
	if (val->kind == PB_V_FACT) {
		if (!k->now.have) {
			unknown(x, false, "%s", k->why ? k->why : "not read");
			return;
		}
		if (k->now.numeric)
			set_num(out, k->now.num);
		else {
			out->kind = RV_STR;
			out->str = k->now.text;
		}
		add_evidence(x, k->key, 'v', out);
		return;
	}
	/* delta / rate of a counter. */
	if (!x->ev->window_ran) {
		unknown(x, false, "window=0: static checks only");
		return;
	}
	if (!k->before.have || !k->after.have) {
		unknown(x, false, "%s", k->why ? k->why : "not read");
		return;
	}
	if (!k->before.numeric || !k->after.numeric) {
		unknown(x, false, "%s is not a counter", k->key);
		return;
	}
	set_num(out, k->after.num - k->before.num);
	if (val->kind == PB_V_RATE)
		out->num = x->ev->window > 0 ? out->num / x->ev->window : 0;
	add_evidence(x, k->key, val->kind == PB_V_RATE ? 'r' : 'd', out);
}

static bool as_num(const struct rv *v, double *n);

/* A value, scaled when the playbook wrote `FACT * NUMBER`. */
static void resolve(struct ectx *x, const struct pb_val *val, struct rv *out)
{
	double n, sum;
	resolve1(x, val, out);
	if ((val->scale == 0 && !val->plus) || out->kind == RV_UNK)
		return;
	if (!as_num(out, &n)) {
		out->kind = RV_UNK;
		unknown(x, false, "'%s' is not a number", val->text);
		return;
	}
	sum = val->scale != 0 ? n * val->scale : n;
	if (val->plus) {
		/* The rest of the sum. */
		struct rv rest;
		resolve(x, val->plus, &rest);
		if (rest.kind == RV_UNK || !as_num(&rest, &n)) {
			out->kind = RV_UNK;
			unknown(x, false, "'%s' is not a number", val->plus->text);
			return;
		}
		sum += n;
	}
	set_num(out, sum);
}

static bool as_num(const struct rv *v, double *n)
{
	char *end;
	if (v->kind == RV_NUM) {
		*n = v->num;
		return true;
	}
	if (v->kind == RV_STR && *v->str) {
		*n = strtod(v->str, &end);
		return !*end;
	}
	return false;
}

static enum tri compare(struct ectx *x, enum pb_op op, const struct rv *a, const struct rv *b)
{
	double na, nb;
	int c;
	if (as_num(a, &na) && as_num(b, &nb)) {
		c = na < nb ? -1 : na > nb ? 1 : 0;
	} else if (a->kind == RV_STR && b->kind == RV_STR) {
		if (op >= PB_OP_LT) {
			unknown(x, false, "'%s' %s '%s': not numbers", a->str, pb_op_name(op),
				b->str);
			return T_UNK;
		}
		c = strcmp(a->str, b->str);
	} else {
		unknown(x, false, "cannot compare a number with text");
		return T_UNK;
	}
	switch (op) {
	case PB_OP_EQ:
		return c == 0 ? T_TRUE : T_FALSE;
	case PB_OP_NE:
		return c != 0 ? T_TRUE : T_FALSE;
	case PB_OP_LT:
		return c < 0 ? T_TRUE : T_FALSE;
	case PB_OP_LE:
		return c <= 0 ? T_TRUE : T_FALSE;
	case PB_OP_GT:
		return c > 0 ? T_TRUE : T_FALSE;
	case PB_OP_GE:
		return c >= 0 ? T_TRUE : T_FALSE;
	}
	return T_UNK;
}

static enum tri eval_expr(struct ectx *x, const struct pb_expr *e)
{
	struct rv a, b;
	enum tri l, r;
	switch (e->kind) {
	case PB_E_AND:
		l = eval_expr(x, e->l);
		r = eval_expr(x, e->r);
		return l == T_FALSE || r == T_FALSE ? T_FALSE
		       : l == T_UNK || r == T_UNK   ? T_UNK
						    : T_TRUE;
	case PB_E_OR:
		l = eval_expr(x, e->l);
		r = eval_expr(x, e->r);
		return l == T_TRUE || r == T_TRUE ? T_TRUE
		       : l == T_UNK || r == T_UNK ? T_UNK
						  : T_FALSE;
	case PB_E_NOT:
		l = eval_expr(x, e->l);
		return l == T_UNK ? T_UNK : l == T_TRUE ? T_FALSE : T_TRUE;
	case PB_E_TRUTH: {
		double n;
		resolve(x, &e->a, &a);
		if (a.kind == RV_UNK)
			return T_UNK;
		if (as_num(&a, &n))
			return n != 0 ? T_TRUE : T_FALSE;
		return *a.str ? T_TRUE : T_FALSE;
	}
	case PB_E_CMP:
		resolve(x, &e->a, &a);
		resolve(x, &e->b, &b);
		if (a.kind == RV_UNK || b.kind == RV_UNK)
			return T_UNK;
		return compare(x, e->op, &a, &b);
	case PB_E_IN: {
		bool unk = false;
		resolve(x, &e->a, &a);
		if (a.kind == RV_UNK)
			return T_UNK;
		for (int i = 0; i < e->nlist; i++) {
			resolve(x, &e->list[i], &b);
			if (b.kind == RV_UNK) {
				unk = true;
				continue;
			}
			if (compare(x, PB_OP_EQ, &a, &b) == T_TRUE)
				return T_TRUE;
		}
		return unk ? T_UNK : T_FALSE;
	}
	}
	return T_UNK;
}

/* ---- evidence ranking ---- */

/* Counters shared by every flow of the namespace (or the host). */
static bool hostwide(const char *fact)
{
	return !strncmp(fact, "snmp.", 5) || !strncmp(fact, "softnet", 7) ||
	       !strncmp(fact, "conntrack.stat", 14) || !strncmp(fact, "neightbl", 8);
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
 *  - with a flow (port/address), a host-wide counter that moved while the
 *    probe filtered to the flow ran is info;
 *  - without a flow, probe evidence under one packet per second is info
 *    (background: scans, stray datagrams). */
static void rank_evidence(const struct eval *ev, struct pb_result *res)
{
	bool all_host = res->nev > 0;
	if (res->outcome != PB_FAIL || res->check->blocking || res->sev == PB_SEV_INFO)
		return;
	for (int e = 0; e < res->nev; e++)
		all_host &= hostwide(res->ev[e].fact);
	if (ev->flow_filter && !res->windowed && all_host && probe_ok(ev)) {
		res->sev = PB_SEV_INFO;
		res->why = xstrdup("host-wide counter: other traffic moves it too; the drop probe "
				   "filtered to this flow is the evidence");
	} else if (!ev->flow_filter && res->windowed && res->rate >= 0 && res->rate < 1.0) {
		res->sev = PB_SEV_INFO;
		res->why = xstrdup("under 1 packet/s and not filtered to a flow (give port= or an "
				   "address): background, context only");
	}
}

/* ---- the run ---- */

static void add_conf(struct pb_run *r, const char *s)
{
	for (int i = 0; i < r->nconf; i++)
		if (!strcmp(r->confidence[i], s))
			return;
	r->confidence = realloc(r->confidence, (size_t)(r->nconf + 1) * sizeof(char *));
	if (!r->confidence)
		abort();
	r->confidence[r->nconf++] = xstrdup(s);
}

static struct pb_layer_result *layer_slot(struct pb_run *r, enum np_layer l, const char *title)
{
	for (int i = 0; i < r->nlayers; i++)
		if (r->layers[i].layer == l)
			return &r->layers[i];
	struct pb_layer_result *lr = &r->layers[r->nlayers++];
	memset(lr, 0, sizeof(*lr));
	lr->layer = l;
	lr->title = xstrdup(title ? title : "");
	lr->status = "ok";
	return lr;
}

static bool layer_on(struct eval *ev, const struct pb_job *job, const struct pb_layer *ly,
		     char *why, size_t len)
{
	struct ectx x = {.ev = ev, .job = job};
	enum tri t;
	if (!ly->when)
		return true;
	t = eval_expr(&x, ly->when);
	if (t == T_TRUE)
		return true;
	if (t == T_UNK)
		snprintf(why, len, "condition not known: %.400s", x.why);
	else
		snprintf(why, len, "not applicable (when ... is false)");
	return false;
}

static void countdown(struct np_ctx *ctx, double secs, bool quiet, bool *intr)
{
	bool live = ctx->interactive && !np_out_json(ctx->out) && !quiet;
	double end = np_now() + secs;
	*intr = false;
	while (true) {
		double left = end - np_now();
		if (left <= 0)
			break;
		if (live) {
			fprintf(np_out_file(ctx->out), "\r  observing: %4.1fs left (Ctrl-C stops) ",
				left);
			fflush(np_out_file(ctx->out));
		}
		if (np_sleep(ctx, left > 0.2 ? 0.2 : left)) {
			*intr = true;
			break;
		}
	}
	if (live)
		fprintf(np_out_file(ctx->out), "\r%50s\r", "");
}

static void eval_free(struct eval *ev)
{
	for (int s = 0; s < ev->nsrc; s++)
		free(ev->src[s].why);
	for (int i = 0; i < ev->nkeys; i++) {
		free(ev->keys[i].key);
		free(ev->keys[i].why);
		fval_free(&ev->keys[i].now);
		fval_free(&ev->keys[i].before);
		fval_free(&ev->keys[i].after);
	}
	free(ev->keys);
	ev->keys = NULL;
	ev->nkeys = ev->nsrc = 0;
}

/* What active=yes sends and where: the playbook's `active` statement,
 * the proto/port parameters, and dst (or target; 127.0.0.1 for a local
 * port). */
static int active_open(struct np_ctx *ctx, const struct pb_job *job, struct pb_active **act,
		       char *extra, size_t len)
{
	const char *proto = job_param(job, "proto"), *port = job_param(job, "port");
	const char *dst = job_param(job, "dst");
	int kind = job->pb->active;
	if (!dst)
		dst = job_param(job, "target");
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

int pb_run(struct np_ctx *ctx, struct pb_job *jobs, int njobs, double window, bool quiet,
	   struct pb_run **out)
{
	struct eval ev = {.ctx = ctx, .jobs = jobs, .njobs = njobs};
	struct pb_active *act = NULL;
	char extra[64] = "";
	struct pb_run *r = calloc(1, sizeof(*r));
	bool need_window = false, intr = false;
	char why[512];
	double t0;

	if (!r)
		return -ENOMEM;
	*out = r;
	r->vres = -1;
	r->dir = jobs[0].pb->dir;
	r->name = xstrdup(njobs == 1 ? jobs[0].pb->name : "diagnose");
	if (window < 0)
		window = jobs[0].pb->window;
	for (int j = 0; j < njobs; j++) {
		r->names = realloc(r->names, (size_t)(r->nnames + 1) * sizeof(char *));
		if (!r->names)
			abort();
		r->names[r->nnames++] = xstrdup(jobs[j].pb->name);
		for (int i = 0; i < jobs[j].pb->nparams; i++) {
			bool dup = false;
			if (!jobs[j].pv[i])
				continue;
			for (int k = 0; k < r->nparams; k++)
				dup |= !strcmp(r->params_json_keys[k], jobs[j].pb->params[i].name);
			if (dup || r->nparams == PB_MAX_PARAMS * 2)
				continue;
			r->params_json_keys[r->nparams] = xstrdup(jobs[j].pb->params[i].name);
			r->params_vals[r->nparams++] = xstrdup(jobs[j].pv[i]);
		}
	}
	r->dev = job_param(&jobs[0], "dev") ? xstrdup(job_param(&jobs[0], "dev")) : NULL;
	r->port = job_param(&jobs[0], "port") ? xstrdup(job_param(&jobs[0], "port")) : NULL;
	r->dst = job_param(&jobs[0], "dst") ? xstrdup(job_param(&jobs[0], "dst")) : NULL;

	/* 1. every fact the run reads, after substitution */
	for (int j = 0; j < njobs; j++)
		for (int l = 0; l < jobs[j].pb->nlayers; l++) {
			const struct pb_layer *ly = &jobs[j].pb->layers[l];
			collect_keys(&ev, &jobs[j], ly->when);
			for (int c = 0; c < ly->nchecks; c++) {
				collect_keys(&ev, &jobs[j], ly->checks[c].cond);
				collect_interp(&ev, &jobs[j], ly->checks[c].msg);
				collect_interp(&ev, &jobs[j], ly->checks[c].hint);
				collect_interp(&ev, &jobs[j], ly->checks[c].reason);
			}
		}
	/* 2. the "before" snapshot of every delta fact */
	np_factsrc_phase(NP_FS_BEFORE);
	for (int i = 0; i < ev.nkeys; i++) {
		struct key *k = &ev.keys[i];
		if (k->prov->window || k->delta)
			need_window = true;
		if (k->delta && !k->prov->window)
			fetch(&ev, k, &k->before);
	}
	/* 3. one window for everything */
	if (jobs[0].active && window <= 0) {
		np_error(ctx->out, "give window=1 or more",
			 "active=yes needs an observation window");
		eval_free(&ev);
		pb_verdict(r);
		return -NP_EUSAGE;
	}
	if (jobs[0].active) {
		int rc = active_open(ctx, &jobs[0], &act, extra, sizeof(extra));
		if (rc) {
			eval_free(&ev);
			pb_verdict(r);
			return rc;
		}
		ev.active = true;
		need_window = true;
	}
	if (need_window && window > 0) {
		sources_start(&ev, extra);
		pb_active_send(act); /* the probes are attached: send now */
		t0 = np_now();
		if (!quiet)
			r->live_lines = pb_live_begin(ctx, r, jobs, njobs, window);
		if (!np_factsrc_replaying()) /* a capture has no time to wait for */
			countdown(ctx, window, quiet, &intr);
		ev.window = np_window_observed(window, np_now() - t0);
		ev.window_ran = true;
		r->interrupted = intr;
		/* Ctrl-C ended the window: consumed here, so the probes are still
		 * collected and the after-snapshot read (what was seen so far). */
		if (intr)
			np_sigint = 0;
		sources_collect_stop(&ev, ev.window);
		pb_active_finish(ctx, act);
		act = NULL;
		for (int s = 0; s < ev.nsrc; s++)
			if (ev.src[s].why)
				add_conf(r, ev.src[s].why);
		if (intr)
			add_conf(r, "the window was cut short by Ctrl-C");
	} else if (need_window) {
		add_conf(r, "window=0: counters over time and probes were not observed");
	}
	/* 4. state and the "after" snapshot: static checks judge the state at
	 * the end of the observation (an accept queue that filled up during
	 * the window counts), deltas the change across it. */
	np_factsrc_phase(NP_FS_AFTER);
	for (int i = 0; i < ev.nkeys; i++) {
		struct key *k = &ev.keys[i];
		if (k->prov->window)
			continue;
		if (!k->delta) {
			fetch(&ev, k, &k->now);
			continue;
		}
		if (ev.window_ran)
			fetch(&ev, k, &k->after);
		const struct fval *latest = ev.window_ran ? &k->after : &k->before;
		if (latest->have) {
			fval_free(&k->now);
			k->now.have = true;
			k->now.numeric = latest->numeric;
			k->now.num = latest->num;
			k->now.text = xstrdup(latest->text);
		}
	}
	r->window = ev.window;

	/* 5. evaluate, layer by layer in path order */
	for (int j = 0; j < njobs; j++) {
		const struct pb_playbook *pb = jobs[j].pb;
		for (int l = 0; l < pb->nlayers; l++) {
			const struct pb_layer *ly = &pb->layers[l];
			char *title = pb_subst_msg(&jobs[j], ly->title ? ly->title : "");
			struct pb_layer_result *lr = layer_slot(r, ly->layer, title);
			free(title);
			if (!layer_on(&ev, &jobs[j], ly, why, sizeof(why))) {
				if (!lr->why)
					lr->why = xstrdup(why);
				lr->conditional_off = true;
				continue;
			}
			lr->conditional_off = false;
			for (int c = 0; c < ly->nchecks; c++) {
				const struct pb_check *ck = &ly->checks[c];
				struct pb_result *res;
				struct pb_result *nr =
				    realloc(r->res, (size_t)(r->nres + 1) * sizeof(*nr));
				if (!nr)
					abort();
				r->res = nr;
				res = &r->res[r->nres++];
				memset(res, 0, sizeof(*res));
				res->job = j;
				res->layer = ly->layer;
				res->dir = pb->dir;
				res->check = ck;
				res->sev = ck->sev;
				res->rate = res->count = -1;
				struct ectx x = {.ev = &ev, .job = &jobs[j], .res = res};
				enum tri t = eval_expr(&x, ck->cond);
				res->title = interp(&ev, &jobs[j], ck->msg);
				res->hint = interp(&ev, &jobs[j], ck->hint);
				res->reason = ck->reason ? interp(&ev, &jobs[j], ck->reason) : NULL;
				if (res->reason && (!*res->reason || !strcmp(res->reason, "?"))) {
					free(res->reason);
					res->reason = NULL;
				}
				if (t == T_TRUE) {
					res->outcome = PB_PASS;
				} else if (t == T_FALSE) {
					res->outcome = PB_FAIL;
				} else {
					res->outcome = x.na ? PB_NA : PB_SKIP;
					res->why = xstrdup(x.why);
					if (!x.na) {
						char c2[640];
						snprintf(c2, sizeof(c2), "%s: %s",
							 np_layer_name(ly->layer), x.why);
						bool src_why = false;
						/* A probe that did not run is listed once. */
						for (int q = 0; q < ev.nsrc; q++)
							src_why |= ev.src[q].why &&
								   !strcmp(ev.src[q].why, x.why);
						if (!strstr(x.why, "window=0") && !src_why)
							add_conf(r, c2);
					}
				}
				/* How much and how fast: the first counted evidence. */
				for (int e = 0; e < res->nev && res->outcome == PB_FAIL; e++)
					if (res->ev[e].numeric && res->ev[e].kind == 'd' &&
					    res->ev[e].value > 0) {
						res->count = res->ev[e].value;
						res->rate =
						    ev.window > 0 ? res->count / ev.window : 0;
						break;
					}
				rank_evidence(&ev, res);
			}
		}
	}
	/* Probe details for findings: the kernel's reason and function. */
	for (int i = 0; i < r->nres; i++) {
		struct pb_result *res = &r->res[i];
		char k[128];
		const struct np_fact *f;
		if (res->outcome != PB_FAIL || !ev.window_ran)
			continue;
		snprintf(k, sizeof(k), "drops.reason[%s]", np_layer_name(res->layer));
		f = np_fact_lookup(ctx->facts, k);
		if (!res->reason && f && f->type == NP_FACT_STR && *f->s && res->windowed)
			res->reason = xstrdup(f->s);
		snprintf(k, sizeof(k), "drops.func[%s]", np_layer_name(res->layer));
		f = np_fact_lookup(ctx->facts, k);
		if (f && f->type == NP_FACT_STR && *f->s && res->windowed)
			res->func = xstrdup(f->s);
		snprintf(k, sizeof(k), "drops.dev[%s]", np_layer_name(res->layer));
		f = np_fact_lookup(ctx->facts, k);
		if (f && f->type == NP_FACT_STR && *f->s && strcmp(f->s, "-") && res->windowed)
			res->dev = xstrdup(f->s);
	}
	/* Keep layers in the playbook's path order (first job decides, the
	 * vocabulary order breaks ties between playbooks). */
	if (njobs > 1) {
		for (int a = 0; a < r->nlayers; a++)
			for (int b = a + 1; b < r->nlayers; b++) {
				int la = (int)r->layers[a].layer, lb = (int)r->layers[b].layer;
				if (r->dir == PB_DIR_TX ? la < lb : la > lb) {
					struct pb_layer_result t = r->layers[a];
					r->layers[a] = r->layers[b];
					r->layers[b] = t;
				}
			}
	}
	eval_free(&ev);
	np_factsrc_phase(NP_FS_STATIC);
	pb_verdict(r);
	r->rule = pb_verdict_rule(ctx, r);
	return intr ? -EINTR : 0;
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
	}
	for (int i = 0; i < r->nres; i++) {
		struct pb_result *res = &r->res[i];
		free(res->title);
		free(res->hint);
		free(res->reason);
		free(res->func);
		free(res->dev);
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
	free(r->tcpdump);
	for (int i = 0; i < r->nnext; i++)
		free(r->next[i]);
	free(r->next);
	free(r->dev);
	free(r->port);
	free(r->dst);
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
	if (!strcmp(r->status, "crit"))
		ctx->health = NP_CRIT;
	else if (!strcmp(r->status, "warn"))
		ctx->health = NP_WARN;
	else if (!strcmp(r->status, "unknown"))
		ctx->health = NP_UNKNOWN;
	else
		ctx->health = NP_OK;
	if (ctx->last_run == r)
		return;
	if (ctx->last_run && ctx->last_run_free)
		ctx->last_run_free(ctx->last_run);
	ctx->last_run = r;
	ctx->last_run_free = last_run_free;
}
