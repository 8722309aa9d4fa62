// SPDX-License-Identifier: GPL-2.0-only
/* | include / exclude / count: finding the stages, parsing, filtering; and
 * the pager's row count. */
#include <stdlib.h>

#include "check.h"
#include "np.h"
#include "pager.h"
#include "pipefilter.h"

static const char text[] = "default via 10.0.0.1 dev eth0\n"
			   "10.0.0.0/24 dev eth0 proto kernel\n"
			   "10.9.0.0/16 dev eth1 proto static\n"
			   "\033[1mfd00::/64 dev eth1\033[0m proto kernel\n";

/* Filter text through spec; the result (or "ERR: why"). */
static const char *filter(const char *spec)
{
	static char out[1024];
	char why[256], *buf = NULL;
	size_t n = 0;
	struct np_pipe p;
	FILE *f;

	if (np_pipe_parse(spec, &p, why, sizeof(why))) {
		snprintf(out, sizeof(out), "ERR: %s", why);
		return out;
	}
	f = open_memstream(&buf, &n);
	np_pipe_apply(&p, text, sizeof(text) - 1, f);
	fclose(f);
	snprintf(out, sizeof(out), "%s", buf);
	free(buf);
	np_pipe_free(&p);
	return out;
}

int main(void)
{
	/* where the first stage starts */
	CHECK(np_pipe_find("routes all") == -1);
	CHECK(np_pipe_find("routes all | include eth0") == 11);
	CHECK(np_pipe_find("| count") == 0);
	CHECK(np_pipe_find("routes |count") == 7);
	CHECK(np_pipe_find("get 'a | b'") == -1); /* quoted */
	CHECK(np_pipe_find("get \"a | b\" | count") == 12);
	CHECK(np_pipe_find("link a\\ |b") == -1);   /* escaped blank before it */
	CHECK(np_pipe_find("get eth0|eth1") == -1); /* inside a word */
	CHECK(np_pipe_find("link # a | b") == -1);  /* in a comment */

	CHECK_STR(filter("include eth0"),
		  "default via 10.0.0.1 dev eth0\n10.0.0.0/24 dev eth0 proto kernel\n");
	CHECK_STR(filter(" inc eth0|eth1 | count"), "4\n"); /* RE alternation kept */
	CHECK_STR(filter("exclude kernel"),
		  "default via 10.0.0.1 dev eth0\n10.9.0.0/16 dev eth1 proto static\n");
	CHECK_STR(filter("include ^fd00 | ex static"),
		  "\033[1mfd00::/64 dev eth1\033[0m proto kernel\n"); /* escapes ignored */
	CHECK_STR(filter("include 'dev eth1 proto'"),
		  "10.9.0.0/16 dev eth1 proto static\n"
		  "\033[1mfd00::/64 dev eth1\033[0m proto kernel\n"); /* matched without escapes */
	CHECK_STR(filter("include dev   eth1 proto s"), "10.9.0.0/16 dev eth1 proto static\n");
	CHECK_STR(filter("include \"zz | yy\" | count"), "0\n");
	CHECK_STR(filter("c"), "4\n");
	CHECK_STR(filter("include nothing-matches | count"), "0\n");

	CHECK_STR(filter(""), "ERR: '|' needs a filter: include RE, exclude RE or count");
	CHECK_STR(filter("include"), "ERR: '| include' needs a regular expression");
	CHECK_STR(filter("grep x"), "ERR: '| grep': filters are include RE, exclude RE and count");
	CHECK_STR(filter("count x"), "ERR: '| count' takes nothing after it");
	CHECK_STR(filter("count | include x"), "ERR: '| count' must be the last filter");
	CHECK(!strncmp(filter("include a( "), "ERR: 'a(': ", 11));
	CHECK_STR(filter("include 'open"), "ERR: after '|': col 9: unterminated ' quote");
	CHECK_STR(filter("c | c | c | c | c | c | c | c | c"),
		  "ERR: '| count' must be the last filter");
	CHECK_STR(filter("ex a | ex b | ex c | ex d | ex e | ex f | ex g | ex h | ex i"),
		  "ERR: more than 8 filters");
	/* Repetition of repetition multiplies what regcomp builds (gigabytes
	 * for `I+++...`, found by fuzz_pipefilter): refused before regcomp. */
	CHECK_STR(filter("include I++++++++++++++++++++++++++++++"),
		  "ERR: 'I++++++++++++++++++++++++++++++': regular expression too large or too "
		  "deeply repeated");
	CHECK(!strncmp(filter("include (a{1000}){1000}"), "ERR: ", 5));
	/* Short runs of repetition, spread over one line, cost little by
	 * size but glibc's epsilon closure of them took 5 minutes (found by
	 * fuzz_pipefilter): a repetition of a repetition is refused. */
	CHECK(!strncmp(filter("exclude x +++++++++++ ++y++ ) + cou$ ++*+++++`+++++"), "ERR: ", 5));
	CHECK(!strncmp(filter("include a+*"), "ERR: ", 5));
	CHECK(!strncmp(filter("include a{2}?"), "ERR: ", 5));
	CHECK_STR(filter("include (a+)+x | count"), "0\n");
	CHECK_STR(filter("include 'eth[0-9]+ proto' | count"), "3\n");
	CHECK(!strncmp(filter("include ((((((((((((((a+)+)+)+)+)+)+)+)+)+)+)+)+)+)+"), "ERR: ", 5));
	CHECK_STR(filter("include ^(default via [0-9.]+|10\\.9[^ ]*) dev eth[0-9]{1,3} | count"),
		  "2\n");
	CHECK_STR(filter("include [](x]+ | count"), "0\n");

	/* rows on the terminal: wrapping, escapes and UTF-8 take no room */
	CHECK(np_text_rows("", 0, 80) == 0);
	CHECK(np_text_rows("a\nb\n", 4, 80) == 2);
	CHECK(np_text_rows("a\n\nb", 4, 80) == 3);
	CHECK(np_text_rows("0123456789\n", 11, 4) == 3);
	CHECK(np_text_rows("\033[1m0123\033[0m\n", 13, 4) == 1);
	CHECK(np_text_rows("\xc3\xa9\xc3\xa9\n", 5, 2) == 1);
	return check_done();
}
