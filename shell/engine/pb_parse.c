// SPDX-License-Identifier: GPL-2.0-only
/* Playbook parser and load-time checker.  Grammar (doc/PLAYBOOKS.md):
 *
 *   file    := { stmt NL }
 *   stmt    := 'playbook' NAME STRING
 *            | 'param' NAME TYPE [ 'optional' | 'default' VALUE ]
 *                        [ 'from' SOURCE { ',' SOURCE } ] [ STRING ]
 *            | 'window' DURATION | 'direction' ( 'rx' | 'tx' )
 *            | 'active' ( 'tcp' | 'udp' | 'icmp' | 'df' | 'proto' )
 *            | 'include' NAME | 'note' STRING
 *            | 'layer' LAYER [ STRING ] [ 'when' expr ]
 *            | 'check' expr SEVERITY STRING { 'hint' STRING | 'next' STRING
 *                                             | 'reason' NAME | 'blocking'
 *                                             | 'tcpdump' ( 'seen' | 'unseen' )
 *                                             | 'when' expr }
 *   expr    := and { 'or' and }        and := unary { 'and' unary }
 *   unary   := 'not' unary | '(' expr ')' | value [ OP value | 'in' '(' value {',' value} ')' ]
 *   value   := term { '+' term }
 *   term    := ( NUMBER | STRING | WORD | $param | FACT | 'delta' FACT | 'rate' FACT )
 *              [ '*' NUMBER ]
 *
 * Every error is "file:line:col: what was expected".  Unknown facts,
 * parameters, layers and types are errors here, at load time. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "family.h"
#include "pb.h"
#include "pb_lex.h"
#include "validate.h"

struct parser {
	struct pb_playbook *pb;
	struct pb_lexer lx;
	struct pb_token tok;
	const char *file; /* interned */
	pb_include_fn inc;
	void *cookie;
	int depth;	      /* expression nesting */
	int incdepth;	      /* include nesting */
	struct pb_layer *cur; /* layer receiving checks */
	bool is_main;
	char *err;
	size_t errlen;
	bool failed;
};

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);
	if (!p)
		abort(); /* out of memory while parsing a small text file */
	return p;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");
	if (!p)
		abort();
	return p;
}

