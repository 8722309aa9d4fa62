// SPDX-License-Identifier: GPL-2.0-only
/* firewall [watch [SECONDS]]: the nftables rules that can drop packets,
 * and which of them counted packets over a window, most first — the rule
 * eating the packets, named by family, table, chain and handle.  Reads the
 * ruleset of this namespace (every family) through nfnetlink; never
 * changes it.  Also the provider of the `nft.*` window facts. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "firewall_show.h"

#define WATCH_DEFAULT_S 3.0
#define WATCH_CEILING_S 60.0

enum { A_WATCH, A_SECS, A_LONG };

static const struct np_arg fw_args[] = {
    [A_WATCH] = {"watch", NP_A_FLAG, NULL,
		 "count over a window: the rules whose counters moved, most packets first"},
    [A_SECS] = {NULL, NP_A_SECONDS, "SECONDS", "how long to watch (default 3 s)"},
    [A_LONG] = {"--long", NP_A_FLAG, NULL, "allow watching more than 60 seconds"},
};

static int snapshot_error(struct np_ctx *ctx, int err, const char *why)
{
	np_error(ctx->out,
		 err == -EPERM || err == -EACCES ? "run as root or with CAP_NET_ADMIN" : NULL,
		 "firewall: %s", why);
	return err;
}

static int fw_list(struct np_ctx *ctx)
{
	struct np_nft_snap s;
	char why[256], legacy[256];
	int err = np_nft_snapshot(ctx, &s, why, sizeof(why));
	if (err)
		return snapshot_error(ctx, err, why);
	/* Without text the rules are still named by handle: a warning only. */
	if (s.nrules && np_nft_texts(&s, NULL, 0, 0, why, sizeof(why)))
		np_warn(ctx->out, "rule text unavailable: %s", why);
	np_fw_print_rules(ctx, &s);
	np_nft_legacy(legacy, sizeof(legacy));
	np_fw_print_legacy(ctx, legacy);
	np_nft_snap_free(&s);
	return 0;
}

static int fw_watch(struct np_ctx *ctx, double seconds)
{
	struct np_nft_window w;
	char why[256] = "";
	double secs;
	bool cut;
	int err = np_nft_window_begin(ctx, &w, why, sizeof(why));
	if (err) {
		np_nft_publish_skip(ctx, why);
		np_nft_window_free(&w);
		return snapshot_error(ctx, err, why);
	}
	cut = np_sleep(ctx, seconds) == -EINTR;
	if (cut)
		np_sigint = 0; /* Ctrl-C ends the window: report what was counted */
	err = np_nft_window_end(ctx, &w, -1, true, why, sizeof(why));
	if (err) {
		np_nft_publish_skip(ctx, why);
		np_nft_window_free(&w);
		return snapshot_error(ctx, err, why);
	}
	np_nft_window_publish(ctx, &w);
	secs = np_nft_window_seconds(&w);
	np_print_bool(ctx->out, "interrupted", cut ? "(interrupted) " : NULL, cut);
	np_fw_print_moves(ctx, &w, secs);
	np_fw_print_culprit(ctx, &w, secs);
	np_fw_print_legacy(ctx, w.legacy);
	np_nft_window_free(&w);
	return 0;
}

static int fw_run(struct np_ctx *ctx, const struct np_args *a)
{
	double secs = a->v[A_SECS].set ? a->v[A_SECS].secs : WATCH_DEFAULT_S;
	if (!a->v[A_WATCH].set) {
		if (a->v[A_SECS].set || a->v[A_LONG].set) {
			np_error(ctx->out, "firewall watch [SECONDS]",
				 "firewall: a duration needs `watch`");
			return -NP_EUSAGE;
		}
		return fw_list(ctx);
	}
	if (secs > WATCH_CEILING_S && !a->v[A_LONG].set) {
		np_error(ctx->out, "add --long to watch longer",
			 "firewall watch: %.0f s is over the %.0f s ceiling", secs,
			 WATCH_CEILING_S);
		return -NP_EUSAGE;
	}
	return fw_watch(ctx, secs);
}

const struct np_cmd np_cmd_firewall = {
    .name = "firewall",
    .summary = "nftables drop rules and the rule eating packets (counters over a window)",
    .help = "firewall lists the base chains (hook, priority, policy) and every drop, reject "
	    "and queue rule of every nftables family (ip, ip6, inet, arp, bridge, netdev; "
	    "iptables-nft rules included) in this namespace, with their handles and packet "
	    "counters; rules without a counter show '-'. firewall watch [SECONDS] reads the "
	    "counters, waits (default 3 s, Ctrl-C ends it early), reads them again and lists the "
	    "rules and chain policies whose counters moved, most packets first, then names the "
	    "drop or reject rule (or drop policy) that counted most. When no drop rule with a "
	    "counter moved, the drop rules that count nothing are listed as candidates, each "
	    "with the nft command that would add a counter to it (advice: netpath never changes "
	    "the ruleset). iptables-legacy tables are detected and named, not read. The same "
	    "evidence feeds the nft.* facts and the netfilter verdict of the playbooks. Needs "
	    "CAP_NET_ADMIN (exit 3 without it).",
    .args = fw_args,
    .nargs = NP_ARRAY_SIZE(fw_args),
    .run = fw_run,
    .facts = NP_FAMILIES("nft"),
    .examples = "firewall\nfirewall watch\nfirewall watch 10",
};
