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
#include "family.h"
#include "procfile.h"
#include "snmp_parse.h"

enum { F_SNMP = 1, F_NETSTAT = 2, F_SNMP6 = 4, F_ALL = 7 };

static unsigned file_bit(const char *file)
{
	if (!file)
		return 0;
	return !strcmp(file, "snmp") ? F_SNMP : !strcmp(file, "netstat") ? F_NETSTAT : F_SNMP6;
}

/* Read and parse the files in mask.  A missing snmp6 (IPv6 disabled) is
 * not an error: those counters simply do not exist here. */
static int load(struct np_ctx *ctx, unsigned mask, struct np_counters *c)
{
	static const struct {
		unsigned bit;
		const char *path;
		bool six;
	} files[] = {
		{F_SNMP, "/proc/net/snmp", false},
		{F_NETSTAT, "/proc/net/netstat", false},
		{F_SNMP6, "/proc/net/snmp6", true},
	};
	for (size_t i = 0; i < NP_ARRAY_SIZE(files); i++) {
		char *text;
		int err;
		if (!(mask & files[i].bit))
			continue;
		err = np_read_proc(files[i].path, &text);
		if (err == -ENOENT && files[i].six)
			continue;
		if (err) {
			np_error(ctx->out, NULL, "%s: %s", files[i].path, strerror(-err));
			return err;
		}
		err = files[i].six ? np_snmp_parse_snmp6(text, c) : np_snmp_parse_pairs(text, c);
		free(text);
		if (err) {
			np_error(ctx->out, NULL, "%s: cannot parse (%s)", files[i].path,
				 strerror(-err));
			return err;
		}
	}
	return 0;
}

static void publish(struct np_ctx *ctx, const struct np_counters *c)
{
	for (size_t i = 0; i < c->n; i++)
		np_fact_setf_int(ctx->facts, c->v[i].value, "snmp.%s.%s", c->v[i].group,
				 c->v[i].name);
}

/* ---- facts ---- */

static unsigned mask_for_key(const struct np_factkey *key)
{
	if (key->nseg < 2)
		return F_ALL;
	return file_bit(np_snmp_group_file(np_factkey_name(key, 1)));
}

static int snmp_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct np_counters c = {0};
	unsigned mask = mask_for_key(key);
	int err;
	if (!mask)
		return -ENOENT;
	err = load(ctx, mask, &c);
	if (!err)
		publish(ctx, &c);
	np_counters_free(&c);
	return err;
}

static int snmp_canon(struct np_factkey *key, char *why, size_t len)
{
	const char *group = np_factkey_name(key, 1);
	for (int i = 0; i < key->nseg; i++)
		if (key->seg[i].has_arg) {
			snprintf(why, len, "snmp facts take no [...]: snmp.GROUP.FIELD");
			return -ENOENT;
		}
	if (key->nseg != 3) {
		snprintf(why, len, "expected snmp.GROUP.FIELD, e.g. snmp.TcpExt.ListenOverflows");
		return -ENOENT;
	}
	if (group[0] != '$' && !np_snmp_group_file(group)) {
		snprintf(why, len, "unknown SNMP group '%s' (Ip, Tcp, Udp, TcpExt, IpExt, Ip6 ...)",
			 group);
		return -ENOENT;
	}
	return 0;
}

static void snmp_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
{
	char buf[NP_FACTKEY_MAX];
	const char *dot = strchr(prefix + 5, '.');
	struct np_counters c = {0};
	(void)ctx;
	if (strncmp(prefix, "snmp.", 5))
		return;
	if (!dot) {
		for (int i = 0; np_snmp_groups[i]; i++) {
			snprintf(buf, sizeof(buf), "snmp.%s.", np_snmp_groups[i]);
			if (!strncmp(buf, prefix, strlen(prefix)))
				add(cookie, buf);
		}
		return;
	}
	snprintf(buf, sizeof(buf), "%.*s", (int)(dot - prefix - 5), prefix + 5);
	if (!file_bit(np_snmp_group_file(buf)))
		return;
	/* Names differ between kernels: complete from what this one has.
	 * Errors are not reported while completing. */
	{
		unsigned mask = file_bit(np_snmp_group_file(buf));
		static const char *const paths[] = {"/proc/net/snmp", "/proc/net/netstat",
						    "/proc/net/snmp6"};
		char *text;
		int i = mask == F_SNMP ? 0 : mask == F_NETSTAT ? 1 : 2;
		if (np_read_proc(paths[i], &text))
			return;
		if (i == 2)
			np_snmp_parse_snmp6(text, &c);
		else
			np_snmp_parse_pairs(text, &c);
		free(text);
	}
	for (size_t i = 0; i < c.n; i++) {
		snprintf(buf, sizeof(buf), "snmp.%s.%s", c.v[i].group, c.v[i].name);
		if (!strncmp(buf, prefix, strlen(prefix)))
			add(cookie, buf);
	}
	np_counters_free(&c);
}

const struct np_fact_family np_family_snmp = {
    .ns = "snmp",
    .pattern = "snmp.GROUP.FIELD",
    .describe = "SNMP MIB counters of this netns (/proc/net/snmp, netstat, snmp6), nstat names",
    .canon = snmp_canon,
    .fetch = snmp_fetch,
    .complete = snmp_complete,
    .scope = NP_SCOPE_NETNS, /* every flow of the namespace moves them */
};

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
	unsigned mask = F_ALL;
	struct np_counters c1 = {0}, c2 = {0};
	int err;

	/* A group filter reads only the file that holds the group. */
	if (filter && np_filter_is_group(filter))
		for (int i = 0; np_snmp_groups[i]; i++)
			if (!strcasecmp(np_snmp_groups[i], filter))
				mask = file_bit(np_snmp_group_file(np_snmp_groups[i]));
	err = load(ctx, mask, &c1);
	if (err)
		goto out;
	if (!a->v[A_INTERVAL].set) {
		publish(ctx, &c1);
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
		err = load(ctx, mask, &c2);
		if (err)
			goto out;
		publish(ctx, &c2);
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
