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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "family.h"
#include "pb_internal.h"
#include "pb_parser.h"
#include "xalloc.h"
#include "validate.h"

/* ---- statements ---- */

static bool end_of_stmt(struct parser *p)
{
	if (p->failed)
		return false;
	if (p->tok.kind != PB_TK_NL && p->tok.kind != PB_TK_EOF) {
		pb_expected(p, "end of line");
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
		pb_expected(p, what);
		return false;
	}
	if (!pb_check_param_refs(p, p->tok.text, p->tok.line, p->tok.col) ||
	    !check_interp(p, p->tok.text))
		return false;
	*out = np_xstrdup(p->tok.text);
	pb_next_tok(p);
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
	*v = np_xreallocarray(*v, (size_t)*n + 1, sizeof(**v));
	(*v)[(*n)++] = np_xstrdup(s);
}

static bool stmt_playbook(struct parser *p)
{
	char why[128];
	if (!p->is_main || p->pb->name) {
		fail(p, "'playbook' may appear once, at the top of a playbook file%s",
		     p->is_main ? "" : " (not in an included fragment)");
		return false;
	}
	pb_next_tok(p);
	if (p->tok.kind != PB_TK_WORD || np_validate_name(p->tok.text, why, sizeof(why))) {
		pb_expected(p, "a playbook name (letters, digits, '_', '-', '.')");
		return false;
	}
	p->pb->name = np_xstrdup(p->tok.text);
	pb_next_tok(p);
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
	pb_next_tok(p);
	if (p->tok.kind != PB_TK_WORD || !isalpha((unsigned char)p->tok.text[0]) ||
	    strspn(p->tok.text,
		   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
		strlen(p->tok.text)) {
		pb_expected(p, "a parameter name (letters, digits, '_')");
		return false;
	}
	if (pb_param_index(p->pb, p->tok.text, strlen(p->tok.text)) >= 0) {
		fail(p, "parameter '%s' declared twice", p->tok.text);
		return false;
	}
	if (!strcmp(p->tok.text, "window")) {
		fail(p, "'window' is built in: every playbook takes window=DURATION");
		return false;
	}
	pa = &p->pb->params[p->pb->nparams];
	memset(pa, 0, sizeof(*pa));
	pa->name = np_xstrdup(p->tok.text);
	p->pb->nparams++;
	pb_next_tok(p);
	if (p->tok.kind == PB_TK_WORD)
		t = pb_ptype_parse(p->tok.text);
	if (t < 0) {
		pb_expected(p, "a parameter type (iface, addr, port, proto, duration, word, bool)");
		return false;
	}
	pa->type = (enum pb_ptype)t;
	pb_next_tok(p);
	if (pb_is_word(p, "optional")) {
		pa->optional = true;
		pb_next_tok(p);
	} else if (pb_is_word(p, "default")) {
		pb_next_tok(p);
		if (p->tok.kind != PB_TK_WORD && p->tok.kind != PB_TK_NUM &&
		    p->tok.kind != PB_TK_STR) {
			pb_expected(p, "a default value");
			return false;
		}
		if (pb_param_validate(pa->type, p->tok.text, why, sizeof(why))) {
			fail(p, "type error: default '%s' is not a valid %s: %s", p->tok.text,
			     pb_ptype_name(pa->type), why);
			return false;
		}
		pa->def = np_xstrdup(p->tok.text);
		pb_next_tok(p);
	}
	if (pb_is_word(p, "from")) {
		do {
			pb_next_tok(p);
			if (pa->nfrom == (int)NP_ARRAY_SIZE(pa->from)) {
				fail(p, "at most %zu 'from' sources", NP_ARRAY_SIZE(pa->from));
				return false;
			}
			if (p->tok.kind != PB_TK_WORD ||
			    (!pb_looks_like_fact(p->tok.text) && p->tok.text[0] != '$' &&
			     strcmp(p->tok.text, "sole-interface") &&
			     strcmp(p->tok.text, "each-interface"))) {
				pb_expected(
				    p, "a fact, $param, sole-interface or each-interface after "
				       "'from'");
				return false;
			}
			if (pb_looks_like_fact(p->tok.text) && !pb_check_fact(p, p->tok.text))
				return false;
			if (p->tok.text[0] == '$' &&
			    !pb_check_param_refs(p, p->tok.text, p->tok.line, p->tok.col))
				return false;
			if (!strcmp(p->tok.text + (p->tok.text[0] == '$'), pa->name)) {
				fail(p, "parameter '%s' cannot come from itself", pa->name);
				return false;
			}
			pa->from[pa->nfrom++] = np_xstrdup(p->tok.text);
			pb_next_tok(p);
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
	pb_next_tok(p);
	wl = pb_here(p);
	w = pb_parse_expr(p);
	if (!w)
		return NULL;
	if (pb_expr_dynamic(w)) {
		pb_free_expr(w);
		pb_fail_at(p, wl.line, wl.col,
			   "%s 'when' must be static: expected facts, not delta/rate", whose);
		return NULL;
	}
	return w;
}

static bool stmt_layer(struct parser *p)
{
	int l;
	struct pb_layer *ly = NULL;

	pb_next_tok(p);
	l = p->tok.kind == PB_TK_WORD ? np_layer_from_name(p->tok.text) : -1;
	if (l < 0 || l == NP_L_NONE) {
		pb_expected(p, "a layer (network, link, xdp, tc, softirq, bridge, netfilter, "
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
		ly->loc = pb_here(p);
	}
	p->cur = ly;
	pb_next_tok(p);
	if (p->tok.kind == PB_TK_STR) {
		char *t = NULL;
		if (!want_str(p, "a title", &t))
			return false;
		free(ly->title);
		ly->title = t;
	}
	if (pb_is_word(p, "when")) {
		struct pb_expr *w = parse_when(p, "a layer's");
		if (!w)
			return false;
		if (ly->when) {
			/* Both conditions must hold. */
			struct pb_expr *both = pb_new_expr(p, PB_E_AND);
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
	c.loc = pb_here(p);
	pb_next_tok(p);
	c.cond = pb_parse_expr(p);
	if (!c.cond)
		return false;
	if (pb_is_word(p, "info"))
		c.sev = PB_SEV_INFO;
	else if (pb_is_word(p, "warn"))
		c.sev = PB_SEV_WARN;
	else if (pb_is_word(p, "crit"))
		c.sev = PB_SEV_CRIT;
	else {
		pb_expected(p, "a severity (info, warn or crit) or 'and'/'or' after the condition");
		goto bad;
	}
	pb_next_tok(p);
	if (!want_str(p, "a quoted message after the severity", &c.msg))
		goto bad;
	while (!p->failed && p->tok.kind == PB_TK_WORD) {
		if (pb_is_word(p, "hint") && !c.hint) {
			pb_next_tok(p);
			if (!want_str(p, "a quoted hint", &c.hint))
				goto bad;
		} else if (pb_is_word(p, "next") && c.nnext < PB_MAX_NEXT) {
			pb_next_tok(p);
			if (!want_str(p, "a quoted command after 'next'", &c.next[c.nnext]))
				goto bad;
			c.nnext++;
		} else if (pb_is_word(p, "reason") && !c.reason) {
			pb_next_tok(p);
			if (p->tok.kind == PB_TK_WORD && p->tok.text[0] == '{' &&
			    p->tok.text[strlen(p->tok.text) - 1] == '}') {
				if (!pb_check_param_refs(p, p->tok.text, p->tok.line, p->tok.col) ||
				    !check_interp(p, p->tok.text))
					goto bad;
			} else if (p->tok.kind != PB_TK_WORD ||
				   strspn(p->tok.text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
				       strlen(p->tok.text)) {
				pb_expected(p, "a kernel drop reason in capitals (NETFILTER_DROP)");
				goto bad;
			}
			c.reason = np_xstrdup(p->tok.text);
			pb_next_tok(p);
		} else if (pb_is_word(p, "tcpdump") && !c.tcpdump) {
			pb_next_tok(p);
			if (pb_is_word(p, "seen"))
				c.tcpdump = 1;
			else if (pb_is_word(p, "unseen"))
				c.tcpdump = -1;
			else {
				pb_expected(p, "seen or unseen after 'tcpdump'");
				goto bad;
			}
			pb_next_tok(p);
		} else if (pb_is_word(p, "blocking") && !c.blocking) {
			c.blocking = true;
			pb_next_tok(p);
		} else if (pb_is_word(p, "when") && !c.when) {
			c.when = parse_when(p, "a check's");
			if (!c.when)
				goto bad;
		} else {
			pb_expected(p, "'hint', 'next', 'reason', 'blocking', 'tcpdump', 'when' or end "
				       "of line (each at most once)");
			goto bad;
		}
	}
	if (p->failed)
		goto bad;
	(void)why;
	p->cur->checks = np_xreallocarray(p->cur->checks, (size_t)p->cur->nchecks + 1, sizeof(c));
	p->cur->checks[p->cur->nchecks++] = c;
	return true;
bad:
	pb_free_expr(c.cond);
	pb_free_expr(c.when);
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

	pb_next_tok(p);
	if (p->tok.kind != PB_TK_WORD && p->tok.kind != PB_TK_STR) {
		pb_expected(p, "a fragment name after 'include'");
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
	sub.file = pb_intern_file(p->pb, path ? path : name);
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
	pb_next_tok(p);
	return !p->failed;
}

static bool statement(struct parser *p)
{
	char g[80];
	if (p->tok.kind != PB_TK_WORD) {
		pb_expected(p, "a statement (playbook, param, window, direction, active, include, "
			       "layer, check, note)");
		return false;
	}
	if (p->is_main && !p->pb->name && !pb_is_word(p, "playbook")) {
		fail(p, "expected 'playbook NAME \"summary\"' first, got %s",
		     pb_got(p, g, sizeof(g)));
		return false;
	}
	if (pb_is_word(p, "playbook"))
		return stmt_playbook(p) && end_of_stmt(p);
	if (pb_is_word(p, "param"))
		return stmt_param(p) && end_of_stmt(p);
	if (pb_is_word(p, "layer"))
		return stmt_layer(p) && end_of_stmt(p);
	if (pb_is_word(p, "check"))
		return stmt_check(p) && end_of_stmt(p);
	if (pb_is_word(p, "include"))
		return stmt_include(p) && end_of_stmt(p);
	if (pb_is_word(p, "note")) {
		char *s = NULL;
		pb_next_tok(p);
		if (!want_str(p, "a quoted note", &s))
			return false;
		if (p->cur)
			add_note(&p->cur->notes, &p->cur->nnotes, s);
		else
			add_note(&p->pb->notes, &p->pb->nnotes, s);
		free(s);
		return end_of_stmt(p);
	}
	if (pb_is_word(p, "window")) {
		if (!p->is_main) {
			fail(p, "'window' belongs in the playbook, not in an included fragment");
			return false;
		}
		pb_next_tok(p);
		if (p->tok.kind != PB_TK_NUM || p->tok.num < 0 || p->tok.num > 3600) {
			pb_expected(p, "a duration between 0 and 3600 seconds (3s, 500ms)");
			return false;
		}
		p->pb->window = p->tok.num;
		pb_next_tok(p);
		return end_of_stmt(p);
	}
	if (pb_is_word(p, "active")) {
		static const char *const kinds[] = {"tcp", "udp", "icmp", "df", "proto"};
		if (!p->is_main) {
			fail(p, "'active' belongs in the playbook, not in an included fragment");
			return false;
		}
		pb_next_tok(p);
		p->pb->active = -1;
		for (int i = 0; i < (int)NP_ARRAY_SIZE(kinds); i++)
			if (pb_is_word(p, kinds[i]))
				p->pb->active = i == 4 ? PB_ACTIVE_BY_PROTO : i;
		if (p->pb->active < 0) {
			pb_expected(p, "what active=yes sends: tcp, udp, icmp, df or proto");
			return false;
		}
		pb_next_tok(p);
		return end_of_stmt(p);
	}
	if (pb_is_word(p, "direction")) {
		pb_next_tok(p);
		if (pb_is_word(p, "rx"))
			p->pb->dir = PB_DIR_RX;
		else if (pb_is_word(p, "tx"))
			p->pb->dir = PB_DIR_TX;
		else {
			pb_expected(p, "rx or tx");
			return false;
		}
		pb_next_tok(p);
		return end_of_stmt(p);
	}
	fail(p,
	     "expected a statement (playbook, param, window, direction, active, include, layer, "
	     "check, note), got %s",
	     pb_got(p, g, sizeof(g)));
	return false;
}

static bool parse_text(struct parser *p, const char *text)
{
	(void)text;
	pb_next_tok(p);
	while (!p->failed && p->tok.kind != PB_TK_EOF) {
		if (p->tok.kind == PB_TK_NL) {
			pb_next_tok(p);
			continue;
		}
		if (!statement(p))
			return false;
		if (p->tok.kind == PB_TK_NL)
			pb_next_tok(p);
	}
	return !p->failed;
}

static void free_layer(struct pb_layer *l)
{
	free(l->title);
	pb_free_expr(l->when);
	for (int i = 0; i < l->nchecks; i++) {
		pb_free_expr(l->checks[i].cond);
		pb_free_expr(l->checks[i].when);
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
	p.pb = np_xcalloc(1, sizeof(*p.pb));
	p.pb->window = 3.0;
	p.pb->active = -1;
	p.file = pb_intern_file(p.pb, file ? file : "<text>");
	p.inc = inc;
	p.cookie = cookie;
	p.is_main = true;
	p.err = err;
	p.errlen = errlen;
	pb_lex_init(&p.lx, text);
	if (!parse_text(&p, text))
		goto bad;
	if (!p.pb->name) {
		pb_fail_at(&p, 1, 1, "expected 'playbook NAME \"summary\"', got an empty file");
		goto bad;
	}
	if (p.pb->nlayers == 0) {
		pb_fail_at(&p, p.tok.line, p.tok.col,
			   "expected at least one 'layer' in playbook '%s'", p.pb->name);
		goto bad;
	}
	p.pb->path = np_xstrdup(p.file);
	return p.pb;
bad:
	pb_free(p.pb);
	return NULL;
}
