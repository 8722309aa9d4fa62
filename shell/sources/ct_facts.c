// SPDX-License-Identifier: GPL-2.0-only
/* The conntrack fact family: the table's fill and the statistics summed
 * over CPUs, from one ct_read.c snapshot (constant cost whatever the table
 * size).  conntrack.entries and friends come from `conntrack entries`
 * only: a full table walk is never a fact read. */
#include <stdio.h>
#include <string.h>

#include "ct_facts.h"
#include "family.h"

void np_ct_publish(struct np_ctx *ctx, const struct np_ct_snap *s)
{
	np_facts_clear_prefix(ctx->facts, "conntrack.");
	np_fact_set_int(ctx->facts, "conntrack.loaded", s->loaded);
	if (!s->loaded)
		return;
	np_fact_set_int(ctx->facts, "conntrack.count", (int64_t)s->count);
	np_fact_set_int(ctx->facts, "conntrack.max", (int64_t)s->max);
	/* The table judgement `conntrack` prints, for playbooks:
	 * conntrack.health != crit.  Counter deltas are judged by the
	 * playbook's own delta checks over its window. */
	{
		char why[200];
		np_fact_set_dbl(ctx->facts, "conntrack.fill_pct",
				s->max ? 100.0 * (double)s->count / (double)s->max : 0.0);
		np_fact_set_str(
		    ctx->facts, "conntrack.health",
		    np_health_name(np_ct_judge(s->count, s->max, NULL, why, sizeof(why))));
	}
	if (s->have_nl_cpu || s->have_proc) {
		const struct np_ct_stats *st = np_ct_snap_stats(s);
		for (int i = 0; i < NP_CT_NSTATS; i++)
			np_fact_setf_int(ctx->facts, (int64_t)st->v[i], "conntrack.stat.%s",
					 np_ct_stat_names[i]);
	}
}

static int ct_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct np_ct_stats cpu[NP_CT_MAX_CPUS];
	int cpu_id[NP_CT_MAX_CPUS];
	struct np_ct_snap s = {.cpu = cpu, .cpu_id = cpu_id};
	(void)key;
	np_ct_snapshot(ctx, &s);
	np_ct_publish(ctx, &s);
	return 0;
}

static int ct_canon(struct np_factkey *key, char *why, size_t len)
{
	const char *n1 = np_factkey_name(key, 1);
	if (key->seg[0].has_arg)
		goto bad;
	if (key->nseg == 2 &&
	    (!strcmp(n1, "loaded") || !strcmp(n1, "count") || !strcmp(n1, "max") ||
	     !strcmp(n1, "fill_pct") || !strcmp(n1, "health")))
		return 0;
	if (key->nseg == 3 && !strcmp(n1, "stat"))
		for (int i = 0; i < NP_CT_NSTATS; i++)
			if (!strcmp(np_factkey_name(key, 2), np_ct_stat_names[i]))
				return 0;
bad:
	snprintf(why, len,
		 "expected conntrack.loaded, .count, .max, .fill_pct, .health or "
		 "conntrack.stat.{found,invalid,insert,"
		 "insert_failed,drop,early_drop,icmp_error,search_restart,clash_resolve,"
		 "chaintoolong}");
	return -ENOENT;
}

static void ct_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
{
	char buf[64];
	const char *top[] = {"conntrack.loaded", "conntrack.count", "conntrack.max",
			     "conntrack.fill_pct", "conntrack.health"};
	(void)ctx;
	for (size_t i = 0; i < NP_ARRAY_SIZE(top); i++)
		if (!strncmp(top[i], prefix, strlen(prefix)))
			add(cookie, top[i]);
	for (int i = 0; i < NP_CT_NSTATS; i++) {
		snprintf(buf, sizeof(buf), "conntrack.stat.%s", np_ct_stat_names[i]);
		if (!strncmp(buf, prefix, strlen(prefix)))
			add(cookie, buf);
	}
}

const struct np_fact_family np_family_conntrack = {
    .ns = "conntrack",
    .pattern = "conntrack.{loaded,count,max,fill_pct,health,stat.NAME}",
    .describe = "conntrack table fill and per-CPU statistics summed (ctnetlink or "
		"/proc/net/stat/nf_conntrack); loaded 0 when conntrack is absent",
    .canon = ct_canon,
    .fetch = ct_fetch,
    .complete = ct_complete,
    /* The statistics count every flow of the namespace; the table's fill
     * is the state that decides this flow's fate. */
    .scope = NP_SCOPE_NETNS,
    .scope_seg = "stat",
};
