#!/usr/bin/env python3
"""One JSON schema style for every command (README "JSON output", netpath(8)
JSON OUTPUT).  In a staged namespace (drops, RSTs, a listener, conntrack
entries) run every command bare, with its examples (from `help -j`), every
playbook and diagnose with a window, and a bad argument each, with -j, and
check every object:

  status     each object has "status" (ok warn crit unknown usage), and it
             is the word of the command's exit status
  error      an "error" member is an object {message, hint?}
  numbers    no string that is a plain number ("4096") outside name keys;
             no integer beyond 2^53 (jq and JavaScript corrupt it): kernel
             addresses are hex strings ("location": "0xffffffff8123abcd")
  absent     null, never "" (outside the keys listed in EMPTY_OK)
  booleans   flags (carrier, admin_up, listen, interrupted ...) are true or
             false, never 0/1
  one type   a key holds one scalar type everywhere (a number in one command
             and a string in another is a schema break), "value" aside
  tables     "table" is a routing table's number (its name: "table_name";
             an nft table has only a name)

New commands are covered without editing this file."""
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "valgrind"))
from nptest import SRC, Env, Report, commands, need_root, netpath, required_params, sh  # noqa: E402
from session import bounded  # noqa: E402

WORDS = {0: "ok", 1: "warn", 2: "crit", 3: "unknown", 64: "usage"}
NUMERIC = re.compile(r"^-?\d+(\.\d+)?$")
# Strings by nature that may look like numbers: names and labels (a route
# table without a name is "100"; a namespace without one is its inode).
NAME_KEYS = {"name", "netns", "label", "handle", "parent", "queue", "dev", "device", "version",
             "git", "kernel", "libbpf", "spec", "command", "examples", "text", "prefix",
             "reason", "from", "to", "via", "address"}
# "" is a value here, not an absence.
EMPTY_OK = {"help", "examples", "filter", "text", "args"}
FLAG_KEYS = {"carrier", "admin_up", "listen", "full", "loaded", "available", "connected",
             "interrupted", "blocking", "mtu_cached", "sources_agree", "attached", "seen",
             "current", "initial", "gro", "gso", "tso", "rx_checksum", "tx_checksum",
             "required"}
POLY_KEYS = {"value"}  # a fact's value: a number or a word, by the fact


