// SPDX-License-Identifier: GPL-2.0-only
/* Parser and value writer of fact capture files (format in replay.h).
 * Pure: bytes in, entries out.  Every error names line and column. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"
#include "xalloc.h"

struct cur {
	const char *name;
	const char *p, *end; /* rest of the current line */
	const char *bol;     /* start of the line, for columns */
	int line;
	char *err;
	size_t errlen;
};

static int fail(struct cur *c, const char *at, const char *fmt, ...) NP_PRINTF(3, 4);
static int fail(struct cur *c, const char *at, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(c->err, c->errlen, "%s:%d:%d: %s", c->name, c->line, (int)(at - c->bol) + 1, msg);
	return -EINVAL;
}

static void skip_ws(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

static void rvalue_free(struct np_rvalue *v)
{
	if (v->type == NP_FACT_STR)
		free(v->s);
	v->s = NULL;
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static int parse_quoted(struct cur *c, struct np_rvalue *v)
{
	char *buf = np_xmalloc(NP_REPLAY_STR_MAX + 1);
	size_t n = 0;
	const char *open = c->p++;
	while (c->p < c->end && *c->p != '"') {
		char ch = *c->p++;
		if (ch == '\\') {
			if (c->p >= c->end)
				break;
			ch = *c->p++;
			switch (ch) {
			case '\\':
			case '"':
				break;
			case 'n':
				ch = '\n';
				break;
			case 't':
				ch = '\t';
				break;
			case 'r':
				ch = '\r';
				break;
			case 'x': {
				int h = c->p + 1 < c->end ? hexval(c->p[0]) : -1;
				int l = h >= 0 ? hexval(c->p[1]) : -1;
				if (l < 0 || (h == 0 && l == 0)) {
					free(buf);
					return fail(c, c->p - 2,
						    "\\x takes two hex digits (not 00)");
				}
				ch = (char)(h * 16 + l);
				c->p += 2;
				break;
			}
			default:
				free(buf);
				return fail(c, c->p - 2,
					    "unknown escape '\\%c' (\\\\ \\\" \\n \\t \\r \\xHH)",
					    ch >= 0x20 && ch < 0x7f ? ch : '?');
			}
		}
		if (n == NP_REPLAY_STR_MAX) {
			free(buf);
			return fail(c, open, "string longer than %d bytes", NP_REPLAY_STR_MAX);
		}
		buf[n++] = ch;
	}
	if (c->p >= c->end) {
		free(buf);
		return fail(c, open, "unterminated string (a closing \" on the same line)");
	}
	c->p++;
	buf[n] = '\0';
	v->type = NP_FACT_STR;
	v->s = buf;
	return 0;
}

/* Numbers are bare tokens of digits, sign, '.', 'e': no hex, inf or nan. */
static bool numeric_token(const char *s)
{
	bool digit = false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (!strchr("+-.eE", *s))
			return false;
	}
	return digit;
}

static int parse_value(struct cur *c, struct np_rvalue *v)
{
	const char *start = c->p;
	char tok[128], *endp;
	size_t n;

	memset(v, 0, sizeof(*v));
	if (c->p >= c->end || *c->p == '#')
		return fail(c, c->p, "expected a value (number, word or \"string\")");
	if (*c->p == '"')
		return parse_quoted(c, v);
	while (c->p < c->end && *c->p != ' ' && *c->p != '\t' && *c->p != '"' && *c->p != '#')
		c->p++;
	n = (size_t)(c->p - start);
	if (n == 2 && !memcmp(start, "->", 2))
		return fail(c, start, "expected a value before '->'");
	if (n >= sizeof(tok))
		return fail(c, start, "bare word longer than %zu bytes: quote it", sizeof(tok) - 1);
	if (c->p < c->end && *c->p == '"')
		return fail(c, c->p, "a quote inside a bare word: quote the whole value");
	memcpy(tok, start, n);
	tok[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)tok[i] < 0x20 || tok[i] == 0x7f)
			return fail(c, start + i, "control byte in a bare word: quote the value");
	if (numeric_token(tok)) {
		errno = 0;
		long long ll = strtoll(tok, &endp, 10);
		if (!*endp) {
			if (errno == ERANGE)
				return fail(c, start, "integer out of range (64-bit signed)");
			v->type = NP_FACT_INT;
			v->i = ll;
			v->d = (double)ll;
			return 0;
		}
		double d = strtod(tok, &endp);
		if (!*endp && isfinite(d)) {
			v->type = NP_FACT_DBL;
			v->d = d;
			v->i = d > 9.2e18 ? INT64_MAX : d < -9.2e18 ? INT64_MIN : (int64_t)d;
			return 0;
		}
		return fail(c, start, "'%s' is not a number: quote it to make it a string", tok);
	}
	v->type = NP_FACT_STR;
	v->s = np_xstrdup(tok);
	return 0;
}

