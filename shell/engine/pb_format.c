// SPDX-License-Identifier: GPL-2.0-only
/* The text of a condition, as written (explain, show, reports). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "pb_run.h"

static size_t val_format1(const struct pb_val *v, char *buf, size_t len);

static size_t val_format(const struct pb_val *v, char *buf, size_t len)
{
	size_t o = val_format1(v, buf, len);
	if (v->scale != 0 && o < len)
		o += (size_t)snprintf(buf + o, len - o, " * %g", v->scale);
	if (v->plus && o + 3 < len) {
		o += (size_t)snprintf(buf + o, len - o, " + ");
		if (o < len)
			o += val_format(v->plus, buf + o, len - o);
	}
	return o < len ? o : (len ? len - 1 : 0);
}

static size_t val_format1(const struct pb_val *v, char *buf, size_t len)
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
