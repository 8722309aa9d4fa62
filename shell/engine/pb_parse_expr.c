// SPDX-License-Identifier: GPL-2.0-only
/* Playbook expressions (doc/PLAYBOOKS.md):
 *
 *   expr  := and { 'or' and }        and := unary { 'and' unary }
 *   unary := 'not' unary | '(' expr ')' | value [ OP value | 'in' '(' value {',' value} ')' ]
 *   value := term { '+' term }
 *   term  := ( NUMBER | STRING | WORD | $param | FACT | 'delta' FACT | 'rate' FACT )
 *            [ '*' NUMBER ]
 *
 * Facts are resolved by their family at load time (an unknown family or
 * field is an error here); comparisons are type-checked. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "family.h"
#include "pb_parser.h"
#include "xalloc.h"

struct pb_expr *pb_parse_expr(struct parser *p);

void pb_free_val(struct pb_val *v)
{
	free(v->text);
	v->text = NULL;
	if (v->plus) {
		pb_free_val(v->plus);
		free(v->plus);
		v->plus = NULL;
	}
}

void pb_free_expr(struct pb_expr *e)
{
	if (!e)
		return;
	pb_free_expr(e->l);
	pb_free_expr(e->r);
	pb_free_val(&e->a);
	pb_free_val(&e->b);
	for (int i = 0; i < e->nlist; i++)
		pb_free_val(&e->list[i]);
	free(e->list);
	free(e);
}

bool pb_looks_like_fact(const char *w)
{
	return isalpha((unsigned char)w[0]) && (strchr(w, '.') || strchr(w, '['));
}

bool pb_check_fact(struct parser *p, const char *key)
{
	char why[256];
	struct np_fact_ref ref;
	if (!pb_check_param_refs(p, key, p->tok.line, p->tok.col))
		return false;
	if (np_fact_resolve(key, &ref, why, sizeof(why))) {
		fail(p, "unknown fact '%s': %s", key, why);
		return false;
	}
	return true;
}

/* value '*' NUMBER: a fraction or multiple of a number (max * 0.9). */
static bool parse_scale(struct parser *p, struct pb_val *v)
{
	if (p->tok.kind != PB_TK_STAR)
		return true;
	if (v->kind == PB_V_STR) {
		fail(p, "type error: '*' scales a number, got the text '%s'", v->text);
		return false;
	}
	pb_next_tok(p);
	if (p->tok.kind != PB_TK_NUM) {
		pb_expected(p, "a number after '*'");
		return false;
	}
	v->scale = p->tok.num;
	pb_next_tok(p);
	return !p->failed;
}

static bool parse_term(struct parser *p, struct pb_val *v)
{
	memset(v, 0, sizeof(*v));
	v->loc = pb_here(p);
	if (p->failed)
		return false;
	if (pb_is_word(p, "delta") || pb_is_word(p, "rate")) {
		v->kind = pb_is_word(p, "delta") ? PB_V_DELTA : PB_V_RATE;
		pb_next_tok(p);
		if (p->tok.kind != PB_TK_WORD || !pb_looks_like_fact(p->tok.text)) {
			pb_expected(p, v->kind == PB_V_DELTA ? "a fact after 'delta'"
							     : "a fact after 'rate'");
			return false;
		}
		if (!pb_check_fact(p, p->tok.text))
			return false;
		v->text = np_xstrdup(p->tok.text);
		pb_next_tok(p);
		return !p->failed && parse_scale(p, v);
	}
	switch (p->tok.kind) {
	case PB_TK_NUM:
		v->kind = PB_V_NUM;
		v->num = p->tok.num;
		v->text = np_xstrdup(p->tok.text);
		break;
	case PB_TK_STR:
		v->kind = PB_V_STR;
		if (!pb_check_param_refs(p, p->tok.text, p->tok.line, p->tok.col))
			return false;
		v->text = np_xstrdup(p->tok.text);
		break;
	case PB_TK_WORD:
		if (p->tok.text[0] == '$') {
			const char *n = p->tok.text + 1;
			if (!pb_check_param_refs(p, p->tok.text, p->tok.line, p->tok.col))
				return false;
			if (strchr(n, '$') || strchr(n, '.') || strchr(n, '[')) {
				fail(p, "expected a parameter name after '$', got '%s'",
				     p->tok.text);
				return false;
			}
			v->kind = PB_V_PARAM;
			v->text = np_xstrdup(n[0] == '{' ? n + 1 : n);
			if (n[0] == '{')
				v->text[strlen(v->text) - 1] = '\0';
		} else if (pb_looks_like_fact(p->tok.text)) {
			if (!pb_check_fact(p, p->tok.text))
				return false;
			v->kind = PB_V_FACT;
			v->text = np_xstrdup(p->tok.text);
		} else if (!strcmp(p->tok.text, "and") || !strcmp(p->tok.text, "or") ||
			   !strcmp(p->tok.text, "not") || !strcmp(p->tok.text, "in") ||
			   !strcmp(p->tok.text, "info") || !strcmp(p->tok.text, "warn") ||
			   !strcmp(p->tok.text, "crit")) {
			/* Keywords are not values: "x > 0 and crit" lacks its operand. */
			pb_expected(p, "a value");
			return false;
		} else {
			if (!pb_check_param_refs(p, p->tok.text, p->tok.line, p->tok.col))
				return false;
			v->kind = PB_V_STR;
			v->text = np_xstrdup(p->tok.text);
		}
		break;
	default:
		pb_expected(
		    p, "a value (fact, number, word, string, $param, delta FACT or rate FACT)");
		return false;
	}
	pb_next_tok(p);
	return !p->failed && parse_scale(p, v);
}

