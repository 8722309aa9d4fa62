// SPDX-License-Identifier: GPL-2.0-only
/* The nft listing parser (rule text placed by handle) and the advice built
 * from that text, fed with arbitrary text: another nft version's layout, a
 * truncated buffer, a comment full of quotes.  Invariants: every placed
 * line has a family, table, chain, a non-zero handle and trimmed text; the
 * advice built from any text is one shell word-list `nft '...'` whose
 * single quotes are balanced (no rule text can break out of the quoting). */
#include <linux/netfilter.h>

#include "fuzz.h"
#include "nft.h"

static void check_advice(const char *family, const char *table, const char *chain, uint64_t handle,
			 const char *text)
{
	struct np_nft_chain ch = {.family = NFPROTO_INET, .base = true};
	struct np_nft_rule ru = {.handle = handle, .verdict = NP_NFT_V_DROP};
	struct np_nft_snap s = {.chains = &ch, .nchains = 1, .rules = &ru, .nrules = 1};
	struct np_nft_ref r = {false, 0};
	char buf[1024];
	size_t quotes = 0, n;
	(void)family;
	ch.table = (char *)table;
	ch.name = (char *)chain;
	ru.text = (char *)text;
	np_nft_advice(&s, &r, buf, sizeof(buf));
	n = strlen(buf);
	FUZZ_ASSERT(n < sizeof(buf));
	if (!n)
		return;
	FUZZ_ASSERT(!strncmp(buf, "nft '", 5) && buf[n - 1] == '\'');
	FUZZ_ASSERT(strstr(buf, "counter") != NULL);
	for (size_t i = 0; i < n; i++) {
		if (!strncmp(buf + i, "'\\''", 4)) {
			i += 3; /* an escaped quote inside the word */
			continue;
		}
		quotes += buf[i] == '\'';
	}
	FUZZ_ASSERT(quotes == 2);
}

static void line_cb(void *arg, const char *family, const char *table, const char *chain,
		    uint64_t handle, const char *text)
{
	size_t n = strlen(text);
	(*(int *)arg)++;
	FUZZ_ASSERT(*family && *table && *chain && handle);
	FUZZ_ASSERT(!n || (text[0] != ' ' && text[n - 1] != ' '));
	FUZZ_ASSERT(!strchr(text, '\n'));
	check_advice(family, table, chain, handle, text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int lines = 0;
	np_nft_listing_parse((const char *)data, size, line_cb, &lines);
	FUZZ_ASSERT(lines >= 0);
	return 0;
}
