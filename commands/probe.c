// SPDX-License-Identifier: GPL-2.0-only
/* probe drops|... [SECONDS] [FILTER]: short-lived eBPF probes.  Each kind
 * lives in commands/probe_KIND.c; the BPF halves in probes/. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "drops_api.h"
#include "netns.h"
#include "flow_api.h"
#include "probe_kinds.h"
#include "resets_api.h"
#include "retrans_api.h"

static const char *const kinds[] = {"drops", "trace", "resets", "retrans", "flow", NULL};
enum { K_DROPS, K_TRACE, K_RESETS, K_RETRANS, K_FLOW };
enum { A_KIND, A_LONG, A_REST };

static const struct np_arg probe_args[] = {
    [A_KIND] = {NULL, NP_A_ENUM, "KIND", "what to watch", kinds, NP_ARG_REQUIRED},
    [A_LONG] = {"--long", NP_A_FLAG, NULL, "allow more than 60 seconds"},
    [A_REST] = {NULL, NP_A_REST, "[SECONDS] [FILTER]",
		"duration (default 3 s) and filter: netns NETNS|current|all, dev DEV, proto "
		"tcp|udp|icmp, host|src|dst ADDR, port|sport|dport N, joined by and"},
};

int np_probe_skip(struct np_ctx *ctx, const char *kind, int err, const char *why)
{
	np_print_status(ctx->out, "status", "%s", "skip");
	np_print_str(ctx->out, "kind", " probe %s", kind);
	np_print_str(ctx->out, "skip", ": %s\n", why);
	np_error(ctx->out,
		 err == -EPERM ? "run as root, or grant CAP_BPF and CAP_PERFMON"
			       : "`features` shows what this kernel allows",
		 "probe %s skipped: %s", kind, why);
	return err;
}

void np_probe_header(struct np_ctx *ctx, const char *kind, const char *what, double elapsed,
		     const struct np_probe_opts *o, const char *mode, bool cut)
{
	char desc[512];
	np_filter_describe(&o->filter, desc, sizeof(desc));
	np_print_str(ctx->out, "kind", NULL, kind);
	np_print_status(ctx->out, "status", "%s", "ok");
	np_print_dbl(ctx->out, "window_s", " probe %.1f s", elapsed);
	np_text(ctx->out, " %s", what);
	np_print_str(ctx->out, "filter", ", %s", desc);
	np_print_str(ctx->out, "attach", ", via %s", mode);
	np_print_bool(ctx->out, "interrupted", cut ? " (interrupted)\n" : "\n", cut);
}

bool np_probe_wait(struct np_ctx *ctx, double seconds, double *elapsed)
{
	double t0 = np_now();
	int err = np_sleep(ctx, seconds);
	*elapsed = np_now() - t0;
	return err == -EINTR;
}

static int probe_run(struct np_ctx *ctx, const struct np_args *a)
{
	struct np_probe_opts o;
	int err = np_probe_opts_parse(ctx, a->v[A_REST].set ? a->nrest : 0, a->rest, &o);
	if (err)
		return err;
	if (a->v[A_LONG].set)
		o.long_ok = true;
	switch (a->v[A_KIND].choice) {
	case K_DROPS:
		return np_probe_run_drops(ctx, &o);
	case K_TRACE:
		return np_probe_run_trace(ctx, &o);
	case K_RESETS:
		return np_probe_run_resets(ctx, &o);
	case K_RETRANS:
		return np_probe_run_retrans(ctx, &o);
	case K_FLOW:
		return np_probe_run_flow(ctx, &o);
	default:
		return -NP_EUSAGE;
	}
}

static void probe_complete(struct np_ctx *ctx, int argc, char **argv, const char *word,
			   np_complete_fn add, void *cookie)
{
	if (argc < 1)
		return;
	if (!strcmp(argv[argc - 1], "netns")) {
		/* netns current|all|SPEC: the same specs as -n and `netns`. */
		static const char *const own[] = {"current", "all"};
		for (size_t i = 0; i < NP_ARRAY_SIZE(own); i++)
			if (!strncmp(own[i], word, strlen(word)))
				add(cookie, own[i]);
		np_netns_complete(word, add, cookie);
		return;
	}
	/* `dev <Tab>`: the value of a filter word, by its type. */
	if (np_complete_filter_value(ctx, argv[argc - 1], word, add, cookie))
		return;
	for (const char *const *k = np_filter_keywords(); *k; k++)
		if (!strncmp(*k, word, strlen(word)))
			add(cookie, *k);
	if (!strncmp("--long", word, strlen(word)))
		add(cookie, "--long");
}

static const char *const drops_text[] = {"reason", "func", "dev", "skip", "attach", NULL};

const struct np_fact_family np_family_drops = {
    .ns = "drops",
    .pattern = "drops[REASON], drops.layer[LAYER], drops.total, drops.loss",
    .describe = "kernel drops by reason and layer seen in a probe window (skb:kfree_skb)",
    .window = true,
    .probe = &np_drops_window,
    .text_fields = drops_text,
    .layer_detail = np_drops_layer_detail,
};

