/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel addresses -> function names through /proc/kallsyms. */
#ifndef NP_KSYMS_H
#define NP_KSYMS_H

#include <stdbool.h>
#include <stdint.h>

struct np_ksym {
	char name[96];
	uint64_t offset; /* addr - symbol start */
	bool found;
};

/* Resolve n addresses in one pass over /proc/kallsyms (no table kept:
 * a probe needs a handful of names, not 200k symbols).  Addresses read
 * as 0 without CAP_SYSLOG: then nothing resolves.  0 or -errno. */
int np_ksyms_resolve(const uint64_t *addrs, int n, struct np_ksym *out);

#endif
