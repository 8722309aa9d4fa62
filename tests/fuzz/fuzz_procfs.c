// SPDX-License-Identifier: GPL-2.0-only
/* Parsers of /proc text (snmp and netstat pairs, snmp6, softnet_stat,
 * nf_conntrack stats, /proc/PID/fd socket links) fed with arbitrary text: a
 * future kernel, a container runtime's fake /proc or a truncated read must
 * give an error, not a crash.  The first byte picks the parser. */
#include "ctstats.h"
#include "fuzz.h"
#include "snmp_parse.h"
#include "sockowner.h"
#include "softnet_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;
	unsigned sel;

	if (size < 1)
		return 0;
	sel = data[0];
	text = fuzz_cstr(data + 1, size - 1);
	if (sel >= 0xf0) {
		unsigned long ino = 0;
		char back[40];
		/* An accepted link is exactly socket:[N] for the N it gave. */
		if (np_sock_link_inode(text, &ino)) {
			snprintf(back, sizeof(back), "socket:[%lu]", ino);
			FUZZ_ASSERT(!strcmp(back, text) || text[8] == '0');
		}
		free(text);
		return 0;
	}
	switch (sel & 3) {
	case 0:
	case 1: {
		struct np_counters c = {0};
		int rc = (sel & 1) ? np_snmp_parse_snmp6(text, &c) : np_snmp_parse_pairs(text, &c);
		FUZZ_ASSERT(rc <= 0);
		for (size_t i = 0; i < c.n; i++) {
			FUZZ_ASSERT(strlen(c.v[i].group) < sizeof(c.v[i].group));
			FUZZ_ASSERT(strlen(c.v[i].name) < sizeof(c.v[i].name));
			FUZZ_ASSERT(np_counters_find(&c, c.v[i].group, c.v[i].name) != NULL);
		}
		np_counters_free(&c);
		break;
	}
	case 2: {
		struct np_softnet_cpu rows[8];
		int n = np_softnet_parse(text, rows, 8);
		FUZZ_ASSERT(n <= 8);
		break;
	}
	case 3: {
		struct np_ct_stats sum;
		uint64_t entries = 0;
		int cpus = 0;
		(void)np_ct_parse_proc(text, &sum, &entries, &cpus);
		FUZZ_ASSERT(cpus >= 0);
		break;
	}
	}
	free(text);
	return 0;
}
