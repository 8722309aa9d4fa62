#!/usr/bin/env python3
"""Fill the current namespace's conntrack table with N TCP TIME_WAIT entries
through ctnetlink (IPCTNL_MSG_CT_NEW), batched: conntrack(8) -I needs one
process per entry, far too slow for 100,000.  Benchmark helper only.
Entries live TIMEOUT seconds (600 by default): longer than the bench.
Usage: ip netns exec NS python3 ct_fill.py N [TIMEOUT]"""
import socket
import struct
import sys

NETLINK_NETFILTER = 12
NLM_F_REQUEST, NLM_F_ACK, NLM_F_EXCL, NLM_F_CREATE = 1, 4, 0x200, 0x400
NLA_F_NESTED = 0x8000
CT_NEW = (1 << 8) | 0  # NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_NEW


def attr(t, payload):
    hdr = struct.pack("=HH", 4 + len(payload), t)
    pad = b"\0" * ((4 - len(payload) % 4) % 4)
    return hdr + payload + pad


def nest(t, *parts):
    return attr(t | NLA_F_NESTED, b"".join(parts))


def tuple_(t, src, dst, sport, dport):
    return nest(t,
                nest(1, attr(1, src), attr(2, dst)),  # CTA_TUPLE_IP: V4_SRC, V4_DST
                nest(2, attr(1, b"\x06"),              # CTA_TUPLE_PROTO: PROTO_NUM tcp
                     attr(2, struct.pack("!H", sport)), attr(3, struct.pack("!H", dport))))


def entry(i, seq, timeout):
    src = struct.pack("!I", (10 << 24) | (i + 1))
    dst = socket.inet_aton("10.255.0.1")
    body = (tuple_(1, src, dst, 1024 + (i % 50000), 80) +
            tuple_(2, dst, src, 80, 1024 + (i % 50000)) +
            attr(7, struct.pack("!I", timeout)) +                 # CTA_TIMEOUT
            nest(4, nest(1, attr(1, b"\x07"))))               # PROTOINFO_TCP_STATE TIME_WAIT
    nfg = struct.pack("=BBH", socket.AF_INET, 0, 0)
    flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | (NLM_F_ACK if seq % 256 == 0 else 0)
    payload = nfg + body
    return struct.pack("=IHHII", 16 + len(payload), CT_NEW, flags, seq, 0) + payload


def main():
    n = int(sys.argv[1])
    timeout = int(sys.argv[2]) if len(sys.argv) > 2 else 600
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    s.bind((0, 0))
    batch = []
    for i in range(n):
        batch.append(entry(i, i, timeout))
        if len(batch) == 256 or i == n - 1:
            s.send(b"".join(batch))
            batch = []
            # Drain acks/errors so the socket buffer never fills.
            s.setblocking(False)
            try:
                while True:
                    s.recv(65536)
            except BlockingIOError:
                pass
            s.setblocking(True)


if __name__ == "__main__":
    main()
