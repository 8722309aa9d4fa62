#!/usr/bin/env python3
"""Which BPF program / link ids the kernel still holds, asked id by id.

Tests check that netpath's programs and links are gone without listing
every object on the host: `bpftool link show` aborts its whole listing
when another process's link is half set up (the kernel answers EAGAIN for
a link that has no id yet), and other tests attach links concurrently.

    bpfids.py prog|link ID...   prints the ids still live, exit 0
"""
import ctypes
import errno
import os
import struct
import sys
import time

# bpf(2) commands (uapi/linux/bpf.h) and the syscall number per machine.
_GET_FD_BY_ID = {"prog": 13, "link": 30}
_SYS_BPF = {"x86_64": 321, "aarch64": 280}[os.uname().machine]
_libc = ctypes.CDLL(None, use_errno=True)


def is_live(kind, obj_id):
    """True while the kernel still has the object; EAGAIN (not ready yet)
    is asked again, any other error raised."""
    attr = ctypes.create_string_buffer(struct.pack("=III", int(obj_id), 0, 0), 128)
    for _ in range(50):
        fd = _libc.syscall(_SYS_BPF, _GET_FD_BY_ID[kind], attr, 128)
        if fd >= 0:
            os.close(fd)
            return True
        err = ctypes.get_errno()
        if err == errno.ENOENT:
            return False
        if err != errno.EAGAIN:
            raise OSError(err, "bpf %s get_fd_by_id(%s): %s" % (kind, obj_id, os.strerror(err)))
        time.sleep(0.01)
    return True


def live(kind, ids):
    """The subset of ids still live."""
    return {i for i in ids if is_live(kind, i)}


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in _GET_FD_BY_ID:
        sys.exit("usage: bpfids.py prog|link ID...")
    print(" ".join(str(i) for i in sorted(live(sys.argv[1], map(int, sys.argv[2:])))))
