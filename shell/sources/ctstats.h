/* SPDX-License-Identifier: GPL-2.0-only */
/* Conntrack statistics: ctnetlink requests and reply parsing, the
 * /proc/net/stat/nf_conntrack parser, the streaming entry tally and the
 * table-health judgement that `conntrack` and playbooks share.  No I/O
 * here: everything is testable on recorded bytes. */
#ifndef NP_CTSTATS_H
#define NP_CTSTATS_H

#include <stddef.h>
#include <stdint.h>

#include "np.h"

struct nlmsghdr;

/* The per-CPU counters, named as in the fact contract (conntrack.stat.X). */
enum np_ct_stat {
	NP_CT_FOUND,
	NP_CT_INVALID,
	NP_CT_INSERT,
	NP_CT_INSERT_FAILED,
	NP_CT_DROP,
	NP_CT_EARLY_DROP,
	NP_CT_ICMP_ERROR,
	NP_CT_SEARCH_RESTART,
	NP_CT_CLASH_RESOLVE,
	NP_CT_CHAINTOOLONG,
	NP_CT_NSTATS,
};

extern const char *const np_ct_stat_names[NP_CT_NSTATS];

struct np_ct_stats {
	uint64_t v[NP_CT_NSTATS];
};

/* Request for IPCTNL_MSG_CT_GET_STATS (dump = 0), _GET_STATS_CPU or the
 * table (_GET) with dump = 1.  Returns the header inside buf. */
struct nlmsghdr *np_ct_req(void *buf, int msg, int dump, uint32_t seq);

/* One IPCTNL_MSG_CT_GET_STATS_CPU reply: counters and the CPU number
 * (nfgenmsg res_id).  0 or -EINVAL. */
int np_ct_parse_cpu(const struct nlmsghdr *nlh, struct np_ct_stats *out, int *cpu);
/* IPCTNL_MSG_CT_GET_STATS reply: entries and max.  0 or -EINVAL. */
int np_ct_parse_global(const struct nlmsghdr *nlh, uint64_t *count, uint64_t *max);

/* /proc/net/stat/nf_conntrack text (header + one hex row per CPU):
 * counters summed over CPUs, *entries from the first row, *cpus rows.
 * 0 or -EINVAL when the header or a row does not parse. */
int np_ct_parse_proc(const char *text, struct np_ct_stats *sum, uint64_t *entries, int *cpus);

/* b - a, per counter (0 when a counter went backwards). */
void np_ct_delta(const struct np_ct_stats *a, const struct np_ct_stats *b, struct np_ct_stats *d);

/* Health of the table.  ratio count/max: >= 0.90 warn, >= 0.98 crit
 * (the kernel starts early-dropping before max is reached exactly).
 * With delta (counters over an interval): drop or chaintoolong > 0 crit
 * (packets dropped), early_drop or insert_failed > 0 warn.  max 0 means
 * unlimited.  Writes the reason for the worst finding into why. */
enum np_health np_ct_judge(uint64_t count, uint64_t max, const struct np_ct_stats *delta,
			   char *why, size_t len);

/* The streaming tally of `conntrack entries`: counts only, never the
 * entries themselves. */
#define NP_CT_TCP_STATES 10
struct np_ct_tally {
	uint64_t total;
	uint64_t proto[256];
	uint64_t tcp_state[NP_CT_TCP_STATES + 1]; /* last slot: unknown */
	uint64_t unreplied, assured;
	uint64_t ipv4, ipv6;
};
/* Adds one IPCTNL_MSG_CT_NEW dump message.  0 or -EINVAL. */
int np_ct_tally_msg(const struct nlmsghdr *nlh, struct np_ct_tally *t);
/* conntrack(8) names: ESTABLISHED, TIME_WAIT ... ("UNKNOWN" out of range). */
const char *np_ct_tcp_state_name(int state);
const char *np_ct_proto_name(int proto, char *buf, size_t len);

#endif
