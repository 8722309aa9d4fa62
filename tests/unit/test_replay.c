// SPDX-License-Identifier: GPL-2.0-only
/* The fact capture parser (NETPATH_FACTS_REPLAY files) and its value
 * writer: types, before -> after, keys whose brackets hold '=', '#' and
 * spaces, comments, every error naming line:col, and a write/parse round
 * trip. */
#include <errno.h>
#include <stdlib.h>

#include "check.h"
#include "replay.h"

static struct np_replay *parse(const char *text, char *err, size_t len)
{
	struct np_replay *r = NULL;
	err[0] = '\0';
	if (np_replay_parse("t.facts", text, strlen(text), &r, err, len))
		return NULL;
	return r;
}

static void test_values(void)
{
	char err[256];
	const char *text = "# a capture\n"
			   "\n"
			   "conntrack.max = 262144\n"
			   "  conntrack.stat.drop = 10 -> 5230   # moved\n"
			   "conntrack.fill_pct = 99.5\n"
			   "link[eth0].operstate = up\n"
			   "sysctl[net.core.somaxconn] = \"4096\"\n"
			   "route[10.0.0.2,from=10.0.0.1,iif=eth0].type=unicast\r\n"
			   "sysctl[a#b c].x = \"say \\\"hi\\\"\\n\\x01\"\n"
			   "snmp.Tcp.MaxConn = -1\n"
			   "link[eth0].mtu = 1500 -> 9000";
	struct np_replay *r = parse(text, err, sizeof(err));
	const struct np_rentry *e;

	CHECK(r != NULL);
	if (!r) {
		fprintf(stderr, "%s\n", err);
		return;
	}
	CHECK(r->n == 9);
	e = np_replay_find(r, "conntrack.max");
	CHECK(e && !e->delta && e->after.type == NP_FACT_INT && e->after.i == 262144 &&
	      e->before.i == 262144);
	e = np_replay_find(r, "conntrack.stat.drop");
	CHECK(e && e->delta && e->before.i == 10 && e->after.i == 5230 && e->line == 4);
	e = np_replay_find(r, "conntrack.fill_pct");
	CHECK(e && e->after.type == NP_FACT_DBL && e->after.d == 99.5);
	e = np_replay_find(r, "link[eth0].operstate");
	CHECK(e && e->after.type == NP_FACT_STR);
	CHECK_STR(e ? e->after.s : NULL, "up");
	CHECK_STR(e ? e->before.s : NULL, "up"); /* own copy: both freed */
	e = np_replay_find(r, "sysctl[net.core.somaxconn]");
	CHECK(e && e->after.type == NP_FACT_STR); /* quoted digits stay a string */
	e = np_replay_find(r, "route[10.0.0.2,from=10.0.0.1,iif=eth0].type");
	CHECK_STR(e ? e->after.s : NULL, "unicast");
	e = np_replay_find(r, "sysctl[a#b c].x");
	CHECK_STR(e ? e->after.s : NULL, "say \"hi\"\n\x01");
	e = np_replay_find(r, "snmp.Tcp.MaxConn");
	CHECK(e && e->after.i == -1);
	e = np_replay_find(r, "link[eth0].mtu");
	CHECK(e && e->delta && e->before.i == 1500 && e->after.i == 9000);
	CHECK(np_replay_find(r, "link[eth0]") == NULL);
	/* Prefix walk: the link[eth0] entries are contiguous from lower_bound. */
	size_t i = np_replay_lower_bound(r, "link[eth0].");
	CHECK(i < r->n && !strncmp(r->e[i].key, "link[eth0].", 11));
	CHECK(i + 1 < r->n && !strncmp(r->e[i + 1].key, "link[eth0].", 11));
	CHECK(i + 2 >= r->n || strncmp(r->e[i + 2].key, "link[eth0].", 11));
	np_replay_free(r);
}

static void expect_error(const char *text, const char *where, const char *what)
{
	char err[256];
	struct np_replay *r = parse(text, err, sizeof(err));
	CHECK(r == NULL);
	np_replay_free(r);
	if (!strstr(err, where) || !strstr(err, what)) {
		fprintf(stderr, "input %s: got '%s', expected '%s' and '%s'\n", text, err, where,
			what);
		CHECK(0);
	} else {
		CHECK(1);
	}
}

