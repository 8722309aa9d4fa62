#!/usr/bin/env python3
"""Drive the netpath REPL through a real pseudo-terminal: tab completion,
Ctrl-C at the prompt and during a command, Ctrl-D, history file mode."""
import fcntl
import os
import pty
import re
import select
import signal
import stat
import struct
import sys
import termios
import tempfile
import time

NETPATH = sys.argv[1]
failures = 0
passes = 0


def check(cond, what):
    global failures, passes
    if cond:
        passes += 1
    else:
        failures += 1
        print(f"FAIL: {what}", file=sys.stderr)


SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Term:
    def __init__(self, home, term="dumb", rows=40, env_extra=None, cols=100):
        env = dict(os.environ, HOME=home, TERM=term, NO_COLOR="1", INPUTRC="/dev/null",
                   NETPATH_PLAYBOOKS=os.path.join(SRC, "playbooks"), PAGER="cat")
        env.update(env_extra or {})
        env = {k: v for k, v in env.items() if v is not None}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(NETPATH, [NETPATH], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.buf = b""

    def read_until(self, token, timeout=5.0):
        end = time.time() + timeout
        while token.encode() not in self.buf:
            left = end - time.time()
            if left <= 0:
                return False
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:
                    return False
                if not data:
                    return False
                self.buf += data
        return True

    def send(self, s):
        os.write(self.fd, s.encode())

    def take(self):
        out, self.buf = self.buf.decode(errors="replace"), b""
        return out

    def wait(self, timeout=5.0):
        end = time.time() + timeout
        while time.time() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            try:
                os.read(self.fd, 4096)
            except OSError:
                pass
            time.sleep(0.05)
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)
        return None


with tempfile.TemporaryDirectory() as home:
    t = Term(home)
    check(t.read_until("netpath> "), "first prompt")
    t.take()

    # Command completion: "hel<TAB>" -> "help "
    t.send("hel\t")
    check(t.read_until("help "), "tab completes a command name")
    t.send("\n")
    check(t.read_until("netpath> "), "prompt after help")
    out = t.take()
    check("COMMAND" in out and "get" in out, "help lists commands")

    # Argument completion by type: help's COMMAND argument
    t.send("help netn\t")  # "ne" is ambiguous since neigh exists
    check(t.read_until("netns "), "tab completes a typed argument")
    t.send("\n")
    check(t.read_until("netpath> "), "prompt after help netns")
    check("switch the network namespace" in t.take(), "help CMD prints the summary")

    # Fact-name completion inside brackets keeps going without a space
    t.send("get sysctl[net.core.somax\t")
    check(t.read_until("sysctl[net.core.somaxconn]"), "fact completion")
    t.send("\n")
    check(t.read_until("netpath> "), "prompt after get")
    out = t.take()
    check(any(line.strip().isdigit() for line in out.splitlines()), "get prints a number")

    # A namespace spec kind continues without a space: "netns pi<TAB>" -> "pid:"
    t.send("netns pi\t")
    check(t.read_until("netns pid:"), "tab completes a netns spec kind")
    time.sleep(0.2)
    t.read_until("never", timeout=0.2)
    check("pid: " not in t.take(), "no space after pid:")
    t.send("\x15\n")  # Ctrl-U: drop the half-typed line
    check(t.read_until("netpath> "), "prompt after a discarded spec")
    t.take()

    # The prompt names an unnamed namespace (root: a process in its own netns)
    if os.geteuid() == 0 and os.path.exists("/usr/bin/unshare"):
        import subprocess
        sl = subprocess.Popen(["unshare", "-n", "sleep", "20"])
        try:
            time.sleep(0.3)
            t.send(f"netns pid:{sl.pid}\n")
            check(t.read_until(f"netpath[pid:{sl.pid}]> "), "prompt shows pid:PID")
            t.send("netns -\n")
            check(t.read_until("netpath> "), "netns - returns to the plain prompt")
            t.take()
        finally:
            sl.kill()
            sl.wait()

    # Ctrl-C at the prompt discards the line and keeps the shell alive
    t.send("half typed line")
    time.sleep(0.2)
    t.send("\x03")
    check(t.read_until("netpath> "), "Ctrl-C at the prompt gives a new prompt")
    t.take()
    t.send("netns\n")
    check(t.read_until("netpath> "), "shell still works after Ctrl-C")
    out = t.take()
    check("half typed" not in out.split("netns")[-1], "discarded line not executed")

    # Errors do not end the session
    t.send("nosuchcommand\n")
    check(t.read_until("netpath> "), "prompt after an unknown command")
    check("unknown command" in t.take(), "unknown command reported")

    # Ctrl-D exits cleanly
    t.send("\x04")
    code = t.wait()
    check(code is not None, "Ctrl-D exits")

    hist = os.path.join(home, ".netpath_history")
    check(os.path.exists(hist), "history file written")
    if os.path.exists(hist):
        mode = stat.S_IMODE(os.stat(hist).st_mode)
        check(mode == 0o600, f"history mode 0600 (got {oct(mode)})")
        with open(hist) as f:
            check("help netns" in f.read(), "history holds the commands")

    # History is read back by the next session: Up arrow recalls it
    t = Term(home)
    check(t.read_until("netpath> "), "second session prompt")
    t.take()
    t.send("\x1b[A")
    check(t.read_until("nosuchcommand"), "up arrow recalls the last command")
    t.send("\x15\x04")
    t.wait()

