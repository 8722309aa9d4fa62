// SPDX-License-Identifier: GPL-2.0-only
/* What every part of the engine needs to know about an expression: the
 * one walk over its values (parser, planner, live walk, fan-out) and the
 * one operator table (parser, formatter, evaluator). */
#include <string.h>

#include "pb.h"

static bool holds_eq(int c)
{
	return c == 0;
}
static bool holds_ne(int c)
{
	return c != 0;
}
static bool holds_lt(int c)
{
	return c < 0;
}
static bool holds_le(int c)
{
	return c <= 0;
}
static bool holds_gt(int c)
{
	return c > 0;
}
static bool holds_ge(int c)
{
	return c >= 0;
}

static const struct {
	const char *text;
	bool (*holds)(int cmp);
} ops[] = {
    [PB_OP_EQ] = {"==", holds_eq}, [PB_OP_NE] = {"!=", holds_ne}, [PB_OP_LT] = {"<", holds_lt},
    [PB_OP_LE] = {"<=", holds_le}, [PB_OP_GT] = {">", holds_gt},  [PB_OP_GE] = {">=", holds_ge},
};

const char *pb_op_name(enum pb_op op)
{
	return (unsigned)op < NP_ARRAY_SIZE(ops) ? ops[op].text : "?";
}

int pb_op_parse(const char *text)
{
	for (size_t i = 0; i < NP_ARRAY_SIZE(ops); i++)
		if (!strcmp(ops[i].text, text))
			return (int)i;
	return -1;
}

bool pb_op_holds(enum pb_op op, int cmp)
{
	return (unsigned)op < NP_ARRAY_SIZE(ops) && ops[op].holds(cmp);
}

bool pb_op_ordering(enum pb_op op)
{
	return op != PB_OP_EQ && op != PB_OP_NE;
}

static bool each_term(const struct pb_val *v, pb_val_fn fn, void *arg)
{
	for (; v; v = v->plus)
		if (fn(v, arg))
			return true;
	return false;
}

bool pb_expr_any_val(const struct pb_expr *e, pb_val_fn fn, void *arg)
{
	if (!e)
		return false;
	if (each_term(&e->a, fn, arg) || each_term(&e->b, fn, arg))
		return true;
	for (int i = 0; i < e->nlist; i++)
		if (each_term(&e->list[i], fn, arg))
			return true;
	return pb_expr_any_val(e->l, fn, arg) || pb_expr_any_val(e->r, fn, arg);
}

static bool is_dynamic(const struct pb_val *v, void *arg)
{
	(void)arg;
	return v->kind == PB_V_DELTA || v->kind == PB_V_RATE;
}

bool pb_expr_dynamic(const struct pb_expr *e)
{
	return pb_expr_any_val(e, is_dynamic, NULL);
}

/* $name or ${name} in text, not followed by more of a name. */
static bool text_uses(const char *text, const char *name)
{
	size_t n = strlen(name);
	for (const char *d = text ? strchr(text, '$') : NULL; d; d = strchr(d + 1, '$')) {
		const char *s = d[1] == '{' ? d + 2 : d + 1;
		if (strncmp(s, name, n))
			continue;
		if (d[1] == '{' ? s[n] == '}'
				: !(s[n] == '_' || (s[n] >= 'a' && s[n] <= 'z') ||
				    (s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9')))
			return true;
	}
	return false;
}

static bool val_uses(const struct pb_val *v, void *arg)
{
	const char *name = arg;
	if (v->kind == PB_V_PARAM)
		return !strcmp(v->text, name);
	return text_uses(v->text, name);
}

bool pb_check_reads_param(const struct pb_check *c, const char *name)
{
	return pb_expr_any_val(c->cond, val_uses, (void *)name) ||
	       pb_expr_any_val(c->when, val_uses, (void *)name);
}

