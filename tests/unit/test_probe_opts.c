// SPDX-License-Identifier: GPL-2.0-only
/* Words after `probe KIND`: a duration anywhere, --long, the filter, the
 * 60 s ceiling. */
#include <stdlib.h>

#include "check.h"
#include "probe_opts.h"

static struct np_ctx ctx;

static int parse(const char *line, struct np_probe_opts *o)
{
	char *copy = strdup(line), *argv[32], *save = NULL;
	int argc = 0, rc;
	for (char *t = strtok_r(copy, " ", &save); t && argc < 32; t = strtok_r(NULL, " ", &save))
		argv[argc++] = t;
	rc = np_probe_opts_parse(&ctx, argc, argv, o);
	/* filter_text was copied: the tokens may go */
	free(copy);
	return rc;
}

int main(void)
{
	char *ebuf = NULL;
	size_t elen = 0;
	FILE *e = open_memstream(&ebuf, &elen), *devnull = fopen("/dev/null", "w");
	struct np_out *o = np_out_new(devnull, e, false, false, false);
	struct np_probe_opts p;

	np_ctx_init(&ctx, o);
	CHECK(parse("", &p) == 0 && p.seconds == NP_PROBE_DEFAULT_S && !p.long_ok);
	CHECK(parse("5", &p) == 0 && p.seconds == 5);
	CHECK(parse("500ms", &p) == 0 && p.seconds == 0.5);
	CHECK(parse("0", &p) == 0 && p.seconds == 0);
	CHECK(parse("10 proto udp and port 53", &p) == 0 && p.seconds == 10 &&
	      p.filter.f.port == 53 && p.filter.f.l4 == 17);
	CHECK_STR(p.filter_text, "proto udp and port 53");
	/* probe trace FILTER SECONDS: the duration after the filter. */
	CHECK(parse("host 10.0.0.2 and port 80 7", &p) == 0 && p.seconds == 7 &&
	      p.filter.f.port == 80 && p.filter.f.host.family == 4);
	/* A filter value that looks like a number stays a filter value. */
	CHECK(parse("dport 5 2", &p) == 0 && p.filter.f.dport == 5 && p.seconds == 2);
	CHECK(parse("61", &p) == -NP_EUSAGE);
	CHECK(parse("61 --long", &p) == 0 && p.seconds == 61 && p.long_ok);
	CHECK(parse("3 4", &p) == -NP_EUSAGE);
	CHECK(parse("bogus", &p) == -NP_EUSAGE);
	CHECK(parse("port", &p) == -NP_EUSAGE);
	CHECK(parse("proto sctp", &p) == -NP_EUSAGE);
	np_ctx_fini(&ctx);
	np_out_free(o);
	fclose(e);
	fclose(devnull);
	free(ebuf);
	return check_done();
}
