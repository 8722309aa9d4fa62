#!/usr/bin/env python3
"""Hold N TCP sockets in the current namespace for the scale benchmarks:
N/2 loopback connections (both ends), spread over worker pairs (a server
and a client process per 9000+i port: the per-process descriptor limit
may be 20,000), plus a listener on 8080 with 5 connections (the port the
benchmark asks about).  Writes READY_FILE when every connection is up,
then holds them until SECONDS have passed or it is killed (its workers
die with it: they watch their parent).  Benchmark helper only.
Usage: ip netns exec NS python3 sock_fill.py N READY_FILE SECONDS"""
import os
import resource
import signal
import socket
import sys
import time

PER_WORKER = 8000


def hold(seconds, parent):
    end = time.time() + seconds
    while time.time() < end and os.getppid() == parent:
        time.sleep(0.5)


def pair(port, n, seconds, parent):
    """A server (this process) and a client (its child), n connections."""
    lst = socket.socket()
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind(("127.0.0.1", port))
    lst.listen(4096)
    if os.fork() == 0:
        keep = [socket.create_connection(("127.0.0.1", port)) for _ in range(n)]
        hold(seconds, os.getppid())
        os._exit(0)
    keep = [lst.accept()[0] for _ in range(n)]
    os.write(1, b"+")  # this pair is up
    hold(seconds, parent)
    os._exit(0)


def main():
    n, ready, seconds = int(sys.argv[1]) // 2, sys.argv[2], float(sys.argv[3])
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    me = os.getpid()
    r, w = os.pipe()
    workers, port = [], 9000
    while n > 0:
        k = min(n, PER_WORKER)
        pid = os.fork()
        if pid == 0:
            os.close(r)
            os.dup2(w, 1)
            pair(port, k, seconds, me)
        workers.append(pid)
        n -= k
        port += 1
    os.close(w)
    svc = socket.socket()
    svc.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    svc.bind(("127.0.0.1", 8080))
    svc.listen(128)
    keep = [socket.create_connection(("127.0.0.1", 8080)) for _ in range(5)]
    got = 0
    while got < len(workers):
        b = os.read(r, 64)
        if not b:
            sys.exit("sock_fill: a worker died")
        got += len(b)
    open(ready, "w").close()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        hold(seconds, os.getppid())
    finally:
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


if __name__ == "__main__":
    main()
