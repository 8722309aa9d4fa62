// SPDX-License-Identifier: GPL-2.0-only
/* Evaluating a condition: values (numbers, text, parameters, facts now,
 * deltas and rates over the window, probe counts), comparisons through the
 * one operator table, and three-valued logic (true / false / unknown) so an
 * unreadable fact inside `a or b` does not hide what b says.  A value that
 * cannot be read says why; the check is then `skip` (or n/a when a
 * parameter is unset). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"

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

static void add_evidence(struct ectx *x, const struct key *k, char kind, const struct rv *v)
{
	struct pb_result *r = x->res;
	const char *fact = k->ref.text;
	if (!r || r->nev == PB_MAX_EV)
		return;
	for (int i = 0; i < r->nev; i++)
		if (!strcmp(r->ev[i].fact, fact) && r->ev[i].kind == kind)
			return;
	struct pb_evidence *e = &r->ev[r->nev++];
	e->fact = np_xstrdup(fact);
	e->shared = np_fact_ref_shared(&k->ref);
	e->kind = kind;
	e->numeric = v->kind == RV_NUM;
	e->value = v->num;
	e->text = v->kind == RV_NUM ? np_xasprintf("%.10g", v->num) : np_xstrdup(v->str);
}

static void set_num(struct rv *v, double n)
{
	v->kind = RV_NUM;
	v->num = n;
}

/* A number, a literal text or a parameter: true when val is one. */
static bool literal(struct ectx *x, const struct pb_val *val, struct rv *out)
{
	char text[NP_FACTKEY_MAX * 2], miss[64];
	switch (val->kind) {
	case PB_V_NUM:
		set_num(out, val->num);
		return true;
	case PB_V_STR:
		if (!pb_subst(x->job, val->text, text, sizeof(text), miss, sizeof(miss))) {
			unknown(x, true, "needs %s=", miss);
			return true;
		}
		/* Literal text lives in the playbook, which outlives the run. */
		snprintf(out->buf, sizeof(out->buf), "%s", text);
		out->kind = RV_STR;
		out->str = out->buf;
		return true;
	case PB_V_PARAM: {
		int i = pb_param_index(x->job->pb, val->text, strlen(val->text));
		char *end;
		if (i < 0 || !x->job->pv[i]) {
			unknown(x, true, "needs %s=", val->text);
			return true;
		}
		out->num = strtod(x->job->pv[i], &end);
		out->kind = *end || end == x->job->pv[i] ? RV_STR : RV_NUM;
		out->str = x->job->pv[i];
		return true;
	}
	default:
		return false;
	}
}

static void from_fval(struct rv *out, const struct fval *v)
{
	if (v->numeric) {
		set_num(out, v->num);
	} else {
		out->kind = RV_STR;
		out->str = v->text;
	}
}

/* A fact of a window family: what the window published (its probe, or
 * active mode), a count over the window itself. */
static void window_value(struct ectx *x, const struct pb_val *val, struct key *k, struct rv *out)
{
	struct source *s = k->ref.fam->probe ? ev_source_of(x->ev, k) : NULL;
	const struct np_fact *f;
	if (!x->ev->window_ran) {
		x->nowindow = true;
		unknown(x, false, "window=0: probes not run");
		return;
	}
	if (k->ref.fam->probe && (!s || !s->ok)) {
		unknown(x, false, "%s", s && s->why ? s->why : "probe did not run");
		return;
	}
	f = np_fact_lookup(ev_store(x->ev, k->nsi), k->ref.text);
	if (x->res)
		x->res->windowed = true;
	if (!f) {
		/* Not published: a counter that did not move, or no text. */
		if (np_fact_ref_text_field(&k->ref)) {
			out->kind = RV_STR;
			out->str = "";
		} else {
			set_num(out, 0);
		}
	} else {
		ev_fval_from_fact(&k->now, f);
		from_fval(out, &k->now);
	}
	if (val->kind == PB_V_RATE && out->kind == RV_NUM)
		out->num = x->ev->window > 0 ? out->num / x->ev->window : 0;
	add_evidence(x, k, k->ref.fam->values ? 'v' : val->kind == PB_V_RATE ? 'r' : 'd', out);
}

