// SPDX-License-Identifier: GPL-2.0-only
#include <math.h>
#include <inttypes.h>

#include "jsonw.h"

void jsonw_init(struct jsonw *w, FILE *f, bool pretty)
{
	w->f = f;
	w->pretty = pretty;
	w->depth = 0;
	w->first[0] = true;
}

static void indent(struct jsonw *w)
{
	if (!w->pretty)
		return;
	fputc('\n', w->f);
	for (int i = 0; i < w->depth; i++)
		fputs("  ", w->f);
}

/* Comma, indentation and key before a value. */
static void member(struct jsonw *w, const char *key)
{
	if (w->depth > 0) {
		if (!w->first[w->depth])
			fputc(',', w->f);
		indent(w);
	}
	w->first[w->depth] = false;
	if (key) {
		jsonw_escape(w->f, key);
		fputs(w->pretty ? ": " : ":", w->f);
	}
}

static void push(struct jsonw *w, const char *key, char c)
{
	member(w, key);
	fputc(c, w->f);
	if (w->depth < JSONW_MAX_DEPTH - 1)
		w->depth++;
	w->first[w->depth] = true;
	w->kind[w->depth] = c;
}

static void pop(struct jsonw *w, char c)
{
	bool empty = w->first[w->depth];
	if (w->depth > 0)
		w->depth--;
	if (!empty)
		indent(w);
	fputc(c, w->f);
}

void jsonw_obj_open(struct jsonw *w, const char *key)
{
	push(w, key, '{');
}
void jsonw_obj_close(struct jsonw *w)
{
	pop(w, '}');
}
void jsonw_close(struct jsonw *w)
{
	if (w->depth > 0)
		pop(w, w->kind[w->depth] == '[' ? ']' : '}');
}

void jsonw_arr_open(struct jsonw *w, const char *key)
{
	push(w, key, '[');
}
void jsonw_arr_close(struct jsonw *w)
{
	pop(w, ']');
}

/* Length of a valid UTF-8 sequence starting at s, or 0. */
static int utf8_len(const unsigned char *s)
{
	int n;
	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0 && s[0] >= 0xc2)
		n = 2;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3;
	else if ((s[0] & 0xf8) == 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (int i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

void jsonw_escape(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	fputc('"', f);
	while (*s) {
		int n;
		switch (*s) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				fprintf(f, "\\u%04x", *s);
				break;
			}
			n = utf8_len(s);
			if (n == 0) {
				/* Not UTF-8 (an odd interface name): keep the byte visible. */
				fprintf(f, "\\u%04x", *s);
				break;
			}
			fwrite(s, 1, n, f);
			s += n;
			continue;
		}
		s++;
	}
	fputc('"', f);
}

void jsonw_str(struct jsonw *w, const char *key, const char *val)
{
	member(w, key);
	if (val)
		jsonw_escape(w->f, val);
	else
		fputs("null", w->f);
}

void jsonw_u64(struct jsonw *w, const char *key, uint64_t val)
{
	member(w, key);
	fprintf(w->f, "%" PRIu64, val);
}

void jsonw_i64(struct jsonw *w, const char *key, int64_t val)
{
	member(w, key);
	fprintf(w->f, "%" PRId64, val);
}

void jsonw_dbl(struct jsonw *w, const char *key, double val)
{
	member(w, key);
	if (isnan(val) || isinf(val))
		fputs("null", w->f);
	else if (val == (double)(int64_t)val && fabs(val) < 1e15)
		fprintf(w->f, "%.1f", val);
	else
		fprintf(w->f, "%.6g", val);
}

void jsonw_bool(struct jsonw *w, const char *key, bool val)
{
	member(w, key);
	fputs(val ? "true" : "false", w->f);
}

void jsonw_null(struct jsonw *w, const char *key)
{
	member(w, key);
	fputs("null", w->f);
}