NP_PRINTF(4, 5)
static void fail_at(struct parser *p, int line, int col, const char *fmt, ...)
{
	va_list ap;
	int n;
	if (p->failed)
		return;
	p->failed = true;
	n = snprintf(p->err, p->errlen, "%s:%d:%d: ", p->file, line, col);
	if (n < 0 || (size_t)n >= p->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

#define fail(p, ...) fail_at(p, (p)->tok.line, (p)->tok.col, __VA_ARGS__)

static void next(struct parser *p)
{
	pb_lex_next(&p->lx, &p->tok);
	if (p->tok.kind == PB_TK_ERR)
		fail(p, "%s", p->tok.text);
}

/* Describe the current token for "expected X, got Y". */
static const char *got(const struct parser *p, char *buf, size_t len)
{
	if (p->tok.kind == PB_TK_WORD || p->tok.kind == PB_TK_OP || p->tok.kind == PB_TK_NUM)
		snprintf(buf, len, "'%.60s'", p->tok.text);
	else if (p->tok.kind == PB_TK_STR)
		snprintf(buf, len, "\"%.60s\"", p->tok.text);
	else
		snprintf(buf, len, "%s", pb_tok_name(p->tok.kind));
	return buf;
}

static void expected(struct parser *p, const char *what)
{
	char g[80];
	fail(p, "expected %s, got %s", what, got(p, g, sizeof(g)));
}

static bool is_word(const struct parser *p, const char *w)
{
	return p->tok.kind == PB_TK_WORD && !strcmp(p->tok.text, w);
}

static struct pb_loc here(const struct parser *p)
{
	return (struct pb_loc){p->file, p->tok.line, p->tok.col};
}

static const char *intern_file(struct pb_playbook *pb, const char *file)
{
	for (int i = 0; i < pb->nfiles; i++)
		if (!strcmp(pb->files[i], file))
			return pb->files[i];
	pb->files = realloc(pb->files, (size_t)(pb->nfiles + 1) * sizeof(*pb->files));
	if (!pb->files)
		abort();
	pb->files[pb->nfiles] = xstrdup(file);
	return pb->files[pb->nfiles++];
}

/* ---- names ---- */

static const char *const ptype_names[] = {
    [PB_T_IFACE] = "iface", [PB_T_ADDR] = "addr",	  [PB_T_PORT] = "port",
    [PB_T_PROTO] = "proto", [PB_T_DURATION] = "duration", [PB_T_WORD] = "word",
    [PB_T_BOOL] = "bool",   [PB_T_VANTAGE] = "vantage",
};

const char *pb_ptype_name(enum pb_ptype t)
{
	return (unsigned)t < NP_ARRAY_SIZE(ptype_names) ? ptype_names[t] : "?";
}

const char *pb_sev_name(enum pb_sev s)
{
	return s == PB_SEV_CRIT ? "crit" : s == PB_SEV_WARN ? "warn" : "info";
}

int pb_param_validate(enum pb_ptype t, const char *val, char *why, size_t len)
{
	struct np_addr a;
	unsigned port;
	double secs;

	switch (t) {
	case PB_T_IFACE:
		return np_validate_iface(val, why, len);
	case PB_T_ADDR:
		return np_parse_addr(val, &a, why, len);
	case PB_T_PORT:
		return np_parse_port(val, &port, why, len);
	case PB_T_PROTO:
		if (!strcmp(val, "tcp") || !strcmp(val, "udp") || !strcmp(val, "icmp"))
			return 0;
		snprintf(why, len, "expected tcp, udp or icmp");
		return -NP_EUSAGE;
	case PB_T_DURATION:
		return np_parse_seconds(val, &secs, why, len);
	case PB_T_BOOL:
		if (!strcmp(val, "yes") || !strcmp(val, "no"))
			return 0;
		snprintf(why, len, "expected yes or no");
		return -NP_EUSAGE;
	case PB_T_VANTAGE:
		if (!strcmp(val, "client") || !strcmp(val, "server") || !strcmp(val, "router") ||
		    !strcmp(val, "host"))
			return 0;
		snprintf(why, len, "expected client, server, router or host");
		return -NP_EUSAGE;
	case PB_T_WORD:
		for (const char *c = val; *c; c++)
			if (!isalnum((unsigned char)*c) && !strchr("_.-:", *c)) {
				snprintf(why, len,
					 "expected letters, digits, '_', '.', '-' or ':'");
				return -NP_EUSAGE;
			}
		if (!*val || strlen(val) > 64) {
			snprintf(why, len, "expected 1 to 64 characters");
			return -NP_EUSAGE;
		}
		return 0;
	}
	return -NP_EUSAGE;
}

int pb_param_canon(enum pb_ptype t, const char *val, char *buf, size_t len)
{
	char why[128];
	struct np_addr a;
	unsigned port;
	int err = pb_param_validate(t, val, why, sizeof(why));
	if (err)
		return err;
	if (t == PB_T_PORT && !np_parse_port(val, &port, why, sizeof(why)))
		snprintf(buf, len, "%u", port);
	else if (t == PB_T_ADDR && !np_parse_addr(val, &a, why, sizeof(why)))
		np_addr_str(&a, buf, len);
	else
		snprintf(buf, len, "%s", val);
	return 0;
}

static int find_param(const struct pb_playbook *pb, const char *name, size_t len)
{
	for (int i = 0; i < pb->nparams; i++)
		if (strlen(pb->params[i].name) == len && !strncmp(pb->params[i].name, name, len))
			return i;
	return -1;
}

/* Every $name / ${name} in text must be a declared parameter. */
static bool check_param_refs(struct parser *p, const char *text, int line, int col)
{
	for (const char *s = strchr(text, '$'); s; s = strchr(s + 1, '$')) {
		const char *n = s + 1;
		size_t len = 0;
		bool brace = *n == '{';
		if (brace)
			n++;
		while (isalnum((unsigned char)n[len]) || n[len] == '_')
			len++;
		if (len == 0 || (brace && n[len] != '}')) {
			fail_at(p, line, col, "expected a parameter name after '$'%s",
				brace ? " and a closing '}'" : "");
			return false;
		}
		if (find_param(p->pb, n, len) < 0) {
			fail_at(p, line, col, "unknown parameter '$%.*s' (declare it with `param`)",
				(int)len, n);
			return false;
		}
	}
	return true;
}

/* ---- expressions ---- */

static struct pb_expr *parse_expr(struct parser *p);

static void free_val(struct pb_val *v)
{
	free(v->text);
	v->text = NULL;
	if (v->plus) {
		free_val(v->plus);
		free(v->plus);
		v->plus = NULL;
	}
}

static void free_expr(struct pb_expr *e)
{
	if (!e)
		return;
	free_expr(e->l);
	free_expr(e->r);
	free_val(&e->a);
	free_val(&e->b);
	for (int i = 0; i < e->nlist; i++)
		free_val(&e->list[i]);
	free(e->list);
	free(e);
}

static bool looks_like_fact(const char *w)
{
	return isalpha((unsigned char)w[0]) && (strchr(w, '.') || strchr(w, '['));
}

static bool check_fact(struct parser *p, const char *key)
{
	char why[256];
	struct np_fact_ref ref;
	if (!check_param_refs(p, key, p->tok.line, p->tok.col))
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
	next(p);
	if (p->tok.kind != PB_TK_NUM) {
		expected(p, "a number after '*'");
		return false;
	}
	v->scale = p->tok.num;
	next(p);
	return !p->failed;
}

static bool parse_term(struct parser *p, struct pb_val *v)
{
	memset(v, 0, sizeof(*v));
	v->loc = here(p);
	if (p->failed)
		return false;
	if (is_word(p, "delta") || is_word(p, "rate")) {
		v->kind = is_word(p, "delta") ? PB_V_DELTA : PB_V_RATE;
		next(p);
		if (p->tok.kind != PB_TK_WORD || !looks_like_fact(p->tok.text)) {
			expected(p, v->kind == PB_V_DELTA ? "a fact after 'delta'"
							  : "a fact after 'rate'");
			return false;
		}
		if (!check_fact(p, p->tok.text))
			return false;
		v->text = xstrdup(p->tok.text);
		next(p);
		return !p->failed && parse_scale(p, v);
	}
	switch (p->tok.kind) {
	case PB_TK_NUM:
		v->kind = PB_V_NUM;
		v->num = p->tok.num;
		v->text = xstrdup(p->tok.text);
		break;
	case PB_TK_STR:
		v->kind = PB_V_STR;
		if (!check_param_refs(p, p->tok.text, p->tok.line, p->tok.col))
			return false;
		v->text = xstrdup(p->tok.text);
		break;
	case PB_TK_WORD:
		if (p->tok.text[0] == '$') {
			const char *n = p->tok.text + 1;
			if (!check_param_refs(p, p->tok.text, p->tok.line, p->tok.col))
				return false;
			if (strchr(n, '$') || strchr(n, '.') || strchr(n, '[')) {
				fail(p, "expected a parameter name after '$', got '%s'",
				     p->tok.text);
				return false;
			}
			v->kind = PB_V_PARAM;
			v->text = xstrdup(n[0] == '{' ? n + 1 : n);
			if (n[0] == '{')
				v->text[strlen(v->text) - 1] = '\0';
		} else if (looks_like_fact(p->tok.text)) {
			if (!check_fact(p, p->tok.text))
				return false;
			v->kind = PB_V_FACT;
			v->text = xstrdup(p->tok.text);
		} else if (!strcmp(p->tok.text, "and") || !strcmp(p->tok.text, "or") ||
			   !strcmp(p->tok.text, "not") || !strcmp(p->tok.text, "in") ||
			   !strcmp(p->tok.text, "info") || !strcmp(p->tok.text, "warn") ||
			   !strcmp(p->tok.text, "crit")) {
			/* Keywords are not values: "x > 0 and crit" lacks its operand. */
			expected(p, "a value");
			return false;
		} else {
			if (!check_param_refs(p, p->tok.text, p->tok.line, p->tok.col))
				return false;
			v->kind = PB_V_STR;
			v->text = xstrdup(p->tok.text);
		}
		break;
	default:
		expected(p,
			 "a value (fact, number, word, string, $param, delta FACT or rate FACT)");
		return false;
	}
	next(p);
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
		next(p);
		last->plus = xcalloc(1, sizeof(*last->plus));
		last = last->plus;
		if (!parse_term(p, last))
			return false;
		if (last->kind == PB_V_STR) {
			fail_at(p, last->loc.line, last->loc.col,
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

static struct pb_expr *new_expr(struct parser *p, enum pb_ekind k)
{
	struct pb_expr *e = xcalloc(1, sizeof(*e));
	e->kind = k;
	e->loc = here(p);
	return e;
}

static struct pb_expr *parse_cmp(struct parser *p)
{
	struct pb_expr *e = new_expr(p, PB_E_TRUTH);
	if (!parse_value(p, &e->a))
		goto bad;
	if (p->tok.kind == PB_TK_OP) {
		int op = pb_op_parse(p->tok.text);
		e->kind = PB_E_CMP;
		e->op = op < 0 ? PB_OP_EQ : (enum pb_op)op; /* the lexer only makes these */
		next(p);
		if (!parse_value(p, &e->b))
			goto bad;
		/* Type rules: ordering needs numbers; a delta/rate is a number. */
		if (pb_op_ordering(e->op) && (e->a.kind == PB_V_STR || e->b.kind == PB_V_STR)) {
			const struct pb_val *s = e->a.kind == PB_V_STR ? &e->a : &e->b;
			fail_at(p, s->loc.line, s->loc.col,
				"type error: '%s' compares numbers, expected a number, got '%s'",
				pb_op_name(e->op), s->text);
			goto bad;
		}
		if ((is_numeric_kind(e->a.kind) && e->b.kind == PB_V_STR) ||
		    (is_numeric_kind(e->b.kind) && e->a.kind == PB_V_STR)) {
			const struct pb_val *s = e->a.kind == PB_V_STR ? &e->a : &e->b;
			fail_at(p, s->loc.line, s->loc.col,
				"type error: expected a number to compare with a %s, got '%s'",
				e->a.kind == PB_V_STR ? "number" : "number", s->text);
			goto bad;
		}
	} else if (is_word(p, "in")) {
		e->kind = PB_E_IN;
		next(p);
		if (p->tok.kind != PB_TK_LP) {
			expected(p, "'(' after 'in'");
			goto bad;
		}
		next(p);
		for (;;) {
			e->list = realloc(e->list, (size_t)(e->nlist + 1) * sizeof(*e->list));
			if (!e->list)
				abort();
			/* Counted before parsing: a value that fails half-way is
			 * still freed with the list. */
			if (!parse_value(p, &e->list[e->nlist++]))
				goto bad;
			if (p->tok.kind == PB_TK_RP)
				break;
			if (p->tok.kind != PB_TK_COMMA) {
				expected(p, "',' or ')' in the 'in' list");
				goto bad;
			}
			next(p);
		}
		next(p);
	}
	if (p->failed)
		goto bad;
	return e;
bad:
	free_expr(e);
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
	if (is_word(p, "not")) {
		e = new_expr(p, PB_E_NOT);
		next(p);
		e->l = parse_unary(p);
		if (!e->l) {
			free_expr(e);
			e = NULL;
		}
	} else if (p->tok.kind == PB_TK_LP) {
		next(p);
		e = parse_expr(p);
		if (e && p->tok.kind != PB_TK_RP) {
			expected(p, "')'");
			free_expr(e);
			e = NULL;
		} else if (e) {
			next(p);
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
	while (l && !p->failed && is_word(p, kw)) {
		struct pb_expr *e = new_expr(p, k);
		next(p);
		e->l = l;
		e->r = sub(p);
		l = e;
		if (!e->r) {
			free_expr(e);
			return NULL;
		}
	}
	if (p->failed) {
		free_expr(l);
		return NULL;
	}
	return l;
}

static struct pb_expr *parse_and(struct parser *p)
{
	return parse_binary(p, "and", PB_E_AND, parse_unary);
}

static struct pb_expr *parse_expr(struct parser *p)
{
	return parse_binary(p, "or", PB_E_OR, parse_and);
}

/* Does the expression read anything that needs the observation window? */
/* ---- statements ---- */

static bool end_of_stmt(struct parser *p)
{
	if (p->failed)
		return false;
	if (p->tok.kind != PB_TK_NL && p->tok.kind != PB_TK_EOF) {
		expected(p, "end of line");
		return false;
	}
	return true;
}

/* {FACT} in a message or hint: the fact's value at run time. */
static bool check_interp(struct parser *p, const char *text)
{
	for (const char *o = strchr(text, '{'); o; o = strchr(o + 1, '{')) {
		const char *c = strchr(o, '}');
		char key[NP_FACTKEY_MAX];
		char why[256];
		struct np_fact_ref ref;
		if (o > text && o[-1] == '$')
			continue; /* ${param} */
		if (!c || (size_t)(c - o - 1) >= sizeof(key) || c == o + 1) {
			fail(p, "expected a fact name and '}' after '{' in the string");
			return false;
		}
		snprintf(key, sizeof(key), "%.*s", (int)(c - o - 1), o + 1);
		if (np_fact_resolve(key, &ref, why, sizeof(why))) {
			fail(p, "unknown fact '{%s}' in the string: %s", key, why);
			return false;
		}
	}
	return true;
}

static bool want_str(struct parser *p, const char *what, char **out)
{
	if (p->tok.kind != PB_TK_STR) {
		expected(p, what);
		return false;
	}
	if (!check_param_refs(p, p->tok.text, p->tok.line, p->tok.col) ||
	    !check_interp(p, p->tok.text))
		return false;
	*out = xstrdup(p->tok.text);
	next(p);
	if (p->failed) {
		/* Callers may hold the string in a local: do not leak it. */
		free(*out);
		*out = NULL;
		return false;
	}
	return true;
}

static void add_note(char ***v, int *n, const char *s)
{
	*v = realloc(*v, (size_t)(*n + 1) * sizeof(**v));
	if (!*v)
		abort();
	(*v)[(*n)++] = xstrdup(s);
}

static bool stmt_playbook(struct parser *p)
{
	char why[128];
	if (!p->is_main || p->pb->name) {
		fail(p, "'playbook' may appear once, at the top of a playbook file%s",
		     p->is_main ? "" : " (not in an included fragment)");
		return false;
	}
	next(p);
	if (p->tok.kind != PB_TK_WORD || np_validate_name(p->tok.text, why, sizeof(why))) {
		expected(p, "a playbook name (letters, digits, '_', '-', '.')");
		return false;
	}
	p->pb->name = xstrdup(p->tok.text);
	next(p);
	return want_str(p, "a quoted summary after the playbook name", &p->pb->summary);
}

static bool stmt_param(struct parser *p)
{
	struct pb_param *pa;
	char why[128];
	int t = -1;

	if (!p->is_main) {
		fail(p, "'param' belongs in the playbook, not in an included fragment");
		return false;
	}
	if (p->pb->nparams == PB_MAX_PARAMS) {
		fail(p, "more than %d parameters", PB_MAX_PARAMS);
		return false;
	}
	next(p);
	if (p->tok.kind != PB_TK_WORD || !isalpha((unsigned char)p->tok.text[0]) ||
	    strspn(p->tok.text,
		   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
		strlen(p->tok.text)) {
		expected(p, "a parameter name (letters, digits, '_')");
		return false;
	}
	if (find_param(p->pb, p->tok.text, strlen(p->tok.text)) >= 0) {
		fail(p, "parameter '%s' declared twice", p->tok.text);
		return false;
	}
	if (!strcmp(p->tok.text, "window")) {
		fail(p, "'window' is built in: every playbook takes window=DURATION");
		return false;
	}
	pa = &p->pb->params[p->pb->nparams];
	memset(pa, 0, sizeof(*pa));
	pa->name = xstrdup(p->tok.text);
	p->pb->nparams++;
	next(p);
	for (size_t i = 0; i < NP_ARRAY_SIZE(ptype_names); i++)
		if (p->tok.kind == PB_TK_WORD && !strcmp(p->tok.text, ptype_names[i]))
			t = (int)i;
	if (t < 0) {
		expected(p, "a parameter type (iface, addr, port, proto, duration, word, bool)");
		return false;
	}
	pa->type = (enum pb_ptype)t;
	next(p);
	if (is_word(p, "optional")) {
		pa->optional = true;
		next(p);
	} else if (is_word(p, "default")) {
		next(p);
		if (p->tok.kind != PB_TK_WORD && p->tok.kind != PB_TK_NUM &&
		    p->tok.kind != PB_TK_STR) {
			expected(p, "a default value");
			return false;
		}
		if (pb_param_validate(pa->type, p->tok.text, why, sizeof(why))) {
			fail(p, "type error: default '%s' is not a valid %s: %s", p->tok.text,
			     pb_ptype_name(pa->type), why);
			return false;
		}
		pa->def = xstrdup(p->tok.text);
		next(p);
	}
	if (is_word(p, "from")) {
		do {
			next(p);
			if (pa->nfrom == (int)NP_ARRAY_SIZE(pa->from)) {
				fail(p, "at most %zu 'from' sources", NP_ARRAY_SIZE(pa->from));
				return false;
			}
			if (p->tok.kind != PB_TK_WORD ||
			    (!looks_like_fact(p->tok.text) && p->tok.text[0] != '$' &&
			     strcmp(p->tok.text, "sole-interface") &&
			     strcmp(p->tok.text, "each-interface"))) {
				expected(p,
					 "a fact, $param, sole-interface or each-interface after "
					 "'from'");
				return false;
			}
			if (looks_like_fact(p->tok.text) && !check_fact(p, p->tok.text))
				return false;
			if (p->tok.text[0] == '$' &&
			    !check_param_refs(p, p->tok.text, p->tok.line, p->tok.col))
				return false;
			if (!strcmp(p->tok.text + (p->tok.text[0] == '$'), pa->name)) {
				fail(p, "parameter '%s' cannot come from itself", pa->name);
				return false;
			}
			pa->from[pa->nfrom++] = xstrdup(p->tok.text);
			next(p);
		} while (!p->failed && p->tok.kind == PB_TK_COMMA);
	}
	if (p->tok.kind == PB_TK_STR)
		return want_str(p, "a help string", &pa->help);
	return !p->failed;
}

/* 'when' EXPR of a layer or a check: a static condition (facts and
 * parameters, never delta/rate: it decides what is walked before the
 * window).  The current token is 'when'. */
static struct pb_expr *parse_when(struct parser *p, const char *whose)
{
	struct pb_loc wl;
	struct pb_expr *w;
	next(p);
	wl = here(p);
	w = parse_expr(p);
	if (!w)
		return NULL;
	if (pb_expr_dynamic(w)) {
		free_expr(w);
		fail_at(p, wl.line, wl.col,
			"%s 'when' must be static: expected facts, not delta/rate", whose);
		return NULL;
	}
	return w;
}

static bool stmt_layer(struct parser *p)
{
	int l;
	struct pb_layer *ly = NULL;

	next(p);
	l = p->tok.kind == PB_TK_WORD ? np_layer_from_name(p->tok.text) : -1;
	if (l < 0 || l == NP_L_NONE) {
		expected(p, "a layer (network, link, xdp, tc, softirq, bridge, netfilter, "
			    "conntrack, routing, neighbor, ip, qdisc, transport, socket)");
		return false;
	}
	/* A layer named again (after an include) gets more checks, in place. */
	for (int i = 0; i < p->pb->nlayers; i++)
		if ((int)p->pb->layers[i].layer == l)
			ly = &p->pb->layers[i];
	if (!ly) {
		ly = &p->pb->layers[p->pb->nlayers++];
		memset(ly, 0, sizeof(*ly));
		ly->layer = (enum np_layer)l;
		ly->loc = here(p);
	}
	p->cur = ly;
	next(p);
	if (p->tok.kind == PB_TK_STR) {
		char *t = NULL;
		if (!want_str(p, "a title", &t))
			return false;
		free(ly->title);
		ly->title = t;
	}
	if (is_word(p, "when")) {
		struct pb_expr *w = parse_when(p, "a layer's");
		if (!w)
			return false;
		if (ly->when) {
			/* Both conditions must hold. */
			struct pb_expr *both = new_expr(p, PB_E_AND);
			both->l = ly->when;
			both->r = w;
			ly->when = both;
		} else {
			ly->when = w;
		}
	}
	return true;
}

static bool stmt_check(struct parser *p)
{
	struct pb_check c;
	char why[128];

	if (!p->cur) {
		fail(p, "'check' outside a layer: expected 'layer NAME' first");
		return false;
	}
	memset(&c, 0, sizeof(c));
	c.loc = here(p);
	next(p);
	c.cond = parse_expr(p);
	if (!c.cond)
		return false;
	if (is_word(p, "info"))
		c.sev = PB_SEV_INFO;
	else if (is_word(p, "warn"))
		c.sev = PB_SEV_WARN;
	else if (is_word(p, "crit"))
		c.sev = PB_SEV_CRIT;
	else {
		expected(p, "a severity (info, warn or crit) or 'and'/'or' after the condition");
		goto bad;
	}
	next(p);
	if (!want_str(p, "a quoted message after the severity", &c.msg))
		goto bad;
	while (!p->failed && p->tok.kind == PB_TK_WORD) {
		if (is_word(p, "hint") && !c.hint) {
			next(p);
			if (!want_str(p, "a quoted hint", &c.hint))
				goto bad;
		} else if (is_word(p, "next") && c.nnext < PB_MAX_NEXT) {
			next(p);
			if (!want_str(p, "a quoted command after 'next'", &c.next[c.nnext]))
				goto bad;
			c.nnext++;
		} else if (is_word(p, "reason") && !c.reason) {
			next(p);
			if (p->tok.kind == PB_TK_WORD && p->tok.text[0] == '{' &&
			    p->tok.text[strlen(p->tok.text) - 1] == '}') {
				if (!check_param_refs(p, p->tok.text, p->tok.line, p->tok.col) ||
				    !check_interp(p, p->tok.text))
					goto bad;
			} else if (p->tok.kind != PB_TK_WORD ||
				   strspn(p->tok.text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
				       strlen(p->tok.text)) {
				expected(p, "a kernel drop reason in capitals (NETFILTER_DROP)");
				goto bad;
			}
			c.reason = xstrdup(p->tok.text);
			next(p);
		} else if (is_word(p, "tcpdump") && !c.tcpdump) {
			next(p);
			if (is_word(p, "seen"))
				c.tcpdump = 1;
			else if (is_word(p, "unseen"))
				c.tcpdump = -1;
			else {
				expected(p, "seen or unseen after 'tcpdump'");
				goto bad;
			}
			next(p);
		} else if (is_word(p, "blocking") && !c.blocking) {
			c.blocking = true;
			next(p);
		} else if (is_word(p, "when") && !c.when) {
			c.when = parse_when(p, "a check's");
			if (!c.when)
				goto bad;
		} else {
			expected(p,
				 "'hint', 'reason', 'blocking', 'tcpdump', 'when' or end of line "
				 "(each at most once)");
			goto bad;
		}
	}
	if (p->failed)
		goto bad;
	(void)why;
	p->cur->checks = realloc(p->cur->checks, (size_t)(p->cur->nchecks + 1) * sizeof(c));
	if (!p->cur->checks)
		abort();
	p->cur->checks[p->cur->nchecks++] = c;
	return true;
bad:
	free_expr(c.cond);
	free_expr(c.when);
	for (int i = 0; i < c.nnext; i++)
		free(c.next[i]);
	free(c.msg);
	free(c.hint);
	free(c.reason);
	return false;
}

static bool parse_text(struct parser *p, const char *text);

static bool stmt_include(struct parser *p)
{
	char why[256], *path = NULL, *text, name[PB_TOK_MAX];
	struct parser sub;
	bool ok;

	next(p);
	if (p->tok.kind != PB_TK_WORD && p->tok.kind != PB_TK_STR) {
		expected(p, "a fragment name after 'include'");
		return false;
	}
	if (np_validate_name(p->tok.text, why, sizeof(why))) {
		fail(p, "bad fragment name '%s': %s", p->tok.text, why);
		return false;
	}
	if (p->incdepth >= PB_MAX_INCLUDE_DEPTH) {
		fail(p, "includes nested deeper than %d (an include loop?)", PB_MAX_INCLUDE_DEPTH);
		return false;
	}
	if (!p->inc) {
		fail(p, "cannot include '%s' here", p->tok.text);
		return false;
	}
	snprintf(name, sizeof(name), "%s", p->tok.text);
	text = p->inc(p->cookie, p->file, name, &path, why, sizeof(why));
	if (!text) {
		fail(p, "include %s: %s", name, why);
		return false;
	}
	sub = *p;
	sub.file = intern_file(p->pb, path ? path : name);
	sub.is_main = false;
	sub.incdepth = p->incdepth + 1;
	sub.depth = 0;
	pb_lex_init(&sub.lx, text);
	ok = parse_text(&sub, text);
	p->cur = sub.cur;
	p->failed = sub.failed;
	free(text);
	free(path);
	if (!ok)
		return false;
	next(p);
	return !p->failed;
}

static bool statement(struct parser *p)
{
	char g[80];
	if (p->tok.kind != PB_TK_WORD) {
		expected(p, "a statement (playbook, param, window, direction, active, include, "
			    "layer, check, note)");
		return false;
	}
	if (p->is_main && !p->pb->name && !is_word(p, "playbook")) {
		fail(p, "expected 'playbook NAME \"summary\"' first, got %s", got(p, g, sizeof(g)));
		return false;
	}
	if (is_word(p, "playbook"))
		return stmt_playbook(p) && end_of_stmt(p);
	if (is_word(p, "param"))
		return stmt_param(p) && end_of_stmt(p);
	if (is_word(p, "layer"))
		return stmt_layer(p) && end_of_stmt(p);
	if (is_word(p, "check"))
		return stmt_check(p) && end_of_stmt(p);
	if (is_word(p, "include"))
		return stmt_include(p) && end_of_stmt(p);
	if (is_word(p, "note")) {
		char *s = NULL;
		next(p);
		if (!want_str(p, "a quoted note", &s))
			return false;
		if (p->cur)
			add_note(&p->cur->notes, &p->cur->nnotes, s);
		else
			add_note(&p->pb->notes, &p->pb->nnotes, s);
		free(s);
		return end_of_stmt(p);
	}
	if (is_word(p, "window")) {
		if (!p->is_main) {
			fail(p, "'window' belongs in the playbook, not in an included fragment");
			return false;
		}
		next(p);
		if (p->tok.kind != PB_TK_NUM || p->tok.num < 0 || p->tok.num > 3600) {
			expected(p, "a duration between 0 and 3600 seconds (3s, 500ms)");
			return false;
		}
		p->pb->window = p->tok.num;
		next(p);
		return end_of_stmt(p);
	}
	if (is_word(p, "active")) {
		static const char *const kinds[] = {"tcp", "udp", "icmp", "df", "proto"};
		if (!p->is_main) {
			fail(p, "'active' belongs in the playbook, not in an included fragment");
			return false;
		}
		next(p);
		p->pb->active = -1;
		for (int i = 0; i < (int)NP_ARRAY_SIZE(kinds); i++)
			if (is_word(p, kinds[i]))
				p->pb->active = i == 4 ? PB_ACTIVE_BY_PROTO : i;
		if (p->pb->active < 0) {
			expected(p, "what active=yes sends: tcp, udp, icmp, df or proto");
			return false;
		}
		next(p);
		return end_of_stmt(p);
	}
	if (is_word(p, "direction")) {
		next(p);
		if (is_word(p, "rx"))
			p->pb->dir = PB_DIR_RX;
		else if (is_word(p, "tx"))
			p->pb->dir = PB_DIR_TX;
		else {
			expected(p, "rx or tx");
			return false;
		}
		next(p);
		return end_of_stmt(p);
	}
	fail(p,
	     "expected a statement (playbook, param, window, direction, active, include, layer, "
	     "check, note), got %s",
	     got(p, g, sizeof(g)));
	return false;
}

static bool parse_text(struct parser *p, const char *text)
{
	(void)text;
	next(p);
	while (!p->failed && p->tok.kind != PB_TK_EOF) {
		if (p->tok.kind == PB_TK_NL) {
			next(p);
			continue;
		}
		if (!statement(p))
			return false;
		if (p->tok.kind == PB_TK_NL)
			next(p);
	}
	return !p->failed;
}

static void free_layer(struct pb_layer *l)
{
	free(l->title);
	free_expr(l->when);
	for (int i = 0; i < l->nchecks; i++) {
		free_expr(l->checks[i].cond);
		free_expr(l->checks[i].when);
		for (int n = 0; n < l->checks[i].nnext; n++)
			free(l->checks[i].next[n]);
		free(l->checks[i].msg);
		free(l->checks[i].hint);
		free(l->checks[i].reason);
	}
	free(l->checks);
	for (int i = 0; i < l->nnotes; i++)
		free(l->notes[i]);
	free(l->notes);
}

void pb_free(struct pb_playbook *pb)
{
	if (!pb)
		return;
	free(pb->name);
	free(pb->summary);
	free(pb->path);
	for (int i = 0; i < pb->nparams; i++) {
		free(pb->params[i].name);
		free(pb->params[i].def);
		free(pb->params[i].help);
		for (int k = 0; k < pb->params[i].nfrom; k++)
			free(pb->params[i].from[k]);
	}
	for (int i = 0; i < pb->nlayers; i++)
		free_layer(&pb->layers[i]);
	for (int i = 0; i < pb->nnotes; i++)
		free(pb->notes[i]);
	free(pb->notes);
	for (int i = 0; i < pb->nfiles; i++)
		free(pb->files[i]);
	free(pb->files);
	free(pb);
}

struct pb_playbook *pb_parse(const char *file, const char *text, pb_include_fn inc, void *cookie,
			     char *err, size_t errlen)
{
	struct parser p = {0};
	p.pb = xcalloc(1, sizeof(*p.pb));
	p.pb->window = 3.0;
	p.pb->active = -1;
	p.file = intern_file(p.pb, file ? file : "<text>");
	p.inc = inc;
	p.cookie = cookie;
	p.is_main = true;
	p.err = err;
	p.errlen = errlen;
	pb_lex_init(&p.lx, text);
	if (!parse_text(&p, text))
		goto bad;
	if (!p.pb->name) {
		fail_at(&p, 1, 1, "expected 'playbook NAME \"summary\"', got an empty file");
		goto bad;
	}
	if (p.pb->nlayers == 0) {
		fail_at(&p, p.tok.line, p.tok.col, "expected at least one 'layer' in playbook '%s'",
			p.pb->name);
		goto bad;
	}
	p.pb->path = xstrdup(p.file);
	return p.pb;
bad:
	pb_free(p.pb);
	return NULL;
}