def scalar(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    return None


class Checker:
    def __init__(self):
        self.problems = {}  # rule + path -> first command showing it
        self.types = {}     # key -> {type: first (command, path)}

    def bad(self, rule, path, what, cmd):
        self.problems.setdefault("%s %s" % (rule, path), "%s [%s]" % (what, cmd))

    def walk(self, v, path, cmd, in_facts=False):
        if isinstance(v, dict):
            for k, x in v.items():
                p = "%s.%s" % (path, k)
                # A probe's "facts" object is keyed by fact names: its values
                # are the facts' own (0/1 counters stay numbers).
                sub_facts = in_facts or k == "facts" and isinstance(x, dict)
                self.member(k, x, p, cmd, in_facts)
                self.walk(x, p, cmd, sub_facts)
        elif isinstance(v, list):
            for x in v:
                self.walk(x, path + "[]", cmd, in_facts)

    def member(self, k, x, p, cmd, in_facts):
        t = scalar(x)
        if isinstance(x, str):
            if x == "" and k not in EMPTY_OK:
                self.bad("absent", p, '"" (absent is null)', cmd)
            if NUMERIC.match(x) and k not in NAME_KEYS and not k.endswith("_name") \
                    and not in_facts:
                self.bad("numbers", p, "numeric string %r" % x, cmd)
        if t == "number" and isinstance(x, int) and abs(x) > 2 ** 53:
            self.bad("numbers", p, "%d is beyond 2^53" % x, cmd)
        if (k == "location" or k.endswith("_addr")) and x is not None and \
                not (isinstance(x, str) and x.startswith("0x")):
            self.bad("numbers", p, "kernel address %r is not a hex string" % (x,), cmd)
        if k in FLAG_KEYS and not in_facts and x is not None and t != "bool":
            self.bad("booleans", p, "%r is not true/false" % (x,), cmd)
        if k == "table" and isinstance(x, str):
            self.bad("tables", p, "table %r is a string" % x, cmd)
        if k == "error" and p.count(".") == 1 and not (isinstance(x, dict) and "message" in x):
            self.bad("error", p, "error is not {message, hint}", cmd)
        if t and k not in POLY_KEYS and not in_facts:
            self.types.setdefault(k, {}).setdefault(t, (cmd, p))

    def object(self, obj, rc, nobj, cmd):
        st = obj.get("status")
        if st not in WORDS.values():
            self.bad("status", ".status", "missing or %r" % st, cmd)
        elif nobj == 1 and WORDS.get(rc) != st:
            self.bad("status", ".status", "%r but exit %d" % (st, rc), cmd)
        self.walk(obj, "", cmd)

    def close(self):
        """The cross-command rule, once every object was seen."""
        for k, ts in sorted(self.types.items()):
            if len(ts) > 1:
                self.bad("one type", "." + k, " vs ".join(
                    "%s in %s [%s]" % (t, p, c) for t, (c, p) in sorted(ts.items())), "")

    def report(self, rep):
        for rule in ("status", "error", "numbers", "absent", "booleans", "one type", "tables"):
            mine = {k: v for k, v in self.problems.items() if k.startswith(rule + " ")}
            rep.check(not mine, "JSON rule: %s" % rule,
                      "\n      " + "\n      ".join("%s: %s" % kv for kv in sorted(mine.items())))


def stage(env):
    a, b = env.ns("a"), env.ns("b")
    for c in (["ip", "link", "add", "sa0", "netns", a, "type", "veth", "peer", "name", "sb0",
               "netns", b],
              ["ip", "-n", a, "addr", "add", "10.211.1.1/24", "dev", "sa0"],
              ["ip", "-n", b, "addr", "add", "10.211.1.2/24", "dev", "sb0"],
              ["ip", "-n", a, "link", "set", "sa0", "up"],
              ["ip", "-n", b, "link", "set", "sb0", "up"],
              ["ip", "-n", a, "route", "add", "10.211.77.0/24", "via", "10.211.1.2",
               "table", "77"],
              ["ip", "-n", a, "rule", "add", "to", "10.211.77.0/24", "table", "77", "pref", "1000"]):
        sh(*c)
    sh("ip", "netns", "exec", a, "nft", "-f", "-",
       input="table inet npjs {\n chain in {\n  type filter hook input priority 0;\n"
             "  ct state new counter\n  udp dport 5353 drop\n }\n}\n")
    traffic = os.path.join(SRC, "tests", "tools", "nptraffic.py")
    for ns, args in ((b, ["udp-send", "--dst", "10.211.1.1", "--port", "5353", "--rate", "50",
                          "--duration", "170"]),
                     (b, ["tcp-connect", "--dst", "10.211.1.1", "--port", "5007", "--rate", "5",
                          "--duration", "170", "--timeout", "0.3"]),
                     (a, ["tcp-listen", "--port", "8080", "--duration", "170"])):
        env.spawn(["ip", "netns", "exec", ns, "timeout", "190", "python3", traffic] + args +
                  ["--deadline", "180"], stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
    time.sleep(1)
    return a


def lines_to_run(have):
    lines = []
    for name in sorted(have - {"exit", "quit", "clear"}):
        lines.append("probe drops 1" if name == "probe" else bounded(name))
        ex = json.loads(netpath("-j", "-c", "help " + name).out.splitlines()[0])
        lines += [bounded(e.strip()) for e in (ex.get("examples") or "").splitlines()
                  if e.strip() and not e.strip().startswith("#")]
        lines.append("%s --no-such-option" % name)  # an error object
    lines += ["probe resets 1 port 5007", "probe drops 1 port 5353", "probe retrans 1",
              "sockets -p", "routes all", "conntrack entries", "link sa0", "taps sa0",
              "route get 10.211.77.5", "route get 10.255.255.1 from 10.211.1.2 iif sa0",
              "get route[10.211.1.2].gateway", "diagnose port=5353 window=1",
              "diagnose dst=10.211.1.2 port=80 window=1", "nosuchcommand"]
    if "playbooks" in have:
        for pb in json.loads(netpath("-j", "-c", "playbooks").out.splitlines()[0])["playbooks"]:
            lines.append("run %s window=1%s" % (pb["name"], required_params(pb["name"])))
    return lines


def main():
    need_root()
    rep = Report("json_schema")
    env = Env("js")
    ns = stage(env)
    chk = Checker()
    have = commands()
    for line in lines_to_run(have):
        r = netpath("-n", ns, "-j", "-c", line, timeout=60)
        try:
            objs = r.json_objects()
        except ValueError as e:
            rep.fail("valid JSON: %s" % line, str(e))
            continue
        if len(objs) != 1:
            rep.fail("one object: %s" % line, "%d objects" % len(objs))
        for o in objs:
            chk.object(o, r.rc, len(objs), line)
    # What the rules must keep catching, fed to the checker itself: a
    # checker that passes everything proves nothing.
    probe = Checker()
    probe.object({"status": "ok", "cpu": "0", "kind": "", "carrier": 1, "table": "main",
                  "location": 18446744071595314143}, 0, 1, "self-test")
    probe.object({"status": "ok", "cpu": 0, "error": "EHOSTUNREACH"}, 2, 1, "self-test")
    probe.close()
    caught = {k.split(" .")[0] for k in probe.problems}
    rules = {"numbers", "absent", "booleans", "tables", "status", "one type", "error"}
    rep.check(rules <= caught, "the checker catches each kind of break",
              "caught only %s" % sorted(caught))
    chk.close()
    chk.report(rep)
    rep.finish()


if __name__ == "__main__":
    main()
