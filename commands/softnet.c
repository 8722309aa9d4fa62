// SPDX-License-Identifier: GPL-2.0-only
/* softnet [--interval SECONDS]: per-CPU NET_RX softirq counters from
 * /proc/net/softnet_stat (backlog drops, budget squeezes, RPS). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "family.h"
#include "procfile.h"
#include "softnet_parse.h"

#define MAX_CPUS 8192

struct snap {
	struct np_softnet_cpu *rows;
	int n;
	uint64_t total[NP_SOFTNET_NFIELDS];
};

static void snap_free(struct snap *s)
{
	free(s->rows);
	memset(s, 0, sizeof(*s));
}

static int snap_read(struct np_ctx *ctx, struct snap *s)
{
	char *text;
	int n, err = np_read_proc("/proc/net/softnet_stat", &text);
	if (err) {
		np_error(ctx->out, NULL, "/proc/net/softnet_stat: %s", strerror(-err));
		return err;
	}
	/* One row per line: size the array from the line count. */
	n = 1;
	for (const char *p = text; *p; p++)
		n += *p == '\n';
	if (n > MAX_CPUS)
		n = MAX_CPUS;
	s->rows = calloc((size_t)n, sizeof(*s->rows));
	if (!s->rows) {
		free(text);
		return -ENOMEM;
	}
	n = np_softnet_parse(text, s->rows, n);
	free(text);
	if (n < 0) {
		np_error(ctx->out, NULL, "/proc/net/softnet_stat: unexpected format");
		return n;
	}
	s->n = n;
	memset(s->total, 0, sizeof(s->total));
	for (int i = 0; i < n; i++)
		for (int f = 0; f < NP_SOFTNET_NFIELDS; f++)
			s->total[f] += s->rows[i].f[f];
	return 0;
}

static void publish(struct np_ctx *ctx, const struct snap *s)
{
	for (int f = 0; f < NP_SOFTNET_NFIELDS; f++) {
		np_fact_setf_int(ctx->facts, (int64_t)s->total[f], "softnet.%s",
				 np_softnet_fields[f]);
		for (int i = 0; i < s->n; i++)
			np_fact_setf_int(ctx->facts, (int64_t)s->rows[i].f[f], "softnet[cpu%d].%s",
					 s->rows[i].cpu, np_softnet_fields[f]);
	}
}

/* ---- facts ---- */

static int softnet_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct snap s = {0};
	int err;
	(void)key; /* one small file answers every softnet key */
	err = snap_read(ctx, &s);
	if (!err)
		publish(ctx, &s);
	snap_free(&s);
	return err;
}

static int softnet_canon(struct np_factkey *key, char *why, size_t len)
{
	const char *cpu = np_factkey_arg(key, 0), *field = np_factkey_name(key, 1);
	if (key->nseg != 2 || key->seg[1].has_arg) {
		snprintf(why, len, "expected softnet.FIELD or softnet[cpuN].FIELD");
		return -ENOENT;
	}
	if (key->seg[0].has_arg && cpu[0] != '$') {
		char *end;
		unsigned long n;
		if (strncmp(cpu, "cpu", 3) || !cpu[3] || (n = strtoul(cpu + 3, &end, 10), *end) ||
		    n > 65535) {
			snprintf(why, len, "'%s' is not a CPU: use softnet[cpu0]", cpu);
			return -ENOENT;
		}
		snprintf(key->seg[0].arg, sizeof(key->seg[0].arg), "cpu%lu", n); /* cpu01: cpu1 */
	}
	if (field[0] != '$' && np_softnet_field(field) < 0) {
		snprintf(why, len,
			 "unknown softnet field '%s' (processed, dropped, time_squeeze, "
			 "received_rps, flow_limit_count)",
			 field);
		return -ENOENT;
	}
	return 0;
}

static void softnet_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add,
			     void *cookie)
{
	char buf[NP_FACTKEY_MAX];
	const char *dot = strchr(prefix, '.');
	(void)ctx;
	if (!dot)
		return;
	for (int f = 0; f < NP_SOFTNET_NFIELDS; f++) {
		snprintf(buf, sizeof(buf), "%.*s.%s", (int)(dot - prefix), prefix,
			 np_softnet_fields[f]);
		if (!strncmp(buf, prefix, strlen(prefix)))
			add(cookie, buf);
	}
}

const struct np_fact_family np_family_softnet = {
    .ns = "softnet",
    .pattern = "softnet.FIELD, softnet[cpuN].FIELD",
    .describe = "NET_RX softirq counters (host-global): processed, dropped, time_squeeze, "
		"received_rps, flow_limit_count",
    .canon = softnet_canon,
    .fetch = softnet_fetch,
    .complete = softnet_complete,
    .scope = NP_SCOPE_HOST,
};

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
static void show(struct np_ctx *ctx, const struct snap *a, const struct snap *b)
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
	struct snap a = {0}, b = {0};
	int err;

	/* Inside a netns the numbers are the whole host's: say so, the user
	 * is likely asking about this namespace's traffic only. */
	if (ctx->netns[0])
		np_text(ctx->out,
			"(softnet_stat is host-global: these are all namespaces' packets)\n");
	np_print_str(ctx->out, "scope", NULL, "host");

	if (!args->v[A_INTERVAL].set) {
		err = snap_read(ctx, &b);
		if (!err) {
			publish(ctx, &b);
			show(ctx, NULL, &b);
		}
	} else {
		double t0, secs = args->v[A_INTERVAL].secs;
		if (secs <= 0) {
			np_error(ctx->out, "e.g. --interval 1", "--interval must be above zero");
			return -NP_EUSAGE;
		}
		err = snap_read(ctx, &a);
		if (err)
			goto out;
		t0 = np_now();
		if (ctx->interactive)
			np_text(ctx->out, "sampling %.3gs (Ctrl-C stops early)...\n", secs);
		if (np_sleep(ctx, secs) == -EINTR)
			np_warn(ctx->out, "interrupted: deltas over %.2fs", np_now() - t0);
		err = snap_read(ctx, &b);
		if (err)
			goto out;
		publish(ctx, &b);
		np_print_dbl(ctx->out, "interval_s", "deltas over %.2fs:\n", np_now() - t0);
		show(ctx, &a, &b);
	}
out:
	snap_free(&a);
	snap_free(&b);
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
