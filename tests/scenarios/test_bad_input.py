#!/usr/bin/env python3
"""Bad-input table: every hostile or malformed input gets exactly one clear
message on stderr, the documented exit status (64 usage/syntax, 3 the
named object is not on this host: README "Exit status") and, under -j,
valid JSON whose object carries an `error`.  Also: netpath's own options
and environment, -f FILE and stdin that are not command text (binary,
devices, directories, over-long lines, over the byte and command budgets),
and SIGTERM/SIGHUP mid-window (complete JSON, no further command).
Rows whose command is not registered yet are skipped (they light up as the
commands land).  Root: the netns rows create namespaces np-harden-bad-*."""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from nptest import NETPATH, Env, Report, Result, commands, crashed, need_root, netpath, sh

LONG_IF = "A" * 40
U, UNK = 64, 3
ANY_FAIL = (3, 64)  # not yet fixed by the contract: either is a clear refusal

# (needs command, argv after -c, expected status or tuple of accepted ones)
ROWS = [
    # interface names: kernel rules (dev_valid_name) are syntax -> 64
    ("link", "link " + LONG_IF, U),
    ("link", "link 'a/b'", U),
    ("link", "link eth0:1", U),
    ("link", "link ..", U),
    ("link", "link 'a b'", U),
    ("link", "link 'a\x01b'", U),
    ("link", "link nosuchdev0", UNK),
    ("link", "link \u00e9t\u202eh0", UNK),  # valid bytes for the kernel, absent here
    ("get", "get link[%s].mtu" % LONG_IF, U),
    ("get", "get 'link[a/b].mtu'", U),
    ("link", "get link[nosuchdev0].mtu", UNK),
    ("qdisc", "qdisc " + LONG_IF, U),
    ("ethtool", "ethtool 'a/b'", U),
    ("ethtool", "ethtool nosuchdev0", UNK),
    # namespaces and paths
    ("netns", "netns ../../etc", U),
    ("netns", "netns ..", U),
    ("netns", "netns 'a b'", U),
    ("netns", "netns no-such-netns-np-harden", UNK),
    ("sysctl", "sysctl ../../etc/shadow", U),
    ("sysctl", "sysctl net/../../../etc/shadow", U),
    ("get", "get sysctl[../../etc/passwd]", U),
    # playbook names
    ("run", "run ../../etc/passwd", U),
    ("run", "run ../x", U),
    ("run", "run /etc/passwd", U),
    ("run", "run .hidden", U),
    ("run", "run no-such-playbook-np", UNK),
    ("show", "show playbook ../x", U),
    ("show", "show playbook no-such-playbook-np", UNK),
    ("help", "help run no-such-playbook-np", UNK),
    # addresses
    ("route", "route get 10.0.0.300", U),
    ("route", "route get 10.0.0.1 from ::1", U),
    ("route", "route get ::1 from 10.0.0.1", U),
    ("route", "route get not-an-address", U),
    ("route", "get route[10.0.0.300].type", U),
    ("neigh", "get neigh[10.0.0.1.1].state", U),
    ("run", "run rx dst=10.0.0.1 src=fe80::1", U),
    ("run", "run rx dst=999.0.0.1", U),
    # ports
    ("sockets", "sockets port 70000", U),
    ("sockets", "sockets port 0", U),
    ("sockets", "sockets port -1", U),
    ("sockets", "sockets port 1e3", U),
    ("sockets", "sockets port 99999999999999999999999", U),
    ("sockets", "get sock[tcp:70000].count", U),
    ("sockets", "get sock[tcp:x].count", U),
    ("run", "run rx port=70000", U),
    ("run", "run rx port=0", U),
    ("probe", "probe drops 1 port 70000", U),
    ("probe", "probe drops 1 host 10.0.0.300", U),
    # durations: 0, or 0.1 to 86400 s; probes at most 60 s without --long
    ("probe", "probe drops 99999", U),
    ("probe", "probe drops 60.5", U),
    ("probe", "probe drops 0.01", U),
    ("run", "run rx window=0.0001", U),
    ("set", "set window 0.05", U),
    # names: netpath's vocabulary is syntax (64), this host's objects are 3
    ("why", "why NOT_A_REASON", UNK),
    ("help", "help nosuchcmd", UNK),
    ("set", "set dev nosuchdev0", UNK),
    ("facts", "facts sysctl[../x]", U),
    (None, "sokets", U),  # typo: suggests sockets
    (None, "ne", U),  # ambiguous prefix: neigh, netns
    ("sockets", "sockets state s", U),  # ambiguous: syn-sent, syn-recv
    ("routes", "routes 10.0.0.300/8", U),
    (None, "routes | bogus", U),
    (None, "routes | include (", U),
    (None, "| count", U),
    # the line itself
    (None, "x" * 70000, U),
    (None, " ".join(["w"] * 300), U),
    (None, "get 'unterminated", U),
    (None, "nosuchcommand", U),
    (None, "get link[eth0", U),
    (None, "link 'a\x1bb'", U),  # a control character in the line itself
    (None, "link \udcff", U),  # not UTF-8
]


