// SPDX-License-Identifier: GPL-2.0-only
/* --brief: a walk's verdict in one line, and the emitter's line for any
 * command (its headline, or its first table's size, or its error). */
#include <stdlib.h>

#include "check.h"
#include "output.h"
#include "pb_run.h"
#include "pb_summary.h"
#include "summary.h"
#include "verdict_rule.h"

static void test_walk(void)
{
	struct pb_result res = {.layer = NP_L_NETFILTER,
				.title = "netfilter dropped packets",
				.reason = "NETFILTER_DROP",
				.dev = "eth0",
				.count = 197};
	struct pb_vrule rule = {.family = "inet", .table = "filter", .chain = "input", .handle = 7};
	struct pb_run r = {.name = "rx",
			   .status = NP_CRIT,
			   .vlayer = NP_L_NETFILTER,
			   .vres = 0,
			   .res = &res,
			   .nres = 1,
			   .window = 2.0003,
			   .port = "5353",
			   .dev = "eth1",
			   .rule = &rule,
			   .nparams = 1};
	char buf[256];
	r.params_json_keys[0] = "proto";
	r.params_vals[0] = "udp";
	CHECK_STR(pb_brief_text(&r, buf, sizeof(buf)),
		  "NETFILTER_DROP 197 pkts/2s udp:5353 eth0 rule inet filter input #7");
	/* A policy, no protocol, a window of 2.5 s, the run's device. */
	rule.policy = true;
	r.nparams = 0;
	r.window = 2.5;
	res.dev = NULL;
	CHECK_STR(pb_brief_text(&r, buf, sizeof(buf)),
		  "NETFILTER_DROP 197 pkts/2.5s port 5353 eth1 policy inet filter input");
	/* A blocking fault: no reason, no count: its words. */
	r.rule = NULL;
	res.reason = NULL;
	res.count = -1;
	res.title = "eth1 is down";
	CHECK_STR(pb_brief_text(&r, buf, sizeof(buf)), "eth1 is down port 5353 eth1");
	/* Healthy; unknown says what could not be seen. */
	r.status = NP_OK;
	r.vres = -1;
	r.port = NULL;
	r.dst = "10.0.0.2";
	CHECK_STR(pb_brief_text(&r, buf, sizeof(buf)), "no loss in 2.5s to 10.0.0.2 eth1");
	{
		char *conf[] = {"transport: sock[tcp:80].count: permission denied"};
		r.status = NP_UNKNOWN;
		r.confidence = conf;
		r.nconf = 1;
		CHECK_STR(pb_brief_text(&r, buf, sizeof(buf)),
			  "not observed: transport: sock[tcp:80].count: permission denied to "
			  "10.0.0.2 eth1");
	}
}

/* The emitter in --brief: one line per command on the real stdout. */
static void test_emitter(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct np_out *o = np_out_new(f, fopen("/dev/null", "w"), false, false, false);
	static const struct np_col cols[] = {{"name", "NAME", NP_COL_STR}};
	struct np_table *t;
	np_out_summary(o, NP_SUM_BRIEF);
	CHECK(np_out_summary_mode(o) == NP_SUM_BRIEF);
	np_out_begin(o, "sockets");
	np_text(o, "this text is not shown\n");
	t = np_table_begin(o, "sockets", NULL, cols, 1);
	for (int i = 0; i < 3; i++) {
		np_row_begin(t);
		np_cell_str(t, "x");
		np_row_end(t);
	}
	np_table_end(t);
	np_out_status(o, NP_OK);
	np_out_end(o);
	np_out_begin(o, "neigh");
	t = np_table_begin(o, "entries", NULL, cols, 1);
	np_row_begin(t);
	np_cell_str(t, "x");
	np_row_end(t);
	np_table_end(t);
	np_out_end(o);
	np_out_begin(o, "probe");
	np_out_headline(o, "probe resets", "%d RST(s) sent", 1);
	np_out_status(o, NP_WARN);
	np_out_end(o);
	np_out_begin(o, "link");
	np_error(o, NULL, "link eth9: no such interface");
	np_out_status(o, NP_UNKNOWN);
	np_out_end(o);
	np_out_begin(o, "sokets");
	np_error(o, NULL, "unknown command 'sokets'");
	np_out_status(o, NP_EXIT_USAGE);
	np_out_end(o);
	np_out_free(o);
	fclose(f);
	CHECK_STR(buf, "OK sockets: 3 sockets\n"
		       "OK neigh: 1 entry\n"
		       "WARN probe resets: 1 RST sent\n"
		       "UNKNOWN link: link eth9: no such interface\n"
		       "USAGE sokets: unknown command 'sokets'\n");
	free(buf);
}

int main(void)
{
	char line[128];
	test_walk();
	test_emitter();
	np_summary_line(line, sizeof(line), NP_CRIT, "netfilter", "two\nlines");
	CHECK_STR(line, "CRIT netfilter: two lines");
	return check_done();
}
