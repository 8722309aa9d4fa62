// SPDX-License-Identifier: GPL-2.0-only
/* The probe filter grammar (probes/filter.c): any text is accepted or
 * refused with a reason; an accepted filter describes itself as text
 * that parses back to the same conditions. */
#include "filter.h"
#include "fuzz.h"
#include "np.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), why[256], desc[1024];
	struct np_filter_spec f, g;
	int rc;

	why[0] = '\0';
	rc = np_filter_parse(s, &f, why, sizeof(why));
	FUZZ_ASSERT(rc == 0 || rc == -NP_EUSAGE || rc == -ENOMEM);
	if (rc == -NP_EUSAGE)
		FUZZ_ASSERT(why[0]);
	if (rc == 0) {
		np_filter_describe(&f, desc, sizeof(desc));
		FUZZ_ASSERT(np_filter_parse(desc, &g, why, sizeof(why)) == 0);
		FUZZ_ASSERT(g.f.flags == f.f.flags && g.f.l4 == f.f.l4 && g.f.port == f.f.port &&
			    g.f.sport == f.f.sport && g.f.dport == f.f.dport);
		/* Addresses and the device too: the whole kernel-side filter. */
		FUZZ_ASSERT(!memcmp(&g.f, &f.f, sizeof(f.f)) && !strcmp(g.dev, f.dev));
	}
	free(s);
	return 0;
}
