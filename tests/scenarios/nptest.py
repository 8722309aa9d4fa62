"""Shared helpers for the hardening scenario tests (bad input, privileges,
read-only guarantee, probe cleanup).  Python so that each table row is data
and cleanup is one try/finally: every namespace created through Env is
deleted on exit, failure and SIGTERM (meson's timeout) included.

NETPATH is taken from $NETPATH (sanitizer builds), then meson's
$NP_BUILD_NETPATH, then build/netpath."""
import atexit
import json
import os
import signal
import subprocess
import sys

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NETPATH = os.environ.get("NETPATH") or os.environ.get("NP_BUILD_NETPATH") or \
    os.path.join(SRC, "build", "netpath")
SKIP = 77  # meson's "skipped" exit code


def sh(*args, check=True, **kw):
    """Run a staging tool (ip, nft, ...); tests may shell out, netpath never does."""
    return subprocess.run(list(args), check=check, capture_output=True, text=True, **kw)


class Result:
    def __init__(self, argv, proc):
        self.argv = argv
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json_objects(self):
        """Each stdout line parsed (raises on invalid JSON)."""
        return [json.loads(l) for l in self.out.splitlines() if l.strip()]


def netpath(*args, input=None, timeout=60, env=None, pre=()):
    argv = list(pre) + [NETPATH] + list(args)
    p = subprocess.run(argv, input=input, capture_output=True, timeout=timeout, env=env)
    p.stdout = p.stdout.decode("utf-8", "replace") if isinstance(p.stdout, bytes) else p.stdout
    p.stderr = p.stderr.decode("utf-8", "replace") if isinstance(p.stderr, bytes) else p.stderr
    return Result(argv, p)


def commands():
    """Names of the registered commands (from `help -j`)."""
    r = netpath("-j", "-c", "help")
    return {c["name"] for c in json.loads(r.out.splitlines()[0])["commands"]}


class Env:
    """Namespaces named np-harden-<test>-<pid>-N, removed by cleanup()."""

    def __init__(self, test):
        self.prefix = "np-harden-%s-%d" % (test, os.getpid())
        self.netns = []
        self.procs = []
        atexit.register(self.cleanup)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
        signal.signal(signal.SIGINT, lambda *_: sys.exit(1))

    def ns(self, suffix):
        name = "%s-%s" % (self.prefix, suffix)
        sh("ip", "netns", "add", name)
        self.netns.append(name)
        sh("ip", "-n", name, "link", "set", "lo", "up")
        return name

    def spawn(self, argv, **kw):
        p = subprocess.Popen(argv, **kw)
        self.procs.append(p)
        return p

    def cleanup(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        self.procs = []
        for n in self.netns:
            sh("ip", "netns", "del", n, check=False)
        self.netns = []


class Report:
    """ok/fail/skip rows; finish() prints the tally and exits."""

    def __init__(self, name):
        self.name = name
        self.failed = self.passed = self.skipped = 0

    def ok(self, what):
        self.passed += 1
        print("ok    %s" % what)

    def fail(self, what, detail=""):
        self.failed += 1
        print("FAIL  %s %s" % (what, detail))

    def skip(self, what, why):
        self.skipped += 1
        print("skip  %s (%s)" % (what, why))

    def check(self, cond, what, detail=""):
        (self.ok(what) if cond else self.fail(what, detail))
        return cond

    def finish(self):
        print("%s: %d passed, %d failed, %d skipped" %
              (self.name, self.passed, self.failed, self.skipped))
        if self.failed:
            sys.exit(1)
        if not self.passed:
            sys.exit(SKIP)
        sys.exit(0)


def need_root():
    if os.geteuid() != 0:
        print("needs root (network namespaces)")
        sys.exit(SKIP)


NETPATH_CODES = (0, 1, 2, 3, 64)  # Nagios statuses and usage


def crashed(rc):
    """Anything but netpath's documented statuses: a signal (rc < 0), a
    sanitizer report (tests/sanitize.sh sets exitcode=86), a hang's kill."""
    return rc not in NETPATH_CODES


# A value for each parameter type, for playbooks whose parameters are required.
PARAM_VALUES = {"port": "22", "addr": "127.0.0.1", "iface": "lo", "proto": "tcp", "seconds": "1",
                "uint": "1"}


def required_params(name):
    """ key=value for the required parameters of a playbook (from its text)."""
    r = netpath("-j", "-c", "show playbook " + name)
    try:
        text = json.loads(r.out.splitlines()[0]).get("text", "")
    except (ValueError, IndexError):
        return ""
    args = ""
    for line in text.splitlines():
        w = line.split()
        if len(w) >= 3 and w[0] == "param" and not {"optional", "default", "from"} & set(w):
            args += " %s=%s" % (w[1], PARAM_VALUES.get(w[2], "1"))
    return args
