// SPDX-License-Identifier: GPL-2.0-only
/* counters [FILTER] [--interval SECONDS] [--all]: the kernel's SNMP MIB
 * counters (/proc/net/snmp, netstat, snmp6) named like nstat, with the
 * layer and meaning of the ones that mean packet loss. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "command.h"
#include "snmp_facts.h"

/* ---- facts ---- */

/* ---- the command ---- */

enum { A_FILTER, A_INTERVAL, A_ALL };

static const struct np_arg counters_args[] = {
	[A_FILTER] = {NULL, NP_A_WORD, "FILTER",
		      "a group (Tcp, TcpExt, IpExt, Udp6 ...) or a case-insensitive substring"},
	[A_INTERVAL] = {"--interval", NP_A_SECONDS, "SECONDS",
			"only counters that moved in SECONDS, with delta and rate"},
	[A_ALL] = {"--all", NP_A_FLAG, NULL, "show zero counters too"},
};

static void complete_filter(struct np_ctx *ctx, int argc, char **argv, const char *word,
			    np_complete_fn add, void *cookie)
{
	(void)ctx, (void)argc, (void)argv;
	for (int i = 0; np_snmp_groups[i]; i++)
		if (!strncasecmp(np_snmp_groups[i], word, strlen(word)))
			add(cookie, np_snmp_groups[i]);
}

static const struct np_col cols[] = {
	{"counter", "COUNTER", NP_COL_STR}, {"value", "VALUE", NP_COL_I64},
	{"layer", "LAYER", NP_COL_STR},	    {"meaning", "MEANING", NP_COL_STR},
};

static const struct np_col delta_cols[] = {
	{"counter", "COUNTER", NP_COL_STR},	  {"value", "VALUE", NP_COL_I64},
	{"delta", "DELTA", NP_COL_I64},		  {"rate", "PER SEC", NP_COL_DBL, 0, 1},
	{"layer", "LAYER", NP_COL_STR},		  {"meaning", "MEANING", NP_COL_STR},
};

static void cell_knowledge(struct np_table *t, const struct np_counter *c)
{
	const struct np_counter_info *k = np_counter_knowledge(c->group, c->name);
	np_cell_str(t, k ? np_layer_name(k->layer) : NULL);
	np_cell_str(t, k ? k->meaning : NULL);
}

static int show(struct np_ctx *ctx, const struct np_counters *c, const char *filter, bool all)
{
	struct np_table *t = np_table_begin(ctx->out, "counters", NULL, cols, 4);
	int shown = 0;
	for (size_t i = 0; i < c->n; i++) {
		char name[96];
		if (!np_counter_match(&c->v[i], filter) || (!all && !c->v[i].value))
			continue;
		snprintf(name, sizeof(name), "snmp.%s.%s", c->v[i].group, c->v[i].name);
		np_row_begin(t);
		np_cell_str(t, name);
		np_cell_i64(t, c->v[i].value);
		cell_knowledge(t, &c->v[i]);
		np_row_end(t);
		shown++;
	}
	np_table_end(t);
	return shown;
}

static int show_delta(struct np_ctx *ctx, const struct np_counters *a, const struct np_counters *b,
		      const char *filter, bool all, double dt)
{
	struct np_table *t;
	int loss = 0, shown = 0;
	np_print_dbl(ctx->out, "interval_s", "counters that moved in %.2fs:\n", dt);
	t = np_table_begin(ctx->out, "counters", NULL, delta_cols, 6);
	for (size_t i = 0; i < b->n; i++) {
		const struct np_counter *x = &b->v[i];
		const struct np_counter *p = np_counters_find(a, x->group, x->name);
		int64_t d = p ? x->value - p->value : 0;
		char name[96];
		if (!np_counter_match(x, filter) || (!d && !all))
			continue;
		if (d > 0 && np_counter_knowledge(x->group, x->name))
			loss++;
		snprintf(name, sizeof(name), "snmp.%s.%s", x->group, x->name);
		np_row_begin(t);
		np_cell_str(t, name);
		np_cell_i64(t, x->value);
		np_cell_i64(t, d);
		np_cell_dbl(t, dt > 0 ? (double)d / dt : 0);
		cell_knowledge(t, x);
		np_row_end(t);
		shown++;
	}
	np_table_end(t);
	if (!shown && !np_out_json(ctx->out))
		np_text(ctx->out, "(no counter%s moved)\n", filter ? " matching the filter" : "");
	return loss;
}

