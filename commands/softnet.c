// SPDX-License-Identifier: GPL-2.0-only
/* softnet [--interval SECONDS]: per-CPU NET_RX softirq counters from
 * /proc/net/softnet_stat (backlog drops, budget squeezes, RPS). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "softnet_facts.h"

/* ---- facts ---- */

/* ---- the command ---- */

enum { A_INTERVAL };

static const struct np_arg softnet_args[] = {
	[A_INTERVAL] = {"--interval", NP_A_SECONDS, "SECONDS",
			"per-CPU deltas over SECONDS instead of totals since boot"},
};

static const struct np_col cols[] = {
	{"cpu", "CPU", NP_COL_STR, NP_COL_TEXT_ONLY},
	{"cpu", "", NP_COL_I64, NP_COL_JSON_ONLY}, /* JSON: the CPU id as a number */
	{"processed", "PROCESSED", NP_COL_U64},
	{"dropped", "DROPPED", NP_COL_U64},
	{"time_squeeze", "TIME_SQUEEZE", NP_COL_U64},
	{"received_rps", "RECEIVED_RPS", NP_COL_U64},
	{"flow_limit_count", "FLOW_LIMIT", NP_COL_U64},
};

static void row(struct np_table *t, const char *cpu, int id, const uint64_t *v)
{
	np_row_begin(t);
	np_cell_str(t, cpu);
	np_cell_i64(t, id);
	for (int f = 0; f < NP_SOFTNET_NFIELDS; f++)
		np_cell_u64(t, v[f]);
	np_row_end(t);
}

/* Rows of b (minus a when given) and a total line; JSON "cpus" + "total". */
static void show(struct np_ctx *ctx, const struct np_softnet_snap *a,
		 const struct np_softnet_snap *b)
{
	struct np_table *t = np_table_begin(ctx->out, "cpus", NULL, cols, (int)NP_ARRAY_SIZE(cols));
	uint64_t tot[NP_SOFTNET_NFIELDS] = {0};
	for (int i = 0; i < b->n; i++) {
		uint64_t v[NP_SOFTNET_NFIELDS];
		char cpu[16];
		const struct np_softnet_cpu *p = NULL;
		for (int j = 0; a && j < a->n && !p; j++)
			if (a->rows[j].cpu == b->rows[i].cpu)
				p = &a->rows[j];
		for (int f = 0; f < NP_SOFTNET_NFIELDS; f++) {
			uint64_t x = p ? p->f[f] : 0, y = b->rows[i].f[f];
			/* A CPU that came online mid-interval has no baseline. */
			v[f] = a ? (p && y >= x ? y - x : 0) : y;
			tot[f] += v[f];
		}
		snprintf(cpu, sizeof(cpu), "cpu%d", b->rows[i].cpu);
		row(t, cpu, b->rows[i].cpu, v);
	}
	if (!np_out_json(ctx->out))
		row(t, "total", -1, tot);
	np_table_end(t);
	np_open_obj(ctx->out, "total");
	for (int f = 0; f < NP_SOFTNET_NFIELDS; f++)
		np_print_u64(ctx->out, np_softnet_fields[f], NULL, tot[f]);
	np_close_obj(ctx->out);
	if (a && (tot[1] || tot[4]))
		ctx->health = NP_WARN; /* backlog or flow-limit drops while we watched */
}

static int softnet_run(struct np_ctx *ctx, const struct np_args *args)
{
	struct np_softnet_snap a = {0}, b = {0};
	int err;

	/* Inside a netns the numbers are the whole host's: say so, the user
	 * is likely asking about this namespace's traffic only. */
	if (ctx->netns[0])
		np_text(ctx->out,
			"(softnet_stat is host-global: these are all namespaces' packets)\n");
	np_print_str(ctx->out, "scope", NULL, "host");

	if (!args->v[A_INTERVAL].set) {
		err = np_softnet_snap_read(ctx, &b);
		if (!err) {
			np_softnet_publish(ctx, &b);
			show(ctx, NULL, &b);
		}
	} else {
		double t0, secs = args->v[A_INTERVAL].secs;
		if (secs <= 0) {
			np_error(ctx->out, "e.g. --interval 1", "--interval must be above zero");
			return -NP_EUSAGE;
		}
		err = np_softnet_snap_read(ctx, &a);
		if (err)
			goto out;
		t0 = np_now();
		if (ctx->interactive)
			np_text(ctx->out, "sampling %.3gs (Ctrl-C stops early)...\n", secs);
		if (np_sleep(ctx, secs) == -EINTR)
			np_warn(ctx->out, "interrupted: deltas over %.2fs", np_now() - t0);
		err = np_softnet_snap_read(ctx, &b);
		if (err)
			goto out;
		np_softnet_publish(ctx, &b);
		np_print_dbl(ctx->out, "interval_s", "deltas over %.2fs:\n", np_now() - t0);
		show(ctx, &a, &b);
	}
out:
	np_softnet_snap_free(&a);
	np_softnet_snap_free(&b);
	return err;
}

const struct np_cmd np_cmd_softnet = {
    .name = "softnet",
    .summary = "per-CPU softirq backlog drops, budget squeezes, RPS (softnet_stat)",
    .help = "Reads /proc/net/softnet_stat: per CPU, packets processed by NET_RX, packets "
	    "dropped because the backlog queue was full (netdev_max_backlog) or flow-limited, "
	    "time_squeeze (the softirq ran out of netdev_budget/budget_usecs with work left: "
	    "the NIC ring fills up), received_rps (RPS IPIs) and flow_limit_count, with a "
	    "total. "
	    "These counters are host-global: the same in every network namespace. With "
	    "--interval S: per-CPU deltas over S seconds (WARNING exit status when packets "
	    "were dropped meanwhile).",
    .args = softnet_args,
    .nargs = NP_ARRAY_SIZE(softnet_args),
    .run = softnet_run,
    .facts = NP_FAMILIES("softnet"),
    .examples = "softnet\nsoftnet --interval 2\nget softnet.dropped\n"
		"get softnet[cpu0].time_squeeze",
};
