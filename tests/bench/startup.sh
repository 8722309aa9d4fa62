#!/usr/bin/env bash
# Whole-process cost of `netpath -c 'link lo'` next to `ip -s link show lo`:
# hyperfine side by side (mean ratio) and peak RSS via /usr/bin/time -f %M.
# Targets: ratio <= 1.5, netpath peak RSS < 15 MB.
# Usage: tests/bench/startup.sh [NETPATH] [--check]   (--check: exit 1 on a miss)
# Needs hyperfine and /usr/bin/time (Debian package `time`).
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
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing (apt-get install time)"; exit 77; }
[ -x "$NP" ] || { echo "no netpath binary at $NP"; exit 77; }

RUNS=${RUNS:-300}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# -N: no intermediate shell, so the figures are the processes themselves.
hyperfine -N --warmup 30 --runs "$RUNS" --export-json "$tmp/h.json" \
	"$NP -c 'link lo'" "ip -s link show lo" >"$tmp/h.txt" 2>&1 ||
	{ cat "$tmp/h.txt"; exit 1; }

# Peak RSS (KiB): the highest of 20 runs each.
peak() {
	local max=0 v
	for _ in $(seq 20); do
		v=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)
		[ "$v" -gt "$max" ] && max=$v
	done
	echo "$max"
}
np_rss=$(peak "$NP" -c 'link lo')
ip_rss=$(peak ip -s link show lo)

python3 - "$tmp/h.json" "$np_rss" "$ip_rss" "$CHECK" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
np_rss, ip_rss, check = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
def ms(x): return x * 1000
n, i = r[0], r[1]
print(f"{'command':32} {'mean ms':>8} {'median':>8} {'min':>8} {'stddev':>8} {'peak RSS':>10}")
for x, rss in ((n, np_rss), (i, ip_rss)):
    print(f"{x['command']:32} {ms(x['mean']):8.2f} {ms(x['median']):8.2f} {ms(x['min']):8.2f} "
          f"{ms(x['stddev']):8.2f} {rss/1024:8.1f}MB")
ratio = n["mean"] / i["mean"]
mratio = n["median"] / i["median"]
minratio = n["min"] / i["min"]
ok_t = ratio <= 1.5
ok_m = np_rss < 15 * 1024
load = open("/proc/loadavg").read().split()[0]
print(f"load average {load}: on a busy host the spread is wide; min is the least noisy figure")
print(f"ratio netpath/ip: mean {ratio:.2f}x, median {mratio:.2f}x, min {minratio:.2f}x "
      f"(target: mean <= 1.5x): {'PASS' if ok_t else 'FAIL'}")
print(f"netpath peak RSS {np_rss/1024:.1f} MB (target < 15 MB): {'PASS' if ok_m else 'FAIL'}")
sys.exit(1 if check and not (ok_t and ok_m) else 0)
PY
