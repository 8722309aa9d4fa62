#!/usr/bin/env python3
"""Bad-input table: every hostile or malformed input gets exactly one clear
message on stderr, the documented exit status (64 usage/syntax, 3 could
not check) and, under -j, valid JSON whose object carries an `error`.
Rows whose command is not registered yet are skipped (they light up as the
commands land).  Root: the netns rows create namespaces np-harden-bad-*."""
import json
import os
import random
import subprocess
import tempfile
import time

from nptest import NETPATH, Env, Report, commands, crashed, need_root, netpath, sh

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
    ("run", "run no-such-playbook-np", ANY_FAIL),
    ("show", "show playbook ../x", U),
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
    # the line itself
    (None, "x" * 70000, U),
    (None, " ".join(["w"] * 300), U),
    (None, "get 'unterminated", U),
    (None, "nosuchcommand", U),
    (None, "get link[eth0", U),
]


def one_message(err):
    """One clear message: exactly one 'netpath:' line (a hint may follow)."""
    return sum(1 for l in err.splitlines() if l.startswith("netpath:")) == 1


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


def netns_removed(rep, env):
    """`netns NS` then NS disappears: the session keeps working in the held
    namespace; switching to it again is a clear 3."""
    ns = env.ns("gone")
    fifo = tempfile.mktemp(prefix="np-harden-fifo-")
    os.mkfifo(fifo)
    try:
        p = env.spawn([NETPATH, "-j", "-f", fifo],
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        with open(fifo, "w") as f:
            f.write("netns %s\nsysctl net.core.somaxconn\n" % ns)
            f.flush()
            time.sleep(0.5)
            sh("ip", "netns", "del", ns)
            f.write("sysctl net.core.somaxconn\nnetns -\nnetns %s\n" % ns)
        out, err = p.communicate(timeout=60)
    finally:
        os.unlink(fifo)
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
    stdin_garbage(rep)
    netns_removed(rep, env)
    removed_during_window(rep, env, have)
    env.cleanup()
    rep.finish()


if __name__ == "__main__":
    main()
