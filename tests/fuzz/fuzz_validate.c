// SPDX-License-Identifier: GPL-2.0-only
/* Validators of user-supplied values (shell/validate.c): each accepts or
 * refuses with a reason, and what it accepts is within its contract. */
#include <arpa/inet.h>
#include <net/if.h>

#include "fuzz.h"
#include "routeget.h"
#include "rtfmt.h"
#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), why[256], buf[INET6_ADDRSTRLEN];
	struct np_addr a, a2;
	unsigned port = 0;
	uint64_t u = 0;
	double secs = -1;

	why[0] = '\0';
	if (np_validate_iface(s, why, sizeof(why)) == 0) {
		/* The kernel's dev_valid_name rules. */
		FUZZ_ASSERT(*s && strlen(s) < IF_NAMESIZE);
		FUZZ_ASSERT(!strchr(s, '/') && !strchr(s, ':') && !strchr(s, ' '));
		FUZZ_ASSERT(strcmp(s, ".") && strcmp(s, ".."));
	} else {
		FUZZ_ASSERT(why[0]);
	}
	why[0] = '\0';
	if (np_validate_netns(s, why, sizeof(why)) == 0) {
		/* Joined to /run/netns/: it must not escape the directory. */
		FUZZ_ASSERT(!strchr(s, '/') && strcmp(s, "..") && strcmp(s, "."));
	} else {
		FUZZ_ASSERT(why[0]);
	}
	why[0] = '\0';
	if (np_validate_name(s, why, sizeof(why)) == 0) {
		/* Playbook names become file names in the search path. */
		FUZZ_ASSERT(!strchr(s, '/') && s[0] != '.' && strlen(s) <= 200);
	} else {
		FUZZ_ASSERT(why[0]);
	}
	why[0] = '\0';
	if (np_validate_sysctl(s, why, sizeof(why)) == 0)
		FUZZ_ASSERT(!strstr(s, "..") && s[0] != '/');
	else
		FUZZ_ASSERT(why[0]);
	if (np_parse_port(s, &port, why, sizeof(why)) == 0)
		FUZZ_ASSERT(port >= 1 && port <= 65535);
	if (np_parse_uint(s, UINT32_MAX, &u, why, sizeof(why)) == 0)
		FUZZ_ASSERT(u <= UINT32_MAX);
	if (np_parse_seconds(s, &secs, why, sizeof(why)) == 0)
		FUZZ_ASSERT(secs == 0 || (secs >= NP_DURATION_MIN && secs <= NP_DURATION_MAX));
	{
		/* routes PREFIX: a prefix contains its own address at any
		 * longer length, and never one of the other family. */
		struct np_prefix p;
		if (np_parse_prefix(s, &p, why, sizeof(why)) == 0) {
			unsigned max = p.addr.family == AF_INET ? 32 : 128;
			FUZZ_ASSERT(p.len <= max);
			FUZZ_ASSERT(np_prefix_contains(&p, p.addr.family, p.addr.a, max));
			FUZZ_ASSERT(!np_prefix_contains(
			    &p, p.addr.family == AF_INET ? AF_INET6 : AF_INET, p.addr.a, max));
		}
	}
	if (np_parse_addr(s, &a, why, sizeof(why)) == 0) {
		/* An accepted address prints and reparses to the same bytes. */
		FUZZ_ASSERT(a.family == AF_INET || a.family == AF_INET6);
		np_addr_str(&a, buf, sizeof(buf));
		FUZZ_ASSERT(np_parse_addr(buf, &a2, why, sizeof(why)) == 0);
		FUZZ_ASSERT(a2.family == a.family && !memcmp(a.a, a2.a, sizeof(a.a)));
	}
	{
		/* route[DST,from=SRC,iif=DEV,...] bracket keys. */
		struct np_route_query q;
		if (np_route_key_parse(s, &q, why, sizeof(why)) == 0)
			FUZZ_ASSERT(q.dst[0] && strlen(q.dst) < sizeof(q.dst));
	}
	free(s);
	return 0;
}
