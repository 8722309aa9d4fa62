// SPDX-License-Identifier: GPL-2.0-only
/* softnet_parse: recorded 6.18 rows (15 columns, CPU id in col13), the
 * 11-column format of older kernels, offline CPUs, malformed rows. */
#include <errno.h>
#include <stdio.h>

#include "check.h"
#include "fixtures_snmp.h"
#include "softnet_parse.h"

static void test_recorded(void)
{
	struct np_softnet_cpu r[8];
	CHECK(np_softnet_parse(fx_softnet, r, 8) == 2);
	CHECK(r[0].cpu == 0 && r[1].cpu == 1);
	CHECK(r[0].f[0] == 0x4ee);
	CHECK(r[1].f[0] == 0x78a);
	CHECK(r[0].f[1] == 0 && r[1].f[2] == 0);
}

static void test_columns(void)
{
	struct np_softnet_cpu r[4];
	/* CPU 1 offline: the second row is CPU 2 (col13), not index 1. */
	const char *six = "00000010 00000002 00000003 00000000 00000000 00000000 00000000 "
			  "00000000 00000000 00000004 00000005 00000000 00000000 00000000 "
			  "00000000\n"
			  "ffffffff 00000001 00000000 00000000 00000000 00000000 00000000 "
			  "00000000 00000000 0000000a 0000000b 00000000 00000002 00000000 "
			  "00000000\n";
	/* 4.x kernels: 11 columns, no CPU id: the row index is used. */
	const char *old = "0000abcd 00000007 00000001 00000000 00000000 00000000 00000000 "
			  "00000000 00000000 00000000 00000000\n";
	CHECK(np_softnet_parse(six, r, 4) == 2);
	CHECK(r[0].f[0] == 16 && r[0].f[1] == 2 && r[0].f[2] == 3);
	CHECK(r[0].f[3] == 4 && r[0].f[4] == 5);
	CHECK(r[1].cpu == 2 && r[1].f[0] == 0xffffffffULL && r[1].f[3] == 10 && r[1].f[4] == 11);
	CHECK(np_softnet_parse(old, r, 4) == 1);
	CHECK(r[0].cpu == 0 && r[0].f[0] == 0xabcd && r[0].f[1] == 7);
	CHECK(np_softnet_parse(six, r, 1) == 1); /* bounded by max */
	CHECK(np_softnet_parse("", r, 4) == 0);
}

static void test_malformed(void)
{
	struct np_softnet_cpu r[4];
	CHECK(np_softnet_parse("00000001 00000002\n", r, 4) == -EINVAL);
	CHECK(np_softnet_parse("0000000g 00000000 00000000 00000000 00000000 00000000 "
			       "00000000 00000000 00000000 00000000 00000000\n",
			       r, 4) == -EINVAL);
	CHECK(np_softnet_field("dropped") == 1);
	CHECK(np_softnet_field("flow_limit_count") == 4);
	CHECK(np_softnet_field("drops") == -1);
}

int main(void)
{
	test_recorded();
	test_columns();
	test_malformed();
	return check_done();
}
