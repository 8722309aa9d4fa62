#!/usr/bin/env python3
"""Record real netlink messages from this kernel as seeds for fuzz_netlink
(corpus/netlink/): one message per file, prefixed with the selector byte
fuzz_netlink.c switches on.  Run as root on a host with some links, qdiscs,
sockets and conntrack entries; re-run when a parser learns new attributes.

usage: record_netlink.py OUTDIR
       record_netlink.py --conn DST OUTFILE
The second form records the TCP sockets of this namespace connected to DST
(with tcp_info and meminfo, as the conn[DST] facts ask for them), one hex
line per message: run it inside a scratch namespace while a connect to DST
is blocked (the unit test's fixture of a SYN-SENT socket)."""
import os
import socket
import struct
import sys

NLM_F_REQUEST, NLM_F_DUMP = 1, 0x300
RTM_GETLINK, RTM_GETQDISC = 18, 38
SOCK_DIAG_BY_FAMILY = 20
NFNL_SUBSYS_CTNETLINK = 1
IPCTNL_MSG_CT_GET, IPCTNL_MSG_CT_GET_STATS_CPU, IPCTNL_MSG_CT_GET_STATS = 1, 4, 5


def dump(proto, msgtype, payload):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, proto)
    s.settimeout(1)
    s.bind((0, 0))
    hdr = struct.pack("=IHHII", 16 + len(payload), msgtype, NLM_F_REQUEST | NLM_F_DUMP, 1, 0)
    s.send(hdr + payload)
    msgs = []
    while True:
        try:
            data = s.recv(1 << 16)
        except socket.timeout:  # a non-dump reply (CT_GET_STATS) has no DONE
            s.close()
            return msgs
        off = 0
        while off + 16 <= len(data):
            ln, typ = struct.unpack_from("=IH", data, off)
            if typ in (2, 3):  # NLMSG_ERROR, NLMSG_DONE
                s.close()
                return msgs
            msgs.append(data[off:off + ln])
            off += (ln + 3) & ~3


def record_conn(dst, outfile):
    fam = socket.AF_INET6 if ":" in dst else socket.AF_INET
    ext = (1 << (2 - 1)) | (1 << (7 - 1))  # INET_DIAG_INFO, INET_DIAG_SKMEMINFO
    # inet_diag_req_v2: family, protocol, ext, pad, states (all but LISTEN), sockid.
    req = struct.pack("=BBBxI", fam, socket.IPPROTO_TCP, ext, 0xfff & ~(1 << 10)) + bytes(48)
    want = socket.inet_pton(fam, dst)
    with open(outfile, "w") as f:
        for m in dump(4, SOCK_DIAG_BY_FAMILY, req):  # NETLINK_SOCK_DIAG
            # inet_diag_msg: family, state, timer, retrans, then the sockid
            # (sport, dport, src[16], dst[16]) at offset 16 + 4.
            if m[16 + 4 + 4 + 16:16 + 4 + 4 + 16 + len(want)] == want:
                f.write(m.hex() + "\n")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--conn":
        record_conn(sys.argv[2], sys.argv[3])
        return
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    sets = [
        (0, dump(socket.NETLINK_ROUTE, RTM_GETLINK, struct.pack("=BxHiII", 0, 0, 0, 0, 0))),
        (1, dump(socket.NETLINK_ROUTE, RTM_GETQDISC, struct.pack("=BxxxiIII", 0, 0, 0, 0, 0))),
    ]
    for sel, proto in ((2, socket.IPPROTO_TCP), (3, socket.IPPROTO_UDP)):
        req = struct.pack("=BBBxI", socket.AF_INET, proto, 0, 0xffffffff) + bytes(48)
        sets.append((sel, dump(4, SOCK_DIAG_BY_FAMILY, req)))  # NETLINK_SOCK_DIAG
    nfgen = struct.pack("=BBH", socket.AF_UNSPEC, 0, 0)
    for sel, msg in ((4, IPCTNL_MSG_CT_GET_STATS_CPU), (5, IPCTNL_MSG_CT_GET_STATS),
                     (6, IPCTNL_MSG_CT_GET)):
        try:
            sets.append((sel, dump(12, (NFNL_SUBSYS_CTNETLINK << 8) | msg, nfgen)))
        except OSError as e:
            print("ctnetlink %d: %s" % (msg, e), file=sys.stderr)
    for sel, msgs in sets:
        for i, m in enumerate(msgs[:4]):
            with open(os.path.join(out, "rec-%d-%d" % (sel, i)), "wb") as f:
                f.write(bytes([sel]) + m)
    print("wrote", sum(min(len(m), 4) for _, m in sets), "messages")


if __name__ == "__main__":
    main()
