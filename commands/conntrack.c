// SPDX-License-Identifier: GPL-2.0-only
/* conntrack [entries] [--interval S]: table fill and the per-CPU
 * statistics (ctnetlink, cross-checked against /proc/net/stat/nf_conntrack),
 * judged by np_ct_judge(); `entries` streams a tally of the table by
 * protocol and TCP state without keeping any entry.  The counters cost the
 * same with 0 or 1,000,000 entries: only per-CPU records are read. */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "ct_facts.h"

static const char *nl_reason(int e)
{
	switch (e) {
	case 0:
		return "answered";
	case EPERM:
	case EACCES:
		return "refused: needs CAP_NET_ADMIN (read /proc instead)";
	case EPROTONOSUPPORT:
		return "no nfnetlink in this kernel";
	case EOPNOTSUPP:
	case ENOENT:
	case EINVAL:
		return "no ctnetlink (nf_conntrack_netlink not loaded)";
	default:
		return strerror(e);
	}
}

/* ---- facts ---- */

/* ---- the command ---- */

enum { A_ENTRIES, A_INTERVAL };

static const struct np_arg ct_args[] = {
	[A_ENTRIES] = {"entries", NP_A_FLAG, NULL,
		       "tally the table by protocol and TCP state (streams the dump)"},
	[A_INTERVAL] = {"--interval", NP_A_SECONDS, "SECONDS",
			"judge the counters' change over this interval"},
};

static void stats_cells(struct np_table *t, const struct np_ct_stats *st)
{
	for (int i = 0; i < NP_CT_NSTATS; i++)
		np_cell_u64(t, st->v[i]);
}

static struct np_col stat_cols[1 + NP_CT_NSTATS];

static void init_cols(const char *first_key, const char *first_head)
{
	stat_cols[0] = (struct np_col){first_key, first_head, NP_COL_STR};
	for (int i = 0; i < NP_CT_NSTATS; i++)
		stat_cols[1 + i] = (struct np_col){np_ct_stat_names[i], np_ct_stat_names[i],
						   NP_COL_U64};
}

static int ct_entries(struct np_ctx *ctx)
{
	static struct np_ct_tally t;
	static const struct np_col pcols[] = {
		{"proto", "PROTO", NP_COL_STR},
		{"entries", "ENTRIES", NP_COL_U64},
	};
	static const struct np_col scols[] = {
		{"state", "TCP STATE", NP_COL_STR},
		{"entries", "ENTRIES", NP_COL_U64},
	};
	struct np_table *tb;
	char pb[32];
	int err;

	err = np_ct_tally_read(ctx, &t);
	if (err) {
		np_error(ctx->out,
			 err == -EPERM ? "reading the table needs CAP_NET_ADMIN (run as root)"
				       : "is conntrack loaded? `conntrack` shows the counters",
			 "conntrack table dump: %s", strerror(-err));
		return err;
	}
	if (np_interrupted(ctx))
		np_warn(ctx->out, "interrupted: the tally is partial");
	tb = np_table_begin(ctx->out, "protocols", "entries by protocol:", pcols, 2);
	for (int p = 0; p < 256; p++) {
		if (!t.proto[p])
			continue;
		np_row_begin(tb);
		np_cell_str(tb, np_ct_proto_name(p, pb, sizeof(pb)));
		np_cell_u64(tb, t.proto[p]);
		np_row_end(tb);
		np_fact_setf_int(ctx->facts, (int64_t)t.proto[p], "conntrack.proto[%s]",
				 np_ct_proto_name(p, pb, sizeof(pb)));
	}
	np_table_end(tb);
	if (t.proto[IPPROTO_TCP]) {
		np_text(ctx->out, "\n");
		tb = np_table_begin(ctx->out, "tcp_states", "TCP entries by state:", scols, 2);
		for (int s = 0; s <= NP_CT_TCP_STATES; s++) {
			if (!t.tcp_state[s])
				continue;
			np_row_begin(tb);
			np_cell_str(tb, np_ct_tcp_state_name(s));
			np_cell_u64(tb, t.tcp_state[s]);
			np_row_end(tb);
			np_fact_setf_int(ctx->facts, (int64_t)t.tcp_state[s],
					 "conntrack.tcp_state[%s]", np_ct_tcp_state_name(s));
		}
		np_table_end(tb);
	}
	np_text(ctx->out, "\n%" PRIu64 " entries (%" PRIu64 " IPv4, %" PRIu64 " IPv6), %" PRIu64
		" assured, %" PRIu64 " never answered\n",
		t.total, t.ipv4, t.ipv6, t.assured, t.unreplied);
	np_print_u64(ctx->out, "total", NULL, t.total);
	np_print_u64(ctx->out, "ipv4", NULL, t.ipv4);
	np_print_u64(ctx->out, "ipv6", NULL, t.ipv6);
	np_print_u64(ctx->out, "assured", NULL, t.assured);
	np_print_u64(ctx->out, "unreplied", NULL, t.unreplied);
	if (t.tcp_state[7] && t.tcp_state[7] * 2 > t.total && t.total > 1000)
		np_text_color(ctx->out, NP_C_YELLOW,
			      "TIME_WAIT entries dominate the table: short-lived connections hold "
			      "entries for nf_conntrack_tcp_timeout_time_wait seconds\n");
	np_fact_set_int(ctx->facts, "conntrack.entries", (int64_t)t.total);
	return 0;
}

