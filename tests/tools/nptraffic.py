#!/usr/bin/env python3
"""Bounded traffic generators for the scenario suite.

Every mode has a hard deadline (--deadline seconds, default 10) enforced by
SIGALRM as well as by its own loop, so a scenario can never leave traffic
running; lib.sh additionally wraps each call in timeout(1).  Run inside a
namespace with `ip netns exec NS python3 nptraffic.py MODE ...`.

Modes:
  udp-send     COUNT datagrams (or --rate per second) to DST:PORT spread over
               --duration seconds (--connect: from a connected socket, which
               gets ICMP errors back as ECONNREFUSED ...)
               (send errors such as EPERM/ENETUNREACH are counted, not fatal:
               they are part of the faults being staged)
  udp-recv     bind PORT and read everything (healthy) or, with --noread,
               never read with a small SO_RCVBUF (receive-buffer overflow)
  tcp-listen   listen on PORT and accept+drain (healthy) or, with
               --noaccept, never accept (accept-queue overflow)
  tcp-connect  COUNT non-blocking connects to DST:PORT over --duration
  tcp-send     COUNT connections to DST:PORT over --duration, each sending
               --size bytes (full-size segments: what a PMTU black hole loses)
               within --timeout seconds
  ct-invalid   open one TCP connection to DST:PORT, then send COUNT raw
               segments on its 4-tuple with sequence numbers far outside
               the window (conntrack classifies them INVALID)
"""
import argparse
import errno
import os
import random
import select
import signal
import socket
import struct
import sys
import time


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def arm_deadline(seconds):
    def expire(_sig, _frm):
        print("nptraffic: deadline reached", file=sys.stderr)
        os._exit(0)

    signal.signal(signal.SIGALRM, expire)
    signal.alarm(max(1, int(seconds + 0.999)))
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))


def paced(count, duration, deadline_at):
    """Yield COUNT times, spread evenly over DURATION seconds."""
    start = time.monotonic()
    gap = duration / count if count and duration > 0 else 0
    for i in range(count):
        if time.monotonic() >= deadline_at:
            return
        due = start + i * gap
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        yield i


def udp_send(a, deadline_at):
    fam = family(a.dst)
    s = socket.socket(fam, socket.SOCK_DGRAM)
    if a.src:
        s.bind((a.src, 0))
    if a.df:
        if fam == socket.AF_INET:
            s.setsockopt(socket.IPPROTO_IP, 10, 2)  # IP_MTU_DISCOVER = DO
        else:
            s.setsockopt(socket.IPPROTO_IPV6, 23, 2)  # IPV6_MTU_DISCOVER = DO
            s.setsockopt(socket.IPPROTO_IPV6, 62, 1)  # IPV6_DONTFRAG
    payload = b"n" * a.size
    sent = errs = 0
    last_err = ""
    if a.connect:
        s.connect((a.dst, a.port))  # errors (ICMP) come back to the socket
    for _ in paced(a.count, a.duration, deadline_at):
        try:
            if a.connect:
                s.send(payload)
            else:
                s.sendto(payload, (a.dst, a.port))
            sent += 1
        except OSError as e:
            errs += 1
            last_err = errno.errorcode.get(e.errno, str(e.errno))
    print(f"udp-send: sent={sent} errors={errs} {last_err}")


def udp_recv(a, deadline_at):
    fam = family(a.bind)
    s = socket.socket(fam, socket.SOCK_DGRAM)
    if a.noread:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, a.rcvbuf)
    s.bind((a.bind, a.port))
    print("ready", flush=True)
    got = 0
    while time.monotonic() < deadline_at:
        if a.noread:
            time.sleep(0.2)
            continue
        r, _, _ = select.select([s], [], [], 0.2)
        if r:
            s.recv(65535)
            got += 1
    print(f"udp-recv: received={got}")


def tcp_listen(a, deadline_at):
    fam = family(a.bind)
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((a.bind, a.port))
    s.listen(a.backlog)
    print("ready", flush=True)
    conns = []
    while time.monotonic() < deadline_at:
        if a.noaccept:
            time.sleep(0.2)
            continue
        r, _, _ = select.select([s] + conns, [], [], 0.2)
        for x in r:
            if x is s:
                c, _ = s.accept()
                conns.append(c)
            else:
                try:
                    data = x.recv(65535)
                except OSError:
                    data = b""
                if not data:
                    conns.remove(x)
                    x.close()
    print(f"tcp-listen: open={len(conns)}")