static void test_errors(void)
{
	expect_error("a.b = 1\nfoo\n", "t.facts:2:4:", "expected '='");
	expect_error("a.b =\n", "t.facts:1:6:", "expected a value");
	expect_error("a.b = 1 2\n", "t.facts:1:9:", "unexpected '2'");
	expect_error("a.b = -> 2\n", "1:7:", "before '->'");
	expect_error("a.b = 1 ->\n", "1:11:", "expected a value");
	expect_error("a.b = \"open\n", "1:7:", "unterminated string");
	expect_error("a.b = \"\\q\"\n", "1:8:", "unknown escape");
	expect_error("a.b = \"\\x00\"\n", "1:8:", "two hex digits");
	expect_error("a.b = 1#x\n", "1:8:", "space before '#'");
	expect_error("a.b = 99999999999999999999\n", "1:7:", "out of range");
	expect_error("a.b = 1.2.3\n", "1:7:", "not a number");
	expect_error("a.b = ab\"c\"\n", "1:9:", "quote inside a bare word");
	expect_error("link[eth0.mtu = 1\n", "1:5:", "'[' without ']'");
	expect_error("bad..key = 1\n", "1:1:", "bad fact key");
	expect_error("= 1\n", "1:1:", "expected a fact key");
	expect_error("a.b = 1\nc.d = 2\na.b = 3\n", "t.facts:3:1:", "first at line 1");
	const char nul[] = "a.b = 1\nc.d\0 = 2\n";
	char err[256];
	struct np_replay *r = NULL;
	CHECK(np_replay_parse("t.facts", nul, sizeof(nul) - 1, &r, err, sizeof(err)) == -EINVAL);
	CHECK(strstr(err, "t.facts:2:4: NUL byte") != NULL);
	/* Empty and comment-only files are valid and empty. */
	r = parse("# nothing\n\n   # indented\n", err, sizeof(err));
	CHECK(r && r->n == 0);
	np_replay_free(r);
}

/* What the recorder writes parses back to the same type and value. */
static void test_roundtrip(void)
{
	struct np_rvalue in[] = {
	    {.type = NP_FACT_INT, .i = INT64_MIN},
	    {.type = NP_FACT_INT, .i = 42},
	    {.type = NP_FACT_DBL, .d = 3.0},
	    {.type = NP_FACT_DBL, .d = 1e-300},
	    {.type = NP_FACT_DBL, .d = 2.0001131259996328},
	    {.type = NP_FACT_STR, .s = ""},
	    {.type = NP_FACT_STR, .s = "42"},
	    {.type = NP_FACT_STR, .s = "a \"b\" \\ # -> \t\r\n\x7f\x1f end"},
	};
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		char val[256], line[600], err[256];
		np_replay_format_value(val, sizeof(val), &in[i]);
		snprintf(line, sizeof(line), "x.y = %s -> %s\n", val, val);
		struct np_replay *r = parse(line, err, sizeof(err));
		CHECK(r && r->n == 1);
		if (!r || r->n != 1) {
			fprintf(stderr, "%s: %s\n", line, err);
			np_replay_free(r);
			continue;
		}
		const struct np_rvalue *o = &r->e[0].after;
		CHECK(o->type == in[i].type);
		if (in[i].type == NP_FACT_INT)
			CHECK(o->i == in[i].i);
		else if (in[i].type == NP_FACT_DBL)
			CHECK(o->d == in[i].d);
		else
			CHECK_STR(o->s, in[i].s);
		np_replay_free(r);
	}
	/* A tiny buffer still holds a valid (empty or closed) value. */
	char small[2];
	struct np_rvalue s = {.type = NP_FACT_STR, .s = "long string"};
	np_replay_format_value(small, sizeof(small), &s);
	CHECK(small[0] == '\0');
	char six[6];
	np_replay_format_value(six, sizeof(six), &s);
	CHECK(six[0] == '"' && six[strlen(six) - 1] == '"');
}

int main(void)
{
	test_values();
	test_errors();
	test_roundtrip();
	return check_done();
}
