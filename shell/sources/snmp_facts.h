/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading the SNMP MIB files (snmp_facts.c): the `counters` command and
 * the snmp fact family share it. */
#ifndef NP_SNMP_FACTS_H
#define NP_SNMP_FACTS_H

#include "ctx.h"
#include "snmp_parse.h"

/* Which files to read. */
enum { NP_SNMP_F_SNMP = 1, NP_SNMP_F_NETSTAT = 2, NP_SNMP_F_SNMP6 = 4, NP_SNMP_F_ALL = 7 };

/* The bit of a file name np_snmp_group_file() gives ("snmp", "netstat",
 * "snmp6"); 0 for NULL. */
unsigned np_snmp_file_bit(const char *file);
/* Read and parse the files in mask into c.  A missing snmp6 (IPv6
 * disabled) is not an error.  0 or -errno (reported). */
int np_snmp_load(struct np_ctx *ctx, unsigned mask, struct np_counters *c);
/* snmp.GROUP.FIELD for every counter of c. */
void np_snmp_publish(struct np_ctx *ctx, const struct np_counters *c);

#endif