def one_message(err):
    """One clear message: exactly one 'netpath:' line, nothing else on
    stderr but its hint."""
    lines = err.splitlines()
    return (sum(1 for l in lines if l.startswith("netpath:")) == 1 and
            all(l.startswith("netpath:") or l.startswith("  hint:") for l in lines))


def check_row(rep, cmdline, want, pre=(), env=None, name=None):
    name = name or cmdline[:60]
    want = want if isinstance(want, tuple) else (want,)
    j = netpath("-j", *pre, "-c", cmdline, env=env, timeout=60)
    t = netpath(*pre, "-c", cmdline, env=env, timeout=60)
    problems = []
    if crashed(j.rc) or crashed(t.rc):
        problems.append("crashed (rc %s / %s)" % (j.rc, t.rc))
    if j.rc not in want or t.rc not in want:
        problems.append("exit %s/%s, want %s" % (j.rc, t.rc, want))
    if not one_message(t.err):
        problems.append("stderr not one message: %r" % t.err[:300])
    try:
        objs = j.json_objects()
        if len(objs) != 1 or "message" not in objs[-1].get("error", {}):
            problems.append("JSON without one error object: %r" % j.out[:300])
    except ValueError as e:
        problems.append("invalid JSON (%s): %r" % (e, j.out[:300]))
    if j.out and not j.out.endswith("\n"):
        problems.append("JSON not newline-terminated")
    rep.check(not problems, "%-58s -> %s" % (name, "/".join(map(str, want))), "; ".join(problems))


def playbook_rows(rep, have):
    if "run" not in have:
        rep.skip("huge/empty/binary playbook files", "no `run` command yet")
        return
    with tempfile.TemporaryDirectory(prefix="np-harden-pb-") as d:
        os.chmod(d, 0o755)
        rnd = random.Random(6)
        files = {
            "empty": b"",
            "blank": b"\n\n   \n# only a comment\n",
            "binary": bytes(rnd.getrandbits(8) for _ in range(65536)),
            # 32 MiB of plausible lines: must be refused or parsed, bounded in time
            "huge": b'layer link "x"\n' + b"  check link[lo].mtu == 65536 warn \"m\"\n" * 900000,
            "deep": b"include deep\n",
            "nul": b'playbook nul "x"\x00\nlayer link "y"\n',
        }
        for n, data in files.items():
            with open(os.path.join(d, n + ".playbook"), "wb") as f:
                f.write(data)
            os.chmod(os.path.join(d, n + ".playbook"), 0o644)
        env = dict(os.environ, NETPATH_PLAYBOOKS=d)
        for n in files:
            t0 = time.monotonic()
            check_row(rep, "run %s window=0" % n, ANY_FAIL, env=env, name="playbook file: %s" % n)
            if time.monotonic() - t0 > 20:
                rep.fail("playbook file %s took %.1fs" % (n, time.monotonic() - t0))
        r = netpath("-j", "-c", "playbooks", env=env)
        rep.check(not crashed(r.rc) and r.json_objects(), "`playbooks` lists a dir with broken files",
                  "rc %s" % r.rc)