# The live walk: on a terminal that can move the cursor, the layers are
# listed as pending when the window starts (before it ends), then the
# report climbs back over them and prints each layer's result in place.
with tempfile.TemporaryDirectory() as home:
    t = Term(home, term="xterm")
    check(t.read_until("netpath> "), "prompt (xterm)")
    t.take()
    t.send("run softirq window=2\n")
    check(t.read_until("observing:"), "countdown during the window")
    during = t.take()
    check("(observing 2.0s)" in during, "walk header printed when the window starts")
    pending = [l for l in during.splitlines() if re.match(r"^  softirq +\.\.\. ", l)]
    check(len(pending) == 1, "softirq layer pending during the window")
    check("verdict:" not in during, "no verdict before the window ends")
    check(t.read_until("netpath> ", timeout=10), "prompt after the run")
    after = t.take()
    nlines = during.count("\n") - 1  # header + layers, not the echoed command
    m = re.search(r"\x1b\[(\d+)A\r\x1b\[J", after)
    check(m is not None, "report rewinds over the pending walk")
    check(m is not None and int(m.group(1)) == nlines,
          f"rewinds exactly the pending lines ({m.group(1) if m else None} vs {nlines})")
    check(re.search(r"^  softirq +(ok|warn|CRIT|skip) ", after, re.M) is not None,
          "softirq layer result printed over its pending line")
    check("verdict:" in after, "verdict after the window")
    t.send("\x04")
    t.wait()



def screen(data, cols):
    """The rows a terminal `cols` wide shows after `data`: printable
    characters with xterm's deferred autowrap, CR, LF, and the escapes the
    live walk uses (cursor up, erase below, erase line); other escapes
    (colours, readline's modes) are skipped.  Rows never scroll away."""
    rows, r, c, wrap = [[]], 0, 0, False
    text = data.decode(errors="replace")
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\x1b":
            m = re.match(r"\x1b\[([0-9;?]*)([A-Za-z])", text[i:]) or \
                re.match(r"\x1b.", text[i:])
            seq = m.group(0)
            i += len(seq)
            if len(seq) > 2 and seq[-1] == "A":
                r = max(0, r - int(m.group(1) or 1))
                wrap = False
            elif len(seq) > 2 and seq[-1] == "J":
                del rows[r + 1:]
                del rows[r][c:]
            elif len(seq) > 2 and seq[-1] == "K":
                del rows[r][c:]
            continue
        i += 1
        if ch == "\r":
            c, wrap = 0, False
        elif ch == "\n":
            r, wrap = r + 1, False
        elif ch == "\b":
            c = max(0, c - 1)
        elif ch >= " ":
            if wrap:
                r, c, wrap = r + 1, 0, False
            while len(rows) <= r:
                rows.append([])
            row = rows[r]
            row.extend(" " * (c + 1 - len(row)))
            row[c] = ch
            if c == cols - 1:
                wrap = True
            else:
                c += 1
        while len(rows) <= r:
            rows.append([])
    return ["".join(x).rstrip() for x in rows]


