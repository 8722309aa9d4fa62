// SPDX-License-Identifier: GPL-2.0-only
/* probe drops|... [SECONDS] [FILTER]: short-lived eBPF probes.  Each kind
 * is a descriptor in probes/KIND.c (probes/probe.h): its programs, facts,
 * printer and window source; this command parses and dispatches. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "netns.h"
#include "probe.h"

enum { A_KIND, A_LONG, A_REST };

static const struct np_arg probe_args[] = {
    [A_KIND] = {NULL, NP_A_ENUM, "KIND", "what to watch", np_probe_names, NP_ARG_REQUIRED},
    [A_LONG] = {"--long", NP_A_FLAG, NULL, "allow more than 60 seconds"},
    [A_REST] = {NULL, NP_A_REST, "[SECONDS] [FILTER]",
		"duration (default 3 s) and filter: netns NETNS|current|all, dev DEV, proto "
		"tcp|udp|icmp, host|src|dst ADDR, port|sport|dport N, joined by and"},
};

static int probe_run(struct np_ctx *ctx, const struct np_args *a)
{
	struct np_probe_opts o;
	int err = np_probe_opts_parse(ctx, a->v[A_REST].set ? a->nrest : 0, a->rest, &o);
	if (err)
		return err;
	if (a->v[A_LONG].set)
		o.long_ok = true;
	/* The kinds are the table's, in its order (probes/probe.h). */
	return np_probes[a->v[A_KIND].choice]->run(ctx, &o);
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
