// SPDX-License-Identifier: GPL-2.0-only
/* rtnetlink parsers of route/rules/qdisc: the first byte picks the parser
 * (TCA_STATS2 qdisc message, fib rule message, route fact key); any input
 * parses or is refused, and what parses formats to terminated text. */
#include <sys/socket.h>

#include <linux/rtnetlink.h>

#include "fuzz.h"
#include "rtfmt.h"
#include "rtrule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint64_t buf[16384 / 8];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	char text[512], kind[16], b[64];

	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0: { /* RTM_NEWQDISC */
		struct np_tcstats st;
		if (size - 1 < sizeof(*nlh) || size - 1 > sizeof(buf))
			return 0;
		memcpy(buf, data + 1, size - 1);
		nlh->nlmsg_len = (uint32_t)(size - 1);
		if (np_tc_parse(nlh, kind, sizeof(kind), &st) == 0) {
			FUZZ_ASSERT(strlen(kind) < sizeof(kind));
			FUZZ_ASSERT(st.valid || (st.drops == 0 && st.packets == 0));
		}
		FUZZ_ASSERT(np_tc_handle((uint32_t)size * 65537u, b, sizeof(b))[0]);
		break;
	}
	case 1: { /* RTM_NEWRULE */
		struct np_rule r;
		struct np_rule_flow f = {.family = AF_INET};
		if (size - 1 < sizeof(*nlh) || size - 1 > sizeof(buf))
			return 0;
		memcpy(buf, data + 1, size - 1);
		nlh->nlmsg_len = (uint32_t)(size - 1);
		if (np_rule_parse(nlh, &r) == 0) {
			FUZZ_ASSERT(strlen(r.iif) < sizeof(r.iif) && strlen(r.oif) < sizeof(r.oif));
			np_rule_describe(&r, text, sizeof(text));
			FUZZ_ASSERT(strlen(text) < sizeof(text) && strchr(text, ':'));
			f.family = r.family;
			(void)np_rule_matches(&r, &f);
		}
		break;
	}
	case 2: { /* route[KEY] argument */
		struct np_route_query q, q2;
		char *s = fuzz_cstr(data + 1, size - 1);
		if (np_route_key_parse(s, &q, b, sizeof(b)) == 0) {
			/* Formatting and parsing again gives the same query. */
			np_route_key(&q, text, sizeof(text));
			FUZZ_ASSERT(np_route_key_parse(text, &q2, b, sizeof(b)) == 0);
			FUZZ_ASSERT(!strcmp(q.dst, q2.dst) && !strcmp(q.src, q2.src) &&
				    !strcmp(q.iif, q2.iif) && q.mark == q2.mark &&
				    q.dport == q2.dport && q.ipproto == q2.ipproto);
		}
		free(s);
		break;
	}
	}
	return 0;
}
