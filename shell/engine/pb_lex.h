/* SPDX-License-Identifier: GPL-2.0-only */
/* Playbook lexer: line-oriented tokens with line:col positions.  Newlines
 * end statements; a trailing backslash continues a line; '#' comments. */
#ifndef NP_PB_LEX_H
#define NP_PB_LEX_H

#include <stddef.h>

enum pb_tok {
	PB_TK_EOF,
	PB_TK_NL,
	PB_TK_WORD, /* name, fact key (with [..] parts), $param, address */
	PB_TK_STR,  /* "quoted" (escapes decoded) */
	PB_TK_NUM,  /* 3, 0.5, 2s, 500ms, 1m (value in seconds for durations) */
	PB_TK_OP,   /* == != < <= > >= */
	PB_TK_LP,
	PB_TK_RP,
	PB_TK_COMMA,
	PB_TK_STAR, /* '*': scales a number (count < max * 0.9) */
	PB_TK_PLUS, /* '+': sums numbers (a + b) */
	PB_TK_ERR,  /* lexical error: text holds the message */
};

#define PB_TOK_MAX 512

struct pb_token {
	enum pb_tok kind;
	char text[PB_TOK_MAX];
	double num;
	int line, col;
};

struct pb_lexer {
	const char *s;
	size_t pos;
	int line, col;
};

void pb_lex_init(struct pb_lexer *lx, const char *text);
/* Next token.  Never fails to advance: errors come back as PB_TK_ERR. */
void pb_lex_next(struct pb_lexer *lx, struct pb_token *t);
const char *pb_tok_name(enum pb_tok k);

#endif