def tcp_connect(a, deadline_at):
    fam = family(a.dst)
    ok = fail = 0
    last_err = ""
    for _ in paced(a.count, a.duration, deadline_at):
        s = socket.socket(fam, socket.SOCK_STREAM)
        s.settimeout(a.timeout)
        try:
            s.connect((a.dst, a.port))
            if a.hold:
                a.held.append(s)
            else:
                s.close()
            ok += 1
        except OSError as e:
            fail += 1
            last_err = errno.errorcode.get(e.errno, str(e)) if e.errno else str(e)
            s.close()
    print(f"tcp-connect: ok={ok} failed={fail} {last_err}")
    while a.hold and time.monotonic() < deadline_at:
        time.sleep(0.2)


def tcp_send(a, deadline_at):
    fam = family(a.dst)
    ok = fail = 0
    last_err = ""
    payload = b"n" * a.size
    for _ in paced(a.count, a.duration, deadline_at):
        s = socket.socket(fam, socket.SOCK_STREAM)
        s.settimeout(a.timeout)
        try:
            s.connect((a.dst, a.port))
            s.sendall(payload)
            s.shutdown(socket.SHUT_WR)
            s.recv(1)  # the peer's FIN: every byte arrived and was read
            ok += 1
        except OSError as e:
            fail += 1
            last_err = errno.errorcode.get(e.errno, str(e)) if e.errno else str(e)
        finally:
            s.close()
    print(f"tcp-send: ok={ok} failed={fail} {last_err}")


def csum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def tcp_segment(src, dst, sport, dport, seq, ack, flags, fam):
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0)
    if fam == socket.AF_INET:
        pseudo = socket.inet_pton(fam, src) + socket.inet_pton(fam, dst) + struct.pack(
            "!BBH", 0, 6, len(hdr))
    else:
        pseudo = socket.inet_pton(fam, src) + socket.inet_pton(fam, dst) + struct.pack(
            "!I3xB", len(hdr), 6)
    c = csum(pseudo + hdr)
    return hdr[:16] + struct.pack("!H", c) + hdr[18:]


def ct_invalid(a, deadline_at):
    fam = family(a.dst)
    conn = socket.socket(fam, socket.SOCK_STREAM)
    conn.settimeout(2)
    conn.connect((a.dst, a.port))
    conn.sendall(b"hello")
    src, sport = conn.getsockname()[:2]
    raw = socket.socket(fam, socket.SOCK_RAW, socket.IPPROTO_TCP)
    rng = random.Random(4242)
    sent = 0
    for _ in paced(a.count, a.duration, deadline_at):
        # ACK with seq/ack ~2^31 away from anything in flight: outside every
        # window conntrack tracks for this connection.
        seq = rng.randrange(1 << 32)
        seg = tcp_segment(src, a.dst, sport, a.port, seq, (seq + (1 << 31)) & 0xFFFFFFFF,
                          0x10, fam)
        raw.sendto(seg, (a.dst, 0))
        sent += 1
    print(f"ct-invalid: sent={sent} from {src}:{sport}")
    conn.close()


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["udp-send", "udp-recv", "tcp-listen", "tcp-connect", "tcp-send",
                                    "ct-invalid"])
    p.add_argument("--dst")
    p.add_argument("--src")
    p.add_argument("--bind", default="0.0.0.0")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--rate", type=float, help="per second over --duration (sets --count)")
    p.add_argument("--duration", type=float, default=2.0)
    p.add_argument("--deadline", type=float, default=10.0)
    p.add_argument("--size", type=int, default=200)
    p.add_argument("--df", action="store_true")
    p.add_argument("--connect", action="store_true", help="udp-send: a connected socket")
    p.add_argument("--noread", action="store_true")
    p.add_argument("--rcvbuf", type=int, default=4096)
    p.add_argument("--noaccept", action="store_true")
    p.add_argument("--backlog", type=int, default=128)
    p.add_argument("--timeout", type=float, default=0.5)
    p.add_argument("--hold", action="store_true", help="tcp-connect: keep connections open")
    a = p.parse_args()
    if a.mode in ("udp-send", "tcp-connect", "tcp-send", "ct-invalid") and not a.dst:
        p.error("--dst is required")
    if a.rate:
        a.count = max(1, int(a.rate * a.duration))
    a.held = []
    a.deadline = min(a.deadline, 60.0)
    arm_deadline(a.deadline)
    deadline_at = time.monotonic() + a.deadline
    {"udp-send": udp_send, "udp-recv": udp_recv, "tcp-listen": tcp_listen,
     "tcp-connect": tcp_connect, "tcp-send": tcp_send, "ct-invalid": ct_invalid}[a.mode](a, deadline_at)


if __name__ == "__main__":
    main()
