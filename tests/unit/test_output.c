// SPDX-License-Identifier: GPL-2.0-only
/* The emitter: the same calls give aligned text and valid JSON. */
#include <stdlib.h>

#include "check.h"
#include "output.h"

static const struct np_col cols[] = {
    {"name", "NAME", NP_COL_STR},
    {"drops", "DROPS", NP_COL_U64},
    {"rate", "RATE", NP_COL_DBL, 0, 1},
    {"hidden", "HIDDEN", NP_COL_STR, NP_COL_JSON_ONLY},
};

static void emit(struct np_out *o)
{
	struct np_table *t;
	np_out_begin(o, "demo");
	np_print_str(o, "dev", "dev %s\n", "eth\"0");
	np_print_u64(o, "mtu", "mtu %llu\n", 1500);
	t = np_table_begin(o, "rows", NULL, cols, 4);
	np_row_begin(t);
	np_cell_str(t, "a");
	np_cell_u64(t, 5);
	np_cell_dbl(t, 0.25);
	np_cell_str(t, "x");
	np_row_end(t);
	np_row_begin(t);
	np_cell_str(t, "longer");
	np_cell_u64(t, 12345);
	np_row_end(t); /* missing cells are filled */
	np_table_end(t);
	np_text(o, "text only\n");
	np_warn(o, "careful");
	np_open_obj(o, "left_open");
	np_print_bool(o, "b", NULL, true);
	np_out_end(o);
}

static char *run(bool json)
{
	char *buf = NULL, *ebuf = NULL;
	size_t len = 0, elen = 0;
	FILE *f = open_memstream(&buf, &len), *e = open_memstream(&ebuf, &elen);
	struct np_out *o = np_out_new(f, e, json, false, false);
	emit(o);
	np_out_begin(o, "failing");
	np_error(o, "try this", "it broke: %d", 7);
	np_error(o, NULL, "second error is not recorded");
	np_out_end(o);
	np_out_free(o);
	fclose(f);
	fclose(e);
	CHECK(strstr(ebuf, "netpath: it broke: 7\n  hint: try this\n") != NULL);
	CHECK(strstr(ebuf, "warning: careful\n") != NULL);
	free(ebuf);
	return buf;
}

/* Text values (sysctls, parameters, string facts) in JSON: plain decimal
 * integers as numbers, "" as null, everything else a string. */
static void test_values(void)
{
	char *buf = NULL;
	size_t len = 0;
	int64_t v;
	FILE *f = open_memstream(&buf, &len);
	struct np_out *o = np_out_new(f, stderr, true, false, false);
	CHECK(np_text_is_int("4096", &v) && v == 4096);
	CHECK(np_text_is_int("-1", &v) && v == -1);
	CHECK(np_text_is_int("0", &v) && v == 0);
	CHECK(!np_text_is_int("007", &v) && !np_text_is_int("+3", &v) && !np_text_is_int("-0", &v));
	CHECK(!np_text_is_int("4096 131072", &v) && !np_text_is_int("", &v));
	CHECK(!np_text_is_int("99999999999999999999", &v) && !np_text_is_int("1e3", &v));
	np_out_begin(o, "v");
	np_print_value(o, "a", NULL, "4096");
	np_print_value(o, "b", NULL, "4096 131072 6291456");
	np_print_value(o, "c", NULL, "");
	np_print_value(o, "d", NULL, "007");
	np_out_end(o);
	np_out_free(o);
	fclose(f);
	CHECK_STR(buf, "{\"command\":\"v\",\"a\":4096,\"b\":\"4096 131072 6291456\",\"c\":null,"
		       "\"d\":\"007\",\"status\":\"ok\"}\n");
	free(buf);
}

/* An output to memory at a width (COLUMNS; NULL: none), one command. */
struct mem_out {
	char *buf;
	size_t len;
	FILE *f;
	struct np_out *o;
};

static struct np_out *mem_open(struct mem_out *m, bool json, const char *columns, const char *cmd)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	m->o = np_out_new(m->f, stderr, json, false, false);
	if (columns)
		setenv("COLUMNS", columns, 1);
	else
		unsetenv("COLUMNS");
	np_out_begin(m->o, cmd);
	return m->o;
}

static char *mem_close(struct mem_out *m)
{
	np_out_end(m->o);
	np_out_free(m->o);
	fclose(m->f);
	unsetenv("COLUMNS");
	return m->buf;
}

/* One line of print calls, wrapped at the width (COLUMNS) between its
 * parts; without a width, or captured for a | filter, one line; in JSON
 * the members alone. */
