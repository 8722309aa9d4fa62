// SPDX-License-Identifier: GPL-2.0-only
/* sysctl [KEY]: any key under /proc/sys/net, and a knowledge table of the
 * network sysctls that matter for packet loss with their sane ranges. */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "sysctl_read.h"

/* What an expert checks first.  min/max bound the first number of the
 * value; a value outside is a warning with the reason given. */
struct sysctl_knowledge {
	const char *key;
	long long min, max; /* inclusive sane range; LLONG_MIN/MAX = open */
	const char *why;    /* what goes wrong outside the range */
};

#define OPEN_LO (-(1LL << 62))
#define OPEN_HI (1LL << 62)

static const struct sysctl_knowledge knowledge[] = {
	{"net.core.netdev_max_backlog", 1000, OPEN_HI,
	 "per-CPU backlog; too small drops bursts (softnet dropped, CPU_BACKLOG)"},
	{"net.core.netdev_budget", 300, OPEN_HI,
	 "packets per NET_RX softirq; too small raises time_squeeze and ring overflow"},
	{"net.core.netdev_budget_usecs", 2000, OPEN_HI, "time budget of one NET_RX softirq run"},
	{"net.core.somaxconn", 128, OPEN_HI, "caps every listen() backlog: accept-queue overflow"},
	{"net.core.rmem_max", 212992, OPEN_HI, "caps SO_RCVBUF: UDP receive-buffer drops"},
	{"net.core.wmem_max", 212992, OPEN_HI, "caps SO_SNDBUF"},
	{"net.core.rmem_default", 65536, OPEN_HI, "default socket receive buffer"},
	{"net.ipv4.tcp_max_syn_backlog", 128, OPEN_HI, "SYN queue length per listener"},
	{"net.ipv4.tcp_syncookies", 1, 2, "0 drops SYNs once the SYN queue is full"},
	{"net.ipv4.tcp_abort_on_overflow", 0, 0, "1 turns accept-queue overflow into RSTs"},
	{"net.ipv4.ip_forward", 0, 1, "0: the host does not route between interfaces"},
	{"net.ipv4.conf.all.rp_filter", 0, 2,
	 "1 (strict) drops asymmetric traffic (IP_RPFILTER); effective = max(all, DEV)"},
	{"net.ipv4.conf.all.log_martians", 0, 1, "1 logs martian and rp_filter drops to dmesg"},
	{"net.ipv4.neigh.default.gc_thresh3", 1024, OPEN_HI,
	 "hard limit of the ARP table: NEIGH_CREATEFAIL, table_fulls"},
	{"net.ipv6.neigh.default.gc_thresh3", 1024, OPEN_HI, "hard limit of the NDP table"},
	{"net.ipv4.ipfrag_high_thresh", 262144, OPEN_HI, "reassembly memory: ReasmFails"},
	{"net.ipv4.tcp_mtu_probing", 0, 2, "1/2 recover from PMTU black holes"},
	{"net.ipv4.icmp_ratelimit", 0, 10000, "ms between ICMP errors per host"},
	{"net.ipv4.ip_local_port_range", 1024, 65535, "ephemeral ports: EADDRNOTAVAIL when exhausted"},
	{"net.ipv4.tcp_max_tw_buckets", 1024, OPEN_HI, "TIME_WAIT limit: TCPTimeWaitOverflow"},
	{"net.netfilter.nf_conntrack_max", 65536, OPEN_HI,
	 "conntrack table size: drops when count reaches max"},
	{"net.netfilter.nf_conntrack_tcp_be_liberal", 0, 1,
	 "0 marks out-of-window TCP INVALID (drops or RSTs behind NAT)"},
	{"net.netfilter.nf_conntrack_tcp_loose", 0, 1, "0 makes mid-stream pickups INVALID"},
	{"net.netfilter.nf_conntrack_checksum", 0, 1, "1 marks bad-checksum packets INVALID"},
};

static const struct np_arg sysctl_args[] = {
	{NULL, NP_A_SYSCTL, "KEY", "a key under /proc/sys (net.core.somaxconn), or a prefix"},
};

/* The knowledge entry for key, or NULL. */
static const struct sysctl_knowledge *knowledge_for(const char *key)
{
	for (size_t i = 0; i < NP_ARRAY_SIZE(knowledge); i++)
		if (!strcmp(knowledge[i].key, key))
			return &knowledge[i];
	return NULL;
}

