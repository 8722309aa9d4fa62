#!/usr/bin/env python3
"""Privileges: every read-only command (bare and its help examples, taken
from `help -j` so new commands are covered) run as an unprivileged user
(uid/gid 65534) and as root with every capability dropped, then with only
CAP_BPF/CAP_PERFMON/CAP_SYS_ADMIN dropped.  Nothing crashes, -j output
stays valid JSON, and every probe kind (from `help probe`) and the probe
layers say `skip` naming the missing capability."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "valgrind"))
from nptest import NETPATH, Report, commands, crashed, need_root, netpath  # noqa: E402
from session import bounded  # noqa: E402

MODES = {
    "nobody": ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
    "no-caps": ["setpriv", "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all"],
    "no-bpf": ["setpriv", "--inh-caps=-all", "--bounding-set=-bpf,-perfmon,-sys_admin"],
}
CAP_RE = re.compile(r"CAP_(BPF|PERFMON|SYS_ADMIN|NET_ADMIN)|capabilit|privilege|root", re.I)
# Commands that change the session or the namespace, not the host.
SESSION = {"netns", "set", "unset", "exit", "quit"}


def read_only_lines(have):
    lines = []
    for name in sorted(have):
        if name in SESSION:
            continue
        lines.append("probe drops 1" if name == "probe" else name)
        r = netpath("-j", "-c", "help " + name)
        ex = json.loads(r.out.splitlines()[0]).get("examples") or ""
        lines += [bounded(e.strip()) for e in ex.splitlines() if e.strip()]
    return lines


def probe_lines(have):
    """`probe KIND 1` for every kind `help probe` shows an example of (trace
    insists on a filter), then a playbook with probe layers."""
    lines = []
    if "probe" in have:
        ex = json.loads(netpath("-j", "-c", "help probe").out.splitlines()[0]).get("examples", "")
        kinds = sorted({l.split()[1] for l in ex.splitlines() if len(l.split()) > 1})
        lines += ["probe %s 1%s" % (k, " proto udp" if k == "trace" else "") for k in kinds]
    return (lines or ["probe drops 1"]) + ["run rx window=1"]


def skips(obj, found):
    """Collect every {"status":"skip", ...} object's text (a layer), and
    every object with a "skip" reason (a probe that could not run: its
    status is the exit status's word, "unknown")."""
    if isinstance(obj, dict):
        if obj.get("status") == "skip" or isinstance(obj.get("skip"), str) and obj["skip"]:
            found.append(json.dumps(obj))
        for v in obj.values():
            skips(v, found)
    elif isinstance(obj, list):
        for v in obj:
            skips(v, found)
    return found


def main():
    need_root()
    rep = Report("privileges")
    have = commands()
    lines = read_only_lines(have)
    if not os.access(NETPATH, os.X_OK) or os.stat(NETPATH).st_mode & 0o005 != 0o005:
        rep.skip("unprivileged runs", "%s is not world-executable" % NETPATH)
        rep.finish()
    for mode, pre in MODES.items():
        for line in lines:
            r = netpath("-j", "-c", line, pre=pre, timeout=60,
                        env=dict(os.environ, HOME="/nonexistent"))
            what = "%-8s %s" % (mode, line)
            try:
                objs = r.json_objects()
            except ValueError as e:
                rep.fail(what, "invalid JSON: %s %r" % (e, r.out[:200]))
                continue
            problems = []
            if crashed(r.rc):
                problems.append("crashed rc %s: %s" % (r.rc, r.err[-300:]))
            if len(objs) != 1:
                problems.append("%d JSON objects" % len(objs))
            if r.rc == 3 and objs and "error" not in objs[0] and not skips(objs[0], []):
                problems.append("UNKNOWN without an error or a skip saying why")
            for s in skips(objs[0] if objs else {}, []):
                if not re.search(r'"(why|reason|skip|message|detail|summary)"', s):
                    problems.append("skip without a reason: %s" % s[:200])
            rep.check(not problems, "%s -> %s" % (what, r.rc), "; ".join(problems))
        # The probe layers must name the capability they lack.
        for probe_line in probe_lines(have):
            cmd = probe_line.split()[0]
            if cmd not in have:
                rep.skip("%s %s names the missing capability" % (mode, probe_line), "no `%s` yet" % cmd)
                continue
            r = netpath("-j", "-c", probe_line, pre=pre, timeout=60)
            try:
                objs = r.json_objects()
            except ValueError:
                objs = []
            text = r.err + " ".join(skips(objs[0], []) if objs else [])
            if cmd == "probe":
                ok = r.rc == 3 and CAP_RE.search(text)
            else:
                ok = not crashed(r.rc) and skips(objs[0] if objs else {}, []) and CAP_RE.search(text)
            rep.check(bool(ok), "%s `%s` -> skip naming the capability (exit %s)" % (mode, probe_line, r.rc),
                      "stderr %r skips %r" % (r.err[:200], text[:300]))
    rep.finish()


if __name__ == "__main__":
    main()
