// SPDX-License-Identifier: GPL-2.0-only
/* Tab completion of link, counters and softnet: arguments and fact keys. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "command.h"
#include "family.h"

struct cands {
	char v[256][128];
	int n;
};

static void add(void *cookie, const char *c)
{
	struct cands *cs = cookie;
	if (cs->n < 256)
		snprintf(cs->v[cs->n++], sizeof(cs->v[0]), "%s", c);
}

static bool has(const struct cands *cs, const char *c)
{
	for (int i = 0; i < cs->n; i++)
		if (!strcmp(cs->v[i], c))
			return true;
	return false;
}

static struct np_ctx ctx;

static void args(const char *cmd, int argc, char **argv, const char *word, struct cands *cs)
{
	memset(cs, 0, sizeof(*cs));
	np_complete_command_args(&ctx, np_command_find(cmd), argc, argv, word, add, cs);
}

static void fact(const char *word, struct cands *cs)
{
	static const struct np_arg a = {NULL, NP_A_FACT, "FACT", ""};
	memset(cs, 0, sizeof(*cs));
	np_complete_type(&ctx, &a, word, add, cs);
}

int main(void)
{
	static struct cands cs;
	char *interval[] = {"--interval"};

	struct np_out *o = np_out_new(stdout, stderr, false, false, false);
	CHECK(o && np_ctx_init(&ctx, o) == 0);
	CHECK(np_command_find("link") && np_command_find("counters") && np_command_find("softnet"));
	/* counters FILTER: groups, case-insensitive prefix. */
	args("counters", 0, NULL, "tc", &cs);
	CHECK(has(&cs, "Tcp") && has(&cs, "TcpExt"));
	CHECK(!has(&cs, "Udp"));
	args("counters", 0, NULL, "--a", &cs);
	CHECK(has(&cs, "--all"));
	/* link DEV: interfaces (lo exists everywhere). */
	args("link", 0, NULL, "l", &cs);
	CHECK(has(&cs, "lo"));
	args("link", 1, interval, "", &cs);
	CHECK(cs.n == 0); /* a number: nothing to offer */
	args("link", 0, NULL, "--", &cs);
	CHECK(has(&cs, "--interval"));
	args("softnet", 0, NULL, "--", &cs);
	CHECK(has(&cs, "--interval"));

	/* Fact keys. */
	fact("li", &cs);
	CHECK(has(&cs, "link"));
	fact("link[l", &cs);
	CHECK(has(&cs, "link[lo]."));
	fact("link[lo].rx_mi", &cs);
	CHECK(has(&cs, "link[lo].rx_missed_errors"));
	fact("link[lo].rps", &cs);
	CHECK(has(&cs, "link[lo].rps_queues"));
	fact("snmp.TcpE", &cs);
	CHECK(has(&cs, "snmp.TcpExt."));
	fact("softnet.dr", &cs);
	CHECK(has(&cs, "softnet.dropped"));
	fact("softnet[cpu0].time", &cs);
	CHECK(has(&cs, "softnet[cpu0].time_squeeze"));

	/* Playbook-time key checks: $params accepted, bad fields refused. */
	{
		char why[256];
		struct np_fact_ref ref;
		CHECK(np_fact_resolve("link[$dev].rx_missed_errors", &ref, why, sizeof(why)) == 0);
		CHECK(np_fact_resolve("link[eth0].operstate", &ref, why, sizeof(why)) == 0);
		CHECK(np_fact_resolve("link[eth0].bogus", &ref, why, sizeof(why)) != 0);
		CHECK(np_fact_resolve("link.mtu", &ref, why, sizeof(why)) != 0);
		CHECK(np_fact_resolve("snmp.TcpExt.ListenOverflows", &ref, why, sizeof(why)) == 0);
		CHECK(np_fact_resolve("snmp.Nope.X", &ref, why, sizeof(why)) != 0);
		CHECK(np_fact_resolve("snmp.TcpExt", &ref, why, sizeof(why)) != 0);
		CHECK(np_fact_resolve("softnet.dropped", &ref, why, sizeof(why)) == 0);
		CHECK(np_fact_resolve("softnet[cpu3].received_rps", &ref, why, sizeof(why)) == 0);
		CHECK(np_fact_resolve("softnet[$cpu].dropped", &ref, why, sizeof(why)) == 0);
		CHECK(np_fact_resolve("softnet[x].dropped", &ref, why, sizeof(why)) != 0);
		CHECK(np_fact_resolve("softnet.drops", &ref, why, sizeof(why)) != 0);
	}
	np_ctx_fini(&ctx);
	np_out_free(o);
	return check_done();
}