static const char *judge(const struct sysctl_knowledge *k, const char *val)
{
	char *end;
	long long v;
	if (!k)
		return "-";
	v = strtoll(val, &end, 10);
	if (end == val)
		return "-";
	return v < k->min || v > k->max ? "warn" : "ok";
}

static void range_text(const struct sysctl_knowledge *k, char *buf, size_t len)
{
	if (!k)
		snprintf(buf, len, "-");
	else if (k->min == OPEN_LO)
		snprintf(buf, len, "<= %lld", k->max);
	else if (k->max == OPEN_HI)
		snprintf(buf, len, ">= %lld", k->min);
	else if (k->min == k->max)
		snprintf(buf, len, "%lld", k->min);
	else
		snprintf(buf, len, "%lld..%lld", k->min, k->max);
}

static const struct np_col sysctl_cols[] = {
	{"key", "KEY", NP_COL_STR},	     {"value", "VALUE", NP_COL_STR},
	{"sane", "SANE", NP_COL_STR},	     {"status", "STATUS", NP_COL_STR},
	{"why", "WHY IT MATTERS", NP_COL_STR},
};

static void sysctl_row(struct np_ctx *ctx, struct np_table *t, const char *key, const char *val,
		       int *warns)
{
	const struct sysctl_knowledge *k = knowledge_for(key);
	const char *st = judge(k, val);
	char range[64];
	range_text(k, range, sizeof(range));
	np_fact_setf_str(ctx->facts, val, "sysctl[%s]", key);
	if (!strcmp(st, "warn"))
		(*warns)++;
	np_row_begin(t);
	np_cell_str(t, key);
	np_cell_str(t, val);
	np_cell_str(t, range);
	np_cell_str(t, st);
	np_cell_str(t, k ? k->why : NULL);
	np_row_end(t);
}

struct walk {
	struct np_ctx *ctx;
	struct np_table *t;
	int *warns;
};

static void walk_row(const char *key, const char *val, void *arg)
{
	struct walk *w = arg;
	sysctl_row(w->ctx, w->t, key, val, w->warns);
}

static int sysctl_run(struct np_ctx *ctx, const struct np_args *a)
{
	char val[4096];
	int warns = 0, err;
	struct np_table *t;

	if (a->v[0].set) {
		const char *key = a->v[0].str;
		err = np_sysctl_read(key, val, sizeof(val));
		if (err == -EISDIR) {
			/* A prefix: list the keys below it. */
			struct walk w = {ctx, NULL, &warns};
			w.t = np_table_begin(ctx->out, "sysctls", NULL, sysctl_cols, 5);
			err = np_sysctl_walk(key, 5000, walk_row, &w);
			np_table_end(w.t);
			if (warns)
				ctx->health = NP_WARN;
			return err;
		}
		if (err) {
			np_error(ctx->out, "keys look like net.core.somaxconn; Tab completes them",
				 "sysctl %s: %s", key, strerror(-err));
			return err;
		}
		t = np_table_begin(ctx->out, "sysctls", NULL, sysctl_cols, 5);
		sysctl_row(ctx, t, key, val, &warns);
		np_table_end(t);
	} else {
		t = np_table_begin(ctx->out, "sysctls", "network sysctls that matter for packet loss:",
				   sysctl_cols, 5);
		for (size_t i = 0; i < NP_ARRAY_SIZE(knowledge); i++) {
			if (np_sysctl_read(knowledge[i].key, val, sizeof(val)))
				continue; /* absent here (module not loaded, other netns) */
			sysctl_row(ctx, t, knowledge[i].key, val, &warns);
		}
		np_table_end(t);
	}
	if (warns)
		ctx->health = NP_WARN;
	return 0;
}

const struct np_cmd np_cmd_sysctl = {
    .name = "sysctl",
    .summary = "network sysctls that matter, with sane ranges",
    .help = "Without KEY: the sysctls that most often explain packet loss, their value, the "
	    "sane range and why they matter (WARNING exit status when one is outside). With KEY: "
	    "that value; with a prefix (net.ipv4.conf.eth0) every key below it. Read-only: "
	    "netpath never writes sysctls.",
    .args = sysctl_args,
    .nargs = NP_ARRAY_SIZE(sysctl_args),
    .run = sysctl_run,
    .facts = NP_FAMILIES("sysctl"),
    .examples = "sysctl\nsysctl net.core.netdev_max_backlog\nsysctl net.ipv4.conf.all",
};
