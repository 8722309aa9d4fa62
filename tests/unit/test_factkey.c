// SPDX-License-Identifier: GPL-2.0-only
/* Fact key grammar and the fact store. */
#include <stdlib.h>

#include "check.h"
#include "facts.h"

static int parse_ok(const char *s, struct np_factkey *k)
{
	char err[128];
	int r = np_factkey_parse(s, k, err, sizeof(err));
	if (r)
		fprintf(stderr, "parse('%s'): %s\n", s, err);
	return r == 0;
}

static int parse_err(const char *s, const char *expect_substr)
{
	struct np_factkey k;
	char err[128] = "";
	int r = np_factkey_parse(s, &k, err, sizeof(err));
	return r == -NP_EUSAGE && strstr(err, expect_substr) != NULL;
}

static void count_cb(const struct np_fact *f, void *arg)
{
	(void)f;
	(*(int *)arg)++;
}

static void order_cb(const struct np_fact *f, void *arg)
{
	char *buf = arg;
	strcat(buf, f->key);
	strcat(buf, ";");
}

int main(void)
{
	struct np_factkey k;
	char canon[256];

	CHECK(parse_ok("link[eth0.100].rx_missed_errors", &k));
	CHECK(k.nseg == 2);
	CHECK_STR(np_factkey_name(&k, 0), "link");
	CHECK_STR(np_factkey_arg(&k, 0), "eth0.100");
	CHECK_STR(np_factkey_name(&k, 1), "rx_missed_errors");
	CHECK_STR(np_factkey_arg(&k, 1), "");
	np_factkey_format(&k, canon, sizeof(canon));
	CHECK_STR(canon, "link[eth0.100].rx_missed_errors");

	CHECK(parse_ok("snmp.TcpExt.ListenOverflows", &k));
	CHECK(k.nseg == 3);
	CHECK(parse_ok("sysctl[net.core.somaxconn]", &k));
	CHECK(k.nseg == 1 && k.seg[0].has_arg);
	CHECK(parse_ok("drops.layer[socket]", &k));
	CHECK_STR(np_factkey_arg(&k, 1), "socket");
	CHECK(parse_ok("route[10.0.0.2,from=10.0.1.1,iif=veth0].type", &k));
	CHECK_STR(np_factkey_arg(&k, 0), "10.0.0.2,from=10.0.1.1,iif=veth0");
	CHECK(parse_ok("sock[tcp:8080].accept_queue", &k));
	CHECK(parse_ok("link[$dev].operstate", &k));

	CHECK(parse_err("", "empty"));
	CHECK(parse_err("link[eth0", "expected ']'"));
	CHECK(parse_err("link[]", "empty [ ]"));
	CHECK(parse_err("link..mtu", "col 6"));
	CHECK(parse_err(".x", "col 1"));
	CHECK(parse_err("a.b.c.d.e.f.g", "more than"));
	CHECK(parse_err("link[a]x", "expected '.'"));
	CHECK(parse_err("link[a[b]]", "unexpected character"));
	{
		char big[400];
		memset(big, 'a', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		CHECK(parse_err(big, "longer than"));
	}

	/* store */
	struct np_facts *fs = np_facts_new();
	const struct np_fact *f;
	double d;
	int n = 0;
	char order[512] = "";
	CHECK(fs != NULL);
	for (int i = 0; i < 2000; i++)
		np_fact_setf_int(fs, i, "t[%d].v", i);
	CHECK(np_facts_count(fs) == 2000);
	f = np_fact_lookup(fs, "t[1234].v");
	CHECK(f && f->type == NP_FACT_INT && f->i == 1234);
	np_fact_set_str(fs, "t[1234].v", "42");
	f = np_fact_lookup(fs, "t[1234].v");
	CHECK(f && f->type == NP_FACT_STR && np_fact_number(f, &d) && d == 42);
	np_fact_set_str(fs, "s", "up");
	CHECK(!np_fact_number(np_fact_lookup(fs, "s"), &d));
	np_facts_clear_prefix(fs, "t[1");
	np_facts_each(fs, "t[", count_cb, &n);
	CHECK(n == 2000 - 1111);
	CHECK(np_fact_lookup(fs, "t[1999].v") == NULL);
	CHECK(np_fact_lookup(fs, "t[999].v") != NULL);
	np_facts_clear(fs);
	np_fact_set_int(fs, "b", 1);
	np_fact_set_int(fs, "a", 1);
	np_fact_set_dbl(fs, "c", 0.5);
	np_facts_each(fs, "", order_cb, order);
	CHECK_STR(order, "a;b;c;");
	np_facts_free(fs);
	return check_done();
}
