// SPDX-License-Identifier: GPL-2.0-only
/* Symbolise kernel text addresses with /proc/kallsyms.  The file is not
 * sorted across modules, so for every wanted address keep the closest
 * text symbol at or below it. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksyms.h"

int np_ksyms_resolve(const uint64_t *addrs, int n, struct np_ksym *out)
{
	uint64_t *best;
	char line[512];
	FILE *f;

	for (int i = 0; i < n; i++)
		memset(&out[i], 0, sizeof(out[i]));
	if (n <= 0)
		return 0;
	best = calloc((size_t)n, sizeof(*best));
	if (!best)
		return -ENOMEM;
	f = fopen("/proc/kallsyms", "re");
	if (!f) {
		int err = -errno;
		free(best);
		return err;
	}
	while (fgets(line, sizeof(line), f)) {
		char *end, *name, type;
		uint64_t a = strtoull(line, &end, 16);
		if (end == line || !a || end[0] != ' ')
			continue;
		type = end[1];
		if (type != 't' && type != 'T')
			continue;
		name = end + 3;
		name[strcspn(name, " \t\n")] = '\0';
		for (int i = 0; i < n; i++) {
			if (a > addrs[i] || a < best[i])
				continue;
			best[i] = a;
			snprintf(out[i].name, sizeof(out[i].name), "%s", name);
			out[i].offset = addrs[i] - a;
			out[i].found = true;
		}
	}
	fclose(f);
	free(best);
	return 0;
}
