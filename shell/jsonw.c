// SPDX-License-Identifier: GPL-2.0-only
#include <math.h>
#include <inttypes.h>

#include "jsonw.h"

void jsonw_init(struct jsonw *w, FILE *f, bool pretty)
{
	w->f = f;
	w->pretty = pretty;
	w->depth = 0;
	w->skip = 0;
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
	/* Too deep to track commas: the container becomes null and all it
	 * holds is dropped, so the output stays valid JSON. */
	if (w->skip || w->depth >= JSONW_MAX_DEPTH - 1) {
		if (!w->skip) {
			member(w, key);
			fputs("null", w->f);
		}
		w->skip++;
		return;
	}
	member(w, key);
	fputc(c, w->f);
	w->depth++;
	w->first[w->depth] = true;
	w->kind[w->depth] = c;
}

static void pop(struct jsonw *w, char c)
{
	bool empty = w->first[w->depth];
	if (w->skip) {
		w->skip--;
		return;
	}
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
	if (w->skip)
		w->skip--;
	else if (w->depth > 0)
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

/* Length of a valid UTF-8 sequence starting at s, or 0.  Strict (RFC 3629):
 * no overlong forms, no surrogates, nothing above U+10FFFF -- jq and
 * Python's json reject those, so they are escaped byte by byte instead. */
int jsonw_utf8_len(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;
	int n;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	/* The second byte's range is what excludes the bad forms. */
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (int i = 2; i < n; i++)
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
			if (*s < 0x80) {
				/* A run of plain ASCII goes out in one call: one
				 * fwrite per byte was most of a large dump's time. */
				const unsigned char *e = s;
				while (*e >= 0x20 && *e < 0x7f && *e != '"' && *e != '\\')
					e++;
				fwrite(s, 1, (size_t)(e - s), f);
				s = e;
				continue;
			}
			n = jsonw_utf8_len(s);
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
	if (w->skip)
		return;
	member(w, key);
	if (val)
		jsonw_escape(w->f, val);
	else
		fputs("null", w->f);
}

void jsonw_u64(struct jsonw *w, const char *key, uint64_t val)
{
	if (w->skip)
		return;
	member(w, key);
	fprintf(w->f, "%" PRIu64, val);
}

void jsonw_i64(struct jsonw *w, const char *key, int64_t val)
{
	if (w->skip)
		return;
	member(w, key);
	fprintf(w->f, "%" PRId64, val);
}

void jsonw_dbl(struct jsonw *w, const char *key, double val)
{
	if (w->skip)
		return;
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
	if (w->skip)
		return;
	member(w, key);
	fputs(val ? "true" : "false", w->f);
}

void jsonw_null(struct jsonw *w, const char *key)
{
	if (w->skip)
		return;
	member(w, key);
	fputs("null", w->f);
}