/* KEY: fact-key bytes up to whitespace or '=' outside brackets. */
static int parse_key(struct cur *c, char *key, size_t len)
{
	const char *start = c->p;
	char why[160];
	struct np_factkey k;
	size_t n;

	while (c->p < c->end && *c->p != ' ' && *c->p != '\t' && *c->p != '=') {
		if (*c->p == '[') {
			const char *close = memchr(c->p, ']', (size_t)(c->end - c->p));
			if (!close)
				return fail(c, c->p, "'[' without ']' in the key");
			c->p = close;
		}
		c->p++;
	}
	n = (size_t)(c->p - start);
	if (n == 0)
		return fail(c, start, "expected a fact key");
	if (n >= len)
		return fail(c, start, "fact key longer than %zu bytes", len - 1);
	memcpy(key, start, n);
	key[n] = '\0';
	if (memchr(key, '\0', n))
		return fail(c, start, "NUL byte in the key");
	if (np_factkey_parse(key, &k, why, sizeof(why)))
		return fail(c, start, "bad fact key: %s", why);
	return 0;
}

static int parse_line(struct cur *c, struct np_rentry *e)
{
	char key[NP_FACTKEY_MAX];
	int err;

	memset(e, 0, sizeof(*e));
	e->line = c->line;
	if ((err = parse_key(c, key, sizeof(key))))
		return err;
	skip_ws(c);
	if (c->p >= c->end || *c->p != '=')
		return fail(c, c->p, "expected '=' after the key");
	c->p++;
	skip_ws(c);
	if ((err = parse_value(c, &e->after)))
		return err;
	skip_ws(c);
	if (c->end - c->p >= 2 && !memcmp(c->p, "->", 2)) {
		c->p += 2;
		skip_ws(c);
		e->before = e->after;
		memset(&e->after, 0, sizeof(e->after));
		if ((err = parse_value(c, &e->after))) {
			rvalue_free(&e->before);
			return err;
		}
		e->delta = true;
		skip_ws(c);
	}
	if (c->p < c->end && *c->p != '#') {
		fail(c, c->p, "unexpected '%c' after the value (one value, or BEFORE -> AFTER)",
		     *c->p >= 0x20 && *c->p < 0x7f ? *c->p : '?');
		goto bad;
	}
	if (c->p < c->end && c->p[-1] != ' ' && c->p[-1] != '\t') {
		fail(c, c->p, "a comment needs a space before '#'");
		goto bad;
	}
	e->key = np_xstrdup(key);
	if (!e->delta) {
		/* Both sides are the same value: share nothing, copy. */
		e->before = e->after;
		if (e->after.type == NP_FACT_STR)
			e->before.s = np_xstrdup(e->after.s);
	}
	return 0;
bad:
	err = -EINVAL;
	if (e->delta)
		rvalue_free(&e->before);
	rvalue_free(&e->after);
	return err;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct np_rentry *x = a, *y = b;
	int r = strcmp(x->key, y->key);
	return r ? r : x->line - y->line;
}

void np_replay_free(struct np_replay *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->e[i].key);
		rvalue_free(&r->e[i].before);
		rvalue_free(&r->e[i].after);
	}
	free(r->e);
	free(r);
}

