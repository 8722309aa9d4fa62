#!/usr/bin/env python3
"""Every suggested next step runs as printed, where it is printed.

A fault is staged in a namespace (a DROP rule on a UDP port, and a
listener, so the verdict is a netfilter one with a rule named), and the
session is started with -n NS, as an engineer who entered a namespace:

  * on a command line (-j): every `next` line is pasted — netpath's own
    ones are run as they are (they must carry -n NS and parse: no exit 64),
    the others are checked with `sh -n` and must enter the namespace
    (ip netns exec NS / nsenter) so they never inspect the wrong one;
  * in the REPL (a pseudo-terminal, `netpath -n NS`): the "next:" lines of
    the text verdict are pasted back at the prompt — netpath's own without
    the `netpath` prefix must run (no "unknown command"), and a pasted line
    WITH the prefix is accepted too.
No line may hold a placeholder (<...>, DEV, SRC) and none may repeat.
Exit 0 pass, 1 fail, 77 skip.  Root: namespaces and probes."""
import json
import os
import pty
import re
import select
import shlex
import shutil
import subprocess
import sys
import time

NETPATH = os.environ.get("NP_BUILD_NETPATH") or sys.argv[1]
SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRAFFIC = os.path.join(SRC, "tests", "tools", "nptraffic.py")
PFX = f"np-paste-{os.getpid()}"
A, B = PFX + "-a", PFX + "-b"
PORT = 5040
fails = 0
procs = []


def ok(cond, what):
    global fails
    print(("ok   - " if cond else "FAIL - ") + what)
    if not cond:
        fails += 1


def sh(*args, check=True):
    return subprocess.run(args, check=check, capture_output=True, text=True)


def cleanup():
    for p in procs:
        p.kill()
        p.wait()
    for ns in (A, B):
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)


def stage():
    for ns in (A, B):
        sh("ip", "netns", "add", ns)
        sh("ip", "-n", ns, "link", "set", "lo", "up")
    sh("ip", "link", "add", "pa", "netns", A, "type", "veth", "peer", "name", "pb", "netns", B)
    sh("ip", "-n", A, "addr", "add", "10.205.0.1/24", "dev", "pa")
    sh("ip", "-n", B, "addr", "add", "10.205.0.2/24", "dev", "pb")
    sh("ip", "-n", A, "link", "set", "pa", "up")
    sh("ip", "-n", B, "link", "set", "pb", "up")
    sh("ip", "netns", "exec", B, "iptables", "-A", "INPUT", "-p", "udp", "--dport", str(PORT),
       "-j", "DROP")
    for ns, mode, extra in ((B, "udp-recv", ["--bind", "0.0.0.0"]),
                            (A, "udp-send", ["--dst", "10.205.0.2", "--rate", "50",
                                             "--duration", "40"])):
        procs.append(subprocess.Popen(
            ["ip", "netns", "exec", ns, "timeout", "60", "python3", TRAFFIC, mode,
             "--port", str(PORT), "--deadline", "50"] + extra,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    time.sleep(1.0)


def placeholder_free(line):
    return not re.search(r"<[a-z ]+>|\bDEV\b|\bSRC\b|\bDST\b|\$\w", line)


def check_cli():
    env = dict(os.environ, NETPATH_PLAYBOOKS=os.path.join(SRC, "playbooks"))
    out = subprocess.run([NETPATH, "-n", B, "-j", "-c", f"run rx port={PORT} window=2"],
                         capture_output=True, text=True, env=env, timeout=60)
    v = json.loads(out.stdout.splitlines()[-1])["verdict"]
    nxt = v.get("next") or []
    ok(v.get("layer") == "netfilter" and nxt, f"a netfilter verdict with next steps ({v.get('layer')})")
    ok(len(nxt) == len(set(nxt)) and len(nxt) <= 5, "at most five, no duplicates")
    for line in nxt:
        ok(placeholder_free(line), f"no placeholder: {line}")
        if line.startswith("netpath "):
            argv = shlex.split(line)
            cmd = argv[argv.index("-c") + 1] if "-c" in argv else ""
            # why/help answer the same in every namespace: no -n needed.
            if not cmd.startswith(("why", "help", "playbooks", "features", "show")):
                ok(f"-n {B}" in line, f"netpath line carries -n {B}: {line}")
            argv = [NETPATH] + argv[1:]
            # Only the parse matters (no exit 64); they are read-only.
            r = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)
            ok(r.returncode != 64, f"runs as printed (exit {r.returncode}): {line}")
        else:
            ok(line.startswith(f"ip netns exec {B} ") or line.startswith("nsenter "),
               f"enters the namespace: {line}")
            r = subprocess.run(["sh", "-n", "-c", line], capture_output=True, text=True)
            ok(r.returncode == 0, f"sh -n parses: {line}")
            r = subprocess.run(["sh", "-c", line], capture_output=True, text=True, timeout=30)
            ok(r.returncode == 0, f"sh runs it: {line} ({r.stderr.strip()[:80]})")


def read_until(fd, buf, token, timeout=30.0):
    end = time.time() + timeout
    while token not in buf and time.time() < end:
        r, _, _ = select.select([fd], [], [], end - time.time())
        if not r:
            break
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        buf += data.decode(errors="replace")
    return buf


def check_repl():
    env = dict(os.environ, TERM="dumb", NO_COLOR="1", HOME="/nonexistent-np-paste",
               INPUTRC="/dev/null", PAGER="cat", NETPATH_PLAYBOOKS=os.path.join(SRC, "playbooks"))
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(NETPATH, [NETPATH, "-n", B], env)
    prompt = "> "
    buf = read_until(fd, "", prompt)
    os.write(fd, f"run rx port={PORT} window=2\n".encode())
    buf = read_until(fd, "", "next:", 40)
    buf = read_until(fd, buf, prompt, 10)
    m = re.search(r"next:\r?\n((?:    .*\r?\n)+)", buf)
    lines = [l.strip() for l in m.group(1).splitlines()] if m else []
    ok(bool(lines), "the REPL prints next steps")
    ours = [l for l in lines if l.split()[0] in ("why", "probe", "explain", "run", "netns",
                                                   "conntrack", "softnet", "taps", "firewall")]
    ok(bool(ours), "netpath's own steps are shown without the netpath prefix")
    ok(not any(l.startswith("netpath ") for l in lines), "no 'netpath' prefix at the prompt")
    for line in ours + ["netpath " + ours[0]] if ours else []:
        os.write(fd, (line + "\n").encode())
        out = read_until(fd, "", prompt, 40)
        ok("unknown command" not in out and "usage" not in out.lower(),
           f"pasted at the prompt, it runs: {line}")
    os.write(fd, b"quit\n")
    time.sleep(0.3)
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def main():
    if os.geteuid() != 0:
        print("SKIP: needs root")
        return 77
    if not shutil.which("iptables"):
        print("SKIP: iptables missing")
        return 77
    try:
        stage()
        check_cli()
        check_repl()
    finally:
        cleanup()
    print(f"{'FAIL' if fails else 'PASS'}: {fails} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
