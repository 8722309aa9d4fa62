#!/usr/bin/env python3
"""Read-only guarantee: in a namespace with addresses, routes (several
tables), rules, neighbours, a qdisc tree, tc filters, an nft ruleset and
iptables rules, snapshot all of that plus every net.* sysctl; run every
read command (bare and its examples, from `help -j`), every probe and every
built-in playbook with a probe window; snapshot again and require identical
state.  Host-global knobs a probe might be tempted to flip (bpf_stats,
bpf_jit, perf_event_paranoid) and the host's mounts are compared too."""
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "valgrind"))
from nptest import Env, Report, commands, crashed, need_root, netpath, required_params, sh  # noqa: E402
from session import bounded  # noqa: E402

# Counters and seeds the kernel changes by itself.
VOLATILE = re.compile(r"^net\.(netfilter\.nf_conntrack_count|ipv4\.tcp_fastopen_key|"
                      r"core\.netdev_rss_key|ipv6\.conf\.[^.]+\.stable_secret|"
                      r"ipv4\.route\.gc_|ipv6\.route\.gc_|unix\.max_dgram)")
HOST_KNOBS = ["/proc/sys/kernel/bpf_stats_enabled", "/proc/sys/net/core/bpf_jit_enable",
              "/proc/sys/kernel/perf_event_paranoid", "/proc/sys/kernel/unprivileged_bpf_disabled",
              "/proc/sys/kernel/ftrace_enabled"]
SESSION = {"netns", "exit", "quit"}


