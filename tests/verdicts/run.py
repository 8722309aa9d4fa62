#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Golden verdict tests: replay fact captures through the playbook engine.

usage: run.py NETPATH [CASE.facts ...]   (default: every *.facts here)

Each case is a capture (NETPATH_FACTS_REPLAY format, shell/facts/replay.h) with
two comment lines the replay parser ignores:

    # command: run conntrack
    # expect: exit=2 status=crit layer=conntrack reason=NETFILTER_DROP

expect keys: exit, status, layer, reason (`-` = none), summary (a substring
the verdict's summary must contain; quote it: summary="ARP table"), rule (the
handle of verdict.rule, the firewall rule named; `-` = none), and optionally
skip=LAYER,... (layers allowed to be `skip`) and incomplete=yes (facts may
be missing from the capture).  Without them a case must be complete: no
layer `skip`, nothing "not in the replay file", so a fixture cannot pass by
hiding checks.  As root the cases run as uid 65534 (no root, no BPF needed).
Each case runs twice: replayed, and replayed from the capture that replay
re-recorded (NETPATH_FACTS_RECORD), which must give the same verdict.
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_case(path):
    cmds, expect = [], {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# command:"):
                cmds.append(line.split(":", 1)[1].strip())
            elif line.startswith("# expect:"):
                for kv in shlex.split(line.split(":", 1)[1]):
                    k, _, v = kv.partition("=")
                    expect[k] = v
    if len(cmds) != 1:
        raise ValueError(f"{path}: needs exactly one '# command:' line, found {len(cmds)}")
    for k in ("exit", "status", "layer"):
        if k not in expect:
            raise ValueError(f"{path}: '# expect:' lacks {k}=")
    return cmds[0], expect


def drop_root():
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)


AS_NOBODY = False


def nobody_can_run(netpath):
    """As root, replays run as uid 65534 to prove they need no privilege;
    a checkout nobody may read (a 0700 home) falls back to root."""
    if os.geteuid() != 0:
        return False
    try:
        p = subprocess.run([netpath, "-j", "-c", "show playbook rx"], capture_output=True,
                           timeout=30, preexec_fn=drop_root)
    except OSError:
        return False
    return p.returncode == 0


def replay(netpath, capture, cmd, record=None):
    env = dict(os.environ)
    env.pop("NETPATH_FACTS_RECORD", None)
    env["NETPATH_FACTS_REPLAY"] = capture
    if record:
        env["NETPATH_FACTS_RECORD"] = record
    p = subprocess.run([netpath, "-j", "-c", cmd], env=env, capture_output=True, text=True,
                       timeout=30, preexec_fn=drop_root if AS_NOBODY else None)
    try:
        obj = json.loads(p.stdout.splitlines()[0]) if p.stdout.strip() else {}
    except (ValueError, IndexError):
        obj = {}
    return p.returncode, obj, p.stderr


def judge(name, rc, obj, err, expect):
    bad = []
    v = obj.get("verdict") or {}
    got = {"exit": str(rc), "status": v.get("status"), "layer": v.get("layer"),
           "reason": v.get("reason") or "-"}
    for k in ("exit", "status", "layer", "reason"):
        if k in expect and expect[k] != got[k]:
            bad.append(f"{k}: expected {expect[k]}, got {got[k]}")
    rule = str((v.get("rule") or {}).get("handle", "-"))
    if "rule" in expect and expect["rule"] != rule:
        bad.append(f"rule: expected handle {expect['rule']}, got {rule}")
    if "summary" in expect and expect["summary"] not in (v.get("summary") or ""):
        bad.append(f"summary: expected it to contain '{expect['summary']}'")
    allowed = set(filter(None, expect.get("skip", "").split(",")))
    for ly in obj.get("layers", []):
        if ly.get("status") == "skip" and ly.get("layer") not in allowed:
            bad.append(f"layer {ly.get('layer')} is skip ({ly.get('why', '')}): "
                       "the capture misses facts (or add skip=LAYER)")
    if expect.get("incomplete") != "yes":
        for note in v.get("not_observed", []):
            if "not in the replay file" in note:
                bad.append(f"incomplete capture: {note}")
    if bad:
        print(f"not ok {name}\n  " + "\n  ".join(bad))
        print("  summary: " + str(v.get("summary")))
        if err.strip():
            print("  stderr: " + err.strip().replace("\n", "\n  "))
    return not bad


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 64
    netpath = os.path.abspath(sys.argv[1])
    cases = sys.argv[2:] or sorted(
        os.path.join(HERE, f) for f in os.listdir(HERE) if f.endswith(".facts"))
    global AS_NOBODY
    AS_NOBODY = nobody_can_run(netpath)
    if os.geteuid() == 0 and not AS_NOBODY:
        print("# uid 65534 cannot run this build or read its playbooks: replaying as root")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="np-verdicts-") as tmp:
        os.chmod(tmp, 0o777)  # the replays run as nobody when we are root
        for path in cases:
            name = os.path.basename(path)
            # A copy nobody can read, wherever the checkout lives.
            copy = os.path.join(tmp, "in-" + name)
            with open(path, "rb") as src, open(copy, "wb") as dst:
                dst.write(src.read())
            os.chmod(copy, 0o644)
            try:
                cmd, expect = parse_case(path)
            except ValueError as e:
                print(f"not ok {name}\n  {e}")
                failed += 1
                continue
            again = os.path.join(tmp, name)
            rc, obj, err = replay(netpath, copy, cmd, record=again)
            ok = judge(name, rc, obj, err, expect)
            if ok:
                rc, obj, err = replay(netpath, again, cmd)
                ok = judge(name + " (re-recorded)", rc, obj, err, expect)
            if ok:
                print(f"ok {name}: {cmd} -> {obj['verdict']['status']} "
                      f"{obj['verdict']['layer']} exit {rc}")
            failed += not ok
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