/* term { '+' term }: a sum of numbers (two counters that mean the same). */
static bool parse_value(struct parser *p, struct pb_val *v)
{
	struct pb_val *last = v;
	int n = 0;
	if (!parse_term(p, v))
		return false;
	while (p->tok.kind == PB_TK_PLUS) {
		if (last->kind == PB_V_STR) {
			fail(p, "type error: '+' adds numbers, got the text '%s'", last->text);
			return false;
		}
		if (++n > 16) {
			fail(p, "more than 16 terms in a sum");
			return false;
		}
		pb_next_tok(p);
		last->plus = np_xcalloc(1, sizeof(*last->plus));
		last = last->plus;
		if (!parse_term(p, last))
			return false;
		if (last->kind == PB_V_STR) {
			pb_fail_at(p, last->loc.line, last->loc.col,
				   "type error: '+' adds numbers, got the text '%s'", last->text);
			return false;
		}
	}
	return true;
}

static bool is_numeric_kind(enum pb_vkind k)
{
	return k == PB_V_NUM || k == PB_V_DELTA || k == PB_V_RATE;
}

struct pb_expr *pb_new_expr(struct parser *p, enum pb_ekind k)
{
	struct pb_expr *e = np_xcalloc(1, sizeof(*e));
	e->kind = k;
	e->loc = pb_here(p);
	return e;
}

static struct pb_expr *parse_cmp(struct parser *p)
{
	struct pb_expr *e = pb_new_expr(p, PB_E_TRUTH);
	if (!parse_value(p, &e->a))
		goto bad;
	if (p->tok.kind == PB_TK_OP) {
		int op = pb_op_parse(p->tok.text);
		e->kind = PB_E_CMP;
		e->op = op < 0 ? PB_OP_EQ : (enum pb_op)op; /* the lexer only makes these */
		pb_next_tok(p);
		if (!parse_value(p, &e->b))
			goto bad;
		/* Type rules: ordering needs numbers; a delta/rate is a number. */
		if (pb_op_ordering(e->op) && (e->a.kind == PB_V_STR || e->b.kind == PB_V_STR)) {
			const struct pb_val *s = e->a.kind == PB_V_STR ? &e->a : &e->b;
			pb_fail_at(p, s->loc.line, s->loc.col,
				   "type error: '%s' compares numbers, expected a number, got '%s'",
				   pb_op_name(e->op), s->text);
			goto bad;
		}
		if ((is_numeric_kind(e->a.kind) && e->b.kind == PB_V_STR) ||
		    (is_numeric_kind(e->b.kind) && e->a.kind == PB_V_STR)) {
			const struct pb_val *s = e->a.kind == PB_V_STR ? &e->a : &e->b;
			pb_fail_at(p, s->loc.line, s->loc.col,
				   "type error: expected a number to compare with a %s, got '%s'",
				   e->a.kind == PB_V_STR ? "number" : "number", s->text);
			goto bad;
		}
	} else if (pb_is_word(p, "in")) {
		e->kind = PB_E_IN;
		pb_next_tok(p);
		if (p->tok.kind != PB_TK_LP) {
			pb_expected(p, "'(' after 'in'");
			goto bad;
		}
		pb_next_tok(p);
		for (;;) {
			e->list = np_xreallocarray(e->list, (size_t)e->nlist + 1, sizeof(*e->list));
			/* Counted before parsing: a value that fails half-way is
			 * still freed with the list. */
			if (!parse_value(p, &e->list[e->nlist++]))
				goto bad;
			if (p->tok.kind == PB_TK_RP)
				break;
			if (p->tok.kind != PB_TK_COMMA) {
				pb_expected(p, "',' or ')' in the 'in' list");
				goto bad;
			}
			pb_next_tok(p);
		}
		pb_next_tok(p);
	}
	if (p->failed)
		goto bad;
	return e;
bad:
	pb_free_expr(e);
	return NULL;
}

static struct pb_expr *parse_unary(struct parser *p)
{
	if (p->failed)
		return NULL;
	if (++p->depth > 64) {
		fail(p, "expression nested too deeply");
		return NULL;
	}
	struct pb_expr *e;
	if (pb_is_word(p, "not")) {
		e = pb_new_expr(p, PB_E_NOT);
		pb_next_tok(p);
		e->l = parse_unary(p);
		if (!e->l) {
			pb_free_expr(e);
			e = NULL;
		}
	} else if (p->tok.kind == PB_TK_LP) {
		pb_next_tok(p);
		e = pb_parse_expr(p);
		if (e && p->tok.kind != PB_TK_RP) {
			pb_expected(p, "')'");
			pb_free_expr(e);
			e = NULL;
		} else if (e) {
			pb_next_tok(p);
		}
	} else {
		e = parse_cmp(p);
	}
	p->depth--;
	return e;
}

static struct pb_expr *parse_binary(struct parser *p, const char *kw, enum pb_ekind k,
				    struct pb_expr *(*sub)(struct parser *))
{
	struct pb_expr *l = sub(p);
	while (l && !p->failed && pb_is_word(p, kw)) {
		struct pb_expr *e = pb_new_expr(p, k);
		pb_next_tok(p);
		e->l = l;
		e->r = sub(p);
		l = e;
		if (!e->r) {
			pb_free_expr(e);
			return NULL;
		}
	}
	if (p->failed) {
		pb_free_expr(l);
		return NULL;
	}
	return l;
}

static struct pb_expr *parse_and(struct parser *p)
{
	return parse_binary(p, "and", PB_E_AND, parse_unary);
}

struct pb_expr *pb_parse_expr(struct parser *p)
{
	return parse_binary(p, "or", PB_E_OR, parse_and);
}

/* Does the expression read anything that needs the observation window? */