# On a narrow terminal the pending lines wrap: the report must climb every
# row they took, so the final screen has each layer once and nothing of
# the pending walk or the countdown left over.
with tempfile.TemporaryDirectory() as home:
    t = Term(home, term="xterm", cols=40)
    check(t.read_until("netpath> "), "prompt (xterm, 40 columns)")
    t.take()
    t.send("run rx window=2\n")
    check(t.read_until("observing", timeout=10), "countdown (40 columns)")
    check(t.read_until("netpath> ", timeout=15), "prompt after the run (40 columns)")
    rows = screen(t.buf, 40)
    walk = "".join(rows)  # what wrapped, joined back
    # The header breaks between words at the width ("(observed" / "2.0s)").
    check(len(re.findall(r"\(observed\s+2\.0s\)", "\n".join(rows))) == 1 and "(observing" not in walk,
          "narrow terminal: the header is rewritten in place")
    check("watching" not in walk and "state, read when" not in walk and "..." not in walk,
          "narrow terminal: no pending line left over")
    check("left (Ctrl-C" not in walk and "s left" not in walk, "narrow terminal: no countdown left")
    for layer in ("link", "netfilter", "socket"):
        n = len([x for x in rows if re.match(r"^  %s +(ok|warn|CRIT|skip)\b" % layer, x)])
        check(n == 1, f"narrow terminal: the {layer} layer once ({n})")
    check(any(x.startswith("verdict:") for x in rows), "narrow terminal: verdict shown")
    check(all(len(x) <= 40 for x in rows), "screen model keeps 40 columns")
    t.send("\x04")
    t.wait()

# Tables fit a narrow terminal: columns hidden by priority with a note
# that says which, long cells cut with an ellipsis; nothing wraps.
with tempfile.TemporaryDirectory() as home:
    t = Term(home, cols=80, rows=200)
    check(t.read_until("netpath> "), "prompt (80 columns)")
    t.take()
    for cmd, note in (("playbooks", "hidden: SOURCE"), ("sysctl", "hidden: SANE"),
                      ("facts", None), ("help", None), ("sockets -p", "hidden: PROCESS")):
        t.send(cmd + "\n")
        check(t.read_until("netpath> ", timeout=10), f"{cmd} (80 columns) finishes")
        out = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", t.take())
        rows = [x for x in out.split("\r\n")[1:-1]]
        wide = [x for x in rows if len(x) > 80]
        check(not wide, f"{cmd}: every line fits 80 columns ({wide[:1]})")
        if note:
            check(any(x.startswith(note) and x.endswith("-j has them") or
                      x.startswith(note) and x.endswith("-j has it") for x in rows),
                  f"{cmd}: '{note} ...; -j has ...' says what is hidden")
    t.send("\x04")
    t.wait()

# Too few rows for the walk, or TERM=dumb: no cursor movement at all.
for term, rows in (("xterm", 4), ("dumb", 40)):
    with tempfile.TemporaryDirectory() as home:
        t = Term(home, term=term, rows=rows)
        check(t.read_until("netpath> "), f"prompt ({term}, {rows} rows)")
        t.take()
        t.send("run softirq window=1\n")
        check(t.read_until("netpath> ", timeout=10), f"run finishes ({term}, {rows} rows)")
        out = t.take()
        check("\x1b[J" not in out and "..." not in out,
              f"no live walk when it cannot be redrawn ({term}, {rows} rows)")
        check("verdict:" in out, f"verdict printed ({term}, {rows} rows)")
        t.send("\x04")
        t.wait()


