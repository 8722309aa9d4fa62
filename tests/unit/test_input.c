// SPDX-License-Identifier: GPL-2.0-only
/* The bounded line reader and the "is this text" check behind -f, stdin
 * and the history file: limits hold while reading, binary stops at once. */
#include <stdlib.h>

#include "check.h"
#include "linereader.h"

/* Reads text through a reader with budget max; returns the statuses as
 * letters (L line, E eof, T too long, B binary, M too much, I I/O). */
static void run(const char *text, size_t n, size_t max, char *out, size_t outlen,
		struct np_linereader *r)
{
	static const char letters[] = "LETBMI";
	FILE *f = fmemopen((void *)text, n, "r");
	size_t o = 0;
	np_lr_init(r, f, max);
	for (;;) {
		enum np_lr_status st = np_lr_next(r);
		if (o + 1 < outlen)
			out[o++] = letters[st];
		if (st != NP_LR_LINE)
			break;
	}
	out[o] = '\0';
	fclose(f);
}

int main(void)
{
	struct np_linereader *r = malloc(sizeof(*r));
	char st[32], what[160];
	size_t bad;

	/* lines, CRLF, a last line without newline, blank lines kept */
	run("help\r\nlink lo\n\nlast", 19, 1000, st, sizeof(st), r);
	CHECK_STR(st, "LLLLE");
	CHECK_STR(r->buf, "");
	run("help\r\nlink lo\n", 14, 1000, st, sizeof(st), r);
	CHECK_STR(st, "LLE");
	{
		FILE *f = fmemopen("a\tb\r\n", 5, "r");
		np_lr_init(r, f, 100);
		CHECK(np_lr_next(r) == NP_LR_LINE);
		CHECK_STR(r->buf, "a\tb"); /* tab kept, CR of CRLF dropped */
		fclose(f);
	}

	/* NUL stops at the first byte (/dev/zero never reaches a newline) */
	{
		static const char zeros[64];
		run(zeros, sizeof(zeros), 1000, st, sizeof(st), r);
		CHECK_STR(st, "B");
		CHECK(r->bytes == 1 && r->bad_col == 1 && r->bad_byte == 0);
		np_lr_describe(r, NP_LR_BINARY, what, sizeof(what));
		CHECK_STR(what, "line 1: NUL byte at column 1 (binary data)");
	}
	/* an ELF header: DEL at column 1 */
	run("\x7f"
	    "ELF\x02\x01",
	    6, 1000, st, sizeof(st), r);
	CHECK_STR(st, "B");
	CHECK(r->bad_byte == 0x7f);
	/* escape sequences are control characters; a later line is never read */
	run("help\nlink \x1b[31m\nhelp\n", 21, 1000, st, sizeof(st), r);
	CHECK_STR(st, "LB");
	CHECK(r->lineno == 2 && r->bad_col == 6);
	/* a bare CR inside a line is a control character too */
	run("he\rlp\n", 6, 1000, st, sizeof(st), r);
	CHECK_STR(st, "B");
	/* invalid UTF-8: checked at the end of the (bounded) line */
	run("link \xff\xfe\n", 8, 1000, st, sizeof(st), r);
	CHECK_STR(st, "B");
	np_lr_describe(r, NP_LR_BINARY, what, sizeof(what));
	CHECK_STR(what, "line 1: not UTF-8 text (byte 0xff at column 6)");

	/* a line over NP_LINE_MAX is refused at byte NP_LINE_MAX + 1, the
	 * rest never buffered */
	{
		size_t n = NP_LINE_MAX * 3;
		char *big = malloc(n);
		memset(big, 'x', n);
		run(big, n, n * 2, st, sizeof(st), r);
		CHECK_STR(st, "T");
		CHECK(r->bytes == NP_LINE_MAX + 1);
		big[NP_LINE_MAX] = '\n'; /* exactly NP_LINE_MAX: fine */
		run(big, NP_LINE_MAX + 1, n * 2, st, sizeof(st), r);
		CHECK_STR(st, "LE");
		CHECK(r->lineno == 2);
		free(big);
	}
	/* the byte budget counts every byte, comments and blanks too */
	run("# c\n\n\nhelp\n", 11, 6, st, sizeof(st), r);
	CHECK_STR(st, "LLLM");
	np_lr_describe(r, NP_LR_TOOMUCH, what, sizeof(what));
	CHECK_STR(what, "more than 6 bytes of commands");

	/* np_text_check */
	CHECK(np_text_check("probe drops 3 dev eth0", &bad) == 0);
	CHECK(np_text_check("link \xc3\xa9th0", &bad) == 0); /* é */
	CHECK(np_text_check("link \xe2\x80\xae"
			    "x",
			    &bad) == 0); /* U+202E: printable */
	CHECK(np_text_check("a\tb", &bad) == 0);
	CHECK(np_text_check("a\x01"
			    "b",
			    &bad) == -1 &&
	      bad == 1);
	CHECK(np_text_check("ab\x7f", &bad) == -1 && bad == 2);
	CHECK(np_text_check("\xc2\x85", &bad) == -1 && bad == 0);      /* C1 NEL */
	CHECK(np_text_check("\xc0\xaf", &bad) == -1 && bad == 0);      /* overlong '/' */
	CHECK(np_text_check("x\xed\xa0\x80", &bad) == -1 && bad == 1); /* surrogate */
	CHECK(np_text_check("\xe2\x82", &bad) == -1);		       /* truncated */
	CHECK(np_text_check("\xf4\x90\x80\x80", &bad) == -1);	       /* > U+10FFFF */

	free(r);
	return check_done();
}
