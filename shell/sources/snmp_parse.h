/* SPDX-License-Identifier: GPL-2.0-only */
/* Parsers for /proc/net/snmp, /proc/net/netstat (header/value line pairs)
 * and /proc/net/snmp6 (name value lines), named like nstat:
 * group "TcpExt", name "ListenOverflows" -> fact snmp.TcpExt.ListenOverflows. */
#ifndef NP_SNMP_PARSE_H
#define NP_SNMP_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "np.h"

struct np_counter {
	char group[16]; /* Ip, TcpExt, Ip6, Udp6 ... */
	char name[48];	/* InDiscards, ListenOverflows ... */
	int64_t value;	/* signed: Tcp MaxConn is -1 */
};

struct np_counters {
	struct np_counter *v;
	size_t n, cap;
};

void np_counters_free(struct np_counters *c);
/* Append the pairs of "Group: A B C" / "Group: 1 2 3" lines.  0, -EINVAL on a
 * malformed pair (value count differs, header without values), -ENOMEM. */
int np_snmp_parse_pairs(const char *text, struct np_counters *out);
/* Append "Ip6InReceives   42" lines split at the protocol prefix
 * (Ip6, Icmp6, Udp6, UdpLite6).  Lines without a known prefix are skipped. */
int np_snmp_parse_snmp6(const char *text, struct np_counters *out);
/* Split "Icmp6InErrors" into "Icmp6" / "InErrors"; false if no known prefix. */
bool np_snmp6_split(const char *full, char *group, size_t glen, const char **name);

/* Which /proc/net file holds a group: "snmp", "netstat", "snmp6", or NULL. */
const char *np_snmp_group_file(const char *group);
/* Every group we know, NULL-terminated, in file order. */
extern const char *const np_snmp_groups[];

const struct np_counter *np_counters_find(const struct np_counters *c, const char *group,
					  const char *name);
/* FILTER: a group name (case-insensitive, whole) or a case-insensitive
 * substring of "Group.Name".  NULL or "" matches everything. */
bool np_counter_match(const struct np_counter *c, const char *filter);
/* True when filter names a whole group (then --all lists its zeros too). */
bool np_filter_is_group(const char *filter);

/* Knowledge: counters that mean loss, their layer and what they mean. */
struct np_counter_info {
	const char *group, *name;
	enum np_layer layer;
	const char *meaning;
};
const struct np_counter_info *np_counter_knowledge(const char *group, const char *name);

#endif
