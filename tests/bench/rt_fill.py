#!/usr/bin/env python3
"""Fill the current namespace's FIB and neighbour table fast, for the scale
benchmarks: N /32 routes in 100.64.0.0/10 via GW on DEV (proto static,
main table) and M permanent neighbours in NEIGH_NET/16 on DEV, sent as
batched rtnetlink requests (RTM_NEWROUTE, RTM_NEWNEIGH), an ack asked for
every 512th message only: `ip -batch` waits for one ack per line (about a
minute for a million routes), this takes seconds.  Benchmark helper only.
Usage: ip netns exec NS python3 rt_fill.py ROUTES GW DEV NEIGHS NEIGH_NET"""
import socket
import struct
import sys

RTM_NEWROUTE, RTM_NEWNEIGH = 24, 28
NLM_F_REQUEST, NLM_F_ACK, NLM_F_EXCL, NLM_F_CREATE = 1, 4, 0x200, 0x400
RTA_DST, RTA_OIF, RTA_GATEWAY = 1, 4, 5
NDA_DST, NDA_LLADDR = 1, 2
RT_TABLE_MAIN, RTPROT_STATIC, RT_SCOPE_UNIVERSE, RTN_UNICAST = 254, 4, 0, 1
NUD_PERMANENT = 0x80
BATCH = 512


def attr(t, payload):
    return struct.pack("=HH", 4 + len(payload), t) + payload + b"\0" * ((4 - len(payload) % 4) % 4)


def msg(mtype, seq, body):
    flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | (NLM_F_ACK if seq % BATCH == 0 else 0)
    return struct.pack("=IHHII", 16 + len(body), mtype, flags, seq, 0) + body


def route(seq, addr, gw, oif):
    rtm = struct.pack("=BBBBBBBBI", socket.AF_INET, 32, 0, 0, RT_TABLE_MAIN, RTPROT_STATIC,
                      RT_SCOPE_UNIVERSE, RTN_UNICAST, 0)
    return msg(RTM_NEWROUTE, seq, rtm + attr(RTA_DST, struct.pack("!I", addr)) +
               attr(RTA_GATEWAY, gw) + attr(RTA_OIF, struct.pack("=I", oif)))


def neigh(seq, addr, oif, i):
    ndm = struct.pack("=BBHiHBB", socket.AF_INET, 0, 0, oif, NUD_PERMANENT, 0, 1)
    mac = bytes([2, 0, 0, (i >> 16) & 255, (i >> 8) & 255, i & 255])
    return msg(RTM_NEWNEIGH, seq, ndm + attr(NDA_DST, struct.pack("!I", addr)) + attr(NDA_LLADDR, mac))


def drain(s):
    """Read the acks (and any error) so the receive buffer never fills."""
    s.setblocking(False)
    try:
        while True:
            data = s.recv(1 << 16)
            off = 0
            while off + 20 <= len(data):
                ln, typ = struct.unpack_from("=IH", data, off)
                err = struct.unpack_from("=i", data, off + 16)[0]
                if typ == 2 and err:  # NLMSG_ERROR with an errno
                    sys.exit("rt_fill: kernel said %s" % socket.errno.errorcode.get(-err, err))
                off += (ln + 3) & ~3
    except BlockingIOError:
        pass
    s.setblocking(True)


def send_all(s, msgs):
    batch = []
    for m in msgs:
        batch.append(m)
        if len(batch) == BATCH:
            s.send(b"".join(batch))
            batch = []
            drain(s)
    if batch:
        s.send(b"".join(batch))
    drain(s)


def main():
    routes, gw, dev, neighs, nnet = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    oif = socket.if_nametoindex(dev)
    gwb = socket.inet_aton(gw)
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    s.bind((0, 0))
    base = (100 << 24) | (64 << 16)
    send_all(s, (route(i + 1, base + i, gwb, oif) for i in range(routes)))
    nbase = struct.unpack("!I", socket.inet_aton(nnet))[0]
    send_all(s, (neigh(routes + i + 1, nbase + 10 + i, oif, i) for i in range(neighs)))


if __name__ == "__main__":
    main()
