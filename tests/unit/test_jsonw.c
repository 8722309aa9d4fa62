// SPDX-License-Identifier: GPL-2.0-only
/* JSON writer: nesting, commas, escaping of every string. */
#include <stdlib.h>

#include "check.h"
#include "jsonw.h"

static char *render(void (*fn)(struct jsonw *), bool pretty)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct jsonw w;
	jsonw_init(&w, f, pretty);
	fn(&w);
	fclose(f);
	return buf;
}

static void nested(struct jsonw *w)
{
	jsonw_obj_open(w, NULL);
	jsonw_str(w, "a", "x");
	jsonw_arr_open(w, "b");
	jsonw_u64(w, NULL, 1);
	jsonw_i64(w, NULL, -2);
	jsonw_obj_open(w, NULL);
	jsonw_obj_close(w);
	jsonw_arr_close(w);
	jsonw_bool(w, "c", true);
	jsonw_null(w, "d");
	jsonw_dbl(w, "e", 3.0);
	jsonw_dbl(w, "f", 0.25);
	jsonw_str(w, "g", NULL);
	jsonw_obj_close(w);
}

static void escapes(struct jsonw *w)
{
	jsonw_obj_open(w, NULL);
	jsonw_str(w, "q\"k", "a\"b\\c\n\t\x01\x7f");
	jsonw_str(w, "utf8", "caf\xc3\xa9");
	jsonw_str(w, "bad", "x\xff\xc3y");
	jsonw_obj_close(w);
}

static void unbalanced(struct jsonw *w)
{
	jsonw_obj_open(w, NULL);
	jsonw_arr_open(w, "a");
	jsonw_obj_open(w, NULL);
	jsonw_u64(w, "n", 1);
	/* a failing command leaves levels open: close them generically */
	while (w->depth > 0)
		jsonw_close(w);
}

static void nonfinite(struct jsonw *w)
{
	jsonw_arr_open(w, NULL);
	jsonw_dbl(w, NULL, 0.0 / 0.0);
	jsonw_dbl(w, NULL, 1.0 / 0.0);
	jsonw_arr_close(w);
}

int main(void)
{
	char *s = render(nested, false);
	CHECK_STR(s, "{\"a\":\"x\",\"b\":[1,-2,{}],\"c\":true,\"d\":null,\"e\":3.0,\"f\":0.25,\"g\":null}");
	free(s);
	s = render(escapes, false);
	CHECK_STR(s, "{\"q\\\"k\":\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\",\"utf8\":\"caf\xc3\xa9\","
		     "\"bad\":\"x\\u00ff\\u00c3y\"}");
	free(s);
	s = render(unbalanced, false);
	CHECK_STR(s, "{\"a\":[{\"n\":1}]}");
	free(s);
	s = render(nonfinite, false);
	CHECK_STR(s, "[null,null]");
	free(s);
	s = render(nested, true);
	CHECK(s && strstr(s, "\n  \"a\": \"x\",\n") != NULL);
	free(s);
	return check_done();
}