def stdin_garbage(rep):
    rnd = random.Random(64)
    garbage = bytes(rnd.getrandbits(8) for _ in range(1 << 16))
    r = netpath("-j", input=garbage, timeout=120)
    bad = []
    try:
        objs = r.json_objects()
        if not objs or any("error" not in o for o in objs):
            bad.append("%d objects, some without error" % len(objs))
    except ValueError as e:
        bad.append("invalid JSON: %s" % e)
    rep.check(r.rc == 64 and not bad, "64 KiB of binary garbage on stdin -> 64, valid JSON",
              "rc %s %s" % (r.rc, bad))


def refused(rep, name, want, j, t, last_only=False, max_s=None, took=None, no_path=False):
    """j/t: the -j and text runs of one refused input.  Exact status, one
    error line on stderr, and under -j an `error` in the (last) object."""
    problems = []
    if j.rc != want or t.rc != want:
        problems.append("exit %s/%s, want %s" % (j.rc, t.rc, want))
    for r in (j, t):
        if not one_message(r.err):
            problems.append("stderr not one message: %r" % r.err[:300])
        if no_path and NETPATH in r.err:
            problems.append("stderr names the binary's path")
    try:
        objs = j.json_objects()
        errs = [o for o in objs if "error" in o]
        if not objs or "message" not in objs[-1].get("error", {}) or len(errs) != 1 or \
                (not last_only and len(objs) != 1):
            problems.append("JSON without one error object: %r" % j.out[-300:])
    except ValueError as e:
        problems.append("invalid JSON (%s): %r" % (e, j.out[:300]))
    if max_s is not None and took > max_s:
        problems.append("took %.1fs (bounded: %ss)" % (took, max_s))
    rep.check(not problems, "%-58s -> %s" % (name, want), "; ".join(problems))


def both(*args, **kw):
    """The -j and the text run of the same invocation, and the time taken."""
    t0 = time.monotonic()
    j = netpath("-j", *args, **kw)
    t = netpath(*args, **kw)
    return j, t, (time.monotonic() - t0) / 2


def invocation_rows(rep):
    """netpath's own options and environment: one line (never the binary's
    path), 64, and a JSON object even when -j comes after the bad option."""
    for argv in (["--bogus"], ["-c"], ["-x"], ["-f", "a", "-f", "b"], ["stray"],
                 ["--netns"]):
        j = netpath("-j", *argv)
        t = netpath(*argv)
        refused(rep, "netpath %s" % " ".join(argv), U, j, t, no_path=True)
    # -j after the bad option still selects JSON for the error itself
    refused(rep, "netpath --bogus -j", U, netpath("--bogus", "-j"), netpath("--bogus"),
            no_path=True)
    env = dict(os.environ, NETPATH_PROBE_ATTACH="bogus")
    j, t, _ = both("-c", "help", env=env)
    refused(rep, "NETPATH_PROBE_ATTACH=bogus", U, j, t)
    r = netpath("-j", "-c", "route get 127.0.0.1")
    obj = r.json_objects()[0] if r.rc == 0 else {}
    rep.check(r.rc == 0 and "error" not in obj and obj.get("type") == "local",
              "route get success has no error member", r.out[:200])
    r = netpath("-j", "-c", "routes | count")
    rep.check(r.rc == 64 and one_message(r.err) and "error" in r.json_objects()[0],
              "| count under -j: 64 with an error", "rc %s %r" % (r.rc, r.err))


def file_rows(rep):
    """-f FILE must be a regular file of command text: devices, directories,
    fifos, binaries and missing files are refused at once (64)."""
    d = tempfile.mkdtemp(prefix="np-harden-f-")
    try:
        fifo = os.path.join(d, "fifo")
        os.mkfifo(fifo)
        small_bin = os.path.join(d, "true")
        shutil.copy("/bin/true", small_bin)
        for path in ("/dev/zero", "/dev/urandom", NETPATH, "/etc", os.path.join(d, "missing"),
                     fifo, small_bin):
            j, t, took = both("-f", path, timeout=30)
            refused(rep, "-f %s" % path.replace(d, "TMP"), U, j, t, max_s=5, took=took)
        # a text file with binary in its third line: two commands ran, then 64
        mixed = os.path.join(d, "mixed")
        with open(mixed, "wb") as f:
            f.write(b"unset all\nunset all\nlink \x00\nunset all\n")
        j, t, took = both("-f", mixed)
        refused(rep, "-f FILE with NUL in line 3 (2 commands ran)", U, j, t, last_only=True)
        rep.check(len(j.json_objects()) == 3, "-f stops at the binary line",
                  "%d objects" % len(j.json_objects()))
    finally:
        shutil.rmtree(d)


