/* SPDX-License-Identifier: GPL-2.0-only */
/* Inside the playbook parser (not an API outside shell/engine/): the
 * parser's state and the helpers its files share.  pb_parser.c holds the
 * token and error helpers, pb_parse_expr.c the expression grammar,
 * pb_parse.c the statements. */
#ifndef NP_PB_PARSER_H
#define NP_PB_PARSER_H

#include "pb.h"
#include "pb_lex.h"

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

/* The first error wins: "file:line:col: what". */
void pb_fail_at(struct parser *p, int line, int col, const char *fmt, ...) NP_PRINTF(4, 5);
#define fail(p, ...) pb_fail_at(p, (p)->tok.line, (p)->tok.col, __VA_ARGS__)
/* The next token (a lexer error fails). */
void pb_next_tok(struct parser *p);
/* "expected WHAT, got <the current token>". */
void pb_expected(struct parser *p, const char *what);
bool pb_is_word(const struct parser *p, const char *w);
/* Where the current token is. */
struct pb_loc pb_here(const struct parser *p);
/* The playbook's copy of a file name (locations point into it). */
const char *pb_intern_file(struct pb_playbook *pb, const char *file);
/* Every $name / ${name} in text must be a declared parameter. */
bool pb_check_param_refs(struct parser *p, const char *text, int line, int col);

/* The current token as "expected X, got Y" shows it. */
const char *pb_got(const struct parser *p, char *buf, size_t len);

/* pb_parse_expr.c: expr := and { 'or' and } (doc/PLAYBOOKS.md). */
struct pb_expr *pb_parse_expr(struct parser *p);
void pb_free_expr(struct pb_expr *e);
void pb_free_val(struct pb_val *v);
struct pb_expr *pb_new_expr(struct parser *p, enum pb_ekind k);
/* A word that names a fact: starts with a letter, holds '.' or '['. */
bool pb_looks_like_fact(const char *w);
/* A fact key of the playbook (parameters declared, its family accepts
 * it), or an error at the current token. */
bool pb_check_fact(struct parser *p, const char *key);

#endif
