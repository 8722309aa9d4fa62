// SPDX-License-Identifier: GPL-2.0-only
/* The probe filter grammar (probes/filter.c): anything typed after
 * `probe drops N` or given to a playbook parses or is refused with the bad
 * token named; an accepted filter's description parses back to the same
 * kernel-side filter. */
#include "filter.h"
#include "fuzz.h"
#include "np.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstr(data, size), why[256] = "", desc[1024];
	struct np_filter_spec s, s2;

	if (np_filter_parse(text, &s, why, sizeof(why)) == 0) {
		FUZZ_ASSERT(strlen(s.dev) < IF_NAMESIZE);
		FUZZ_ASSERT(strlen(s.netns_name) < sizeof(s.netns_name));
		np_filter_describe(&s, desc, sizeof(desc));
		FUZZ_ASSERT(strlen(desc) < sizeof(desc));
		if (np_filter_parse(desc, &s2, why, sizeof(why)) != 0) {
			fprintf(stderr, "description '%s' of '%s' does not parse: %s\n", desc, text, why);
			abort();
		}
		FUZZ_ASSERT(!memcmp(&s.f, &s2.f, sizeof(s.f)));
		/* An unset netns rule is described as its resolved default. */
		if (s.netns != NP_NETNS_DEFAULT)
			FUZZ_ASSERT(s.netns == s2.netns);
		FUZZ_ASSERT(!strcmp(s.dev, s2.dev));
	} else {
		FUZZ_ASSERT(why[0] != '\0');
	}
	free(text);
	return 0;
}