/* The change of a counter across the window (delta), or per second (rate). */
static void counter_value(struct ectx *x, const struct pb_val *val, struct key *k, struct rv *out)
{
	if (!x->ev->window_ran) {
		x->nowindow = true;
		unknown(x, false, "window=0: static checks only");
		return;
	}
	if (!k->before.have || !k->after.have) {
		unknown(x, false, "%s", k->why ? k->why : "not read");
		return;
	}
	if (!k->before.numeric || !k->after.numeric) {
		unknown(x, false, "%s is not a counter", k->ref.text);
		return;
	}
	set_num(out, k->after.num - k->before.num);
	if (val->kind == PB_V_RATE)
		out->num = x->ev->window > 0 ? out->num / x->ev->window : 0;
	add_evidence(x, k, val->kind == PB_V_RATE ? 'r' : 'd', out);
}

static void resolve1(struct ectx *x, const struct pb_val *val, struct rv *out)
{
	char text[NP_FACTKEY_MAX * 2], miss[64], why[256];
	struct key *k;

	out->kind = RV_UNK;
	if (literal(x, val, out))
		return;
	if (!pb_subst(x->job, val->text, text, sizeof(text), miss, sizeof(miss))) {
		unknown(x, true, "needs %s=", miss);
		return;
	}
	k = ev_key_add(x->ev, x->job->nsi, text, val->kind != PB_V_FACT, why, sizeof(why));
	if (!k) {
		unknown(x, false, "%s: %s", text, why);
		return;
	}
	if (np_fact_ref_window(&k->ref) || val->kind != PB_V_FACT)
		x->loss = true;
	if (k->ref.fam->active && !x->ev->active) {
		unknown(x, true, "needs active=yes");
		return;
	}
	if (np_fact_ref_window(&k->ref)) {
		window_value(x, val, k, out);
	} else if (val->kind != PB_V_FACT) {
		counter_value(x, val, k, out);
	} else if (!k->now.have) {
		unknown(x, false, "%s", k->why ? k->why : "not read");
	} else {
		from_fval(out, &k->now);
		add_evidence(x, k, 'v', out);
	}
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
		if (pb_op_ordering(op)) {
			unknown(x, false, "'%s' %s '%s': not numbers", a->str, pb_op_name(op),
				b->str);
			return T_UNK;
		}
		c = strcmp(a->str, b->str);
	} else {
		unknown(x, false, "cannot compare a number with text");
		return T_UNK;
	}
	return pb_op_holds(op, c) ? T_TRUE : T_FALSE;
}

enum tri ev_expr(struct ectx *x, const struct pb_expr *e)
{
	struct rv a, b;
	enum tri l, r;
	switch (e->kind) {
	case PB_E_AND:
		l = ev_expr(x, e->l);
		r = ev_expr(x, e->r);
		return l == T_FALSE || r == T_FALSE ? T_FALSE
		       : l == T_UNK || r == T_UNK   ? T_UNK
						    : T_TRUE;
	case PB_E_OR:
		l = ev_expr(x, e->l);
		r = ev_expr(x, e->r);
		return l == T_TRUE || r == T_TRUE ? T_TRUE
		       : l == T_UNK || r == T_UNK ? T_UNK
						  : T_FALSE;
	case PB_E_NOT:
		l = ev_expr(x, e->l);
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

/* A check's own `when`: T_TRUE when it applies (or has none); T_FALSE
 * makes it n/a (x->na, with why), T_UNK a skip (the condition could not
 * be read). */
enum tri ev_check_applies(struct eval *ev, const struct pb_job *job, const struct pb_check *ck,
			  struct ectx *x)
{
	struct ectx w = {.ev = ev, .job = job};
	enum tri t;
	char cond[256];
	if (!ck->when)
		return T_TRUE;
	t = ev_expr(&w, ck->when);
	if (t == T_TRUE)
		return T_TRUE;
	if (t == T_UNK) {
		unknown(x, w.na, "applicability not known: %.400s", w.why);
		return T_UNK;
	}
	pb_expr_format(ck->when, cond, sizeof(cond));
	unknown(x, true, "not applicable here (when %s)", cond);
	return T_UNK;
}

bool ev_layer_on(struct eval *ev, const struct pb_job *job, const struct pb_layer *ly, char *why,
		 size_t len)
{
	struct ectx x = {.ev = ev, .job = job};
	enum tri t;
	if (!ly->when)
		return true;
	t = ev_expr(&x, ly->when);
	if (t == T_TRUE)
		return true;
	if (t == T_UNK)
		snprintf(why, len, "condition not known: %.400s", x.why);
	else
		snprintf(why, len, "not applicable (when ... is false)");
	return false;
}
