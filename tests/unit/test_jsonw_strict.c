// SPDX-License-Identifier: GPL-2.0-only
/* JSON writer regressions found by tests/fuzz/fuzz_json: invalid UTF-8
 * (surrogates, overlong forms) is escaped, and nesting deeper than the
 * writer tracks still gives valid JSON. */
#include <stdlib.h>

#include "check.h"
#include "jsonw.h"

static char *escape(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	jsonw_escape(f, s);
	fclose(f);
	return buf;
}

int main(void)
{
	char *s;
	struct jsonw w;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	s = escape("caf\xc3\xa9 \xe2\x82\xac");
	CHECK_STR(s, "\"caf\xc3\xa9 \xe2\x82\xac\"");
	free(s);
	s = escape("\xed\xa0\x80"); /* UTF-16 surrogate D800 */
	CHECK_STR(s, "\"\\u00ed\\u00a0\\u0080\"");
	free(s);
	s = escape("\xe0\x80\xaf"); /* overlong '/' */
	CHECK_STR(s, "\"\\u00e0\\u0080\\u00af\"");
	free(s);
	s = escape("\xf4\x90\x80\x80"); /* above U+10FFFF */
	CHECK_STR(s, "\"\\u00f4\\u0090\\u0080\\u0080\"");
	free(s);
	s = escape("\xf0\x9f\x98\x80 \"q\" \x01");
	CHECK_STR(s, "\"\xf0\x9f\x98\x80 \\\"q\\\" \\u0001\"");
	free(s);

	f = open_memstream(&buf, &len);
	jsonw_init(&w, f, false);
	for (int i = 0; i < 40; i++)
		jsonw_obj_open(&w, i ? "k" : NULL);
	jsonw_u64(&w, "deep", 1);
	for (int i = 0; i < 40; i++)
		jsonw_obj_close(&w);
	jsonw_u64(&w, NULL, 2); /* nothing left open: a second top-level value */
	fclose(f);
	/* 31 objects opened, the 32nd became null, the rest were dropped. */
	CHECK(strstr(buf, "\"k\":null}") != NULL);
	CHECK(strstr(buf, "deep") == NULL);
	{
		int open = 0, close = 0;
		for (char *p = buf; *p; p++)
			open += *p == '{', close += *p == '}';
		CHECK(open == close && open == 31);
	}
	free(buf);
	return check_done();
}
