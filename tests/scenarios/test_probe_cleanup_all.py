#!/usr/bin/env python3
"""Probe cleanup for every probe kind and for `run` of every built-in
playbook: the BPF programs and links netpath loaded are all gone after a
normal exit, Ctrl-C through a pty (-c, and in the REPL where the shell must
detach and carry on), SIGTERM and SIGKILL.

Other tests load BPF concurrently on this host, so "before == after" is
checked on what netpath itself held: the prog_id/link_id of every BPF fd in
/proc/PID/fdinfo, sampled while it runs.  (tests/scenarios/test_probes.sh,
owned by the probes work, checks `probe drops` by bpftool list equality.)"""
import json
import os
import pty
import re
import signal
import subprocess
import time

import bpfids
from nptest import NETPATH, Report, commands, need_root, netpath, required_params

KILL_MODES = ("normal", "sigint-pty", "repl-ctrl-c", "sigterm", "sigkill")


def held_bpf(pid):
    """(progs, links) ids held through fds by pid."""
    progs, links = set(), set()
    try:
        fds = os.listdir("/proc/%d/fdinfo" % pid)
    except OSError:
        return progs, links
    for fd in fds:
        try:
            with open("/proc/%d/fdinfo/%s" % (pid, fd)) as f:
                info = f.read()
        except OSError:
            continue
        m = re.search(r"^link_id:\s*(\d+)", info, re.M)
        if m:
            links.add(int(m.group(1)))
        m = re.search(r"^prog_id:\s*(\d+)", info, re.M)
        if m:
            progs.add(int(m.group(1)))
    return progs, links


def live_ids(seen):
    """The ids of seen that the kernel still holds."""
    return bpfids.live("prog", seen[0]), bpfids.live("link", seen[1])


def watch(pid, until, seen):
    """Sample pid's BPF fds until until() is true or 15 s pass."""
    end = time.monotonic() + 15
    while time.monotonic() < end and not until():
        p, l = held_bpf(pid)
        seen[0] |= p
        seen[1] |= l
        time.sleep(0.03)


def attached(seen):
    return lambda: bool(seen[1])


def gone(seen):
    """Poll: the kernel frees programs after an RCU grace period."""
    end = time.monotonic() + 5
    while True:
        left = live_ids(seen)
        if not left[0] and not left[1] or time.monotonic() > end:
            return left
        time.sleep(0.1)


def run_mode(cmd, mode):
    """Run `cmd` and end it the way mode says; returns (seen ids, exit, note)."""
    seen = [set(), set()]
    if mode in ("sigint-pty", "repl-ctrl-c"):
        argv = [NETPATH] + (["-c", cmd] if mode == "sigint-pty" else [])
        pid, master = pty.fork()
        if pid == 0:
            os.environ["HOME"] = "/nonexistent"  # no history file from tests
            os.execv(NETPATH, argv)
        out = b""
        try:
            if mode == "repl-ctrl-c":
                time.sleep(0.3)
                os.write(master, cmd.encode() + b"\n")
            watch(pid, attached(seen), seen)
            os.write(master, b"\x03")  # the terminal turns ^C into SIGINT
            note = ""
            if mode == "repl-ctrl-c":
                # The shell must detach and stay: links gone while it lives.
                left = gone(seen)
                alive = os.waitpid(pid, os.WNOHANG) == (0, 0)
                note = "still running after ^C: %s; held after ^C: %s" % (alive, left)
                if not alive or left[0] or left[1]:
                    note = "FAIL " + note
                os.write(master, b"exit\n")
            end = time.monotonic() + 10
            status = None
            while time.monotonic() < end:
                try:
                    out += os.read(master, 65536)
                except OSError:
                    pass
                w, st = os.waitpid(pid, os.WNOHANG)
                if w:
                    status = st
                    break
                time.sleep(0.05)
            if status is None:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return seen, None, "did not exit 10 s after ^C"
            rc = os.waitstatus_to_exitcode(status)
        finally:
            os.close(master)
        return seen, rc, note
    p = subprocess.Popen([NETPATH, "-c", cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if mode == "normal":
            watch(p.pid, lambda: p.poll() is not None, seen)
        else:
            watch(p.pid, attached(seen), seen)
            p.send_signal(signal.SIGTERM if mode == "sigterm" else signal.SIGKILL)
        rc = p.wait(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    return seen, rc, ""


def main():
    need_root()
    rep = Report("probe_cleanup_all")
    have = commands()
    cmds = []
    if "probe" in have:
        ex = json.loads(netpath("-j", "-c", "help probe").out.splitlines()[0]).get("examples", "")
        kinds = sorted({l.split()[1] for l in ex.splitlines() if len(l.split()) > 1})
        # `trace` insists on a filter (it follows packets, not counts).
        cmds += ["probe %s 2%s" % (k, " proto udp" if k == "trace" else "") for k in kinds]
    else:
        rep.skip("probe kinds", "no `probe` command yet")
    if "run" in have and "playbooks" in have:
        r = netpath("-j", "-c", "playbooks")
        for pb in json.loads(r.out.splitlines()[0]).get("playbooks", []):
            if pb.get("status", "ok") == "ok":
                cmds.append("run %s window=2%s" % (pb["name"], required_params(pb["name"])))
    else:
        rep.skip("run with probes", "no `run` command yet")
    for cmd in cmds:
        for mode in KILL_MODES:
            seen, rc, note = run_mode(cmd, mode)
            what = "%-28s %-12s" % (cmd, mode)
            if not seen[0] and not seen[1]:
                # A playbook without probe checks loads nothing: nothing to leak.
                if cmd.startswith("run"):
                    rep.ok("%s loads no BPF (exit %s)" % (what, rc))
                else:
                    rep.fail(what, "no BPF program seen while it ran (exit %s)" % rc)
                continue
            left = gone(seen)
            problems = []
            if left[0] or left[1]:
                problems.append("still loaded: progs %s links %s" % tuple(map(sorted, left)))
            if note.startswith("FAIL") or rc is None:
                problems.append(note or "no exit")
            if mode in ("normal", "sigint-pty", "repl-ctrl-c") and rc not in (0, 1, 2, 3):
                problems.append("exit %s" % rc)
            rep.check(not problems, "%s progs %s links %s gone (exit %s)" % (
                what, sorted(seen[0]), sorted(seen[1]), rc), "; ".join(problems))
    rep.finish()


if __name__ == "__main__":
    main()