static char *wrapped(bool json, const char *columns, bool line_filter)
{
	struct mem_out m;
	struct np_out *o = mem_open(&m, json, columns, "w");
	struct np_wrap w;
	np_out_line_filter(o, line_filter);
	np_wrap_begin(o, &w);
	np_print_str(o, "event", "%s  ", "kfree_skb");
	np_print_str(o, "flow", "udp %s  ", "10.0.0.1:5000 > 10.0.0.2:53");
	np_print_u64(o, "len", "len %llu  ", 29);
	np_print_str(o, "reason", "reason %s", "NO_SOCKET");
	np_wrap_end(o, &w, "  ", 4);
	np_text(o, "next\n");
	return mem_close(&m);
}

static void test_wrap(void)
{
	char *s = wrapped(false, "44", false);
	CHECK_STR(s, "kfree_skb  udp 10.0.0.1:5000 > 10.0.0.2:53\n"
		     "    len 29  reason NO_SOCKET\n"
		     "next\n");
	free(s);
	s = wrapped(false, "30", false);
	CHECK_STR(s, "kfree_skb\n"
		     "    udp 10.0.0.1:5000 > 10.0.0.2:53\n"
		     "    len 29  reason NO_SOCKET\n"
		     "next\n");
	free(s);
	s = wrapped(false, NULL, false);
	CHECK_STR(s, "kfree_skb  udp 10.0.0.1:5000 > 10.0.0.2:53  len 29  reason NO_SOCKET\n"
		     "next\n");
	free(s);
	/* Captured for a | filter: one line, whatever the width. */
	s = wrapped(false, "44", true);
	CHECK_STR(s, "kfree_skb  udp 10.0.0.1:5000 > 10.0.0.2:53  len 29  reason NO_SOCKET\n"
		     "next\n");
	free(s);
	s = wrapped(true, "44", false);
	CHECK_STR(s, "{\"command\":\"w\",\"event\":\"kfree_skb\",\"flow\":\"10.0.0.1:5000 > "
		     "10.0.0.2:53\",\"len\":29,\"reason\":\"NO_SOCKET\",\"status\":\"ok\"}\n");
	free(s);
}

/* A labelled string: wrapped under itself at the width, after a status
 * word that is not captured (np_wrap_begin_at counts its columns). */
static char *labelled(bool json, const char *columns)
{
	struct mem_out m;
	struct np_out *o = mem_open(&m, json, columns, "l");
	struct np_wrap w;
	np_print_str_wrapped(o, "meaning", "  what:    ", "a netfilter hook returned DROP");
	np_print_str_wrapped(o, "none", "  next:    ", NULL);
	np_print_status(o, NULL, "%s", "crit");
	np_wrap_begin_at(o, &w, 4);
	np_print_str(o, "filter", " probe drops: %s", "netns b and port 53");
	np_wrap_end(o, &w, " ", 2);
	return mem_close(&m);
}

static void test_labelled(void)
{
	char *s = labelled(false, "24");
	CHECK_STR(s, "  what:    a netfilter\n"
		     "           hook returned\n"
		     "           DROP\n"
		     "crit probe drops: netns\n"
		     "  b and port 53\n");
	free(s);
	s = labelled(false, NULL);
	CHECK_STR(s, "  what:    a netfilter hook returned DROP\n"
		     "crit probe drops: netns b and port 53\n");
	free(s);
	s = labelled(true, "24");
	CHECK_STR(s, "{\"command\":\"l\",\"meaning\":\"a netfilter hook returned DROP\","
		     "\"none\":null,\"filter\":\"netns b and port 53\",\"status\":\"ok\"}\n");
	free(s);
}

int main(void)
{
	test_values();
	test_wrap();
	test_labelled();
	char *text = run(false), *json = run(true);

	CHECK_STR(text, "dev eth\"0\n"
			"mtu 1500\n"
			"NAME    DROPS  RATE\n"
			"a           5   0.2\n"
			"longer  12345     -\n"
			"text only\n");
	CHECK_STR(json, "{\"command\":\"demo\",\"dev\":\"eth\\\"0\",\"mtu\":1500,\"rows\":["
			"{\"name\":\"a\",\"drops\":5,\"rate\":0.25,\"hidden\":\"x\"},"
			"{\"name\":\"longer\",\"drops\":12345,\"rate\":null,\"hidden\":null}],"
			"\"left_open\":{\"b\":true},\"status\":\"ok\",\"warnings\":[\"careful\"]}\n"
			"{\"command\":\"failing\",\"status\":\"unknown\",\"error\":{\"message\":"
			"\"it broke: 7\",\"hint\":\"try this\"}}\n");
	free(text);
	free(json);
	return check_done();
}
