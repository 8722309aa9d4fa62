// SPDX-License-Identifier: GPL-2.0-only
/* /proc/net text parsers (counters, softnet): the first byte picks
 * snmp/netstat pairs, snmp6 lines or softnet_stat rows; whatever the
 * text, names stay terminated and rows stay within bounds. */
#include "fuzz.h"
#include "snmp_parse.h"
#include "softnet_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct np_counters c = {0};
	struct np_softnet_cpu rows[8];
	char *s;
	int n;

	if (size < 1)
		return 0;
	s = fuzz_cstr(data + 1, size - 1);
	switch (data[0] % 3) {
	case 0:
	case 1:
		n = data[0] % 3 ? np_snmp_parse_snmp6(s, &c) : np_snmp_parse_pairs(s, &c);
		FUZZ_ASSERT(n == 0 || n == -EINVAL);
		for (size_t i = 0; i < c.n; i++) {
			FUZZ_ASSERT(strlen(c.v[i].group) < sizeof(c.v[i].group));
			FUZZ_ASSERT(strlen(c.v[i].name) < sizeof(c.v[i].name));
			FUZZ_ASSERT(np_counters_find(&c, c.v[i].group, c.v[i].name));
			(void)np_counter_match(&c.v[i], "tcp");
			(void)np_counter_knowledge(c.v[i].group, c.v[i].name);
		}
		np_counters_free(&c);
		break;
	default:
		n = np_softnet_parse(s, rows, 8);
		FUZZ_ASSERT(n == -EINVAL || (n >= 0 && n <= 8));
		break;
	}
	free(s);
	return 0;
}