def session(home, **kw):
    t = Term(home, **kw)
    check(t.read_until("netpath> "), "prompt")
    t.take()
    return t


def run(t, line, timeout=10):
    """Send a line, return what came back up to the next prompt."""
    t.send(line + "\n")
    ok = t.read_until("netpath> ", timeout=timeout)
    return t.take() if ok else "(no prompt) " + t.take()


def clear_line(t):
    """Ctrl-U, and drop the redraw (it may repeat the prompt)."""
    t.send("\x15")
    time.sleep(0.3)
    t.read_until("\x00", timeout=0.2)
    t.take()


def bye(t):
    t.send("\x15\x04")
    return t.wait()


# vtysh habits: ? shows what fits where the cursor is, without running.
with tempfile.TemporaryDirectory() as home:
    t = session(home)
    t.send("?")
    check(t.read_until("netpath> "), "? at an empty line gives the prompt back")
    out = t.take()
    check(re.search(r"^  sockets +sockets with queues", out, re.M) is not None,
          "? lists the commands with their summaries")
    t.send("sock?")
    check(t.read_until("netpath> sock"), "? keeps the partial line")
    out = t.take()
    check("sockets" in out and "softnet" not in out, "sock? lists what starts with sock")
    t.send("\x15probe drops 3 dev ?")
    check(t.read_until("netpath> probe drops 3 dev "), "? mid-command keeps the line")
    out = t.take()
    check(re.search(r"values:.*\blo\b", out) is not None, "probe ... dev ? offers interfaces")
    clear_line(t)
    out = run(t, "probe drops 3 help")
    check("[SECONDS] [FILTER]" in out and "drops," not in out,
          "a trailing `help` shows the position's help instead of running")
    # ? inside a word the tokenizer cannot end is typed, not help
    t.send("\x15get 'a?")
    check(t.read_until("get 'a?"), "? inside quotes is a character")
    clear_line(t)
    # unique prefixes, ambiguous ones, ranked suggestions
    out = run(t, "sock tcp")
    check("PROTO" in out and "error" not in out, "`sock tcp` runs sockets")
    out = run(t, "help neig")
    check("usage: neigh" in out, "help takes a command prefix")
    out = run(t, "ne")
    check("'ne' is ambiguous: neigh netns" in out, "an ambiguous prefix lists the choices")
    out = run(t, "sokets")
    check("did you mean `sockets`?" in out and "softnet" not in out,
          "suggestion ranked by edit distance")
    out = run(t, "sockets state est")
    check("PROTO" in out, "keyword values take unique prefixes")
    # completion: filter-word values by type, every sysctl key in a fact
    t.send("probe drops 3 dev l\t")
    check(t.read_until("dev lo "), "probe drops 3 dev <Tab> completes interfaces")
    clear_line(t)
    t.send("get sysctl[net.ipv4.tcp_fin_timeo\t")
    check(t.read_until("sysctl[net.ipv4.tcp_fin_timeout]"),
          "get sysctl[<Tab> offers every sysctl key")
    clear_line(t)
    out = run(t, "set dev nosuchdev0")
    check("no such interface" in out, "set dev is checked against the namespace")
    out = run(t, "set")
    check(re.search(r"^dev +-", out, re.M) is not None, "a refused dev is not kept")
    out = run(t, "help run rx")
    check("PARAMETER" in out and re.search(r"^port +port", out, re.M) is not None,
          "help run rx lists the playbook's parameters")
    out = run(t, "clear")
    check("\x1b[H\x1b[2J" in out, "clear clears the screen")
    bye(t)

