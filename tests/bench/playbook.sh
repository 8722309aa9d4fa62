#!/usr/bin/env bash
# Whole-process cost of a playbook run (hyperfine):
#   run rx, diagnose window=0   static checks only         target < 10 ms
#   run rx window=W   one shared window, beside `sleep W`  ratio <= 1.05
#   diagnose window=W several playbooks, ONE window, same ratio
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

# Exit statuses are verdicts (3: unknown), not failures: -i.
# window=0: static checks only, whole process.  window=W: paired with
# `sleep W` in the same hyperfine run (same load, same process start).
hyperfine -N -i --warmup 3 --runs "${RUNS0:-50}" --export-json "$tmp/h0.json" \
	"$NP -n $NS -c 'run rx port=5400 window=0'" \
	"$NP -n $NS -c 'diagnose port=5400 window=0'" >"$tmp/h0.txt" 2>&1 || { cat "$tmp/h0.txt"; exit 1; }
hyperfine -N -i --warmup 1 --runs "${RUNSW:-10}" --export-json "$tmp/hw.json" \
	"sleep $W" \
	"$NP -n $NS -c 'run rx port=5400 window=$W'" \
	"$NP -n $NS -c 'diagnose port=5400 window=$W'" >"$tmp/hw.txt" 2>&1 || { cat "$tmp/hw.txt"; exit 1; }

python3 - "$tmp/h0.json" "$tmp/hw.json" "$CHECK" <<'EOF'
import json, sys
h0 = json.load(open(sys.argv[1]))["results"]
hw = json.load(open(sys.argv[2]))["results"]
check = sys.argv[3] == "1"
miss = 0
def verdict(ok):
    global miss
    miss += not ok
    return "ok" if ok else "MISS"
for r in h0:
    med = r["median"] * 1000
    print(f"{r['command'].split(' -c ')[1]:<36} median {med:7.1f} ms  min {r['min']*1000:7.1f} ms"
          f"  target < 10 ms   {verdict(med < 10)}")
sleep = hw[0]
for r in hw[1:]:
    ratio = r["median"] / sleep["median"]
    print(f"{r['command'].split(' -c ')[1]:<36} median {r['median']*1000:7.1f} ms  min {r['min']*1000:7.1f} ms"
          f"  {sleep['command']} {sleep['median']*1000:7.1f} ms  ratio {ratio:.3f} (target <= 1.05)   "
          f"{verdict(ratio <= 1.05)}")
sys.exit(1 if check and miss else 0)
EOF