static int counters_run(struct np_ctx *ctx, const struct np_args *a)
{
	const char *filter = a->v[A_FILTER].set ? a->v[A_FILTER].str : NULL;
	bool all = a->v[A_ALL].set;
	unsigned mask = NP_SNMP_F_ALL;
	struct np_counters c1 = {0}, c2 = {0};
	int err;

	/* A group filter reads only the file that holds the group. */
	if (filter && np_filter_is_group(filter))
		for (int i = 0; np_snmp_groups[i]; i++)
			if (!strcasecmp(np_snmp_groups[i], filter))
				mask = np_snmp_file_bit(np_snmp_group_file(np_snmp_groups[i]));
	err = np_snmp_load(ctx, mask, &c1);
	if (err)
		goto out;
	if (!a->v[A_INTERVAL].set) {
		np_snmp_publish(ctx, &c1);
		if (!show(ctx, &c1, filter, all) && filter && !np_out_json(ctx->out))
			np_text(ctx->out, "(no %scounters match '%s'%s)\n", all ? "" : "non-zero ",
				filter, all ? "" : "; --all shows zeros");
	} else {
		double t0 = np_now(), secs = a->v[A_INTERVAL].secs;
		if (secs <= 0) {
			np_error(ctx->out, "e.g. --interval 1", "--interval must be above zero");
			err = -NP_EUSAGE;
			goto out;
		}
		if (ctx->interactive)
			np_text(ctx->out, "sampling %.3gs (Ctrl-C stops early)...\n", secs);
		if (np_sleep(ctx, secs) == -EINTR)
			np_warn(ctx->out, "interrupted: deltas over %.2fs", np_now() - t0);
		err = np_snmp_load(ctx, mask, &c2);
		if (err)
			goto out;
		np_snmp_publish(ctx, &c2);
		/* A loss counter rising while we watched is worth a WARNING. */
		if (show_delta(ctx, &c1, &c2, filter, all, np_now() - t0))
			ctx->health = NP_WARN;
	}
out:
	np_counters_free(&c1);
	np_counters_free(&c2);
	return err;
}

const struct np_cmd np_cmd_counters = {
    .name = "counters",
    .summary = "SNMP counters (nstat): loss counters with their layer and meaning",
    .help = "The kernel's MIB counters of this network namespace from /proc/net/snmp, "
	    "/proc/net/netstat and /proc/net/snmp6, named like nstat "
	    "(snmp.TcpExt.ListenOverflows, snmp.Udp6.RcvbufErrors). FILTER is a group (Ip, "
	    "Icmp, Tcp, Udp, TcpExt, IpExt, Ip6, Icmp6, Udp6 ...; only that file is read) or a "
	    "case-insensitive substring. By default only non-zero counters; --all shows zeros. "
	    "Counters that mean packet loss show the layer that lost the packet and what the "
	    "counter means. With --interval S: "
	    "only the counters that moved, with delta and rate per second (WARNING exit status "
	    "when a loss counter moved). Counters are cumulative since boot (per netns): use "
	    "--interval to see what is happening now.",
    .args = counters_args,
    .nargs = NP_ARRAY_SIZE(counters_args),
    .run = counters_run,
    .complete_rest = complete_filter,
    .facts = NP_FAMILIES("snmp"),
    .examples = "counters\ncounters TcpExt\ncounters drop --all\ncounters --interval 2\n"
		"get snmp.TcpExt.ListenOverflows",
};