def setup(env):
    ns, peer = env.ns("ro"), env.ns("peer")
    cmds = [
        ["ip", "link", "add", "ro0", "netns", ns, "type", "veth", "peer", "name", "pe0", "netns", peer],
        ["ip", "-n", ns, "addr", "add", "10.210.1.1/24", "dev", "ro0"],
        ["ip", "-n", ns, "addr", "add", "fd00:210:1::1/64", "dev", "ro0", "nodad"],
        ["ip", "-n", peer, "addr", "add", "10.210.1.2/24", "dev", "pe0"],
        ["ip", "-n", ns, "link", "set", "ro0", "up"],
        ["ip", "-n", peer, "link", "set", "pe0", "up"],
        ["ip", "-n", ns, "route", "add", "10.210.50.0/24", "via", "10.210.1.2"],
        ["ip", "-n", ns, "route", "add", "blackhole", "10.210.66.0/24"],
        ["ip", "-n", ns, "route", "add", "10.210.77.0/24", "via", "10.210.1.2", "table", "77"],
        ["ip", "-n", ns, "rule", "add", "from", "10.210.1.0/24", "to", "10.210.77.0/24",
         "table", "77", "pref", "1000"],
        ["ip", "-n", ns, "neigh", "add", "10.210.1.9", "lladdr", "02:00:00:00:00:09", "dev", "ro0",
         "nud", "permanent"],
        ["tc", "-n", ns, "qdisc", "add", "dev", "ro0", "root", "handle", "1:", "htb", "default", "10"],
        ["tc", "-n", ns, "class", "add", "dev", "ro0", "parent", "1:", "classid", "1:10", "htb",
         "rate", "100mbit"],
        ["tc", "-n", ns, "qdisc", "add", "dev", "ro0", "clsact"],
        ["tc", "-n", ns, "filter", "add", "dev", "ro0", "ingress", "protocol", "ip", "pref", "10",
         "u32", "match", "u32", "0", "0"],
        ["ip", "netns", "exec", ns, "nft", "-f", "-"],
        ["ip", "netns", "exec", ns, "iptables", "-A", "INPUT", "-p", "udp", "--dport", "5999", "-j",
         "DROP"],
        ["ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv4.conf.ro0.rp_filter=1"],
    ]
    nft = ("table inet nphard {\n chain in {\n  type filter hook input priority 0;\n"
           "  tcp dport 6000 counter drop\n }\n}\n")
    for c in cmds:
        if c[-1] == "-":
            sh(*c, input=nft)
        else:
            sh(*c)
    # IPv6 duplicate address detection finishes on its own (tentative flag,
    # then a local route): let it settle so the kernel's changes are not ours.
    for _ in range(50):
        if "tentative" not in sh("ip", "-n", ns, "addr", "show").stdout:
            break
        time.sleep(0.1)
    # A real neighbour entry (REACHABLE/STALE) and conntrack state, before the snapshot.
    sh("ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "1", "10.210.1.2", check=False)
    return ns, peer


def snapshot(ns):
    snap = {}
    sysctls = sh("ip", "netns", "exec", ns, "sysctl", "-a", "--pattern", r"^net\.", check=False).stdout
    snap["sysctl"] = "\n".join(l for l in sysctls.splitlines() if not VOLATILE.match(l))
    for name, c in {
        "links": ["ip", "-n", ns, "-d", "link", "show"],
        "addrs": ["ip", "-n", ns, "addr", "show"],
        "routes4": ["ip", "-n", ns, "-4", "route", "show", "table", "all"],
        "routes6": ["ip", "-n", ns, "-6", "route", "show", "table", "all"],
        "rules4": ["ip", "-n", ns, "-4", "rule", "show"],
        "rules6": ["ip", "-n", ns, "-6", "rule", "show"],
        "qdiscs": ["tc", "-n", ns, "qdisc", "show"],
        "classes": ["tc", "-n", ns, "class", "show", "dev", "ro0"],
        "filters": ["tc", "-n", ns, "filter", "show", "dev", "ro0", "ingress"],
        "nft": ["ip", "netns", "exec", ns, "nft", "-s", "list", "ruleset"],
        "iptables": ["ip", "netns", "exec", ns, "iptables-save"],
    }.items():
        out = sh(*c, check=False).stdout
        if name == "iptables":  # drop the timestamp comments and counters
            out = "\n".join(re.sub(r"\[\d+:\d+\]", "", l) for l in out.splitlines()
                            if not l.startswith("#"))
        if name == "addrs":  # lifetimes count down
            out = re.sub(r"valid_lft \S+ preferred_lft \S+", "", out)
        snap[name] = out
    # Neighbour states age on their own (REACHABLE -> STALE): compare entries.
    neigh = sh("ip", "-n", ns, "neigh", "show", check=False).stdout
    snap["neigh"] = "\n".join(sorted(" ".join(l.split()[:5]) for l in neigh.splitlines()))
    for k in HOST_KNOBS:
        try:
            with open(k) as f:
                snap["host " + k] = f.read()
        except OSError:
            pass
    with open("/proc/self/mounts") as f:
        # other tests add and remove namespaces (nsfs mounts) concurrently
        snap["host mounts"] = "".join(l for l in f if not l.startswith("nsfs "))
    return snap


def session(have):
    lines = []
    for name in sorted(have):
        if name in SESSION:
            continue
        lines.append("probe drops 1" if name == "probe" else bounded(name))
        r = netpath("-j", "-c", "help " + name)
        ex = json.loads(r.out.splitlines()[0]).get("examples") or ""
        lines += [bounded(e.strip()) for e in ex.splitlines() if e.strip()]
    if "playbooks" in have and "run" in have:
        r = netpath("-j", "-c", "playbooks")
        for pb in json.loads(r.out.splitlines()[0]).get("playbooks", []):
            lines.append("run %s window=1%s" % (pb["name"], required_params(pb["name"])))
    if "diagnose" in have:
        lines.append("diagnose window=1")
    return lines


def main():
    need_root()
    rep = Report("readonly")
    env = Env("ro")
    ns, _ = setup(env)
    have = commands()
    lines = session(have)
    before = snapshot(ns)
    # The snapshot must see what setup() staged, or "unchanged" proves nothing.
    staged = {"sysctl": "net.ipv4.conf.ro0.rp_filter = 1", "routes4": "blackhole 10.210.66.0/24",
              "rules4": "lookup 77", "neigh": "10.210.1.9", "qdiscs": "qdisc htb 1:",
              "filters": "u32", "nft": "dport 6000", "iptables": "--dport 5999"}
    for key, needle in staged.items():
        rep.check(needle in before[key], "snapshot %s sees the staged state" % key, before[key][:200])
    ran = 0
    for line in lines:
        r = netpath("-n", ns, "-j", "-c", line, timeout=90)
        ran += 1
        if crashed(r.rc):
            rep.fail("`%s` in the namespace" % line, "rc %s %s" % (r.rc, r.err[-300:]))
        elif line.startswith(("run ", "probe ")) and r.rc == 64:
            # A playbook or probe that did not start proves nothing here.
            rep.fail("`%s` ran" % line, r.err[-300:])
    after = snapshot(ns)
    for key in before:
        if before[key] == after[key]:
            rep.ok("unchanged: %s" % key)
        else:
            a, b = before[key].splitlines(), after[key].splitlines()
            diff = [("- " + l) for l in a if l not in b] + [("+ " + l) for l in b if l not in a]
            rep.fail("unchanged: %s" % key, "\n" + "\n".join(diff[:20]))
    rep.check(ran == len(lines) and ran > 0, "ran %d commands (%s)" % (ran, ", ".join(
        sorted({l.split()[0] for l in lines}))))
    env.cleanup()
    rep.finish()


if __name__ == "__main__":
    main()
