// SPDX-License-Identifier: GPL-2.0-only
/* sysctl name -> /proc/sys path: whatever the user types, the path stays
 * under /proc/sys (no "..", no absolute escape) and fits its buffer.  No
 * file is opened here. */
#include "fuzz.h"
#include "np.h"
#include "sysctl_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *key = fuzz_cstr(data, size), path[512], small[24];
	int rc = np_sysctl_path(key, path, sizeof(path));

	if (rc == 0) {
		FUZZ_ASSERT(!strncmp(path, "/proc/sys/", 10));
		FUZZ_ASSERT(!strstr(path, "/../") && !strstr(path, ".."));
		FUZZ_ASSERT(strlen(path) == 10 + strlen(key));
		/* Dotted keys map '.' to '/'; slashed keys are kept verbatim. */
		if (!strchr(key, '/'))
			FUZZ_ASSERT(!strchr(path + 10, '.'));
	} else {
		FUZZ_ASSERT(rc == -NP_EUSAGE || rc == -ENAMETOOLONG);
	}
	/* A short buffer truncates with an error, never overflows. */
	rc = np_sysctl_path(key, small, sizeof(small));
	if (rc == 0)
		FUZZ_ASSERT(strlen(small) < sizeof(small));
	free(key);
	return 0;
}
