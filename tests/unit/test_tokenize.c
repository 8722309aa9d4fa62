// SPDX-License-Identifier: GPL-2.0-only
#include "check.h"
#include "np.h"
#include "tokenize.h"

int main(void)
{
	struct np_tokens t;
	char err[128];

	CHECK(np_tokenize("  run rx  port=80 ", &t, err, sizeof(err)) == 0);
	CHECK(t.argc == 3);
	CHECK_STR(t.argv[0], "run");
	CHECK_STR(t.argv[2], "port=80");
	CHECK(t.argv[3] == NULL);
	CHECK(t.trailing_space == 1);
	np_tokens_free(&t);

	CHECK(np_tokenize("get 'link[my dev].mtu' \"a\\\"b\" c\\ d # comment", &t, err, sizeof(err)) == 0);
	CHECK(t.argc == 4);
	CHECK_STR(t.argv[1], "link[my dev].mtu");
	CHECK_STR(t.argv[2], "a\"b");
	CHECK_STR(t.argv[3], "c d");
	np_tokens_free(&t);

	CHECK(np_tokenize("link lo", &t, err, sizeof(err)) == 0);
	CHECK(t.trailing_space == 0 && t.last_start == 5);
	np_tokens_free(&t);

	CHECK(np_tokenize("", &t, err, sizeof(err)) == 0 && t.argc == 0);
	np_tokens_free(&t);
	CHECK(np_tokenize("# only a comment", &t, err, sizeof(err)) == 0 && t.argc == 0);
	np_tokens_free(&t);
	CHECK(np_tokenize("''", &t, err, sizeof(err)) == 0 && t.argc == 1 && !t.argv[0][0]);
	np_tokens_free(&t);

	CHECK(np_tokenize("get 'open", &t, err, sizeof(err)) == -NP_EUSAGE);
	CHECK(strstr(err, "col 5") && strstr(err, "unterminated"));
	{
		char line[2000];
		for (int i = 0; i < 300; i++) {
			line[2 * i] = 'x';
			line[2 * i + 1] = ' ';
		}
		line[600] = '\0';
		CHECK(np_tokenize(line, &t, err, sizeof(err)) == -NP_EUSAGE);
		CHECK(strstr(err, "more than") != NULL);
	}
	return check_done();
}
