// SPDX-License-Identifier: GPL-2.0-only
/* | include / exclude / count: any spec parses or is refused with a
 * reason; an accepted one filters any text into no more lines than it had
 * (count: one line, a number), each of them one of the input's. */
#include "fuzz.h"
#include "np.h"
#include "pipefilter.h"

static size_t count_lines(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n';
	return k + (n && s[n - 1] != '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t speclen = nl ? (size_t)(nl - data) : size;
	char *spec = fuzz_cstr(data, speclen), why[256] = "";
	const char *text = nl ? (const char *)nl + 1 : "";
	size_t tlen = nl ? size - speclen - 1 : 0, outlen = 0;
	char *out = NULL;
	struct np_pipe p;
	long bar = np_pipe_find(spec);

	FUZZ_ASSERT(bar == -1 || (bar >= 0 && (size_t)bar < strlen(spec) && spec[bar] == '|'));
	if (np_pipe_parse(spec, &p, why, sizeof(why)) == 0) {
		FILE *f = open_memstream(&out, &outlen);
		FUZZ_ASSERT(p.n >= 1 && p.n <= NP_PIPE_MAX_STAGES);
		np_pipe_apply(&p, text, tlen, f);
		fclose(f);
		if (p.st[p.n - 1].kind == NP_PIPE_COUNT) {
			FUZZ_ASSERT(outlen > 0 && out[outlen - 1] == '\n');
			FUZZ_ASSERT(strtoul(out, NULL, 10) <= count_lines(text, tlen));
		} else {
			FUZZ_ASSERT(count_lines(out, outlen) <= count_lines(text, tlen));
		}
		free(out);
		np_pipe_free(&p);
	} else {
		FUZZ_ASSERT(why[0]);
	}
	free(spec);
	return 0;
}
