// SPDX-License-Identifier: GPL-2.0-only
/* Messages written for any count read right once it is known. */
#include "check.h"
#include "plural.h"

static const char *fix(const char *in)
{
	static char buf[256];
	snprintf(buf, sizeof(buf), "%s", in);
	np_plural(buf);
	return buf;
}

int main(void)
{
	CHECK_STR(fix("1 RST(s) on port 80"), "1 RST on port 80");
	CHECK_STR(fix("9 RST(s) on port 80"), "9 RSTs on port 80");
	CHECK_STR(fix("0 RST(s)"), "0 RSTs");
	CHECK_STR(fix("(1 connection attempt(s) failed)"), "(1 connection attempt failed)");
	CHECK_STR(fix("dropped 3 of its own ICMP error(s) to x"),
		  "dropped 3 of its own ICMP errors to x");
	CHECK_STR(fix("told 10.0.0.1 1 time(s) that"), "told 10.0.0.1 1 time that");
	CHECK_STR(fix("12 segment(s) (4 flow(s)) and 1 flow(s)"),
		  "12 segments (4 flows) and 1 flow");
	/* No count in the clause: unchanged. */
	CHECK_STR(fix("10.0.0.2 refused the connection(s) to port 80: 1 RST(s)"),
		  "10.0.0.2 refused the connection(s) to port 80: 1 RST");
	CHECK_STR(fix("5: the packet(s)"), "5: the packet(s)");
	CHECK_STR(fix("(s) alone and word (s)"), "(s) alone and word (s)");
	CHECK_STR(fix("a b c d e f 2 x(s)"), "a b c d e f 2 xs");
	CHECK_STR(fix("2 a b c d e f x(s)"), "2 a b c d e f x(s)");
	CHECK_STR(np_plural_s(1), "");
	CHECK_STR(np_plural_s(0), "s");
	CHECK_STR(np_plural_s(2.5), "s");
	return check_done();
}
