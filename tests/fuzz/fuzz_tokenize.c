// SPDX-License-Identifier: GPL-2.0-only
/* The command-line tokenizer (REPL, -c, -f): any line either tokenizes
 * within its limits or fails with a message, never crashes or leaks. */
#include "fuzz.h"
#include "np.h"
#include "tokenize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = fuzz_cstr(data, size), err[256] = "";
	struct np_tokens t;
	int rc = np_tokenize(line, &t, err, sizeof(err));

	if (rc == 0) {
		size_t total = 0;
		FUZZ_ASSERT(t.argc >= 0 && t.argc <= 256);
		FUZZ_ASSERT(t.argv && t.argv[t.argc] == NULL);
		FUZZ_ASSERT(t.last_start <= strlen(line));
		/* Tokens are built from the line's bytes: never longer in total. */
		for (int i = 0; i < t.argc; i++) {
			FUZZ_ASSERT(t.argv[i] != NULL);
			total += strlen(t.argv[i]);
		}
		FUZZ_ASSERT(total <= strlen(line));
		np_tokens_free(&t);
		FUZZ_ASSERT(t.argv == NULL && t.argc == 0);
	} else {
		FUZZ_ASSERT(rc == -NP_EUSAGE || rc == -ENOMEM);
		FUZZ_ASSERT(err[0] != '\0');
		FUZZ_ASSERT(t.argv == NULL);
	}
	free(line);
	return 0;
}
