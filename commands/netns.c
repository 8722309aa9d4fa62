// SPDX-License-Identifier: GPL-2.0-only
/* netns [NETNS|-]: switch network namespace for everything that follows;
 * without an argument, where netpath is and every namespace of the host. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "netns.h"
#include "netns_list.h"
#include "netns_scan.h"

static const struct np_arg netns_args[] = {
    {NULL, NP_A_NETNS, "NETNS",
     "a name under /run/netns, pid:PID, a netns file (/proc/PID/ns/net, /run/docker/netns/ID), "
     "inode:N, docker:NAME, podman:NAME, crictl:ID, or - for the starting one"},
};

/* The namespace netpath is in, told truthfully: "(initial)" only when it
 * is PID 1's (np_netns_initial_inode), compared by inode: netpath may run
 * under nsenter, where nothing else says so. */
static void show_current(struct np_ctx *ctx)
{
	struct np_out *o = ctx->out;
	unsigned long self = np_netns_inode();
	unsigned long init = np_netns_initial_inode();
	const char *label = ctx->netns;

	if (!label[0])
		label = init ? "(initial)" : "(unknown)";
	np_print_str(o, "netns", "netns %s", label);
	np_print_u64(o, "inode", " (inode %" PRIu64 ")", self);
	if (init) {
		np_print_bool(o, "initial", NULL, self == init);
		if (self == init && strcmp(label, "(initial)"))
			np_text(o, ", the initial namespace");
	} else {
		/* Not root: PID 1's namespace cannot be read to compare. */
		np_print_null(o, "initial");
		np_text(o, ", initial unknown (PID 1's is unreadable)");
	}
	np_text(o, "\n");
}

static int netns_run(struct np_ctx *ctx, const struct np_args *a)
{
	int err;
	if (a->v[0].set) {
		err = np_netns_enter(ctx, a->v[0].str);
		if (err)
			return err;
		show_current(ctx);
		return 0;
	}
	show_current(ctx);
	return np_netns_list_show(ctx);
}

const struct np_cmd np_cmd_netns = {
    .name = "netns",
    .summary = "list the host's network namespaces, or switch the network namespace",
    .help = "netns NETNS switches every following command into a network namespace, like "
	    "`ip -n` / `nsenter -n`. NETNS is a name under /run/netns; pid:PID (or a bare number "
	    "when /run/netns has no such name) for the namespace of a process; a path to a netns "
	    "file (/proc/PID/ns/net, /run/docker/netns/ID, any bind mount of one; checked to be a "
	    "network namespace); inode:N as the list shows it; docker:NAME, podman:NAME or "
	    "crictl:ID through that runtime's own inspect command when its CLI is installed "
	    "(bounded to 5 s). `netns -` returns to the namespace netpath started in. The prompt "
	    "shows the namespace: its name, else pid:PID, docker:NAME or inode:N. A malformed "
	    "NETNS exits 64; one that does not exist on this host (no such name, process or "
	    "file, container not running, CLI absent) or cannot be entered (not root) exits 3. "
	    "Without NETNS: where netpath is (\"(initial)\" only when that is PID 1's namespace, "
	    "so nsenter cannot fool it), then every network namespace of the host like `lsns -t "
	    "net`: inode, the short form that enters it, its processes (pid, comm, and the "
	    "container of their cgroup: docker-, libpod-, cri-containerd-, crio- scopes, "
	    "kubepods, lxc, machine; IDs cut to 12 characters) and its interfaces, read from "
	    "inside each namespace without netpath leaving its own. The same NETNS forms work "
	    "in probe filters (netns pid:PID).",
    .args = netns_args,
    .nargs = NP_ARRAY_SIZE(netns_args),
    .run = netns_run,
    .examples = "netns\nnetns np-a\nnetns pid:4242\nnetns /proc/4242/ns/net\nnetns docker:web\n"
		"netns -",
};