static int ct_run(struct np_ctx *ctx, const struct np_args *a)
{
	static struct np_ct_stats cpu[2][NP_CT_MAX_CPUS];
	static int cpu_id[2][NP_CT_MAX_CPUS];
	struct np_ct_snap s = {.cpu = cpu[0], .cpu_id = cpu_id[0]};
	struct np_ct_snap s2 = {.cpu = cpu[1], .cpu_id = cpu_id[1]};
	struct np_ct_snap *last = &s;
	struct np_ct_stats delta;
	double secs = a->v[A_INTERVAL].set ? a->v[A_INTERVAL].secs : 0;
	enum np_health h;
	char why[200];
	struct np_table *t;

	np_ct_snapshot(ctx, &s);
	if (!s.loaded) {
		np_ct_publish(ctx, &s);
		np_print_bool(ctx->out, "loaded", NULL, false);
		np_print_str(ctx->out, "netlink", NULL, nl_reason(s.nl_errno));
		np_text(ctx->out, "conntrack is not loaded in this namespace (no nf_conntrack module, "
				  "no ctnetlink answer, no /proc/net/stat/nf_conntrack): nothing is "
				  "tracked here, so conntrack cannot drop packets\n");
		return 0;
	}
	if (a->v[A_ENTRIES].set) {
		np_ct_publish(ctx, &s);
		return ct_entries(ctx);
	}
	if (secs > 0) {
		if (np_sleep(ctx, secs)) {
			np_warn(ctx->out, "interrupted before the second snapshot: nothing judged");
			return -EINTR;
		}
		np_ct_snapshot(ctx, &s2);
		last = &s2;
		np_ct_delta(np_ct_snap_stats(&s), np_ct_snap_stats(&s2), &delta);
	}
	np_ct_publish(ctx, last);
	h = np_ct_judge(last->count, last->max, secs > 0 ? &delta : NULL, why, sizeof(why));

	np_print_bool(ctx->out, "loaded", NULL, true);
	np_print_u64(ctx->out, "count", "table: %" PRIu64, last->count);
	np_print_u64(ctx->out, "max", " of %" PRIu64 " entries", last->max);
	if (last->max)
		np_print_dbl(ctx->out, "fill_pct", " (%.1f%%)", 100.0 * (double)last->count / (double)last->max);
	np_text(ctx->out, "\n");
	np_print_str(ctx->out, "netlink", "ctnetlink: %s\n", nl_reason(last->nl_errno));

	init_cols("cpu", "CPU");
	if (last->have_nl_cpu) {
		np_text(ctx->out, "\n");
		t = np_table_begin(ctx->out, "cpus", "per-CPU statistics (ctnetlink):", stat_cols,
				   NP_ARRAY_SIZE(stat_cols));
		for (int c = 0; c < last->ncpu; c++) {
			char id[16];
			snprintf(id, sizeof(id), "%d", last->cpu_id[c]);
			np_row_begin(t);
			np_cell_str(t, id);
			stats_cells(t, &last->cpu[c]);
			np_row_end(t);
		}
		np_table_end(t);
	}
	np_text(ctx->out, "\n");
	init_cols("source", "SOURCE");
	t = np_table_begin(ctx->out, "totals", "totals since boot (summed over CPUs):", stat_cols,
			   NP_ARRAY_SIZE(stat_cols));
	if (last->have_nl_cpu) {
		np_row_begin(t);
		np_cell_str(t, "ctnetlink");
		stats_cells(t, &last->nl_sum);
		np_row_end(t);
	}
	if (last->have_proc) {
		np_row_begin(t);
		np_cell_str(t, "/proc/net/stat/nf_conntrack");
		stats_cells(t, &last->proc_sum);
		np_row_end(t);
	}
	if (secs > 0) {
		char lbl[48];
		snprintf(lbl, sizeof(lbl), "change in %gs", secs);
		np_row_begin(t);
		np_cell_str(t, lbl);
		stats_cells(t, &delta);
		np_row_end(t);
	}
	np_table_end(t);
	if (last->have_nl_cpu && last->have_proc) {
		/* Both read the same per-CPU counters a moment apart: only
		 * counters that move fast (found, insert) may differ. */
		int off = 0;
		for (int i = 0; i < NP_CT_NSTATS; i++)
			off += last->nl_sum.v[i] != last->proc_sum.v[i];
		np_print_bool(ctx->out, "sources_agree", NULL, off == 0);
		if (off)
			np_text(ctx->out, "ctnetlink and /proc differ in %d counter(s) (traffic "
					  "between the two reads)\n", off);
		else
			np_text(ctx->out, "ctnetlink and /proc/net/stat/nf_conntrack agree\n");
	}
	np_print_status(ctx->out, "status", "\nstatus: %s", np_health_name(h));
	np_print_str(ctx->out, "reason", " - %s\n", why);
	if (!secs)
		np_text(ctx->out, "(counters are cumulative: `conntrack --interval 5` judges drops "
				  "happening now)\n");
	if (h > ctx->health)
		ctx->health = h;
	return 0;
}

