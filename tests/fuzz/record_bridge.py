#!/usr/bin/env python3
"""Record the rtnetlink replies netpath's bridge and veth readers parse, from
this kernel, in a scratch topology: the unit-test fixtures
(tests/unit/fixtures_bridge.h) and the seeds of fuzz_bridgemsg
(tests/fuzz/corpus/bridgemsg/, one message per file after a selector byte).

Topology (namespaces np-recbr-h-PID and np-recbr-a-PID, deleted on exit):
  h: br0 (stp 0, nf_call_iptables 1 on the bridge itself)
     vrecA  port, its veth peer eth0 in a
     vrecB  port, state disabled (set by hand: with STP off the kernel puts a
            blocking port back to forwarding), learning off; its peer vrecBp in h
     FDB: 02:00:00:00:0b:02 static on vrecB, 02:00:00:00:0a:09 dynamic on
     vrecA, plus the local entries the kernel adds itself.
The test VM's kernel has no CONFIG_BRIDGE_VLAN_FILTERING: VLAN attributes
are covered by messages the unit test builds (test_bridge.c).
Needs root, ip(8) and bridge(8).  Re-run when a parser learns attributes:

    sudo tests/fuzz/record_bridge.py tests/unit/fixtures_bridge.h tests/fuzz/corpus/bridgemsg
"""
import ctypes
import os
import socket
import struct
import subprocess
import sys
import time

NLM_F_REQUEST, NLM_F_DUMP = 1, 0x300
RTM_GETLINK, RTM_GETNEIGH = 18, 30
IFLA_IFNAME, IFLA_EXT_MASK = 3, 29
NDA_MASTER = 9
RTEXT_FILTER_BRVLAN_COMPRESSED = 1 << 2
AF_BRIDGE = 7
CLONE_NEWNET = 0x40000000


def run(*argv):
    subprocess.run(argv, check=True)


def attr(kind, payload):
    ln = 4 + len(payload)
    return struct.pack("=HH", ln, kind) + payload + bytes((4 - ln % 4) % 4)


def request(msgtype, flags, payload):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    s.settimeout(1)
    s.bind((0, 0))
    s.send(struct.pack("=IHHII", 16 + len(payload), msgtype, NLM_F_REQUEST | flags, 1, 0) +
           payload)
    msgs = []
    while True:
        try:
            data = s.recv(1 << 16)
        except socket.timeout:
            break
        off, done = 0, False
        while off + 16 <= len(data):
            ln, typ = struct.unpack_from("=IH", data, off)
            if typ in (2, 3):  # NLMSG_ERROR (the ack of a get), NLMSG_DONE
                done = True
                break
            msgs.append(data[off:off + ln])
            off += (ln + 3) & ~3
        if done or not flags & NLM_F_DUMP:
            break
    s.close()
    return msgs


def getlink(name, ext=0):
    body = struct.pack("=BxHiII", 0, 0, 0, 0, 0) + attr(IFLA_IFNAME, name.encode() + b"\0")
    if ext:
        body += attr(IFLA_EXT_MASK, struct.pack("=I", ext))
    return request(RTM_GETLINK, 0, body)[0]


def stage(h, a):
    for ns in (h, a):
        run("ip", "netns", "add", ns)
    x = ["ip", "-n", h]
    run(*x, "link", "add", "br0", "type", "bridge", "stp_state", "0", "nf_call_iptables", "1")
    run(*x, "link", "set", "br0", "address", "02:00:00:00:00:01")
    run(*x, "link", "add", "vrecA", "address", "02:00:00:00:0a:01", "type", "veth", "peer",
        "name", "eth0", "address", "02:00:00:00:0a:02", "netns", a)
    run(*x, "link", "add", "vrecB", "address", "02:00:00:00:0b:01", "type", "veth", "peer",
        "name", "vrecBp", "address", "02:00:00:00:0b:02")
    for dev in ("vrecA", "vrecB"):
        run(*x, "link", "set", dev, "master", "br0")
    for dev in ("br0", "vrecA", "vrecB", "vrecBp"):
        run(*x, "link", "set", dev, "up")
    run("ip", "-n", a, "link", "set", "eth0", "up")
    b = ["ip", "netns", "exec", h, "bridge"]
    # A port whose carrier comes up is put back to forwarding by the
    # kernel (STP off): set the state once the veth carriers have settled.
    time.sleep(0.5)
    run(*b, "link", "set", "dev", "vrecB", "state", "0", "learning", "off")
    run(*b, "fdb", "replace", "02:00:00:00:0b:02", "dev", "vrecB", "master", "static")
    run(*b, "fdb", "replace", "02:00:00:00:0a:09", "dev", "vrecA", "master", "dynamic")


def enter(ns):
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open("/run/netns/" + ns, os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns " + ns)
    os.close(fd)


def record():
    """Every message, by selector (fuzz_bridgemsg switches on it)."""
    br = getlink("br0")
    ifindex = struct.unpack_from("=i", br, 20)[0]
    ports = request(RTM_GETLINK, NLM_F_DUMP,
                    struct.pack("=BxHiII", AF_BRIDGE, 0, 0, 0, 0) +
                    attr(IFLA_EXT_MASK, struct.pack("=I", RTEXT_FILTER_BRVLAN_COMPRESSED)))
    fdb = request(RTM_GETNEIGH, NLM_F_DUMP,
                  struct.pack("=BxxxiHBB", AF_BRIDGE, 0, 0, 0, 0) +
                  attr(NDA_MASTER, struct.pack("=I", ifindex)))
    return {
        "br0": (0, br),
        "ports": (1, ports),
        "fdb": (2, fdb),
        "veth_other_ns": (3, getlink("vrecA")),
        "veth_same_ns": (3, getlink("vrecB")),
    }


def hexlines(msg):
    h = msg.hex()
    return "\n".join('\t"%s"' % h[i:i + 96] for i in range(0, len(h), 96))


def write(fixtures, corpus, rec):
    os.makedirs(corpus, exist_ok=True)
    out = ["/* SPDX-License-Identifier: GPL-2.0-only */",
           "/* Generated by tests/fuzz/record_bridge.py on the 6.18 test VM: the topology",
           " * is in that script's docstring.  Hex of whole netlink messages. */",
           "#ifndef NP_FIXTURES_BRIDGE_H", "#define NP_FIXTURES_BRIDGE_H", ""]
    for name, (sel, msgs) in rec.items():
        if isinstance(msgs, bytes):
            msgs = [msgs]
        for i, m in enumerate(msgs):
            out.append("static const char fx_br_%s_%d[] =\n%s;" % (name, i, hexlines(m)))
            with open(os.path.join(corpus, "%s-%d" % (name, i)), "wb") as f:
                f.write(bytes([sel]) + m)
        out.append("#define FX_BR_%s_N %d" % (name.upper(), len(msgs)))
        out.append("")
    out.append("#endif")
    with open(fixtures, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    h, a = "np-recbr-h-%d" % os.getpid(), "np-recbr-a-%d" % os.getpid()
    try:
        stage(h, a)
        pid = os.fork()
        if pid == 0:  # record from inside h, write from there too
            enter(h)
            write(sys.argv[1], sys.argv[2], record())
            os._exit(0)
        _, st = os.waitpid(pid, 0)
        if st:
            sys.exit("recording failed")
    finally:
        for ns in (h, a):
            subprocess.run(["ip", "netns", "del", ns], stderr=subprocess.DEVNULL)
    print("wrote", sys.argv[1], "and", sys.argv[2])


if __name__ == "__main__":
    main()