def run_stdin(f, *args):
    """netpath reading commands from the open file f (a device, a pipe)."""
    p = subprocess.run([NETPATH] + list(args), stdin=f, capture_output=True, timeout=30)
    p.stdout = p.stdout.decode("utf-8", "replace")
    p.stderr = p.stderr.decode("utf-8", "replace")
    return Result([NETPATH] + list(args), p)


def stdin_rows(rep):
    """Commands on stdin: bounded in memory and time whatever arrives."""
    for dev in ("/dev/zero", "/dev/urandom"):
        t0 = time.monotonic()
        with open(dev, "rb") as f:
            j = run_stdin(f, "-j")
        with open(dev, "rb") as f:
            t = run_stdin(f)
        refused(rep, "stdin < %s" % dev, U, j, t, max_s=5, took=(time.monotonic() - t0) / 2)
    comments = (b"# " + b"c" * 97 + b"\n") * 11000  # 1.1 MB and not one command
    for name, data, last_only in (
            ("stdin: one 70000-byte line", b"x" * 70000 + b"\n", False),
            ("stdin: 10001 commands", b"unset all\n" * 10001, True),
            ("stdin: over 1 MiB of comments", comments, False)):
        j, t, took = both(input=data, timeout=120)
        refused(rep, name, U, j, t, last_only=last_only, max_s=60, took=took)
    # What a refusal costs: netpath never buffers a line past its limit
    # (this was 220 MB/s without end on /dev/zero).  Measured in a fresh
    # process so no earlier child's peak counts.
    probe = ("import resource, subprocess, sys\n"
             "for src in ('/dev/zero', '/dev/urandom'):\n"
             "    with open(src, 'rb') as f:\n"
             "        subprocess.run(sys.argv[1:], stdin=f, capture_output=True, timeout=30)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    r = subprocess.run([sys.executable, "-c", probe, NETPATH, "-j"], capture_output=True,
                       text=True, timeout=90)
    rss = int(r.stdout.strip() or 0)
    rep.check(0 < rss < 100 * 1024, "stdin < /dev/zero, /dev/urandom: peak RSS under 100 MB",
              "%d kB" % rss)


def signal_rows(rep, have):
    """SIGTERM/SIGHUP mid-window: the command finishes its output (one
    complete JSON object), its probes detach, no further -c runs, and the
    exit status is the one of what was printed (not 128+N)."""
    cases = []
    if "probe" in have:
        cases += [("probe drops 5", "TERM", True), ("probe drops 5", "HUP", True),
                  ("probe trace port 9 5", "TERM", True), ("probe drops 5", "TERM", False)]
    if "run" in have:
        cases.append(("run softirq window=5", "TERM", True))
    for cmd, sig, js in cases:
        argv = [NETPATH] + (["-j"] if js else []) + ["-c", cmd, "-c", "help"]
        t0 = time.monotonic()
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.2)
        p.send_signal(getattr(signal, "SIG" + sig))
        out, err = p.communicate(timeout=30)
        took = time.monotonic() - t0
        bad = []
        if p.returncode not in (0, 1, 2, 3):
            bad.append("exit %s" % p.returncode)
        if took > 4:
            bad.append("took %.1fs after the signal at 1.2s" % took)
        if js:
            try:
                objs = [json.loads(l) for l in out.splitlines() if l.strip()]
            except ValueError as e:
                objs = None
                bad.append("truncated JSON: %s" % e)
            if objs is not None and [o.get("command") for o in objs] != [cmd.split()[0]]:
                bad.append("objects %r (help must not run)" % [o.get("command") for o in objs])
            elif objs and objs[0].get("interrupted") is False:
                bad.append("the probe window was not cut short")
            elif objs and objs[0].get("window_s", 0) > 4:
                bad.append("window ran %ss" % objs[0]["window_s"])
        elif "COMMAND" in out:
            bad.append("help ran after the signal")
        rep.check(not bad, "SIG%s during `%s`%s" % (sig, cmd, " -j" if js else ""),
                  "; ".join(bad) + " err %r" % err[:200])


