#!/usr/bin/env python3
"""Drive the netpath REPL through a real pseudo-terminal: tab completion,
Ctrl-C at the prompt and during a command, Ctrl-D, history file mode."""
import fcntl
import os
import pty
import re
import select
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


class Term:
    def __init__(self, home, term="dumb", rows=40):
        env = dict(os.environ, HOME=home, TERM=term, NO_COLOR="1", INPUTRC="/dev/null")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(NETPATH, [NETPATH], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
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

print(f"{passes} passed, {failures} failed")
sys.exit(1 if failures else 0)