int np_replay_parse(const char *name, const char *text, size_t len, struct np_replay **out,
		    char *err, size_t errlen)
{
	struct np_replay *r = np_xcalloc(1, sizeof(*r));
	struct cur c = {.name = name, .err = err, .errlen = errlen};
	size_t cap = 0;
	const char *p = text, *end = text + len;
	int rc = 0;

	*out = NULL;
	for (c.line = 1; p < end; c.line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		c.bol = c.p = p;
		c.end = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
		p = nl ? nl + 1 : end;
		const char *nul = memchr(c.p, '\0', (size_t)(c.end - c.p));
		if (nul) {
			rc = fail(&c, nul, "NUL byte");
			goto bad;
		}
		skip_ws(&c);
		if (c.p == c.end || *c.p == '#')
			continue;
		if (r->n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct np_rentry *ne = np_xreallocarray(r->e, ncap, sizeof(*ne));
			r->e = ne;
			cap = ncap;
		}
		if ((rc = parse_line(&c, &r->e[r->n])))
			goto bad;
		r->n++;
	}
	if (r->n)
		qsort(r->e, r->n, sizeof(*r->e), cmp_entry);
	for (size_t i = 1; i < r->n; i++)
		if (!strcmp(r->e[i].key, r->e[i - 1].key)) {
			snprintf(err, errlen,
				 "%s:%d:1: '%s' again (first at line %d): a key appears once", name,
				 r->e[i].line, r->e[i].key, r->e[i - 1].line);
			rc = -EINVAL;
			goto bad;
		}
	*out = r;
	return 0;
bad:
	np_replay_free(r);
	return rc;
}

size_t np_replay_lower_bound(const struct np_replay *r, const char *prefix)
{
	size_t lo = 0, hi = r ? r->n : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(r->e[mid].key, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct np_rentry *np_replay_find(const struct np_replay *r, const char *key)
{
	size_t i = np_replay_lower_bound(r, key);
	return r && i < r->n && !strcmp(r->e[i].key, key) ? &r->e[i] : NULL;
}

void np_replay_format_value(char *buf, size_t len, const struct np_rvalue *v)
{
	size_t o = 0;
	if (len < 3) {
		if (len)
			buf[0] = '\0';
		return;
	}
	switch (v->type) {
	case NP_FACT_INT:
		snprintf(buf, len, "%lld", (long long)v->i);
		return;
	case NP_FACT_DBL:
		if (!isfinite(v->d)) {
			/* Not representable as a number in the file. */
			snprintf(buf, len, "\"%s\"",
				 isnan(v->d) ? "nan"
				 : v->d > 0  ? "inf"
					     : "-inf");
			return;
		}
		snprintf(buf, len, "%.17g", v->d);
		if (!strpbrk(buf, ".eE"))
			strncat(buf, ".0", len - strlen(buf) - 1);
		return;
	case NP_FACT_STR:
		break;
	}
	buf[o++] = '"';
	for (const unsigned char *s = (const unsigned char *)(v->s ? v->s : ""); *s; s++) {
		char esc[5];
		const char *put = esc;
		if (*s == '\\' || *s == '"')
			snprintf(esc, sizeof(esc), "\\%c", *s);
		else if (*s == '\n')
			put = "\\n";
		else if (*s == '\t')
			put = "\\t";
		else if (*s == '\r')
			put = "\\r";
		else if (*s < 0x20 || *s == 0x7f)
			snprintf(esc, sizeof(esc), "\\x%02x", *s);
		else
			esc[0] = (char)*s, esc[1] = '\0';
		size_t pl = strlen(put);
		if (o + pl + 2 > len)
			break; /* truncated: still a closed string */
		memcpy(buf + o, put, pl);
		o += pl;
	}
	buf[o++] = '"';
	buf[o < len ? o : len - 1] = '\0';
}

void np_rvalue_from_fact(struct np_rvalue *v, const struct np_fact *f)
{
	v->type = f->type;
	v->i = f->i;
	v->d = f->d;
	v->s = f->type == NP_FACT_STR ? f->s : NULL;
}

int np_rvalue_publish(struct np_facts *fs, const char *key, const struct np_rvalue *v)
{
	switch (v->type) {
	case NP_FACT_INT:
		return np_fact_set_int(fs, key, v->i);
	case NP_FACT_DBL:
		return np_fact_set_dbl(fs, key, v->d);
	case NP_FACT_STR:
		break;
	}
	return np_fact_set_str(fs, key, v->s);
}
