// SPDX-License-Identifier: GPL-2.0-only
/* The fact-key parser (get, facts, playbooks): a key that parses has a
 * canonical text that parses again to the same key (the store is indexed
 * by it); a key that does not parse says where and why. */
#include "family.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), err[256] = "", canon[NP_FACTKEY_MAX * 2];
	struct np_factkey k, k2;

	if (np_factkey_parse(s, &k, err, sizeof(err)) == 0) {
		FUZZ_ASSERT(k.nseg >= 1 && k.nseg <= NP_FACTKEY_SEGS);
		for (int i = 0; i < k.nseg; i++) {
			FUZZ_ASSERT(strlen(k.seg[i].name) < NP_FACTKEY_NAME);
			FUZZ_ASSERT(strlen(k.seg[i].arg) < NP_FACTKEY_ARG);
			FUZZ_ASSERT(k.seg[i].has_arg == (k.seg[i].arg[0] != '\0'));
		}
		np_factkey_format(&k, canon, sizeof(canon));
		/* Canonical text is the input itself: the grammar has no
		 * optional spelling, so a round trip must be exact. */
		FUZZ_ASSERT(strcmp(canon, s) == 0);
		FUZZ_ASSERT(np_factkey_parse(canon, &k2, err, sizeof(err)) == 0);
		FUZZ_ASSERT(k2.nseg == k.nseg);
		FUZZ_ASSERT(!strcmp(np_factkey_name(&k2, 0), np_factkey_name(&k, 0)));
		FUZZ_ASSERT(!strcmp(np_factkey_arg(&k2, k.nseg - 1), np_factkey_arg(&k, k.nseg - 1)));
		/* Out-of-range segment accessors answer "", never read past. */
		FUZZ_ASSERT(!strcmp(np_factkey_name(&k, NP_FACTKEY_SEGS), ""));
		/* Load-time validation of a playbook key never reads the kernel,
		 * and the canonical spelling is a fixed point of the grammar. */
		struct np_fact_ref ref, again;
		if (!np_fact_resolve(s, &ref, err, sizeof(err))) {
			FUZZ_ASSERT(np_fact_resolve(ref.text, &again, err, sizeof(err)) == 0);
			FUZZ_ASSERT(!strcmp(again.text, ref.text));
		}
	} else {
		FUZZ_ASSERT(err[0] != '\0');
	}
	free(s);
	return 0;
}