static const char *const skip_text[] = {"skip", "attach", NULL};

const struct np_fact_family np_family_resets = {
    .ns = "resets",
    .pattern = "resets.count, resets.sent, resets.received, resets.reason[REASON]",
    .describe = "TCP RSTs sent/received in a probe window (tcp:tcp_send_reset)",
    .window = true,
    .probe = &np_resets_window,
    .text_fields = skip_text,
};

const struct np_fact_family np_family_retrans = {
    .ns = "retrans",
    .pattern = "retrans.count, retrans.flows",
    .describe = "TCP retransmissions in a probe window (tcp:tcp_retransmit_skb)",
    .window = true,
    .probe = &np_retrans_window,
    .text_fields = skip_text,
};

static const char *const flow_text[] = {"skip",	    "attach", "skip_parts", "syn_schedule",
					"rst_from", "error",  "from",	    "drop_reason",
					"sent_to",  NULL};

const struct np_fact_family np_family_flow = {
    .ns = "flow",
    .pattern = "flow.{connects,established,failed,syn_retrans,syn_schedule,rst_received,rst_from,"
	       "errors,error}, flow.err[ENAME], flow.icmp[KIND], flow.icmp.{received,from,mtu,"
	       "dropped,drop_reason,sent,sent_to}, flow.icmp_sent[KIND]",
    .describe = "what became of a flow's packets after they left, in a probe window: connects, "
		"SYN retransmissions, RSTs and socket errors received, ICMP errors received about "
		"them (and dropped here), ICMP errors this host sent about them",
    .canon = np_flow_fact_canon,
    .complete = np_flow_fact_complete,
    .window = true,
    .probe = &np_flow_window,
    .text_fields = flow_text,
};

const struct np_cmd np_cmd_probe = {
    .name = "probe",
    .summary = "short eBPF probes: where the kernel drops packets and why",
    .help = "probe drops [SECONDS] [FILTER] counts every skb:kfree_skb in the kernel by reason, "
	    "function, namespace, device and protocol (exact counts, aggregated in a BPF map), "
	    "names each reason from the kernel's BTF, places it in a layer, marks it loss or "
	    "benign, and explains the top losses. By default only the namespace netpath is in "
	    "is watched (netns all for the whole host). Bounded: default 3 s, at most 60 s "
	    "unless --long; Ctrl-C stops early and prints what was gathered. Needs CAP_BPF and "
	    "CAP_PERFMON (otherwise: skip, exit 3). Attached through BPF links owned by netpath: "
	    "nothing stays in the kernel when netpath exits or dies. "
	    "probe trace FILTER [SECONDS]: a per-packet timeline from tracepoints only "
	    "(netif_receive_skb, net_dev_queue, net_dev_start_xmit, net_dev_xmit, qdisc_dequeue, "
	    "fib_table_lookup, neigh_*, kfree_skb, consume_skb): each matching skb is followed "
	    "to its free or consume, at most 2000 events/s (the excess is counted). "
	    "probe resets: TCP RSTs sent and received, with the kernel's reset reason, "
	    "4-tuple, socket state, task and kernel stack. probe retrans: TCP retransmissions "
	    "per flow with the socket state. "
	    "probe flow: what became of this host's packets of a flow after they left, one row "
	    "per remote end: TCP connects (established, failed), SYN retransmissions and when "
	    "they happened, RSTs received and from whom, socket errors by errno (TCP and UDP), "
	    "ICMP/ICMPv6 errors received about the flow (matched by the packet they quote: "
	    "kind, sender, announced MTU), whether this host dropped them before the socket (a "
	    "local firewall eating frag-needed makes a PMTU black hole) and ICMP errors this host "
	    "sent about it (a router's frag-needed). Filter with dst ADDR and port N for the "
	    "flow of a client. Exit CRITICAL when connects failed, RSTs were received, ICMP "
	    "errors other than frag-needed arrived or this host dropped ICMP errors; WARNING "
	    "for SYN retransmissions, socket errors, frag-needed received (path MTU discovery "
	    "at work) or ICMP errors sent.",
    .args = probe_args,
    .nargs = NP_ARRAY_SIZE(probe_args),
    .run = probe_run,
    .complete_rest = probe_complete,
    .facts = NP_FAMILIES("drops", "resets", "retrans", "flow"),
    .examples = "probe drops\nprobe drops 10 proto udp and port 53\n"
		"probe drops 5 netns all and dev eth0\nprobe trace host 10.0.0.2 and port 80 "
		"5\nprobe resets 10 port 443\n"
		"probe retrans 5 host 10.0.0.2\nprobe flow 5 dst 10.0.0.2 and port 443",
    .flags = NP_CMD_LIVE, /* countdown, live walk, streamed events: never paged */
};
