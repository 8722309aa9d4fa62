/* SPDX-License-Identifier: GPL-2.0-only */
/* /proc/net/softnet_stat: one row of hex columns per online CPU.
 * col1 processed, col2 dropped (backlog full / flow limit), col3
 * time_squeeze, col10 received_rps, col11 flow_limit_count, col13 the CPU
 * id on kernels that print it (else the row index, which is wrong when
 * CPUs are offline, hence col13 wins). */
#ifndef NP_SOFTNET_PARSE_H
#define NP_SOFTNET_PARSE_H

#include <stddef.h>
#include <stdint.h>

#define NP_SOFTNET_NFIELDS 5

struct np_softnet_cpu {
	int cpu;
	uint64_t f[NP_SOFTNET_NFIELDS]; /* in np_softnet_fields order */
};

/* "processed", "dropped", "time_squeeze", "received_rps", "flow_limit_count" */
extern const char *const np_softnet_fields[NP_SOFTNET_NFIELDS];
/* Index of a field name or -1. */
int np_softnet_field(const char *name);

/* Parse up to max rows into rows.  Number of rows, or -EINVAL when a row
 * is malformed (fewer than 11 columns, non-hex). */
int np_softnet_parse(const char *text, struct np_softnet_cpu *rows, int max);

#endif
