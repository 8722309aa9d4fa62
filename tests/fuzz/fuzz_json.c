// SPDX-License-Identifier: GPL-2.0-only
/* The JSON emitter fed with hostile strings: interface names, fact keys and
 * error messages echo user input, so whatever bytes arrive, `-j` output must
 * stay one valid JSON object in strict UTF-8 (jq and Python reject anything
 * else, and a monitor would then lose the verdict).  The first byte picks
 * where the string goes (key, value, error, warning, table cell). */
#include "fuzz.h"
#include "output.h"

/* A minimal strict JSON checker: enough to prove the emitter's escaping and
 * nesting; numbers are what printf made, so only their characters are checked. */
struct jp {
	const char *s;
	size_t i, n;
};

static int jp_value(struct jp *p, int depth);

static void jp_ws(struct jp *p)
{
	while (p->i < p->n && strchr(" \t\n\r", p->s[p->i]))
		p->i++;
}

static int jp_string(struct jp *p)
{
	if (p->i >= p->n || p->s[p->i] != '"')
		return 0;
	p->i++;
	while (p->i < p->n) {
		unsigned char c = (unsigned char)p->s[p->i++];
		if (c == '"')
			return 1;
		if (c < 0x20)
			return 0;
		if (c == '\\') {
			if (p->i >= p->n)
				return 0;
			c = (unsigned char)p->s[p->i++];
			if (c == 'u') {
				for (int k = 0; k < 4; k++, p->i++)
					if (p->i >= p->n || !strchr("0123456789abcdefABCDEF", p->s[p->i]))
						return 0;
			} else if (!strchr("\"\\/bfnrt", c)) {
				return 0;
			}
		}
	}
	return 0;
}

static int jp_value(struct jp *p, int depth)
{
	if (depth > 64)
		return 0;
	jp_ws(p);
	if (p->i >= p->n)
		return 0;
	switch (p->s[p->i]) {
	case '"':
		return jp_string(p);
	case '{':
	case '[': {
		char close = p->s[p->i] == '{' ? '}' : ']';
		p->i++;
		jp_ws(p);
		if (p->i < p->n && p->s[p->i] == close) {
			p->i++;
			return 1;
		}
		for (;;) {
			jp_ws(p);
			if (close == '}') {
				if (!jp_string(p))
					return 0;
				jp_ws(p);
				if (p->i >= p->n || p->s[p->i++] != ':')
					return 0;
			}
			if (!jp_value(p, depth + 1))
				return 0;
			jp_ws(p);
			if (p->i >= p->n)
				return 0;
			if (p->s[p->i] == close) {
				p->i++;
				return 1;
			}
			if (p->s[p->i++] != ',')
				return 0;
		}
	}
	default: {
		size_t st = p->i;
		while (p->i < p->n && strchr("-+.0123456789eEtruefalsn", p->s[p->i]))
			p->i++;
		return p->i > st;
	}
	}
}

static void check_json(const char *buf, size_t len)
{
	struct jp p = {buf, 0, len};
	FUZZ_ASSERT(fuzz_utf8_ok((const unsigned char *)buf, len));
	FUZZ_ASSERT(jp_value(&p, 0));
	jp_ws(&p);
	FUZZ_ASSERT(p.i == len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct np_col cols[] = {
		{"name", "NAME", NP_COL_STR},
		{"n", "N", NP_COL_U64},
	};
	char *buf = NULL, *s;
	size_t len = 0;
	FILE *f, *null;
	struct np_out *o;
	struct np_table *t;
	unsigned mode;

	if (size < 1)
		return 0;
	mode = data[0];
	s = fuzz_cstr(data + 1, size - 1);
	f = open_memstream(&buf, &len);
	null = fopen("/dev/null", "w");
	if (!f || !null)
		abort();
	o = np_out_new(f, null, true, mode & 0x80, false);
	np_out_begin(o, (mode & 7) == 0 ? s : "fuzz");
	switch (mode & 7) {
	case 1:
		np_print_str(o, s, NULL, "v");
		break;
	case 2:
		np_error(o, s, "%s", s);
		break;
	case 3:
		np_warn(o, "%s", s);
		break;
	case 4:
		t = np_table_begin(o, "rows", s, cols, 2);
		np_row_begin(t);
		np_cell_str(t, s);
		np_cell_u64(t, size);
		np_row_end(t);
		np_table_end(t);
		break;
	case 5:
		/* A failing command leaves nesting open: np_out_end closes it. */
		for (size_t k = 0; k < (size & 63); k++)
			np_open_obj(o, k & 1 ? s : "x");
		break;
	default:
		np_print_str(o, "value", NULL, s);
		break;
	}
	np_out_end(o);
	fclose(f);
	fclose(null);
	np_out_free(o);
	check_json(buf, len);
	free(buf);
	free(s);
	return 0;
}
