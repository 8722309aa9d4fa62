// SPDX-License-Identifier: GPL-2.0-only
/* The playbook parser's token and error helpers, and the check of
 * $param references (see pb_parser.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pb_internal.h"
#include "pb_parser.h"
#include "xalloc.h"

void pb_fail_at(struct parser *p, int line, int col, const char *fmt, ...)
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

void pb_next_tok(struct parser *p)
{
	pb_lex_next(&p->lx, &p->tok);
	if (p->tok.kind == PB_TK_ERR)
		fail(p, "%s", p->tok.text);
}

/* Describe the current token for "expected X, got Y". */
const char *pb_got(const struct parser *p, char *buf, size_t len)
{
	if (p->tok.kind == PB_TK_WORD || p->tok.kind == PB_TK_OP || p->tok.kind == PB_TK_NUM)
		snprintf(buf, len, "'%.60s'", p->tok.text);
	else if (p->tok.kind == PB_TK_STR)
		snprintf(buf, len, "\"%.60s\"", p->tok.text);
	else
		snprintf(buf, len, "%s", pb_tok_name(p->tok.kind));
	return buf;
}

void pb_expected(struct parser *p, const char *what)
{
	char g[80];
	fail(p, "expected %s, got %s", what, pb_got(p, g, sizeof(g)));
}

bool pb_is_word(const struct parser *p, const char *w)
{
	return p->tok.kind == PB_TK_WORD && !strcmp(p->tok.text, w);
}

struct pb_loc pb_here(const struct parser *p)
{
	return (struct pb_loc){p->file, p->tok.line, p->tok.col};
}

const char *pb_intern_file(struct pb_playbook *pb, const char *file)
{
	for (int i = 0; i < pb->nfiles; i++)
		if (!strcmp(pb->files[i], file))
			return pb->files[i];
	pb->files = np_xreallocarray(pb->files, (size_t)pb->nfiles + 1, sizeof(*pb->files));
	pb->files[pb->nfiles] = np_xstrdup(file);
	return pb->files[pb->nfiles++];
}

/* Every $name / ${name} in text must be a declared parameter. */
bool pb_check_param_refs(struct parser *p, const char *text, int line, int col)
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
			pb_fail_at(p, line, col, "expected a parameter name after '$'%s",
				   brace ? " and a closing '}'" : "");
			return false;
		}
		if (pb_param_index(p->pb, n, len) < 0) {
			pb_fail_at(p, line, col,
				   "unknown parameter '$%.*s' (declare it with `param`)", (int)len,
				   n);
			return false;
		}
	}
	return true;
}
