#!/usr/bin/env bash
# Whole-process cost of a playbook run (hyperfine):
#   run rx window=0   static checks only        target < 100 ms
#   run rx window=W   one shared window         target < W + 200 ms
#   diagnose window=W several playbooks, ONE window, same target
# in a scratch namespace with a UDP listener on the port (root: the drop
# probe needs CAP_BPF; without it the figures are for the probe-less run).
# Usage: tests/bench/playbook.sh [NETPATH] [--check]   (--check: exit 1 on a miss)
set -euo pipefail
NP=./build/netpath
CHECK=0
for a in "$@"; do
	case $a in
	--check) CHECK=1 ;;
	*) NP=$a ;;
	esac
done
command -v hyperfine >/dev/null || { echo "hyperfine missing"; exit 77; }
[ -x "$NP" ] || { echo "no netpath binary at $NP"; exit 77; }
[ "$(id -u)" = 0 ] || { echo "needs root (namespace, probe)"; exit 77; }
NP=$(readlink -f "$NP")
W=${W:-1}
NS=np-playbook-bench-$$
tmp=$(mktemp -d)
PID=
# No `set -e` in here: `wait` on the killed listener returns 143 and would
# abort the trap before the namespace is deleted.
cleanup() {
	set +e
	if [ -n "$PID" ]; then
		kill "$PID" 2>/dev/null
		wait "$PID" 2>/dev/null
	fi
	ip netns del "$NS" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

ip netns add "$NS"
ip -n "$NS" link set lo up
# A listener for the port, bounded in time.
ip netns exec "$NS" timeout 600 python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 5400))
s.settimeout(1)
while True:
    try: s.recv(4096)
    except OSError: pass
' &
PID=$!
for _ in $(seq 50); do
	ip netns exec "$NS" ss -uln | grep -q ':5400 ' && break
	sleep 0.1
done

hyperfine -N --warmup 3 --runs "${RUNS0:-50}" --export-json "$tmp/h0.json" \
	"$NP -n $NS -c 'run rx port=5400 window=0'" >"$tmp/h0.txt" 2>&1 || { cat "$tmp/h0.txt"; exit 1; }
hyperfine -N --warmup 1 --runs "${RUNSW:-5}" --export-json "$tmp/hw.json" \
	"$NP -n $NS -c 'run rx port=5400 window=$W'" \
	"$NP -n $NS -c 'diagnose port=5400 window=$W'" >"$tmp/hw.txt" 2>&1 || { cat "$tmp/hw.txt"; exit 1; }

python3 - "$tmp/h0.json" "$tmp/hw.json" "$W" "$CHECK" <<'EOF'
import json, sys
h0 = json.load(open(sys.argv[1]))["results"]
hw = json.load(open(sys.argv[2]))["results"]
w, check = float(sys.argv[3]), sys.argv[4] == "1"
miss = 0
def row(r, limit):
    global miss
    ok = r["max"] < limit
    miss += not ok
    print(f"{r['command'].split(' -c ')[1]:<40} mean {r['mean']*1000:8.1f} ms  "
          f"max {r['max']*1000:8.1f} ms  limit {limit*1000:6.0f} ms  {'ok' if ok else 'MISS'}")
for r in h0:
    row(r, 0.100)
for r in hw:
    row(r, w + 0.200)
sys.exit(1 if check and miss else 0)
EOF
