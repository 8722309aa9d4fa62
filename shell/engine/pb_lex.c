// SPDX-License-Identifier: GPL-2.0-only
/* Playbook lexer.  Small on purpose: every character either belongs to a
 * token, is whitespace/comment, or is an error with its position, so the
 * parser above can never loop on bad input. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pb_lex.h"

void pb_lex_init(struct pb_lexer *lx, const char *text)
{
	lx->s = text ? text : "";
	lx->pos = 0;
	lx->line = 1;
	lx->col = 1;
}

static char peek(const struct pb_lexer *lx, size_t off)
{
	/* Never read past the terminating NUL. */
	for (size_t i = 0; i < off; i++)
		if (!lx->s[lx->pos + i])
			return '\0';
	return lx->s[lx->pos + off];
}

static void adv(struct pb_lexer *lx)
{
	if (!lx->s[lx->pos])
		return;
	if (lx->s[lx->pos] == '\n') {
		lx->line++;
		lx->col = 1;
	} else {
		lx->col++;
	}
	lx->pos++;
}

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.' || c == ':' ||
	       c == '/' || c == '$' || c == '{' || c == '}';
}

static void err(struct pb_token *t, const char *fmt, const char *arg)
{
	t->kind = PB_TK_ERR;
	snprintf(t->text, sizeof(t->text), fmt, arg);
}

static void lex_string(struct pb_lexer *lx, struct pb_token *t)
{
	size_t n = 0;
	adv(lx); /* opening quote */
	for (;;) {
		char c = peek(lx, 0);
		if (c == '\0' || c == '\n') {
			err(t, "unterminated string: expected '\"' before the end of the %s",
			    c ? "line" : "file");
			return;
		}
		if (c == '"') {
			adv(lx);
			break;
		}
		if (c == '\\') {
			char e = peek(lx, 1);
			adv(lx);
			if (e == 'n')
				c = '\n';
			else if (e == '"' || e == '\\')
				c = e;
			else {
				err(t, "unknown escape '\\%s' in a string (use \\\", \\\\ or \\n)",
				    e ? (char[]){e, 0} : "");
				return;
			}
		}
		if ((unsigned char)c < 0x20 && c != '\n' && c != '\t') {
			err(t, "control character in a string%s", "");
			return;
		}
		if (n + 1 >= sizeof(t->text)) {
			err(t, "string longer than %s bytes", "511");
			return;
		}
		t->text[n++] = c;
		adv(lx);
	}
	t->text[n] = '\0';
	t->kind = PB_TK_STR;
}

static void lex_word(struct pb_lexer *lx, struct pb_token *t)
{
	size_t n = 0;
	for (;;) {
		char c = peek(lx, 0);
		if (c == '[') {
			/* A bracketed part of a fact key: anything up to ']'. */
			for (;;) {
				if (n + 2 >= sizeof(t->text)) {
					err(t, "word longer than %s bytes", "510");
					return;
				}
				t->text[n++] = c;
				adv(lx);
				if (c == ']')
					break;
				c = peek(lx, 0);
				if (c == '\0' || c == '\n' || c == '[') {
					err(t, "expected ']' to close '['%s", "");
					return;
				}
			}
			continue;
		}
		if (c == ']') {
			err(t, "unexpected ']'%s", "");
			adv(lx);
			return;
		}
		if (!word_char(c))
			break;
		if (n + 2 >= sizeof(t->text)) {
			err(t, "word longer than %s bytes", "510");
			return;
		}
		t->text[n++] = c;
		adv(lx);
	}
	t->text[n] = '\0';
	t->kind = PB_TK_WORD;
	/* Numbers: digits (optionally signed), an optional fraction and a unit. */
	if (isdigit((unsigned char)t->text[0]) ||
	    (t->text[0] == '-' && isdigit((unsigned char)t->text[1]))) {
		char *end;
		double v = strtod(t->text, &end);
		if (end != t->text && strchr("0123456789.", end[-1])) {
			if (!*end)
				; /* plain number */
			else if (!strcmp(end, "s"))
				;
			else if (!strcmp(end, "ms"))
				v /= 1000.0;
			else if (!strcmp(end, "m"))
				v *= 60.0;
			else
				return; /* 10.0.0.1, 1a: a word */
			t->kind = PB_TK_NUM;
			t->num = v;
		}
	}
}

void pb_lex_next(struct pb_lexer *lx, struct pb_token *t)
{
	char c;

	memset(t, 0, offsetof(struct pb_token, text) + 1);
	t->num = 0;
	for (;;) {
		c = peek(lx, 0);
		if (c == ' ' || c == '\t' || c == '\r') {
			adv(lx);
		} else if (c == '#') {
			while (peek(lx, 0) && peek(lx, 0) != '\n')
				adv(lx);
		} else if (c == '\\' &&
			   (peek(lx, 1) == '\n' || (peek(lx, 1) == '\r' && peek(lx, 2) == '\n'))) {
			adv(lx); /* line continuation */
			if (peek(lx, 0) == '\r')
				adv(lx);
			adv(lx);
		} else {
			break;
		}
	}
	t->line = lx->line;
	t->col = lx->col;
	t->text[0] = '\0';
	switch (c) {
	case '\0':
		t->kind = PB_TK_EOF;
		return;
	case '\n':
		adv(lx);
		t->kind = PB_TK_NL;
		return;
	case '"':
		lex_string(lx, t);
		return;
	case '(':
	case ')':
	case ',':
	case '*':
	case '+':
		adv(lx);
		t->kind = c == '('   ? PB_TK_LP
			  : c == ')' ? PB_TK_RP
			  : c == '*' ? PB_TK_STAR
			  : c == '+' ? PB_TK_PLUS
				     : PB_TK_COMMA;
		t->text[0] = c;
		t->text[1] = '\0';
		return;
	case '=':
	case '!':
	case '<':
	case '>':
		t->text[0] = c;
		adv(lx);
		if (peek(lx, 0) == '=') {
			t->text[1] = '=';
			t->text[2] = '\0';
			adv(lx);
		} else {
			t->text[1] = '\0';
			if (c == '=' || c == '!') {
				err(t, "expected '%s=' (comparisons are ==, !=, <, <=, >, >=)",
				    c == '=' ? "=" : "!");
				return;
			}
		}
		t->kind = PB_TK_OP;
		return;
	}
	if (word_char(c) || c == '[') {
		if (c == '[') {
			err(t, "unexpected '['; a fact key starts with a name: link[DEV].mtu%s",
			    "");
			adv(lx);
			return;
		}
		lex_word(lx, t);
		return;
	}
	adv(lx);
	if ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7f)
		err(t, "unexpected character '%s'", (char[]){c, 0});
	else
		err(t, "unexpected byte%s (playbooks are ASCII text)", "");
}

const char *pb_tok_name(enum pb_tok k)
{
	switch (k) {
	case PB_TK_EOF:
		return "end of file";
	case PB_TK_NL:
		return "end of line";
	case PB_TK_WORD:
		return "a word";
	case PB_TK_STR:
		return "a string";
	case PB_TK_NUM:
		return "a number";
	case PB_TK_OP:
		return "an operator";
	case PB_TK_LP:
		return "'('";
	case PB_TK_RP:
		return "')'";
	case PB_TK_COMMA:
		return "','";
	case PB_TK_STAR:
		return "'*'";
	case PB_TK_PLUS:
		return "'+'";
	case PB_TK_ERR:
		return "an error";
	}
	return "?";
}