# | include / exclude / count and the pager (a recognisable fake pager).
with tempfile.TemporaryDirectory() as home:
    t = session(home, rows=12, env_extra={"PAGER": "sed s/^/PAGED:/"})
    out = run(t, "help")
    check(out.count("PAGED:") > 20, "output taller than the screen goes through $PAGER")
    out = run(t, "get sysctl[net.core.somaxconn]")
    check("PAGED:" not in out, "output that fits is not paged")
    out = run(t, "help | include ^s")
    lines = [l for l in out.splitlines()[1:-1] if l.strip()]
    check(lines and all(l.startswith("s") for l in lines) and "PAGED:" not in out,
          "| include RE keeps the matching lines")
    out = run(t, "help | exclude . | count")
    check(re.search(r"^\d+\r?$", out, re.M) is not None, "| count prints a number")
    out = run(t, "help | include (")
    check("netpath:" in out and "PROTO" not in out, "a bad RE is one error")
    run(t, "set pager off")
    out = run(t, "help")
    check("PAGED:" not in out and "sockets" in out, "set pager off: no pager")
    bye(t)

# Colour: a terminal that has it, and nobody saying no (no-color.org).
for term, nocolor, want in (("xterm", None, True), ("xterm", "", True),
                            ("xterm", "1", False), ("dumb", None, False)):
    with tempfile.TemporaryDirectory() as home:
        t = session(home, term=term, env_extra={"NO_COLOR": nocolor})
        out = run(t, "help")
        check(("\x1b[1m" in out) == want, f"colour {want} for TERM={term} NO_COLOR={nocolor!r}")
        bye(t)

# History: never through a symlink (sudo -E), nor another user's file.
with tempfile.TemporaryDirectory() as home:
    target = os.path.join(home, "target")
    with open(target, "w") as f:
        f.write("precious\n")
    os.chmod(target, 0o644)
    os.symlink(target, os.path.join(home, ".netpath_history"))
    t = Term(home)
    check(t.read_until("netpath> "), "prompt with a symlinked history")
    out = t.take()
    check("history:" in out and "symlink" in out, "a symlinked history file is refused, said once")
    run(t, "netns")
    bye(t)
    check(stat.S_IMODE(os.stat(target).st_mode) == 0o644, "symlink target not chmod'ed")
    with open(target) as f:
        check(f.read() == "precious\n", "symlink target not written")
if os.geteuid() == 0:
    with tempfile.TemporaryDirectory() as home:
        hist = os.path.join(home, ".netpath_history")
        with open(hist, "w") as f:
            f.write("help\n")
        os.chown(hist, 65534, 65534)
        t = Term(home)
        check(t.read_until("netpath> "), "prompt with another user's history")
        check("owned by uid 65534" in t.take(), "another user's history file is refused")
        bye(t)
        check(os.stat(hist).st_uid == 65534 and open(hist).read() == "help\n",
              "another user's history untouched")
had_root_hist = os.path.exists("/.netpath_history")
for home in ("", None):
    t = Term("/tmp", env_extra={"HOME": home})
    check(t.read_until("netpath> "), f"prompt with HOME={home!r}")
    t.take()
    run(t, "netns")
    bye(t)
    check(had_root_hist or not os.path.exists("/.netpath_history"),
          f"HOME={home!r}: no /.netpath_history")

# SIGTERM/SIGHUP: at the prompt the session ends; during a command the
# command finishes its output first.
for sig in (signal.SIGTERM, signal.SIGHUP):
    with tempfile.TemporaryDirectory() as home:
        t = session(home)
        run(t, "netns")
        os.kill(t.pid, sig)
        code = t.wait(timeout=5)
        check(code == 0, f"{sig.name} at the prompt ends the session (exit {code})")
        check(os.path.exists(os.path.join(home, ".netpath_history")),
              f"{sig.name}: history saved")
with tempfile.TemporaryDirectory() as home:
    t = session(home)
    t.send("run softirq window=5\n")
    time.sleep(1.0)
    t0 = time.time()
    os.kill(t.pid, signal.SIGTERM)
    check(t.read_until("verdict:", timeout=5), "SIGTERM mid-run: the verdict is still printed")
    code = t.wait(timeout=5)
    check(code is not None and time.time() - t0 < 4, "SIGTERM mid-run: the session ends")

print(f"{passes} passed, {failures} failed")
sys.exit(1 if failures else 0)
