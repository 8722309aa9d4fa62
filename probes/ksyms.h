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

/* A loaded table for many lookups (probe trace): every text symbol,
 * sorted.  NULL on failure. */
struct np_ksyms;
struct np_ksyms *np_ksyms_load(void);
/* Function containing addr, or NULL; *off gets addr - start. */
const char *np_ksyms_find(const struct np_ksyms *k, uint64_t addr, uint64_t *off);
void np_ksyms_free(struct np_ksyms *k);

#endif
