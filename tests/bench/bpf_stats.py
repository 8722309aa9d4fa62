#!/usr/bin/env python3
# Hold BPF run-time statistics on (BPF_ENABLE_STATS: enabled only while the
# returned fd is open, so nothing stays changed on the host) for SECONDS,
# then exit.  Usage: bpf_stats.py SECONDS
import ctypes, os, sys, time

BPF_ENABLE_STATS = 32
SYS_BPF = 321  # x86_64
libc = ctypes.CDLL(None, use_errno=True)
attr = (ctypes.c_uint8 * 128)()  # union bpf_attr; enable_stats.type = 0 (run time)
fd = libc.syscall(SYS_BPF, BPF_ENABLE_STATS, ctypes.byref(attr), ctypes.sizeof(attr))
if fd < 0:
    print("BPF_ENABLE_STATS:", os.strerror(ctypes.get_errno()), file=sys.stderr)
    sys.exit(1)
print("stats on", flush=True)
time.sleep(float(sys.argv[1]))
os.close(fd)