def netns_removed(rep, env):
    """`netns NS` then NS disappears: the session keeps working in the held
    namespace; switching to it again is a clear 3."""
    ns = env.ns("gone")
    # Commands arrive on a pipe (stdin) as the session goes on; -f takes
    # regular files only.
    p = env.spawn([NETPATH, "-j"], stdin=subprocess.PIPE,
                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    p.stdin.write("netns %s\nsysctl net.core.somaxconn\n" % ns)
    p.stdin.flush()
    time.sleep(0.5)
    sh("ip", "netns", "del", ns)
    out, err = p.communicate("sysctl net.core.somaxconn\nnetns -\nnetns %s\n" % ns, timeout=60)
    env.netns.remove(ns)
    try:
        objs = [json.loads(l) for l in out.splitlines() if l.strip()]
    except ValueError:
        objs = []
    ok = (p.returncode == 3 and len(objs) == 5 and "error" not in objs[2]
          and "error" in objs[4] and err.count("netpath:") == 1)
    rep.check(ok, "netns removed mid-session: held ns works, re-entry -> 3",
              "rc %s objs %d err %r" % (p.returncode, len(objs), err[:200]))


def removed_during_window(rep, env, have):
    """The namespace or the interface vanishes while a probe/playbook window
    is open: no crash, valid JSON, a documented status."""
    cases = []
    if "probe" in have:
        cases.append(("probe drops 2", "ns"))
        cases.append(("probe drops 2 dev va", "dev"))
    if "run" in have:
        cases.append(("run rx window=2", "ns"))
        cases.append(("run rx dev=va window=2", "dev"))
    if not cases:
        rep.skip("netns/interface removed during a window", "no probe or run command yet")
        return
    for n, (cmd, what) in enumerate(cases):
        ns = env.ns("win%d" % n)
        sh("ip", "-n", ns, "link", "add", "va", "type", "veth", "peer", "name", "vb")
        sh("ip", "-n", ns, "link", "set", "va", "up")
        sh("ip", "-n", ns, "link", "set", "vb", "up")
        p = env.spawn([NETPATH, "-n", ns, "-j", "-c", cmd],
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(0.7)
        if what == "ns":
            sh("ip", "netns", "del", ns)
            env.netns.remove(ns)
        else:
            sh("ip", "-n", ns, "link", "del", "va")
        out, err = p.communicate(timeout=60)
        try:
                    objs = [json.loads(l) for l in out.splitlines() if l.strip()]
        except ValueError:
            objs = None
        rep.check(not crashed(p.returncode) and p.returncode != 64 and objs,
                  "%s removed during `%s` -> exit %s" % (what, cmd, p.returncode),
                  "out %r err %r" % (out[:200], err[:300]))


def main():
    need_root()
    rep = Report("bad_input")
    env = Env("bad")
    have = commands()
    for need, cmdline, want in ROWS:
        if need and need not in have:
            rep.skip(cmdline[:58], "no `%s` command yet" % need)
            continue
        check_row(rep, cmdline, want)
    # -n NETNS is handled by main() before any command
    for ns, want in (("../../etc", U), ("..", U), ("a/b", U), ("no-such-netns-np-harden", UNK)):
        check_row(rep, "help", want, pre=("-n", ns), name="-n %s" % ns)
    playbook_rows(rep, have)
    invocation_rows(rep)
    file_rows(rep)
    stdin_rows(rep)
    signal_rows(rep, have)
    stdin_garbage(rep)
    netns_removed(rep, env)
    removed_during_window(rep, env, have)
    env.cleanup()
    rep.finish()


if __name__ == "__main__":
    main()