const struct np_cmd np_cmd_conntrack = {
    .name = "conntrack",
    .summary = "conntrack table fill, per-CPU drop counters, entry tally",
    .help = "Shows the connection-tracking table's count against nf_conntrack_max and the "
	    "per-CPU statistics (found, invalid, insert, insert_failed, drop, early_drop, "
	    "icmp_error, search_restart, clash_resolve, chaintoolong) read through ctnetlink and "
	    "cross-checked against /proc/net/stat/nf_conntrack (the fallback without "
	    "CAP_NET_ADMIN). The cost is constant whatever the table size. Status: WARNING at "
	    "90% fill, CRITICAL at 98%; with --interval, CRITICAL when drop or chaintoolong "
	    "moved (packets dropped), WARNING for early_drop (evictions) or insert_failed "
	    "(insert races). `conntrack entries` streams the whole table once and tallies it by "
	    "protocol and TCP state (TIME_WAIT pile-ups) without keeping any entry. When "
	    "conntrack is not loaded it says so (conntrack.loaded 0) and exits OK.",
    .args = ct_args,
    .nargs = NP_ARRAY_SIZE(ct_args),
    .run = ct_run,
    .facts = NP_FAMILIES("conntrack"),
    .examples = "conntrack\nconntrack --interval 5\nconntrack entries\nget conntrack.stat.drop",
};
