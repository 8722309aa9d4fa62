#!/usr/bin/env bash
# Scale benchmark for the rtnetlink commands, side by side with iproute2 in
# the same run: a namespace with 1,000,000 routes and 10,000 neighbours
# (filled in seconds by rt_fill.py: batched rtnetlink requests).
#   routes summary   vs ip route show table all  (target: ratio <= 0.5)
#   routes PREFIX    vs ip route show root PREFIX (target: ratio <= 0.5)
#   routes           vs ip route show            (full listing, reference)
#   neigh            vs ip neigh show            (target: ratio <= 1.0)
#   route get        vs ip route get             (target: ratio <= 1.5)
#   route get of a blackholed address, the same
#   peak RSS of every netpath command < 16 MB, whatever the size.
# Usage: tests/bench/scale_rtnl.sh [NETPATH] [--check]  (--check: exit 1 on
# a miss).  Needs root, hyperfine and /usr/bin/time (Debian package `time`).
# ROUTES=, NEIGHS= resize, RUNS= sets hyperfine's runs.
set -euo pipefail
NP=./build/netpath
CHECK=0
for a in "$@"; do
	case $a in
	--check) CHECK=1 ;;
	*) NP=$a ;;
	esac
done
[ "$(id -u)" -eq 0 ] || { echo "needs root"; exit 77; }
command -v hyperfine >/dev/null || { echo "hyperfine missing"; exit 77; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing (apt-get install time)"; exit 77; }
[ -x "$NP" ] || { echo "no netpath binary at $NP"; exit 77; }
NP=$(realpath "$NP")

NS=np-rtnl-bench-$$
ROUTES=${ROUTES:-1000000}
NEIGHS=${NEIGHS:-10000}
RUNS=${RUNS:-10}
tmp=$(mktemp -d /tmp/np-rtnl-bench.XXXXXX)
cleanup() {
	ip netns del "$NS" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

ip netns add "$NS"
ip -n "$NS" link add bva type veth peer name bvb
ip -n "$NS" addr add 10.200.0.1/16 dev bva
ip -n "$NS" link set bva up
ip -n "$NS" link set bvb up
ip -n "$NS" link set lo up
# /32 routes in 100.64.0.0/10 via one gateway; permanent neighbours in
# 10.200.0.0/16 (permanent entries do not count against gc_thresh3, so the
# host-wide table limits are left alone); one blackhole.
ip netns exec "$NS" python3 "$(dirname "$0")/rt_fill.py" "$ROUTES" 10.200.0.2 bva "$NEIGHS" 10.200.0.0
ip -n "$NS" route add blackhole 198.18.0.0/15
echo "namespace $NS: $(ip -n "$NS" route show | wc -l) routes in main, $(ip -n "$NS" neigh show | wc -l) neighbours"

# One hyperfine run per pair so the two sides share warm caches and load.
bench() { # NAME CMD...
	local name=$1
	shift
	hyperfine -N -i --warmup 1 --runs "${BRUNS:-$RUNS}" --export-json "$tmp/$name.json" "$@" >"$tmp/$name.txt" 2>&1 ||
		{ cat "$tmp/$name.txt"; exit 1; }
}
mean_ms() { # FILE INDEX
	python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"] * 1000))' "$1" "$2"
}
peak_mb() { # peak RSS over 5 runs, MB
	local max=0 v
	for _ in 1 2 3 4 5; do
		v=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)
		[ "$v" -gt "$max" ] && max=$v
	done
	python3 -c "print('%.1f' % ($max / 1024))"
}

bench summary "$NP -n $NS -c 'routes summary'" "ip -n $NS route show table all"
bench prefix "$NP -n $NS -c 'routes 100.64.100.0/24'" "ip -n $NS route show root 100.64.100.0/24"
bench listing "$NP -n $NS -c routes" "ip -n $NS route show"
# Millisecond-scale commands: three times the runs, for a stable median.
BRUNS=$((RUNS * 3)) bench neigh "$NP -n $NS -c neigh" "ip -n $NS neigh show"
BRUNS=$((RUNS * 3)) bench get "$NP -n $NS -c 'route get 100.64.100.7'" "ip -n $NS route get 100.64.100.7"
# A rejecting answer stays constant time; `locate` adds a kernel-filtered
# dump to find the blackhole route's table (reported, no target).
BRUNS=$((RUNS * 3)) bench getbh "$NP -n $NS -c 'route get 198.18.0.1'" "ip -n $NS route get 198.18.0.1" \
	"$NP -n $NS -c 'route get 198.18.0.1 locate'"

misses=0
row() { # LABEL PEER FILE TARGET_RATIO RSS_CMD...
	local label=$1 peer=$2 f=$3 target=$4
	shift 4
	local a b ratio rss verdict=ok
	a=$(mean_ms "$f" 0)
	b=$(mean_ms "$f" 1)
	ratio=$(python3 -c "print('%.2f' % ($a / $b))")
	rss=$(peak_mb "$@")
	local ttext="target <= $target"
	if [ "$target" = - ]; then
		ttext="no target"
		python3 -c "import sys; sys.exit(0 if $rss < 16 else 1)" || { verdict=MISS; misses=$((misses + 1)); }
	elif python3 -c "import sys; sys.exit(0 if $ratio <= $target and $rss < 16 else 1)"; then :; else
		verdict=MISS
		misses=$((misses + 1))
	fi
	printf '%-16s netpath %8s ms   %-28s %8s ms   ratio %5s (%s)   peak RSS %5s MB   %s\n' \
		"$label" "$a" "$peer" "$b" "$ratio" "$ttext" "$rss" "$verdict"
}
echo
row "routes summary" "ip route show table all" "$tmp/summary.json" 0.5 "$NP" -n "$NS" -c 'routes summary'
row "routes PREFIX" "ip route show root PREFIX" "$tmp/prefix.json" 0.5 "$NP" -n "$NS" -c 'routes 100.64.100.0/24'
row "routes (list)" "ip route show" "$tmp/listing.json" - "$NP" -n "$NS" -c routes
row "neigh" "ip neigh show" "$tmp/neigh.json" 1.0 "$NP" -n "$NS" -c neigh
# route get is constant time, one request: process start dominates, so it
# has startup.sh's whole-process target (<= 1.5x), paired with ip route get
# (absolute times on this shared host follow the load).
row "route get" "ip route get" "$tmp/get.json" 1.5 "$NP" -n "$NS" -c 'route get 100.64.100.7'
row "get blackhole" "ip route get" "$tmp/getbh.json" 1.5 "$NP" -n "$NS" -c 'route get 198.18.0.1'
echo "                 (route get 198.18.0.1 locate: $(mean_ms "$tmp/getbh.json" 2) ms, a type-filtered dump: O(routes))"
echo "(medians of $RUNS runs, $((RUNS * 3)) for the millisecond ones; load average $(cut -d' ' -f1-3 /proc/loadavg))"
[ "$CHECK" -eq 0 ] || [ "$misses" -eq 0 ]
